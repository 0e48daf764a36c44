import { z } from "zod";
import { issue, ValidationIssue } from "../components/issues";

/** The config namespace: `pulumi config set cognito-stack:<key> <value>`. */
export const CONFIG_NAMESPACE = "cognito-stack";

const nonEmpty = z.string().min(1, "must not be empty");
const https = z.string().refine((u) => /^https:\/\/[^\s/]+/.test(u) || /^http:\/\/localhost(:\d+)?(\/|$)/.test(u), {
    message: "must be an https:// URL (http:// only for localhost)",
});
const attributeMapping = z.record(z.string(), z.string()).default({});

const riskLevel = z
    .object({
        action: z.enum(["NO_ACTION", "BLOCK", "MFA_IF_CONFIGURED", "MFA_REQUIRED"]),
        notify: z.boolean().default(false),
    })
    .strict();

export const riskConfigurationSchema = z
    .object({
        low: riskLevel.default({ action: "NO_ACTION", notify: false }),
        medium: riskLevel.default({ action: "MFA_IF_CONFIGURED", notify: false }),
        high: riskLevel.default({ action: "MFA_REQUIRED", notify: false }),
        /** SES identity ARN that sends the "was this you?" emails; needed when any level notifies. */
        notifySourceArn: z.string().optional(),
        notifyFrom: z.string().optional(),
        notifyReplyTo: z.string().optional(),
        compromisedCredentialsAction: z.enum(["BLOCK", "NO_ACTION"]).default("BLOCK"),
        compromisedCredentialsEvents: z.array(z.enum(["SIGN_IN", "PASSWORD_CHANGE", "SIGN_UP"])).min(1).default(["SIGN_IN", "PASSWORD_CHANGE", "SIGN_UP"]),
        blockedIpRanges: z.array(z.string()).default([]),
        skippedIpRanges: z.array(z.string()).default([]),
    })
    .strict();

export const customAttributeSchema = z
    .object({
        name: z.string().regex(/^[A-Za-z0-9_]{1,20}$/, "must be 1-20 letters, digits or underscores, without the custom: prefix"),
        type: z.enum(["String", "Number", "Boolean", "DateTime"]),
        mutable: z.boolean().default(true),
        minLength: z.number().int().min(0).max(2048).optional(),
        maxLength: z.number().int().min(1).max(2048).optional(),
        min: z.number().int().optional(),
        max: z.number().int().optional(),
    })
    .strict();

export const groupSchema = z
    .object({
        name: z.string().regex(/^[\p{L}\p{M}\p{S}\p{N}\p{P}]{1,128}$/u, "must be 1-128 characters without spaces"),
        description: z.string().max(2048).optional(),
        precedence: z.number().int().min(0).optional(),
    })
    .strict();

export const resourceServerSchema = z
    .object({
        identifier: z.string().min(1).max(256),
        name: z.string().min(1).max(256),
        scopes: z
            .array(
                z
                    .object({
                        name: z.string().regex(/^[\x21\x23-\x2E\x30-\x5B\x5D-\x7E]{1,256}$/, "must be 1-256 printable characters without spaces, quotes, slashes or backslashes"),
                        description: z.string().min(1).max(256),
                    })
                    .strict(),
            )
            .max(100)
            .default([]),
    })
    .strict();

export const appClientSchema = z
    .object({
        name: z.string().regex(/^[\w\s+=,.@-]{1,128}$/, "must be 1-128 word characters, spaces or +=,.@-"),
        callbackUrls: z.array(https).default([]),
        logoutUrls: z.array(https).default([]),
        generateSecret: z.boolean().default(false),
        /** Provider names this client offers; defaults to COGNITO plus every configured provider. */
        identityProviders: z.array(nonEmpty).optional(),
        oauthScopes: z.array(nonEmpty).default(["openid", "email", "profile"]),
        /** Only the authorization code grant: implicit and client credentials are not offered to users. */
        oauthFlows: z.array(z.literal("code", { message: "only the authorization code grant (code) is allowed" })).default(["code"]),
        explicitAuthFlows: z
            .array(z.enum(["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_AUTH", "ALLOW_CUSTOM_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH"]))
            .optional(),
        accessTokenValidityMinutes: z.number().int().default(60),
        idTokenValidityMinutes: z.number().int().default(60),
        refreshTokenValidityDays: z.number().int().default(30),
        authSessionValidityMinutes: z.number().int().default(3),
        refreshTokenRotation: z.boolean().default(true),
        refreshTokenGracePeriodSeconds: z.number().int().default(0),
    })
    .strict();

