import * as assert from "node:assert/strict";
import { parsePreAuthenticationConfig } from "../../lambdas/preAuthentication/config";
import { createPreAuthenticationHandler, SignInRefusedError } from "../../lambdas/preAuthentication/preAuthentication";
import { ConfigError } from "../../lambdas/shared/env";
import { recordingLogger, silentLogger } from "./helpers";

const event = (attrs: Record<string, unknown> = {}) => ({
    version: "1", region: "eu-west-1", userPoolId: "eu-west-1_Pool1", userName: "sub-1", triggerSource: "PreAuthentication_Authentication",
    callerContext: { awsSdkVersion: "aws-sdk-unknown-unknown", clientId: "client1" },
    request: { userAttributes: { sub: "sub-1", email: "ann@example.com", ...attrs }, validationData: {} },
    response: {},
});

describe("lambdas/preAuthentication", () => {
    const handler = createPreAuthenticationHandler({
        config: parsePreAuthenticationConfig({ SUSPENDED_TENANTS: "acme, globex", SUSPENDED_ATTRIBUTE: "custom:suspended" }),
        logger: silentLogger(),
    });

    it("lets users of other tenants, and users without a tenant, sign in", async () => {
        for (const attrs of [{ "custom:tenant_id": "initech" }, {}, { "custom:tenant_id": "ACME" }, { "custom:suspended": "false" }]) {
            const input = event(attrs);
            assert.equal(await handler(input), input);
        }
    });

    it("refuses users of a suspended tenant, with a message that gives nothing away", async () => {
        await assert.rejects(handler(event({ "custom:tenant_id": "acme" })), (e: unknown) => {
            assert.ok(e instanceof SignInRefusedError);
            assert.equal(e.message, "Sign-in is not available for this account; contact your administrator.");
            assert.equal(e.name, "SignInRefusedError");
            return true;
        });
        await assert.rejects(handler(event({ "custom:tenant_id": " globex " })), SignInRefusedError);
    });

    it("logs each refusal with the user and the reason, which the user is not told", async () => {
        const { logger, lines } = recordingLogger();
        const h = createPreAuthenticationHandler({ config: parsePreAuthenticationConfig({ SUSPENDED_TENANTS: "acme", SUSPENDED_ATTRIBUTE: "custom:suspended" }), logger });
        await assert.rejects(h(event({ "custom:tenant_id": "acme" })), SignInRefusedError);
        await assert.rejects(h(event({ "custom:tenant_id": "initech", "custom:suspended": "true" })), SignInRefusedError);
        await h(event({ "custom:tenant_id": "initech" }));
        assert.deepEqual(lines, [
            { level: "warn", message: "sign-in refused", extra: [{ userName: "sub-1", reason: "tenant suspended" }] },
            { level: "warn", message: "sign-in refused", extra: [{ userName: "sub-1", reason: "user suspended" }] },
        ]);
    });

    it("refuses users whose suspension attribute is true", async () => {
        await assert.rejects(handler(event({ "custom:suspended": "true" })), SignInRefusedError);
        await assert.rejects(handler(event({ "custom:suspended": "TRUE" })), SignInRefusedError);
    });

    it("takes tenants and attributes named like built-in properties as data", async () => {
        const h = createPreAuthenticationHandler({ config: parsePreAuthenticationConfig({ SUSPENDED_TENANTS: "constructor" }), logger: silentLogger() });
        await assert.rejects(h(event({ "custom:tenant_id": "constructor" })), SignInRefusedError);
        const input = event({ "custom:tenant_id": "toString" });
        assert.equal(await h(input), input);
        // An attribute named __proto__ is an attribute, not the tenant.
        const proto = event(JSON.parse('{"__proto__": "constructor"}') as Record<string, unknown>);
        assert.equal(await h(proto), proto);
    });

    const malformed: [string, unknown, RegExp][] = [
        ["no event", undefined, /the event must be an object \(received: nothing\)/],
        ["no userName", { ...event(), userName: 7 }, /userName must be a string/],
        ["no request", { ...event(), request: [] }, /request must be an object \(received: an array\)/],
        ["a tenant that is not a string", event({ "custom:tenant_id": ["acme"] }), /request.userAttributes\["custom:tenant_id"\] must be a string/],
    ];
    for (const [what, input, message] of malformed) {
        it(`rejects ${what}`, async () => {
            await assert.rejects(handler(input), message);
        });
    }

    it("refuses a bad configuration at init, naming each variable, its rule, its value and the fix", () => {
        assert.throws(() => parsePreAuthenticationConfig({ TENANT_ATTRIBUTE: "tenant", SUSPENDED_TENANTS: "a b", SUSPENDED_ATTRIBUTE: "suspended" }), (e: unknown) => {
            assert.ok(e instanceof ConfigError);
            assert.equal(e.message, [
                "Invalid configuration of the preAuthentication function:",
                '- TENANT_ATTRIBUTE must be a custom attribute like custom:tenant_id (received: "tenant"); set it to the attribute holding the tenant',
                '- SUSPENDED_TENANTS must be a comma-separated list of tenant ids (1-64 letters, digits, _ . : @ -); invalid: a b (received: "a b"); set it like "acme,globex", or leave it empty',
                '- SUSPENDED_ATTRIBUTE must be a custom attribute like custom:suspended (received: "suspended"); set it to the attribute an administrator sets to true, or leave it empty',
            ].join("\n"));
            return true;
        });
        assert.throws(() => parsePreAuthenticationConfig({ SUSPENDED_ATTRIBUTE: "custom:tenant_id" }), (e: unknown) => {
            assert.ok(e instanceof ConfigError);
            assert.equal(e.message, 'Invalid configuration of the preAuthentication function:\n- SUSPENDED_ATTRIBUTE must differ from TENANT_ATTRIBUTE (received: "custom:tenant_id"); use an attribute of its own');
            return true;
        });
    });

    it("needs no variable: the default tenant attribute, nobody suspended", () => {
        assert.deepEqual(parsePreAuthenticationConfig({}), { tenantAttribute: "custom:tenant_id", suspendedTenants: new Set(), suspendedAttribute: undefined });
        assert.deepEqual(parsePreAuthenticationConfig({ TENANT_ATTRIBUTE: "custom:org", SUSPENDED_ATTRIBUTE: "custom:tenant_id" }), { tenantAttribute: "custom:org", suspendedTenants: new Set(), suspendedAttribute: "custom:tenant_id" });
    });
});
