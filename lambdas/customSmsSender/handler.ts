import { SNSClient } from "@aws-sdk/client-sns";
import { codeDecrypter, kmsKeyring } from "../shared/codeDecryption";
import { createLogger } from "../shared/logger";
import { parseCustomSmsSenderConfig } from "./config";
import { createCustomSmsSenderHandler } from "./customSmsSender";

const config = parseCustomSmsSenderConfig(process.env);

export const handler = createCustomSmsSenderHandler({
    config,
    decrypt: codeDecrypter(kmsKeyring(config.keyArn)),
    sns: new SNSClient({}),
    logger: createLogger("customSmsSender"),
});
