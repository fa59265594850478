import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";

const root = join(__dirname, "..", "..");
const dockerfile = readFileSync(join(root, "app", "Dockerfile"), "utf8");
const instructions = dockerfile
  .replace(/\\\n/g, " ")
  .split("\n")
  .map((line) => line.trim())
  .filter((line) => line && !line.startsWith("#"));
const stages = instructions.filter((line) => line.startsWith("FROM "));
const finalStage = instructions.slice(instructions.lastIndexOf(stages[stages.length - 1]));

describe("app: Dockerfile", () => {
  it("builds in stages on the current Node LTS slim image", () => {
    assert.ok(stages.length >= 2, "multi-stage");
    assert.ok(instructions.includes("ARG NODE_IMAGE=node:26-slim"));
    for (const stage of stages) assert.match(stage, /^FROM \$\{NODE_IMAGE\}/);
  });

  it("installs only production dependencies into the final image", () => {
    const copies = finalStage.filter((line) => line.includes("node_modules"));
    assert.ok(copies.length > 0);
    for (const copy of copies) assert.match(copy, /--from=production-deps/);
    assert.ok(instructions.some((line) => /npm ci .*--omit=dev/.test(line)));
  });

  it("runs as a numeric non-root user", () => {
    const user = finalStage.find((line) => line.startsWith("USER "));
    assert.ok(user, "USER is set in the final stage");
    const [uid] = user.slice(5).split(":");
    assert.match(uid, /^\d+$/);
    assert.notEqual(Number(uid), 0);
  });

  it("has a HEALTHCHECK on /health and runs the compiled server", () => {
    assert.ok(finalStage.some((line) => line.startsWith("HEALTHCHECK") && line.includes("/health")));
    const start = (
      JSON.parse(readFileSync(join(root, "app", "package.json"), "utf8")) as { scripts: { start: string } }
    ).scripts.start;
    const cmd = JSON.parse(finalStage[finalStage.length - 1].replace(/^CMD /, "")) as string[];
    assert.equal(cmd.join(" "), start, "the image runs exactly what npm start runs");
    assert.equal(cmd[cmd.length - 1], "dist/server.js");
  });

  it("keeps the build context to the app and the lockfile", () => {
    const ignore = readFileSync(join(root, ".dockerignore"), "utf8").split("\n");
    assert.equal(
      ignore.find((line) => line && !line.startsWith("#")),
      "*",
    );
    assert.ok(ignore.includes("!package-lock.json"));
    assert.ok(ignore.includes("!app/src/"));
    assert.ok(ignore.includes("!app/build.mjs"));
  });

  it("bundles the server with app/build.mjs in the build stage", () => {
    const buildStage = instructions.slice(0, instructions.indexOf(stages[1]));
    assert.ok(buildStage.some((line) => /^COPY .*app\/build\.mjs/.test(line)));
    assert.ok(buildStage.includes("RUN npm run build --workspace app"));
  });
});
