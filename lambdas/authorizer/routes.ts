import { GROUP_NAME_PATTERN, SCOPE_PATTERN } from "../shared/env";
import { isRecord, own } from "../shared/event";

/** What a caller needs on a route: membership of one of `groups` and one of `scopes` (each if given). */
export interface RouteRequirement {
    readonly groups?: readonly string[];
    readonly scopes?: readonly string[];
    /** The rule admits machine clients (client_credentials tokens, with `scopes`) and no user. @default false */
    readonly machine?: boolean;
}

/**
 * Route rules keyed `METHOD /path` as API Gateway writes routes: METHOD is a method, `ANY` or
 * `*`; path segments are literals, `{param}` (one segment), a final `{proxy+}` (the rest of
 * the path) or a final `*` (anything below).
 */
export type RouteRequirements = Readonly<Record<string, RouteRequirement>>;

export interface CompiledRoute {
    readonly key: string;
    /**
     * The part of an execute-api ARN after `<api-id>/<stage>/` that the rule covers, with every
     * parameter as `*`: `DELETE /items/{id}` → `DELETE/items/*`. IAM's `*` also spans `/`, so
     * a rule covers its route and the paths below it (`DELETE /items/a/b` too): write a rule for
     * a deeper route to require more there; the stricter rule wins.
     */
    readonly arnSuffix: string;
    readonly requirement: RouteRequirement;
}

const METHODS = new Map([["*", "*"], ["ANY", "*"], ["GET", "GET"], ["POST", "POST"], ["PUT", "PUT"], ["PATCH", "PATCH"], ["DELETE", "DELETE"], ["HEAD", "HEAD"], ["OPTIONS", "OPTIONS"]]);
const LITERAL = /^[A-Za-z0-9._~:@-]+$/;
const PARAM = /^\{[A-Za-z0-9._-]+\}$/;
const GREEDY = /^\{[A-Za-z0-9._-]+\+\}$/;
const KEY_FORMAT = 'look like "GET /items/{id}", "ANY /admin/{proxy+}" or "* /reports/*" (a method, ANY or *, one space, a path of literal segments, {param}, and a final {proxy+} or *)';

/** The path as the ARN holds it, each parameter a wildcard; or an error text. */
function compilePath(path: string): string | { error: string } {
    if (path === "/") {
        return "";
    }
    if (!path.startsWith("/")) {
        return { error: "the path must start with /" };
    }
    const segments = path.slice(1).split("/");
    const out: string[] = [];
    for (const [i, s] of segments.entries()) {
        const last = i === segments.length - 1;
        if (LITERAL.test(s)) {
            out.push(s);
        } else if (PARAM.test(s)) {
            out.push("*");
        } else if (GREEDY.test(s) || s === "*") {
            if (!last) {
                return { error: `${s} may only be the last segment` };
            }
            out.push("*");
        } else {
            return { error: `segment ${JSON.stringify(s)} is not a literal (letters, digits, . _ ~ : @ -), {param}, {proxy+} or *` };
        }
    }
    return out.join("/");
}

/** undefined when absent, null when invalid, else the non-empty list. */
function listOf(value: unknown, pattern: RegExp): string[] | undefined | null {
    if (value === undefined) {
        return undefined;
    }
    if (!Array.isArray(value) || value.length === 0 || !value.every((v): v is string => typeof v === "string" && pattern.test(v))) {
        return null;
    }
    return [...(value)];
}

/** Validates route rules; returns every problem found (empty when all are valid) and the rules. */
export function compileRoutes(routes: unknown): { routes: CompiledRoute[]; problems: string[] } {
    const problems: string[] = [];
    const compiled: CompiledRoute[] = [];
    if (!isRecord(routes)) {
        return { routes: [], problems: ["route requirements must be an object keyed by route"] };
    }
    for (const [key, value] of Object.entries(routes)) {
        const match = /^(\S+) (\S+)$/.exec(key);
        const method = match ? METHODS.get(match[1]) : undefined;
        const path = match ? compilePath(match[2]) : { error: "" };
        if (method === undefined || typeof path !== "string") {
            const why = method === undefined ? "" : ` (${(path as { error: string }).error})`;
            problems.push(`route "${key}" must ${KEY_FORMAT}${why}`);
            continue;
        }
        const unknown = isRecord(value) ? Object.keys(value).filter((k) => k !== "groups" && k !== "scopes" && k !== "machine") : [];
        const groups = listOf(own(value, "groups"), GROUP_NAME_PATTERN);
        const scopes = listOf(own(value, "scopes"), SCOPE_PATTERN);
        const machine = own(value, "machine");
        if (!isRecord(value) || groups === null || scopes === null || (!groups && !scopes) || unknown.length > 0) {
            problems.push(`route "${key}" needs { "groups": [...] } and/or { "scopes": [...] } with valid names${unknown.length > 0 ? ` and nothing else (unknown: ${unknown.join(", ")})` : ""}`);
            continue;
        }
        if (machine !== undefined && typeof machine !== "boolean") {
            problems.push(`route "${key}" has "machine": ${JSON.stringify(machine)}; it must be true or false`);
            continue;
        }
        // Machines have no groups: a machine rule names the scopes that admit it.
        if (machine === true && (groups !== undefined || scopes === undefined)) {
            problems.push(`route "${key}" is a machine rule: it needs "scopes" and no "groups" (client_credentials tokens carry no groups)`);
            continue;
        }
        compiled.push({ key, arnSuffix: `${method}/${path}`, requirement: machine === true ? { groups, scopes, machine: true } : { groups, scopes } });
    }
    return { routes: compiled, problems };
}

/** Whether a caller with these groups and scopes meets the requirement. */
export function satisfies(req: RouteRequirement, groups: readonly string[], scopes: readonly string[]): boolean {
    const groupOk = !req.groups || req.groups.some((g) => groups.includes(g));
    const scopeOk = !req.scopes || req.scopes.some((s) => scopes.includes(s));
    return groupOk && scopeOk;
}
