import { EnvReader, type Env } from "../shared/env";
import { readMessageSettings, type MessageSettings } from "../shared/messageConfig";
import { readKeyArn } from "../shared/senderConfig";

export interface CustomEmailSenderConfig extends MessageSettings {
    readonly keyArn: string;
    /** Verified SES identity the messages come from. */
    readonly senderEmail: string;
    readonly configurationSet?: string;
}

const EMAIL = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/;

/** Reads KEY_ARN, SENDER_EMAIL (required), SES_CONFIGURATION_SET, APP_NAME and DEFAULT_LANGUAGE. */
export function parseCustomEmailSenderConfig(env: Env): CustomEmailSenderConfig {
    const r = new EnvReader("customEmailSender", env);
    const keyArn = readKeyArn(r);
    const senderEmail = r.matching("SENDER_EMAIL", EMAIL, "an email address", "set it to an address of an SES-verified identity", { required: true });
    const configurationSet = r.matching("SES_CONFIGURATION_SET", /^[A-Za-z0-9_-]{1,64}$/, "an SES configuration set name", "set it to an existing configuration set, or leave it empty", { required: false });
    return r.done({ ...readMessageSettings(r), keyArn, senderEmail: senderEmail ?? "", configurationSet });
}
