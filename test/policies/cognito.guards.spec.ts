/**
 * The Cognito rules' edges, each with the whole list of messages written out: fields left to
 * AWS's defaults, values at a limit, hostile CIDRs and redirect URLs, and the less common
 * ways a scope or a privileged group reaches users.
 */
import * as assert from "node:assert/strict";
import {
    cidrPrefix,
    clientGrants,
    clientHttpsCallbacks,
    clientNoImplicitGrant,
    clientPreventUserExistenceErrors,
    clientPrivilegedAttributes,
    clientRefreshTokenRotation,
    clientTokenRevocation,
    clientTokenValidity,
    defaultGroupUnprivileged,
    isSecureRedirect,
    machineScopesSeparate,
    riskIpExceptions,
    triggerFunctions,
    userPoolAccountRecovery,
    userPoolCustomAuthThreatProtection,
    userPoolDeletionProtection,
    userPoolDeviceTracking,
    userPoolMfa,
    userPoolPasswordPolicy,
    userPoolRiskConfiguration,
    userPoolThreatProtection,
} from "../../policies/cognito";
import type { Plan, PlanResource } from "../../tools/planTypes";
import { adminsRoleArn, authStatements, find, fnArn, poolId, policyDocument, resourceServer, run, securePlan, setProp, stackConfig } from "./fixtures";

type Policy = Parameters<typeof run>[1];

async function messages(plan: Plan, policy: Policy, config?: unknown): Promise<string[]> {
    return (await run(plan, policy, config)).map((v) => v.message);
}

const password = { minimumLength: 14, requireLowercase: true, requireUppercase: true, requireNumbers: true, requireSymbols: true, passwordHistorySize: 5, temporaryPasswordValidityDays: 3 };
const SERVICE = `${resourceServer}/items.service`;
const READ = `${resourceServer}/items.read`;

describe("policies/cognito: CIDRs of threat protection's IP exceptions", () => {
    const cases: [string, ReturnType<typeof cidrPrefix>][] = [
        ["203.0.113.0/24", { version: 4, prefix: 24 }],
        ["203.0.113.7", { version: 4, prefix: 32 }],
        [" 203.0.113.0/24 ", { version: 4, prefix: 24 }],
        ["0.0.0.0/0", { version: 4, prefix: 0 }],
        ["255.250.249.199/32", { version: 4, prefix: 32 }],
        ["2001:db8::/56", { version: 6, prefix: 56 }],
        ["::/0", { version: 6, prefix: 0 }],
        ["2001:db8:0:0:0:0:0:1", { version: 6, prefix: 128 }],
        ["FE80::1/64", { version: 6, prefix: 64 }],
        // Hostile or malformed: each must be refused, never read as some other range.
        ["", undefined],
        ["/24", undefined],
        ["203.0.113.0/33", undefined],
        ["2001:db8::/129", undefined],
        ["203.0.113.0/0024", undefined],
        ["203.0.113.0/24x", undefined],
        ["x/203.0.113.0/32", undefined],
        ["203.0.113.0/24/32", undefined],
        ["1.2.3.4.5/32", undefined],
        ["256.1.1.1/32", undefined],
        ["1.256.1.1/32", undefined],
        ["1.295.1.1/32", undefined],
        ["1.24x.1.1/32", undefined],
        ["abcd/16", undefined],
        ["zz::1/128", undefined],
        ["::1zz/128", undefined],
        ["1::2::3/64", undefined],
        ["not a range", undefined],
    ];
    for (const [value, expected] of cases) {
        it(`reads ${JSON.stringify(value)} as ${JSON.stringify(expected)}`, () => {
            assert.deepEqual(cidrPrefix(value), expected);
        });
    }
});

describe("policies/cognito: redirect URLs", () => {
    const cases: [string, boolean][] = [
        ["https://app.example.com/cb", true],
        ["http://localhost", true],
        ["http://localhost/cb", true],
        ["http://localhost:3000/cb", true],
        ["myapp://callback", true],
        ["com.example.app:/oauth2redirect", true],
        ["MyApp://callback", true],
        // A browser runs it, sends it in clear, or it is no URL at all.
        ["http://localhost.evil.example/cb", false],
        ["http://localhost@evil.example/cb", false],
        ["http://localhost:port/cb", false],
        ["javascript:alert(1)//http://localhost/", false],
        ["JavaScript:alert(1)", false],
        ["1app://callback", false],
        ["//myapp:callback", false],
        ["not a url", false],
        ["", false],
        ["https://user@evil.example/", false],
        ["https://app.example.com/cb?next=https://user@app.example.com/", true],
    ];
    for (const [url, secure] of cases) {
        it(`${secure ? "accepts" : "refuses"} ${JSON.stringify(url)}`, () => {
            assert.equal(isSecureRedirect(url), secure);
        });
    }

    it("checks the default redirect URI as well as the callback and logout URLs", async () => {
        const plan = setProp(securePlan(), "web", "defaultRedirectUri", "http://app.example.com/cb");
        assert.deepEqual(await messages(plan, clientHttpsCallbacks), ["defaultRedirectUri has http://app.example.com/cb: use an https URL (plain http only for http://localhost)."]);
    });
});

describe("cognito-user-pool-mfa: fields left unset and factors per config", () => {
    const dev = stackConfig("dev");

    it("reads an unset mfaConfiguration as OFF, and counts no SMS factor while MFA is off", async () => {
        const plan = setProp(setProp(securePlan(), "users", "mfaConfiguration", undefined), "users", "smsConfiguration", { externalId: "x", snsCallerArn: "arn:aws:iam::123456789012:role/sms" });
        assert.deepEqual(await messages(plan, userPoolMfa), ["mfaConfiguration is OFF: set it to ON."]);
    });

    it("with OPTIONAL allowed, still refuses OFF and names both accepted values", async () => {
        assert.deepEqual(await messages(setProp(securePlan(), "users", "mfaConfiguration", "OFF"), userPoolMfa, dev), ["mfaConfiguration is OFF: set it to ON or OPTIONAL."]);
    });

    it("reports no missing factor when MFA is off", async () => {
        const plan = setProp(setProp(securePlan(), "users", "mfaConfiguration", "OFF"), "users", "softwareTokenMfaConfiguration", undefined);
        assert.deepEqual(await messages(plan, userPoolMfa), ["mfaConfiguration is OFF: set it to ON."]);
    });

    it("refuses email MFA where the config allows only the authenticator app", async () => {
        const plan = setProp(securePlan(), "users", "emailMfaConfiguration", { message: "Code {####}", subject: "Code" });
        const config = { "cognito-user-pool-mfa": { allowedFactors: ["SOFTWARE_TOKEN"] } };
        assert.deepEqual(await messages(plan, userPoolMfa, config), ["MFA factor EMAIL is enabled but not allowed (allowed: SOFTWARE_TOKEN): remove its configuration."]);
    });

    it("names every allowed factor when SMS is enabled but not allowed", async () => {
        const plan = setProp(securePlan(), "users", "smsConfiguration", { externalId: "x", snsCallerArn: "arn:aws:iam::123456789012:role/sms" });
        assert.deepEqual(await messages(plan, userPoolMfa), ["MFA factor SMS is enabled but not allowed (allowed: SOFTWARE_TOKEN, EMAIL): remove its configuration."]);
    });
});

