// A reference point: Koa with one middleware and no logging, metrics or headers, answering /health.
import Koa from "koa";

const app = new Koa();
app.use((ctx) => {
  ctx.body = { status: "ok", uptime: process.uptime() };
});
app.listen(Number(process.env.PORT), "127.0.0.1");
