/**
 * Stack configs as people get them wrong, and valid ones that look unusual, run through the
 * parser in-process (test/index.spec.ts takes a few through `npm run plan`). A bad config must
 * fail naming exactly the keys that are wrong (no false follow-on error about another key),
 * with the rule, the value received and a fix on every line, and without throwing.
 */
import * as assert from "node:assert/strict";
import { formatConfigIssue, parseStackConfig, SECRET_KEYS, type StackConfig } from "../../config";
import { stackConfigShape } from "../../config/schema";

type Config = Record<string, unknown>;

export const DEV: Config = {
    "aws:region": "us-east-1",
    environment: "dev",
    domainPrefix: "acme-auth-dev",
    customAttributes: [{ name: "tenant_id", type: "String", mutable: true, maxLength: 64 }],
    groups: [
        { name: "admins", description: "Administrators", precedence: 1 },
        { name: "members", precedence: 10 },
    ],
    groupRoles: true,
    principalTags: { tenant_id: "custom:tenant_id" },
    resourceServers: [
        {
            identifier: "https://api.example.com",
            name: "Example API",
            scopes: [
                { name: "items.read", description: "Read your items" },
                { name: "items.write", description: "Change your items" },
            ],
        },
    ],
    appClients: [
        {
            name: "web",
            callbackUrls: ["https://app.example.com/callback", "http://localhost:3000/callback"],
            logoutUrls: ["https://app.example.com/"],
            oauthScopes: ["openid", "email", "profile", "https://api.example.com/items.read", "https://api.example.com/items.write"],
        },
    ],
    google: { clientId: "123-abc.apps.googleusercontent.com" },
    googleClientSecret: "google-secret",
    triggers: {
        preSignUp: { allowedEmailDomains: ["example.com"] },
        postConfirmation: { senderEmail: "no-reply@example.com", defaultGroup: "members" },
        preTokenGeneration: { tenantAttribute: "custom:tenant_id", suppressedClaims: ["phone_number"] },
    },
    api: { adminGroups: ["admins"] },
    logRetentionDays: 14,
};

export const PROD: Config = {
    ...DEV,
    environment: "prod",
    protect: true,
    deletionProtection: true,
    retainDataOnDelete: true,
    mfa: "ON",
    featurePlan: "PLUS",
    threatProtection: "ENFORCED",
    riskConfiguration: { high: { action: "BLOCK" }, compromisedCredentialsAction: "BLOCK" },
    emailSender: "SES",
    sesIdentityArn: "arn:aws:ses:us-east-1:123456789012:identity/example.com",
    emailFrom: "Example <no-reply@example.com>",
    groupRoles: ["admins"],
    domainPrefix: "acme-auth",
    userPoolLock: { usernameAttributes: ["email"], customAttributes: [{ name: "tenant_id", type: "String", mutable: true, maxLength: 64 }] },
    logRetentionDays: 365,
};

/**
 * The config as the engine hands it over: top-level text as written, lists and objects as JSON;
 * the secret keys encrypted unless listed in `plain`.
 */
export function engine(config: Config, plain: readonly string[] = []): { bag: Record<string, string>; secretKeys: string[] } {
    const bag: Record<string, string> = {};
    const secretKeys: string[] = [];
    for (const [k, v] of Object.entries(config)) {
        if (v === undefined) continue;
        const full = k.includes(":") ? k : `cognito-stack:${k}`;
        bag[full] = typeof v === "string" ? v : typeof v === "number" || typeof v === "boolean" ? String(v) : JSON.stringify(v);
        if ((SECRET_KEYS as readonly string[]).includes(k) && !plain.includes(k)) secretKeys.push(full);
    }
    return { bag, secretKeys };
}

