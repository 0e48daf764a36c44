import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ConfigError, listStacks, loadProject, resolveStackConfig, secretPlaceholder } from "../../tools/planConfig";

function project(files: Record<string, string>): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-config-"));
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
    return dir;
}

function resolve(projectYaml: string, stackYaml: string, stack = "dev"): ReturnType<typeof resolveStackConfig> {
    const dir = project({ "Pulumi.yaml": projectYaml, [`Pulumi.${stack}.yaml`]: stackYaml });
    try {
        return resolveStackConfig(dir, loadProject(dir), stack);
    } finally {
        fs.rmSync(dir, { recursive: true });
    }
}

const PROJECT = "name: demo\nruntime: nodejs\n";

describe("resolveStackConfig", () => {
    it("turns every value into the string the engine passes, namespacing bare keys", () => {
        const { config, secretKeys } = resolve(
            PROJECT,
            "config:\n  demo:count: 3\n  enabled: true\n  aws:region: eu-west-1\n  demo:tags:\n    team: id\n  demo:list: [a, b]\n",
        );
        assert.deepEqual(config, {
            "aws:region": "eu-west-1",
            "demo:count": "3",
            "demo:enabled": "true",
            "demo:list": '["a","b"]',
            "demo:tags": '{"team":"id"}',
        });
        assert.deepEqual(secretKeys, []);
    });

    it("passes top-level scalars as written, as the engine reads them into strings, and nested ones typed", () => {
        const { config } = resolve(PROJECT, 'config:\n  demo:a: True\n  demo:b: 1.50\n  demo:c: 0x10\n  demo:d: ~\n  demo:e: "ON"\n  demo:f: yes\n  demo:g:\n    x: True\n    y: 1.50\n  demo:h: |\n    two\n    lines\n');
        assert.deepEqual(config, { "demo:a": "True", "demo:b": "1.50", "demo:c": "0x10", "demo:d": "", "demo:e": "ON", "demo:f": "yes", "demo:g": '{"x":true,"y":1.5}', "demo:h": "two\nlines\n" });
    });

    it("refuses a stack file whose config is not a map", () =>
        assert.throws(() => resolve(PROJECT, "config:\n  - demo:a\n"), /^ConfigError: Pulumi\.dev\.yaml: config must be a map of keys to values$/));

    it("replaces secure values, nested ones too, by placeholders and marks the key secret", () => {
        const { config, secretKeys } = resolve(
            PROJECT,
            "config:\n  demo:token:\n    secure: v1:abc\n  demo:idp:\n    clientId: x\n    clientSecret:\n      secure: v1:def\n",
        );
        assert.equal(config["demo:token"], secretPlaceholder("demo:token"));
        assert.equal(config["demo:token"], "placeholder-secret-demo-token");
        assert.deepEqual(JSON.parse(config["demo:idp"]), { clientId: "x", clientSecret: "placeholder-secret-demo-idp.clientSecret" });
        assert.deepEqual(secretKeys, ["demo:idp", "demo:token"]);
    });

    it("applies project defaults and values under the stack's own values", () => {
        const { config } = resolve(
            `${PROJECT}config:\n  size: small\n  retention:\n    type: integer\n    default: 7\n  aws:region: us-west-2\n  other:flag: on\n`,
            "config:\n  demo:retention: 30\n",
        );
        assert.deepEqual(config, { "aws:region": "us-west-2", "demo:retention": "30", "demo:size": "small", "other:flag": "on" });
    });

    it("lists every missing required key in one error", () => {
        assert.throws(
            () => resolve(`${PROJECT}config:\n  b:\n    type: string\n  a:\n    type: string\n  c:\n    type: string\n`, "config: {}\n"),
            (e: unknown) =>
                e instanceof ConfigError && e.message.startsWith("Stack 'dev' is missing configuration values 'a', 'b' and 'c'; set them in Pulumi.dev.yaml"),
        );
    });

    it("enforces declared types and secret declarations", () => {
        assert.throws(
            () => resolve(`${PROJECT}config:\n  retention:\n    type: integer\n`, "config:\n  demo:retention: soon\n"),
            /^ConfigError: Stack 'dev' with configuration key 'retention' must be of type 'integer'$/,
        );
        assert.throws(
            () => resolve(`${PROJECT}config:\n  names:\n    type: array\n    items:\n      type: string\n`, "config:\n  demo:names: [1, [2]]\n"),
            /must be of type 'array<string>'/,
        );
        assert.throws(
            () => resolve(`${PROJECT}config:\n  token:\n    type: string\n    secret: true\n`, "config:\n  demo:token: plain\n"),
            /Stack 'dev' with configuration key 'token' must be encrypted as it's secret/,
        );
        assert.throws(
            () => resolve(`${PROJECT}config:\n  n:\n    type: integer\n    default: many\n`, "config: {}\n"),
            /The default value specified for configuration key 'n' is not of the expected type 'integer'/,
        );
    });

    it("checks no value of a key declared without a type, and applies its default", () => {
        const project = `${PROJECT}config:\n  retention:\n    default: 7\n    description: days\n  flag:\n    default: false\n`;
        assert.deepEqual(resolve(project, "config:\n  demo:retention: soon\n").config, { "demo:flag": "false", "demo:retention": "soon" });
        assert.deepEqual(resolve(project, "config: {}\n").config, { "demo:flag": "false", "demo:retention": "7" });
    });

    it("accepts integer and boolean strings as the engine does", () => {
        const { config } = resolve(
            `${PROJECT}config:\n  n:\n    type: integer\n  b:\n    type: boolean\n`,
            "config:\n  demo:n: '42'\n  demo:b: 'false'\n",
        );
        assert.deepEqual(config, { "demo:b": "false", "demo:n": "42" });
    });
});

describe("listStacks / loadProject", () => {
    it("lists stack files sorted and reads main", () => {
        const dir = project({ "Pulumi.yaml": `${PROJECT}main: src/index.js\n`, "Pulumi.prod.yaml": "", "Pulumi.dev.yaml": "", "other.yaml": "" });
        try {
            assert.deepEqual(listStacks(dir), ["dev", "prod"]);
            assert.equal(loadProject(dir).main, "src/index.js");
        } finally {
            fs.rmSync(dir, { recursive: true });
        }
    });

    it("names the missing project file", () => {
        const dir = project({});
        try {
            assert.throws(() => loadProject(dir), new RegExp(`no Pulumi.yaml found in ${dir.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
        } finally {
            fs.rmSync(dir, { recursive: true });
        }
    });
});
