import type { RequestListener } from "node:http";
import { join } from "node:path";
import Koa from "koa";
import type { AppConfig } from "./config";
import { ItemStore } from "./items/itemStore";
import type { Lifecycle } from "./lifecycle";
import type { Logger } from "./logger";
import type { AppMetrics } from "./metrics";
import { observeAnswer } from "./middleware/observeAnswer";
import { stampAnswer } from "./middleware/stampAnswer";
import { probeResponder } from "./probes";
import { RouteTable } from "./routeTable";
import { dashboardRoutes } from "./routes/dashboard";
import { healthRoutes } from "./routes/health";
import { itemRoutes } from "./routes/items";
import { metricsRoutes } from "./routes/metrics";
import { versionRoutes } from "./routes/version";
import { securityHeaders } from "./securityHeaders";

/** app/public, one level above this file both in src/ and bundled into dist/. */
const PUBLIC_DIR = join(__dirname, "..", "public");

/** What the app is built from; the caller owns each piece. */
export interface AppDeps {
  config: AppConfig;
  logger: Logger;
  metrics: AppMetrics;
  lifecycle: Lifecycle;
}

/** The app, as node:http serves it. */
export interface App {
  /** The request listener: probes first, then the Koa app. */
  callback(): RequestListener;
}

/**
 * The app: probes (`/health`, `/ready`) answered in front of everything (see probeResponder);
 * every other request through two layers before the routes: one that stamps the answer's
 * headers (request id, security headers, drain), and one that turns errors and unrouted
 * requests into JSON answers, then counts, times and logs the request. Few layers, because each
 * costs Koa a promise and a bound function per request.
 */
export function createApp({ config, logger, metrics, lifecycle }: AppDeps): App {
  const headers = securityHeaders();
  const koa = new Koa();
  koa.silent = true;
  const routes = new RouteTable();
  dashboardRoutes(routes, PUBLIC_DIR);
  healthRoutes(routes, lifecycle);
  versionRoutes(routes, config);
  itemRoutes(routes, new ItemStore(config.ITEMS_MAX));
  metricsRoutes(routes, metrics);

  koa.use(stampAnswer(headers, lifecycle));
  koa.use(observeAnswer(logger, metrics));
  koa.use(routes.middleware());

  const probe = probeResponder({ lifecycle, logger, headers, metrics });
  return {
    callback: () => {
      const handle = koa.callback();
      return (req, res) => {
        if (!probe(req, res)) void handle(req, res);
      };
    },
  };
}
