import * as assert from "node:assert/strict";
import { callerFromClaims } from "../../../lambdas/authorizer/claims";

const base = { sub: "sub-1", exp: 2_000_000_000, username: "ann", client_id: "client1" };

describe("lambdas/authorizer/claims", () => {
    it("reads the caller from the claims, with no groups or scopes when absent", () => {
        assert.deepEqual(callerFromClaims(base), { kind: "user", sub: "sub-1", username: "ann", clientId: "client1", groups: [], scopes: [] });
    });

    it("splits the scope on spaces, dropping empty parts, and keeps the groups in order", () => {
        assert.deepEqual(callerFromClaims({ ...base, scope: "  openid  api/read ", "cognito:groups": ["members", "admins"] }), {
            kind: "user", sub: "sub-1", username: "ann", clientId: "client1", groups: ["members", "admins"], scopes: ["openid", "api/read"],
        });
        assert.deepEqual(callerFromClaims({ ...base, scope: "" }), { kind: "user", sub: "sub-1", username: "ann", clientId: "client1", groups: [], scopes: [] });
    });

    it("accepts identifiers of 128 characters and not 129, and no spaces in them", () => {
        assert.equal((callerFromClaims({ ...base, sub: "s".repeat(128) }) as { sub: string }).sub, "s".repeat(128));
        assert.equal(callerFromClaims({ ...base, sub: "s".repeat(129) }), "invalid claims: sub must be a non-empty string");
        assert.equal(callerFromClaims({ ...base, sub: "a b" }), "invalid claims: sub must be a non-empty string");
        assert.equal(callerFromClaims({ ...base, username: "u".repeat(129) }), "invalid claims: username must be a non-empty string");
        assert.equal(callerFromClaims({ ...base, username: "ann lee" }), "invalid claims: username must be a non-empty string");
        assert.equal(callerFromClaims({ ...base, username: "" }), "invalid claims: username must be a non-empty string");
    });

    const refused: [string, unknown, string][] = [
        ["no payload", undefined, "invalid claims: sub must be a non-empty string"],
        ["an array", [base], "invalid claims: sub must be a non-empty string"],
        ["an infinite exp", { ...base, exp: Infinity }, "invalid claims: exp must be a number"],
        ["a NaN exp", { ...base, exp: NaN }, "invalid claims: exp must be a number"],
        ["a string iat", { ...base, iat: "1" }, "invalid claims: iat must be a number"],
        ["an infinite auth_time", { ...base, auth_time: Infinity }, "invalid claims: auth_time must be a number"],
        ["a string nbf", { ...base, nbf: "1" }, "invalid claims: nbf must be a number"],
        ["a null nbf", { ...base, nbf: null }, "invalid claims: nbf must be a number"],
        ["no client_id", { ...base, client_id: undefined }, "invalid claims: client_id must be a string"],
        ["a numeric client_id", { ...base, client_id: 7 }, "invalid claims: client_id must be a string"],
        ["a groups string", { ...base, "cognito:groups": "admins" }, "invalid claims: cognito:groups must be an array of group names"],
        ["a scope list", { ...base, scope: ["openid"] }, "invalid claims: scope must be a space-separated string of scopes"],
        ["a scope with a quote", { ...base, scope: 'openid api/"x' }, "invalid claims: scope must be a space-separated string of scopes"],
        ["a scope with a tab", { ...base, scope: "openid\tapi/read" }, "invalid claims: scope must be a space-separated string of scopes"],
    ];
    for (const [what, payload, reason] of refused) {
        it(`refuses ${what}`, () => assert.equal(callerFromClaims(payload), reason));
    }

    it("reads claims as own properties only", () => {
        const inherited = Object.assign(Object.create({ sub: "sub-1" }) as object, { exp: 2_000_000_000, username: "ann", client_id: "client1" });
        assert.equal(callerFromClaims(inherited), "invalid claims: sub must be a non-empty string");
    });
});
