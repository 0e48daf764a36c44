import * as assert from "node:assert/strict";
import { parsePreTokenGenerationConfig } from "../../../lambdas/preTokenGeneration/config";

const HEAD = "Invalid configuration of the preTokenGeneration function:\n- ";
function message(env: Record<string, string>): string {
    try {
        parsePreTokenGenerationConfig(env);
        return "";
    } catch (e) {
        return (e as Error).message;
    }
}
const CLAIM_RULE = "a claim name (letters, digits, _ : . -)";

describe("lambdas/preTokenGeneration/config", () => {
    it("defaults", () => {
        assert.deepEqual(parsePreTokenGenerationConfig({}), {
            tenantAttribute: "custom:tenant_id", tenantClaim: "tenant_id", rolesClaim: "roles", suppressedClaims: [], accessTokenScopes: [], scopesByGroup: new Map(),
        });
    });

    it("reads every variable", () => {
        assert.deepEqual(parsePreTokenGenerationConfig({
            TENANT_ATTRIBUTE: "custom:org-id", TENANT_CLAIM: "org", ROLES_CLAIM: "app:roles", SUPPRESSED_CLAIMS: "phone_number, address",
            ACCESS_TOKEN_SCOPES: "api/read,api/write", SCOPES_BY_GROUP: '{"admins":["api/admin"],"ops":[]}',
        }), {
            tenantAttribute: "custom:org-id", tenantClaim: "org", rolesClaim: "app:roles", suppressedClaims: ["phone_number", "address"],
            accessTokenScopes: ["api/read", "api/write"], scopesByGroup: new Map([["admins", ["api/admin"]], ["ops", []]]),
        });
    });

    const bad: [Record<string, string>, string][] = [
        [{ TENANT_ATTRIBUTE: "tenant_id" }, 'TENANT_ATTRIBUTE must be a custom attribute name like custom:tenant_id (received: "tenant_id"); set it to the custom attribute holding the tenant'],
        [{ TENANT_ATTRIBUTE: `custom:${"a".repeat(21)}` }, `TENANT_ATTRIBUTE must be a custom attribute name like custom:tenant_id (received: "custom:${"a".repeat(21)}"); set it to the custom attribute holding the tenant`],
        [{ TENANT_ATTRIBUTE: "dev:custom:tenant_id" }, 'TENANT_ATTRIBUTE must be a custom attribute name like custom:tenant_id (received: "dev:custom:tenant_id"); set it to the custom attribute holding the tenant'],
        [{ TENANT_CLAIM: "a b" }, `TENANT_CLAIM must be ${CLAIM_RULE} (received: "a b"); set it like "tenant_id"`],
        [{ ROLES_CLAIM: "r".repeat(129) }, `ROLES_CLAIM must be ${CLAIM_RULE} (received: "${"r".repeat(129)}"); set it like "roles"`],
        [{ SUPPRESSED_CLAIMS: "phone_number,a b" }, 'SUPPRESSED_CLAIMS must be a comma-separated list of claim names; invalid: a b (received: "phone_number,a b"); set it like "phone_number,address"'],
        [{ ACCESS_TOKEN_SCOPES: 'api/read,a"b' }, 'ACCESS_TOKEN_SCOPES must be a comma-separated list of OAuth scopes; invalid: a"b (received: "api/read,a\\"b"); set it like "api/read,api/write"'],
        [{ TENANT_CLAIM: "sub" }, 'TENANT_CLAIM must not be a claim Cognito reserves (received: "sub"); choose another claim name'],
        [{ ROLES_CLAIM: "cognito:groups" }, 'ROLES_CLAIM must not be a claim Cognito reserves (received: "cognito:groups"); choose another claim name'],
        [{ SUPPRESSED_CLAIMS: "phone_number,sub,exp" }, 'SUPPRESSED_CLAIMS must not name claims Cognito reserves (sub, exp) (received: "phone_number,sub,exp"); remove them from the list'],
        [{ SCOPES_BY_GROUP: "[]" }, 'SCOPES_BY_GROUP must be a JSON object of group name to scope array, like {"admins":["api/admin"]}; the value is not a JSON object (received: "[]"); fix the JSON or leave it empty'],
        [{ SCOPES_BY_GROUP: '{"a b":["api/x"]}' }, 'SCOPES_BY_GROUP must be a JSON object of group name to scope array, like {"admins":["api/admin"]}; "a b" is not a group name (received: "{\\"a b\\":[\\"api/x\\"]}"); fix the JSON or leave it empty'],
        [{ SCOPES_BY_GROUP: '{"admins":"api/x"}' }, 'SCOPES_BY_GROUP must be a JSON object of group name to scope array, like {"admins":["api/admin"]}; the scopes of "admins" are not an array of scope strings (received: "{\\"admins\\":\\"api/x\\"}"); fix the JSON or leave it empty'],
        [{ SCOPES_BY_GROUP: '{"admins":["api/x",1]}' }, 'SCOPES_BY_GROUP must be a JSON object of group name to scope array, like {"admins":["api/admin"]}; the scopes of "admins" are not an array of scope strings (received: "{\\"admins\\":[\\"api/x\\",1]}"); fix the JSON or leave it empty'],
        [{ SCOPES_BY_GROUP: '{"admins":["a b"]}' }, 'SCOPES_BY_GROUP must be a JSON object of group name to scope array, like {"admins":["api/admin"]}; the scopes of "admins" are not an array of scope strings (received: "{\\"admins\\":[\\"a b\\"]}"); fix the JSON or leave it empty'],
    ];
    for (const [env, problem] of bad) {
        it(`refuses ${JSON.stringify(env).slice(0, 70)}`, () => assert.equal(message(env), `${HEAD}${problem}`));
    }

    it("reads group names of SCOPES_BY_GROUP as data: __proto__ is a group like any other", () => {
        assert.deepEqual([...parsePreTokenGenerationConfig({ SCOPES_BY_GROUP: '{"__proto__":["api/x"],"constructor":["api/y"]}' }).scopesByGroup], [["__proto__", ["api/x"]], ["constructor", ["api/y"]]]);
    });
});
