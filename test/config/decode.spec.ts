/**
 * From the engine's text to values, and zod's findings as the project's issues: each bad value
 * a hurried engineer writes, with the exact line the report gives for it.
 */
import * as assert from "node:assert/strict";
import { formatConfigIssue, parseStackConfig } from "../../config";
import { decodeKey, describeType, formatPath, parseKey, qualifiedField, valueAt } from "../../config/decode";
import type { ConfigKey } from "../../config/schema";

/** The line reported for one key's text, or `ok <value>` when it decodes. */
function decoded(key: ConfigKey, text: string): string {
    const r = decodeKey(key, text);
    return r.ok ? `ok ${JSON.stringify(r.value)}` : formatConfigIssue(r.issue);
}

/** The lines reported for a dev config with these keys (values as JSON, like the engine's). */
function problems(o: Record<string, unknown>): string[] {
    const bag = Object.fromEntries(Object.entries({ environment: "dev", ...o }).map(([k, v]) => [`cognito-stack:${k}`, typeof v === "string" ? v : JSON.stringify(v)]));
    const r = parseStackConfig(bag);
    return r.ok ? [] : r.issues.map(formatConfigIssue);
}

const OBJECT_FIX = (key: string) => `Fix: write it as YAML key: value pairs under ${key} in Pulumi.<stack>.yaml; the README lists its settings`;
const LIST_FIX = "Fix: write it as a YAML list in Pulumi.<stack>.yaml, e.g.";
const CLIENT_SETTINGS =
    "name, callbackUrls, logoutUrls, generateSecret, identityProviders, oauthScopes, oauthFlows, explicitAuthFlows, accessTokenValidityMinutes, idTokenValidityMinutes, refreshTokenValidityDays, authSessionValidityMinutes, refreshTokenRotation, refreshTokenGracePeriodSeconds, propagateUserContextData, kind, defaultRedirectUri, readAttributes, writeAttributes";

