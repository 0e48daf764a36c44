import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse } from "yaml";
import { CONTEXT_DEFAULTS, formatConfigIssue, parseStackConfig } from "../../config";
import { stackConfigShape } from "../../config/schema";
import { loadProject, resolveStackConfig } from "../../tools/planConfig";

const root = path.resolve(__dirname, "..", "..");
const projectText = fs.readFileSync(path.join(root, "Pulumi.yaml"), "utf8");
const project = parse(projectText) as { name: string; config: Record<string, Record<string, unknown>> };

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
            assert.deepEqual(decl.default, (r.config as Record<string, unknown>)[key], `default of ${key}`);
        }
    });

    // The CLI checks declared types before the program runs and stops at the first mistake, in
    // its own words: with a type declared, one run could not report every problem.
    it("declares no type, so that the program, not the CLI, checks every value", () => {
        for (const [key, decl] of Object.entries(project.config)) {
            assert.deepEqual(Object.keys(decl).sort(), ["default", "description"], `${key} declares ${Object.keys(decl).join(", ")}`);
        }
        assert.doesNotMatch(projectText, /^\s+(type|items|secret):/m);
    });

    it("declares every key with a fixed default that the CLI can show, and no key the CLI would require", () => {
        type Def = { type: string; innerType?: unknown; element?: unknown };
        const def = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;
        const scalar = (d: Def) => ["string", "enum", "boolean", "number", "literal"].includes(d.type);
        const withDefault = Object.entries(stackConfigShape)
            .filter(([, schema]) => def(schema).type === "default")
            .filter(([, schema]) => {
                const inner = def(def(schema).innerType);
                return scalar(inner) || (inner.type === "array" && scalar(def(inner.element)));
            })
            .map(([key]) => key);
        assert.ok(withDefault.includes("mfa") && withDefault.includes("logRetentionDays"), "the key list is computed");
        assert.deepEqual(withDefault.filter((k) => !(k in project.config)).sort(), ["mfaFactors", "usernameAttributes"]);
        assert.deepEqual([...CONTEXT_DEFAULTS].sort(), ["mfaFactors", "usernameAttributes"]);
        assert.deepEqual(Object.entries(project.config).filter(([, d]) => !("default" in d)).map(([k]) => k), []);
        assert.ok(!("environment" in project.config), "a required environment would be reported by the CLI alone, before the program");
    });

    it("lets a stack full of mistakes through to the program, which reports them all at once", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "project-file-"));
        try {
            fs.copyFileSync(path.join(root, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
            fs.writeFileSync(
                path.join(dir, "Pulumi.qa.yaml"),
                'config:\n  cognito-stack:protect: "yes"\n  cognito-stack:mfa: MAYBE\n  cognito-stack:passwordMinLength: five\n  cognito-stack:mfaFactors: TOTP\n  cognito-stack:logRetentionDays: 45\n',
            );
            // The planner's copy of the engine: what the CLI would do before starting the program.
            const { config } = resolveStackConfig(dir, loadProject(dir), "qa");
            assert.equal(config["cognito-stack:selfSignUp"], "true", "project defaults apply");
            const r = parseStackConfig(config, []);
            assert.equal(r.ok, false);
            assert.deepEqual(r.ok ? [] : r.issues.map(formatConfigIssue), [
                "cognito-stack:environment is required (received: nothing). Fix: pulumi config set environment dev (or staging, prod): it decides how strict the stack is",
                'cognito-stack:protect must be true or false (received: "yes"). Fix: pulumi config set protect true (YAML\'s yes/no/on/off are text, not booleans)',
                'cognito-stack:mfa must be one of OFF, OPTIONAL, ON (received: "MAYBE"). Fix: pulumi config set mfa <OFF|OPTIONAL|ON>',
                'cognito-stack:mfaFactors must be a list (received: "TOTP"). Fix: write it as a YAML list in Pulumi.<stack>.yaml, e.g. mfaFactors: [TOTP]',
                'cognito-stack:passwordMinLength must be a whole number (received: "five"). Fix: pulumi config set passwordMinLength 12',
                "cognito-stack:logRetentionDays must be one of CloudWatch's retention values 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653 (received: 45). Fix: choose the nearest allowed value, e.g. 30 or 365",
            ]);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});
