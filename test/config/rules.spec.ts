/**
 * The cross-key rules of config/rules.ts, each field a rule names tested on its own: a rule that
 * read the wrong one of two keys (protect for deletionProtection, api for graphqlApi) fails here.
 */
import * as assert from "node:assert/strict";
import { formatConfigIssue, parseStackConfig } from "../../config";
import { dependsOn, ID_TOKEN_CLAIMS, providerNames, stackPrivilegedAttributes, tokenClaims } from "../../config/rules";
import { DEV, engine, PROD } from "./corpus.spec";

type Config = Record<string, unknown>;

/** Every problem of the config, as printed. */
function problems(config: Config): string[] {
    const { bag, secretKeys } = engine(config);
    const r = parseStackConfig(bag, secretKeys);
    return r.ok ? [] : r.issues.map(formatConfigIssue);
}

function parsed(config: Config) {
    const { bag, secretKeys } = engine(config);
    const r = parseStackConfig(bag, secretKeys);
    assert.ok(r.ok, r.ok ? "" : r.issues.map(formatConfigIssue).join("\n"));
    return r.config;
}

describe("config/rules", () => {
    it("the bases are valid", () => {
        assert.deepEqual(problems(DEV), []);
        assert.deepEqual(problems(PROD), []);
    });

    describe("prod protections: each one is required on its own", () => {
        const table: [string, unknown, string][] = [
            ["protect", false, "cognito-stack:protect must be true in prod (a replaced or deleted pool loses every user) (received: false). Fix: pulumi config set protect true"],
            ["deletionProtection", false, "cognito-stack:deletionProtection must be true in prod (received: false). Fix: pulumi config set deletionProtection true"],
            ["retainDataOnDelete", false, "cognito-stack:retainDataOnDelete must be true in prod (the bucket and table hold users' data) (received: false). Fix: pulumi config set retainDataOnDelete true"],
            ["allowGuests", true, "cognito-stack:allowGuests must be false in prod (guests get AWS credentials without signing in) (received: true). Fix: pulumi config set allowGuests false; serve public data without AWS credentials (e.g. through the API)"],
        ];
        for (const [key, value, line] of table) {
            it(`prod with ${key} ${String(value)} and every other protection on: only ${key} is reported`, () => {
                assert.deepEqual(problems({ ...PROD, [key]: value }), [line]);
            });
            it(`prod with ${key} left unset: reported as with ${String(value)}`, () => {
                if (key === "allowGuests") {
                    assert.deepEqual(problems({ ...PROD, allowGuests: undefined }), [], "guests are off unless set");
                } else {
                    assert.deepEqual(problems({ ...PROD, [key]: undefined }), [line]);
                }
            });
        }

        it("names every protection missing at once", () => {
            assert.deepEqual(problems({ ...PROD, protect: false, deletionProtection: false, retainDataOnDelete: false, allowGuests: true }).map((l) => l.split(" ")[0]), [
                "cognito-stack:protect", "cognito-stack:deletionProtection", "cognito-stack:retainDataOnDelete", "cognito-stack:allowGuests",
            ]);
        });

        it("asks none of them outside prod", () => {
            for (const environment of ["dev", "staging"]) {
                assert.deepEqual(problems({ ...PROD, environment, protect: false, deletionProtection: false, retainDataOnDelete: false, allowGuests: true }), [], environment);
            }
        });

        it("asks for field logs at ERROR in prod only", () => {
            assert.deepEqual(problems({ ...PROD, graphqlApi: { fieldLogLevel: "ALL" } }), [
                "cognito-stack:graphqlApi.fieldLogLevel must be ERROR in prod (ALL writes every field's resolution of every request to the logs) (received: \"ALL\"). Fix: set graphqlApi.fieldLogLevel to ERROR; use ALL in dev to trace a problem",
            ]);
            assert.deepEqual(problems({ ...PROD, graphqlApi: { fieldLogLevel: "ERROR" } }), []);
            assert.deepEqual(problems({ ...PROD, environment: "staging", graphqlApi: { fieldLogLevel: "ALL" } }), []);
        });
    });

    describe("the default group grants nothing", () => {
        const withDefault = (group: string, over: Config): Config => ({
            ...DEV, api: undefined, groupRoles: false, ...over,
            triggers: { postConfirmation: { senderEmail: "no-reply@example.com", defaultGroup: group } },
        });
        const reason = (why: string) => `cognito-stack:triggers.postConfirmation.defaultGroup must not be a privileged group: every user who signs up joins it, and ${why} (received: "members"). Fix: name an ordinary group (e.g. members) and add administrators by hand (aws cognito-idp admin-add-user-to-group)`;

        it("accepts an ordinary group", () => assert.deepEqual(problems(withDefault("members", {})), []));

        it("refuses a group of api.adminGroups", () => {
            assert.deepEqual(problems(withDefault("members", { api: { adminGroups: ["admins", "members"] } })), [reason("api.adminGroups admits it to the admin route")]);
        });

        it("refuses a group of graphqlApi.adminGroups", () => {
            assert.deepEqual(problems(withDefault("members", { graphqlApi: { adminGroups: ["members"] } })), [reason("graphqlApi.adminGroups admits it to the admin query")]);
        });

        it("refuses a group with its own role, by name or through groupRoles: true", () => {
            assert.deepEqual(problems(withDefault("members", { groupRoles: ["admins", "members"] })), [reason("groupRoles gives it its own IAM role")]);
            assert.deepEqual(problems(withDefault("members", { groupRoles: ["admins"] })), []);
        });

        it("refuses a group a role-mapping rule maps to a role, and names every reason", () => {
            const rules = (matchType: string, role: string, claim = "cognito:groups", value = "members") => ({
                groupRoles: ["admins"], roleMappingType: "Rules", roleMappingRules: [{ claim, matchType, value, role }],
            });
            assert.deepEqual(problems(withDefault("members", rules("Contains", "admins"))), [reason("roleMappingRules[0] gives its members the role admins")]);
            assert.deepEqual(problems(withDefault("members", rules("Equals", "admins"))), [reason("roleMappingRules[0] gives its members the role admins")]);
            assert.deepEqual(problems(withDefault("members", rules("NotEqual", "admins"))), [], "a NotEqual rule maps everyone else");
            assert.deepEqual(problems(withDefault("members", rules("Contains", "authenticated"))), [], "the authenticated role grants nothing extra");
            assert.deepEqual(problems(withDefault("members", rules("Contains", "admins", "cognito:groups", "admins"))), [], "a rule on another group");
            assert.deepEqual(problems(withDefault("members", rules("Equals", "admins", "custom:tenant_id", "members"))), [], "a rule on another claim");
            assert.deepEqual(problems(withDefault("members", { ...rules("Contains", "admins"), api: { adminGroups: ["members"] }, graphqlApi: { adminGroups: ["members"] } })), [
                reason("api.adminGroups admits it to the admin route; graphqlApi.adminGroups admits it to the admin query; roleMappingRules[0] gives its members the role admins"),
            ]);
        });
    });

    describe("claims of role-mapping rules and principal tags", () => {
        it("knows the standard claims, the custom attributes and the trigger's claims, less the suppressed ones", () => {
            const { provided, suppressed } = tokenClaims(parsed(DEV));
            assert.deepEqual(suppressed, ["phone_number"]);
            for (const claim of ["email", "sub", "cognito:groups", "custom:tenant_id", "tenant_id", "roles"]) assert.ok(provided.includes(claim), claim);
            for (const claim of ["phone_number", "custom:other", "tenant"]) assert.ok(!provided.includes(claim), claim);
            const plain = tokenClaims(parsed({ ...DEV, triggers: { postConfirmation: { senderEmail: "no-reply@example.com", defaultGroup: "members" } } }));
            assert.ok(!plain.provided.includes("tenant_id") && !plain.provided.includes("roles") && plain.provided.includes("phone_number"));
            assert.deepEqual(plain.suppressed, []);
            const named = tokenClaims(parsed({ ...DEV, triggers: { preTokenGeneration: { tenantAttribute: "custom:tenant_id", tenantClaim: "org", rolesClaim: "perms" } } }));
            assert.ok(named.provided.includes("org") && named.provided.includes("perms") && !named.provided.includes("tenant_id"));
        });

        it("refuses a principal tag on a suppressed claim, naming the fix", () => {
            assert.deepEqual(problems({ ...DEV, principalTags: { phone: "phone_number" } }), [
                'cognito-stack:principalTags.phone names phone_number, which triggers.preTokenGeneration.suppressedClaims removes from the tokens, so the tag never matches (received: "phone_number"). Fix: remove phone_number from suppressedClaims or use another claim',
            ]);
        });

        it("refuses a rule on a claim no token carries, suggesting the near one and the custom attribute", () => {
            const lines = problems({ ...DEV, groupRoles: ["admins"], roleMappingType: "Rules", roleMappingRules: [{ claim: "custom:tenant", matchType: "Equals", value: "a", role: "admins" }] });
            assert.deepEqual(lines, [
                'cognito-stack:roleMappingRules[0].claim names custom:tenant, which no attribute or trigger puts in the ID token, so the rule never matches (received: "custom:tenant"). Fix: did you mean custom:tenant_id? add tenant to customAttributes, or use a standard claim (email, sub, cognito:groups, ...) or custom:<a name in customAttributes>',
            ]);
        });
    });

    describe("passkeys", () => {
        const custom = { domainPrefix: undefined, customDomain: "auth.example.com", customDomainCertificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/abc", signInFactors: ["PASSWORD", "WEB_AUTHN"] };

        it("without a relying party, suggests the custom domain before the prefix domain", () => {
            assert.deepEqual(problems({ ...DEV, ...custom }), [
                "cognito-stack:passkeyRelyingPartyId is required when signInFactors includes WEB_AUTHN (passkeys are bound to the relying party's domain) (received: nothing). Fix: pulumi config set passkeyRelyingPartyId auth.example.com",
            ]);
            assert.deepEqual(problems({ ...DEV, "aws:region": "eu-west-1", signInFactors: ["PASSWORD", "WEB_AUTHN"] }), [
                "cognito-stack:passkeyRelyingPartyId is required when signInFactors includes WEB_AUTHN (passkeys are bound to the relying party's domain) (received: nothing). Fix: pulumi config set passkeyRelyingPartyId acme-auth-dev.auth.eu-west-1.amazoncognito.com",
            ]);
        });

        it("any relying party without a custom domain; only the custom domain with one", () => {
            assert.deepEqual(problems({ ...DEV, signInFactors: ["PASSWORD", "WEB_AUTHN"], passkeyRelyingPartyId: "app.example.com" }), []);
            assert.deepEqual(problems({ ...DEV, ...custom, passkeyRelyingPartyId: "auth.example.com" }), []);
            assert.deepEqual(problems({ ...DEV, ...custom, passkeyRelyingPartyId: "app.example.com" }), [
                'cognito-stack:passkeyRelyingPartyId must be the custom domain auth.example.com (AWS requires it with a custom domain and managed login) (received: "app.example.com"). Fix: pulumi config set passkeyRelyingPartyId auth.example.com',
            ]);
        });

        it("asks nothing without WEB_AUTHN", () => assert.deepEqual(problems({ ...DEV, ...custom, signInFactors: ["PASSWORD"] }), []));
    });

    describe("api.resourceServer", () => {
        it("must be a resource server of the stack, with the near one suggested", () => {
            assert.deepEqual(problems({ ...DEV, api: { adminGroups: ["admins"], resourceServer: "https://api.example.org" } }).filter((l) => l.startsWith("cognito-stack:api.resourceServer")), [
                'cognito-stack:api.resourceServer must be the identifier of a resource server in resourceServers (received: "https://api.example.org"). Fix: did you mean https://api.example.com? use one of https://api.example.com',
            ]);
            assert.deepEqual(problems({ ...DEV, api: { adminGroups: ["admins"], resourceServer: "https://api.example.com" } }), []);
        });
    });

    describe("providerNames and dependsOn", () => {
        it("lists the providers in the order the federation creates them", () => {
            const c = parsed({
                ...DEV, facebook: { appId: "1234567890" }, facebookAppSecret: "fb-secret",
                apple: { servicesId: "com.example.app", teamId: "ABCDE12345", keyId: "KEY1234567" }, applePrivateKey: "-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----",
                samlProviders: [{ name: "Okta", metadataUrl: "https://okta.example.com/md" }],
                oidcProviders: [{ name: "Auth0", issuer: "https://acme.eu.auth0.com/", clientId: "abc" }], oidcClientSecrets: { Auth0: "s" },
            });
            assert.deepEqual(providerNames(c), ["Google", "Facebook", "SignInWithApple", "Okta", "Auth0"]);
        });

        it("names the keys a problem rests on, its own key first", () => {
            assert.deepEqual(dependsOn("protect"), ["protect", "environment"]);
            assert.deepEqual(dependsOn("allowGuests"), ["allowGuests", "environment"]);
            assert.deepEqual(dependsOn("graphqlApi.fieldLogLevel"), ["graphqlApi", "environment"]);
            assert.deepEqual(dependsOn("triggers.postConfirmation.defaultGroup"), ["triggers", "groups", "api", "graphqlApi", "groupRoles", "roleMappingRules"]);
            assert.deepEqual(dependsOn("roleMappingRules[2].role"), ["roleMappingRules", "groupRoles", "groups"]);
            assert.deepEqual(dependsOn("mfa"), ["mfa"]);
        });
    });
    describe("more branches, each on its own", () => {
        const PASSKEY_REQUIRED = "cognito-stack:passkeyRelyingPartyId is required when signInFactors includes WEB_AUTHN (passkeys are bound to the relying party's domain) (received: nothing). Fix: ";

        it("claims without a pre token generation trigger: exactly the standard ones and the custom attributes", () => {
            const { provided } = tokenClaims(parsed({ ...DEV, triggers: { postConfirmation: { senderEmail: "no-reply@example.com", defaultGroup: "members" } } }));
            assert.deepEqual(provided, [...ID_TOKEN_CLAIMS, "custom:tenant_id"]);
        });

        it("a claim far from every known one gets no suggestion, and one that is not custom: no customAttributes hint", () => {
            const rule = (claim: string) => problems({ ...DEV, groupRoles: ["admins"], roleMappingType: "Rules", roleMappingRules: [{ claim, matchType: "Equals", value: "a", role: "admins" }] });
            for (const claim of ["zzqqxx", "my-custom:zzqqxx"]) {
                assert.deepEqual(rule(claim), [
                    `cognito-stack:roleMappingRules[0].claim names ${claim}, which no attribute or trigger puts in the ID token, so the rule never matches (received: "${claim}"). Fix: use a standard claim (email, sub, cognito:groups, ...) or custom:<a name in customAttributes>`,
                ]);
            }
        });

        it("passkeys with neither a prefix nor a custom domain: says what to set", () => {
            const noDomain = { ...DEV, domainPrefix: undefined, appClients: [{ name: "web" }], google: undefined, googleClientSecret: undefined, signInFactors: ["PASSWORD", "WEB_AUTHN"] };
            assert.deepEqual(problems(noDomain), [`${PASSKEY_REQUIRED}set it to the domain users sign in at (your app's domain, or a customDomain)`]);
        });

        it("passkeys on the prefix domain in us-east-1 when the stack names no region", () => {
            assert.deepEqual(problems({ ...DEV, "aws:region": undefined, signInFactors: ["PASSWORD", "WEB_AUTHN"] }), [`${PASSKEY_REQUIRED}pulumi config set passkeyRelyingPartyId acme-auth-dev.auth.us-east-1.amazoncognito.com`]);
        });

        it("api.resourceServer may name any of several resource servers", () => {
            const second = { identifier: "https://admin.example.com", name: "Admin API", scopes: [{ name: "items.read", description: "Read" }, { name: "items.write", description: "Write" }] };
            const servers = [...(DEV.resourceServers as object[]), second];
            assert.deepEqual(problems({ ...DEV, resourceServers: servers, api: { adminGroups: ["admins"], resourceServer: "https://admin.example.com" } }), []);
            assert.deepEqual(problems({ ...DEV, resourceServers: servers, api: { adminGroups: ["admins"], resourceServer: "zzz" } })[0],
                'cognito-stack:api.resourceServer must be the identifier of a resource server in resourceServers (received: "zzz"). Fix: use one of https://api.example.com, https://admin.example.com');
        });

        it("api.resourceServer with no resource server at all", () => {
            const lines = problems({ ...DEV, resourceServers: [], appClients: [{ name: "web", callbackUrls: ["https://app.example.com/callback"] }], api: { adminGroups: ["admins"], resourceServer: "https://x.example" } });
            assert.deepEqual(lines, [
                'cognito-stack:api.resourceServer must be the identifier of a resource server in resourceServers (received: "https://x.example"). Fix: use one of (none: add one to resourceServers)',
                'cognito-stack:api.readScope names https://x.example/items.read, which no resource server defines (received: "https://x.example/items.read"). Fix: use one of (none: add a resource server with scopes)',
                'cognito-stack:api.writeScope names https://x.example/items.write, which no resource server defines (received: "https://x.example/items.write"). Fix: use one of (none: add a resource server with scopes)',
            ]);
        });

        it("an OIDC secret stored under a near name is named in the fix", () => {
            assert.deepEqual(problems({ ...DEV, oidcProviders: [{ name: "Auth0", clientId: "c", issuer: "https://acme.auth0.com/" }], oidcClientSecrets: { Auth0x: "s" } }), [
                "cognito-stack:oidcClientSecrets.Auth0 is required for OIDC provider Auth0 (received: nothing). Fix: oidcClientSecrets has Auth0x instead (names must match exactly): pulumi config set --secret --path 'oidcClientSecrets.Auth0' <client secret>",
            ]);
        });

        it("a pre token generation trigger needs a plan with access-token customization", () => {
            assert.deepEqual(problems({ ...DEV, featurePlan: "LITE" }), [
                'cognito-stack:featurePlan LITE does not offer access-token customization (pre token generation V2_0) (set by triggers; needs ESSENTIALS) (received: "LITE"). Fix: set featurePlan to ESSENTIALS or auto, or turn triggers down',
            ]);
            assert.deepEqual(problems({ ...DEV, featurePlan: "LITE", triggers: { postConfirmation: { senderEmail: "no-reply@example.com", defaultGroup: "members" } } }), []);
        });

        it("reports a problem two components find once", () => {
            assert.deepEqual(problems({ ...DEV, logRetentionDays: 45 }), [
                "cognito-stack:logRetentionDays must be one of CloudWatch's retention values 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653 (received: 45). Fix: choose the nearest allowed value, e.g. 30 or 365",
            ]);
        });

        it("IAM's rule for OIDC issuers applies only to direct logins, and names the issuer", () => {
            const oidc = { oidcProviders: [{ name: "Auth0", clientId: "c", issuer: "https://acme.auth0.com:8443/" }], oidcClientSecrets: { Auth0: "s" } };
            assert.deepEqual(problems({ ...DEV, ...oidc, identityPoolDirectLogins: true }), [
                'cognito-stack:oidcProviders[0].issuer must be an https:// URL without a port (IAM OIDC provider rule) (received: "https://acme.auth0.com:8443/"). Fix: use the iss value of the provider\'s tokens',
            ]);
            assert.deepEqual(problems({ ...DEV, ...oidc }), []);
        });

        it("the stack's privileged attributes reach the trigger checks", () => {
            assert.deepEqual(problems({ ...DEV, triggers: { ...(DEV.triggers as object), preSignUp: { allowedEmailDomains: ["example.com"], providerEmailVerifiedAttribute: "custom:tenant_id" } } })[0],
                'cognito-stack:triggers.preSignUp.providerEmailVerifiedAttribute must not be a privileged attribute (the providers write it through the app clients) (received: "custom:tenant_id"). Fix: use an attribute that nothing else trusts');
        });

        it("the stack's region reaches the adoption checks", () => {
            assert.deepEqual(problems({ ...DEV, adoptUserPool: { userPoolId: "eu-west-1_AbCdEf123" } })[0],
                'cognito-stack:adoptUserPool.userPoolId is a pool of eu-west-1, but the stack deploys to us-east-1 (received: "eu-west-1_AbCdEf123"). Fix: set aws:region to the pool\'s region, or name a pool of the stack\'s region');
        });

        it("never offers another provider's secret as the near name", () => {
            assert.deepEqual(problems({ ...DEV, oidcProviders: [{ name: "Auth0", clientId: "c", issuer: "https://acme.auth0.com/" }, { name: "Auth1", clientId: "c", issuer: "https://acme1.auth0.com/" }], oidcClientSecrets: { Auth1: "s" } }), [
                "cognito-stack:oidcClientSecrets.Auth0 is required for OIDC provider Auth0 (received: nothing). Fix: pulumi config set --secret --path 'oidcClientSecrets.Auth0' <client secret>",
            ]);
        });

        it("lists no provider the config does not configure", () => {
            const c = parsed({ ...DEV, google: undefined, googleClientSecret: undefined, appClients: [{ name: "web", callbackUrls: ["https://app.example.com/callback"] }] });
            assert.deepEqual(providerNames(c), []);
        });
    });

    describe("machine clients and the API's scopes, every line written out", () => {
        const RS = [
            {
                identifier: "https://api.example.com",
                name: "Example API",
                scopes: [
                    { name: "items.read", description: "Read your items" },
                    { name: "items.write", description: "Change your items" },
                    { name: "items.service", description: "Service access" },
                ],
            },
        ];
        const WEB = DEV.appClients as Config[];
        const machine = (scopes: string[]) => ({ name: "reporting", kind: "machine", oauthScopes: scopes });
        const BOTH = (scope: string) =>
            `cognito-stack:appClients must not give scope ${scope} to both machine client reporting and user client web: a route that accepts it for users would accept the machine's token, which speaks for no user (received: "${scope}"). Fix: give machine clients scopes of their own (e.g. <resource server>/items.service) and name those on the machine routes only`;
        const MACHINE_READS = (fix: string) =>
            `cognito-stack:appClients[1].oauthScopes must not include https://api.example.com/items.read, which the API's user routes accept: a machine token speaks for no user, and those routes act for the caller as a user (received: ["https://api.example.com/items.read"]). Fix: give the machine client the machine route's scope (${fix}) instead`;

        it("a machine client holding the read scope: the machine scope to use instead, when there is one", () => {
            assert.deepEqual(problems({ ...DEV, resourceServers: RS, appClients: [...WEB, machine(["https://api.example.com/items.read"])], api: { adminGroups: ["admins"], machineScope: "items.service" } }), [
                BOTH("https://api.example.com/items.read"),
                MACHINE_READS("api.machineScope: https://api.example.com/items.service"),
            ]);
            assert.deepEqual(problems({ ...DEV, resourceServers: RS, appClients: [...WEB, machine(["https://api.example.com/items.read"])], api: { adminGroups: ["admins"] } }), [
                BOTH("https://api.example.com/items.read"),
                MACHINE_READS("api.machineScope"),
            ]);
        });

        it("a machine client holding both user scopes: each named", () =>
            assert.ok(
                problems({
                    ...DEV,
                    resourceServers: RS,
                    appClients: [...WEB, machine(["https://api.example.com/items.read", "https://api.example.com/items.write"])],
                    api: { adminGroups: ["admins"], machineScope: "items.service" },
                }).includes(
                    'cognito-stack:appClients[1].oauthScopes must not include https://api.example.com/items.read, https://api.example.com/items.write, which the API\'s user routes accept: a machine token speaks for no user, and those routes act for the caller as a user (received: ["https://api.example.com/items.read","https://api.example.com/items.write"]). Fix: give the machine client the machine route\'s scope (api.machineScope: https://api.example.com/items.service) instead',
                ),
            ));

        it("a user client holding the machine scope", () =>
            assert.deepEqual(
                problems({
                    ...DEV,
                    resourceServers: RS,
                    appClients: [{ ...WEB[0], oauthScopes: ["openid", "https://api.example.com/items.service"] }, machine(["https://api.example.com/items.service"])],
                    api: { adminGroups: ["admins"], machineScope: "items.service" },
                }),
                [
                    BOTH("https://api.example.com/items.service"),
                    `cognito-stack:appClients[0].oauthScopes must not include https://api.example.com/items.service, the scope of the API's machine route (for client_credentials tokens only) (received: ["openid","https://api.example.com/items.service"]). Fix: remove it; users reach their items through the user routes`,
                ],
            ));

        it("counts only the clients that sign users in against the identity pool's ten role mappings", () =>
            assert.deepEqual(
                problems({
                    ...DEV,
                    resourceServers: RS,
                    appClients: [...Array.from({ length: 10 }, (_, i) => ({ name: `c${i}` })), machine(["https://api.example.com/items.service"])],
                    api: { adminGroups: ["admins"], machineScope: "items.service" },
                }),
                [],
            ));
    });

    describe("required attributes", () => {
        it("refuses a privileged attribute: no user could sign up", () =>
            assert.ok(
                problems({ ...DEV, principalTags: { tenant_id: "custom:tenant_id", zone: "zoneinfo" }, requiredAttributes: ["email", "zoneinfo"] }).includes(
                    'cognito-stack:requiredAttributes must not include zoneinfo, which only administrators and triggers may write (a user could not sign up) (received: ["email","zoneinfo"]). Fix: remove zoneinfo',
                ),
            ));

        it("names each attribute a provider does not map, one or several", () => {
            const line = (attrs: string) => problems({ ...DEV, requiredAttributes: ["email", ...attrs.split(", ")] }).filter((l) => l.startsWith("cognito-stack:requiredAttributes"));
            assert.deepEqual(line("birthdate"), [
                'cognito-stack:requiredAttributes birthdate is not mapped by Google, whose users Cognito could then not create (received: ["email","birthdate"]). Fix: map birthdate in Google\'s attributeMapping, or remove it from requiredAttributes',
            ]);
            assert.deepEqual(line("birthdate, gender"), [
                'cognito-stack:requiredAttributes birthdate, gender are not mapped by Google, whose users Cognito could then not create (received: ["email","birthdate","gender"]). Fix: map birthdate, gender in Google\'s attributeMapping, or remove them from requiredAttributes',
            ]);
        });
    });

    it("stackPrivilegedAttributes: a suspension attribute already trusted is listed once, under its first reason", () => {
        const c = parsed({
            ...DEV,
            customAttributes: [
                { name: "tenant_id", type: "String", mutable: true, maxLength: 64 },
                { name: "suspended", type: "String" },
            ],
            triggers: { ...(DEV.triggers as Config), preAuthentication: { tenantAttribute: "custom:tenant_id", suspendedTenants: ["t1"], suspendedAttribute: "custom:suspended" } },
        });
        assert.deepEqual(stackPrivilegedAttributes(c), [
            { attribute: "email_verified", trustedBy: "account linking, account recovery and the welcome email" },
            { attribute: "phone_number_verified", trustedBy: "account recovery and SMS messages" },
            { attribute: "custom:tenant_id", trustedBy: "the tenant claim of pre token generation, principal tag tenant_id" },
            { attribute: "custom:suspended", trustedBy: "the pre authentication trigger's suspension" },
        ]);
    });

    it("refuses a migration client named like any of the clients", () =>
        assert.deepEqual(
            problems({ ...DEV, appClients: [{ name: "app" }, ...(DEV.appClients as Config[])], triggers: { ...(DEV.triggers as Config), userMigration: { migrationClient: { name: "web", start: "2026-11-01", end: "2027-03-31" } } } }),
            ['cognito-stack:triggers.userMigration.migrationClient.name must not be the name of a client in appClients (the migration client is a client of its own) (received: "web"). Fix: name it e.g. migration'],
        ));

    it("refuses the invitation subject with a custom email sender, and the verification SMS with a custom SMS sender", () => {
        assert.deepEqual(problems({ ...DEV, emailFrom: "no-reply@example.com", triggers: { customEmailSender: {} }, invitationMessage: { emailSubject: "Welcome" } }), [
            'cognito-stack:invitationMessage.emailSubject is never sent: with triggers.customEmailSender the sender writes every email from its own templates (per trigger source and locale) (received: "Welcome"). Fix: remove invitationMessage.emailSubject; change the sender\'s texts with triggers.customEmailSender.appName and defaultLanguage, or in lambdas/shared/templates.ts',
        ]);
        assert.deepEqual(problems({ ...DEV, triggers: { customSmsSender: { senderId: "Example" } }, autoVerifiedAttributes: ["email", "phone_number"], verificationSmsMessage: "Code {####}" }), [
            'cognito-stack:verificationSmsMessage is never sent: with triggers.customSmsSender the sender writes every SMS from its own templates (per trigger source and locale) (received: "Code {####}"). Fix: remove verificationSmsMessage; change the sender\'s texts with triggers.customSmsSender.appName and defaultLanguage, or in lambdas/shared/templates.ts',
        ]);
    });
});
