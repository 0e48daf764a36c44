import * as assert from "node:assert/strict";
import { policies } from "../../policies/all";
import { guestRoleLimits, cognitoTrustPolicy } from "../../policies/iam";
import { userPoolDeletionProtection, userPoolMfa } from "../../policies/cognito";
import { unknownStringSentinel } from "../../policies/lib/unknowns";
import { PolicyConfigError, resolvePolicyConfig, runPolicyPack } from "../../policies/runner";
import { assertOne, authRoleArn, bucketArn, find, policyDocument, run, securePlan, setProp, stackConfig } from "./fixtures";

describe("policy pack", () => {
    it("has unique kebab-case names, descriptions starting 'Checks whether' and a severity", () => {
        const names = policies.map((p) => p.name);
        assert.equal(new Set(names).size, names.length);
        for (const p of policies) {
            assert.match(p.name, /^[a-z0-9]+(-[a-z0-9]+)+$/);
            assert.match(p.description, /^Checks whether /);
            assert.ok(p.severity, `${p.name} has no severity`);
        }
    });

    for (const stack of ["dev", "staging", "prod"]) {
        it(`passes the secure plan with the ${stack} config`, async () => {
            assert.deepEqual(await runPolicyPack(securePlan(), stackConfig(stack)), []);
        });
    }
});

