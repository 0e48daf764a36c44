import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Metafile } from "esbuild";
import { assertNoDevDependencies, bundleLambda, projectRoot } from "../../lambdas/bundle";
import { freshBundleModule, tempDir } from "./freshBundle";
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

describe("lambdas/bundle cache, each case in a new module instance (a new plan)", function () {
    this.timeout(60_000);
    const NAME = "postAuthentication";
    let tmp: { dir: string; remove: () => void };
    beforeEach(() => { tmp = tempDir("bundle-cache-fresh-"); });
    afterEach(() => tmp.remove());
    const sub = (name: string): string => path.join(tmp.dir, name);
    const read = (dir: string, name: string = NAME): Entry => JSON.parse(fs.readFileSync(path.join(dir, `${name}.json`), "utf8")) as Entry;
    const write = (dir: string, entry: unknown, name: string = NAME): void => {
        fs.mkdirSync(dir, { recursive: true });
        fs.writeFileSync(path.join(dir, `${name}.json`), JSON.stringify(entry));
    };
    /** A cache directory holding a real entry whose code is replaced by `marker`. */
    const seeded = (name: string, marker: string): string => {
        const dir = sub(name);
        freshBundleModule().bundleLambda(NAME, { cacheDir: dir });
        write(dir, { ...read(dir), code: marker });
        return dir;
    };

    it("writes an entry of exactly its key, the sorted inputs with their SHA-256 and the code, and nothing else in the directory", () => {
        const { code } = freshBundleModule().bundleLambda(NAME, { cacheDir: sub("c") });
        assert.deepEqual(fs.readdirSync(sub("c")), [`${NAME}.json`]);
        const entry = read(sub("c"));
        assert.deepEqual(Object.keys(entry), ["key", "inputs", "code"]);
        assert.match(entry.key, /^[0-9a-f]{64}$/);
        assert.equal(entry.code, code);
        const inputs = Object.keys(entry.inputs);
        assert.deepEqual(inputs, [...inputs].sort());
        assert.ok(inputs.includes(`lambdas/${NAME}/${NAME}.ts`), inputs.join(", "));
        assert.ok(Object.values(entry.inputs).every((h) => /^[0-9a-f]{64}$/.test(h)));
    });

    it("reads the stored bundle in the next plan, and once read or built keeps it for the rest of the process", () => {
        const dir = seeded("memo", "/* stored */");
        const bundler = freshBundleModule();
        assert.equal(bundler.bundleLambda(NAME, { cacheDir: dir }).code, "/* stored */");
        write(dir, { ...read(dir), code: "/* changed later */" });
        assert.equal(bundler.bundleLambda(NAME, { cacheDir: dir }).code, "/* stored */");
        assert.equal(freshBundleModule().bundleLambda(NAME, { cacheDir: dir }).code, "/* changed later */");
    });

    it("keeps its entries under node_modules/.cache/cognito-stack-lambdas by default", () => {
        // Removing the entry only makes the next plan bundle again; nothing else reads a wrong one.
        const file = path.join(projectRoot(), "node_modules", ".cache", "cognito-stack-lambdas", `${NAME}.json`);
        fs.rmSync(file, { force: true });
        const { code } = freshBundleModule().bundleLambda(NAME);
        assert.equal(read(path.dirname(file)).code, code);
    });

    it("with cacheDir false, bundles without reading or writing a cache", () => {
        const dir = seeded("off", "/* stored */");
        const { code, bytes } = freshBundleModule().bundleLambda(NAME, { cacheDir: false });
        assert.match(code, /^"use strict";/);
        assert.equal(bytes, Buffer.byteLength(code));
        assert.equal(read(dir).code, "/* stored */");
    });

    it("never reuses another function's entry put under this function's name (the key names the entry point)", () => {
        const dir = seeded("other", "/* postAuthentication's */");
        fs.renameSync(path.join(dir, `${NAME}.json`), path.join(dir, "preAuthentication.json"));
        const { code } = freshBundleModule().bundleLambda("preAuthentication", { cacheDir: dir });
        assert.notEqual(code, "/* postAuthentication's */");
        assert.equal(read(dir, "preAuthentication").code, code);
    });

    const unusable: [string, (e: Entry) => unknown][] = [
        ["another key", (e) => ({ ...e, key: "0".repeat(64) })],
        ["code that is not a string", (e) => ({ ...e, code: 5 })],
        ["inputs that are null", (e) => ({ ...e, inputs: null })],
        ["inputs that are a number (no entries to check)", (e) => ({ ...e, inputs: 7 })],
        ["no key", ({ key: _, ...e }) => e],
    ];
    for (const [what, change] of unusable) {
        it(`bundles afresh over an entry with ${what}, and replaces it`, () => {
            const dir = seeded("bad", "/* stored */");
            write(dir, change(read(dir)));
            const { code } = freshBundleModule().bundleLambda(NAME, { cacheDir: dir });
            assert.match(code, /^"use strict";/);
            assert.equal(read(dir).code, code);
        });
    }

    it("bundles afresh over an entry that is not JSON", () => {
        fs.mkdirSync(sub("garbled"));
        fs.writeFileSync(path.join(sub("garbled"), `${NAME}.json`), '{"key": "');
        const { code } = freshBundleModule().bundleLambda(NAME, { cacheDir: sub("garbled") });
        assert.match(code, /^"use strict";/);
        assert.equal(read(sub("garbled")).code, code);
    });

    it("still bundles when the entry cannot be written, and leaves no temporary file behind", () => {
        // The entry's name is taken by a directory: the rename over it fails.
        fs.mkdirSync(path.join(sub("blocked"), `${NAME}.json`, "x"), { recursive: true });
        const { code } = freshBundleModule().bundleLambda(NAME, { cacheDir: sub("blocked") });
        assert.match(code, /^"use strict";/);
        assert.deepEqual(fs.readdirSync(sub("blocked")), [`${NAME}.json`]);
    });

    it("still bundles when the cache directory cannot be created (its parent is a file)", () => {
        fs.writeFileSync(sub("file"), "");
        const { code } = freshBundleModule().bundleLambda(NAME, { cacheDir: path.join(sub("file"), "cache") });
        assert.match(code, /^"use strict";/);
    });

    describe("what else decides the key", () => {
        const root = projectRoot();
        // The module object itself: lambdas/bundle.ts reads its readFileSync at each call.
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const nodeFs = require("node:fs") as typeof fs;
        /** Runs `fn` while fs.readFileSync sees `file` (under the project root) with a line appended. */
        const withEdited = <T>(file: string, fn: () => T): T => {
            const original = nodeFs.readFileSync;
            const target = path.join(root, file);
            const edited = ((p: fs.PathOrFileDescriptor, ...rest: unknown[]) => {
                const content = (original as (...a: unknown[]) => string | Buffer)(p, ...rest);
                return p === target ? (typeof content === "string" ? `${content}\n` : Buffer.concat([content, Buffer.from("\n")])) : content;
            }) as typeof fs.readFileSync;
            nodeFs.readFileSync = edited;
            try {
                return fn();
            } finally {
                nodeFs.readFileSync = original;
            }
        };

        for (const manifest of ["package.json", "package-lock.json", "tsconfig.json"]) {
            it(`an edit of ${manifest} (it steers resolution or type stripping)`, () => {
                const dir = seeded(manifest, "/* stored */");
                assert.equal(freshBundleModule().bundleLambda(NAME, { cacheDir: dir }).code, "/* stored */");
                const { code } = withEdited(manifest, () => freshBundleModule().bundleLambda(NAME, { cacheDir: dir }));
                assert.notEqual(code, "/* stored */");
            });
        }

        it("a new file anywhere under lambdas/, which could shadow an import", () => {
            const dir = seeded("new-file", "/* stored */");
            const probe = path.join(root, "lambdas", "shared", `.bundle-key-probe-${process.pid}`);
            try {
                fs.writeFileSync(probe, "");
                assert.notEqual(freshBundleModule().bundleLambda(NAME, { cacheDir: dir }).code, "/* stored */");
            } finally {
                fs.rmSync(probe, { force: true });
            }
        });

        it("a file under lambdas/ renamed, though the count of files stays the same", () => {
            const before = path.join(root, "lambdas", "shared", `.bundle-key-probe-a-${process.pid}`);
            const after = path.join(root, "lambdas", "shared", `.bundle-key-probe-b-${process.pid}`);
            try {
                fs.writeFileSync(before, "");
                const dir = seeded("renamed", "/* stored */");
                assert.equal(freshBundleModule().bundleLambda(NAME, { cacheDir: dir }).code, "/* stored */");
                fs.renameSync(before, after);
                assert.notEqual(freshBundleModule().bundleLambda(NAME, { cacheDir: dir }).code, "/* stored */");
            } finally {
                fs.rmSync(before, { force: true });
                fs.rmSync(after, { force: true });
            }
        });

        it("but not an empty folder under lambdas/ (only files can be imported)", () => {
            const dir = seeded("folder", "/* stored */");
            const folder = path.join(root, "lambdas", "shared", `.bundle-key-probe-dir-${process.pid}`);
            try {
                fs.mkdirSync(folder);
                assert.equal(freshBundleModule().bundleLambda(NAME, { cacheDir: dir }).code, "/* stored */");
            } finally {
                fs.rmSync(folder, { recursive: true, force: true });
            }
        });

        it("but not a new file outside lambdas/ (a test, a document)", () => {
            const dir = seeded("outside", "/* stored */");
            const probe = path.join(root, "test", `.bundle-key-probe-${process.pid}`);
            try {
                fs.writeFileSync(probe, "");
                assert.equal(freshBundleModule().bundleLambda(NAME, { cacheDir: dir }).code, "/* stored */");
            } finally {
                fs.rmSync(probe, { force: true });
            }
        });

        it("nor the checkout's place: a copy elsewhere reads the same entries", () => {
            const dir = seeded("moved", "/* stored */");
            // The entry's inputs under node_modules resolve through the copy's link to the same files.
            const copy = tempDir("bundle-cache-copy-");
            try {
                fs.cpSync(path.join(root, "lambdas"), path.join(copy.dir, "lambdas"), { recursive: true });
                for (const f of ["package.json", "package-lock.json", "tsconfig.json"]) {
                    fs.copyFileSync(path.join(root, f), path.join(copy.dir, f));
                }
                fs.symlinkSync(path.join(root, "node_modules"), path.join(copy.dir, "node_modules"), "dir");
                const entry = read(dir);
                write(dir, { ...entry, inputs: Object.fromEntries(Object.entries(entry.inputs).filter(([input]) => input.startsWith("lambdas/"))) });
                // eslint-disable-next-line @typescript-eslint/no-require-imports
                const moved = require(path.join(copy.dir, "lambdas", "bundle.ts")) as typeof import("../../lambdas/bundle");
                assert.equal(moved.projectRoot(), copy.dir);
                assert.equal(moved.bundleLambda(NAME, { cacheDir: dir }).code, "/* stored */");
            } finally {
                copy.remove();
            }
        });

        it("writes no entry when an input cannot be read back, since it could not be checked later", () => {
            const original = nodeFs.readFileSync;
            const unreadable = path.join(root, "lambdas", NAME, "handler.ts");
            nodeFs.readFileSync = ((p: fs.PathOrFileDescriptor, ...rest: unknown[]) => {
                if (p === unreadable) {
                    throw Object.assign(new Error(`ENOENT: no such file or directory, open '${unreadable}'`), { code: "ENOENT" });
                }
                return (original as (...a: unknown[]) => string | Buffer)(p, ...rest);
            }) as typeof fs.readFileSync;
            try {
                const { code } = freshBundleModule().bundleLambda(NAME, { cacheDir: sub("unreadable") });
                assert.match(code, /^"use strict";/);
            } finally {
                nodeFs.readFileSync = original;
            }
            assert.equal(fs.existsSync(sub("unreadable")), false);
        });

        it("reads each manifest once per process, however many functions are bundled", () => {
            const one = seeded("one", "/* one */");
            const bundler = freshBundleModule();
            const original = nodeFs.readFileSync;
            let reads = 0;
            nodeFs.readFileSync = ((p: fs.PathOrFileDescriptor, ...rest: unknown[]) => {
                reads += p === path.join(root, "package-lock.json") ? 1 : 0;
                return (original as (...a: unknown[]) => string | Buffer)(p, ...rest);
            }) as typeof fs.readFileSync;
            try {
                assert.equal(bundler.bundleLambda(NAME, { cacheDir: one }).code, "/* one */");
                fs.cpSync(one, sub("two"), { recursive: true });
                assert.equal(bundler.bundleLambda(NAME, { cacheDir: sub("two") }).code, "/* one */");
            } finally {
                nodeFs.readFileSync = original;
            }
            assert.equal(reads, 1);
        });
    });
});

