import * as pulumi from "@pulumi/pulumi";
import { issue } from "../issues";
import { IdentityProviderSpec, mergeMapping, ProviderKind } from "./base";

export interface AppleArgs {
    /** The Services ID (client id) registered for Sign in with Apple. */
    readonly servicesId: string;
    /** 10-character Apple team id. */
    readonly teamId: string;
    /** 10-character id of the Sign in with Apple private key. */
    readonly keyId: string;
    /** @default "email name" */
    readonly scopes?: string;
    /** @default { email: "email", name: "name", username: "sub" } */
    readonly attributeMapping?: Record<string, string>;
}

/** Sign in with Apple (`providerName` SignInWithApple); the private key is a secret. */
export const apple: ProviderKind<AppleArgs, pulumi.Input<string>> = {
    validate: (_a, _field, secretPresent) =>
        !secretPresent
            ? [issue("applePrivateKey", "is required when apple is configured", undefined, "pulumi config set --secret applePrivateKey -- \"$(cat AuthKey_<keyId>.p8)\"")]
            : [],
    spec: (a, privateKey): IdentityProviderSpec => ({
        providerName: "SignInWithApple",
        providerType: "SignInWithApple",
        providerDetails: { client_id: a.servicesId, team_id: a.teamId, key_id: a.keyId, private_key: privateKey, authorize_scopes: a.scopes ?? "email name" },
        attributeMapping: mergeMapping({ email: "email", name: "name", username: "sub" }, a.attributeMapping),
    }),
};
