import * as pulumi from "@pulumi/pulumi";
import { issue } from "../issues";
import { IdentityProviderSpec, mergeMapping, ProviderKind } from "./base";

export interface FacebookArgs {
    /** Facebook app id. */
    readonly appId: string;
    /** Graph API version. @default "v21.0" */
    readonly apiVersion?: string;
    /** @default "public_profile,email" */
    readonly scopes?: string;
    /** @default { email: "email", name: "name", username: "id" } */
    readonly attributeMapping?: Record<string, string>;
}

/** Facebook login (`providerName` Facebook). */
export const facebook: ProviderKind<FacebookArgs, pulumi.Input<string>> = {
    validate: (a, field, secretPresent) =>
        [
            !/^\d{5,20}$/.test(a.appId) ? issue(`${field}.appId`, "must be the numeric Facebook app id", a.appId, "copy the App ID from the Meta developer dashboard") : undefined,
            !secretPresent ? issue("facebookAppSecret", "is required when facebook is configured", undefined, "pulumi config set --secret facebookAppSecret <app secret>") : undefined,
        ].filter((i) => i !== undefined),
    spec: (a, appSecret): IdentityProviderSpec => ({
        providerName: "Facebook",
        providerType: "Facebook",
        providerDetails: { client_id: a.appId, client_secret: appSecret, authorize_scopes: a.scopes ?? "public_profile,email", api_version: a.apiVersion ?? "v21.0" },
        attributeMapping: mergeMapping({ email: "email", name: "name", username: "id" }, a.attributeMapping),
    }),
};
