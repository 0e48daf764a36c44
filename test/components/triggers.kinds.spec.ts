import * as pulumi from "@pulumi/pulumi";
import * as assert from "node:assert/strict";
import type { LambdaCode } from "../../components/lambdaCode";
import { migrationWindowNote, migrationWindowOpen, suspensionAttributesOf, Triggers, TriggersArgs, utcDay, validateTriggersArgs } from "../../components/triggers";
import { KEY_ADMIN_ACTIONS } from "../../components/senderKey";
import { UserPool, validateUserPoolArgs } from "../../components/userPool";
import { formatIssue } from "../../components/issues";
import { dependsOn, named, ofType, output } from "../helpers/plans";
import { ACCOUNT, build, Recorded, Recording, REGION } from "../helpers/record";

const fakeCode: LambdaCode = (name) => new pulumi.asset.AssetArchive({ "index.js": new pulumi.asset.StringAsset(`exports.handler = async () => "${name}";`) });

const FUNCTION = "aws:lambda/function:Function";
const POOL = "aws:cognito/userPool:UserPool";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const SES_ARN = `arn:aws:ses:${REGION}:${ACCOUNT}:identity/example.com`;

const kinds: TriggersArgs = {
    code: fakeCode,
    preAuthentication: { suspendedTenants: ["acme"], suspendedAttribute: "custom:suspended" },
    postAuthentication: {},
    customMessage: { appName: "Example", defaultLanguage: "de" },
    userMigration: { bcryptCost: 12, migratedAttributes: ["email", "name"] },
    customEmailSender: { appName: "Example" },
    customSmsSender: { senderId: "Example" },
    authChallenge: { maxAttempts: 2 },
    preTokenGeneration: { version: "V3_0" },
    emailFrom: "Example <no-reply@example.com>",
    sesIdentityArn: SES_ARN,
    deletionProtection: true,
};

type Statement = { Sid?: string; Effect: string; Principal?: Record<string, unknown>; Action: string | string[]; Resource: string | string[]; Condition?: Record<string, Record<string, string>> };
const statements = (r: Recorded): Statement[] => (JSON.parse(r.props.policy as string) as { Statement: Statement[] }).Statement;
const env = (rec: Recording, t: string) => named(rec, FUNCTION, `auth-trigger-${t}`).props.environment?.variables as Record<string, string> | undefined;

