import * as assert from "node:assert/strict";
import { callerOf, machineOf } from "../../../lambdas/api/caller";
import { HttpError } from "../../../lambdas/api/http";

const refused = (requestContext: unknown) => assert.throws(() => callerOf(requestContext),
    (e: unknown) => e instanceof HttpError && e.statusCode === 401 && e.message === "The request carries no authenticated caller.");

describe("lambdas/api/caller", () => {
    it("reads a Lambda authorizer's context: scalars as text, the encoded groups, the scopes, a user by default", () => {
        const authorizer = { sub: "sub-1", username: "ann", n: 5, b: false, nested: { a: 1 }, list: ["x"], nothing: null, groups: '["members","admins"]', scopes: "api/a  api/b" };
        assert.deepEqual(callerOf({ authorizer }), {
            sub: "sub-1",
            claims: { sub: "sub-1", username: "ann", n: "5", b: "false", groups: '["members","admins"]', scopes: "api/a  api/b" },
            groups: ["members", "admins"],
            kind: "user",
            scopes: ["api/a", "api/b"],
        });
    });

    it("takes the Lambda authorizer's word on the caller's kind, and refuses a kind it does not know", () => {
        assert.equal(callerOf({ authorizer: { sub: "svc", callerKind: "machine" } }).kind, "machine");
        assert.equal(callerOf({ authorizer: { sub: "ann", callerKind: "user" } }).kind, "user");
        refused({ authorizer: { sub: "ann", callerKind: "admin" } });
    });

    it("reads a Cognito authorizer's claims: never groups, the scope claim, a user by either username claim", () => {
        const claims = { sub: "sub-1", "cognito:username": "ann", client_id: "web", token_use: "access", scope: "openid api/a", "cognito:groups": "admins" };
        assert.deepEqual(callerOf({ authorizer: { claims } }), { sub: "sub-1", claims, groups: [], kind: "user", scopes: ["openid", "api/a"] });
        assert.deepEqual(callerOf({ authorizer: { claims: { sub: "sub-1", username: "ann" } } }).scopes, []);
    });

    it("refuses a caller without a sub, or with an empty one", () => {
        refused({ authorizer: { sub: "" } });
        refused({ authorizer: { claims: { sub: "", username: "ann" } } });
        refused({ authorizer: { username: "ann" } });
    });

    it("admits a machine token holding one of the route's scopes among others", () => {
        const claims = { sub: "svc1", client_id: "svc1", token_use: "access", scope: "other/read api/service" };
        assert.equal(machineOf({ authorizer: { claims } }, ["api/service"]).sub, "svc1");
        assert.throws(() => machineOf({ authorizer: { claims } }, ["api/admin"]), (e: unknown) => e instanceof HttpError && e.statusCode === 403 && e.message === "The machine client's token lacks the scope of this route.");
    });

    it("reads groups it cannot decode as none", () => {
        assert.deepEqual(callerOf({ authorizer: { sub: "s", groups: "admins" } }).groups, []);
        assert.deepEqual(callerOf({ authorizer: { sub: "s" } }).groups, []);
    });
});
