/**
 * The APPSYNC_JS resolvers run against hand-built contexts, the stand-in for @aws-appsync/utils and
 * an in-memory table: owners come from ctx.identity only, and no caller reaches another owner's
 * items, whatever the arguments say.
 */
import * as assert from "node:assert/strict";
import { buildSync } from "esbuild";
import * as path from "node:path";
import { RESOLVERS_DIR } from "../../graphql/bundle";
import { AppSyncError, AUTH_TYPES, beginRequest, Unauthorized } from "./appsyncUtils";
import { FakeTable } from "./dynamodb";
import { Caller, evaluate, iamCaller, IDENTITY_POOL, load, NOW, prepare, resolve, SETTINGS, userPoolCaller } from "./harness";

const A = "aaaaaaaa-1111-4111-8111-aaaaaaaaaaaa";
const B = "bbbbbbbb-2222-4222-8222-bbbbbbbbbbbb";
const ADMIN = "cccccccc-3333-4333-8333-cccccccccccc";
const IA = "us-east-1:dddddddd-4444-4444-8444-dddddddddddd";
const GUEST = "us-east-1:eeeeeeee-5555-4555-8555-eeeeeeeeeeee";

const alice = userPoolCaller(A, ["members"]);
const bob = userPoolCaller(B);
const admin = userPoolCaller(ADMIN, ["members", "admins"]);
const identity = iamCaller(IA);
const guest = iamCaller(GUEST, "unauthenticated");

const unauthorized = (f: () => unknown) => assert.throws(f, Unauthorized);
const badRequest = (f: () => unknown, message: string) => assert.throws(f, (e: unknown) => e instanceof AppSyncError && e.type === "BadRequest" && e.message === message);

function put(table: FakeTable, caller: Caller, id: string, title = "Notes", content?: string): unknown {
    return resolve("Mutation.putItem", caller, { id, item: content === undefined ? { title } : { title, content } }, table);
}

const OTHER_POOL_SETTINGS = { ...SETTINGS, identityPoolId: "us-east-1:00000000-0000-4000-8000-000000000000" };
const OPS_SETTINGS = { ...SETTINGS, adminGroups: ["ops"] };

