// The entry point the Pulumi CLI loads for `--policy-pack policies` (package.json "main"). It
// bundles index.ts as it is on disk now with esbuild, in memory, and runs that: never a stale
// build, and the pack stays self-contained (it needs nothing outside this folder).
"use strict";
const path = require("node:path");
const { buildSync } = require("esbuild");

const entry = path.join(__dirname, "index.ts");
const { outputFiles } = buildSync({
    entryPoints: [entry],
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    packages: "external",
    sourcemap: "inline",
    write: false,
});
module._compile(outputFiles[0].text, entry);
