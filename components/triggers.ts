import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { DEFAULT_TENANT_ATTRIBUTE } from "../lambdas/preTokenGeneration/config";
import { ALWAYS_PRIVILEGED_ATTRIBUTES } from "../lambdas/shared/attributes";
import { issue, throwIfIssues, ValidationIssue } from "./issues";
import type { LambdaCode, LambdaName } from "./lambdaCode";
import { LambdaFunction, PolicyStatement, physicalName, validateLambdaFunctionArgs } from "./lambdaFunction";
import { SenderKey } from "./senderKey";
import type { UserPoolTriggers } from "./userPool";

/** Cognito waits at most 5 seconds for a trigger, then fails the user's request. */
export const MAX_TRIGGER_TIMEOUT_SECONDS = 5;

const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const EMAIL = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/;
const SES_IDENTITY_ARN = /^arn:aws[\w-]*:ses:[a-z0-9-]+:\d{12}:identity\/(.+)$/;

export interface PreSignUpSettings {
    /** Lower-case email domains allowed to sign up (every source, federated too). @default [] - every domain */
    readonly allowedEmailDomains?: readonly string[];
    /** Link a federated sign-in to the existing user with the same verified email. @default true */
    readonly linkFederatedUsers?: boolean;
    /**
     * Custom attribute (`custom:<name>`) the identity providers map their `email_verified`
     * claim into. `email_verified` itself is privileged and cannot be mapped; with this, a
     * federated email the provider verified is marked verified (and may be linked) by the
     * trigger instead. @default - none: federated emails stay unverified and are never linked
     */
    readonly providerEmailVerifiedAttribute?: string;
}

export interface PostConfirmationSettings {
    /** Address the welcome email comes from, of a verified SES identity. @default - the address in emailFrom */
    readonly senderEmail?: string;
    /** Group every confirmed user joins. @default - none */
    readonly defaultGroup?: string;
    /** Product name in the welcome email. @default - the handler's */
    readonly appName?: string;
}

export interface PreTokenGenerationSettings {
    /** Custom attribute holding the tenant. @default - the handler's, `custom:tenant_id` */
    readonly tenantAttribute?: string;
    /** Claim the tenant is written to. @default - the handler's, `tenant_id` */
    readonly tenantClaim?: string;
    /** Claim listing the user's groups. @default - the handler's, `roles` */
    readonly rolesClaim?: string;
    /** Claims removed from both tokens. @default [] */
    readonly suppressedClaims?: readonly string[];
    /** Scopes added to every access token. @default [] */
    readonly accessTokenScopes?: readonly string[];
    /** Scopes added to the access tokens of a group's members. @default {} */
    readonly scopesByGroup?: Readonly<Record<string, readonly string[]>>;
    /**
     * Event version: V2_0 customizes ID and access tokens of users; V3_0 also the access tokens
     * of machine clients (client credentials). Both need ESSENTIALS or PLUS.
     * @default "V2_0"
     * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-pre-token-generation.html
     */
    readonly version?: "V2_0" | "V3_0";
}

/** Languages of the project's messages (lambdas/shared/templates.ts). */
export const MESSAGE_LANGUAGES = ["en", "de", "fr"] as const;

/** What the message triggers share: the product name and the language of users without a `locale`. */
export interface MessageSettings {
    /** Product name in the messages. @default - the handler's, "our service" */
    readonly appName?: string;
    /** Language of users whose `locale` attribute names none of ours. @default "en" */
    readonly defaultLanguage?: (typeof MESSAGE_LANGUAGES)[number];
}

export interface PreAuthenticationSettings {
    /** Custom attribute holding the tenant. @default - the pre token generation trigger's, else `custom:tenant_id` */
    readonly tenantAttribute?: string;
    /** Tenants whose users may not sign in. @default [] */
    readonly suspendedTenants?: readonly string[];
    /** Custom attribute that suspends a user when an administrator sets it to `true`. @default - none */
    readonly suspendedAttribute?: string;
}

/** Post authentication logs one structured `sign-in` record per sign-in; it takes no settings. */
export type PostAuthenticationSettings = Record<string, never>;

export type CustomMessageSettings = MessageSettings;

export interface CustomEmailSenderSettings extends MessageSettings {
    /** Address the messages come from, of a verified SES identity. @default - the address in emailFrom */
    readonly senderEmail?: string;
}

export interface CustomSmsSenderSettings extends MessageSettings {
    /** Alphanumeric sender id where carriers show one. @default - none */
    readonly senderId?: string;
}