export const googleSchema = z
    .object({
        clientId: nonEmpty,
        scopes: z.string().default("openid email profile"),
        attributeMapping,
    })
    .strict();

export const facebookSchema = z
    .object({
        appId: nonEmpty,
        apiVersion: z.string().regex(/^v\d+\.\d+$/, "must look like v21.0").default("v21.0"),
        scopes: z.string().default("public_profile,email"),
        attributeMapping,
    })
    .strict();

export const appleSchema = z
    .object({
        servicesId: nonEmpty,
        teamId: z.string().regex(/^[A-Z0-9]{10}$/, "must be the 10-character Apple team id"),
        keyId: z.string().regex(/^[A-Z0-9]{10}$/, "must be the 10-character Apple key id"),
        scopes: z.string().default("email name"),
        attributeMapping,
    })
    .strict();

const providerName = z.string().regex(/^[^_\s][\p{L}\p{M}\p{S}\p{N}\p{P}]{2,31}$/u, "must be 3-32 characters, no spaces, not starting with _");

export const samlProviderSchema = z
    .object({
        name: providerName,
        metadataUrl: z.string().optional(),
        metadataFile: z.string().optional(),
        idpIdentifiers: z.array(z.string().min(1).max(40)).default([]),
        signOut: z.boolean().default(false),
        idpInitiated: z.boolean().default(false),
        encryptedResponses: z.boolean().default(false),
        requestSigningAlgorithm: z.enum(["rsa-sha256"]).optional(),
        attributeMapping,
        /**
         * Metadata XML for direct SAML login to the identity pool (an IAM SAML provider takes
         * the document itself; IAM cannot fetch a URL). Without it, and without metadataFile,
         * the IdP reaches the identity pool only through the user pool.
         */
        identityPoolMetadataFile: z
            .string()
            .refine((x) => /<(\w+:)?EntityDescriptor[\s>]/.test(x), { message: "must be SAML metadata XML with an EntityDescriptor" })
            .optional(),
    })
    .strict();

