/**
 * Every message of the app clients' validation written out, and the exact arguments of each
 * client: what test/components/appClients.spec.ts and appClients.kinds.spec.ts match by part.
 */
import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { AppClients, AppClientsArgs, hasSecret, isCustomScheme, machineClientArgs, userClientArgs, validateAppClients, validateClientKinds } from "../../components/appClients";
import { formatIssue } from "../../components/issues";
import { ofType } from "../helpers/plans";
import { build, valueOf } from "../helpers/record";

const SERVICE = "https://api.example.com/items.service";
const READ = "https://api.example.com/items.read";
const base = { hasDomain: true, customScopes: [READ, SERVICE] };
type Args = Omit<AppClientsArgs, "userPoolId">;
const kinds = (a: Args) => validateClientKinds({ ...base, ...a }).map((i) => formatIssue(i));
const all = (a: Args) => validateAppClients({ ...base, ...a }).map((i) => formatIssue(i));
const SELF_SERVICE = ["email", "family_name", "given_name", "locale", "middle_name", "name", "nickname", "picture", "preferred_username", "zoneinfo"];
const UNITS = { accessToken: "minutes", idToken: "minutes", refreshToken: "hours" };

describe("validateClientKinds: every message", () => {
    it("a machine client with everything a user could use", () =>
        assert.deepEqual(
            kinds({
                clients: [
                    {
                        name: "svc",
                        kind: "machine",
                        generateSecret: false,
                        callbackUrls: ["https://a.example.com/cb"],
                        logoutUrls: ["https://a.example.com/"],
                        defaultRedirectUri: "https://a.example.com/cb",
                        identityProviders: ["COGNITO"],
                        explicitAuthFlows: ["ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_USER_AUTH"],
                        propagateUserContextData: true,
                        readAttributes: ["email"],
                        writeAttributes: ["name"],
                        oauthScopes: ["openid", SERVICE],
                    },
                ],
            }),
            [
            "appClients[0].generateSecret must be true for a machine client (client_credentials authenticates the client by its secret) (received: false). Fix: set generateSecret: true, or leave it out; keep the secret in the service's secret store",
            "appClients[0].callbackUrls must be empty for a machine client (no user is redirected) (received: [\"https://a.example.com/cb\"]). Fix: a machine client uses client_credentials only: remove it (a user-facing app needs a client of its own, kind web, spa or native)",
            "appClients[0].logoutUrls must be empty for a machine client (no user is redirected) (received: [\"https://a.example.com/\"]). Fix: a machine client uses client_credentials only: remove it (a user-facing app needs a client of its own, kind web, spa or native)",
            "appClients[0].defaultRedirectUri must not be set for a machine client (no user is redirected) (received: \"https://a.example.com/cb\"). Fix: a machine client uses client_credentials only: remove it (a user-facing app needs a client of its own, kind web, spa or native)",
            "appClients[0].identityProviders must be empty for a machine client (no user signs in) (received: [\"COGNITO\"]). Fix: a machine client uses client_credentials only: remove it (a user-facing app needs a client of its own, kind web, spa or native)",
            "appClients[0].explicitAuthFlows must not include ALLOW_USER_SRP_AUTH, ALLOW_USER_AUTH for a machine client (user sign-in flows) (received: [\"ALLOW_REFRESH_TOKEN_AUTH\",\"ALLOW_USER_SRP_AUTH\",\"ALLOW_USER_AUTH\"]). Fix: leave explicitAuthFlows out",
            "appClients[0].propagateUserContextData must not be set for a machine client (it has no users) (received: true). Fix: remove it",
            "appClients[0].readAttributes must not be set for a machine client (it has no users) (received: [\"email\"]). Fix: remove it",
            "appClients[0].writeAttributes must not be set for a machine client (it has no users) (received: [\"name\"]). Fix: remove it",
            "appClients[0].oauthScopes must list only scopes of the pool's resource servers for a machine client (client_credentials grants no user scope; not one: openid) (received: [\"openid\",\"https://api.example.com/items.service\"]). Fix: list the scopes the service needs: https://api.example.com/items.read, https://api.example.com/items.service",
            ],
        ));

    it("a machine client with the user scopes by default, in a pool without resource servers", () =>
        assert.deepEqual(kinds({ customScopes: [], clients: [{ name: "svc", kind: "machine" }] }), [
            "appClients[0].oauthScopes must list only scopes of the pool's resource servers for a machine client (client_credentials grants no user scope; not one: openid, email, profile) (received: [\"openid\",\"email\",\"profile\"]). Fix: list the scopes the service needs: (none yet: add a resource server with scopes)",
        ]));

    it("a machine client with no scope", () =>
        assert.deepEqual(kinds({ clients: [{ name: "svc", kind: "machine", oauthScopes: [] }] }), [
            "appClients[0].oauthScopes must list only scopes of the pool's resource servers for a machine client (client_credentials grants no user scope) (received: []). Fix: list the scopes the service needs: https://api.example.com/items.read, https://api.example.com/items.service",
        ]));

    it("public clients with a secret and without a callback", () =>
        assert.deepEqual(kinds({ clients: [{ name: "spa", kind: "spa", generateSecret: true }, { name: "ios", kind: "native", generateSecret: true }] }), [
            "appClients[0].generateSecret must be false for a spa client (a secret shipped in a browser app is no secret) (received: true). Fix: leave generateSecret out and use the code grant with PKCE; a server that keeps a secret is kind web",
            "appClients[0].callbackUrls must list the URL the spa app receives the authorization code at (received: []). Fix: add the app's https redirect URI, e.g. https://app.example.com/callback",
            "appClients[1].generateSecret must be false for a native client (a secret shipped in a mobile or desktop app is no secret) (received: true). Fix: leave generateSecret out and use the code grant with PKCE; a server that keeps a secret is kind web",
            "appClients[1].callbackUrls must list the URL the native app receives the authorization code at (received: []). Fix: add the app's redirect URI, e.g. myapp://callback",
        ]));

    it("an app's own scheme outside a native client", () =>
        assert.deepEqual(
            kinds({
                clients: [
                    { name: "web", callbackUrls: ["myapp://cb", "https://a.example.com/cb"], logoutUrls: ["myapp://out"] },
                    { name: "spa", kind: "spa", callbackUrls: ["https://a.example.com/spa"], logoutUrls: ["spa://out"] },
                ],
            }),
            [
            "appClients[0].callbackUrls may use an app's own scheme only for kind native (web clients redirect to https, or http://localhost) (received: [\"myapp://cb\"]). Fix: set kind: native for a mobile or desktop app, or use the app's https URL",
            "appClients[0].logoutUrls may use an app's own scheme only for kind native (web clients redirect to https, or http://localhost) (received: [\"myapp://out\"]). Fix: set kind: native for a mobile or desktop app, or use the app's https URL",
            "appClients[1].logoutUrls may use an app's own scheme only for kind native (spa clients redirect to https, or http://localhost) (received: [\"spa://out\"]). Fix: set kind: native for a mobile or desktop app, or use the app's https URL",
            ],
        ));

    it("a default redirect that is none of the callbacks", () =>
        assert.deepEqual(
            kinds({
                clients: [
                    { name: "web", callbackUrls: ["https://a.example.com/cb", "https://b.example.com/cb"], defaultRedirectUri: "https://c.example.com/cb" },
                    { name: "web2", defaultRedirectUri: "https://c.example.com/cb" },
                ],
            }),
            [
            "appClients[0].defaultRedirectUri must be one of the client's callbackUrls (Cognito refuses any other) (received: \"https://c.example.com/cb\"). Fix: use one of https://a.example.com/cb, https://b.example.com/cb, or add it to callbackUrls",
            "appClients[1].defaultRedirectUri must be one of the client's callbackUrls (Cognito refuses any other) (received: \"https://c.example.com/cb\"). Fix: use one of (none: add callbackUrls), or add it to callbackUrls",
            ],
        ));

    it("write attributes: privileged, neither self-service nor mapped, and a mapped one missing", () =>
        assert.deepEqual(
            kinds({
                providerNames: ["Google"],
                mappedAttributes: { Google: ["email", "name", "username"] },
                privilegedAttributes: [{ attribute: "custom:tenant_id", trustedBy: "the tenant claim" }],
                customAttributes: ["tenant_id"],
                clients: [{ name: "web", writeAttributes: ["custom:tenant_id", "website", "email"] }],
            }),
            [
            "appClients[0].writeAttributes must not include custom:tenant_id, which the tenant claim trusts (users could set it at SignUp or with UpdateUserAttributes) (received: [\"custom:tenant_id\",\"website\",\"email\"]). Fix: remove custom:tenant_id; let an administrator (AdminUpdateUserAttributes) or a trigger set it",
            "appClients[0].writeAttributes must not include website, which is neither a self-service attribute nor mapped by a provider of this client (received: [\"custom:tenant_id\",\"website\",\"email\"]). Fix: use only email, family_name, given_name, locale, middle_name, name, nickname, picture, preferred_username, zoneinfo",
            "appClients[0].writeAttributes must include name: Google maps them, and Cognito fails a federated sign-in through this client that cannot write them (received: [\"custom:tenant_id\",\"website\",\"email\"]). Fix: add name, or stop offering Google on this client",
            ],
        ));

    it("required attributes a client cannot write, one or several, and none without self sign-up", () => {
        assert.deepEqual(kinds({ requiredAttributes: ["birthdate"], clients: [{ name: "a", writeAttributes: ["email"] }] }), [
            "appClients[0].writeAttributes must include the required attribute birthdate (SignUp through this client must set it) (received: [\"email\"]). Fix: add birthdate, or remove it from requiredAttributes",
        ]);
        assert.deepEqual(kinds({ requiredAttributes: ["birthdate", "gender"], clients: [{ name: "a", writeAttributes: ["email"] }] }), [
            "appClients[0].writeAttributes must include the required attributes birthdate, gender (SignUp through this client must set them) (received: [\"email\"]). Fix: add birthdate, gender, or remove them from requiredAttributes",
        ]);
        assert.deepEqual(kinds({ selfSignUp: false, requiredAttributes: ["birthdate", "gender"], clients: [{ name: "a", writeAttributes: ["email"] }] }), []);
    });

    it("lets a client write the required attributes: SignUp must set them", () => {
        assert.deepEqual(kinds({ requiredAttributes: ["birthdate", "gender"], clients: [{ name: "a", writeAttributes: ["email", "birthdate", "gender"] }, { name: "b", writeAttributes: ["email", "birthdate"] }, { name: "c" }] }), [
            'appClients[1].writeAttributes must include the required attribute gender (SignUp through this client must set it) (received: ["birthdate","email"]). Fix: add gender, or remove it from requiredAttributes',
        ]);
        assert.deepEqual(userClientArgs({ name: "c" }, { requiredAttributes: ["birthdate"] }, ["COGNITO"], ["PASSWORD"]).writeAttributes, [
            "birthdate", "email", "family_name", "given_name", "locale", "middle_name", "name", "nickname", "picture", "preferred_username", "zoneinfo",
        ]);
    });

    it("write attributes a client offers no provider for, and two mapped ones missing", () => {
        assert.deepEqual(
            kinds({ providerNames: ["Google"], mappedAttributes: { Google: ["email", "custom:dept"] }, customAttributes: ["dept"], clients: [{ name: "web", identityProviders: ["COGNITO"], writeAttributes: ["email", "custom:dept"] }] }),
            [
                'appClients[0].writeAttributes must not include custom:dept, which is neither a self-service attribute nor mapped by a provider of this client (received: ["email","custom:dept"]). Fix: use only email, family_name, given_name, locale, middle_name, name, nickname, picture, preferred_username, zoneinfo',
            ],
        );
        assert.deepEqual(kinds({ providerNames: ["Google"], mappedAttributes: { Google: ["email", "name", "locale"] }, clients: [{ name: "web", callbackUrls: ["https://a.example.com/cb"], writeAttributes: ["email"] }] }), [
            'appClients[0].writeAttributes must include name, locale: Google maps them, and Cognito fails a federated sign-in through this client that cannot write them (received: ["email"]). Fix: add name, locale, or stop offering Google on this client',
        ]);
    });

    it("read attributes the pool lacks, one or several; unknown ones pass when the pool's are not known", () => {
        assert.deepEqual(
            kinds({
                customAttributes: ["tenant_id"],
                clients: [
                    { name: "a", readAttributes: ["email", "custom:plan"] },
                    { name: "b", readAttributes: ["custom:plan", "custom:x", "custom:tenant_id"] },
                    { name: "c", readAttributes: ["custom:whatever"] },
                ],
            }),
            [
            "appClients[0].readAttributes names custom:plan, which is not an attribute of the pool (received: [\"email\",\"custom:plan\"]). Fix: use standard attributes (email, name, ...) or custom:<a name in customAttributes>",
            "appClients[1].readAttributes names custom:plan, custom:x, which are not attributes of the pool (received: [\"custom:plan\",\"custom:x\",\"custom:tenant_id\"]). Fix: use standard attributes (email, name, ...) or custom:<a name in customAttributes>",
            "appClients[2].readAttributes names custom:whatever, which is not an attribute of the pool (received: [\"custom:whatever\"]). Fix: use standard attributes (email, name, ...) or custom:<a name in customAttributes>",
            ],
        );
        assert.deepEqual(kinds({ clients: [{ name: "c", readAttributes: ["custom:whatever"] }] }), []);
    });
});

