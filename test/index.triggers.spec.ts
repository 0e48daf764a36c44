/**
 * The trigger kinds as the real program wires them for each stack (the offline plans).
 */
import * as assert from "node:assert/strict";
import { named, ofType, output, realPlan } from "./helpers/plans";

const CLIENT = "aws:cognito/userPoolClient:UserPoolClient";
const POOL = "aws:cognito/userPool:UserPool";

describe("the program's triggers per stack", function () {
    this.timeout(120_000);

    it("dev: user migration with its legacy table, and the migration client while its window (2026-11-01 to 2027-10-31, UTC) is open", async () => {
        const dev = await realPlan("dev");
        const lambda = named(dev, POOL, "auth").props.lambdaConfig as Record<string, unknown>;
        assert.deepEqual(Object.keys(lambda).sort(), ["customMessage", "postAuthentication", "postConfirmation", "preSignUp", "preTokenGenerationConfig", "userMigration"]);
        assert.equal(ofType(dev, "aws:dynamodb/table:Table").filter((t) => t.name === "auth-trigger-legacy-users").length, 1);
        const open = Date.now() >= Date.parse("2026-11-01T00:00:00Z") && Date.now() < Date.parse("2027-11-01T00:00:00Z");
        const clients = ofType(dev, CLIENT).filter((c) => c.name === "auth-migration-client");
        assert.equal(clients.length, open ? 1 : 0);
        if (open) {
            assert.deepEqual(clients[0].props.explicitAuthFlows, ["ALLOW_USER_PASSWORD_AUTH"]);
            assert.equal(dev.outputs.migrationClientId, output(clients[0], "id"));
        }
        // No other client takes the password flow.
        for (const c of ofType(dev, CLIENT).filter((x) => x.name !== "auth-migration-client")) {
            assert.ok(!((c.props.explicitAuthFlows ?? []) as string[]).includes("ALLOW_USER_PASSWORD_AUTH"), c.name);
        }
    });

    it("staging: pre token generation V3_0 on PLUS, pre authentication, post authentication, custom message", async () => {
        const staging = await realPlan("staging");
        const pool = named(staging, POOL, "auth").props;
        const lambda = pool.lambdaConfig as Record<string, unknown>;
        assert.equal(pool.userPoolTier, "PLUS");
        assert.equal((lambda.preTokenGenerationConfig as { lambdaVersion: string }).lambdaVersion, "V3_0");
        assert.ok(lambda.preAuthentication && lambda.postAuthentication && lambda.customMessage);
        assert.equal(lambda.userMigration, undefined);
        assert.equal(lambda.customEmailSender, undefined);
    });

    it("prod: the custom email sender with the stack's key, no migration client, no custom SMS sender", async () => {
        const prod = await realPlan("prod");
        const lambda = named(prod, POOL, "auth").props.lambdaConfig as Record<string, unknown>;
        const key = named(prod, "aws:kms/key:Key", "auth-trigger-sender-key");
        assert.equal(lambda.kmsKeyId, output(key, "arn"));
        assert.deepEqual(lambda.customEmailSender, { lambdaArn: output(named(prod, "aws:lambda/function:Function", "auth-trigger-customEmailSender"), "arn"), lambdaVersion: "V1_0" });
        assert.equal(lambda.customSmsSender, undefined);
        assert.equal(lambda.userMigration, undefined);
        assert.equal(ofType(prod, CLIENT).filter((c) => c.name === "auth-migration-client").length, 0);
        assert.equal(prod.outputs.migrationClientId, null);
        assert.deepEqual(((prod.outputs.triggerFunctions ?? []) as string[]).slice().sort(), [
            "cognito-stack-prod-auth-trigger-customEmailSender", "cognito-stack-prod-auth-trigger-postAuthentication", "cognito-stack-prod-auth-trigger-postConfirmation",
            "cognito-stack-prod-auth-trigger-preAuthentication", "cognito-stack-prod-auth-trigger-preSignUp", "cognito-stack-prod-auth-trigger-preTokenGeneration",
        ]);
    });
});