describe("cognito-user-pool-password-policy: defaults and limits", () => {
    it("names every missing character class", async () => {
        const plan = setProp(securePlan(), "users", "passwordPolicy", { ...password, requireLowercase: false, requireSymbols: undefined });
        assert.deepEqual(await messages(plan, userPoolPasswordPolicy), ["passwordPolicy does not require requireLowercase, requireSymbols: set requireLowercase: true, requireSymbols: true."]);
    });

    it("reads an unset length as AWS's 8 and an unset history as 0", async () => {
        const plan = setProp(securePlan(), "users", "passwordPolicy", { ...password, minimumLength: undefined, passwordHistorySize: undefined });
        assert.deepEqual(await messages(plan, userPoolPasswordPolicy), [
            "passwordPolicy.minimumLength is 8: set it to at least 12.",
            "passwordPolicy.passwordHistorySize is 0: set it to at least 5.",
        ]);
    });

    it("refuses a temporary password valid longer than 7 days, and accepts exactly 7", async () => {
        const long = setProp(securePlan(), "users", "passwordPolicy", { ...password, temporaryPasswordValidityDays: 8 });
        assert.deepEqual(await messages(long, userPoolPasswordPolicy), ["passwordPolicy.temporaryPasswordValidityDays is 8: set it to at most 7."]);
        const seven = setProp(securePlan(), "users", "passwordPolicy", { ...password, temporaryPasswordValidityDays: 7 });
        assert.deepEqual(await messages(seven, userPoolPasswordPolicy), []);
    });

    it("reads an unset temporary validity as AWS's 7 days against a stricter config", async () => {
        const plan = setProp(securePlan(), "users", "passwordPolicy", { ...password, temporaryPasswordValidityDays: undefined });
        const config = { "cognito-user-pool-password-policy": { maxTemporaryPasswordValidityDays: 3 } };
        assert.deepEqual(await messages(plan, userPoolPasswordPolicy, config), ["passwordPolicy.temporaryPasswordValidityDays is 7: set it to at most 3."]);
    });
});

describe("cognito user pool settings left to AWS's defaults", () => {
    it("threat protection: an unset mode is OFF and an unset tier is ESSENTIALS", async () => {
        const plan = setProp(setProp(securePlan(), "users", "userPoolAddOns", undefined), "users", "userPoolTier", undefined);
        assert.deepEqual(await messages(plan, userPoolThreatProtection), [
            "userPoolAddOns.advancedSecurityMode is OFF: set it to ENFORCED.",
            "userPoolTier is ESSENTIALS: threat protection needs PLUS, set userPoolTier: \"PLUS\".",
        ]);
    });

    it("deletion protection: unset is INACTIVE", async () => {
        assert.deepEqual(await messages(setProp(securePlan(), "users", "deletionProtection", undefined), userPoolDeletionProtection), ["deletionProtection is INACTIVE: set it to ACTIVE."]);
    });

    it("device tracking: both settings off give both messages, unprefixed", async () => {
        const plan = setProp(securePlan(), "users", "deviceConfiguration", { challengeRequiredOnNewDevice: false, deviceOnlyRememberedOnUserPrompt: false });
        assert.deepEqual(await messages(plan, userPoolDeviceTracking), [
            "deviceConfiguration.challengeRequiredOnNewDevice is not true, so a device Cognito has never seen is not challenged: set it to true.",
            "deviceConfiguration.deviceOnlyRememberedOnUserPrompt is not true, so every device is remembered (a shared computer included) and can skip MFA: set it to true and let users choose.",
        ]);
    });

    it("risk configuration: unset actions are answered with nothing", async () => {
        const plan = securePlan();
        const risk = find(plan, "users-risk");
        for (const r of [risk.props, risk.outputs!]) {
            r.accountTakeoverRiskConfiguration = { actions: { lowAction: { eventAction: "NO_ACTION", notify: false } } };
            r.compromisedCredentialsRiskConfiguration = { eventFilters: ["SIGN_IN"] };
        }
        assert.deepEqual(await messages(plan, userPoolRiskConfiguration), [
            "Risk configuration \"users-risk\" answers high-risk sign-ins with nothing: set accountTakeoverRiskConfiguration.actions.highAction.eventAction to BLOCK or MFA_REQUIRED.",
            "Risk configuration \"users-risk\" answers compromised credentials with nothing: set compromisedCredentialsRiskConfiguration.actions.eventAction to BLOCK.",
            "Risk configuration \"users-risk\" does not check compromised credentials on PASSWORD_CHANGE, SIGN_UP: add them to compromisedCredentialsRiskConfiguration.eventFilters, or leave eventFilters unset for every event.",
        ]);
    });
});

describe("cognito-user-pool-account-recovery: mechanisms", () => {
    const recovery = (plan: Plan, mechanisms: object[], verified?: string[]): Plan =>
        setProp(setProp(plan, "users", "accountRecoverySetting", { recoveryMechanisms: mechanisms }), "users", "autoVerifiedAttributes", verified);

    it("accepts admin-only recovery, which sends nothing to any channel", async () => {
        assert.deepEqual(await messages(recovery(securePlan(), [{ name: "admin_only", priority: 1 }]), userPoolAccountRecovery), []);
    });

    it("refuses a mechanism that is not a verified channel, and one whose channel is not verified", async () => {
        const plan = recovery(securePlan(), [{ name: "unverified_email", priority: 1 }, { name: "verified_phone_number", priority: 2 }, { priority: 3 }]);
        assert.deepEqual(await messages(plan, userPoolAccountRecovery), [
            "Recovery mechanism unverified_email is not a verified channel: use verified_email or verified_phone_number.",
            "Recovery mechanism verified_phone_number uses phone_number, which is not verified: add \"phone_number\" to autoVerifiedAttributes.",
            "Recovery mechanism  is not a verified channel: use verified_email or verified_phone_number.",
        ]);
    });

    it("reads unset autoVerifiedAttributes as none verified", async () => {
        assert.deepEqual(await messages(recovery(securePlan(), [{ name: "verified_email", priority: 1 }]), userPoolAccountRecovery), [
            "Recovery mechanism verified_email uses email, which is not verified: add \"email\" to autoVerifiedAttributes.",
        ]);
    });
});

