import type { APIGatewayAuthorizerResult, Statement } from "aws-lambda";
import { encodeGroups } from "../shared/groups";
import { satisfies, type CompiledRoute, type RouteRequirement } from "./routes";

export interface Caller {
    /** `machine`: a client_credentials token, admitted only by route rules with `machine: true`. */
    readonly kind: "user" | "machine";
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
 * for all of them. A caller missing `required` is denied everywhere. Without route rules, the
 * caller may call every route. With route rules, the caller may call the routes of the rules
 * they meet and nothing else (a route no rule covers is denied by default); a rule they miss is
 * an explicit Deny, which wins where rules overlap. A rule covers its route and the paths below
 * it (see CompiledRoute), here as in IAM's evaluation.
 */
export function buildPolicy(
    caller: Caller, stagePrefix: string, required: RouteRequirement, routes: readonly CompiledRoute[],
): APIGatewayAuthorizerResult {
    const arns = (rs: readonly CompiledRoute[]) => [...new Set(rs.map((r) => `${stagePrefix}${r.arnSuffix}`))];
    // A rule is for users or for machines, never both: a machine token never meets a user rule.
    const forCaller = (r: CompiledRoute) => (r.requirement.machine === true) === (caller.kind === "machine");
    const met = (r: CompiledRoute) => forCaller(r) && satisfies(r.requirement, caller.groups, caller.scopes);
    const statements: Statement[] = [];
    if (caller.kind === "machine") {
        // Only the machine rules it meets; REQUIRED_GROUPS and rule-less stages are for users.
        const allowed = arns(routes.filter(met));
        const denied = arns(routes.filter((r) => !met(r)));
        if (allowed.length === 0) {
            statements.push({ Effect: "Deny", Action: "execute-api:Invoke", Resource: [`${stagePrefix}*/*`] });
        } else {
            statements.push({ Effect: "Allow", Action: "execute-api:Invoke", Resource: allowed });
            if (denied.length > 0) statements.push({ Effect: "Deny", Action: "execute-api:Invoke", Resource: denied });
        }
    } else if (!satisfies(required, caller.groups, caller.scopes)) {
        statements.push({ Effect: "Deny", Action: "execute-api:Invoke", Resource: [`${stagePrefix}*/*`] });
    } else {
        const allowed = routes.length === 0 ? [`${stagePrefix}*/*`] : arns(routes.filter(met));
        const denied = arns(routes.filter((r) => !met(r)));
        if (allowed.length > 0) {
            statements.push({ Effect: "Allow", Action: "execute-api:Invoke", Resource: allowed });
        }
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
            callerKind: caller.kind,
        },
    };
}
