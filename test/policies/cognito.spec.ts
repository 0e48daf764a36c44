import * as assert from "node:assert/strict";
import {
    clientHttpsCallbacks,
    clientNoImplicitGrant,
    clientPreventUserExistenceErrors,
    clientRefreshTokenRotation,
    clientTokenRevocation,
    clientTokenValidity,
    userPoolAccountRecovery,
    userPoolDeletionProtection,
    userPoolMfa,
    userPoolPasswordPolicy,
    userPoolRiskConfiguration,
    userPoolThreatProtection,
    cidrPrefix,
    clientPrivilegedAttributes,
    defaultGroupUnprivileged,
    isSecureRedirect,
    riskIpExceptions,
    triggerFunctions,
    userPoolCustomAuthThreatProtection,
    clientGrants,
    machineScopesSeparate,
    userPoolDeviceTracking,
} from "../../policies/cognito";
import { adminsRoleArn, authStatements, bucketArn, describePolicy, find, poolId, policyDocument, resourceServer, run, securePlan, setProp, stackConfig } from "./fixtures";

const password = { minimumLength: 14, requireLowercase: true, requireUppercase: true, requireNumbers: true, requireSymbols: true, passwordHistorySize: 5, temporaryPasswordValidityDays: 3 };

describePolicy(userPoolMfa, [
    { title: "rejects MFA OFF", mutate: (p) => setProp(p, "users", "mfaConfiguration", "OFF"), message: /mfaConfiguration is OFF: set it to ON\./ },
    { title: "rejects OPTIONAL MFA in prod", mutate: (p) => setProp(p, "users", "mfaConfiguration", "OPTIONAL"), message: /mfaConfiguration is OPTIONAL: set it to ON\./ },
    {
        title: "rejects SMS when the config disallows it",
        mutate: (p) => setProp(p, "users", "smsConfiguration", { externalId: "x", snsCallerArn: "arn:aws:iam::123456789012:role/sms" }),
        message: /MFA factor SMS is enabled but not allowed \(allowed: SOFTWARE_TOKEN, EMAIL\)/,
    },
    { title: "rejects ON with no factor", mutate: (p) => setProp(p, "users", "softwareTokenMfaConfiguration", { enabled: false }), message: /no factor is enabled/ },
]);

describe("cognito-user-pool-mfa with the dev config", () => {
    it("accepts OPTIONAL where the config allows it", async () => {
        const plan = setProp(securePlan(), "users", "mfaConfiguration", "OPTIONAL");
        assert.deepEqual(await run(plan, userPoolMfa, stackConfig("dev")), []);
    });
});

describePolicy(userPoolPasswordPolicy, [
    { title: "rejects a short minimum length", mutate: (p) => setProp(p, "users", "passwordPolicy", { ...password, minimumLength: 8 }), message: /minimumLength is 8: set it to at least 12\./ },
    { title: "rejects a missing character class", mutate: (p) => setProp(p, "users", "passwordPolicy", { ...password, requireSymbols: false }), message: /does not require requireSymbols: set requireSymbols: true\./ },
    { title: "rejects no password history", mutate: (p) => setProp(p, "users", "passwordPolicy", { ...password, passwordHistorySize: 0 }), message: /passwordHistorySize is 0: set it to at least 5\./ },
    { title: "rejects a missing password policy", mutate: (p) => setProp(p, "users", "passwordPolicy", undefined), message: /passwordPolicy is not set/ },
    {
        title: "honours a configured minimum length",
        mutate: (p) => setProp(p, "users", "passwordPolicy", { ...password, minimumLength: 14 }),
        config: { "cognito-user-pool-password-policy": { minimumLength: 16 } },
        message: /minimumLength is 14: set it to at least 16\./,
    },
]);

describePolicy(userPoolThreatProtection, [
    { title: "rejects AUDIT mode", mutate: (p) => setProp(p, "users", "userPoolAddOns", { advancedSecurityMode: "AUDIT" }), message: /advancedSecurityMode is AUDIT: set it to ENFORCED\./ },
    { title: "rejects a tier below PLUS", mutate: (p) => setProp(p, "users", "userPoolTier", "ESSENTIALS"), message: /userPoolTier is ESSENTIALS: threat protection needs PLUS/ },
]);

const risk = (high: string, compromised: string): object => ({
    accountTakeoverRiskConfiguration: { actions: { highAction: { eventAction: high, notify: false } } },
    compromisedCredentialsRiskConfiguration: { actions: { eventAction: compromised } },
});

