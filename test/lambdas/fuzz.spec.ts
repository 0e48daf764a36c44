import * as assert from "node:assert/strict";
import * as crypto from "node:crypto";
import { AdminAddUserToGroupCommand, AdminLinkProviderForUserCommand, CognitoIdentityProviderClient, ListUsersCommand } from "@aws-sdk/client-cognito-identity-provider";
import { SESv2Client, SendEmailCommand } from "@aws-sdk/client-sesv2";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import type { APIGatewayProxyResult } from "aws-lambda";
import { mockClient } from "aws-sdk-client-mock";
import { hashSync } from "bcryptjs";
import fc from "fast-check";
import { parseApiConfig } from "../../lambdas/api/config";
import { ItemStore } from "../../lambdas/api/items";
import { createApiHandler } from "../../lambdas/api/router";
import { createAuthChallengeHandler } from "../../lambdas/authChallenge/authChallenge";
import { parseAuthChallengeConfig } from "../../lambdas/authChallenge/config";
import { createAuthorizer } from "../../lambdas/authorizer/authorizer";
import { parsePostConfirmationConfig } from "../../lambdas/postConfirmation/config";
import { createPostAuthenticationHandler } from "../../lambdas/postAuthentication/postAuthentication";
import { createPostConfirmationHandler } from "../../lambdas/postConfirmation/postConfirmation";
import { parsePreSignUpConfig } from "../../lambdas/preSignUp/config";
import { createPreSignUpHandler } from "../../lambdas/preSignUp/preSignUp";
import { parsePreTokenGenerationConfig } from "../../lambdas/preTokenGeneration/config";
import { createPreTokenGenerationHandler } from "../../lambdas/preTokenGeneration/preTokenGeneration";
import { parseCustomMessageConfig } from "../../lambdas/customMessage/config";
import { createCustomMessageHandler } from "../../lambdas/customMessage/customMessage";
import { parseCustomEmailSenderConfig } from "../../lambdas/customEmailSender/config";
import { createCustomEmailSenderHandler } from "../../lambdas/customEmailSender/customEmailSender";
import { parsePreAuthenticationConfig } from "../../lambdas/preAuthentication/config";
import { createPreAuthenticationHandler } from "../../lambdas/preAuthentication/preAuthentication";
import { codeDecrypter } from "../../lambdas/shared/codeDecryption";
import { parseUserMigrationConfig } from "../../lambdas/userMigration/config";
import { parseLegacyUser } from "../../lambdas/userMigration/legacyUsers";
import { createUserMigrationHandler } from "../../lambdas/userMigration/userMigration";
import { encryptCode, testKeyring } from "./senderHelpers";
import { silentLogger, testSigningKey } from "./helpers";

/**
 * Every handler against events an attacker could shape: arbitrary JSON, and valid events with
 * parts replaced by arbitrary JSON, attribute and group names such as `__proto__` or
 * `constructor`, hostile values. A handler either answers or ends with one of its deliberate
 * rejections, whose message names the problem; never with a TypeError or another crash.
 * Seeds are random per run; a failure prints the seed and the shrunk event to replay it.
 */

const RUNS = { numRuns: 250 };

/** Events arrive as JSON: `__proto__` is an own key, functions and undefined do not exist. */
const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value) ?? "null");

const BUILT_INS = ["__proto__", "constructor", "toString", "valueOf", "hasOwnProperty", "prototype", "length"];
const name = fc.oneof(fc.constantFrom(...BUILT_INS), fc.string({ maxLength: 12 }));
const hostileString = fc.oneof(
    fc.string({ maxLength: 30 }),
    fc.constantFrom("true", "false", "", "ann@example.com", "a@evil.test@example.com", "a@evil.test,b@example.com", " ann@example.com", "Ann", "<b>x</b>", "a\r\nb", "🙂"),
);
const json = fc.jsonValue({ maxDepth: 3 });
const attributeName = fc.oneof(
    fc.constantFrom(...BUILT_INS, "email", "email_verified", "phone_number_verified", "custom:tenant_id", "custom:idp_email_verified", "name", "given_name", "sub"),
    fc.string({ maxLength: 12 }),
);
const attributes = fc.dictionary(attributeName, fc.oneof({ weight: 4, arbitrary: hostileString }, { weight: 1, arbitrary: json }), { maxKeys: 6 });

