/** App client kinds: machine clients (client_credentials), browser and native apps, redirects, attributes, branding. */
import * as pulumi from "@pulumi/pulumi";
import * as assert from "node:assert/strict";
import { AppClients, AppClientsArgs, validateAppClients, validateClientKinds } from "../../components/appClients";
import { formatIssue } from "../../components/issues";
import { named, ofType } from "../helpers/plans";
import { build, valueOf } from "../helpers/record";

const CLIENT = "aws:cognito/userPoolClient:UserPoolClient";
const BRANDING = "aws:cognito/managedLoginBranding:ManagedLoginBranding";
const SERVICE = "https://api.example.com/items.service";
const READ = "https://api.example.com/items.read";
const base = { userPoolId: "us-east-1_TestPool1", hasDomain: true, customScopes: [READ, SERVICE] };
const appClients = (args: Omit<AppClientsArgs, "userPoolId">) => build(() => new AppClients("client", { ...base, ...args }));
const messages = (args: Omit<AppClientsArgs, "userPoolId">) => validateAppClients({ ...base, ...args }).map((i) => formatIssue(i));

describe("AppClients: machine clients", () => {
    it("creates a confidential client_credentials client with no user flow, redirect or provider", async () => {
        const rs = await appClients({
            clients: [{ name: "web", callbackUrls: ["https://app.example.com/cb"], oauthScopes: ["openid", READ] }, { name: "reporting", kind: "machine", oauthScopes: [SERVICE] }],
            providerNames: ["Google"],
        });
        const m = named(rs, CLIENT, "client-reporting");
        assert.deepEqual(
            [m.props.generateSecret, m.props.allowedOauthFlows, m.props.allowedOauthFlowsUserPoolClient, m.props.allowedOauthScopes],
            [true, ["client_credentials"], true, [SERVICE]],
        );
        assert.deepEqual(m.props.explicitAuthFlows, ["ALLOW_REFRESH_TOKEN_AUTH"]);
        for (const absent of ["callbackUrls", "logoutUrls", "defaultRedirectUri", "supportedIdentityProviders"]) {
            assert.equal(m.props[absent], undefined, absent);
        }
        assert.deepEqual(m.props.refreshTokenRotation, { feature: "DISABLED" });
        assert.equal(m.props.enablePropagateAdditionalUserContextData, false);
        assert.deepEqual(m.props.writeAttributes, ["email", "family_name", "given_name", "locale", "middle_name", "name", "nickname", "picture", "preferred_username", "zoneinfo"]);
        assert.equal(m.props.enableTokenRevocation, true);
        assert.equal(m.props.preventUserExistenceErrors, "ENABLED");
        // Only the user client gets a managed-login style: no one signs in through the machine's.
        assert.deepEqual(ofType(rs, BRANDING).map((b) => b.name), ["client-web-branding"]);
        const web = named(rs, CLIENT, "client-web");
        assert.deepEqual([web.props.allowedOauthFlows, web.props.supportedIdentityProviders], [["code"], ["COGNITO", "Google"]]);
    });

    it("leaves out of a machine client's write attributes what the stack makes privileged", async () => {
        const rs = await appClients({ clients: [{ name: "svc", kind: "machine", oauthScopes: [SERVICE] }], privilegedAttributes: [{ attribute: "locale", trustedBy: "principal tag lang" }] });
        assert.ok(!named(rs, CLIENT, "client-svc").props.writeAttributes.includes("locale"));
        assert.ok(named(rs, CLIENT, "client-svc").props.writeAttributes.includes("email"));
    });

    it("hands out the machine clients' secrets as a secret, and the user clients' ids apart", async () => {
        const { component, ...rs } = await appClients({ clients: [{ name: "web" }, { name: "reporting", kind: "machine", oauthScopes: [SERVICE] }] });
        const secrets = await valueOf(component.machineClientSecrets);
        assert.deepEqual(Object.keys(secrets), ["reporting"]);
        assert.match(secrets.reporting, /^[a-z0-9]{51}$/);
        assert.equal(await pulumi.isSecret(component.machineClientSecrets), true);
        assert.deepEqual(await valueOf(component.userClientIds), [named(rs, CLIENT, "client-web").outputs?.id]);
    });

    it("refuses a machine client with anything a user could use, every problem at once", () => {
        assert.deepEqual(
            messages({
                clients: [{
                    name: "svc", kind: "machine", generateSecret: false, callbackUrls: ["https://svc.example.com/cb"], logoutUrls: ["https://svc.example.com/"],
                    defaultRedirectUri: "https://svc.example.com/cb", identityProviders: ["COGNITO"], explicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
                    propagateUserContextData: true, readAttributes: ["email"], writeAttributes: ["email"], oauthScopes: ["openid", SERVICE],
                }],
            }).map((m) => m.split(" (received")[0]),
            [
                "appClients[0].generateSecret must be true for a machine client (client_credentials authenticates the client by its secret)",
                "appClients[0].callbackUrls must be empty for a machine client (no user is redirected)",
                "appClients[0].logoutUrls must be empty for a machine client (no user is redirected)",
                "appClients[0].defaultRedirectUri must not be set for a machine client (no user is redirected)",
                "appClients[0].identityProviders must be empty for a machine client (no user signs in)",
                "appClients[0].explicitAuthFlows must not include ALLOW_USER_SRP_AUTH for a machine client (user sign-in flows)",
                "appClients[0].propagateUserContextData must not be set for a machine client (it has no users)",
                "appClients[0].readAttributes must not be set for a machine client (it has no users)",
                "appClients[0].writeAttributes must not be set for a machine client (it has no users)",
                "appClients[0].oauthScopes must list only scopes of the pool's resource servers for a machine client (client_credentials grants no user scope; not one: openid)",
            ],
        );
    });

    it("refuses a scope held by a machine and a user client, and a machine client without a domain", () => {
        assert.deepEqual(messages({ clients: [{ name: "web", callbackUrls: ["https://a.example.com/cb"], oauthScopes: [SERVICE] }, { name: "svc", kind: "machine", oauthScopes: [SERVICE] }] }), [
            `appClients must not give scope ${SERVICE} to both machine client svc and user client web: a route that accepts it for users would accept the machine's token, which speaks for no user (received: "${SERVICE}"). Fix: give machine clients scopes of their own (e.g. <resource server>/items.service) and name those on the machine routes only`,
        ]);
        assert.deepEqual(messages({ hasDomain: false, clients: [{ name: "svc", kind: "machine", oauthScopes: [SERVICE] }] }).map((m) => m.split(" (received")[0]), [
            "appClients[0].kind machine needs a managed-login domain (the client_credentials grant is served by its /oauth2/token endpoint)",
        ]);
    });
});

