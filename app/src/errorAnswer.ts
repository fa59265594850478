import type { Context } from "koa";
import { answerJson } from "./answerJson";
import type { Logger } from "./logger";

interface HttpishError {
  status?: number;
  statusCode?: number;
  expose?: boolean;
  message?: string;
  field?: string;
}

/**
 * Turns a thrown error into a JSON answer `{error: {status, message}}`. Client errors (and
 * server errors marked `expose`) keep their message; any other error is logged with its stack
 * and answered with a generic 500, so no stack trace or internal detail reaches a client.
 */
export function answerError(ctx: Context, thrown: unknown, logger: Logger): void {
  const err = (thrown ?? {}) as HttpishError;
  const status = err.status ?? err.statusCode ?? 500;
  const valid = Number.isInteger(status) && status >= 400 && status <= 599;
  const exposed = valid && (status < 500 ? err.expose !== false : err.expose === true);
  if (!exposed) logger.error({ err: thrown, requestId: ctx.state.requestId }, "request failed");
  ctx.status = exposed ? status : 500;
  answerJson(ctx, {
    error: {
      status: ctx.status,
      message: exposed ? err.message : "Internal Server Error",
      ...(exposed && err.field ? { field: err.field } : {}),
    },
  });
}
