import { SCOPE_PATTERN } from "../shared/env";
import { own } from "../shared/event";
import { parseGroups } from "../shared/groups";
import type { Caller } from "./policy";

/** A user-pool `sub`, username or client id: printable, no spaces, at most 128 characters. */
const IDENTIFIER = /^[\x21-\x7e\p{L}\p{M}\p{N}\p{P}\p{S}]{1,128}$/u;

/**
 * The caller from a verified access token's payload, or the reason it cannot be used. The
 * signature proves who issued the token, not that each claim has the type Cognito gives it:
 * `sub` and `exp` must be present, and every claim used is checked before it is read.
 */
export function callerFromClaims(payload: unknown): Caller | string {
    const sub = own(payload, "sub");
    if (typeof sub !== "string" || !IDENTIFIER.test(sub)) {
        return "invalid claims: sub must be a non-empty string";
    }
    const exp = own(payload, "exp");
    if (typeof exp !== "number" || !Number.isFinite(exp)) {
        return "invalid claims: exp must be a number";
    }
    for (const claim of ["iat", "auth_time", "nbf"]) {
        const v = own(payload, claim);
        if (v !== undefined && (typeof v !== "number" || !Number.isFinite(v))) {
            return `invalid claims: ${claim} must be a number`;
        }
    }
    const clientId = own(payload, "client_id");
    if (typeof clientId !== "string") {
        return "invalid claims: client_id must be a string";
    }
    const username = own(payload, "username");
    // A client_credentials token: no username, the client id as its sub, no groups. It speaks
    // for the app client alone; buildPolicy admits it only where a route rule names machines.
    const machine = username === undefined && sub === clientId;
    if (machine && own(payload, "cognito:groups") !== undefined) {
        return "invalid claims: a client_credentials token has no cognito:groups";
    }
    if (!machine && (typeof username !== "string" || !IDENTIFIER.test(username))) {
        return "invalid claims: username must be a non-empty string";
    }
    if (!machine && sub === clientId) {
        return "invalid claims: a user's sub cannot be the client id";
    }
    const groups = parseGroups(own(payload, "cognito:groups"));
    if (groups === undefined) {
        return "invalid claims: cognito:groups must be an array of group names";
    }
    const scope = own(payload, "scope");
    const scopes = scope === undefined ? [] : typeof scope === "string" ? scope.split(" ").filter((s) => s !== "") : undefined;
    if (scopes === undefined || !scopes.every((s) => SCOPE_PATTERN.test(s))) {
        return "invalid claims: scope must be a space-separated string of scopes";
    }
    return machine ? { kind: "machine", sub, username: clientId, clientId, groups: [], scopes } : { kind: "user", sub, username: username as string, clientId, groups, scopes };
}
