// Builds dist/: the server as one bundled file, which starts ~60 ms sooner than ~110 modules
// resolved and read one by one (docs/benchmarks.md). `npm run build` type-checks with tsc first.
import { rm } from "node:fs/promises";
import { build } from "esbuild";

/**
 * Packages left to node_modules, where the image installs them with the other production
 * dependencies, so scanners and licences still see every package. Both are mostly data: mime-db
 * is one JSON file, now parsed once for the two copies of mime-types in Koa's tree (both get the
 * hoisted, newer mime-db), and iconv-lite holds code-page tables, loaded with the first body
 * raw-body decodes. Bundled, they would double the script's size, and that costs ~3 MiB more
 * resident memory: glibc takes the size of the largest freed block (most likely the read buffer
 * for the script's source) as its new mmap threshold (docs/benchmarks.md).
 */
const LOADED_FROM_NODE_MODULES = ["mime-db", "iconv-lite"];

await rm("dist", { recursive: true, force: true });
await build({
  // The server, and the security headers on their own for the benchmark's bare node:http server.
  entryPoints: ["src/server.ts", "src/securityHeaders.ts"],
  outdir: "dist",
  bundle: true,
  platform: "node",
  target: "node20",
  external: LOADED_FROM_NODE_MODULES,
  // Whitespace and syntax only: names stay as written, so stack traces still read.
  minifyWhitespace: true,
  minifySyntax: true,
  // dist/server.js.map, read only when NODE_OPTIONS=--enable-source-maps asks for it.
  sourcemap: "linked",
  logLevel: "warning",
});
