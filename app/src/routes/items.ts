import Router from "@koa/router";
import { createItemSchema, listQuerySchema, updateItemSchema } from "../items/itemSchema";
import type { ItemStore } from "../items/itemStore";
import { jsonBody } from "../middleware/jsonBody";
import { parseOr400 } from "./validate";

const PREFIX = "/api/v1/items";

/** CRUD on /api/v1/items over the given store. */
export function itemRoutes(store: ItemStore): Router {
  const router = new Router({ prefix: PREFIX });
  const notFound = (id: string): never => {
    const err = Object.assign(new Error(`no item with id '${id}'`), { status: 404, expose: true });
    throw err;
  };

  // Only the routes that take a body parse one: a read pays for no body-parsing layer.
  const body = jsonBody();

  router.post("/", body, (ctx) => {
    const item = store.create(parseOr400(createItemSchema, ctx.request.body));
    ctx.status = 201;
    ctx.set("Location", `${PREFIX}/${item.id}`);
    ctx.body = item;
  });

  router.get("/", (ctx) => {
    const query = parseOr400(listQuerySchema, ctx.query);
    ctx.body = store.list(query.limit, query.cursor);
  });

  router.get("/:id", (ctx) => {
    ctx.body = store.get(ctx.params.id) ?? notFound(ctx.params.id);
  });

  router.patch("/:id", body, (ctx) => {
    const patch = parseOr400(updateItemSchema, ctx.request.body);
    ctx.body = store.update(ctx.params.id, patch) ?? notFound(ctx.params.id);
  });

  router.delete("/:id", (ctx) => {
    if (!store.delete(ctx.params.id)) notFound(ctx.params.id);
    ctx.status = 204;
  });

  return router;
}
