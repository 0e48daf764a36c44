import type { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import type { PreSignUpTriggerEvent } from "aws-lambda";
import { ALWAYS_PRIVILEGED_ATTRIBUTES } from "../shared/attributes";
import { parseEmailAddress } from "../shared/email";
import { eventRecord, MalformedEventError, recordAt, stringAt, stringMapAt } from "../shared/event";
import type { Logger } from "../shared/logger";
import type { PreSignUpConfig } from "./config";
import { assertEmailDomainAllowed, SignUpRejectedError } from "./emailDomain";
import { parseFederatedUserName } from "./federatedUser";
import { AccountLinkedError, filterSafe, linkIdentity, linkTargets, usersWithEmail } from "./linking";

export interface PreSignUpDeps {
    readonly config: PreSignUpConfig;
    readonly cognito: CognitoIdentityProviderClient;
    readonly logger: Logger;
}

const SOURCES = new Set(["PreSignUp_SignUp", "PreSignUp_AdminCreateUser", "PreSignUp_ExternalProvider"]);

/** The parts of the event the rules read, checked for their types. */
function readEvent(input: unknown) {
    const event = eventRecord(input);
    const triggerSource = stringAt(event, "triggerSource", "triggerSource");
    if (!SOURCES.has(triggerSource)) {
        throw new MalformedEventError(`triggerSource must be one of ${[...SOURCES].join(", ")}`);
    }
    const request = recordAt(event, "request", "request");
    return {
        triggerSource,
        userPoolId: stringAt(event, "userPoolId", "userPoolId"),
        userName: stringAt(event, "userName", "userName"),
        attributes: stringMapAt(request, "userAttributes", "request.userAttributes"),
        response: recordAt(event, "response", "response"),
    };
}

/**
 * Pre sign-up rules:
 * - a self sign-up (`SignUp`, no token at all) may not set a privileged attribute: those are
 *   written by administrators and triggers only (a verification flag of "false" claims nothing);
 * - every source (self sign-up, admin-created, federated) must use a strict address at an
 *   allowed email domain;
 * - self sign-ups are neither auto-confirmed nor auto-verified: the emailed code is the only
 *   proof of mailbox ownership, and verified emails are what account linking trusts;
 * - admin-created users keep what the administrator set;
 * - a federated sign-up whose email belongs to a disabled user is refused: disabling a user
 *   must not be undone by signing in through a provider with the same address;
 * - federated users are confirmed (their provider authenticated them), and their email is
 *   verified only when the provider says so (its `email_verified`, mapped into the configured
 *   custom attribute);
 * - a federated user whose provider-verified email belongs to exactly one enabled, CONFIRMED
 *   native user with a verified email is linked to that user (AdminLinkProviderForUser) and this
 *   sign-up is failed, so no duplicate profile is created; the next sign-in lands in that user.
 */
export function createPreSignUpHandler({ config, cognito, logger }: PreSignUpDeps) {
    return async (input: unknown): Promise<PreSignUpTriggerEvent> => {
        const event = readEvent(input);
        const { attributes, response } = event;
        const email = attributes.get("email");
        logger.info("pre sign-up", { triggerSource: event.triggerSource, userName: event.userName });

        if (event.triggerSource === "PreSignUp_SignUp") {
            const set = [...attributes].filter(([name, value]) =>
                config.privilegedAttributes.has(name) && !(ALWAYS_PRIVILEGED_ATTRIBUTES.includes(name) && value === "false"));
            if (set.length > 0) {
                throw new SignUpRejectedError(`Sign-up may not set ${set.map(([name]) => name).join(", ")}.`);
            }
        }
        assertEmailDomainAllowed(email, config.allowedEmailDomains);

        if (event.triggerSource !== "PreSignUp_ExternalProvider") {
            return input as PreSignUpTriggerEvent;
        }
        const carrier = config.providerEmailVerifiedAttribute;
        const verifiedByProvider = (carrier !== undefined && attributes.get(carrier) === "true") || attributes.get("email_verified") === "true";
        const strict = parseEmailAddress(email) !== undefined;
        response.autoConfirmUser = true;
        response.autoVerifyEmail = verifiedByProvider && strict;
        if (email === undefined) {
            return input as PreSignUpTriggerEvent;
        }
        if (!filterSafe(email)) {
            throw new SignUpRejectedError("The email address is not valid: use a plain address like name@example.com.");
        }

        const users = await usersWithEmail(cognito, event.userPoolId, email);
        if (users.some((u) => u.Enabled === false)) {
            logger.warn("federated sign-up of a disabled user refused", { userName: event.userName });
            throw new SignUpRejectedError("The account for this email address is disabled.");
        }
        const identity = parseFederatedUserName(event.userName);
        if (!config.linkFederatedUsers || !verifiedByProvider || !strict || !identity) {
            return input as PreSignUpTriggerEvent;
        }
        const natives = users.filter((u) => u.UserStatus !== "EXTERNAL_PROVIDER");
        const targets = linkTargets(natives);
        if (targets.length !== 1) {
            if (targets.length > 1) {
                logger.warn("several users share this verified email; not linking", { count: targets.length });
            } else if (natives.length > 0) {
                logger.info("a user has this email but may not be linked (not confirmed, not enabled or not verified)", { statuses: natives.map((u) => u.UserStatus) });
            }
            return input as PreSignUpTriggerEvent;
        }
        await linkIdentity(cognito, event.userPoolId, targets[0], identity);
        logger.info("linked federated identity to existing user", {
            providerName: identity.providerName, destination: targets[0].Username,
        });
        throw new AccountLinkedError();
    };
}
