// How the program, the policy pack and the npm scripts run their TypeScript: a `.ts` file that
// node is asked to load is bundled with everything it imports from this project (esbuild;
// packages stay external) and compiled as one CommonJS module. The bundle is kept under
// node_modules/.cache/skyport-bundles and reused while every file in it hashes the same, so an
// unchanged program starts without esbuild; an edited one is bundled again before it runs.
// Node's compile cache keeps the compiled code of the bundle and of the packages it loads.
const Module = require("node:module");
const { createHash } = require("node:crypto");
const { mkdirSync, readFileSync, renameSync, writeFileSync } = require("node:fs");
const { join, resolve } = require("node:path");

Module.enableCompileCache();
// Stack traces are mapped through the bundles' own source maps only: reading the maps that
// packages ship (@pulumi/pulumi has one per file) cost about 0.16 s of CPU on every start.
Module.setSourceMapsSupport(true, { nodeModules: false, generatedCode: false });

const CACHE_DIR = join(__dirname, "..", "node_modules", ".cache", "skyport-bundles");

const hashOf = (text) => createHash("sha256").update(text).digest("hex");

/** Whether every input a cached bundle was built from still reads the same. */
function stillFresh(cached) {
  try {
    return cached.inputs.every(([file, hash]) => hashOf(readFileSync(file)) === hash);
  } catch {
    return false;
  }
}

/** The entry's bundle: the cached one while its inputs are unchanged, else a new one. */
function bundleOf(entry) {
  const cacheFile = join(CACHE_DIR, `${hashOf(entry)}.json`);
  try {
    const cached = JSON.parse(readFileSync(cacheFile, "utf8"));
    if (stillFresh(cached)) return cached.code;
  } catch {
    // No bundle cached yet, or an unreadable one: build it.
  }
  const { buildSync } = require("esbuild");
  const { outputFiles, metafile } = buildSync({
    entryPoints: [entry],
    bundle: true,
    packages: "external",
    platform: "node",
    format: "cjs",
    target: "node22",
    sourcemap: "inline",
    sourcesContent: false,
    metafile: true,
    write: false,
    logLevel: "silent",
    absWorkingDir: process.cwd(),
  });
  const code = outputFiles[0].text;
  const inputs = Object.keys(metafile.inputs).map((input) => {
    const file = resolve(process.cwd(), input);
    return [file, hashOf(readFileSync(file))];
  });
  mkdirSync(CACHE_DIR, { recursive: true });
  const partial = `${cacheFile}.${process.pid}`;
  writeFileSync(partial, JSON.stringify({ entry, inputs, code }));
  renameSync(partial, cacheFile);
  return code;
}

Module._extensions[".ts"] = function compileBundled(module, filename) {
  module._compile(bundleOf(filename), filename);
};
