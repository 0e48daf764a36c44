/**
 * The new trigger roles and the custom senders' key policy, proven by IAM evaluation of what the
 * real program produces: only the sender roles decrypt the codes, Cognito encrypts only for this
 * pool, and user migration reads the legacy table and nothing else.
 */
import * as assert from "node:assert/strict";
import { runSimulation } from "@cloud-copilot/iam-simulate";
import { MOCK_ACCOUNT_ID as ACCOUNT } from "../../tools/mocks";
import type { Plan } from "../../tools/planTypes";
import { named, output, realPlan } from "../helpers/plans";
import { policiesFromPlan, type StackPolicies } from "./simulate";

type Decision = "Allowed" | "ImplicitlyDenied" | "ExplicitlyDenied";

async function decide(s: { principal: string; action: string; resource: string; identityPolicies?: string[]; resourcePolicy?: string; context?: Record<string, string> }): Promise<Decision> {
    const result = await runSimulation({
        request: { principal: s.principal, action: s.action, resource: { resource: s.resource, accountId: ACCOUNT }, contextVariables: s.context ?? {} },
        identityPolicies: (s.identityPolicies ?? []).map((p, i) => ({ name: `p${i}`, policy: JSON.parse(p) as unknown })),
        serviceControlPolicies: [],
        resourceControlPolicies: [],
        resourcePolicy: s.resourcePolicy === undefined ? undefined : (JSON.parse(s.resourcePolicy) as unknown),
    }, {});
    if (result.resultType === "error") throw new Error(`simulation rejected: ${JSON.stringify(result.errors)}`);
    if (result.resultType === "single" && (result.result.ignoredContextKeys ?? []).length > 0) throw new Error(`ignored context keys ${JSON.stringify(result.result.ignoredContextKeys)}`);
    return result.overallResult;
}

/** A request made with a Lambda function's role. */
const asRole = (policies: StackPolicies, role: string) => {
    const r = policies.roles[role];
    assert.ok(r, `no role ${role}`);
    return { principal: `arn:aws:sts::${ACCOUNT}:assumed-role/${r.arn.split("/").pop() as string}/fn`, identityPolicies: r.policies };
};

