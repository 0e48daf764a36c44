import * as pulumi from "@pulumi/pulumi";
import { issue } from "../issues";
import { IdentityProviderSpec, mergeMapping, ProviderKind } from "./base";

export interface OidcArgs {
    /** Provider name apps use (3-32 characters), e.g. `Auth0`. */
    readonly name: string;
    readonly clientId: string;
    /** Issuer URL (https); Cognito discovers the endpoints from it. */
    readonly issuer: string;
    /** @default "openid email profile" */
    readonly scopes?: string;
    /** How Cognito calls the userinfo endpoint. @default "GET" */
    readonly attributesRequestMethod?: "GET" | "POST";
    /** @default [] */
    readonly idpIdentifiers?: readonly string[];
    /**
     * User-pool attribute to OIDC claim, over the defaults. `email_verified` is privileged and
     * cannot be mapped; map the claim to triggers.preSignUp.providerEmailVerifiedAttribute.
     * @default { email: "email", username: "sub" }
     */
    readonly attributeMapping?: Record<string, string>;
}

/** Any OpenID Connect provider; its client secret is a secret. */
export const oidc: ProviderKind<OidcArgs, pulumi.Input<string>> = {
    validate: (a, field, secretPresent) =>
        [
            !/^https:\/\/[^\s/]+/.test(a.issuer) ? issue(`${field}.issuer`, "must be the issuer's https:// URL", a.issuer, "use the iss value of the provider's tokens") : undefined,
            !secretPresent
                ? issue(`oidcClientSecrets.${a.name}`, `is required for OIDC provider ${a.name}`, undefined, `pulumi config set --secret --path 'oidcClientSecrets.${a.name}' <client secret>`)
                : undefined,
        ].filter((i) => i !== undefined),
    spec: (a, clientSecret): IdentityProviderSpec => ({
        providerName: a.name,
        providerType: "OIDC",
        providerDetails: {
            client_id: a.clientId,
            client_secret: clientSecret,
            oidc_issuer: a.issuer,
            authorize_scopes: a.scopes ?? "openid email profile",
            attributes_request_method: a.attributesRequestMethod ?? "GET",
        },
        attributeMapping: mergeMapping({ email: "email", username: "sub" }, a.attributeMapping),
        idpIdentifiers: a.idpIdentifiers && a.idpIdentifiers.length > 0 ? [...a.idpIdentifiers] : undefined,
    }),
};