/** `base` with up to three of `paths` replaced by arbitrary JSON (or deleted). */
function mutated(base: fc.Arbitrary<Record<string, unknown>>, paths: readonly string[][]): fc.Arbitrary<unknown> {
    const mutation = fc.tuple(fc.constantFrom(...paths), fc.option(json, { nil: undefined }));
    return fc.tuple(base, fc.array(mutation, { maxLength: 3 })).map(([event, mutations]) => {
        const copy = asJson(event) as Record<string, unknown>;
        for (const [path, value] of mutations) {
            let target: Record<string, unknown> = copy;
            for (const key of path.slice(0, -1)) {
                const next = target[key];
                target = typeof next === "object" && next !== null ? (next as Record<string, unknown>) : (target[key] = {});
            }
            target[path[path.length - 1]] = value;
        }
        return asJson(copy);
    });
}

/** Arbitrary JSON events and mutated valid ones, half each. */
const events = (base: fc.Arbitrary<Record<string, unknown>>, paths: readonly string[][]) => fc.oneof(json, mutated(base, paths));

/** The value at `path`, through objects only (the test reads events as warily as the handlers). */
function at(value: unknown, ...path: string[]): unknown {
    for (const key of path) {
        if (typeof value !== "object" || value === null || !Object.hasOwn(value, key)) {
            return undefined;
        }
        value = (value as Record<string, unknown>)[key];
    }
    return value;
}

/** Runs `call`; a rejection must be one of `expected`, with a message. Returns the result or the error. */
async function settle<T>(call: () => Promise<T>, expected: readonly string[]): Promise<{ ok: T } | { error: Error }> {
    try {
        return { ok: await call() };
    } catch (error) {
        assert.ok(error instanceof Error, `threw a non-Error: ${String(error)}`);
        assert.ok(expected.includes(error.name), `unexpected ${error.name}: ${error.message}`);
        assert.ok(error.message.length > 0);
        return { error };
    }
}

const cognitoEvent = (triggerSource: fc.Arbitrary<string>) => fc.record({
    version: fc.constant("1"), region: fc.constant("eu-west-1"), userPoolId: fc.constant("eu-west-1_Pool1"),
    userName: fc.oneof(fc.constantFrom("Google_123", "google_1_2", "SAML-Okta_x", "constructor_1", "u1"), fc.string({ maxLength: 20 })),
    triggerSource,
    callerContext: fc.constant({ awsSdkVersion: "x", clientId: "client1" }),
    request: fc.record({ userAttributes: attributes }),
    response: fc.constant({ autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false }),
});

