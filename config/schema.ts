/**
 * The stack config, key by key: type, range and format of each value, and its default. Rules
 * that span keys are in rules.ts and the components' own validation. Limits come from AWS's
 * API references; each group of them names its page.
 */
import { z } from "zod";
import { TOKEN_LIMITS } from "../components/appClients";
import { MAX_TRIGGER_TIMEOUT_SECONDS, MESSAGE_LANGUAGES } from "../components/triggers";
import { MAX_PRINCIPAL_TAGS, MAX_RULES } from "../components/identityPool";
import { BRANDING_CATEGORIES } from "../components/branding";
import { REQUIRABLE_ATTRIBUTES } from "../components/userPool";

/** The subject Cognito's verification email gets unless a stack names its own. */
export const DEFAULT_VERIFICATION_EMAIL_SUBJECT = "Your verification code";

/** The config namespace: `pulumi config set cognito-stack:<key> <value>`. */
export const CONFIG_NAMESPACE = "cognito-stack";

const nonEmpty = z.string().min(1, "must not be empty");
const unique = <T extends z.ZodType>(item: T) =>
    z.array(item).refine((xs) => new Set(xs).size === xs.length, { message: "must not list a value twice", params: { fix: "list each value once" } });

/** Address, as SES and Cognito take it (`EmailConfigurationType.ReplyToEmailAddress`). */
const EMAIL = /^[^\s@<>",;]+@[^\s@<>",;]+\.[^\s@<>",;]+$/;
const email = z.string().regex(EMAIL, "must be an email address like no-reply@example.com");
/** `EmailConfigurationType.From`: an address, or a name with the address in angle brackets. */
const fromAddress = z
    .string()
    .refine((s) => EMAIL.test(s) || /^[^<>]+<[^\s@<>",;]+@[^\s@<>",;]+\.[^\s@<>",;]+>$/.test(s.trim()), {
        message: "must be an email address, or a name and the address in angle brackets",
        params: { fix: "write it like no-reply@example.com or Example <no-reply@example.com>" },
    });
const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** Schemes that are not an app's own redirect scheme (RFC 8252 section 7.1). */
const NOT_APP_SCHEMES = new Set(["http", "https", "javascript", "data", "file", "vbscript", "blob", "about", "ftp", "ws", "wss", "mailto", "tel", "sms", "intent", "view-source", "chrome"]);

/**
 * Why a callback or sign-out URL is refused, or undefined. Cognito takes https URLs, plain http
 * for localhost only, and a native app's own scheme (`myapp://callback`); an OAuth redirect URI
 * never has a fragment, and Cognito matches it exactly (no wildcards). Length 1-1024.
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html#CognitoUserPools-CreateUserPoolClient-request-CallbackURLs
 */
export function redirectUrlProblem(url: string): string | undefined {
    if (url.length < 1 || url.length > 1024 || /\s/.test(url)) return "must be 1-1024 characters without spaces";
    if (url.includes("#")) return "must not contain a #fragment (OAuth 2.0 redirect URIs cannot have one, RFC 6749 section 3.1.2)";
    if (url.includes("*")) return "must not contain a wildcard (Cognito matches callback URLs exactly)";
    const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):(.+)$/.exec(url);
    if (scheme === null) return "must be an absolute URL: https://..., http://localhost/... or a native app's scheme (myapp://callback)";
    const name = scheme[1].toLowerCase();
    if (name === "https") return /^https:\/\/[^\s/?#@]+(?:[/?]|$)/i.test(url) ? undefined : "must name a host after https://";
    if (name === "http") return /^http:\/\/localhost(:\d+)?(\/|$)/.test(url) ? undefined : "must use https (plain http only for http://localhost)";
    return NOT_APP_SCHEMES.has(name) ? `must not use the ${name}: scheme (only https, http://localhost, or an app's own scheme)` : undefined;
}
const redirectUrl = z.string().superRefine((u, ctx) => {
    const problem = redirectUrlProblem(u);
    if (problem !== undefined) {
        ctx.addIssue({ code: "custom", message: problem, params: { fix: "register the exact URL the app receives the code at: https://app.example.com/callback, http://localhost:3000/callback or myapp://callback" } });
    }
});

/** A standard attribute or `custom:<name>`. */
const attributeName = z.string().regex(/^(?:[a-z_]{1,32}|custom:[A-Za-z0-9_]{1,20})$/, "must be a standard attribute (email, name, ...) or custom:<name>");

const attributeMapping = z.record(z.string().min(1).max(32), z.string().min(1).max(131071)).default({});

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
        notifySourceArn: z.string().regex(/^arn:aws[\w-]*:ses:[a-z0-9-]+:\d{12}:identity\/.+$/, "must be an SES identity ARN").optional(),
        notifyFrom: fromAddress.optional(),
        notifyReplyTo: email.optional(),
        compromisedCredentialsAction: z.enum(["BLOCK", "NO_ACTION"]).default("BLOCK"),
        compromisedCredentialsEvents: unique(z.enum(["SIGN_IN", "PASSWORD_CHANGE", "SIGN_UP"])).min(1).default(["SIGN_IN", "PASSWORD_CHANGE", "SIGN_UP"]),
        // RiskExceptionConfigurationType: at most 200 ranges each.
        blockedIpRanges: z.array(z.string()).max(200).default([]),
        skippedIpRanges: z.array(z.string()).max(200).default([]),
    })
    .strict();