export const oidcProviderSchema = z
    .object({
        name: providerName,
        clientId: nonEmpty,
        issuer: z.string().regex(/^https:\/\//, "must be the issuer's https:// URL"),
        scopes: z.string().default("openid email profile"),
        attributesRequestMethod: z.enum(["GET", "POST"]).default("GET"),
        idpIdentifiers: z.array(z.string().min(1).max(40)).default([]),
        attributeMapping,
    })
    .strict();

export const roleMappingRuleSchema = z
    .object({
        claim: z.string().min(1).max(64),
        matchType: z.enum(["Equals", "Contains", "StartsWith", "NotEqual"]),
        value: z.string().min(1).max(128),
        /** `authenticated`, a group listed in groupRoles, or an IAM role ARN. */
        role: nonEmpty,
    })
    .strict();

/** Trigger functions of the pool; a trigger is deployed when its key is present. */
export const triggersSchema = z
    .object({
        memoryMb: z.number().int().default(256),
        timeoutSeconds: z.number().int().min(1).default(5),
        preSignUp: z
            .object({
                allowedEmailDomains: z.array(z.string()).default([]),
                linkFederatedUsers: z.boolean().default(true),
                providerEmailVerifiedAttribute: z.string().optional(),
            })
            .strict()
            .optional(),
        postConfirmation: z
            .object({
                senderEmail: z.string().optional(),
                defaultGroup: z.string().optional(),
                appName: z.string().min(1).max(100).optional(),
            })
            .strict()
            .optional(),
        preTokenGeneration: z
            .object({
                tenantAttribute: z.string().optional(),
                tenantClaim: z.string().optional(),
                rolesClaim: z.string().optional(),
                suppressedClaims: z.array(nonEmpty).default([]),
                accessTokenScopes: z.array(nonEmpty).default([]),
                scopesByGroup: z.record(z.string(), z.array(nonEmpty)).default({}),
            })
            .strict()
            .optional(),
    })
    .strict();

/** The REST API; deployed when the key is present. */
export const apiSchema = z
    .object({
        stageName: z.string().default("v1"),
        /** Identifier of the resource server whose scopes guard the user routes; the first one by default. */
        resourceServer: z.string().optional(),
        readScope: nonEmpty.default("items.read"),
        writeScope: nonEmpty.default("items.write"),
        adminGroups: z.array(nonEmpty).default(["admins"]),
        authorizerCacheSeconds: z.number().int().default(300),
        throttlingRateLimit: z.number().default(50),
        throttlingBurstLimit: z.number().int().default(100),
        executionLogLevel: z.enum(["OFF", "ERROR", "INFO"]).default("ERROR"),
        manageCloudWatchRole: z.boolean().default(false),
        memoryMb: z.number().int().default(256),
        timeoutSeconds: z.number().int().min(1).default(10),
    })
    .strict();

/** Cognito log delivery: user notification errors and (PLUS) user activity; on by default. */
export const logDeliverySchema = z
    .object({
        enabled: z.boolean().default(true),
        /** Days the delivery log groups keep events; the stack's logRetentionDays when left out. */
        retentionDays: z.number().int().optional(),
        userNotification: z.boolean().default(true),
        /** Where user activity goes: auto = CloudWatch Logs on PLUS, off otherwise. */
        userAuthEvents: z.enum(["auto", "off", "cloudwatch", "s3", "firehose"]).default("auto"),
        s3BucketArn: z.string().optional(),
        firehoseStreamArn: z.string().optional(),
    })
    .strict();

/** The regional WAF web ACL in front of the user pool and the API stage; on by default. */
export const wafSchema = z
    .object({
        enabled: z.boolean().default(true),
        /** Requests one IP may send in rateLimitWindowSeconds before it is blocked. */
        rateLimit: z.number().int().default(1000),
        rateLimitWindowSeconds: z.number().int().default(300),
        managedRuleGroups: z.array(nonEmpty).default(["AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet", "AWSManagedRulesAmazonIpReputationList"]),
        /** COUNT only records what the rules match (to tune them); BLOCK enforces. */
        mode: z.enum(["BLOCK", "COUNT"]).default("BLOCK"),
    })
    .strict();

/** CloudWatch alarms, their SNS topic and subscribers, and the dashboard; on by default. */
export const alarmsSchema = z
    .object({
        enabled: z.boolean().default(true),
        subscriptions: z
            .array(
                z
                    .object({
                        protocol: z.enum(["email", "https", "sqs", "lambda", "sms"]),
                        endpoint: nonEmpty,
                    })
                    .strict(),
            )
            .default([]),
        /** High-risk sign-ins (account takeover, compromised credentials) in 5 minutes. */
        riskThreshold: z.number().int().default(1),
        signInThrottleThreshold: z.number().int().default(1),
        /** Percent of Cognito's 5 s trigger limit that a trigger's maximum duration may reach. */
        triggerDurationPercent: z.number().int().default(80),
        triggerErrorThreshold: z.number().int().default(1),
        api5xxThreshold: z.number().int().default(5),
        apiLatencyP99Ms: z.number().int().default(3000),
        authorizerErrorThreshold: z.number().int().default(1),
        wafBlockedThreshold: z.number().int().default(100),
    })
    .strict();

/** Ids of an existing user pool and its parts that the stack adopts instead of creating. */
export const adoptUserPoolSchema = z
    .object({
        userPoolId: nonEmpty,
        /** App client name (as in appClients) to the existing client's id. */
        appClientIds: z.record(z.string(), nonEmpty).default({}),
        groups: z.array(nonEmpty).default([]),
        identityProviders: z.array(nonEmpty).default([]),
        resourceServers: z.array(nonEmpty).default([]),
        domain: z.boolean().default(false),
    })
    .strict();


/**
 * Every key of the stack config with its type and default. Keys are flat where the
 * CLI can set them (`pulumi config set`), objects where AWS groups settings.
 */
export const stackConfigShape = {
    environment: z.enum(["dev", "staging", "prod"]),
    protect: z.boolean().default(false),
    deletionProtection: z.boolean().default(false),
    tags: z.record(z.string(), z.string()).default({}),

    usernameAttributes: z.array(z.enum(["email", "phone_number"])).default(["email"]),
    aliasAttributes: z.array(z.enum(["email", "phone_number", "preferred_username"])).default([]),
    caseSensitiveUsernames: z.boolean().default(false),
    selfSignUp: z.boolean().default(true),
    autoVerifiedAttributes: z.array(z.enum(["email", "phone_number"])).default(["email"]),
    customAttributes: z.array(customAttributeSchema).default([]),
    userPoolLock: z
        .object({
            usernameAttributes: z.array(z.string()).default([]),
            aliasAttributes: z.array(z.string()).default([]),
            caseSensitiveUsernames: z.boolean().default(false),
            customAttributes: z.array(customAttributeSchema).default([]),
        })
        .strict()
        .optional(),

    emailSender: z.enum(["COGNITO", "SES"]).default("COGNITO"),
    sesIdentityArn: z.string().optional(),
    emailFrom: z.string().optional(),
    emailReplyTo: z.string().optional(),
    sesConfigurationSet: z.string().optional(),
    verificationType: z.enum(["CODE", "LINK"]).default("CODE"),
    verificationEmailSubject: z.string().min(1).max(140).default("Your verification code"),
    verificationEmailMessage: z.string().min(6).max(20000).optional(),

    mfa: z.enum(["OFF", "OPTIONAL", "ON"]).default("OPTIONAL"),
    mfaFactors: z.array(z.enum(["TOTP", "SMS", "EMAIL"])).default(["TOTP"]),
    signInFactors: z.array(z.enum(["PASSWORD", "EMAIL_OTP", "SMS_OTP", "WEB_AUTHN"])).default(["PASSWORD"]),
    passkeyRelyingPartyId: z.string().optional(),
    passkeyUserVerification: z.enum(["required", "preferred"]).default("preferred"),

    passwordMinLength: z.number().int().min(6).max(99).default(12),
    passwordRequireLowercase: z.boolean().default(true),
    passwordRequireUppercase: z.boolean().default(true),
    passwordRequireNumbers: z.boolean().default(true),
    passwordRequireSymbols: z.boolean().default(true),
    passwordHistorySize: z.number().int().min(0).max(24).default(0),
    temporaryPasswordValidityDays: z.number().int().min(0).max(365).default(7),
    accountRecovery: z.array(z.enum(["verified_email", "verified_phone_number", "admin_only"])).min(1).default(["verified_email"]),

    featurePlan: z.enum(["auto", "LITE", "ESSENTIALS", "PLUS"]).default("auto"),
    threatProtection: z.enum(["OFF", "AUDIT", "ENFORCED"]).default("OFF"),
    threatProtectionCustomAuth: z.enum(["OFF", "AUDIT", "ENFORCED"]).default("OFF"),
    riskConfiguration: riskConfigurationSchema.optional(),

    domainPrefix: z.string().optional(),
    customDomain: z.string().optional(),
    customDomainCertificateArn: z.string().optional(),
    managedLoginVersion: z.union([z.literal(1), z.literal(2)]).default(2),

    groups: z.array(groupSchema).default([]),
    resourceServers: z.array(resourceServerSchema).default([]),
    appClients: z.array(appClientSchema).min(1, "must list at least one app client").prefault([{ name: "web" }]),

    google: googleSchema.optional(),
    facebook: facebookSchema.optional(),
    apple: appleSchema.optional(),
    samlProviders: z.array(samlProviderSchema).default([]),
    oidcProviders: z.array(oidcProviderSchema).default([]),

    // Identity pool and per-identity data.
    allowGuests: z.boolean().default(false),
    identityPoolDirectLogins: z.boolean().default(false),
    roleMappingType: z.enum(["Token", "Rules", "None"]).default("Token"),
    ambiguousRoleResolution: z.enum(["AuthenticatedRole", "Deny"]).default("AuthenticatedRole"),
    roleMappingRules: z.array(roleMappingRuleSchema).default([]),
    principalTags: z.record(z.string(), z.string()).default({}),
    groupRoles: z.union([z.boolean(), z.array(nonEmpty)]).default(false),
    retainDataOnDelete: z.boolean().default(false),
    /** Days every log group (functions, API access and execution logs) keeps its events. */
    logRetentionDays: z.number().int().default(30),
    triggers: triggersSchema.prefault({}),
    api: apiSchema.optional(),

    // Operations: log delivery, WAF, alarms, custom-domain DNS, adopting an existing pool.
    logDelivery: logDeliverySchema.prefault({}),
    waf: wafSchema.prefault({}),
    alarms: alarmsSchema.prefault({}),
    /** Route 53 hosted zone of customDomain: alias records (and the certificate when none is given) are created in it. */
    customDomainHostedZoneId: z.string().optional(),
    adoptUserPool: adoptUserPoolSchema.optional(),
};

export const stackConfigSchema = z.object(stackConfigShape).strict();
export type StackConfig = z.output<typeof stackConfigSchema>;

/** Keys whose values are strings in the engine's config bag; everything else arrives as JSON. */
export const STRING_KEYS: ReadonlySet<string> = new Set(
    Object.entries(stackConfigShape)
        .filter(([, schema]) => {
            const inner = unwrap(schema);
            return inner === "string" || inner === "enum";
        })
        .map(([key]) => key),
);

function unwrap(schema: z.ZodType): string {
    const def = (schema as unknown as { _zod: { def: { type: string; innerType?: z.ZodType } } })._zod.def;
    return def.innerType ? unwrap(def.innerType) : def.type;
}

/** Turns zod's issues into ours: field path, rule, received value, and a fix. */
export function fromZodIssues(zodIssues: readonly z.core.$ZodIssue[], raw: Record<string, unknown>): ValidationIssue[] {
    return zodIssues.map((zi) => {
        const field = formatPath(zi.path);
        const received = valueAt(raw, zi.path);
        const top = String(zi.path[0] ?? "");
        if (zi.code === "unrecognized_keys") {
            const where = field ? `${field} ` : "";
            return {
                field: field || zi.keys.join(", "),
                rule: `has unknown key${zi.keys.length > 1 ? "s" : ""} ${zi.keys.map((k) => `"${k}"`).join(", ")}`,
                fix: `remove ${where}${zi.keys.join(", ")} or correct the spelling; the README lists every key`,
            };
        }
        if (received === undefined) {
            return issue(field, "is required", received, `set it: pulumi config set ${zi.path.length > 1 ? "--path " : ""}${CONFIG_NAMESPACE}:${top}${formatPath(zi.path.slice(1), true)} <value>`);
        }
        return issue(field, ruleFor(zi), received, fixFor(top, zi));
    });
}

function ruleFor(zi: z.core.$ZodIssue): string {
    switch (zi.code) {
        case "invalid_value":
            return `must be one of ${zi.values.map(String).join(", ")}`;
        case "invalid_type":
            return `must be ${zi.expected === "array" ? "a list" : `a ${zi.expected}`}`;
        case "too_small":
            return zi.origin === "array" ? `must have at least ${String(zi.minimum)} item(s)` : zi.origin === "string" ? `must be at least ${String(zi.minimum)} characters` : `must be at least ${String(zi.minimum)}`;
        case "too_big":
            return zi.origin === "array" ? `must have at most ${String(zi.maximum)} items` : zi.origin === "string" ? `must be at most ${String(zi.maximum)} characters` : `must be at most ${String(zi.maximum)}`;
        default:
            return zi.message.startsWith("must") ? zi.message : `is invalid: ${zi.message}`;
    }
}

function fixFor(top: string, zi: z.core.$ZodIssue): string {
    const key = `${CONFIG_NAMESPACE}:${top}`;
    if (zi.code === "invalid_value" && "values" in zi) {
        return `set one of ${zi.values.map(String).join(", ")} (pulumi config set ${zi.path.length > 1 ? "--path " : ""}${key}${zi.path.length > 1 ? formatPath(zi.path.slice(1), true) : ""} <value>)`;
    }
    return `correct ${key} in Pulumi.<stack>.yaml; the README's config reference gives its type and default`;
}

/** `appClients[0].callbackUrls[1]`; with `continued`, a leading `.` or `[` for appending. */
export function formatPath(path: readonly PropertyKey[], continued = false): string {
    let out = "";
    for (const p of path) {
        out += typeof p === "number" ? `[${p}]` : out || continued ? `.${String(p)}` : String(p);
    }
    return out;
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
    let v: unknown = raw;
    for (const p of path) {
        if (v === null || typeof v !== "object") {
            return undefined;
        }
        v = (v as Record<PropertyKey, unknown>)[p];
    }
    return v;
}
