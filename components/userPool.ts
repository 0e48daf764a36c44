import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { issue, throwIfIssues, ValidationIssue } from "./issues";
import { deriveFeaturePlan, FeaturePlan, featurePlanNeeds, unmetNeeds } from "./featurePlan";
import { invitationTemplate, type MessageTemplates, validateMessageTemplates, verificationTemplate } from "./messageTemplates";

/** Trigger names of `lambdaConfig` that take a plain Lambda ARN. */
export const SIMPLE_TRIGGERS = [
    "preSignUp",
    "postConfirmation",
    "preAuthentication",
    "postAuthentication",
    "customMessage",
    "defineAuthChallenge",
    "createAuthChallenge",
    "verifyAuthChallengeResponse",
    "userMigration",
] as const;
export type SimpleTrigger = (typeof SIMPLE_TRIGGERS)[number];

/** Lambda functions the pool invokes; each gets an invoke permission scoped to this pool. */
export type UserPoolTriggers = {
    readonly [K in SimpleTrigger]?: pulumi.Input<string>;
} & {
    /** Pre token generation; V2_0/V3_0 can customize access tokens (ESSENTIALS or PLUS). */
    readonly preTokenGeneration?: { readonly lambdaArn: pulumi.Input<string>; readonly version: "V1_0" | "V2_0" | "V3_0" };
    /** Custom email sender (event version V1_0); needs kmsKeyId. */
    readonly customEmailSender?: pulumi.Input<string>;
    /** Custom SMS sender (event version V1_0); needs kmsKeyId. */
    readonly customSmsSender?: pulumi.Input<string>;
    /** The KMS key Cognito encrypts the custom senders' codes with. */
    readonly kmsKeyId?: pulumi.Input<string>;
};

/** Triggers whose lambdaConfig entry is `{ lambdaArn, lambdaVersion: "V1_0" }`. */
const SENDER_TRIGGERS = ["customEmailSender", "customSmsSender"] as const;

export interface CustomAttribute {
    readonly name: string;
    readonly type: "String" | "Number" | "Boolean" | "DateTime";
    readonly mutable?: boolean;
    readonly minLength?: number;
    readonly maxLength?: number;
    readonly min?: number;
    readonly max?: number;
}

export interface ResourceServerSpec {
    readonly identifier: string;
    readonly name: string;
    readonly scopes?: readonly { readonly name: string; readonly description: string }[];
}

/** What Cognito does at one risk level of adaptive authentication. */
export interface RiskLevelAction {
    readonly action: "NO_ACTION" | "BLOCK" | "MFA_IF_CONFIGURED" | "MFA_REQUIRED";
    /** Email the user about the event (needs notifySourceArn). @default false */
    readonly notify: boolean;
}

/** Adaptive authentication settings; every field has Cognito's default when left out. */
export interface RiskConfiguration {
    /** @default NO_ACTION */
    readonly low: RiskLevelAction;
    /** @default MFA_IF_CONFIGURED */
    readonly medium: RiskLevelAction;
    /** @default MFA_REQUIRED */
    readonly high: RiskLevelAction;
    /** SES identity ARN that sends the "was this you?" emails; needed when any level notifies. */
    readonly notifySourceArn?: string;
    readonly notifyFrom?: string;
    readonly notifyReplyTo?: string;
    /** @default BLOCK */
    readonly compromisedCredentialsAction: "BLOCK" | "NO_ACTION";
    /** @default ["SIGN_IN", "PASSWORD_CHANGE", "SIGN_UP"] */
    readonly compromisedCredentialsEvents: readonly ("SIGN_IN" | "PASSWORD_CHANGE" | "SIGN_UP")[];
    /** CIDR ranges always blocked. @default [] */
    readonly blockedIpRanges: readonly string[];
    /** CIDR ranges risk detection skips. @default [] */
    readonly skippedIpRanges: readonly string[];
}

/** The create-only settings a stack has already deployed; a change to them replaces the pool. */
export interface UserPoolLock {
    readonly usernameAttributes?: readonly string[];
    readonly aliasAttributes?: readonly string[];
    readonly caseSensitiveUsernames?: boolean;
    readonly customAttributes?: readonly CustomAttribute[];
    readonly requiredAttributes?: readonly string[];
}

/** Remembered devices: with device tracking, a remembered device can skip MFA (device SRP). */
export interface DeviceTracking {
    /** Ask for MFA on a device Cognito has not seen. @default true */
    readonly challengeRequiredOnNewDevice?: boolean;
    /** Remember a device only when the user asks (ConfirmDevice + UpdateDeviceStatus); false remembers every device. @default true */
    readonly deviceOnlyRememberedOnUserPrompt?: boolean;
}

/** Message templates: see MessageTemplates (verification, invitation, MFA SMS). */
export interface UserPoolArgs extends MessageTemplates {
    /** Pulumi `protect` on the pool: Pulumi refuses to delete or replace it. @default false */
    readonly protect?: boolean;
    /** AWS deletion protection (ACTIVE) on the pool. @default false */
    readonly deletionProtection?: boolean;
    /** Tags for every taggable child. @default {} */
    readonly tags?: Record<string, string>;

