import * as aws from "@pulumi/aws";
import { ResourceValidationPolicy, StackValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import { settings } from "./lib/config";
import { ofType, requiredOutput } from "./lib/stack";
import { checkAll, checkEach } from "./lib/unknowns";

const mfaSettings = settings(
    { allowOptional: false, allowedFactors: ["SOFTWARE_TOKEN", "EMAIL"] },
    {
        allowOptional: "Accept mfaConfiguration OPTIONAL (users may skip MFA) instead of ON.",
        allowedFactors: "MFA factors a pool may enable: SOFTWARE_TOKEN, EMAIL, SMS.",
    },
);

export const userPoolMfa: ResourceValidationPolicy = {
    name: "cognito-user-pool-mfa",
    description: "Checks whether user pools require MFA and enable only allowed factors.",
    severity: "high",
    configSchema: mfaSettings.schema,
    validateResource: validateResourceOfType(aws.cognito.UserPool, async (pool, args, report) => {
        const { allowOptional, allowedFactors } = mfaSettings.read(args);
        await checkAll([
            () => {
                const mode = pool.mfaConfiguration ?? "OFF";
                if (mode !== "ON" && !(mode === "OPTIONAL" && allowOptional)) {
                    const accepted = allowOptional ? "ON or OPTIONAL" : "ON";
                    report(`mfaConfiguration is ${mode}: set it to ${accepted}.`);
                }
            },
            () => {
                const enabled: string[] = [];
                if (pool.softwareTokenMfaConfiguration?.enabled === true) {
                    enabled.push("SOFTWARE_TOKEN");
                }
                if (pool.emailMfaConfiguration !== undefined) {
                    enabled.push("EMAIL");
                }
                if (pool.smsConfiguration !== undefined && (pool.mfaConfiguration ?? "OFF") !== "OFF") {
                    enabled.push("SMS");
                }
                for (const factor of enabled.filter((f) => !allowedFactors.includes(f))) {
                    report(`MFA factor ${factor} is enabled but not allowed (allowed: ${allowedFactors.join(", ")}): remove its configuration.`);
                }
                if ((pool.mfaConfiguration ?? "OFF") !== "OFF" && enabled.length === 0) {
                    report("MFA is required but no factor is enabled: enable softwareTokenMfaConfiguration or emailMfaConfiguration.");
                }
            },
        ]);
    }),
};

const passwordSettings = settings(
    { minimumLength: 12, passwordHistorySize: 5, maxTemporaryPasswordValidityDays: 7 },
    {
        minimumLength: "Shortest password length accepted.",
        passwordHistorySize: "Fewest previous passwords a user may not reuse (needs the ESSENTIALS or PLUS tier).",
        maxTemporaryPasswordValidityDays: "Longest validity of an admin-set temporary password.",
    },
);

export const userPoolPasswordPolicy: ResourceValidationPolicy = {
    name: "cognito-user-pool-password-policy",
    description: "Checks whether user pools enforce a strong password policy (length, character classes, history).",
    severity: "high",
    configSchema: passwordSettings.schema,
    validateResource: validateResourceOfType(aws.cognito.UserPool, (pool, args, report) => {
        const limits = passwordSettings.read(args);
        const policy = pool.passwordPolicy;
        if (!policy) {
            report(`passwordPolicy is not set: set minimumLength >= ${limits.minimumLength}, all four character classes and passwordHistorySize >= ${limits.passwordHistorySize}.`);
            return;
        }
        const length = policy.minimumLength ?? 8;
        if (length < limits.minimumLength) {
            report(`passwordPolicy.minimumLength is ${length}: set it to at least ${limits.minimumLength}.`);
        }
        const classes = ["requireLowercase", "requireUppercase", "requireNumbers", "requireSymbols"] as const;
        const missing = classes.filter((c) => policy[c] !== true);
        if (missing.length > 0) {
            report(`passwordPolicy does not require ${missing.join(", ")}: set ${missing.map((c) => `${c}: true`).join(", ")}.`);
        }
        const history = policy.passwordHistorySize ?? 0;
        if (history < limits.passwordHistorySize) {
            report(`passwordPolicy.passwordHistorySize is ${history}: set it to at least ${limits.passwordHistorySize}.`);
        }
        const temporary = policy.temporaryPasswordValidityDays ?? 7;
        if (temporary > limits.maxTemporaryPasswordValidityDays) {
            report(`passwordPolicy.temporaryPasswordValidityDays is ${temporary}: set it to at most ${limits.maxTemporaryPasswordValidityDays}.`);
        }
    }),
};

export const userPoolThreatProtection: ResourceValidationPolicy = {
    name: "cognito-user-pool-threat-protection",
    description: "Checks whether user pools enforce threat protection, which needs the PLUS feature plan.",
    severity: "high",
    validateResource: validateResourceOfType(aws.cognito.UserPool, (pool, _args, report) => {
        const tier = pool.userPoolTier ?? "ESSENTIALS";
        const mode = pool.userPoolAddOns?.advancedSecurityMode ?? "OFF";
        if (mode !== "ENFORCED") {
            report(`userPoolAddOns.advancedSecurityMode is ${mode}: set it to ENFORCED.`);
        }
        if (tier !== "PLUS") {
            report(`userPoolTier is ${tier}: threat protection needs PLUS, set userPoolTier: "PLUS".`);
        }
    }),
};

const compromisedAction = (risk: Record<string, unknown>): string | undefined =>
    (risk as { compromisedCredentialsRiskConfiguration?: { actions?: { eventAction?: string } } }).compromisedCredentialsRiskConfiguration?.actions?.eventAction;
/** Events a compromised-credentials check can cover; unset `eventFilters` means all of them. */
const compromisedEvents = ["SIGN_IN", "PASSWORD_CHANGE", "SIGN_UP"];
const compromisedFilters = (risk: Record<string, unknown>): string[] | undefined =>
    (risk as { compromisedCredentialsRiskConfiguration?: { eventFilters?: string[] } }).compromisedCredentialsRiskConfiguration?.eventFilters;
const highRiskAction = (risk: Record<string, unknown>): string | undefined =>
    (risk as { accountTakeoverRiskConfiguration?: { actions?: { highAction?: { eventAction?: string } } } }).accountTakeoverRiskConfiguration?.actions?.highAction?.eventAction;

export const userPoolRiskConfiguration: StackValidationPolicy = {
    name: "cognito-user-pool-risk-configuration",
    description: "Checks whether every user pool has a risk configuration that blocks or challenges high-risk sign-ins and blocks compromised credentials on every event.",
    severity: "high",
    validateStack: async (args, report) => {
        const risks = ofType(args.resources, aws.cognito.RiskConfiguration);
        await checkEach(ofType(args.resources, aws.cognito.UserPool), (pool) => {
            const poolId = requiredOutput(pool, "id");
            const own = risks.filter((r) => r.props.userPoolId === poolId);
            if (own.length === 0) {
                report(`User pool "${pool.name}" has no aws.cognito.RiskConfiguration: add one with highAction BLOCK or MFA_REQUIRED and compromised credentials BLOCK.`, pool.urn);
            }
            for (const risk of own) {
                const high = highRiskAction(risk.props);
                if (high !== "BLOCK" && high !== "MFA_REQUIRED") {
                    report(`Risk configuration "${risk.name}" answers high-risk sign-ins with ${high ?? "nothing"}: set accountTakeoverRiskConfiguration.actions.highAction.eventAction to BLOCK or MFA_REQUIRED.`, risk.urn);
                }
                const compromised = compromisedAction(risk.props);
                if (compromised !== "BLOCK") {
                    report(`Risk configuration "${risk.name}" answers compromised credentials with ${compromised ?? "nothing"}: set compromisedCredentialsRiskConfiguration.actions.eventAction to BLOCK.`, risk.urn);
                }
                const filters = compromisedFilters(risk.props) ?? [];
                const unchecked = compromisedEvents.filter((e) => filters.length > 0 && !filters.includes(e));
                if (unchecked.length > 0) {
                    report(`Risk configuration "${risk.name}" does not check compromised credentials on ${unchecked.join(", ")}: add them to compromisedCredentialsRiskConfiguration.eventFilters, or leave eventFilters unset for every event.`, risk.urn);
                }
            }
        });
    },
};

export const userPoolDeletionProtection: ResourceValidationPolicy = {
    name: "cognito-user-pool-deletion-protection",
    description: "Checks whether user pools have deletion protection ACTIVE and the protect resource option.",
    severity: "critical",
    validateResource: validateResourceOfType(aws.cognito.UserPool, (pool, args, report) => {
        if (pool.deletionProtection !== "ACTIVE") {
            report(`deletionProtection is ${pool.deletionProtection ?? "INACTIVE"}: set it to ACTIVE.`);
        }
        if (!args.opts.protect) {
            report("The pool is not protected: pass the resource option protect: true.");
        }
    }),
};

const verifiedChannels: Record<string, string> = { verified_email: "email", verified_phone_number: "phone_number" };

export const userPoolAccountRecovery: ResourceValidationPolicy = {
    name: "cognito-user-pool-account-recovery",
    description: "Checks whether user pools recover accounts only through a verified channel.",
    severity: "medium",
    validateResource: validateResourceOfType(aws.cognito.UserPool, (pool, _args, report) => {
        const mechanisms = pool.accountRecoverySetting?.recoveryMechanisms ?? [];
        if (mechanisms.length === 0) {
            report("accountRecoverySetting is not set: add recoveryMechanisms [{ name: \"verified_email\", priority: 1 }].");
            return;
        }
        const verified = pool.autoVerifiedAttributes ?? [];
        for (const { name } of mechanisms) {
            const attribute = verifiedChannels[name];
            if (name === "admin_only") {
                continue;
            }
            if (attribute === undefined) {
                report(`Recovery mechanism ${name} is not a verified channel: use verified_email or verified_phone_number.`);
            } else if (!verified.includes(attribute)) {
                report(`Recovery mechanism ${name} uses ${attribute}, which is not verified: add "${attribute}" to autoVerifiedAttributes.`);
            }
        }
    }),
};

export const clientNoImplicitGrant: ResourceValidationPolicy = {
    name: "cognito-client-no-implicit-grant",
    description: "Checks whether app clients avoid the OAuth implicit grant.",
    severity: "high",
    validateResource: validateResourceOfType(aws.cognito.UserPoolClient, (client, _args, report) => {
        if ((client.allowedOauthFlows ?? []).includes("implicit")) {
            report("allowedOauthFlows includes implicit, which returns tokens in the URL: use [\"code\"] (with PKCE) instead.");
        }
    }),
};

const tokenSettings = settings(
    { maxAccessTokenMinutes: 60, maxIdTokenMinutes: 60, maxRefreshTokenDays: 30 },
    {
        maxAccessTokenMinutes: "Longest access-token validity, in minutes.",
        maxIdTokenMinutes: "Longest ID-token validity, in minutes.",
        maxRefreshTokenDays: "Longest refresh-token validity, in days.",
    },
);

const minutesPer: Record<string, number> = { seconds: 1 / 60, minutes: 1, hours: 60, days: 1440 };

export const clientTokenValidity: ResourceValidationPolicy = {
    name: "cognito-client-token-validity",
    description: "Checks whether app client token validities stay under the configured caps.",
    severity: "medium",
    configSchema: tokenSettings.schema,
    validateResource: validateResourceOfType(aws.cognito.UserPoolClient, (client, args, report) => {
        const caps = tokenSettings.read(args);
        const units = client.tokenValidityUnits ?? {};
        // Unset values and units are AWS's defaults: 1 hour, 1 hour, 30 days.
        const tokens = [
            { field: "accessTokenValidity", value: client.accessTokenValidity ?? 1, unit: units.accessToken ?? "hours", capMinutes: caps.maxAccessTokenMinutes, cap: `${caps.maxAccessTokenMinutes} minutes` },
            { field: "idTokenValidity", value: client.idTokenValidity ?? 1, unit: units.idToken ?? "hours", capMinutes: caps.maxIdTokenMinutes, cap: `${caps.maxIdTokenMinutes} minutes` },
            { field: "refreshTokenValidity", value: client.refreshTokenValidity ?? 30, unit: units.refreshToken ?? "days", capMinutes: caps.maxRefreshTokenDays * 1440, cap: `${caps.maxRefreshTokenDays} days` },
        ];
        for (const t of tokens) {
            if (t.value * (minutesPer[t.unit] ?? 1440) > t.capMinutes) {
                report(`${t.field} is ${t.value} ${t.unit}: lower it to at most ${t.cap}.`);
            }
        }
    }),
};

export const clientTokenRevocation: ResourceValidationPolicy = {
    name: "cognito-client-token-revocation",
    description: "Checks whether app clients keep token revocation enabled.",
    severity: "medium",
    validateResource: validateResourceOfType(aws.cognito.UserPoolClient, (client, _args, report) => {
        // AWS enables revocation when the field is unset; only an explicit false turns it off.
        if (client.enableTokenRevocation === false) {
            report("enableTokenRevocation is false: set it to true so refresh tokens can be revoked.");
        }
    }),
};

export const clientRefreshTokenRotation: ResourceValidationPolicy = {
    name: "cognito-client-refresh-token-rotation",
    description: "Checks whether app clients rotate refresh tokens with a grace period of at most 60 seconds.",
    severity: "medium",
    validateResource: validateResourceOfType(aws.cognito.UserPoolClient, (client, _args, report) => {
        const rotation = client.refreshTokenRotation;
        if (rotation?.feature !== "ENABLED") {
            report(`refreshTokenRotation.feature is ${rotation?.feature ?? "unset"}: set refreshTokenRotation { feature: "ENABLED", retryGracePeriodSeconds: 0..60 }.`);
        } else if ((rotation.retryGracePeriodSeconds ?? 0) > 60) {
            report(`refreshTokenRotation.retryGracePeriodSeconds is ${rotation.retryGracePeriodSeconds}: set it to at most 60.`);
        }
    }),
};

export const clientPreventUserExistenceErrors: ResourceValidationPolicy = {
    name: "cognito-client-prevent-user-existence-errors",
    description: "Checks whether app clients hide whether a user exists.",
    severity: "medium",
    validateResource: validateResourceOfType(aws.cognito.UserPoolClient, (client, _args, report) => {
        if (client.preventUserExistenceErrors !== "ENABLED") {
            report(`preventUserExistenceErrors is ${client.preventUserExistenceErrors ?? "unset"}: set it to ENABLED.`);
        }
    }),
};

/** Schemes that are not a native app's own redirect scheme (RFC 8252 section 7.1). */
const NOT_APP_SCHEMES = ["http", "https", "javascript", "data", "file", "vbscript", "blob", "about", "ftp", "ws", "wss", "mailto", "tel", "sms", "intent", "view-source", "chrome"];

/** https, plain http to localhost only, or a native app's own scheme (myapp://callback), as Cognito allows. */
function isSecureRedirect(url: string): boolean {
    if (url.startsWith("https://") || /^http:\/\/localhost(:\d+)?(\/|$)/.test(url)) return true;
    const scheme = /^([a-z][a-z0-9+.-]*):\S/i.exec(url)?.[1]?.toLowerCase();
    return scheme !== undefined && !NOT_APP_SCHEMES.includes(scheme);
}

export const clientHttpsCallbacks: ResourceValidationPolicy = {
    name: "cognito-client-https-callbacks",
    description: "Checks whether app client callback and logout URLs use https (http only for localhost, or a native app's own scheme).",
    severity: "high",
    validateResource: validateResourceOfType(aws.cognito.UserPoolClient, (client, _args, report) => {
        const urls = [
            ...(client.callbackUrls ?? []).map((url) => ({ field: "callbackUrls", url })),
            ...(client.logoutUrls ?? []).map((url) => ({ field: "logoutUrls", url })),
            ...(client.defaultRedirectUri ? [{ field: "defaultRedirectUri", url: client.defaultRedirectUri }] : []),
        ];
        for (const { field, url } of urls.filter((u) => !isSecureRedirect(u.url))) {
            report(`${field} has ${url}: use an https URL (plain http only for http://localhost).`);
        }
    }),
};

export const cognitoPolicies = [
    userPoolMfa,
    userPoolPasswordPolicy,
    userPoolThreatProtection,
    userPoolRiskConfiguration,
    userPoolDeletionProtection,
    userPoolAccountRecovery,
    clientNoImplicitGrant,
    clientTokenValidity,
    clientTokenRevocation,
    clientRefreshTokenRotation,
    clientPreventUserExistenceErrors,
    clientHttpsCallbacks,
] as const;
