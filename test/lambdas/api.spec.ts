import * as assert from "node:assert/strict";
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { APIGatewayProxyEvent } from "aws-lambda";
import { mockClient } from "aws-sdk-client-mock";
import { parseApiConfig } from "../../lambdas/api/config";
import { ItemStore } from "../../lambdas/api/items";
import { createApiHandler } from "../../lambdas/api/router";
import { HttpError, throttled } from "../../lambdas/api/http";
import { recordingLogger, silentLogger } from "./helpers";

/** A user's access token as the Cognito authorizer passes it on. */
const userClaims = { sub: "sub-1", username: "ann", client_id: "webclient1", token_use: "access", scope: "https://api.example.com/items.read" };
/** A client_credentials token: Cognito makes the client id its sub and gives it no username. */
const machineClaims = { sub: "svc1client", client_id: "svc1client", token_use: "access", scope: "https://api.example.com/items.service" };

const request = (httpMethod: string, path: string, opts: { body?: string; query?: Record<string, string>; claims?: Record<string, string> | null } = {}) => ({
    httpMethod, path, resource: path, body: opts.body ?? null, isBase64Encoded: false, headers: {}, multiValueHeaders: {},
    queryStringParameters: opts.query ?? null, multiValueQueryStringParameters: null, pathParameters: null, stageVariables: null,
    requestContext: { authorizer: opts.claims === null ? null : { claims: opts.claims ?? userClaims } },
} as unknown as Omit<APIGatewayProxyEvent, "requestContext"> & { requestContext: { authorizer: unknown } });

const body = (r: { body: string }) => JSON.parse(r.body) as Record<string, unknown>;