    /**
     * Attributes users sign in with instead of a username (create-only).
     * @default ["email"]
     * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-attributes.html#user-pool-settings-usernames
     */
    readonly usernameAttributes?: readonly ("email" | "phone_number")[];
    /** Attributes users may sign in with besides the username (create-only; excludes usernameAttributes). @default [] */
    readonly aliasAttributes?: readonly ("email" | "phone_number" | "preferred_username")[];
    /** Whether usernames are case sensitive (create-only). @default false */
    readonly caseSensitiveUsernames?: boolean;
    /** Whether users may sign themselves up. @default true */
    readonly selfSignUp?: boolean;
    /** Attributes Cognito verifies by sending a code. @default ["email"] */
    readonly autoVerifiedAttributes?: readonly ("email" | "phone_number")[];
    /** Custom attributes (`custom:<name>`); can be added later, never changed or removed. @default [] */
    readonly customAttributes?: readonly CustomAttribute[];
    /** What this stack has deployed of the create-only settings; a mismatch fails the program. @default - no check */
    readonly userPoolLock?: UserPoolLock;

    /** Who sends email: Cognito's default sender (low quota) or your SES identity. @default "COGNITO" */
    readonly emailSender?: "COGNITO" | "SES";
    /** SES verified identity ARN; required when emailSender is SES. @default - none */
    readonly sesIdentityArn?: pulumi.Input<string>;
    /** From address, e.g. `Example <no-reply@example.com>`; SES only. @default - the SES identity */
    readonly emailFrom?: string;
    /** Reply-to address. @default - none */
    readonly emailReplyTo?: string;
    /** SES configuration set. @default - none */
    readonly sesConfigurationSet?: string;
    /** Device tracking (`deviceConfiguration`). @default - off: no device is remembered */
    readonly deviceTracking?: DeviceTracking;
    /**
     * Standard attributes every user must have at sign-up (schema `required`). Create-only: AWS
     * cannot add or drop a required attribute of an existing pool. @default []
     */
    readonly requiredAttributes?: readonly string[];

    /** MFA: OFF, OPTIONAL (users opt in) or ON (required). @default "OPTIONAL" */
    readonly mfa?: "OFF" | "OPTIONAL" | "ON";
    /** MFA factors offered. EMAIL needs SES and ESSENTIALS; SMS gets an SNS role. @default ["TOTP"] */
    readonly mfaFactors?: readonly ("TOTP" | "SMS" | "EMAIL")[];
    /** First factors for choice-based sign-in; PASSWORD must stay. @default ["PASSWORD"] */
    readonly signInFactors?: readonly ("PASSWORD" | "EMAIL_OTP" | "SMS_OTP" | "WEB_AUTHN")[];
    /** Passkey relying party id (your domain). @default - the user pool domain */
    readonly passkeyRelyingPartyId?: string;
    /** Passkey user verification. @default "preferred" */
    readonly passkeyUserVerification?: "required" | "preferred";

    /** @default 12 @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_PasswordPolicyType.html */
    readonly passwordMinLength?: number;
    /** @default true */
    readonly passwordRequireLowercase?: boolean;
    /** @default true */
    readonly passwordRequireUppercase?: boolean;
    /** @default true */
    readonly passwordRequireNumbers?: boolean;
    /** @default true */
    readonly passwordRequireSymbols?: boolean;
    /** Previous passwords a user may not reuse, 0-24 (ESSENTIALS or PLUS). @default 0 */
    readonly passwordHistorySize?: number;
    /** @default 7 */
    readonly temporaryPasswordValidityDays?: number;
    /** Recovery channels in priority order; admin_only stands alone. @default ["verified_email"] */
    readonly accountRecovery?: readonly ("verified_email" | "verified_phone_number" | "admin_only")[];

    /** LITE, ESSENTIALS or PLUS; `auto` derives the lowest plan the settings need. @default "auto" */
    readonly featurePlan?: "auto" | FeaturePlan;
    /** Threat protection for standard auth (PLUS). @default "OFF" */
    readonly threatProtection?: "OFF" | "AUDIT" | "ENFORCED";
    /** Threat protection for custom auth (PLUS). @default "OFF" */
    readonly threatProtectionCustomAuth?: "OFF" | "AUDIT" | "ENFORCED";
    /** Adaptive authentication per risk level, compromised credentials, IP exceptions. @default - created with defaults when threat protection is on */
    readonly riskConfiguration?: Partial<RiskConfiguration>;

    /** Cognito domain prefix for managed login. @default - no domain */
    readonly domainPrefix?: string;
    /** Custom domain for managed login (needs customDomainCertificateArn). @default - none */
    readonly customDomain?: string;
    /** ACM certificate ARN in us-east-1 for customDomain. @default - none */
    readonly customDomainCertificateArn?: pulumi.Input<string>;
    /** Route 53 zone of customDomain; the stack then creates the certificate when none is given. @default - none */
    readonly customDomainHostedZoneId?: string;
    /** 1 = classic hosted UI, 2 = managed login. @default 2 */
    readonly managedLoginVersion?: 1 | 2;

