/**
 * Rules across keys: the components' own validation, run on the config before any resource
 * exists, and the rules that only the whole config can decide. Each problem names the keys it
 * depends on, so that a key already reported as malformed never causes a second, false one.
 */
import * as path from "node:path";
import { resolveApiScopes, validateApiArgs } from "../components/api";
import { loadBranding } from "../components/branding";
import { type PrivilegedAttribute, privilegedAttributes, validateAppClients } from "../components/appClients";
import { mappedAttributesByProvider, validateFederationArgs } from "../components/federation";
import { AUTHENTICATED_ROLE_KEYWORD, groupRoleNames, validateIdentityPoolArgs } from "../components/identityPool";
import { validateGraphqlApiArgs } from "../components/graphqlApi";
import { formatIssue, issue, ValidationIssue } from "../components/issues";
import { suspensionAttributesOf, tenantAttributeOf, validateTriggersArgs } from "../components/triggers";
import { validateGroups } from "../components/userGroups";
import { validateUserPoolArgs } from "../components/userPool";
import { operationsIssues } from "./operations";
import { type ConfigKey, DEFAULT_VERIFICATION_EMAIL_SUBJECT, type StackConfig } from "./schema";
import { closest } from "./suggest";

/** What the config knows besides its own keys. */
export interface RuleContext {
    /** Which provider secrets are set. */
    readonly secrets: { readonly google: boolean; readonly facebook: boolean; readonly apple: boolean; readonly oidcSecretNames: readonly string[] };
    /** `aws:region`, for the managed-login domain in messages. @default us-east-1 */
    readonly region?: string;
}

/**
 * Claims of every ID token of the pool: the standard attributes Cognito keeps for users and the
 * claims it writes itself. Role-mapping rules and principal tags can only match these, the
 * pool's custom attributes, and the claims a pre token generation trigger adds.
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-attributes.html
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-id-token.html
 */
export const ID_TOKEN_CLAIMS: readonly string[] = [
    "address", "birthdate", "email", "email_verified", "family_name", "gender", "given_name", "locale", "middle_name", "name",
    "nickname", "phone_number", "phone_number_verified", "picture", "preferred_username", "profile", "updated_at", "website", "zoneinfo",
    "sub", "aud", "iss", "exp", "iat", "auth_time", "token_use", "event_id", "jti", "origin_jti", "identities",
    "cognito:username", "cognito:groups", "cognito:roles", "cognito:preferred_role",
];

/** Claims the ID tokens of this config carry, and the ones a trigger removes. */
export function tokenClaims(c: StackConfig): { provided: string[]; suppressed: string[] } {
    const pt = c.triggers.preTokenGeneration;
    const added = pt !== undefined ? [pt.tenantClaim ?? "tenant_id", pt.rolesClaim ?? "roles"] : [];
    const suppressed = pt?.suppressedClaims ?? [];
    const provided = [...ID_TOKEN_CLAIMS, ...c.customAttributes.map((a) => `custom:${a.name}`), ...added].filter((x) => !suppressed.includes(x));
    return { provided, suppressed };
}

function claimIssue(field: string, claim: string, c: StackConfig, what: string): ValidationIssue | undefined {
    const { provided, suppressed } = tokenClaims(c);
    if (provided.includes(claim)) return undefined;
    if (suppressed.includes(claim)) {
        return issue(field, `names ${claim}, which triggers.preTokenGeneration.suppressedClaims removes from the tokens, so ${what} never matches`, claim, `remove ${claim} from suppressedClaims or use another claim`);
    }
    const suggestion = closest(claim, provided);
    const custom = /^custom:(.+)$/.exec(claim)?.[1];
    return issue(
        field,
        `names ${claim}, which no attribute or trigger puts in the ID token, so ${what} never matches`,
        claim,
        `${suggestion !== undefined ? `did you mean ${suggestion}? ` : ""}${custom !== undefined ? `add ${custom} to customAttributes, or ` : ""}use a standard claim (email, sub, cognito:groups, ...) or custom:<a name in customAttributes>`,
    );
}

