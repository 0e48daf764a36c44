import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { Branding } from "./branding";
import { issue, throwIfIssues, ValidationIssue } from "./issues";
import { slug } from "./userPool";

/**
 * What a client is for. `web`: a server-rendered or general app (code grant). `spa`: a browser
 * app, public (no secret), https redirects. `native`: a mobile or desktop app, public, its own
 * scheme (`myapp://callback`) allowed. Both public kinds use the code grant with PKCE.
 * `machine`: a service calling an API as itself (client_credentials), with a secret, resource
 * server scopes only and no user flow at all.
 */
export type ClientKind = "web" | "spa" | "native" | "machine";

/** One app client; see the README for each field. Durations are in the unit their name says. */
export interface AppClientSpec {
    readonly name: string;
    /** @default "web" */
    readonly kind?: ClientKind;
    /** Where managed login sends users when the request names no redirect; one of callbackUrls. @default - none */
    readonly defaultRedirectUri?: string;
    /** Attributes the client may read. @default - every attribute */
    readonly readAttributes?: readonly string[];
    /** Attributes users may write through the client, within clientWriteAttributes(). @default - clientWriteAttributes() */
    readonly writeAttributes?: readonly string[];
    /** @default [] */
    readonly callbackUrls?: readonly string[];
    /** @default [] */
    readonly logoutUrls?: readonly string[];
    /** A confidential client (server side). @default - true for a machine client, false otherwise */
    readonly generateSecret?: boolean;
    /** Provider names this client offers. @default - COGNITO plus every configured provider */
    readonly identityProviders?: readonly string[];
    /** @default ["openid", "email", "profile"] */
    readonly oauthScopes?: readonly string[];
    /** Only the authorization code grant. @default ["code"] */
    readonly oauthFlows?: readonly "code"[];
    /** @default - see defaultAuthFlows */
    readonly explicitAuthFlows?: readonly string[];
    /** @default 60 */
    readonly accessTokenValidityMinutes?: number;
    /** @default 60 */
    readonly idTokenValidityMinutes?: number;
    /** @default 30 */
    readonly refreshTokenValidityDays?: number;
    /** @default 3 */
    readonly authSessionValidityMinutes?: number;
    /** @default true */
    readonly refreshTokenRotation?: boolean;
    /** @default 0 */
    readonly refreshTokenGracePeriodSeconds?: number;
    /**
     * Lets a server that signs users in pass each user's IP address and device data on to threat
     * protection (`UserContextData` of InitiateAuth and RespondToAuthChallenge); otherwise
     * Cognito judges the risk by the server's address. Needs a client secret.
     * @default - true for a confidential client (generateSecret), false otherwise
     * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-viewing-threat-protection-app.html
     */
    readonly propagateUserContextData?: boolean;
}

export interface AppClientsArgs {
    readonly userPoolId: pulumi.Input<string>;
    readonly clients: readonly AppClientSpec[];
    /** Federation provider names that clients may offer (besides COGNITO). @default [] */
    readonly providerNames?: readonly string[];
    /** Custom scopes `<resource server>/<scope>` clients may request. @default [] */
    readonly customScopes?: readonly string[];
    /** Whether the pool has a managed-login domain (OAuth flows need one). @default false */
    readonly hasDomain?: boolean;
    /** Pool's first auth factors; anything beyond PASSWORD adds ALLOW_USER_AUTH. @default ["PASSWORD"] */
    readonly signInFactors?: readonly string[];
    /** 2 = managed login: each client gets a ManagedLoginBranding with Cognito's style. @default 2 */
    readonly managedLoginVersion?: 1 | 2;
    /**
     * User-pool attributes each identity provider maps claims into, by provider name: a client
     * must be able to write those of the providers it offers, or federated sign-in through it
     * fails. @default {}
     * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-specifying-attribute-mapping.html
     */
    readonly mappedAttributes?: Readonly<Record<string, readonly string[]>>;
    /**
     * Attributes no client may write (see privilegedAttributes()); a provider that maps one is
     * refused. @default - the verification flags only (ALWAYS_PRIVILEGED_ATTRIBUTES)
     */
    readonly privilegedAttributes?: readonly PrivilegedAttribute[];
    /** Managed-login style of every OAuth user client (see loadBranding). @default - Cognito's style */
    readonly branding?: Branding;
    /** Names of the pool's custom attributes, without `custom:` (for readAttributes). @default - not checked */
    readonly customAttributes?: readonly string[];
    /** Standard attributes the pool requires at sign-up: every user client must let users write them. @default [] */
    readonly requiredAttributes?: readonly string[];
    /** Whether users sign themselves up (then required attributes must be writable). @default true */
    readonly selfSignUp?: boolean;
    /** Identity providers, resource servers and the domain: clients must come after them. @default [] */
    readonly dependsOn?: pulumi.Input<pulumi.Resource>[];
}