describe("decodeKey", () => {
    describe("text keys", () => {
        it("keeps text as written, brackets inside it included", () => {
            assert.equal(decoded("emailReplyTo", "help@example.com"), 'ok "help@example.com"');
            assert.equal(decoded("verificationEmailSubject", "Your code [Example]"), 'ok "Your code [Example]"');
            assert.equal(decoded("verificationEmailSubject", "{####} is your code"), 'ok "{####} is your code"');
        });

        it("refuses a list even behind leading spaces, and offers the key's default as the example", () => {
            assert.equal(
                decoded("emailReplyTo", ' ["help@example.com"]'),
                'cognito-stack:emailReplyTo must be text, not a list (received: ["help@example.com"]). Fix: set it to a single value: pulumi config set emailReplyTo <text>',
            );
            assert.equal(decoded("mfa", '{"mode":"ON"}'), 'cognito-stack:mfa must be text, not an object (received: {"mode":"ON"}). Fix: set it to a single value: pulumi config set mfa OPTIONAL');
        });
    });

    describe("booleans", () => {
        it("reads YAML 1.2's spellings of true and false", () => {
            assert.deepEqual(
                ["true", "True", "TRUE", "false", "False", "FALSE"].map((t) => decoded("protect", t)),
                ["ok true", "ok true", "ok true", "ok false", "ok false", "ok false"],
            );
        });

        it("refuses YAML 1.1's yes/no/on/off and suggests the boolean each meant", () => {
            const fix = (b: boolean) => `. Fix: pulumi config set protect ${b} (YAML's yes/no/on/off are text, not booleans)`;
            assert.deepEqual(
                ["no", "Off", "n", "N", "on", "yes", "nope", "1", "tRUE"].map((t) => decoded("protect", t)),
                [
                    `cognito-stack:protect must be true or false (received: "no")${fix(false)}`,
                    `cognito-stack:protect must be true or false (received: "Off")${fix(false)}`,
                    `cognito-stack:protect must be true or false (received: "n")${fix(false)}`,
                    `cognito-stack:protect must be true or false (received: "N")${fix(false)}`,
                    `cognito-stack:protect must be true or false (received: "on")${fix(true)}`,
                    `cognito-stack:protect must be true or false (received: "yes")${fix(true)}`,
                    `cognito-stack:protect must be true or false (received: "nope")${fix(true)}`,
                    `cognito-stack:protect must be true or false (received: "1")${fix(true)}`,
                    `cognito-stack:protect must be true or false (received: "tRUE")${fix(true)}`,
                ],
            );
        });

        it("does not take a prototype name for a boolean", () =>
            assert.equal(decoded("selfSignUp", "constructor"), `cognito-stack:selfSignUp must be true or false (received: "constructor"). Fix: pulumi config set selfSignUp true (YAML's yes/no/on/off are text, not booleans)`));
    });

    describe("numbers", () => {
        it("reads a number, and refuses a boolean or words with the key's default as the example", () => {
            assert.equal(decoded("passwordMinLength", "16"), "ok 16");
            assert.equal(decoded("passwordMinLength", "true"), 'cognito-stack:passwordMinLength must be a whole number (received: "true"). Fix: pulumi config set passwordMinLength 12');
            assert.equal(decoded("passwordMinLength", '"16"'), 'cognito-stack:passwordMinLength must be a whole number (received: "\\"16\\""). Fix: pulumi config set passwordMinLength 12');
            assert.equal(decoded("passwordHistorySize", "five"), 'cognito-stack:passwordHistorySize must be a whole number (received: "five"). Fix: pulumi config set passwordHistorySize 0');
        });
    });

    describe("lists", () => {
        it("reads a JSON list", () => assert.equal(decoded("usernameAttributes", '["email","phone_number"]'), 'ok ["email","phone_number"]'));

        it("turns comma-separated text into the YAML list it meant, without empty items", () => {
            assert.equal(decoded("usernameAttributes", "email, phone_number"), `cognito-stack:usernameAttributes must be a list (received: "email, phone_number"). ${LIST_FIX} usernameAttributes: [email, phone_number]`);
            assert.equal(decoded("usernameAttributes", " email ,,phone_number, "), `cognito-stack:usernameAttributes must be a list (received: " email ,,phone_number, "). ${LIST_FIX} usernameAttributes: [email, phone_number]`);
            assert.equal(decoded("aliasAttributes", "preferred_username"), `cognito-stack:aliasAttributes must be a list (received: "preferred_username"). ${LIST_FIX} aliasAttributes: [preferred_username]`);
        });

        it("refuses a number or an object where a list belongs", () => {
            assert.equal(decoded("usernameAttributes", "5"), `cognito-stack:usernameAttributes must be a list (received: "5"). ${LIST_FIX} usernameAttributes: [5]`);
            assert.equal(decoded("usernameAttributes", '{"email":true}'), `cognito-stack:usernameAttributes must be a list (received: "{\\"email\\":true}"). ${LIST_FIX} usernameAttributes: [email]`);
        });

        it("gives the default (or a placeholder) as the example for broken JSON, YAML mappings and empty text", () => {
            assert.equal(decoded("usernameAttributes", "[email"), `cognito-stack:usernameAttributes must be a list (received: "[email"). ${LIST_FIX} usernameAttributes: [email]`);
            assert.equal(decoded("usernameAttributes", ""), `cognito-stack:usernameAttributes must be a list (received: ""). ${LIST_FIX} usernameAttributes: [email]`);
            assert.equal(decoded("aliasAttributes", "[email"), `cognito-stack:aliasAttributes must be a list (received: "[email"). ${LIST_FIX} aliasAttributes: [<item>, <item>]`);
            assert.equal(decoded("aliasAttributes", "email: true"), `cognito-stack:aliasAttributes must be a list (received: "email: true"). ${LIST_FIX} aliasAttributes: [<item>, <item>]`);
            assert.equal(decoded("aliasAttributes", " , "), `cognito-stack:aliasAttributes must be a list (received: " , "). ${LIST_FIX} aliasAttributes: [<item>, <item>]`);
        });

        it("never shows a default made of settings objects as the example", () =>
            assert.equal(decoded("appClients", "[web"), `cognito-stack:appClients must be a list (received: "[web"). ${LIST_FIX} appClients: [<item>, <item>]`));
    });

    describe("objects", () => {
        it("reads a JSON object", () => assert.equal(decoded("tags", '{"team":"identity"}'), 'ok {"team":"identity"}'));

        it("refuses null, a list, a number and a boolean where an object belongs", () => {
            for (const text of ["null", "[1]", '["team"]', "5", "true"]) {
                assert.equal(decoded("tags", text), `cognito-stack:tags must be an object (key: value settings) (received: ${JSON.stringify(text)}). ${OBJECT_FIX("tags")}`);
            }
        });

        it("tells how to switch api and triggers on with their defaults when given true, yes or on", () => {
            const enable = (key: string, text: string) =>
                `cognito-stack:${key} must be an object (key: value settings) (received: ${JSON.stringify(text)}). Fix: write ${key}: {} to use the defaults, or list its settings (the README gives them)`;
            assert.equal(decoded("api", "true"), enable("api", "true"));
            assert.equal(decoded("api", "On"), enable("api", "On"));
            assert.equal(decoded("triggers", "yes"), enable("triggers", "yes"));
            assert.equal(decoded("triggers", "TRUE"), enable("triggers", "TRUE"));
        });

        it("gives the generic fix for other text, and for other keys switched on", () => {
            const generic = (key: string, text: string) => `cognito-stack:${key} must be an object (key: value settings) (received: ${JSON.stringify(text)}). ${OBJECT_FIX(key)}`;
            assert.equal(decoded("api", "online"), generic("api", "online"));
            assert.equal(decoded("api", "not true"), generic("api", "not true"));
            assert.equal(decoded("triggers", "Lambda function"), generic("triggers", "Lambda function"));
            assert.equal(decoded("waf", "on"), generic("waf", "on"));
            assert.equal(decoded("tags", "true"), generic("tags", "true"));
        });
    });

    it("passes a key of several types (groupRoles, managedLoginVersion) on as JSON, or as text", () => {
        assert.equal(decoded("groupRoles", "true"), "ok true");
        assert.equal(decoded("groupRoles", '["admins"]'), 'ok ["admins"]');
        assert.equal(decoded("groupRoles", "some"), 'ok "some"');
        assert.equal(decoded("managedLoginVersion", "2"), "ok 2");
    });
});

