import { PublishCommand, type SNSClient } from "@aws-sdk/client-sns";
import type { CodeDecrypter } from "../shared/codeDecryption";
import { senderMessage } from "../shared/customSender";
import type { Logger } from "../shared/logger";
import type { CustomSmsSenderConfig } from "./config";

export interface CustomSmsSenderDeps {
    readonly config: CustomSmsSenderConfig;
    readonly decrypt: CodeDecrypter;
    readonly sns: SNSClient;
    readonly logger: Logger;
}

/** E.164: a plus, then 8 to 15 digits, the first not zero. */
export const E164 = /^\+[1-9]\d{7,14}$/;

/**
 * Custom SMS sender: decrypts the code and sends the project's text for the trigger source as
 * a transactional SMS through SNS, straight to the user's phone number (never a topic). The
 * code is never logged.
 */
export function createCustomSmsSenderHandler({ config, decrypt, sns, logger }: CustomSmsSenderDeps) {
    return async (input: unknown): Promise<void> => {
        const m = await senderMessage(input, "CustomSMSSender_", config, decrypt);
        const to = m.attributes.get("phone_number");
        if (to === undefined || !E164.test(to)) {
            logger.error("no valid phone number; message not sent", { userName: m.userName, triggerSource: m.triggerSource });
            throw new Error("No destination: request.userAttributes.phone_number is missing or not an E.164 number");
        }
        const { MessageId } = await sns.send(new PublishCommand({
            PhoneNumber: to,
            Message: m.message.sms,
            MessageAttributes: {
                "AWS.SNS.SMS.SMSType": { DataType: "String", StringValue: "Transactional" },
                ...(config.senderId !== undefined ? { "AWS.SNS.SMS.SenderID": { DataType: "String", StringValue: config.senderId } } : {}),
            },
        }));
        logger.info("sms sent", { userName: m.userName, triggerSource: m.triggerSource, language: m.language, messageId: MessageId });
    };
}