/**
 * Attributes users may change themselves (standard profile attributes that nothing trusts).
 * Custom attributes are left out on purpose: a self-service write to e.g. custom:tenant_id
 * would move a user into another tenant. `email` is here because Cognito marks a changed
 * address unverified until the user confirms a code sent to it, and everything that trusts an
 * address (linking, recovery, the welcome email) also requires `email_verified`, which is
 * privileged. A self-service attribute the stack makes privileged is dropped from the list.
 */
export const SELF_SERVICE_ATTRIBUTES = ["email", "name", "given_name", "family_name", "middle_name", "nickname", "preferred_username", "picture", "locale", "zoneinfo"];

/** An attribute something trusts, so that only an administrator or a trigger may write it. */
export interface PrivilegedAttribute {
    readonly attribute: string;
    /** What trusts it, for messages: e.g. `principal tag tenant_id`. */
    readonly trustedBy: string;
}

/** Where a stack makes attributes privileged beyond the verification flags. */
export interface PrivilegeSources {
    /** The attribute pre token generation turns into the tenant claim, when that trigger is on. */
    readonly tenantAttribute?: string;
    /** Identity-pool principal tags: tag name to the claim it is read from. */
    readonly principalTags?: Readonly<Record<string, string>>;
    /** Identity-pool role-mapping rules: each names the claim it matches. */
    readonly roleMappingRules?: readonly { readonly claim: string }[];
}

const VERIFICATION_TRUST: ReadonlyMap<string, string> = new Map([
    ["email_verified", "account linking, account recovery and the welcome email"],
    ["phone_number_verified", "account recovery and SMS messages"],
]);

/**
 * The privileged attributes of a stack: the verification flags, the tenant attribute, and every
 * attribute a principal tag or a role-mapping rule reads. A user who could write one could
 * choose their tenant, their session tags, their role, or an address that is not theirs.
 * Who may write them: an administrator (AdminCreateUser, AdminUpdateUserAttributes) or a
 * trigger; never a user through an app client (SignUp takes no token at all), and never an
 * identity provider's attribute mapping, as Cognito requires mapped attributes to be writable
 * by the client used to sign in.
 */
export function privilegedAttributes(s: PrivilegeSources = {}): PrivilegedAttribute[] {
    const trust = new Map<string, string[]>([...VERIFICATION_TRUST].map(([a, why]) => [a, [why]]));
    const add = (attribute: string, why: string) => trust.set(attribute, [...(trust.get(attribute) ?? []), why]);
    if (s.tenantAttribute !== undefined) {
        add(s.tenantAttribute, "the tenant claim of pre token generation");
    }
    for (const [tag, claim] of Object.entries(s.principalTags ?? {})) {
        add(claim, `principal tag ${tag}`);
    }
    for (const rule of s.roleMappingRules ?? []) {
        add(rule.claim, "a role-mapping rule");
    }
    return [...trust].map(([attribute, why]) => ({ attribute, trustedBy: [...new Set(why)].join(", ") }));
}

/** The verification flags only: privileged in every stack. */
export const ALWAYS_PRIVILEGED: readonly PrivilegedAttribute[] = privilegedAttributes();

/** Provider names a client offers: its own list, or COGNITO and every configured provider. */
function offeredProviders(c: AppClientSpec, providerNames: readonly string[]): readonly string[] {
    // A machine client signs in no user, through no provider.
    return c.kind === "machine" ? [] : (c.identityProviders ?? ["COGNITO", ...providerNames]);
}

