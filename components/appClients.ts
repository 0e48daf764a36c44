import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { issue, throwIfIssues, ValidationIssue } from "./issues";
import { slug } from "./userPool";

/** One app client; see the README for each field. Durations are in the unit their name says. */
export interface AppClientSpec {
    readonly name: string;
    /** @default [] */
    readonly callbackUrls?: readonly string[];
    /** @default [] */
    readonly logoutUrls?: readonly string[];
    /** A confidential client (server side). @default false */
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
    return c.identityProviders ?? ["COGNITO", ...providerNames];
}

/**
 * What a client may write: the self-service attributes and the attributes mapped by the
 * providers it offers (not every provider's), never a privileged one.
 */
export function clientWriteAttributes(c: AppClientSpec, a: Pick<AppClientsArgs, "providerNames" | "mappedAttributes" | "privilegedAttributes">): string[] {
    const privileged = new Set((a.privilegedAttributes ?? ALWAYS_PRIVILEGED).map((p) => p.attribute));
    const mapped = new Map(Object.entries(a.mappedAttributes ?? {}));
    const fromProviders = offeredProviders(c, a.providerNames ?? []).flatMap((p) => mapped.get(p) ?? []);
    return [...new Set([...SELF_SERVICE_ATTRIBUTES, ...fromProviders])].filter((x) => x !== "username" && !privileged.has(x)).sort();
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
        const oauth = (c.callbackUrls ?? []).length > 0;
        if (oauth && !(a.hasDomain ?? false)) {
            out.push(issue(`${f}.callbackUrls`, "need a managed-login domain for the OAuth code flow", c.callbackUrls, "set domainPrefix (or customDomain), or remove the callback URLs"));
        }
        if (!oauth && (c.identityProviders ?? []).some((p) => p !== "COGNITO")) {
            out.push(issue(`${f}.callbackUrls`, "must list at least one URL when the client offers federated sign-in", c.callbackUrls ?? [], "add the app's https callback URL"));
        }
        const rotation = c.refreshTokenRotation ?? true;
        if (rotation && (c.explicitAuthFlows ?? []).includes("ALLOW_REFRESH_TOKEN_AUTH")) {
            out.push(issue(`${f}.explicitAuthFlows`, "must not include ALLOW_REFRESH_TOKEN_AUTH when refresh-token rotation is on (rotation uses GetTokensFromRefreshToken)", c.explicitAuthFlows, "remove ALLOW_REFRESH_TOKEN_AUTH, or turn refreshTokenRotation off"));
        }
        if (!rotation && c.refreshTokenGracePeriodSeconds !== undefined && c.refreshTokenGracePeriodSeconds > 0) {
            out.push(issue(`${f}.refreshTokenGracePeriodSeconds`, "applies only with refresh-token rotation", c.refreshTokenGracePeriodSeconds, "remove it or turn refreshTokenRotation on"));
        }
        if (c.propagateUserContextData === true && !(c.generateSecret ?? false)) {
            out.push(issue(`${f}.propagateUserContextData`, "needs generateSecret: true (Cognito takes a user's IP address from a server only for a client with a secret)", true, "set generateSecret: true for a client your server signs users in with, or leave propagateUserContextData out (browser and mobile apps send their device data themselves)"));
        }
        if ((c.explicitAuthFlows ?? []).includes("ALLOW_USER_PASSWORD_AUTH")) {
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

/** The app clients of a user pool: code grant only, explicit token validity, revocation and rotation on. */
export class AppClients extends pulumi.ComponentResource {
    /** Clients by name. */
    public readonly clients: Record<string, aws.cognito.UserPoolClient>;
    /** Client ids by name. */
    public readonly clientIds: pulumi.Output<Record<string, string>>;

    constructor(name: string, args: AppClientsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("cognito-stack:cognito:AppClients", name, {}, opts);
        throwIfIssues(`AppClients ${name}`, validateAppClients(args), "AppClientsArgs.");

        const signIn = args.signInFactors ?? ["PASSWORD"];
        const allProviders = ["COGNITO", ...(args.providerNames ?? [])];
        this.clients = {};
        for (const c of args.clients) {
            const rotation = c.refreshTokenRotation ?? true;
            const oauth = (c.callbackUrls ?? []).length > 0;
            const client = new aws.cognito.UserPoolClient(
                `${name}-${slug(c.name)}`,
                {
                    userPoolId: args.userPoolId,
                    name: c.name,
                    generateSecret: c.generateSecret ?? false,
                    // A confidential client signs users in from a server: threat protection needs their context.
                    enablePropagateAdditionalUserContextData: c.propagateUserContextData ?? c.generateSecret ?? false,
                    supportedIdentityProviders: [...(c.identityProviders ?? allProviders)],
                    callbackUrls: oauth ? [...(c.callbackUrls ?? [])] : undefined,
                    logoutUrls: (c.logoutUrls ?? []).length > 0 ? [...(c.logoutUrls ?? [])] : undefined,
                    allowedOauthFlowsUserPoolClient: oauth,
                    allowedOauthFlows: oauth ? ["code"] : undefined,
                    allowedOauthScopes: oauth ? [...(c.oauthScopes ?? ["openid", "email", "profile"])] : undefined,
                    writeAttributes: clientWriteAttributes(c, args),
                    explicitAuthFlows: [...(c.explicitAuthFlows ?? defaultAuthFlows(c, signIn))],
                    accessTokenValidity: c.accessTokenValidityMinutes ?? 60,
                    idTokenValidity: c.idTokenValidityMinutes ?? 60,
                    refreshTokenValidity: Math.round((c.refreshTokenValidityDays ?? 30) * 24),
                    tokenValidityUnits: { accessToken: "minutes", idToken: "minutes", refreshToken: "hours" },
                    authSessionValidity: c.authSessionValidityMinutes ?? 3,
                    enableTokenRevocation: true,
                    preventUserExistenceErrors: "ENABLED",
                    refreshTokenRotation: rotation
                        ? { feature: "ENABLED", retryGracePeriodSeconds: c.refreshTokenGracePeriodSeconds ?? 0 }
                        : { feature: "DISABLED" },
                },
                { parent: this, dependsOn: args.dependsOn },
            );
            this.clients[c.name] = client;
            if (oauth && (args.managedLoginVersion ?? 2) === 2) {
                // Managed login (v2) shows an error page for a client without a style.
                new aws.cognito.ManagedLoginBranding(
                    `${name}-${slug(c.name)}-branding`,
                    { userPoolId: args.userPoolId, clientId: client.id, useCognitoProvidedValues: true },
                    { parent: this },
                );
            }
        }
        this.clientIds = pulumi.all(Object.fromEntries(Object.entries(this.clients).map(([n, c]) => [n, c.id])));
        this.registerOutputs({ clientIds: this.clientIds });
    }
}