describe("cognito-risk-ip-exceptions: limits", () => {
    const exceptions = (plan: Plan, skipped: string[], blocked: string[] = []): Plan => {
        const risk = find(plan, "users-risk");
        for (const r of [risk.props, risk.outputs!]) r.riskExceptionConfiguration = { skippedIpRangeLists: skipped, blockedIpRangeLists: blocked };
        return plan;
    };
    const ranges = (n: number): string[] => Array.from({ length: n }, (_, i) => `203.0.${i}.0/24`);

    it("accepts exactly the maximum number of skipped ranges and refuses one more", async () => {
        assert.deepEqual(await messages(exceptions(securePlan(), ranges(10)), riskIpExceptions), []);
        assert.deepEqual(await messages(exceptions(securePlan(), ranges(11)), riskIpExceptions), [
            "riskExceptionConfiguration.skippedIpRangeLists has 11 ranges: skip at most 10, each an office or VPN range.",
        ]);
    });

    it("lets a blocked list hold wide ranges (blocking more is safe), but still checks they are CIDRs", async () => {
        assert.deepEqual(await messages(exceptions(securePlan(), [], ["0.0.0.0/0", "2001:db8::/16"]), riskIpExceptions), []);
        assert.deepEqual(await messages(exceptions(securePlan(), [], ["10.0.0.0/8x"]), riskIpExceptions), [
            "riskExceptionConfiguration.blockedIpRangeLists has \"10.0.0.0/8x\", not an IPv4 or IPv6 CIDR: write it like 203.0.113.0/24.",
        ]);
    });

    it("refuses a wide skipped range with the range and its width", async () => {
        assert.deepEqual(await messages(exceptions(securePlan(), ["0.0.0.0/0", "10.0.0.0/16", "2001:db8::/48"]), riskIpExceptions), [
            "riskExceptionConfiguration.skippedIpRangeLists has 0.0.0.0/0, which turns threat protection off for /0 (every address): skip only ranges of /24 or narrower.",
            "riskExceptionConfiguration.skippedIpRangeLists has 10.0.0.0/16, which turns threat protection off for /16 (a range that wide): skip only ranges of /24 or narrower.",
            "riskExceptionConfiguration.skippedIpRangeLists has 2001:db8::/48, which turns threat protection off for /48 (a range that wide): skip only ranges of /56 or narrower.",
        ]);
    });
});

describe("cognito-client-token-validity: AWS's defaults for unset values and units", () => {
    it("reads an unset ID-token validity as 1 hour against a 30-minute cap", async () => {
        const plan = setProp(setProp(securePlan(), "web", "idTokenValidity", undefined), "web", "tokenValidityUnits", { accessToken: "minutes", refreshToken: "days" });
        const config = { "cognito-client-token-validity": { maxIdTokenMinutes: 30 } };
        // The machine client "reporting" sets 60 minutes, which the cap refuses as well.
        assert.deepEqual(await messages(plan, clientTokenValidity, config), [
            "idTokenValidity is 1 hours: lower it to at most 30 minutes.",
            "idTokenValidity is 60 minutes: lower it to at most 30 minutes.",
        ]);
    });

    it("reads unset units as hours for access and ID tokens and days for refresh tokens", async () => {
        const plan = securePlan();
        setProp(plan, "web", "tokenValidityUnits", undefined);
        setProp(plan, "web", "accessTokenValidity", 2);
        setProp(plan, "web", "idTokenValidity", 2);
        setProp(plan, "web", "refreshTokenValidity", 31);
        assert.deepEqual(await messages(plan, clientTokenValidity), [
            "accessTokenValidity is 2 hours: lower it to at most 60 minutes.",
            "idTokenValidity is 2 hours: lower it to at most 60 minutes.",
            "refreshTokenValidity is 31 days: lower it to at most 30 days.",
        ]);
    });
});

describe("cognito-client-refresh-token-rotation: what counts as a machine client", () => {
    it("does not exempt a client_credentials client whose explicitAuthFlows is unset (AWS's default signs users in)", async () => {
        const plan = setProp(securePlan(), "reporting", "explicitAuthFlows", undefined);
        assert.equal((await messages(plan, clientRefreshTokenRotation)).length, 1);
    });

    it("does not exempt a client without any OAuth flow", async () => {
        const plan = setProp(securePlan(), "reporting", "allowedOauthFlows", undefined);
        assert.equal((await messages(plan, clientRefreshTokenRotation)).length, 1);
    });
});

describe("cognito-machine-scopes-separate: the other ways a scope reaches users", () => {
    it("counts the scopes of an implicit-grant client as user scopes", async () => {
        const plan = setProp(setProp(securePlan(), "web", "allowedOauthFlows", ["implicit"]), "web", "allowedOauthScopes", ["openid", SERVICE]);
        assert.deepEqual(await messages(plan, machineScopesSeparate), [
            `Machine client "reporting" holds ${SERVICE}, which user client "web" also gives users: a route that takes it for users would take the machine's token, which speaks for no user. Give machines scopes of their own.`,
        ]);
    });

    it("names the machine client's own code grant when it gives its scope to users", async () => {
        const plan = setProp(securePlan(), "reporting", "allowedOauthFlows", ["client_credentials", "code"]);
        assert.deepEqual(await messages(plan, machineScopesSeparate), [
            `Machine client "reporting" holds ${SERVICE}, which its own code grant also gives users: a route that takes it for users would take the machine's token, which speaks for no user. Give machines scopes of their own.`,
        ]);
    });

    it("reads the legacy preTokenGeneration trigger and trims ACCESS_TOKEN_SCOPES", async () => {
        const plan = securePlan();
        const arn = "arn:aws:lambda:us-east-1:123456789012:function:app-pre-token";
        setProp(plan, "users", "lambdaConfig", { postConfirmation: "arn:aws:lambda:us-east-1:123456789012:function:app-post-confirmation", preTokenGeneration: arn });
        setProp(plan, "pre-token", "environment", { variables: { ACCESS_TOKEN_SCOPES: ` , ${READ} ,  ${SERVICE} , ` } });
        assert.deepEqual(await messages(plan, machineScopesSeparate), [
            `Machine client "reporting" holds ${SERVICE}, which the pre token generation trigger "pre-token" also gives users: a route that takes it for users would take the machine's token, which speaks for no user. Give machines scopes of their own.`,
        ]);
    });

    it("reads SCOPES_BY_GROUP lists and skips what is not a list of strings", async () => {
        const plan = setProp(securePlan(), "pre-token", "environment", { variables: { SCOPES_BY_GROUP: JSON.stringify({ admins: "not a list", ops: [1, SERVICE] }) } });
        assert.deepEqual(await messages(plan, machineScopesSeparate), [
            `Machine client "reporting" holds ${SERVICE}, which the pre token generation trigger "pre-token" also gives users: a route that takes it for users would take the machine's token, which speaks for no user. Give machines scopes of their own.`,
        ]);
        const malformed = setProp(securePlan(), "pre-token", "environment", { variables: { SCOPES_BY_GROUP: "{not json" } });
        assert.deepEqual(await messages(malformed, machineScopesSeparate), []);
    });

    it("leaves methods without the Cognito authorizer alone (their scopes are not checked by API Gateway)", async () => {
        const plan = setProp(securePlan(), "admin-get", "authorizationScopes", [READ, SERVICE]);
        assert.deepEqual(await messages(plan, machineScopesSeparate), []);
    });
});

