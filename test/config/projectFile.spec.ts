import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { parseStackConfig } from "../../config";
import { stackConfigShape } from "../../config/schema";

const root = path.resolve(__dirname, "..", "..");
const project = parse(fs.readFileSync(path.join(root, "Pulumi.yaml"), "utf8")) as {
    name: string;
    config: Record<string, { type: string; default?: unknown }>;
};

describe("Pulumi.yaml", () => {
    it("names the project and runs the TypeScript through the main.js entry point", () => {
        assert.equal(project.name, "cognito-stack");
        const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
        assert.equal(pkg.main, "main.js");
        assert.equal((project as { main?: string }).main, undefined, "Pulumi.yaml main would bypass package.json main");
    });

    it("declares only keys the program knows, with the program's defaults", () => {
        const r = parseStackConfig({ "cognito-stack:environment": "dev" });
        assert.ok(r.ok);
        for (const [key, decl] of Object.entries(project.config)) {
            assert.ok(key in stackConfigShape, `Pulumi.yaml declares ${key}, which the program does not read`);
            if ("default" in decl) {
                assert.deepEqual(decl.default, (r.config as Record<string, unknown>)[key], `default of ${key}`);
            }
        }
    });

    it("declares every key with a default that the engine can type (scalars and lists of scalars)", () => {
        type Def = { type: string; innerType?: { _zod: { def: Def } }; element?: { _zod: { def: Def } }; options?: { _zod: { def: Def } }[] };
        const def = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;
        const scalar = (d: Def): boolean =>
            ["string", "enum", "boolean", "number"].includes(d.type) || (d.type === "union" && (d.options ?? []).every((o) => def(o).type === "literal"));
        const typable = Object.entries(stackConfigShape)
            .filter(([, schema]) => def(schema).type === "default")
            .filter(([, schema]) => {
                const inner = def(def(schema).innerType);
                return scalar(inner) || (inner.type === "array" && scalar(def(inner.element)));
            })
            .map(([key]) => key);
        assert.ok(typable.includes("mfa") && typable.includes("logRetentionDays"), "the key list is computed");
        assert.deepEqual(typable.filter((k) => !(k in project.config)), []);
    });

    it("declares no key without a default except environment (the engine would require it in every stack)", () =>
        assert.deepEqual(
            Object.entries(project.config).filter(([, d]) => !("default" in d)).map(([k]) => k),
            ["environment"],
        ));
});
