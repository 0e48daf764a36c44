import { isRecord, own } from "../shared/event";
import { decodeGroups } from "../shared/groups";
import { HttpError } from "./http";

export interface Caller {
    readonly sub: string;
    /** The claims or context values the authorizer passed on, as strings (what `GET /me` shows). */
    readonly claims: Readonly<Record<string, string>>;
    /**
     * Groups as the JWT Lambda authorizer verified and encoded them. A Cognito authorizer's
     * claims are flattened strings (`cognito:groups` comma-joined, any custom claim beside it),
     * which cannot be read back unambiguously, so they never grant a group here.
     */
    readonly groups: readonly string[];
}

function scalars(source: Record<string, unknown>): Record<string, string> {
    return Object.fromEntries(Object.entries(source).flatMap(([k, v]) =>
        typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? [[k, String(v)]] : []));
}

/**
 * The caller as the authorizer saw them: a Cognito authorizer puts the token's claims under
 * `authorizer.claims`, the Lambda authorizer puts its context directly under `authorizer`.
 */
export function callerOf(requestContext: unknown): Caller {
    const authorizer = own(requestContext, "authorizer");
    const cognitoClaims = own(authorizer, "claims");
    const fromCognito = cognitoClaims !== undefined;
    const source = fromCognito ? cognitoClaims : authorizer;
    if (!isRecord(source)) {
        throw new HttpError(401, "The request carries no authenticated caller.");
    }
    const sub = own(source, "sub");
    if (typeof sub !== "string" || sub === "") {
        throw new HttpError(401, "The request carries no authenticated caller.");
    }
    return { sub, claims: scalars(source), groups: fromCognito ? [] : (decodeGroups(own(authorizer, "groups")) ?? []) };
}
