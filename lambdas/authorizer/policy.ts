import type { APIGatewayAuthorizerResult, Statement } from "aws-lambda";
import { encodeGroups } from "../shared/groups";
import { satisfies, type CompiledRoute, type RouteRequirement } from "./routes";

export interface Caller {
    readonly sub: string;
    readonly username: string;
    readonly clientId: string;
    readonly groups: readonly string[];
    readonly scopes: readonly string[];
}

const METHOD_ARN = /^(arn:aws[a-z-]*:execute-api:[a-z0-9-]+:\d{12}:[A-Za-z0-9]+)\/([A-Za-z0-9_-]+)\/[A-Z]+\//;

/** `arn:aws:execute-api:<region>:<account>:<api-id>/<stage>/` of the method being called, or undefined. */
export function stageArnPrefix(methodArn: string): string | undefined {
    const m = METHOD_ARN.exec(methodArn);
    return m ? `${m[1]}/${m[2]}/` : undefined;
}

/**
 * The policy for everything the caller may call on this stage, not just the current method:
 * API Gateway caches the result per token and reuses it for other routes, so it must be right
 * for all of them. `required` applies on every route; a route rule adds its requirement on the
 * routes it covers, as an explicit Deny where the caller misses it. A caller missing `required`
 * is denied everywhere. Nothing is allowed by a pattern that could reach further than meant:
 * the only Allow is the whole stage, and rules' wider reach (see CompiledRoute) only denies.
 */
export function buildPolicy(
    caller: Caller, stagePrefix: string, required: RouteRequirement, routes: readonly CompiledRoute[],
): APIGatewayAuthorizerResult {
    const statements: Statement[] = [];
    if (!satisfies(required, caller.groups, caller.scopes)) {
        statements.push({ Effect: "Deny", Action: "execute-api:Invoke", Resource: [`${stagePrefix}*/*`] });
    } else {
        statements.push({ Effect: "Allow", Action: "execute-api:Invoke", Resource: [`${stagePrefix}*/*`] });
        const denied = [...new Set(routes.filter((r) => !satisfies(r.requirement, caller.groups, caller.scopes)).map((r) => `${stagePrefix}${r.arnSuffix}`))];
        if (denied.length > 0) {
            statements.push({ Effect: "Deny", Action: "execute-api:Invoke", Resource: denied });
        }
    }
    return {
        principalId: caller.sub,
        policyDocument: { Version: "2012-10-17", Statement: statements },
        // Context values must be strings, numbers or booleans: groups travel as a JSON array.
        context: {
            sub: caller.sub,
            username: caller.username,
            clientId: caller.clientId,
            groups: encodeGroups(caller.groups),
            scopes: caller.scopes.join(" "),
        },
    };
}