/** Whether the client has a secret: machine clients by default, others only when asked. */
export function hasSecret(c: AppClientSpec): boolean {
    return c.generateSecret ?? c.kind === "machine";
}

/**
 * Standard attributes of every user pool.
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-attributes.html#cognito-user-pools-standard-attributes
 */
export const STANDARD_ATTRIBUTES = [
    "address", "birthdate", "email", "email_verified", "family_name", "gender", "given_name", "locale", "middle_name", "name",
    "nickname", "phone_number", "phone_number_verified", "picture", "preferred_username", "profile", "updated_at", "website", "zoneinfo",
];

/** Whether a redirect URL uses an app's own scheme rather than https or http://localhost. */
export function isCustomScheme(url: string): boolean {
    return !/^https?:\/\//i.test(url);
}

/**
 * The rules of each client kind: machine clients use client_credentials alone (a secret, resource
 * server scopes, no user flow, redirect or provider); spa and native clients are public; only
 * native apps redirect to their own scheme. Also defaultRedirectUri, readAttributes,
 * writeAttributes and the required attributes.
 */
export function validateClientKinds(a: Omit<AppClientsArgs, "userPoolId" | "dependsOn">): ValidationIssue[] {
    const out: ValidationIssue[] = [];
    const custom = new Set(a.customScopes ?? []);
    const privileged = new Map((a.privilegedAttributes ?? ALWAYS_PRIVILEGED).map((p) => [p.attribute, p.trustedBy]));
    const mapped = new Map(Object.entries(a.mappedAttributes ?? {}));
    const machineScopes = new Map<string, string>();
    const userScopes = new Map<string, string>();
    a.clients.forEach((c, i) => {
        const f = `appClients[${i}]`;
        const kind = c.kind ?? "web";
        if (kind === "machine") {
            const fix = "a machine client uses client_credentials only: remove it (a user-facing app needs a client of its own, kind web, spa or native)";
            if (c.generateSecret === false) {
                out.push(issue(`${f}.generateSecret`, "must be true for a machine client (client_credentials authenticates the client by its secret)", false, "set generateSecret: true, or leave it out; keep the secret in the service's secret store"));
            }
            for (const key of ["callbackUrls", "logoutUrls"] as const) {
                if ((c[key] ?? []).length > 0) out.push(issue(`${f}.${key}`, "must be empty for a machine client (no user is redirected)", c[key], fix));
            }
            if (c.defaultRedirectUri !== undefined) out.push(issue(`${f}.defaultRedirectUri`, "must not be set for a machine client (no user is redirected)", c.defaultRedirectUri, fix));
            if ((c.identityProviders ?? []).length > 0) out.push(issue(`${f}.identityProviders`, "must be empty for a machine client (no user signs in)", c.identityProviders, fix));
            const userFlows = (c.explicitAuthFlows ?? []).filter((x) => x !== "ALLOW_REFRESH_TOKEN_AUTH");
            if (userFlows.length > 0) out.push(issue(`${f}.explicitAuthFlows`, `must not include ${userFlows.join(", ")} for a machine client (user sign-in flows)`, c.explicitAuthFlows, "leave explicitAuthFlows out"));
            if (c.propagateUserContextData === true) out.push(issue(`${f}.propagateUserContextData`, "must not be set for a machine client (it has no users)", true, "remove it"));
            for (const key of ["readAttributes", "writeAttributes"] as const) {
                if (c[key] !== undefined) out.push(issue(`${f}.${key}`, "must not be set for a machine client (it has no users)", c[key], "remove it"));
            }
            const scopes = c.oauthScopes ?? ["openid", "email", "profile"];
            const notCustom = scopes.filter((s) => !custom.has(s));
            if (scopes.length === 0 || notCustom.length > 0) {
                out.push(issue(
                    `${f}.oauthScopes`,
                    `must list only scopes of the pool's resource servers for a machine client (client_credentials grants no user scope${notCustom.length > 0 ? `; not one: ${notCustom.join(", ")}` : ""})`,
                    scopes,
                    `list the scopes the service needs: ${[...custom].join(", ") || "(none yet: add a resource server with scopes)"}`,
                ));
            }
            scopes.forEach((s) => machineScopes.set(s, c.name));
            return;
        }
        (c.oauthScopes ?? []).forEach((s) => userScopes.set(s, c.name));
        if ((kind === "spa" || kind === "native") && c.generateSecret === true) {
            out.push(issue(`${f}.generateSecret`, `must be false for a ${kind} client (a secret shipped in a ${kind === "spa" ? "browser" : "mobile or desktop"} app is no secret)`, true, "leave generateSecret out and use the code grant with PKCE; a server that keeps a secret is kind web"));
        }
        if ((kind === "spa" || kind === "native") && (c.callbackUrls ?? []).length === 0) {
            out.push(issue(`${f}.callbackUrls`, `must list the URL the ${kind} app receives the authorization code at`, c.callbackUrls ?? [], kind === "native" ? "add the app's redirect URI, e.g. myapp://callback" : "add the app's https redirect URI, e.g. https://app.example.com/callback"));
        }
        if (kind !== "native") {
            for (const key of ["callbackUrls", "logoutUrls"] as const) {
                const schemes = (c[key] ?? []).filter(isCustomScheme);
                if (schemes.length > 0) {
                    out.push(issue(`${f}.${key}`, `may use an app's own scheme only for kind native (${kind} clients redirect to https, or http://localhost)`, schemes, "set kind: native for a mobile or desktop app, or use the app's https URL"));
                }
            }
        }
        if (c.defaultRedirectUri !== undefined && !(c.callbackUrls ?? []).includes(c.defaultRedirectUri)) {
            out.push(issue(`${f}.defaultRedirectUri`, "must be one of the client's callbackUrls (Cognito refuses any other)", c.defaultRedirectUri, `use one of ${(c.callbackUrls ?? []).join(", ") || "(none: add callbackUrls)"}, or add it to callbackUrls`));
        }
        const allowed = allowedWriteAttributes({ ...c, writeAttributes: undefined }, a);
        for (const attribute of c.writeAttributes ?? []) {
            const trustedBy = privileged.get(attribute);
            if (trustedBy !== undefined) {
                out.push(issue(`${f}.writeAttributes`, `must not include ${attribute}, which ${trustedBy} trusts (users could set it at SignUp or with UpdateUserAttributes)`, c.writeAttributes, `remove ${attribute}; let an administrator (AdminUpdateUserAttributes) or a trigger set it`));
            } else if (!allowed.includes(attribute)) {
                out.push(issue(`${f}.writeAttributes`, `must not include ${attribute}, which is neither a self-service attribute nor mapped by a provider of this client`, c.writeAttributes, `use only ${allowed.join(", ")}`));
            }
        }
        if (c.writeAttributes !== undefined) {
            for (const p of offeredProviders(c, a.providerNames ?? [])) {
                const missing = (mapped.get(p) ?? []).filter((x) => x !== "username" && !c.writeAttributes?.includes(x) && !privileged.has(x));
                if (missing.length > 0) {
                    out.push(issue(`${f}.writeAttributes`, `must include ${missing.join(", ")}: ${p} maps them, and Cognito fails a federated sign-in through this client that cannot write them`, c.writeAttributes, `add ${missing.join(", ")}, or stop offering ${p} on this client`));
                }
            }
        }
        if (a.selfSignUp ?? true) {
            const missing = (a.requiredAttributes ?? []).filter((x) => !clientWriteAttributes(c, a).includes(x));
            if (missing.length > 0) {
                out.push(issue(`${f}.writeAttributes`, `must include the required attribute${missing.length > 1 ? "s" : ""} ${missing.join(", ")} (SignUp through this client must set ${missing.length > 1 ? "them" : "it"})`, clientWriteAttributes(c, a), `add ${missing.join(", ")}, or remove ${missing.length > 1 ? "them" : "it"} from requiredAttributes`));
            }
        }
        const known = new Set([...STANDARD_ATTRIBUTES, ...(a.customAttributes ?? []).map((n) => `custom:${n}`)]);
        const unknown = (c.readAttributes ?? []).filter((x) => a.customAttributes !== undefined && !known.has(x));
        if (unknown.length > 0) {
            out.push(issue(`${f}.readAttributes`, `names ${unknown.join(", ")}, which ${unknown.length > 1 ? "are not attributes" : "is not an attribute"} of the pool`, c.readAttributes, "use standard attributes (email, name, ...) or custom:<a name in customAttributes>"));
        }
    });
    for (const [scope, machine] of machineScopes) {
        const user = userScopes.get(scope);
        if (user !== undefined) {
            out.push(issue(
                `appClients`,
                `must not give scope ${scope} to both machine client ${machine} and user client ${user}: a route that accepts it for users would accept the machine's token, which speaks for no user`,
                scope,
                "give machine clients scopes of their own (e.g. <resource server>/items.service) and name those on the machine routes only",
            ));
        }
    }
    return out;
}

