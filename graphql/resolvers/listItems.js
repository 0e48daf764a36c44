import { ownerOf } from "./caller.js";
import { pageOf, queryPartition } from "./items.js";

/** Query.items: a page of the caller's partition. */
export function request(ctx) {
    return queryPartition(ownerOf(ctx), ctx.args);
}

export function response(ctx) {
    return pageOf(ctx, ownerOf(ctx));
}
