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
    /**
     * `user`: a user's token. `machine`: a client_credentials access token, which speaks for an
     * app client and no user (Cognito sets its `sub` to the client id and gives it no username).
     */
    readonly kind: "user" | "machine";
    /** The access token's scopes. */
    readonly scopes: readonly string[];
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
    const claims = scalars(source);
    const kind = callerKind(claims, fromCognito);
    if (kind === undefined) {
        throw new HttpError(401, "The request carries no authenticated caller.");
    }
    const scopes = (fromCognito ? claims.scope : claims.scopes)?.split(" ").filter((x) => x !== "") ?? [];
    return { sub, claims, groups: fromCognito ? [] : (decodeGroups(own(authorizer, "groups")) ?? []), kind, scopes };
}

/**
 * Whether the claims are a user's or a machine client's, or undefined when they are neither
 * clearly. A user's access token has a username and a sub of its own; a client_credentials
 * token has no username and its sub is its client id. The Lambda authorizer says which it saw.
 */
function callerKind(claims: Readonly<Record<string, string>>, fromCognito: boolean): "user" | "machine" | undefined {
    if (!fromCognito) {
        const kind = claims.callerKind ?? "user";
        return kind === "user" || kind === "machine" ? kind : undefined;
    }
    const hasUsername = "username" in claims || "cognito:username" in claims;
    if (hasUsername && claims.sub !== claims.client_id) return "user";
    if (!hasUsername && claims.client_id !== undefined && claims.sub === claims.client_id && claims.token_use === "access") return "machine";
    return undefined;
}

/** The caller of a user route: a machine client's token is refused (it speaks for no user). */
export function userOf(requestContext: unknown): Caller {
    const caller = callerOf(requestContext);
    if (caller.kind !== "user") {
        throw new HttpError(403, "This route acts for a signed-in user; a machine client's token cannot call it.");
    }
    return caller;
}

/** The caller of a machine route: a client_credentials token with one of `scopes`; a user's token is refused. */
export function machineOf(requestContext: unknown, scopes: readonly string[]): Caller {
    const caller = callerOf(requestContext);
    if (caller.kind !== "machine") {
        throw new HttpError(403, "This route is for machine clients (client_credentials); a user's token cannot call it.");
    }
    if (!caller.scopes.some((s) => scopes.includes(s))) {
        throw new HttpError(403, "The machine client's token lacks the scope of this route.");
    }
    return caller;
}
