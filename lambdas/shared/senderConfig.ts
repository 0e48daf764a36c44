import { EnvReader } from "./env";

/** `arn:aws:kms:<region>:<account>:key/<id>`: the pool's key, never an alias (an alias can be moved to another key). */
export const KMS_KEY_ARN = /^arn:aws[\w-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]{1,128}$/;

/** Reads KEY_ARN (required). */
export function readKeyArn(r: EnvReader): string {
    return r.matching("KEY_ARN", KMS_KEY_ARN, "a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>)", "set it to the ARN of the pool's custom sender key", { required: true }) ?? "";
}
