/**
 * Least privilege of the identity pool's roles, proven by IAM evaluation of the policies the
 * real program produces for each stack (its offline plan).
 */
import * as assert from "node:assert/strict";
import { runSimulation } from "@cloud-copilot/iam-simulate";
import { MOCK_ACCOUNT_ID as ACCOUNT } from "../../tools/mocks";
import { one, realPlan } from "../helpers/plans";
import { decideData, decideTrust, Decision, forIdentity, policiesFromPlan, RoleUnderTest, StackPolicies } from "./simulate";

const A = "us-east-1:aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa";
const B = "us-east-1:bbbbbbbb-bbbb-bbbb-bbbb-bbbbbbbbbbbb";
const GUEST = "us-east-1:99999999-9999-9999-9999-999999999999";
const OTHER_POOL = "us-east-1:22222222-2222-2222-2222-222222222222";
const FEDERATED = "cognito-identity.amazonaws.com";
const TLS = { "aws:SecureTransport": "true" };
const ALLOWED: Decision = "Allowed";

const aud = (pool: string) => ({ "cognito-identity.amazonaws.com:aud": pool });
const amr = (values: string[]) => ({ "cognito-identity.amazonaws.com:amr": values });

/** What each stack's config says, stated independently of the program. */
const STACKS = {
    dev: { guests: true, tagSession: true, signedInRoles: ["auth-identity-authenticated-role", "auth-identity-group-admins-role", "auth-identity-group-members-role"] },
    prod: { guests: false, tagSession: false, signedInRoles: ["auth-identity-authenticated-role", "auth-identity-group-admins-role"] },
} as const;

const GUEST_ROLE = "auth-identity-guest-role";

