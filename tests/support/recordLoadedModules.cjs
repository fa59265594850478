// Preloaded into a spawned app (NODE_OPTIONS=--require): on exit, writes the names of the Node
// internals the process loaded (process.moduleLoadList) to LOADED_MODULES_FILE, as JSON.
const { writeFileSync } = require("node:fs");

process.on("exit", () => {
  writeFileSync(process.env.LOADED_MODULES_FILE, JSON.stringify(process.moduleLoadList));
});