    /** Resource servers with custom scopes for access tokens. @default [] */
    readonly resourceServers?: readonly ResourceServerSpec[];
    /** Trigger Lambdas. @default - none */
    readonly triggers?: UserPoolTriggers;
}

const RESERVED_DOMAIN_WORDS = ["aws", "amazon", "cognito"];

/** Checks the args against AWS's rules; every problem, not the first only. */
export function validateUserPoolArgs(a: UserPoolArgs): ValidationIssue[] {
    const out: ValidationIssue[] = [];
    const mfa = a.mfa ?? "OPTIONAL";
    const factors = a.mfaFactors ?? ["TOTP"];
    const signIn = a.signInFactors ?? ["PASSWORD"];
    const emailSender = a.emailSender ?? "COGNITO";
    const usernameAttrs = a.usernameAttributes ?? ["email"];
    const aliasAttrs = a.aliasAttributes ?? [];

    if (usernameAttrs.length > 0 && aliasAttrs.length > 0) {
        out.push(issue("aliasAttributes", "cannot be combined with usernameAttributes", aliasAttrs, "use usernameAttributes (sign in with email/phone instead of a username) or aliasAttributes (a username plus aliases), not both"));
    }
    if (mfa === "OFF" && factors.length > 0) {
        out.push(issue("mfaFactors", "must be empty when mfa is OFF (AWS: can't configure MFA factors with MFA off)", factors, "set mfaFactors to [] or set mfa to OPTIONAL or ON"));
    }
    if (mfa !== "OFF" && factors.length === 0) {
        out.push(issue("mfaFactors", `must list at least one factor when mfa is ${mfa}`, factors, 'add "TOTP" (pulumi config set --path mfaFactors[0] TOTP)'));
    }
    if (factors.includes("EMAIL") && emailSender !== "SES") {
        out.push(issue("mfaFactors", "EMAIL needs email sent through SES (AWS rejects email MFA with the Cognito sender)", factors, "set emailSender to SES with sesIdentityArn, or remove EMAIL"));
    }
    if (!signIn.includes("PASSWORD")) {
        out.push(issue("signInFactors", "must include PASSWORD", signIn, "add PASSWORD; passwordless factors come in addition to it"));
    }
    if (signIn.includes("EMAIL_OTP") && emailSender !== "SES") {
        out.push(issue("signInFactors", "EMAIL_OTP needs email sent through SES", signIn, "set emailSender to SES with sesIdentityArn, or remove EMAIL_OTP"));
    }
    if (emailSender === "SES" && a.sesIdentityArn === undefined) {
        out.push(issue("sesIdentityArn", "is required when emailSender is SES", undefined, "set the ARN of a verified SES identity: pulumi config set sesIdentityArn arn:aws:ses:<region>:<account>:identity/<domain>"));
    }
    if (typeof a.sesIdentityArn === "string" && !/^arn:aws[\w-]*:ses:[a-z0-9-]+:\d{12}:identity\/.+$/.test(a.sesIdentityArn)) {
        out.push(issue("sesIdentityArn", "must be an SES identity ARN", a.sesIdentityArn, "use arn:aws:ses:<region>:<account>:identity/<domain or address>"));
    }
    const needsPhone = factors.includes("SMS") || signIn.includes("SMS_OTP") || (a.autoVerifiedAttributes ?? []).includes("phone_number");
    if (needsPhone && !usernameAttrs.includes("phone_number") && !aliasAttrs.includes("phone_number") && !(a.autoVerifiedAttributes ?? []).includes("phone_number")) {
        out.push(issue("autoVerifiedAttributes", "must include phone_number when SMS is used for MFA or sign-in", a.autoVerifiedAttributes ?? ["email"], 'add "phone_number" so users have a verified number'));
    }
    const recovery = a.accountRecovery ?? ["verified_email"];
    if (recovery.includes("admin_only") && recovery.length > 1) {
        out.push(issue("accountRecovery", "admin_only must stand alone", recovery, 'use ["admin_only"] or drop it'));
    }
    if (new Set(recovery).size !== recovery.length) {
        out.push(issue("accountRecovery", "must not repeat a channel", recovery, "list each channel once, in priority order"));
    }
    out.push(...validateMessageTemplates(a));
    // A template Cognito never sends is a mistake in waiting: say what would send it.
    if (a.mfaSmsMessage !== undefined && !(factors.includes("SMS") || signIn.includes("SMS_OTP"))) {
        out.push(issue("mfaSmsMessage", "is never sent: no SMS factor (mfaFactors SMS) or SMS sign-in (signInFactors SMS_OTP) is on", a.mfaSmsMessage, "remove it, or turn SMS MFA or SMS sign-in on"));
    }
    if (a.verificationSmsMessage !== undefined && !(a.autoVerifiedAttributes ?? ["email"]).includes("phone_number")) {
        out.push(issue("verificationSmsMessage", "is never sent: phone numbers are not verified (autoVerifiedAttributes has no phone_number)", a.verificationSmsMessage, "remove it, or add phone_number to autoVerifiedAttributes"));
    }
    out.push(...validateRequiredAttributes(a));
    if ((a.triggers?.customEmailSender !== undefined || a.triggers?.customSmsSender !== undefined) && a.triggers.kmsKeyId === undefined) {
        out.push(issue("triggers.kmsKeyId", "is required with a custom email or SMS sender (Cognito encrypts the codes with it)", undefined, "pass the ARN of a symmetric KMS key whose policy lets Cognito encrypt for this pool"));
    }
    out.push(...validateDomain(a));
    out.push(...validateCustomAttributes(a.customAttributes ?? []));
    out.push(...validateRisk(a));
    out.push(...validateLock(a));

    const needs = featurePlanNeeds({
        ...a,
        preTokenGenerationVersion: a.triggers?.preTokenGeneration?.version,
    });
    const plan = a.featurePlan ?? "auto";
    if (plan !== "auto") {
        for (const n of unmetNeeds(plan, needs)) {
            out.push(issue("featurePlan", `${plan} does not offer ${n.feature} (set by ${n.field}; needs ${n.plan})`, plan, `set featurePlan to ${n.plan} or auto, or turn ${n.field} down`));
        }
    }
    const scopes = new Set<string>();
    for (const [i, rs] of (a.resourceServers ?? []).entries()) {
        if (scopes.has(rs.identifier)) {
            out.push(issue(`resourceServers[${i}].identifier`, "must be unique", rs.identifier, "give each resource server its own identifier"));
        }
        scopes.add(rs.identifier);
    }
    return out;
}