describe("Triggers: every trigger kind", () => {
    let rec: Recording;
    let triggers: Triggers;
    before(async () => {
        ({ component: triggers, ...rec } = await build(() => {
            const t = new Triggers("auth-trigger", kinds);
            const pool = new UserPool("auth", { featurePlan: "ESSENTIALS", triggers: t.userPoolTriggers });
            t.grantPool(pool.userPoolArn);
            return t;
        }, "prod"));
    });

    it("creates one function per kind, and one for the three auth challenge triggers", () => {
        assert.deepEqual(ofType(rec, FUNCTION).map((f) => f.name).sort(), [
            "auth-trigger-authChallenge", "auth-trigger-customEmailSender", "auth-trigger-customMessage", "auth-trigger-customSmsSender",
            "auth-trigger-postAuthentication", "auth-trigger-preAuthentication", "auth-trigger-preTokenGeneration", "auth-trigger-userMigration",
        ]);
        assert.deepEqual(Object.keys(triggers.functions).sort(), ["authChallenge", "customEmailSender", "customMessage", "customSmsSender", "postAuthentication", "preAuthentication", "preTokenGeneration", "userMigration"]);
    });

    it("puts each in the pool's lambdaConfig: the senders as V1_0 with the key, pre token generation as V3_0", () => {
        const pool = named(rec, POOL, "auth");
        const fnArn = (t: string) => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:cognito-stack-prod-auth-trigger-${t}`;
        const key = output(named(rec, "aws:kms/key:Key", "auth-trigger-sender-key"), "arn");
        assert.deepEqual(pool.props.lambdaConfig, {
            preAuthentication: fnArn("preAuthentication"),
            postAuthentication: fnArn("postAuthentication"),
            customMessage: fnArn("customMessage"),
            userMigration: fnArn("userMigration"),
            defineAuthChallenge: fnArn("authChallenge"),
            createAuthChallenge: fnArn("authChallenge"),
            verifyAuthChallengeResponse: fnArn("authChallenge"),
            preTokenGenerationConfig: { lambdaArn: fnArn("preTokenGeneration"), lambdaVersion: "V3_0" },
            customEmailSender: { lambdaArn: fnArn("customEmailSender"), lambdaVersion: "V1_0" },
            customSmsSender: { lambdaArn: fnArn("customSmsSender"), lambdaVersion: "V1_0" },
            kmsKeyId: key,
        });
    });

    it("lets this pool alone invoke each function: one permission per lambdaConfig entry", () => {
        const pool = named(rec, POOL, "auth");
        const permissions = ofType(rec, "aws:lambda/permission:Permission");
        assert.deepEqual(permissions.map((p) => p.name).sort(), [
            "auth-invoke-createAuthChallenge", "auth-invoke-customEmailSender", "auth-invoke-customMessage", "auth-invoke-customSmsSender", "auth-invoke-defineAuthChallenge",
            "auth-invoke-postAuthentication", "auth-invoke-preAuthentication", "auth-invoke-preTokenGeneration", "auth-invoke-userMigration", "auth-invoke-verifyAuthChallengeResponse",
        ]);
        for (const p of permissions) {
            assert.equal(p.props.principal, "cognito-idp.amazonaws.com");
            assert.equal(p.props.action, "lambda:InvokeFunction");
            assert.equal(p.props.sourceArn, output(pool, "arn"));
        }
    });

    it("passes each handler its settings", () => {
        assert.deepEqual(env(rec, "preAuthentication"), { TENANT_ATTRIBUTE: "custom:tenant_id", SUSPENDED_TENANTS: "acme", SUSPENDED_ATTRIBUTE: "custom:suspended" });
        assert.deepEqual(env(rec, "postAuthentication"), {});
        assert.deepEqual(env(rec, "customMessage"), { APP_NAME: "Example", DEFAULT_LANGUAGE: "de" });
        const table = named(rec, "aws:dynamodb/table:Table", "auth-trigger-legacy-users");
        assert.deepEqual(env(rec, "userMigration"), { TABLE_NAME: output(table, "name"), MIGRATED_ATTRIBUTES: "email,name", BCRYPT_COST: "12" });
        const key = output(named(rec, "aws:kms/key:Key", "auth-trigger-sender-key"), "arn");
        assert.deepEqual(env(rec, "customEmailSender"), { KEY_ARN: key, SENDER_EMAIL: "no-reply@example.com", APP_NAME: "Example" });
        assert.deepEqual(env(rec, "customSmsSender"), { KEY_ARN: key, SMS_SENDER_ID: "Example" });
        assert.deepEqual(env(rec, "authChallenge"), { SENDER_EMAIL: "no-reply@example.com", MAX_ATTEMPTS: "2" });
    });

    it("gives the logging-only triggers no permission beyond their logs", () => {
        for (const t of ["preAuthentication", "postAuthentication", "customMessage", "preTokenGeneration"]) {
            assert.deepEqual(ofType(rec, ROLE_POLICY).filter((p) => p.name.startsWith(`auth-trigger-${t}-`)).map((p) => p.name), [`auth-trigger-${t}-logs-policy`]);
        }
    });

    it("lets user migration read the legacy table, item by item, and nothing else", () => {
        const table = named(rec, "aws:dynamodb/table:Table", "auth-trigger-legacy-users");
        assert.deepEqual(statements(named(rec, ROLE_POLICY, "auth-trigger-userMigration-policy")), [{ Sid: "ReadLegacyUsers", Effect: "Allow", Action: ["dynamodb:GetItem"], Resource: output(table, "arn") }]);
        assert.equal(table.props.hashKey, "username");
        assert.deepEqual(table.props.pointInTimeRecovery, { enabled: true });
        assert.equal(table.props.deletionProtectionEnabled, true);
        assert.equal(table.props.billingMode, "PAY_PER_REQUEST");
    });

    it("lets each sender decrypt with the key and send only what its channel needs", () => {
        const key = output(named(rec, "aws:kms/key:Key", "auth-trigger-sender-key"), "arn");
        const decrypt = { Sid: "DecryptCodes", Effect: "Allow", Action: ["kms:Decrypt"], Resource: key };
        assert.deepEqual(statements(named(rec, ROLE_POLICY, "auth-trigger-customEmailSender-policy")), [
            decrypt,
            { Sid: "SendCodes", Effect: "Allow", Action: ["ses:SendEmail"], Resource: [SES_ARN], Condition: { StringEquals: { "ses:FromAddress": "no-reply@example.com" } } },
        ]);
        assert.deepEqual(statements(named(rec, ROLE_POLICY, "auth-trigger-customSmsSender-policy")), [decrypt, { Sid: "SendSms", Effect: "Allow", Action: ["sns:Publish"], Resource: "*" }]);
        assert.deepEqual(statements(named(rec, ROLE_POLICY, "auth-trigger-authChallenge-policy")), [
            { Sid: "SendSignInCodes", Effect: "Allow", Action: ["ses:SendEmail"], Resource: [SES_ARN], Condition: { StringEquals: { "ses:FromAddress": "no-reply@example.com" } } },
        ]);
    });

    it("makes a rotating symmetric key whose policy comes after the pool: Cognito encrypts for this pool, the senders decrypt, the account administers", () => {
        const key = named(rec, "aws:kms/key:Key", "auth-trigger-sender-key");
        assert.equal(key.props.enableKeyRotation, true);
        assert.equal(key.props.customerMasterKeySpec, "SYMMETRIC_DEFAULT");
        assert.equal(key.props.policy, undefined, "the policy names the pool: on the key it would be a cycle");
        const pool = named(rec, POOL, "auth");
        const policy = named(rec, "aws:kms/keyPolicy:KeyPolicy", "auth-trigger-sender-key-policy");
        assert.ok(policy.dependencies.includes(pool.urn));
        assert.equal(dependsOn(rec, key, pool), false);
        assert.equal(policy.props.keyId, output(key, "id"));
        const role = (t: string) => output(named(rec, "aws:iam/role:Role", `auth-trigger-${t}-role`), "arn");
        assert.deepEqual(statements(policy), [
            { Sid: "KeyAdministration", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: KEY_ADMIN_ACTIONS, Resource: "*" },
            {
                Sid: "CognitoEncryptsCodesOfThisPool", Effect: "Allow", Principal: { Service: "cognito-idp.amazonaws.com" }, Action: "kms:Encrypt", Resource: "*",
                Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT }, ArnLike: { "aws:SourceArn": output(pool, "arn") } },
            },
            { Sid: "SendersDecrypt", Effect: "Allow", Principal: { AWS: [role("customEmailSender"), role("customSmsSender")] }, Action: "kms:Decrypt", Resource: "*" },
        ]);
        // The account may manage the key but never use it or hand it out.
        for (const action of ["kms:Decrypt", "kms:Encrypt", "kms:CreateGrant", "kms:ReEncryptFrom", "kms:GenerateDataKey", "kms:*"]) {
            assert.ok(!KEY_ADMIN_ACTIONS.some((a) => new RegExp(`^${a.replace("*", ".*")}$`).test(action)), `administration grants ${action}`);
        }
    });
});

describe("Triggers: only what is asked for", () => {
    it("creates no key, table or policy without the triggers that need them", async () => {
        const { component: t, ...rec } = await build(() => new Triggers("t", { code: fakeCode, customMessage: {}, postAuthentication: {} }));
        assert.equal(ofType(rec, "aws:kms/key:Key").length, 0);
        assert.equal(ofType(rec, "aws:dynamodb/table:Table").length, 0);
        assert.deepEqual(t.grantPool("arn:aws:cognito-idp:us-east-1:123456789012:userpool/x"), []);
        assert.equal(t.keyPolicy, undefined);
        assert.deepEqual(Object.keys(t.userPoolTriggers).sort(), ["customMessage", "postAuthentication"]);
        assert.deepEqual(named(rec, FUNCTION, "t-customMessage").props.environment?.variables, {});
    });

    it("gives only the SMS sender the key's decrypt when the email sender is off", async () => {
        const rec = await build(() => {
            const t = new Triggers("t", { code: fakeCode, customSmsSender: {} });
            t.grantPool("arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_P1");
        });
        const principals = (statements(named(rec, "aws:kms/keyPolicy:KeyPolicy", "t-sender-key-policy"))[2].Principal as { AWS: string[] }).AWS;
        assert.deepEqual(principals, [output(named(rec, "aws:iam/role:Role", "t-customSmsSender-role"), "arn")]);
    });
});

describe("Triggers: validation of the trigger kinds", () => {
    const issues = (a: Omit<TriggersArgs, "code">, ctx = {}) => validateTriggersArgs(a, { settingsPath: "triggers.", ...ctx }).map((i) => formatIssue(i));

    it("accepts the settings every stack uses", () => {
        assert.deepEqual(issues({ ...kinds, userMigration: { migrationClient: { start: "2026-11-01", end: "2027-03-31" } } }, { customAttributes: ["tenant_id", "suspended"] }), []);
    });

    it("refuses a pre authentication that refuses nothing, or reads attributes the pool lacks", () => {
        assert.deepEqual(issues({ preAuthentication: {} }), [
            "triggers.preAuthentication refuses nothing without suspendedTenants or suspendedAttribute (received: {}). Fix: list the suspended tenants, name a suspension attribute, or remove the trigger",
        ]);
        assert.deepEqual(issues({ preAuthentication: { suspendedAttribute: "custom:banned" } }, { customAttributes: ["tenant_id"] }), [
            "triggers.preAuthentication.suspendedAttribute must name a custom attribute of the pool (received: \"custom:banned\"). Fix: add banned (String, mutable) to customAttributes",
        ]);
        assert.deepEqual(issues({ preAuthentication: { suspendedAttribute: "suspended" } }), [
            "triggers.preAuthentication.suspendedAttribute must be a custom attribute like custom:suspended (received: \"suspended\"). Fix: prefix the attribute name with custom:",
        ]);
        assert.deepEqual(issues({ preAuthentication: { suspendedAttribute: "custom:tenant_id" } }), [
            "triggers.preAuthentication.suspendedAttribute must differ from the tenant attribute (received: \"custom:tenant_id\"). Fix: use an attribute of its own, e.g. custom:suspended",
        ]);
    });

    it("refuses a migration window that is not a window of real days within a year", () => {
        const window = (start: string, end: string) => issues({ userMigration: { migrationClient: { start, end } } });
        assert.deepEqual(window("2026-02-30", "2026/03/01"), [
            "triggers.userMigration.migrationClient.start must be a day as YYYY-MM-DD (received: \"2026-02-30\"). Fix: write it like 2026-11-01",
            "triggers.userMigration.migrationClient.end must be a day as YYYY-MM-DD (received: \"2026/03/01\"). Fix: write it like 2027-01-31",
        ]);
        assert.deepEqual(window("2026-03-01", "2026-02-28"), ["triggers.userMigration.migrationClient.end must not be before start (2026-03-01) (received: \"2026-02-28\"). Fix: set the last day of the migration window"]);
        assert.match(window("2026-01-01", "2027-01-03")[0], /must be at most 366 days after start/);
        assert.deepEqual(window("2026-01-01", "2027-01-01"), []);
    });

    it("refuses senders without an address, and out-of-range numbers", () => {
        assert.deepEqual(issues({ customEmailSender: {}, authChallenge: { maxAttempts: 9 }, userMigration: { bcryptCost: 3 }, customSmsSender: { senderId: "12345" } }), [
            "triggers.userMigration.bcryptCost must be an integer from 4 to 15 (received: 3). Fix: set it to the cost of the legacy hashes, e.g. 10",
            "triggers.customEmailSender.senderEmail is required (the messages need a sender) (received: nothing). Fix: set it to an address of a verified SES identity, or set emailFrom",
            "triggers.authChallenge.senderEmail is required (the messages need a sender) (received: nothing). Fix: set it to an address of a verified SES identity, or set emailFrom",
            "triggers.authChallenge.maxAttempts must be an integer from 1 to 5 (received: 9). Fix: set it to 3",
            "triggers.customSmsSender.senderId must be 1-11 letters and digits with at least one letter (received: \"12345\"). Fix: use e.g. Example",
        ]);
    });

    it("makes the suspension attributes privileged", () => {
        assert.deepEqual(suspensionAttributesOf({ preAuthentication: { suspendedTenants: ["a"], suspendedAttribute: "custom:suspended" } }), ["custom:tenant_id", "custom:suspended"]);
        assert.deepEqual(suspensionAttributesOf({ preAuthentication: { suspendedTenants: ["a"] }, preTokenGeneration: { tenantAttribute: "custom:org" } }), ["custom:org"]);
        assert.deepEqual(suspensionAttributesOf({ preAuthentication: { suspendedAttribute: "custom:suspended" } }), ["custom:suspended"]);
        assert.deepEqual(suspensionAttributesOf({}), []);
    });

    it("needs the key with a custom sender, and ESSENTIALS for pre token generation V3_0", () => {
        assert.deepEqual(validateUserPoolArgs({ triggers: { customEmailSender: "arn:aws:lambda:us-east-1:123456789012:function:f" } }).map((i) => formatIssue(i)), [
            "triggers.kmsKeyId is required with a custom email or SMS sender (Cognito encrypts the codes with it) (received: nothing). Fix: pass the ARN of a symmetric KMS key whose policy lets Cognito encrypt for this pool",
        ]);
        assert.deepEqual(validateUserPoolArgs({ featurePlan: "LITE", triggers: { preTokenGeneration: { lambdaArn: "x", version: "V3_0" } } }).map((i) => formatIssue(i)), [
            "featurePlan LITE does not offer access-token customization (pre token generation V3_0) (set by triggers; needs ESSENTIALS) (received: \"LITE\"). Fix: set featurePlan to ESSENTIALS or auto, or turn triggers down",
        ]);
    });
});

describe("the migration window", () => {
    const w = { start: "2026-11-01", end: "2027-03-31" };
    it("opens at the start of its first day and closes after its last, in UTC", () => {
        assert.equal(migrationWindowOpen(w, new Date("2026-10-31T23:59:59.999Z")), false);
        assert.equal(migrationWindowOpen(w, new Date("2026-11-01T00:00:00Z")), true);
        assert.equal(migrationWindowOpen(w, new Date("2027-03-31T23:59:59.999Z")), true);
        assert.equal(migrationWindowOpen(w, new Date("2027-04-01T00:00:00Z")), false);
        assert.equal(migrationWindowOpen({ start: "2026-13-01", end: "2027-03-31" }, new Date("2027-01-01T00:00:00Z")), false);
        assert.equal(utcDay("2024-02-29"), Date.UTC(2024, 1, 29));
        assert.equal(utcDay("2025-02-29"), undefined);
    });

    it("says why there is no migration client outside the window, and nothing inside it", () => {
        assert.equal(migrationWindowNote(w, new Date("2026-11-01T00:00:00Z")), undefined);
        assert.equal(migrationWindowNote(w, new Date("2027-03-31T23:59:59.999Z")), undefined);
        assert.equal(
            migrationWindowNote(w, new Date("2027-04-01T00:00:00Z")),
            "triggers.userMigration.migrationClient: the migration window ended on 2027-03-31 (UTC), so there is no migration client (a deployed one is deleted): remove migrationClient from the stack config once the app no longer falls back to the password flow",
        );
        assert.equal(migrationWindowNote(w, new Date("2026-10-31T23:59:59.999Z")), "triggers.userMigration.migrationClient: the migration window opens on 2026-11-01 (UTC); until then there is no migration client");
    });
});
