import { util } from "@aws-appsync/utils";
import { ownerOf } from "./caller.js";
import { failOnError, itemId, itemInput, keyOf, toItem } from "./items.js";

/** Mutation.putItem: creates or replaces an item in the caller's partition. */
export function request(ctx) {
    const key = keyOf(ownerOf(ctx), itemId(ctx.args.id));
    const input = itemInput(ctx.args.item);
    const attributes = { title: input.title, updatedAt: util.time.nowISO8601() };
    if (input.content !== null) {
        attributes.content = input.content;
    }
    return { operation: "PutItem", key, attributeValues: util.dynamodb.toMapValues(attributes) };
}

export function response(ctx) {
    failOnError(ctx);
    return toItem(ctx.result, ownerOf(ctx));
}
