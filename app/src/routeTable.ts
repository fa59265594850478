import FindMyWay, { type HTTPMethod } from "find-my-way";
import type { Middleware, Next, ParameterizedContext } from "koa";
import compose from "koa-compose";

declare module "koa" {
  interface DefaultContext {
    /** The path parameters of the route that served the request, decoded (e.g. `id`). */
    params: Record<string, string>;
    /** The pattern of the route that served the request (e.g. /api/v1/items/:id); unset when none did. */
    routePattern?: string;
  }
}

/** Where the route modules register what they serve. A GET route answers HEAD too. */
export interface Routes {
  get(path: string, ...middleware: Middleware[]): void;
  post(path: string, ...middleware: Middleware[]): void;
  patch(path: string, ...middleware: Middleware[]): void;
  delete(path: string, ...middleware: Middleware[]): void;
}

interface Route {
  pattern: string;
  serve: (ctx: ParameterizedContext, next: Next) => unknown;
}

/** What a route's last middleware gets as `next`: nothing comes after a route. */
const END_OF_ROUTE: Next = () => Promise.resolve();

/**
 * The app's routes in one radix tree (find-my-way): a request costs one look-up, and each
 * route's middleware is composed once, when it is registered. An unrouted request is thrown as a
 * 404, or, for a path that other methods serve, a 405 with `Allow`; `OPTIONS` on such a path
 * answers 204 with `Allow`. Trailing slashes are ignored; paths are case-sensitive.
 */
export class RouteTable implements Routes {
  private readonly tree = FindMyWay({ ignoreTrailingSlash: true });
  private readonly methods = new Set<HTTPMethod>();

  get(path: string, ...middleware: Middleware[]): void {
    this.add(["GET", "HEAD"], path, middleware);
  }

  post(path: string, ...middleware: Middleware[]): void {
    this.add(["POST"], path, middleware);
  }

  patch(path: string, ...middleware: Middleware[]): void {
    this.add(["PATCH"], path, middleware);
  }

  delete(path: string, ...middleware: Middleware[]): void {
    this.add(["DELETE"], path, middleware);
  }

  /** The Koa middleware that serves the routes; it never calls `next`. */
  middleware(): Middleware {
    return (ctx) => {
      const found = this.tree.find(ctx.method as HTTPMethod, ctx.path);
      if (found) {
        const route = found.store as Route;
        ctx.params = found.params as Record<string, string>;
        ctx.routePattern = route.pattern;
        return route.serve(ctx, END_OF_ROUTE);
      }
      const allowed = this.methodsServing(ctx.path);
      if (allowed.length === 0) ctx.throw(404, `no route for ${ctx.method} ${ctx.path}`);
      ctx.set("Allow", allowed.join(", "));
      if (ctx.method === "OPTIONS") {
        ctx.status = 204;
        return;
      }
      ctx.throw(405, `${ctx.method} is not allowed on ${ctx.path}; allowed: ${allowed.join(", ")}`);
    };
  }

  private add(methods: HTTPMethod[], pattern: string, middleware: Middleware[]): void {
    const route: Route = { pattern, serve: middleware.length === 1 ? middleware[0] : compose(middleware) };
    for (const method of methods) {
      this.methods.add(method);
      this.tree.on(method, pattern, () => undefined, route);
    }
  }

  private methodsServing(path: string): HTTPMethod[] {
    return [...this.methods].filter((method) => this.tree.find(method, path) !== null);
  }
}
