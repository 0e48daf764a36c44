/**
 * How a stack's policy config is read and checked against each policy's config schema, with
 * policies of the test's own so every rule of the schema check shows in an exact message.
 */
import * as assert from "node:assert/strict";
import { EnforcementLevel, Policies, PolicyConfigSchema, ResourceValidationPolicy } from "@pulumi/policy";
import { PolicyConfigError, resolvePolicyConfig } from "../../policies/runner";

function policy(name: string, configSchema?: PolicyConfigSchema, enforcementLevel?: EnforcementLevel): ResourceValidationPolicy {
    return { name, description: "Checks whether the test holds.", enforcementLevel, configSchema, validateResource: () => undefined };
}

const schemaPolicy = policy("test-schema", {
    properties: {
        count: { type: "integer", minimum: 1, maximum: 10, default: 5 },
        ratio: { type: "number" },
        label: { type: ["string", "null"] },
        options: { type: "object" },
        names: { type: "array", items: { type: "string" } },
        mode: { enum: ["fast", "safe"] },
        untyped: { minimum: 5, maximum: 10, items: { type: "string" } },
        pair: { type: "array", items: [{ type: "string" }, { type: "integer" }] },
        anyItems: { type: "array", items: true },
    },
});
const plainPolicy = policy("test-plain");
const requiredPolicy = policy("test-required", { properties: { region: { type: "string" }, zone: { type: "string", default: "a" } }, required: ["region", "zone"] }, "advisory");
const pack: Policies = [schemaPolicy, plainPolicy, requiredPolicy];
const required = { "test-required": { region: "eu-west-1" } };

/** The problems a config is refused for, one per line, or [] when it is accepted. */
function problems(config: unknown, packLevel: EnforcementLevel = "mandatory"): string[] {
    try {
        resolvePolicyConfig(config, pack, packLevel);
        return [];
    } catch (e) {
        assert.ok(e instanceof PolicyConfigError, String(e));
        assert.match(e.message, /^invalid policy pack config:\n {2}/);
        return e.message.replace(/^invalid policy pack config:\n {2}/, "").split("\n  ");
    }
}

describe("policy config: the file's shape", () => {
    for (const [what, config, shown] of [["a level string", "advisory", '"advisory"'], ["null", null, "null"], ["a list", [{ "test-plain": "advisory" }], '[{"test-plain":"advisory"}]']] as const) {
        it(`refuses ${what} in place of an object keyed by policy name`, () => {
            assert.throws(() => resolvePolicyConfig(config, pack), (e: unknown) => e instanceof PolicyConfigError && e.message === `policy pack config must be a JSON object keyed by policy name (received: ${shown})`);
        });
    }

    it("names the pack's policies when a name is not one of them", () => {
        assert.deepEqual(problems({ ...required, "test-plane": "mandatory" }), ['"test-plane" is not a policy of the cognito-stack pack: use one of test-schema, test-plain, test-required']);
    });

    it("refuses null as a policy's entry", () => {
        assert.deepEqual(problems({ ...required, "test-plain": null }), ['"test-plain" must be an enforcement level or an object (received: null)']);
    });

    it("refuses a list as a policy's entry", () => {
        assert.deepEqual(problems({ ...required, "test-plain": ["advisory"] }), ['"test-plain" must be an enforcement level or an object (received: ["advisory"])']);
    });

    it("lists every problem, one per line, in the order found", () => {
        assert.deepEqual(problems({ "test-plain": "warn", nope: "advisory", "test-schema": { count: 0 } }), [
            '"test-plain".enforcementLevel must be one of advisory, mandatory, remediate, disabled (received: "warn")',
            '"nope" is not a policy of the cognito-stack pack: use one of test-schema, test-plain, test-required',
            '"test-schema".count must be >= 1 (received: 0)',
            '"test-required".region is required',
        ]);
    });
});