describePolicy(userPoolRiskConfiguration, [
    {
        title: "rejects a high-risk action that lets the sign-in through",
        mutate: (p) => Object.assign(find(p, "users-risk").outputs!, risk("MFA_IF_CONFIGURED", "BLOCK")),
        message: /answers high-risk sign-ins with MFA_IF_CONFIGURED: set .*highAction.eventAction to BLOCK or MFA_REQUIRED\./,
    },
    {
        title: "rejects compromised credentials not blocked",
        mutate: (p) => Object.assign(find(p, "users-risk").outputs!, risk("BLOCK", "NO_ACTION")),
        message: /answers compromised credentials with NO_ACTION: set .* to BLOCK\./,
    },
    {
        title: "rejects compromised credentials checked on sign-up only",
        mutate: (p) => setProp(p, "users-risk", "compromisedCredentialsRiskConfiguration", { actions: { eventAction: "BLOCK" }, eventFilters: ["SIGN_UP"] }),
        message: /^Risk configuration "users-risk" does not check compromised credentials on SIGN_IN, PASSWORD_CHANGE: add them to compromisedCredentialsRiskConfiguration\.eventFilters, or leave eventFilters unset for every event\.$/,
    },
    { title: "rejects a pool without risk configuration", mutate: (p) => setProp(p, "users-risk", "userPoolId", `${poolId}-other`), message: /User pool "users" has no aws.cognito.RiskConfiguration/ },
]);

describePolicy(userPoolDeletionProtection, [
    { title: "rejects INACTIVE deletion protection", mutate: (p) => setProp(p, "users", "deletionProtection", "INACTIVE"), message: /deletionProtection is INACTIVE: set it to ACTIVE\./ },
    { title: "rejects an unprotected pool", mutate: (p) => { find(p, "users").options.protect = false; }, message: /not protected: pass the resource option protect: true\./ },
]);

describePolicy(userPoolAccountRecovery, [
    { title: "rejects no recovery setting", mutate: (p) => setProp(p, "users", "accountRecoverySetting", undefined), message: /accountRecoverySetting is not set/ },
    { title: "rejects recovery over an unverified channel", mutate: (p) => setProp(p, "users", "autoVerifiedAttributes", []), message: /verified_email uses email, which is not verified: add "email" to autoVerifiedAttributes\./ },
]);

describePolicy(clientNoImplicitGrant, [
    { title: "rejects the implicit grant", mutate: (p) => setProp(p, "web", "allowedOauthFlows", ["code", "implicit"]), message: /allowedOauthFlows includes implicit/ },
]);

describePolicy(clientTokenValidity, [
    { title: "rejects a 2-hour access token", mutate: (p) => setProp(p, "web", "accessTokenValidity", 120), message: /accessTokenValidity is 120 minutes: lower it to at most 60 minutes\./ },
    { title: "rejects a 90-day refresh token", mutate: (p) => setProp(p, "web", "refreshTokenValidity", 90), message: /refreshTokenValidity is 90 days: lower it to at most 30 days\./ },
    {
        title: "reads validity in the declared units",
        mutate: (p) => setProp(p, "web", "tokenValidityUnits", { accessToken: "hours", idToken: "minutes", refreshToken: "days" }),
        message: /accessTokenValidity is 60 hours/,
    },
]);

describePolicy(clientTokenRevocation, [
    { title: "rejects revocation turned off", mutate: (p) => setProp(p, "web", "enableTokenRevocation", false), message: /enableTokenRevocation is false: set it to true/ },
]);

