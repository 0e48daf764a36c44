import { EnvReader, type Env } from "../shared/env";
import { readMessageSettings, type MessageSettings } from "../shared/messageConfig";
import { readConfigurationSet, readSenderEmail } from "../shared/senderConfig";

export interface AuthChallengeConfig extends MessageSettings {
    /** Verified SES identity the codes come from. */
    readonly senderEmail: string;
    readonly configurationSet?: string;
    /** Wrong codes allowed before the sign-in fails. */
    readonly maxAttempts: number;
}

/** Reads SENDER_EMAIL (required), SES_CONFIGURATION_SET, MAX_ATTEMPTS (1-5, default 3), APP_NAME and DEFAULT_LANGUAGE. */
export function parseAuthChallengeConfig(env: Env): AuthChallengeConfig {
    const r = new EnvReader("authChallenge", env);
    const senderEmail = readSenderEmail(r);
    const configurationSet = readConfigurationSet(r);
    const attempts = r.matching("MAX_ATTEMPTS", /^[1-5]$/, "an integer from 1 to 5", "set it to 3", { required: false });
    return r.done({ ...readMessageSettings(r), senderEmail, configurationSet, maxAttempts: attempts === undefined ? 3 : Number(attempts) });
}
