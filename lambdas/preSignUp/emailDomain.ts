import { parseEmailAddress } from "../shared/email";

/** Error whose message Cognito shows the user as the reason the sign-up failed. */
export class SignUpRejectedError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "SignUpRejectedError";
    }
}

/**
 * Rejects the sign-up when an allow-list is set and the email is not a strict address at one of
 * its domains. The address is checked before its domain: `a@evil.com@example.com`, lists and
 * padded values are refused, not read for whatever follows their last `@`.
 */
export function assertEmailDomainAllowed(email: string | undefined, allowed: readonly string[]): void {
    if (allowed.length === 0) {
        return;
    }
    if (email === undefined) {
        throw new SignUpRejectedError("An email address is required to sign up.");
    }
    const address = parseEmailAddress(email);
    if (address === undefined) {
        throw new SignUpRejectedError("The email address is not valid: use a plain address like name@example.com.");
    }
    if (!allowed.includes(address.domain)) {
        throw new SignUpRejectedError(`Sign-up is not open to email addresses at ${address.domain}.`);
    }
}
