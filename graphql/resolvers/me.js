import { callerOf } from "./caller.js";

/** Query.me (NONE data source): the caller's own partition and how they signed in. */
export function request(ctx) {
    const caller = callerOf(ctx);
    return { payload: { id: caller.owner, kind: caller.kind } };
}

export function response(ctx) {
    return ctx.result;
}
