import type { APIGatewayProxyEvent, APIGatewayProxyResult } from "aws-lambda";
import type { Logger } from "../shared/logger";
import { callerOf } from "./caller";
import { HttpError, errorResponse, json, noContent } from "./http";
import type { ItemStore } from "./items";
import { ItemBodySchema, ItemIdSchema, ListQuerySchema, parse, parseJsonBody, UserIdSchema } from "./validation";

export interface ApiDeps {
    readonly items: ItemStore;
    /** Groups admitted to the admin route. @default ["admins"] */
    readonly adminGroups?: readonly string[];
    readonly logger: Logger;
    readonly now?: () => Date;
}

type Route = (event: APIGatewayProxyEvent, id: string | undefined) => Promise<APIGatewayProxyResult>;

/**
 * API Gateway proxy backend: `GET /me`, `GET /items`, `GET|PUT|DELETE /items/{id}`, and for
 * admins `GET /admin/users/{userId}/items`.
 */
export function createApiHandler({ items, logger, adminGroups = ["admins"], now = () => new Date() }: ApiDeps) {
    const routes: { pattern: RegExp; methods: Record<string, Route> }[] = [
        { pattern: /^\/me\/?$/, methods: { GET: (e) => Promise.resolve(json(200, callerOf(e).claims)) } },
        {
            pattern: /^\/items\/?$/,
            methods: {
                GET: async (e) => {
                    const { sub } = callerOf(e);
                    const q = parse(ListQuerySchema, e.queryStringParameters ?? {}, "query string");
                    return json(200, await items.list(sub, q.limit, q.nextToken));
                },
            },
        },
        {
            pattern: /^\/items\/([^/]+)\/?$/,
            methods: {
                GET: async (e, rawId) => {
                    const { sub } = callerOf(e);
                    const item = await items.get(sub, parse(ItemIdSchema, rawId, "id"));
                    if (!item) {
                        throw new HttpError(404, "No item with this id.");
                    }
                    return json(200, item);
                },
                PUT: async (e, rawId) => {
                    const { sub } = callerOf(e);
                    const id = parse(ItemIdSchema, rawId, "id");
                    const body = parse(ItemBodySchema, parseJsonBody(e.body, e.isBase64Encoded), "body");
                    return json(200, await items.put(sub, id, body, now()));
                },
                DELETE: async (e, rawId) => {
                    const { sub } = callerOf(e);
                    if (!await items.delete(sub, parse(ItemIdSchema, rawId, "id"))) {
                        throw new HttpError(404, "No item with this id.");
                    }
                    return noContent();
                },
            },
        },
        {
            pattern: /^\/admin\/users\/([^/]+)\/items\/?$/,
            methods: {
                GET: async (e, rawUserId) => {
                    // The Lambda authorizer already requires the group; checked again so that a
                    // misrouted or cached policy cannot open another user's partition.
                    const caller = callerOf(e);
                    if (!groupsOf(caller.claims).some((g) => adminGroups.includes(g))) {
                        throw new HttpError(403, "Only administrators may read other users' items.");
                    }
                    const userId = parse(UserIdSchema, rawUserId, "userId");
                    const q = parse(ListQuerySchema, e.queryStringParameters ?? {}, "query string");
                    logger.info("admin read of a user's items", { admin: caller.sub, userId });
                    return json(200, await items.list(userId, q.limit, q.nextToken));
                },
            },
        },
    ];

    return async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
        try {
            for (const { pattern, methods } of routes) {
                const match = pattern.exec(event.path);
                if (!match) {
                    continue;
                }
                const route = methods[event.httpMethod];
                if (!route) {
                    throw new HttpError(405, `Method ${event.httpMethod} is not allowed here.`, { allow: Object.keys(methods).join(", ") });
                }
                return await route(event, match[1] === undefined ? undefined : decodePathSegment(match[1]));
            }
            throw new HttpError(404, "No such route.");
        } catch (error) {
            if (error instanceof HttpError) {
                return errorResponse(error);
            }
            logger.error("request failed", { error: error as Error, path: event.path, method: event.httpMethod });
            return json(500, { message: "Internal error." });
        }
    };
}

/** Groups from the Lambda authorizer's context (`a,b`) or a Cognito authorizer's `cognito:groups`. */
function groupsOf(claims: Readonly<Record<string, string>>): string[] {
    const raw = claims.groups ?? claims["cognito:groups"] ?? "";
    return raw.replace(/^\[|\]$/g, "").split(/[,\s]+/).filter((g) => g.length > 0);
}

function decodePathSegment(segment: string): string {
    try {
        return decodeURIComponent(segment);
    } catch {
        throw new HttpError(400, "The path is not validly URL-encoded.");
    }
}