describe("assertNoDevDependencies", () => {
    const root = projectRoot();
    const metafile = (...inputs: string[]): Metafile => ({ inputs: Object.fromEntries(inputs.map((i) => [i, { bytes: 1, imports: [] }])), outputs: {} });

    it("names every devDependency found in a bundle, and how to fix it", () => {
        assert.throws(() => assertNoDevDependencies("api", metafile("lambdas/api/handler.ts", "node_modules/mocha/lib/mocha.js", "node_modules/aws-jwt-verify/dist/cjs/index.js", "node_modules/yaml/dist/index.js", "node_modules/mocha/index.js"), root),
            (e: Error) => e.message === "The api bundle contains devDependencies (mocha, yaml); move them to dependencies or stop importing them from lambdas/api");
    });

    it("accepts dependencies, and packages whose name only starts like a devDependency's", () => {
        assertNoDevDependencies("api", metafile("lambdas/api/handler.ts", "node_modules/aws-jwt-verify/dist/cjs/index.js", "node_modules/yaml-extra/index.js", "node_modules/@aws-sdk/client-dynamodb/dist-es/index.js"), root);
    });

    it("accepts anything when the project has no devDependencies", () => {
        const { dir, remove } = tempDir("bundle-nodev-");
        try {
            fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "x", dependencies: { mocha: "1" } }));
            assertNoDevDependencies("api", metafile("node_modules/mocha/index.js"), dir);
        } finally {
            remove();
        }
    });
});