/**
 * What a client may write: the self-service attributes and the attributes mapped by the
 * providers it offers (not every provider's), never a privileged one.
 */
export function clientWriteAttributes(c: AppClientSpec, a: Pick<AppClientsArgs, "providerNames" | "mappedAttributes" | "privilegedAttributes" | "requiredAttributes">): string[] {
    return c.writeAttributes !== undefined ? [...c.writeAttributes].sort() : allowedWriteAttributes(c, a);
}

/**
 * The most a client may let users write: self-service, the pool's required attributes (SignUp
 * must set them) and its providers' mapped attributes, nothing privileged.
 */
export function allowedWriteAttributes(c: AppClientSpec, a: Pick<AppClientsArgs, "providerNames" | "mappedAttributes" | "privilegedAttributes" | "requiredAttributes">): string[] {
    const privileged = new Set((a.privilegedAttributes ?? ALWAYS_PRIVILEGED).map((p) => p.attribute));
    const mapped = new Map(Object.entries(a.mappedAttributes ?? {}));
    const fromProviders = offeredProviders(c, a.providerNames ?? []).flatMap((p) => mapped.get(p) ?? []);
    return [...new Set([...SELF_SERVICE_ATTRIBUTES, ...(a.requiredAttributes ?? []), ...fromProviders])].filter((x) => x !== "username" && !privileged.has(x)).sort();
}

