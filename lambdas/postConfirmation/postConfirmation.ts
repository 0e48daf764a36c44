import { AdminAddUserToGroupCommand, type CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { SendEmailCommand, type SESv2Client } from "@aws-sdk/client-sesv2";
import type { PostConfirmationTriggerEvent } from "aws-lambda";
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
 */
export function createPostConfirmationHandler({ config, cognito, ses, logger }: PostConfirmationDeps) {
    return async (event: PostConfirmationTriggerEvent): Promise<PostConfirmationTriggerEvent> => {
        if (event.triggerSource !== "PostConfirmation_ConfirmSignUp") {
            return event;
        }
        if (config.defaultGroup) {
            await cognito.send(new AdminAddUserToGroupCommand({
                UserPoolId: event.userPoolId, Username: event.userName, GroupName: config.defaultGroup,
            }));
            logger.info("added user to default group", { userName: event.userName, group: config.defaultGroup });
        }
        const { email, name, given_name: givenName } = event.request.userAttributes;
        if (!email) {
            logger.info("no email attribute; welcome email skipped", { userName: event.userName });
            return event;
        }
        try {
            const { MessageId } = await ses.send(new SendEmailCommand(welcomeEmail(config, email, givenName ?? name)));
            logger.info("welcome email sent", { userName: event.userName, messageId: MessageId });
        } catch (error) {
            logger.error("welcome email failed; sign-up continues", { userName: event.userName, error: error as Error });
        }
        return event;
    };
}
