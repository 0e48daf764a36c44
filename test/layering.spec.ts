import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as os from "node:os";
import { ROOT } from "./helpers/plans";

/** Relative imports of every .ts and .js file under `dir`, as repository paths. */
function importsUnder(root: string, dir: string): { file: string; target: string }[] {
    const out: { file: string; target: string }[] = [];
    const walk = (d: string): void => {
        for (const e of fs.readdirSync(path.join(root, d), { withFileTypes: true })) {
            const rel = path.join(d, e.name);
            if (e.isDirectory() && e.name !== "node_modules" && e.name !== "bin") walk(rel);
            else if (e.isFile() && (e.name.endsWith(".ts") || e.name.endsWith(".js"))) {
                const text = fs.readFileSync(path.join(root, rel), "utf8");
                for (const m of text.matchAll(/(?:from|import|require\()\s*["'](\.{1,2}\/[^"']*)["']/g)) {
                    out.push({ file: rel, target: path.relative(root, path.resolve(root, d, m[1])) });
                }
            }
        }
    };
    walk(dir);
    return out;
}

/** Imports of `layer` that reach a top-level folder other than itself and `allowed`. */
function wrongImports(root: string, layer: string, allowed: readonly string[]) {
    return importsUnder(root, layer).filter((i) => top(i.target) !== layer && !allowed.includes(top(i.target)));
}

const top = (p: string) => (p.includes(path.sep) ? p.split(path.sep)[0] : p.replace(/\.ts$/, ""));

describe("layering: index -> config -> components -> (aws, shared helpers), never back up", () => {
    const rules: [string, string[]][] = [
        // layer, the top-level folders it may import from (besides itself)
        ["components", ["lambdas", "graphql"]],
        ["config", ["components"]],
        ["lambdas", []],
        ["graphql", []],
        ["policies", []],
    ];
    for (const [layer, allowed] of rules) {
        it(`${layer}/ imports only from ${allowed.length > 0 ? allowed.join(", ") : "itself"}`, () => {
            assert.ok(importsUnder(ROOT, layer).length > 0, `no imports found under ${layer}/`);
            assert.deepEqual(wrongImports(ROOT, layer, allowed), []);
        });
    }

    it("finds an import that goes back up, and one through require", () => {
        const root = fs.mkdtempSync(path.join(os.tmpdir(), "layering-"));
        fs.mkdirSync(path.join(root, "components", "federation"), { recursive: true });
        fs.writeFileSync(path.join(root, "components", "a.ts"), `import { x } from "./b";\nimport type { C } from "../config/schema";\n`);
        fs.writeFileSync(path.join(root, "components", "federation", "c.ts"), `const y = require("../../index");\n`);
        assert.deepEqual(wrongImports(root, "components", []), [
            { file: path.join("components", "a.ts"), target: path.join("config", "schema") },
            { file: path.join("components", "federation", "c.ts"), target: "index" },
        ]);
        fs.rmSync(root, { recursive: true });
    });
});
