import { EnvReader } from "./env";

/** `arn:aws:kms:<region>:<account>:key/<id>`: the pool's key, never an alias (an alias can be moved to another key). */
export const KMS_KEY_ARN = /^arn:aws[\w-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]{1,128}$/;

/** An address as SES takes it for a sender. */
export const SENDER_EMAIL = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/;

/** Reads SENDER_EMAIL (required): the verified SES identity the messages come from. */
export function readSenderEmail(r: EnvReader): string {
    return r.matching("SENDER_EMAIL", SENDER_EMAIL, "an email address", "set it to an address of an SES-verified identity", { required: true }) ?? "";
}

/** Reads SES_CONFIGURATION_SET (optional). */
export function readConfigurationSet(r: EnvReader): string | undefined {
    return r.matching("SES_CONFIGURATION_SET", /^[A-Za-z0-9_-]{1,64}$/, "an SES configuration set name", "set it to an existing configuration set, or leave it empty", { required: false });
}

/** Reads KEY_ARN (required). */
export function readKeyArn(r: EnvReader): string {
    return r.matching("KEY_ARN", KMS_KEY_ARN, "a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>)", "set it to the ARN of the pool's custom sender key", { required: true }) ?? "";
}
