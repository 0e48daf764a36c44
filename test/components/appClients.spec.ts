import * as assert from "node:assert/strict";
import { AppClients, AppClientsArgs, validateAppClients } from "../../components/appClients";
import { formatIssue } from "../../components/issues";
import { ofType, one, output } from "../helpers/plans";
import { build } from "../helpers/record";

const appClients = (args: AppClientsArgs) => build(() => new AppClients("client", args));

describe("AppClients", () => {
    it("creates a code-grant client with secure token settings", async () => {
        const rs = await appClients({
            userPoolId: "us-east-1_TestPool1",
            clients: [{ name: "web", callbackUrls: ["https://app.example.com/cb"] }],
            providerNames: ["Google", "Okta"],
            hasDomain: true,
            mappedAttributes: ["email_verified"],
        });
        const c = one(rs, "aws:cognito/userPoolClient:UserPoolClient");
        assert.equal(c.name, "client-web");
        assert.deepEqual(c.props.allowedOauthFlows, ["code"]);
        assert.equal(c.props.allowedOauthFlowsUserPoolClient, true);
        assert.deepEqual(c.props.supportedIdentityProviders, ["COGNITO", "Google", "Okta"]);
        assert.equal(c.props.preventUserExistenceErrors, "ENABLED");
        assert.equal(c.props.enableTokenRevocation, true);
        assert.deepEqual(c.props.refreshTokenRotation, { feature: "ENABLED", retryGracePeriodSeconds: 0 });
        assert.deepEqual(c.props.explicitAuthFlows, ["ALLOW_USER_SRP_AUTH"]);
        assert.deepEqual(c.props.tokenValidityUnits, { accessToken: "minutes", idToken: "minutes", refreshToken: "hours" });
        assert.equal(c.props.accessTokenValidity, 60);
        assert.equal(c.props.refreshTokenValidity, 720);
        assert.equal(c.props.generateSecret, false);
        assert.ok(c.props.writeAttributes.includes("email_verified"));
        assert.ok(!c.props.writeAttributes.some((a: string) => a.startsWith("custom:")));
        const b = one(rs, "aws:cognito/managedLoginBranding:ManagedLoginBranding");
        assert.equal(b.name, "client-web-branding");
        assert.equal(b.props.clientId, output(c, "id"));
    });

    it("offers refresh-token auth and choice-based auth only when they apply", async () => {
        const rs = await appClients({
            userPoolId: "p",
            clients: [{ name: "cli", refreshTokenRotation: false }],
            signInFactors: ["PASSWORD", "EMAIL_OTP"],
        });
        const c = one(rs, "aws:cognito/userPoolClient:UserPoolClient");
        assert.deepEqual(c.props.explicitAuthFlows, ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_AUTH"]);
        assert.equal(c.props.allowedOauthFlows, undefined);
        assert.deepEqual(c.props.refreshTokenRotation, { feature: "DISABLED" });
        assert.deepEqual(ofType(rs, "aws:cognito/managedLoginBranding:ManagedLoginBranding"), []);
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