function mappedPrivilegedFix(attribute: string, provider: string): string {
    return attribute === "email_verified"
        ? `remove email_verified from ${provider}'s attributeMapping; to keep the provider's verification, map its email_verified claim to a custom attribute (e.g. custom:idp_email_verified) and name that in triggers.preSignUp.providerEmailVerifiedAttribute`
        : `remove ${attribute} from ${provider}'s attributeMapping and set it as an administrator (AdminUpdateUserAttributes) or in a trigger, or map the provider's claim to an attribute that nothing trusts`;
}

const STANDARD_SCOPES = ["openid", "email", "phone", "profile", "aws.cognito.signin.user.admin"];

/** Token validity ranges AWS enforces, in the units the client uses. */
export const TOKEN_LIMITS = {
    accessTokenValidityMinutes: [5, 1440],
    idTokenValidityMinutes: [5, 1440],
    refreshTokenValidityDays: [1 / 24, 3650],
    authSessionValidityMinutes: [3, 15],
    refreshTokenGracePeriodSeconds: [0, 60],
} as const;

/** Explicit auth flows when none are given: SRP, plus refresh (only without rotation) and choice-based auth. */
export function defaultAuthFlows(c: AppClientSpec, signInFactors: readonly string[]): string[] {
    return [
        "ALLOW_USER_SRP_AUTH",
        ...((c.refreshTokenRotation ?? true) ? [] : ["ALLOW_REFRESH_TOKEN_AUTH"]),
        ...(signInFactors.some((f) => f !== "PASSWORD") ? ["ALLOW_USER_AUTH"] : []),
    ];
}

