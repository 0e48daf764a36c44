/**
 * Every policy over malformed values of the real plans: each prop (and each key of each object
 * prop) of every resource of a type replaced by a value of the wrong kind. No policy may fail:
 * a value of the wrong kind is a violation naming the field (the offline check exits 2 on it),
 * never a crash, and never silently read as "off".
 */
import * as assert from "node:assert/strict";
import { PolicyRunError, runPolicyPack } from "../../policies/runner";
import { readStackConfig } from "../../tools/check";
import type { Plan } from "../../tools/planTypes";
import { realPlan } from "../helpers/plans";
import { clonePlan } from "./mutate";
import { planTimeout } from "./variants";

const badValues: [string, unknown][] = [
    ["a number", 42],
    ["a string", "not-an-object"],
    ["a list of numbers", [1, 2]],
    ["an empty object", {}],
    ["null", null],
];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Replaces each top-level prop (depth 1) or each key of each object prop (depth 2) of every resource of `type`. */
function malform(plan: Plan, type: string, value: unknown, depth: 1 | 2): Plan {
    const copy = clonePlan(plan);
    for (const r of copy.resources.filter((x) => x.type === type)) {
        for (const target of [r.props, r.outputs ?? {}]) {
            for (const [key, v] of Object.entries(target)) {
                if (depth === 1) {
                    target[key] = structuredClone(value);
                } else if (isObject(v)) {
                    for (const inner of Object.keys(v)) {
                        v[inner] = structuredClone(value);
                    }
                }
            }
        }
    }
    return copy;
}

describe("malformed values in the real plans", function () {
    this.timeout(planTimeout);

    it("never make a policy fail, at any type, prop or depth", async () => {
        const plan = await realPlan("prod");
        const config = readStackConfig("prod");
        const types = [...new Set(plan.resources.filter((r) => r.custom).map((r) => r.type))];
        const failures: string[] = [];
        let malformedReported = 0;
        for (const type of types) {
            for (const [what, value] of badValues) {
                for (const depth of [1, 2] as const) {
                    try {
                        const violations = await runPolicyPack(malform(plan, type, value, depth), config);
                        malformedReported += violations.filter((v) => v.malformed).length;
                    } catch (e) {
                        failures.push(`${type}, ${depth === 1 ? "props" : "nested keys"} set to ${what}: ${e instanceof PolicyRunError ? e.message : String(e)}`);
                    }
                }
            }
        }
        assert.deepEqual(failures, []);
        assert.ok(malformedReported > 100, `only ${malformedReported} malformed values were reported as such`);
    });

    it("report a value of the wrong kind by its field, as a mandatory violation", async () => {
        const plan = clonePlan(await realPlan("prod"));
        const client = plan.resources.find((r) => r.name === "auth-client-web")!;
        client.props.writeAttributes = "custom:tenant_id";
        client.outputs!.writeAttributes = "custom:tenant_id";
        const found = (await runPolicyPack(plan, readStackConfig("prod"))).filter((v) => v.malformed);
        assert.deepEqual(
            found.map((v) => [v.policy, v.enforcementLevel, v.malformed?.field, v.message]),
            [["cognito-client-privileged-attributes", "mandatory", 'UserPoolClient "auth-client-web".writeAttributes', 'UserPoolClient "auth-client-web".writeAttributes must be a list of strings (received: "custom:tenant_id"): give the value the provider expects.']],
        );
    });
});
