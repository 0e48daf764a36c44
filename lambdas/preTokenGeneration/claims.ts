import type { ClaimsAndScopeOverrideDetails } from "aws-lambda";
import type { PreTokenGenerationConfig } from "./config";

/** What the overrides are computed from, read from the event as Maps and arrays. */
export interface TokenRequest {
    readonly attributes: ReadonlyMap<string, string>;
    readonly groups: readonly string[];
    readonly scopes: readonly string[];
}

/**
 * The claims and scopes to apply to both tokens: the tenant from its custom attribute, the
 * groups as roles, configured claims suppressed, and scopes from config and group membership.
 * Group and attribute names are looked up in Maps: a group called `constructor` or
 * `__proto__` is a group like any other.
 */
export function tokenOverrides(config: PreTokenGenerationConfig, request: TokenRequest): ClaimsAndScopeOverrideDetails {
    const claims = new Map<string, string>();
    const tenant = request.attributes.get(config.tenantAttribute);
    if (tenant) {
        claims.set(config.tenantClaim, tenant);
    }
    if (request.groups.length > 0) {
        claims.set(config.rolesClaim, request.groups.join(" "));
    }
    const claimsToSuppress = config.suppressedClaims.filter((c) => !claims.has(c));
    const scopes = new Set(config.accessTokenScopes);
    for (const group of request.groups) {
        for (const scope of config.scopesByGroup.get(group) ?? []) {
            scopes.add(scope);
        }
    }
    const claimsToAddOrOverride = Object.fromEntries(claims);
    return {
        idTokenGeneration: { claimsToAddOrOverride, claimsToSuppress },
        accessTokenGeneration: {
            claimsToAddOrOverride,
            claimsToSuppress,
            // Cognito adds a scope only if the app client may request it; keep out the ones already granted.
            scopesToAdd: [...scopes].filter((s) => !request.scopes.includes(s)),
        },
    };
}