describe("cognito-default-group-unprivileged: groups named by routes, scopes, schemas and role mappings", () => {
    const withDefault = (plan: Plan, group: string): Plan => setProp(plan, "post-confirmation", "environment", { variables: { DEFAULT_GROUP: ` ${group} ` } });
    const expected = (group: string, why: string): string =>
        `The post confirmation trigger "post-confirmation" adds every new user to group "${group}", which is privileged (${why}): set DEFAULT_GROUP to a group without privileges, or to nothing.`;

    it("refuses a group a route of the API requires", async () => {
        const plan = withDefault(securePlan(), "editors");
        setProp(plan, "api-handler", "environment", { variables: { ROUTE_REQUIREMENTS: JSON.stringify({ "PUT /items": { groups: ["editors", 7] }, "GET /items": "not a rule", "DELETE /items": { groups: "editors" } }) } });
        assert.deepEqual(await messages(plan, defaultGroupUnprivileged), [expected("editors", "a route of the API requires it (ROUTE_REQUIREMENTS of \"api-handler\")")]);
    });

    it("refuses a group that gets extra scopes from the token trigger", async () => {
        const plan = withDefault(securePlan(), "ops");
        setProp(plan, "pre-token", "environment", { variables: { SCOPES_BY_GROUP: JSON.stringify({ ops: [READ] }) } });
        assert.deepEqual(await messages(plan, defaultGroupUnprivileged), [expected("ops", "its members get extra scopes (SCOPES_BY_GROUP of \"pre-token\")")]);
    });

    it("ignores route and scope tables that are not JSON objects", async () => {
        const plan = withDefault(securePlan(), "members");
        setProp(plan, "api-handler", "environment", { variables: { ROUTE_REQUIREMENTS: "[\"members\"]", SCOPES_BY_GROUP: "{broken" } });
        setProp(plan, "pre-token", "environment", { variables: { SCOPES_BY_GROUP: "[\"members\"]" } });
        assert.deepEqual(await messages(plan, defaultGroupUnprivileged), []);
    });

    it("refuses a group a role-mapping rule gives a role", async () => {
        const plan = withDefault(securePlan(), "members");
        const roles = find(plan, "roles");
        const mappings = [{
            identityProvider: "cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEf123:web",
            type: "Rules",
            ambiguousRoleResolution: "Deny",
            mappingRules: [{ claim: "cognito:groups", matchType: "Contains", value: "members", roleArn: "arn:aws:iam::123456789012:role/app-admins-role" }],
        }];
        roles.props.roleMappings = mappings;
        roles.outputs!.roleMappings = mappings;
        assert.deepEqual(await messages(plan, defaultGroupUnprivileged), [expected("members", "a role-mapping rule of \"roles\" gives it arn:aws:iam::123456789012:role/app-admins-role")]);
    });
});

describe("cognito-client-privileged-attributes: every consumer of an attribute", () => {
    const provider = "cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEf123";
    const writes = (plan: Plan, ...attributes: string[]): Plan => setProp(plan, "web", "writeAttributes", ["email", ...attributes]);
    const refused = (attribute: string, what: string): string =>
        `App client "web" lets users write ${attribute} (at SignUp and with UpdateUserAttributes), which feeds ${what}: leave it out of writeAttributes and set it server-side (an admin API or a trigger).`;

    it("refuses an attribute the token trigger turns into another claim", async () => {
        const plan = writes(securePlan(), "custom:department");
        setProp(plan, "pre-token", "environment", { variables: { TENANT_ATTRIBUTE: "custom:tenant_id", EXTRA_CLAIMS: "department=custom:department,tenant=custom:tenant_id" } });
        assert.deepEqual(await messages(plan, clientPrivilegedAttributes), [refused("custom:department", "a claim of the pre token generation trigger \"pre-token\" (EXTRA_CLAIMS)")]);
    });

    it("refuses the attributes pre authentication suspends users by", async () => {
        const plan = writes(securePlan(), "custom:suspended", "custom:org");
        const lambdaConfig = { ...(find(plan, "users").props.lambdaConfig as object), preAuthentication: "arn:aws:lambda:us-east-1:123456789012:function:app-post-confirmation" };
        setProp(plan, "users", "lambdaConfig", lambdaConfig);
        setProp(plan, "post-confirmation", "environment", { variables: { DEFAULT_GROUP: "members", SUSPENDED_TENANTS: " t1 ", TENANT_ATTRIBUTE: " custom:org ", SUSPENDED_ATTRIBUTE: " custom:suspended " } });
        assert.deepEqual(await messages(plan, clientPrivilegedAttributes), [
            refused("custom:org", "the tenant suspension of the pre authentication trigger \"post-confirmation\""),
            refused("custom:suspended", "the user suspension of the pre authentication trigger \"post-confirmation\""),
        ]);
    });

    it("lets users write the tenant attribute when pre authentication suspends no tenant", async () => {
        const plan = writes(securePlan(), "custom:org");
        setProp(plan, "users", "lambdaConfig", { ...(find(plan, "users").props.lambdaConfig as object), preAuthentication: "arn:aws:lambda:us-east-1:123456789012:function:app-post-confirmation" });
        setProp(plan, "post-confirmation", "environment", { variables: { DEFAULT_GROUP: "members", SUSPENDED_TENANTS: " ", TENANT_ATTRIBUTE: "custom:org", SUSPENDED_ATTRIBUTE: "" } });
        assert.deepEqual(await messages(plan, clientPrivilegedAttributes), []);
    });

    it("refuses a claim a role-mapping rule of this pool reads, keyed by provider and client id", async () => {
        const plan = writes(securePlan(), "custom:role");
        const mappings = [{ identityProvider: `${provider}:web`, type: "Rules", ambiguousRoleResolution: "Deny", mappingRules: [{ claim: "custom:role", matchType: "Equals", value: "admin", roleArn: "arn:aws:iam::123456789012:role/app-admins-role" }] }];
        const roles = find(plan, "roles");
        roles.props.roleMappings = mappings;
        roles.outputs!.roleMappings = mappings;
        assert.deepEqual(await messages(plan, clientPrivilegedAttributes), [
            refused("custom:role", "a role-mapping rule of \"roles\" (custom:role Equals \"admin\" gets arn:aws:iam::123456789012:role/app-admins-role)"),
        ]);
    });

    it("refuses a claim a principal tag reads, and ignores another provider's tags", async () => {
        const plan = writes(securePlan(), "custom:dept");
        const tag = (name: string, providerName: string): (typeof plan.resources)[number] => ({
            ...find(plan, "roles"),
            urn: `urn:pulumi:prod::cognito-stack::aws:cognito/identityPoolProviderPrincipalTag:IdentityPoolProviderPrincipalTag::${name}`,
            type: "aws:cognito/identityPoolProviderPrincipalTag:IdentityPoolProviderPrincipalTag",
            name,
            props: { identityPoolId: "x", identityProviderName: providerName, principalTags: { dept: "custom:dept" }, useDefaults: false },
            outputs: { identityPoolId: "x", identityProviderName: providerName, principalTags: { dept: "custom:dept" }, useDefaults: false },
        });
        plan.resources.push(tag("tags", provider), tag("other-tags", "cognito-idp.us-east-1.amazonaws.com/us-east-1_Other999"));
        assert.deepEqual(await messages(plan, clientPrivilegedAttributes), [
            refused("custom:dept", "principal tag dept of \"tags\", which IAM conditions trust"),
        ]);
    });
});

