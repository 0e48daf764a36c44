import * as assert from "node:assert/strict";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, GetCommand } from "@aws-sdk/lib-dynamodb";
import { mockClient } from "aws-sdk-client-mock";
import { compare, hashSync } from "bcryptjs";
import { parseUserMigrationConfig } from "../../lambdas/userMigration/config";
import { DynamoLegacyUserStore, parseLegacyUser, type LegacyUser, type LegacyUserStore } from "../../lambdas/userMigration/legacyUsers";
import { createUserMigrationHandler, migratedAttributes, MigrationRefusedError } from "../../lambdas/userMigration/userMigration";
import { ConfigError } from "../../lambdas/shared/env";
import { recordingLogger, silentLogger } from "./helpers";

const COST = 4;
const HASH = hashSync("Legacy-Passw0rd!", COST);

const event = (triggerSource: string, userName = "Ann@Example.com", request: Record<string, unknown> = {}) => ({
    version: "1", region: "eu-west-1", userPoolId: "eu-west-1_Pool1", userName, triggerSource,
    callerContext: { awsSdkVersion: "aws-sdk-unknown-unknown", clientId: "migration-client" },
    request: { password: "Legacy-Passw0rd!", validationData: {}, ...request },
    response: {} as Record<string, unknown>,
});

const ann: LegacyUser = {
    username: "ann@example.com", passwordHash: HASH, emailVerified: true, phoneNumberVerified: false,
    attributes: new Map([["email", "ann@example.com"], ["name", "Ann"], ["locale", "de"], ["custom:tenant_id", "acme"], ["email_verified", "true"], ["phone_number", "+4915112345678"]]),
};

