/**
 * User attributes that something trusts as proven: account linking, recovery and the welcome
 * email trust a verified address. Privileged in every pool, whatever the stack config adds
 * (the tenant attribute, principal-tag and role-mapping sources). Only an administrator or a
 * trigger may write a privileged attribute, never a user through an app client.
 */
export const ALWAYS_PRIVILEGED_ATTRIBUTES: readonly string[] = ["email_verified", "phone_number_verified"];

/** A user attribute or claim name as environment variables list them. */
export const ATTRIBUTE_NAME_PATTERN = /^[A-Za-z0-9_:.-]{1,128}$/;