/** Rules only the whole config can decide (the pack checks some of them again after the plan). */
function configRules(c: StackConfig, ctx: RuleContext): ValidationIssue[] {
    const out: ValidationIssue[] = [];
    const prod = c.environment === "prod";
    if (prod && !c.protect) {
        out.push(issue("protect", "must be true in prod (a replaced or deleted pool loses every user)", c.protect, "pulumi config set protect true"));
    }
    if (prod && !c.deletionProtection) {
        out.push(issue("deletionProtection", "must be true in prod", c.deletionProtection, "pulumi config set deletionProtection true"));
    }
    if (prod && !c.retainDataOnDelete) {
        out.push(issue("retainDataOnDelete", "must be true in prod (the bucket and table hold users' data)", c.retainDataOnDelete, "pulumi config set retainDataOnDelete true"));
    }
    if (prod && c.allowGuests) {
        out.push(issue("allowGuests", "must be false in prod (guests get AWS credentials without signing in)", c.allowGuests, "pulumi config set allowGuests false; serve public data without AWS credentials (e.g. through the API)"));
    }

    // A default group is joined by every user who confirms sign-up: it must grant nothing extra.
    const group = c.triggers.postConfirmation?.defaultGroup;
    if (group !== undefined) {
        const why = [
            ...(c.api !== undefined && c.api.adminGroups.includes(group) ? ["api.adminGroups admits it to the admin route"] : []),
            ...(c.graphqlApi !== undefined && c.graphqlApi.adminGroups.includes(group) ? ["graphqlApi.adminGroups admits it to the admin query"] : []),
            ...(Array.isArray(c.groupRoles) && c.groupRoles.includes(group) ? ["groupRoles gives it its own IAM role"] : []),
            ...c.roleMappingRules.flatMap((r, i) =>
                r.claim === "cognito:groups" && r.value === group && r.matchType !== "NotEqual" && r.role !== AUTHENTICATED_ROLE_KEYWORD ? [`roleMappingRules[${i}] gives its members the role ${r.role}`] : [],
            ),
        ];
        if (why.length > 0) {
            out.push(
                issue(
                    "triggers.postConfirmation.defaultGroup",
                    `must not be a privileged group: every user who signs up joins it, and ${why.join("; ")}`,
                    group,
                    "name an ordinary group (e.g. members) and add administrators by hand (aws cognito-idp admin-add-user-to-group)",
                ),
            );
        }
    }

    c.roleMappingRules.forEach((r, i) => {
        const found = claimIssue(`roleMappingRules[${i}].claim`, r.claim, c, "the rule");
        if (found) out.push(found);
    });
    for (const [tag, claim] of Object.entries(c.principalTags)) {
        const found = claimIssue(`principalTags.${tag}`, claim, c, "the tag");
        if (found) out.push(found);
    }

    // Passkeys are bound to the relying party; with a custom domain AWS requires that domain.
    // https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_WebAuthnConfigurationType.html
    if (c.signInFactors.includes("WEB_AUTHN")) {
        const rp = c.passkeyRelyingPartyId;
        const prefixDomain = c.domainPrefix !== undefined ? `${c.domainPrefix}.auth.${ctx.region ?? "us-east-1"}.amazoncognito.com` : undefined;
        if (rp === undefined) {
            const target = c.customDomain ?? prefixDomain;
            out.push(
                issue(
                    "passkeyRelyingPartyId",
                    "is required when signInFactors includes WEB_AUTHN (passkeys are bound to the relying party's domain)",
                    undefined,
                    target !== undefined ? `pulumi config set passkeyRelyingPartyId ${target}` : "set it to the domain users sign in at (your app's domain, or a customDomain)",
                ),
            );
        } else if (c.customDomain !== undefined && rp !== c.customDomain) {
            out.push(issue("passkeyRelyingPartyId", `must be the custom domain ${c.customDomain} (AWS requires it with a custom domain and managed login)`, rp, `pulumi config set passkeyRelyingPartyId ${c.customDomain}`));
        }
    }

    // ALL logs every field's resolution of every request, kept as long as the stack keeps logs.
    if (prod && c.graphqlApi?.fieldLogLevel === "ALL") {
        out.push(issue("graphqlApi.fieldLogLevel", "must be ERROR in prod (ALL writes every field's resolution of every request to the logs)", "ALL", "set graphqlApi.fieldLogLevel to ERROR; use ALL in dev to trace a problem"));
    }

    if (c.api?.resourceServer !== undefined && !c.resourceServers.some((rs) => rs.identifier === c.api?.resourceServer)) {
        const ids = c.resourceServers.map((rs) => rs.identifier);
        const suggestion = closest(c.api.resourceServer, ids);
        out.push(
            issue("api.resourceServer", "must be the identifier of a resource server in resourceServers", c.api.resourceServer, `${suggestion !== undefined ? `did you mean ${suggestion}? ` : ""}use one of ${ids.join(", ") || "(none: add one to resourceServers)"}`),
        );
    }
    return out;
}

