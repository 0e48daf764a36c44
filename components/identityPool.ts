import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { issue, throwIfIssues, ValidationIssue } from "./issues";
import { IdentityKind, identityPoolTrustPolicy } from "./iamPolicies";
import { slug } from "./userPool";

export type RoleMappingType = "Token" | "Rules" | "None";
export type AmbiguousRoleResolution = "AuthenticatedRole" | "Deny";

/** One rules-based role mapping: the first rule whose claim matches picks the role. */
export interface RoleMappingRule {
    /** Token claim, e.g. `custom:tenant_id` or `cognito:groups`. */
    readonly claim: string;
    readonly matchType: "Equals" | "Contains" | "StartsWith" | "NotEqual";
    readonly value: string;
    /** `authenticated`, a group listed in groupRoles (its role), or an IAM role ARN. */
    readonly role: string;
}

/** Social providers the identity pool accepts tokens of directly: the app/client id of each. */
export interface SocialLogins {
    /** Google OAuth client id (`accounts.google.com`). @default - off */
    readonly google?: string;
    /** Facebook app id (`graph.facebook.com`). @default - off */
    readonly facebook?: string;
    /** Sign in with Apple services id (`appleid.apple.com`). @default - off */
    readonly apple?: string;
    /** Login with Amazon app id (`www.amazon.com`). @default - off */
    readonly amazon?: string;
}

/** A SAML IdP accepted directly: IAM takes its metadata document (IAM cannot fetch a URL). */
export interface IdentityPoolSamlProvider {
    readonly name: string;
    /** The IdP's SAML metadata XML. */
    readonly metadataDocument: string;
}

/** An OIDC IdP accepted directly, through an IAM OIDC provider (one per issuer URL per account). */
export interface IdentityPoolOidcProvider {
    readonly name: string;
    /** Issuer URL (https), the `iss` of its tokens. */
    readonly issuer: string;
    /** The audience (`aud`) the tokens carry. */
    readonly clientId: string;
    /** Server certificate thumbprints; IAM finds them itself, or uses its trusted CAs, when omitted. @default [] */
    readonly thumbprints?: readonly string[];
}

export interface IdentityPoolArgs {
    /** The user pool's provider name `cognito-idp.<region>.amazonaws.com/<poolId>` (`aws.cognito.UserPool.endpoint`). */
    readonly userPoolEndpoint: pulumi.Input<string>;
    /** App clients whose ID tokens the pool accepts; each gets a role mapping. */
    readonly clientIds: readonly pulumi.Input<string>[];
    /** Name shown in the console. @default - `<project>-<stack>` */
    readonly identityPoolName?: string;
    /**
     * Hand out guest (unauthenticated) identities, with a guest role that can only read
     * `public/` data. Guest ids are not stable, so guests own nothing.
     * @default false
     */
    readonly allowGuests?: boolean;
    /**
     * Social providers accepted directly, besides through the user pool. Tokens presented this
     * way bypass the user pool (its groups, MFA and threat protection).
     * @default {}
     */
    readonly socialLogins?: SocialLogins;
    /** SAML IdPs accepted directly, each through an `aws.iam.SamlProvider`. @default [] */
    readonly samlProviders?: readonly IdentityPoolSamlProvider[];
    /** OIDC IdPs accepted directly, each through an `aws.iam.OpenIdConnectProvider`. @default [] */
    readonly oidcProviders?: readonly IdentityPoolOidcProvider[];
    /**
     * How user-pool identities get their role: Token (the ID token's `cognito:preferred_role`,
     * i.e. the user's group with the lowest precedence that has a role), Rules (roleMappingRules),
     * or None (always the authenticated role).
     * @default "Token"
     * @see https://docs.aws.amazon.com/cognito/latest/developerguide/role-based-access-control.html
     */
    readonly roleMappingType?: RoleMappingType;
    /** What happens when no rule matches or the token names no single role. @default "AuthenticatedRole" */
    readonly ambiguousRoleResolution?: AmbiguousRoleResolution;
    /** Rules for roleMappingType Rules, evaluated in order (at most 25). @default [] */
    readonly roleMappingRules?: readonly RoleMappingRule[];
    /**
     * ABAC: session tag name → user-pool token claim. When set, the roles' trust also allows
     * `sts:TagSession`, and policies can use `aws:PrincipalTag/<tag>`.
     * @default {}
     * @see https://docs.aws.amazon.com/cognito/latest/developerguide/attributes-for-access-control.html
     */
    readonly principalTags?: Record<string, string>;
    /** Every user-pool group (for checking groupRoles and rules). @default [] */
    readonly groups?: readonly string[];
    /** Groups that get their own IAM role, trusted like the authenticated role. @default [] */
    readonly groupRoles?: readonly string[];
    /** Tags for every taggable child. @default {} */
    readonly tags?: Record<string, string>;
}

