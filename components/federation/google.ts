import * as pulumi from "@pulumi/pulumi";
import { issue } from "../issues";
import { IdentityProviderSpec, mergeMapping, ProviderKind } from "./base";

export interface GoogleArgs {
    /** OAuth client id from the Google Cloud console. */
    readonly clientId: string;
    /** @default "openid email profile" */
    readonly scopes?: string;
    /**
     * User-pool attribute to Google claim, over the defaults. `email_verified` is privileged and
     * cannot be mapped; map Google's claim to triggers.preSignUp.providerEmailVerifiedAttribute.
     * @default { email: "email", name: "name", username: "sub" }
     */
    readonly attributeMapping?: Record<string, string>;
}

/** Sign in with Google (`providerName` Google). */
export const google: ProviderKind<GoogleArgs, pulumi.Input<string>> = {
    validate: (a, field, secretPresent) =>
        [
            !/\.apps\.googleusercontent\.com$/.test(a.clientId)
                ? issue(`${field}.clientId`, "must be a Google OAuth client id ending in .apps.googleusercontent.com", a.clientId, "copy the client id of a Web application OAuth client from the Google Cloud console")
                : undefined,
            !secretPresent ? issue("googleClientSecret", "is required when google is configured", undefined, "pulumi config set --secret googleClientSecret <client secret>") : undefined,
        ].filter((i) => i !== undefined),
    spec: (a, clientSecret): IdentityProviderSpec => ({
        providerName: "Google",
        providerType: "Google",
        providerDetails: { client_id: a.clientId, client_secret: clientSecret, authorize_scopes: a.scopes ?? "openid email profile" },
        attributeMapping: mergeMapping({ email: "email", name: "name", username: "sub" }, a.attributeMapping),
    }),
};