describe("lambdas/api", () => {
    const newMock = () => mockClient(DynamoDBDocumentClient);
    let ddb: ReturnType<typeof newMock>;
    before(() => { ddb = newMock(); });
    after(() => ddb.restore());
    beforeEach(() => ddb.reset());

    const config = parseApiConfig({ TABLE_NAME: "items" });
    const handler = createApiHandler({
        items: new ItemStore(DynamoDBDocumentClient.from(new DynamoDBClient({ region: "eu-west-1" })), config),
        logger: silentLogger(),
        now: () => new Date("2025-01-02T03:04:05.000Z"),
    });

    it("GET /me returns the caller's claims, from a Cognito or a Lambda authorizer", async () => {
        assert.deepEqual(body(await handler(request("GET", "/me"))), userClaims);
        const lambdaAuthorized = request("GET", "/me");
        lambdaAuthorized.requestContext.authorizer = { sub: "sub-2", username: "bob", groups: '["admins"]' };
        assert.deepEqual(body(await handler(lambdaAuthorized)), { sub: "sub-2", username: "bob", groups: '["admins"]' });
    });

    it("answers 401 without an authenticated caller", async () => {
        const r = await handler(request("GET", "/me", { claims: null }));
        assert.equal(r.statusCode, 401);
        assert.deepEqual(body(r), { message: "The request carries no authenticated caller." });
    });

    it("PUT /items/{id} validates and stores the item in the caller's partition", async () => {
        const r = await handler(request("PUT", "/items/abc-1", { body: JSON.stringify({ title: " Milk ", content: "2 l" }) }));
        assert.equal(r.statusCode, 200);
        assert.deepEqual(body(r), { title: "Milk", content: "2 l", id: "abc-1", updatedAt: "2025-01-02T03:04:05.000Z" });
        assert.deepEqual(ddb.commandCalls(PutCommand)[0].args[0].input, {
            TableName: "items", Item: { title: "Milk", content: "2 l", updatedAt: "2025-01-02T03:04:05.000Z", pk: "sub-1", sk: "abc-1" },
        });
    });

    it("answers 400 naming the invalid field, id or body", async () => {
        const r = await handler(request("PUT", "/items/abc", { body: JSON.stringify({ title: "", owner: "x" }) }));
        assert.equal(r.statusCode, 400);
        assert.equal(body(r).message, "Invalid body: title: must not be empty; body: unknown field(s) owner");
        const badId = await handler(request("GET", "/items/a%20b"));
        assert.deepEqual([badId.statusCode, body(badId).message], [400, "Invalid id: id: must be 1-64 letters, digits, _ or -"]);
        const notJson = await handler(request("PUT", "/items/abc", { body: "{" }));
        assert.deepEqual([notJson.statusCode, body(notJson).message], [400, "The body must be a JSON object."]);
        assert.equal(ddb.calls().length, 0);
    });

    it("GET /items/{id} reads the caller's key and answers 404 when absent", async () => {
        ddb.on(GetCommand).resolvesOnce({ Item: { pk: "sub-1", sk: "abc", title: "Milk", updatedAt: "t" } }).resolves({});
        const found = await handler(request("GET", "/items/abc"));
        assert.deepEqual(body(found), { title: "Milk", updatedAt: "t", id: "abc" });
        assert.deepEqual(ddb.commandCalls(GetCommand)[0].args[0].input, { TableName: "items", Key: { pk: "sub-1", sk: "abc" } });
        assert.equal((await handler(request("GET", "/items/abc"))).statusCode, 404);
    });

    it("DELETE /items/{id} answers 204, or 404 when nothing was deleted", async () => {
        ddb.on(DeleteCommand).resolvesOnce({ Attributes: { pk: "sub-1", sk: "abc" } }).resolves({});
        assert.equal((await handler(request("DELETE", "/items/abc"))).statusCode, 204);
        assert.equal((await handler(request("DELETE", "/items/abc"))).statusCode, 404);
    });

    it("GET /items queries only the caller's partition and pages with a token bound to it", async () => {
        ddb.on(QueryCommand).resolves({ Items: [{ pk: "sub-1", sk: "a", title: "A" }], LastEvaluatedKey: { pk: "sub-1", sk: "a" } });
        const first = body(await handler(request("GET", "/items", { query: { limit: "1" } })));
        assert.deepEqual(first.items, [{ title: "A", id: "a" }]);
        assert.deepEqual(ddb.commandCalls(QueryCommand)[0].args[0].input, {
            TableName: "items", KeyConditionExpression: "#pk = :owner", ExpressionAttributeNames: { "#pk": "pk" },
            ExpressionAttributeValues: { ":owner": "sub-1" }, Limit: 1, ExclusiveStartKey: undefined,
        });
        await handler(request("GET", "/items", { query: { nextToken: first.nextToken as string } }));
        assert.deepEqual(ddb.commandCalls(QueryCommand)[1].args[0].input.ExclusiveStartKey, { pk: "sub-1", sk: "a" });

        const foreign = Buffer.from(JSON.stringify({ pk: "sub-2", sk: "a" })).toString("base64url");
        const r = await handler(request("GET", "/items", { query: { nextToken: foreign } }));
        assert.deepEqual([r.statusCode, body(r).message], [400, "Invalid nextToken: use the nextToken of the previous page as it was returned."]);
        const tooMany = await handler(request("GET", "/items", { query: { limit: "500" } }));
        assert.deepEqual([tooMany.statusCode, body(tooMany).message], [400, "Invalid query string: limit: must be at most 100"]);
    });

    it("answers 404 for unknown routes, 405 with Allow for unknown methods, 500 on failures", async () => {
        assert.equal((await handler(request("GET", "/nope"))).statusCode, 404);
        const r = await handler(request("POST", "/items/abc"));
        assert.equal(r.statusCode, 405);
        assert.equal(r.headers?.allow, "GET, PUT, DELETE");
        ddb.on(GetCommand).rejects(new Error("socket hang up"));
        const failed = await handler(request("GET", "/items/abc"));
        assert.deepEqual([failed.statusCode, body(failed)], [500, { message: "Internal error." }]);
    });

    for (const method of ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf"]) {
        it(`answers 405 to the method ${method}, never running a built-in as a route`, async () => {
            ddb.on(GetCommand).resolves({ Item: { pk: "sub-1", sk: "abc", title: "Milk" } });
            const r = await handler(request(method, "/items/abc"));
            assert.deepEqual([r.statusCode, body(r).message, r.headers?.allow], [405, "This method is not allowed here.", "GET, PUT, DELETE"]);
            assert.equal(ddb.calls().length, 0);
        });
    }

    const throttles: [string, Error][] = [
        ["ProvisionedThroughputExceededException", Object.assign(new Error("The level of configured provisioned throughput for the table was exceeded"), { name: "ProvisionedThroughputExceededException" })],
        ["ThrottlingException", Object.assign(new Error("Rate of requests exceeds the allowed throughput"), { name: "ThrottlingException" })],
        ["RequestLimitExceeded", Object.assign(new Error("Throughput exceeds the current throughput limit for your account"), { name: "RequestLimitExceeded" })],
        ["an error the SDK marks as throttling", Object.assign(new Error("slow down"), { name: "SlowDown", $retryable: { throttling: true } })],
    ];
    for (const [what, error] of throttles) {
        it(`answers 503 with Retry-After when DynamoDB throttles (${what})`, async () => {
            ddb.on(QueryCommand).rejects(error);
            const r = await handler(request("GET", "/items"));
            assert.deepEqual([r.statusCode, r.headers?.["retry-after"], body(r)], [503, "1", { message: "The service is busy; try again shortly." }]);
        });
    }

    const malformed: [string, unknown, string][] = [
        ["no event", null, "Malformed request: the event must be an object (received: null)."],
        ["an array", [], "Malformed request: the event must be an object (received: an array)."],
        ["a numeric method", { httpMethod: 1, path: "/me" }, "Malformed request: httpMethod must be a string (received: a number)."],
        ["no path", { httpMethod: "GET" }, "Malformed request: path must be a string (received: nothing)."],
        ["a string query", { httpMethod: "GET", path: "/items", queryStringParameters: "limit=5" }, "Malformed request: queryStringParameters must be an object or null (received: a string)."],
        ["an object body", { httpMethod: "PUT", path: "/items/a", body: { title: "x" } }, "Malformed request: body must be a string or null (received: an object)."],
        ["a string isBase64Encoded", { httpMethod: "PUT", path: "/items/a", body: "e30=", isBase64Encoded: "true" }, "Malformed request: isBase64Encoded must be a boolean (received: a string)."],
    ];
    for (const [what, event, message] of malformed) {
        it(`answers 400 to a malformed event: ${what}`, async () => {
            const r = await handler(event);
            assert.deepEqual([r.statusCode, body(r).message], [400, message]);
        });
    }

    it("answers 401 when the authorizer context is missing or not an object", async () => {
        for (const requestContext of [undefined, null, {}, { authorizer: "sub-1" }, { authorizer: { claims: "sub=x" } }, { authorizer: { claims: { sub: 7 } } }]) {
            const r = await handler({ httpMethod: "GET", path: "/me", requestContext });
            assert.deepEqual([r.statusCode, body(r).message], [401, "The request carries no authenticated caller."], JSON.stringify(requestContext));
        }
    });

    describe("GET /admin/users/{userId}/items", () => {
        const userId = "0b5e8f3a-1c2d-4e5f-8a9b-0c1d2e3f4a5b";
        const admin = (groups: unknown) => {
            const e = request("GET", `/admin/users/${userId}/items`);
            e.requestContext.authorizer = { sub: "sub-admin", groups };
            return e;
        };

        it("lists that user's partition for an admin", async () => {
            ddb.on(QueryCommand).resolves({ Items: [{ pk: userId, sk: "a", title: "A", updatedAt: "2025-01-01T00:00:00.000Z" }] });
            const r = await handler(admin('["members","admins"]'));
            assert.equal(r.statusCode, 200);
            assert.deepEqual(body(r).items, [{ id: "a", title: "A", updatedAt: "2025-01-01T00:00:00.000Z" }]);
            assert.equal(ddb.commandCalls(QueryCommand)[0].args[0].input.ExpressionAttributeValues?.[":owner"], userId);
        });

        // Group lists the authorizer never produces: each is read as "no groups", never as admin.
        const notAdmin: [string, unknown][] = [
            ["a member", '["members"]'],
            ["a comma-joined string", "members,admins"],
            ["a bracketed string", "[members admins]"],
            ["a group whose name holds a comma", '["members,admins"]'],
            ["a JSON string, not an array", '"admins"'],
            ["an array of non-strings", '[["admins"]]'],
            ["a number", 7],
            ["nothing", undefined],
        ];
        for (const [what, groups] of notAdmin) {
            it(`answers 403 to ${what} as groups, without reading anything`, async () => {
                const r = await handler(admin(groups));
                assert.deepEqual([r.statusCode, body(r).message], [403, "Only administrators may read other users' items."]);
                assert.equal(ddb.commandCalls(QueryCommand).length, 0);
            });
        }

        it("answers 403 to a Cognito-authorized request, whatever its claims say about groups", async () => {
            const e = request("GET", `/admin/users/${userId}/items`, { claims: { ...userClaims, "cognito:groups": "admins", groups: "admins", roles: "admins" } });
            const r = await handler(e);
            assert.deepEqual([r.statusCode, body(r).message], [403, "Only administrators may read other users' items."]);
            assert.equal(ddb.commandCalls(QueryCommand).length, 0);
        });

        it("answers 400 for a userId that is not a sub", async () => {
            const e = admin('["admins"]');
            e.path = "/admin/users/..%2Fother/items";
            const r = await handler(e);
            assert.deepEqual([r.statusCode, body(r).message], [400, "Invalid userId: userId: must be a user's sub (a UUID)"]);
        });
    });

    describe("machine clients (client_credentials tokens)", () => {
        const userId = "0b5e8f3a-1c2d-4e5f-8a9b-0c1d2e3f4a5b";
        const machineHandler = createApiHandler({
            items: new ItemStore(DynamoDBDocumentClient.from(new DynamoDBClient({ region: "eu-west-1" })), config),
            logger: silentLogger(),
            machineScopes: ["https://api.example.com/items.service"],
        });

        it("a machine token reads a user's items on the machine route", async () => {
            ddb.on(QueryCommand).resolves({ Items: [{ pk: userId, sk: "a", title: "A", updatedAt: "2025-01-01T00:00:00.000Z" }] });
            const r = await machineHandler(request("GET", `/service/users/${userId}/items`, { claims: machineClaims }));
            assert.equal(r.statusCode, 200, r.body);
            assert.equal(ddb.commandCalls(QueryCommand)[0].args[0].input.ExpressionAttributeValues?.[":owner"], userId);
        });

        // A machine token that reached a user route (a scope given to both kinds of client) must act for no one.
        for (const [method, path] of [["GET", "/me"], ["GET", "/items"], ["GET", "/items/a"], ["PUT", "/items/a"], ["DELETE", "/items/a"], ["GET", `/admin/users/${userId}/items`]]) {
            it(`answers 403 to a machine token on ${method} ${path}, touching nothing`, async () => {
                const r = await machineHandler(request(method, path, { claims: { ...machineClaims, scope: "https://api.example.com/items.read https://api.example.com/items.write" }, body: JSON.stringify({ title: "x" }) }));
                assert.deepEqual([r.statusCode, body(r).message], [403, "This route acts for a signed-in user; a machine client's token cannot call it."]);
                assert.equal(ddb.calls().length, 0);
            });
        }

        it("answers 403 to a machine token from the Lambda authorizer on the admin route", async () => {
            const e = request("GET", `/admin/users/${userId}/items`);
            e.requestContext.authorizer = { sub: "svc1client", callerKind: "machine", groups: '["admins"]' };
            const r = await machineHandler(e);
            assert.equal(r.statusCode, 403);
            assert.equal(ddb.calls().length, 0);
        });

        const refused: [string, Record<string, string>, number, string][] = [
            ["a user's access token with the machine scope", { ...userClaims, scope: "https://api.example.com/items.service" }, 403, "This route is for machine clients (client_credentials); a user's token cannot call it."],
            ["a machine token without the machine scope", { ...machineClaims, scope: "https://api.example.com/items.read" }, 403, "The machine client's token lacks the scope of this route."],
            ["a token without username whose sub is not its client id", { ...machineClaims, sub: "0b5e8f3a-1c2d-4e5f-8a9b-0c1d2e3f4a5b" }, 401, "The request carries no authenticated caller."],
            ["an ID token without username (token_use id)", { ...machineClaims, token_use: "id" }, 401, "The request carries no authenticated caller."],
            ["a token with a username whose sub is its client id", { ...machineClaims, username: "svc1client" }, 401, "The request carries no authenticated caller."],
            ["a token without client_id", { sub: "x", token_use: "access", scope: "https://api.example.com/items.service" }, 401, "The request carries no authenticated caller."],
        ];
        for (const [what, claims, status, message] of refused) {
            it(`answers ${status} on the machine route to ${what}`, async () => {
                const r = await machineHandler(request("GET", `/service/users/${userId}/items`, { claims }));
                assert.deepEqual([r.statusCode, body(r).message], [status, message]);
                assert.equal(ddb.calls().length, 0);
            });
        }

        it("refuses every caller on the machine route when no machine scope is configured", async () => {
            const r = await handler(request("GET", `/service/users/${userId}/items`, { claims: machineClaims }));
            assert.deepEqual([r.statusCode, body(r).message], [403, "The machine client's token lacks the scope of this route."]);
        });

        it("reads MACHINE_SCOPES, none by default, and refuses a malformed list", () => {
            assert.deepEqual(parseApiConfig({ TABLE_NAME: "items" }).machineScopes, []);
            assert.deepEqual(parseApiConfig({ TABLE_NAME: "items", MACHINE_SCOPES: "https://api.example.com/a https://api.example.com/b" }).machineScopes, ["https://api.example.com/a", "https://api.example.com/b"]);
            assert.throws(() => parseApiConfig({ TABLE_NAME: "items", MACHINE_SCOPES: 'a "b"' }), /MACHINE_SCOPES must be space-separated scopes/);
        });
    });

    describe("what each route sends, answers and logs", () => {
        const userId = "0b5e8f3a-1c2d-4e5f-8a9b-0c1d2e3f4a5b";
        const recorded = () => {
            const { logger, lines } = recordingLogger();
            const h = createApiHandler({
                items: new ItemStore(DynamoDBDocumentClient.from(new DynamoDBClient({ region: "eu-west-1" })), config),
                logger, machineScopes: ["api/service"], now: () => new Date("2025-01-02T03:04:05.000Z"),
            });
            return { h, lines };
        };
        const token = (key: unknown) => Buffer.from(JSON.stringify(key)).toString("base64url");

        it("DELETE asks DynamoDB for the old item under the caller's key and answers an empty 204", async () => {
            ddb.on(DeleteCommand).resolves({ Attributes: { pk: "sub-1", sk: "abc" } });
            assert.deepEqual(await handler(request("DELETE", "/items/abc")), { statusCode: 204, headers: { "cache-control": "no-store" }, body: "" });
            assert.deepEqual(ddb.commandCalls(DeleteCommand)[0].args[0].input, { TableName: "items", Key: { pk: "sub-1", sk: "abc" }, ReturnValues: "ALL_OLD" });
        });

        it("names the id, the body and the query string in a 400", async () => {
            const cases: [string, string, { body?: string; query?: Record<string, string> }, string][] = [
                ["GET", "/items/bad!id", {}, "Invalid id: id: must be 1-64 letters, digits, _ or -"],
                ["PUT", "/items/bad!id", { body: '{"title":"x"}' }, "Invalid id: id: must be 1-64 letters, digits, _ or -"],
                ["DELETE", "/items/bad!id", {}, "Invalid id: id: must be 1-64 letters, digits, _ or -"],
                ["PUT", "/items/a", { body: '{"title":" "}' }, "Invalid body: title: must not be empty"],
                ["PUT", "/items/a", { body: '{"title":"x","owner":"sub-2","pk":"x"}' }, "Invalid body: body: unknown field(s) owner, pk"],
                ["GET", "/items", { query: { limit: "5", foo: "1", bar: "2" } }, "Invalid query string: query string: unknown field(s) foo, bar"],
                ["GET", "/items/%E0%A4%A", {}, "The path is not validly URL-encoded."],
            ];
            for (const [method, path, opts, message] of cases) {
                const r = await handler(request(method, path, opts));
                assert.deepEqual([r.statusCode, body(r).message], [400, message], `${method} ${path}`);
            }
            assert.equal(ddb.calls().length, 0);
        });

        it("names the userId and the query string of the admin and machine routes", async () => {
            const admin = request("GET", `/admin/users/${userId}/items`, { query: { limit: "0" } });
            admin.requestContext.authorizer = { sub: "sub-admin", groups: '["admins"]' };
            const machine = request("GET", "/service/users/not-a-sub/items", { claims: { ...machineClaims, scope: "api/service" } });
            const machineQuery = request("GET", `/service/users/${userId}/items`, { claims: { ...machineClaims, scope: "api/service" }, query: { limit: "x" } });
            const { h } = recorded();
            assert.deepEqual(body(await h(admin)).message, "Invalid query string: limit: must be at least 1");
            assert.deepEqual(body(await h(machine)).message, "Invalid userId: userId: must be a user's sub (a UUID)");
            assert.match(body(await h(machineQuery)).message as string, /^Invalid query string: limit: /);
        });

        it("reads a body, plain or base64, with isBase64Encoded absent read as false", async () => {
            const { isBase64Encoded: _, ...plain } = request("PUT", "/items/a", { body: '{"title":"Milk"}' });
            assert.equal((await handler(plain)).statusCode, 200);
            const encoded = { ...request("PUT", "/items/b", { body: Buffer.from('{"title":"Brot ä"}', "utf8").toString("base64") }), isBase64Encoded: true };
            const r = await handler(encoded);
            assert.deepEqual([r.statusCode, body(r).title], [200, "Brot ä"]);
        });

        it("refuses a missing body as not JSON, and a body over 16384 bytes, but takes one of exactly 16384", async () => {
            const none = await handler(request("PUT", "/items/a"));
            assert.deepEqual([none.statusCode, body(none).message], [400, "The body must be a JSON object."]);
            const exact = JSON.stringify({ title: "x", content: "é".repeat(8179) });
            assert.equal(Buffer.byteLength(exact), 16384);
            assert.equal((await handler(request("PUT", "/items/a", { body: exact }))).statusCode, 200);
            const over = await handler(request("PUT", "/items/a", { body: `${exact} ` }));
            assert.deepEqual([over.statusCode, body(over).message], [413, "The body must be at most 16384 bytes."]);
        });

        it("logs who read whose items on the admin and machine routes", async () => {
            ddb.on(QueryCommand).resolves({});
            const { h, lines } = recorded();
            const admin = request("GET", `/admin/users/${userId}/items`);
            admin.requestContext.authorizer = { sub: "sub-admin", groups: '["admins"]' };
            assert.deepEqual(body(await h(admin)), { items: [] });
            await h(request("GET", `/service/users/${userId}/items`, { claims: { ...machineClaims, scope: "api/service" } }));
            assert.deepEqual(lines, [
                { level: "info", message: "admin read of a user's items", extra: [{ admin: "sub-admin", userId }] },
                { level: "info", message: "machine read of a user's items", extra: [{ client: "svc1client", userId }] },
            ]);
        });

        it("warns on throttling, logs other failures with the path and method, and logs no refusal", async () => {
            const { h, lines } = recorded();
            const slow = Object.assign(new Error("slow down"), { name: "ThrottlingException" });
            ddb.on(QueryCommand).rejects(slow);
            await h(request("GET", "/items"));
            const broken = new Error("socket hang up");
            ddb.on(GetCommand).rejects(broken);
            await h(request("GET", "/items/abc"));
            await h(request("GET", "/nope"));
            await h(request("GET", "/me", { claims: null }));
            assert.equal(lines.length, 2);
            assert.deepEqual([lines[0].level, lines[0].message], ["warn", "throttled by DynamoDB"]);
            assert.equal((lines[0].extra[0] as { error: Error }).error.message, "slow down");
            assert.deepEqual([lines[1].level, lines[1].message], ["error", "request failed"]);
            const extra = lines[1].extra[0] as { error: Error; path: string; method: string };
            assert.deepEqual([extra.error.message, extra.path, extra.method], ["socket hang up", "/items/abc", "GET"]);
        });

        it("refuses a page token of another partition, or whose sort key is not text", async () => {
            for (const key of [{ pk: "sub-2", sk: "a" }, { pk: "sub-1", sk: 5 }, { pk: "sub-1", sk: "a", x: "y" }]) {
                const r = await handler(request("GET", "/items", { query: { nextToken: token(key) } }));
                assert.deepEqual([r.statusCode, body(r).message], [400, "Invalid nextToken: use the nextToken of the previous page as it was returned."], JSON.stringify(key));
            }
            assert.equal(ddb.calls().length, 0);
        });

        it("reads no throttling in a thrown undefined or null, and names its errors HttpError", () => {
            assert.equal(throttled(undefined), undefined);
            assert.equal(throttled(null), undefined);
            assert.equal(new HttpError(404, "x").name, "HttpError");
        });
    });

    it("routes each path and method exactly, with the answers of a missing route, method or item", async () => {
        // A handler made in the test: its route table is built here, not when the suite loads.
        const h = createApiHandler({
            items: new ItemStore(DynamoDBDocumentClient.from(new DynamoDBClient({ region: "eu-west-1" })), config),
            logger: silentLogger(), machineScopes: ["api/service"], now: () => new Date("2025-01-02T03:04:05.000Z"),
        });
        const userId = "0b5e8f3a-1c2d-4e5f-8a9b-0c1d2e3f4a5b";
        ddb.on(GetCommand).resolves({}).on(DeleteCommand).resolves({}).on(PutCommand).resolves({}).on(QueryCommand).resolves({});
        const admin = (path: string) => {
            const e = request("GET", path);
            e.requestContext.authorizer = { sub: "sub-admin", groups: '["admins"]' };
            return e;
        };
        const service = (path: string) => request("GET", path, { claims: { ...machineClaims, scope: "api/service" } });
        const answers: [string, APIGatewayProxyEvent | ReturnType<typeof request>, number, string | undefined][] = [
            ["GET /me", request("GET", "/me"), 200, undefined],
            ["GET /me/", request("GET", "/me/"), 200, undefined],
            ["GET /me//", request("GET", "/me//"), 404, "No such route."],
            ["GET /x/me", request("GET", "/x/me"), 404, "No such route."],
            ["GET /me/x", request("GET", "/me/x"), 404, "No such route."],
            ["POST /me", request("POST", "/me"), 405, "This method is not allowed here."],
            ["GET /items/", request("GET", "/items/"), 200, undefined],
            ["GET /items/a/", request("GET", "/items/a/"), 404, "No item with this id."],
            ["GET /items/a/b", request("GET", "/items/a/b"), 404, "No such route."],
            ["GET /x/items/a", request("GET", "/x/items/a"), 404, "No such route."],
            ["DELETE /items/a", request("DELETE", "/items/a"), 404, "No item with this id."],
            ["PUT /items/a", request("PUT", "/items/a", { body: '{"title":"x"}' }), 200, undefined],
            ["GET admin", admin(`/admin/users/${userId}/items`), 200, undefined],
            ["GET /x/admin", admin(`/x/admin/users/${userId}/items`), 404, "No such route."],
            ["GET admin/x", admin(`/admin/users/${userId}/items/x`), 404, "No such route."],
            ["GET service", service(`/service/users/${userId}/items`), 200, undefined],
            ["GET /x/service", service(`/x/service/users/${userId}/items`), 404, "No such route."],
            ["GET service/x", service(`/service/users/${userId}/items/x`), 404, "No such route."],
        ];
        for (const [what, event, status, message] of answers) {
            const r = await h(event);
            assert.equal(r.statusCode, status, `${what}: ${r.body}`);
            if (message !== undefined) {
                assert.equal(body(r).message, message, what);
            }
        }
        assert.deepEqual(body(await h(request("GET", "/me"))), userClaims);
        assert.equal((await h(request("POST", "/me"))).headers?.allow, "GET");
        assert.equal((await h(request("POST", "/items/a"))).headers?.allow, "GET, PUT, DELETE");
    });

    it("reads the admin groups from ADMIN_GROUPS, admins by default", () => {
        assert.deepEqual(parseApiConfig({ TABLE_NAME: "items" }).adminGroups, ["admins"]);
        assert.deepEqual(parseApiConfig({ TABLE_NAME: "items", ADMIN_GROUPS: "ops, security" }).adminGroups, ["ops", "security"]);
    });

    it("names invalid table settings", () => {
        assert.throws(() => parseApiConfig({ TABLE_PARTITION_KEY: "id", TABLE_SORT_KEY: "id" }), (e: Error) => {
            assert.match(e.message, /TABLE_NAME is required \(received: not set\); set it to the items table's name/);
            assert.match(e.message, /TABLE_SORT_KEY must differ from TABLE_PARTITION_KEY \(received: "id"\)/);
            return true;
        });
    });
});
