import * as pulumi from "@pulumi/pulumi";
import type { ValidationIssue } from "../issues";

/** What one identity provider contributes: the `aws.cognito.IdentityProvider` inputs. */
export interface IdentityProviderSpec {
    /** Name apps and `supportedIdentityProviders` use: Google, Facebook, SignInWithApple, or the SAML/OIDC name. */
    readonly providerName: string;
    readonly providerType: "Google" | "Facebook" | "SignInWithApple" | "SAML" | "OIDC";
    readonly providerDetails: pulumi.Input<Record<string, pulumi.Input<string>>>;
    readonly attributeMapping: Record<string, string>;
    readonly idpIdentifiers?: string[];
}

/** Names AWS reserves for its built-in providers. */
export const BUILT_IN_PROVIDER_NAMES = ["COGNITO", "Google", "Facebook", "SignInWithApple", "LoginWithAmazon"] as const;

/** User-pool attribute ← provider claim; provider defaults first, the stack's mapping over them. */
export function mergeMapping(defaults: Record<string, string>, custom: Record<string, string> | undefined): Record<string, string> {
    return { ...defaults, ...(custom ?? {}) };
}

/** A provider kind: validation of its plain args, and its spec. */
export interface ProviderKind<A, S> {
    validate(args: A, field: string, secretPresent: boolean): ValidationIssue[];
    spec(args: A, secret: S): IdentityProviderSpec;
}