function validateDomain(a: UserPoolArgs): ValidationIssue[] {
    const out: ValidationIssue[] = [];
    const prefix = a.domainPrefix;
    if (prefix !== undefined && a.customDomain !== undefined) {
        out.push(issue("customDomain", "cannot be combined with domainPrefix", a.customDomain, "keep one of domainPrefix and customDomain"));
    }
    if (prefix !== undefined) {
        if (!/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(prefix)) {
            // The fix suggests the received prefix made valid, never another stack's name.
            const valid = prefix.toLowerCase().replace(/[^a-z0-9-]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 63).replace(/-+$/, "") || "auth";
            out.push(issue("domainPrefix", "must be 1-63 lowercase letters, digits and hyphens, not starting or ending with a hyphen", prefix, `e.g. pulumi config set domainPrefix ${valid}`));
        }
        const bad = RESERVED_DOMAIN_WORDS.filter((w) => prefix.includes(w));
        if (bad.length > 0) {
            out.push(issue("domainPrefix", `must not contain ${bad.join(" or ")} (reserved by AWS)`, prefix, "choose a prefix without aws, amazon or cognito"));
        }
    }
    if (a.customDomain !== undefined) {
        if (!/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(a.customDomain)) {
            out.push(issue("customDomain", "must be a fully qualified lowercase domain name", a.customDomain, "e.g. auth.example.com"));
        }
        const cert = a.customDomainCertificateArn;
        if (cert === undefined && a.customDomainHostedZoneId === undefined) {
            out.push(issue("customDomainCertificateArn", "is required with customDomain", undefined, "issue an ACM certificate in us-east-1 for the domain and set its ARN, or set customDomainHostedZoneId and the stack creates one"));
        } else if (typeof cert === "string" && !/^arn:aws[\w-]*:acm:us-east-1:\d{12}:certificate\/.+$/.test(cert)) {
            out.push(issue("customDomainCertificateArn", "must be an ACM certificate ARN in us-east-1 (CloudFront serves the domain)", cert, "request or import the certificate in us-east-1 and use its ARN"));
        }
    }
    return out;
}

/** Standard attributes a pool can require (the verification flags and updated_at are Cognito's to set). */
export const REQUIRABLE_ATTRIBUTES: readonly [string, ...string[]] = [
    "address", "birthdate", "email", "family_name", "gender", "given_name", "locale", "middle_name", "name",
    "nickname", "phone_number", "picture", "preferred_username", "profile", "website", "zoneinfo",
];

function validateRequiredAttributes(a: UserPoolArgs): ValidationIssue[] {
    const out: ValidationIssue[] = [];
    for (const attribute of a.requiredAttributes ?? []) {
        if (!REQUIRABLE_ATTRIBUTES.includes(attribute)) {
            out.push(issue("requiredAttributes", `names ${attribute}, which is not a standard attribute a pool can require`, a.requiredAttributes, `use ${REQUIRABLE_ATTRIBUTES.join(", ")}; custom attributes cannot be required`));
        }
    }
    return out;
}

/** The schema entry of a required standard attribute (AWS's own constraints, so nothing drifts). */
export function requiredSchemaEntry(name: string): aws.types.input.cognito.UserPoolSchema {
    return { name, attributeDataType: "String", mutable: true, required: true, developerOnlyAttribute: false, stringAttributeConstraints: { minLength: "0", maxLength: "2048" } };
}

