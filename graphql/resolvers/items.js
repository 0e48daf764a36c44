import { util } from "@aws-appsync/utils";
import { PARTITION_KEY, SORT_KEY } from "./settings.js";

/** The REST API's rules for the same items (lambdas/api/validation.ts). */
const ITEM_ID = "[A-Za-z0-9_-]{1,64}";
const MAX_TITLE = 200;
const MAX_CONTENT = 10000;
const DEFAULT_LIMIT = 25;
const MAX_LIMIT = 100;
const MAX_TOKEN = 2048;
/** A partition an admin may read: a user-pool sub (UUID) or an identity id (<region>:<UUID>). */
const OWNER = "([a-z]{2}(-[a-z]+)+-[0-9]:)?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

const BAD_REQUEST = "BadRequest";

export function failOnError(ctx) {
    if (ctx.error) {
        util.error(ctx.error.message, ctx.error.type);
    }
}

/** The id argument of an item. */
export function itemId(value) {
    if (typeof value !== "string" || !util.matches(ITEM_ID, value)) {
        util.error("id must be 1-64 letters, digits, _ or -", BAD_REQUEST);
    }
    return value;
}

/** The owner argument of the admin query. */
export function ownerArgument(value) {
    if (typeof value !== "string" || !util.matches(OWNER, value)) {
        util.error("owner must be a user's sub or an identity id", BAD_REQUEST);
    }
    return value;
}

/** The item input: a title of 1-200 characters (trimmed) and optional content of at most 10000. */
export function itemInput(value) {
    const title = typeof value?.title === "string" ? value.title.trim() : "";
    if (title === "" || title.length > MAX_TITLE) {
        util.error(`item.title must be 1-${MAX_TITLE} characters, not blank`, BAD_REQUEST);
    }
    const content = value?.content ?? null;
    if (content !== null && (typeof content !== "string" || content.length > MAX_CONTENT)) {
        util.error(`item.content must be at most ${MAX_CONTENT} characters`, BAD_REQUEST);
    }
    return { title, content };
}

/** The key of an item in its owner's partition. */
export function keyOf(owner, id) {
    const key = {};
    key[PARTITION_KEY] = owner;
    key[SORT_KEY] = id;
    return util.dynamodb.toMapValues(key);
}

/** A stored record as the API shows it, after checking that it lies in the owner's partition. */
export function toItem(record, owner) {
    if (record === null || record === undefined) {
        return null;
    }
    if (record[PARTITION_KEY] !== owner) {
        util.unauthorized();
    }
    return { id: record[SORT_KEY], title: record.title, content: record.content ?? null, updatedAt: record.updatedAt };
}

/** One page of a partition: a Query on its key, never a Scan. */
export function queryPartition(owner, args) {
    const limit = args.limit ?? DEFAULT_LIMIT;
    if (typeof limit !== "number" || limit < 1 || limit > MAX_LIMIT || limit % 1 !== 0) {
        util.error(`limit must be a whole number from 1 to ${MAX_LIMIT}`, BAD_REQUEST);
    }
    const token = args.nextToken ?? null;
    if (token !== null && (typeof token !== "string" || token.length > MAX_TOKEN)) {
        util.error("nextToken must be the nextToken of the previous page", BAD_REQUEST);
    }
    const request = {
        operation: "Query",
        query: { expression: "#owner = :owner", expressionNames: { "#owner": PARTITION_KEY }, expressionValues: util.dynamodb.toMapValues({ ":owner": owner }) },
        limit,
    };
    if (token !== null) {
        request.nextToken = token;
    }
    return request;
}

/** The page a Query returned, every record checked to lie in the owner's partition. */
export function pageOf(ctx, owner) {
    failOnError(ctx);
    const items = (ctx.result?.items ?? []).map((record) => toItem(record, owner));
    return { items, nextToken: ctx.result?.nextToken ?? null };
}
