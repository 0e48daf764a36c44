import * as pulumi from "@pulumi/pulumi";
import { formatIssue, issue, ValidationIssue } from "../components/issues";
import { decodeKey, describeType, parseKey, qualifiedField } from "./decode";
import { crossFieldIssues, dependsOn } from "./rules";
import { CONFIG_NAMESPACE, ConfigKey, StackConfig, stackConfigShape } from "./schema";
import { isSecretKey, SECRET_KEYS, SecretKey, SET_SECRET } from "./secrets";
import { closest, editDistance } from "./suggest";

export { CONFIG_NAMESPACE, type StackConfig } from "./schema";
export { crossFieldIssues, PROJECT_DIR, providerNames, stackPrivilegedAttributes } from "./rules";
export { SECRET_KEYS } from "./secrets";

/** Keys whose default follows another key (mfa, aliasAttributes): Pulumi.yaml gives them none. */
export const CONTEXT_DEFAULTS = ["mfaFactors", "usernameAttributes"] as const;

export type ParseResult = { ok: true; config: StackConfig } | { ok: false; issues: ValidationIssue[] };

const KEYS = Object.keys(stackConfigShape) as ConfigKey[];
const isKey = (k: string): k is ConfigKey => Object.hasOwn(stackConfigShape, k);

/** A namespace that is ours misspelt (`cognito-stak`, `Cognito-Stack`, `cognito`). */
function misspeltNamespace(ns: string): boolean {
    return ns !== CONFIG_NAMESPACE && (editDistance(ns, CONFIG_NAMESPACE) <= 3 || /cognito/i.test(ns));
}