describe("cognito resource policies: a value of the wrong kind, named by its own field", () => {
    // The engine names the resource by its URN: the message names the field as the provider spells it.
    const cases: [Policy, string, string, unknown, string][] = [
        [userPoolMfa, "users", "mfaConfiguration", 42, "mfaConfiguration must be a string (received: 42)"],
        [userPoolPasswordPolicy, "users", "passwordPolicy", { ...password, minimumLength: "long" }, "passwordPolicy.minimumLength must be a number (received: \"long\")"],
        [userPoolThreatProtection, "users", "userPoolTier", 7, "userPoolTier must be a string (received: 7)"],
        [riskIpExceptions, "users-risk", "riskExceptionConfiguration", { skippedIpRangeLists: "203.0.113.0/24" }, "riskExceptionConfiguration.skippedIpRangeLists must be a list of strings (received: \"203.0.113.0/24\")"],
        [userPoolDeletionProtection, "users", "deletionProtection", true, "deletionProtection must be a string (received: true)"],
        [userPoolDeviceTracking, "users", "deviceConfiguration", "remember", "deviceConfiguration must be an object (received: \"remember\")"],
        [userPoolAccountRecovery, "users", "autoVerifiedAttributes", "email", "autoVerifiedAttributes must be a list of strings (received: \"email\")"],
        // A single string where a list belongs is no list: never read as "no implicit grant".
        [clientNoImplicitGrant, "web", "allowedOauthFlows", "implicit", "allowedOauthFlows must be a list of strings (received: \"implicit\")"],
        [clientTokenValidity, "web", "idTokenValidity", "an hour", "idTokenValidity must be a number (received: \"an hour\")"],
        [clientTokenRevocation, "web", "enableTokenRevocation", "no", "enableTokenRevocation must be a boolean (received: \"no\")"],
        [clientGrants, "reporting", "generateSecret", "yes", "generateSecret must be a boolean (received: \"yes\")"],
        [clientRefreshTokenRotation, "web", "refreshTokenRotation", "ENABLED", "refreshTokenRotation must be an object (received: \"ENABLED\")"],
        [clientRefreshTokenRotation, "web", "allowedOauthFlows", "code", "allowedOauthFlows must be a list of strings (received: \"code\")"],
        [clientPreventUserExistenceErrors, "web", "preventUserExistenceErrors", true, "preventUserExistenceErrors must be a string (received: true)"],
        [clientHttpsCallbacks, "web", "callbackUrls", "https://app.example.com/cb", "callbackUrls must be a list of strings (received: \"https://app.example.com/cb\")"],
    ];
    for (const [policy, resource, field, value, message] of cases) {
        it(`${policy.name}: ${field} = ${JSON.stringify(value)}`, async () => {
            const found = await run(setProp(securePlan(), resource, field, value), policy);
            assert.deepEqual(found.map((v) => [v.enforcementLevel, v.urn.split("::").pop(), v.malformed?.field, v.message]), [
                ["mandatory", resource, message.split(" must be ")[0], `${message}: give the value the provider expects.`],
            ]);
        });
    }
});

describe("cognito-client-grants: every item of each list named", () => {
    it("names each extra grant, redirect, user flow, provider and user scope of a machine client", async () => {
        const plan = securePlan();
        setProp(plan, "reporting", "allowedOauthFlows", ["client_credentials", "code", "implicit"]);
        setProp(plan, "reporting", "callbackUrls", ["https://svc.example.com/cb"]);
        setProp(plan, "reporting", "logoutUrls", ["https://svc.example.com/bye"]);
        setProp(plan, "reporting", "defaultRedirectUri", "https://svc.example.com/home");
        setProp(plan, "reporting", "explicitAuthFlows", ["ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_CUSTOM_AUTH"]);
        setProp(plan, "reporting", "supportedIdentityProviders", ["COGNITO", "Google"]);
        setProp(plan, "reporting", "allowedOauthScopes", [SERVICE, "openid", "profile"]);
        assert.deepEqual(await messages(plan, clientGrants), [
            "allowedOauthFlows mixes client_credentials with code, implicit: a machine token speaks for no user, so give machines a client of their own with [\"client_credentials\"] only.",
            "The client_credentials client redirects users (https://svc.example.com/cb, https://svc.example.com/bye, https://svc.example.com/home): remove callbackUrls, logoutUrls and defaultRedirectUri; user apps get a client of their own.",
            "The client_credentials client also signs users in (ALLOW_USER_SRP_AUTH, ALLOW_CUSTOM_AUTH): set explicitAuthFlows: [\"ALLOW_REFRESH_TOKEN_AUTH\"].",
            "The client_credentials client offers identity providers (COGNITO, Google): remove supportedIdentityProviders; no user signs in through it.",
            "The client_credentials client asks for user scopes (openid, profile): list only resource-server scopes (<identifier>/<scope>).",
        ]);
    });

    it("reads logout URLs alone as redirects, and unset scopes as no user scope", async () => {
        const plan = setProp(setProp(securePlan(), "reporting", "logoutUrls", ["https://svc.example.com/bye"]), "reporting", "allowedOauthScopes", undefined);
        assert.deepEqual(await messages(plan, clientGrants), [
            "The client_credentials client redirects users (https://svc.example.com/bye): remove callbackUrls, logoutUrls and defaultRedirectUri; user apps get a client of their own.",
        ]);
    });
});