const topKey = (field: string) => /^[^.[]+/.exec(field)?.[0] ?? field;

export interface Bad {
    /** What is wrong, as the test's title. */
    readonly title: string;
    readonly base?: Config;
    /** Keys changed from the base; undefined removes one. */
    readonly set: Config;
    /** Secret keys written in plain text. */
    readonly plain?: readonly string[];
    /** Each issue expected: its field and a part of its line (rule, value or fix). */
    readonly expect: readonly (readonly [field: string, text: string])[];
}

function parse(c: Bad | Valid) {
    const { bag, secretKeys } = engine({ ...(c.base ?? DEV), ...c.set }, "plain" in c ? c.plain : []);
    return parseStackConfig(bag, secretKeys);
}

function runBad(cases: readonly Bad[]): void {
    for (const c of cases) {
        it(c.title, () => {
            const r = parse(c);
            assert.equal(r.ok, false, "the config was accepted");
            const issues = r.ok ? [] : r.issues;
            const lines = issues.map(formatConfigIssue);
            const report = lines.join("\n");
            for (const line of lines) {
                assert.match(line, /^\S+ .+ \(received: .+\)\. Fix: \S.+$/s, `not in the project's format: ${line}`);
                assert.doesNotMatch(line, /\n\s+at /, "a stack trace");
            }
            assert.deepEqual([...new Set(issues.map((i) => topKey(i.field)))].sort(), [...new Set(c.expect.map(([f]) => topKey(f)))].sort(), `keys named:\n${report}`);
            for (const [field, text] of c.expect) {
                assert.ok(
                    issues.some((i) => i.field === field && formatConfigIssue(i).includes(text)),
                    `no issue on ${field} with "${text}" in:\n${report}`,
                );
            }
        });
    }
}

export interface Valid {
    readonly title: string;
    readonly base?: Config;
    readonly set: Config;
    /** What the config must have parsed to. */
    readonly check?: (c: StackConfig) => void;
}

function runValid(cases: readonly Valid[]): void {
    for (const c of cases) {
        it(c.title, () => {
            const r = parse(c);
            assert.ok(r.ok, r.ok ? "" : r.issues.map(formatConfigIssue).join("\n"));
            c.check?.(r.config);
        });
    }
}

/** A key given a value of the wrong type, for every key. */
const WRONG_TYPE: readonly [key: string, value: unknown, rule: string][] = [
    ["environment", { name: "dev" }, "must be text, not an object"],
    ["protect", "yes", "must be true or false"],
    ["deletionProtection", "on", "must be true or false"],
    ["tags", "team=identity", "must be an object (key: value settings)"],
    ["usernameAttributes", "email", "must be a list"],
    ["aliasAttributes", "preferred_username", "must be a list"],
    ["caseSensitiveUsernames", "constructor", "must be true or false"],
    ["selfSignUp", "1", "must be true or false"],
    ["autoVerifiedAttributes", "email", "must be a list"],
    ["customAttributes", "tenant_id", "must be a list"],
    ["userPoolLock", "locked", "must be an object (key: value settings)"],
    ["emailSender", ["SES"], "must be text, not a list"],
    ["sesIdentityArn", { arn: "x" }, "must be text, not an object"],
    ["emailFrom", ["a@example.com"], "must be text, not a list"],
    ["emailReplyTo", { address: "help@example.com" }, "must be text, not an object"],
    ["sesConfigurationSet", { name: "x" }, "must be text, not an object"],
    ["verificationType", ["CODE"], "must be text, not a list"],
    ["verificationEmailSubject", { text: "Hi" }, "must be text, not an object"],
    ["verificationEmailMessage", ["Your code is {####}"], "must be text, not a list"],
    ["mfa", { mode: "ON" }, "must be text, not an object"],
    ["mfaFactors", "TOTP,SMS", "must be a list"],
    ["signInFactors", "PASSWORD", "must be a list"],
    ["passkeyRelyingPartyId", ["auth.example.com"], "must be text, not a list"],
    ["passkeyUserVerification", { v: "required" }, "must be text, not an object"],
    ["passwordMinLength", "twelve", "must be a whole number"],
    ["passwordRequireLowercase", "Yes", "must be true or false"],
    ["passwordRequireUppercase", "y", "must be true or false"],
    ["passwordRequireNumbers", "0", "must be true or false"],
    ["passwordRequireSymbols", "off", "must be true or false"],
    ["passwordHistorySize", "five", "must be a whole number"],
    ["temporaryPasswordValidityDays", "7d", "must be a whole number"],
    ["accountRecovery", "verified_email", "must be a list"],
    ["featurePlan", ["PLUS"], "must be text, not a list"],
    ["threatProtection", { mode: "ENFORCED" }, "must be text, not an object"],
    ["threatProtectionCustomAuth", ["AUDIT"], "must be text, not a list"],
    ["riskConfiguration", "BLOCK", "must be an object (key: value settings)"],
    ["domainPrefix", { prefix: "acme" }, "must be text, not an object"],
    ["customDomain", ["auth.example.com"], "must be text, not a list"],
    ["customDomainCertificateArn", { arn: "x" }, "must be text, not an object"],
    ["managedLoginVersion", "two", "must be one of 1, 2"],
    ["groups", "admins", "must be a list"],
    ["resourceServers", "https://api.example.com", "must be a list"],
    ["appClients", "web", "must be a list"],
    ["google", "123-abc.apps.googleusercontent.com", "must be an object (key: value settings)"],
    ["facebook", "100000000000001", "must be an object (key: value settings)"],
    ["apple", "com.example.app", "must be an object (key: value settings)"],
    ["samlProviders", "Okta", "must be a list"],
    ["oidcProviders", { name: "Auth0" }, "must be a list"],
    ["allowGuests", "yes", "must be true or false"],
    ["identityPoolDirectLogins", "no", "must be true or false"],
    ["roleMappingType", ["Token"], "must be text, not a list"],
    ["ambiguousRoleResolution", { on: "Deny" }, "must be text, not an object"],
    ["roleMappingRules", "custom:tenant_id", "must be a list"],
    ["principalTags", "tenant_id", "must be an object (key: value settings)"],
    ["groupRoles", "some", "must be true (every group), false (none) or a list of group names"],
    ["retainDataOnDelete", "always", "must be true or false"],
    ["logRetentionDays", "a month", "must be a whole number"],
    ["triggers", "preSignUp", "must be an object (key: value settings)"],
    ["api", "true", "must be an object (key: value settings)"],
    ["graphqlApi", "on", "must be an object (key: value settings)"],
    ["logDelivery", "on", "must be an object (key: value settings)"],
    ["waf", "true", "must be an object (key: value settings)"],
    ["alarms", ["ops@example.com"], "must be an object (key: value settings)"],
    ["customDomainHostedZoneId", { id: "Z04123452ABCDEFGHIJKL" }, "must be text, not an object"],
    ["adoptUserPool", "us-east-1_AbCdEf123", "must be an object (key: value settings)"],
    ["verificationSmsMessage", ["Code {####}"], "must be text, not a list"],
    ["invitationMessage", "Welcome {username}", "must be an object (key: value settings)"],
    ["mfaSmsMessage", { text: "Code {####}" }, "must be text, not an object"],
    ["deviceTracking", "on", "must be an object (key: value settings)"],
    ["requiredAttributes", "email", "must be a list"],
    ["managedLoginBranding", "branding/settings.json", "must be an object (key: value settings)"],
];

describe("stack config corpus: wrong types, one per key", () => {
    it("covers every key of the schema", () =>
        assert.deepEqual(
            WRONG_TYPE.map(([k]) => k).sort(),
            Object.keys(stackConfigShape).sort(),
        ));
    runBad(WRONG_TYPE.map(([key, value, rule]) => ({ title: `${key}: ${JSON.stringify(value)}`, set: { [key]: value }, expect: [[key, rule]] })));
    runBad([
        { title: "a secret given as an object", set: { googleClientSecret: { value: "x" } }, expect: [["googleClientSecret", "must be text, not an object"]] },
        { title: "OIDC secrets given as text", set: { oidcClientSecrets: "abc" }, expect: [["oidcClientSecrets", "must be a map of OIDC provider name to client secret, not text"]] },
    ]);
});

const client = (over: Config) => ({ appClients: [{ name: "web", callbackUrls: ["https://app.example.com/callback"], ...over }] });

export const OUT_OF_RANGE: readonly Bad[] = [
    { title: "password shorter than AWS allows", set: { passwordMinLength: 5 }, expect: [["passwordMinLength", "must be at least 6 (received: 5). Fix: use a value from 6 to 99"]] },
    { title: "password longer than AWS allows", set: { passwordMinLength: 100 }, expect: [["passwordMinLength", "must be at most 99"]] },
    { title: "password length with a fraction", set: { passwordMinLength: 12.5 }, expect: [["passwordMinLength", "must be a whole number (received: 12.5)"]] },
    { title: "password history over 24", set: { passwordHistorySize: 25 }, expect: [["passwordHistorySize", "must be at most 24"]] },
    { title: "negative password history", set: { passwordHistorySize: -1 }, expect: [["passwordHistorySize", "must be at least 0"]] },
    { title: "temporary passwords for more than a year", set: { temporaryPasswordValidityDays: 366 }, expect: [["temporaryPasswordValidityDays", "must be at most 365"]] },
    { title: "a retention CloudWatch does not offer", set: { logRetentionDays: 45 }, expect: [["logRetentionDays", "must be one of CloudWatch's retention values"]] },
    { title: "logs kept forever (0)", set: { logRetentionDays: 0 }, expect: [["logRetentionDays", "(received: 0)"]] },
    { title: "access tokens under 5 minutes", set: client({ accessTokenValidityMinutes: 4 }), expect: [["appClients[0].accessTokenValidityMinutes", "must be between 5 and 1440"]] },
    { title: "ID tokens over a day", set: client({ idTokenValidityMinutes: 1441 }), expect: [["appClients[0].idTokenValidityMinutes", "must be between 5 and 1440"]] },
    { title: "refresh tokens under an hour", set: client({ refreshTokenValidityDays: 0.02 }), expect: [["appClients[0].refreshTokenValidityDays", "must be at least 1/24 (one hour"]] },
    { title: "refresh tokens over ten years", set: client({ refreshTokenValidityDays: 3651 }), expect: [["appClients[0].refreshTokenValidityDays", "must be at most 3650 (ten years)"]] },
    { title: "refresh tokens in a fraction of an hour", set: client({ refreshTokenValidityDays: 0.1 }), expect: [["appClients[0].refreshTokenValidityDays", "must be a whole number of hours, in days"]] },
    { title: "auth sessions under 3 minutes", set: client({ authSessionValidityMinutes: 2 }), expect: [["appClients[0].authSessionValidityMinutes", "must be between 3 and 15"]] },
    { title: "auth sessions over 15 minutes", set: client({ authSessionValidityMinutes: 16 }), expect: [["appClients[0].authSessionValidityMinutes", "must be between 3 and 15"]] },
    { title: "a rotation grace period over 60 s", set: client({ refreshTokenGracePeriodSeconds: 61 }), expect: [["appClients[0].refreshTokenGracePeriodSeconds", "must be between 0 and 60"]] },
    { title: "a trigger timeout over Cognito's 5 s", set: { triggers: { timeoutSeconds: 6 } }, expect: [["triggers.timeoutSeconds", "must be at most 5 (Cognito waits 5 seconds for a trigger)"]] },
    { title: "trigger memory under Lambda's minimum", set: { triggers: { memoryMb: 64 } }, expect: [["triggers.memoryMb", "must be an integer between 128 and 10240"]] },
    { title: "an API timeout over API Gateway's 29 s", set: { api: { timeoutSeconds: 30 } }, expect: [["api.timeoutSeconds", "must be at most 29"]] },
    { title: "an authorizer cache over an hour", set: { api: { authorizerCacheSeconds: 3601 } }, expect: [["api.authorizerCacheSeconds", "must be a whole number between 0 and 3600"]] },
    { title: "a throttling rate of 0", set: { api: { throttlingRateLimit: 0 } }, expect: [["api.throttlingRateLimit", "must be greater than 0"]] },
    { title: "a burst of 0", set: { api: { throttlingBurstLimit: 0 } }, expect: [["api.throttlingBurstLimit", "must be a whole number of at least 1"]] },
    { title: "three recovery channels", set: { accountRecovery: ["verified_email", "verified_phone_number", "admin_only"] }, expect: [["accountRecovery", "must have at most 2 items"]] },
    { title: "no recovery channel", set: { accountRecovery: [] }, expect: [["accountRecovery", "must have at least 1 item"]] },
    { title: "a negative group precedence", set: { groups: [{ name: "admins", precedence: -1 }, { name: "members" }] }, expect: [["groups[0].precedence", "must be at least 0 (received: -1)"]] },
    { title: "a custom attribute name over 20 characters", set: { customAttributes: [{ name: "tenant_identifier_long", type: "String" }] }, expect: [["customAttributes[0].name", "must be 1-20 letters, digits or underscores"]] },
    { title: "a custom attribute longer than 2048", set: { customAttributes: [{ name: "tenant_id", type: "String", maxLength: 4096 }] }, expect: [["customAttributes[0].maxLength", "must be at most 2048"]] },
    { title: "a verification subject over 140 characters", set: { verificationEmailSubject: "x".repeat(141) }, expect: [["verificationEmailSubject", "must be at most 140 characters"]] },
    { title: "a verification message under 6 characters", set: { verificationEmailMessage: "{####}"[0] }, expect: [["verificationEmailMessage", "must be at least 6 characters"]] },
    { title: "26 resource servers", set: { resourceServers: Array.from({ length: 26 }, (_, i) => ({ identifier: `rs${i}`, name: `RS ${i}` })) }, expect: [["resourceServers", "must have at most 25 items"]] },
    { title: "51 custom attributes", set: { customAttributes: Array.from({ length: 51 }, (_, i) => ({ name: `a${i}`, type: "String" })) }, expect: [["customAttributes", "must have at most 50 items"]] },
    { title: "26 role-mapping rules", set: { roleMappingType: "Rules", roleMappingRules: Array.from({ length: 26 }, (_, i) => ({ claim: "email", matchType: "Equals", value: `u${i}@example.com`, role: "authenticated" })) }, expect: [["roleMappingRules", "must have at most 25 rules (AWS limit)"]] },
    { title: "11 app clients with token role mapping", set: { appClients: Array.from({ length: 11 }, (_, i) => ({ name: `c${i}` })) }, expect: [["appClients", "must have at most 10 clients when roleMappingType is Token"]] },
    { title: "a relying party id over 127 characters", set: { passkeyRelyingPartyId: `${"a".repeat(60)}.${"b".repeat(60)}.example.com` }, expect: [["passkeyRelyingPartyId", "must be at most 127 characters"]] },
    { title: "48 tags", set: { tags: Object.fromEntries(Array.from({ length: 48 }, (_, i) => [`t${i}`, "x"])) }, expect: [["tags", "must have at most 47 tags"]] },
    { title: "a tag key AWS reserves", set: { tags: { "aws:team": "x" } }, expect: [["tags.aws:team", "must not start with aws:"]] },
    { title: "51 principal tags", set: { principalTags: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`t${i}`, "email"])) }, expect: [["principalTags", "must have at most 50 tags"]] },
];

describe("stack config corpus: out of range", () => runBad(OUT_OF_RANGE));

