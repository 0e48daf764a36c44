import * as assert from "node:assert/strict";
import { createAuthorizer, type Authorizer, type AuthorizerOptions } from "../../lambdas/authorizer/authorizer";
import { parseAuthorizerConfig } from "../../lambdas/authorizer/config";
import { testSigningKey } from "./helpers";
import { decide } from "./iamEval";

const POOL = "eu-west-1_AbCdEf123";
const CLIENT = "client1abc";
const STAGE = "arn:aws:execute-api:eu-west-1:123456789012:api1234567/prod/";
const ARN = `${STAGE}GET/admin/users`;
const ME = `${STAGE}GET/me`;
const JWKS_URI = `https://cognito-idp.eu-west-1.amazonaws.com/${POOL}/.well-known/jwks.json`;

const now = () => Math.floor(Date.now() / 1000);
const accessClaims = (over: Record<string, unknown> = {}) => ({
    sub: "user-sub-1", iss: `https://cognito-idp.eu-west-1.amazonaws.com/${POOL}`, client_id: CLIENT,
    token_use: "access", scope: "openid api/read", username: "alice", "cognito:groups": ["members"],
    iat: now() - 10, auth_time: now() - 10, exp: now() + 600, jti: "j1", ...over,
});

/** A stand-in for the pool's JWKS endpoint: serves `keys()` and counts the fetches. */
function jwksEndpoint(keys: () => object[]) {
    const uris: string[] = [];
    return {
        uris,
        fetcher: {
            fetch: (uri: string) => {
                uris.push(uri);
                return Promise.resolve(new TextEncoder().encode(JSON.stringify({ keys: keys() })).buffer);
            },
        },
    };
}