export function validateAppClients(a: Omit<AppClientsArgs, "userPoolId" | "dependsOn">): ValidationIssue[] {
    const out: ValidationIssue[] = [];
    const providers = new Set(["COGNITO", ...(a.providerNames ?? [])]);
    const privileged = new Map((a.privilegedAttributes ?? ALWAYS_PRIVILEGED).map((p) => [p.attribute, p.trustedBy]));
    const mapped = new Map(Object.entries(a.mappedAttributes ?? {}));
    const scopes = new Set([...STANDARD_SCOPES, ...(a.customScopes ?? [])]);
    const names = new Set<string>();
    out.push(...validateClientKinds(a));
    if (a.branding !== undefined && ((a.managedLoginVersion ?? 2) !== 2 || !(a.hasDomain ?? false))) {
        out.push(issue("managedLoginBranding", "needs managed login: a domain (domainPrefix or customDomain) with managedLoginVersion 2 (the classic hosted UI takes no branding style)", a.managedLoginVersion ?? 2, "set managedLoginVersion to 2 and a domain, or remove managedLoginBranding"));
    }
    a.clients.forEach((c, i) => {
        const f = `appClients[${i}]`;
        if (names.has(c.name)) {
            out.push(issue(`${f}.name`, "must be unique", c.name, "give each app client its own name"));
        }
        names.add(c.name);
        for (const [key, [min, max]] of Object.entries(TOKEN_LIMITS)) {
            const v = c[key as keyof typeof TOKEN_LIMITS];
            if (v !== undefined && (v < min || v > max)) {
                out.push(issue(`${f}.${key}`, `must be between ${min === 1 / 24 ? "1/24 (1 hour)" : min} and ${max}`, v, `choose a value in that range`));
            }
        }
        for (const p of c.identityProviders ?? []) {
            if (!providers.has(p)) {
                out.push(issue(`${f}.identityProviders`, `names ${p}, which is not configured`, c.identityProviders, `use only ${[...providers].join(", ")}, or configure ${p}`));
            }
        }
        for (const s of c.oauthScopes ?? []) {
            if (!scopes.has(s)) {
                out.push(issue(`${f}.oauthScopes`, `has unknown scope ${s}`, c.oauthScopes, `use standard scopes (${STANDARD_SCOPES.join(", ")}) or a resource server's <identifier>/<scope>`));
            }
        }
        const oauth = (c.callbackUrls ?? []).length > 0 || c.kind === "machine";
        if (oauth && !(a.hasDomain ?? false) && c.kind === "machine") {
            out.push(issue(`${f}.kind`, "machine needs a managed-login domain (the client_credentials grant is served by its /oauth2/token endpoint)", c.kind, "set domainPrefix (or customDomain)"));
        } else if (oauth && !(a.hasDomain ?? false)) {
            out.push(issue(`${f}.callbackUrls`, "need a managed-login domain for the OAuth code flow", c.callbackUrls, "set domainPrefix (or customDomain), or remove the callback URLs"));
        }
        if (!oauth && (c.identityProviders ?? []).some((p) => p !== "COGNITO")) {
            out.push(issue(`${f}.callbackUrls`, "must list at least one URL when the client offers federated sign-in", c.callbackUrls ?? [], "add the app's https callback URL"));
        }
        // A machine client gets no refresh token (client_credentials issues none): nothing to rotate.
        const rotation = c.kind !== "machine" && (c.refreshTokenRotation ?? true);
        if (rotation && (c.explicitAuthFlows ?? []).includes("ALLOW_REFRESH_TOKEN_AUTH")) {
            out.push(issue(`${f}.explicitAuthFlows`, "must not include ALLOW_REFRESH_TOKEN_AUTH when refresh-token rotation is on (rotation uses GetTokensFromRefreshToken)", c.explicitAuthFlows, "remove ALLOW_REFRESH_TOKEN_AUTH, or turn refreshTokenRotation off"));
        }
        if (!rotation && c.refreshTokenGracePeriodSeconds !== undefined && c.refreshTokenGracePeriodSeconds > 0) {
            out.push(issue(`${f}.refreshTokenGracePeriodSeconds`, "applies only with refresh-token rotation", c.refreshTokenGracePeriodSeconds, "remove it or turn refreshTokenRotation on"));
        }
        // A machine client's user flows and context data are refused by validateClientKinds.
        if (c.kind !== "machine" && c.propagateUserContextData === true && !hasSecret(c)) {
            out.push(issue(`${f}.propagateUserContextData`, "needs generateSecret: true (Cognito takes a user's IP address from a server only for a client with a secret)", true, "set generateSecret: true for a client your server signs users in with, or leave propagateUserContextData out (browser and mobile apps send their device data themselves)"));
        }
        if (c.kind !== "machine" && (c.explicitAuthFlows ?? []).includes("ALLOW_USER_PASSWORD_AUTH")) {
            out.push(issue(`${f}.explicitAuthFlows`, "must not include ALLOW_USER_PASSWORD_AUTH (sends the password itself; SRP proves it without sending it)", c.explicitAuthFlows, "use ALLOW_USER_SRP_AUTH"));
        }
        for (const p of offeredProviders(c, a.providerNames ?? [])) {
            for (const attribute of new Set(mapped.get(p) ?? [])) {
                const trustedBy = privileged.get(attribute);
                if (trustedBy !== undefined) {
                    out.push(issue(
                        `${f}.identityProviders`,
                        `offer ${p}, whose attributeMapping writes ${attribute}, which ${trustedBy} trusts: Cognito would have to let this client write it, so any user could set it at SignUp or with UpdateUserAttributes`,
                        offeredProviders(c, a.providerNames ?? []),
                        mappedPrivilegedFix(attribute, p),
                    ));
                }
            }
        }
    });
    return out;
}

