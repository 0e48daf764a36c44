import * as assert from "node:assert/strict";
import { parseUserMigrationConfig } from "../../../lambdas/userMigration/config";

const HEAD = "Invalid configuration of the userMigration function:\n- ";
function message(env: Record<string, string>): string {
    try {
        parseUserMigrationConfig(env);
        return "";
    } catch (e) {
        return (e as Error).message;
    }
}
const TABLE = { TABLE_NAME: "legacy-users" };
const TABLE_FIX = "set it to the legacy users table";
const COST_FIX = "set it to the cost of the legacy hashes, e.g. 10";

describe("lambdas/userMigration/config", () => {
    it("defaults: the profile attributes, cost 10", () => {
        assert.deepEqual(parseUserMigrationConfig(TABLE), {
            tableName: "legacy-users",
            migratedAttributes: new Set(["email", "name", "given_name", "family_name", "locale", "phone_number"]),
            bcryptCost: 10,
        });
    });

    it("reads every variable", () => {
        assert.deepEqual(parseUserMigrationConfig({ TABLE_NAME: "a.b_c-D9", MIGRATED_ATTRIBUTES: " email , custom:plan ", BCRYPT_COST: "12" }), {
            tableName: "a.b_c-D9", migratedAttributes: new Set(["email", "custom:plan"]), bcryptCost: 12,
        });
        for (const cost of ["4", "9", "10", "15"]) {
            assert.equal(parseUserMigrationConfig({ ...TABLE, BCRYPT_COST: cost }).bcryptCost, Number(cost));
        }
        assert.equal(parseUserMigrationConfig({ TABLE_NAME: "abc" }).tableName, "abc");
        assert.equal(parseUserMigrationConfig({ TABLE_NAME: "t".repeat(255) }).tableName, "t".repeat(255));
    });

    const bad: [Record<string, string>, string][] = [
        [{}, `TABLE_NAME is required (received: not set); ${TABLE_FIX}`],
        [{ TABLE_NAME: "legacy users" }, `TABLE_NAME must be a DynamoDB table name (received: "legacy users"); ${TABLE_FIX}`],
        [{ TABLE_NAME: "ab" }, `TABLE_NAME must be a DynamoDB table name (received: "ab"); ${TABLE_FIX}`],
        [{ TABLE_NAME: "t".repeat(256) }, `TABLE_NAME must be a DynamoDB table name (received: "${"t".repeat(256)}"); ${TABLE_FIX}`],
        [{ ...TABLE, MIGRATED_ATTRIBUTES: "email,not an attribute" },
            'MIGRATED_ATTRIBUTES must be a comma-separated list of attribute names; invalid: not an attribute (received: "email,not an attribute"); set it like "email,name,locale"'],
        [{ ...TABLE, MIGRATED_ATTRIBUTES: "email,email_verified,sub" },
            'MIGRATED_ATTRIBUTES must not name email_verified, sub (verification comes from the record\'s emailVerified and phoneNumberVerified) (received: "email,email_verified,sub"); remove them'],
        [{ ...TABLE, BCRYPT_COST: "3" }, `BCRYPT_COST must be a bcrypt cost from 4 to 15 (received: "3"); ${COST_FIX}`],
        [{ ...TABLE, BCRYPT_COST: "16" }, `BCRYPT_COST must be a bcrypt cost from 4 to 15 (received: "16"); ${COST_FIX}`],
        [{ ...TABLE, BCRYPT_COST: "24" }, `BCRYPT_COST must be a bcrypt cost from 4 to 15 (received: "24"); ${COST_FIX}`],
        [{ ...TABLE, BCRYPT_COST: "44" }, `BCRYPT_COST must be a bcrypt cost from 4 to 15 (received: "44"); ${COST_FIX}`],
        [{ ...TABLE, BCRYPT_COST: "010" }, `BCRYPT_COST must be a bcrypt cost from 4 to 15 (received: "010"); ${COST_FIX}`],
    ];
    for (const [env, problem] of bad) {
        it(`refuses ${JSON.stringify(env).slice(0, 60)}`, () => assert.equal(message(env), `${HEAD}${problem}`));
    }

    it("reports every problem at once", () => {
        assert.equal(message({ TABLE_NAME: "x", MIGRATED_ATTRIBUTES: "phone_number_verified", BCRYPT_COST: "ten" }), `${HEAD}${[
            `TABLE_NAME must be a DynamoDB table name (received: "x"); ${TABLE_FIX}`,
            'MIGRATED_ATTRIBUTES must not name phone_number_verified (verification comes from the record\'s emailVerified and phoneNumberVerified) (received: "phone_number_verified"); remove them',
            `BCRYPT_COST must be a bcrypt cost from 4 to 15 (received: "ten"); ${COST_FIX}`,
        ].join("\n- ")}`);
    });
});
