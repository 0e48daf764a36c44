/**
 * A DynamoDB data source as AppSync runs one for the resolvers: the request objects they return
 * are executed against an in-memory table and the result comes back as plain values (AppSync
 * converts attribute values). It accepts exactly the request shapes the resolvers may send and
 * fails on anything else (a Scan, an unknown field, a key that is not the table's), so a resolver
 * cannot pass by sending something this fake does not understand.
 */
import * as assert from "node:assert/strict";
import type { AttributeValue } from "./appsyncUtils";

export class DynamoDbError extends Error {
    constructor(
        message: string,
        readonly type: string,
    ) {
        super(message);
    }
}

type Record_ = Record<string, unknown>;

function fromDynamoDB(v: AttributeValue): unknown {
    if ("S" in v) return v.S;
    if ("N" in v) return Number(v.N);
    if ("BOOL" in v) return v.BOOL;
    if ("NULL" in v) return null;
    if ("L" in v) return v.L.map(fromDynamoDB);
    return Object.fromEntries(Object.entries(v.M).map(([k, e]) => [k, fromDynamoDB(e)]));
}

const plain = (m: Record<string, AttributeValue>): Record_ => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, fromDynamoDB(v)]));

export class FakeTable {
    /** Items by `<partition>\u0000<sort>`. */
    readonly items = new Map<string, Record_>();
    /** Every request the resolvers sent, in order. */
    readonly requests: Record_[] = [];

    constructor(
        readonly partitionKey = "identityId",
        readonly sortKey = "itemId",
    ) {}

    private keyOf(key: unknown): { id: string; pk: string; sk: string } {
        assert.ok(typeof key === "object" && key !== null, `key must be an object (received: ${JSON.stringify(key)})`);
        const k = key as Record<string, AttributeValue>;
        assert.deepEqual(Object.keys(k).sort(), [this.partitionKey, this.sortKey].sort(), "the key must name exactly the table's partition and sort key");
        const pk = k[this.partitionKey];
        const sk = k[this.sortKey];
        assert.ok("S" in pk && "S" in sk, "key attributes must be strings");
        return { id: `${pk.S}\u0000${sk.S}`, pk: pk.S, sk: sk.S };
    }

    put(record: Record_): void {
        this.items.set(`${String(record[this.partitionKey])}\u0000${String(record[this.sortKey])}`, record);
    }

    execute(request: Record_): unknown {
        this.requests.push(request);
        const fields = (...allowed: string[]) => assert.deepEqual(Object.keys(request).filter((f) => !allowed.includes(f)), [], `unexpected fields in a ${String(request.operation)} request`);
        switch (request.operation) {
            case "GetItem": {
                fields("operation", "key", "consistentRead");
                return this.items.get(this.keyOf(request.key).id) ?? null;
            }
            case "PutItem": {
                fields("operation", "key", "attributeValues");
                const key = this.keyOf(request.key);
                const attributes = plain(request.attributeValues as Record<string, AttributeValue>);
                assert.ok(!(this.partitionKey in attributes) && !(this.sortKey in attributes), "attributeValues must not carry the key");
                const record = { ...attributes, [this.partitionKey]: key.pk, [this.sortKey]: key.sk };
                this.items.set(key.id, record);
                return record;
            }
            case "DeleteItem": {
                fields("operation", "key");
                const key = this.keyOf(request.key);
                const old = this.items.get(key.id) ?? null;
                this.items.delete(key.id);
                return old;
            }
            case "Query":
                fields("operation", "query", "limit", "nextToken");
                return this.query(request);
            default:
                throw new Error(`the resolvers may not send ${String(request.operation)} requests`);
        }
    }

    private query(request: Record_): unknown {
        const query = request.query as { expression: string; expressionNames: Record<string, string>; expressionValues: Record<string, AttributeValue> };
        const match = /^(#\w+) = (:\w+)$/.exec(query.expression);
        assert.ok(match, `only "#name = :value" on the partition key is understood (received: ${query.expression})`);
        assert.equal(query.expressionNames[match[1]], this.partitionKey, "the key condition must be on the partition key");
        assert.deepEqual(Object.keys(query.expressionNames), [match[1]]);
        assert.deepEqual(Object.keys(query.expressionValues), [match[2]]);
        const owner = fromDynamoDB(query.expressionValues[match[2]]);
        assert.equal(typeof owner, "string");
        const limit = request.limit as number;
        const all = [...this.items.values()].filter((r) => r[this.partitionKey] === owner).sort((a, b) => String(a[this.sortKey]).localeCompare(String(b[this.sortKey])));
        let start = 0;
        if (request.nextToken !== undefined) {
            assert.equal(typeof request.nextToken, "string", "nextToken must be a string");
            const after = JSON.parse(Buffer.from(request.nextToken as string, "base64url").toString("utf8")) as Record_;
            // DynamoDB refuses a start key outside the key condition.
            if (after[this.partitionKey] !== owner) throw new DynamoDbError("The provided starting key is invalid", "DynamoDB:ValidationException");
            start = all.findIndex((r) => String(r[this.sortKey]) > String(after[this.sortKey]));
            if (start < 0) start = all.length;
        }
        const page = all.slice(start, start + limit);
        const last = page[page.length - 1];
        const more = start + limit < all.length;
        return {
            items: page,
            nextToken: more && last ? Buffer.from(JSON.stringify({ [this.partitionKey]: owner, [this.sortKey]: last[this.sortKey] })).toString("base64url") : null,
            scannedCount: page.length,
        };
    }
}
