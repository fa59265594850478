// The pack's entry, in JavaScript on purpose. Pulumi's policy runner compiles the TypeScript it
// requires with ts-node, type-checking everything the pack imports. The pack reads every
// platform's resources through the platform registry, whose components would pull the cloud
// SDKs' types (tens of megabytes) into that check on every preview. So the entry hands .ts
// files to bundler/register.cjs, as the program itself runs; `npx tsc` and the linter check the
// pack like all other code.
require("../bundler/register.cjs");
module.exports = require("./index.ts");
