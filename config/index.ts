import * as pulumi from "@pulumi/pulumi";
import { resolveApiScopes, validateApiArgs } from "../components/api";
import { type PrivilegedAttribute, privilegedAttributes, validateAppClients } from "../components/appClients";
import { groupRoleNames, validateIdentityPoolArgs } from "../components/identityPool";
import { mappedAttributesByProvider, validateFederationArgs } from "../components/federation";
import { tenantAttributeOf, validateTriggersArgs } from "../components/triggers";
import { validateGroups } from "../components/userGroups";
import { validateUserPoolArgs } from "../components/userPool";
import { formatIssue, issue, ValidationIssue } from "../components/issues";
import { CONFIG_NAMESPACE, fromZodIssues, STRING_KEYS, StackConfig, stackConfigSchema } from "./schema";
import { operationsIssues } from "./operations";

export { CONFIG_NAMESPACE, type StackConfig } from "./schema";

/** Secret keys, read with requireSecret and never part of the plain config. */
export const SECRET_KEYS = ["googleClientSecret", "facebookAppSecret", "applePrivateKey", "oidcClientSecrets"] as const;

export type ParseResult = { ok: true; config: StackConfig } | { ok: false; issues: ValidationIssue[] };

/**
 * Parses and validates the whole stack config: the raw engine bag (`{"cognito-stack:mfa": "ON"}`,
 * structured values as JSON text) in, every problem out, each naming its key.
 */
export function parseStackConfig(bag: Record<string, string>, secretsPresent: readonly string[] = []): ParseResult {
    const raw: Record<string, unknown> = {};
    const issues: ValidationIssue[] = [];
    const prefix = `${CONFIG_NAMESPACE}:`;
    for (const [fullKey, text] of Object.entries(bag)) {
        if (!fullKey.startsWith(prefix)) {
            continue;
        }
        const key = fullKey.slice(prefix.length);
        if ((SECRET_KEYS as readonly string[]).includes(key)) {
            continue;
        }
        if (STRING_KEYS.has(key)) {
            raw[key] = text;
            continue;
        }
        try {
            raw[key] = JSON.parse(text);
        } catch {
            // An unquoted word for a non-string key is almost always a typo of a known value.
            issues.push(issue(key, "must be valid YAML/JSON of its type", text, "see the README's config reference for the key's type"));
        }
    }
    const parsed = stackConfigSchema.safeParse(raw);
    let config: StackConfig;
    const badKeys = new Set<string>();
    if (parsed.success) {
        config = parsed.data;
    } else {
        issues.push(...fromZodIssues(parsed.error.issues, raw));
        // Check the rules across keys too, on the keys that parsed, so that one run reports everything.
        for (const zi of parsed.error.issues) {
            if (zi.path.length > 0) badKeys.add(String(zi.path[0]));
            if (zi.code === "unrecognized_keys" && zi.path.length === 0) zi.keys.forEach((k) => badKeys.add(k));
        }
        const rest = Object.fromEntries(Object.entries(raw).filter(([k]) => !badKeys.has(k)));
        const retry = stackConfigSchema.safeParse({ environment: "dev", ...rest });
        if (!retry.success) {
            return { ok: false, issues };
        }
        config = retry.data;
    }
    const has = (k: string) => secretsPresent.includes(k) || bag[`${prefix}${k}`] !== undefined;
    let oidcSecretNames: string[] = [];
    try {
        const text = bag[`${prefix}oidcClientSecrets`];
        oidcSecretNames = text === undefined ? [] : Object.keys(JSON.parse(text) as object);
    } catch {
        issues.push(issue("oidcClientSecrets", "must be a map of provider name to secret", "[secret]", "pulumi config set --secret --path 'oidcClientSecrets.<name>' <client secret>"));
    }
    const cross = crossFieldIssues(config, {
        google: has("googleClientSecret"),
        facebook: has("facebookAppSecret"),
        apple: has("applePrivateKey"),
        oidcSecretNames,
    });
    issues.push(...cross.filter((i) => !badKeys.has(/^[A-Za-z]+/.exec(i.field)?.[0] ?? "")));
    return issues.length > 0 ? { ok: false, issues } : { ok: true, config };
}

