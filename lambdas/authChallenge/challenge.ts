import { randomInt, timingSafeEqual } from "node:crypto";

/** One step of the custom auth session as Cognito lists it. */
export interface SessionStep {
    readonly challengeName: string;
    readonly challengeResult: boolean;
    readonly challengeMetadata?: string;
}

export type Decision = { readonly kind: "issueTokens" } | { readonly kind: "fail" } | { readonly kind: "challenge" };

/**
 * Define auth challenge: only our CUSTOM_CHALLENGE steps (a session that went through SRP or a
 * password is not this flow), tokens after a right answer, failure after `maxAttempts` wrong
 * ones or for a user Cognito does not know.
 */
export function decide(session: readonly SessionStep[], userNotFound: boolean, maxAttempts: number): Decision {
    if (userNotFound || session.some((s) => s.challengeName !== "CUSTOM_CHALLENGE")) return { kind: "fail" };
    const last = session.at(-1);
    if (last?.challengeResult === true) return { kind: "issueTokens" };
    return session.length >= maxAttempts ? { kind: "fail" } : { kind: "challenge" };
}

const METADATA = /^CODE-(\d{6})$/;

/** A new six-digit code, from a CSPRNG, zero-padded. */
export function newCode(): string {
    return randomInt(0, 1_000_000).toString().padStart(6, "0");
}

/**
 * The code of the session's previous challenge (kept in its metadata, which only the triggers
 * see), so a retry after a typo does not send a second email; undefined on the first challenge.
 */
export function previousCode(session: readonly SessionStep[]): string | undefined {
    const m = METADATA.exec(session.at(-1)?.challengeMetadata ?? "");
    return m?.[1];
}

export function codeMetadata(code: string): string {
    return `CODE-${code}`;
}

/** Compares the answer with the code in constant time for equal lengths; anything else is wrong. */
export function answerMatches(expected: string, answer: string): boolean {
    const a = Buffer.from(expected, "utf8");
    const b = Buffer.from(answer.trim(), "utf8");
    return /^\d{6}$/.test(expected) && a.length === b.length && timingSafeEqual(a, b);
}

/** `j***@example.com`: enough for the user to recognise the address, not to learn it. */
export function maskEmail(email: string): string {
    const at = email.lastIndexOf("@");
    return at <= 0 ? "***" : `${email[0]}***${email.slice(at)}`;
}