function validateCustomAttributes(attrs: readonly CustomAttribute[]): ValidationIssue[] {
    const out: ValidationIssue[] = [];
    const seen = new Set<string>();
    attrs.forEach((attr, i) => {
        const f = `customAttributes[${i}]`;
        if (seen.has(attr.name)) {
            out.push(issue(`${f}.name`, "must be unique", attr.name, "remove the duplicate"));
        }
        seen.add(attr.name);
        if (attr.type !== "String" && (attr.minLength !== undefined || attr.maxLength !== undefined)) {
            out.push(issue(f, "minLength/maxLength apply to String attributes only", attr, "remove them or make the type String"));
        }
        if (attr.type !== "Number" && (attr.min !== undefined || attr.max !== undefined)) {
            out.push(issue(f, "min/max apply to Number attributes only", attr, "remove them or make the type Number"));
        }
        if (attr.minLength !== undefined && attr.maxLength !== undefined && attr.minLength > attr.maxLength) {
            out.push(issue(f, "minLength must not exceed maxLength", attr, "swap or correct the bounds"));
        }
        if (attr.min !== undefined && attr.max !== undefined && attr.min > attr.max) {
            out.push(issue(f, "min must not exceed max", attr, "swap or correct the bounds"));
        }
    });
    return out;
}

function validateRisk(a: UserPoolArgs): ValidationIssue[] {
    const out: ValidationIssue[] = [];
    const risk = a.riskConfiguration;
    if (risk === undefined) {
        return out;
    }
    if ((a.threatProtection ?? "OFF") === "OFF") {
        out.push(issue("riskConfiguration", "needs threatProtection AUDIT or ENFORCED (AWS ignores risk settings otherwise)", a.threatProtection ?? "OFF", "set threatProtection to ENFORCED (or AUDIT), or remove riskConfiguration"));
    }
    const notifies = [risk.low, risk.medium, risk.high].some((l) => l?.notify === true);
    if (notifies && risk.notifySourceArn === undefined) {
        out.push(issue("riskConfiguration.notifySourceArn", "is required when any risk level notifies users", undefined, "set the ARN of a verified SES identity that sends the notifications"));
    }
    for (const range of [...(risk.blockedIpRanges ?? []), ...(risk.skippedIpRanges ?? [])]) {
        if (!isCidr(range)) {
            out.push(issue("riskConfiguration", "IP ranges must be CIDR blocks", range, "write ranges like 203.0.113.0/24 or 2001:db8::/32"));
        }
    }
    return out;
}

function validateLock(a: UserPoolArgs): ValidationIssue[] {
    const lock = a.userPoolLock;
    if (lock === undefined) {
        return [];
    }
    const out: ValidationIssue[] = [];
    const replaceFix = "these settings are create-only: changing them replaces the user pool and deletes every user. Restore the locked value; to migrate users to a new pool on purpose, change userPoolLock too";
    const same = (x: readonly string[] = [], y: readonly string[] = []) => [...x].sort().join(",") === [...y].sort().join(",");
    if (!same(a.usernameAttributes ?? ["email"], lock.usernameAttributes)) {
        out.push(issue("usernameAttributes", `differs from userPoolLock (${JSON.stringify(lock.usernameAttributes ?? [])})`, a.usernameAttributes ?? ["email"], replaceFix));
    }
    if (!same(a.aliasAttributes ?? [], lock.aliasAttributes)) {
        out.push(issue("aliasAttributes", `differs from userPoolLock (${JSON.stringify(lock.aliasAttributes ?? [])})`, a.aliasAttributes ?? [], replaceFix));
    }
    if ((a.caseSensitiveUsernames ?? false) !== (lock.caseSensitiveUsernames ?? false)) {
        out.push(issue("caseSensitiveUsernames", `differs from userPoolLock (${String(lock.caseSensitiveUsernames ?? false)})`, a.caseSensitiveUsernames ?? false, replaceFix));
    }
    if (!same(a.requiredAttributes ?? [], lock.requiredAttributes)) {
        out.push(issue("requiredAttributes", `differs from userPoolLock (${JSON.stringify(lock.requiredAttributes ?? [])}); AWS cannot add or drop a required attribute of an existing pool`, a.requiredAttributes ?? [], "restore the locked list; to require an attribute of existing users, collect it in the app and keep it optional in the pool"));
    }
    for (const locked of lock.customAttributes ?? []) {
        const now = (a.customAttributes ?? []).find((c) => c.name === locked.name);
        if (now === undefined || JSON.stringify(schemaEntry(now)) !== JSON.stringify(schemaEntry(locked))) {
            out.push(issue("customAttributes", `changes or removes custom:${locked.name}, which userPoolLock records as deployed`, now, "custom attributes can be added but never changed or removed; restore it as locked"));
        }
    }
    return out;
}

function isCidr(s: string): boolean {
    const [ip, bits, ...rest] = s.split("/");
    if (rest.length > 0 || bits === undefined || !/^\d{1,3}$/.test(bits)) {
        return false;
    }
    const ipv4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
    if (ipv4) {
        return ipv4.slice(1).every((o) => Number(o) <= 255) && Number(bits) <= 32;
    }
    return /^[0-9a-f:]+$/i.test(ip) && ip.includes(":") && Number(bits) <= 128;
}

