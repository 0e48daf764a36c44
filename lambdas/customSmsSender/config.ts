import { EnvReader, type Env } from "../shared/env";
import { readMessageSettings, type MessageSettings } from "../shared/messageConfig";
import { readKeyArn } from "../shared/senderConfig";

export interface CustomSmsSenderConfig extends MessageSettings {
    readonly keyArn: string;
    /** Alphanumeric sender id shown where carriers allow one; optional. */
    readonly senderId?: string;
}

/** Reads KEY_ARN (required), SMS_SENDER_ID (1-11 letters and digits, at least one letter), APP_NAME and DEFAULT_LANGUAGE. */
export function parseCustomSmsSenderConfig(env: Env): CustomSmsSenderConfig {
    const r = new EnvReader("customSmsSender", env);
    const keyArn = readKeyArn(r);
    const senderId = r.matching("SMS_SENDER_ID", /^(?=.*[A-Za-z])[A-Za-z0-9]{1,11}$/, "1-11 letters and digits with at least one letter", "set it like Example, or leave it empty", { required: false });
    return r.done({ ...readMessageSettings(r), keyArn, senderId });
}