/** The dedicated app client that alone allows the password flow migration needs, for a window of dates. */
export interface MigrationClientSettings {
    /** @default "migration" */
    readonly name?: string;
    /** First day of the window, `YYYY-MM-DD` (UTC). */
    readonly start: string;
    /** Last day of the window, `YYYY-MM-DD` (UTC); at most 366 days after start. */
    readonly end: string;
}

export interface UserMigrationSettings {
    /** Attributes copied from the legacy records. @default - the handler's: email, name, given_name, family_name, locale, phone_number */
    readonly migratedAttributes?: readonly string[];
    /** bcrypt cost of the legacy hashes (4-15): unknown users are checked as slowly. @default 10 */
    readonly bcryptCost?: number;
    /** The migration client and its window. @default - none: migration through managed login and forgot-password only */
    readonly migrationClient?: MigrationClientSettings;
}

/** Passwordless sign-in with a one-time code sent by email, through the custom auth challenge triggers. */
export interface AuthChallengeSettings extends MessageSettings {
    /** Address the codes come from, of a verified SES identity. @default - the address in emailFrom */
    readonly senderEmail?: string;
    /** Wrong codes allowed before the sign-in fails (1-5). @default 3 */
    readonly maxAttempts?: number;
}

export interface TriggersArgs {
    /** Code of each handler. */
    readonly code: LambdaCode;
    /** Each trigger is deployed when its settings are present. @default - none */
    readonly preAuthentication?: PreAuthenticationSettings;
    readonly postAuthentication?: PostAuthenticationSettings;
    readonly customMessage?: CustomMessageSettings;
    readonly userMigration?: UserMigrationSettings;
    readonly customEmailSender?: CustomEmailSenderSettings;
    readonly customSmsSender?: CustomSmsSenderSettings;
    /** One function for defineAuthChallenge, createAuthChallenge and verifyAuthChallengeResponse. */
    readonly authChallenge?: AuthChallengeSettings;
    /** AWS deletion protection on the legacy users table. @default false */
    readonly deletionProtection?: boolean;
    /** Prefix of the functions' physical names. @default - `<project>-<stack>-<name>` */
    readonly namePrefix?: string;
    /** @default 256 */
    readonly memoryMb?: number;
    /**
     * At most 5: Cognito gives up on a trigger after 5 seconds.
     * @default 5
     * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-working-with-lambda-triggers.html
     */
    readonly timeoutSeconds?: number;
    /** Pre sign-up trigger: email-domain allow-list and federated account linking. @default - none */
    readonly preSignUp?: PreSignUpSettings;
    /** Post confirmation trigger: welcome email through SES and the default group. @default - none */
    readonly postConfirmation?: PostConfirmationSettings;
    /** Pre token generation trigger (V2_0: access-token customization, ESSENTIALS or PLUS). @default - none */
    readonly preTokenGeneration?: PreTokenGenerationSettings;

    /** Days the functions' logs are kept. @default 30 */
    readonly logRetentionDays?: number;
    /** The pool's from address, e.g. `Example <no-reply@example.com>`; the welcome email's sender by default. @default - none */
    readonly emailFrom?: string;
    /** SES identity the welcome email is sent through. @default - the sender's address and domain identities in this account and region */
    readonly sesIdentityArn?: string;
    /** SES configuration set for the welcome email. @default - none */
    readonly sesConfigurationSet?: string;
    /**
     * Attributes a self sign-up may not set (see `privilegedAttributes()` in appClients): the
     * pre sign-up trigger refuses a SignUp that sets one. @default - the verification flags only
     */
    readonly privilegedAttributes?: readonly string[];
    /** @default {} */
    readonly tags?: Record<string, string>;
}

/** What the config knows beyond the args: for rules across keys. */
export interface TriggersContext {
    /** Path prefix of the trigger settings in issues, e.g. `triggers.`. @default "" */
    readonly settingsPath?: string;
    /** Group names of the pool. @default - not checked */
    readonly groups?: readonly string[];
    /** Custom attribute names of the pool (without `custom:`). @default - not checked */
    readonly customAttributes?: readonly string[];
    /** User-pool attributes each identity provider maps claims into, by provider name. @default - not checked */
    readonly mappedAttributes?: Readonly<Record<string, readonly string[]>>;
}

/** The attribute pre token generation reads the tenant from, when that trigger is on. */
export function tenantAttributeOf(a: Pick<TriggersArgs, "preTokenGeneration">): string | undefined {
    return a.preTokenGeneration === undefined ? undefined : (a.preTokenGeneration.tenantAttribute ?? DEFAULT_TENANT_ATTRIBUTE);
}

/** The address of `Name <address>` or of a bare address. */
export function addressOf(from: string | undefined): string | undefined {
    if (from === undefined) {
        return undefined;
    }
    return /<([^<>]+)>\s*$/.exec(from)?.[1]?.trim() ?? from.trim();
}