describe("the helpers of the messages", () => {
    it("describeType names what a value is", () =>
        assert.deepEqual([[], null, {}, "x", 5, true].map(describeType), ["a list", "null", "an object", "text", "a number", "a boolean"]));

    it("formatPath writes list indexes in brackets and settings with dots", () => {
        assert.equal(formatPath(["appClients", 0, "callbackUrls", 1]), "appClients[0].callbackUrls[1]");
        assert.equal(formatPath(["triggers", "preSignUp", "allowedEmailDomains"]), "triggers.preSignUp.allowedEmailDomains");
        assert.equal(formatPath([]), "");
    });

    it("valueAt follows a path through objects and lists, and stops at text, numbers and null", () => {
        assert.equal(valueAt({ a: [{ b: 1 }] }, ["a", 0, "b"]), 1);
        assert.equal(valueAt({ a: "text" }, ["a", "length"]), undefined);
        assert.equal(valueAt({ a: 5 }, ["a", "toFixed"]), undefined);
        assert.equal(valueAt({ a: null }, ["a", "b"]), undefined);
        assert.deepEqual(valueAt({ a: 1 }, []), { a: 1 });
    });

    it("qualifiedField puts our namespace before a field, unless its own key names another namespace", () => {
        assert.equal(qualifiedField("appClients[0].name"), "cognito-stack:appClients[0].name");
        assert.equal(qualifiedField("tags.aws:team"), "cognito-stack:tags.aws:team");
        assert.equal(qualifiedField("triggers.preSignUp"), "cognito-stack:triggers.preSignUp");
        assert.equal(qualifiedField("aws:region"), "aws:region");
        assert.equal(qualifiedField("cognito-stak:mfa"), "cognito-stak:mfa");
    });
});