/** The schema entry AWS stores for a custom attribute. */
export function schemaEntry(attr: CustomAttribute): aws.types.input.cognito.UserPoolSchema {
    return {
        name: attr.name,
        attributeDataType: attr.type,
        mutable: attr.mutable ?? true,
        developerOnlyAttribute: false,
        required: false,
        ...(attr.type === "String"
            ? { stringAttributeConstraints: { minLength: String(attr.minLength ?? 0), maxLength: String(attr.maxLength ?? 2048) } }
            : {}),
        ...(attr.type === "Number" && (attr.min !== undefined || attr.max !== undefined)
            ? { numberAttributeConstraints: { minValue: attr.min?.toString(), maxValue: attr.max?.toString() } }
            : {}),
    };
}

/**
 * A Cognito user pool with sign-up/sign-in, MFA, passwordless and passkeys, password and
 * recovery policy, the feature plan, threat protection with its risk configuration, resource
 * servers, a managed-login domain and trigger Lambdas.
 */
export class UserPool extends pulumi.ComponentResource {
    public readonly pool: aws.cognito.UserPool;
    public readonly userPoolId: pulumi.Output<string>;
    public readonly userPoolArn: pulumi.Output<string>;
    /** `cognito-idp.<region>.amazonaws.com/<poolId>` */
    public readonly endpoint: pulumi.Output<string>;
    /** The `iss` of the pool's tokens. */
    public readonly issuerUrl: pulumi.Output<string>;
    /** The feature plan in force (derived when `auto`). */
    public readonly featurePlan: FeaturePlan;
    public readonly domain?: aws.cognito.UserPoolDomain;
    /** Managed-login base URL, e.g. `https://<prefix>.auth.<region>.amazoncognito.com`. */
    public readonly hostedUiUrl?: pulumi.Output<string>;
    /** The CloudFront distribution a custom domain must point at; absent without a custom domain. */
    public readonly cloudFrontTarget?: { readonly domainName: pulumi.Output<string>; readonly zoneId: pulumi.Output<string> };
    public readonly resourceServers: aws.cognito.ResourceServer[];
    /** Every custom scope as `<identifier>/<scope>`. */
    public readonly customScopes: string[];
    public readonly riskConfiguration?: aws.cognito.RiskConfiguration;
    public readonly smsRole?: aws.iam.Role;
    public readonly triggerPermissions: aws.lambda.Permission[];