describe("AppClients: browser and native apps", () => {
    it("creates public code-grant clients with a custom scheme, a default redirect and chosen attributes", async () => {
        const rs = await appClients({
            clients: [
                { name: "ios", kind: "native", callbackUrls: ["myapp://callback"], logoutUrls: ["myapp://signout"], defaultRedirectUri: "myapp://callback", readAttributes: ["name", "email"], writeAttributes: ["name"] },
                { name: "spa", kind: "spa", callbackUrls: ["https://app.example.com/cb"] },
            ],
        });
        const ios = named(rs, CLIENT, "client-ios");
        assert.deepEqual(
            [ios.props.generateSecret, ios.props.allowedOauthFlows, ios.props.callbackUrls, ios.props.defaultRedirectUri, ios.props.readAttributes, ios.props.writeAttributes],
            [false, ["code"], ["myapp://callback"], "myapp://callback", ["email", "name"], ["name"]],
        );
        const spa = named(rs, CLIENT, "client-spa");
        assert.deepEqual([spa.props.generateSecret, spa.props.readAttributes, spa.props.defaultRedirectUri], [false, undefined, undefined]);
    });

    it("refuses secrets in public apps, custom schemes outside native apps, a default redirect that is no callback", () => {
        assert.deepEqual(
            messages({
                clients: [
                    { name: "spa", kind: "spa", generateSecret: true, callbackUrls: ["https://app.example.com/cb", "spa://x"] },
                    { name: "ios", kind: "native", generateSecret: true },
                    { name: "web", callbackUrls: ["https://app.example.com/cb"], defaultRedirectUri: "https://app.example.com/other" },
                ],
            }).map((m) => m.split(" (received")[0]),
            [
                "appClients[0].generateSecret must be false for a spa client (a secret shipped in a browser app is no secret)",
                "appClients[0].callbackUrls may use an app's own scheme only for kind native (spa clients redirect to https, or http://localhost)",
                "appClients[1].generateSecret must be false for a native client (a secret shipped in a mobile or desktop app is no secret)",
                "appClients[1].callbackUrls must list the URL the native app receives the authorization code at",
                "appClients[2].defaultRedirectUri must be one of the client's callbackUrls (Cognito refuses any other)",
            ],
        );
    });

    it("keeps chosen write attributes within the rules: nothing privileged, nothing unmapped, what providers map and what sign-up needs", () => {
        const privilegedAttributes = [{ attribute: "email_verified", trustedBy: "account linking" }, { attribute: "custom:tenant_id", trustedBy: "the tenant claim" }];
        const issues = validateClientKinds({
            ...base,
            providerNames: ["Google"],
            mappedAttributes: { Google: ["email", "name"] },
            privilegedAttributes,
            requiredAttributes: ["given_name"],
            customAttributes: ["tenant_id"],
            clients: [{ name: "web", callbackUrls: ["https://a.example.com/cb"], writeAttributes: ["email", "custom:tenant_id", "website"], readAttributes: ["email", "custom:tenant_id", "custom:plan"] }],
        }).map((i) => formatIssue(i).split(" (received")[0]);
        assert.deepEqual(issues, [
            "appClients[0].writeAttributes must not include custom:tenant_id, which the tenant claim trusts (users could set it at SignUp or with UpdateUserAttributes)",
            "appClients[0].writeAttributes must not include website, which is neither a self-service attribute nor mapped by a provider of this client",
            "appClients[0].writeAttributes must include name: Google maps them, and Cognito fails a federated sign-in through this client that cannot write them",
            "appClients[0].writeAttributes must include the required attribute given_name (SignUp through this client must set it)",
            "appClients[0].readAttributes names custom:plan, which is not an attribute of the pool",
        ]);
        // Required attributes need no write permission where only administrators create users.
        assert.deepEqual(validateClientKinds({ ...base, requiredAttributes: ["given_name"], selfSignUp: false, clients: [{ name: "web", writeAttributes: ["email"] }] }), []);
    });
});

