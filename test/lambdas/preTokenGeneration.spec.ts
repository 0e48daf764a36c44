import * as assert from "node:assert/strict";
import type { PreTokenGenerationV2TriggerEvent } from "aws-lambda";
import { parsePreTokenGenerationConfig } from "../../lambdas/preTokenGeneration/config";
import { createPreTokenGenerationHandler } from "../../lambdas/preTokenGeneration/preTokenGeneration";
import { recordingLogger, silentLogger } from "./helpers";

const event = (groups: string[], attrs: Record<string, string>): PreTokenGenerationV2TriggerEvent => ({
    version: "2", region: "eu-west-1", userPoolId: "eu-west-1_Pool1", userName: "sub-1", triggerSource: "TokenGeneration_Authentication",
    callerContext: { awsSdkVersion: "aws-sdk-unknown-unknown", clientId: "client1" },
    request: { userAttributes: { sub: "sub-1", ...attrs }, groupConfiguration: { groupsToOverride: groups }, scopes: ["openid", "api/read"] },
    response: { claimsAndScopeOverrideDetails: {} },
});

/** The event as Cognito sends it: JSON, where `__proto__` is an ordinary key. */
const asJson = (e: unknown) => JSON.parse(JSON.stringify(e)) as PreTokenGenerationV2TriggerEvent;