describePolicy(clientRefreshTokenRotation, [
    { title: "rejects rotation off", mutate: (p) => setProp(p, "web", "refreshTokenRotation", undefined), message: /refreshTokenRotation.feature is unset: set refreshTokenRotation \{ feature: "ENABLED"/ },
    { title: "rejects a grace period over 60 s", mutate: (p) => setProp(p, "web", "refreshTokenRotation", { feature: "ENABLED", retryGracePeriodSeconds: 120 }), message: /retryGracePeriodSeconds is 120: set it to at most 60\./ },
]);

describePolicy(clientPreventUserExistenceErrors, [
    { title: "rejects LEGACY", mutate: (p) => setProp(p, "web", "preventUserExistenceErrors", "LEGACY"), message: /preventUserExistenceErrors is LEGACY: set it to ENABLED\./ },
]);

describePolicy(clientHttpsCallbacks, [
    { title: "rejects an http callback", mutate: (p) => setProp(p, "web", "callbackUrls", ["http://app.example.com/callback"]), message: /callbackUrls has http:\/\/app.example.com\/callback: use an https URL/ },
    { title: "rejects an http logout URL", mutate: (p) => setProp(p, "web", "logoutUrls", ["http://localhost.evil.com/"]), message: /logoutUrls has http:\/\/localhost.evil.com\// },
    { title: "rejects a javascript: callback beside a native app's own scheme", mutate: (p) => setProp(p, "web", "callbackUrls", ["myapp://callback", "javascript://x"]), message: /^callbackUrls has javascript:\/\/x: use an https URL/ },
]);

describePolicy(clientPrivilegedAttributes, [
    { title: "rejects a writable tenant attribute", mutate: (p) => setProp(p, "web", "writeAttributes", ["email", "custom:tenant_id"]), message: /^App client "web" lets users write custom:tenant_id \(at SignUp and with UpdateUserAttributes\), which feeds the tenant claim of the pre token generation trigger "pre-token": leave it out of writeAttributes and set it server-side \(an admin API or a trigger\)\.$/ },
    { title: "rejects a writable verification flag", mutate: (p) => setProp(p, "web", "writeAttributes", ["email", "email_verified"]), message: /lets users write email_verified .*which feeds the email verification flag, which account linking and recovery trust/ },
    { title: "follows the trigger's TENANT_ATTRIBUTE", mutate: (p) => { setProp(p, "pre-token", "environment", { variables: { TENANT_ATTRIBUTE: "custom:org" } }); setProp(p, "web", "writeAttributes", ["email", "custom:org"]); }, message: /lets users write custom:org .*the tenant claim/ },
]);

describe("cognito-client-privileged-attributes without writeAttributes", () => {
    it("reports every privileged attribute, as an unset list lets the client write them all", async () => {
        const v = await run(setProp(securePlan(), "web", "writeAttributes", undefined), clientPrivilegedAttributes);
        assert.deepEqual(v.map((x) => /including (\S+)/.exec(x.message)?.[1]), ["email_verified", "phone_number_verified", "custom:tenant_id"]);
    });
});

describePolicy(riskIpExceptions, [
    { title: "rejects skipping every address", mutate: (p) => setProp(p, "users-risk", "riskExceptionConfiguration", { skippedIpRangeLists: ["0.0.0.0/0"] }), message: /^riskExceptionConfiguration\.skippedIpRangeLists has 0\.0\.0\.0\/0, which turns threat protection off for \/0 \(every address\): skip only ranges of \/24 or narrower\.$/ },
    { title: "rejects a wide IPv6 range", mutate: (p) => setProp(p, "users-risk", "riskExceptionConfiguration", { skippedIpRangeLists: ["2001:db8::/32"] }), message: /2001:db8::\/32, which turns threat protection off for \/32 \(a range that wide\): skip only ranges of \/56 or narrower/ },
    { title: "rejects too many ranges", mutate: (p) => setProp(p, "users-risk", "riskExceptionConfiguration", { skippedIpRangeLists: Array.from({ length: 11 }, (_, i) => `203.0.113.${i}`) }), message: /has 11 ranges: skip at most 10/ },
    { title: "rejects a malformed blocked range", mutate: (p) => setProp(p, "users-risk", "riskExceptionConfiguration", { blockedIpRangeLists: ["300.1.1.1/24"] }), message: /blockedIpRangeLists has "300\.1\.1\.1\/24", not an IPv4 or IPv6 CIDR/ },
]);

describe("cidrPrefix", () => {
    it("reads IPv4 and IPv6 ranges and single addresses", () => {
        assert.deepEqual(["10.0.0.0/8", "203.0.113.7", "::/0", "2001:db8::1", "10.0.0.0/33", "1.2.3", "x"].map(cidrPrefix), [
            { version: 4, prefix: 8 }, { version: 4, prefix: 32 }, { version: 6, prefix: 0 }, { version: 6, prefix: 128 }, undefined, undefined, undefined,
        ]);
    });
});

describePolicy(userPoolCustomAuthThreatProtection, [
    { title: "rejects custom auth without protection for it", mutate: (p) => setProp(p, "web", "explicitAuthFlows", ["ALLOW_CUSTOM_AUTH"]), message: /^User pool "users" runs custom authentication \(client "web" allows custom authentication\) with userPoolAddOns\.advancedSecurityAdditionalFlows\.customAuthMode unset: set it to ENFORCED\.$/ },
]);

describePolicy(triggerFunctions, [
    { title: "rejects a trigger outside the stack", mutate: (p) => setProp(p, "users", "lambdaConfig", { postConfirmation: "arn:aws:lambda:us-east-1:999999999999:function:x" }), message: /^User pool "users" runs lambdaConfig\.postConfirmation arn:aws:lambda:us-east-1:999999999999:function:x, not a function of this stack/ },
]);

describePolicy(defaultGroupUnprivileged, [
    { title: "rejects an admin group of the API", mutate: (p) => setProp(p, "post-confirmation", "environment", { variables: { DEFAULT_GROUP: "admins" } }), message: /^The post confirmation trigger "post-confirmation" adds every new user to group "admins", which is privileged \(an admin group of the API \(REQUIRED_GROUPS of "api-authorizer"\); an admin group of the API \(ADMIN_GROUPS of "api-handler"\)\)/ },
    { title: "rejects a group whose role grants more", mutate: (p) => { setProp(p, "members", "roleArn", adminsRoleArn); setProp(p, "admins-policy", "policy", policyDocument(...authStatements, { Effect: "Allow", Action: "s3:GetObject", Resource: `${bucketArn}/public/admin/*` })); }, message: /group "members", which is privileged \(its group role arn:aws:iam::123456789012:role\/app-admins-role grants more than the authenticated role\)/ },
]);

describe("cognito-default-group-unprivileged", () => {
    it("accepts a default group whose role grants what the authenticated role does", async () => {
        assert.deepEqual(await run(setProp(securePlan(), "members", "roleArn", adminsRoleArn), defaultGroupUnprivileged), []);
    });
});

describe("cognito-client-https-callbacks for native apps", () => {
    it("accepts private schemes and refuses schemes a browser runs", () => {
        assert.deepEqual(["myapp://callback", "com.example.app://cb", "https://a.example.com/cb", "javascript://x", "http://evil.com", "data://x", "https://user@evil.com/"].map(isSecureRedirect), [true, true, true, false, false, false, false]);
    });
});

const SERVICE = `${resourceServer}/items.service`;

describePolicy(clientGrants, [
    { title: "rejects a public client with client_credentials", mutate: (p) => setProp(p, "reporting", "generateSecret", false), message: /^allowedOauthFlows includes client_credentials on a client without a secret, so anyone who reads the client id gets tokens: set generateSecret: true/ },
    { title: "rejects a secret left unset (a public client)", mutate: (p) => setProp(p, "reporting", "generateSecret", undefined), message: /client_credentials on a client without a secret/ },
    { title: "rejects a machine client that also has the code grant", mutate: (p) => setProp(p, "reporting", "allowedOauthFlows", ["client_credentials", "code"]), message: /^allowedOauthFlows mixes client_credentials with code: a machine token speaks for no user/ },
    { title: "rejects a machine client with SRP", mutate: (p) => setProp(p, "reporting", "explicitAuthFlows", ["ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH"]), message: /^The client_credentials client also signs users in \(ALLOW_USER_SRP_AUTH\): set explicitAuthFlows: \["ALLOW_REFRESH_TOKEN_AUTH"\]\.$/ },
    { title: "rejects a machine client with explicitAuthFlows unset (AWS's default signs users in)", mutate: (p) => setProp(p, "reporting", "explicitAuthFlows", undefined), message: /leaves explicitAuthFlows unset, which AWS takes as SRP, custom auth and refresh/ },
    { title: "rejects a machine client with a callback URL", mutate: (p) => setProp(p, "reporting", "callbackUrls", ["https://svc.example.com/cb"]), message: /^The client_credentials client redirects users \(https:\/\/svc\.example\.com\/cb\)/ },
    { title: "rejects a machine client with a default redirect", mutate: (p) => setProp(p, "reporting", "defaultRedirectUri", "https://svc.example.com/cb"), message: /redirects users \(https:\/\/svc\.example\.com\/cb\)/ },
    { title: "rejects a machine client offering identity providers", mutate: (p) => setProp(p, "reporting", "supportedIdentityProviders", ["COGNITO"]), message: /^The client_credentials client offers identity providers \(COGNITO\)/ },
    { title: "rejects a machine client asking for user scopes", mutate: (p) => setProp(p, "reporting", "allowedOauthScopes", [SERVICE, "openid"]), message: /asks for user scopes \(openid\)/ },
    { title: "rejects a grant outside the allow-list", mutate: (p) => setProp(p, "web", "allowedOauthFlows", ["code", "password"]), message: /^allowedOauthFlows includes password, which is not an allowed grant/ },
]);

describe("cognito-client-grants: a user client given client_credentials", () => {
    it("reports the mix, the redirects and the user flows it keeps", async () => {
        const plan = setProp(setProp(securePlan(), "web", "allowedOauthFlows", ["code", "client_credentials"]), "web", "generateSecret", true);
        assert.deepEqual((await run(plan, clientGrants)).map((v) => v.message.split(":")[0]), [
            "allowedOauthFlows mixes client_credentials with code",
            "The client_credentials client redirects users (https",
            "The client_credentials client also signs users in (ALLOW_USER_SRP_AUTH)",
            "The client_credentials client asks for user scopes (openid, email)",
        ]);
    });
});

describe("cognito-client-grants: secure equivalents", () => {
    it("accepts a machine client whose flows and scopes are written in another order, and a client with no OAuth at all", async () => {
        const plan = securePlan();
        setProp(plan, "reporting", "allowedOauthScopes", [`${resourceServer}/items.service`, `${resourceServer}/items.report`]);
        setProp(plan, "web", "allowedOauthFlows", undefined);
        setProp(plan, "web", "callbackUrls", undefined);
        assert.deepEqual(await run(plan, clientGrants), []);
    });

    it("leaves the implicit grant to cognito-client-no-implicit-grant", async () => {
        assert.deepEqual(await run(setProp(securePlan(), "web", "allowedOauthFlows", ["code", "implicit"]), clientGrants), []);
    });
});

describe("cognito-client-refresh-token-rotation and machine clients", () => {
    it("exempts only a client_credentials client without user flows", async () => {
        assert.deepEqual(await run(securePlan(), clientRefreshTokenRotation), []);
        const srp = setProp(securePlan(), "reporting", "explicitAuthFlows", ["ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH"]);
        assert.match((await run(srp, clientRefreshTokenRotation))[0]?.message ?? "", /refreshTokenRotation.feature is DISABLED/);
        const mixed = setProp(securePlan(), "reporting", "allowedOauthFlows", ["client_credentials", "code"]);
        assert.equal((await run(mixed, clientRefreshTokenRotation)).length, 1);
    });
});

describePolicy(machineScopesSeparate, [
    { title: "rejects a machine client holding a user client's scope", mutate: (p) => setProp(p, "reporting", "allowedOauthScopes", [SERVICE, `${resourceServer}/items.read`]), message: /^Machine client "reporting" holds https:\/\/api\.example\.com\/items\.read, which user client "web" also gives users/ },
    { title: "rejects a machine scope the token trigger adds to users' tokens", mutate: (p) => setProp(p, "pre-token", "environment", { variables: { TENANT_ATTRIBUTE: "custom:tenant_id", ACCESS_TOKEN_SCOPES: SERVICE } }), message: /holds https:\/\/api\.example\.com\/items\.service, which the pre token generation trigger "pre-token" also gives users/ },
    { title: "rejects a machine scope a group gets from the token trigger", mutate: (p) => setProp(p, "pre-token", "environment", { variables: { SCOPES_BY_GROUP: JSON.stringify({ admins: [SERVICE] }) } }), message: /which the pre token generation trigger "pre-token" also gives users/ },
    { title: "rejects a method taking both a machine and a user scope", mutate: (p) => setProp(p, "items-get", "authorizationScopes", [`${resourceServer}/items.read`, SERVICE]), message: /^Method "items-get" accepts machine scope https:\/\/api\.example\.com\/items\.service and user scope https:\/\/api\.example\.com\/items\.read: a route is for users or for machines/ },
]);

describePolicy(userPoolDeviceTracking, [
    { title: "rejects remembering every device", mutate: (p) => setProp(p, "users", "deviceConfiguration", { challengeRequiredOnNewDevice: true, deviceOnlyRememberedOnUserPrompt: false }), message: /^deviceConfiguration\.deviceOnlyRememberedOnUserPrompt is not true, so every device is remembered/ },
    { title: "rejects new devices without a challenge", mutate: (p) => setProp(p, "users", "deviceConfiguration", { challengeRequiredOnNewDevice: false, deviceOnlyRememberedOnUserPrompt: true }), message: /^deviceConfiguration\.challengeRequiredOnNewDevice is not true/ },
    { title: "rejects device tracking with both settings left to AWS", mutate: (p) => setProp(p, "users", "deviceConfiguration", { deviceOnlyRememberedOnUserPrompt: true }), message: /challengeRequiredOnNewDevice is not true/ },
]);

describe("cognito-user-pool-device-tracking: secure equivalents", () => {
    it("accepts device tracking on the user's choice, its booleans as strings too", async () => {
        assert.deepEqual(await run(setProp(securePlan(), "users", "deviceConfiguration", { challengeRequiredOnNewDevice: "true", deviceOnlyRememberedOnUserPrompt: true }), userPoolDeviceTracking), []);
    });
});