/** The settings every client shares: explicit token validity, revocation, no user-existence errors. */
function commonArgs(c: AppClientSpec) {
    return {
        name: c.name,
        accessTokenValidity: c.accessTokenValidityMinutes ?? 60,
        idTokenValidity: c.idTokenValidityMinutes ?? 60,
        refreshTokenValidity: Math.round((c.refreshTokenValidityDays ?? 30) * 24),
        tokenValidityUnits: { accessToken: "minutes", idToken: "minutes", refreshToken: "hours" },
        authSessionValidity: c.authSessionValidityMinutes ?? 3,
        enableTokenRevocation: true,
        preventUserExistenceErrors: "ENABLED",
    };
}

/** A client users sign in through: the code grant where it redirects, SRP (and choice-based auth) otherwise. */
export function userClientArgs(c: AppClientSpec, args: Pick<AppClientsArgs, "providerNames" | "mappedAttributes" | "privilegedAttributes" | "requiredAttributes">, allProviders: readonly string[], signIn: readonly string[]): Omit<aws.cognito.UserPoolClientArgs, "userPoolId"> {
    const rotation = c.refreshTokenRotation ?? true;
    const oauth = (c.callbackUrls ?? []).length > 0;
    return {
        ...commonArgs(c),
        generateSecret: hasSecret(c),
        // A confidential client signs users in from a server: threat protection needs their context.
        enablePropagateAdditionalUserContextData: c.propagateUserContextData ?? hasSecret(c),
        supportedIdentityProviders: [...(c.identityProviders ?? allProviders)],
        callbackUrls: oauth ? [...(c.callbackUrls ?? [])] : undefined,
        logoutUrls: (c.logoutUrls ?? []).length > 0 ? [...(c.logoutUrls ?? [])] : undefined,
        defaultRedirectUri: c.defaultRedirectUri,
        allowedOauthFlowsUserPoolClient: oauth,
        allowedOauthFlows: oauth ? ["code"] : undefined,
        allowedOauthScopes: oauth ? [...(c.oauthScopes ?? ["openid", "email", "profile"])] : undefined,
        readAttributes: c.readAttributes !== undefined ? [...c.readAttributes].sort() : undefined,
        writeAttributes: clientWriteAttributes(c, args),
        explicitAuthFlows: [...(c.explicitAuthFlows ?? defaultAuthFlows(c, signIn))],
        refreshTokenRotation: rotation ? { feature: "ENABLED", retryGracePeriodSeconds: c.refreshTokenGracePeriodSeconds ?? 0 } : { feature: "DISABLED" },
    };
}

