import { EnvReader, GROUP_NAME_PATTERN, type Env } from "../shared/env";
import { SENDER_EMAIL } from "../shared/senderConfig";

export interface PostConfirmationConfig {
    /** Verified SES identity the welcome email is sent from, e.g. `no-reply@example.com`. */
    readonly senderEmail: string;
    /** Group every newly confirmed user joins; undefined joins none. */
    readonly defaultGroup?: string;
    /** Product name used in the welcome email. */
    readonly appName: string;
    /** SES configuration set for the welcome email (event publishing, suppression); optional. */
    readonly configurationSet?: string;
}

/** Reads SENDER_EMAIL (required), DEFAULT_GROUP, APP_NAME and SES_CONFIGURATION_SET. */
export function parsePostConfirmationConfig(env: Env): PostConfirmationConfig {
    const r = new EnvReader("postConfirmation", env);
    const senderEmail = r.matching("SENDER_EMAIL", SENDER_EMAIL, "an email address", "set it to an address of an SES-verified identity, e.g. no-reply@example.com", { required: true });
    const defaultGroup = r.matching("DEFAULT_GROUP", GROUP_NAME_PATTERN, "a user pool group name (1-128 characters, no spaces)", "set it to an existing group's name, or leave it empty to add no group", { required: false });
    const configurationSet = r.matching("SES_CONFIGURATION_SET", /^[A-Za-z0-9_-]{1,64}$/, "an SES configuration set name (letters, digits, _ and -, up to 64)", "set it to an existing configuration set, or leave it empty", { required: false });
    return r.done({
        senderEmail: senderEmail ?? "",
        defaultGroup,
        appName: r.optional("APP_NAME") ?? "our service",
        configurationSet,
    });
}
