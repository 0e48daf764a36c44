import type { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import type { PreSignUpTriggerEvent } from "aws-lambda";
import type { Logger } from "../shared/logger";
import type { PreSignUpConfig } from "./config";
import { assertEmailDomainAllowed } from "./emailDomain";
import { parseFederatedUserName } from "./federatedUser";
import { AccountLinkedError, findLinkTargets, linkIdentity } from "./linking";

export interface PreSignUpDeps {
    readonly config: PreSignUpConfig;
    readonly cognito: CognitoIdentityProviderClient;
    readonly logger: Logger;
}

/**
 * Pre sign-up rules:
 * - every source (self sign-up, admin-created, federated) must use an allowed email domain;
 * - self sign-ups are neither auto-confirmed nor auto-verified: the emailed code is the only
 *   proof of mailbox ownership, and verified emails are what account linking trusts;
 * - admin-created users keep what the administrator set;
 * - federated users are confirmed (their provider authenticated them), and their email is
 *   verified only when the provider says so (`email_verified` mapped to "true");
 * - a federated user whose provider-verified email belongs to exactly one native user with a
 *   verified email is linked to that user (AdminLinkProviderForUser) and this sign-up is
 *   failed, so no duplicate profile is created; the next sign-in lands in the linked user.
 */
export function createPreSignUpHandler({ config, cognito, logger }: PreSignUpDeps) {
    return async (event: PreSignUpTriggerEvent): Promise<PreSignUpTriggerEvent> => {
        const email = event.request.userAttributes.email;
        logger.info("pre sign-up", { triggerSource: event.triggerSource, userName: event.userName });
        assertEmailDomainAllowed(email, config.allowedEmailDomains);

        if (event.triggerSource !== "PreSignUp_ExternalProvider") {
            return event;
        }
        const emailVerifiedByProvider = event.request.userAttributes.email_verified === "true";
        event.response.autoConfirmUser = true;
        event.response.autoVerifyEmail = emailVerifiedByProvider;

        const identity = parseFederatedUserName(event.userName);
        if (!config.linkFederatedUsers || !email || !emailVerifiedByProvider || !identity) {
            return event;
        }
        const targets = await findLinkTargets(cognito, event.userPoolId, email);
        if (targets.length !== 1) {
            if (targets.length > 1) {
                logger.warn("several users share this verified email; not linking", { count: targets.length });
            }
            return event;
        }
        await linkIdentity(cognito, event.userPoolId, targets[0], identity);
        logger.info("linked federated identity to existing user", {
            providerName: identity.providerName, destination: targets[0].Username,
        });
        throw new AccountLinkedError();
    };
}
