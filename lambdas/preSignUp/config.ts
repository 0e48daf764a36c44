import { EMAIL_DOMAIN_PATTERN, EnvReader, type Env } from "../shared/env";

export interface PreSignUpConfig {
    /** Lower-case email domains allowed to sign up; empty allows every domain. */
    readonly allowedEmailDomains: readonly string[];
    /** Link a federated sign-in to the existing user with the same verified email. */
    readonly linkFederatedUsers: boolean;
}

/**
 * Reads ALLOWED_EMAIL_DOMAINS (comma-separated, empty = all) and LINK_FEDERATED_USERS
 * (`true` | `false`, default `true`).
 */
export function parsePreSignUpConfig(env: Env): PreSignUpConfig {
    const r = new EnvReader("preSignUp", env);
    const allowedEmailDomains = r
        .list("ALLOWED_EMAIL_DOMAINS", {
            pattern: EMAIL_DOMAIN_PATTERN,
            rule: "lower-case domain names",
            fix: 'set it like "example.com,example.org", or leave it empty to allow every domain',
        }, { required: false });
    const link = r.matching("LINK_FEDERATED_USERS", /^(true|false)$/, '"true" or "false"',
        'set it to "true" (default) or "false"', { required: false });
    return r.done({ allowedEmailDomains, linkFederatedUsers: link !== "false" });
}