export const ENUM_TYPOS: readonly Bad[] = [
    { title: "mfa in lower case", set: { mfa: "on" }, expect: [["mfa", "did you mean ON? pulumi config set mfa ON"]] },
    { title: "mfa REQUIRED", set: { mfa: "REQUIRED" }, expect: [["mfa", "must be one of OFF, OPTIONAL, ON"]] },
    { title: "environment production", set: { environment: "production" }, expect: [["environment", "must be one of dev, staging, prod"]] },
    { title: "environment Prod", set: { environment: "Prod" }, expect: [["environment", "did you mean prod?"]] },
    { title: "emailSender ses", set: { emailSender: "ses" }, expect: [["emailSender", "did you mean SES?"]] },
    { title: "verificationType code", set: { verificationType: "code" }, expect: [["verificationType", "did you mean CODE?"]] },
    { title: "featurePlan Plus", set: { featurePlan: "Plus" }, expect: [["featurePlan", "did you mean PLUS?"]] },
    { title: "featurePlan ENTERPRISE", set: { featurePlan: "ENTERPRISE" }, expect: [["featurePlan", "must be one of auto, LITE, ESSENTIALS, PLUS"]] },
    { title: "threatProtection ENFORCE", set: { threatProtection: "ENFORCE" }, expect: [["threatProtection", "did you mean ENFORCED?"]] },
    { title: "threatProtectionCustomAuth audit", set: { threatProtectionCustomAuth: "audit" }, expect: [["threatProtectionCustomAuth", "did you mean AUDIT?"]] },
    { title: "passkeyUserVerification Required", set: { passkeyUserVerification: "Required" }, expect: [["passkeyUserVerification", "did you mean required?"]] },
    { title: "roleMappingType Groups", set: { roleMappingType: "Groups" }, expect: [["roleMappingType", "must be one of Token, Rules, None"]] },
    { title: "roleMappingType token", set: { roleMappingType: "token" }, expect: [["roleMappingType", "did you mean Token?"]] },
    { title: "ambiguousRoleResolution deny", set: { ambiguousRoleResolution: "deny" }, expect: [["ambiguousRoleResolution", "did you mean Deny?"]] },
    { title: "mfaFactors SMS_MFA", set: { mfaFactors: ["TOTP", "SMS_MFA"] }, expect: [["mfaFactors[1]", "did you mean SMS?"]] },
    { title: "signInFactors PASSKEY", set: { signInFactors: ["PASSWORD", "PASSKEY"] }, expect: [["signInFactors[1]", "must be one of PASSWORD, EMAIL_OTP, SMS_OTP, WEB_AUTHN"]] },
    { title: "usernameAttributes username", set: { usernameAttributes: ["username"] }, expect: [["usernameAttributes[0]", "must be one of email, phone_number"]] },
    { title: "aliasAttributes mail", set: { usernameAttributes: [], aliasAttributes: ["mail"] }, expect: [["aliasAttributes[0]", "did you mean email?"]] },
    { title: "autoVerifiedAttributes phone", set: { autoVerifiedAttributes: ["phone"] }, expect: [["autoVerifiedAttributes[0]", "must be one of email, phone_number"]] },
    { title: "accountRecovery email", set: { accountRecovery: ["email"] }, expect: [["accountRecovery[0]", "must be one of verified_email, verified_phone_number, admin_only"]] },
    { title: "explicitAuthFlows without ALLOW_", set: { appClients: [{ name: "web", explicitAuthFlows: ["USER_SRP_AUTH"] }] }, expect: [["appClients[0].explicitAuthFlows[0]", "did you mean ALLOW_USER_SRP_AUTH?"]] },
    { title: "the implicit grant", set: { appClients: [{ name: "web", oauthFlows: ["implicit"] }] }, expect: [["appClients[0].oauthFlows[0]", "must be code (only the authorization code grant is allowed)"]] },
    { title: "a risk action BLOCKED", base: PROD, set: { riskConfiguration: { high: { action: "BLOCKED" } } }, expect: [["riskConfiguration.high.action", "did you mean BLOCK?"]] },
    { title: "compromisedCredentialsAction ALLOW", base: PROD, set: { riskConfiguration: { compromisedCredentialsAction: "ALLOW" } }, expect: [["riskConfiguration.compromisedCredentialsAction", "must be one of BLOCK, NO_ACTION"]] },
    { title: "api executionLogLevel DEBUG", set: { api: { executionLogLevel: "DEBUG" } }, expect: [["api.executionLogLevel", "must be one of OFF, ERROR, INFO"]] },
    { title: "OIDC attributesRequestMethod PUT", set: { oidcProviders: [{ name: "Auth0", clientId: "c", issuer: "https://acme.auth0.com/", attributesRequestMethod: "PUT" }], oidcClientSecrets: { Auth0: "s" } }, expect: [["oidcProviders[0].attributesRequestMethod", "must be one of GET, POST"]] },
    { title: "SAML signing rsa-sha1", set: { samlProviders: [{ name: "Okta", metadataUrl: "https://okta.example.com/md", requestSigningAlgorithm: "rsa-sha1" }] }, expect: [["samlProviders[0].requestSigningAlgorithm", "must be one of rsa-sha256"]] },
    { title: "custom attribute type Integer", set: { customAttributes: [{ name: "tenant_id", type: "Integer" }] }, expect: [["customAttributes[0].type", "must be one of String, Number, Boolean, DateTime"]] },
    { title: "rule matchType equals", set: { roleMappingType: "Rules", roleMappingRules: [{ claim: "email", matchType: "equals", value: "a@example.com", role: "authenticated" }] }, expect: [["roleMappingRules[0].matchType", "did you mean Equals?"]] },
    { title: "managedLoginVersion 3", set: { managedLoginVersion: 3 }, expect: [["managedLoginVersion", "must be one of 1, 2"]] },
];

describe("stack config corpus: enum typos", () => runBad(ENUM_TYPOS));

