import Router from "@koa/router";
import Koa from "koa";
import helmet from "koa-helmet";
import type { AppConfig } from "./config";
import { ItemStore } from "./items/itemStore";
import type { Lifecycle } from "./lifecycle";
import type { Logger } from "./logger";
import type { AppMetrics } from "./metrics";
import { drainConnections } from "./middleware/drainConnections";
import { errorHandler } from "./middleware/errorHandler";
import { httpMetrics } from "./middleware/httpMetrics";
import { requestId } from "./middleware/requestId";
import { requestLog } from "./middleware/requestLog";
import { unrouted } from "./middleware/unrouted";
import { dashboardRoutes } from "./routes/dashboard";
import { healthRoutes } from "./routes/health";
import { itemRoutes } from "./routes/items";
import { metricsRoutes } from "./routes/metrics";
import { versionRoutes } from "./routes/version";

/** What the app is built from; the caller owns each piece. */
export interface AppDeps {
  config: AppConfig;
  logger: Logger;
  metrics: AppMetrics;
  lifecycle: Lifecycle;
}

/** The Koa app: middleware in order, a JSON 404 for what no route takes, then every route. */
export function createApp({ config, logger, metrics, lifecycle }: AppDeps): Koa {
  const app = new Koa();
  app.silent = true;
  const router = new Router();
  for (const routes of [
    dashboardRoutes(),
    healthRoutes(lifecycle),
    versionRoutes(config),
    itemRoutes(new ItemStore(config.ITEMS_MAX)),
    metricsRoutes(metrics),
  ]) {
    router.use(routes.routes());
  }

  app.use(requestId());
  app.use(requestLog(logger));
  app.use(httpMetrics(metrics));
  app.use(errorHandler(logger));
  app.use(drainConnections(lifecycle));
  app.use(helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } }));
  app.use(unrouted());
  app.use(router.routes());
  app.use(router.allowedMethods());
  return app;
}