/** @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_SchemaAttributeType.html */
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

/** @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateGroup.html */
export const groupSchema = z
    .object({
        name: z.string().regex(/^[\p{L}\p{M}\p{S}\p{N}\p{P}]{1,128}$/u, "must be 1-128 characters without spaces"),
        description: z.string().max(2048).optional(),
        precedence: z.number().int().min(0).max(2147483647).optional(),
    })
    .strict();

const SCOPE = /^[\x21\x23-\x5B\x5D-\x7E]{1,256}$/;
const scope = z.string().regex(SCOPE, "must be 1-256 printable characters without spaces, quotes or backslashes");

/** @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateResourceServer.html */
export const resourceServerSchema = z
    .object({
        identifier: z.string().regex(SCOPE, "must be 1-256 printable characters without spaces, quotes or backslashes, e.g. https://api.example.com"),
        name: z.string().regex(/^[\w\s+=,.@-]{1,256}$/, "must be 1-256 word characters, spaces or +=,.@-"),
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

const [REFRESH_MIN_DAYS, REFRESH_MAX_DAYS] = TOKEN_LIMITS.refreshTokenValidityDays;

/**
 * Refresh-token validity in days, set in whole hours: AWS allows 60 minutes to 10 years
 * (`RefreshTokenValidity`), and the client states it in hours, so 0.5 is 12 hours.
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html#CognitoUserPools-CreateUserPoolClient-request-RefreshTokenValidity
 */
const refreshTokenDays = z
    .number()
    .min(REFRESH_MIN_DAYS, "must be at least 1/24 (one hour; AWS allows 60 minutes to 10 years)")
    .max(REFRESH_MAX_DAYS, `must be at most ${REFRESH_MAX_DAYS} (ten years)`)
    .refine((d) => Math.abs(d * 24 - Math.round(d * 24)) < 0.01, {
        message: "must be a whole number of hours, in days",
        params: { fix: "use days or fractions that make whole hours: 0.5 is 12 hours, 0.25 is 6 hours, 1/24 (0.0417) is one hour" },
    });

/**
 * One app client. Token validity ranges are AWS's (access and ID tokens 5 minutes to 1 day,
 * sessions 3-15 minutes); at most 100 callback and sign-out URLs and 50 scopes.
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html
 */
export const appClientSchema = z
    .object({
        name: z.string().regex(/^[\w\s+=,.@-]{1,128}$/, "must be 1-128 word characters, spaces or +=,.@-"),
        callbackUrls: z.array(redirectUrl).max(100).default([]),
        logoutUrls: z.array(redirectUrl).max(100).default([]),
        /** Default: true for kind machine, false otherwise (see validateClientKinds). */
        generateSecret: z.boolean().optional(),
        /** Provider names this client offers; defaults to COGNITO plus every configured provider. */
        identityProviders: unique(nonEmpty).optional(),
        oauthScopes: unique(scope).max(50).default(["openid", "email", "profile"]),
        /** Only the authorization code grant: implicit and client credentials are not offered to users. */
        oauthFlows: z.array(z.literal("code", { message: "must be code (only the authorization code grant is allowed)" })).default(["code"]),
        explicitAuthFlows: unique(z.enum(["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_AUTH", "ALLOW_CUSTOM_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH"])).optional(),
        // Ranges: validateAppClients (TOKEN_LIMITS), with the rest of the client's rules.
        accessTokenValidityMinutes: z.number().int().default(60),
        idTokenValidityMinutes: z.number().int().default(60),
        refreshTokenValidityDays: refreshTokenDays.default(30),
        authSessionValidityMinutes: z.number().int().default(3),
        refreshTokenRotation: z.boolean().default(true),
        refreshTokenGracePeriodSeconds: z.number().int().default(0),
        /** Default: generateSecret (see validateAppClients for the rule). */
        propagateUserContextData: z.boolean().optional(),
        // Client kinds, redirects and attributes: rules in validateClientKinds.
        kind: z.enum(["web", "spa", "native", "machine"]).default("web"),
        defaultRedirectUri: redirectUrl.optional(),
        readAttributes: unique(attributeName).optional(),
        writeAttributes: unique(attributeName).optional(),
    })
    .strict();

export const googleSchema = z
    .object({
        clientId: nonEmpty,
        scopes: nonEmpty.default("openid email profile"),
        attributeMapping,
    })
    .strict();

export const facebookSchema = z
    .object({
        appId: nonEmpty,
        apiVersion: z.string().regex(/^v\d+\.\d+$/, "must look like v21.0").default("v21.0"),
        scopes: nonEmpty.default("public_profile,email"),
        attributeMapping,
    })
    .strict();

export const appleSchema = z
    .object({
        servicesId: nonEmpty,
        teamId: z.string().regex(/^[A-Z0-9]{10}$/, "must be the 10-character Apple team id"),
        keyId: z.string().regex(/^[A-Z0-9]{10}$/, "must be the 10-character Apple key id"),
        scopes: nonEmpty.default("email name"),
        attributeMapping,
    })
    .strict();

/** @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateIdentityProvider.html#CognitoUserPools-CreateIdentityProvider-request-ProviderName */
const providerName = z.string().regex(/^[^_\s][\p{L}\p{M}\p{S}\p{N}\p{P}]{2,31}$/u, "must be 3-32 characters, no spaces, not starting with _");
/** `IdpIdentifiers`: at most 50, each 1-40 characters. */
const idpIdentifiers = unique(z.string().regex(/^[\w\s+=.@-]{1,40}$/, "must be 1-40 word characters, spaces or +=.@-")).max(50).default([]);

export const samlProviderSchema = z
    .object({
        name: providerName,
        metadataUrl: nonEmpty.optional(),
        metadataFile: nonEmpty.optional(),
        idpIdentifiers,
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
        issuer: z.string().regex(/^https:\/\/[^\s/]+/, "must be the issuer's https:// URL"),
        scopes: nonEmpty.default("openid email profile"),
        attributesRequestMethod: z.enum(["GET", "POST"]).default("GET"),
        idpIdentifiers,
        attributeMapping,
    })
    .strict();

/** @see https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_MappingRule.html */
export const roleMappingRuleSchema = z
    .object({
        claim: z.string().regex(/^[\p{L}\p{M}\p{S}\p{N}\p{P}]{1,64}$/u, "must be a token claim name (1-64 characters, no spaces)"),
        matchType: z.enum(["Equals", "Contains", "StartsWith", "NotEqual"]),
        value: z.string().min(1).max(128),
        /** `authenticated`, a group listed in groupRoles, or an IAM role ARN. */
        role: nonEmpty,
    })
    .strict();

/**
 * Claims Cognito owns: a pre token generation trigger may not add, override or suppress them.
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-pre-token-generation.html#user-pool-lambda-pre-token-generation-excluded-claims
 */
export const RESERVED_CLAIMS: readonly string[] = [
    "acr", "amr", "aud", "at_hash", "auth_time", "azp", "client_id", "cognito:username", "exp", "iat",
    "identities", "iss", "jti", "nbf", "nonce", "origin_jti", "scope", "sub", "token_use", "username",
    "event_id", "cognito:groups", "cognito:roles", "cognito:preferred_role",
];
const claimName = z
    .string()
    .regex(/^[A-Za-z0-9_:.-]{1,128}$/, "must be a claim name (1-128 letters, digits, _ : . -)")
    .refine((c) => !RESERVED_CLAIMS.includes(c), { message: "must not be a claim Cognito reserves (sub, aud, iss, cognito:groups, ...)" });
const groupName = groupSchema.shape.name;

/**
 * The other trigger kinds (pre/post authentication, custom message, user migration, custom
 * senders, the custom auth challenge); each is deployed when its key is present. Ranges and
 * rules across keys: validateTriggersArgs.
 */
const customAttributeName = z.string().regex(/^custom:[A-Za-z0-9_]{1,20}$/, "must be a custom attribute like custom:suspended");
const messageSettings = {
    appName: z.string().regex(/^[^<>{}\r\n]{1,64}$/, "must be 1-64 characters without <, >, { } or line breaks").optional(),
    defaultLanguage: z.enum(MESSAGE_LANGUAGES).default("en"),
};
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a day as YYYY-MM-DD");
const triggerKindsShape = {
    preAuthentication: z
        .object({
            tenantAttribute: customAttributeName.optional(),
            suspendedTenants: unique(z.string().regex(/^[A-Za-z0-9_.:@-]{1,64}$/, "must be a tenant id of 1-64 letters, digits, _ . : @ -")).default([]),
            suspendedAttribute: customAttributeName.optional(),
        })
        .strict()
        .optional(),
    postAuthentication: z.object({}).strict().optional(),
    customMessage: z.object(messageSettings).strict().optional(),
    userMigration: z
        .object({
            migratedAttributes: unique(z.string().regex(/^[A-Za-z0-9_:.-]{1,128}$/, "must be an attribute name")).optional(),
            bcryptCost: z.number().int().default(10),
            migrationClient: z.object({ name: z.string().default("migration"), start: day, end: day }).strict().optional(),
        })
        .strict()
        .optional(),
    customEmailSender: z.object({ ...messageSettings, senderEmail: email.optional() }).strict().optional(),
    customSmsSender: z.object({ ...messageSettings, senderId: z.string().optional() }).strict().optional(),
    authChallenge: z.object({ ...messageSettings, senderEmail: email.optional(), maxAttempts: z.number().int().default(3) }).strict().optional(),
};

/**
 * Trigger functions of the pool; a trigger is deployed when its key is present. The claim
 * rules are the pre token generation handler's own (it checks them again at start).
 */
export const triggersSchema = z
    .object({
        // Ranges: validateTriggersArgs.
        memoryMb: z.number().int().default(256),
        timeoutSeconds: z.number().int().default(MAX_TRIGGER_TIMEOUT_SECONDS),
        preSignUp: z
            .object({
                allowedEmailDomains: unique(z.string().regex(DOMAIN, "must be a lower-case domain name like example.com, without @ or a scheme")).default([]),
                linkFederatedUsers: z.boolean().default(true),
                providerEmailVerifiedAttribute: z.string().optional(),
            })
            .strict()
            .optional(),
        postConfirmation: z
            .object({
                senderEmail: email.optional(),
                defaultGroup: groupName.optional(),
                appName: z.string().min(1).max(100).optional(),
            })
            .strict()
            .optional(),
        preTokenGeneration: z
            .object({
                tenantAttribute: z.string().regex(/^custom:[A-Za-z0-9_]{1,20}$/, "must be a custom attribute like custom:tenant_id").optional(),
                tenantClaim: claimName.optional(),
                rolesClaim: claimName.optional(),
                suppressedClaims: unique(claimName).default([]),
                accessTokenScopes: unique(scope).default([]),
                scopesByGroup: z.record(groupName, unique(scope)).default({}),
                /** V3_0 also customizes machine clients' access tokens; both need ESSENTIALS or PLUS. */
                version: z.enum(["V2_0", "V3_0"]).default("V2_0"),
            })
            .strict()
            .optional(),
        ...triggerKindsShape,
    })
    .strict();

/**
 * The REST API; deployed when the key is present.
 */
export const apiSchema = z
    .object({
        // Formats and ranges: validateApiArgs.
        stageName: z.string().default("v1"),
        /** Identifier of the resource server whose scopes guard the user routes; the first one by default. */
        resourceServer: nonEmpty.optional(),
        readScope: scope.default("items.read"),
        writeScope: scope.default("items.write"),
        /** Scope of the machine route (client_credentials tokens); none = no machine route. */
        machineScope: scope.optional(),
        adminGroups: unique(groupName).default(["admins"]),
        authorizerCacheSeconds: z.number().int().default(300),
        throttlingRateLimit: z.number().default(50),
        throttlingBurstLimit: z.number().int().default(100),
        executionLogLevel: z.enum(["OFF", "ERROR", "INFO"]).default("ERROR"),
        manageCloudWatchRole: z.boolean().default(false),
        memoryMb: z.number().int().default(256),
        timeoutSeconds: z.number().int().default(10),
    })
    .strict();

/**
 * The AppSync GraphQL API over the data table; deployed when the key is present. Query depth:
 * AppSync takes 1-75 nested levels.
 * @see https://docs.aws.amazon.com/appsync/latest/APIReference/API_CreateGraphqlApi.html
 */
export const graphqlApiSchema = z
    .object({
        /** Groups whose members may read any owner's items (the admin query). */
        adminGroups: unique(groupName).default(["admins"]),
        /** Field logs stay on: ERROR, or ALL (every field's resolution). */
        fieldLogLevel: z.enum(["ERROR", "ALL"]).default("ERROR"),
        xrayEnabled: z.boolean().default(false),
        queryDepthLimit: z.number().int().min(1).max(75).default(10),
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

/**
 * Managed-login branding of every OAuth user client: a settings JSON file and image assets,
 * kept in the repository and read at plan time (paths from the project directory).
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AssetType.html
 */
export const managedLoginBrandingSchema = z
    .object({
        settingsFile: nonEmpty,
        assets: z
            .array(
                z
                    .object({
                        category: z.enum(BRANDING_CATEGORIES),
                        colorMode: z.enum(["LIGHT", "DARK", "DYNAMIC"]),
                        file: nonEmpty,
                    })
                    .strict(),
            )
            .max(40)
            .default([]),
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

/** Tag limits of AWS resources; the program adds project, stack and environment to the 50 allowed. */
const tags = z
    .record(
        z
            .string()
            .regex(/^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u, "must be a tag key of 1-128 letters, digits, spaces or _.:/=+-@")
            .refine((k) => !k.toLowerCase().startsWith("aws:"), { message: "must not start with aws: (reserved by AWS)" }),
        z.string().regex(/^[\p{L}\p{Z}\p{N}_.:/=+\-@]{0,256}$/u, "must be a tag value of 0-256 letters, digits, spaces or _.:/=+-@"),
    )
    .refine((t) => Object.keys(t).length <= 47, { message: "must have at most 47 tags (AWS allows 50; the program adds 3)" })
    .default({});

/**
 * Every key of the stack config with its type and default. Keys are flat where the
 * CLI can set them (`pulumi config set`), objects where AWS groups settings.
 */
export const stackConfigShape = {
    environment: z.enum(["dev", "staging", "prod"]),
    protect: z.boolean().default(false),
    deletionProtection: z.boolean().default(false),
    tags,

    usernameAttributes: unique(z.enum(["email", "phone_number"])).default(["email"]),
    aliasAttributes: unique(z.enum(["email", "phone_number", "preferred_username"])).default([]),
    caseSensitiveUsernames: z.boolean().default(false),
    selfSignUp: z.boolean().default(true),
    autoVerifiedAttributes: unique(z.enum(["email", "phone_number"])).default(["email"]),
    // A user pool has at most 50 custom attributes.
    customAttributes: z.array(customAttributeSchema).max(50).default([]),
    userPoolLock: z
        .object({
            usernameAttributes: z.array(z.string()).default([]),
            aliasAttributes: z.array(z.string()).default([]),
            caseSensitiveUsernames: z.boolean().default(false),
            customAttributes: z.array(customAttributeSchema).default([]),
            requiredAttributes: z.array(z.string()).default([]),
        })
        .strict()
        .optional(),

    emailSender: z.enum(["COGNITO", "SES"]).default("COGNITO"),
    sesIdentityArn: nonEmpty.optional(),
    emailFrom: fromAddress.optional(),
    emailReplyTo: email.optional(),
    sesConfigurationSet: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "must be 1-64 letters, digits, _ or -").optional(),
    // VerificationMessageTemplateType: subject 1-140, message 6-20000 characters.
    verificationType: z.enum(["CODE", "LINK"]).default("CODE"),
    verificationEmailSubject: z.string().min(1).max(140).default(DEFAULT_VERIFICATION_EMAIL_SUBJECT),
    verificationEmailMessage: z.string().min(6).max(20000).optional(),

    mfa: z.enum(["OFF", "OPTIONAL", "ON"]).default("OPTIONAL"),
    /** Default: [TOTP], or [] when mfa is OFF (see applyContextDefaults). */
    mfaFactors: unique(z.enum(["TOTP", "SMS", "EMAIL"])).default(["TOTP"]),
    signInFactors: unique(z.enum(["PASSWORD", "EMAIL_OTP", "SMS_OTP", "WEB_AUTHN"])).default(["PASSWORD"]),
    /** WebAuthnConfigurationType.RelyingPartyId: a domain of 1-127 characters. */
    passkeyRelyingPartyId: z.string().max(127).regex(DOMAIN, "must be a lower-case domain name like auth.example.com").optional(),
    passkeyUserVerification: z.enum(["required", "preferred"]).default("preferred"),

    // PasswordPolicyType: length 6-99, history 0-24, temporary passwords 0-365 days.
    passwordMinLength: z.number().int().min(6).max(99).default(12),
    passwordRequireLowercase: z.boolean().default(true),
    passwordRequireUppercase: z.boolean().default(true),
    passwordRequireNumbers: z.boolean().default(true),
    passwordRequireSymbols: z.boolean().default(true),
    passwordHistorySize: z.number().int().min(0).max(24).default(0),
    temporaryPasswordValidityDays: z.number().int().min(0).max(365).default(7),
    // AccountRecoverySettingType: one or two mechanisms.
    accountRecovery: z.array(z.enum(["verified_email", "verified_phone_number", "admin_only"])).min(1).max(2).default(["verified_email"]),

    featurePlan: z.enum(["auto", "LITE", "ESSENTIALS", "PLUS"]).default("auto"),
    threatProtection: z.enum(["OFF", "AUDIT", "ENFORCED"]).default("OFF"),
    threatProtectionCustomAuth: z.enum(["OFF", "AUDIT", "ENFORCED"]).default("OFF"),
    riskConfiguration: riskConfigurationSchema.optional(),

    domainPrefix: nonEmpty.optional(),
    customDomain: nonEmpty.optional(),
    customDomainCertificateArn: nonEmpty.optional(),
    managedLoginVersion: z.literal([1, 2]).default(2),

    groups: z.array(groupSchema).default([]),
    // At most 25 resource servers per user pool.
    resourceServers: z.array(resourceServerSchema).max(25).default([]),
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
    roleMappingRules: z.array(roleMappingRuleSchema).max(MAX_RULES, `must have at most ${MAX_RULES} rules (AWS limit)`).default([]),
    principalTags: z
        .record(z.string(), z.string())
        .refine((t) => Object.keys(t).length <= MAX_PRINCIPAL_TAGS, { message: `must have at most ${MAX_PRINCIPAL_TAGS} tags` })
        .default({}),
    groupRoles: z.union([z.boolean(), unique(nonEmpty)], { error: "must be true (every group), false (none) or a list of group names" }).default(false),
    retainDataOnDelete: z.boolean().default(false),
    /** Days every log group (functions, API access and execution logs) keeps its events; values: validateLogRetention. */
    logRetentionDays: z.number().int().default(30),
    triggers: triggersSchema.prefault({}),
    api: apiSchema.optional(),
    graphqlApi: graphqlApiSchema.optional(),

    // Messages, devices, managed-login branding and required attributes. Lengths and
    // placeholders: validateMessageTemplates; branding files: loadBranding.
    verificationSmsMessage: z.string().optional(),
    invitationMessage: z.object({ emailSubject: z.string().optional(), emailMessage: z.string().optional(), smsMessage: z.string().optional() }).strict().optional(),
    mfaSmsMessage: z.string().optional(),
    deviceTracking: z.object({ challengeRequiredOnNewDevice: z.boolean().default(true), deviceOnlyRememberedOnUserPrompt: z.boolean().default(true) }).strict().optional(),
    requiredAttributes: unique(z.enum(REQUIRABLE_ATTRIBUTES)).default([]),
    managedLoginBranding: managedLoginBrandingSchema.optional(),

    // Operations: log delivery, WAF, alarms, custom-domain DNS, adopting an existing pool.
    logDelivery: logDeliverySchema.prefault({}),
    waf: wafSchema.prefault({}),
    alarms: alarmsSchema.prefault({}),
    /** Route 53 hosted zone of customDomain: alias records (and the certificate when none is given) are created in it. */
    customDomainHostedZoneId: z.string().optional(),
    adoptUserPool: adoptUserPoolSchema.optional(),
};

export type ConfigKey = keyof typeof stackConfigShape;
export const stackConfigSchema = z.object(stackConfigShape).strict();
export type StackConfig = z.output<typeof stackConfigSchema>;

/** How the engine hands a key to the program: text, or JSON text for everything but strings. */
export type KeyKind = "string" | "boolean" | "number" | "list" | "object" | "json";

type Def = { type: string; innerType?: z.ZodType; element?: z.ZodType; shape?: Record<string, z.ZodType>; valueType?: z.ZodType; options?: z.ZodType[] };
function def(schema: z.ZodType): Def {
    return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

/** The schema under default/optional/prefault wrappers. */
export function unwrap(schema: z.ZodType): z.ZodType {
    const d = def(schema);
    return d.innerType !== undefined && ["default", "prefault", "optional", "nullable", "readonly"].includes(d.type) ? unwrap(d.innerType) : schema;
}

export function keyKind(key: ConfigKey): KeyKind {
    const d = def(unwrap(stackConfigShape[key]));
    switch (d.type) {
        case "string":
        case "enum":
            return "string";
        case "boolean":
            return "boolean";
        case "number":
            return "number";
        case "array":
            return "list";
        case "object":
        case "record":
            return "object";
        default:
            return "json";
    }
}

/** The schema of the value a path of the config leads to (`["appClients", 0, "name"]`). */
export function schemaAt(path: readonly PropertyKey[]): z.ZodType | undefined {
    let schema: z.ZodType | undefined = z.object(stackConfigShape);
    for (const p of path) {
        if (schema === undefined) return undefined;
        const d = def(unwrap(schema));
        if (typeof p === "number" && d.type === "array") schema = d.element;
        else if (d.type === "object") schema = d.shape?.[String(p)];
        else if (d.type === "record") schema = d.valueType;
        else return undefined;
    }
    return schema;
}

/** The object keys a path of the config leads to, for "did you mean"; [] where there is no object. */
export function knownKeysAt(path: readonly PropertyKey[]): string[] {
    const schema = schemaAt(path);
    const d = schema === undefined ? undefined : def(unwrap(schema));
    return d?.type === "object" ? Object.keys(d.shape ?? {}) : [];
}

/** Bounds of a number schema, and whether it takes whole numbers only. */
export function numberRange(schema: z.ZodType): { min?: number; max?: number; int: boolean } {
    const checks = (def(unwrap(schema)) as Def & { checks?: { _zod: { def: { check: string; value?: number; format?: string } } }[] }).checks ?? [];
    const out: { min?: number; max?: number; int: boolean } = { int: false };
    for (const c of checks.map((x) => x._zod.def)) {
        if (c.check === "greater_than") out.min = c.value;
        if (c.check === "less_than") out.max = c.value;
        if (c.format === "safeint") out.int = true;
    }
    return out;
}
