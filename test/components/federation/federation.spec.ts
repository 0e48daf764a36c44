import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { Federation, FederationArgs, validateFederationArgs } from "../../../components/federation";
import { formatIssue } from "../../../components/issues";
import { named, ofType } from "../../helpers/plans";
import { build, Recording } from "../../helpers/record";

const all: FederationArgs = {
    userPoolId: "us-east-1_TestPool1",
    google: { clientId: "1-abc.apps.googleusercontent.com" },
    googleClientSecret: pulumi.secret("g-secret"),
    facebook: { appId: "100000000000001" },
    facebookAppSecret: pulumi.secret("f-secret"),
    apple: { servicesId: "com.example.signin", teamId: "ABCDE12345", keyId: "KEY1234567" },
    applePrivateKey: pulumi.secret("-----BEGIN PRIVATE KEY-----"),
    samlProviders: [{ name: "Okta", metadataUrl: "https://acme.okta.com/app/x/sso/saml/metadata", idpIdentifiers: ["acme.example"], signOut: true, requestSigningAlgorithm: "rsa-sha256" }],
    oidcProviders: [{ name: "Auth0", clientId: "cid", issuer: "https://acme.eu.auth0.com/" }],
    oidcClientSecrets: { Auth0: pulumi.secret("o-secret") },
};

const IDP = "aws:cognito/identityProvider:IdentityProvider";
const federation = (args: FederationArgs) => build(() => new Federation("idp", args));
/** A provider's inputs, secrets with their values. */
const inputsOf = (rs: Recording, name: string) => rs.revealed(named(rs, IDP, name));

describe("Federation", () => {
    it("creates one identity provider per configured provider, named from the parent", async () => {
        const { component: fed, ...rs } = await federation(all);
        assert.deepEqual(fed.providerNames, ["Google", "Facebook", "SignInWithApple", "Okta", "Auth0"]);
        assert.deepEqual(
            ofType(rs, IDP).map((r) => r.name).sort(),
            ["idp-auth0", "idp-facebook", "idp-google", "idp-okta", "idp-signinwithapple"],
        );
    });

    it("passes each provider's details under AWS's keys", async () => {
        const rs = await federation(all);
        const g = inputsOf(rs, "idp-google");
        assert.equal(g.providerType, "Google");
        assert.deepEqual(g.providerDetails, { client_id: "1-abc.apps.googleusercontent.com", client_secret: "g-secret", authorize_scopes: "openid email profile" });
        assert.equal(g.attributeMapping.email, "email");
        assert.deepEqual(inputsOf(rs, "idp-facebook").providerDetails, { client_id: "100000000000001", client_secret: "f-secret", authorize_scopes: "public_profile,email", api_version: "v21.0" });
        const a = inputsOf(rs, "idp-signinwithapple");
        assert.equal(a.providerName, "SignInWithApple");
        assert.deepEqual(Object.keys(a.providerDetails).sort(), ["authorize_scopes", "client_id", "key_id", "private_key", "team_id"]);
        const s = inputsOf(rs, "idp-okta");
        assert.equal(s.providerType, "SAML");
        assert.deepEqual(s.providerDetails, { MetadataURL: "https://acme.okta.com/app/x/sso/saml/metadata", IDPSignout: "true", IDPInit: "false", EncryptedResponses: "false", RequestSigningAlgorithm: "rsa-sha256" });
        assert.deepEqual(s.idpIdentifiers, ["acme.example"]);
        const o = inputsOf(rs, "idp-auth0");
        assert.deepEqual(o.providerDetails, { client_id: "cid", client_secret: "o-secret", oidc_issuer: "https://acme.eu.auth0.com/", authorize_scopes: "openid email profile", attributes_request_method: "GET" });
    });

    it("keeps the OIDC client secret secret", async () => {
        const { component: fed, ...rs } = await federation(all);
        const details = fed.specs.find((s) => s.providerName === "Auth0")?.providerDetails as Record<string, pulumi.Output<string>>;
        assert.equal(await pulumi.isSecret(details.client_secret), true);
        assert.equal(named(rs, IDP, "idp-auth0").props.providerDetails.client_secret, "[secret]");
    });

    it("creates nothing without providers", async () => {
        const { component: fed, ...rs } = await federation({ userPoolId: "us-east-1_TestPool1" });
        assert.deepEqual(fed.providerNames, []);
        assert.deepEqual(ofType(rs, IDP), []);
    });
});

describe("validateFederationArgs", () => {
    const m = (a: Omit<FederationArgs, "userPoolId">) => validateFederationArgs(a).map((i) => formatIssue(i));

    it("accepts a full, consistent set", () => assert.deepEqual(m(all), []));

    it("requires each provider's secret", () =>
        assert.deepEqual(
            m({ google: all.google, facebook: all.facebook, apple: all.apple, oidcProviders: all.oidcProviders }).map((s) => s.split(" (received")[0]),
            ["googleClientSecret is required when google is configured", "facebookAppSecret is required when facebook is configured", "applePrivateKey is required when apple is configured", "oidcClientSecrets.Auth0 is required for OIDC provider Auth0"],
        ));

    it("requires exactly one SAML metadata source", () => {
        assert.match(m({ samlProviders: [{ name: "Okta" }] })[0], /^samlProviders\[0\] must set exactly one of metadataUrl and metadataFile/);
        assert.match(m({ samlProviders: [{ name: "Okta", metadataUrl: "https://x", metadataFile: "<EntityDescriptor>" }] })[0], /^samlProviders\[0\] must set exactly one/);
        assert.match(m({ samlProviders: [{ name: "Okta", metadataUrl: "http://x" }] })[0], /^samlProviders\[0\]\.metadataUrl must be an https:\/\/ URL/);
    });

    it("rejects built-in and duplicate names and shared IdP identifiers", () => {
        const out = m({
            samlProviders: [{ name: "Google", metadataUrl: "https://a" }, { name: "Okta", metadataUrl: "https://b", idpIdentifiers: ["acme.example"] }],
            oidcProviders: [{ name: "okta", clientId: "c", issuer: "https://i", idpIdentifiers: ["ACME.example"] }],
            oidcClientSecrets: { okta: "s" },
        });
        assert.deepEqual(
            out.map((s) => s.split(" (received")[0]),
            [
                "samlProviders[0].name must not be a built-in provider name (COGNITO, Google, Facebook, SignInWithApple, LoginWithAmazon)",
                "oidcProviders[0].name must be unique among providers (also used by samlProviders[1].name)",
                "oidcProviders[0].idpIdentifiers must be unique across providers (also used by samlProviders[1])",
            ],
        );
    });

    it("checks the Google client id's form", () => assert.match(m({ google: { clientId: "abc" }, googleClientSecret: "s" })[0], /^google\.clientId must be a Google OAuth client id ending in \.apps\.googleusercontent\.com/));
});