describe("validateAppClients: every message", () => {
    it("branding without a domain, or on the classic hosted UI", () => {
        assert.deepEqual(all({ hasDomain: false, branding: { settings: "{}", assets: [] }, clients: [{ name: "w" }] }), [
            "managedLoginBranding needs managed login: a domain (domainPrefix or customDomain) with managedLoginVersion 2 (the classic hosted UI takes no branding style) (received: 2). Fix: set managedLoginVersion to 2 and a domain, or remove managedLoginBranding",
        ]);
        assert.deepEqual(all({ managedLoginVersion: 1, branding: { settings: "{}", assets: [] }, clients: [{ name: "w" }] }), [
            "managedLoginBranding needs managed login: a domain (domainPrefix or customDomain) with managedLoginVersion 2 (the classic hosted UI takes no branding style) (received: 1). Fix: set managedLoginVersion to 2 and a domain, or remove managedLoginBranding",
        ]);
        assert.deepEqual(all({ branding: { settings: "{}", assets: [] }, clients: [{ name: "w" }] }), []);
    });

    it("a short refresh token, an unknown provider and scope, a repeated name", () =>
        assert.deepEqual(
            all({
                providerNames: ["Google"],
                clients: [{ name: "w", refreshTokenValidityDays: 0.01, identityProviders: ["Okta", "COGNITO"], oauthScopes: ["api/x"], callbackUrls: ["https://a.example.com/cb"] }, { name: "w" }],
            }),
            [
            "appClients[0].refreshTokenValidityDays must be between 1/24 (1 hour) and 3650 (received: 0.01). Fix: choose a value in that range",
            "appClients[0].identityProviders names Okta, which is not configured (received: [\"Okta\",\"COGNITO\"]). Fix: use only COGNITO, Google, or configure Okta",
            "appClients[0].oauthScopes has unknown scope api/x (received: [\"api/x\"]). Fix: use standard scopes (openid, email, phone, profile, aws.cognito.signin.user.admin) or a resource server's <identifier>/<scope>",
            "appClients[1].name must be unique (received: \"w\"). Fix: give each app client its own name",
            ],
        ));

    it("no privileged mapping judged on a machine client, which offers no provider", () =>
        assert.deepEqual(
            all({
                providerNames: ["Okta"],
                mappedAttributes: { Okta: ["custom:tenant_id"] },
                privilegedAttributes: [{ attribute: "custom:tenant_id", trustedBy: "the tenant claim" }],
                clients: [{ name: "svc", kind: "machine", oauthScopes: [SERVICE] }, { name: "web", callbackUrls: ["https://a.example.com/cb"] }],
            }),
            [
                'appClients[1].identityProviders offer Okta, whose attributeMapping writes custom:tenant_id, which the tenant claim trusts: Cognito would have to let this client write it, so any user could set it at SignUp or with UpdateUserAttributes (received: ["COGNITO","Okta"]). Fix: remove custom:tenant_id from Okta\'s attributeMapping and set it as an administrator (AdminUpdateUserAttributes) or in a trigger, or map the provider\'s claim to an attribute that nothing trusts',
            ],
        ));

    it("a domain is not assumed: branding and a machine client without hasDomain", () => {
        const noDomain = { customScopes: base.customScopes };
        assert.deepEqual(validateAppClients({ ...noDomain, branding: { settings: "{}", assets: [] }, clients: [{ name: "w" }] }).map((i) => formatIssue(i)), [
            "managedLoginBranding needs managed login: a domain (domainPrefix or customDomain) with managedLoginVersion 2 (the classic hosted UI takes no branding style) (received: 2). Fix: set managedLoginVersion to 2 and a domain, or remove managedLoginBranding",
        ]);
        assert.deepEqual(validateAppClients({ ...noDomain, clients: [{ name: "svc", kind: "machine", oauthScopes: [SERVICE] }] }).map((i) => formatIssue(i)), [
            'appClients[0].kind machine needs a managed-login domain (the client_credentials grant is served by its /oauth2/token endpoint) (received: "machine"). Fix: set domainPrefix (or customDomain)',
        ]);
    });

    it("the plain password flow on a machine client: reported once, as a user flow", () =>
        assert.deepEqual(all({ clients: [{ name: "svc", kind: "machine", oauthScopes: [SERVICE], explicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH"] }] }), [
            'appClients[0].explicitAuthFlows must not include ALLOW_USER_PASSWORD_AUTH for a machine client (user sign-in flows) (received: ["ALLOW_USER_PASSWORD_AUTH"]). Fix: leave explicitAuthFlows out',
        ]));

    it("token validity at AWS's bounds passes, one past them does not", () =>
        assert.deepEqual(
            all({
                clients: [
                    { name: "a", accessTokenValidityMinutes: 5, idTokenValidityMinutes: 1440, refreshTokenValidityDays: 3650, authSessionValidityMinutes: 3, refreshTokenGracePeriodSeconds: 60 },
                    { name: "b", idTokenValidityMinutes: 1441, accessTokenValidityMinutes: 4 },
                ],
            }),
            [
            "appClients[1].accessTokenValidityMinutes must be between 5 and 1440 (received: 4). Fix: choose a value in that range",
            "appClients[1].idTokenValidityMinutes must be between 5 and 1440 (received: 1441). Fix: choose a value in that range",
            ],
        ));

    it("OAuth without a domain: the machine's kind, the callbacks of a user client", () => {
        assert.deepEqual(all({ hasDomain: false, clients: [{ name: "svc", kind: "machine", oauthScopes: [SERVICE] }, { name: "web", callbackUrls: ["https://a.example.com/cb"] }] }), [
            "appClients[0].kind machine needs a managed-login domain (the client_credentials grant is served by its /oauth2/token endpoint) (received: \"machine\"). Fix: set domainPrefix (or customDomain)",
            "appClients[1].callbackUrls need a managed-login domain for the OAuth code flow (received: [\"https://a.example.com/cb\"]). Fix: set domainPrefix (or customDomain), or remove the callback URLs",
        ]);
        assert.deepEqual(all({ hasDomain: undefined, clients: [{ name: "web", callbackUrls: ["https://a.example.com/cb"] }] }), [
            "appClients[0].callbackUrls need a managed-login domain for the OAuth code flow (received: [\"https://a.example.com/cb\"]). Fix: set domainPrefix (or customDomain), or remove the callback URLs",
        ]);
    });

    it("refresh-token auth with rotation, and a grace period without it", () =>
        assert.deepEqual(
            all({
                clients: [
                    { name: "a", explicitAuthFlows: ["ALLOW_REFRESH_TOKEN_AUTH"] },
                    { name: "b", refreshTokenRotation: false, refreshTokenGracePeriodSeconds: 10 },
                    { name: "c", refreshTokenRotation: false, refreshTokenGracePeriodSeconds: 0 },
                    { name: "d", refreshTokenGracePeriodSeconds: 10 },
                ],
            }),
            [
            "appClients[0].explicitAuthFlows must not include ALLOW_REFRESH_TOKEN_AUTH when refresh-token rotation is on (rotation uses GetTokensFromRefreshToken) (received: [\"ALLOW_REFRESH_TOKEN_AUTH\"]). Fix: remove ALLOW_REFRESH_TOKEN_AUTH, or turn refreshTokenRotation off",
            "appClients[1].refreshTokenGracePeriodSeconds applies only with refresh-token rotation (received: 10). Fix: remove it or turn refreshTokenRotation on",
            ],
        ));

    it("context data without a secret, the plain password flow", () =>
        assert.deepEqual(
            all({
                clients: [
                    { name: "a", propagateUserContextData: true },
                    { name: "b", propagateUserContextData: true, generateSecret: true },
                    { name: "c", explicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH"] },
                    { name: "svc", kind: "machine", oauthScopes: [SERVICE], explicitAuthFlows: ["ALLOW_REFRESH_TOKEN_AUTH"] },
                ],
            }),
            [
            "appClients[0].propagateUserContextData needs generateSecret: true (Cognito takes a user's IP address from a server only for a client with a secret) (received: true). Fix: set generateSecret: true for a client your server signs users in with, or leave propagateUserContextData out (browser and mobile apps send their device data themselves)",
            "appClients[2].explicitAuthFlows must not include ALLOW_USER_PASSWORD_AUTH (sends the password itself; SRP proves it without sending it) (received: [\"ALLOW_USER_PASSWORD_AUTH\"]). Fix: use ALLOW_USER_SRP_AUTH",
            ],
        ));

    it("federated sign-in without a callback", () =>
        assert.deepEqual(all({ providerNames: ["Google"], clients: [{ name: "a", identityProviders: ["COGNITO", "Google"] }, { name: "b", identityProviders: ["COGNITO"] }] }), [
            "appClients[0].callbackUrls must list at least one URL when the client offers federated sign-in (received: []). Fix: add the app's https callback URL",
        ]));
});

describe("the arguments of each client", () => {
    it("hasSecret: machine clients by default, others only when asked", () =>
        assert.deepEqual(
            [{ name: "m", kind: "machine" as const }, { name: "m", kind: "machine" as const, generateSecret: false }, { name: "w" }, { name: "w", generateSecret: true }].map(hasSecret),
            [true, false, false, true],
        ));

    it("isCustomScheme: anything but an http(s) URL from its start", () =>
        assert.deepEqual(
            ["myapp://callback", "https://app.example.com/cb", "HTTP://localhost:3000/cb", "myapp://cb?next=https://app.example.com/", "com.example.app:/oauth2redirect"].map(isCustomScheme),
            [true, false, false, true, true],
        ));

    it("a web client with the code grant: the defaults, its providers, sorted read attributes", () =>
        assert.deepEqual(
            userClientArgs(
                { name: "web", callbackUrls: ["https://a.example.com/cb"], logoutUrls: ["https://a.example.com/"], readAttributes: ["name", "email"] },
                { providerNames: ["Google"], mappedAttributes: { Google: ["email", "name"] } },
                ["COGNITO", "Google"],
                ["PASSWORD"],
            ),
            {
                name: "web",
                accessTokenValidity: 60,
                idTokenValidity: 60,
                refreshTokenValidity: 720,
                tokenValidityUnits: UNITS,
                authSessionValidity: 3,
                enableTokenRevocation: true,
                preventUserExistenceErrors: "ENABLED",
                generateSecret: false,
                enablePropagateAdditionalUserContextData: false,
                supportedIdentityProviders: ["COGNITO", "Google"],
                callbackUrls: ["https://a.example.com/cb"],
                logoutUrls: ["https://a.example.com/"],
                defaultRedirectUri: undefined,
                allowedOauthFlowsUserPoolClient: true,
                allowedOauthFlows: ["code"],
                allowedOauthScopes: ["openid", "email", "profile"],
                readAttributes: ["email", "name"],
                writeAttributes: SELF_SERVICE,
                explicitAuthFlows: ["ALLOW_USER_SRP_AUTH"],
                refreshTokenRotation: { feature: "ENABLED", retryGracePeriodSeconds: 0 },
            },
        ));

    it("a confidential client without redirects: its own validity, no rotation, choice-based sign-in", () =>
        assert.deepEqual(
            userClientArgs(
                { name: "cli", idTokenValidityMinutes: 30, accessTokenValidityMinutes: 15, authSessionValidityMinutes: 10, refreshTokenValidityDays: 0.5, refreshTokenRotation: false, generateSecret: true, identityProviders: ["COGNITO"], writeAttributes: ["name", "email"] },
                {},
                ["COGNITO"],
                ["PASSWORD", "EMAIL_OTP"],
            ),
            {
                name: "cli",
                accessTokenValidity: 15,
                idTokenValidity: 30,
                refreshTokenValidity: 12,
                tokenValidityUnits: UNITS,
                authSessionValidity: 10,
                enableTokenRevocation: true,
                preventUserExistenceErrors: "ENABLED",
                generateSecret: true,
                enablePropagateAdditionalUserContextData: true,
                supportedIdentityProviders: ["COGNITO"],
                callbackUrls: undefined,
                logoutUrls: undefined,
                defaultRedirectUri: undefined,
                allowedOauthFlowsUserPoolClient: false,
                allowedOauthFlows: undefined,
                allowedOauthScopes: undefined,
                readAttributes: undefined,
                writeAttributes: ["email", "name"],
                explicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_AUTH"],
                refreshTokenRotation: { feature: "DISABLED" },
            },
        ));

    it("a machine client: client_credentials with its scopes, self-service attributes less the privileged", () => {
        const machine = (over: object) => ({
            name: "svc",
            accessTokenValidity: 60,
            idTokenValidity: 60,
            refreshTokenValidity: 720,
            tokenValidityUnits: UNITS,
            authSessionValidity: 3,
            enableTokenRevocation: true,
            preventUserExistenceErrors: "ENABLED",
            generateSecret: true,
            enablePropagateAdditionalUserContextData: false,
            allowedOauthFlowsUserPoolClient: true,
            allowedOauthFlows: ["client_credentials"],
            allowedOauthScopes: [],
            supportedIdentityProviders: undefined,
            writeAttributes: SELF_SERVICE,
            explicitAuthFlows: ["ALLOW_REFRESH_TOKEN_AUTH"],
            refreshTokenRotation: { feature: "DISABLED" },
            ...over,
        });
        assert.deepEqual(
            machineClientArgs({ name: "svc", kind: "machine", oauthScopes: [SERVICE], accessTokenValidityMinutes: 10 }, { privilegedAttributes: [{ attribute: "locale", trustedBy: "principal tag lang" }, { attribute: "email_verified", trustedBy: "account linking" }] }),
            machine({ accessTokenValidity: 10, allowedOauthScopes: [SERVICE], writeAttributes: SELF_SERVICE.filter((a) => a !== "locale") }),
        );
        assert.deepEqual(machineClientArgs({ name: "svc", kind: "machine" }), machine({}));
    });
});

describe("AppClients: the resources", () => {
    const CLIENT = "aws:cognito/userPoolClient:UserPoolClient";
    const BRANDING = "aws:cognito/managedLoginBranding:ManagedLoginBranding";
    const PARENT = "urn:pulumi:test::cognito-stack::cognito-stack:cognito:AppClients::apps";

    it("refuses bad clients in one error naming the component", () =>
        assert.throws(
            () => new AppClients("bad", { userPoolId: "p", clients: [{ name: "w" }, { name: "w" }] }),
            (e: unknown) => e instanceof Error && e.message === 'AppClients bad has 1 problem:\n  - AppClientsArgs.appClients[1].name must be unique (received: "w"). Fix: give each app client its own name',
        ));

    it("creates each client and its default managed-login style under the component, offering COGNITO alone without providers", async () => {
        const registered: unknown[] = [];
        // The outputs a component registers are the engine's only: watch the call.
        const proto = pulumi.ComponentResource.prototype as unknown as { registerOutputs: (this: pulumi.ComponentResource, outputs?: unknown) => void };
        const original = proto.registerOutputs;
        proto.registerOutputs = function (outputs) {
            if (this instanceof AppClients && outputs !== undefined) registered.push(Object.keys(outputs as object));
            return original.call(this, outputs);
        };
        try {
            const { component, ...rs } = await build(() => new AppClients("apps", { userPoolId: "us-east-1_TestPool1", hasDomain: true, clients: [{ name: "web", callbackUrls: ["https://a.example.com/cb"] }, { name: "cli" }] }));
            const clients = ofType(rs, CLIENT).sort((a, b) => a.name.localeCompare(b.name));
            assert.deepEqual(
                clients.map((c) => [c.name, c.parent, c.props.supportedIdentityProviders]),
                [
                    ["apps-cli", PARENT, ["COGNITO"]],
                    ["apps-web", PARENT, ["COGNITO"]],
                ],
            );
            assert.deepEqual(
                ofType(rs, BRANDING).map((b) => [b.name, b.parent, b.props.useCognitoProvidedValues, b.props.settings]),
                [["apps-web-branding", PARENT, true, undefined]],
            );
            const ids = await valueOf(component.clientIds);
            assert.deepEqual(Object.keys(ids).sort(), ["cli", "web"]);
            assert.deepEqual([ids.cli, ids.web], [clients[0].outputs?.id, clients[1].outputs?.id]);
            assert.deepEqual(registered, [["clientIds", "machineClientSecrets"]]);
        } finally {
            proto.registerOutputs = original;
        }
    });

    it("gives no managed-login style on the classic hosted UI", async () => {
        const rs = await build(() => new AppClients("classic", { userPoolId: "us-east-1_TestPool1", hasDomain: true, managedLoginVersion: 1, clients: [{ name: "web", callbackUrls: ["https://a.example.com/cb"] }] }));
        assert.deepEqual(ofType(rs, CLIENT).map((c) => c.name), ["classic-web"]);
        assert.deepEqual(ofType(rs, BRANDING), []);
    });
});
