import { EnvReader, GROUP_NAME_PATTERN, USER_POOL_ID_PATTERN, type Env } from "../shared/env";
import { isRecord, own } from "../shared/event";
import type { Jwks } from "aws-jwt-verify/jwk";
import type { AuthorizerOptions } from "./authorizer";
import { compileRoutes, type RouteRequirements } from "./routes";

/**
 * Reads USER_POOL_ID, APP_CLIENT_IDS (comma-separated), REQUIRED_GROUPS (comma-separated; the
 * caller must be in one of them on every route; empty = any signed-in user),
 * ROUTE_REQUIREMENTS (JSON, required on top of REQUIRED_GROUPS on the routes they cover; when
 * set, a route no rule covers is denied:
 * `{"DELETE /items/{id}": {"groups": ["editors"]}, "ANY /reports/{proxy+}": {"scopes": ["api/reports"]}}`;
 * a rule with `"machine": true` and scopes admits client_credentials tokens there, and no user)
 * and JWKS (optional: the pool's JWKS as JSON, cached at init instead of fetched; a key it
 * lacks is still fetched from the pool).
 */
export function parseAuthorizerConfig(env: Env): AuthorizerOptions {
    const r = new EnvReader("authorizer", env);
    const userPoolId = r.matching("USER_POOL_ID", USER_POOL_ID_PATTERN, 'a user pool id like "eu-west-1_AbCdEf123"', "set it to the id of the user pool that issues the tokens", { required: true }) ?? "";
    const clientIds = r.list("APP_CLIENT_IDS", { pattern: /^[\w+]{1,128}$/, rule: "app client ids", fix: "set it to the ids of the app clients that call the API" }, { required: true });
    const requiredGroups = r.list("REQUIRED_GROUPS", { pattern: GROUP_NAME_PATTERN, rule: "group names", fix: 'set it like "admins,operators", or leave it empty to admit any signed-in user' }, { required: false });
    const routes = r.json<RouteRequirements>("ROUTE_REQUIREMENTS", (value) => {
        const { problems } = compileRoutes(value);
        return problems.length > 0 ? problems.join("; ") : value as RouteRequirements;
    }, 'an object of "METHOD /path" to {"groups": [...], "scopes": [...]}', "fix the JSON or leave it empty");
    const jwks = r.json<Jwks>("JWKS", (value) => {
        const keys = own(value, "keys");
        return Array.isArray(keys) && keys.length > 0 && keys.every(isRecord) ? value as Jwks : 'it has no "keys" array of keys';
    }, 'a JWKS object like {"keys":[...]}', "set it to the pool's /.well-known/jwks.json content, or leave it empty to fetch that at init");
    return r.done({ userPoolId, clientIds, requiredGroups, routes, jwks });
}
