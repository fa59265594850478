import Router from "@koa/router";
import type { AppConfig } from "../config";

/** GET /api/version: what is running, where. */
export function versionRoutes(config: AppConfig): Router {
  const router = new Router();
  const version = {
    version: config.APP_VERSION,
    commit: config.GIT_COMMIT,
    environment: config.ENVIRONMENT,
    platform: config.PLATFORM,
    node: process.version,
  };
  router.get("/api/version", (ctx) => {
    ctx.body = version;
  });
  return router;
}
