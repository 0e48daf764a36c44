import { GROUP_NAME_PATTERN } from "./env";

/**
 * The one reading of group membership, used by the authorizer (on the token's
 * `cognito:groups`) and by the API (on the context the authorizer passes on). Cognito issues
 * `cognito:groups` as a JSON array of group names; anything else (a string, numbers, names
 * Cognito would not accept) is not a group list and is refused, never guessed at. Group names
 * may hold commas and brackets, so the authorizer passes them on as JSON, not joined.
 *
 * @returns the names, without duplicates, in order; [] when absent; undefined when invalid.
 */
export function parseGroups(value: unknown): string[] | undefined {
    if (value === undefined) {
        return [];
    }
    if (!Array.isArray(value) || !value.every((g): g is string => typeof g === "string" && GROUP_NAME_PATTERN.test(g))) {
        return undefined;
    }
    return [...new Set(value)];
}

/** How the authorizer passes groups to the API in its context (values there must be strings). */
export function encodeGroups(groups: readonly string[]): string {
    return JSON.stringify(groups);
}

/** The authorizer's context value back to names; undefined when it is not an encoded group list. */
export function decodeGroups(value: unknown): string[] | undefined {
    if (typeof value !== "string") {
        return undefined;
    }
    let parsed: unknown;
    try {
        parsed = JSON.parse(value);
    } catch {
        return undefined;
    }
    return Array.isArray(parsed) ? parseGroups(parsed) : undefined;
}
