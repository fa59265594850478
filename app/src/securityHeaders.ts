import type { IncomingMessage, ServerResponse } from "node:http";
import helmet from "helmet";

/**
 * The security headers every answer carries, as helmet computes them (CSP `default-src 'self'`,
 * `nosniff`, `X-Frame-Options`, …), computed once at start-up instead of per request. Names are
 * in lower case, the form Node keeps them in, so setting them costs no re-casing per request.
 */
export function securityHeaders(): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: string | number | readonly string[]) => {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : String(value);
    },
    removeHeader: (name: string) => delete headers[name.toLowerCase()],
  } as unknown as ServerResponse;
  helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } })(
    {} as IncomingMessage,
    recorder,
    () => undefined,
  );
  return Object.freeze(headers);
}