/**
 * A machine-to-machine client: client_credentials with its secret for resource-server scopes, and
 * nothing a user could use. explicitAuthFlows must name a flow (an empty list means AWS's default,
 * SRP and custom auth included): refresh, which client_credentials never uses, as it issues no
 * refresh token; so there is nothing to rotate. No redirect, no provider; users can write no more
 * than the self-service attributes (an unset list would allow every attribute).
 */
export function machineClientArgs(c: AppClientSpec, args: Pick<AppClientsArgs, "privilegedAttributes"> = {}): Omit<aws.cognito.UserPoolClientArgs, "userPoolId"> {
    return {
        ...commonArgs(c),
        generateSecret: true,
        enablePropagateAdditionalUserContextData: false,
        allowedOauthFlowsUserPoolClient: true,
        allowedOauthFlows: ["client_credentials"],
        allowedOauthScopes: [...(c.oauthScopes ?? [])],
        supportedIdentityProviders: undefined,
        // No provider: the self-service attributes the stack does not make privileged.
        writeAttributes: allowedWriteAttributes({ ...c, kind: "machine" }, { privilegedAttributes: args.privilegedAttributes }),
        explicitAuthFlows: ["ALLOW_REFRESH_TOKEN_AUTH"],
        refreshTokenRotation: { feature: "DISABLED" },
    };
}

/** The app clients of a user pool: code grant only, explicit token validity, revocation and rotation on. */
export class AppClients extends pulumi.ComponentResource {
    /** Clients by name. */
    public readonly clients: Record<string, aws.cognito.UserPoolClient>;
    /** Client ids by name. */
    public readonly clientIds: pulumi.Output<Record<string, string>>;
    /** Ids of the clients users sign in through (not the machine clients), for the identity pool and AppSync. */
    public readonly userClientIds: pulumi.Output<string[]>;
    /** The secrets of the machine clients by name, as a Pulumi secret (shown only with --show-secrets). */
    public readonly machineClientSecrets: pulumi.Output<Record<string, string>>;

    constructor(name: string, args: AppClientsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("cognito-stack:cognito:AppClients", name, {}, opts);
        throwIfIssues(`AppClients ${name}`, validateAppClients(args), "AppClientsArgs.");

        const signIn = args.signInFactors ?? ["PASSWORD"];
        const allProviders = ["COGNITO", ...(args.providerNames ?? [])];
        this.clients = {};
        for (const c of args.clients) {
            const client = new aws.cognito.UserPoolClient(
                `${name}-${slug(c.name)}`,
                c.kind === "machine" ? { userPoolId: args.userPoolId, ...machineClientArgs(c, args) } : { userPoolId: args.userPoolId, ...userClientArgs(c, args, allProviders, signIn) },
                // @pulumi/aws already keeps clientSecret a secret in the state and the outputs.
                { parent: this, dependsOn: args.dependsOn },
            );
            this.clients[c.name] = client;
            if ((c.callbackUrls ?? []).length > 0 && c.kind !== "machine" && (args.managedLoginVersion ?? 2) === 2) {
                // Managed login (v2) shows an error page for a client without a style.
                const b = args.branding;
                new aws.cognito.ManagedLoginBranding(
                    `${name}-${slug(c.name)}-branding`,
                    b === undefined
                        ? { userPoolId: args.userPoolId, clientId: client.id, useCognitoProvidedValues: true }
                        : { userPoolId: args.userPoolId, clientId: client.id, useCognitoProvidedValues: false, settings: b.settings, assets: b.assets.map((x) => ({ ...x })) },
                    { parent: this },
                );
            }
        }
        this.clientIds = pulumi.all(Object.fromEntries(Object.entries(this.clients).map(([n, c]) => [n, c.id])));
        this.userClientIds = pulumi.all(args.clients.filter((c) => c.kind !== "machine").map((c) => this.clients[c.name].id));
        const machines = args.clients.filter((c) => c.kind === "machine").map((c) => [c.name, this.clients[c.name].clientSecret] as const);
        this.machineClientSecrets = pulumi.secret(pulumi.all(Object.fromEntries(machines)));
        this.registerOutputs({ clientIds: this.clientIds, machineClientSecrets: this.machineClientSecrets });
    }
}
