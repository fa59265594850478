// The baseline: a bare node:http server answering the same bytes as the app at /health,
// /api/version and /api/v1/items/:id (an item of the same shape and size as the bench's): the
// same JSON, and the same headers (the app's security headers, computed once by the app's own
// code at start, and an X-Request-Id of the same length), so only the work per request differs.
import { createServer } from "node:http";
import { createRequire } from "node:module";

const { securityHeaders } = createRequire(import.meta.url)("../app/dist/securityHeaders.js");
const headers = {
  ...securityHeaders(),
  "x-request-id": "00000000-0000-4000-8000-000000000000",
  "Content-Type": "application/json; charset=utf-8",
};

const startedAt = Date.now();
const version = JSON.stringify({
  version: "0.0.0-bench",
  commit: "bench",
  environment: "bench",
  platform: "local",
  node: process.version,
});

const item = JSON.stringify({
  id: "00000000-0000-4000-8000-000000000000",
  name: "bench item",
  description: "x".repeat(200),
  createdAt: new Date().toISOString(),
  updatedAt: new Date().toISOString(),
});

createServer((req, res) => {
  if (req.url === "/health") {
    res.writeHead(200, headers);
    res.end(JSON.stringify({ status: "ok", uptime: (Date.now() - startedAt) / 1000 }));
  } else if (req.url === "/api/version") {
    res.writeHead(200, headers);
    res.end(version);
  } else if (req.url.startsWith("/api/v1/items/")) {
    res.writeHead(200, headers);
    res.end(item);
  } else {
    res.writeHead(404);
    res.end();
  }
}).listen(Number(process.env.PORT), "127.0.0.1");
