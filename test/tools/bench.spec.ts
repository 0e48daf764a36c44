import * as assert from "node:assert/strict";
import { goal, median, parseArgs } from "../../tools/bench";
import { renameIdentifier, syntheticPlan } from "../../tools/syntheticPlan";
import { runPolicyPack } from "../../policies/runner";
import { readStackConfig } from "../../tools/check";
import { realPlan } from "../helpers/plans";
import { withoutKnownGaps } from "../policies/variants";

describe("npm run bench", () => {
    it("parses its arguments", () => {
        assert.deepEqual({ ...parseArgs(["--runs", "3", "--with-tests", "--json", "/tmp/b.json"]) }, { json: "/tmp/b.json", runs: 3, withTests: true, withFreshClone: false });
        assert.equal(parseArgs(["--with-fresh-clone"]).withFreshClone, true);
        assert.throws(() => parseArgs(["--runs", "0"]), /^Error: --runs must be an integer from 1 to 50 \(received: 0\)$/);
        assert.throws(() => parseArgs(["--fast"]), /^Error: unknown argument --fast$/);
    });

    it("takes medians and compares goals both ways", () => {
        assert.equal(median([5, 1, 3]), 3);
        assert.equal(median([4, 1, 3, 2]), 2.5);
        assert.equal(goal("plan", 1.6, "×", 1.5).met, false);
        assert.equal(goal("rate", 0.9, "×", 0.8, true).met, true);
        assert.equal(goal("rate", 0.7, "×", 0.8, true).met, false);
    });
});

describe("syntheticPlan", function () {
    this.timeout(120_000);

    it("renames identifiers keeping their format", () => {
        assert.equal(renameIdentifier("us-east-1:df08c584-7206-4e7f-89b7-77c28d2c2e96", 7), "us-east-1:df08c584-7206-4e7f-89b7-77c28d000007");
        assert.equal(renameIdentifier("items", 2), "items-2");
    });

    it("copies the prod plan to any size; whole copies reference their own resources and are as clean as the original", async () => {
        const template = withoutKnownGaps(await realPlan("prod"));
        assert.equal(syntheticPlan(template, template.resources.length + 5).resources.length, template.resources.length + 5);
        const plan = syntheticPlan(template, template.resources.length * 3);
        assert.equal(new Set(plan.resources.map((r) => r.urn)).size, plan.resources.length);
        const config = readStackConfig("prod");
        assert.deepEqual(await runPolicyPack(template, config), []);
        assert.deepEqual(await runPolicyPack(plan, config), []);
    });

    it("reports a broken trust policy in one copy under that copy's role", async () => {
        const template = withoutKnownGaps(await realPlan("prod"));
        const plan = syntheticPlan(template, template.resources.length * 3);
        const role = plan.resources.find((r) => r.type === "aws:iam/role:Role" && r.name === "auth-identity-authenticated-role-2")!;
        role.props.assumeRolePolicy = String(role.props.assumeRolePolicy).replace(/us-east-1:[0-9a-f-]{36}/, "us-east-1:00000000-0000-4000-8000-000000000000");
        role.outputs!.assumeRolePolicy = role.props.assumeRolePolicy;
        const violations = await runPolicyPack(plan, readStackConfig("prod"));
        assert.deepEqual([...new Set(violations.map((v) => v.urn))], [role.urn]);
        assert.match(violations.find((v) => v.policy === "iam-cognito-role-binding")!.message, /^The authenticated role "auth-identity-authenticated-role-2" trusts aud \["us-east-1:00000000-0000-4000-8000-000000000000"\], not its identity pool/);
    });
});
