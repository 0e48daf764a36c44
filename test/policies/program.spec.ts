/**
 * The whole pack over the real program: the offline plans of dev, staging and prod pass their own
 * policy config, and insecure edits of those plans are caught at mandatory level.
 */
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Report, readStackConfig } from "../../tools/check";
import type { Plan } from "../../tools/planTypes";
import { toolArgs } from "../helpers/cli";
import { STACKS, StackName, named, realPlan } from "../helpers/plans";
import { T, clonePlan, editDocument, setOption, setProp, statement, transplant } from "./mutate";
import { Mutation, authPolicy, check, client, describeMutations, guestPolicy, ids, mandatory, planTimeout, pool, risk, show, trust } from "./variants";

const resourceName = (urn: string): string => urn.split("::").pop() ?? urn;

/** Advisories each stack's config accepts on purpose (see the reasons in policies/config/<stack>.json). */
const expectedAdvisories: Record<StackName, string[]> = {
    dev: [
        "cognito-user-pool-threat-protection auth",
        "cognito-user-pool-deletion-protection auth",
        "cognito-user-pool-deletion-protection auth",
        "dynamodb-table-deletion-protection auth-trigger-legacy-users",
        "dynamodb-table-deletion-protection data-table",
    ],
    staging: ["cognito-user-pool-deletion-protection auth"],
    prod: [],
};

describe("policy pack over the real stacks", function () {
    this.timeout(planTimeout);

    for (const stack of STACKS) {
        it(`${stack}: exactly the known advisories, and no mandatory violation`, async () => {
            const violations = await check(await realPlan(stack), stack);
            assert.deepEqual(mandatory(violations), [], show(violations));
            const advisories = violations.filter((v) => v.enforcementLevel === "advisory");
            assert.deepEqual(advisories.map((v) => `${v.policy} ${resourceName(v.urn)}`), expectedAdvisories[stack], show(violations));
        });

        it(`${stack}: the policy config admits guests exactly where the stack has them`, async () => {
            const config = readStackConfig(stack) as Record<string, { allowUnauthenticatedIdentities?: boolean }>;
            const pool = named(await realPlan(stack), T.identityPool, "auth-identity");
            assert.equal(config["cognito-identity-pool-unauthenticated-access"]?.allowUnauthenticatedIdentities ?? false, pool.props.allowUnauthenticatedIdentities);
        });
    }
});

const amrKey = "cognito-identity.amazonaws.com:amr";
const otherPoolArn = "arn:aws:cognito-idp:us-east-1:999999999999:userpool/us-east-1_Other1234";

/**
 * Gives prod the guest role and guest policy dev declares (re-pointed at prod's identity pool and
 * bucket), turns guests on and attaches the role, as a change to prod's stack config would.
 */
function addGuestRole(prod: Plan, dev: Plan, guestActions: string[]): void {
    const from = ids(dev);
    const to = ids(prod);
    const replacements = [["urn:pulumi:dev::", "urn:pulumi:prod::"], [from.identityPool, to.identityPool], [from.bucket, to.bucket]] as const;
    const role = transplant(dev, prod, T.role, "auth-identity-guest-role", replacements);
    transplant(dev, prod, T.rolePolicy, "data-guest-policy", replacements);
    setProp(prod, T.identityPool, "auth-identity", "allowUnauthenticatedIdentities", true);
    setProp(prod, T.roleAttachment, "auth-identity-roles", "roles.unauthenticated", role.outputs?.arn);
    editDocument(prod, T.rolePolicy, "data-guest-policy", "policy", (doc) => {
        statement(doc, "ReadPublic").Action = guestActions;
    });
}

const addGuestAction = (action: string) => (plan: Plan): unknown => guestPolicy(plan, (doc) => {
    statement(doc, "ReadPublic").Action = ["s3:GetObject", action];
});

