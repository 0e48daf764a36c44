import { EnvReader, type Env } from "../shared/env";
import { readMessageSettings, type MessageSettings } from "../shared/messageConfig";
import { readConfigurationSet, readKeyArn, readSenderEmail } from "../shared/senderConfig";

export interface CustomEmailSenderConfig extends MessageSettings {
    readonly keyArn: string;
    /** Verified SES identity the messages come from. */
    readonly senderEmail: string;
    readonly configurationSet?: string;
}

/** Reads KEY_ARN, SENDER_EMAIL (required), SES_CONFIGURATION_SET, APP_NAME and DEFAULT_LANGUAGE. */
export function parseCustomEmailSenderConfig(env: Env): CustomEmailSenderConfig {
    const r = new EnvReader("customEmailSender", env);
    const keyArn = readKeyArn(r);
    const senderEmail = readSenderEmail(r);
    const configurationSet = readConfigurationSet(r);
    return r.done({ ...readMessageSettings(r), keyArn, senderEmail, configurationSet });
}