describe("lambdas/authorizer", () => {
    const key = testSigningKey();
    const rejected: string[] = [];
    let authorize: Authorizer;
    const make = (opts: Partial<AuthorizerOptions> = {}) => createAuthorizer({
        userPoolId: POOL, clientIds: [CLIENT, "client2abc"], requiredGroups: ["members"],
        routes: { "* /admin/*": { groups: ["admins"] }, "POST /reports": { scopes: ["api/reports"] } },
        jwks: key.jwks, jwksFetcher: jwksEndpoint(() => key.jwks.keys).fetcher, onReject: (r) => rejected.push(r), ...opts,
    });
    const call = (token: string, methodArn = ARN, a = authorize) => a({ type: "TOKEN", methodArn, authorizationToken: `Bearer ${token}` });

    beforeEach(() => {
        rejected.length = 0;
        authorize = make();
    });

    it("with route rules, allows only the routes of the rules the caller meets: the rest is denied by default", async () => {
        const result = await call(key.sign(accessClaims({ scope: "openid api/reports" })));
        assert.equal(result.principalId, "user-sub-1");
        assert.deepEqual(result.policyDocument, {
            Version: "2012-10-17",
            Statement: [
                { Effect: "Allow", Action: "execute-api:Invoke", Resource: [`${STAGE}POST/reports`] },
                { Effect: "Deny", Action: "execute-api:Invoke", Resource: [`${STAGE}*/admin/*`] },
            ],
        });
        assert.equal(decide(result, ME), "Deny");
        assert.deepEqual(result.context, { sub: "user-sub-1", username: "alice", clientId: CLIENT, groups: '["members"]', scopes: "openid api/reports", callerKind: "user" });
    });

    it("allows every rule the caller meets: group admins, scope api/reports", async () => {
        const result = await call(key.sign(accessClaims({ "cognito:groups": ["members", "admins"], scope: "api/reports" })));
        assert.deepEqual(result.policyDocument.Statement, [{ Effect: "Allow", Action: "execute-api:Invoke", Resource: [`${STAGE}*/admin/*`, `${STAGE}POST/reports`] }]);
    });

    it("without route rules, allows the whole stage to a caller in the required groups", async () => {
        const result = await call(key.sign(accessClaims()), ARN, make({ routes: undefined }));
        assert.deepEqual(result.policyDocument.Statement, [{ Effect: "Allow", Action: "execute-api:Invoke", Resource: [`${STAGE}*/*`] }]);
    });

    it("denies everything to a caller missing the required group", async () => {
        const result = await call(key.sign(accessClaims({ "cognito:groups": undefined })));
        assert.deepEqual(result.policyDocument.Statement, [{ Effect: "Deny", Action: "execute-api:Invoke", Resource: [`${STAGE}*/*`] }]);
    });

    it("never lets a route rule open a route to a caller without the required group", async () => {
        // The caller meets the POST /reports rule; the required group applies there too.
        const result = await call(key.sign(accessClaims({ "cognito:groups": undefined, scope: "api/reports" })), `${STAGE}POST/reports`);
        assert.equal(decide(result, `${STAGE}POST/reports`), "Deny");
        assert.deepEqual(result.policyDocument.Statement, [{ Effect: "Deny", Action: "execute-api:Invoke", Resource: [`${STAGE}*/*`] }]);
    });

    it("accepts a REQUEST event with the token in the Authorization header, and builds the same policy as for a TOKEN event", async () => {
        const token = key.sign(accessClaims({ "cognito:groups": ["members", "admins"], scope: "openid api/read" }));
        for (const headers of [{ authorization: `Bearer ${token}` }, { Authorization: `Bearer ${token}`, "X-Other": "x" }, { AUTHORIZATION: token }]) {
            const result = await authorize({ type: "REQUEST", methodArn: ARN, headers });
            assert.equal(result.principalId, "user-sub-1");
            assert.deepEqual(result.policyDocument, {
                Version: "2012-10-17",
                Statement: [
                    { Effect: "Allow", Action: "execute-api:Invoke", Resource: [`${STAGE}*/admin/*`] },
                    { Effect: "Deny", Action: "execute-api:Invoke", Resource: [`${STAGE}POST/reports`] },
                ],
            });
            assert.equal(decide(result, ARN), "Allow");
            assert.equal(decide(result, `${STAGE}POST/reports`), "Deny");
            assert.deepEqual(result.context, { sub: "user-sub-1", username: "alice", clientId: CLIENT, groups: '["members","admins"]', scopes: "openid api/read", callerKind: "user" });
        }
        assert.deepEqual(rejected, []);
    });

    it("refuses a REQUEST event whose token is not in the Authorization header", async () => {
        const token = key.sign(accessClaims());
        await assert.rejects(authorize({ type: "REQUEST", methodArn: ARN, headers: { "X-Authorization": `Bearer ${token}` } }), /^Error: Unauthorized$/);
        await assert.rejects(authorize({ type: "REQUEST", methodArn: ARN, authorizationToken: `Bearer ${token}` }), /^Error: Unauthorized$/);
        await assert.rejects(authorize({ type: "TOKEN", methodArn: ARN, headers: { authorization: `Bearer ${token}` } }), /^Error: Unauthorized$/);
        assert.deepEqual(rejected, ["no bearer token", "no bearer token", "no bearer token"]);
    });

    describe("route rules with path parameters, as API Gateway routes them", () => {
        const rules = {
            "GET /items/{id}": { groups: ["members"] },
            "GET /items/{id}/secret": { groups: ["admins"] },
            "DELETE /items/{id}": { groups: ["editors"] },
            "ANY /files/{proxy+}": { scopes: ["api/files"] },
            "GET /users/{userId}/items": { groups: ["admins"] },
            "GET /": { groups: ["admins"] },
        };
        const policyFor = (claims: Record<string, unknown>) => call(key.sign(accessClaims(claims)), ARN, make({ routes: rules }));
        const everything = { "cognito:groups": ["members", "editors", "admins"], scope: "api/files" };

        // [method ARN suffix, for a plain member, for a caller meeting every rule]
        const table: [string, "Allow" | "Deny", "Allow" | "Deny"][] = [
            ["GET/items/abc", "Allow", "Allow"],
            ["GET/items/0b5e8f3a-1c2d-4e5f-8a9b-0c1d2e3f4a5b", "Allow", "Allow"],
            ["GET/items/abc/secret", "Deny", "Allow"],
            ["DELETE/items/abc", "Deny", "Allow"],
            ["PUT/items/abc", "Deny", "Deny"],
            ["GET/files/a", "Deny", "Allow"],
            ["POST/files/a/b/c.txt", "Deny", "Allow"],
            ["DELETE/files/x", "Deny", "Allow"],
            ["GET/files", "Deny", "Deny"],
            ["GET/users/u-1/items", "Deny", "Allow"],
            ["POST/users/u-1/items", "Deny", "Deny"],
            ["GET/", "Deny", "Allow"],
            ["GET/me", "Deny", "Deny"],
        ];
        for (const [suffix, member, all] of table) {
            it(`${member === "Allow" ? "allows" : "denies"} ${suffix} to a plain member and ${all === "Allow" ? "allows" : "denies"} it to a caller meeting every rule`, async () => {
                assert.equal(decide(await policyFor({}), `${STAGE}${suffix}`), member);
                assert.equal(decide(await policyFor(everything), `${STAGE}${suffix}`), all);
            });
        }

        it("names the rules' parameters as wildcards", async () => {
            assert.deepEqual((await policyFor({})).policyDocument.Statement, [
                { Effect: "Allow", Action: "execute-api:Invoke", Resource: [`${STAGE}GET/items/*`] },
                {
                    Effect: "Deny", Action: "execute-api:Invoke",
                    Resource: [`${STAGE}GET/items/*/secret`, `${STAGE}DELETE/items/*`, `${STAGE}*/files/*`, `${STAGE}GET/users/*/items`, `${STAGE}GET/`],
                },
            ]);
        });

        it("refuses at init rule keys that could not be matched as written", () => {
            const bad = ["GET /items/{id", "GET /a/{proxy+}/b", "GET /a/*/b", "FETCH /x", "GET  /x", "GET /a?b", "GET /items/x*", "GET items", "GET /a//b", "get /a"];
            assert.throws(() => make({ routes: Object.fromEntries(bad.map((k) => [k, { groups: ["admins"] }])) }), (e: Error) => {
                for (const k of bad) {
                    assert.ok(e.message.includes(`route "${k}" must look like "GET /items/{id}"`), `${k} is named in ${e.message}`);
                }
                assert.match(e.message, /route "GET \/a\/\{proxy\+\}\/b" must .* \(\{proxy\+\} may only be the last segment\)/);
                return true;
            });
            assert.throws(() => make({ routes: { "GET /a": { groups: ["admins"], group: ["x"] } as never } }), /route "GET \/a" needs .* and nothing else \(unknown: group\)/);
        });
    });

    describe("machine tokens (client_credentials)", () => {
        // As Cognito issues them: the client id as sub, no username, no groups, resource-server scopes.
        const machineClaims = (over: Record<string, unknown> = {}) => accessClaims({ sub: CLIENT, username: undefined, "cognito:groups": undefined, auth_time: undefined, scope: "api/sync", ...over });
        const rules = {
            "* /admin/*": { groups: ["admins"] },
            "GET /items/{id}": { scopes: ["api/sync"] },
            "POST /sync": { scopes: ["api/sync"], machine: true },
        };
        const withRules = () => make({ requiredGroups: [], routes: rules });

        it("allows a machine token only on the machine rules it meets", async () => {
            const result = await call(key.sign(machineClaims()), `${STAGE}POST/sync`, withRules());
            assert.equal(decide(result, `${STAGE}POST/sync`), "Allow");
            // GET /items/{id} asks for the same scope, but as a user rule: never a machine's.
            for (const denied of ["GET/items/a", "GET/admin/users", "GET/me", "DELETE/items/a"]) {
                assert.equal(decide(result, `${STAGE}${denied}`), "Deny", denied);
            }
            assert.deepEqual(result.context, { sub: CLIENT, username: CLIENT, clientId: CLIENT, groups: "[]", scopes: "api/sync", callerKind: "machine" });
        });

        it("writes the machine's policy out: Allow on the rules it meets, an explicit Deny on every other rule", async () => {
            const result = await call(key.sign(machineClaims()), `${STAGE}POST/sync`, withRules());
            assert.deepEqual(result.policyDocument, { Version: "2012-10-17", Statement: [
                { Effect: "Allow", Action: "execute-api:Invoke", Resource: [`${STAGE}POST/sync`] },
                { Effect: "Deny", Action: "execute-api:Invoke", Resource: [`${STAGE}*/admin/*`, `${STAGE}GET/items/*`] },
            ] });
            // Where every rule is its own, there is nothing to deny explicitly.
            const only = await call(key.sign(machineClaims()), `${STAGE}POST/sync`, make({ requiredGroups: [], routes: { "POST /sync": { scopes: ["api/sync"], machine: true } } }));
            assert.deepEqual(only.policyDocument.Statement, [{ Effect: "Allow", Action: "execute-api:Invoke", Resource: [`${STAGE}POST/sync`] }]);
        });

        it("writes a user's policy that meets no rule as Deny statements only, with no empty Allow", async () => {
            const result = await call(key.sign(accessClaims({ scope: "openid" })), `${STAGE}GET/items/a`, withRules());
            assert.deepEqual(result.policyDocument.Statement, [
                { Effect: "Deny", Action: "execute-api:Invoke", Resource: [`${STAGE}*/admin/*`, `${STAGE}GET/items/*`, `${STAGE}POST/sync`] },
            ]);
        });

        it("denies a machine token everything where no rule names machines (REQUIRED_GROUPS, or none at all)", async () => {
            for (const a of [authorize, make({ requiredGroups: [], routes: undefined }), make({ requiredGroups: [], routes: { "GET /items/{id}": { scopes: ["api/sync"] } } })]) {
                const result = await call(key.sign(machineClaims()), ARN, a);
                assert.deepEqual(result.policyDocument.Statement, [{ Effect: "Deny", Action: "execute-api:Invoke", Resource: [`${STAGE}*/*`] }]);
            }
        });

        it("denies a machine token without the machine rule's scope", async () => {
            const result = await call(key.sign(machineClaims({ scope: "api/other" })), `${STAGE}POST/sync`, withRules());
            assert.equal(decide(result, `${STAGE}POST/sync`), "Deny");
        });

        it("denies a user, even one meeting the scope and every group, on a machine rule", async () => {
            const result = await call(key.sign(accessClaims({ scope: "api/sync", "cognito:groups": ["members", "admins"] })), `${STAGE}POST/sync`, withRules());
            assert.equal(decide(result, `${STAGE}POST/sync`), "Deny");
            assert.equal(decide(result, `${STAGE}GET/items/a`), "Allow");
        });

        const forged: [string, Record<string, unknown>, RegExp][] = [
            ["a machine token with groups", { "cognito:groups": ["admins"] }, /^invalid claims: a client_credentials token has no cognito:groups$/],
            ["a token without username whose sub is not the client id", { sub: "user-sub-1" }, /^invalid claims: username must be a non-empty string$/],
            ["a token with a username whose sub is the client id", { username: "alice" }, /^invalid claims: a user's sub cannot be the client id$/],
            ["a machine token of another app client", { sub: "otherclient", client_id: "otherclient" }, /^Client ID not allowed/],
        ];
        for (const [what, over, reason] of forged) {
            it(`throws Unauthorized for ${what}`, async () => {
                await assert.rejects(call(key.sign(machineClaims(over)), `${STAGE}POST/sync`, withRules()), /^Error: Unauthorized$/);
                assert.match(rejected.at(-1) ?? "", reason);
            });
        }

        it("refuses at init a machine rule with groups or without scopes, and a non-boolean machine", () => {
            assert.throws(() => make({ routes: { "POST /a": { groups: ["admins"], scopes: ["api/x"], machine: true }, "POST /b": { groups: ["admins"], machine: true }, "POST /c": { scopes: ["api/x"], machine: "yes" } as never } }), (e: Error) => {
                assert.match(e.message, /route "POST \/a" is a machine rule: it needs "scopes" and no "groups"/);
                assert.match(e.message, /route "POST \/b" is a machine rule/);
                assert.match(e.message, /route "POST \/c" has "machine": "yes"; it must be true or false/);
                return true;
            });
        });
    });

    describe("signing keys", () => {
        const next = testSigningKey("rotated-key");

        it("verifies tokens of cached keys without fetching, and fetches the JWKS once for a new key", async () => {
            const endpoint = jwksEndpoint(() => [...key.jwks.keys, ...next.jwks.keys]);
            const a = make({ jwksFetcher: endpoint.fetcher, routes: undefined });
            await call(key.sign(accessClaims()), ARN, a);
            assert.deepEqual(endpoint.uris, []);
            const rotated = await call(next.sign(accessClaims()), ARN, a);
            assert.equal(decide(rotated, ME), "Allow");
            assert.deepEqual(endpoint.uris, [JWKS_URI]);
            // The new key is cached now: the next token with it needs no fetch.
            await call(next.sign(accessClaims({ jti: "j2" })), ARN, a);
            assert.deepEqual(endpoint.uris, [JWKS_URI]);
        });

        it("fetches at init when no JWKS is given, then verifies without fetching", async () => {
            const endpoint = jwksEndpoint(() => key.jwks.keys);
            const a = make({ jwks: undefined, jwksFetcher: endpoint.fetcher, routes: undefined });
            assert.equal(decide(await call(key.sign(accessClaims()), ARN, a), ME), "Allow");
            // aws-jwt-verify knows both issuer forms of a pool and warms the cache for each.
            assert.deepEqual(endpoint.uris, [JWKS_URI, JWKS_URI.replace("https://cognito-idp.", "https://issuer-cognito-idp.")]);
            await call(key.sign(accessClaims({ jti: "j2" })), ARN, a);
            assert.equal(endpoint.uris.length, 2);
        });

        it("rate-limits fetches for unknown key ids: one fetch, then refusals until the wait is over", async () => {
            const endpoint = jwksEndpoint(() => key.jwks.keys);
            const a = make({ jwksFetcher: endpoint.fetcher, jwksRefetchWaitSeconds: 60, routes: undefined });
            for (let i = 0; i < 5; i++) {
                await assert.rejects(call(testSigningKey(`made-up-${i}`).sign(accessClaims()), ARN, a), /^Error: Unauthorized$/);
            }
            assert.deepEqual(endpoint.uris, [JWKS_URI]);
            assert.match(rejected[0], /^JWK for kid "made-up-0" not found in the JWKS$/);
            assert.match(rejected[4], /^Not allowed to fetch JWKS yet/);
            // Known keys keep working during the wait.
            assert.equal(decide(await call(key.sign(accessClaims()), ARN, a), ME), "Allow");
        });

        it("waits the configured time, not the default 10 s, before fetching again for an unknown key id", async () => {
            const endpoint = jwksEndpoint(() => key.jwks.keys);
            const a = make({ jwksFetcher: endpoint.fetcher, jwksRefetchWaitSeconds: 0.3, routes: undefined });
            const unknown = testSigningKey("made-up").sign(accessClaims());
            await assert.rejects(call(unknown, ARN, a), /^Error: Unauthorized$/);
            await assert.rejects(call(unknown, ARN, a), /^Error: Unauthorized$/);
            assert.equal(endpoint.uris.length, 1);
            await new Promise((resolve) => setTimeout(resolve, 500));
            await assert.rejects(call(unknown, ARN, a), /^Error: Unauthorized$/);
            assert.equal(endpoint.uris.length, 2);
        });

        it("never fetches for a token of another issuer", async () => {
            const endpoint = jwksEndpoint(() => key.jwks.keys);
            const a = make({ jwksFetcher: endpoint.fetcher });
            await assert.rejects(call(next.sign(accessClaims({ iss: "https://evil.example/" })), ARN, a), /^Error: Unauthorized$/);
            assert.deepEqual(endpoint.uris, []);
        });

        it("refuses, without crashing, when the JWKS endpoint fails", async () => {
            const a = make({ jwksFetcher: { fetch: () => Promise.reject(new Error("connect ETIMEDOUT")) } });
            await assert.rejects(call(next.sign(accessClaims()), ARN, a), /^Error: Unauthorized$/);
            assert.deepEqual(rejected, ["connect ETIMEDOUT"]);
        });
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
        ["a token signed by an unknown key", () => testSigningKey("other-key").sign(accessClaims()), /^JWK for kid "other-key" not found in the JWKS$/],
        ["a token signed by another key with the known kid", () => testSigningKey().sign(accessClaims()), /^Invalid signature/],
        // Claims the signature vouches for but that do not have Cognito's types.
        ["a string cognito:groups", () => key.sign(accessClaims({ "cognito:groups": "admins" })), /^invalid claims: cognito:groups must be an array of group names$/],
        ["a cognito:groups of objects", () => key.sign(accessClaims({ "cognito:groups": [{ toString: "admins" }] })), /^invalid claims: cognito:groups must be an array of group names$/],
        ["a token without exp", () => key.sign(accessClaims({ exp: undefined })), /^invalid claims: exp must be a number$/],
        ["a string exp", () => key.sign(accessClaims({ exp: String(now() + 600) })), /exp/],
        ["a token without sub", () => key.sign(accessClaims({ sub: undefined })), /^invalid claims: sub must be a non-empty string$/],
        ["an empty sub", () => key.sign(accessClaims({ sub: "" })), /^invalid claims: sub must be a non-empty string$/],
        ["a numeric sub", () => key.sign(accessClaims({ sub: 42 })), /sub/],
        ["a token without username", () => key.sign(accessClaims({ username: undefined })), /^invalid claims: username must be a non-empty string$/],
        ["a scope array", () => key.sign(accessClaims({ scope: ["api/read"] })), /scope/],
        ["a scope with a control character", () => key.sign(accessClaims({ scope: "api/read\napi/admin" })), /^invalid claims: scope must be a space-separated string of scopes$/],
        ["a string iat", () => key.sign(accessClaims({ iat: "yesterday" })), /iat/],
        ["a string auth_time", () => key.sign(accessClaims({ auth_time: "yesterday" })), /^invalid claims: auth_time must be a number$/],
    ];
    for (const [what, token, reason] of unauthorized) {
        it(`throws Unauthorized for ${what}`, async () => {
            await assert.rejects(call(token()), (e: Error) => e.message === "Unauthorized");
            assert.equal(rejected.length, 1);
            assert.match(rejected[0], reason);
        });
    }

    const malformed: [string, unknown, string][] = [
        ["no event", null, "malformed event: not an object"],
        ["an array", [], "malformed event: not an object"],
        ["no methodArn", { type: "TOKEN", authorizationToken: "Bearer a.b.c" }, "malformed event: methodArn is not an execute-api method ARN"],
        ["a methodArn that is not execute-api", { type: "TOKEN", methodArn: "arn:aws:s3:::bucket/x", authorizationToken: "Bearer a.b.c" }, "malformed event: methodArn is not an execute-api method ARN"],
        ["a numeric token", { type: "TOKEN", methodArn: ARN, authorizationToken: 42 }, "no bearer token"],
        ["an unknown type", { type: "COOKIE", methodArn: ARN, authorizationToken: "Bearer a.b.c" }, "malformed event: type must be TOKEN or REQUEST"],
        ["headers that are not an object", { type: "REQUEST", methodArn: ARN, headers: "Authorization: x" }, "no bearer token"],
        ["two Authorization headers", { type: "REQUEST", methodArn: ARN, headers: { Authorization: "Bearer a.b.c", authorization: "Bearer d.e.f" } }, "more than one Authorization header"],
        ["a Basic header", { type: "TOKEN", methodArn: ARN, authorizationToken: "Basic dXNlcjpwYXNz" }, "no bearer token"],
        ["a token of 20 000 characters", { type: "TOKEN", methodArn: ARN, authorizationToken: `Bearer ${"a".repeat(10_000)}.${"b".repeat(10_000)}.c` }, "no bearer token"],
    ];
    for (const [what, event, reason] of malformed) {
        it(`throws Unauthorized for ${what}`, async () => {
            await assert.rejects(authorize(event), /^Error: Unauthorized$/);
            assert.deepEqual(rejected, [reason]);
        });
    }

    it("passes groups on as JSON, so a group name with a comma stays one name", async () => {
        const result = await call(key.sign(accessClaims({ "cognito:groups": ["members", "admins,ops"] })));
        assert.equal(result.context?.groups, '["members","admins,ops"]');
        assert.equal(decide(result, `${STAGE}GET/admin/users`), "Deny");
    });

    it("rejects invalid options with every problem named", () => {
        assert.throws(() => createAuthorizer({ userPoolId: "pool", clientIds: [], routes: { "GET admin": { groups: ["a"] } } }), (e: Error) => {
            assert.match(e.message, /userPoolId must look like "<region>_<id>" \(received: "pool"\)/);
            assert.match(e.message, /clientIds must be one or more app client ids \(received: \[\]\)/);
            assert.match(e.message, /route "GET admin" must look like "GET \/items\/\{id\}"/);
            return true;
        });
        assert.throws(() => createAuthorizer({ userPoolId: "pool", clientIds: ["bad id"] }), {
            message: [
                "Invalid authorizer options:",
                '- userPoolId must look like "<region>_<id>" (received: "pool"); pass the user pool\'s id',
                '- clientIds must be one or more app client ids (received: ["bad id"]); pass the ids of the app clients calling the API',
            ].join("\n"),
        });
    });
});

describe("lambdas/authorizer, more edges", () => {
    const key = testSigningKey();
    const claims = () => ({
        sub: "user-sub-1", iss: `https://cognito-idp.eu-west-1.amazonaws.com/${POOL}`, client_id: CLIENT, token_use: "access", scope: "openid",
        username: "alice", iat: now() - 10, auth_time: now() - 10, exp: now() + 600, jti: "j1",
    });

    it("refuses client ids that are not app client ids, one bad id among good ones included", () => {
        for (const ids of [["client1abc", "bad id"], ["bad-id"], ["c".repeat(129)]]) {
            assert.throws(() => createAuthorizer({ userPoolId: POOL, clientIds: ids }), /clientIds must be one or more app client ids/, JSON.stringify(ids));
        }
        createAuthorizer({ userPoolId: POOL, clientIds: ["c".repeat(128), "a+b_c"], jwks: key.jwks });
    });

    it("works without required groups, route rules or a rejection callback", async () => {
        const a = createAuthorizer({ userPoolId: POOL, clientIds: [CLIENT], jwks: key.jwks });
        const result = await a({ type: "TOKEN", methodArn: ARN, authorizationToken: `Bearer ${key.sign(claims())}` });
        assert.deepEqual(result.policyDocument.Statement, [{ Effect: "Allow", Action: "execute-api:Invoke", Resource: [`${STAGE}*/*`] }]);
        await assert.rejects(a({ type: "TOKEN", methodArn: ARN }), /^Error: Unauthorized$/);
        const empty = createAuthorizer({ userPoolId: POOL, clientIds: [CLIENT], requiredGroups: [], jwks: key.jwks });
        assert.equal(decide(await empty({ type: "TOKEN", methodArn: ARN, authorizationToken: key.sign(claims()) }), ARN), "Allow");
    });

    it("reads the bearer token strictly: padding trimmed, several spaces after Bearer, nothing before or after", async () => {
        const rejected: string[] = [];
        const a = createAuthorizer({ userPoolId: POOL, clientIds: [CLIENT], jwks: key.jwks, onReject: (r) => rejected.push(r) });
        const token = key.sign(claims());
        for (const raw of [`  Bearer ${token}  `, `Bearer   ${token}`, `bearer ${token}`, token]) {
            assert.equal((await a({ type: "TOKEN", methodArn: ARN, authorizationToken: raw })).principalId, "user-sub-1", raw.slice(0, 12));
        }
        for (const raw of [`xBearer ${token}`, `Bearer ${token} x`, `Bearer ${token}.x`, `Bearer\t${token}`, `Token ${token}`]) {
            await assert.rejects(a({ type: "TOKEN", methodArn: ARN, authorizationToken: raw }), /^Error: Unauthorized$/);
        }
        assert.deepEqual(rejected, ["no bearer token", "no bearer token", "no bearer token", "no bearer token", "no bearer token"]);
    });

    it("reads a token of 16 KiB and refuses a longer one before verifying it", async () => {
        const rejected: string[] = [];
        const a = createAuthorizer({ userPoolId: POOL, clientIds: [CLIENT], jwks: key.jwks, onReject: (r) => rejected.push(r) });
        const forged = (n: number) => `${"a".repeat(n - 4)}.b.c`;
        await assert.rejects(a({ type: "TOKEN", methodArn: ARN, authorizationToken: forged(16 * 1024) }), /^Error: Unauthorized$/);
        await assert.rejects(a({ type: "TOKEN", methodArn: ARN, authorizationToken: forged(16 * 1024 + 1) }), /^Error: Unauthorized$/);
        assert.notEqual(rejected[0], "no bearer token", "the 16 KiB token reached the verifier");
        assert.equal(rejected[1], "no bearer token");
    });
});

describe("lambdas/authorizer/config", () => {
    it("reads a JWKS and leaves optional variables unset", () => {
        const jwks = { keys: [{ kty: "RSA", kid: "k1", n: "x", e: "AQAB" }] };
        assert.deepEqual(parseAuthorizerConfig({ USER_POOL_ID: POOL, APP_CLIENT_IDS: "a1", JWKS: JSON.stringify(jwks) }), { userPoolId: POOL, clientIds: ["a1"], requiredGroups: [], routes: undefined, jwks });
    });

    it("names each variable's rule and fix", () => {
        const message = (env: Record<string, string>) => {
            try {
                parseAuthorizerConfig({ USER_POOL_ID: POOL, APP_CLIENT_IDS: "a1", ...env });
                return "";
            } catch (e) {
                return (e as Error).message;
            }
        };
        assert.equal(message({ USER_POOL_ID: "pool" }), 'Invalid configuration of the authorizer function:\n- USER_POOL_ID must be a user pool id like "eu-west-1_AbCdEf123" (received: "pool"); set it to the id of the user pool that issues the tokens');
        assert.equal(message({ REQUIRED_GROUPS: "admins,a b" }), 'Invalid configuration of the authorizer function:\n- REQUIRED_GROUPS must be a comma-separated list of group names; invalid: a b (received: "admins,a b"); set it like "admins,operators", or leave it empty to admit any signed-in user');
        assert.equal(message({ APP_CLIENT_IDS: "a1,b-2" }), 'Invalid configuration of the authorizer function:\n- APP_CLIENT_IDS must be a comma-separated list of app client ids; invalid: b-2 (received: "a1,b-2"); set it to the ids of the app clients that call the API');
        assert.equal(message({ ROUTE_REQUIREMENTS: '{"GET /a":{}}' }), 'Invalid configuration of the authorizer function:\n- ROUTE_REQUIREMENTS must be an object of "METHOD /path" to {"groups": [...], "scopes": [...]}; route "GET /a" needs { "groups": [...] } and/or { "scopes": [...] } with valid names (received: "{\\"GET /a\\":{}}"); fix the JSON or leave it empty');
        assert.equal(message({ ROUTE_REQUIREMENTS: '{"GET /a":{},"PUT /b":{}}' }), 'Invalid configuration of the authorizer function:\n- ROUTE_REQUIREMENTS must be an object of "METHOD /path" to {"groups": [...], "scopes": [...]}; route "GET /a" needs { "groups": [...] } and/or { "scopes": [...] } with valid names; route "PUT /b" needs { "groups": [...] } and/or { "scopes": [...] } with valid names (received: "{\\"GET /a\\":{},\\"PUT /b\\":{}}"); fix the JSON or leave it empty');
        assert.equal(message({ APP_CLIENT_IDS: undefined as unknown as string }), "Invalid configuration of the authorizer function:\n- APP_CLIENT_IDS is required (received: not set); set it to the ids of the app clients that call the API");
        assert.equal(message({ APP_CLIENT_IDS: " , " }), 'Invalid configuration of the authorizer function:\n- APP_CLIENT_IDS must name at least one item (received: ","); set it to the ids of the app clients that call the API');
        for (const jwks of ['{"keys":[]}', '{"keys":[1]}', '{"keys":[{"kty":"RSA"},1]}', '{"keys":{}}', "[]"]) {
            assert.equal(message({ JWKS: jwks }), `Invalid configuration of the authorizer function:\n- JWKS must be a JWKS object like {"keys":[...]}; it has no "keys" array of keys (received: ${JSON.stringify(jwks)}); set it to the pool's /.well-known/jwks.json content, or leave it empty to fetch that at init`);
        }
        assert.deepEqual(parseAuthorizerConfig({ USER_POOL_ID: POOL, APP_CLIENT_IDS: "a1", ROUTE_REQUIREMENTS: '{"GET /a":{"groups":["admins"]}}' }).routes, { "GET /a": { groups: ["admins"] } });
    });

    it("reads the pool, clients, groups and route rules", () => {
        assert.deepEqual(parseAuthorizerConfig({
            USER_POOL_ID: POOL, APP_CLIENT_IDS: "a1, b2", REQUIRED_GROUPS: "members",
            ROUTE_REQUIREMENTS: '{"DELETE /items/{id}":{"groups":["admins"]}}',
        }), { userPoolId: POOL, clientIds: ["a1", "b2"], requiredGroups: ["members"], routes: { "DELETE /items/{id}": { groups: ["admins"] } }, jwks: undefined });
    });

    it("names each invalid variable, its rule, the value and the fix", () => {
        assert.throws(() => parseAuthorizerConfig({ APP_CLIENT_IDS: "ok1,bad id", ROUTE_REQUIREMENTS: "{" }), (e: Error) => {
            assert.match(e.message, /^Invalid configuration of the authorizer function:/);
            assert.match(e.message, /USER_POOL_ID is required \(received: not set\); set it to the id of the user pool/);
            assert.match(e.message, /APP_CLIENT_IDS must be a comma-separated list of app client ids; invalid: bad id \(received: "ok1,bad id"\)/);
            assert.match(e.message, /ROUTE_REQUIREMENTS must be valid JSON/);
            return true;
        });
        assert.throws(() => parseAuthorizerConfig({ USER_POOL_ID: POOL, APP_CLIENT_IDS: "a1", JWKS: '{"keys":[]}', ROUTE_REQUIREMENTS: '{"DELETE /items/{id":{"groups":["a"]}}' }), (e: Error) => {
            assert.match(e.message, /JWKS must be a JWKS object like \{"keys":\[\.\.\.\]\}; it has no "keys" array of keys \(received: "\{\\"keys\\":\[\]\}"\)/);
            assert.match(e.message, /ROUTE_REQUIREMENTS must be an object of "METHOD \/path" .*; route "DELETE \/items\/\{id" must look like/);
            return true;
        });
    });
});