describe("policy config: levels and reasons", () => {
    it("starts each policy at its own level, else the pack's, with its schema defaults", () => {
        const resolved = resolvePolicyConfig(required, pack, "advisory");
        assert.deepEqual([...resolved], [
            ["test-schema", { enforcementLevel: "advisory", properties: { count: 5 } }],
            ["test-plain", { enforcementLevel: "advisory", properties: {} }],
            ["test-required", { enforcementLevel: "advisory", properties: { zone: "a", region: "eu-west-1" } }],
        ]);
        assert.deepEqual(resolvePolicyConfig(required, pack, "mandatory").get("test-plain"), { enforcementLevel: "mandatory", properties: {} });
        assert.deepEqual(resolvePolicyConfig(required, pack, "mandatory").get("test-required"), { enforcementLevel: "advisory", properties: { zone: "a", region: "eu-west-1" } });
    });

    for (const level of ["advisory", "disabled"]) {
        it(`needs a reason to lower a policy to ${level}`, () => {
            assert.deepEqual(problems({ ...required, "test-plain": level }), [`"test-plain" is lowered to ${level} without a reason: write it as { "enforcementLevel": "${level}", "reason": "<why>" }`]);
            assert.deepEqual(problems({ ...required, "test-plain": { enforcementLevel: level, reason: "not used here" } }), []);
        });
    }

    for (const [what, reason] of [["an empty", ""], ["a blank", "  \t "], ["a non-string", 42]] as const) {
        it(`does not take ${what} reason`, () => {
            assert.deepEqual(problems({ ...required, "test-plain": { enforcementLevel: "disabled", reason } }), ['"test-plain" is lowered to disabled without a reason: write it as { "enforcementLevel": "disabled", "reason": "<why>" }']);
        });
    }

    it("needs no reason to raise a level, or to set advisory when the pack is advisory", () => {
        assert.deepEqual(problems({ ...required, "test-plain": "mandatory", "test-schema": "remediate" }), []);
        assert.deepEqual(problems({ ...required, "test-plain": "advisory" }, "advisory"), []);
    });

    it("applies 'all' to every policy, then each policy's own entry, wherever 'all' is written", () => {
        const resolved = resolvePolicyConfig({ "test-plain": "mandatory", ...required, all: { enforcementLevel: "disabled", reason: "audit run" } }, pack);
        assert.deepEqual([...resolved].map(([name, r]) => [name, r.enforcementLevel]), [["test-schema", "disabled"], ["test-plain", "mandatory"], ["test-required", "disabled"]]);
    });

    it("keeps the levels when an entry sets only properties", () => {
        const resolved = resolvePolicyConfig({ all: { enforcementLevel: "remediate" }, "test-schema": { count: 7 }, ...required }, pack);
        assert.deepEqual([...resolved].map(([name, r]) => [name, r.enforcementLevel]), [["test-schema", "remediate"], ["test-plain", "remediate"], ["test-required", "remediate"]]);
        assert.deepEqual(resolved.get("test-schema")!.properties, { count: 7 });
    });

    it("refuses settings under 'all', which belong to one policy", () => {
        assert.deepEqual(problems({ ...required, all: { enforcementLevel: "advisory", reason: "audit", count: 3 } }), [
            '"all".count is not a setting of "all", which takes only enforcementLevel and reason: set it under the policy it belongs to',
        ]);
    });

    it("does not pass the reason on to the policy as a setting", () => {
        assert.deepEqual(resolvePolicyConfig({ ...required, "test-schema": { count: 7, reason: "bigger batches" } }, pack).get("test-schema")!.properties, { count: 7 });
    });
});

