import { requireAdmin } from "./caller.js";
import { ownerArgument, pageOf, queryPartition } from "./items.js";

/** Query.userItems (admins only): a page of the partition the owner argument names. */
export function request(ctx) {
    requireAdmin(ctx);
    return queryPartition(ownerArgument(ctx.args.owner), ctx.args);
}

export function response(ctx) {
    requireAdmin(ctx);
    return pageOf(ctx, ownerArgument(ctx.args.owner));
}