export const ACROSS_KEYS: readonly Bad[] = [
    { title: "prod without protect", base: PROD, set: { protect: false }, expect: [["protect", "must be true in prod"]] },
    { title: "prod without deletion protection", base: PROD, set: { deletionProtection: undefined }, expect: [["deletionProtection", "must be true in prod"]] },
    { title: "prod without retained data", base: PROD, set: { retainDataOnDelete: false }, expect: [["retainDataOnDelete", "must be true in prod"]] },
    { title: "guests in prod", base: PROD, set: { allowGuests: true }, expect: [["allowGuests", "must be false in prod (guests get AWS credentials without signing in)"]] },
    { title: "aliases beside username attributes", set: { usernameAttributes: ["email"], aliasAttributes: ["preferred_username"] }, expect: [["aliasAttributes", "cannot be combined with usernameAttributes"]] },
    { title: "MFA factors with MFA off", set: { mfa: "OFF", mfaFactors: ["TOTP"] }, expect: [["mfaFactors", "must be empty when mfa is OFF"]] },
    { title: "MFA on without a factor", set: { mfa: "ON", mfaFactors: [] }, expect: [["mfaFactors", "must list at least one factor when mfa is ON"]] },
    { title: "email MFA without SES", set: { mfaFactors: ["EMAIL"] }, expect: [["mfaFactors", "EMAIL needs email sent through SES"]] },
    { title: "sign-in without PASSWORD", set: { signInFactors: ["EMAIL_OTP"], emailSender: "SES", sesIdentityArn: "arn:aws:ses:us-east-1:123456789012:identity/example.com" }, expect: [["signInFactors", "must include PASSWORD"]] },
    { title: "email OTP sign-in without SES", set: { signInFactors: ["PASSWORD", "EMAIL_OTP"] }, expect: [["signInFactors", "EMAIL_OTP needs email sent through SES"]] },
    { title: "SES without an identity", set: { emailSender: "SES" }, expect: [["sesIdentityArn", "is required when emailSender is SES"]] },
    { title: "an SES identity that is not an ARN", set: { emailSender: "SES", sesIdentityArn: "example.com" }, expect: [["sesIdentityArn", "must be an SES identity ARN"]] },
    { title: "SMS MFA without a verified phone", set: { mfaFactors: ["SMS"] }, expect: [["autoVerifiedAttributes", "must include phone_number when SMS is used"]] },
    { title: "admin_only beside another channel", set: { accountRecovery: ["admin_only", "verified_email"] }, expect: [["accountRecovery", "admin_only must stand alone"]] },
    { title: "a recovery channel twice", set: { accountRecovery: ["verified_email", "verified_email"] }, expect: [["accountRecovery", "must not repeat a channel"]] },
    { title: "a code message without {####}", set: { verificationEmailMessage: "Welcome to Example" }, expect: [["verificationEmailMessage", "must contain {####}"]] },
    { title: "a link message without the link", set: { verificationType: "LINK", verificationEmailMessage: "Your code is {####}" }, expect: [["verificationEmailMessage", "must contain {##Verify Email##}"]] },
    { title: "a prefix and a custom domain", set: { customDomain: "auth.example.com", customDomainCertificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/abc" }, expect: [["customDomain", "cannot be combined with domainPrefix"]] },
    { title: "an upper-case domain prefix", set: { domainPrefix: "Acme_Auth" }, expect: [["domainPrefix", "must be 1-63 lowercase letters, digits and hyphens"], ["domainPrefix", "Fix: e.g. pulumi config set domainPrefix acme-auth"]] },
    { title: "a domain prefix with a reserved word", base: PROD, set: { domainPrefix: "acme-aws-login" }, expect: [["domainPrefix", "must not contain aws (reserved by AWS)"]] },
    { title: "a custom domain that is not a domain", set: { domainPrefix: undefined, customDomain: "https://auth.example.com", customDomainCertificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/abc" }, expect: [["customDomain", "must be a fully qualified lowercase domain name"]] },
    { title: "a custom domain without a certificate", set: { domainPrefix: undefined, customDomain: "auth.example.com" }, expect: [["customDomainCertificateArn", "is required with customDomain"]] },
    { title: "a certificate outside us-east-1", set: { domainPrefix: undefined, customDomain: "auth.example.com", customDomainCertificateArn: "arn:aws:acm:eu-west-1:123456789012:certificate/abc" }, expect: [["customDomainCertificateArn", "must be an ACM certificate ARN in us-east-1"]] },
    { title: "a custom attribute twice", set: { customAttributes: [{ name: "tenant_id", type: "String" }, { name: "tenant_id", type: "String" }] }, expect: [["customAttributes[1].name", "must be unique"]] },
    { title: "lengths on a Number attribute", set: { customAttributes: [{ name: "tenant_id", type: "String" }, { name: "age", type: "Number", maxLength: 3 }] }, expect: [["customAttributes[1]", "minLength/maxLength apply to String attributes only"]] },
    { title: "bounds on a String attribute", set: { customAttributes: [{ name: "tenant_id", type: "String", min: 1 }] }, expect: [["customAttributes[0]", "min/max apply to Number attributes only"]] },
    { title: "minLength over maxLength", set: { customAttributes: [{ name: "tenant_id", type: "String", minLength: 10, maxLength: 5 }] }, expect: [["customAttributes[0]", "minLength must not exceed maxLength"]] },
    { title: "a risk configuration with threat protection off", set: { riskConfiguration: { high: { action: "BLOCK" } } }, expect: [["riskConfiguration", "needs threatProtection AUDIT or ENFORCED"]] },
    { title: "risk notifications without a sender", base: PROD, set: { riskConfiguration: { high: { action: "BLOCK", notify: true } } }, expect: [["riskConfiguration.notifySourceArn", "is required when any risk level notifies users"]] },
    { title: "a blocked range that is not CIDR", base: PROD, set: { riskConfiguration: { blockedIpRanges: ["10.0.0.0/33"] } }, expect: [["riskConfiguration", "IP ranges must be CIDR blocks"]] },
    { title: "usernameAttributes against the lock", base: PROD, set: { usernameAttributes: ["phone_number"] }, expect: [["usernameAttributes", "differs from userPoolLock"]] },
    { title: "case sensitivity against the lock", base: PROD, set: { caseSensitiveUsernames: true }, expect: [["caseSensitiveUsernames", "differs from userPoolLock (false)"]] },
    { title: "a locked custom attribute changed", base: PROD, set: { customAttributes: [{ name: "tenant_id", type: "String", mutable: false, maxLength: 64 }] }, expect: [["customAttributes", "changes or removes custom:tenant_id, which userPoolLock records as deployed"]] },
    { title: "threat protection on ESSENTIALS", base: PROD, set: { featurePlan: "ESSENTIALS" }, expect: [["featurePlan", "ESSENTIALS does not offer threat protection (ENFORCED)"]] },
    { title: "password history on LITE", set: { featurePlan: "LITE", passwordHistorySize: 5, triggers: {} }, expect: [["featurePlan", "LITE does not offer password history"]] },
    { title: "access-token customization on LITE", set: { featurePlan: "LITE" }, expect: [["featurePlan", "LITE does not offer access-token customization"]] },
    { title: "a resource server twice", set: { resourceServers: [{ identifier: "https://api.example.com", name: "A", scopes: [{ name: "items.read", description: "r" }, { name: "items.write", description: "w" }] }, { identifier: "https://api.example.com", name: "B" }] }, expect: [["resourceServers[1].identifier", "must be unique"]] },
    { title: "a Google client id from elsewhere", set: { google: { clientId: "abc" } }, expect: [["google.clientId", "must be a Google OAuth client id ending in .apps.googleusercontent.com"]] },
    { title: "Google without its secret", set: { googleClientSecret: undefined }, expect: [["googleClientSecret", "is required when google is configured"]] },
    { title: "Facebook with a non-numeric app id", set: { facebook: { appId: "my-app" }, facebookAppSecret: "s" }, expect: [["facebook.appId", "must be the numeric Facebook app id"]] },
    { title: "Facebook without its secret", set: { facebook: { appId: "100000000000001" } }, expect: [["facebookAppSecret", "is required when facebook is configured"]] },
    { title: "Apple without its key", set: { apple: { servicesId: "com.example.app", teamId: "ABCDE12345", keyId: "KEY1234567" } }, expect: [["applePrivateKey", "is required when apple is configured"]] },
    { title: "SAML with two metadata sources", set: { samlProviders: [{ name: "Okta", metadataUrl: "https://okta.example.com/md", metadataFile: "<EntityDescriptor></EntityDescriptor>" }] }, expect: [["samlProviders[0]", "must set exactly one of metadataUrl and metadataFile"]] },
    { title: "SAML with no metadata", set: { samlProviders: [{ name: "Okta" }] }, expect: [["samlProviders[0]", "must set exactly one of metadataUrl and metadataFile"]] },
    { title: "SAML metadata over http", set: { samlProviders: [{ name: "Okta", metadataUrl: "http://okta.example.com/md" }] }, expect: [["samlProviders[0].metadataUrl", "must be an https:// URL"]] },
    { title: "SAML metadata that is not XML", set: { samlProviders: [{ name: "Okta", metadataFile: "metadata.xml" }] }, expect: [["samlProviders[0].metadataFile", "must be SAML metadata XML with an EntityDescriptor"]] },
    { title: "an OIDC issuer over http", set: { oidcProviders: [{ name: "Auth0", clientId: "c", issuer: "http://acme.auth0.com/" }], oidcClientSecrets: { Auth0: "s" } }, expect: [["oidcProviders[0].issuer", "must be the issuer's https:// URL"]] },
    { title: "an OIDC provider without its secret", set: { oidcProviders: [{ name: "Auth0", clientId: "c", issuer: "https://acme.auth0.com/" }] }, expect: [["oidcClientSecrets.Auth0", "is required for OIDC provider Auth0"]] },
    { title: "an OIDC issuer with a port for direct logins", set: { identityPoolDirectLogins: true, oidcProviders: [{ name: "Auth0", clientId: "c", issuer: "https://acme.auth0.com:8443/" }], oidcClientSecrets: { Auth0: "s" } }, expect: [["oidcProviders[0].issuer", "must be an https:// URL without a port (IAM OIDC provider rule)"]] },
    { title: "a SAML provider named Google", set: { samlProviders: [{ name: "Google", metadataUrl: "https://idp.example.com/md" }] }, expect: [["samlProviders[0].name", "must not be a built-in provider name"]] },
    { title: "two providers with one name", set: { samlProviders: [{ name: "Corp", metadataUrl: "https://idp.example.com/md" }], oidcProviders: [{ name: "corp", clientId: "c", issuer: "https://corp.example.com/" }], oidcClientSecrets: { corp: "s" } }, expect: [["oidcProviders[0].name", "must be unique among providers"]] },
    { title: "one email domain routed to two IdPs", set: { samlProviders: [{ name: "Okta", metadataUrl: "https://okta.example.com/md", idpIdentifiers: ["acme.example"] }, { name: "Entra", metadataUrl: "https://entra.example.com/md", idpIdentifiers: ["acme.example"] }] }, expect: [["samlProviders[1].idpIdentifiers", "must be unique across providers"]] },
    { title: "a group twice", set: { groups: [{ name: "admins", precedence: 1 }, { name: "members", precedence: 10 }, { name: "admins", precedence: 2 }] }, expect: [["groups[2].name", "must be unique"]] },
    { title: "two groups with one precedence", set: { groups: [{ name: "admins", precedence: 1 }, { name: "members", precedence: 1 }] }, expect: [["groups[1].precedence", "must differ from group admins's"]] },
    { title: "a role for a group that does not exist", set: { groupRoles: ["admin"] }, expect: [["groupRoles[0]", "names group admin, which is not in groups"]] },
    { title: "Rules without a rule", set: { roleMappingType: "Rules" }, expect: [["roleMappingRules", "must list at least one rule when roleMappingType is Rules"]] },
    { title: "rules under token mapping", set: { roleMappingRules: [{ claim: "sub", matchType: "Equals", value: "0f6a1c2e-0000-4000-8000-000000000001", role: "authenticated" }] }, expect: [["roleMappingRules", "apply only when roleMappingType is Rules"]] },
    { title: "a rule's role that is neither a group role nor an ARN", set: { groupRoles: ["admins"], roleMappingType: "Rules", roleMappingRules: [{ claim: "sub", matchType: "Equals", value: "0f6a1c2e-0000-4000-8000-000000000001", role: "members" }] }, expect: [["roleMappingRules[0].role", "must be authenticated, a group listed in groupRoles, or an IAM role ARN"], ["roleMappingRules[0].role", "add members to groupRoles"]] },
    { title: "a rule on a claim no attribute provides", set: { roleMappingType: "Rules", roleMappingRules: [{ claim: "custom:tenant", matchType: "Equals", value: "acme", role: "authenticated" }] }, expect: [["roleMappingRules[0].claim", "names custom:tenant, which no attribute or trigger puts in the ID token"], ["roleMappingRules[0].claim", "did you mean custom:tenant_id?"]] },
    { title: "a rule on a claim the trigger suppresses", set: { roleMappingType: "Rules", roleMappingRules: [{ claim: "phone_number", matchType: "StartsWith", value: "+44", role: "authenticated" }] }, expect: [["roleMappingRules[0].claim", "which triggers.preTokenGeneration.suppressedClaims removes from the tokens"]] },
    { title: "a principal tag from a claim no attribute provides", set: { principalTags: { department: "custom:department" } }, expect: [["principalTags.department", "names custom:department, which no attribute or trigger puts in the ID token"]] },
    { title: "a principal tag key AWS reserves", set: { principalTags: { "aws:tenant": "custom:tenant_id" } }, expect: [["principalTags.aws:tenant", "must be a session tag key"]] },
    { title: "an app client name twice", set: { appClients: [{ name: "web" }, { name: "web" }] }, expect: [["appClients[1].name", "must be unique"]] },
    { title: "a client offering a provider that is not configured", set: { appClients: [{ name: "web", callbackUrls: ["https://app.example.com/cb"], identityProviders: ["COGNITO", "Okta"] }] }, expect: [["appClients[0].identityProviders", "names Okta, which is not configured"]] },
    { title: "a client asking for a scope no server defines", set: { appClients: [{ name: "web", callbackUrls: ["https://app.example.com/cb"], oauthScopes: ["openid", "https://api.example.com/items.admin"] }] }, expect: [["appClients[0].oauthScopes", "has unknown scope https://api.example.com/items.admin"]] },
    { title: "callbacks without a domain", set: { domainPrefix: undefined }, expect: [["appClients[0].callbackUrls", "need a managed-login domain for the OAuth code flow"]] },
    { title: "federated sign-in without callbacks", set: { appClients: [{ name: "web", identityProviders: ["COGNITO", "Google"] }] }, expect: [["appClients[0].callbackUrls", "must list at least one URL when the client offers federated sign-in"]] },
    { title: "refresh-token auth with rotation", set: { appClients: [{ name: "web", explicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] }] }, expect: [["appClients[0].explicitAuthFlows", "must not include ALLOW_REFRESH_TOKEN_AUTH when refresh-token rotation is on"]] },
    { title: "a grace period without rotation", set: { appClients: [{ name: "web", refreshTokenRotation: false, refreshTokenGracePeriodSeconds: 10 }] }, expect: [["appClients[0].refreshTokenGracePeriodSeconds", "applies only with refresh-token rotation"]] },
    { title: "the password itself sent to Cognito", set: { appClients: [{ name: "web", explicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH"] }] }, expect: [["appClients[0].explicitAuthFlows", "must not include ALLOW_USER_PASSWORD_AUTH"]] },
    { title: "a sign-up domain with a scheme", set: { triggers: { preSignUp: { allowedEmailDomains: ["https://example.com"] } } }, expect: [["triggers.preSignUp.allowedEmailDomains[0]", "must be a lower-case domain name"]] },
    { title: "a welcome email without a sender", set: { triggers: { postConfirmation: { defaultGroup: "members" } } }, expect: [["triggers.postConfirmation.senderEmail", "is required (the welcome email needs a sender)"]] },
    { title: "a welcome email sender that is not an address", set: { triggers: { postConfirmation: { senderEmail: "no-reply" } } }, expect: [["triggers.postConfirmation.senderEmail", "must be an email address like no-reply@example.com"]] },
    { title: "a sender outside the SES identity", base: PROD, set: { triggers: { postConfirmation: { senderEmail: "no-reply@other.example" } } }, expect: [["triggers.postConfirmation.senderEmail", "must belong to the SES identity example.com (sesIdentityArn)"]] },
    { title: "a default group that does not exist", set: { triggers: { postConfirmation: { senderEmail: "no-reply@example.com", defaultGroup: "users" } } }, expect: [["triggers.postConfirmation.defaultGroup", "must name a group of the pool"]] },
    { title: "a default group that opens the admin route", set: { triggers: { postConfirmation: { senderEmail: "no-reply@example.com", defaultGroup: "admins" } } }, expect: [["triggers.postConfirmation.defaultGroup", "must not be a privileged group: every user who signs up joins it, and api.adminGroups admits it to the admin route"]] },
    { title: "a default group with its own IAM role", base: PROD, set: { api: undefined, triggers: { postConfirmation: { defaultGroup: "admins" } } }, expect: [["triggers.postConfirmation.defaultGroup", "groupRoles gives it its own IAM role"]] },
    { title: "a default group that a rule maps to a role", set: { api: undefined, groupRoles: ["admins"], roleMappingType: "Rules", roleMappingRules: [{ claim: "cognito:groups", matchType: "Contains", value: "members", role: "admins" }] }, expect: [["triggers.postConfirmation.defaultGroup", "roleMappingRules[0] gives its members the role admins"]] },
    { title: "an SES configuration set with spaces", set: { sesConfigurationSet: "my set" }, expect: [["sesConfigurationSet", "must be 1-64 letters, digits, _ or -"]] },
    { title: "a tenant attribute without custom:", set: { triggers: { preTokenGeneration: { tenantAttribute: "tenant_id" } } }, expect: [["triggers.preTokenGeneration.tenantAttribute", "must be a custom attribute like custom:tenant_id"]] },
    { title: "a tenant attribute the pool lacks", set: { triggers: { preTokenGeneration: { tenantAttribute: "custom:org_id" } } }, expect: [["triggers.preTokenGeneration.tenantAttribute", "must name a custom attribute of the pool"]] },
    { title: "scopes for a group that does not exist", set: { triggers: { preTokenGeneration: { scopesByGroup: { staff: ["https://api.example.com/items.write"] } } } }, expect: [["triggers.preTokenGeneration.scopesByGroup", "names group staff, which is not a group of the pool"]] },
    { title: "suppressing a claim Cognito reserves", set: { triggers: { preTokenGeneration: { suppressedClaims: ["sub"] } } }, expect: [["triggers.preTokenGeneration.suppressedClaims[0]", "must not be a claim Cognito reserves"]] },
    { title: "a roles claim Cognito reserves", set: { triggers: { preTokenGeneration: { rolesClaim: "cognito:groups" } } }, expect: [["triggers.preTokenGeneration.rolesClaim", "must not be a claim Cognito reserves"]] },
    { title: "a stage name with a slash", set: { api: { stageName: "v1/beta" } }, expect: [["api.stageName", "must be 1-128 letters, digits, hyphens or underscores"]] },
    { title: "no admin group", set: { api: { adminGroups: [] } }, expect: [["api.adminGroups", "must name at least one group (otherwise every signed-in user is an admin)"]] },
    { title: "an admin group that does not exist", set: { api: { adminGroups: ["root"] } }, expect: [["api.adminGroups", "names group root, which is not a group of the pool"]] },
    { title: "a read scope no server defines", set: { api: { readScope: "items.list" } }, expect: [["api.readScope", "names https://api.example.com/items.list, which no resource server defines"]] },
    { title: "an API resource server that does not exist", set: { api: { resourceServer: "https://api.example.org" } }, expect: [["api.resourceServer", "must be the identifier of a resource server in resourceServers"]] },
    { title: "an API without resource servers", set: { resourceServers: [], appClients: [{ name: "web", callbackUrls: ["https://app.example.com/cb"] }] }, expect: [["api.readScope", "must name at least one scope"], ["api.writeScope", "must name at least one scope"]] },
    { title: "passkeys without a relying party", set: { signInFactors: ["PASSWORD", "WEB_AUTHN"] }, expect: [["passkeyRelyingPartyId", "is required when signInFactors includes WEB_AUTHN"], ["passkeyRelyingPartyId", "Fix: pulumi config set passkeyRelyingPartyId acme-auth-dev.auth.us-east-1.amazoncognito.com"]] },
    { title: "passkeys bound to another domain than the custom one", set: { domainPrefix: undefined, customDomain: "auth.example.com", customDomainCertificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/abc", signInFactors: ["PASSWORD", "WEB_AUTHN"], passkeyRelyingPartyId: "example.com" }, expect: [["passkeyRelyingPartyId", "must be the custom domain auth.example.com"]] },
    { title: "a callback URL with a #fragment", set: { appClients: [{ name: "web", callbackUrls: ["https://app.example.com/callback#done"] }] }, expect: [["appClients[0].callbackUrls[0]", "must not contain a #fragment"]] },
    { title: "a plain-http callback", set: { appClients: [{ name: "web", callbackUrls: ["http://app.example.com/callback"] }] }, expect: [["appClients[0].callbackUrls[0]", "must use https (plain http only for http://localhost)"]] },
    { title: "an http callback on a host that starts with localhost", set: { appClients: [{ name: "web", callbackUrls: ["http://localhost.evil.example/callback"] }] }, expect: [["appClients[0].callbackUrls[0]", "must use https"]] },
    { title: "a wildcard callback", set: { appClients: [{ name: "web", callbackUrls: ["https://*.example.com/callback"] }] }, expect: [["appClients[0].callbackUrls[0]", "must not contain a wildcard"]] },
    { title: "a javascript: sign-out URL", set: { appClients: [{ name: "web", callbackUrls: ["https://app.example.com/cb"], logoutUrls: ["javascript:alert(1)"] }] }, expect: [["appClients[0].logoutUrls[0]", "must not use the javascript: scheme"]] },
    { title: "a relative callback", set: { appClients: [{ name: "web", callbackUrls: ["/callback"] }] }, expect: [["appClients[0].callbackUrls[0]", "must be an absolute URL"]] },
    { title: "an email reply-to that is not an address", set: { emailReplyTo: "support" }, expect: [["emailReplyTo", "must be an email address like no-reply@example.com"]] },
    { title: "a from address with a stray bracket", base: PROD, set: { emailFrom: "Example no-reply@example.com>" }, expect: [["emailFrom", "must be an email address, or a name and the address in angle brackets"]] },
];

describe("stack config corpus: rules across keys", () => runBad(ACROSS_KEYS));

export const SECRETS: readonly Bad[] = [
    { title: "the Google secret in plain text", set: {}, plain: ["googleClientSecret"], expect: [["googleClientSecret", "Fix: pulumi config set --secret googleClientSecret <client secret>"]] },
    { title: "the Facebook secret in plain text", set: { facebook: { appId: "100000000000001" }, facebookAppSecret: "fb" }, plain: ["facebookAppSecret"], expect: [["facebookAppSecret", "must be encrypted (secure: in the stack file), not plain text"]] },
    { title: "the Apple key in plain text", set: { apple: { servicesId: "com.example.app", teamId: "ABCDE12345", keyId: "KEY1234567" }, applePrivateKey: "-----BEGIN PRIVATE KEY-----" }, plain: ["applePrivateKey"], expect: [["applePrivateKey", 'pulumi config set --secret applePrivateKey -- "$(cat AuthKey_<keyId>.p8)"']] },
    { title: "OIDC secrets in plain text", set: { oidcProviders: [{ name: "Auth0", clientId: "c", issuer: "https://acme.auth0.com/" }], oidcClientSecrets: { Auth0: "s" } }, plain: ["oidcClientSecrets"], expect: [["oidcClientSecrets", "pulumi config set --secret --path 'oidcClientSecrets.<provider name>' <client secret>"]] },
    { title: "a secret inside the provider's settings", set: { google: { clientId: "123-abc.apps.googleusercontent.com", client_secret: "x" } }, expect: [["google.client_secret", "the secret has its own key, set encrypted with pulumi config set --secret googleClientSecret"]] },
    { title: "the secret under a misspelt key", set: { googleClientSecret: undefined, googleSecret: "x" }, expect: [["googleSecret", "did you mean googleClientSecret? set it encrypted"]] },
];

describe("stack config corpus: secrets", () => runBad(SECRETS));

export const UNKNOWN_KEYS: readonly Bad[] = [
    { title: "AWS's name for mfa", set: { mfaConfiguration: "ON" }, expect: [["mfaConfiguration", 'is not a setting of this program (received: "ON"). Fix: did you mean mfa?']] },
    { title: "a missing s", set: { mfaFactor: ["TOTP"] }, expect: [["mfaFactors".slice(0, -1), "did you mean mfaFactors?"]] },
    { title: "a shortened key", set: { passwordLength: 14 }, expect: [["passwordLength", "did you mean passwordMinLength?"]] },
    { title: "the region in this namespace", set: { region: "eu-west-1" }, expect: [["region", "pulumi config set aws:region <region>"]] },
    { title: "a key of nothing known", set: { colour: "blue" }, expect: [["colour", "remove it (pulumi config rm colour)"]] },
    { title: "the namespace one letter short", set: { "cognito-stak:mfa": "ON" }, expect: [["cognito-stak:mfa", "did you mean cognito-stack:mfa?"]] },
    { title: "the namespace without -stack", set: { "cognito:passwordMinLength": "14" }, expect: [["cognito:passwordMinLength", "did you mean cognito-stack:passwordMinLength?"]] },
    { title: "the namespace in capitals", set: { "Cognito-Stack:protect": "true" }, expect: [["Cognito-Stack:protect", "in the namespace Cognito-Stack"]] },
    { title: "a misspelt key in a misspelt namespace", set: { "cognitostack:mfaa": "ON" }, expect: [["cognitostack:mfaa", "did you mean cognito-stack:mfa?"]] },
    { title: "a misspelt setting of a client", set: { appClients: [{ name: "web", callbackURLs: ["https://app.example.com/cb"] }] }, expect: [["appClients[0].callbackURLs", "did you mean callbackUrls?"]] },
    { title: "a misspelt trigger", set: { triggers: { preSignup: {} } }, expect: [["triggers.preSignup", "did you mean preSignUp?"]] },
    { title: "a misspelt API setting", set: { api: { adminGroup: ["admins"] } }, expect: [["api.adminGroup", "did you mean adminGroups?"]] },
    { title: "a misspelt group setting", set: { groups: [{ name: "admins", precedance: 1 }] }, expect: [["groups[0].precedance", "did you mean precedence?"]] },
    { title: "the environment missing", set: { environment: undefined }, expect: [["environment", "is required (received: nothing). Fix: pulumi config set environment dev"]] },
];

describe("stack config corpus: unknown keys and namespaces", () => runBad(UNKNOWN_KEYS));

export const SEVERAL: readonly Bad[] = [
    {
        title: "a type, an enum and a range mistake (the CLI used to stop at the first)",
        base: PROD,
        set: { protect: "yes", mfa: "MAYBE", passwordMinLength: 5 },
        expect: [["protect", "must be true or false"], ["mfa", "must be one of OFF, OPTIONAL, ON"], ["passwordMinLength", "must be at least 6"]],
    },
    {
        title: "a bad group precedence says nothing about the groups other keys name",
        set: { groups: [{ name: "admins", precedence: -1 }, { name: "members" }], api: { adminGroups: ["admins"] }, groupRoles: ["admins"] },
        expect: [["groups[0].precedence", "must be at least 0"]],
    },
    {
        title: "a bad custom attribute says nothing about the claims and tenant attribute that use it",
        set: { customAttributes: [{ name: "tenant-id", type: "String" }] },
        expect: [["customAttributes[0].name", "must be 1-20 letters, digits or underscores"]],
    },
    {
        title: "a misspelt namespace keeps the MFA rules away from the default it leaves",
        base: PROD,
        set: { mfa: undefined, "cognito-stak:mfa": "OFF", mfaFactors: [] },
        expect: [["cognito-stak:mfa", "did you mean cognito-stack:mfa?"]],
    },
    {
        title: "an unknown key, a type error, a range error and a rule across keys",
        set: { mfaConfiguration: "ON", protect: "yes", logRetentionDays: 45, aliasAttributes: ["preferred_username"], usernameAttributes: ["email"] },
        expect: [["mfaConfiguration", "did you mean mfa?"], ["protect", "must be true or false"], ["logRetentionDays", "must be one of CloudWatch's retention values"], ["aliasAttributes", "cannot be combined with usernameAttributes"]],
    },
    {
        title: "two API settings wrong, one by type and one against the groups",
        set: { api: { executionLogLevel: "DEBUG", adminGroups: ["root"] } },
        expect: [["api.executionLogLevel", "must be one of OFF, ERROR, INFO"], ["api.adminGroups", "names group root, which is not a group of the pool"]],
    },
    {
        title: "a trigger timeout and a default group in one key",
        set: { triggers: { timeoutSeconds: 8, postConfirmation: { senderEmail: "no-reply@example.com", defaultGroup: "nobody" } } },
        expect: [["triggers.timeoutSeconds", "must be at most 5"], ["triggers.postConfirmation.defaultGroup", "must name a group of the pool"]],
    },
    {
        title: "a misspelt client setting says nothing about the callbacks it held",
        set: { appClients: [{ name: "web", callbackUrl: ["https://app.example.com/cb"], identityProviders: ["COGNITO", "Google"] }] },
        expect: [["appClients[0].callbackUrl", "did you mean callbackUrls?"]],
    },
    {
        title: "a bad client next to a good one with its own mistake",
        set: { appClients: [{ name: "web", callbackUrls: ["https://app.example.com/cb#x"] }, { name: "cli", accessTokenValidityMinutes: 2 }] },
        expect: [["appClients[0].callbackUrls[0]", "must not contain a #fragment"], ["appClients[1].accessTokenValidityMinutes", "must be between 5 and 1440"]],
    },
    {
        title: "a bad environment keeps quiet about the prod rules",
        base: PROD,
        set: { environment: "production", protect: false, allowGuests: true },
        expect: [["environment", "must be one of dev, staging, prod"]],
    },
    {
        title: "a plain secret, an unknown key and a bad callback",
        set: { appClients: [{ name: "web", callbackUrls: ["http://app.example.com/cb"] }], passwordLenght: 10 },
        plain: ["googleClientSecret"],
        expect: [["googleClientSecret", "must be encrypted"], ["passwordLenght", "did you mean passwordMinLength?"], ["appClients[0].callbackUrls[0]", "must use https"]],
    },
    {
        title: "a bad resource server says nothing about the scopes that name it",
        set: { resourceServers: [{ identifier: "https://api.example.com", name: "Example API (v1)", scopes: [{ name: "items.read", description: "r" }, { name: "items.write", description: "w" }] }] },
        expect: [["resourceServers[0].name", "must be 1-256 word characters, spaces or +=,.@-"]],
    },
    {
        title: "bad email settings next to an SES rule",
        set: { emailSender: "SES", emailReplyTo: { to: "x" }, verificationType: "link" },
        expect: [["emailReplyTo", "must be text, not an object"], ["verificationType", "did you mean LINK?"], ["sesIdentityArn", "is required when emailSender is SES"]],
    },
];

describe("stack config corpus: several mistakes at once, and none that follows from another", () => runBad(SEVERAL));

/** Valid configs that look unusual; the plans of some are made end to end in plan.spec.ts. */
export const VALID: readonly Valid[] = [
    { title: "the dev base", set: {} },
    { title: "the prod base", base: PROD, set: {} },
    { title: "MFA off in dev, with no factor list", set: { mfa: "OFF" }, check: (c) => assert.deepEqual([c.mfa, c.mfaFactors], ["OFF", []]) },
    { title: "a username with aliases and no username attributes set", set: { aliasAttributes: ["preferred_username", "email"] }, check: (c) => assert.deepEqual([c.usernameAttributes, c.aliasAttributes], [[], ["preferred_username", "email"]]) },
    { title: "refresh tokens for 12 hours", set: { appClients: [{ name: "web", refreshTokenValidityDays: 0.5 }] }, check: (c) => assert.equal(c.appClients[0].refreshTokenValidityDays, 0.5) },
    { title: "refresh tokens for one hour, written as 0.0417 days", set: { appClients: [{ name: "web", refreshTokenValidityDays: 0.0417 }] } },
    { title: "refresh tokens for ten years", set: { appClients: [{ name: "web", refreshTokenValidityDays: 3650 }] } },
    { title: "a native app's custom-scheme callback with the code grant", set: { appClients: [{ name: "ios", kind: "native", callbackUrls: ["myapp://callback"], logoutUrls: ["myapp://signout"], oauthFlows: ["code"] }] } },
    { title: "an RFC 8252 reverse-domain callback", set: { appClients: [{ name: "android", kind: "native", callbackUrls: ["com.example.app:/oauth2redirect"] }] } },
    { title: "localhost on a port for development", set: { appClients: [{ name: "web", callbackUrls: ["http://localhost:8080/cb", "http://localhost"] }] } },
    { title: "booleans in YAML 1.2's other spellings and numbers as text", set: { protect: "True", selfSignUp: "FALSE", passwordMinLength: "14" }, check: (c) => assert.deepEqual([c.protect, c.selfSignUp, c.passwordMinLength], [true, false, 14]) },
    { title: "passkeys on the custom domain", set: { domainPrefix: undefined, customDomain: "auth.example.com", customDomainCertificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/abc", signInFactors: ["PASSWORD", "WEB_AUTHN"], passkeyRelyingPartyId: "auth.example.com" } },
    { title: "passkeys on the prefix domain", set: { signInFactors: ["PASSWORD", "WEB_AUTHN"], passkeyRelyingPartyId: "acme-auth-dev.auth.us-east-1.amazoncognito.com", passkeyUserVerification: "required" } },
    { title: "email MFA and email OTP through SES on ESSENTIALS", set: { featurePlan: "ESSENTIALS", mfaFactors: ["TOTP", "EMAIL"], signInFactors: ["PASSWORD", "EMAIL_OTP"], emailSender: "SES", sesIdentityArn: "arn:aws:ses:us-east-1:123456789012:identity/example.com", emailFrom: "no-reply@example.com", emailReplyTo: "help@example.com" } },
    { title: "a rule on the groups claim and one on the trigger's roles claim", set: { groupRoles: ["admins"], roleMappingType: "Rules", ambiguousRoleResolution: "Deny", roleMappingRules: [{ claim: "cognito:groups", matchType: "Contains", value: "admins", role: "admins" }, { claim: "roles", matchType: "Contains", value: "admins", role: "arn:aws:iam::123456789012:role/auditors" }] } },
    { title: "a principal tag from a standard claim", set: { principalTags: { user: "sub", lang: "locale" } } },
    { title: "groups with Unicode names and no precedence", set: { groups: [{ name: "administrateurs" }, { name: "membres-équipe" }], api: { adminGroups: ["administrateurs"] }, triggers: { postConfirmation: { senderEmail: "no-reply@example.com", defaultGroup: "membres-équipe" } } } },
    { title: "the classic hosted UI", set: { managedLoginVersion: 1 } },
    { title: "ten app clients, the identity pool's limit", set: { appClients: Array.from({ length: 10 }, (_, i) => ({ name: `client-${i}` })) } },
    { title: "recovery by administrators only", set: { accountRecovery: ["admin_only"] } },
    { title: "the API and the triggers with every default", set: { api: {}, triggers: {}, principalTags: {} }, check: (c) => assert.deepEqual([c.api?.stageName, c.triggers.timeoutSeconds], ["v1", 5]) },
    { title: "other namespaces beside this one", set: { "aws:profile": "dev", "aws:defaultTags": '{"tags":{"a":"b"}}', "random:seed": "1" } },
    { title: "a SAML IdP by metadata document with direct logins", set: { identityPoolDirectLogins: true, samlProviders: [{ name: "EntraID", metadataFile: '<EntityDescriptor entityID="x"></EntityDescriptor>', idpIdentifiers: ["contoso.example"], attributeMapping: { email: "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress" } }] } },
    { title: "OIDC with an exactly named secret", set: { oidcProviders: [{ name: "Auth0", clientId: "c", issuer: "https://acme.auth0.com/", attributesRequestMethod: "POST" }], oidcClientSecrets: { Auth0: "s" } } },
    { title: "threat protection in audit mode on PLUS with a risk configuration", set: { featurePlan: "PLUS", threatProtection: "AUDIT", threatProtectionCustomAuth: "AUDIT", riskConfiguration: { low: { action: "NO_ACTION" }, skippedIpRanges: ["2001:db8::/32"] } } },
    { title: "tags with spaces and symbols", set: { tags: { "cost center": "42", "owner@team": "identity/auth" } } },
    { title: "a prod custom attribute added beside the locked one", base: PROD, set: { customAttributes: [{ name: "tenant_id", type: "String", mutable: true, maxLength: 64 }, { name: "plan", type: "String" }] } },
];

describe("stack config corpus: valid configs that look unusual", () => runValid(VALID));

/** The GraphQL API's settings: ranges, enum typos, rules across keys, and follow-on errors that must not appear. */
export const GRAPHQL_API: readonly Bad[] = [
    { title: "a query depth of 0", set: { graphqlApi: { queryDepthLimit: 0 } }, expect: [["graphqlApi.queryDepthLimit", "must be at least 1 (received: 0)"]] },
    { title: "a query depth over AppSync's 75", set: { graphqlApi: { queryDepthLimit: 76 } }, expect: [["graphqlApi.queryDepthLimit", "must be at most 75"]] },
    { title: "a query depth with a fraction", set: { graphqlApi: { queryDepthLimit: 2.5 } }, expect: [["graphqlApi.queryDepthLimit", "must be a whole number (received: 2.5)"]] },
    { title: "field logs off", set: { graphqlApi: { fieldLogLevel: "NONE" } }, expect: [["graphqlApi.fieldLogLevel", "must be one of ERROR, ALL"]] },
    { title: "field log level in lower case", set: { graphqlApi: { fieldLogLevel: "error" } }, expect: [["graphqlApi.fieldLogLevel", "did you mean ERROR?"]] },
    { title: "X-Ray as the text yes", set: { graphqlApi: { xrayEnabled: "yes" } }, expect: [["graphqlApi.xrayEnabled", "must be true or false"]] },
    { title: "admin groups as text", set: { graphqlApi: { adminGroups: "admins" } }, expect: [["graphqlApi.adminGroups", "must be a list"]] },
    { title: "no admin group", set: { graphqlApi: { adminGroups: [] } }, expect: [["graphqlApi.adminGroups", "must name at least one group (the admin query is for them alone)"]] },
    { title: "an admin group the pool does not have", set: { graphqlApi: { adminGroups: ["root"] } }, expect: [["graphqlApi.adminGroups", "names group root, which is not a group of the pool"]] },
    { title: "a misspelt GraphQL setting", set: { graphqlApi: { fieldLoglevel: "ERROR" } }, expect: [["graphqlApi.fieldLoglevel", "did you mean fieldLogLevel?"]] },
    { title: "every field's resolution logged in prod", base: PROD, set: { graphqlApi: { fieldLogLevel: "ALL" } }, expect: [["graphqlApi.fieldLogLevel", "must be ERROR in prod (ALL writes every field's resolution of every request to the logs)"]] },
    {
        title: "a default group that opens the admin query",
        set: { api: undefined, graphqlApi: { adminGroups: ["members"] } },
        expect: [["triggers.postConfirmation.defaultGroup", "must not be a privileged group: every user who signs up joins it, and graphqlApi.adminGroups admits it to the admin query"]],
    },
    { title: "malformed groups say nothing about the admin groups that name them", set: { groups: "admins", graphqlApi: { adminGroups: ["admins"] } }, expect: [["groups", "must be a list"]] },
    { title: "a malformed environment says nothing about prod's log level", set: { environment: "production", graphqlApi: { fieldLogLevel: "ALL" } }, expect: [["environment", "must be one of dev, staging, prod"]] },
];

describe("stack config corpus: the GraphQL API", () => runBad(GRAPHQL_API));

describe("stack config corpus: valid GraphQL API settings", () =>
    runValid([
        { title: "the GraphQL API with every default", set: { graphqlApi: {} }, check: (c) => assert.deepEqual(c.graphqlApi, { adminGroups: ["admins"], fieldLogLevel: "ERROR", xrayEnabled: false, queryDepthLimit: 10 }) },
        { title: "every field logged and traced in dev, at the deepest depth", set: { graphqlApi: { fieldLogLevel: "ALL", xrayEnabled: true, queryDepthLimit: 75 } }, check: (c) => assert.equal(c.graphqlApi?.queryDepthLimit, 75) },
        { title: "two admin groups, a shallow depth in prod", base: PROD, set: { groups: [{ name: "admins" }, { name: "ops" }, { name: "members" }], graphqlApi: { adminGroups: ["admins", "ops"], queryDepthLimit: 1 } } },
        { title: "the GraphQL API without the REST API", set: { api: undefined, graphqlApi: { adminGroups: ["admins"] } }, check: (c) => assert.equal(c.api, undefined) },
    ]));

describe("stack config corpus: user context data of app clients", () => {
    runBad([
        { title: "propagation as the text yes", set: client({ generateSecret: true, propagateUserContextData: "yes" }), expect: [["appClients[0].propagateUserContextData", "must be true or false"]] },
        { title: "propagation on a public client", set: client({ propagateUserContextData: true }), expect: [["appClients[0].propagateUserContextData", "needs generateSecret: true (Cognito takes a user's IP address from a server only for a client with a secret)"]] },
        { title: "a misspelt propagation setting", set: client({ generateSecret: true, propagateContextData: true }), expect: [["appClients[0].propagateContextData", "did you mean propagateUserContextData?"]] },
    ]);
    runValid([
        { title: "a confidential client propagating by default", set: client({ generateSecret: true }), check: (c) => assert.equal(c.appClients[0].propagateUserContextData, undefined) },
        { title: "a confidential client that does not propagate", set: client({ generateSecret: true, propagateUserContextData: false }), check: (c) => assert.equal(c.appClients[0].propagateUserContextData, false) },
        { title: "a public client that says it does not propagate", set: client({ propagateUserContextData: false }) },
    ]);
});

// Client kinds (machine, spa, native), redirects, attributes, message templates, devices, branding.
const WEB = DEV.appClients as Config[];
const machine = (over: Config = {}) => ({ name: "reporting", kind: "machine", oauthScopes: ["https://api.example.com/items.service"], ...over });
const SERVICE_RS = { resourceServers: [{ identifier: "https://api.example.com", name: "Example API", scopes: [{ name: "items.read", description: "r" }, { name: "items.write", description: "w" }, { name: "items.service", description: "s" }] }] };
const withClients = (...clients: Config[]) => ({ ...SERVICE_RS, api: { adminGroups: ["admins"], machineScope: "items.service" }, appClients: [...WEB, ...clients] });

describe("stack config corpus: machine clients", () => {
    runBad([
        { title: "a machine client without a secret", set: withClients(machine({ generateSecret: false })), expect: [["appClients[1].generateSecret", "must be true for a machine client"]] },
        { title: "a machine client with callback URLs", set: withClients(machine({ callbackUrls: ["https://svc.example.com/cb"] })), expect: [["appClients[1].callbackUrls", "must be empty for a machine client"]] },
        { title: "a machine client offering Google", set: withClients(machine({ identityProviders: ["Google"] })), expect: [["appClients[1].identityProviders", "must be empty for a machine client"]] },
        { title: "a machine client with SRP", set: withClients(machine({ explicitAuthFlows: ["ALLOW_USER_SRP_AUTH"] })), expect: [["appClients[1].explicitAuthFlows", "must not include ALLOW_USER_SRP_AUTH for a machine client"]] },
        { title: "a machine client with the default user scopes", set: withClients(machine({ oauthScopes: undefined })), expect: [["appClients[1].oauthScopes", "must list only scopes of the pool's resource servers for a machine client"]] },
        { title: "a machine client holding the user routes' read scope", set: withClients(machine({ oauthScopes: ["https://api.example.com/items.read"] })), expect: [["appClients[1].oauthScopes", "which the API's user routes accept"], ["appClients", "must not give scope https://api.example.com/items.read to both machine client reporting and user client web"]] },
        { title: "a user client holding the machine scope", set: { ...withClients(machine()), appClients: [{ ...WEB[0], oauthScopes: ["openid", "https://api.example.com/items.service"] }, machine()] }, expect: [["appClients[0].oauthScopes", "the scope of the API's machine route"], ["appClients", "must not give scope https://api.example.com/items.service to both"]] },
        { title: "a machine client writing attributes", set: withClients(machine({ writeAttributes: ["email"] })), expect: [["appClients[1].writeAttributes", "must not be set for a machine client"]] },
        { title: "a machine client without a domain", set: { ...withClients(machine()), domainPrefix: undefined, appClients: [{ name: "app" }, machine()] }, expect: [["appClients[1].kind", "machine needs a managed-login domain"]] },
        { title: "a machine scope equal to the read scope", set: { ...withClients(machine({ oauthScopes: ["https://api.example.com/items.read"] })), appClients: [machine({ oauthScopes: ["https://api.example.com/items.read"] })], api: { adminGroups: ["admins"], machineScope: "items.read" } }, expect: [["api.machineScope", "must differ from the user routes' scopes"], ["appClients[0].oauthScopes", "which the API's user routes accept"]] },
        { title: "a machine scope no resource server defines", set: { ...withClients(), api: { adminGroups: ["admins"], machineScope: "items.sync" } }, expect: [["api.machineScope", "names https://api.example.com/items.sync, which no resource server defines"]] },
        { title: "an unknown client kind", set: withClients({ name: "tv", kind: "device" }), expect: [["appClients[1].kind", "must be one of web, spa, native, machine"]] },
    ]);
    runValid([
        { title: "a machine client with its own scope", set: withClients(machine()), check: (c) => assert.deepEqual([c.appClients[1].kind, c.appClients[1].generateSecret, c.api?.machineScope], ["machine", undefined, "items.service"]) },
        { title: "a machine client with refresh as its only flow", set: withClients(machine({ explicitAuthFlows: ["ALLOW_REFRESH_TOKEN_AUTH"] })) },
    ]);
});

describe("stack config corpus: browser and native apps, redirects and attributes", () => {
    runBad([
        { title: "a single-page app with a secret", set: withClients({ name: "spa", kind: "spa", generateSecret: true, callbackUrls: ["https://app.example.com/spa"] }), expect: [["appClients[1].generateSecret", "must be false for a spa client"]] },
        { title: "a native app with a secret", set: withClients({ name: "ios", kind: "native", generateSecret: true, callbackUrls: ["myapp://callback"] }), expect: [["appClients[1].generateSecret", "must be false for a native client"]] },
        { title: "a native app without a callback", set: withClients({ name: "ios", kind: "native" }), expect: [["appClients[1].callbackUrls", "must list the URL the native app receives the authorization code at"]] },
        { title: "a custom scheme on a web client", set: withClients({ name: "w2", callbackUrls: ["myapp://callback"] }), expect: [["appClients[1].callbackUrls", "may use an app's own scheme only for kind native"]] },
        { title: "a custom scheme on a single-page app", set: withClients({ name: "spa", kind: "spa", callbackUrls: ["https://app.example.com/spa"], logoutUrls: ["spa://out"] }), expect: [["appClients[1].logoutUrls", "may use an app's own scheme only for kind native"]] },
        { title: "a default redirect that is no callback", set: withClients({ name: "ios", kind: "native", callbackUrls: ["myapp://callback"], defaultRedirectUri: "myapp://other" }), expect: [["appClients[1].defaultRedirectUri", "must be one of the client's callbackUrls"]] },
        { title: "a default redirect with a fragment", set: withClients({ name: "ios", kind: "native", callbackUrls: ["myapp://callback"], defaultRedirectUri: "myapp://callback#x" }), expect: [["appClients[1].defaultRedirectUri", "must not contain a #fragment"]] },
        { title: "a client writing the tenant attribute", set: withClients({ name: "ios", kind: "native", callbackUrls: ["myapp://callback"], identityProviders: ["COGNITO"], writeAttributes: ["email", "custom:tenant_id"] }), expect: [["appClients[1].writeAttributes", "must not include custom:tenant_id, which the tenant claim of pre token generation, principal tag tenant_id trusts"]] },
        { title: "a client writing email_verified", set: withClients({ name: "ios", kind: "native", callbackUrls: ["myapp://callback"], identityProviders: ["COGNITO"], writeAttributes: ["email_verified"] }), expect: [["appClients[1].writeAttributes", "must not include email_verified"]] },
        { title: "a client writing an attribute nobody maps", set: withClients({ name: "ios", kind: "native", callbackUrls: ["myapp://callback"], identityProviders: ["COGNITO"], writeAttributes: ["website"] }), expect: [["appClients[1].writeAttributes", "must not include website, which is neither a self-service attribute nor mapped by a provider of this client"]] },
        { title: "a client that cannot write what Google maps", set: { ...withClients(), appClients: [{ ...WEB[0], writeAttributes: ["locale"] }] }, expect: [["appClients[0].writeAttributes", "must include email, name: Google maps them"]] },
        { title: "a client reading an attribute the pool lacks", set: withClients({ name: "ios", kind: "native", callbackUrls: ["myapp://callback"], readAttributes: ["email", "custom:plan"] }), expect: [["appClients[1].readAttributes", "names custom:plan, which is not an attribute of the pool"]] },
        { title: "a read attribute that is no attribute name", set: withClients({ name: "ios", kind: "native", callbackUrls: ["myapp://callback"], readAttributes: ["Email Address"] }), expect: [["appClients[1].readAttributes[0]", "must be a standard attribute (email, name, ...) or custom:<name>"]] },
    ]);
    runValid([
        {
            title: "a single-page app and a native app with their own redirects and attributes",
            set: withClients(
                { name: "spa", kind: "spa", callbackUrls: ["https://app.example.com/spa"], defaultRedirectUri: "https://app.example.com/spa", identityProviders: ["COGNITO"], readAttributes: ["email", "name", "custom:tenant_id"], writeAttributes: ["name"] },
                { name: "ios", kind: "native", callbackUrls: ["myapp://callback", "com.example.app:/oauth2redirect"], defaultRedirectUri: "myapp://callback" },
            ),
            check: (c) => assert.deepEqual(c.appClients.map((x) => x.kind), ["web", "spa", "native"]),
        },
    ]);
});

describe("stack config corpus: message templates", () => {
    const long = (n: number) => "x".repeat(n);
    runBad([
        { title: "a verification SMS without the code", set: { verificationSmsMessage: "Welcome to Example" }, expect: [["verificationSmsMessage", "must contain {####}, where Cognito puts the code"]] },
        { title: "a verification SMS over 140 characters", set: { verificationSmsMessage: `{####} ${long(140)}` }, expect: [["verificationSmsMessage", "must be 6 to 140 characters (AWS's limit; it has 147)"]] },
        { title: "a link email without the link", set: { verificationType: "LINK", verificationEmailMessage: "Click to verify: {####}" }, expect: [["verificationEmailMessage", "must contain {##Verify Email##}"]] },
        { title: "a code email with a link placeholder", set: { verificationEmailMessage: "Your code {####} or {##Verify##}" }, expect: [["verificationEmailMessage", "has a {##link##} placeholder, which only verificationType LINK fills in"]] },
        { title: "a verification email greeting {username}", set: { verificationEmailMessage: "Hello {username}, your code is {####}" }, expect: [["verificationEmailMessage", "must not contain {username}"]] },
        { title: "an invitation without the temporary password", set: { invitationMessage: { emailMessage: "Welcome {username}, sign in now" } }, expect: [["invitationMessage.emailMessage", "must contain {####}, where Cognito puts the temporary password"]] },
        { title: "an invitation SMS without the username", set: { invitationMessage: { smsMessage: "Your password is {####}" } }, expect: [["invitationMessage.smsMessage", "must contain {username}, where Cognito puts the user name"]] },
        { title: "an invitation subject over 140 characters", set: { invitationMessage: { emailSubject: long(141) } }, expect: [["invitationMessage.emailSubject", "must be 1 to 140 characters"]] },
        { title: "an invitation subject of two lines", set: { invitationMessage: { emailSubject: "Welcome\nto Example" } }, expect: [["invitationMessage.emailSubject", "must be one line"]] },
        { title: "an invitation email over 20,000 characters", set: { invitationMessage: { emailMessage: `{username} {####} ${long(20000)}` } }, expect: [["invitationMessage.emailMessage", "must be 6 to 20000 characters"]] },
        { title: "an MFA SMS without the code", set: { mfaSmsMessage: "Your sign-in code" }, expect: [["mfaSmsMessage", "must contain {####}"]] },
        { title: "an MFA SMS without SMS MFA or SMS sign-in", set: { mfaSmsMessage: "Your code {####}" }, expect: [["mfaSmsMessage", "is never sent: no SMS factor (mfaFactors SMS) or SMS sign-in (signInFactors SMS_OTP) is on"]] },
        { title: "a verification SMS where phone numbers are not verified", set: { verificationSmsMessage: "Your code {####}" }, expect: [["verificationSmsMessage", "is never sent: phone numbers are not verified"]] },
        { title: "an MFA SMS of 5 characters", set: { mfaSmsMessage: "{####" }, expect: [["mfaSmsMessage", "must be 6 to 140 characters"], ["mfaSmsMessage", "must contain {####}"]] },
        { title: "an unknown invitation setting", set: { invitationMessage: { smsBody: "x" } }, expect: [["invitationMessage.smsBody", "is not a setting of invitationMessage"]] },
        {
            title: "every template wrong at once, each reported",
            set: { verificationSmsMessage: "hi", mfaSmsMessage: "hello there", invitationMessage: { emailMessage: "{####} only", smsMessage: "{username} only" } },
            expect: [["verificationSmsMessage", "must be 6 to 140"], ["mfaSmsMessage", "must contain {####}"], ["invitationMessage.emailMessage", "must contain {username}"], ["invitationMessage.smsMessage", "must contain {####}"]],
        },
    ]);
    runValid([
        { title: "every template with its placeholders", set: { autoVerifiedAttributes: ["email", "phone_number"], mfaFactors: ["TOTP", "SMS"], verificationSmsMessage: "Example code: {####}", mfaSmsMessage: "Your Example sign-in code is {####}", invitationMessage: { emailSubject: "Welcome", emailMessage: "User {username}, password {####}", smsMessage: "{username} / {####}" } } },
        { title: "a link email with its own link text", set: { verificationType: "LINK", verificationEmailMessage: "Please {##confirm your address##}." } },
    ]);
});

describe("stack config corpus: devices, required attributes and branding", () => {
    runBad([
        { title: "device tracking as text", set: { deviceTracking: { challengeRequiredOnNewDevice: "yes" } }, expect: [["deviceTracking.challengeRequiredOnNewDevice", "must be true or false"]] },
        { title: "a required attribute that is not standard", set: { requiredAttributes: ["custom:tenant_id"] }, expect: [["requiredAttributes[0]", "must be one of address, birthdate, email"]] },
        { title: "a required verification flag", set: { requiredAttributes: ["email_verified"] }, expect: [["requiredAttributes[0]", "did you mean email?"]] },
        { title: "a required attribute Google does not map", set: { requiredAttributes: ["email", "birthdate"] }, expect: [["requiredAttributes", "birthdate is not mapped by Google"]] },
        { title: "a required attribute a client may not write", set: { requiredAttributes: ["email", "name"], appClients: [{ ...(DEV.appClients as Config[])[0], writeAttributes: ["email"] }] }, expect: [["appClients[0].writeAttributes", "must include the required attribute name (SignUp through this client must set it)"]] },
        { title: "required attributes that differ from the lock", base: PROD, set: { requiredAttributes: ["email"] }, expect: [["requiredAttributes", "differs from userPoolLock ([]); AWS cannot add or drop a required attribute of an existing pool"]] },
        { title: "branding with a settings file that is missing", set: { managedLoginBranding: { settingsFile: "branding/missing.json" } }, expect: [["managedLoginBranding.settingsFile", "must name a file in the repository"]] },
        { title: "branding settings that are not JSON", set: { managedLoginBranding: { settingsFile: "branding/logo.svg" } }, expect: [["managedLoginBranding.settingsFile", "must hold a JSON object"]] },
        { title: "a branding asset of another format", set: { managedLoginBranding: { settingsFile: "branding/settings.json", assets: [{ category: "FORM_LOGO", colorMode: "LIGHT", file: "branding/settings.json" }] } }, expect: [["managedLoginBranding.assets[0].file", "must be an .ico, .jpg, .jpeg, .png, .svg or .webp image"]] },
        { title: "an SVG as the ICO favicon", set: { managedLoginBranding: { settingsFile: "branding/settings.json", assets: [{ category: "FAVICON_ICO", colorMode: "LIGHT", file: "branding/favicon.svg" }] } }, expect: [["managedLoginBranding.assets[0].file", "must be a .ico file for category FAVICON_ICO"]] },
        { title: "two logos for one colour mode", set: { managedLoginBranding: { settingsFile: "branding/settings.json", assets: [{ category: "FORM_LOGO", colorMode: "LIGHT", file: "branding/logo.svg" }, { category: "FORM_LOGO", colorMode: "LIGHT", file: "branding/favicon.svg" }] } }, expect: [["managedLoginBranding.assets[1]", "repeats category FORM_LOGO in colour mode LIGHT"]] },
        { title: "an unknown asset category", set: { managedLoginBranding: { settingsFile: "branding/settings.json", assets: [{ category: "HEADER_LOGO", colorMode: "LIGHT", file: "branding/logo.svg" }] } }, expect: [["managedLoginBranding.assets[0].category", "must be one of"]] },
        { title: "branding with the classic hosted UI", set: { managedLoginVersion: 1, managedLoginBranding: { settingsFile: "branding/settings.json" } }, expect: [["managedLoginBranding", "needs managed login"]] },
    ]);
    runValid([
        { title: "device tracking with the defaults", set: { deviceTracking: {} }, check: (c) => assert.deepEqual(c.deviceTracking, { challengeRequiredOnNewDevice: true, deviceOnlyRememberedOnUserPrompt: true }) },
        { title: "required attributes every provider maps", set: { requiredAttributes: ["email", "name"] } },
        { title: "the repository's branding", set: { managedLoginBranding: { settingsFile: "branding/settings.json", assets: [{ category: "PAGE_HEADER_LOGO", colorMode: "LIGHT", file: "branding/logo.svg" }] } } },
    ]);
});
