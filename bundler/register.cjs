// How the program, the policy pack and the npm scripts run their TypeScript: a `.ts` file that
// node is asked to load is bundled with everything it imports from this project (esbuild;
// packages stay external) and compiled as one CommonJS module. The bundle is kept under
// node_modules/.cache/skyport-bundles and reused while every file in it hashes the same, so an
// unchanged program starts without esbuild; an edited one is bundled again before it runs.
// A bundle names its entry and its files relative to the project and to the entry's folder,
// never by absolute path, so a copy of the project that shares node_modules (the engine tier's)
// reuses the same cached bundle instead of leaving one of its own behind, and its stack traces
// name the copy's files.
// Node's compile cache keeps the compiled code of the bundle and of the packages it loads.
const Module = require("node:module");
const { createHash } = require("node:crypto");
const { mkdirSync, readFileSync, renameSync, writeFileSync } = require("node:fs");
const { dirname, join, relative, resolve } = require("node:path");

Module.enableCompileCache();
// Stack traces are mapped through the bundles' own source maps only: reading the maps that
// packages ship (@pulumi/pulumi has one per file) cost about 0.16 s of CPU on every start.
Module.setSourceMapsSupport(true, { nodeModules: false, generatedCode: false });

const PROJECT_DIR = join(__dirname, "..");
const CACHE_DIR = join(PROJECT_DIR, "node_modules", ".cache", "skyport-bundles");

const hashOf = (text) => createHash("sha256").update(text).digest("hex");

/** Whether every input a cached bundle was built from, relative to `folder`, still reads the same. */
function stillFresh(cached, folder) {
  try {
    return cached.inputs.every(([file, hash]) => hashOf(readFileSync(resolve(folder, file))) === hash);
  } catch {
    return false;
  }
}

/** The entry's bundle: the cached one while its inputs are unchanged, else a new one. */
function bundleOf(entry) {
  const folder = dirname(entry);
  const cacheFile = join(CACHE_DIR, `${hashOf(relative(PROJECT_DIR, entry))}.json`);
  try {
    const cached = JSON.parse(readFileSync(cacheFile, "utf8"));
    if (stillFresh(cached, folder)) return cached.code;
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
    absWorkingDir: folder,
  });
  const code = outputFiles[0].text;
  const inputs = Object.keys(metafile.inputs).map((input) => [input, hashOf(readFileSync(resolve(folder, input)))]);
  mkdirSync(CACHE_DIR, { recursive: true });
  const partial = `${cacheFile}.${process.pid}`;
  writeFileSync(partial, JSON.stringify({ inputs, code }));
  renameSync(partial, cacheFile);
  return code;
}

Module._extensions[".ts"] = function compileBundled(module, filename) {
  module._compile(bundleOf(filename), filename);
};