/** Rules that span keys: the components' own validation and the config's, every problem at once. */
export function crossFieldIssues(c: StackConfig, ctx: RuleContext): ValidationIssue[] {
    const out: ValidationIssue[] = [...configRules(c, ctx)];
    out.push(...validateUserPoolArgs({ ...c, triggers: c.triggers.preTokenGeneration ? { preTokenGeneration: { lambdaArn: "", version: c.triggers.preTokenGeneration.version } } : undefined }));
    const federation = validateFederationArgs({
        ...c,
        googleClientSecret: ctx.secrets.google ? "present" : undefined,
        facebookAppSecret: ctx.secrets.facebook ? "present" : undefined,
        applePrivateKey: ctx.secrets.apple ? "present" : undefined,
        oidcSecretNames: ctx.secrets.oidcSecretNames,
    });
    // A missing OIDC secret whose name is only spelt differently: say which one.
    out.push(
        ...federation.map((i) => {
            const name = /^oidcClientSecrets\.(.+)$/.exec(i.field)?.[1];
            const near = name !== undefined ? closest(name, ctx.secrets.oidcSecretNames.filter((n) => !c.oidcProviders.some((p) => p.name === n))) : undefined;
            return near !== undefined ? { ...i, fix: `oidcClientSecrets has ${near} instead (names must match exactly): ${i.fix}` } : i;
        }),
    );
    out.push(...validateGroups(c.groups));
    const groups = c.groups.map((g) => g.name);
    out.push(
        ...validateIdentityPoolArgs({
            clientCount: c.appClients.filter((a) => a.kind !== "machine").length,
            roleMappingType: c.roleMappingType,
            ambiguousRoleResolution: c.ambiguousRoleResolution,
            roleMappingRules: c.roleMappingRules,
            principalTags: c.principalTags,
            groups,
            groupRoles: groupRoleNames(c.groupRoles, groups),
            // As the program passes them: IAM's rules for direct OIDC logins apply only then.
            oidcProviders: c.identityPoolDirectLogins ? c.oidcProviders.map((p) => ({ name: p.name, issuer: p.issuer, clientId: p.clientId })) : [],
        }),
    );
    const customScopes = c.resourceServers.flatMap((rs) => rs.scopes.map((s) => `${rs.identifier}/${s.name}`));
    const mappedAttributes = mappedAttributesByProvider(c);
    const privileged = stackPrivilegedAttributes(c);
    out.push(
        ...validateAppClients({
            clients: c.appClients,
            providerNames: providerNames(c),
            customScopes,
            hasDomain: c.domainPrefix !== undefined || c.customDomain !== undefined,
            signInFactors: c.signInFactors,
            managedLoginVersion: c.managedLoginVersion,
            mappedAttributes,
            privilegedAttributes: privileged,
            customAttributes: c.customAttributes.map((a) => a.name),
            requiredAttributes: c.requiredAttributes,
            selfSignUp: c.selfSignUp,
            branding: c.managedLoginBranding !== undefined ? { settings: "{}", assets: [] } : undefined,
        }),
    );
    out.push(...clientsAndMessagesRules(c));
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
        const apiIssues = validateApiArgs({ ...c.api, ...resolveApiScopes(c.api, c.resourceServers), logRetentionDays: c.logRetentionDays }, { settingsPath: "api.", groups, customScopes });
        // Scope problems are reported against the keys the scopes are made of.
        out.push(...apiIssues.map((i) => (/^api\.(read|write|machine)Scopes$/.test(i.field) ? { ...i, field: i.field.replace(/Scopes$/, "Scope") } : i)));
    }
    if (c.graphqlApi !== undefined) {
        // logRetentionDays is the stack's, checked with the functions'.
        out.push(...validateGraphqlApiArgs(c.graphqlApi, { settingsPath: "graphqlApi.", groups }));
    }
    out.push(...operationsIssues(c, { providerNames: providerNames(c), region: ctx.region }));
    out.push(...triggerKindRules(c));
    // logRetentionDays is checked by two components; report it once.
    return out.filter((i, n) => out.findIndex((o) => formatIssue(o) === formatIssue(i)) === n);
}