describe("cognito-client-refresh-token-rotation: only client_credentials makes a machine client", () => {
    it("does not exempt a code-grant client that allows only the refresh flow (its users get refresh tokens)", async () => {
        const plan = setProp(setProp(securePlan(), "web", "explicitAuthFlows", ["ALLOW_REFRESH_TOKEN_AUTH"]), "web", "refreshTokenRotation", { feature: "DISABLED" });
        assert.deepEqual(await messages(plan, clientRefreshTokenRotation), [
            "refreshTokenRotation.feature is DISABLED: set refreshTokenRotation { feature: \"ENABLED\", retryGracePeriodSeconds: 0..60 }.",
        ]);
    });
});

describe("cognito pool policies on a pool without triggers (lambdaConfig unset)", () => {
    const bare = (): Plan => setProp(securePlan(), "users", "lambdaConfig", undefined);

    it("cognito-trigger-functions finds no trigger to check", async () => {
        assert.deepEqual(await messages(bare(), triggerFunctions), []);
    });

    it("cognito-machine-scopes-separate still compares the clients' scopes", async () => {
        assert.deepEqual(await messages(bare(), machineScopesSeparate), []);
        const shared = setProp(bare(), "reporting", "allowedOauthScopes", [SERVICE, READ]);
        assert.deepEqual(await messages(shared, machineScopesSeparate), [
            `Machine client "reporting" holds ${READ}, which user client "web" also gives users: a route that takes it for users would take the machine's token, which speaks for no user. Give machines scopes of their own.`,
        ]);
    });
});

describe("cognito-machine-scopes-separate: a method mixing several scopes of each kind", () => {
    it("names every machine scope and every user scope it accepts", async () => {
        const REPORT = `${resourceServer}/items.report`;
        const WRITE = `${resourceServer}/items.write`;
        const plan = setProp(securePlan(), "reporting", "allowedOauthScopes", [SERVICE, REPORT]);
        setProp(plan, "items-get", "authorizationScopes", [READ, SERVICE, WRITE, REPORT]);
        assert.deepEqual(await messages(plan, machineScopesSeparate), [
            `Method "items-get" accepts machine scope ${SERVICE}, ${REPORT} and user scope ${READ}, ${WRITE}: a route is for users or for machines; split it in two.`,
        ]);
    });
});

describe("cognito-default-group-unprivileged: what names no privileged group", () => {
    const withDefault = (plan: Plan, group: string): Plan => setProp(plan, "post-confirmation", "environment", { variables: { DEFAULT_GROUP: group } });
    const mapped = (plan: Plan, rules: object[]): Plan => {
        const mappings = [{ identityProvider: `cognito-idp.us-east-1.amazonaws.com/${poolId}:web`, type: "Rules", ambiguousRoleResolution: "Deny", mappingRules: rules }];
        const roles = find(plan, "roles");
        roles.props.roleMappings = mappings;
        roles.outputs!.roleMappings = mappings;
        return plan;
    };

    it("reads JSON null as no table, and a null route as no rule", async () => {
        const plan = withDefault(securePlan(), "members");
        setProp(plan, "api-handler", "environment", { variables: { ADMIN_GROUPS: "admins", ROUTE_REQUIREMENTS: JSON.stringify({ "GET /items": null, "PUT /items": { groups: ["editors"] } }), SCOPES_BY_GROUP: "null" } });
        assert.deepEqual(await messages(plan, defaultGroupUnprivileged), []);
    });

    it("reads an empty cognito_groups list of a GraphQL schema as no group", async () => {
        const plan = withDefault(securePlan(), "members");
        const schema = "type Query { me: String @aws_cognito_user_pools(cognito_groups: []) admin: String @aws_cognito_user_pools(cognito_groups: [\"admins\"]) }";
        const api: PlanResource = { ...find(plan, "api"), urn: "urn:pulumi:prod::cognito-stack::aws:appsync/graphQLApi:GraphQLApi::graphql", type: "aws:appsync/graphQLApi:GraphQLApi", name: "graphql", props: { schema }, outputs: { schema, id: "graphql" } };
        plan.resources.push(api);
        assert.deepEqual(await messages(plan, defaultGroupUnprivileged), []);
        assert.deepEqual(await messages(withDefault(plan, "admins"), defaultGroupUnprivileged), [
            "The post confirmation trigger \"post-confirmation\" adds every new user to group \"admins\", which is privileged (an admin group of the API (REQUIRED_GROUPS of \"api-authorizer\"); an admin group of the API (ADMIN_GROUPS of \"api-handler\"); an admin group of GraphQL API \"graphql\" (cognito_groups in its schema)): set DEFAULT_GROUP to a group without privileges, or to nothing.",
        ]);
    });

    it("counts a role-mapping rule only when it reads cognito:groups", async () => {
        const plan = mapped(withDefault(securePlan(), "members"), [{ claim: "custom:dept", matchType: "Equals", value: "members", roleArn: "arn:aws:iam::123456789012:role/app-admins-role" }]);
        assert.deepEqual(await messages(plan, defaultGroupUnprivileged), []);
    });

    it("names a rule without a role ARN as giving \"a role\"", async () => {
        const plan = mapped(withDefault(securePlan(), "members"), [{ claim: "cognito:groups", matchType: "Contains", value: "members" }]);
        assert.deepEqual(await messages(plan, defaultGroupUnprivileged), [
            "The post confirmation trigger \"post-confirmation\" adds every new user to group \"members\", which is privileged (a role-mapping rule of \"roles\" gives it a role): set DEFAULT_GROUP to a group without privileges, or to nothing.",
        ]);
    });
});

