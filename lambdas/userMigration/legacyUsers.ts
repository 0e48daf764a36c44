import { GetCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { isRecord } from "../shared/event";

/** A user of the legacy store: a bcrypt hash and the attributes to carry over. */
export interface LegacyUser {
    readonly username: string;
    readonly passwordHash: string;
    readonly attributes: ReadonlyMap<string, string>;
    readonly emailVerified: boolean;
    readonly phoneNumberVerified: boolean;
}

export interface LegacyUserStore {
    /** The user stored under `username`, undefined when there is none (or the record is unusable). */
    find(username: string): Promise<LegacyUser | undefined>;
}

/** `$2a$`, `$2b$` or `$2y$`, a two-digit cost, 53 characters of salt and hash. */
export const BCRYPT_HASH = /^\$2[aby]\$(0[4-9]|[12]\d|3[01])\$[./A-Za-z0-9]{53}$/;

/** The key a username is stored under: trimmed and lower-case, as the legacy store wrote addresses. */
export function legacyKey(username: string): string {
    return username.trim().toLowerCase();
}

/** A legacy record read strictly: own fields of the right type only; anything else is unusable. */
export function parseLegacyUser(item: unknown): LegacyUser | undefined {
    if (!isRecord(item)) return undefined;
    const get = (k: string): unknown => (Object.hasOwn(item, k) ? item[k] : undefined);
    const username = get("username");
    const passwordHash = get("passwordHash");
    const attributes = get("attributes") ?? {};
    if (typeof username !== "string" || typeof passwordHash !== "string" || !isRecord(attributes)) return undefined;
    const map = new Map<string, string>();
    for (const [name, value] of Object.entries(attributes)) {
        if (typeof value !== "string") return undefined;
        map.set(name, value);
    }
    return { username, passwordHash, attributes: map, emailVerified: get("emailVerified") === true, phoneNumberVerified: get("phoneNumberVerified") === true };
}

/** The legacy users table (partition key `username`). */
export class DynamoLegacyUserStore implements LegacyUserStore {
    constructor(private readonly db: DynamoDBDocumentClient, private readonly tableName: string) {}

    async find(username: string): Promise<LegacyUser | undefined> {
        const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: { username: legacyKey(username) }, ConsistentRead: true }));
        return Item === undefined ? undefined : parseLegacyUser(Item);
    }
}