/** The project directory: branding files are read from it at plan time. */
export const PROJECT_DIR = path.resolve(__dirname, "..");

/**
 * Machine clients and the API's routes, required attributes and federation, the branding files:
 * a machine token must never reach a user route, a required attribute must reach every user.
 */
function clientsAndMessagesRules(c: StackConfig): ValidationIssue[] {
    const out: ValidationIssue[] = [];
    if (c.api !== undefined) {
        const { readScopes, writeScopes, machineScopes } = resolveApiScopes(c.api, c.resourceServers);
        const userRouteScopes = [...readScopes, ...writeScopes];
        c.appClients.forEach((client, i) => {
            const scopes = client.oauthScopes;
            const wrong = client.kind === "machine" ? scopes.filter((s) => userRouteScopes.includes(s)) : scopes.filter((s) => machineScopes.includes(s));
            if (wrong.length > 0) {
                out.push(
                    client.kind === "machine"
                        ? issue(`appClients[${i}].oauthScopes`, `must not include ${wrong.join(", ")}, which the API's user routes accept: a machine token speaks for no user, and those routes act for the caller as a user`, scopes, `give the machine client the machine route's scope (api.machineScope${machineScopes.length > 0 ? `: ${machineScopes.join(", ")}` : ""}) instead`)
                        : issue(`appClients[${i}].oauthScopes`, `must not include ${wrong.join(", ")}, the scope of the API's machine route (for client_credentials tokens only)`, scopes, "remove it; users reach their items through the user routes"),
                );
            }
        });
    }
    if (c.requiredAttributes.length > 0) {
        const privileged = new Set(stackPrivilegedAttributes(c).map((p) => p.attribute));
        for (const a of c.requiredAttributes.filter((x) => privileged.has(x))) {
            out.push(issue("requiredAttributes", `must not include ${a}, which only administrators and triggers may write (a user could not sign up)`, c.requiredAttributes, `remove ${a}`));
        }
        // A federated user is created from the provider's claims: a required attribute it does not map fails the sign-in.
        for (const [provider, mapped] of Object.entries(mappedAttributesByProvider(c))) {
            const missing = c.requiredAttributes.filter((a) => !mapped.includes(a));
            if (missing.length > 0) {
                out.push(issue("requiredAttributes", `${missing.join(", ")} ${missing.length > 1 ? "are" : "is"} not mapped by ${provider}, whose users Cognito could then not create`, c.requiredAttributes, `map ${missing.join(", ")} in ${provider}'s attributeMapping, or remove ${missing.length > 1 ? "them" : "it"} from requiredAttributes`));
            }
        }
    }
    if (c.managedLoginBranding !== undefined) {
        out.push(...loadBranding(c.managedLoginBranding, PROJECT_DIR, "managedLoginBranding.").issues);
    }
    return out;
}

