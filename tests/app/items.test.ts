import assert from "node:assert/strict";
import request from "supertest";
import { startTestServer, type TestServer } from "../support/appServer";

const ITEMS = "/api/v1/items";

describe("app: /api/v1/items", () => {
  let server: TestServer;
  let api: ReturnType<typeof request>;
  before(async () => {
    server = await startTestServer({ ITEMS_MAX: "30" });
    api = request(server.baseUrl);
  });
  after(() => server.stop());

  describe("create, get, update, delete", () => {
    it("creates an item and answers 201 with its location", async () => {
      const res = await api.post(ITEMS).send({ name: "first", description: "the first one" }).expect(201);
      assert.match(res.body.id, /^[0-9a-f-]{36}$/);
      assert.equal(res.body.name, "first");
      assert.equal(res.body.description, "the first one");
      assert.equal(res.body.createdAt, res.body.updatedAt);
      assert.ok(!Number.isNaN(Date.parse(res.body.createdAt)));
      assert.equal(res.headers.location, `${ITEMS}/${res.body.id}`);
    });

    it("gets, updates and deletes an item by id", async () => {
      const created = (await api.post(ITEMS).send({ name: "to change" }).expect(201)).body;
      assert.deepEqual((await api.get(`${ITEMS}/${created.id}`).expect(200)).body, created);

      const updated = (await api.patch(`${ITEMS}/${created.id}`).send({ description: "now described" }).expect(200))
        .body;
      assert.equal(updated.name, "to change");
      assert.equal(updated.description, "now described");
      assert.equal(updated.createdAt, created.createdAt);
      assert.ok(Date.parse(updated.updatedAt) >= Date.parse(created.updatedAt));

      await api.delete(`${ITEMS}/${created.id}`).expect(204);
      await api.get(`${ITEMS}/${created.id}`).expect(404);
    });

    it("answers a JSON 404 naming an unknown id on get, update and delete", async () => {
      const id = "00000000-0000-0000-0000-000000000000";
      for (const res of [
        await api.get(`${ITEMS}/${id}`),
        await api.patch(`${ITEMS}/${id}`).send({ name: "x" }),
        await api.delete(`${ITEMS}/${id}`),
      ]) {
        assert.equal(res.status, 404);
        assert.deepEqual(res.body, { error: { status: 404, message: `no item with id '${id}'` } });
      }
    });
  });

  describe("list", () => {
    it("pages through every item in creation order with nextCursor", async () => {
      const fresh = await startTestServer();
      try {
        const names = Array.from({ length: 7 }, (_, i) => `item-${i}`);
        for (const name of names) await request(fresh.baseUrl).post(ITEMS).send({ name }).expect(201);
        const seen: string[] = [];
        let cursor: string | undefined;
        let pages = 0;
        do {
          const res = await request(fresh.baseUrl)
            .get(ITEMS)
            .query({ limit: 3, ...(cursor ? { cursor } : {}) })
            .expect(200);
          assert.ok(res.body.items.length <= 3);
          seen.push(...res.body.items.map((item: { name: string }) => item.name));
          cursor = res.body.nextCursor;
          pages += 1;
        } while (cursor);
        assert.deepEqual(seen, names);
        assert.equal(pages, 3);
      } finally {
        await fresh.stop();
      }
    });

    it("defaults to 20 items a page", async () => {
      const fresh = await startTestServer();
      try {
        for (let i = 0; i < 21; i++)
          await request(fresh.baseUrl)
            .post(ITEMS)
            .send({ name: `n${i}` })
            .expect(201);
        const res = await request(fresh.baseUrl).get(ITEMS).expect(200);
        assert.equal(res.body.items.length, 20);
        assert.equal(typeof res.body.nextCursor, "string");
      } finally {
        await fresh.stop();
      }
    });

    for (const [query, message, field] of [
      [{ limit: 0 }, "limit must be a whole number from 1 to 100", "limit"],
      [{ limit: 101 }, "limit must be a whole number from 1 to 100", "limit"],
      [{ limit: "ten" }, "limit must be a whole number from 1 to 100", "limit"],
      [{ cursor: "abc" }, "cursor must be a nextCursor from an earlier page", "cursor"],
      [{ page: 2 }, "unknown query parameter 'page'", "page"],
    ] as const) {
      it(`answers 400 for query ${JSON.stringify(query)}`, async () => {
        const res = await api.get(ITEMS).query(query).expect(400);
        assert.deepEqual(res.body, { error: { status: 400, message, ...(field ? { field } : {}) } });
      });
    }
  });

  describe("bad bodies", () => {
    const cases: Array<[string, unknown, string, string | undefined]> = [
      ["a missing name", { description: "no name" }, "name is required", "name"],
      ["an empty name", { name: "" }, "name must be 1 to 100 characters", "name"],
      ["a blank name", { name: "   " }, "name must be 1 to 100 characters", "name"],
      ["a 101-character name", { name: "n".repeat(101) }, "name must be 1 to 100 characters", "name"],
      ["a name that is not a string", { name: 42 }, "name must be a string", "name"],
      [
        "a 1001-character description",
        { name: "ok", description: "d".repeat(1001) },
        "description must be at most 1000 characters",
        "description",
      ],
      ["an unknown field", { name: "ok", colour: "red" }, "unknown field 'colour'", "colour"],
      ["a JSON array", [{ name: "ok" }], "body must be a JSON object", undefined],
    ];
    for (const [what, body, message, field] of cases) {
      it(`answers 400 naming the problem for ${what}`, async () => {
        const res = await api
          .post(ITEMS)
          .send(body as object)
          .expect(400);
        assert.deepEqual(res.body, { error: { status: 400, message, ...(field ? { field } : {}) } });
      });
    }

    it("accepts a 100-character name and a 1000-character description", async () => {
      await api
        .post(ITEMS)
        .send({ name: "n".repeat(100), description: "d".repeat(1000) })
        .expect(201);
    });

    it("answers 400 for an update that sets nothing", async () => {
      const created = (await api.post(ITEMS).send({ name: "patch me" }).expect(201)).body;
      const res = await api.patch(`${ITEMS}/${created.id}`).send({}).expect(400);
      assert.equal(res.body.error.message, "body must set name or description");
    });

    it("answers 400 for malformed JSON", async () => {
      const res = await api.post(ITEMS).set("Content-Type", "application/json").send('{"name": "oops"').expect(400);
      assert.deepEqual(res.body, { error: { status: 400, message: "request body is not valid JSON" } });
    });

    it("answers 415 when the body is not JSON", async () => {
      const res = await api.post(ITEMS).set("Content-Type", "text/plain").send("name=plain").expect(415);
      assert.deepEqual(res.body, { error: { status: 415, message: "request body must be application/json" } });
    });

    it("answers 415 for a charset it cannot decode", async () => {
      const res = await api
        .post(ITEMS)
        .set("Content-Type", "application/json; charset=klingon")
        .send('{"name":"qapla"}')
        .expect(415);
      assert.deepEqual(res.body, {
        error: { status: 415, message: "request body charset 'klingon' is not supported" },
      });
    });

    it("reads a latin1 body by its declared charset", async () => {
      const res = await fetch(`${server.baseUrl}${ITEMS}`, {
        method: "POST",
        headers: { "Content-Type": "application/json; charset=latin1" },
        body: Buffer.from('{"name":"café"}', "latin1"),
      });
      assert.equal(res.status, 201);
      assert.equal(((await res.json()) as { name: string }).name, "café");
    });

    it("answers 413 past a 1 MB body", async () => {
      const res = await api
        .post(ITEMS)
        .set("Content-Type", "application/json")
        .send(JSON.stringify({ name: "big", description: "x".repeat(1024 * 1024) }))
        .expect(413);
      assert.deepEqual(res.body, { error: { status: 413, message: "request body exceeds the 1mb limit" } });
    });
  });

  describe("a bounded store", () => {
    it("answers 507 once ITEMS_MAX items exist, and accepts again after a delete", async () => {
      const small = await startTestServer({ ITEMS_MAX: "2" });
      try {
        const first = (await request(small.baseUrl).post(ITEMS).send({ name: "a" }).expect(201)).body;
        await request(small.baseUrl).post(ITEMS).send({ name: "b" }).expect(201);
        const full = await request(small.baseUrl).post(ITEMS).send({ name: "c" }).expect(507);
        assert.match(full.body.error.message, /full \(2 items\)/);
        await request(small.baseUrl).delete(`${ITEMS}/${first.id}`).expect(204);
        await request(small.baseUrl).post(ITEMS).send({ name: "c" }).expect(201);
      } finally {
        await small.stop();
      }
    });
  });
});
