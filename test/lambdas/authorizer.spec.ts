import * as assert from "node:assert/strict";
import { createAuthorizer, type Authorizer } from "../../lambdas/authorizer/authorizer";
import { parseAuthorizerConfig } from "../../lambdas/authorizer/config";
import { testSigningKey } from "./helpers";

const POOL = "eu-west-1_AbCdEf123";
const CLIENT = "client1abc";
const ARN = "arn:aws:execute-api:eu-west-1:123456789012:api1234567/prod/GET/admin/users";
const STAGE = "arn:aws:execute-api:eu-west-1:123456789012:api1234567/prod/";

describe("lambdas/authorizer", () => {
    const key = testSigningKey();
    const rejected: string[] = [];
    let authorize: Authorizer;
    const now = () => Math.floor(Date.now() / 1000);
    const accessClaims = (over: Record<string, unknown> = {}) => ({
        sub: "user-sub-1", iss: `https://cognito-idp.eu-west-1.amazonaws.com/${POOL}`, client_id: CLIENT,
        token_use: "access", scope: "openid api/read", username: "alice", "cognito:groups": ["members"],
        iat: now() - 10, auth_time: now() - 10, exp: now() + 600, jti: "j1", ...over,
    });
    const call = (token: string, methodArn = ARN) => authorize({ type: "TOKEN", methodArn, authorizationToken: `Bearer ${token}` });

    beforeEach(() => {
        rejected.length = 0;
        authorize = createAuthorizer({
            userPoolId: POOL, clientIds: [CLIENT, "client2abc"], requiredGroups: ["members"],
            routes: { "* /admin/*": { groups: ["admins"] }, "POST /reports": { scopes: ["api/reports"] } },
            jwks: key.jwks, onReject: (r) => rejected.push(r),
        });
    });

    it("allows a valid access token and denies the routes whose rule it misses", async () => {
        const result = await call(key.sign(accessClaims()));
        assert.equal(result.principalId, "user-sub-1");
        assert.deepEqual(result.policyDocument, {
            Version: "2012-10-17",
            Statement: [
                { Effect: "Allow", Action: "execute-api:Invoke", Resource: [`${STAGE}*/*`] },
                { Effect: "Deny", Action: "execute-api:Invoke", Resource: [`${STAGE}*/admin/*`, `${STAGE}POST/reports`] },
            ],
        });
        assert.deepEqual(result.context, { sub: "user-sub-1", username: "alice", clientId: CLIENT, groups: "members", scopes: "openid api/read" });
    });

    it("allows every rule the caller meets: group admins, scope api/reports", async () => {
        const result = await call(key.sign(accessClaims({ "cognito:groups": ["members", "admins"], scope: "api/reports" })));
        assert.deepEqual(result.policyDocument.Statement, [{ Effect: "Allow", Action: "execute-api:Invoke", Resource: [`${STAGE}*/*`] }]);
    });

    it("denies everything to a caller missing the required group", async () => {
        const result = await call(key.sign(accessClaims({ "cognito:groups": undefined })));
        assert.deepEqual(result.policyDocument.Statement, [{ Effect: "Deny", Action: "execute-api:Invoke", Resource: [`${STAGE}*/*`] }]);
    });

    it("allows only the matching rule to a caller with the scope but not the default group", async () => {
        const result = await call(key.sign(accessClaims({ "cognito:groups": undefined, scope: "api/reports" })));
        assert.deepEqual(result.policyDocument.Statement, [
            { Effect: "Allow", Action: "execute-api:Invoke", Resource: [`${STAGE}POST/reports`] },
            { Effect: "Deny", Action: "execute-api:Invoke", Resource: [`${STAGE}*/admin/*`] },
        ]);
    });

    it("accepts a REQUEST event with the token in the Authorization header", async () => {
        const result = await authorize({
            type: "REQUEST", methodArn: ARN, headers: { authorization: `Bearer ${key.sign(accessClaims())}` },
        } as never);
        assert.equal(result.principalId, "user-sub-1");
    });

    const unauthorized: [string, () => string, RegExp][] = [
        ["an expired token", () => key.sign(accessClaims({ exp: now() - 60 })), /^Token expired/],
        ["a token not yet valid", () => key.sign(accessClaims({ nbf: now() + 600 })), /^Token can't be used before/],
        ["a token of another pool", () => key.sign(accessClaims({ iss: "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Other1" })), /^issuer not configured: https:\/\/cognito-idp\.eu-west-1\.amazonaws\.com\/eu-west-1_Other1$/],
        ["a token of another app client", () => key.sign(accessClaims({ client_id: "otherclient" })), /^Client ID not allowed/],
        ["an ID token", () => key.sign(accessClaims({ token_use: "id", aud: CLIENT, client_id: undefined })), /^Token use not allowed: id/],
        ["a tampered token", () => {
            const [h, , s] = key.sign(accessClaims()).split(".");
            return [h, Buffer.from(JSON.stringify(accessClaims({ "cognito:groups": ["admins"] }))).toString("base64url"), s].join(".");
        }, /^Invalid signature/],
        ["an alg none token", () => {
            const [, p] = key.sign(accessClaims()).split(".");
            // A signature is attached so that the alg check itself is what refuses it.
            return `${Buffer.from(JSON.stringify({ alg: "none", typ: "JWT", kid: "test-key" })).toString("base64url")}.${p}.c2ln`;
        }, /alg/i],
        ["a token signed by an unknown key", () => testSigningKey("other-key").sign(accessClaims()), /^JWK for kid other-key not found in the JWKS$/],
        ["a token signed by another key with the known kid", () => testSigningKey().sign(accessClaims()), /^Invalid signature/],
    ];
    for (const [what, token, reason] of unauthorized) {
        it(`throws Unauthorized for ${what}`, async () => {
            await assert.rejects(call(token()), (e: Error) => e.message === "Unauthorized");
            assert.equal(rejected.length, 1);
            assert.match(rejected[0], reason);
        });
    }

    it("throws Unauthorized without a bearer token", async () => {
        await assert.rejects(authorize({ type: "TOKEN", methodArn: ARN, authorizationToken: "Basic dXNlcjpwYXNz" }), /^Error: Unauthorized$/);
        assert.deepEqual(rejected, ["no bearer token"]);
    });

    it("rejects invalid options with every problem named", () => {
        assert.throws(() => createAuthorizer({ userPoolId: "pool", clientIds: [], routes: { "GET admin": { groups: ["a"] } } }), (e: Error) => {
            assert.match(e.message, /userPoolId must look like "<region>_<id>" \(received: "pool"\)/);
            assert.match(e.message, /clientIds must be one or more app client ids \(received: \[\]\)/);
            assert.match(e.message, /route "GET admin" must look like "GET \/admin\/\*"/);
            return true;
        });
    });
});

describe("lambdas/authorizer/config", () => {
    it("reads the pool, clients, groups and route rules", () => {
        assert.deepEqual(parseAuthorizerConfig({
            USER_POOL_ID: POOL, APP_CLIENT_IDS: "a1, b2", REQUIRED_GROUPS: "members",
            ROUTE_REQUIREMENTS: '{"GET /admin/*":{"groups":["admins"]}}',
        }), { userPoolId: POOL, clientIds: ["a1", "b2"], requiredGroups: ["members"], routes: { "GET /admin/*": { groups: ["admins"] } }, jwks: undefined });
    });

    it("names each invalid variable, its rule, the value and the fix", () => {
        assert.throws(() => parseAuthorizerConfig({ APP_CLIENT_IDS: "ok1,bad id", ROUTE_REQUIREMENTS: "{" }), (e: Error) => {
            assert.match(e.message, /^Invalid configuration of the authorizer function:/);
            assert.match(e.message, /USER_POOL_ID is required \(received: not set\); set it to the id of the user pool/);
            assert.match(e.message, /APP_CLIENT_IDS must be a comma-separated list of app client ids; invalid: bad id \(received: "ok1,bad id"\)/);
            assert.match(e.message, /ROUTE_REQUIREMENTS must be valid JSON/);
            return true;
        });
        assert.throws(() => parseAuthorizerConfig({ USER_POOL_ID: POOL, APP_CLIENT_IDS: "a1", JWKS: '{"keys":[]}' }), (e: Error) => {
            assert.match(e.message, /JWKS must be a JWKS object like \{"keys":\[\.\.\.\]\}; it has no "keys" array \(received: "\{\\"keys\\":\[\]\}"\)/);
            return true;
        });
    });
});
