import { SendEmailCommand, type SESv2Client } from "@aws-sdk/client-sesv2";
import type { CodeDecrypter } from "../shared/codeDecryption";
import { senderMessage } from "../shared/customSender";
import { parseEmailAddress } from "../shared/email";
import type { Logger } from "../shared/logger";
import type { CustomEmailSenderConfig } from "./config";

export interface CustomEmailSenderDeps {
    readonly config: CustomEmailSenderConfig;
    readonly decrypt: CodeDecrypter;
    readonly ses: SESv2Client;
    readonly logger: Logger;
}

/** Thrown when the user has no address the message can go to. */
export class NoDestinationError extends Error {
    constructor(what: string) {
        super(`No destination: ${what}`);
        this.name = "NoDestinationError";
    }
}

/**
 * Custom email sender: decrypts the code Cognito encrypted with the pool's KMS key and sends
 * the project's message for the trigger source (sign-up, resend, forgot password, admin
 * invitation, attribute verification, email MFA and sign-in codes, account-takeover notices)
 * through SES, in the user's language. The code is never logged; a failure fails the trigger,
 * so the user is told rather than left waiting for a code that never comes.
 */
export function createCustomEmailSenderHandler({ config, decrypt, ses, logger }: CustomEmailSenderDeps) {
    return async (input: unknown): Promise<void> => {
        const m = await senderMessage(input, "CustomEmailSender_", config, decrypt);
        const to = m.attributes.get("email");
        if (to === undefined || parseEmailAddress(to) === undefined) {
            logger.error("no valid email address; message not sent", { userName: m.userName, triggerSource: m.triggerSource });
            throw new NoDestinationError("request.userAttributes.email is missing or not a strictly valid address");
        }
        const { MessageId } = await ses.send(new SendEmailCommand({
            FromEmailAddress: config.senderEmail,
            Destination: { ToAddresses: [to] },
            ConfigurationSetName: config.configurationSet,
            Content: {
                Simple: {
                    Subject: { Data: m.message.subject, Charset: "UTF-8" },
                    Body: { Text: { Data: m.message.text, Charset: "UTF-8" }, Html: { Data: m.message.html, Charset: "UTF-8" } },
                },
            },
        }));
        logger.info("email sent", { userName: m.userName, triggerSource: m.triggerSource, language: m.language, messageId: MessageId });
    };
}
