import * as assert from "node:assert/strict";
import { parseApiConfig } from "../../../lambdas/api/config";

const HEAD = "Invalid configuration of the api function:\n- ";
function message(env: Record<string, string>): string {
    try {
        parseApiConfig(env);
        return "";
    } catch (e) {
        return (e as Error).message;
    }
}
const TABLE = { TABLE_NAME: "items" };

describe("lambdas/api/config", () => {
    it("defaults: keys pk and sk, the admins group, no machine scope", () => {
        assert.deepEqual(parseApiConfig(TABLE), { tableName: "items", partitionKey: "pk", sortKey: "sk", adminGroups: ["admins"], machineScopes: [] });
    });

    it("reads every variable", () => {
        assert.deepEqual(parseApiConfig({ TABLE_NAME: "a.b_c-9", TABLE_PARTITION_KEY: "owner", TABLE_SORT_KEY: "item.id", ADMIN_GROUPS: "ops,sec-team", MACHINE_SCOPES: "api/a api/b" }), {
            tableName: "a.b_c-9", partitionKey: "owner", sortKey: "item.id", adminGroups: ["ops", "sec-team"], machineScopes: ["api/a", "api/b"],
        });
        assert.deepEqual(parseApiConfig({ ...TABLE, ADMIN_GROUPS: "g".repeat(128) }).adminGroups, ["g".repeat(128)]);
        assert.deepEqual(parseApiConfig({ ...TABLE, MACHINE_SCOPES: "api/a" }).machineScopes, ["api/a"]);
        assert.deepEqual(parseApiConfig({ ...TABLE, MACHINE_SCOPES: "api/a api/b api/c" }).machineScopes, ["api/a", "api/b", "api/c"]);
        assert.equal(parseApiConfig({ TABLE_NAME: "t".repeat(255) }).tableName, "t".repeat(255));
    });

    const bad: [Record<string, string>, string][] = [
        [{}, "TABLE_NAME is required (received: not set); set it to the items table's name"],
        [{ TABLE_NAME: "my items" }, `TABLE_NAME must be a DynamoDB table name (3-255 of letters, digits, _ . -) (received: "my items"); set it to the items table's name`],
        [{ TABLE_NAME: "items table" }, `TABLE_NAME must be a DynamoDB table name (3-255 of letters, digits, _ . -) (received: "items table"); set it to the items table's name`],
        [{ TABLE_NAME: "t".repeat(256) }, `TABLE_NAME must be a DynamoDB table name (3-255 of letters, digits, _ . -) (received: "${"t".repeat(256)}"); set it to the items table's name`],
        [{ ...TABLE, MACHINE_SCOPES: '"api/a' }, `MACHINE_SCOPES must be space-separated scopes (received: "\\"api/a"); list the machine route's scopes, e.g. https://api.example.com/items.service, or leave it empty`],
        [{ TABLE_NAME: "it" }, `TABLE_NAME must be a DynamoDB table name (3-255 of letters, digits, _ . -) (received: "it"); set it to the items table's name`],
        [{ ...TABLE, TABLE_PARTITION_KEY: "owner id" }, `TABLE_PARTITION_KEY must be an attribute name (received: "owner id"); set it to the table's partition key, or leave it empty for pk`],
        [{ ...TABLE, TABLE_SORT_KEY: "item id" }, `TABLE_SORT_KEY must be an attribute name (received: "item id"); set it to the table's sort key, or leave it empty for sk`],
        [{ ...TABLE, TABLE_SORT_KEY: "pk" }, `TABLE_SORT_KEY must differ from TABLE_PARTITION_KEY (received: "pk"); use the table's sort key attribute`],
        [{ ...TABLE, ADMIN_GROUPS: "ops,sec team" }, `ADMIN_GROUPS must be a comma-separated list of group names; invalid: sec team (received: "ops,sec team"); list the admin groups, e.g. admins`],
        [{ ...TABLE, ADMIN_GROUPS: "g".repeat(129) }, `ADMIN_GROUPS must be a comma-separated list of group names; invalid: ${"g".repeat(129)} (received: "${"g".repeat(129)}"); list the admin groups, e.g. admins`],
        [{ ...TABLE, MACHINE_SCOPES: 'api/a "b"' }, `MACHINE_SCOPES must be space-separated scopes (received: "api/a \\"b\\""); list the machine route's scopes, e.g. https://api.example.com/items.service, or leave it empty`],
    ];
    for (const [env, problem] of bad) {
        it(`refuses ${JSON.stringify(env).slice(0, 60)}`, () => assert.equal(message(env), `${HEAD}${problem}`));
    }
});