describe("lambdas/preTokenGeneration", () => {
    const handlerWith = (env: Record<string, string>) => createPreTokenGenerationHandler({ config: parsePreTokenGenerationConfig(env), logger: silentLogger() });
    const handler = handlerWith({ SUPPRESSED_CLAIMS: "phone_number,roles", ACCESS_TOKEN_SCOPES: "api/read,api/profile", SCOPES_BY_GROUP: '{"admins":["api/admin"]}' });

    it("adds tenant and roles, suppresses claims and adds scopes to the access token", async () => {
        const out = await handler(event(["members", "admins"], { "custom:tenant_id": "t-1", phone_number: "+1" }));
        const claims = { tenant_id: "t-1", roles: "members admins" };
        assert.deepEqual(out.response.claimsAndScopeOverrideDetails, {
            idTokenGeneration: { claimsToAddOrOverride: claims, claimsToSuppress: ["phone_number"] },
            accessTokenGeneration: { claimsToAddOrOverride: claims, claimsToSuppress: ["phone_number"], scopesToAdd: ["api/profile", "api/admin"] },
        });
    });

    it("adds no tenant or roles claim the user has no data for", async () => {
        const out = await handler(event([], {}));
        assert.deepEqual(out.response.claimsAndScopeOverrideDetails.idTokenGeneration, { claimsToAddOrOverride: {}, claimsToSuppress: ["phone_number", "roles"] });
    });

    for (const group of ["toString", "constructor", "__proto__", "hasOwnProperty", "valueOf"]) {
        it(`issues tokens to a member of a group named ${group}, with no scopes from built-ins`, async () => {
            const out = await handler(asJson(event(["members", group], { "custom:tenant_id": "t-1" })));
            assert.deepEqual(out.response.claimsAndScopeOverrideDetails.accessTokenGeneration, {
                claimsToAddOrOverride: { tenant_id: "t-1", roles: `members ${group}` },
                claimsToSuppress: ["phone_number"],
                scopesToAdd: ["api/profile"],
            });
        });
    }

    it("keeps a __proto__ entry of SCOPES_BY_GROUP as that group's scopes, touching no other group", async () => {
        const h = handlerWith({ SCOPES_BY_GROUP: '{"__proto__":["api/admin"],"members":["api/read"]}' });
        const member = await h(asJson(event(["members"], {})));
        assert.deepEqual(member.response.claimsAndScopeOverrideDetails.accessTokenGeneration?.scopesToAdd, []);
        const editors = await h(asJson(event(["editors"], {})));
        assert.deepEqual(editors.response.claimsAndScopeOverrideDetails.accessTokenGeneration?.scopesToAdd, []);
        const proto = await h(asJson(event(["__proto__"], {})));
        assert.deepEqual(proto.response.claimsAndScopeOverrideDetails.accessTokenGeneration?.scopesToAdd, ["api/admin"]);
    });

    it("suppresses claims named like built-ins (toString, constructor)", async () => {
        const out = await handlerWith({ SUPPRESSED_CLAIMS: "toString,constructor,roles" })(event(["members"], {}));
        assert.deepEqual(out.response.claimsAndScopeOverrideDetails.idTokenGeneration?.claimsToSuppress, ["toString", "constructor"]);
    });

    it("never reads the tenant through a __proto__ attribute: an object there is a malformed event", async () => {
        const base = event([], {});
        const attrs = JSON.parse('{"sub":"s","__proto__":{"custom:tenant_id":"acme-staff"}}') as Record<string, string>;
        await assert.rejects(handler({ ...base, request: { ...base.request, userAttributes: attrs } }),
            /^MalformedEventError: Malformed event: request\.userAttributes\["__proto__"\] must be a string \(received: an object\)$/);
        const plain = await handler(asJson({ ...base, request: { ...base.request, userAttributes: JSON.parse('{"sub":"s","__proto__":"acme-staff"}') as Record<string, string> } }));
        assert.deepEqual(plain.response.claimsAndScopeOverrideDetails.idTokenGeneration?.claimsToAddOrOverride, {});
    });

    const malformed: [string, unknown, RegExp][] = [
        ["no event", "x", /^MalformedEventError: Malformed event: the event must be an object \(received: a string\)$/],
        ["groups as a string", { ...event([], {}), request: { ...event([], {}).request, groupConfiguration: { groupsToOverride: "admins" } } }, /request\.groupConfiguration\.groupsToOverride must be an array of strings \(received: a string\)/],
        ["a numeric group", { ...event([], {}), request: { ...event([], {}).request, groupConfiguration: { groupsToOverride: [1] } } }, /groupsToOverride must be an array of strings \(received: an array\)/],
        ["scopes as an object", { ...event([], {}), request: { ...event([], {}).request, scopes: {} } }, /request\.scopes must be an array of strings \(received: an object\)/],
    ];
    for (const [what, input, message] of malformed) {
        it(`rejects a malformed event: ${what}`, async () => {
            await assert.rejects(handler(input), message);
        });
    }

    it("handles version 3's user events as version 2's", async () => {
        const out = await handler({ ...event(["admins"], { "custom:tenant_id": "t-1" }), version: "3" });
        assert.deepEqual(out.response.claimsAndScopeOverrideDetails.accessTokenGeneration?.scopesToAdd, ["api/profile", "api/admin"]);
    });

    it("leaves a machine client's token (version 3, client credentials, no user) as Cognito issues it", async () => {
        const m2m = {
            version: "3", region: "eu-west-1", userPoolId: "eu-west-1_Pool1", triggerSource: "TokenGeneration_ClientCredentials",
            callerContext: { awsSdkVersion: "aws-sdk-unknown-unknown", clientId: "machine1" },
            request: { userAttributes: {}, scopes: ["api/read"], groupConfiguration: null },
            response: { claimsAndScopeOverrideDetails: null },
        };
        const out: unknown = await handler(m2m);
        assert.equal(out, m2m);
        assert.equal(m2m.response.claimsAndScopeOverrideDetails, null);
        // The same event as a user's is malformed: it names no user.
        await assert.rejects(handler({ ...m2m, triggerSource: "TokenGeneration_Authentication" }), /userName must be a string/);
    });

    it("reads a null group configuration, or one without groupsToOverride, as no groups", async () => {
        for (const groupConfiguration of [null, {}, { groupsToOverride: null }]) {
            const out = await handler({ ...event([], { "custom:tenant_id": "t-1" }), request: { ...event([], {}).request, userAttributes: { sub: "sub-1", "custom:tenant_id": "t-1" }, groupConfiguration } });
            assert.deepEqual(out.response.claimsAndScopeOverrideDetails.idTokenGeneration?.claimsToAddOrOverride, { tenant_id: "t-1" }, JSON.stringify(groupConfiguration));
        }
    });

    describe("what it logs", () => {
        const recorded = () => {
            const { logger, lines } = recordingLogger();
            return { lines, h: createPreTokenGenerationHandler({ config: parsePreTokenGenerationConfig({}), logger }) };
        };

        it("warns, naming the user and the attribute, when a user has no tenant or an empty one", async () => {
            const { h, lines } = recorded();
            await h(event(["members"], {}));
            await h(event(["members"], { "custom:tenant_id": "" }));
            const warning = { level: "warn", message: "user has no tenant attribute; token carries no tenant claim", extra: [{ userName: "sub-1", attribute: "custom:tenant_id" }] };
            assert.deepEqual(lines, [warning, warning]);
        });

        it("logs nothing for a user with a tenant", async () => {
            const { h, lines } = recorded();
            await h(event(["members"], { "custom:tenant_id": "t-1" }));
            assert.deepEqual(lines, []);
        });

        it("logs the client of a client credentials token it leaves alone", async () => {
            const { h, lines } = recorded();
            await h({ version: "3", triggerSource: "TokenGeneration_ClientCredentials", callerContext: { clientId: "machine1" }, request: {}, response: {} });
            assert.deepEqual(lines, [{ level: "info", message: "client credentials token left unchanged", extra: [{ clientId: "machine1" }] }]);
        });
    });

    const named: [string, unknown, string][] = [
        ["no user name", { ...event([], {}), userName: 5 }, "userName must be a string (received: a number)"],
        ["no request", { ...event([], {}), request: "x" }, "request must be an object (received: a string)"],
        ["no response", { ...event([], {}), response: null }, "response must be an object (received: null)"],
        ["no attributes", { ...event([], {}), request: { ...event([], {}).request, userAttributes: [] } }, "request.userAttributes must be an object (received: an array)"],
        ["a group configuration that is not an object", { ...event([], {}), request: { ...event([], {}).request, groupConfiguration: "admins" } }, "request.groupConfiguration must be an object (received: a string)"],
    ];
    for (const [what, input, message] of named) {
        it(`names the field of a malformed event: ${what}`, async () => {
            await assert.rejects(handler(input), (e: Error) => e.name === "MalformedEventError" && e.message === `Malformed event: ${message}`);
        });
    }

    it("reads an event without group configuration as no groups", async () => {
        const { groupConfiguration: _, ...request } = event([], {}).request;
        const out = await handler({ ...event([], {}), request });
        assert.deepEqual(out.response.claimsAndScopeOverrideDetails.idTokenGeneration?.claimsToAddOrOverride, {});
    });

    it("refuses to touch claims Cognito reserves and invalid scope maps", () => {
        assert.throws(() => parsePreTokenGenerationConfig({ SUPPRESSED_CLAIMS: "sub,email", TENANT_CLAIM: "iss", SCOPES_BY_GROUP: '{"admins":"api/admin"}' }), (e: Error) => {
            assert.match(e.message, /SUPPRESSED_CLAIMS must not name claims Cognito reserves \(sub\) \(received: "sub,email"\); remove them from the list/);
            assert.match(e.message, /TENANT_CLAIM must not be a claim Cognito reserves \(received: "iss"\)/);
            assert.match(e.message, /SCOPES_BY_GROUP must be a JSON object .*; the scopes of "admins" are not an array of scope strings/);
            return true;
        });
    });
});
