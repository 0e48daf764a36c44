/** The provider secrets: encrypted in the stack file, read with requireSecret, never part of the plain config. */
export const SECRET_KEYS = ["googleClientSecret", "facebookAppSecret", "applePrivateKey", "oidcClientSecrets"] as const;
export type SecretKey = (typeof SECRET_KEYS)[number];

export const isSecretKey = (k: string): k is SecretKey => (SECRET_KEYS as readonly string[]).includes(k);

/** How to set each secret encrypted. */
export const SET_SECRET: Record<SecretKey, string> = {
    googleClientSecret: "pulumi config set --secret googleClientSecret <client secret>",
    facebookAppSecret: "pulumi config set --secret facebookAppSecret <app secret>",
    applePrivateKey: 'pulumi config set --secret applePrivateKey -- "$(cat AuthKey_<keyId>.p8)"',
    oidcClientSecrets: "pulumi config set --secret --path 'oidcClientSecrets.<provider name>' <client secret>",
};

/** The secret key that belongs to each provider key. */
export const PROVIDER_SECRET: Readonly<Record<string, SecretKey>> = {
    google: "googleClientSecret",
    facebook: "facebookAppSecret",
    apple: "applePrivateKey",
    oidcProviders: "oidcClientSecrets",
};
