import { DeleteCommand, GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { ApiConfig } from "./config";
import { isRecord, own } from "../shared/event";
import { HttpError } from "./http";
import type { ItemBody } from "./validation";

export interface Item extends ItemBody {
    readonly id: string;
    readonly updatedAt: string;
}

/** Items of one caller: every key names the caller's partition, so no call reaches another's. */
export class ItemStore {
    constructor(private readonly db: DynamoDBDocumentClient, private readonly config: ApiConfig) {}

    private key(owner: string, id: string): Record<string, string> {
        return { [this.config.partitionKey]: owner, [this.config.sortKey]: id };
    }

    private toItem(record: Record<string, unknown>): Item {
        const { [this.config.partitionKey]: _owner, [this.config.sortKey]: id, ...rest } = record;
        return { ...(rest as Omit<Item, "id">), id: id as string };
    }

    async get(owner: string, id: string): Promise<Item | undefined> {
        const { Item: record } = await this.db.send(new GetCommand({ TableName: this.config.tableName, Key: this.key(owner, id) }));
        return record ? this.toItem(record) : undefined;
    }

    async put(owner: string, id: string, body: ItemBody, now: Date): Promise<Item> {
        const item: Item = { ...body, id, updatedAt: now.toISOString() };
        const { id: _id, ...attributes } = item;
        await this.db.send(new PutCommand({ TableName: this.config.tableName, Item: { ...attributes, ...this.key(owner, id) } }));
        return item;
    }

    /** Deletes and tells whether the item existed. */
    async delete(owner: string, id: string): Promise<boolean> {
        const { Attributes } = await this.db.send(new DeleteCommand({
            TableName: this.config.tableName, Key: this.key(owner, id), ReturnValues: "ALL_OLD",
        }));
        return Attributes !== undefined;
    }

    /** One page of the caller's items (a Query on their partition, never a Scan). */
    async list(owner: string, limit: number, nextToken?: string): Promise<{ items: Item[]; nextToken?: string }> {
        const { Items = [], LastEvaluatedKey } = await this.db.send(new QueryCommand({
            TableName: this.config.tableName,
            KeyConditionExpression: "#pk = :owner",
            ExpressionAttributeNames: { "#pk": this.config.partitionKey },
            ExpressionAttributeValues: { ":owner": owner },
            Limit: limit,
            ExclusiveStartKey: nextToken === undefined ? undefined : this.decodeToken(owner, nextToken),
        }));
        return {
            items: Items.map((r) => this.toItem(r)),
            nextToken: LastEvaluatedKey ? Buffer.from(JSON.stringify(LastEvaluatedKey)).toString("base64url") : undefined,
        };
    }

    /** A page token is the last key seen; it must be a key of the caller's own partition. */
    private decodeToken(owner: string, token: string): Record<string, string> {
        let key: unknown;
        try {
            key = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
        } catch {
            key = undefined;
        }
        const sk = own(key, this.config.sortKey);
        if (!isRecord(key) || own(key, this.config.partitionKey) !== owner || typeof sk !== "string" || Object.keys(key).length !== 2) {
            throw new HttpError(400, "Invalid nextToken: use the nextToken of the previous page as it was returned.");
        }
        return this.key(owner, sk);
    }
}
