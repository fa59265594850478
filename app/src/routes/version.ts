import { answerJson } from "../answerJson";
import type { AppConfig } from "../config";
import type { Routes } from "../routeTable";

/** GET /api/version: what is running, where. */
export function versionRoutes(routes: Routes, config: AppConfig): void {
  const version = {
    version: config.APP_VERSION,
    commit: config.GIT_COMMIT,
    environment: config.ENVIRONMENT,
    platform: config.PLATFORM,
    node: process.version,
  };
  routes.get("/api/version", (ctx) => {
    answerJson(ctx, version);
  });
}
