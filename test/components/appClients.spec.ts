import * as assert from "node:assert/strict";
import { AppClients, AppClientsArgs, privilegedAttributes, validateAppClients } from "../../components/appClients";
import { mappedAttributesByProvider } from "../../components/federation";
import { ValidationError } from "../../components/issues";
import { formatIssue } from "../../components/issues";
import { ofType, one, output } from "../helpers/plans";
import { build, record } from "../helpers/record";

const appClients = (args: AppClientsArgs) => build(() => new AppClients("client", args));

describe("AppClients", () => {
    it("creates a code-grant client with secure token settings", async () => {
        const rs = await appClients({
            userPoolId: "us-east-1_TestPool1",
            clients: [{ name: "web", callbackUrls: ["https://app.example.com/cb"] }],
            providerNames: ["Google", "Okta"],
            hasDomain: true,
            mappedAttributes: { Google: ["email", "name"], Okta: ["email", "custom:department"] },
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
        assert.deepEqual(c.props.writeAttributes, [
            "custom:department", "email", "family_name", "given_name", "locale", "middle_name", "name", "nickname", "picture", "preferred_username", "zoneinfo",
        ]);
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

describe("privileged attributes", () => {
    const SELF_SERVICE = ["email", "family_name", "given_name", "locale", "middle_name", "name", "nickname", "picture", "preferred_username", "zoneinfo"];

    it("are the verification flags, the tenant attribute, principal-tag sources and role-mapping claims", () => {
        assert.deepEqual(privilegedAttributes({
            tenantAttribute: "custom:tenant_id",
            principalTags: { tenant_id: "custom:tenant_id", dept: "custom:department" },
            roleMappingRules: [{ claim: "custom:tier" }, { claim: "custom:tenant_id" }],
        }), [
            { attribute: "email_verified", trustedBy: "account linking, account recovery and the welcome email" },
            { attribute: "phone_number_verified", trustedBy: "account recovery and SMS messages" },
            { attribute: "custom:tenant_id", trustedBy: "the tenant claim of pre token generation, principal tag tenant_id, a role-mapping rule" },
            { attribute: "custom:department", trustedBy: "principal tag dept" },
            { attribute: "custom:tier", trustedBy: "a role-mapping rule" },
        ]);
        assert.deepEqual(privilegedAttributes().map((p) => p.attribute), ["email_verified", "phone_number_verified"]);
    });

    it("no longer come from Google's and OIDC's default mappings (email_verified is not mapped)", () => {
        assert.deepEqual(mappedAttributesByProvider({
            google: { clientId: "1-abc.apps.googleusercontent.com" },
            oidcProviders: [{ name: "Auth0", clientId: "c", issuer: "https://acme.eu.auth0.com/" }],
            samlProviders: [{ name: "Okta", metadataUrl: "https://acme.okta.com/m", attributeMapping: { "custom:tenant_id": "tenant" } }],
        }), { Google: ["email", "name"], Okta: ["email", "custom:tenant_id"], Auth0: ["email"] });
    });

    const tenant = privilegedAttributes({ tenantAttribute: "custom:tenant_id", principalTags: { tenant_id: "custom:tenant_id" } });
    const messages = (a: Omit<AppClientsArgs, "userPoolId">) => validateAppClients(a).map((i) => formatIssue(i));

    it("refuses a provider that maps the tenant onto a client users can sign up with (they would pick their tenant)", () => {
        assert.deepEqual(messages({
            clients: [{ name: "web", callbackUrls: ["https://a.example/cb"] }],
            providerNames: ["Okta"], hasDomain: true, privilegedAttributes: tenant,
            mappedAttributes: { Okta: ["email", "custom:tenant_id"] },
        }), [
            'appClients[0].identityProviders offer Okta, whose attributeMapping writes custom:tenant_id, which the tenant claim of pre token generation, principal tag tenant_id trusts: Cognito would have to let this client write it, so any user could set it at SignUp or with UpdateUserAttributes (received: ["COGNITO","Okta"]). Fix: remove custom:tenant_id from Okta\'s attributeMapping and set it as an administrator (AdminUpdateUserAttributes) or in a trigger, or map the provider\'s claim to an attribute that nothing trusts',
        ]);
    });

    it("refuses a provider that maps email_verified, pointing at the provider-verification attribute", () => {
        const out = messages({ clients: [{ name: "web", callbackUrls: ["https://a.example/cb"], identityProviders: ["Google"] }], providerNames: ["Google"], hasDomain: true, mappedAttributes: { Google: ["email", "email_verified"] } });
        assert.equal(out.length, 1);
        assert.match(out[0], /^appClients\[0\]\.identityProviders offer Google, whose attributeMapping writes email_verified, which account linking, account recovery and the welcome email trusts/);
        assert.match(out[0], /Fix: remove email_verified from Google's attributeMapping; to keep the provider's verification, map its email_verified claim to a custom attribute \(e\.g\. custom:idp_email_verified\) and name that in triggers\.preSignUp\.providerEmailVerifiedAttribute$/);
    });

    it("reports every client that offers such a provider, and none that does not", () => {
        const out = validateAppClients({
            clients: [{ name: "a", callbackUrls: ["https://a.example/cb"] }, { name: "b", identityProviders: ["COGNITO"] }, { name: "c", callbackUrls: ["https://a.example/cb"], identityProviders: ["Okta"] }],
            providerNames: ["Okta"], hasDomain: true, privilegedAttributes: tenant, mappedAttributes: { Okta: ["custom:tenant_id"] },
        });
        assert.deepEqual(out.map((i) => i.field), ["appClients[0].identityProviders", "appClients[2].identityProviders"]);
    });

    it("accepts non-privileged mappings and a mapped provider-verification attribute", () => {
        assert.deepEqual(messages({
            clients: [{ name: "web", callbackUrls: ["https://a.example/cb"] }], providerNames: ["Google"], hasDomain: true, privilegedAttributes: tenant,
            mappedAttributes: { Google: ["email", "name", "custom:idp_email_verified"] },
        }), []);
    });

    it("gives each client only its own providers' mapped attributes, and never a privileged self-service one", async () => {
        const rs = await appClients({
            userPoolId: "p",
            clients: [{ name: "web", identityProviders: ["COGNITO"] }, { name: "partners", callbackUrls: ["https://p.example/cb"], identityProviders: ["Okta"] }],
            providerNames: ["Okta"], hasDomain: true,
            mappedAttributes: { Okta: ["email", "custom:department"] },
            // A principal tag read from nickname makes nickname privileged.
            privilegedAttributes: privilegedAttributes({ principalTags: { alias: "nickname" } }),
        });
        const write = (n: string) => ofType(rs, "aws:cognito/userPoolClient:UserPoolClient").find((c) => c.props.name === n)?.props.writeAttributes;
        assert.deepEqual(write("web"), SELF_SERVICE.filter((a) => a !== "nickname"));
        assert.deepEqual(write("partners"), ["custom:department", ...SELF_SERVICE.filter((a) => a !== "nickname")]);
    });

    it("makes the component refuse to create a client that could write a privileged attribute", () => {
        record();
        assert.throws(() => new AppClients("bad", {
            userPoolId: "p", clients: [{ name: "web" }], providerNames: ["Okta"], mappedAttributes: { Okta: ["custom:tenant_id"] }, privilegedAttributes: tenant,
        }), (e: unknown) => e instanceof ValidationError && /AppClientsArgs\.appClients\[0\]\.identityProviders offer Okta, whose attributeMapping writes custom:tenant_id/.test(e.message));
    });
});