describe("AppClients: managed-login branding", () => {
    const branding = { settings: '{"categories":{}}', assets: [{ category: "FORM_LOGO", colorMode: "LIGHT", extension: "SVG", bytes: "PHN2Zy8+" }] };

    it("gives every OAuth user client the stack's style instead of Cognito's", async () => {
        const rs = await appClients({ branding, clients: [{ name: "web", callbackUrls: ["https://a.example.com/cb"] }, { name: "cli" }, { name: "svc", kind: "machine", oauthScopes: [SERVICE] }] });
        const [b] = ofType(rs, BRANDING);
        assert.deepEqual(ofType(rs, BRANDING).map((x) => x.name), ["client-web-branding"]);
        assert.deepEqual([b.props.useCognitoProvidedValues, b.props.settings, b.props.assets], [false, branding.settings, branding.assets]);
    });

    it("refuses a style without managed login (version 1 or no domain)", () => {
        for (const args of [{ managedLoginVersion: 1 as const }, { hasDomain: false }]) {
            assert.deepEqual(messages({ ...args, branding, clients: [{ name: "cli" }] }).map((m) => m.split(" (received")[0]), [
                "managedLoginBranding needs managed login: a domain (domainPrefix or customDomain) with managedLoginVersion 2 (the classic hosted UI takes no branding style)",
            ]);
        }
    });
});
