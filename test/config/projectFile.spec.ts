import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { parseStackConfig } from "../../config";
import { stackConfigShape } from "../../config/schema";

const root = path.resolve(__dirname, "..", "..", "..");
const project = parse(fs.readFileSync(path.join(root, "Pulumi.yaml"), "utf8")) as {
    name: string;
    config: Record<string, { type: string; default?: unknown }>;
};

describe("Pulumi.yaml", () => {
    it("names the project and runs the compiled program", () => {
        assert.equal(project.name, "cognito-stack");
        const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
        assert.equal(pkg.main, "bin/index.js");
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

    it("declares no key without a default except environment (the engine would require it in every stack)", () =>
        assert.deepEqual(
            Object.entries(project.config).filter(([, d]) => !("default" in d)).map(([k]) => k),
            ["environment"],
        ));
});
