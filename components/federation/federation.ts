import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { issue, throwIfIssues, ValidationIssue } from "../issues";
import { apple, AppleArgs } from "./apple";
import { BUILT_IN_PROVIDER_NAMES, IdentityProviderSpec } from "./base";
import { facebook, FacebookArgs } from "./facebook";
import { google, GoogleArgs } from "./google";
import { oidc, OidcArgs } from "./oidc";
import { saml, SamlArgs } from "./saml";
import { slug } from "../userPool";

export interface FederationArgs {
    /** The user pool the providers belong to. */
    readonly userPoolId: pulumi.Input<string>;
    /** Sign in with Google. @default - off */
    readonly google?: GoogleArgs;
    /** Google OAuth client secret (`pulumi config set --secret googleClientSecret`). */
    readonly googleClientSecret?: pulumi.Input<string>;
    /** Facebook login. @default - off */
    readonly facebook?: FacebookArgs;
    /** Facebook app secret (`pulumi config set --secret facebookAppSecret`). */
    readonly facebookAppSecret?: pulumi.Input<string>;
    /** Sign in with Apple. @default - off */
    readonly apple?: AppleArgs;
    /** Apple private key, PEM (`pulumi config set --secret applePrivateKey`). */
    readonly applePrivateKey?: pulumi.Input<string>;
    /** SAML 2.0 providers. @default [] */
    readonly samlProviders?: readonly SamlArgs[];
    /** OpenID Connect providers. @default [] */
    readonly oidcProviders?: readonly OidcArgs[];
    /** OIDC client secrets by provider name (`pulumi config set --secret --path 'oidcClientSecrets.<name>'`). @default {} */
    readonly oidcClientSecrets?: pulumi.Input<Record<string, pulumi.Input<string>>>;
    /** Names of the OIDC secrets present, when oidcClientSecrets is an Output. @default - the keys of oidcClientSecrets */
    readonly oidcSecretNames?: readonly string[];
}

/**
 * Keys AWS adds to providerDetails of social and OIDC providers; without this every update
 * shows a diff that would remove them.
 */
const COMPUTED_DETAILS = ["authorize_url", "token_url", "attributes_url", "attributes_url_add_attributes", "token_request_method", "jwks_uri"].map(
    (k) => `providerDetails.${k}`,
);

/** Checks every provider's args, name clashes and that each provider has its secret. */
export function validateFederationArgs(a: Omit<FederationArgs, "userPoolId">): ValidationIssue[] {
    const out: ValidationIssue[] = [];
    if (a.google) out.push(...google.validate(a.google, "google", a.googleClientSecret !== undefined));
    if (a.facebook) out.push(...facebook.validate(a.facebook, "facebook", a.facebookAppSecret !== undefined));
    if (a.apple) out.push(...apple.validate(a.apple, "apple", a.applePrivateKey !== undefined));
    const oidcSecretNames =
        a.oidcSecretNames ?? (a.oidcClientSecrets !== undefined && !pulumi.Output.isInstance(a.oidcClientSecrets) ? Object.keys(a.oidcClientSecrets) : []);
    (a.samlProviders ?? []).forEach((p, i) => out.push(...saml.validate(p, `samlProviders[${i}]`, true)));
    (a.oidcProviders ?? []).forEach((p, i) => out.push(...oidc.validate(p, `oidcProviders[${i}]`, oidcSecretNames.includes(p.name))));

    const seen = new Map<string, string>();
    const named: [string, string][] = [
        ...(a.samlProviders ?? []).map((p, i): [string, string] => [p.name, `samlProviders[${i}].name`]),
        ...(a.oidcProviders ?? []).map((p, i): [string, string] => [p.name, `oidcProviders[${i}].name`]),
    ];
    for (const [providerName, field] of named) {
        if ((BUILT_IN_PROVIDER_NAMES as readonly string[]).some((b) => b.toLowerCase() === providerName.toLowerCase())) {
            out.push(issue(field, "must not be a built-in provider name (COGNITO, Google, Facebook, SignInWithApple, LoginWithAmazon)", providerName, "choose another name, e.g. Okta or EntraID"));
        }
        const other = seen.get(providerName.toLowerCase());
        if (other !== undefined) {
            out.push(issue(field, `must be unique among providers (also used by ${other})`, providerName, "give each provider its own name"));
        }
        seen.set(providerName.toLowerCase(), field);
    }
    const identifiers = new Map<string, string>();
    [...(a.samlProviders ?? []).map((p, i) => [p.idpIdentifiers ?? [], `samlProviders[${i}]`] as const), ...(a.oidcProviders ?? []).map((p, i) => [p.idpIdentifiers ?? [], `oidcProviders[${i}]`] as const)].forEach(
        ([ids, field]) =>
            ids.forEach((id) => {
                const other = identifiers.get(id.toLowerCase());
                if (other !== undefined && other !== field) {
                    out.push(issue(`${field}.idpIdentifiers`, `must be unique across providers (also used by ${other})`, id, "route each email domain to one IdP"));
                }
                identifiers.set(id.toLowerCase(), field);
            }),
    );
    return out;
}

