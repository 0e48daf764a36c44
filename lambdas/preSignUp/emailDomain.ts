/** The lower-case domain of an email address, or undefined when it has none. */
export function emailDomain(email: string | undefined): string | undefined {
    const at = email?.lastIndexOf("@") ?? -1;
    if (email === undefined || at <= 0 || at === email.length - 1) {
        return undefined;
    }
    return email.slice(at + 1).toLowerCase();
}

/** Error whose message Cognito shows the user as the reason the sign-up failed. */
export class SignUpRejectedError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "SignUpRejectedError";
    }
}

/** Rejects the sign-up when an allow-list is set and the email's domain is not on it. */
export function assertEmailDomainAllowed(email: string | undefined, allowed: readonly string[]): void {
    if (allowed.length === 0) {
        return;
    }
    const domain = emailDomain(email);
    if (domain === undefined) {
        throw new SignUpRejectedError("An email address is required to sign up.");
    }
    if (!allowed.includes(domain)) {
        throw new SignUpRejectedError(`Sign-up is not open to email addresses at ${domain}.`);
    }
}