describe("trigger roles and the sender key by IAM simulation: prod", () => {
    let plan: Plan;
    let policies: StackPolicies;
    let keyArn: string;
    let keyPolicy: string;
    let poolArn: string;
    before(async () => {
        plan = await realPlan("prod");
        policies = policiesFromPlan(plan);
        keyArn = output(named(plan, "aws:kms/key:Key", "auth-trigger-sender-key"), "arn");
        keyPolicy = named(plan, "aws:kms/keyPolicy:KeyPolicy", "auth-trigger-sender-key-policy").props.policy as string;
        poolArn = output(named(plan, "aws:cognito/userPool:UserPool", "auth"), "arn");
    });

    it("lets the custom email sender's role decrypt with the key", async () => {
        assert.equal(await decide({ ...asRole(policies, "auth-trigger-customEmailSender-role"), action: "kms:Decrypt", resource: keyArn, resourcePolicy: keyPolicy }), "Allowed");
    });

    it("lets no other role of the stack decrypt, nor encrypt", async () => {
        for (const role of Object.keys(policies.roles).filter((r) => r !== "auth-trigger-customEmailSender-role")) {
            assert.notEqual(await decide({ ...asRole(policies, role), action: "kms:Decrypt", resource: keyArn, resourcePolicy: keyPolicy }), "Allowed", role);
        }
        assert.notEqual(await decide({ ...asRole(policies, "auth-trigger-customEmailSender-role"), action: "kms:Encrypt", resource: keyArn, resourcePolicy: keyPolicy }), "Allowed");
    });

    it("lets no IAM policy of the account open the key: an administrator role with kms:* still cannot decrypt", async () => {
        const admin = { principal: `arn:aws:sts::${ACCOUNT}:assumed-role/admin/someone`, identityPolicies: [JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "kms:*", Resource: "*" }] })] };
        assert.notEqual(await decide({ ...admin, action: "kms:Decrypt", resource: keyArn, resourcePolicy: keyPolicy }), "Allowed");
        assert.notEqual(await decide({ ...admin, action: "kms:CreateGrant", resource: keyArn, resourcePolicy: keyPolicy }), "Allowed");
        // The account administers the key: rotating, tagging and the policy itself stay possible.
        assert.equal(await decide({ ...admin, action: "kms:PutKeyPolicy", resource: keyArn, resourcePolicy: keyPolicy }), "Allowed");
    });

    it("lets Cognito encrypt for this pool only", async () => {
        const cognito = { principal: "cognito-idp.amazonaws.com", resource: keyArn, resourcePolicy: keyPolicy };
        assert.equal(await decide({ ...cognito, action: "kms:Encrypt", context: { "aws:SourceAccount": ACCOUNT, "aws:SourceArn": poolArn } }), "Allowed");
        assert.notEqual(await decide({ ...cognito, action: "kms:Encrypt", context: { "aws:SourceAccount": ACCOUNT, "aws:SourceArn": `arn:aws:cognito-idp:us-east-1:${ACCOUNT}:userpool/us-east-1_Other1` } }), "Allowed");
        assert.notEqual(await decide({ ...cognito, action: "kms:Encrypt", context: { "aws:SourceAccount": "999999999999", "aws:SourceArn": poolArn } }), "Allowed");
        assert.notEqual(await decide({ ...cognito, action: "kms:Decrypt", context: { "aws:SourceAccount": ACCOUNT, "aws:SourceArn": poolArn } }), "Allowed");
    });

    it("lets the email sender send as its sender only", async () => {
        const sender = asRole(policies, "auth-trigger-customEmailSender-role");
        const identity = "arn:aws:ses:us-east-1:123456789012:identity/example.com";
        assert.equal(await decide({ ...sender, action: "ses:SendEmail", resource: identity, context: { "ses:FromAddress": "no-reply@example.com" } }), "Allowed");
        assert.notEqual(await decide({ ...sender, action: "ses:SendEmail", resource: identity, context: { "ses:FromAddress": "ceo@example.com" } }), "Allowed");
    });
});

describe("trigger roles by IAM simulation: dev", () => {
    let plan: Plan;
    let policies: StackPolicies;
    before(async () => {
        plan = await realPlan("dev");
        policies = policiesFromPlan(plan);
    });

    it("lets user migration get legacy users, and do nothing else with them or the data table", async () => {
        const legacy = output(named(plan, "aws:dynamodb/table:Table", "auth-trigger-legacy-users"), "arn");
        const migration = asRole(policies, "auth-trigger-userMigration-role");
        assert.equal(await decide({ ...migration, action: "dynamodb:GetItem", resource: legacy }), "Allowed");
        for (const action of ["dynamodb:PutItem", "dynamodb:Scan", "dynamodb:Query", "dynamodb:DeleteItem"]) {
            assert.notEqual(await decide({ ...migration, action, resource: legacy }), "Allowed", action);
        }
        assert.notEqual(await decide({ ...migration, action: "dynamodb:GetItem", resource: policies.tableArn }), "Allowed");
    });

    it("gives the logging-only triggers no data access", async () => {
        const legacy = output(named(plan, "aws:dynamodb/table:Table", "auth-trigger-legacy-users"), "arn");
        for (const role of ["auth-trigger-customMessage-role", "auth-trigger-postAuthentication-role"]) {
            assert.notEqual(await decide({ ...asRole(policies, role), action: "dynamodb:GetItem", resource: legacy }), "Allowed", role);
            assert.notEqual(await decide({ ...asRole(policies, role), action: "dynamodb:GetItem", resource: policies.tableArn }), "Allowed", role);
        }
    });
});