const mutations: Mutation[] = [
    // Identity pool
    {
        title: "guest access turned on without config allowing it",
        mutate: (p) => setProp(p, T.identityPool, "auth-identity", "allowUnauthenticatedIdentities", true),
        policy: "cognito-identity-pool-unauthenticated-access",
        message: /^allowUnauthenticatedIdentities is true but this stack does not allow guest access: set it to false, or allow it in the stack's policy config\.$/,
        policies: ["cognito-identity-pool-unauthenticated-access", "cognito-identity-pool-guest-role"],
    },
    {
        title: "a guest role added with s3:PutObject",
        mutate: (p, plans) => addGuestRole(p, plans.dev, ["s3:GetObject", "s3:PutObject"]),
        policy: "iam-guest-role-limits",
        message: /^RolePolicy "data-guest-policy" statement "ReadPublic" grants the guest role s3:PutObject, which includes s3:PutObject \(Write\): grant only Read or List actions\.$/,
        policies: ["iam-guest-role-limits", "cognito-identity-pool-unauthenticated-access"],
    },
    {
        title: "a read-only guest role added (only the guest access itself is reported)",
        mutate: (p, plans) => addGuestRole(p, plans.dev, ["s3:GetObject"]),
        policy: "cognito-identity-pool-unauthenticated-access",
        message: /^allowUnauthenticatedIdentities is true but this stack does not allow guest access/,
    },
    { title: "classic flow on", mutate: (p) => setProp(p, T.identityPool, "auth-identity", "allowClassicFlow", true), policy: "cognito-identity-pool-classic-flow", message: /^allowClassicFlow is true, which lets callers assume any role that trusts the pool: set allowClassicFlow: false\.$/ },
    // Guest role limits, on dev where guests exist
    { title: "guest role given s3:PutObject", stack: "dev", mutate: addGuestAction("s3:PutObject"), policy: "iam-guest-role-limits", message: /^RolePolicy "data-guest-policy" statement "ReadPublic" grants the guest role s3:PutObject, which includes s3:PutObject \(Write\): grant only Read or List actions\.$/ },
    { title: "guest role given s3:*", stack: "dev", mutate: addGuestAction("s3:*"), policy: "iam-guest-role-limits", message: /^RolePolicy "data-guest-policy" statement "ReadPublic" grants the guest role s3:\*, which includes s3:\w+ \((Write|Permissions management|Tagging)\).* and \d+ more: grant only Read or List actions\.$/ },
    { title: "guest role given dynamodb:PutItem", stack: "dev", mutate: addGuestAction("dynamodb:PutItem"), policy: "iam-guest-role-limits", message: /^RolePolicy "data-guest-policy" statement "ReadPublic" grants the guest role dynamodb:PutItem, a service outside s3: remove it or allow the service in config\.$/ },
    { title: "guest role given iam:PassRole", stack: "dev", mutate: addGuestAction("iam:PassRole"), policy: "iam-guest-role-limits", message: /^RolePolicy "data-guest-policy" statement "ReadPublic" grants the guest role iam:PassRole: guests may never call iam; remove it\.$/ },
    { title: "guest role given sts:AssumeRole", stack: "dev", mutate: addGuestAction("sts:AssumeRole"), policy: "iam-guest-role-limits", message: /^RolePolicy "data-guest-policy" statement "ReadPublic" grants the guest role sts:AssumeRole: guests may never call sts; remove it\.$/ },
    {
        title: "guest role given a * resource",
        stack: "dev",
        mutate: (p) => guestPolicy(p, (doc) => {
            statement(doc, "ReadPublic").Resource = "*";
        }),
        policy: "iam-guest-role-limits",
        message: /^RolePolicy "data-guest-policy" statement "ReadPublic" grants the guest role resource \*: name this stack's buckets or tables, or fields of this stack's GraphQL API \(or add the ARN to allowedResourceArns\)\.$/,
    },
    {
        title: "guest role reading every user's objects",
        stack: "dev",
        mutate: (p) => guestPolicy(p, (doc) => {
            statement(doc, "ReadPublic").Resource = `${ids(p).bucketArn}/*`;
        }),
        policy: "iam-guest-role-limits",
        message: /^RolePolicy "data-guest-policy" statement "ReadPublic" lets guests read arn:aws:s3:::data-bucket-\w+\/\*, outside the public prefixes \(public\/\): narrow it to arn:aws:s3:::data-bucket-\w+\/public\/\*\.$/,
    },
    {
        title: "guest role listing the whole bucket",
        stack: "dev",
        mutate: (p) => guestPolicy(p, (doc) => {
            doc.Statement.push({ Sid: "ListAll", Effect: "Allow", Action: "s3:ListBucket", Resource: ids(p).bucketArn });
        }),
        policy: "iam-guest-role-limits",
        message: /^RolePolicy "data-guest-policy" statement "ListAll" lets guests list the whole bucket, users' keys included: add a StringLike s3:prefix condition public\/\*\.$/,
    },
    // Trust policies
    {
        title: "authenticated role also trusting any AWS account",
        mutate: (p) => trust(p, "auth-identity-authenticated-role", (doc) => {
            doc.Statement.push({ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" });
        }),
        policy: "iam-cognito-trust-policy",
        message: /^assumeRolePolicy statement 2 also trusts AWS \* on a role that identity-pool users receive: trust only Federated cognito-identity\.amazonaws\.com, and give other callers a role of their own\.$/,
        policies: ["iam-cognito-trust-policy", "iam-role-trust"],
    },
    {
        title: "authenticated role trust without aud",
        mutate: (p) => trust(p, "auth-identity-authenticated-role", (doc) => {
            delete statement(doc, 0).Condition?.StringEquals;
        }),
        policy: "iam-cognito-trust-policy",
        message: /^assumeRolePolicy statement 1 has no StringEquals cognito-identity\.amazonaws\.com:aud condition, so identities of any identity pool can assume the role: pin it to this stack's identity pool id\.$/,
        policies: ["iam-cognito-trust-policy", "iam-cognito-role-binding"],
    },
    {
        title: "guest role trusting authenticated identities",
        stack: "dev",
        mutate: (p) => trust(p, "auth-identity-guest-role", (doc) => {
            statement(doc, 0).Condition!["ForAnyValue:StringLike"][amrKey] = "authenticated";
        }),
        policy: "iam-cognito-role-binding",
        message: /^The guest role "auth-identity-guest-role" trusts amr \["authenticated"\]: set ForAnyValue:StringLike cognito-identity\.amazonaws\.com:amr to exactly "unauthenticated"\.$/,
    },
    {
        title: "authenticated role trusting unauthenticated identities",
        mutate: (p) => trust(p, "auth-identity-authenticated-role", (doc) => {
            statement(doc, 0).Condition!["ForAnyValue:StringLike"][amrKey] = "unauthenticated";
        }),
        policy: "iam-cognito-role-binding",
        message: /^The authenticated role "auth-identity-authenticated-role" trusts amr \["unauthenticated"\]: set ForAnyValue:StringLike cognito-identity\.amazonaws\.com:amr to exactly "authenticated"\.$/,
        // Guests could assume it: its write permissions are judged as a guest role's too.
        policies: ["iam-cognito-role-binding", "iam-guest-role-limits"],
    },
    // Authenticated role
    {
        title: "authenticated role policy with s3:*",
        mutate: (p) => authPolicy(p, (doc) => {
            statement(doc, "OwnObjects").Action = "s3:*";
        }),
        policy: "iam-authenticated-role-scoping",
        message: /^RolePolicy "data-authenticated-policy" statement "OwnObjects" grants s3:\* to every signed-in user: list the actions the app needs\.$/,
    },
    {
        title: "authenticated role policy with a * resource",
        mutate: (p) => authPolicy(p, (doc) => {
            statement(doc, "OwnObjects").Resource = "*";
        }),
        policy: "iam-authenticated-role-scoping",
        message: /^RolePolicy "data-authenticated-policy" statement "OwnObjects" grants S3 object access on \* to every signed-in user: scope the key with private\/\$\{cognito-identity\.amazonaws\.com:sub\}\/\*\.$/,
    },
    {
        title: "DynamoDB statement without the LeadingKeys condition",
        mutate: (p) => authPolicy(p, (doc) => {
            delete statement(doc, "OwnItems").Condition;
        }),
        policy: "iam-authenticated-role-scoping",
        message: /^RolePolicy "data-authenticated-policy" statement "OwnItems" grants DynamoDB item access \(dynamodb:GetItem, dynamodb:BatchGetItem, dynamodb:Query\) without ForAllValues:StringEquals dynamodb:LeadingKeys = \$\{cognito-identity\.amazonaws\.com:sub\}: add that condition\.$/,
    },
    {
        title: "dynamodb:Scan under the LeadingKeys statement",
        mutate: (p) => authPolicy(p, (doc) => {
            const s = statement(doc, "OwnItems");
            s.Action = [...(s.Action as string[]), "dynamodb:Scan"];
        }),
        policy: "iam-authenticated-role-scoping",
        message: /^RolePolicy "data-authenticated-policy" statement "OwnItems" grants dynamodb:Scan, which reads every user's items \(LeadingKeys cannot restrict it\): remove Scan and use Query on the user's partition key\.$/,
    },
    // User pool
    { title: "MFA turned OFF", mutate: (p) => pool(p, "mfaConfiguration", "OFF"), policy: "cognito-user-pool-mfa", message: /^mfaConfiguration is OFF: set it to ON\.$/ },
    { title: "MFA OPTIONAL in prod", mutate: (p) => pool(p, "mfaConfiguration", "OPTIONAL"), policy: "cognito-user-pool-mfa", message: /^mfaConfiguration is OPTIONAL: set it to ON\.$/ },
    {
        title: "SMS factor where the config disallows it",
        mutate: (p) => pool(p, "smsConfiguration", { externalId: "cognito-sms", snsCallerArn: "arn:aws:iam::123456789012:role/cognito-sms", snsRegion: "us-east-1" }),
        policy: "cognito-user-pool-mfa",
        message: /^MFA factor SMS is enabled but not allowed \(allowed: SOFTWARE_TOKEN, EMAIL\): remove its configuration\.$/,
    },
    { title: "password minimum length 8", mutate: (p) => pool(p, "passwordPolicy.minimumLength", 8), policy: "cognito-user-pool-password-policy", message: /^passwordPolicy\.minimumLength is 8: set it to at least 12\.$/ },
    { title: "threat protection AUDIT", mutate: (p) => pool(p, "userPoolAddOns.advancedSecurityMode", "AUDIT"), policy: "cognito-user-pool-threat-protection", message: /^userPoolAddOns\.advancedSecurityMode is AUDIT: set it to ENFORCED\.$/ },
    {
        title: "risk configuration high action NO_ACTION",
        mutate: (p) => risk(p, "accountTakeoverRiskConfiguration.actions.highAction", { eventAction: "NO_ACTION", notify: false }),
        policy: "cognito-user-pool-risk-configuration",
        message: /^Risk configuration "auth-risk" answers high-risk sign-ins with NO_ACTION: set accountTakeoverRiskConfiguration\.actions\.highAction\.eventAction to BLOCK or MFA_REQUIRED\.$/,
    },
    {
        title: "compromised credentials NO_ACTION",
        mutate: (p) => risk(p, "compromisedCredentialsRiskConfiguration.actions.eventAction", "NO_ACTION"),
        policy: "cognito-user-pool-risk-configuration",
        message: /^Risk configuration "auth-risk" answers compromised credentials with NO_ACTION: set compromisedCredentialsRiskConfiguration\.actions\.eventAction to BLOCK\.$/,
    },
    {
        title: "compromised credentials checked on sign-up only",
        mutate: (p) => risk(p, "compromisedCredentialsRiskConfiguration.eventFilters", ["SIGN_UP"]),
        policy: "cognito-user-pool-risk-configuration",
        message: /^Risk configuration "auth-risk" does not check compromised credentials on SIGN_IN, PASSWORD_CHANGE: add them to compromisedCredentialsRiskConfiguration\.eventFilters, or leave eventFilters unset for every event\.$/,
    },
    { title: "deletion protection INACTIVE", mutate: (p) => pool(p, "deletionProtection", "INACTIVE"), policy: "cognito-user-pool-deletion-protection", message: /^deletionProtection is INACTIVE: set it to ACTIVE\.$/ },
    { title: "pool protect false", mutate: (p) => setOption(p, T.userPool, "auth", "protect", false), policy: "cognito-user-pool-deletion-protection", message: /^The pool is not protected: pass the resource option protect: true\.$/ },
    // App client
    { title: "client with the implicit grant", mutate: (p) => client(p, "allowedOauthFlows", ["code", "implicit"]), policy: "cognito-client-no-implicit-grant", message: /^allowedOauthFlows includes implicit, which returns tokens in the URL: use \["code"\] \(with PKCE\) instead\.$/ },
    { title: "client with token revocation off", mutate: (p) => client(p, "enableTokenRevocation", false), policy: "cognito-client-token-revocation", message: /^enableTokenRevocation is false: set it to true so refresh tokens can be revoked\.$/ },
    { title: "refresh-token rotation off", mutate: (p) => client(p, "refreshTokenRotation.feature", "DISABLED"), policy: "cognito-client-refresh-token-rotation", message: /^refreshTokenRotation\.feature is DISABLED: set refreshTokenRotation \{ feature: "ENABLED", retryGracePeriodSeconds: 0\.\.60 \}\.$/ },
    { title: "preventUserExistenceErrors LEGACY", mutate: (p) => client(p, "preventUserExistenceErrors", "LEGACY"), policy: "cognito-client-prevent-user-existence-errors", message: /^preventUserExistenceErrors is LEGACY: set it to ENABLED\.$/ },
    { title: "http callback URL", mutate: (p) => client(p, "callbackUrls", ["http://app.example.com/callback"]), policy: "cognito-client-https-callbacks", message: /^callbackUrls has http:\/\/app\.example\.com\/callback: use an https URL \(plain http only for http:\/\/localhost\)\.$/ },
    {
        title: "access token valid for 1 day",
        mutate: (p) => {
            client(p, "accessTokenValidity", 1);
            client(p, "tokenValidityUnits.accessToken", "days");
        },
        policy: "cognito-client-token-validity",
        message: /^accessTokenValidity is 1 days: lower it to at most 60 minutes\.$/,
    },
    // API Gateway
    {
        title: "an API method with authorization NONE",
        mutate: (p) => {
            setProp(p, T.method, "api-get-items", "authorization", "NONE");
            setProp(p, T.method, "api-get-items", "authorizerId", undefined);
            setProp(p, T.method, "api-get-items", "authorizationScopes", undefined);
        },
        policy: "apigateway-method-authorization",
        message: /^Method GET has authorization NONE: attach an authorizer \(COGNITO_USER_POOLS, CUSTOM, JWT\)\.$/,
    },
    {
        title: "a Cognito authorizer pointing at another pool",
        mutate: (p) => setProp(p, T.authorizer, "api-cognito", "providerArns", [otherPoolArn]),
        policy: "apigateway-cognito-authorizer-pool",
        message: /^Cognito authorizer "api-cognito" trusts arn:aws:cognito-idp:us-east-1:999999999999:userpool\/us-east-1_Other1234, not a user pool of this stack: set providerArns to this stack's pool ARN\.$/,
    },
    { title: "a stage without access logs", mutate: (p) => setProp(p, T.stage, "api-stage", "accessLogSettings", undefined), policy: "apigateway-stage-access-logs", message: /^The stage writes no access logs: set accessLogSettings \{ destinationArn: <log group ARN>, format \}\.$/ },
    // Data
    {
        title: "bucket public access block off",
        mutate: (p) => {
            setProp(p, T.publicAccessBlock, "data-bucket-public-access", "blockPublicPolicy", false);
            setProp(p, T.publicAccessBlock, "data-bucket-public-access", "restrictPublicBuckets", false);
        },
        policy: "s3-bucket-public-access-block",
        message: /^Public access block "data-bucket-public-access" leaves blockPublicPolicy, restrictPublicBuckets off: set them to true\.$/,
    },
    {
        title: "bucket policy without the TLS deny",
        mutate: (p) => editDocument(p, T.bucketPolicy, "data-bucket-policy", "policy", (doc) => {
            doc.Statement = [{ Sid: "DenyDeleteBucket", Effect: "Deny", Principal: "*", Action: "s3:DeleteBucket", Resource: ids(p).bucketArn }];
        }),
        policy: "s3-bucket-tls-only",
        message: /^Bucket "data-bucket" accepts requests without TLS: add an aws\.s3\.BucketPolicy with a Deny of s3:\* to Principal "\*" when Bool aws:SecureTransport is "false"\.$/,
    },
    {
        title: "TLS deny on the bucket but not its objects",
        mutate: (p) => editDocument(p, T.bucketPolicy, "data-bucket-policy", "policy", (doc) => {
            statement(doc, "DenyInsecureTransport").Resource = ids(p).bucketArn;
        }),
        policy: "s3-bucket-tls-only",
        message: /^Bucket "data-bucket" accepts requests without TLS on part of it: its TLS deny names only \["arn:aws:s3:::data-bucket-\w+"\]; set Resource to \["arn:aws:s3:::data-bucket-\w+", "arn:aws:s3:::data-bucket-\w+\/\*"\]\.$/,
    },
    { title: "table point-in-time recovery off", mutate: (p) => setProp(p, T.table, "data-table", "pointInTimeRecovery.enabled", false), policy: "dynamodb-table-point-in-time-recovery", message: /^Point-in-time recovery is off: set pointInTimeRecovery \{ enabled: true \}\.$/ },
    { title: "table deletion protection off", mutate: (p) => setProp(p, T.table, "data-table", "deletionProtectionEnabled", false), policy: "dynamodb-table-deletion-protection", message: /^deletionProtectionEnabled is not true: set deletionProtectionEnabled: true\.$/ },
];

describeMutations("insecure mutations of the real plans", mutations);

describe("the real plans after the mutations", function () {
    this.timeout(planTimeout);

    it("are left untouched (each mutation edits a copy)", async () => {
        for (const stack of STACKS) {
            assert.deepEqual(mandatory(await check(await realPlan(stack), stack)), []);
        }
    });
});

describe("npm run check over plan files of the real program", function () {
    this.timeout(planTimeout);
    const cli = toolArgs("check");
    let dir: string;

    beforeEach(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "policy-program-"));
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    function runCheck(plan: Plan): { status: number | null; stdout: string; stderr: string; report: Report } {
        const planFile = path.join(dir, "plan.json");
        const reportFile = path.join(dir, "report.json");
        fs.writeFileSync(planFile, JSON.stringify(plan));
        const r = spawnSync(process.execPath, [...cli, "--stack", plan.stack, "--plan", planFile, "--json", reportFile], { encoding: "utf8" });
        return { status: r.status, stdout: r.stdout, stderr: r.stderr, report: JSON.parse(fs.readFileSync(reportFile, "utf8")) as Report };
    }

    it("exits 1 on a prod plan with MFA turned off and lists the violation in the JSON report", async () => {
        const plan = clonePlan(await realPlan("prod"));
        pool(plan, "mfaConfiguration", "OFF");
        const { status, stdout, stderr, report } = runCheck(plan);
        assert.equal(status, 1, stderr);
        const urn = named(plan, T.userPool, "auth").urn;
        assert.deepEqual(report, {
            stack: "prod",
            violations: [{ policy: "cognito-user-pool-mfa", enforcementLevel: "mandatory", severity: "high", urn, message: "mfaConfiguration is OFF: set it to ON.", anchors: { covers: ["AwsSolutions-COG2"], beyond: ["Cognito.5"] } }],
            summary: { mandatory: 1, advisory: 0 },
        });
        assert.match(stdout, /^cognito-user-pool-mfa +mandatory +aws:cognito\/userPool:UserPool::auth +mfaConfiguration is OFF: set it to ON\.$/m);
        assert.match(stdout, /^prod: 1 mandatory, 0 advisory violation\(s\)\.$/m);
    });

    it("exits 0 on the real prod plan", async () => {
        const { status, stdout, stderr, report } = runCheck(await realPlan("prod"));
        assert.equal(status, 0, stderr);
        assert.deepEqual(report, { stack: "prod", violations: [], summary: { mandatory: 0, advisory: 0 } });
        assert.equal(stdout.trim(), "prod: no policy violations.");
    });

    it("exits 2 in one line, no stack trace, on a real plan with a malformed value or of another stack", async () => {
        const plan = clonePlan(await realPlan("prod"));
        setProp(plan, T.risk, "auth-risk", "riskExceptionConfiguration", "0.0.0.0/0");
        const planFile = path.join(dir, "plan.json");
        fs.writeFileSync(planFile, JSON.stringify(plan));
        const malformed = spawnSync(process.execPath, [...cli, "--stack", "prod", "--plan", planFile], { encoding: "utf8" });
        assert.equal(malformed.status, 2, malformed.stderr);
        assert.equal(malformed.stderr, `error: plan ${planFile}: ${named(plan, T.risk, "auth-risk").urn}: riskExceptionConfiguration must be an object (received: "0.0.0.0/0"): give the value the provider expects.\n`);
        const otherStack = spawnSync(process.execPath, [...cli, "--stack", "dev", "--plan", planFile], { encoding: "utf8" });
        assert.equal(otherStack.status, 2);
        assert.equal(otherStack.stderr, `error: plan ${planFile}: is a plan of stack "prod", not "dev": check it with --stack prod, whose policy config it must meet\n`);
    });
});