describe("graphql resolvers", () => {
    let table: FakeTable;
    before(async () => {
        await Promise.all([prepare(SETTINGS), prepare(OTHER_POOL_SETTINGS), prepare(OPS_SETTINGS)]);
    });
    beforeEach(() => {
        table = new FakeTable();
    });

    describe("who calls", () => {
        it("Query.me answers each caller's own partition and sign-in kind", () => {
            assert.deepEqual(resolve("Query.me", alice, {}, table), { id: A, kind: "USER_POOL" });
            assert.deepEqual(resolve("Query.me", identity, {}, table), { id: IA, kind: "IDENTITY" });
            assert.deepEqual(resolve("Query.me", guest, {}, table), { id: GUEST, kind: "GUEST" });
            assert.deepEqual(table.requests, [], "me reads no data");
        });

        const strangers: [string, Caller][] = [
            ["a token of another user pool", userPoolCaller(A, ["admins"], "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Other9999")],
            ["a user-pool token without a sub", { authType: AUTH_TYPES.userPool, identity: { issuer: SETTINGS.userPoolIssuer, sub: "", groups: null } }],
            ["credentials of another identity pool", iamCaller(IA, "authenticated", "us-east-1:99999999-9999-4999-8999-999999999999")],
            ["an IAM user or role of the account (no identity id)", iamCaller(null, "authenticated", null)],
            ["IAM auth with user-pool fields in the identity", { authType: AUTH_TYPES.iam, identity: { sub: A, issuer: SETTINGS.userPoolIssuer, groups: ["admins"] } }],
            ["user-pool auth with identity-pool fields in the identity", { authType: AUTH_TYPES.userPool, identity: iamCaller(IA).identity }],
            ["an API key", { authType: AUTH_TYPES.apiKey, identity: null }],
            ["an OIDC token", { authType: AUTH_TYPES.oidc, identity: { sub: A, issuer: SETTINGS.userPoolIssuer } }],
            ["a Lambda authorizer", { authType: AUTH_TYPES.lambda, identity: { resolverContext: { sub: A } } }],
        ];
        for (const [what, caller] of strangers) {
            it(`refuses ${what} on every operation, before any data request`, () => {
                unauthorized(() => resolve("Query.me", caller, {}, table));
                unauthorized(() => resolve("Query.item", caller, { id: "x" }, table));
                unauthorized(() => resolve("Query.items", caller, {}, table));
                unauthorized(() => put(table, caller, "x"));
                unauthorized(() => resolve("Mutation.deleteItem", caller, { id: "x" }, table));
                unauthorized(() => resolve("Query.userItems", caller, { owner: A }, table));
                assert.deepEqual(table.requests, []);
            });
        }

        it("refuses guests every item operation: their identity ids are not stable", () => {
            unauthorized(() => resolve("Query.item", guest, { id: "x" }, table));
            unauthorized(() => resolve("Query.items", guest, {}, table));
            unauthorized(() => put(table, guest, "x"));
            unauthorized(() => resolve("Mutation.deleteItem", guest, { id: "x" }, table));
            assert.deepEqual(table.requests, []);
        });

        it("the settings module on disk refuses every caller (the program must put the stack's values in)", () => {
            const code = buildSync({ entryPoints: [path.join(RESOLVERS_DIR, "me.js")], bundle: true, write: false, format: "cjs", platform: "neutral", external: ["@aws-appsync/utils"], logLevel: "silent" }).outputFiles[0].text;
            const { request } = evaluate(code);
            for (const caller of [alice, admin, identity, guest]) {
                beginRequest(caller.authType, NOW);
                unauthorized(() => request({ identity: caller.identity, args: {}, arguments: {} } as never));
            }
        });
    });

    describe("own items", () => {
        it("putItem writes to the caller's partition, trims the title and stamps the time", () => {
            assert.deepEqual(put(table, alice, "n1", "  Groceries ", "milk"), { id: "n1", title: "Groceries", content: "milk", updatedAt: NOW.toISOString() });
            assert.deepEqual([...table.items.values()], [{ title: "Groceries", content: "milk", updatedAt: NOW.toISOString(), identityId: A, itemId: "n1" }]);
        });

        it("item and items read back the caller's own items", () => {
            put(table, alice, "n1", "One");
            put(table, alice, "n2", "Two");
            assert.deepEqual(resolve("Query.item", alice, { id: "n2" }, table), { id: "n2", title: "Two", content: null, updatedAt: NOW.toISOString() });
            assert.deepEqual(resolve("Query.items", alice, {}, table), {
                items: [
                    { id: "n1", title: "One", content: null, updatedAt: NOW.toISOString() },
                    { id: "n2", title: "Two", content: null, updatedAt: NOW.toISOString() },
                ],
                nextToken: null,
            });
        });

        it("a user-pool user and an identity keep separate partitions", () => {
            put(table, alice, "n1", "Alice's");
            put(table, identity, "n1", "The identity's");
            assert.deepEqual(resolve("Query.item", identity, { id: "n1" }, table), { id: "n1", title: "The identity's", content: null, updatedAt: NOW.toISOString() });
            assert.equal((resolve("Query.item", alice, { id: "n1" }, table) as { title: string }).title, "Alice's");
            assert.deepEqual([...table.items.values()].map((r) => r.identityId).sort(), [A, IA].sort());
        });

        it("deleteItem returns the deleted item, and null the second time", () => {
            put(table, alice, "n1");
            assert.equal((resolve("Mutation.deleteItem", alice, { id: "n1" }, table) as { id: string }).id, "n1");
            assert.equal(resolve("Mutation.deleteItem", alice, { id: "n1" }, table), null);
            assert.equal(table.items.size, 0);
        });

        it("pages with limit and nextToken", () => {
            for (const id of ["a", "b", "c"]) put(table, alice, id);
            const first = resolve("Query.items", alice, { limit: 2 }, table) as { items: { id: string }[]; nextToken: string };
            assert.deepEqual(first.items.map((i) => i.id), ["a", "b"]);
            const second = resolve("Query.items", alice, { limit: 2, nextToken: first.nextToken }, table) as { items: { id: string }[]; nextToken: string | null };
            assert.deepEqual([second.items.map((i) => i.id), second.nextToken], [["c"], null]);
        });
    });

    describe("another owner's items", () => {
        beforeEach(() => {
            put(table, alice, "secret", "Alice's secret", "pin 1234");
        });
        const alicesItem = () => table.items.get(`${A}\u0000secret`);

        it("another user reads nothing of it, by id or in a list", () => {
            assert.equal(resolve("Query.item", bob, { id: "secret" }, table), null);
            assert.deepEqual(resolve("Query.items", bob, {}, table), { items: [], nextToken: null });
            assert.equal(resolve("Query.item", identity, { id: "secret" }, table), null);
        });

        it("arguments naming the owner are ignored: the owner is the caller", () => {
            const spoof = { id: "secret", owner: A, identityId: A, sub: A, itemId: "secret" };
            assert.equal(resolve("Query.item", bob, spoof, table), null);
            assert.deepEqual(resolve("Query.items", bob, { owner: A, identityId: A }, table), { items: [], nextToken: null });
            put(table, bob, "secret", "Bob's");
            resolve("Mutation.putItem", bob, { ...spoof, item: { title: "overwritten", identityId: A } }, table);
            assert.equal(alicesItem()?.title, "Alice's secret");
            assert.equal(table.items.get(`${B}\u0000secret`)?.title, "overwritten");
            assert.equal(table.items.get(`${B}\u0000secret`)?.identityId, B);
        });

        it("another user's write or delete with the same id touches only their own partition", () => {
            put(table, bob, "secret", "Bob's");
            assert.equal(resolve("Mutation.deleteItem", bob, { id: "secret" }, table) !== null, true);
            assert.equal(resolve("Mutation.deleteItem", bob, { id: "secret" }, table), null);
            assert.equal(alicesItem()?.content, "pin 1234");
        });

        it("a page token of Alice's partition does not open it to Bob", () => {
            put(table, alice, "zzz");
            const { nextToken } = resolve("Query.items", alice, { limit: 1 }, table) as { nextToken: string };
            assert.throws(() => resolve("Query.items", bob, { nextToken }, table), (e: unknown) => e instanceof AppSyncError && e.type === "DynamoDB:ValidationException");
        });

        it("a record of another partition returned by the data source is refused, not shown", () => {
            const { response } = load("getItem");
            beginRequest(AUTH_TYPES.userPool, NOW);
            unauthorized(() => response({ identity: bob.identity, args: { id: "secret" }, arguments: {}, result: alicesItem() } as never));
        });

        it("an item id that is not a plain id is refused", () => {
            badRequest(() => resolve("Query.item", bob, { id: `${A}#secret` }, table), "id must be 1-64 letters, digits, _ or -");
            badRequest(() => resolve("Query.item", bob, { id: "../secret" }, table), "id must be 1-64 letters, digits, _ or -");
        });
    });

    describe("admin query", () => {
        beforeEach(() => {
            put(table, alice, "n1", "Alice's");
            put(table, identity, "n9", "The identity's");
        });

        it("an admin reads any owner's partition, a user's or an identity's", () => {
            assert.deepEqual((resolve("Query.userItems", admin, { owner: A }, table) as { items: { title: string }[] }).items.map((i) => i.title), ["Alice's"]);
            assert.deepEqual((resolve("Query.userItems", admin, { owner: IA }, table) as { items: { title: string }[] }).items.map((i) => i.title), ["The identity's"]);
        });

        it("refuses a user outside the admin groups, even when the schema lets the call through", () => {
            unauthorized(() => resolve("Query.userItems", alice, { owner: A }, table));
            unauthorized(() => resolve("Query.userItems", bob, { owner: A }, table));
        });

        it("refuses IAM callers, whatever their role or identity claims", () => {
            unauthorized(() => resolve("Query.userItems", identity, { owner: A }, table));
            unauthorized(() => resolve("Query.userItems", { authType: AUTH_TYPES.iam, identity: { ...identity.identity, groups: ["admins"] } }, { owner: A }, table));
        });

        it("admits only the stack's admin groups", () => {
            unauthorized(() => resolve("Query.userItems", admin, { owner: A }, table, OPS_SETTINGS));
            assert.equal((resolve("Query.userItems", userPoolCaller(ADMIN, ["ops"]), { owner: A }, table, OPS_SETTINGS) as { items: unknown[] }).items.length, 1);
        });

        it("refuses an owner that is not a sub or an identity id", () => {
            badRequest(() => resolve("Query.userItems", admin, { owner: "*" }, table), "owner must be a user's sub or an identity id");
            badRequest(() => resolve("Query.userItems", admin, { owner: `${A} OR 1=1` }, table), "owner must be a user's sub or an identity id");
        });
    });

    describe("input rules", () => {
        const cases: [string, () => unknown, string][] = [
            ["a blank title", () => put(table, alice, "x", "   "), "item.title must be 1-200 characters, not blank"],
            ["a title of 201 characters", () => put(table, alice, "x", "t".repeat(201)), "item.title must be 1-200 characters, not blank"],
            ["content of 10001 characters", () => put(table, alice, "x", "t", "c".repeat(10001)), "item.content must be at most 10000 characters"],
            ["an id of 65 characters", () => put(table, alice, "i".repeat(65)), "id must be 1-64 letters, digits, _ or -"],
            ["a limit of 0", () => resolve("Query.items", alice, { limit: 0 }, table), "limit must be a whole number from 1 to 100"],
            ["a limit of 101", () => resolve("Query.items", alice, { limit: 101 }, table), "limit must be a whole number from 1 to 100"],
            ["a page token of 2049 characters", () => resolve("Query.items", alice, { nextToken: "x".repeat(2049) }, table), "nextToken must be the nextToken of the previous page"],
        ];
        for (const [what, run, message] of cases) {
            it(`refuses ${what}`, () => {
                badRequest(run, message);
                assert.equal(table.items.size, 0);
            });
        }

        it("accepts the longest title and content and the widest page", () => {
            put(table, alice, "i".repeat(64), "t".repeat(200), "c".repeat(10000));
            assert.equal((resolve("Query.items", alice, { limit: 100 }, table) as { items: unknown[] }).items.length, 1);
        });
    });

    it("passes a data source error on as the field's error", () => {
        const { response } = load("getItem");
        beginRequest(AUTH_TYPES.userPool, NOW);
        assert.throws(() => response({ identity: alice.identity, args: { id: "x" }, arguments: {}, result: null, error: { message: "Throughput exceeded", type: "DynamoDB:ProvisionedThroughputExceededException" } } as never), (e: unknown) => e instanceof AppSyncError && e.message === "Throughput exceeded" && e.type === "DynamoDB:ProvisionedThroughputExceededException");
    });

    it("uses the identity pool of the settings", () => {
        assert.equal(IDENTITY_POOL, SETTINGS.identityPoolId);
        unauthorized(() => resolve("Query.me", identity, {}, table, OTHER_POOL_SETTINGS));
    });
});