describe("zod's findings as the project's issues", () => {
    it("a required setting left out: what to add and where", () =>
        assert.deepEqual(problems({ appClients: [{ callbackUrls: ["https://a.example.com/cb"] }] }), [
            "cognito-stack:appClients[0].name is required (received: nothing). Fix: add name to appClients[0] in Pulumi.<stack>.yaml",
        ]));

    it("a fraction where a whole number belongs: the rounded value as the fix", () => {
        assert.deepEqual(problems({ passwordMinLength: 12.5 }), ["cognito-stack:passwordMinLength must be a whole number (received: 12.5). Fix: pulumi config set passwordMinLength 13"]);
        assert.deepEqual(problems({ groups: [{ name: "admins", precedence: 1.2 }] }), [
            "cognito-stack:groups[0].precedence must be a whole number (received: 1.2). Fix: set groups[0].precedence to 1 in Pulumi.<stack>.yaml",
        ]);
    });

    it("a quoted number or boolean in the stack file: write it without quotes", () => {
        assert.deepEqual(problems({ groups: [{ name: "admins", precedence: "1" }] }), [
            'cognito-stack:groups[0].precedence must be a number, not text (received: "1"). Fix: write groups[0].precedence as a number without quotes in Pulumi.<stack>.yaml',
        ]);
        assert.deepEqual(problems({ appClients: [{ name: "web", generateSecret: "true" }] }), [
            'cognito-stack:appClients[0].generateSecret must be true or false, not text (received: "true"). Fix: write appClients[0].generateSecret as true or false without quotes in Pulumi.<stack>.yaml',
        ]);
    });

    it("other wrong types: the type expected, and no word about quotes", () => {
        assert.deepEqual(problems({ appClients: [{ name: "web", generateSecret: [true] }] }), [
            "cognito-stack:appClients[0].generateSecret must be true or false, not a list (received: [true]). Fix: write appClients[0].generateSecret as true or false in Pulumi.<stack>.yaml",
        ]);
        assert.deepEqual(problems({ groups: [{ name: 5 }] }), ["cognito-stack:groups[0].name must be text, not a number (received: 5). Fix: write groups[0].name as text in Pulumi.<stack>.yaml"]);
        assert.deepEqual(problems({ appClients: [{ name: "web", callbackUrls: "https://a.example.com/cb" }] }), [
            'cognito-stack:appClients[0].callbackUrls must be a list, not text (received: "https://a.example.com/cb"). Fix: write appClients[0].callbackUrls as a list in Pulumi.<stack>.yaml',
        ]);
        assert.deepEqual(problems({ groups: ["admins"] }), [
            'cognito-stack:groups[0] must be an object (key: value settings), not text (received: "admins"). Fix: write groups[0] as an object (key: value settings) in Pulumi.<stack>.yaml',
        ]);
    });

    it("list and text lengths: one item, one character, two items", () => {
        assert.deepEqual(problems({ accountRecovery: [] }), ["cognito-stack:accountRecovery must have at least 1 item (received: []). Fix: give accountRecovery at least 1 item"]);
        assert.deepEqual(problems({ accountRecovery: ["verified_email", "verified_phone_number", "admin_only"] }), [
            'cognito-stack:accountRecovery must have at most 2 items (received: ["verified_email","verified_phone_number","admin_only"]). Fix: give accountRecovery at most 2 items',
        ]);
        assert.deepEqual(problems({ verificationEmailSubject: "" }), ['cognito-stack:verificationEmailSubject must be at least 1 character (received: ""). Fix: give verificationEmailSubject at least 1 character']);
        assert.deepEqual(problems({ verificationEmailMessage: "Code" }), ['cognito-stack:verificationEmailMessage must be at least 6 characters (received: "Code"). Fix: give verificationEmailMessage at least 6 characters']);
    });

    it("a number out of range: the range and the nearest value allowed, on the CLI or in the file", () => {
        assert.deepEqual(problems({ passwordMinLength: 100 }), ["cognito-stack:passwordMinLength must be at most 99 (received: 100). Fix: use a value from 6 to 99: pulumi config set passwordMinLength 99"]);
        assert.deepEqual(problems({ groups: [{ name: "admins", precedence: -1 }] }), [
            "cognito-stack:groups[0].precedence must be at least 0 (received: -1). Fix: use a value from 0 to 2147483647: set groups[0].precedence to 0 in Pulumi.<stack>.yaml",
        ]);
    });

    it("a value outside an enum: the near value meant, or every value allowed, on the CLI or in the file", () => {
        assert.deepEqual(problems({ mfa: "on" }), ['cognito-stack:mfa must be one of OFF, OPTIONAL, ON (received: "on"). Fix: did you mean ON? pulumi config set mfa ON']);
        assert.deepEqual(problems({ managedLoginVersion: 3 }), ["cognito-stack:managedLoginVersion must be one of 1, 2 (received: 3). Fix: pulumi config set managedLoginVersion <1|2>"]);
        assert.deepEqual(problems({ appClients: [{ name: "web", kind: "Web" }] }), [
            'cognito-stack:appClients[0].kind must be one of web, spa, native, machine (received: "Web"). Fix: did you mean web? set appClients[0].kind to web in Pulumi.<stack>.yaml',
        ]);
        assert.deepEqual(problems({ appClients: [{ name: "web", kind: "device" }] }), [
            'cognito-stack:appClients[0].kind must be one of web, spa, native, machine (received: "device"). Fix: set appClients[0].kind to <web|spa|native|machine> in Pulumi.<stack>.yaml',
        ]);
    });

    it("a required choice left out: the values to choose from", () =>
        assert.deepEqual(problems({ roleMappingType: "Rules", roleMappingRules: [{ claim: "email", value: "a@example.com", role: "authenticated" }] }), [
            "cognito-stack:roleMappingRules[0].matchType must be one of Equals, Contains, StartsWith, NotEqual (received: nothing). Fix: set roleMappingRules[0].matchType to <Equals|Contains|StartsWith|NotEqual> in Pulumi.<stack>.yaml",
        ]));

    it("a value of none of a key's types: the key's own rule", () =>
        assert.deepEqual(problems({ groupRoles: "some" }), [
            'cognito-stack:groupRoles must be true (every group), false (none) or a list of group names (received: "some"). Fix: write groupRoles as the README\'s Configuration section gives it',
        ]));

    it("a bad key of a map: the key itself as the value, with the key's rule when it has one", () => {
        assert.deepEqual(problems({ tags: { "aws:team": "x" } }), ['cognito-stack:tags.aws:team must not start with aws: (reserved by AWS) (received: "aws:team"). Fix: rename the key aws:team in Pulumi.<stack>.yaml']);
        const long = "x".repeat(40);
        assert.deepEqual(problems({ google: { clientId: "1-a.apps.googleusercontent.com", attributeMapping: { [long]: "email" } }, googleClientSecret: "s" }), [
            `cognito-stack:google.attributeMapping.${long} is not a valid key here (received: "${long}"). Fix: rename the key ${long} in Pulumi.<stack>.yaml`,
        ]);
    });

    it("an unknown setting: the settings the object takes, the near one meant if any", () => {
        assert.deepEqual(problems({ appClients: [{ name: "web", zzz: 1 }] }), [`cognito-stack:appClients[0].zzz is not a setting of appClients[0] (received: 1). Fix: appClients[0] takes ${CLIENT_SETTINGS}`]);
        assert.deepEqual(problems({ appClients: [{ name: "web", kinds: "spa" }] }), [
            `cognito-stack:appClients[0].kinds is not a setting of appClients[0] (received: "spa"). Fix: did you mean kind? appClients[0] takes ${CLIENT_SETTINGS}`,
        ]);
    });

    it("a secret inside a provider's settings, under any spelling of private key: hidden, sent to its own key", () => {
        const apple = { servicesId: "com.example", teamId: "ABCDE12345", keyId: "KEY1234567" };
        const fix = `Fix: remove it: the secret has its own key, set encrypted with pulumi config set --secret applePrivateKey -- "$(cat AuthKey_<keyId>.p8)"`;
        for (const name of ["privateKey", "private_key", "PrivateKey"]) {
            assert.deepEqual(problems({ apple: { ...apple, [name]: "-----BEGIN PRIVATE KEY-----" }, applePrivateKey: "k" }), [
                `cognito-stack:apple.${name} is not a setting of apple (received: "[hidden: looks like a secret]"). ${fix}`,
            ]);
        }
    });
});

