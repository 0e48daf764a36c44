import { AdminAddUserToGroupCommand, type CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { SendEmailCommand, type SESv2Client } from "@aws-sdk/client-sesv2";
import type { PostConfirmationTriggerEvent } from "aws-lambda";
import { parseEmailAddress } from "../shared/email";
import { eventRecord, recordAt, stringAt, stringMapAt } from "../shared/event";
import type { Logger } from "../shared/logger";
import type { PostConfirmationConfig } from "./config";
import { welcomeEmail } from "./welcomeEmail";

export interface PostConfirmationDeps {
    readonly config: PostConfirmationConfig;
    readonly cognito: CognitoIdentityProviderClient;
    readonly ses: SESv2Client;
    readonly logger: Logger;
}

/**
 * After a sign-up is confirmed (not after a password reset, which fires the same trigger):
 * adds the user to the default group and sends the welcome email. The group decides what the
 * user may do, so failing to add it fails the trigger; a failed email is only logged.
 *
 * The email goes only to a verified, strictly valid address: AdminConfirmSignUp confirms a
 * user without verifying anything, and mail to an unproven address is mail to a stranger.
 */
export function createPostConfirmationHandler({ config, cognito, ses, logger }: PostConfirmationDeps) {
    return async (input: unknown): Promise<PostConfirmationTriggerEvent> => {
        const triggerSource = stringAt(eventRecord(input), "triggerSource", "triggerSource");
        if (triggerSource !== "PostConfirmation_ConfirmSignUp") {
            return input as PostConfirmationTriggerEvent;
        }
        const userPoolId = stringAt(input, "userPoolId", "userPoolId");
        const userName = stringAt(input, "userName", "userName");
        const attributes = stringMapAt(recordAt(input, "request", "request"), "userAttributes", "request.userAttributes");
        if (config.defaultGroup) {
            await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: userName, GroupName: config.defaultGroup }));
            logger.info("added user to default group", { userName, group: config.defaultGroup });
        }
        const email = attributes.get("email");
        if (email === undefined || attributes.get("email_verified") !== "true" || parseEmailAddress(email) === undefined) {
            logger.info("no verified email address; welcome email skipped", { userName });
            return input as PostConfirmationTriggerEvent;
        }
        try {
            const { MessageId } = await ses.send(new SendEmailCommand(welcomeEmail(config, email, attributes.get("given_name") ?? attributes.get("name"))));
            logger.info("welcome email sent", { userName, messageId: MessageId });
        } catch (error) {
            logger.error("welcome email failed; sign-up continues", { userName, error: error as Error });
        }
        return input as PostConfirmationTriggerEvent;
    };
}