/** A value as the stack file held it (lists and objects arrive as JSON), for messages. */
function shown(text: string): unknown {
    if (/^\s*[[{]/.test(text)) {
        try {
            return JSON.parse(text) as unknown;
        } catch {
            return text;
        }
    }
    return text;
}

/** AWS's and Pulumi's names for settings that have a key of their own here. */
const ALIASES: Record<string, string> = {
    mfaconfiguration: "mfa",
    userpooltier: "featurePlan",
    advancedsecuritymode: "threatProtection",
    minimumlength: "passwordMinLength",
    allowunauthenticatedidentities: "allowGuests",
    emailsendingaccount: "emailSender",
    sourcearn: "sesIdentityArn",
    fromemailaddress: "emailFrom",
    replytoemailaddress: "emailReplyTo",
    configurationset: "sesConfigurationSet",
    defaultemailoption: "verificationType",
    domain: "domainPrefix",
    certificatearn: "customDomainCertificateArn",
    recoverymechanisms: "accountRecovery",
    userpoolclients: "appClients",
    clients: "appClients",
    schemas: "customAttributes",
    lambdaconfig: "triggers",
    retentionindays: "logRetentionDays",
    relyingpartyid: "passkeyRelyingPartyId",
    userverification: "passkeyUserVerification",
};

/** The key meant by an unknown one, if any. */
function meantKey(name: string): string | undefined {
    // hasOwn: a key named like an Object member (constructor, toString) is no alias.
    const alias = Object.hasOwn(ALIASES, name.toLowerCase()) ? ALIASES[name.toLowerCase()] : undefined;
    return alias ?? closest(name, [...KEYS, ...SECRET_KEYS]);
}

/** The key this project would read for a misspelt one, and what to do about it. */
function unknownKeyFix(name: string): string {
    if (name.toLowerCase() === "region") return "the region is the AWS provider's: pulumi config set aws:region <region>, then pulumi config rm region";
    const key = meantKey(name);
    if (key === undefined) return `remove it (pulumi config rm ${name}); the README's Configuration section lists every key`;
    if (isSecretKey(key)) return `did you mean ${key}? set it encrypted: ${SET_SECRET[key]}, then pulumi config rm ${name}`;
    return `did you mean ${key}? rename it in Pulumi.<stack>.yaml (or pulumi config rm ${name} and pulumi config set ${key} <value>)`;
}

/**
 * Parses and validates the whole stack config: the engine's config (`{"cognito-stack:mfa": "ON"}`,
 * lists and objects as JSON text) in, every problem out, each naming its key, the rule, the
 * value received and a fix. `secretKeys` are the keys the engine marks secret (from `secure:`
 * values); when given, a provider secret that is not one is refused.
 */
export function parseStackConfig(bag: Record<string, string>, secretKeys?: readonly string[]): ParseResult {
    const prefix = `${CONFIG_NAMESPACE}:`;
    const isSecret = (k: string) => secretKeys?.includes(`${prefix}${k}`) === true || secretKeys?.includes(k) === true;
    const perKey = new Map<ConfigKey, ValidationIssue[]>();
    const elsewhere: ValidationIssue[] = [];
    const bad = new Set<string>();
    /** Inside keys that kept a value: the settings reported. */
    const badPaths: string[] = [];
    const values: Partial<Record<ConfigKey, unknown>> = {};
    const given = new Set<ConfigKey>();
    const secrets: Partial<Record<SecretKey, string>> = {};

    for (const [full, text] of Object.entries(bag)) {
        const colon = full.indexOf(":");
        if (colon < 0) continue;
        const ns = full.slice(0, colon);
        const name = full.slice(colon + 1);
        if (ns !== CONFIG_NAMESPACE) {
            if (misspeltNamespace(ns)) {
                const key = isKey(name) || isSecretKey(name) ? name : meantKey(name);
                // The key meant is unknown: rules across keys must not judge its default.
                if (key !== undefined) bad.add(key);
                elsewhere.push(
                    issue(
                        full,
                        `is in the namespace ${ns}, which this program does not read (its keys are ${CONFIG_NAMESPACE}:<key>)`,
                        isSecret(full) || isSecretKey(name) ? "[secret]" : shown(text),
                        `did you mean ${CONFIG_NAMESPACE}:${key ?? name}? rename the key in Pulumi.<stack>.yaml (inside this project, ${key ?? name} alone is enough)`,
                    ),
                );
            }
            continue;
        }
        if (isSecretKey(name)) {
            secrets[name] = text;
            continue;
        }
        if (!isKey(name)) {
            const secretLike = isSecret(full) || /secret|private_?key/i.test(name);
            const meant = meantKey(name);
            if (meant !== undefined) bad.add(meant);
            elsewhere.push(issue(name, "is not a setting of this program", secretLike ? "[secret]" : shown(text), unknownKeyFix(name)));
            continue;
        }
        given.add(name);
        const decoded = decodeKey(name, text);
        if (!decoded.ok) {
            perKey.set(name, [decoded.issue]);
            bad.add(name);
            continue;
        }
        const result = parseKey(name, decoded.value);
        perKey.set(name, result.issues);
        if (result.data !== undefined) values[name] = result.data;
        if (result.issues.length > 0) {
            bad.add(name);
            badPaths.push(...(result.data !== undefined ? result.badPaths : [name]));
        }
    }

    if (!given.has("environment")) {
        perKey.set("environment", [issue("environment", "is required", undefined, "pulumi config set environment dev (or staging, prod): it decides how strict the stack is")]);
        bad.add("environment");
    }
    // Defaults that follow another key: no MFA factor with MFA off, no username attributes with aliases.
    if (!given.has("mfaFactors") && values.mfa === "OFF") values.mfaFactors = [];
    if (!given.has("usernameAttributes") && Array.isArray(values.aliasAttributes) && values.aliasAttributes.length > 0) values.usernameAttributes = [];

    const config = Object.fromEntries(
        KEYS.map((k) => {
            if (k in values) return [k, values[k]];
            const d = stackConfigShape[k].safeParse(undefined);
            return [k, d.success ? d.data : k === "environment" ? "dev" : undefined];
        }),
    ) as StackConfig;

    const checked = checkSecrets(secrets, secretKeys === undefined ? undefined : isSecret);
    checked.bad.forEach((k) => bad.add(k));

    const region = bag["aws:region"];
    const cross = crossFieldIssues(config, {
        secrets: { google: secrets.googleClientSecret !== undefined, facebook: secrets.facebookAppSecret !== undefined, apple: secrets.applePrivateKey !== undefined, oidcSecretNames: checked.oidcSecretNames },
        region,
    }).filter((i) => !judgesReported(i.field, bad, badPaths));

    const issues = [...KEYS.flatMap((k) => perKey.get(k) ?? []), ...checked.issues, ...elsewhere, ...cross];
    return issues.length > 0 ? { ok: false, issues } : { ok: true, config };
}

/**
 * The secrets' own problems: plain text where the engine says the key is not secret (`isSecret`
 * undefined: not known, not checked), and values of the wrong shape. Values are never shown.
 */
function checkSecrets(secrets: Partial<Record<SecretKey, string>>, isSecret: ((k: string) => boolean) | undefined): { issues: ValidationIssue[]; bad: SecretKey[]; oidcSecretNames: string[] } {
    const issues: ValidationIssue[] = [];
    const bad: SecretKey[] = [];
    let oidcSecretNames: string[] = [];
    for (const k of SECRET_KEYS) {
        const text = secrets[k];
        if (text === undefined) continue;
        const value = shown(text);
        const problem =
            k === "oidcClientSecrets"
                ? oidcSecretsProblem(value)
                : text === ""
                  ? "must not be empty"
                  : typeof value === "object"
                    ? `must be text, not ${describeType(value)}`
                    : undefined;
        if (isSecret !== undefined && !isSecret(k)) {
            issues.push(issue(k, "must be encrypted (secure: in the stack file), not plain text", "[plain text, not shown]", `${SET_SECRET[k]}; then rotate it, as the plain value is in the file's history`));
        }
        if (problem !== undefined) issues.push(issue(k, problem, "[secret]", SET_SECRET[k]));
        if (problem !== undefined || (isSecret !== undefined && !isSecret(k))) bad.push(k);
        if (k === "oidcClientSecrets" && problem === undefined) oidcSecretNames = Object.keys(value as object);
    }
    return { issues, bad, oidcSecretNames };
}

/** What is wrong with the OIDC secrets' map: its type, or the providers whose secret is empty or not text. */
function oidcSecretsProblem(value: unknown): string | undefined {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return `must be a map of OIDC provider name to client secret, not ${describeType(value)}`;
    const without = Object.entries(value).filter(([, v]) => typeof v !== "string" || v === "").map(([name]) => name);
    return without.length === 0 ? undefined : `must map each OIDC provider name to its client secret as text; ${without.join(", ")} ${without.length === 1 ? "has" : "have"} an empty or non-text value`;
}

/** The element or setting a field belongs to: `appClients[0]`, `triggers.postConfirmation`, `mfa`. */
function unit(field: string): string {
    return /^[A-Za-z]+(\[\d+\]|\.[A-Za-z]+)?/.exec(field)?.[0] ?? field;
}

/**
 * Whether a problem found across keys rests on something already reported: another key it
 * depends on, or, in its own key, the same setting or list item.
 */
function judgesReported(field: string, bad: ReadonlySet<string>, badPaths: readonly string[]): boolean {
    const [own, ...others] = dependsOn(field);
    if (others.some((k) => k !== own && bad.has(k))) return true;
    if (!bad.has(own)) return false;
    const mine = badPaths.filter((p) => topKey(p) === own);
    // A key reported as a whole, or left without a value, judges nothing of its own.
    if (mine.length === 0 || mine.includes(own)) return true;
    const within = (inner: string, outer: string) => inner === outer || inner.startsWith(`${outer}.`) || inner.startsWith(`${outer}[`);
    return mine.some((p) => within(field, p) || within(p, field) || unit(p) === unit(field));
}

const topKey = (field: string) => /^[A-Za-z]+/.exec(field)?.[0] ?? field;

/** One line of the report: the fully qualified key, the rule, the value received and the fix. */
export function formatConfigIssue(i: ValidationIssue): string {
    return formatIssue({ ...i, field: qualifiedField(i.field) });
}

/** The engine's secret keys; the language host passes them beside the config. */
function engineSecretKeys(keys: readonly string[]): string[] | undefined {
    // Exported by the runtime but left out of its typings (test/config pins that it exists).
    const isConfigSecret = (pulumi.runtime as unknown as { isConfigSecret?: (k: string) => boolean }).isConfigSecret;
    return typeof isConfigSecret === "function" ? keys.filter((k) => isConfigSecret(k)) : undefined;
}

/** Reads the stack config from the engine; a bad config ends the program before any resource exists. */
export function loadStackConfig(): StackConfig {
    const bag = pulumi.runtime.allConfig();
    const result = parseStackConfig(bag, engineSecretKeys(Object.keys(bag)));
    if (!result.ok) {
        const n = result.issues.length;
        // RunError: the CLI prints the message alone, without a stack trace.
        throw new pulumi.RunError(`Stack configuration has ${n} problem${n === 1 ? "" : "s"}:\n${result.issues.map((i) => `  - ${formatConfigIssue(i)}`).join("\n")}`);
    }
    return result.config;
}

/** The provider secrets, read with requireSecret so they stay encrypted in state. */
export function loadSecrets(c: StackConfig) {
    const cfg = new pulumi.Config(CONFIG_NAMESPACE);
    return {
        googleClientSecret: c.google ? cfg.requireSecret("googleClientSecret") : undefined,
        facebookAppSecret: c.facebook ? cfg.requireSecret("facebookAppSecret") : undefined,
        applePrivateKey: c.apple ? cfg.requireSecret("applePrivateKey") : undefined,
        oidcClientSecrets: c.oidcProviders.length > 0 ? cfg.requireSecretObject<Record<string, string>>("oidcClientSecrets") : undefined,
    };
}
