import * as aws from "@pulumi/aws";
import { PolicyResource, ReportViolation, ResourceValidationPolicy, StackValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import { settings } from "./lib/config";
import { Statement } from "./lib/iamDocument";
import { addTo, functionEnv, functionFor, indexBy, memo, ofType, requiredOutput, rolePermissions, rolesIndex } from "./lib/stack";
import { checkAll, checkEach } from "./lib/unknowns";
import { fieldsOf } from "./lib/values";

const mfaSettings = settings(
    { allowOptional: false, allowedFactors: ["SOFTWARE_TOKEN", "EMAIL"] },
    {
        allowOptional: "Accept mfaConfiguration OPTIONAL (users may skip MFA) instead of ON.",
        allowedFactors: "MFA factors a pool may enable: SOFTWARE_TOKEN, EMAIL, SMS.",
    },
    { allowOptional: "true", allowedFactors: "more" },
);

export const userPoolMfa: ResourceValidationPolicy = {
    name: "cognito-user-pool-mfa",
    description: "Checks whether user pools require MFA and enable only allowed factors.",
    anchors: { covers: ["AwsSolutions-COG2"], beyond: ["Cognito.5"] },
    severity: "high",
    configSchema: mfaSettings.schema,
    validateResource: validateResourceOfType(aws.cognito.UserPool, async (_pool, args, report) => {
        const { allowOptional, allowedFactors } = mfaSettings.read(args);
        const pool = fieldsOf(args, false);
        await checkAll([
            () => {
                const mode = pool.str("mfaConfiguration") ?? "OFF";
                if (mode !== "ON" && !(mode === "OPTIONAL" && allowOptional)) {
                    const accepted = allowOptional ? "ON or OPTIONAL" : "ON";
                    report(`mfaConfiguration is ${mode}: set it to ${accepted}.`);
                }
            },
            () => {
                const mode = pool.str("mfaConfiguration") ?? "OFF";
                const enabled: string[] = [];
                if (pool.bool("softwareTokenMfaConfiguration.enabled") === true) {
                    enabled.push("SOFTWARE_TOKEN");
                }
                if (pool.obj("emailMfaConfiguration") !== undefined) {
                    enabled.push("EMAIL");
                }
                if (pool.obj("smsConfiguration") !== undefined && mode !== "OFF") {
                    enabled.push("SMS");
                }
                for (const factor of enabled.filter((f) => !allowedFactors.includes(f))) {
                    report(`MFA factor ${factor} is enabled but not allowed (allowed: ${allowedFactors.join(", ")}): remove its configuration.`);
                }
                if (mode !== "OFF" && enabled.length === 0) {
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
    { minimumLength: "lower", passwordHistorySize: "lower", maxTemporaryPasswordValidityDays: "higher" },
);

export const userPoolPasswordPolicy: ResourceValidationPolicy = {
    name: "cognito-user-pool-password-policy",
    description: "Checks whether user pools enforce a strong password policy (length, character classes, history).",
    anchors: { beyond: ["AwsSolutions-COG1", "Cognito.3"] },
    severity: "high",
    configSchema: passwordSettings.schema,
    validateResource: validateResourceOfType(aws.cognito.UserPool, (_pool, args, report) => {
        const limits = passwordSettings.read(args);
        const policy = fieldsOf(args, false).obj("passwordPolicy");
        if (!policy) {
            report(`passwordPolicy is not set: set minimumLength >= ${limits.minimumLength}, all four character classes and passwordHistorySize >= ${limits.passwordHistorySize}.`);
            return;
        }
        const length = policy.num("minimumLength") ?? 8;
        if (length < limits.minimumLength) {
            report(`passwordPolicy.minimumLength is ${length}: set it to at least ${limits.minimumLength}.`);
        }
        const classes = ["requireLowercase", "requireUppercase", "requireNumbers", "requireSymbols"] as const;
        const missing = classes.filter((c) => policy.bool(c) !== true);
        if (missing.length > 0) {
            report(`passwordPolicy does not require ${missing.join(", ")}: set ${missing.map((c) => `${c}: true`).join(", ")}.`);
        }
        const history = policy.num("passwordHistorySize") ?? 0;
        if (history < limits.passwordHistorySize) {
            report(`passwordPolicy.passwordHistorySize is ${history}: set it to at least ${limits.passwordHistorySize}.`);
        }
        const temporary = policy.num("temporaryPasswordValidityDays") ?? 7;
        if (temporary > limits.maxTemporaryPasswordValidityDays) {
            report(`passwordPolicy.temporaryPasswordValidityDays is ${temporary}: set it to at most ${limits.maxTemporaryPasswordValidityDays}.`);
        }
    }),
};

export const userPoolThreatProtection: ResourceValidationPolicy = {
    name: "cognito-user-pool-threat-protection",
    description: "Checks whether user pools enforce threat protection, which needs the PLUS feature plan.",
    anchors: { covers: ["Cognito.1", "AwsSolutions-COG3"], beyond: ["AwsSolutions-COG8"] },
    severity: "high",
    validateResource: validateResourceOfType(aws.cognito.UserPool, (_pool, args, report) => {
        const pool = fieldsOf(args, false);
        const tier = pool.str("userPoolTier") ?? "ESSENTIALS";
        const mode = pool.str("userPoolAddOns.advancedSecurityMode") ?? "OFF";
        if (mode !== "ENFORCED") {
            report(`userPoolAddOns.advancedSecurityMode is ${mode}: set it to ENFORCED.`);
        }
        if (tier !== "PLUS") {
            report(`userPoolTier is ${tier}: threat protection needs PLUS, set userPoolTier: "PLUS".`);
        }
    }),
};

/** Events a compromised-credentials check can cover; unset `eventFilters` means all of them. */
const compromisedEvents = ["SIGN_IN", "PASSWORD_CHANGE", "SIGN_UP"];

export const userPoolRiskConfiguration: StackValidationPolicy = {
    name: "cognito-user-pool-risk-configuration",
    description: "Checks whether every user pool has a risk configuration that blocks or challenges high-risk sign-ins and blocks compromised credentials on every event.",
    anchors: { beyond: ["Cognito.1"] },
    severity: "high",
    validateStack: async (args, report) => {
        const risks = indexBy(args.resources, "risk.userPoolId", [aws.cognito.RiskConfiguration], (r) => r.props.userPoolId);
        await checkEach(ofType(args.resources, aws.cognito.UserPool), (pool) => {
            const own = risks.all([requiredOutput(pool, "id")]);
            if (own.length === 0) {
                report(`User pool "${pool.name}" has no aws.cognito.RiskConfiguration: add one with highAction BLOCK or MFA_REQUIRED and compromised credentials BLOCK.`, pool.urn);
            }
            for (const risk of own) {
                const fields = fieldsOf(risk);
                const high = fields.str("accountTakeoverRiskConfiguration.actions.highAction.eventAction");
                if (high !== "BLOCK" && high !== "MFA_REQUIRED") {
                    report(`Risk configuration "${risk.name}" answers high-risk sign-ins with ${high ?? "nothing"}: set accountTakeoverRiskConfiguration.actions.highAction.eventAction to BLOCK or MFA_REQUIRED.`, risk.urn);
                }
                const compromised = fields.str("compromisedCredentialsRiskConfiguration.actions.eventAction");
                if (compromised !== "BLOCK") {
                    report(`Risk configuration "${risk.name}" answers compromised credentials with ${compromised ?? "nothing"}: set compromisedCredentialsRiskConfiguration.actions.eventAction to BLOCK.`, risk.urn);
                }
                const filters = fields.strings("compromisedCredentialsRiskConfiguration.eventFilters") ?? [];
                const unchecked = compromisedEvents.filter((e) => filters.length > 0 && !filters.includes(e));
                if (unchecked.length > 0) {
                    report(`Risk configuration "${risk.name}" does not check compromised credentials on ${unchecked.join(", ")}: add them to compromisedCredentialsRiskConfiguration.eventFilters, or leave eventFilters unset for every event.`, risk.urn);
                }
            }
        });
    },
};

const ipSettings = settings(
    { minSkippedIpv4PrefixLength: 24, minSkippedIpv6PrefixLength: 56, maxSkippedRanges: 10 },
    {
        minSkippedIpv4PrefixLength: "Shortest IPv4 prefix (widest range) threat protection may skip, e.g. 24 for a /24 office range.",
        minSkippedIpv6PrefixLength: "Shortest IPv6 prefix threat protection may skip.",
        maxSkippedRanges: "Most ranges threat protection may skip.",
    },
    { minSkippedIpv4PrefixLength: "lower", minSkippedIpv6PrefixLength: "lower", maxSkippedRanges: "higher" },
);

/** The prefix length of an IPv4 or IPv6 CIDR (a bare address is a single host), or undefined when it is not one. */
export function cidrPrefix(value: string): { version: 4 | 6; prefix: number } | undefined {
    const match = /^([^/]+)(?:\/(\d{1,3}))?$/.exec(value.trim());
    if (!match) {
        return undefined;
    }
    const [, address, length] = match;
    const ipv4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/.test(address);
    const ipv6 = !ipv4 && /^[0-9a-f:]+$/i.test(address) && address.includes(":") && (address.match(/::/g) ?? []).length <= 1;
    if (!ipv4 && !ipv6) {
        return undefined;
    }
    const max = ipv4 ? 32 : 128;
    const prefix = length === undefined ? max : Number(length);
    return prefix <= max ? { version: ipv4 ? 4 : 6, prefix } : undefined;
}

export const riskIpExceptions: ResourceValidationPolicy = {
    name: "cognito-risk-ip-exceptions",
    description: "Checks whether the IP ranges threat protection skips are few, narrow and well-formed (never 0.0.0.0/0).",
    anchors: { none: "No published control reads threat protection's IP exceptions, though a wide skipped range quietly switches Cognito.1's enforcement off for it." },
    severity: "high",
    configSchema: ipSettings.schema,
    validateResource: validateResourceOfType(aws.cognito.RiskConfiguration, (_risk, args, report) => {
        const limits = ipSettings.read(args);
        const exceptions = fieldsOf(args, false).obj("riskExceptionConfiguration");
        const skipped = exceptions?.strings("skippedIpRangeLists") ?? [];
        const blocked = exceptions?.strings("blockedIpRangeLists") ?? [];
        if (skipped.length > limits.maxSkippedRanges) {
            report(`riskExceptionConfiguration.skippedIpRangeLists has ${skipped.length} ranges: skip at most ${limits.maxSkippedRanges}, each an office or VPN range.`);
        }
        for (const [field, ranges] of [["skippedIpRangeLists", skipped], ["blockedIpRangeLists", blocked]] as const) {
            for (const range of ranges) {
                const cidr = cidrPrefix(range);
                if (!cidr) {
                    report(`riskExceptionConfiguration.${field} has ${JSON.stringify(range)}, not an IPv4 or IPv6 CIDR: write it like 203.0.113.0/24.`);
                    continue;
                }
                const min = cidr.version === 4 ? limits.minSkippedIpv4PrefixLength : limits.minSkippedIpv6PrefixLength;
                if (field === "skippedIpRangeLists" && cidr.prefix < min) {
                    report(`riskExceptionConfiguration.skippedIpRangeLists has ${range}, which turns threat protection off for /${cidr.prefix} (${cidr.prefix === 0 ? "every address" : "a range that wide"}): skip only ranges of /${min} or narrower.`);
                }
            }
        }
    }),
};

export const userPoolDeletionProtection: ResourceValidationPolicy = {
    name: "cognito-user-pool-deletion-protection",
    description: "Checks whether user pools have deletion protection ACTIVE and the protect resource option.",
    anchors: { beyond: ["Cognito.6"] },
    severity: "critical",
    validateResource: validateResourceOfType(aws.cognito.UserPool, (_pool, args, report) => {
        const protection = fieldsOf(args, false).str("deletionProtection");
        if (protection !== "ACTIVE") {
            report(`deletionProtection is ${protection ?? "INACTIVE"}: set it to ACTIVE.`);
        }
        if (args.opts.protect !== true) {
            report("The pool is not protected: pass the resource option protect: true.");
        }
    }),
};

export const userPoolDeviceTracking: ResourceValidationPolicy = {
    name: "cognito-user-pool-device-tracking",
    description: "Checks whether user pools that remember devices challenge new devices and remember a device only when its user asks.",
    anchors: { none: "No published control checks how a user pool remembers devices, though a remembered device can skip MFA." },
    severity: "medium",
    validateResource: validateResourceOfType(aws.cognito.UserPool, (_pool, args, report) => {
        // Unset: no device is remembered, nothing skips MFA.
        const devices = fieldsOf(args, false).obj("deviceConfiguration");
        if (!devices) {
            return;
        }
        if (devices.bool("challengeRequiredOnNewDevice") !== true) {
            report("deviceConfiguration.challengeRequiredOnNewDevice is not true, so a device Cognito has never seen is not challenged: set it to true.");
        }
        if (devices.bool("deviceOnlyRememberedOnUserPrompt") !== true) {
            report("deviceConfiguration.deviceOnlyRememberedOnUserPrompt is not true, so every device is remembered (a shared computer included) and can skip MFA: set it to true and let users choose.");
        }
    }),
};

const verifiedChannels: Record<string, string> = { verified_email: "email", verified_phone_number: "phone_number" };

export const userPoolAccountRecovery: ResourceValidationPolicy = {
    name: "cognito-user-pool-account-recovery",
    description: "Checks whether user pools recover accounts only through a verified channel.",
    anchors: { none: "No published control checks how a user pool recovers accounts." },
    severity: "medium",
    validateResource: validateResourceOfType(aws.cognito.UserPool, (_pool, args, report) => {
        const pool = fieldsOf(args, false);
        const mechanisms = pool.objs("accountRecoverySetting.recoveryMechanisms");
        if (mechanisms.length === 0) {
            report("accountRecoverySetting is not set: add recoveryMechanisms [{ name: \"verified_email\", priority: 1 }].");
            return;
        }
        const verified = pool.strings("autoVerifiedAttributes") ?? [];
        for (const mechanism of mechanisms) {
            const name = mechanism.str("name") ?? "";
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
    anchors: { none: "No published control checks an app client's OAuth flows." },
    severity: "high",
    validateResource: validateResourceOfType(aws.cognito.UserPoolClient, (_client, args, report) => {
        if ((fieldsOf(args, false).strings("allowedOauthFlows") ?? []).includes("implicit")) {
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
    { maxAccessTokenMinutes: "higher", maxIdTokenMinutes: "higher", maxRefreshTokenDays: "higher" },
);

const minutesPer: Record<string, number> = { seconds: 1 / 60, minutes: 1, hours: 60, days: 1440 };

export const clientTokenValidity: ResourceValidationPolicy = {
    name: "cognito-client-token-validity",
    description: "Checks whether app client token validities stay under the configured caps.",
    anchors: { none: "No published control checks app client token validities." },
    severity: "medium",
    configSchema: tokenSettings.schema,
    validateResource: validateResourceOfType(aws.cognito.UserPoolClient, (_client, args, report) => {
        const caps = tokenSettings.read(args);
        const client = fieldsOf(args, false);
        // Unset values and units are AWS's defaults: 1 hour, 1 hour, 30 days.
        const tokens = [
            { field: "accessTokenValidity", value: client.num("accessTokenValidity") ?? 1, unit: client.str("tokenValidityUnits.accessToken") ?? "hours", capMinutes: caps.maxAccessTokenMinutes, cap: `${caps.maxAccessTokenMinutes} minutes` },
            { field: "idTokenValidity", value: client.num("idTokenValidity") ?? 1, unit: client.str("tokenValidityUnits.idToken") ?? "hours", capMinutes: caps.maxIdTokenMinutes, cap: `${caps.maxIdTokenMinutes} minutes` },
            { field: "refreshTokenValidity", value: client.num("refreshTokenValidity") ?? 30, unit: client.str("tokenValidityUnits.refreshToken") ?? "days", capMinutes: caps.maxRefreshTokenDays * 1440, cap: `${caps.maxRefreshTokenDays} days` },
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
    anchors: { none: "No published control checks app client token revocation." },
    severity: "medium",
    validateResource: validateResourceOfType(aws.cognito.UserPoolClient, (_client, args, report) => {
        // AWS enables revocation when the field is unset; only false (or "false") turns it off.
        if (fieldsOf(args, false).bool("enableTokenRevocation") === false) {
            report("enableTokenRevocation is false: set it to true so refresh tokens can be revoked.");
        }
    }),
};

/** The grants an app client may have: the code grant for users, client_credentials for machines; implicit has its own policy. */
const USER_GRANTS = ["code"];
const MACHINE_GRANT = "client_credentials";

/**
 * Whether a client is a machine client as the pack allows one: client_credentials alone and no
 * user sign-in flow (explicitAuthFlows set, to refresh only; unset means AWS's default, SRP
 * and custom auth included).
 */
function isMachineClient(client: { strings(path: string): string[] | undefined }): boolean {
    const flows = client.strings("allowedOauthFlows") ?? [];
    const auth = client.strings("explicitAuthFlows") ?? [];
    return flows.length === 1 && flows[0] === MACHINE_GRANT && auth.length > 0 && auth.every((f) => f === "ALLOW_REFRESH_TOKEN_AUTH");
}

export const clientGrants: ResourceValidationPolicy = {
    name: "cognito-client-grants",
    description: "Checks whether app clients use only allowed OAuth grants: the code grant for users, client_credentials alone on a confidential client with no user flow, redirect or identity provider.",
    anchors: { none: "No published control checks which OAuth grants an app client combines, or that client_credentials stays on confidential clients without user flows." },
    severity: "critical",
    validateResource: validateResourceOfType(aws.cognito.UserPoolClient, (_client, args, report) => {
        const client = fieldsOf(args, false);
        const flows = client.strings("allowedOauthFlows") ?? [];
        for (const flow of flows.filter((f) => f !== "implicit" && f !== MACHINE_GRANT && !USER_GRANTS.includes(f))) {
            report(`allowedOauthFlows includes ${flow}, which is not an allowed grant: use ["code"] for users or ["client_credentials"] alone for a machine client.`);
        }
        if (!flows.includes(MACHINE_GRANT)) {
            return;
        }
        const others = flows.filter((f) => f !== MACHINE_GRANT);
        if (others.length > 0) {
            report(`allowedOauthFlows mixes client_credentials with ${others.join(", ")}: a machine token speaks for no user, so give machines a client of their own with ["client_credentials"] only.`);
        }
        if (client.bool("generateSecret") !== true) {
            report("allowedOauthFlows includes client_credentials on a client without a secret, so anyone who reads the client id gets tokens: set generateSecret: true and keep the secret in the service.");
        }
        const redirects = [...(client.strings("callbackUrls") ?? []), ...(client.strings("logoutUrls") ?? []), ...(client.str("defaultRedirectUri") ? [client.str("defaultRedirectUri") as string] : [])];
        if (redirects.length > 0) {
            report(`The client_credentials client redirects users (${redirects.join(", ")}): remove callbackUrls, logoutUrls and defaultRedirectUri; user apps get a client of their own.`);
        }
        const auth = client.strings("explicitAuthFlows") ?? [];
        const userFlows = auth.filter((f) => f !== "ALLOW_REFRESH_TOKEN_AUTH");
        if (auth.length === 0) {
            report("The client_credentials client leaves explicitAuthFlows unset, which AWS takes as SRP, custom auth and refresh: set explicitAuthFlows: [\"ALLOW_REFRESH_TOKEN_AUTH\"].");
        } else if (userFlows.length > 0) {
            report(`The client_credentials client also signs users in (${userFlows.join(", ")}): set explicitAuthFlows: ["ALLOW_REFRESH_TOKEN_AUTH"].`);
        }
        const providers = client.strings("supportedIdentityProviders") ?? [];
        if (providers.length > 0) {
            report(`The client_credentials client offers identity providers (${providers.join(", ")}): remove supportedIdentityProviders; no user signs in through it.`);
        }
        const userScopes = (client.strings("allowedOauthScopes") ?? []).filter((x) => !x.includes("/"));
        if (userScopes.length > 0) {
            report(`The client_credentials client asks for user scopes (${userScopes.join(", ")}): list only resource-server scopes (<identifier>/<scope>).`);
        }
    }),
};

/** Scopes the users of a pool can hold: their clients' and those pre token generation adds. */
function userScopesOf(resources: readonly PolicyResource[], pool: PolicyResource, clients: readonly PolicyResource[]): Map<string, string> {
    const scopes = new Map<string, string>();
    // Users get a client's OAuth scopes through its user grants only (SRP tokens carry none of them).
    for (const c of clients.filter((x) => (fieldsOf(x).strings("allowedOauthFlows") ?? []).some((f) => f === "code" || f === "implicit"))) {
        for (const scope of fieldsOf(c).strings("allowedOauthScopes") ?? []) scopes.set(scope, `user client "${c.name}"`);
    }
    const config = fieldsOf(pool).obj("lambdaConfig");
    const arn = config?.str("preTokenGenerationConfig.lambdaArn") ?? config?.str("preTokenGeneration");
    const fn = arn ? functionFor(resources, arn) : undefined;
    if (fn) {
        const env = functionEnv(fn);
        for (const scope of (env.ACCESS_TOKEN_SCOPES ?? "").split(",").map((x) => x.trim()).filter((x) => x !== "")) scopes.set(scope, `the pre token generation trigger "${fn.name}"`);
        try {
            const byGroup = JSON.parse(env.SCOPES_BY_GROUP ?? "{}") as Record<string, unknown>;
            for (const list of Object.values(byGroup)) {
                for (const scope of Array.isArray(list) ? list.filter((x): x is string => typeof x === "string") : []) scopes.set(scope, `the pre token generation trigger "${fn.name}"`);
            }
        } catch {
            // The trigger refuses a malformed SCOPES_BY_GROUP at start.
        }
    }
    return scopes;
}

export const machineScopesSeparate: StackValidationPolicy = {
    name: "cognito-machine-scopes-separate",
    description: "Checks whether machine (client_credentials) clients hold no scope that a user's token can hold, and no Cognito-authorized API method accepts both kinds.",
    anchors: { none: "No published control checks that machine-to-machine scopes stay apart from the scopes of user routes." },
    severity: "critical",
    validateStack: async (args, report) => {
        const clients = indexBy(args.resources, "client.userPoolId", [aws.cognito.UserPoolClient], (r) => r.props.userPoolId);
        const machineScopes = new Map<string, string>();
        const userScopes = new Map<string, string>();
        await checkEach(ofType(args.resources, aws.cognito.UserPool), (pool) => {
            const own = clients.all([requiredOutput(pool, "id")]);
            const users = userScopesOf(args.resources, pool, own);
            users.forEach((v, k) => userScopes.set(k, v));
            for (const machine of own.filter((c) => (fieldsOf(c).strings("allowedOauthFlows") ?? []).includes(MACHINE_GRANT))) {
                for (const scope of fieldsOf(machine).strings("allowedOauthScopes") ?? []) {
                    machineScopes.set(scope, `machine client "${machine.name}"`);
                    const found = users.get(scope);
                    const holder = found === `user client "${machine.name}"` ? "its own code grant" : found;
                    if (holder !== undefined) {
                        report(`Machine client "${machine.name}" holds ${scope}, which ${holder} also gives users: a route that takes it for users would take the machine's token, which speaks for no user. Give machines scopes of their own.`, machine.urn);
                    }
                }
            }
        });
        await checkEach(ofType(args.resources, aws.apigateway.Method), (method) => {
            const fields = fieldsOf(method);
            if (fields.str("authorization") !== "COGNITO_USER_POOLS") return;
            const scopes = fields.strings("authorizationScopes") ?? [];
            const machine = scopes.filter((x) => machineScopes.has(x) && !userScopes.has(x));
            const user = scopes.filter((x) => userScopes.has(x) && !machineScopes.has(x));
            if (machine.length > 0 && user.length > 0) {
                report(`Method "${method.name}" accepts machine scope ${machine.join(", ")} and user scope ${user.join(", ")}: a route is for users or for machines; split it in two.`, method.urn);
            }
        });
    },
};

export const clientRefreshTokenRotation: ResourceValidationPolicy = {
    name: "cognito-client-refresh-token-rotation",
    description: "Checks whether app clients rotate refresh tokens with a grace period of at most 60 seconds.",
    anchors: { none: "No published control checks refresh-token rotation." },
    severity: "medium",
    validateResource: validateResourceOfType(aws.cognito.UserPoolClient, (_client, args, report) => {
        // client_credentials issues no refresh token: a machine client without user flows has nothing to rotate.
        if (isMachineClient(fieldsOf(args, false))) {
            return;
        }
        const rotation = fieldsOf(args, false).obj("refreshTokenRotation");
        const feature = rotation?.str("feature");
        const grace = rotation?.num("retryGracePeriodSeconds") ?? 0;
        if (feature !== "ENABLED") {
            report(`refreshTokenRotation.feature is ${feature ?? "unset"}: set refreshTokenRotation { feature: "ENABLED", retryGracePeriodSeconds: 0..60 }.`);
        } else if (grace > 60) {
            report(`refreshTokenRotation.retryGracePeriodSeconds is ${grace}: set it to at most 60.`);
        }
    }),
};

export const clientPreventUserExistenceErrors: ResourceValidationPolicy = {
    name: "cognito-client-prevent-user-existence-errors",
    description: "Checks whether app clients hide whether a user exists.",
    anchors: { none: "No published control checks user-existence errors of app clients." },
    severity: "medium",
    validateResource: validateResourceOfType(aws.cognito.UserPoolClient, (_client, args, report) => {
        const value = fieldsOf(args, false).str("preventUserExistenceErrors");
        if (value !== "ENABLED") {
            report(`preventUserExistenceErrors is ${value ?? "unset"}: set it to ENABLED.`);
        }
    }),
};

/** Schemes that are not a native app's own redirect scheme (RFC 8252 section 7.1). */
const NOT_APP_SCHEMES = ["http", "https", "javascript", "data", "file", "vbscript", "blob", "about", "ftp", "ws", "wss", "mailto", "tel", "sms", "intent", "view-source", "chrome"];

/**
 * https, plain http to localhost only (as Cognito itself allows for development), or a
 * native app's private scheme (`myapp://callback`, `com.example.app:/oauth2redirect`, RFC 8252)
 * which the code grant with PKCE protects; never a scheme a browser runs (javascript:, data:)
 * or sends in clear (http, ftp).
 */
export function isSecureRedirect(url: string): boolean {
    if (url.startsWith("https://")) {
        return !/^https:\/\/[^/]*@/.test(url);
    }
    if (/^http:\/\/localhost(:\d+)?(\/|$)/.test(url)) {
        return true;
    }
    const scheme = /^([a-z][a-z0-9+.-]*):\S/i.exec(url)?.[1]?.toLowerCase();
    return scheme !== undefined && !NOT_APP_SCHEMES.includes(scheme);
}

export const clientHttpsCallbacks: ResourceValidationPolicy = {
    name: "cognito-client-https-callbacks",
    description: "Checks whether app client callback and logout URLs use https (http only for localhost, private schemes only for native apps).",
    anchors: { none: "No published control checks app client callback and logout URLs." },
    severity: "high",
    validateResource: validateResourceOfType(aws.cognito.UserPoolClient, (_client, args, report) => {
        const client = fieldsOf(args, false);
        const defaultRedirect = client.str("defaultRedirectUri");
        const urls = [
            ...(client.strings("callbackUrls") ?? []).map((url) => ({ field: "callbackUrls", url })),
            ...(client.strings("logoutUrls") ?? []).map((url) => ({ field: "logoutUrls", url })),
            ...(defaultRedirect ? [{ field: "defaultRedirectUri", url: defaultRedirect }] : []),
        ];
        for (const { field, url } of urls.filter((u) => !isSecureRedirect(u.url))) {
            report(`${field} has ${url}: use an https URL (plain http only for http://localhost).`);
        }
    }),
};

/** The Cognito provider name of a pool, as identity pools and role mappings write it. */
function poolProvider(pool: PolicyResource): string {
    const id = requiredOutput(pool, "id");
    return `cognito-idp.${id.split("_")[0]}.amazonaws.com/${id}`;
}

/** Attributes no user may set on themselves, whatever reads them. */
const verificationFlags = ["email_verified", "phone_number_verified"];

/** Tenant attribute the pre token generation trigger reads when TENANT_ATTRIBUTE is unset. */
const defaultTenantAttribute = "custom:tenant_id";

/**
 * Attributes of `pool` that feed something an attacker must not control, each with what it
 * feeds: the verification flags, attributes the pre token generation trigger turns into claims
 * (the tenant claim), claims of role-mapping rules and principal tags.
 */
function privilegedAttributes(resources: readonly PolicyResource[], pool: PolicyResource): Map<string, string[]> {
    const feeds = new Map<string, string[]>();
    const add = (attribute: string, what: string): void => {
        addTo(feeds, attribute, what);
    };
    for (const flag of verificationFlags) {
        add(flag, `the ${flag.split("_")[0].replace("phone", "phone number")} verification flag, which account linking and recovery trust`);
    }
    const config = fieldsOf(pool).obj("lambdaConfig");
    const preToken = config?.str("preTokenGenerationConfig.lambdaArn") ?? config?.str("preTokenGeneration");
    if (preToken) {
        const fn = functionFor(resources, preToken);
        const env = fn ? functionEnv(fn) : {};
        const tenant = env.TENANT_ATTRIBUTE?.trim() || defaultTenantAttribute;
        add(tenant, `the tenant claim of the pre token generation trigger${fn ? ` "${fn.name}"` : ""}`);
        for (const [name, value] of Object.entries(env)) {
            for (const attribute of value.match(/custom:[\w-]+/g) ?? []) {
                if (attribute !== tenant) {
                    add(attribute, `a claim of the pre token generation trigger "${fn?.name ?? ""}" (${name})`);
                }
            }
        }
    }
    // Pre authentication suspends users by these: a user who wrote them could lift a suspension.
    const preAuth = config?.str("preAuthentication");
    const preAuthFn = preAuth ? functionFor(resources, preAuth) : undefined;
    if (preAuthFn) {
        const env = functionEnv(preAuthFn);
        if (env.SUSPENDED_TENANTS?.trim()) {
            add(env.TENANT_ATTRIBUTE?.trim() || defaultTenantAttribute, `the tenant suspension of the pre authentication trigger "${preAuthFn.name}"`);
        }
        if (env.SUSPENDED_ATTRIBUTE?.trim()) {
            add(env.SUSPENDED_ATTRIBUTE.trim(), `the user suspension of the pre authentication trigger "${preAuthFn.name}"`);
        }
    }
    const provider = poolProvider(pool);
    for (const { claim, what } of claimConsumers(resources).get(provider) ?? []) {
        add(claim, what);
    }
    return feeds;
}

/**
 * Claims that role-mapping rules and principal tags read, by the user pool provider they read
 * them from (`cognito-idp.<region>.amazonaws.com/<pool id>`), once per stack.
 */
function claimConsumers(resources: readonly PolicyResource[]): Map<string, { claim: string; what: string }[]> {
    return memo(resources, "claimConsumers", () => {
        const byProvider = new Map<string, { claim: string; what: string }[]>();
        const add = (key: string, claim: string, what: string): void => {
            // Role mappings key a provider as <provider>:<client id>; principal tags name the provider alone.
            const provider = key.replace(/:[^/:]+$/, "");
            addTo(byProvider, provider, { claim, what });
        };
        for (const attachment of ofType(resources, aws.cognito.IdentityPoolRoleAttachment)) {
            for (const mapping of fieldsOf(attachment).objs("roleMappings")) {
                const key = mapping.str("identityProvider") ?? "";
                for (const rule of mapping.objs("mappingRules")) {
                    const claim = rule.str("claim");
                    if (claim) {
                        add(key, claim, `a role-mapping rule of "${attachment.name}" (${claim} ${rule.str("matchType") ?? ""} ${JSON.stringify(rule.str("value") ?? "")} gets ${rule.str("roleArn") ?? "a role"})`);
                    }
                }
            }
        }
        for (const tags of ofType(resources, aws.cognito.IdentityPoolProviderPrincipalTag)) {
            const fields = fieldsOf(tags);
            const key = fields.str("identityProviderName") ?? "";
            for (const [tag, claim] of Object.entries(fields.stringMap("principalTags"))) {
                add(key, claim, `principal tag ${tag} of "${tags.name}", which IAM conditions trust`);
            }
        }
        return byProvider;
    });
}

export const clientPrivilegedAttributes: StackValidationPolicy = {
    name: "cognito-client-privileged-attributes",
    description: "Checks whether no app client lets users write an attribute that feeds a token claim, a role-mapping rule, a principal tag, the tenant claim or a verification flag.",
    anchors: { none: "No published control checks which attributes app clients let users write." },
    severity: "critical",
    validateStack: async (args, report) => {
        const clients = indexBy(args.resources, "client.userPoolId", [aws.cognito.UserPoolClient], (r) => r.props.userPoolId);
        await checkEach(ofType(args.resources, aws.cognito.UserPool), (pool) => {
            const feeds = privilegedAttributes(args.resources, pool);
            for (const client of clients.all([requiredOutput(pool, "id")])) {
                const written = fieldsOf(client).strings("writeAttributes") ?? [];
                // Unset (or empty, which the provider sends as unset) lets the client write every attribute.
                const all = written.length === 0;
                for (const [attribute, what] of feeds) {
                    if (all || written.includes(attribute)) {
                        const how = all ? "sets no writeAttributes, so users may write every attribute, including" : "lets users write";
                        report(`App client "${client.name}" ${how} ${attribute} (at SignUp and with UpdateUserAttributes), which feeds ${what.join("; ")}: leave it out of writeAttributes and set it server-side (an admin API or a trigger).`, client.urn);
                    }
                }
            }
        });
    },
};

const customAuthSettings = settings(
    { allowedCustomAuthModes: ["ENFORCED"] },
    { allowedCustomAuthModes: "Threat protection modes (AUDIT, ENFORCED) accepted for custom authentication flows where a pool allows them." },
    { allowedCustomAuthModes: "more" },
);

export const userPoolCustomAuthThreatProtection: StackValidationPolicy = {
    name: "cognito-user-pool-custom-auth-threat-protection",
    description: "Checks whether pools that allow custom authentication (an auth challenge trigger or an ALLOW_CUSTOM_AUTH client) run threat protection on it in an allowed mode.",
    anchors: { covers: ["Cognito.4"] },
    severity: "high",
    configSchema: customAuthSettings.schema,
    validateStack: async (args, report) => {
        const { allowedCustomAuthModes } = customAuthSettings.read(args);
        const clients = indexBy(args.resources, "client.userPoolId", [aws.cognito.UserPoolClient], (r) => r.props.userPoolId);
        await checkEach(ofType(args.resources, aws.cognito.UserPool), (pool) => {
            const fields = fieldsOf(pool);
            const triggers = ["defineAuthChallenge", "createAuthChallenge", "verifyAuthChallengeResponse"].filter((t) => fields.str(`lambdaConfig.${t}`));
            const customClients = clients.all([requiredOutput(pool, "id")]).filter((c) => (fieldsOf(c).strings("explicitAuthFlows") ?? []).some((f) => /CUSTOM_AUTH/.test(f)));
            if (triggers.length === 0 && customClients.length === 0) {
                return;
            }
            const mode = fields.str("userPoolAddOns.advancedSecurityAdditionalFlows.customAuthMode") ?? "unset";
            if (!allowedCustomAuthModes.includes(mode)) {
                const why = triggers.length > 0 ? `it has ${triggers.join(", ")} triggers` : `client "${customClients[0].name}" allows custom authentication`;
                report(`User pool "${pool.name}" runs custom authentication (${why}) with userPoolAddOns.advancedSecurityAdditionalFlows.customAuthMode ${mode}: set it to ${allowedCustomAuthModes.join(" or ")}.`, pool.urn);
            }
        });
    },
};

/** The trigger Lambda ARNs of a pool, by trigger name. */
function triggerArns(pool: PolicyResource): [string, string][] {
    const config = fieldsOf(pool).obj("lambdaConfig");
    if (!config) {
        return [];
    }
    const plain = ["createAuthChallenge", "customMessage", "defineAuthChallenge", "postAuthentication", "postConfirmation", "preAuthentication", "preSignUp", "preTokenGeneration", "userMigration", "verifyAuthChallengeResponse"];
    const nested = ["preTokenGenerationConfig", "customEmailSender", "customSmsSender"];
    return [
        ...plain.map((t): [string, string | undefined] => [t, config.str(t)]),
        ...nested.map((t): [string, string | undefined] => [`${t}.lambdaArn`, config.str(`${t}.lambdaArn`)]),
    ].filter((e): e is [string, string] => e[1] !== undefined);
}

export const triggerFunctions: StackValidationPolicy = {
    name: "cognito-trigger-functions",
    description: "Checks whether every user pool trigger is a Lambda function of this stack.",
    anchors: { none: "No published control checks whose functions a user pool's triggers run." },
    severity: "critical",
    validateStack: async (args, report) => {
        await checkEach(ofType(args.resources, aws.cognito.UserPool), (pool) => {
            for (const [trigger, arn] of triggerArns(pool)) {
                if (!functionFor(args.resources, arn)) {
                    report(`User pool "${pool.name}" runs lambdaConfig.${trigger} ${arn}, not a function of this stack, whose code this stack does not control: point it at a function of this program.`, pool.urn);
                }
            }
        });
    },
};

/** Groups the API, the token trigger or a role-mapping rule treats as privileged, each with why; once per stack. */
function namedPrivilegedGroups(resources: readonly PolicyResource[]): Map<string, string[]> {
    return memo(resources, "namedPrivilegedGroups", () => {
        const groups = new Map<string, string[]>();
        const add = (group: string, why: string): void => {
            addTo(groups, group, why);
        };
        const list = (value: string | undefined): string[] => (value ?? "").split(",").map((g) => g.trim()).filter((g) => g !== "");
        const json = (value: string | undefined): unknown => {
            try {
                return value ? JSON.parse(value) : undefined;
            } catch {
                return undefined;
            }
        };
        const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
        for (const fn of ofType(resources, aws.lambda.Function)) {
            const env = functionEnv(fn);
            for (const name of ["ADMIN_GROUPS", "REQUIRED_GROUPS"]) {
                for (const group of list(env[name])) {
                    add(group, `an admin group of the API (${name} of "${fn.name}")`);
                }
            }
            const scopes = json(env.SCOPES_BY_GROUP);
            for (const group of isObject(scopes) ? Object.keys(scopes) : []) {
                add(group, `its members get extra scopes (SCOPES_BY_GROUP of "${fn.name}")`);
            }
            const routes = json(env.ROUTE_REQUIREMENTS);
            for (const route of isObject(routes) ? Object.values(routes) : []) {
                const required = isObject(route) && Array.isArray(route.groups) ? route.groups : [];
                for (const group of required.filter((g): g is string => typeof g === "string")) {
                    add(group, `a route of the API requires it (ROUTE_REQUIREMENTS of "${fn.name}")`);
                }
            }
        }
        // A GraphQL schema's cognito_groups arguments name the groups its guarded fields admit.
        for (const api of ofType(resources, aws.appsync.GraphQLApi)) {
            for (const match of (fieldsOf(api).str("schema") ?? "").matchAll(/cognito_groups\s*:\s*\[([^\]]*)\]/g)) {
                for (const group of match[1].match(/"(?:[^"\\]|\\.)*"/g) ?? []) {
                    add(JSON.parse(group) as string, `an admin group of GraphQL API "${api.name}" (cognito_groups in its schema)`);
                }
            }
        }
        for (const attachment of ofType(resources, aws.cognito.IdentityPoolRoleAttachment)) {
            for (const mapping of fieldsOf(attachment).objs("roleMappings")) {
                for (const rule of mapping.objs("mappingRules")) {
                    const value = rule.str("value");
                    if (rule.str("claim") === "cognito:groups" && value) {
                        add(value, `a role-mapping rule of "${attachment.name}" gives it ${rule.str("roleArn") ?? "a role"}`);
                    }
                }
            }
        }
        return groups;
    });
}

/**
 * Why group `name` confers privileges, or an empty list: the groups named by the API and the
 * token trigger, and any group of that name whose role grants more than the authenticated
 * role does (a statement or a managed policy the authenticated role does not have).
 */
function groupPrivileges(resources: readonly PolicyResource[], name: string, report: ReportViolation): string[] {
    const why = [...(namedPrivilegedGroups(resources).get(name) ?? [])];
    const byName = indexBy(resources, "group.name", [aws.cognito.UserGroup], (g) => g.props.name);
    const roles = rolesIndex(resources);
    const { authenticatedArns, baseline } = memo(resources, "authenticatedBaseline", () => {
        const arns = new Set(ofType(resources, aws.cognito.IdentityPoolRoleAttachment).flatMap((a) => fieldsOf(a).stringMap("roles").authenticated ?? []));
        return { authenticatedArns: arns, baseline: new Set([...arns].flatMap((arn) => roles.find([arn]).flatMap((role) => permissionKeys(resources, role, report)))) };
    });
    for (const group of byName.all([name])) {
        const arn = fieldsOf(group).str("roleArn");
        if (!arn || authenticatedArns.has(arn)) {
            continue;
        }
        const role = roles.find([arn])[0];
        if (!role || permissionKeys(resources, role, report).some((k) => !baseline.has(k))) {
            why.push(`its group role ${arn} grants more than the authenticated role`);
        }
    }
    return why;
}

/** Each Allow statement of a role, and each managed policy it attaches, as a comparable key. */
function permissionKeys(resources: readonly PolicyResource[], role: PolicyResource, report: ReportViolation): string[] {
    const { documents, external } = rolePermissions(resources, role, report);
    const statements = documents.flatMap((d) => d.statements).filter((s) => s.effect === "Allow");
    const key = (s: Statement): string => JSON.stringify([[...s.actions].sort(), [...(s.notActions ?? [])].sort(), [...s.resources].sort(), [...(s.notResources ?? [])].sort(), s.conditions]);
    return [...statements.map(key), ...external.map((e) => `managed ${e.arn}`)];
}

export const defaultGroupUnprivileged: StackValidationPolicy = {
    name: "cognito-default-group-unprivileged",
    description: "Checks whether the post confirmation trigger adds new users only to an unprivileged group (not an admin group of the API, not one whose role grants more than the authenticated role).",
    anchors: { none: "No published control checks the group new users are added to." },
    severity: "critical",
    validateStack: async (args, report) => {
        await checkEach(ofType(args.resources, aws.cognito.UserPool), (pool) => {
            const arn = fieldsOf(pool).str("lambdaConfig.postConfirmation");
            const fn = arn ? functionFor(args.resources, arn) : undefined;
            const group = fn ? functionEnv(fn).DEFAULT_GROUP?.trim() : undefined;
            if (!fn || !group) {
                return;
            }
            const why = groupPrivileges(args.resources, group, report);
            if (why.length > 0) {
                report(`The post confirmation trigger "${fn.name}" adds every new user to group "${group}", which is privileged (${[...new Set(why)].join("; ")}): set DEFAULT_GROUP to a group without privileges, or to nothing.`, fn.urn);
            }
        });
    },
};

/** Flows that send the password itself to Cognito (InitiateAuth USER_PASSWORD_AUTH), old name included. */
const passwordFlows = ["ALLOW_USER_PASSWORD_AUTH", "USER_PASSWORD_AUTH"];
/** All a migration client may allow besides the password flow: nothing that makes it a general sign-in client. */
const migrationClientFlows = [...passwordFlows, "ALLOW_REFRESH_TOKEN_AUTH"];

const passwordAuthSettings = settings(
    { allowedPasswordAuthClients: [] as string[] },
    { allowedPasswordAuthClients: "Names of app clients that may allow USER_PASSWORD_AUTH, each a user-migration client of a pool with a userMigration trigger." },
    { allowedPasswordAuthClients: "more" },
);

export const clientPasswordAuth: StackValidationPolicy = {
    name: "cognito-client-password-auth",
    description: "Checks whether no app client allows USER_PASSWORD_AUTH (the password sent to Cognito instead of an SRP proof), except a migration client the stack's policy config names, of a pool with a user migration trigger, allowing nothing else.",
    anchors: { none: "No published control checks an app client's explicit auth flows; cdk-nag and Checkov read the pool, not its clients." },
    severity: "high",
    configSchema: passwordAuthSettings.schema,
    validateStack: async (args, report) => {
        const { allowedPasswordAuthClients } = passwordAuthSettings.read(args);
        const migrating = new Set<string>();
        await checkEach(ofType(args.resources, aws.cognito.UserPool), (pool) => {
            if (fieldsOf(pool).str("lambdaConfig.userMigration")) migrating.add(requiredOutput(pool, "id"));
        });
        await checkEach(ofType(args.resources, aws.cognito.UserPoolClient), (client) => {
            const fields = fieldsOf(client);
            const flows = fields.strings("explicitAuthFlows") ?? [];
            const password = flows.filter((f) => passwordFlows.includes(f));
            if (password.length === 0) return;
            const name = fields.str("name") ?? client.name;
            if (!allowedPasswordAuthClients.includes(name)) {
                report(`App client "${name}" allows ${password.join(", ")}, which sends the user's password to Cognito: use ALLOW_USER_SRP_AUTH; only a migration client listed in allowedPasswordAuthClients (with a reason) may allow it.`, client.urn);
                return;
            }
            if (!migrating.has(requiredOutput(client, "userPoolId"))) {
                report(`App client "${name}" allows ${password.join(", ")} as a migration client, but its pool has no userMigration trigger: remove the flow, or the client once the migration is over.`, client.urn);
            }
            const others = flows.filter((f) => !migrationClientFlows.includes(f));
            if (others.length > 0 || fields.bool("allowedOauthFlowsUserPoolClient") === true) {
                report(`Migration client "${name}" also allows ${[...others, ...(fields.bool("allowedOauthFlowsUserPoolClient") === true ? ["OAuth flows"] : [])].join(", ")}: keep it to the password flow, and sign users in through another client.`, client.urn);
            }
        });
    },
};

export const cognitoPolicies = [
    userPoolMfa,
    userPoolPasswordPolicy,
    userPoolThreatProtection,
    userPoolRiskConfiguration,
    riskIpExceptions,
    userPoolCustomAuthThreatProtection,
    userPoolDeletionProtection,
    userPoolAccountRecovery,
    userPoolDeviceTracking,
    clientNoImplicitGrant,
    clientGrants,
    machineScopesSeparate,
    clientTokenValidity,
    clientTokenRevocation,
    clientRefreshTokenRotation,
    clientPreventUserExistenceErrors,
    clientHttpsCallbacks,
    clientPrivilegedAttributes,
    triggerFunctions,
    defaultGroupUnprivileged,
    clientPasswordAuth,
] as const;
