import * as assert from "node:assert/strict";
import { AppClients, AppClientsArgs, validateAppClients } from "../../components/appClients";
import { formatIssue } from "../../config/issues";
import { byType, one, recordResources, Registered, resolve, settle } from "../helpers/mocks";

async function build(args: AppClientsArgs): Promise<Registered[]> {
    const rs = recordResources();
    const clients = new AppClients("client", args);
    await resolve(clients.clientIds);
    await settle();
    return rs;
}

describe("AppClients", () => {
    it("creates a code-grant client with secure token settings", async () => {
        const rs = await build({
            userPoolId: "us-east-1_TestPool1",
            clients: [{ name: "web", callbackUrls: ["https://app.example.com/cb"] }],
            providerNames: ["Google", "Okta"],
            hasDomain: true,
            mappedAttributes: ["email_verified"],
        });
        const c = one(rs, "aws:cognito/userPoolClient:UserPoolClient");
        assert.equal(c.name, "client-web");
        assert.deepEqual(c.inputs.allowedOauthFlows, ["code"]);
        assert.equal(c.inputs.allowedOauthFlowsUserPoolClient, true);
        assert.deepEqual(c.inputs.supportedIdentityProviders, ["COGNITO", "Google", "Okta"]);
        assert.equal(c.inputs.preventUserExistenceErrors, "ENABLED");
        assert.equal(c.inputs.enableTokenRevocation, true);
        assert.deepEqual(c.inputs.refreshTokenRotation, { feature: "ENABLED", retryGracePeriodSeconds: 0 });
        assert.deepEqual(c.inputs.explicitAuthFlows, ["ALLOW_USER_SRP_AUTH"]);
        assert.deepEqual(c.inputs.tokenValidityUnits, { accessToken: "minutes", idToken: "minutes", refreshToken: "hours" });
        assert.equal(c.inputs.accessTokenValidity, 60);
        assert.equal(c.inputs.refreshTokenValidity, 720);
        assert.equal(c.inputs.generateSecret, false);
        assert.ok(c.inputs.writeAttributes.includes("email_verified"));
        assert.ok(!c.inputs.writeAttributes.some((a: string) => a.startsWith("custom:")));
        const b = one(rs, "aws:cognito/managedLoginBranding:ManagedLoginBranding");
        assert.equal(b.name, "client-web-branding");
        assert.equal(b.inputs.clientId, "client-web-id");
    });

    it("offers refresh-token auth and choice-based auth only when they apply", async () => {
        const rs = await build({
            userPoolId: "p",
            clients: [{ name: "cli", refreshTokenRotation: false }],
            signInFactors: ["PASSWORD", "EMAIL_OTP"],
        });
        const c = one(rs, "aws:cognito/userPoolClient:UserPoolClient");
        assert.deepEqual(c.inputs.explicitAuthFlows, ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_AUTH"]);
        assert.equal(c.inputs.allowedOauthFlows, undefined);
        assert.deepEqual(c.inputs.refreshTokenRotation, { feature: "DISABLED" });
        assert.deepEqual(byType(rs, "aws:cognito/managedLoginBranding:ManagedLoginBranding"), []);
    });
});

describe("validateAppClients", () => {
    const m = (a: Omit<AppClientsArgs, "userPoolId">) => validateAppClients(a).map((i) => formatIssue(i));

    it("checks token validity against AWS's ranges", () =>
        assert.deepEqual(
            m({ clients: [{ name: "w", accessTokenValidityMinutes: 2, refreshTokenValidityDays: 4000, authSessionValidityMinutes: 20, refreshTokenGracePeriodSeconds: 61 }] }).map((s) => s.split(". Fix")[0]),
            [
                "appClients[0].accessTokenValidityMinutes must be between 5 and 1440 (received: 2)",
                "appClients[0].refreshTokenValidityDays must be between 1/24 (1 hour) and 3650 (received: 4000)",
                "appClients[0].authSessionValidityMinutes must be between 3 and 15 (received: 20)",
                "appClients[0].refreshTokenGracePeriodSeconds must be between 0 and 60 (received: 61)",
            ],
        ));

    it("wants a domain for OAuth and callback URLs for federation", () => {
        assert.match(m({ clients: [{ name: "w", callbackUrls: ["https://a/cb"] }] })[0], /^appClients\[0\]\.callbackUrls need a managed-login domain/);
        assert.match(m({ clients: [{ name: "w", identityProviders: ["Google"] }], providerNames: ["Google"], hasDomain: true })[0], /^appClients\[0\]\.callbackUrls must list at least one URL/);
    });

    it("rejects unknown providers and scopes", () => {
        const out = m({ clients: [{ name: "w", callbackUrls: ["https://a/cb"], identityProviders: ["Okta"], oauthScopes: ["openid", "api/x"] }], hasDomain: true });
        assert.match(out[0], /^appClients\[0\]\.identityProviders names Okta, which is not configured/);
        assert.match(out[1], /^appClients\[0\]\.oauthScopes has unknown scope api\/x/);
    });

    it("rejects refresh-token auth with rotation and the plain password flow", () => {
        const out = m({ clients: [{ name: "w", explicitAuthFlows: ["ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_PASSWORD_AUTH"] }] });
        assert.match(out[0], /^appClients\[0\]\.explicitAuthFlows must not include ALLOW_REFRESH_TOKEN_AUTH when refresh-token rotation is on/);
        assert.match(out[1], /^appClients\[0\]\.explicitAuthFlows must not include ALLOW_USER_PASSWORD_AUTH/);
    });

    it("rejects duplicate names", () => assert.match(m({ clients: [{ name: "w" }, { name: "w" }] })[0], /^appClients\[1\]\.name must be unique/));
});
