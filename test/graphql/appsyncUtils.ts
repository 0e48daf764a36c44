/**
 * A stand-in for `@aws-appsync/utils`, the APPSYNC_JS runtime's module: the `util` functions the
 * resolvers use, with the runtime's semantics. `util.error` and `util.unauthorized` end the
 * handler (the runtime stops it; here they throw), `util.matches` matches the whole string (Java's
 * String.matches, as AppSync does), `util.dynamodb.toMapValues` writes DynamoDB attribute values.
 * The request's auth mode and clock are set by the test harness (`beginRequest`).
 */

export class Unauthorized extends Error {
    constructor() {
        super("Unauthorized");
        this.name = "Unauthorized";
    }
}

export class AppSyncError extends Error {
    constructor(
        message: string,
        readonly type?: string,
    ) {
        super(message);
        this.name = "AppSyncError";
    }
}

/** What `util.authType()` answers per mode, as the runtime writes it. */
export const AUTH_TYPES = {
    userPool: "User Pool Authorization",
    iam: "IAM Authorization",
    apiKey: "API Key Authorization",
    oidc: "Open ID Connect Authorization",
    lambda: "Lambda Authorization",
} as const;

let request: { authType: string; now: Date } | undefined;

/** Starts a request: what util.authType() and util.time answer until the next one. */
export function beginRequest(authType: string, now: Date): void {
    request = { authType, now };
}

function current(): { authType: string; now: Date } {
    if (request === undefined) {
        throw new Error("no request in progress: call beginRequest first");
    }
    return request;
}

export type AttributeValue = { S: string } | { N: string } | { BOOL: boolean } | { NULL: true } | { L: AttributeValue[] } | { M: Record<string, AttributeValue> };

function toDynamoDB(value: unknown): AttributeValue {
    if (typeof value === "string") return { S: value };
    if (typeof value === "number") return { N: String(value) };
    if (typeof value === "boolean") return { BOOL: value };
    if (value === null) return { NULL: true };
    if (Array.isArray(value)) return { L: value.map(toDynamoDB) };
    if (typeof value === "object") return { M: toMapValues(value as Record<string, unknown>) };
    // The runtime has no attribute value for undefined or functions either: a resolver bug.
    throw new TypeError(`util.dynamodb.toDynamoDB cannot convert ${typeof value}`);
}

function toMapValues(value: Record<string, unknown>): Record<string, AttributeValue> {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toDynamoDB(v)]));
}

export const util = {
    authType: (): string => current().authType,
    unauthorized(): never {
        throw new Unauthorized();
    },
    error(message: string, type?: string): never {
        throw new AppSyncError(message, type);
    },
    matches(pattern: string, value: string): boolean {
        return new RegExp(`^(?:${pattern})$`).test(value);
    },
    time: { nowISO8601: (): string => current().now.toISOString() },
    dynamodb: { toDynamoDB, toMapValues },
};
