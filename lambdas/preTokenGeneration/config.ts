import { EnvReader, GROUP_NAME_PATTERN, SCOPE_PATTERN, type Env } from "../shared/env";
import { isRecord } from "../shared/event";

/** Claims Cognito owns; a trigger may not add, override or suppress them. */
export const RESERVED_CLAIMS: readonly string[] = [
    "acr", "amr", "aud", "at_hash", "auth_time", "azp", "client_id", "cognito:username", "exp", "iat",
    "identities", "iss", "jti", "nbf", "nonce", "origin_jti", "scope", "sub", "token_use", "username",
    "event_id", "cognito:groups", "cognito:roles", "cognito:preferred_role",
];

export interface PreTokenGenerationConfig {
    /** User attribute holding the tenant, e.g. `custom:tenant_id`. */
    readonly tenantAttribute: string;
    /** Claim the tenant is written to in both tokens. */
    readonly tenantClaim: string;
    /** Claim listing the user's groups as space-separated roles. */
    readonly rolesClaim: string;
    /** Claims removed from both tokens (e.g. `phone_number`, `address`). */
    readonly suppressedClaims: readonly string[];
    /** Scopes added to every access token. */
    readonly accessTokenScopes: readonly string[];
    /** Scopes added to the access token of members of a group (a Map: group names are data). */
    readonly scopesByGroup: ReadonlyMap<string, readonly string[]>;
}

const CLAIM = /^[A-Za-z0-9_:.-]{1,128}$/;

/** The tenant attribute when TENANT_ATTRIBUTE is not set. */
export const DEFAULT_TENANT_ATTRIBUTE = "custom:tenant_id";

function parseScopesByGroup(value: unknown): Map<string, string[]> | string {
    if (!isRecord(value)) {
        return "the value is not a JSON object";
    }
    const out = new Map<string, string[]>();
    for (const [group, scopes] of Object.entries(value)) {
        if (!GROUP_NAME_PATTERN.test(group)) {
            return `"${group}" is not a group name`;
        }
        if (!Array.isArray(scopes) || !scopes.every((s): s is string => typeof s === "string" && SCOPE_PATTERN.test(s))) {
            return `the scopes of "${group}" are not an array of scope strings`;
        }
        out.set(group, scopes);
    }
    return out;
}

/**
 * Reads TENANT_ATTRIBUTE (default `custom:tenant_id`), TENANT_CLAIM (default `tenant_id`),
 * ROLES_CLAIM (default `roles`), SUPPRESSED_CLAIMS, ACCESS_TOKEN_SCOPES (comma-separated) and
 * SCOPES_BY_GROUP (JSON: `{"admins":["api/admin"]}`).
 */
export function parsePreTokenGenerationConfig(env: Env): PreTokenGenerationConfig {
    const r = new EnvReader("preTokenGeneration", env);
    const claimRule = "a claim name (letters, digits, _ : . -)";
    const tenantAttribute = r.matching("TENANT_ATTRIBUTE", /^custom:[A-Za-z0-9_-]{1,20}$/, "a custom attribute name like custom:tenant_id", "set it to the custom attribute holding the tenant", { required: false }) ?? DEFAULT_TENANT_ATTRIBUTE;
    const tenantClaim = r.matching("TENANT_CLAIM", CLAIM, claimRule, 'set it like "tenant_id"', { required: false }) ?? "tenant_id";
    const rolesClaim = r.matching("ROLES_CLAIM", CLAIM, claimRule, 'set it like "roles"', { required: false }) ?? "roles";
    const suppressedClaims = r.list("SUPPRESSED_CLAIMS", { pattern: CLAIM, rule: "claim names", fix: 'set it like "phone_number,address"' }, { required: false });
    const accessTokenScopes = r.list("ACCESS_TOKEN_SCOPES", { pattern: SCOPE_PATTERN, rule: "OAuth scopes", fix: 'set it like "api/read,api/write"' }, { required: false });
    const scopesByGroup = r.json("SCOPES_BY_GROUP", parseScopesByGroup, 'a JSON object of group name to scope array, like {"admins":["api/admin"]}', "fix the JSON or leave it empty") ?? new Map<string, string[]>();
    for (const [name, claim] of [["TENANT_CLAIM", tenantClaim], ["ROLES_CLAIM", rolesClaim]] as const) {
        if (RESERVED_CLAIMS.includes(claim)) {
            r.problem(name, "must not be a claim Cognito reserves", claim, "choose another claim name");
        }
    }
    const reserved = suppressedClaims.filter((c) => RESERVED_CLAIMS.includes(c));
    if (reserved.length > 0) {
        r.problem("SUPPRESSED_CLAIMS", `must not name claims Cognito reserves (${reserved.join(", ")})`, env.SUPPRESSED_CLAIMS, "remove them from the list");
    }
    return r.done({ tenantAttribute, tenantClaim, rolesClaim, suppressedClaims, accessTokenScopes, scopesByGroup });
}
