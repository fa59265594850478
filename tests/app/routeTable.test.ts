import assert from "node:assert/strict";
import Koa from "koa";
import request from "supertest";
import { RouteTable } from "../../app/src/routeTable";

/** A Koa app serving a RouteTable, its errors answered as `{status, message}` JSON. */
function appWith(register: (routes: RouteTable) => void): Koa {
  const routes = new RouteTable();
  register(routes);
  const koa = new Koa();
  koa.silent = true;
  koa.use(async (ctx, next) => {
    try {
      await next();
    } catch (err) {
      const { status, message } = err as { status: number; message: string };
      ctx.status = status;
      ctx.body = { status, message };
    }
  });
  koa.use(routes.middleware());
  return koa;
}

describe("app: the route table", () => {
  const seen: string[] = [];
  const koa = appWith((routes) => {
    routes.get("/things/:id", (ctx) => {
      ctx.body = { id: ctx.params.id, pattern: ctx.routePattern };
    });
    routes.post(
      "/things",
      async (_ctx, next) => {
        seen.push("first");
        await next();
        seen.push("after");
      },
      (ctx) => {
        seen.push("second");
        ctx.status = 201;
        ctx.body = { created: true };
      },
    );
    routes.delete("/things/:id", (ctx) => {
      ctx.status = 204;
    });
  });
  const server = koa.callback();

  it("gives a route its decoded parameters and its pattern, with or without a trailing slash", async () => {
    const res = await request(server).get("/things/a%20b").expect(200);
    assert.deepEqual(res.body, { id: "a b", pattern: "/things/:id" });
    await request(server).get("/things/c/").expect(200, { id: "c", pattern: "/things/:id" });
  });

  it("answers HEAD wherever GET is served, without a body", async () => {
    const res = await request(server).head("/things/a").expect(200);
    assert.equal(res.text, undefined);
  });

  it("runs a route's middleware in order, composed once", async () => {
    seen.length = 0;
    await request(server).post("/things").expect(201, { created: true });
    assert.deepEqual(seen, ["first", "second", "after"]);
  });

  it("throws a 404 for a path no route serves; paths are case-sensitive", async () => {
    await request(server).get("/nowhere").expect(404, { status: 404, message: "no route for GET /nowhere" });
    await request(server).get("/THINGS/a").expect(404);
  });

  it("throws a 405 naming the methods a known path allows, and sets Allow", async () => {
    const res = await request(server).put("/things/a").expect(405);
    assert.deepEqual(res.body, { status: 405, message: "PUT is not allowed on /things/a; allowed: GET, HEAD, DELETE" });
    assert.equal(res.headers.allow, "GET, HEAD, DELETE");
  });

  it("answers OPTIONS on a known path with 204 and Allow", async () => {
    const res = await request(server).options("/things").expect(204);
    assert.equal(res.headers.allow, "POST");
  });
});