for (const stack of ["dev", "prod"] as const) {
    const expected = STACKS[stack];
    describe(`least privilege by IAM simulation: ${stack}`, () => {
        let policies: StackPolicies;
        before(async () => {
            policies = policiesFromPlan(await realPlan(stack));
        });
        /** The amr of an identity signed in through the stack's user pool. */
        const signedInAmr = () => [
            "authenticated",
            `cognito-idp.us-east-1.amazonaws.com/${policies.userPoolId}`,
            `cognito-idp.us-east-1.amazonaws.com/${policies.userPoolId}:CognitoSignIn:0f1e2d3c-aaaa-bbbb-cccc-1234567890ab`,
        ];
        const role = (name: string): RoleUnderTest => {
            const r = policies.roles[name];
            assert.ok(r, `stack ${stack} has no role ${name}`);
            return r;
        };
        const object = (key: string) => `${policies.bucketArn}/${key}`;

        /** A request on S3 with the role, as the identity, through the bucket policy. */
        const s3 = (roleName: string, identityId: string, action: string, key: string | undefined, context: Record<string, string | string[]> = {}) =>
            decideData({
                role: role(roleName),
                identityId,
                action,
                resource: key === undefined ? policies.bucketArn : object(key),
                context: { ...TLS, ...context },
                resourcePolicy: policies.bucketPolicy,
            });
        const dynamo = (roleName: string, identityId: string, action: string, leadingKeys?: string[]) =>
            decideData({
                role: role(roleName),
                identityId,
                action,
                resource: policies.tableArn,
                context: leadingKeys === undefined ? {} : { "dynamodb:LeadingKeys": leadingKeys },
            });

        it("covers every role the stack creates", () => {
            const all = Object.keys(policies.roles).filter((n) => n.startsWith("auth-identity-")).sort();
            assert.deepEqual(all, [...expected.signedInRoles, ...(expected.guests ? [GUEST_ROLE] : [])].sort());
        });

        it("substitutes the identity id for cognito-identity.amazonaws.com:sub, which the simulator alone drops on S3 requests", async () => {
            const text = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: object("private/${cognito-identity.amazonaws.com:sub}/*") }] });
            assert.deepEqual(forIdentity(text, A), { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: object(`private/${A}/*`) }] });
            const probe: RoleUnderTest = { logicalName: "probe", arn: `arn:aws:iam::${ACCOUNT}:role/probe`, trust: "{}", policies: [text] };
            assert.equal(await decideData({ role: probe, identityId: A, action: "s3:GetObject", resource: object(`private/${A}/f.txt`) }), ALLOWED);
            assert.equal(await decideData({ role: probe, identityId: A, action: "s3:GetObject", resource: object(`private/${B}/f.txt`) }), "ImplicitlyDenied");
            // Without the substitution: the key passed as request context is dropped, and A is denied A's own object.
            const result = await runSimulation(
                {
                    request: {
                        principal: `arn:aws:sts::${ACCOUNT}:assumed-role/probe/CognitoIdentityCredentials`,
                        action: "s3:GetObject",
                        resource: { resource: object(`private/${A}/f.txt`), accountId: ACCOUNT },
                        contextVariables: { "cognito-identity.amazonaws.com:sub": A },
                    },
                    identityPolicies: [{ name: "p", policy: JSON.parse(text) }],
                    serviceControlPolicies: [],
                    resourceControlPolicies: [],
                },
                {},
            );
            assert.equal(result.resultType, "single");
            assert.equal(result.overallResult, "ImplicitlyDenied");
            assert.deepEqual(result.resultType === "single" ? result.result.ignoredContextKeys : [], ["cognito-identity.amazonaws.com:sub"]);
        });

        for (const roleName of expected.signedInRoles) {
            describe(roleName, () => {
                const cells: [string, () => Promise<Decision>, Decision][] = [
                    ["A reads A's object", () => s3(roleName, A, "s3:GetObject", `private/${A}/notes.txt`), ALLOWED],
                    ["A writes A's object", () => s3(roleName, A, "s3:PutObject", `private/${A}/notes.txt`), ALLOWED],
                    ["A deletes A's object", () => s3(roleName, A, "s3:DeleteObject", `private/${A}/notes.txt`), ALLOWED],
                    ["A reads B's object", () => s3(roleName, A, "s3:GetObject", `private/${B}/notes.txt`), "ImplicitlyDenied"],
                    ["A writes B's object", () => s3(roleName, A, "s3:PutObject", `private/${B}/notes.txt`), "ImplicitlyDenied"],
                    ["A deletes B's object", () => s3(roleName, A, "s3:DeleteObject", `private/${B}/notes.txt`), "ImplicitlyDenied"],
                    ["A writes at the private/ root", () => s3(roleName, A, "s3:PutObject", "private/notes.txt"), "ImplicitlyDenied"],
                    ["A reads public/", () => s3(roleName, A, "s3:GetObject", "public/logo.png"), ALLOWED],
                    ["A writes public/", () => s3(roleName, A, "s3:PutObject", "public/logo.png"), "ImplicitlyDenied"],
                    ["A reads outside private/ and public/", () => s3(roleName, A, "s3:GetObject", "exports/all.csv"), "ImplicitlyDenied"],
                    ["A reads A's object without TLS", () => s3(roleName, A, "s3:GetObject", `private/${A}/notes.txt`, { "aws:SecureTransport": "false" }), "ExplicitlyDenied"],
                    ["A lists A's folder", () => s3(roleName, A, "s3:ListBucket", undefined, { "s3:prefix": `private/${A}/` }), ALLOWED],
                    ["A lists a subfolder of A's folder", () => s3(roleName, A, "s3:ListBucket", undefined, { "s3:prefix": `private/${A}/photos/` }), ALLOWED],
                    ["A lists B's folder", () => s3(roleName, A, "s3:ListBucket", undefined, { "s3:prefix": `private/${B}/` }), "ImplicitlyDenied"],
                    ["A lists private/", () => s3(roleName, A, "s3:ListBucket", undefined, { "s3:prefix": "private/" }), "ImplicitlyDenied"],
                    ["A lists the bucket without a prefix", () => s3(roleName, A, "s3:ListBucket", undefined), "ImplicitlyDenied"],
                    ["A lists public/", () => s3(roleName, A, "s3:ListBucket", undefined, { "s3:prefix": "public/" }), "ImplicitlyDenied"],
                    ["A changes the bucket policy", () => s3(roleName, A, "s3:PutBucketPolicy", undefined), "ImplicitlyDenied"],
                    ["A deletes the bucket", () => s3(roleName, A, "s3:DeleteBucket", undefined), "ImplicitlyDenied"],
                    ...(["dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchGetItem", "dynamodb:BatchWriteItem"] as const).flatMap(
                        (action): [string, () => Promise<Decision>, Decision][] => [
                            [`A ${action} in A's partition`, () => dynamo(roleName, A, action, [A]), ALLOWED],
                            [`A ${action} in B's partition`, () => dynamo(roleName, A, action, [B]), "ImplicitlyDenied"],
                        ],
                    ),
                    ["A BatchGetItem across A's and B's partitions", () => dynamo(roleName, A, "dynamodb:BatchGetItem", [A, B]), "ImplicitlyDenied"],
                    ["A GetItem without a partition key", () => dynamo(roleName, A, "dynamodb:GetItem"), "ImplicitlyDenied"],
                    ["A Scan of the table", () => dynamo(roleName, A, "dynamodb:Scan"), "ImplicitlyDenied"],
                    ["A PartiQL ExecuteStatement", () => dynamo(roleName, A, "dynamodb:PartiQLSelect", [A]), "ImplicitlyDenied"],
                    ["A deletes the table", () => dynamo(roleName, A, "dynamodb:DeleteTable"), "ImplicitlyDenied"],
                    // Trust: this pool, signed-in identities, nothing else.
                    ["trust: this pool, authenticated", () => decideTrust({ role: role(roleName), action: "sts:AssumeRoleWithWebIdentity", principal: FEDERATED, context: { ...aud(policies.identityPoolId), ...amr(signedInAmr()) } }), ALLOWED],
                    ["trust: another pool's aud", () => decideTrust({ role: role(roleName), action: "sts:AssumeRoleWithWebIdentity", principal: FEDERATED, context: { ...aud(OTHER_POOL), ...amr(signedInAmr()) } }), "ImplicitlyDenied"],
                    ["trust: unauthenticated (guest) identity", () => decideTrust({ role: role(roleName), action: "sts:AssumeRoleWithWebIdentity", principal: FEDERATED, context: { ...aud(policies.identityPoolId), ...amr(["unauthenticated"]) } }), "ImplicitlyDenied"],
                    ["trust: missing amr", () => decideTrust({ role: role(roleName), action: "sts:AssumeRoleWithWebIdentity", principal: FEDERATED, context: aud(policies.identityPoolId) }), "ImplicitlyDenied"],
                    ["trust: missing aud", () => decideTrust({ role: role(roleName), action: "sts:AssumeRoleWithWebIdentity", principal: FEDERATED, context: amr(signedInAmr()) }), "ImplicitlyDenied"],
                    ["trust: an IAM principal of the account with sts:AssumeRole", () => decideTrust({ role: role(roleName), action: "sts:AssumeRole", principal: `arn:aws:iam::${ACCOUNT}:root` }), "ImplicitlyDenied"],
                    [
                        "trust: sts:TagSession for this pool's signed-in identities",
                        () => decideTrust({ role: role(roleName), action: "sts:TagSession", principal: FEDERATED, context: { ...aud(policies.identityPoolId), ...amr(signedInAmr()) } }),
                        expected.tagSession ? ALLOWED : "ImplicitlyDenied",
                    ],
                    ["trust: sts:TagSession from another pool", () => decideTrust({ role: role(roleName), action: "sts:TagSession", principal: FEDERATED, context: { ...aud(OTHER_POOL), ...amr(signedInAmr()) } }), "ImplicitlyDenied"],
                ];
                for (const [what, run, want] of cells) {
                    it(`${what}: ${want}`, async () => {
                        assert.equal(await run(), want);
                    });
                }
            });
        }

        if (expected.guests) {
            describe(GUEST_ROLE, () => {
                const guest = (action: string, key: string | undefined, context: Record<string, string | string[]> = {}) => s3(GUEST_ROLE, GUEST, action, key, context);
                const cells: [string, () => Promise<Decision>, Decision][] = [
                    ["guest reads public/", () => guest("s3:GetObject", "public/logo.png"), ALLOWED],
                    ["guest writes public/", () => guest("s3:PutObject", "public/logo.png"), "ImplicitlyDenied"],
                    ["guest deletes in public/", () => guest("s3:DeleteObject", "public/logo.png"), "ImplicitlyDenied"],
                    ["guest reads its own private folder", () => guest("s3:GetObject", `private/${GUEST}/x`), "ImplicitlyDenied"],
                    ["guest writes its own private folder", () => guest("s3:PutObject", `private/${GUEST}/x`), "ImplicitlyDenied"],
                    ["guest deletes in its own private folder", () => guest("s3:DeleteObject", `private/${GUEST}/x`), "ImplicitlyDenied"],
                    ["guest reads A's object", () => guest("s3:GetObject", `private/${A}/notes.txt`), "ImplicitlyDenied"],
                    ["guest reads outside public/", () => guest("s3:GetObject", "exports/all.csv"), "ImplicitlyDenied"],
                    ["guest lists public/", () => guest("s3:ListBucket", undefined, { "s3:prefix": "public/" }), "ImplicitlyDenied"],
                    ["guest lists its own folder", () => guest("s3:ListBucket", undefined, { "s3:prefix": `private/${GUEST}/` }), "ImplicitlyDenied"],
                    ["guest reads public/ without TLS", () => guest("s3:GetObject", "public/logo.png", { "aws:SecureTransport": "false" }), "ExplicitlyDenied"],
                    ...(["dynamodb:GetItem", "dynamodb:Query", "dynamodb:BatchGetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem"] as const).map(
                        (action): [string, () => Promise<Decision>, Decision] => [`guest ${action} in its own partition`, () => dynamo(GUEST_ROLE, GUEST, action, [GUEST]), "ImplicitlyDenied"],
                    ),
                    ["guest Scan of the table", () => dynamo(GUEST_ROLE, GUEST, "dynamodb:Scan"), "ImplicitlyDenied"],
                    // Trust: this pool's guests only; no way from guest to signed-in or tagged.
                    ["trust: this pool, unauthenticated", () => decideTrust({ role: role(GUEST_ROLE), action: "sts:AssumeRoleWithWebIdentity", principal: FEDERATED, context: { ...aud(policies.identityPoolId), ...amr(["unauthenticated"]) } }), ALLOWED],
                    ["trust: a signed-in identity", () => decideTrust({ role: role(GUEST_ROLE), action: "sts:AssumeRoleWithWebIdentity", principal: FEDERATED, context: { ...aud(policies.identityPoolId), ...amr(signedInAmr()) } }), "ImplicitlyDenied"],
                    ["trust: another pool's guest", () => decideTrust({ role: role(GUEST_ROLE), action: "sts:AssumeRoleWithWebIdentity", principal: FEDERATED, context: { ...aud(OTHER_POOL), ...amr(["unauthenticated"]) } }), "ImplicitlyDenied"],
                    ["trust: missing amr", () => decideTrust({ role: role(GUEST_ROLE), action: "sts:AssumeRoleWithWebIdentity", principal: FEDERATED, context: aud(policies.identityPoolId) }), "ImplicitlyDenied"],
                    ["trust: guest tags its session (sts:TagSession)", () => decideTrust({ role: role(GUEST_ROLE), action: "sts:TagSession", principal: FEDERATED, context: { ...aud(policies.identityPoolId), ...amr(["unauthenticated"]) } }), "ImplicitlyDenied"],
                    ...expected.signedInRoles.map((target): [string, () => Promise<Decision>, Decision] => [
                        `escalation: a guest identity assumes ${target} through the pool`,
                        () => decideTrust({ role: role(target), action: "sts:AssumeRoleWithWebIdentity", principal: FEDERATED, context: { ...aud(policies.identityPoolId), ...amr(["unauthenticated"]) } }),
                        "ImplicitlyDenied",
                    ]),
                    [
                        "escalation: a guest session calls sts:AssumeRole on the authenticated role",
                        () =>
                            decideTrust({
                                role: role("auth-identity-authenticated-role"),
                                action: "sts:AssumeRole",
                                principal: `arn:aws:sts::${ACCOUNT}:assumed-role/${role(GUEST_ROLE).arn.split("/").pop()}/CognitoIdentityCredentials`,
                                callerPolicies: role(GUEST_ROLE).policies,
                                callerIdentityId: GUEST,
                            }),
                        "ImplicitlyDenied",
                    ],
                ];
                for (const [what, run, want] of cells) {
                    it(`${what}: ${want}`, async () => {
                        assert.equal(await run(), want);
                    });
                }
            });
        } else {
            it("has no guest role: the pool refuses guests and the attachment names no unauthenticated role", async () => {
                const plan = await realPlan(stack);
                const pool = one(plan, "aws:cognito/identityPool:IdentityPool");
                const attachment = one(plan, "aws:cognito/identityPoolRoleAttachment:IdentityPoolRoleAttachment");
                assert.equal(pool.props.allowUnauthenticatedIdentities, false);
                assert.deepEqual(Object.keys(attachment.props.roles as object), ["authenticated"]);
                assert.equal(policies.roles[GUEST_ROLE], undefined);
            });
        }
    });
}
