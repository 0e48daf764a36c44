import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { bundleLambda } from "../../lambdas/bundle";
import { copyProject } from "../../tools/projectCopy";
import { ROOT } from "../helpers/plans";

interface Entry {
    key: string;
    inputs: Record<string, string>;
    code: string;
}

describe("lambdas/bundle cache", function () {
    this.timeout(60_000);
    let root: string;
    const dir = (name: string): string => path.join(root, name);
    const entry = (name: string): Entry => JSON.parse(fs.readFileSync(path.join(dir(name), "authorizer.json"), "utf8")) as Entry;
    const seed = (name: string, change: (e: Entry) => Entry): void => {
        fs.mkdirSync(dir(name));
        fs.writeFileSync(path.join(dir(name), "authorizer.json"), JSON.stringify(change(entry("first"))));
    };

    before(() => {
        root = fs.mkdtempSync(path.join(os.tmpdir(), "bundle-cache-"));
        bundleLambda("authorizer", { cacheDir: dir("first") });
    });
    after(() => fs.rmSync(root, { recursive: true, force: true }));

    it("stores the bundle with the hash of every file esbuild read", () => {
        const { code, inputs } = entry("first");
        assert.equal(code, bundleLambda("authorizer", { cacheDir: false }).code);
        assert.ok(Object.keys(inputs).includes("lambdas/authorizer/handler.ts"), Object.keys(inputs).join(", "));
        assert.ok(Object.keys(inputs).some((i) => i.includes("node_modules/aws-jwt-verify/")));
        assert.ok(Object.values(inputs).every((h) => /^[0-9a-f]{64}$/.test(h)));
    });

    it("reuses a stored bundle whose inputs are unchanged", () => {
        seed("reused", (e) => ({ ...e, code: "/* from the cache */" }));
        assert.equal(bundleLambda("authorizer", { cacheDir: dir("reused") }).code, "/* from the cache */");
    });

    it("bundles afresh when an input changed, and stores the new bundle", () => {
        seed("changed", (e) => ({ ...e, code: "/* stale */", inputs: { ...e.inputs, "lambdas/authorizer/handler.ts": "0".repeat(64) } }));
        const { code } = bundleLambda("authorizer", { cacheDir: dir("changed") });
        assert.notEqual(code, "/* stale */");
        assert.equal(entry("changed").code, code);
    });

    it("is shared by a copy of the checkout (the key names no absolute path), which still sees its own edits", () => {
        seed("shared", (e) => ({ ...e, code: "/* from the cache */" }));
        const copy = copyProject(ROOT, "bundle-cache-copy-");
        const bundleInCopy = () => {
            const script = `process.stdout.write(require("./lambdas/bundle").bundleLambda("authorizer", { cacheDir: ${JSON.stringify(dir("shared"))} }).code.slice(0, 40))`;
            const r = spawnSync(process.execPath, ["-r", "./tools/register.js", "-e", script], { cwd: copy, encoding: "utf8", env: { ...process.env, NODE_OPTIONS: "" } });
            assert.equal(r.status, 0, r.stderr);
            return r.stdout;
        };
        try {
            assert.equal(bundleInCopy(), "/* from the cache */");
            fs.appendFileSync(path.join(copy, "lambdas", "authorizer", "handler.ts"), "\n// edited in the copy\n");
            assert.notEqual(bundleInCopy(), "/* from the cache */");
        } finally {
            fs.rmSync(copy, { recursive: true, force: true });
        }
    });

    it("bundles afresh when the options, esbuild or the manifests changed (another key)", () => {
        seed("rekeyed", (e) => ({ ...e, code: "/* other key */", key: "0".repeat(64) }));
        assert.notEqual(bundleLambda("authorizer", { cacheDir: dir("rekeyed") }).code, "/* other key */");
    });
});
