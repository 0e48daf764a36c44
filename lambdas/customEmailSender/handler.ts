import { SESv2Client } from "@aws-sdk/client-sesv2";
import { codeDecrypter, kmsKeyring } from "../shared/codeDecryption";
import { createLogger } from "../shared/logger";
import { parseCustomEmailSenderConfig } from "./config";
import { createCustomEmailSenderHandler } from "./customEmailSender";

const config = parseCustomEmailSenderConfig(process.env);

export const handler = createCustomEmailSenderHandler({
    config,
    decrypt: codeDecrypter(kmsKeyring(config.keyArn)),
    ses: new SESv2Client({}),
    logger: createLogger("customEmailSender"),
});
