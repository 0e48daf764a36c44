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

/** ListUsers filters are quoted strings: what would break out of the quotes cannot be looked up. */
export function filterSafe(email: string): boolean {
    return !/["\\\p{Cc}]/u.test(email);
}

/**
 * Users of the pool whose email is `email` (compared in lower case), of any status. The lookup
 * runs for the address as given and in lower case, so that a case variant does not hide a user.
 */
export async function usersWithEmail(cognito: CognitoIdentityProviderClient, userPoolId: string, email: string): Promise<UserType[]> {
    const variants = [...new Set([email, email.toLowerCase()])];
    const found = new Map<string, UserType>();
    for (const variant of variants) {
        const { Users = [] } = await cognito.send(new ListUsersCommand({ UserPoolId: userPoolId, Filter: `email = "${variant}"`, Limit: 60 }));
        for (const u of Users) {
            if (u.Username !== undefined && attribute(u, "email")?.toLowerCase() === email.toLowerCase()) {
                found.set(u.Username, u);
            }
        }
    }
    return [...found.values()];
}

/**
 * The users a federated identity may be linked to: native users that are enabled, CONFIRMED and
 * whose email is verified. An unverified email proves nothing about who owns the account, so a
 * link would hand that account to whoever controls the provider identity. UNCONFIRMED,
 * RESET_REQUIRED and COMPROMISED users have not proven (or no longer prove) control of it.
 * FORCE_CHANGE_PASSWORD users are left out too: an administrator created them and may have
 * marked the email verified without anything being sent, and nobody has signed in yet; they
 * become link targets after their first sign-in, when they are CONFIRMED.
 */
export function linkTargets(users: readonly UserType[]): UserType[] {
    return users.filter((u) => u.UserStatus === "CONFIRMED" && u.Enabled === true && attribute(u, "email_verified") === "true");
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
