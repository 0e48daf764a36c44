import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { bundleLambda } from "../../lambdas/bundle";

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

    it("bundles afresh when the options, esbuild or the manifests changed (another key)", () => {
        seed("rekeyed", (e) => ({ ...e, code: "/* other key */", key: "0".repeat(64) }));
        assert.notEqual(bundleLambda("authorizer", { cacheDir: dir("rekeyed") }).code, "/* other key */");
    });
});
