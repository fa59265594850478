import type { Context } from "koa";

/**
 * Answers `value` as JSON text (`application/json; charset=utf-8`). Koa sends a string body
 * straight to the socket; an object body first passes `instanceof Response`, and that global
 * makes Node load its whole fetch implementation (undici), ~3 MiB resident for good, on the
 * first JSON answer (docs/benchmarks.md).
 */
export function answerJson(ctx: Context, value: unknown): void {
  ctx.type = "application/json";
  ctx.body = JSON.stringify(value);
}
