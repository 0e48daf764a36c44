import type { APIGatewayProxyResult } from "aws-lambda";
import { describe, isRecord, own } from "../shared/event";
import type { Logger } from "../shared/logger";
import { machineOf, userOf } from "./caller";
import { HttpError, errorResponse, json, noContent, throttled } from "./http";
import type { ItemStore } from "./items";
import { ItemBodySchema, ItemIdSchema, ListQuerySchema, parse, parseJsonBody, UserIdSchema } from "./validation";

export interface ApiDeps {
    readonly items: ItemStore;
    /** Groups admitted to the admin route. @default ["admins"] */
    readonly adminGroups?: readonly string[];
    /** Scopes of the machine route; none = the route refuses everyone. @default [] */
    readonly machineScopes?: readonly string[];
    readonly logger: Logger;
    readonly now?: () => Date;
}

/** The parts of a proxy event the routes read, checked for their types. */
export interface ApiRequest {
    readonly method: string;
    readonly path: string;
    readonly requestContext: unknown;
    readonly query: Readonly<Record<string, unknown>>;
    readonly body: string | null;
    readonly isBase64Encoded: boolean;
}

type Route = (request: ApiRequest, id: string | undefined) => Promise<APIGatewayProxyResult>;

/** A proxy event as an ApiRequest, or a 400 naming what is malformed. */
export function readRequest(event: unknown): ApiRequest {
    const bad = (what: string, value: unknown) => new HttpError(400, `Malformed request: ${what} (received: ${describe(value)}).`);
    if (!isRecord(event)) {
        throw bad("the event must be an object", event);
    }
    const method = own(event, "httpMethod");
    const path = own(event, "path");
    const query = own(event, "queryStringParameters") ?? {};
    const body = own(event, "body") ?? null;
    const base64 = own(event, "isBase64Encoded") ?? false;
    if (typeof method !== "string") throw bad("httpMethod must be a string", method);
    if (typeof path !== "string") throw bad("path must be a string", path);
    if (!isRecord(query)) throw bad("queryStringParameters must be an object or null", query);
    if (body !== null && typeof body !== "string") throw bad("body must be a string or null", body);
    if (typeof base64 !== "boolean") throw bad("isBase64Encoded must be a boolean", base64);
    return { method, path, requestContext: own(event, "requestContext"), query, body, isBase64Encoded: base64 };
}

/**
 * API Gateway proxy backend: `GET /me`, `GET /items`, `GET|PUT|DELETE /items/{id}`, and for
 * admins `GET /admin/users/{userId}/items`, and for machine clients `GET /service/users/{userId}/items`.
 */
export function createApiHandler({ items, logger, adminGroups = ["admins"], machineScopes = [], now = () => new Date() }: ApiDeps) {
    const routes: { pattern: RegExp; methods: ReadonlyMap<string, Route> }[] = [
        { pattern: /^\/me\/?$/, methods: new Map([["GET", (r) => Promise.resolve(json(200, userOf(r.requestContext).claims))]]) },
        {
            pattern: /^\/items\/?$/,
            methods: new Map([
                ["GET", async (r) => {
                    const { sub } = userOf(r.requestContext);
                    const q = parse(ListQuerySchema, r.query, "query string");
                    return json(200, await items.list(sub, q.limit, q.nextToken));
                }],
            ]),
        },
        {
            pattern: /^\/items\/([^/]+)\/?$/,
            methods: new Map<string, Route>([
                ["GET", async (r, rawId) => {
                    const { sub } = userOf(r.requestContext);
                    const item = await items.get(sub, parse(ItemIdSchema, rawId, "id"));
                    if (!item) {
                        throw new HttpError(404, "No item with this id.");
                    }
                    return json(200, item);
                }],
                ["PUT", async (r, rawId) => {
                    const { sub } = userOf(r.requestContext);
                    const id = parse(ItemIdSchema, rawId, "id");
                    const body = parse(ItemBodySchema, parseJsonBody(r.body, r.isBase64Encoded), "body");
                    return json(200, await items.put(sub, id, body, now()));
                }],
                ["DELETE", async (r, rawId) => {
                    const { sub } = userOf(r.requestContext);
                    if (!await items.delete(sub, parse(ItemIdSchema, rawId, "id"))) {
                        throw new HttpError(404, "No item with this id.");
                    }
                    return noContent();
                }],
            ]),
        },
        {
            pattern: /^\/admin\/users\/([^/]+)\/items\/?$/,
            methods: new Map([
                ["GET", async (r, rawUserId) => {
                    // The Lambda authorizer already requires the group; checked again (with the
                    // same group parser) so that a misrouted or cached policy cannot open
                    // another user's partition.
                    const caller = userOf(r.requestContext);
                    if (!caller.groups.some((g) => adminGroups.includes(g))) {
                        throw new HttpError(403, "Only administrators may read other users' items.");
                    }
                    const userId = parse(UserIdSchema, rawUserId, "userId");
                    const q = parse(ListQuerySchema, r.query, "query string");
                    logger.info("admin read of a user's items", { admin: caller.sub, userId });
                    return json(200, await items.list(userId, q.limit, q.nextToken));
                }],
            ]),
        },
        {
            // A service reads a user's items as itself: only a client_credentials token with the machine scope.
            pattern: /^\/service\/users\/([^/]+)\/items\/?$/,
            methods: new Map([
                ["GET", async (r, rawUserId) => {
                    const caller = machineOf(r.requestContext, machineScopes);
                    const userId = parse(UserIdSchema, rawUserId, "userId");
                    const q = parse(ListQuerySchema, r.query, "query string");
                    logger.info("machine read of a user's items", { client: caller.sub, userId });
                    return json(200, await items.list(userId, q.limit, q.nextToken));
                }],
            ]),
        },
    ];

    return async (event: unknown): Promise<APIGatewayProxyResult> => {
        let request: ApiRequest | undefined;
        try {
            request = readRequest(event);
            for (const { pattern, methods } of routes) {
                const match = pattern.exec(request.path);
                if (!match) {
                    continue;
                }
                const route = methods.get(request.method);
                if (!route) {
                    throw new HttpError(405, "This method is not allowed here.", { allow: [...methods.keys()].join(", ") });
                }
                return await route(request, match[1] === undefined ? undefined : decodePathSegment(match[1]));
            }
            throw new HttpError(404, "No such route.");
        } catch (error) {
            const known = error instanceof HttpError ? error : throttled(error);
            if (known) {
                if (known.statusCode === 503) {
                    logger.warn("throttled by DynamoDB", { error: error as Error });
                }
                return errorResponse(known);
            }
            logger.error("request failed", { error: error as Error, path: request?.path, method: request?.method });
            return json(500, { message: "Internal error." });
        }
    };
}

function decodePathSegment(segment: string): string {
    try {
        return decodeURIComponent(segment);
    } catch {
        throw new HttpError(400, "The path is not validly URL-encoded.");
    }
}
