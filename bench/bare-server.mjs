// The baseline: a bare node:http server answering the same JSON as the app's /health and /api/version.
import { createServer } from "node:http";

const startedAt = Date.now();
const version = JSON.stringify({
  version: "0.0.0-bench",
  commit: "bench",
  environment: "bench",
  platform: "local",
  node: process.version,
});

createServer((req, res) => {
  if (req.url === "/health") {
    res.writeHead(200, { "Content-Type": "application/json; charset=utf-8" });
    res.end(JSON.stringify({ status: "ok", uptime: (Date.now() - startedAt) / 1000 }));
  } else if (req.url === "/api/version") {
    res.writeHead(200, { "Content-Type": "application/json; charset=utf-8" });
    res.end(version);
  } else {
    res.writeHead(404);
    res.end();
  }
}).listen(Number(process.env.PORT), "127.0.0.1");