describe("lambdas/userMigration", () => {
    const config = parseUserMigrationConfig({ TABLE_NAME: "legacy-users", BCRYPT_COST: String(COST) });
    const looked: string[] = [];
    const compared: string[] = [];
    const users = new Map<string, LegacyUser>([["ann@example.com", ann], ["bob@example.com", { ...ann, username: "bob@example.com", passwordHash: "md5:abc" }]]);
    const store: LegacyUserStore = { find: (u) => { looked.push(u); return Promise.resolve(users.get(u.trim().toLowerCase())); } };
    const handler = createUserMigrationHandler({ config, store, logger: silentLogger(), compare: (p, h) => { compared.push(h); return compare(p, h); } });
    beforeEach(() => { looked.length = 0; compared.length = 0; });

    it("migrates a user whose password matches the legacy hash: CONFIRMED, no message, the allowed attributes", async () => {
        const out = await handler(event("UserMigration_Authentication"));
        assert.equal(out.response.finalUserStatus, "CONFIRMED");
        assert.equal(out.response.messageAction, "SUPPRESS");
        // custom:tenant_id is not migrated by default; email_verified comes from the record's own field.
        assert.deepEqual(out.response.userAttributes, { email: "ann@example.com", name: "Ann", locale: "de", phone_number: "+4915112345678", email_verified: "true", phone_number_verified: "false" });
    });

    it("refuses a wrong password with the same error as an unknown user", async () => {
        const wrong = await handler(event("UserMigration_Authentication", "ann@example.com", { password: "guess" })).catch((e: unknown) => e);
        const unknown = await handler(event("UserMigration_Authentication", "nobody@example.com")).catch((e: unknown) => e);
        assert.ok(wrong instanceof MigrationRefusedError && unknown instanceof MigrationRefusedError);
        assert.equal(wrong.message, unknown.message);
        assert.equal(wrong.message, "Incorrect username or password.");
        assert.equal(wrong.name, "MigrationRefusedError");
    });

    it("spends one bcrypt comparison on an unknown user too, against a stand-in hash of the same cost", async () => {
        await assert.rejects(handler(event("UserMigration_Authentication", "nobody@example.com")), MigrationRefusedError);
        assert.equal(compared.length, 1);
        assert.match(compared[0], /^\$2[aby]\$04\$/);
        assert.notEqual(compared[0], HASH);
    });

    it("refuses a record without a usable bcrypt hash, after the same comparison", async () => {
        await assert.rejects(handler(event("UserMigration_Authentication", "bob@example.com")), MigrationRefusedError);
        assert.equal(compared.length, 1);
    });

    it("migrates on forgot password without a password, only a user the legacy store knows", async () => {
        const out = await handler(event("UserMigration_ForgotPassword", "ann@example.com", { password: undefined }));
        assert.equal(out.response.messageAction, "SUPPRESS");
        assert.equal(out.response.finalUserStatus, undefined);
        assert.equal((out.response.userAttributes as Record<string, string>).email_verified, "true");
        assert.equal(compared.length, 0);
        await assert.rejects(handler(event("UserMigration_ForgotPassword", "nobody@example.com")), MigrationRefusedError);
    });

    it("refuses other trigger sources", async () => {
        await assert.rejects(handler(event("UserMigration_Future")), MigrationRefusedError);
        assert.equal(looked.length, 0);
    });

    it("never puts the password or the hash in the log", async () => {
        const logged: string[] = [];
        const logger = Object.assign(silentLogger(), {
            info: (...a: unknown[]) => logged.push(JSON.stringify(a)), error: (...a: unknown[]) => logged.push(JSON.stringify(a)), warn: (...a: unknown[]) => logged.push(JSON.stringify(a)),
        });
        const h = createUserMigrationHandler({ config, store, logger });
        await h(event("UserMigration_Authentication"));
        await h(event("UserMigration_Authentication", "ann@example.com", { password: "guess" })).catch(() => undefined);
        await h(event("UserMigration_Authentication", "bob@example.com")).catch(() => undefined);
        assert.ok(logged.length >= 3);
        for (const line of logged) {
            assert.ok(!line.includes("Legacy-Passw0rd!") && !line.includes("guess") && !line.includes(HASH) && !line.includes("md5:abc"), line);
        }
    });

    describe("what it logs", () => {
        const run = async (input: unknown) => {
            const { logger, lines } = recordingLogger();
            const h = createUserMigrationHandler({ config, store, logger });
            await h(input).catch((e: unknown) => assert.ok(e instanceof MigrationRefusedError, String(e)));
            return lines;
        };
        const info = (message: string, extra: object) => ({ level: "info", message, extra: [extra] });
        const auth = { triggerSource: "UserMigration_Authentication" };
        const forgot = { triggerSource: "UserMigration_ForgotPassword" };

        it("a migrated user, by name and source", async () => {
            assert.deepEqual(await run(event("UserMigration_Authentication", "ann@example.com")), [info("user migrated", { userName: "ann@example.com", ...auth })]);
            assert.deepEqual(await run(event("UserMigration_ForgotPassword", "ann@example.com")), [info("user migrated", { userName: "ann@example.com", ...forgot })]);
        });

        it("a wrong password or an unknown user as a refusal, with no error", async () => {
            assert.deepEqual(await run(event("UserMigration_Authentication", "ann@example.com", { password: "guess" })), [info("migration refused", { userName: "ann@example.com", ...auth })]);
            assert.deepEqual(await run(event("UserMigration_Authentication", "nobody@example.com")), [info("migration refused", { userName: "nobody@example.com", ...auth })]);
        });

        it("a record without a usable hash as an error, then the refusal", async () => {
            assert.deepEqual(await run(event("UserMigration_Authentication", "bob@example.com")), [
                { level: "error", message: "legacy record has no usable bcrypt hash; refused", extra: [{ userName: "bob@example.com" }] },
                info("migration refused", { userName: "bob@example.com", ...auth }),
            ]);
        });

        it("a forgotten password of a user the legacy store does not know", async () => {
            assert.deepEqual(await run(event("UserMigration_ForgotPassword", "nobody@example.com")), [info("migration refused: not in the legacy store", { userName: "nobody@example.com", ...forgot })]);
        });

        it("an unknown trigger source as a warning naming it", async () => {
            assert.deepEqual(await run(event("UserMigration_Future")), [{ level: "warn", message: "unknown user migration source; refused", extra: [{ triggerSource: "UserMigration_Future" }] }]);
        });
    });

    describe("the attributes a user is created with", () => {
        const user = (username: string, attributes: Record<string, string>, emailVerified = false, phoneNumberVerified = false): LegacyUser =>
            ({ username, passwordHash: HASH, emailVerified, phoneNumberVerified, attributes: new Map(Object.entries(attributes)) });

        it("leaves empty values out", () => {
            assert.deepEqual(migratedAttributes(config, user("ann", { name: "", locale: "de" })), { locale: "de" });
        });

        it("takes the email from a username that is an address, trimmed and in lower case, when the record has none", () => {
            assert.deepEqual(migratedAttributes(config, user(" Ann@Example.COM ", { name: "Ann" }, true)), { name: "Ann", email: "ann@example.com", email_verified: "true" });
            assert.deepEqual(migratedAttributes(config, user("ann@example.com", { name: "Ann", email: "" })), { name: "Ann", email: "ann@example.com", email_verified: "false" });
        });

        it("keeps the record's own email over the username's", () => {
            assert.deepEqual(migratedAttributes(config, user("old@example.com", { email: "new@example.com" }, true)), { email: "new@example.com", email_verified: "true" });
        });

        it("adds no email and no verification flags for a username that is not an address and a record without email or phone", () => {
            assert.deepEqual(migratedAttributes(config, user("ann", { name: "Ann" }, true, true)), { name: "Ann" });
        });

        it("sets each verification flag from the record's field, only beside its attribute", () => {
            assert.deepEqual(migratedAttributes(config, user("ann", { phone_number: "+4915112345678" }, true, true)), { phone_number: "+4915112345678", phone_number_verified: "true" });
            assert.deepEqual(migratedAttributes(config, user("ann", { email: "ann@example.com", phone_number: "+4915112345678" }, false, true)),
                { email: "ann@example.com", phone_number: "+4915112345678", email_verified: "false", phone_number_verified: "true" });
        });
    });

    const malformed: [string, unknown, RegExp][] = [
        ["no trigger source", { ...event("UserMigration_Authentication"), triggerSource: 3 }, /^MalformedEventError: Malformed event: triggerSource must be a string \(received: a number\)$/],
        ["no request", { ...event("UserMigration_Authentication"), request: null }, /^MalformedEventError: Malformed event: request must be an object \(received: null\)$/],
        ["no event", 0, /the event must be an object \(received: a number\)/],
        ["no userName", { ...event("UserMigration_Authentication"), userName: null }, /userName must be a string/],
        ["a password that is not a string", event("UserMigration_Authentication", "ann@example.com", { password: ["Legacy-Passw0rd!"] }), /request.password must be a string \(received: an array\)/],
        ["no password on sign-in", event("UserMigration_Authentication", "ann@example.com", { password: undefined }), /request.password must be a string \(received: nothing\)/],
        ["no response", { ...event("UserMigration_Authentication"), response: "x" }, /response must be an object/],
    ];
    for (const [what, input, message] of malformed) {
        it(`rejects ${what}`, async () => {
            await assert.rejects(handler(input), message);
        });
    }

    describe("legacy records", () => {
        it("reads own fields of the right type only", () => {
            assert.equal(parseLegacyUser(null), undefined);
            assert.equal(parseLegacyUser([{ username: "a", passwordHash: HASH }]), undefined);
            assert.equal(parseLegacyUser({ username: 1, passwordHash: HASH }), undefined);
            assert.equal(parseLegacyUser({ username: "a", passwordHash: HASH, attributes: ["x"] }), undefined);
            assert.deepEqual(parseLegacyUser({ username: "a", passwordHash: HASH, phoneNumberVerified: true, emailVerified: true }),
                { username: "a", passwordHash: HASH, attributes: new Map(), emailVerified: true, phoneNumberVerified: true });
            assert.equal(parseLegacyUser({ username: "a", passwordHash: HASH, phoneNumberVerified: "true" })?.phoneNumberVerified, false);
            assert.equal(parseLegacyUser({ username: "a", passwordHash: HASH })?.phoneNumberVerified, false);
            assert.equal(parseLegacyUser({ username: "a", passwordHash: 1 }), undefined);
            assert.equal(parseLegacyUser({ username: "a", passwordHash: HASH, attributes: { name: 1 } }), undefined);
            assert.equal(parseLegacyUser(Object.create({ username: "a", passwordHash: HASH }) as object), undefined);
            assert.equal(parseLegacyUser({ username: "a", passwordHash: HASH, emailVerified: "true" })?.emailVerified, false);
            assert.deepEqual(parseLegacyUser(JSON.parse(`{"username": "a", "passwordHash": "${HASH.replace(/\$/g, "$")}", "attributes": {"__proto__": "x"}}`))?.attributes.get("__proto__"), "x");
        });

        it("looks a user up in the table under the lower-case username, consistently", async () => {
            const db = mockClient(DynamoDBDocumentClient);
            try {
                db.on(GetCommand).resolves({ Item: { username: "ann@example.com", passwordHash: HASH, attributes: { email: "ann@example.com" }, emailVerified: true } });
                const user = await new DynamoLegacyUserStore(DynamoDBDocumentClient.from(new DynamoDBClient({ region: "eu-west-1" })), "legacy-users").find(" Ann@Example.com ");
                assert.deepEqual(db.commandCalls(GetCommand)[0].args[0].input, { TableName: "legacy-users", Key: { username: "ann@example.com" }, ConsistentRead: true });
                assert.equal(user?.emailVerified, true);
            } finally {
                db.restore();
            }
        });
    });

    it("refuses a bad configuration at init, naming each variable", () => {
        assert.throws(() => parseUserMigrationConfig({ MIGRATED_ATTRIBUTES: "email,email_verified", BCRYPT_COST: "31" }), (e: unknown) => {
            assert.ok(e instanceof ConfigError);
            assert.match(e.message, /TABLE_NAME is required/);
            assert.match(e.message, /MIGRATED_ATTRIBUTES must not name email_verified/);
            assert.match(e.message, /BCRYPT_COST must be a bcrypt cost from 4 to 15 \(received: "31"\)/);
            return true;
        });
    });
});