describe("policy config: settings against the schema", () => {
    const cases: [string, Record<string, unknown>, string[]][] = [
        ["an integer within bounds", { count: 10 }, []],
        ["an integer below the minimum", { count: 0 }, ['"test-schema".count must be >= 1 (received: 0)']],
        ["an integer above the maximum", { count: 11 }, ['"test-schema".count must be <= 10 (received: 11)']],
        ["a fraction for an integer", { count: 2.5 }, ['"test-schema".count must be of type integer (received: 2.5)']],
        ["a whole number for a number", { ratio: 3 }, []],
        ["a fraction for a number", { ratio: 0.25 }, []],
        ["a string for a number", { ratio: "3" }, ['"test-schema".ratio must be of type number (received: "3")']],
        ["null where null is allowed", { label: null }, []],
        ["a string where string or null is allowed", { label: "x" }, []],
        ["a number where string or null is allowed", { label: 3 }, ['"test-schema".label must be of type string or null (received: 3)']],
        ["null for an object", { options: null }, ['"test-schema".options must be of type object (received: null)']],
        ["a list for an object", { options: [] }, ['"test-schema".options must be of type object (received: [])']],
        ["an object for an object", { options: { a: 1 } }, []],
        ["a list of strings", { names: ["a", "b"] }, []],
        ["a list with wrong items", { names: ["a", 2, true] }, ['"test-schema".names[1] must be of type string (received: 2)', '"test-schema".names[2] must be of type string (received: true)']],
        ["an object for a list", { names: { 0: "a" } }, ['"test-schema".names must be of type array (received: {"0":"a"})']],
        ["a listed value", { mode: "safe" }, []],
        ["a value not listed", { mode: "slow" }, ['"test-schema".mode must be one of ["fast","safe"] (received: "slow")']],
        ["a number-like string where bounds are set but no type", { untyped: "30" }, []],
        ["a small number-like string where bounds are set but no type", { untyped: "3" }, []],
        ["a string where item rules are set but no type", { untyped: "abc" }, []],
        ["a number out of bounds without a type", { untyped: 11 }, ['"test-schema".untyped must be <= 10 (received: 11)']],
        ["a list with wrong items without a type", { untyped: [1] }, ['"test-schema".untyped[0] must be of type string (received: 1)']],
        ["a tuple, whose items are not checked one by one", { pair: [1, "a"] }, []],
        ["a list whose items may be anything", { anyItems: [1, "a"] }, []],
        ["several wrong settings", { count: 99, mode: "x" }, ['"test-schema".count must be <= 10 (received: 99)', '"test-schema".mode must be one of ["fast","safe"] (received: "x")']],
    ];
    for (const [what, settings, expected] of cases) {
        it(`${expected.length ? "refuses" : "takes"} ${what}`, () => {
            assert.deepEqual(problems({ ...required, "test-schema": settings }), expected);
        });
    }

    it("keeps settings that have no default out until they are set", () => {
        assert.deepEqual(resolvePolicyConfig(required, pack).get("test-schema")!.properties, { count: 5 });
        assert.deepEqual(resolvePolicyConfig({ ...required, "test-schema": { mode: "fast", label: null } }, pack).get("test-schema")!.properties, { count: 5, mode: "fast", label: null });
    });

    it("says a policy without a config schema takes no settings", () => {
        assert.deepEqual(problems({ ...required, "test-plain": { enforcementLevel: "mandatory", limit: 3 } }), ['"test-plain".limit is not a setting of this policy: use only enforcementLevel and reason']);
    });

    it("names the settings a policy has when one is misspelt", () => {
        assert.deepEqual(problems({ ...required, "test-required": { region: "eu-west-1", zoen: "b" } }), ['"test-required".zoen is not a setting of this policy: use region, zone']);
    });

    it("requires a required setting without a default, and takes it when set", () => {
        assert.deepEqual(problems({}), ['"test-required".region is required']);
        assert.deepEqual(problems({ "test-required": { region: "eu-west-1", zone: "b" } }), []);
        assert.deepEqual(resolvePolicyConfig({ "test-required": { region: "eu-west-1", zone: "b" } }, pack).get("test-required")!.properties, { zone: "b", region: "eu-west-1" });
    });
});
