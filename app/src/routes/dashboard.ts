import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Routes } from "../routeTable";

/** The dashboard's files, served from app/public; read once at start-up. */
const ASSETS: Record<string, { file: string; type: string }> = {
  "/": { file: "index.html", type: "text/html; charset=utf-8" },
  "/dashboard.js": { file: "dashboard.js", type: "text/javascript; charset=utf-8" },
  "/dashboard.css": { file: "dashboard.css", type: "text/css; charset=utf-8" },
};

/** GET / and its script and stylesheet from `publicDir` (app/public): a self-contained page, no CDN. */
export function dashboardRoutes(routes: Routes, publicDir: string): void {
  for (const [path, asset] of Object.entries(ASSETS)) {
    const body = readFileSync(join(publicDir, asset.file));
    routes.get(path, (ctx) => {
      ctx.type = asset.type;
      ctx.set("Cache-Control", "no-cache");
      ctx.body = body;
    });
  }
}
