import type { ClaimsAndScopeOverrideDetails, PreTokenGenerationV2TriggerEvent } from "aws-lambda";
import type { PreTokenGenerationConfig } from "./config";

/**
 * The claims and scopes to apply to both tokens: the tenant from its custom attribute, the
 * groups as roles, configured claims suppressed, and scopes from config and group membership.
 */
export function tokenOverrides(
    config: PreTokenGenerationConfig, request: PreTokenGenerationV2TriggerEvent["request"],
): ClaimsAndScopeOverrideDetails {
    const groups = request.groupConfiguration.groupsToOverride ?? [];
    const claims: Record<string, string> = {};
    const tenant = request.userAttributes[config.tenantAttribute];
    if (tenant) {
        claims[config.tenantClaim] = tenant;
    }
    if (groups.length > 0) {
        claims[config.rolesClaim] = groups.join(" ");
    }
    const claimsToSuppress = config.suppressedClaims.filter((c) => !(c in claims));
    const scopes = new Set(config.accessTokenScopes);
    for (const group of groups) {
        for (const scope of config.scopesByGroup[group] ?? []) {
            scopes.add(scope);
        }
    }
    return {
        idTokenGeneration: { claimsToAddOrOverride: claims, claimsToSuppress },
        accessTokenGeneration: {
            claimsToAddOrOverride: claims,
            claimsToSuppress,
            // Cognito adds a scope only if the app client may request it; keep out the ones already granted.
            scopesToAdd: [...scopes].filter((s) => !(request.scopes ?? []).includes(s)),
        },
    };
}