/** The stack's privileged attributes: only administrators and triggers may write them. */
export function stackPrivilegedAttributes(c: StackConfig): PrivilegedAttribute[] {
    const found = privilegedAttributes({ tenantAttribute: tenantAttributeOf(c.triggers), principalTags: c.principalTags, roleMappingRules: c.roleMappingRules });
    // Pre authentication suspends users by these: a user who could write them could lift a suspension.
    const suspension = suspensionAttributesOf(c.triggers).filter((a) => !found.some((p) => p.attribute === a));
    return [...found, ...suspension.map((attribute) => ({ attribute, trustedBy: "the pre authentication trigger's suspension" }))];
}

/** Rules of the trigger kinds that only the whole config can decide. */
function triggerKindRules(c: StackConfig): ValidationIssue[] {
    const out: ValidationIssue[] = [];
    const client = c.triggers.userMigration?.migrationClient;
    if (client !== undefined && c.appClients.some((a) => a.name === client.name)) {
        out.push(issue("triggers.userMigration.migrationClient.name", "must not be the name of a client in appClients (the migration client is a client of its own)", client.name, "name it e.g. migration"));
    }
    // A custom sender receives the code alone and writes every message from its own templates:
    // Cognito never sends these, so a text set here would mislead whoever edits it.
    const unsent = (sender: "customEmailSender" | "customSmsSender", keys: [string, unknown][]) => {
        for (const [key, value] of keys.filter(([, v]) => v !== undefined)) {
            out.push(issue(key, `is never sent: with triggers.${sender} the sender writes every ${sender === "customEmailSender" ? "email" : "SMS"} from its own templates (per trigger source and locale)`, value, `remove ${key}; change the sender's texts with triggers.${sender}.appName and defaultLanguage, or in lambdas/shared/templates.ts`));
        }
    };
    if (c.triggers.customEmailSender !== undefined) {
        unsent("customEmailSender", [
            ["verificationEmailSubject", c.verificationEmailSubject === DEFAULT_VERIFICATION_EMAIL_SUBJECT ? undefined : c.verificationEmailSubject],
            ["verificationEmailMessage", c.verificationEmailMessage],
            ["invitationMessage.emailSubject", c.invitationMessage?.emailSubject],
            ["invitationMessage.emailMessage", c.invitationMessage?.emailMessage],
        ]);
    }
    if (c.triggers.customSmsSender !== undefined) {
        unsent("customSmsSender", [
            ["verificationSmsMessage", c.verificationSmsMessage],
            ["invitationMessage.smsMessage", c.invitationMessage?.smsMessage],
            ["mfaSmsMessage", c.mfaSmsMessage],
        ]);
    }
    return out;
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

const PROVIDERS: ConfigKey[] = ["google", "facebook", "apple", "samlProviders", "oidcProviders"];

/**
 * The keys a problem found across keys depends on, by the field it names: a problem is only
 * reported when every one of them parsed. The field's own key always counts.
 */
const DEPENDS_ON: readonly [RegExp, readonly ConfigKey[]][] = [
    [/^(usernameAttributes|aliasAttributes)$/, ["usernameAttributes", "aliasAttributes", "userPoolLock"]],
    [/^caseSensitiveUsernames$/, ["userPoolLock"]],
    [/^customAttributes$/, ["userPoolLock"]],
    [/^mfaFactors$/, ["mfa", "emailSender"]],
    [/^signInFactors$/, ["emailSender"]],
    [/^sesIdentityArn$/, ["emailSender"]],
    [/^autoVerifiedAttributes$/, ["mfa", "mfaFactors", "signInFactors", "usernameAttributes", "aliasAttributes"]],
    [/^verificationEmailMessage$/, ["verificationType", "triggers"]],
    [/^(verificationEmailSubject|verificationSmsMessage|invitationMessage\.(emailSubject|emailMessage|smsMessage))$/, ["triggers"]],
    [/^mfaSmsMessage$/, ["mfa", "mfaFactors", "signInFactors", "triggers"]],
    [/^verificationSmsMessage$/, ["autoVerifiedAttributes"]],
    [/^requiredAttributes$/, ["userPoolLock", "customAttributes", "triggers", "principalTags", "roleMappingRules", ...PROVIDERS]],
    [/^managedLoginBranding$/, ["managedLoginVersion", "domainPrefix", "customDomain"]],
    [/^appClients$/, ["resourceServers"]],
    [/^appClients\[\d+\]\.oauthScopes$/, ["api", "resourceServers"]],
    [/^appClients\[\d+\]\.writeAttributes$/, ["requiredAttributes", "selfSignUp", "triggers", "principalTags", "roleMappingRules"]],
    [/^(domainPrefix|customDomain|customDomainCertificateArn)$/, ["domainPrefix", "customDomain", "customDomainCertificateArn"]],
    [/^riskConfiguration/, ["threatProtection"]],
    [/^featurePlan$/, ["threatProtection", "threatProtectionCustomAuth", "mfa", "mfaFactors", "signInFactors", "passwordHistorySize", "triggers"]],
    [/^passkeyRelyingPartyId$/, ["signInFactors", "customDomain", "domainPrefix"]],
    [/^googleClientSecret$/, ["google"]],
    [/^facebookAppSecret$/, ["facebook"]],
    [/^applePrivateKey$/, ["apple"]],
    [/^(samlProviders|oidcProviders)/, ["samlProviders", "oidcProviders", "identityPoolDirectLogins"]],
    [/^oidcClientSecrets/, ["oidcProviders"]],
    [/^groupRoles/, ["groups"]],
    [/^appClients$/, ["roleMappingType"]],
    [/^roleMappingRules$/, ["roleMappingType"]],
    [/^roleMappingRules\[\d+\]\.role$/, ["groupRoles", "groups"]],
    [/^(roleMappingRules\[\d+\]\.claim|principalTags)/, ["customAttributes", "triggers"]],
    [/^appClients\[\d+\]/, [...PROVIDERS, "resourceServers", "domainPrefix", "customDomain", "signInFactors", "customAttributes", "managedLoginVersion"]],
    [/^triggers\.postConfirmation\.senderEmail$/, ["emailFrom", "sesIdentityArn"]],
    [/^triggers\.postConfirmation\.defaultGroup$/, ["groups", "api", "graphqlApi", "groupRoles", "roleMappingRules"]],
    [/^triggers\.preTokenGeneration\.tenantAttribute$/, ["customAttributes"]],
    [/^triggers\.preTokenGeneration\.scopesByGroup$/, ["groups"]],
    [/^triggers\.preAuthentication/, ["customAttributes"]],
    [/^triggers\.(customEmailSender|authChallenge)\.senderEmail$/, ["emailFrom", "sesIdentityArn"]],
    [/^triggers\.userMigration\.migrationClient\.name$/, ["appClients"]],
    [/^api\.(readScope|writeScope|machineScope|resourceServer)$/, ["resourceServers"]],
    [/^api\.adminGroups$/, ["groups"]],
    [/^graphqlApi\.adminGroups$/, ["groups"]],
    [/^graphqlApi\.fieldLogLevel$/, ["environment"]],
    [/^(protect|deletionProtection|retainDataOnDelete|allowGuests)$/, ["environment"]],
];

/** The config keys a problem across keys rests on. */
export function dependsOn(field: string): ConfigKey[] {
    const own = /^[A-Za-z]+/.exec(field)?.[0] as ConfigKey;
    return [own, ...DEPENDS_ON.filter(([re]) => re.test(field)).flatMap(([, keys]) => keys)];
}
