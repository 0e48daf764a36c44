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
} from "../../policies/cognito";
import { describePolicy, find, poolId, run, securePlan, setProp, stackConfig } from "./fixtures";

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
