import type { APIGatewayProxyEvent } from "aws-lambda";
import { HttpError } from "./http";

export interface CallerClaims {
    readonly sub: string;
    readonly claims: Readonly<Record<string, string>>;
}

/**
 * The caller as the authorizer saw them: a Cognito authorizer puts the token's claims under
 * `authorizer.claims`, the Lambda authorizer puts its context directly under `authorizer`.
 */
export function callerOf(event: APIGatewayProxyEvent): CallerClaims {
    const authorizer = event.requestContext.authorizer;
    const raw = (authorizer?.claims ?? authorizer) as Record<string, unknown> | undefined;
    const claims: Record<string, string> = {};
    for (const [k, v] of Object.entries(raw ?? {})) {
        if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") {
            claims[k] = String(v);
        }
    }
    if (!claims.sub) {
        throw new HttpError(401, "The request carries no authenticated caller.");
    }
    return { sub: claims.sub, claims };
}