/** Rules that span keys: the components' own validation, run on the config before any resource exists. */
export function crossFieldIssues(c: StackConfig, secrets: { google: boolean; facebook: boolean; apple: boolean; oidcSecretNames: string[] }): ValidationIssue[] {
    const out: ValidationIssue[] = [];
    if (c.environment === "prod" && !c.protect) {
        out.push(issue("protect", "must be true in prod (a replaced or deleted pool loses every user)", c.protect, "pulumi config set protect true"));
    }
    if (c.environment === "prod" && !c.deletionProtection) {
        out.push(issue("deletionProtection", "must be true in prod", c.deletionProtection, "pulumi config set deletionProtection true"));
    }
    if (c.environment === "prod" && !c.retainDataOnDelete) {
        out.push(issue("retainDataOnDelete", "must be true in prod (the bucket and table hold users' data)", c.retainDataOnDelete, "pulumi config set retainDataOnDelete true"));
    }
    out.push(...validateUserPoolArgs({ ...c, triggers: c.triggers.preTokenGeneration ? { preTokenGeneration: { lambdaArn: "", version: "V2_0" } } : undefined }));
    const federation = validateFederationArgs({
        ...c,
        googleClientSecret: secrets.google ? "present" : undefined,
        facebookAppSecret: secrets.facebook ? "present" : undefined,
        applePrivateKey: secrets.apple ? "present" : undefined,
        oidcSecretNames: secrets.oidcSecretNames,
    });
    out.push(...federation);
    out.push(...validateGroups(c.groups));
    const groups = c.groups.map((g) => g.name);
    out.push(
        ...validateIdentityPoolArgs({
            clientCount: c.appClients.length,
            roleMappingType: c.roleMappingType,
            ambiguousRoleResolution: c.ambiguousRoleResolution,
            roleMappingRules: c.roleMappingRules,
            principalTags: c.principalTags,
            groups,
            groupRoles: groupRoleNames(c.groupRoles, groups),
        }),
    );
    const mappedAttributes = mappedAttributesByProvider(c);
    const privileged = stackPrivilegedAttributes(c);
    out.push(
        ...validateAppClients({
            clients: c.appClients,
            providerNames: providerNames(c),
            customScopes: c.resourceServers.flatMap((rs) => rs.scopes.map((s) => `${rs.identifier}/${s.name}`)),
            hasDomain: c.domainPrefix !== undefined || c.customDomain !== undefined,
            signInFactors: c.signInFactors,
            mappedAttributes,
            privilegedAttributes: privileged,
        }),
    );
    out.push(
        ...validateTriggersArgs(
            {
                ...c.triggers,
                logRetentionDays: c.logRetentionDays,
                emailFrom: c.emailFrom,
                sesIdentityArn: c.sesIdentityArn,
                sesConfigurationSet: c.sesConfigurationSet,
                privilegedAttributes: privileged.map((p) => p.attribute),
            },
            { settingsPath: "triggers.", groups, customAttributes: c.customAttributes.map((a) => a.name), mappedAttributes },
        ),
    );
    if (c.api !== undefined) {
        const apiIssues = validateApiArgs(
            { ...c.api, ...resolveApiScopes(c.api, c.resourceServers), logRetentionDays: c.logRetentionDays },
            { settingsPath: "api.", groups, customScopes: c.resourceServers.flatMap((rs) => rs.scopes.map((s) => `${rs.identifier}/${s.name}`)) },
        );
        if (c.api.resourceServer !== undefined && !c.resourceServers.some((rs) => rs.identifier === c.api?.resourceServer)) {
            out.push(issue("api.resourceServer", "must be the identifier of a resource server in resourceServers", c.api.resourceServer, `use one of ${c.resourceServers.map((rs) => rs.identifier).join(", ") || "(none: add one to resourceServers)"}`));
        }
        // Scope problems are reported against the keys the scopes are made of.
        out.push(...apiIssues.map((i) => (/^api\.(read|write)Scopes$/.test(i.field) ? { ...i, field: i.field.replace(/Scopes$/, "Scope") } : i)));
    }
    out.push(...operationsIssues(c, { providerNames: providerNames(c) }));
    // logRetentionDays is checked by both components; report it once.
    return out.filter((i, n) => out.findIndex((o) => formatIssue(o) === formatIssue(i)) === n);
}

/** The stack's privileged attributes: only administrators and triggers may write them. */
export function stackPrivilegedAttributes(c: StackConfig): PrivilegedAttribute[] {
    return privilegedAttributes({ tenantAttribute: tenantAttributeOf(c.triggers), principalTags: c.principalTags, roleMappingRules: c.roleMappingRules });
}

/** Provider names in the order the Federation component creates them. */
export function providerNames(c: StackConfig): string[] {
    return [
        ...(c.google ? ["Google"] : []),
        ...(c.facebook ? ["Facebook"] : []),
        ...(c.apple ? ["SignInWithApple"] : []),
        ...c.samlProviders.map((p) => p.name),
        ...c.oidcProviders.map((p) => p.name),
    ];
}

/** Reads the stack config from the engine; a bad config ends the program before any resource exists. */
export function loadStackConfig(): StackConfig {
    const result = parseStackConfig(pulumi.runtime.allConfig());
    if (!result.ok) {
        const n = result.issues.length;
        // RunError: the CLI prints the message alone, without a stack trace.
        throw new pulumi.RunError(
            `Stack configuration has ${n} problem${n === 1 ? "" : "s"}:\n${result.issues.map((i) => `  - ${formatIssue(i, `${CONFIG_NAMESPACE}:`)}`).join("\n")}`,
        );
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