function senderOf(a: Pick<TriggersArgs, "postConfirmation" | "emailFrom">): string | undefined {
    return a.postConfirmation?.senderEmail ?? addressOf(a.emailFrom);
}

/**
 * Attributes pre authentication trusts to suspend users: the tenant attribute (when tenants
 * are suspended) and the suspension attribute. A user who could write them could lift their
 * own suspension, so they are privileged.
 */
export function suspensionAttributesOf(a: Pick<TriggersArgs, "preAuthentication" | "preTokenGeneration">): string[] {
    const pa = a.preAuthentication;
    if (pa === undefined) return [];
    const tenant = (pa.suspendedTenants ?? []).length > 0 ? [pa.tenantAttribute ?? tenantAttributeOf(a) ?? DEFAULT_TENANT_ATTRIBUTE] : [];
    return [...tenant, ...(pa.suspendedAttribute !== undefined ? [pa.suspendedAttribute] : [])];
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Midnight UTC of a `YYYY-MM-DD` day, or undefined when it is not a real day. */
export function utcDay(value: string): number | undefined {
    const m = DAY.exec(value);
    if (m === null) return undefined;
    const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
    return new Date(t).toISOString().slice(0, 10) === value ? t : undefined;
}

/** Whether `now` lies in the window, from the start of its first day to the end of its last (UTC). */
export function migrationWindowOpen(w: MigrationClientSettings, now: Date): boolean {
    const start = utcDay(w.start);
    const end = utcDay(w.end);
    return start !== undefined && end !== undefined && now.getTime() >= start && now.getTime() < end + 86_400_000;
}

/**
 * What to tell whoever plans or deploys outside the window (the client is then not created), or
 * undefined inside it: a window that has ended is config to remove, one to come says when.
 */
export function migrationWindowNote(w: MigrationClientSettings, now: Date): string | undefined {
    if (migrationWindowOpen(w, now)) return undefined;
    const end = utcDay(w.end);
    return end !== undefined && now.getTime() >= end + 86_400_000
        ? `triggers.userMigration.migrationClient: the migration window ended on ${w.end} (UTC), so there is no migration client (a deployed one is deleted): remove migrationClient from the stack config once the app no longer falls back to the password flow`
        : `triggers.userMigration.migrationClient: the migration window opens on ${w.start} (UTC); until then there is no migration client`;
}

/** The rules of the triggers beyond pre sign-up, post confirmation and pre token generation. */
function validateTriggerKinds(a: Omit<TriggersArgs, "code">, ctx: TriggersContext, at: string): ValidationIssue[] {
    const out: ValidationIssue[] = [];
    const customAttribute = (field: string, value: string | undefined, example: string) => {
        if (value === undefined) return;
        const m = /^custom:([A-Za-z0-9_]{1,20})$/.exec(value);
        if (m === null) {
            out.push(issue(field, `must be a custom attribute like ${example}`, value, "prefix the attribute name with custom:"));
        } else if (ctx.customAttributes !== undefined && !ctx.customAttributes.includes(m[1])) {
            out.push(issue(field, "must name a custom attribute of the pool", value, `add ${m[1]} (String, mutable) to customAttributes`));
        }
    };
    const pa = a.preAuthentication;
    if (pa !== undefined) {
        customAttribute(`${at}preAuthentication.tenantAttribute`, pa.tenantAttribute, "custom:tenant_id");
        customAttribute(`${at}preAuthentication.suspendedAttribute`, pa.suspendedAttribute, "custom:suspended");
        if ((pa.suspendedTenants ?? []).length > 0 && pa.tenantAttribute === undefined && tenantAttributeOf(a) === undefined && ctx.customAttributes !== undefined && !ctx.customAttributes.includes("tenant_id")) {
            out.push(issue(`${at}preAuthentication.tenantAttribute`, "must name a custom attribute of the pool (the default custom:tenant_id is not one)", undefined, "add tenant_id to customAttributes or set tenantAttribute"));
        }
        if ((pa.suspendedTenants ?? []).length === 0 && pa.suspendedAttribute === undefined) {
            out.push(issue(`${at}preAuthentication`, "refuses nothing without suspendedTenants or suspendedAttribute", {}, "list the suspended tenants, name a suspension attribute, or remove the trigger"));
        }
        if (pa.suspendedAttribute !== undefined && pa.suspendedAttribute === (pa.tenantAttribute ?? tenantAttributeOf(a) ?? DEFAULT_TENANT_ATTRIBUTE)) {
            out.push(issue(`${at}preAuthentication.suspendedAttribute`, "must differ from the tenant attribute", pa.suspendedAttribute, "use an attribute of its own, e.g. custom:suspended"));
        }
    }
    const client = a.userMigration?.migrationClient;
    if (client !== undefined) {
        const field = `${at}userMigration.migrationClient`;
        const start = utcDay(client.start);
        const end = utcDay(client.end);
        if (start === undefined) out.push(issue(`${field}.start`, "must be a day as YYYY-MM-DD", client.start, "write it like 2026-11-01"));
        if (end === undefined) out.push(issue(`${field}.end`, "must be a day as YYYY-MM-DD", client.end, "write it like 2027-01-31"));
        if (start !== undefined && end !== undefined && end < start) {
            out.push(issue(`${field}.end`, `must not be before start (${client.start})`, client.end, "set the last day of the migration window"));
        } else if (start !== undefined && end !== undefined && end - start > 366 * 86_400_000) {
            out.push(issue(`${field}.end`, "must be at most 366 days after start (the password flow is a stopgap, not a way of signing in)", client.end, "end the window within a year; migrate the rest through forgot-password"));
        }
        if (client.name !== undefined && !/^[\w\s+=,.@-]{1,128}$/.test(client.name)) {
            out.push(issue(`${field}.name`, "must be 1-128 word characters, spaces or +=,.@-", client.name, "use e.g. migration"));
        }
    }
    const cost = a.userMigration?.bcryptCost;
    if (cost !== undefined && (!Number.isInteger(cost) || cost < 4 || cost > 15)) {
        out.push(issue(`${at}userMigration.bcryptCost`, "must be an integer from 4 to 15", cost, "set it to the cost of the legacy hashes, e.g. 10"));
    }
    for (const [key, settings] of [["customEmailSender", a.customEmailSender], ["authChallenge", a.authChallenge]] as const) {
        if (settings === undefined) continue;
        const sender = settings.senderEmail ?? addressOf(a.emailFrom);
        if (sender === undefined) {
            out.push(issue(`${at}${key}.senderEmail`, "is required (the messages need a sender)", undefined, "set it to an address of a verified SES identity, or set emailFrom"));
        } else if (!EMAIL.test(sender)) {
            out.push(issue(`${at}${key}.senderEmail`, "must be an email address", sender, "use e.g. no-reply@example.com"));
        }
    }
    const attempts = a.authChallenge?.maxAttempts;
    if (attempts !== undefined && (!Number.isInteger(attempts) || attempts < 1 || attempts > 5)) {
        out.push(issue(`${at}authChallenge.maxAttempts`, "must be an integer from 1 to 5", attempts, "set it to 3"));
    }
    const senderId = a.customSmsSender?.senderId;
    if (senderId !== undefined && !/^(?=.*[A-Za-z])[A-Za-z0-9]{1,11}$/.test(senderId)) {
        out.push(issue(`${at}customSmsSender.senderId`, "must be 1-11 letters and digits with at least one letter", senderId, "use e.g. Example"));
    }
    return out;
}

export function validateTriggersArgs(a: Omit<TriggersArgs, "code">, ctx: TriggersContext = {}): ValidationIssue[] {
    const at = ctx.settingsPath ?? "";
    const out: ValidationIssue[] = [];
    const timeout = a.timeoutSeconds ?? MAX_TRIGGER_TIMEOUT_SECONDS;
    if (Number.isInteger(timeout) && timeout > MAX_TRIGGER_TIMEOUT_SECONDS) {
        out.push(issue(`${at}timeoutSeconds`, `must be at most ${MAX_TRIGGER_TIMEOUT_SECONDS} (Cognito waits 5 seconds for a trigger)`, timeout, "set it to 5 or less and keep the handlers fast"));
    }
    for (const i of validateLambdaFunctionArgs({ functionName: "f", memoryMb: a.memoryMb, timeoutSeconds: timeout, logRetentionDays: a.logRetentionDays })) {
        out.push({ ...i, field: i.field === "logRetentionDays" ? i.field : `${at}${i.field}` });
    }

    (a.preSignUp?.allowedEmailDomains ?? []).forEach((d, i) => {
        if (!DOMAIN.test(d)) {
            out.push(issue(`${at}preSignUp.allowedEmailDomains[${i}]`, "must be a lower-case domain name", d, "write it like example.com, without @ or a scheme"));
        }
    });
    const carrier = a.preSignUp?.providerEmailVerifiedAttribute;
    if (carrier !== undefined) {
        const field = `${at}preSignUp.providerEmailVerifiedAttribute`;
        const m = /^custom:([A-Za-z0-9_]{1,20})$/.exec(carrier);
        if (m === null) {
            out.push(issue(field, "must be a custom attribute like custom:idp_email_verified", carrier, "prefix the attribute name with custom:"));
        } else if (ctx.customAttributes !== undefined && !ctx.customAttributes.includes(m[1])) {
            out.push(issue(field, "must name a custom attribute of the pool", carrier, `add ${m[1]} (String, mutable) to customAttributes`));
        }
        if ((a.privilegedAttributes ?? []).includes(carrier)) {
            out.push(issue(field, "must not be a privileged attribute (the providers write it through the app clients)", carrier, "use an attribute that nothing else trusts"));
        }
        if (m !== null && ctx.mappedAttributes !== undefined && !Object.values(ctx.mappedAttributes).some((attrs) => attrs.includes(carrier))) {
            out.push(issue(field, "is mapped by no identity provider", carrier, `map the providers' email_verified claim to it, e.g. google.attributeMapping: {"${carrier}": "email_verified"}`));
        }
    }

    const pc = a.postConfirmation;
    if (pc !== undefined) {
        const sender = senderOf(a);
        if (sender === undefined) {
            out.push(issue(`${at}postConfirmation.senderEmail`, "is required (the welcome email needs a sender)", undefined, "set it to an address of a verified SES identity, or set emailFrom"));
        } else if (!EMAIL.test(sender)) {
            out.push(issue(`${at}postConfirmation.senderEmail`, "must be an email address", sender, "use e.g. no-reply@example.com"));
        } else if (a.sesIdentityArn !== undefined) {
            const identity = SES_IDENTITY_ARN.exec(a.sesIdentityArn)?.[1];
            const domain = sender.split("@")[1];
            if (identity !== undefined && identity !== sender && identity !== domain) {
                out.push(issue(`${at}postConfirmation.senderEmail`, `must belong to the SES identity ${identity} (sesIdentityArn)`, sender, `send from an address @${identity}, or point sesIdentityArn at the sender's identity`));
            }
        }
        if (pc.defaultGroup !== undefined && ctx.groups !== undefined && !ctx.groups.includes(pc.defaultGroup)) {
            out.push(issue(`${at}postConfirmation.defaultGroup`, "must name a group of the pool", pc.defaultGroup, `use one of ${ctx.groups.join(", ") || "(none)"} or add the group to groups`));
        }
    }
    if (a.sesConfigurationSet !== undefined && !/^[A-Za-z0-9_-]{1,64}$/.test(a.sesConfigurationSet)) {
        out.push(issue("sesConfigurationSet", "must be 1-64 letters, digits, _ or -", a.sesConfigurationSet, "use the configuration set's name"));
    }

    const pt = a.preTokenGeneration;
    if (pt?.tenantAttribute !== undefined) {
        const m = /^custom:([A-Za-z0-9_]{1,20})$/.exec(pt.tenantAttribute);
        if (m === null) {
            out.push(issue(`${at}preTokenGeneration.tenantAttribute`, "must be a custom attribute like custom:tenant_id", pt.tenantAttribute, "prefix the attribute name with custom:"));
        } else if (ctx.customAttributes !== undefined && !ctx.customAttributes.includes(m[1])) {
            out.push(issue(`${at}preTokenGeneration.tenantAttribute`, "must name a custom attribute of the pool", pt.tenantAttribute, `add ${m[1]} to customAttributes or use one of ${ctx.customAttributes.map((c) => `custom:${c}`).join(", ") || "(none)"}`));
        }
    }
    for (const g of Object.keys(pt?.scopesByGroup ?? {})) {
        if (ctx.groups !== undefined && !ctx.groups.includes(g)) {
            out.push(issue(`${at}preTokenGeneration.scopesByGroup`, `names group ${g}, which is not a group of the pool`, g, "add the group to groups or remove its entry"));
        }
    }
    out.push(...validateTriggerKinds(a, ctx, at));
    return out;
}

/** Comma-joined list, or nothing for an empty one (the handlers treat a missing list as empty). */
function list(name: string, xs: readonly string[] | undefined): Record<string, string> {
    return xs !== undefined && xs.length > 0 ? { [name]: xs.join(",") } : {};
}

function defined(vars: Record<string, string | undefined>): Record<string, string> {
    return Object.fromEntries(Object.entries(vars).filter((e): e is [string, string] => e[1] !== undefined));
}

/**
 * The user pool's trigger functions, one per enabled trigger, each with its own
 * least-privilege role and log group. Pass `userPoolTriggers` to the UserPool (it adds the
 * Cognito invoke permissions), then call `grantPool(pool.arn)`: the roles' pool-scoped
 * permissions can only be added after the pool, which itself names the functions.
 */
export class Triggers extends pulumi.ComponentResource {
    public readonly preSignUp?: LambdaFunction;
    public readonly postConfirmation?: LambdaFunction;
    public readonly preTokenGeneration?: LambdaFunction;
    public readonly preAuthentication?: LambdaFunction;
    public readonly postAuthentication?: LambdaFunction;
    public readonly customMessage?: LambdaFunction;
    public readonly userMigration?: LambdaFunction;
    public readonly customEmailSender?: LambdaFunction;
    public readonly customSmsSender?: LambdaFunction;
    /** defineAuthChallenge, createAuthChallenge and verifyAuthChallengeResponse in one function. */
    public readonly authChallenge?: LambdaFunction;
    /** The custom senders' KMS key; present with a custom sender. */
    public readonly senderKey?: SenderKey;
    /** The legacy users (bcrypt hashes) the migration trigger reads; present with userMigration. */
    public readonly legacyUsersTable?: aws.dynamodb.Table;
    /** The sender key's policy, added by `grantPool`. */
    public keyPolicy?: aws.kms.KeyPolicy;
    /** Every function by trigger name, for alarms and outputs. */
    public readonly functions: Readonly<Record<string, LambdaFunction>>;
    /** For `UserPoolArgs.triggers`. */
    public readonly userPoolTriggers: UserPoolTriggers;
    private readonly settings: Pick<TriggersArgs, "preSignUp" | "postConfirmation">;

    constructor(name: string, args: TriggersArgs, opts?: pulumi.ComponentResourceOptions) {
        super("cognito-stack:cognito:Triggers", name, {}, opts);
        throwIfIssues(`Triggers ${name}`, validateTriggersArgs(args), "TriggersArgs.");
        this.settings = { preSignUp: args.preSignUp, postConfirmation: args.postConfirmation };
        const prefix = args.namePrefix ?? physicalName(pulumi.getProject(), pulumi.getStack(), name);

        const fn = (trigger: LambdaName, description: string, environment: Record<string, pulumi.Input<string>>, statements: PolicyStatement[] = []) =>
            new LambdaFunction(
                `${name}-${trigger}`,
                {
                    functionName: physicalName(prefix, trigger),
                    description,
                    code: args.code(trigger),
                    memoryMb: args.memoryMb,
                    timeoutSeconds: args.timeoutSeconds ?? MAX_TRIGGER_TIMEOUT_SECONDS,
                    environment,
                    statements,
                    logRetentionDays: args.logRetentionDays,
                    tags: args.tags,
                },
                { parent: this },
            );

        if (args.preSignUp !== undefined) {
            const s = args.preSignUp;
            this.preSignUp = fn("preSignUp", "Cognito pre sign-up: privileged attributes, email-domain allow-list, federated account linking", {
                ...list("ALLOWED_EMAIL_DOMAINS", s.allowedEmailDomains),
                LINK_FEDERATED_USERS: String(s.linkFederatedUsers ?? true),
                // The tenant attribute is privileged whoever computed the list.
                ...list("PRIVILEGED_ATTRIBUTES", [...new Set([...ALWAYS_PRIVILEGED_ATTRIBUTES, ...(args.privilegedAttributes ?? []), ...[tenantAttributeOf(args)].filter((t) => t !== undefined)])]),
                ...defined({ PROVIDER_EMAIL_VERIFIED_ATTRIBUTE: s.providerEmailVerifiedAttribute }),
            });
        }

        if (args.postConfirmation !== undefined) {
            const s = args.postConfirmation;
            const sender = senderOf(args) as string;
            this.postConfirmation = fn(
                "postConfirmation",
                "Cognito post confirmation: welcome email and default group",
                defined({ SENDER_EMAIL: sender, DEFAULT_GROUP: s.defaultGroup, APP_NAME: s.appName, SES_CONFIGURATION_SET: args.sesConfigurationSet }),
                [this.sesSendStatement(sender, args.sesIdentityArn, args.sesConfigurationSet)],
            );
        }

        if (args.preTokenGeneration !== undefined) {
            const s = args.preTokenGeneration;
            const scopesByGroup = s.scopesByGroup ?? {};
            // No AWS calls: the role carries the log permissions only.
            this.preTokenGeneration = fn("preTokenGeneration", `Cognito pre token generation (${s.version ?? "V2_0"}): tenant and role claims, scopes`, {
                ...defined({ TENANT_ATTRIBUTE: s.tenantAttribute, TENANT_CLAIM: s.tenantClaim, ROLES_CLAIM: s.rolesClaim }),
                ...list("SUPPRESSED_CLAIMS", s.suppressedClaims),
                ...list("ACCESS_TOKEN_SCOPES", s.accessTokenScopes),
                ...(Object.keys(scopesByGroup).length > 0 ? { SCOPES_BY_GROUP: JSON.stringify(scopesByGroup) } : {}),
            });
        }

        const messages = (m: MessageSettings) => defined({ APP_NAME: m.appName, DEFAULT_LANGUAGE: m.defaultLanguage });

        if (args.preAuthentication !== undefined) {
            const s = args.preAuthentication;
            const tenants = s.suspendedTenants ?? [];
            this.preAuthentication = fn("preAuthentication", "Cognito pre authentication: refuses users of suspended tenants and suspended users", {
                ...(tenants.length > 0 ? { TENANT_ATTRIBUTE: s.tenantAttribute ?? tenantAttributeOf(args) ?? DEFAULT_TENANT_ATTRIBUTE } : {}),
                ...list("SUSPENDED_TENANTS", tenants),
                ...defined({ SUSPENDED_ATTRIBUTE: s.suspendedAttribute }),
            });
        }
        if (args.postAuthentication !== undefined) {
            // A log line per sign-in: the role carries the log permissions only.
            this.postAuthentication = fn("postAuthentication", "Cognito post authentication: a structured sign-in record in the function's log", {});
        }
        if (args.customMessage !== undefined) {
            this.customMessage = fn("customMessage", "Cognito custom message: the project's texts per message and language", messages(args.customMessage));
        }
        if (args.userMigration !== undefined) {
            const s = args.userMigration;
            this.legacyUsersTable = new aws.dynamodb.Table(
                `${name}-legacy-users`,
                {
                    billingMode: "PAY_PER_REQUEST",
                    hashKey: "username",
                    attributes: [{ name: "username", type: "S" }],
                    serverSideEncryption: { enabled: true },
                    pointInTimeRecovery: { enabled: true },
                    deletionProtectionEnabled: args.deletionProtection ?? false,
                    tags: args.tags ?? {},
                },
                { parent: this },
            );
            this.userMigration = fn(
                "userMigration",
                "Cognito user migration: legacy users (bcrypt hashes) moved in at sign-in or password reset",
                { TABLE_NAME: this.legacyUsersTable.name, ...list("MIGRATED_ATTRIBUTES", s.migratedAttributes), ...defined({ BCRYPT_COST: s.bcryptCost?.toString() }) },
                [{ Sid: "ReadLegacyUsers", Effect: "Allow", Action: ["dynamodb:GetItem"], Resource: this.legacyUsersTable.arn }],
            );
        }
        if (args.customEmailSender !== undefined || args.customSmsSender !== undefined) {
            this.senderKey = new SenderKey(`${name}-sender-key`, { tags: args.tags }, { parent: this });
        }
        const decrypt = (): PolicyStatement => ({ Sid: "DecryptCodes", Effect: "Allow", Action: ["kms:Decrypt"], Resource: (this.senderKey as SenderKey).arn });
        if (args.customEmailSender !== undefined) {
            const s = args.customEmailSender;
            const sender = (s.senderEmail ?? addressOf(args.emailFrom)) as string;
            this.customEmailSender = fn(
                "customEmailSender",
                "Cognito custom email sender: decrypts the code and sends the project's message through SES",
                { KEY_ARN: (this.senderKey as SenderKey).arn, ...defined({ SENDER_EMAIL: sender, SES_CONFIGURATION_SET: args.sesConfigurationSet }), ...messages(s) },
                [decrypt(), this.sesSendStatement(sender, args.sesIdentityArn, args.sesConfigurationSet, "SendCodes")],
            );
        }
        if (args.customSmsSender !== undefined) {
            const s = args.customSmsSender;
            this.customSmsSender = fn(
                "customSmsSender",
                "Cognito custom SMS sender: decrypts the code and sends the project's text through SNS",
                { KEY_ARN: (this.senderKey as SenderKey).arn, ...defined({ SMS_SENDER_ID: s.senderId }), ...messages(s) },
                // SMS to a phone number has no resource ARN to scope to (as for the pool's own SMS role).
                [decrypt(), { Sid: "SendSms", Effect: "Allow", Action: ["sns:Publish"], Resource: "*" }],
            );
        }
        if (args.authChallenge !== undefined) {
            const s = args.authChallenge;
            const sender = (s.senderEmail ?? addressOf(args.emailFrom)) as string;
            this.authChallenge = fn(
                "authChallenge",
                "Cognito custom auth challenge: passwordless sign-in with a one-time code by email",
                { ...defined({ SENDER_EMAIL: sender, SES_CONFIGURATION_SET: args.sesConfigurationSet, MAX_ATTEMPTS: s.maxAttempts?.toString() }), ...messages(s) },
                [this.sesSendStatement(sender, args.sesIdentityArn, args.sesConfigurationSet, "SendSignInCodes")],
            );
        }

        this.functions = Object.fromEntries(
            Object.entries({
                preSignUp: this.preSignUp, postConfirmation: this.postConfirmation, preTokenGeneration: this.preTokenGeneration,
                preAuthentication: this.preAuthentication, postAuthentication: this.postAuthentication, customMessage: this.customMessage,
                userMigration: this.userMigration, customEmailSender: this.customEmailSender, customSmsSender: this.customSmsSender, authChallenge: this.authChallenge,
            }).filter((e): e is [string, LambdaFunction] => e[1] !== undefined),
        );
        this.userPoolTriggers = {
            ...(this.preSignUp ? { preSignUp: this.preSignUp.arn } : {}),
            ...(this.postConfirmation ? { postConfirmation: this.postConfirmation.arn } : {}),
            ...(this.preTokenGeneration ? { preTokenGeneration: { lambdaArn: this.preTokenGeneration.arn, version: args.preTokenGeneration?.version ?? "V2_0" } } : {}),
            ...(this.preAuthentication ? { preAuthentication: this.preAuthentication.arn } : {}),
            ...(this.postAuthentication ? { postAuthentication: this.postAuthentication.arn } : {}),
            ...(this.customMessage ? { customMessage: this.customMessage.arn } : {}),
            ...(this.userMigration ? { userMigration: this.userMigration.arn } : {}),
            ...(this.customEmailSender ? { customEmailSender: this.customEmailSender.arn } : {}),
            ...(this.customSmsSender ? { customSmsSender: this.customSmsSender.arn } : {}),
            ...(this.senderKey ? { kmsKeyId: this.senderKey.arn } : {}),
            ...(this.authChallenge
                ? { defineAuthChallenge: this.authChallenge.arn, createAuthChallenge: this.authChallenge.arn, verifyAuthChallengeResponse: this.authChallenge.arn }
                : {}),
        };

        this.registerOutputs({
            functionNames: Object.values(this.functions).map((f) => f.functionName),
        });
    }

    /**
     * SES v2 SendEmail from the sender only: on the configured identity, or else on the
     * sender's address and domain identities in this account and region (SES authorizes the
     * identity the From address belongs to), plus the configuration set when one is used.
     */
    private sesSendStatement(sender: string, identityArn: string | undefined, configurationSet: string | undefined, sid = "SendWelcomeEmail"): PolicyStatement {
        const opts = { parent: this };
        const partition = aws.getPartitionOutput({}, opts).partition;
        const region = aws.getRegionOutput({}, opts).region;
        const account = aws.getCallerIdentityOutput({}, opts).accountId;
        const sesArn = (what: string) => pulumi.interpolate`arn:${partition}:ses:${region}:${account}:${what}`;
        const identities = identityArn !== undefined ? [identityArn] : [sesArn(`identity/${sender.split("@")[1]}`), sesArn(`identity/${sender}`)];
        return {
            Sid: sid,
            Effect: "Allow",
            Action: ["ses:SendEmail"],
            Resource: [...identities, ...(configurationSet !== undefined ? [sesArn(`configuration-set/${configurationSet}`)] : [])],
            Condition: { StringEquals: { "ses:FromAddress": sender } },
        };
    }

    /**
     * Adds the permissions that name the user pool, as role policies created after it:
     * preSignUp lists users (a federated sign-up of a disabled user's address is refused) and
     * links identities (when linking is on), postConfirmation adds users to the default group
     * (when one is set).
     */
    public grantPool(userPoolArn: pulumi.Input<string>): aws.iam.RolePolicy[] {
        const out: aws.iam.RolePolicy[] = [];
        if (this.preSignUp !== undefined) {
            const link = this.settings.preSignUp?.linkFederatedUsers ?? true;
            out.push(
                this.preSignUp.grant("pool", [
                    { Sid: link ? "LinkFederatedUsers" : "FindUsersByEmail", Effect: "Allow", Action: ["cognito-idp:ListUsers", ...(link ? ["cognito-idp:AdminLinkProviderForUser"] : [])], Resource: userPoolArn },
                ]),
            );
        }
        if (this.postConfirmation !== undefined && this.settings.postConfirmation?.defaultGroup !== undefined) {
            out.push(this.postConfirmation.grant("pool", [{ Sid: "AddToDefaultGroup", Effect: "Allow", Action: ["cognito-idp:AdminAddUserToGroup"], Resource: userPoolArn }]));
        }
        if (this.senderKey !== undefined) {
            // The key policy names the pool, which names the key: it comes after both.
            this.keyPolicy = this.senderKey.grant(userPoolArn, [this.customEmailSender, this.customSmsSender].flatMap((f) => (f ? [f.role.arn] : [])));
        }
        return out;
    }
}