describe("cognito-client-privileged-attributes: role-mapping rules read exactly", () => {
    const rulesOf = (plan: Plan, identityProvider: string, rules: object[]): Plan => {
        const mappings = [{ identityProvider, type: "Rules", ambiguousRoleResolution: "Deny", mappingRules: rules }];
        const roles = find(plan, "roles");
        roles.props.roleMappings = mappings;
        roles.outputs!.roleMappings = mappings;
        return plan;
    };
    const provider = `cognito-idp.us-east-1.amazonaws.com/${poolId}`;

    it("ignores a rule keyed by a provider that only resembles the pool's", async () => {
        const plan = setProp(securePlan(), "web", "writeAttributes", ["email", "custom:role"]);
        rulesOf(plan, `cognito-idp.us-east-1.amazonaws.com:web/${poolId}`, [{ claim: "custom:role", matchType: "Equals", value: "admin", roleArn: "arn:aws:iam::123456789012:role/app-admins-role" }]);
        assert.deepEqual(await messages(plan, clientPrivilegedAttributes), []);
    });

    it("names a rule whose match type, value and role are unset, and reads a rule without a claim as no attribute", async () => {
        const plan = setProp(securePlan(), "web", "writeAttributes", undefined);
        rulesOf(plan, `${provider}:web`, [{ claim: "custom:role" }, { matchType: "Equals", value: "x" }]);
        const found = await messages(plan, clientPrivilegedAttributes);
        assert.deepEqual(found.map((m) => /including (\S+)/.exec(m)?.[1]), ["email_verified", "phone_number_verified", "custom:tenant_id", "custom:role"]);
        assert.equal(
            found[3],
            "App client \"web\" sets no writeAttributes, so users may write every attribute, including custom:role (at SignUp and with UpdateUserAttributes), which feeds a role-mapping rule of \"roles\" (custom:role  \"\" gets a role): leave it out of writeAttributes and set it server-side (an admin API or a trigger).",
        );
    });
});

describe("cognito app client limits at their edge", () => {
    it("accepts a refresh-token grace period of exactly 60 seconds and refuses 61", async () => {
        const grace = (n: number): Plan => setProp(securePlan(), "web", "refreshTokenRotation", { feature: "ENABLED", retryGracePeriodSeconds: n });
        assert.deepEqual(await messages(grace(60), clientRefreshTokenRotation), []);
        assert.deepEqual(await messages(grace(61), clientRefreshTokenRotation), ["refreshTokenRotation.retryGracePeriodSeconds is 61: set it to at most 60."]);
    });

    it("names an unset preventUserExistenceErrors as unset", async () => {
        assert.deepEqual(await messages(setProp(securePlan(), "web", "preventUserExistenceErrors", undefined), clientPreventUserExistenceErrors), ["preventUserExistenceErrors is unset: set it to ENABLED."]);
    });

    it("leaves a method alone whose other scope belongs to no client (neither a machine's nor a user's)", async () => {
        const OTHER = `${resourceServer}/items.other`;
        const plan = setProp(setProp(securePlan(), "items-get", "authorizationScopes", [READ, OTHER]), "service-get", "authorizationScopes", [SERVICE, OTHER]);
        assert.deepEqual(await messages(plan, machineScopesSeparate), []);
    });
});

describe("cognito-user-pool-custom-auth-threat-protection: each trigger, and the modes allowed", () => {
    const custom = (lambdaConfig: object): Plan => setProp(securePlan(), "users", "lambdaConfig", { postConfirmation: fnArn("app-post-confirmation"), ...lambdaConfig });
    const refused = (why: string, modes = "ENFORCED"): string =>
        `User pool "users" runs custom authentication (${why}) with userPoolAddOns.advancedSecurityAdditionalFlows.customAuthMode unset: set it to ${modes}.`;
    const arn = fnArn("app-post-confirmation");

    it("counts each auth challenge trigger alone, and names every one set", async () => {
        assert.deepEqual(await messages(custom({ createAuthChallenge: arn }), userPoolCustomAuthThreatProtection), [refused("it has createAuthChallenge triggers")]);
        assert.deepEqual(await messages(custom({ verifyAuthChallengeResponse: arn }), userPoolCustomAuthThreatProtection), [refused("it has verifyAuthChallengeResponse triggers")]);
        assert.deepEqual(await messages(custom({ defineAuthChallenge: arn, createAuthChallenge: arn }), userPoolCustomAuthThreatProtection), [refused("it has defineAuthChallenge, createAuthChallenge triggers")]);
    });

    it("names every allowed mode, and passes a mode the config allows", async () => {
        const config = { ...(stackConfig("prod") as object), "cognito-user-pool-custom-auth-threat-protection": { allowedCustomAuthModes: ["AUDIT", "ENFORCED"], reason: "test" } };
        assert.deepEqual(await messages(custom({ defineAuthChallenge: arn }), userPoolCustomAuthThreatProtection, config), [refused("it has defineAuthChallenge triggers", "AUDIT or ENFORCED")]);
        const audited = setProp(custom({ defineAuthChallenge: arn }), "users", "userPoolAddOns", { advancedSecurityMode: "ENFORCED", advancedSecurityAdditionalFlows: { customAuthMode: "AUDIT" } });
        assert.deepEqual(await messages(audited, userPoolCustomAuthThreatProtection, config), []);
    });
});

describe("cognito-trigger-functions: every trigger of lambdaConfig", () => {
    it("names each trigger pointing outside the stack", async () => {
        const foreign = "arn:aws:lambda:us-east-1:999999999999:function:x";
        const plain = ["createAuthChallenge", "customMessage", "defineAuthChallenge", "postAuthentication", "postConfirmation", "preAuthentication", "preSignUp", "preTokenGeneration", "userMigration", "verifyAuthChallengeResponse"];
        const nested = ["preTokenGenerationConfig", "customEmailSender", "customSmsSender"];
        const lambdaConfig = { ...Object.fromEntries(plain.map((t) => [t, foreign])), ...Object.fromEntries(nested.map((t) => [t, { lambdaArn: foreign, lambdaVersion: "V1_0" }])) };
        assert.deepEqual(await messages(setProp(securePlan(), "users", "lambdaConfig", lambdaConfig), triggerFunctions), [...plain, ...nested.map((t) => `${t}.lambdaArn`)].map(
            (t) => `User pool "users" runs lambdaConfig.${t} ${foreign}, not a function of this stack, whose code this stack does not control: point it at a function of this program.`,
        ));
    });
});