describe("fuzz: every handler against hostile events", function () {
    this.timeout(30_000);
    const newMocks = () => ({ cognito: mockClient(CognitoIdentityProviderClient), ses: mockClient(SESv2Client), ddb: mockClient(DynamoDBDocumentClient) });
    let mocks: ReturnType<typeof newMocks>;
    before(() => {
        mocks = newMocks();
        // Users as ListUsers could return them, hostile attribute names and values included.
        mocks.cognito.on(ListUsersCommand).resolves({
            Users: [
                { Username: "n1", UserStatus: "CONFIRMED", Enabled: true, Attributes: [{ Name: "email", Value: "ann@example.com" }, { Name: "email_verified", Value: "true" }] },
                { Username: "n2", UserStatus: "FORCE_CHANGE_PASSWORD", Enabled: true, Attributes: [{ Name: "__proto__", Value: "x" }, { Name: "email" }] },
                { UserStatus: "UNCONFIRMED" },
            ],
        });
        mocks.cognito.on(AdminLinkProviderForUserCommand).resolves({});
        mocks.cognito.on(AdminAddUserToGroupCommand).resolves({});
        mocks.ses.on(SendEmailCommand).resolves({ MessageId: "m" });
        mocks.ddb.on(GetCommand).resolves({}).on(QueryCommand).resolves({ Items: [] }).on(PutCommand).resolves({}).on(DeleteCommand).resolves({});
    });
    after(() => { mocks.cognito.restore(); mocks.ses.restore(); mocks.ddb.restore(); });
    const cognito = () => new CognitoIdentityProviderClient({ region: "eu-west-1" });

    it("preSignUp: answers or rejects deliberately, and never lets a self sign-up set a privileged attribute", async () => {
        const handler = createPreSignUpHandler({
            config: parsePreSignUpConfig({ ALLOWED_EMAIL_DOMAINS: "example.com", PRIVILEGED_ATTRIBUTES: "custom:tenant_id", PROVIDER_EMAIL_VERIFIED_ATTRIBUTE: "custom:idp_email_verified" }),
            cognito: cognito(), logger: silentLogger(),
        });
        const source = fc.constantFrom("PreSignUp_SignUp", "PreSignUp_AdminCreateUser", "PreSignUp_ExternalProvider");
        const paths = [["triggerSource"], ["userName"], ["request"], ["request", "userAttributes"], ["request", "userAttributes", "email"], ["response"]];
        await fc.assert(fc.asyncProperty(events(cognitoEvent(source), paths), async (event) => {
            const outcome = await settle(() => handler(event), ["MalformedEventError", "SignUpRejectedError", "AccountLinkedError"]);
            if ("ok" in outcome && at(event, "triggerSource") === "PreSignUp_SignUp") {
                assert.equal(at(event, "request", "userAttributes", "custom:tenant_id"), undefined, "a self sign-up set custom:tenant_id");
                assert.ok([undefined, "false"].includes(at(event, "request", "userAttributes", "email_verified") as string), "a self sign-up set email_verified");
            }
        }), RUNS);
    });

    it("postConfirmation: answers or rejects deliberately, and mails only verified plain addresses", async () => {
        const handler = createPostConfirmationHandler({
            config: parsePostConfirmationConfig({ SENDER_EMAIL: "no-reply@example.com", DEFAULT_GROUP: "members" }),
            cognito: cognito(), ses: new SESv2Client({ region: "eu-west-1" }), logger: silentLogger(),
        });
        const source = fc.constantFrom("PostConfirmation_ConfirmSignUp", "PostConfirmation_ConfirmForgotPassword");
        const paths = [["triggerSource"], ["userName"], ["userPoolId"], ["request", "userAttributes"], ["request", "userAttributes", "given_name"]];
        await fc.assert(fc.asyncProperty(events(cognitoEvent(source), paths), async (event) => {
            mocks.ses.resetHistory();
            await settle(() => handler(event), ["MalformedEventError"]);
            for (const call of mocks.ses.commandCalls(SendEmailCommand)) {
                assert.equal(at(event, "request", "userAttributes", "email_verified"), "true");
                assert.match(call.args[0].input.Destination?.ToAddresses?.[0] ?? "", /^[^\s@,<>"]+@[a-z0-9.-]+\.[a-z]{2,}$/i);
                assert.doesNotMatch(call.args[0].input.Content?.Simple?.Body?.Text?.Data ?? "", /[<>\r]|https?:/);
            }
        }), RUNS);
    });

    it("preTokenGeneration: answers or rejects deliberately, and adds only configured claims and scopes", async () => {
        const handler = createPreTokenGenerationHandler({
            config: parsePreTokenGenerationConfig({ SUPPRESSED_CLAIMS: "phone_number,toString", ACCESS_TOKEN_SCOPES: "api/read", SCOPES_BY_GROUP: '{"admins":["api/admin"],"__proto__":["api/proto"]}' }),
            logger: silentLogger(),
        });
        const base = fc.record({
            version: fc.constant("2"), userPoolId: fc.constant("eu-west-1_Pool1"), userName: fc.string({ maxLength: 10 }), triggerSource: fc.constant("TokenGeneration_Authentication"),
            request: fc.record({ userAttributes: attributes, groupConfiguration: fc.record({ groupsToOverride: fc.array(name, { maxLength: 4 }) }), scopes: fc.array(fc.string({ maxLength: 8 }), { maxLength: 3 }) }),
            response: fc.constant({ claimsAndScopeOverrideDetails: {} }),
        });
        const paths = [["request", "userAttributes"], ["request", "groupConfiguration"], ["request", "groupConfiguration", "groupsToOverride"], ["request", "scopes"], ["response"]];
        await fc.assert(fc.asyncProperty(events(base, paths), async (event) => {
            const outcome = await settle(() => handler(event), ["MalformedEventError"]);
            if ("ok" in outcome) {
                const details = outcome.ok.response.claimsAndScopeOverrideDetails;
                const groups = (at(event, "request", "groupConfiguration", "groupsToOverride") ?? []) as string[];
                for (const part of [details.idTokenGeneration, details.accessTokenGeneration]) {
                    for (const claim of Object.keys(part?.claimsToAddOrOverride ?? {})) {
                        assert.ok(["tenant_id", "roles"].includes(claim), `unexpected claim ${claim}`);
                    }
                }
                for (const scope of details.accessTokenGeneration?.scopesToAdd ?? []) {
                    const allowed = scope === "api/read" || (scope === "api/admin" && groups.includes("admins")) || (scope === "api/proto" && groups.includes("__proto__"));
                    assert.ok(allowed, `scope ${scope} for groups ${JSON.stringify(groups)}`);
                }
            }
        }), RUNS);
    });

    it("api: always answers with a status it means, never 500, and opens the admin route only to the JWT authorizer's admins", async () => {
        const handler = createApiHandler({ items: new ItemStore(DynamoDBDocumentClient.from(new DynamoDBClient({ region: "eu-west-1" })), parseApiConfig({ TABLE_NAME: "items" })), logger: silentLogger() });
        const ADMIN_CONTEXTS = ['["admins"]', '["members","admins"]'];
        const authorizer = fc.oneof(
            fc.record({ claims: fc.dictionary(name, fc.oneof(hostileString, json), { maxKeys: 4 }) }),
            fc.record({ sub: fc.constantFrom("sub-1", ""), groups: fc.oneof(fc.constantFrom(...ADMIN_CONTEXTS, "admins", "members,admins", '"admins"', "[admins]"), hostileString) }),
            json,
        );
        const base = fc.record({
            httpMethod: fc.oneof(fc.constantFrom("GET", "PUT", "DELETE", "POST", ...BUILT_INS), fc.string({ maxLength: 6 })),
            path: fc.oneof(fc.constantFrom("/me", "/items", "/items/abc", "/items/%E0%A4%A", "/admin/users/0b5e8f3a-1c2d-4e5f-8a9b-0c1d2e3f4a5b/items", "/admin/users/..%2F/items"), fc.string({ maxLength: 20 })),
            body: fc.oneof(fc.constant(null), fc.string({ maxLength: 40 }), json.map((j) => JSON.stringify(j))),
            isBase64Encoded: fc.boolean(),
            queryStringParameters: fc.oneof(fc.constant(null), fc.dictionary(name, fc.string({ maxLength: 10 }), { maxKeys: 3 })),
            requestContext: fc.record({ authorizer }),
        });
        const paths = [["httpMethod"], ["path"], ["body"], ["isBase64Encoded"], ["queryStringParameters"], ["requestContext"], ["requestContext", "authorizer"]];
        await fc.assert(fc.asyncProperty(events(base, paths), async (event) => {
            const r: APIGatewayProxyResult = await handler(event);
            assert.ok([200, 204, 400, 401, 403, 404, 405, 413].includes(r.statusCode), `status ${r.statusCode}: ${r.body}`);
            if (r.statusCode >= 400) {
                assert.equal(typeof (JSON.parse(r.body) as { message?: unknown }).message, "string");
            }
            const path = at(event, "path");
            if (r.statusCode === 200 && typeof path === "string" && path.startsWith("/admin/")) {
                const ctx = at(event, "requestContext", "authorizer");
                assert.ok(at(ctx, "claims") === undefined && ADMIN_CONTEXTS.includes(at(ctx, "groups") as string), `admin route opened to ${JSON.stringify(ctx)}`);
            }
        }), { numRuns: 400 });
    });

    describe("authorizer", () => {
        const POOL = "eu-west-1_AbCdEf123";
        const ISS = `https://cognito-idp.eu-west-1.amazonaws.com/${POOL}`;
        const ARN = "arn:aws:execute-api:eu-west-1:123456789012:api1234567/prod/GET/admin/users/x/items";
        const key = testSigningKey();
        const attacker = testSigningKey();
        const authorize = createAuthorizer({
            userPoolId: POOL, clientIds: ["client1abc"], requiredGroups: ["admins"], routes: { "DELETE /items/{id}": { groups: ["editors"] } },
            jwks: key.jwks, jwksFetcher: { fetch: () => Promise.resolve(new TextEncoder().encode(JSON.stringify(key.jwks)).buffer) },
        });
        const b64 = (v: unknown) => Buffer.from(typeof v === "string" ? v : JSON.stringify(v)).toString("base64url");
        const now = Math.floor(Date.now() / 1000);
        const goodClaims = { sub: "s-1", iss: ISS, client_id: "client1abc", token_use: "access", username: "u", exp: now + 600, iat: now, "cognito:groups": ["admins"], scope: "openid" };

        /** Tokens nobody holding the pool's key made: what an attacker can send. */
        const forged = fc.oneof(
            fc.string({ maxLength: 60 }),
            fc.tuple(json, json, fc.string({ maxLength: 20 })).map(([h, p, s]) => `${b64(h)}.${b64(p)}.${b64(s)}`),
            json.map((extra) => attacker.sign({ ...goodClaims, ...(typeof extra === "object" && extra !== null && !Array.isArray(extra) ? extra : {}) })),
            fc.constant(`${b64({ alg: "none", kid: "test-key" })}.${b64(goodClaims)}.`),
            fc.constant((() => {
                const head = b64({ alg: "HS256", typ: "JWT", kid: "test-key" });
                const mac = crypto.createHmac("sha256", JSON.stringify(key.jwks.keys[0])).update(`${head}.${b64(goodClaims)}`).digest("base64url");
                return `${head}.${b64(goodClaims)}.${mac}`;
            })()),
            fc.constant(key.sign(goodClaims).replace(/\.[^.]+\./, `.${b64({ ...goodClaims, sub: "s-2" })}.`)),
        );
        const tokenEvent = fc.record({
            type: fc.constantFrom("TOKEN", "REQUEST"),
            methodArn: fc.oneof(fc.constant(ARN), fc.string({ maxLength: 30 })),
            authorizationToken: forged.map((t) => `Bearer ${t}`),
            headers: fc.dictionary(fc.constantFrom("Authorization", "authorization", "x"), forged.map((t) => `Bearer ${t}`), { maxKeys: 2 }),
        });

        it("never allows without a token signed by the pool: every forged or malformed event is Unauthorized", async () => {
            const paths = [["type"], ["methodArn"], ["authorizationToken"], ["headers"]];
            await fc.assert(fc.asyncProperty(events(tokenEvent, paths), async (event) => {
                await assert.rejects(authorize(event), (e: Error) => e.message === "Unauthorized");
            }), RUNS);
        });

        it("takes signed tokens with claims of any type without crashing; allows only with a string sub and a numeric exp", async () => {
            const claim = fc.option(fc.oneof(json, fc.constantFrom(...BUILT_INS)), { nil: undefined });
            const claims = fc.record({ sub: claim, exp: fc.oneof(claim, fc.constant(now + 600)), username: claim, "cognito:groups": fc.oneof(claim, fc.array(name, { maxLength: 3 }), fc.constant(["admins"])), scope: claim, iat: claim });
            await fc.assert(fc.asyncProperty(claims, async (c) => {
                const payload = { ...goodClaims, ...Object.fromEntries(Object.entries(c).filter(([, v]) => v !== undefined)), ...("sub" in c && c.sub === undefined ? { sub: undefined } : {}) };
                const outcome = await settle(() => authorize({ type: "TOKEN", methodArn: ARN, authorizationToken: key.sign(payload) }), ["Error"]);
                if ("error" in outcome) {
                    assert.equal(outcome.error.message, "Unauthorized");
                } else {
                    assert.equal(typeof payload.sub, "string");
                    assert.equal(typeof payload.exp, "number");
                    assert.equal(outcome.ok.principalId, payload.sub);
                }
            }), { numRuns: 150 });
        });
    });
});

describe("fuzz: the other trigger kinds against hostile events", function () {
    this.timeout(120_000);
    const callerContext = { awsSdkVersion: "aws-sdk-unknown-unknown", clientId: "client1" };

    it("customMessage: answers or rejects deliberately, and never returns a message without Cognito's placeholder", async () => {
        const handler = createCustomMessageHandler({ config: parseCustomMessageConfig({ APP_NAME: "Example" }), logger: silentLogger() });
        const base = fc.record({
            version: fc.constant("1"), userPoolId: fc.constant("eu-west-1_Pool1"), userName: fc.string({ maxLength: 10 }), callerContext: fc.constant(callerContext),
            triggerSource: fc.constantFrom("CustomMessage_SignUp", "CustomMessage_AdminCreateUser", "CustomMessage_ForgotPassword", "CustomMessage_Authentication", "CustomMessage___proto__"),
            request: fc.record({ userAttributes: attributes, codeParameter: fc.constantFrom("{####}", "", "$&"), usernameParameter: fc.constantFrom("{username}", null) }),
            response: fc.constant({ smsMessage: null, emailMessage: null, emailSubject: null }),
        });
        const paths = [["triggerSource"], ["request", "userAttributes"], ["request", "codeParameter"], ["request", "usernameParameter"], ["response"]];
        await fc.assert(fc.asyncProperty(events(base, paths), async (event) => {
            const outcome = await settle(() => handler(event), ["MalformedEventError"]);
            if ("ok" in outcome && typeof outcome.ok.response.emailMessage === "string") {
                const code = at(event, "request", "codeParameter") as string;
                assert.ok(code !== "" && outcome.ok.response.emailMessage.includes(code) && (outcome.ok.response.smsMessage ?? "").includes(code));
            }
        }), RUNS);
    });

    it("preAuthentication: answers or rejects deliberately, and refuses exactly the suspended", async () => {
        const handler = createPreAuthenticationHandler({ config: parsePreAuthenticationConfig({ SUSPENDED_TENANTS: "acme,constructor", SUSPENDED_ATTRIBUTE: "custom:suspended" }), logger: silentLogger() });
        const tenantAttributes = fc.dictionary(fc.constantFrom("custom:tenant_id", "custom:suspended", ...BUILT_INS), fc.oneof(fc.constantFrom("acme", "constructor", "true", "TRUE", "initech"), hostileString), { maxKeys: 3 });
        const base = fc.record({
            version: fc.constant("1"), userPoolId: fc.constant("eu-west-1_Pool1"), userName: fc.string({ maxLength: 10 }), callerContext: fc.constant(callerContext),
            triggerSource: fc.constant("PreAuthentication_Authentication"), request: fc.record({ userAttributes: tenantAttributes }), response: fc.constant({}),
        });
        await fc.assert(fc.asyncProperty(events(base, [["request", "userAttributes"], ["request"], ["userName"]]), async (event) => {
            const outcome = await settle(() => handler(event), ["MalformedEventError", "SignInRefusedError"]);
            const attrs = at(event, "request", "userAttributes") as Record<string, unknown> | undefined;
            const tenant = attrs && Object.hasOwn(attrs, "custom:tenant_id") ? attrs["custom:tenant_id"] : undefined;
            const flag = attrs && Object.hasOwn(attrs, "custom:suspended") ? attrs["custom:suspended"] : undefined;
            const suspended = (typeof tenant === "string" && ["acme", "constructor"].includes(tenant.trim())) || (typeof flag === "string" && flag.trim().toLowerCase() === "true");
            if ("ok" in outcome) assert.ok(!suspended, "a suspended user signed in");
            else if (outcome.error.name === "SignInRefusedError") assert.ok(suspended, "a user who is not suspended was refused");
        }), RUNS);
    });

    it("userMigration: answers or rejects deliberately, and migrates on sign-in only with the legacy password", async () => {
        let migrated = 0;
        const legacy = parseLegacyUser({ username: "ann@example.com", passwordHash: hashSync("stored", 4), attributes: { email: "ann@example.com" }, emailVerified: true });
        const handler = createUserMigrationHandler({
            config: parseUserMigrationConfig({ TABLE_NAME: "legacy", BCRYPT_COST: "4" }),
            store: { find: (u) => Promise.resolve(u.trim().toLowerCase() === "ann@example.com" ? legacy : undefined) },
            logger: silentLogger(),
            // Only "right" is the password: the property is about who gets in, not about bcrypt.
            compare: (password, hash) => Promise.resolve(password === "right" && hash === legacy?.passwordHash),
        });
        const base = fc.record({
            version: fc.constant("1"), userPoolId: fc.constant("eu-west-1_Pool1"), userName: fc.oneof({ weight: 3, arbitrary: fc.constantFrom("ann@example.com", "ANN@example.com") }, { weight: 1, arbitrary: fc.constantFrom("bob@example.com", ...BUILT_INS) }), callerContext: fc.constant(callerContext),
            triggerSource: fc.constantFrom("UserMigration_Authentication", "UserMigration_ForgotPassword", "UserMigration_constructor"),
            request: fc.record({ password: fc.oneof({ weight: 3, arbitrary: fc.constant("right") }, { weight: 1, arbitrary: fc.constantFrom("wrong", "") }, { weight: 1, arbitrary: hostileString }) }), response: fc.constant({}),
        });
        await fc.assert(fc.asyncProperty(events(base, [["request", "password"], ["request"], ["userName"], ["response"], ["triggerSource"]]), async (event) => {
            const outcome = await settle(() => handler(event), ["MalformedEventError", "MigrationRefusedError"]);
            if ("ok" in outcome) {
                migrated += 1;
                const source = at(event, "triggerSource");
                assert.ok(source === "UserMigration_ForgotPassword" || at(event, "request", "password") === "right", "migrated without the password");
                assert.equal((outcome.ok.response as { messageAction?: string }).messageAction, "SUPPRESS");
            }
        }), RUNS);
        assert.ok(migrated > 0, "no event ever migrated: the property proved nothing");
    });

    it("authChallenge: answers or rejects deliberately; tokens only after a right answer of our challenge, a right answer only for the code", async () => {
        const sesMock = mockClient(SESv2Client);
        try {
            sesMock.on(SendEmailCommand).resolves({ MessageId: "m" });
            const handler = createAuthChallengeHandler({ config: parseAuthChallengeConfig({ SENDER_EMAIL: "no-reply@example.com" }), ses: new SESv2Client({ region: "eu-west-1" }), logger: silentLogger() });
            const step = fc.record({ challengeName: fc.constantFrom("CUSTOM_CHALLENGE", "PASSWORD_VERIFIER", "SRP_A", "__proto__"), challengeResult: fc.boolean(), challengeMetadata: fc.oneof(fc.constant("CODE-123456"), hostileString) });
            const base = fc.record({
                version: fc.constant("1"), userPoolId: fc.constant("eu-west-1_Pool1"), userName: fc.string({ maxLength: 10 }), callerContext: fc.constant(callerContext),
                triggerSource: fc.constantFrom("DefineAuthChallenge_Authentication", "CreateAuthChallenge_Authentication", "VerifyAuthChallengeResponse_Authentication", "constructor"),
                request: fc.record({
                    session: fc.array(step, { maxLength: 4 }), userNotFound: fc.boolean(), challengeName: fc.constant("CUSTOM_CHALLENGE"), userAttributes: attributes,
                    privateChallengeParameters: fc.record({ code: fc.constantFrom("123456", "", "12345a") }), challengeAnswer: fc.oneof(fc.constantFrom("123456", " 123456 ", "123457"), hostileString),
                }),
                response: fc.constant({}),
            });
            const paths = [["request", "session"], ["request", "userNotFound"], ["request", "challengeAnswer"], ["request", "privateChallengeParameters"], ["request", "userAttributes"], ["response"]];
            await fc.assert(fc.asyncProperty(events(base, paths), async (event) => {
                const outcome = await settle(() => handler(event), ["MalformedEventError", "Error"]);
                if (!("ok" in outcome)) return;
                const response = (outcome.ok as { response: Record<string, unknown> }).response;
                const source = at(event, "triggerSource");
                if (source === "DefineAuthChallenge_Authentication" && response.issueTokens === true) {
                    const session = at(event, "request", "session") as { challengeName: string; challengeResult: boolean }[];
                    assert.ok(at(event, "request", "userNotFound") !== true && session.length > 0 && session.every((x) => x.challengeName === "CUSTOM_CHALLENGE") && session[session.length - 1].challengeResult === true);
                }
                if (source === "VerifyAuthChallengeResponse_Authentication" && response.answerCorrect === true) {
                    const code = at(event, "request", "privateChallengeParameters", "code");
                    assert.ok(/^\d{6}$/.test(String(code)) && String(at(event, "request", "challengeAnswer")).trim() === code);
                }
            }), RUNS);
        } finally {
            sesMock.restore();
        }
    });

    it("postAuthentication: answers or rejects deliberately, and its record carries no attribute but the sub", async () => {
        const lines: unknown[] = [];
        const handler = createPostAuthenticationHandler({ logger: Object.assign(silentLogger(), { info: (_m: string, r: unknown) => void lines.push(r) }) });
        const base = fc.record({
            version: fc.constant("1"), userPoolId: fc.constant("eu-west-1_Pool1"), userName: fc.string({ maxLength: 10 }), callerContext: fc.constant(callerContext),
            triggerSource: fc.constant("PostAuthentication_Authentication"), request: fc.record({ userAttributes: attributes, newDeviceUsed: fc.boolean() }), response: fc.constant({}),
        });
        await fc.assert(fc.asyncProperty(events(base, [["request", "userAttributes"], ["request", "newDeviceUsed"], ["callerContext"]]), async (event) => {
            lines.length = 0;
            const outcome = await settle(() => handler(event), ["MalformedEventError"]);
            if ("ok" in outcome) {
                assert.equal(lines.length, 1);
                assert.deepEqual(Object.keys(lines[0] as object).sort(), ["at", "clientId", "event", "newDevice", "sub", "userName", "userPoolId"]);
            } else {
                assert.equal(lines.length, 0);
            }
        }), RUNS);
    });

    it("customEmailSender: answers or rejects deliberately, and mails only strict addresses", async () => {
        const keyring = testKeyring();
        const code = await encryptCode(keyring, "123456");
        const sesMock = mockClient(SESv2Client);
        try {
            sesMock.on(SendEmailCommand).resolves({ MessageId: "m" });
            const handler = createCustomEmailSenderHandler({
                config: parseCustomEmailSenderConfig({ KEY_ARN: "arn:aws:kms:eu-west-1:123456789012:key/k1", SENDER_EMAIL: "no-reply@example.com" }),
                decrypt: codeDecrypter(keyring), ses: new SESv2Client({ region: "eu-west-1" }), logger: silentLogger(),
            });
            const base = fc.record({
                version: fc.constant("1"), userPoolId: fc.constant("eu-west-1_Pool1"), userName: fc.string({ maxLength: 10 }), callerContext: fc.constant(callerContext),
                triggerSource: fc.constantFrom("CustomEmailSender_SignUp", "CustomEmailSender_AdminCreateUser", "CustomEmailSender_AccountTakeOverNotification", "CustomEmailSender_valueOf"),
                request: fc.record({ type: fc.constant("customEmailSenderRequestV1"), code: fc.oneof(fc.constant(code), hostileString), userAttributes: attributes }),
            });
            await fc.assert(fc.asyncProperty(events(base, [["request", "code"], ["request", "userAttributes"], ["triggerSource"], ["request"]]), async (event) => {
                sesMock.resetHistory();
                await settle(() => handler(event), ["MalformedEventError", "CodeDecryptionError", "NoDestinationError"]);
                for (const call of sesMock.commandCalls(SendEmailCommand)) {
                    assert.match(call.args[0].input.Destination?.ToAddresses?.[0] ?? "", /^[^\s@,<>"]+@[a-z0-9.-]+\.[a-z]{2,}$/i);
                }
            }), { numRuns: 100 });
        } finally {
            sesMock.restore();
        }
    });
});