/** `roleMappingRules` role that names the pool's authenticated role. */
export const AUTHENTICATED_ROLE_KEYWORD = "authenticated";
const ROLE_ARN = /^arn:aws[\w-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/;
/** AWS limits. @see https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_SetIdentityPoolRoles.html */
export const MAX_ROLE_MAPPINGS = 10;
export const MAX_RULES = 25;
export const MAX_PRINCIPAL_TAGS = 50;

/** The groups that get a role: all of them (true), none (false), or the ones listed. */
export function groupRoleNames(groupRoles: boolean | readonly string[], groups: readonly string[]): string[] {
    return groupRoles === true ? [...groups] : groupRoles === false ? [] : [...groupRoles];
}

/** Checks the args against AWS's rules and each other; every problem, not the first only. */
export function validateIdentityPoolArgs(a: Omit<IdentityPoolArgs, "userPoolEndpoint" | "clientIds"> & { readonly clientCount: number }): ValidationIssue[] {
    const out: ValidationIssue[] = [];
    const type = a.roleMappingType ?? "Token";
    const rules = a.roleMappingRules ?? [];
    const groups = a.groups ?? [];
    const groupRoles = a.groupRoles ?? [];

    groupRoles.forEach((g, i) => {
        if (!groups.includes(g)) {
            out.push(issue(`groupRoles[${i}]`, `names group ${g}, which is not in groups`, g, `use one of ${groups.join(", ") || "(no groups)"}, or add the group to groups`));
        }
    });
    if (type !== "None" && a.clientCount > MAX_ROLE_MAPPINGS) {
        out.push(issue("appClients", `must have at most ${MAX_ROLE_MAPPINGS} clients when roleMappingType is ${type} (AWS allows ${MAX_ROLE_MAPPINGS} role mappings per identity pool)`, a.clientCount, "remove clients or set roleMappingType None"));
    }
    if (type === "Rules" && rules.length === 0) {
        out.push(issue("roleMappingRules", "must list at least one rule when roleMappingType is Rules", rules, "add a rule ({claim, matchType, value, role}) or set roleMappingType Token"));
    }
    if (type !== "Rules" && rules.length > 0) {
        out.push(issue("roleMappingRules", `apply only when roleMappingType is Rules (it is ${type})`, rules.length, "set roleMappingType Rules, or remove roleMappingRules"));
    }
    if (rules.length > MAX_RULES) {
        out.push(issue("roleMappingRules", `must have at most ${MAX_RULES} rules (AWS limit)`, rules.length, "merge rules, e.g. with StartsWith"));
    }
    rules.forEach((r, i) => {
        if (r.role !== AUTHENTICATED_ROLE_KEYWORD && !groupRoles.includes(r.role) && !ROLE_ARN.test(r.role)) {
            out.push(
                issue(
                    `roleMappingRules[${i}].role`,
                    `must be ${AUTHENTICATED_ROLE_KEYWORD}, a group listed in groupRoles, or an IAM role ARN`,
                    r.role,
                    groups.includes(r.role) ? `add ${r.role} to groupRoles so the group gets a role` : "name a group with a role or give the role's ARN",
                ),
            );
        }
        if (r.value.length < 1 || r.value.length > 128) {
            out.push(issue(`roleMappingRules[${i}].value`, "must be 1-128 characters", r.value, "give the claim value to match"));
        }
    });
    const tags = Object.entries(a.principalTags ?? {});
    if (tags.length > MAX_PRINCIPAL_TAGS) {
        out.push(issue("principalTags", `must have at most ${MAX_PRINCIPAL_TAGS} tags`, tags.length, "map fewer claims"));
    }
    for (const [tag, claim] of tags) {
        if (!/^[\p{L}\p{Z}\p{N}_.:/=+@-]{1,128}$/u.test(tag) || tag.toLowerCase().startsWith("aws:")) {
            out.push(issue(`principalTags.${tag}`, "must be a session tag key: 1-128 letters, digits, spaces or _.:/=+-@, not starting with aws:", tag, "rename the tag"));
        }
        if (claim.length < 1 || claim.length > 256) {
            out.push(issue(`principalTags.${tag}`, "must name a token claim (1-256 characters)", claim, "e.g. custom:tenant_id"));
        }
    }
    (a.samlProviders ?? []).forEach((p, i) => {
        if (!/<(\w+:)?EntityDescriptor[\s>]/.test(p.metadataDocument)) {
            out.push(issue(`samlProviders[${i}].metadataDocument`, "must be SAML metadata XML with an EntityDescriptor", `${p.metadataDocument.slice(0, 40)}...`, "download the federation metadata XML from the IdP"));
        }
    });
    (a.oidcProviders ?? []).forEach((p, i) => {
        if (!/^https:\/\/[^\s/:]+(\/\S*)?$/.test(p.issuer)) {
            out.push(issue(`oidcProviders[${i}].issuer`, "must be an https:// URL without a port (IAM OIDC provider rule)", p.issuer, "use the iss value of the provider's tokens"));
        }
    });
    return out;
}

/**
 * A Cognito identity pool (enhanced flow only) with its authenticated role, an optional guest
 * role, optional per-group roles, and the role attachment with its mappings. Every role trusts
 * this pool only (`aud`) and only identities of its kind (`amr`).
 */
export class IdentityPool extends pulumi.ComponentResource {
    public readonly pool: aws.cognito.IdentityPool;
    public readonly identityPoolId: pulumi.Output<string>;
    public readonly authenticatedRole: aws.iam.Role;
    /** Present when allowGuests is true. */
    public readonly guestRole?: aws.iam.Role;
    /** Roles by group name, for the groups in groupRoles. */
    public readonly groupRoles: Record<string, aws.iam.Role>;
    /** Group role ARNs by group name, for `UserGroups.roleArns`. */
    public readonly groupRoleArns: Record<string, pulumi.Output<string>>;
    public readonly samlProviders: aws.iam.SamlProvider[];
    public readonly oidcProviders: aws.iam.OpenIdConnectProvider[];
    public readonly roleAttachment: aws.cognito.IdentityPoolRoleAttachment;
    /** Present when principalTags is not empty. */
    public readonly principalTag?: aws.cognito.IdentityPoolProviderPrincipalTag;

    constructor(name: string, args: IdentityPoolArgs, opts?: pulumi.ComponentResourceOptions) {
        super("cognito-stack:identity:IdentityPool", name, {}, opts);
        throwIfIssues(`IdentityPool ${name}`, validateIdentityPoolArgs({ ...args, clientCount: args.clientIds.length }), "IdentityPoolArgs.");

        const allowGuests = args.allowGuests ?? false;
        const type = args.roleMappingType ?? "Token";
        const ambiguous = args.ambiguousRoleResolution ?? "AuthenticatedRole";
        const principalTags = args.principalTags ?? {};
        const tagSession = Object.keys(principalTags).length > 0;
        const tags = args.tags ?? {};
        const social = args.socialLogins ?? {};

        this.samlProviders = (args.samlProviders ?? []).map(
            (p) => new aws.iam.SamlProvider(`${name}-saml-${slug(p.name)}`, { samlMetadataDocument: p.metadataDocument, tags }, { parent: this }),
        );
        this.oidcProviders = (args.oidcProviders ?? []).map(
            (p) =>
                new aws.iam.OpenIdConnectProvider(
                    `${name}-oidc-${slug(p.name)}`,
                    {
                        url: p.issuer,
                        clientIdLists: [p.clientId],
                        thumbprintLists: p.thumbprints && p.thumbprints.length > 0 ? [...p.thumbprints] : undefined,
                        tags,
                    },
                    { parent: this },
                ),
        );

        const supportedLoginProviders: Record<string, string> = {
            ...(social.google !== undefined ? { "accounts.google.com": social.google } : {}),
            ...(social.facebook !== undefined ? { "graph.facebook.com": social.facebook } : {}),
            ...(social.apple !== undefined ? { "appleid.apple.com": social.apple } : {}),
            ...(social.amazon !== undefined ? { "www.amazon.com": social.amazon } : {}),
        };

        this.pool = new aws.cognito.IdentityPool(
            name,
            {
                identityPoolName: args.identityPoolName ?? `${pulumi.getProject()}-${pulumi.getStack()}`,
                allowUnauthenticatedIdentities: allowGuests,
                // The classic flow lets a caller ask STS for any role whose trust is loose enough.
                allowClassicFlow: false,
                cognitoIdentityProviders: args.clientIds.map((clientId) => ({ providerName: args.userPoolEndpoint, clientId, serverSideTokenCheck: true })),
                supportedLoginProviders: Object.keys(supportedLoginProviders).length > 0 ? supportedLoginProviders : undefined,
                samlProviderArns: this.samlProviders.length > 0 ? this.samlProviders.map((p) => p.arn) : undefined,
                openidConnectProviderArns: this.oidcProviders.length > 0 ? this.oidcProviders.map((p) => p.arn) : undefined,
                tags,
            },
            { parent: this },
        );
        this.identityPoolId = this.pool.id;

        const role = (suffix: string, kind: IdentityKind, description: string) =>
            new aws.iam.Role(
                `${name}-${suffix}`,
                {
                    description,
                    assumeRolePolicy: this.pool.id.apply((id) => JSON.stringify(identityPoolTrustPolicy(id, kind, tagSession && kind === "authenticated"))),
                    tags,
                },
                { parent: this },
            );

        this.authenticatedRole = role("authenticated-role", "authenticated", "Signed-in identities of this identity pool");
        if (allowGuests) {
            this.guestRole = role("guest-role", "unauthenticated", "Guest identities of this identity pool: public data only");
        }
        this.groupRoles = Object.fromEntries((args.groupRoles ?? []).map((g) => [g, role(`group-${slug(g)}-role`, "authenticated", `Signed-in members of user-pool group ${g}`)]));
        this.groupRoleArns = Object.fromEntries(Object.entries(this.groupRoles).map(([g, r]) => [g, r.arn]));

        const roleArnFor = (target: string): pulumi.Input<string> =>
            target === AUTHENTICATED_ROLE_KEYWORD ? this.authenticatedRole.arn : (this.groupRoles[target]?.arn ?? target);

        this.roleAttachment = new aws.cognito.IdentityPoolRoleAttachment(
            `${name}-roles`,
            {
                identityPoolId: this.pool.id,
                roles: {
                    authenticated: this.authenticatedRole.arn,
                    ...(this.guestRole ? { unauthenticated: this.guestRole.arn } : {}),
                },
                roleMappings:
                    type === "None"
                        ? undefined
                        : args.clientIds.map((clientId) => ({
                              identityProvider: pulumi.interpolate`${args.userPoolEndpoint}:${clientId}`,
                              type,
                              ambiguousRoleResolution: ambiguous,
                              mappingRules:
                                  type === "Rules"
                                      ? (args.roleMappingRules ?? []).map((r) => ({ claim: r.claim, matchType: r.matchType, value: r.value, roleArn: roleArnFor(r.role) }))
                                      : undefined,
                          })),
            },
            { parent: this },
        );

        if (tagSession) {
            this.principalTag = new aws.cognito.IdentityPoolProviderPrincipalTag(
                `${name}-principal-tags`,
                { identityPoolId: this.pool.id, identityProviderName: args.userPoolEndpoint, principalTags, useDefaults: false },
                { parent: this },
            );
        }

        this.registerOutputs({
            identityPoolId: this.identityPoolId,
            authenticatedRoleArn: this.authenticatedRole.arn,
            guestRoleArn: this.guestRole?.arn,
            groupRoleArns: this.groupRoleArns,
        });
    }
}
