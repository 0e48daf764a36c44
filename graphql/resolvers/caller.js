import { util } from "@aws-appsync/utils";
import { ADMIN_GROUPS, IDENTITY_POOL_ID, USER_POOL_ISSUER } from "./settings.js";

/** What util.authType() answers for the two modes of this API. */
export const USER_POOL_AUTH = "User Pool Authorization";
export const IAM_AUTH = "IAM Authorization";

const present = (value) => typeof value === "string" && value !== "";

/**
 * Who calls, from ctx.identity alone (never from the arguments): { owner, kind, groups }. A
 * user-pool caller of this stack's pool owns the partition of its sub; an identity of this
 * stack's identity pool owns the partition of its identity id. Anyone else (another pool, an IAM
 * user or role of the account, an unknown auth mode) is refused.
 */
export function callerOf(ctx) {
    const identity = ctx.identity ?? {};
    const auth = util.authType();
    if (auth === USER_POOL_AUTH && present(USER_POOL_ISSUER) && identity.issuer === USER_POOL_ISSUER && present(identity.sub)) {
        const groups = Array.isArray(identity.groups) ? identity.groups.filter((g) => typeof g === "string") : [];
        return { owner: identity.sub, kind: "USER_POOL", groups };
    }
    if (auth === IAM_AUTH && present(IDENTITY_POOL_ID) && identity.cognitoIdentityPoolId === IDENTITY_POOL_ID && present(identity.cognitoIdentityId)) {
        const kind = identity.cognitoIdentityAuthType === "authenticated" ? "IDENTITY" : "GUEST";
        return { owner: identity.cognitoIdentityId, kind, groups: [] };
    }
    return util.unauthorized();
}

/** The partition of a signed-in caller. Guests own nothing: their identity ids are not stable. */
export function ownerOf(ctx) {
    const caller = callerOf(ctx);
    if (caller.kind === "GUEST") {
        util.unauthorized();
    }
    return caller.owner;
}

/**
 * An administrator: a user-pool caller in an admin group. The schema already limits the field
 * to those groups; this holds even if the schema is edited, and never admits an IAM caller,
 * whatever its role allows.
 */
export function requireAdmin(ctx) {
    const caller = callerOf(ctx);
    if (caller.kind !== "USER_POOL" || !caller.groups.some((g) => ADMIN_GROUPS.includes(g))) {
        util.unauthorized();
    }
    return caller;
}