    constructor(name: string, args: UserPoolArgs, opts?: pulumi.ComponentResourceOptions) {
        super("cognito-stack:cognito:UserPool", name, {}, opts);
        throwIfIssues(`UserPool ${name}`, validateUserPoolArgs(args), "UserPoolArgs.");

        const mfa = args.mfa ?? "OPTIONAL";
        const factors = mfa === "OFF" ? [] : (args.mfaFactors ?? ["TOTP"]);
        const signIn = args.signInFactors ?? ["PASSWORD"];
        const threat = args.threatProtection ?? "OFF";
        const threatCustom = args.threatProtectionCustomAuth ?? "OFF";
        const emailSender = args.emailSender ?? "COGNITO";
        const autoVerified = args.autoVerifiedAttributes ?? ["email"];
        const tags = args.tags ?? {};
        const needs = featurePlanNeeds({ ...args, preTokenGenerationVersion: args.triggers?.preTokenGeneration?.version });
        this.featurePlan = (args.featurePlan ?? "auto") === "auto" ? deriveFeaturePlan(needs) : (args.featurePlan as FeaturePlan);

        const usesSms = factors.includes("SMS") || signIn.includes("SMS_OTP") || autoVerified.includes("phone_number");
        let smsConfiguration: aws.types.input.cognito.UserPoolSmsConfiguration | undefined;
        if (usesSms) {
            // Cognito assumes this role to publish SMS; the external id pins it to this stack.
            const externalId = `${pulumi.getProject()}-${pulumi.getStack()}-${name}`;
            this.smsRole = new aws.iam.Role(
                `${name}-sms-role`,
                {
                    description: "Lets Cognito send SMS through SNS for this user pool",
                    assumeRolePolicy: JSON.stringify({
                        Version: "2012-10-17",
                        Statement: [
                            {
                                Effect: "Allow",
                                Principal: { Service: "cognito-idp.amazonaws.com" },
                                Action: "sts:AssumeRole",
                                Condition: { StringEquals: { "sts:ExternalId": externalId } },
                            },
                        ],
                    }),
                    inlinePolicies: [
                        {
                            name: "sns-publish",
                            // SMS to phone numbers has no resource ARN to scope to.
                            policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sns:Publish", Resource: "*" }] }),
                        },
                    ],
                    tags,
                },
                { parent: this },
            );
            smsConfiguration = { externalId, snsCallerArn: this.smsRole.arn };
        }

        const customAttributes = args.customAttributes ?? [];
        const lambdaConfig = triggerConfig(args.triggers);
        const risk = args.riskConfiguration;

        this.pool = new aws.cognito.UserPool(
            name,
            {
                userPoolTier: this.featurePlan,
                deletionProtection: args.deletionProtection ? "ACTIVE" : "INACTIVE",
                usernameAttributes: nonEmpty(args.usernameAttributes ?? ["email"]),
                aliasAttributes: nonEmpty(args.aliasAttributes ?? []),
                usernameConfiguration: { caseSensitive: args.caseSensitiveUsernames ?? false },
                autoVerifiedAttributes: [...autoVerified],
                userAttributeUpdateSettings: { attributesRequireVerificationBeforeUpdates: [...autoVerified] },
                adminCreateUserConfig: { allowAdminCreateUserOnly: !(args.selfSignUp ?? true), inviteMessageTemplate: invitationTemplate(args) },
                schemas: nonEmpty([...(args.requiredAttributes ?? []).map(requiredSchemaEntry), ...customAttributes.map(schemaEntry)]),
                emailConfiguration:
                    emailSender === "SES"
                        ? {
                              emailSendingAccount: "DEVELOPER",
                              sourceArn: args.sesIdentityArn,
                              fromEmailAddress: args.emailFrom,
                              replyToEmailAddress: args.emailReplyTo,
                              configurationSet: args.sesConfigurationSet,
                          }
                        : { emailSendingAccount: "COGNITO_DEFAULT", replyToEmailAddress: args.emailReplyTo },
                verificationMessageTemplate: verificationTemplate(args),
                smsAuthenticationMessage: args.mfaSmsMessage,
                deviceConfiguration:
                    args.deviceTracking !== undefined
                        ? {
                              challengeRequiredOnNewDevice: args.deviceTracking.challengeRequiredOnNewDevice ?? true,
                              deviceOnlyRememberedOnUserPrompt: args.deviceTracking.deviceOnlyRememberedOnUserPrompt ?? true,
                          }
                        : undefined,
                mfaConfiguration: mfa,
                softwareTokenMfaConfiguration: factors.includes("TOTP") ? { enabled: true } : undefined,
                emailMfaConfiguration: factors.includes("EMAIL") ? {} : undefined,
                smsConfiguration,
                signInPolicy: { allowedFirstAuthFactors: [...signIn] },
                webAuthnConfiguration: signIn.includes("WEB_AUTHN")
                    ? { relyingPartyId: args.passkeyRelyingPartyId, userVerification: args.passkeyUserVerification ?? "preferred" }
                    : undefined,
                passwordPolicy: {
                    minimumLength: args.passwordMinLength ?? 12,
                    requireLowercase: args.passwordRequireLowercase ?? true,
                    requireUppercase: args.passwordRequireUppercase ?? true,
                    requireNumbers: args.passwordRequireNumbers ?? true,
                    requireSymbols: args.passwordRequireSymbols ?? true,
                    passwordHistorySize: (args.passwordHistorySize ?? 0) > 0 ? args.passwordHistorySize : undefined,
                    temporaryPasswordValidityDays: args.temporaryPasswordValidityDays ?? 7,
                },
                accountRecoverySetting: {
                    recoveryMechanisms: (args.accountRecovery ?? ["verified_email"]).map((n, i) => ({ name: n, priority: i + 1 })),
                },
                userPoolAddOns:
                    threat !== "OFF" || threatCustom !== "OFF"
                        ? {
                              advancedSecurityMode: threat,
                              advancedSecurityAdditionalFlows: threatCustom !== "OFF" ? { customAuthMode: threatCustom } : undefined,
                          }
                        : undefined,
                lambdaConfig,
                tags,
            },
            { parent: this, protect: args.protect ?? false },
        );

        this.userPoolId = this.pool.id;
        this.userPoolArn = this.pool.arn;
        this.endpoint = this.pool.endpoint;
        this.issuerUrl = pulumi.interpolate`https://${this.pool.endpoint}`;

        this.triggerPermissions = triggerFunctions(args.triggers).map(
            ([trigger, fn]) =>
                new aws.lambda.Permission(
                    `${name}-invoke-${trigger}`,
                    {
                        action: "lambda:InvokeFunction",
                        function: fn,
                        principal: "cognito-idp.amazonaws.com",
                        sourceArn: this.pool.arn,
                    },
                    { parent: this },
                ),
        );

        if (args.domainPrefix !== undefined || args.customDomain !== undefined) {
            const version = args.managedLoginVersion ?? 2;
            // A pool's domain cannot be changed in place: the old one must go before the new one.
            this.domain = new aws.cognito.UserPoolDomain(
                `${name}-domain`,
                {
                    userPoolId: this.pool.id,
                    domain: args.customDomain ?? (args.domainPrefix as string),
                    certificateArn: args.customDomain !== undefined ? args.customDomainCertificateArn : undefined,
                    managedLoginVersion: version,
                },
                { parent: this, deleteBeforeReplace: true },
            );
            if (args.customDomain !== undefined) {
                this.cloudFrontTarget = { domainName: this.domain.cloudfrontDistribution, zoneId: this.domain.cloudfrontDistributionZoneId };
            }
            this.hostedUiUrl =
                args.customDomain !== undefined
                    ? pulumi.output(`https://${args.customDomain}`)
                    : pulumi.interpolate`https://${this.domain.domain}.auth.${aws.getRegionOutput({}, { parent: this }).region}.amazoncognito.com`;
        }

        this.resourceServers = (args.resourceServers ?? []).map(
            (rs) =>
                new aws.cognito.ResourceServer(
                    `${name}-rs-${slug(rs.identifier)}`,
                    {
                        userPoolId: this.pool.id,
                        identifier: rs.identifier,
                        name: rs.name,
                        scopes: (rs.scopes ?? []).map((s) => ({ scopeName: s.name, scopeDescription: s.description })),
                    },
                    { parent: this },
                ),
        );
        this.customScopes = (args.resourceServers ?? []).flatMap((rs) => (rs.scopes ?? []).map((s) => `${rs.identifier}/${s.name}`));

        if (threat !== "OFF") {
            this.riskConfiguration = new aws.cognito.RiskConfiguration(`${name}-risk`, riskArgs(this.pool.id, risk ?? {}), { parent: this });
        }

        this.registerOutputs({
            userPoolId: this.userPoolId,
            userPoolArn: this.userPoolArn,
            endpoint: this.endpoint,
            issuerUrl: this.issuerUrl,
            hostedUiUrl: this.hostedUiUrl,
            featurePlan: this.featurePlan,
        });
    }
}

