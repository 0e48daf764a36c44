import type { APIGatewayAuthorizerResult, Statement } from "aws-lambda";
import { satisfies, type CompiledRoute } from "./routes";

export interface Caller {
    readonly sub: string;
    readonly username: string;
    readonly clientId: string;
    readonly groups: readonly string[];
    readonly scopes: readonly string[];
}

/** `arn:aws:execute-api:<region>:<account>:<api-id>/<stage>/` of the method being called. */
export function stageArnPrefix(methodArn: string): string {
    const [apiPart, stage] = methodArn.split("/");
    if (!apiPart?.startsWith("arn:") || !stage) {
        throw new Error(`methodArn is not an execute-api method ARN: ${methodArn}`);
    }
    return `${apiPart}/${stage}/`;
}

/**
 * The policy for everything the caller may call on this stage, not just the current method:
 * API Gateway caches the result per token and reuses it for other routes. Routes with their
 * own rule replace the default requirement there; an unmet rule is an explicit Deny (403).
 */
export function buildPolicy(
    caller: Caller, methodArn: string, defaultRequirement: { groups?: readonly string[] }, routes: readonly CompiledRoute[],
): APIGatewayAuthorizerResult {
    const prefix = stageArnPrefix(methodArn);
    const met = (r: CompiledRoute) => satisfies(r.requirement, caller.groups, caller.scopes);
    const defaultMet = satisfies(defaultRequirement, caller.groups, caller.scopes);
    const allowed = defaultMet ? [`${prefix}*/*`] : routes.filter(met).map((r) => `${prefix}${r.arnSuffix}`);
    const denied = defaultMet || allowed.length > 0
        ? routes.filter((r) => !met(r)).map((r) => `${prefix}${r.arnSuffix}`)
        : [`${prefix}*/*`];
    const statements: Statement[] = [];
    if (allowed.length > 0) {
        statements.push({ Effect: "Allow", Action: "execute-api:Invoke", Resource: allowed });
    }
    if (denied.length > 0) {
        statements.push({ Effect: "Deny", Action: "execute-api:Invoke", Resource: denied });
    }
    return {
        principalId: caller.sub,
        policyDocument: { Version: "2012-10-17", Statement: statements },
        // Context values must be strings, numbers or booleans.
        context: {
            sub: caller.sub,
            username: caller.username,
            clientId: caller.clientId,
            groups: caller.groups.join(","),
            scopes: caller.scopes.join(" "),
        },
    };
}