describe("unknown values (first preview)", () => {
    it("reports an unknown input as advisory 'can't run ... during preview' under the policy's name", async () => {
        const plan = setProp(securePlan(), "users", "mfaConfiguration", unknownStringSentinel);
        const v = assertOne(await run(plan, userPoolMfa), "cognito-user-pool-mfa", /^can't run policy 'cognito-user-pool-mfa' from policy pack 'cognito-stack@v\d+\.\d+\.\d+' during preview: string value at \.mfaConfiguration can't be known during preview$/, "advisory");
        assert.equal(v.urn, find(plan, "users").urn);
    });

    it("reports an unknown policy document as advisory, not as a crash or a pass", async () => {
        const plan = setProp(securePlan(), "authenticated-role", "assumeRolePolicy", unknownStringSentinel);
        assertOne(await run(plan, cognitoTrustPolicy), "iam-cognito-trust-policy", /during preview: string value at \.assumeRolePolicy can't be known/, "advisory");
    });

    it("still reports decidable violations of a stack policy when another resource is unknown", async () => {
        const plan = securePlan();
        // A second identity pool's attachment whose guest role ARN is not known yet ...
        const pending = structuredClone(find(plan, "roles"));
        Object.assign(pending, { name: "pending-roles", urn: `${pending.urn}-pending` });
        pending.props.roles = { authenticated: authRoleArn, unauthenticated: unknownStringSentinel };
        pending.outputs = pending.props;
        plan.resources.splice(plan.resources.indexOf(find(plan, "roles")), 0, pending);
        // ... while the known guest role is over-privileged.
        setProp(plan, "guest-policy", "policy", policyDocument({ Effect: "Allow", Action: "s3:PutObject", Resource: `${bucketArn}/public/*` }));
        const violations = await run(plan, guestRoleLimits);
        assert.deepEqual(violations.map((v) => [v.enforcementLevel, /s3:PutObject \(Write\)/.test(v.message) || /roles.unauthenticated can't be known/.test(v.message)]), [["mandatory", true], ["advisory", true]]);
    });

    it("treats a missing provider output as undecided", async () => {
        const plan = securePlan();
        delete find(plan, "guest-role").outputs!.arn;
        assertOne(await run(plan, guestRoleLimits), "iam-guest-role-limits", /during preview: cannot decide yet: the arn of aws:iam\/role:Role "guest-role" is not known until the resources are created/, "advisory");
    });
});

describe("policy config", () => {
    it("applies schema defaults and per-policy settings", () => {
        const resolved = resolvePolicyConfig({ "cognito-user-pool-password-policy": { minimumLength: 16 } });
        assert.deepEqual(resolved.get("cognito-user-pool-password-policy"), { enforcementLevel: "mandatory", properties: { minimumLength: 16, passwordHistorySize: 5, maxTemporaryPasswordValidityDays: 7 } });
    });

    it("lowers a level with a reason and keeps the others at the pack default", async () => {
        const plan = setProp(securePlan(), "users", "deletionProtection", "INACTIVE");
        const v = await run(plan, userPoolDeletionProtection, stackConfig("dev"));
        assertOne(v, "cognito-user-pool-deletion-protection", /deletionProtection is INACTIVE/, "advisory");
        assertOne(await run(plan, userPoolDeletionProtection, stackConfig("prod")), "cognito-user-pool-deletion-protection", /deletionProtection is INACTIVE/, "mandatory");
    });

    it("skips disabled policies and reports remediate as mandatory, as the engine does", async () => {
        const plan = setProp(securePlan(), "users", "mfaConfiguration", "OFF");
        assert.deepEqual(await run(plan, userPoolMfa, { "cognito-user-pool-mfa": { enforcementLevel: "disabled", reason: "test" } }), []);
        assertOne(await run(plan, userPoolMfa, { "cognito-user-pool-mfa": "remediate" }), "cognito-user-pool-mfa", /mfaConfiguration is OFF/, "mandatory");
    });

    it("applies 'all' before per-policy entries", () => {
        const resolved = resolvePolicyConfig({ "cognito-user-pool-mfa": "mandatory", all: { enforcementLevel: "advisory", reason: "audit run" } });
        assert.equal(resolved.get("cognito-user-pool-mfa")!.enforcementLevel, "mandatory");
        assert.equal(resolved.get("s3-bucket-tls-only")!.enforcementLevel, "advisory");
    });

    const invalid: [string, unknown, RegExp][] = [
        ["an unknown policy name", { "cognito-mfa": "advisory" }, /"cognito-mfa" is not a policy of the cognito-stack pack/],
        ["an invalid level", { "cognito-user-pool-mfa": "warn" }, /"cognito-user-pool-mfa".enforcementLevel must be one of advisory, mandatory, remediate, disabled \(received: "warn"\)/],
        ["a lowered level without reason", { "cognito-user-pool-mfa": "advisory" }, /"cognito-user-pool-mfa" is lowered to advisory without a reason/],
        ["a wrongly typed setting", { "cognito-user-pool-password-policy": { minimumLength: "12" } }, /"cognito-user-pool-password-policy".minimumLength must be of type integer \(received: "12"\)/],
        ["a negative threshold", { "cognito-client-token-validity": { maxAccessTokenMinutes: -5 } }, /maxAccessTokenMinutes must be >= 0 \(received: -5\)/],
        ["a misspelt setting", { "cognito-user-pool-mfa": { allowOptionnal: true } }, /"cognito-user-pool-mfa".allowOptionnal is not a setting of this policy: use allowOptional, allowedFactors/],
        ["a value that is neither level nor object", { "cognito-user-pool-mfa": 3 }, /"cognito-user-pool-mfa" must be an enforcement level or an object \(received: 3\)/],
    ];
    for (const [what, config, message] of invalid) {
        it(`rejects ${what}`, () => {
            assert.throws(() => resolvePolicyConfig(config), (e: unknown) => e instanceof PolicyConfigError && message.test(e.message));
        });
    }

    it("reports every problem of a config at once", () => {
        assert.throws(() => resolvePolicyConfig({ nope: "advisory", "cognito-user-pool-mfa": "warn" }), /"nope" is not a policy[\s\S]*"cognito-user-pool-mfa".enforcementLevel must be one of/);
    });
});

describe("policy config settings that let more through", () => {
    const cases: [string, unknown, RegExp][] = [
        ["a lower threshold", { "cognito-user-pool-password-policy": { minimumLength: 8 } }, /^invalid policy pack config:\n {2}"cognito-user-pool-password-policy"\.minimumLength lowers it below 12, which lets more through, without a reason: add "reason": "<why>" next to it$/],
        ["a higher cap", { "cognito-client-token-validity": { maxAccessTokenMinutes: 1440 } }, /"cognito-client-token-validity"\.maxAccessTokenMinutes raises it above 60, which lets more through, without a reason/],
        ["a switch turned on", { "apigateway-stage-execution-logging": { allowDataTrace: true } }, /"apigateway-stage-execution-logging"\.allowDataTrace turns it on, which lets more through, without a reason/],
        ["an allow-list entry added", { "iam-authenticated-role-scoping": { additionalGrants: ["sqs:SendMessage *"] } }, /"iam-authenticated-role-scoping"\.additionalGrants adds \["sqs:SendMessage \*"\], which lets more through, without a reason/],
        ["a changed prefix", { "iam-authenticated-role-scoping": { ownPrefix: "public/" } }, /"iam-authenticated-role-scoping"\.ownPrefix changes it from "private\/", which lets more through, without a reason/],
    ];
    for (const [what, config, message] of cases) {
        it(`needs a reason for ${what}`, () => {
            assert.throws(() => resolvePolicyConfig(config), (e: unknown) => e instanceof PolicyConfigError && message.test(e.message));
            const withReason = Object.fromEntries(Object.entries(config as Record<string, object>).map(([k, v]) => [k, { ...v, reason: "written down" }]));
            assert.doesNotThrow(() => resolvePolicyConfig(withReason));
        });
    }

    it("needs no reason for a setting that narrows the policy", () => {
        assert.doesNotThrow(() => resolvePolicyConfig({ "cognito-user-pool-password-policy": { minimumLength: 16 }, "cognito-client-token-validity": { maxAccessTokenMinutes: 15 } }));
    });
});
