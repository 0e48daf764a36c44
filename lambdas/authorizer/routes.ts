import { GROUP_NAME_PATTERN, SCOPE_PATTERN } from "../shared/env";

/** What a caller needs on a route: membership of one of `groups` and one of `scopes` (each if given). */
export interface RouteRequirement {
    readonly groups?: readonly string[];
    readonly scopes?: readonly string[];
}

/** Route rules keyed `METHOD /path`; METHOD may be `*`, the path may end in `*` (any suffix). */
export type RouteRequirements = Readonly<Record<string, RouteRequirement>>;

export interface CompiledRoute {
    readonly key: string;
    /** `GET/admin/*`: the part of an execute-api ARN after `<api-id>/<stage>/`. */
    readonly arnSuffix: string;
    readonly requirement: RouteRequirement;
}

const ROUTE_KEY = /^(\*|GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) (\/[A-Za-z0-9._~{}+\-/]*\*?)$/;

/** Validates route rules; returns the problems found (empty when all are valid) and the rules. */
export function compileRoutes(routes: unknown): { routes: CompiledRoute[]; problems: string[] } {
    const problems: string[] = [];
    const compiled: CompiledRoute[] = [];
    if (typeof routes !== "object" || routes === null || Array.isArray(routes)) {
        return { routes: [], problems: ["route requirements must be an object keyed by route"] };
    }
    for (const [key, value] of Object.entries(routes as Record<string, unknown>)) {
        const match = ROUTE_KEY.exec(key);
        if (!match) {
            problems.push(`route "${key}" must look like "GET /admin/*" (method or *, a space, a path starting with /)`);
            continue;
        }
        const req = value as { groups?: unknown; scopes?: unknown } | null;
        const groups = listOf(req?.groups, GROUP_NAME_PATTERN);
        const scopes = listOf(req?.scopes, SCOPE_PATTERN);
        if (typeof req !== "object" || req === null || groups === null || scopes === null || (!groups && !scopes)) {
            problems.push(`route "${key}" needs { "groups": [...] } and/or { "scopes": [...] } with valid names`);
            continue;
        }
        compiled.push({ key, arnSuffix: `${match[1]}${match[2]}`, requirement: { groups, scopes } });
    }
    return { routes: compiled, problems };
}

/** undefined when absent, null when invalid, else the non-empty list. */
function listOf(value: unknown, pattern: RegExp): string[] | undefined | null {
    if (value === undefined) {
        return undefined;
    }
    if (!Array.isArray(value) || value.length === 0 || !value.every((v) => typeof v === "string" && pattern.test(v))) {
        return null;
    }
    return value as string[];
}

/** Whether a caller with these groups and scopes meets the requirement. */
export function satisfies(req: RouteRequirement, groups: readonly string[], scopes: readonly string[]): boolean {
    const groupOk = !req.groups || req.groups.some((g) => groups.includes(g));
    const scopeOk = !req.scopes || req.scopes.some((s) => scopes.includes(s));
    return groupOk && scopeOk;
}
