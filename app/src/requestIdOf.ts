import { randomUUID } from "node:crypto";

/** The header that carries a request's id, in and out; lower case, as Node stores header names. */
export const REQUEST_ID_HEADER = "x-request-id";
const SAFE_ID = /^[\w.:-]{1,128}$/;

/** The caller's X-Request-Id when it is sane, or a new UUID. */
export function requestIdOf(incoming: string | string[] | undefined): string {
  return typeof incoming === "string" && SAFE_ID.test(incoming) ? incoming : randomUUID();
}
