import * as pulumi from "@pulumi/pulumi";
import * as assert from "node:assert/strict";
import type { LambdaCode, LambdaName } from "../../components/lambdaCode";
import { LAMBDA_ARCHITECTURE, LAMBDA_RUNTIME } from "../../components/lambdaCode";
import { addressOf, Triggers, TriggersArgs, validateTriggersArgs } from "../../components/triggers";
import { UserPool } from "../../components/userPool";
import { formatIssue, ValidationError } from "../../components/issues";
import { dependsOn, named, ofType, output } from "../helpers/plans";
import { ACCOUNT, build, Recorded, Recording, record, REGION, valueOf } from "../helpers/record";

const requested: LambdaName[] = [];
const fakeCode: LambdaCode = (name) => {
    requested.push(name);
    return new pulumi.asset.AssetArchive({ "index.js": new pulumi.asset.StringAsset(`exports.handler = async () => "${name}";`) });
};

const FUNCTION = "aws:lambda/function:Function";
const POOL = "aws:cognito/userPool:UserPool";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
const SES_ARN = `arn:aws:ses:${REGION}:${ACCOUNT}:identity/example.com`;

const allTriggers: TriggersArgs = {
    code: fakeCode,
    preSignUp: { allowedEmailDomains: ["example.com", "example.org"] },
    postConfirmation: { defaultGroup: "members", appName: "Example" },
    preTokenGeneration: { tenantAttribute: "custom:tenant_id", suppressedClaims: ["phone_number"], scopesByGroup: { admins: ["https://api.example.com/admin"] } },
    emailFrom: "Example <no-reply@example.com>",
    sesIdentityArn: SES_ARN,
    logRetentionDays: 365,
};

interface PolicyDoc {
    Statement: { Action: string[]; Resource: string | string[]; Condition?: Record<string, Record<string, string>> }[];
}

function policyOf(r: Recorded): PolicyDoc {
    return JSON.parse(r.props.policy as string) as PolicyDoc;
}

