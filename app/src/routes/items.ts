import { createItemSchema, listQuerySchema, updateItemSchema } from "../items/itemSchema";
import type { ItemStore } from "../items/itemStore";
import { answerJson } from "../answerJson";
import { jsonBody } from "../middleware/jsonBody";
import type { Routes } from "../routeTable";
import { parseOr400 } from "./validate";

const PREFIX = "/api/v1/items";

/** CRUD on /api/v1/items over the given store. */
export function itemRoutes(routes: Routes, store: ItemStore): void {
  const notFound = (id: string): never => {
    const err = Object.assign(new Error(`no item with id '${id}'`), { status: 404, expose: true });
    throw err;
  };

  // Only the routes that take a body parse one: a read pays for no body-parsing layer.
  const body = jsonBody();

  routes.post(PREFIX, body, (ctx) => {
    const item = store.create(parseOr400(createItemSchema, ctx.request.body));
    ctx.status = 201;
    ctx.set("Location", `${PREFIX}/${item.id}`);
    answerJson(ctx, item);
  });

  routes.get(PREFIX, (ctx) => {
    const query = parseOr400(listQuerySchema, ctx.query);
    answerJson(ctx, store.list(query.limit, query.cursor));
  });

  routes.get(`${PREFIX}/:id`, (ctx) => {
    answerJson(ctx, store.get(ctx.params.id) ?? notFound(ctx.params.id));
  });

  routes.patch(`${PREFIX}/:id`, body, (ctx) => {
    const patch = parseOr400(updateItemSchema, ctx.request.body);
    answerJson(ctx, store.update(ctx.params.id, patch) ?? notFound(ctx.params.id));
  });

  routes.delete(`${PREFIX}/:id`, (ctx) => {
    if (!store.delete(ctx.params.id)) notFound(ctx.params.id);
    ctx.status = 204;
  });
}
