import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { ROOT } from "../helpers/plans";

// In a fresh process: the module cache is process-wide, and mocha's may already hold the compiler.
const SCRIPT = `
require(${JSON.stringify(path.join(ROOT, "tools", "register.js"))});
require(${JSON.stringify(path.join(ROOT, "tools", "deferTypescript.ts"))});
const pulumi = require("@pulumi/pulumi");
const loaded = () => Object.keys(require.cache).some((f) => /node_modules[\\\\/]typescript[\\\\/]/.test(f));
const afterSdk = loaded();
pulumi.runtime.serializeFunction(function answer() { return 42; }).then((f) => {
    process.stdout.write(JSON.stringify({ afterSdk, afterUse: loaded(), serialized: f.text.includes("return 42") }));
});
`;

describe("deferTypescript", function () {
    this.timeout(60_000);

    it("keeps @pulumi/pulumi from loading the TypeScript compiler until function serialization needs it, which then works", () => {
        const r = spawnSync(process.execPath, ["-e", SCRIPT], { cwd: ROOT, encoding: "utf8" });
        assert.equal(r.status, 0, r.stderr);
        assert.deepEqual(JSON.parse(r.stdout), { afterSdk: false, afterUse: true, serialized: true });
    });
});