function nonEmpty<T>(xs: readonly T[]): T[] | undefined {
    return xs.length > 0 ? [...xs] : undefined;
}

/** A name-safe form of an identifier or URL for child resource names. */
export function slug(s: string): string {
    return s
        .replace(/^https?:\/\//, "")
        .replace(/[^A-Za-z0-9]+/g, "-")
        .replace(/^-|-$/g, "")
        .toLowerCase();
}

function triggerFunctions(t: UserPoolTriggers | undefined): [string, pulumi.Input<string>][] {
    if (t === undefined) {
        return [];
    }
    const out: [string, pulumi.Input<string>][] = SIMPLE_TRIGGERS.filter((k) => t[k] !== undefined).map((k) => [k, t[k] as pulumi.Input<string>]);
    if (t.preTokenGeneration !== undefined) {
        out.push(["preTokenGeneration", t.preTokenGeneration.lambdaArn]);
    }
    for (const k of SENDER_TRIGGERS) {
        const arn = t[k];
        if (arn !== undefined) out.push([k, arn]);
    }
    return out;
}

function triggerConfig(t: UserPoolTriggers | undefined): aws.types.input.cognito.UserPoolLambdaConfig | undefined {
    if (t === undefined || triggerFunctions(t).length === 0) {
        return undefined;
    }
    const config: aws.types.input.cognito.UserPoolLambdaConfig = {};
    for (const k of SIMPLE_TRIGGERS) {
        if (t[k] !== undefined) {
            config[k] = t[k];
        }
    }
    if (t.preTokenGeneration !== undefined) {
        config.preTokenGenerationConfig = { lambdaArn: t.preTokenGeneration.lambdaArn, lambdaVersion: t.preTokenGeneration.version };
    }
    for (const k of SENDER_TRIGGERS) {
        const arn = t[k];
        if (arn !== undefined) config[k] = { lambdaArn: arn, lambdaVersion: "V1_0" };
    }
    if (t.kmsKeyId !== undefined) config.kmsKeyId = t.kmsKeyId;
    return config;
}

/** RiskConfiguration args: account takeover per level (with notify), compromised credentials, IP exceptions. */
export function riskArgs(userPoolId: pulumi.Input<string>, r: Partial<RiskConfiguration>): aws.cognito.RiskConfigurationArgs {
    const level = (l: { action: string; notify: boolean } | undefined, action: string) => ({ eventAction: l?.action ?? action, notify: l?.notify ?? false });
    const notifies = [r.low, r.medium, r.high].some((l) => l?.notify === true);
    const blocked = r.blockedIpRanges ?? [];
    const skipped = r.skippedIpRanges ?? [];
    return {
        userPoolId,
        accountTakeoverRiskConfiguration: {
            actions: {
                lowAction: level(r.low, "NO_ACTION"),
                mediumAction: level(r.medium, "MFA_IF_CONFIGURED"),
                highAction: level(r.high, "MFA_REQUIRED"),
            },
            notifyConfiguration: notifies ? { sourceArn: r.notifySourceArn as string, from: r.notifyFrom, replyTo: r.notifyReplyTo } : undefined,
        },
        compromisedCredentialsRiskConfiguration: {
            actions: { eventAction: r.compromisedCredentialsAction ?? "BLOCK" },
            eventFilters: [...(r.compromisedCredentialsEvents ?? ["SIGN_IN", "PASSWORD_CHANGE", "SIGN_UP"])],
        },
        riskExceptionConfiguration:
            blocked.length > 0 || skipped.length > 0
                ? { blockedIpRangeLists: nonEmpty(blocked), skippedIpRangeLists: nonEmpty(skipped) }
                : undefined,
    };
}