describe("parseKey", () => {
    it("a valid value: the parsed value with its defaults, nothing reported", () => {
        const r = parseKey("groups", [{ name: "admins" }]);
        assert.deepEqual(r, { data: [{ name: "admins" }], issues: [], badPaths: [] });
    });

    it("a bad nested setting: reported, then dropped so its default applies", () => {
        const r = parseKey("groups", [{ name: "admins", precedence: -1 }, { name: "members" }]);
        assert.deepEqual(r.data, [{ name: "admins" }, { name: "members" }]);
        assert.deepEqual(r.badPaths, ["groups[0].precedence"]);
        assert.deepEqual(r.issues.map((i) => i.field), ["groups[0].precedence"]);
    });

    it("a bad key of a map: dropped, the other keys kept", () => {
        const r = parseKey("tags", { "aws:team": "x", team: "identity" });
        assert.deepEqual(r.data, { team: "identity" });
        assert.deepEqual(r.badPaths, ["tags.aws:team"]);
    });

    it("an unknown setting stands for the one it resembles too, and for itself only when it resembles none", () => {
        const near = parseKey("appClients", [{ name: "web", callbackUrl: ["https://a.example.com/cb"] }]);
        assert.deepEqual(near.badPaths, ["appClients[0].callbackUrl", "appClients[0].callbackUrls"]);
        assert.deepEqual((near.data as { callbackUrls: string[] }[]).map((c) => c.callbackUrls), [[]]);
        const far = parseKey("appClients", [{ name: "web", zzz: 1 }]);
        assert.deepEqual(far.badPaths, ["appClients[0].zzz"]);
        assert.deepEqual((far.data as { name: string }[]).map((c) => c.name), ["web"]);
    });

    it("a misspelt setting deep inside a key: both paths, at the depth they were written", () =>
        assert.deepEqual(parseKey("triggers", { userMigration: { migrationClient: { nam: "legacy", start: "2026-01-01", end: "2026-06-30" } } }).badPaths, [
            "triggers.userMigration.migrationClient.nam",
            "triggers.userMigration.migrationClient.name",
        ]));

    it("bad URLs of a client: each reported, the others kept in their order", () => {
        const r = parseKey("appClients", [{ name: "web", callbackUrls: ["ftp://a", "https://one.example.com/cb", "ftp://b", "https://two.example.com/cb"] }]);
        assert.deepEqual(r.badPaths, ["appClients[0].callbackUrls[0]", "appClients[0].callbackUrls[2]"]);
        assert.deepEqual((r.data as { callbackUrls: string[] }[]).map((c) => c.callbackUrls), [["https://one.example.com/cb", "https://two.example.com/cb"]]);
    });

    it("a bad item of the key's own list: reported, and the key has no value", () => {
        const r = parseKey("groups", [{ name: "admins" }, "members"]);
        assert.equal(r.data, undefined);
        assert.deepEqual(r.badPaths, ["groups[1]"]);
        const alone = parseKey("groups", ["admins"]);
        assert.equal(alone.data, undefined);
        assert.deepEqual(alone.badPaths, ["groups[0]"]);
    });
});