describe("Triggers", () => {
    let rec: Recording;
    let triggers: Triggers;

    before(async () => {
        requested.length = 0;
        ({ component: triggers, ...rec } = await build(() => new Triggers("auth-trigger", allTriggers), "dev"));
    });

    it("creates a function, role, log group and log policy per trigger, and an SES policy for postConfirmation", () => {
        const children = rec.resources.filter((r) => r.name.startsWith("auth-trigger")).map((r) => `${r.type} ${r.name}`);
        const perTrigger = (t: string) => [
            `cognito-stack:lambda:Function auth-trigger-${t}`,
            `aws:iam/role:Role auth-trigger-${t}-role`,
            `aws:cloudwatch/logGroup:LogGroup auth-trigger-${t}-logs`,
            `aws:iam/rolePolicy:RolePolicy auth-trigger-${t}-logs-policy`,
            ...(t === "postConfirmation" ? [`aws:iam/rolePolicy:RolePolicy auth-trigger-${t}-policy`] : []),
            `aws:lambda/function:Function auth-trigger-${t}`,
        ];
        assert.deepEqual(children.sort(), [
            "cognito-stack:cognito:Triggers auth-trigger",
            ...perTrigger("preSignUp"),
            ...perTrigger("postConfirmation"),
            ...perTrigger("preTokenGeneration"),
        ].sort());
        assert.deepEqual(requested, ["preSignUp", "postConfirmation", "preTokenGeneration"]);
        // Cognito's invoke permissions belong to the UserPool, which knows the pool ARN.
        assert.equal(ofType(rec, "aws:lambda/permission:Permission").length, 0);
    });

    it("runs each function on arm64 and the newest Node.js runtime, within Cognito's 5 seconds, logging JSON to its own group", () => {
        for (const t of ["preSignUp", "postConfirmation", "preTokenGeneration"]) {
            const fn = named(rec, FUNCTION, `auth-trigger-${t}`);
            assert.equal(fn.props.name, `cognito-stack-dev-auth-trigger-${t}`);
            assert.equal(fn.props.runtime, LAMBDA_RUNTIME);
            assert.equal(LAMBDA_RUNTIME, "nodejs24.x");
            assert.deepEqual(fn.props.architectures, [LAMBDA_ARCHITECTURE]);
            assert.equal(fn.props.handler, "index.handler");
            assert.ok(fn.props.timeout <= 5, `${t} timeout ${fn.props.timeout as number}`);
            assert.equal(fn.props.memorySize, 256);
            assert.deepEqual(fn.props.loggingConfig, { logFormat: "JSON", logGroup: `/aws/lambda/cognito-stack-dev-auth-trigger-${t}` });
        }
    });

    it("creates each log group, with retention, before its function", () => {
        for (const t of ["preSignUp", "postConfirmation", "preTokenGeneration"]) {
            const fn = named(rec, FUNCTION, `auth-trigger-${t}`);
            const logs = named(rec, LOG_GROUP, `auth-trigger-${t}-logs`);
            assert.equal(logs.props.name, `/aws/lambda/cognito-stack-dev-auth-trigger-${t}`);
            assert.equal(logs.props.retentionInDays, 365);
            assert.ok(fn.dependencies.includes(logs.urn), `${t} must depend on its log group`);
            assert.ok(fn.dependencies.includes(named(rec, ROLE_POLICY, `auth-trigger-${t}-logs-policy`).urn), `${t} must depend on its log policy`);
        }
    });

    it("lets each role write to its own log group only", () => {
        const doc = policyOf(named(rec, ROLE_POLICY, "auth-trigger-preSignUp-logs-policy"));
        assert.deepEqual(doc.Statement, [
            {
                Effect: "Allow",
                Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
                Resource: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/lambda/cognito-stack-dev-auth-trigger-preSignUp:log-stream:*`,
            },
        ]);
        const role = named(rec, "aws:iam/role:Role", "auth-trigger-preSignUp-role");
        assert.equal(role.props.inlinePolicies, undefined, "inline policies on the role would remove the separate pool policies");
        assert.deepEqual(role.props.managedPolicyArns, undefined);
    });

    it("passes each handler its settings as environment variables", () => {
        const env = (t: string) => named(rec, FUNCTION, `auth-trigger-${t}`).props.environment.variables as Record<string, string>;
        assert.deepEqual(env("preSignUp"), {
            ALLOWED_EMAIL_DOMAINS: "example.com,example.org",
            LINK_FEDERATED_USERS: "true",
            // The tenant attribute is added even though allTriggers lists no privileged attributes.
            PRIVILEGED_ATTRIBUTES: "email_verified,phone_number_verified,custom:tenant_id",
        });
        assert.deepEqual(env("postConfirmation"), { SENDER_EMAIL: "no-reply@example.com", DEFAULT_GROUP: "members", APP_NAME: "Example" });
        assert.deepEqual(env("preTokenGeneration"), {
            TENANT_ATTRIBUTE: "custom:tenant_id",
            SUPPRESSED_CLAIMS: "phone_number",
            SCOPES_BY_GROUP: '{"admins":["https://api.example.com/admin"]}',
        });
    });

    it("lets postConfirmation send from its sender through the configured SES identity only", () => {
        const doc = policyOf(named(rec, ROLE_POLICY, "auth-trigger-postConfirmation-policy"));
        assert.deepEqual(doc.Statement, [
            { Sid: "SendWelcomeEmail", Effect: "Allow", Action: ["ses:SendEmail"], Resource: [SES_ARN], Condition: { StringEquals: { "ses:FromAddress": "no-reply@example.com" } } },
        ]);
    });

    it("gives the pool its triggers, pre token generation as V2_0", async () => {
        const t = triggers.userPoolTriggers;
        assert.deepEqual(Object.keys(t).sort(), ["postConfirmation", "preSignUp", "preTokenGeneration"]);
        assert.equal(t.preTokenGeneration?.version, "V2_0");
        assert.equal(await valueOf(pulumi.output(t.preSignUp as pulumi.Input<string>)), `arn:aws:lambda:${REGION}:${ACCOUNT}:function:cognito-stack-dev-auth-trigger-preSignUp`);
    });
});

describe("Triggers and privileged attributes", () => {
    it("passes the pre sign-up trigger the privileged attributes and the provider-verification attribute", async () => {
        const rec = await build(() => new Triggers("t", {
            code: fakeCode,
            preSignUp: { linkFederatedUsers: false, providerEmailVerifiedAttribute: "custom:idp_email_verified" },
            privilegedAttributes: ["email_verified", "custom:department", "custom:department"],
        }));
        assert.deepEqual(named(rec, FUNCTION, "t-preSignUp").props.environment.variables, {
            LINK_FEDERATED_USERS: "false",
            PRIVILEGED_ATTRIBUTES: "email_verified,phone_number_verified,custom:department",
            PROVIDER_EMAIL_VERIFIED_ATTRIBUTE: "custom:idp_email_verified",
        });
    });

    it("still lets preSignUp look users up by email with linking off (a disabled user's address is refused), but not link", async () => {
        let poolPolicies: unknown[] = [];
        const rec = await build(() => {
            const t = new Triggers("t", { code: fakeCode, preSignUp: { linkFederatedUsers: false } });
            poolPolicies = t.grantPool("arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_Pool1");
        });
        assert.equal(poolPolicies.length, 1);
        assert.deepEqual(policyOf(named(rec, ROLE_POLICY, "t-preSignUp-pool-policy")).Statement, [
            { Sid: "FindUsersByEmail", Effect: "Allow", Action: ["cognito-idp:ListUsers"], Resource: "arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_Pool1" },
        ]);
    });
});

describe("Triggers without an SES identity", () => {
    it("scopes SendEmail to the sender's address and domain identities in this account and region, plus the configuration set", async () => {
        const rec = await build(() => new Triggers("t", { code: fakeCode, postConfirmation: { senderEmail: "hello@mail.example.net" }, sesConfigurationSet: "welcome" }), "staging");
        const doc = policyOf(named(rec, ROLE_POLICY, "t-postConfirmation-policy"));
        assert.deepEqual(doc.Statement[0].Resource, [
            `arn:aws:ses:${REGION}:${ACCOUNT}:identity/mail.example.net`,
            `arn:aws:ses:${REGION}:${ACCOUNT}:identity/hello@mail.example.net`,
            `arn:aws:ses:${REGION}:${ACCOUNT}:configuration-set/welcome`,
        ]);
        assert.ok(rec.calls.includes("aws:index/getCallerIdentity:getCallerIdentity"));
        const fn = rec.resources.find((r) => r.type === "aws:lambda/function:Function");
        assert.equal(fn?.props.environment.variables.SES_CONFIGURATION_SET, "welcome");
        assert.equal(fn?.props.name, "cognito-stack-staging-t-postConfirmation");
    });

    it("creates only the triggers asked for", async () => {
        const { component: t, ...rec } = await build(() => new Triggers("only", { code: fakeCode, preTokenGeneration: {} }));
        assert.deepEqual(ofType(rec, "aws:lambda/function:Function").map((r) => r.name), ["only-preTokenGeneration"]);
        // No AWS calls: logs only.
        assert.deepEqual(ofType(rec, "aws:iam/rolePolicy:RolePolicy").map((r) => r.name), ["only-preTokenGeneration-logs-policy"]);
        assert.deepEqual(Object.keys(t.userPoolTriggers), ["preTokenGeneration"]);
        assert.deepEqual(t.grantPool("arn:aws:cognito-idp:us-east-1:123456789012:userpool/x"), []);
    });
});

describe("Triggers wired into a UserPool", () => {
    let rec: Recording;

    before(async () => {
        rec = await build(() => {
            const triggers = new Triggers("auth-trigger", { ...allTriggers, postConfirmation: { defaultGroup: "members" } });
            const pool = new UserPool("auth", { triggers: triggers.userPoolTriggers });
            triggers.grantPool(pool.userPoolArn);
        }, "prod");
    });

    it("has the pool depend on the functions, and the pool-scoped policies on the pool: no cycle", () => {
        const pool = named(rec, POOL, "auth");
        const functions = ofType(rec, "aws:lambda/function:Function");
        assert.equal(functions.length, 3);
        for (const fn of functions) {
            assert.ok(pool.dependencies.includes(fn.urn), `pool must depend on ${fn.name}`);
            assert.equal(dependsOn(rec, fn, pool), false, `${fn.name} must not depend on the pool`);
        }
        const poolPolicies = ofType(rec, "aws:iam/rolePolicy:RolePolicy").filter((r) => r.name.endsWith("-pool-policy"));
        assert.deepEqual(poolPolicies.map((r) => r.name).sort(), ["auth-trigger-postConfirmation-pool-policy", "auth-trigger-preSignUp-pool-policy"]);
        for (const p of poolPolicies) {
            assert.ok(p.dependencies.includes(pool.urn), `${p.name} must depend on the pool`);
        }
    });

    it("grants preSignUp user lookup and linking, and postConfirmation the default group, on this pool only", () => {
        const poolArn = output(named(rec, POOL, "auth"), "arn");
        assert.match(poolArn, new RegExp(`^arn:aws:cognito-idp:${REGION}:${ACCOUNT}:userpool/${REGION}_[A-Za-z0-9]+$`));
        assert.deepEqual(policyOf(named(rec, ROLE_POLICY, "auth-trigger-preSignUp-pool-policy")).Statement, [
            { Sid: "LinkFederatedUsers", Effect: "Allow", Action: ["cognito-idp:ListUsers", "cognito-idp:AdminLinkProviderForUser"], Resource: poolArn },
        ]);
        assert.deepEqual(policyOf(named(rec, ROLE_POLICY, "auth-trigger-postConfirmation-pool-policy")).Statement, [
            { Sid: "AddToDefaultGroup", Effect: "Allow", Action: ["cognito-idp:AdminAddUserToGroup"], Resource: poolArn },
        ]);
    });

    it("puts the functions in the pool's lambdaConfig and lets only this pool invoke them", () => {
        const pool = named(rec, POOL, "auth");
        const fnArn = (t: string) => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:cognito-stack-prod-auth-trigger-${t}`;
        assert.equal(pool.props.lambdaConfig.preSignUp, fnArn("preSignUp"));
        assert.equal(pool.props.lambdaConfig.postConfirmation, fnArn("postConfirmation"));
        assert.deepEqual(pool.props.lambdaConfig.preTokenGenerationConfig, { lambdaArn: fnArn("preTokenGeneration"), lambdaVersion: "V2_0" });
        assert.equal(pool.props.userPoolTier, "ESSENTIALS");
        const permissions = ofType(rec, "aws:lambda/permission:Permission");
        assert.equal(permissions.length, 3);
        for (const p of permissions) {
            assert.equal(p.props.principal, "cognito-idp.amazonaws.com");
            assert.equal(p.props.sourceArn, output(pool, "arn"));
        }
    });
});

describe("validateTriggersArgs", () => {
    const base: Omit<TriggersArgs, "code"> = { preSignUp: {}, postConfirmation: { senderEmail: "no-reply@example.com" }, preTokenGeneration: {} };
    const messages = (a: Omit<TriggersArgs, "code">, ctx = {}) => validateTriggersArgs(a, ctx).map((i) => formatIssue(i));

    it("accepts the defaults", () => {
        assert.deepEqual(messages(base), []);
    });

    it("caps the timeout at Cognito's 5 seconds", () => {
        assert.deepEqual(messages({ ...base, timeoutSeconds: 6 }), [
            "timeoutSeconds must be at most 5 (Cognito waits 5 seconds for a trigger) (received: 6). Fix: set it to 5 or less and keep the handlers fast",
        ]);
    });

    it("accepts only CloudWatch's retention values", () => {
        assert.deepEqual(messages({ ...base, logRetentionDays: 31 }), [
            "logRetentionDays must be one of CloudWatch's retention values 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653 (received: 31). Fix: choose the nearest allowed value, e.g. 30 or 365",
        ]);
    });

    it("rejects email domains that are not lower-case domain names, naming each", () => {
        assert.deepEqual(messages({ ...base, preSignUp: { allowedEmailDomains: ["example.com", "@Example.org", "https://x.io"] } }, { settingsPath: "triggers." }), [
            'triggers.preSignUp.allowedEmailDomains[1] must be a lower-case domain name (received: "@Example.org"). Fix: write it like example.com, without @ or a scheme',
            'triggers.preSignUp.allowedEmailDomains[2] must be a lower-case domain name (received: "https://x.io"). Fix: write it like example.com, without @ or a scheme',
        ]);
    });

    it("needs a sender for the welcome email, of the configured SES identity", () => {
        assert.deepEqual(messages({ postConfirmation: {} }), [
            "postConfirmation.senderEmail is required (the welcome email needs a sender) (received: nothing). Fix: set it to an address of a verified SES identity, or set emailFrom",
        ]);
        assert.deepEqual(messages({ postConfirmation: {}, emailFrom: "Example <no-reply@example.com>", sesIdentityArn: SES_ARN }), []);
        assert.deepEqual(messages({ postConfirmation: { senderEmail: "no-reply@other.example" }, sesIdentityArn: SES_ARN }), [
            'postConfirmation.senderEmail must belong to the SES identity example.com (sesIdentityArn) (received: "no-reply@other.example"). Fix: send from an address @example.com, or point sesIdentityArn at the sender\'s identity',
        ]);
    });

    it("checks groups and the tenant attribute against the pool", () => {
        const ctx = { groups: ["admins", "members"], customAttributes: ["tenant_id"] };
        assert.deepEqual(
            messages({ postConfirmation: { senderEmail: "a@example.com", defaultGroup: "users" }, preTokenGeneration: { tenantAttribute: "custom:tenant", scopesByGroup: { staff: ["x/y"] } } }, ctx),
            [
                'postConfirmation.defaultGroup must name a group of the pool (received: "users"). Fix: use one of admins, members or add the group to groups',
                'preTokenGeneration.tenantAttribute must name a custom attribute of the pool (received: "custom:tenant"). Fix: add tenant to customAttributes or use one of custom:tenant_id',
                'preTokenGeneration.scopesByGroup names group staff, which is not a group of the pool (received: "staff"). Fix: add the group to groups or remove its entry',
            ],
        );
        assert.deepEqual(messages({ preTokenGeneration: { tenantAttribute: "tenant_id" } }), [
            'preTokenGeneration.tenantAttribute must be a custom attribute like custom:tenant_id (received: "tenant_id"). Fix: prefix the attribute name with custom:',
        ]);
    });

    it("checks the provider-verification attribute: a custom attribute of the pool, mapped by a provider, not privileged", () => {
        const ctx = { settingsPath: "triggers.", customAttributes: ["tenant_id", "idp_email_verified"], mappedAttributes: { Google: ["email", "custom:idp_email_verified"] } };
        assert.deepEqual(messages({ preSignUp: { providerEmailVerifiedAttribute: "custom:idp_email_verified" } }, ctx), []);
        assert.deepEqual(messages({ preSignUp: { providerEmailVerifiedAttribute: "email_verified" } }, ctx), [
            'triggers.preSignUp.providerEmailVerifiedAttribute must be a custom attribute like custom:idp_email_verified (received: "email_verified"). Fix: prefix the attribute name with custom:',
        ]);
        assert.deepEqual(messages({ preSignUp: { providerEmailVerifiedAttribute: "custom:verified" } }, ctx), [
            'triggers.preSignUp.providerEmailVerifiedAttribute must name a custom attribute of the pool (received: "custom:verified"). Fix: add verified (String, mutable) to customAttributes',
            'triggers.preSignUp.providerEmailVerifiedAttribute is mapped by no identity provider (received: "custom:verified"). Fix: map the providers\' email_verified claim to it, e.g. google.attributeMapping: {"custom:verified": "email_verified"}',
        ]);
        assert.deepEqual(messages({ preSignUp: { providerEmailVerifiedAttribute: "custom:tenant_id" }, privilegedAttributes: ["custom:tenant_id"] }, { ...ctx, mappedAttributes: { Okta: ["custom:tenant_id"] } }), [
            'triggers.preSignUp.providerEmailVerifiedAttribute must not be a privileged attribute (the providers write it through the app clients) (received: "custom:tenant_id"). Fix: use an attribute that nothing else trusts',
        ]);
    });

    it("makes the component fail with every problem, prefixed with the args name", () => {
        record();
        assert.throws(
            () => new Triggers("bad", { code: fakeCode, timeoutSeconds: 30, memoryMb: 64 }),
            (e: unknown) => {
                assert.ok(e instanceof ValidationError);
                assert.equal(
                    e.message,
                    [
                        "Triggers bad has 2 problems:",
                        "  - TriggersArgs.timeoutSeconds must be at most 5 (Cognito waits 5 seconds for a trigger) (received: 30). Fix: set it to 5 or less and keep the handlers fast",
                        "  - TriggersArgs.memoryMb must be an integer between 128 and 10240 (received: 64). Fix: choose e.g. 256",
                    ].join("\n"),
                );
                return true;
            },
        );
    });

    it("reads the address out of a display-name From", () => {
        assert.equal(addressOf("Example <no-reply@example.com>"), "no-reply@example.com");
        assert.equal(addressOf("no-reply@example.com"), "no-reply@example.com");
        assert.equal(addressOf(undefined), undefined);
    });
});
