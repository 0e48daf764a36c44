import { ownerOf } from "./caller.js";
import { failOnError, itemId, keyOf, toItem } from "./items.js";

/** Query.item: one item of the caller's partition. */
export function request(ctx) {
    return { operation: "GetItem", key: keyOf(ownerOf(ctx), itemId(ctx.args.id)), consistentRead: true };
}

export function response(ctx) {
    failOnError(ctx);
    return toItem(ctx.result, ownerOf(ctx));
}