describe("cognito-client-privileged-attributes: the triggers' settings read as the triggers read them", () => {
    const including = async (plan: Plan): Promise<(string | undefined)[]> => (await messages(setProp(plan, "web", "writeAttributes", undefined), clientPrivilegedAttributes)).map((m) => /including (\S*) \(/.exec(m)?.[1]);
    const refused = (attribute: string, what: string): string =>
        `App client "web" lets users write ${attribute} (at SignUp and with UpdateUserAttributes), which feeds ${what}: leave it out of writeAttributes and set it server-side (an admin API or a trigger).`;

    it("reads the legacy preTokenGeneration trigger and trims its TENANT_ATTRIBUTE", async () => {
        const plan = setProp(securePlan(), "users", "lambdaConfig", { postConfirmation: fnArn("app-post-confirmation"), preTokenGeneration: fnArn("app-pre-token") });
        setProp(plan, "pre-token", "environment", { variables: { TENANT_ATTRIBUTE: " custom:org ", LOG_LEVEL: "info" } });
        setProp(plan, "web", "writeAttributes", ["email", "custom:org"]);
        assert.deepEqual(await messages(plan, clientPrivilegedAttributes), [refused("custom:org", "the tenant claim of the pre token generation trigger \"pre-token\"")]);
        assert.deepEqual(await including(plan), ["email_verified", "phone_number_verified", "custom:org"]);
    });

    it("names no function when the token trigger is not a function of this stack", async () => {
        const plan = setProp(securePlan(), "users", "lambdaConfig", { postConfirmation: fnArn("app-post-confirmation"), preTokenGenerationConfig: { lambdaArn: "arn:aws:lambda:us-east-1:999999999999:function:x", lambdaVersion: "V2_0" } });
        setProp(plan, "web", "writeAttributes", ["email", "custom:tenant_id"]);
        assert.deepEqual(await messages(plan, clientPrivilegedAttributes), [refused("custom:tenant_id", "the tenant claim of the pre token generation trigger")]);
    });

    it("suspends tenants by the default tenant attribute, and ignores a blank SUSPENDED_ATTRIBUTE", async () => {
        const plan = setProp(securePlan(), "users", "lambdaConfig", { ...(find(securePlan(), "users").props.lambdaConfig as object), preAuthentication: fnArn("app-post-confirmation") });
        setProp(plan, "post-confirmation", "environment", { variables: { DEFAULT_GROUP: "members", SUSPENDED_TENANTS: "t1", SUSPENDED_ATTRIBUTE: " " } });
        setProp(plan, "web", "writeAttributes", ["email", "custom:tenant_id"]);
        assert.deepEqual(await messages(plan, clientPrivilegedAttributes), [
            refused("custom:tenant_id", "the tenant claim of the pre token generation trigger \"pre-token\"; the tenant suspension of the pre authentication trigger \"post-confirmation\""),
        ]);
        assert.deepEqual(await including(plan), ["email_verified", "phone_number_verified", "custom:tenant_id"]);
    });
});

describe("cognito-default-group-unprivileged: group lists, schemas and group roles read exactly", () => {
    const withDefault = (plan: Plan, group: string): Plan => setProp(plan, "post-confirmation", "environment", { variables: { DEFAULT_GROUP: group } });
    const expected = (group: string, why: string): string =>
        `The post confirmation trigger "post-confirmation" adds every new user to group "${group}", which is privileged (${why}): set DEFAULT_GROUP to a group without privileges, or to nothing.`;

    it("trims each group of ADMIN_GROUPS", async () => {
        const plan = withDefault(securePlan(), "ops");
        setProp(plan, "api-handler", "environment", { variables: { ADMIN_GROUPS: "admins, ops" } });
        assert.deepEqual(await messages(plan, defaultGroupUnprivileged), [expected("ops", "an admin group of the API (ADMIN_GROUPS of \"api-handler\")")]);
    });

    it("reads cognito_groups with or without spaces around the colon", async () => {
        for (const spelling of ["cognito_groups:[\"editors\"]", "cognito_groups : [\"editors\"]"]) {
            const plan = withDefault(securePlan(), "editors");
            const schema = `type Query { admin: String @aws_cognito_user_pools(${spelling}) }`;
            plan.resources.push({ ...find(plan, "api"), urn: "urn:pulumi:prod::cognito-stack::aws:appsync/graphQLApi:GraphQLApi::graphql", type: "aws:appsync/graphQLApi:GraphQLApi", name: "graphql", props: { schema }, outputs: { schema, id: "graphql" } });
            assert.deepEqual(await messages(plan, defaultGroupUnprivileged), [expected("editors", "an admin group of GraphQL API \"graphql\" (cognito_groups in its schema)")], spelling);
        }
    });

    it("compares group roles statement by statement: a Deny or another order grants nothing more", async () => {
        const plan = setProp(securePlan(), "members", "roleArn", adminsRoleArn);
        const [first, ...rest] = authStatements;
        const reordered = { ...first, Action: [...(first.Action as string[])].reverse() };
        setProp(plan, "admins-policy", "policy", policyDocument(reordered, ...rest, { Effect: "Deny", Action: "s3:*", Resource: "*" }));
        assert.deepEqual(await messages(plan, defaultGroupUnprivileged), []);
    });

    it("counts a statement that differs from the authenticated role's only by its actions", async () => {
        const plan = withDefault(setProp(securePlan(), "members", "roleArn", adminsRoleArn), "members");
        const [first, ...rest] = authStatements;
        setProp(plan, "admins-policy", "policy", policyDocument({ ...first, Action: [...(first.Action as string[]), "s3:PutObjectAcl"] }, ...rest));
        assert.deepEqual(await messages(plan, defaultGroupUnprivileged), [expected("members", `its group role ${adminsRoleArn} grants more than the authenticated role`)]);
    });

    it("counts a managed policy the authenticated role does not attach", async () => {
        const plan = setProp(securePlan(), "members", "roleArn", adminsRoleArn);
        const attach = (name: string, role: string, policyArn: string) => ({
            ...find(plan, "admins-policy"), urn: `urn:pulumi:prod::cognito-stack::aws:iam/rolePolicyAttachment:RolePolicyAttachment::${name}`, type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment", name,
            props: { role, policyArn }, outputs: { role, policyArn, id: name },
        });
        plan.resources.push(attach("auth-managed", "app-authenticated-role", "arn:aws:iam::aws:policy/AmazonCognitoReadOnly"), attach("admins-managed", "app-admins-role", "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"));
        assert.deepEqual(await messages(withDefault(plan, "members"), defaultGroupUnprivileged), [expected("members", `its group role ${adminsRoleArn} grants more than the authenticated role`)]);
    });
});