/** The specs of the configured providers; secrets as given (placeholders where only names matter). */
function providerSpecs(a: Omit<FederationArgs, "userPoolId">, oidcSecret: (name: string) => pulumi.Input<string>): IdentityProviderSpec[] {
    return [
        ...(a.google ? [google.spec(a.google, a.googleClientSecret as pulumi.Input<string>)] : []),
        ...(a.facebook ? [facebook.spec(a.facebook, a.facebookAppSecret as pulumi.Input<string>)] : []),
        ...(a.apple ? [apple.spec(a.apple, a.applePrivateKey as pulumi.Input<string>)] : []),
        ...(a.samlProviders ?? []).map((p) => saml.spec(p, undefined)),
        ...(a.oidcProviders ?? []).map((p) => oidc.spec(p, oidcSecret(p.name))),
    ];
}

/**
 * The user-pool attributes each provider maps claims into (defaults included, `username`
 * left out), by provider name: what the app clients offering it must be able to write.
 */
export function mappedAttributesByProvider(a: Omit<FederationArgs, "userPoolId">): Record<string, string[]> {
    return Object.fromEntries(providerSpecs(a, () => "").map((s) => [s.providerName, Object.keys(s.attributeMapping).filter((k) => k !== "username")]));
}

/** Social, SAML and OIDC identity providers of a user pool, one `aws.cognito.IdentityProvider` each. */
export class Federation extends pulumi.ComponentResource {
    public readonly providers: aws.cognito.IdentityProvider[];
    /** Provider names for `supportedIdentityProviders`, in creation order. */
    public readonly providerNames: string[];
    /** What each provider was built from (for identity-pool logins that need the details). */
    public readonly specs: IdentityProviderSpec[];
    /** User-pool attributes each provider maps claims into, by provider name (see mappedAttributesByProvider). */
    public readonly mappedAttributes: Record<string, string[]>;

    constructor(name: string, args: FederationArgs, opts?: pulumi.ComponentResourceOptions) {
        super("cognito-stack:cognito:Federation", name, {}, opts);
        throwIfIssues(`Federation ${name}`, validateFederationArgs(args), "FederationArgs.");

        const secrets = pulumi.output(args.oidcClientSecrets ?? {});
        this.specs = providerSpecs(args, (provider) => pulumi.secret(secrets.apply((s) => (Object.hasOwn(s, provider) ? s[provider] : ""))));
        this.providerNames = this.specs.map((s) => s.providerName);
        this.mappedAttributes = mappedAttributesByProvider(args);
        this.providers = this.specs.map(
            (s) =>
                new aws.cognito.IdentityProvider(
                    `${name}-${slug(s.providerName)}`,
                    {
                        userPoolId: args.userPoolId,
                        providerName: s.providerName,
                        providerType: s.providerType,
                        providerDetails: s.providerDetails,
                        attributeMapping: s.attributeMapping,
                        idpIdentifiers: s.idpIdentifiers,
                    },
                    { parent: this, ignoreChanges: s.providerType === "SAML" ? [] : COMPUTED_DETAILS },
                ),
        );
        this.registerOutputs({ providerNames: this.providerNames });
    }
}
