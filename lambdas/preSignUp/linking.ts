import {
    AdminLinkProviderForUserCommand,
    ListUsersCommand,
    type CognitoIdentityProviderClient,
    type UserType,
} from "@aws-sdk/client-cognito-identity-provider";
import type { FederatedIdentity } from "./federatedUser";

/** Thrown after linking so that Cognito does not create a second profile for the same person. */
export class AccountLinkedError extends Error {
    constructor() {
        super("This sign-in is now linked to your existing account. Please sign in again.");
        this.name = "AccountLinkedError";
    }
}

const attribute = (user: UserType, name: string): string | undefined =>
    user.Attributes?.find((a) => a.Name === name)?.Value;

/**
 * Users of the pool with this email that may receive a link: native (not federated) users
 * whose email is verified. An unverified email proves nothing about who owns the account,
 * so linking to it would hand that account to whoever controls the provider identity.
 */
export async function findLinkTargets(
    cognito: CognitoIdentityProviderClient, userPoolId: string, email: string,
): Promise<UserType[]> {
    // ListUsers filters are quoted strings: refuse what would break out of the quotes.
    if (/["\\]/.test(email)) {
        return [];
    }
    const { Users = [] } = await cognito.send(new ListUsersCommand({
        UserPoolId: userPoolId,
        Filter: `email = "${email}"`,
        Limit: 10,
    }));
    return Users.filter((u) =>
        u.UserStatus !== "EXTERNAL_PROVIDER" &&
        u.Enabled !== false &&
        attribute(u, "email")?.toLowerCase() === email.toLowerCase() &&
        attribute(u, "email_verified") === "true");
}

export async function linkIdentity(
    cognito: CognitoIdentityProviderClient, userPoolId: string, target: UserType, identity: FederatedIdentity,
): Promise<void> {
    await cognito.send(new AdminLinkProviderForUserCommand({
        UserPoolId: userPoolId,
        DestinationUser: { ProviderName: "Cognito", ProviderAttributeValue: target.Username },
        // Cognito_Subject is the provider's user id, for social, OIDC and SAML (NameID) providers alike.
        SourceUser: {
            ProviderName: identity.providerName,
            ProviderAttributeName: "Cognito_Subject",
            ProviderAttributeValue: identity.subject,
        },
    }));
}
