import { ALWAYS_PRIVILEGED_ATTRIBUTES, ATTRIBUTE_NAME_PATTERN } from "../shared/attributes";
import { EMAIL_DOMAIN_PATTERN, EnvReader, type Env } from "../shared/env";

export interface PreSignUpConfig {
    /** Lower-case email domains allowed to sign up; empty allows every domain. */
    readonly allowedEmailDomains: readonly string[];
    /** Link a federated sign-in to the existing user with the same verified email. */
    readonly linkFederatedUsers: boolean;
    /** Attributes a self sign-up may not set (always including the verification flags). */
    readonly privilegedAttributes: ReadonlySet<string>;
    /**
     * Custom attribute the identity providers map their `email_verified` claim into, e.g.
     * `custom:idp_email_verified`: a federated email counts as verified when it holds "true".
     */
    readonly providerEmailVerifiedAttribute?: string;
}

/**
 * Reads ALLOWED_EMAIL_DOMAINS (comma-separated, empty = all), LINK_FEDERATED_USERS (`true` |
 * `false`, default `true`), PRIVILEGED_ATTRIBUTES (comma-separated, added to email_verified and
 * phone_number_verified) and PROVIDER_EMAIL_VERIFIED_ATTRIBUTE (a custom attribute, optional).
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
    const privileged = r.list("PRIVILEGED_ATTRIBUTES", {
        pattern: ATTRIBUTE_NAME_PATTERN, rule: "attribute names", fix: 'set it like "custom:tenant_id,custom:role"',
    }, { required: false });
    const carrier = r.matching("PROVIDER_EMAIL_VERIFIED_ATTRIBUTE", /^custom:[A-Za-z0-9_]{1,20}$/, "a custom attribute like custom:idp_email_verified",
        "set it to the custom attribute the providers map email_verified into, or leave it empty", { required: false });
    if (carrier !== undefined && privileged.includes(carrier)) {
        r.problem("PROVIDER_EMAIL_VERIFIED_ATTRIBUTE", "must not be a privileged attribute", carrier, "use an attribute that nothing else trusts");
    }
    return r.done({
        allowedEmailDomains,
        linkFederatedUsers: link !== "false",
        privilegedAttributes: new Set([...ALWAYS_PRIVILEGED_ATTRIBUTES, ...privileged]),
        providerEmailVerifiedAttribute: carrier,
    });
}
