import { EMAIL_DOMAIN_PATTERN } from "./env";

export interface EmailAddress {
    readonly local: string;
    /** Lower-case. */
    readonly domain: string;
}

/** RFC 5322 atext: what an unquoted local part may hold. */
const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;

/**
 * A strict mailbox address, `local@domain`, or undefined. Accepted: one `@`, a dot-atom local
 * part (no quotes, no comments, no spaces) of at most 64 characters, a DNS domain name (ASCII,
 * IDNs as punycode). Refused: anything an address list or a parser could read another way,
 * such as `a@evil.com@example.com`, `a@evil.com,b@example.com`, ` a@example.com` or a trailing
 * dot. The domain is compared in lower case; the address is never trimmed or rewritten.
 */
export function parseEmailAddress(value: unknown): EmailAddress | undefined {
    if (typeof value !== "string" || value.length > 254) {
        return undefined;
    }
    const at = value.indexOf("@");
    if (at <= 0 || at !== value.lastIndexOf("@")) {
        return undefined;
    }
    const local = value.slice(0, at);
    const domain = value.slice(at + 1).toLowerCase();
    if (local.length > 64 || !LOCAL_PART.test(local) || !EMAIL_DOMAIN_PATTERN.test(domain)) {
        return undefined;
    }
    return { local, domain };
}
