/** Cognito's names for the social providers; federated user names carry them in lower case. */
const SOCIAL_PROVIDERS: ReadonlyMap<string, string> = new Map([
    ["google", "Google"],
    ["facebook", "Facebook"],
    ["signinwithapple", "SignInWithApple"],
    ["loginwithamazon", "LoginWithAmazon"],
]);

export interface FederatedIdentity {
    /** Provider name as registered in the user pool, e.g. `Google` or `SAML-Okta`. */
    readonly providerName: string;
    /** The user's subject at the provider. */
    readonly subject: string;
}

/**
 * Splits a federated user name (`Google_1234`, `google_1234`, `SAML-Okta_abc_def`) at its first
 * underscore: provider names cannot contain one, subjects can.
 */
export function parseFederatedUserName(userName: string): FederatedIdentity | undefined {
    const sep = userName.indexOf("_");
    if (sep <= 0 || sep === userName.length - 1) {
        return undefined;
    }
    const prefix = userName.slice(0, sep);
    return {
        providerName: SOCIAL_PROVIDERS.get(prefix.toLowerCase()) ?? prefix,
        subject: userName.slice(sep + 1),
    };
}
