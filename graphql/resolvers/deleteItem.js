import { ownerOf } from "./caller.js";
import { failOnError, itemId, keyOf, toItem } from "./items.js";

/** Mutation.deleteItem: deletes an item of the caller's partition and returns it (null when none). */
export function request(ctx) {
    return { operation: "DeleteItem", key: keyOf(ownerOf(ctx), itemId(ctx.args.id)) };
}

export function response(ctx) {
    failOnError(ctx);
    return toItem(ctx.result, ownerOf(ctx));
}
