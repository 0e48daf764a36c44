/**
 * The trigger kinds cognito-local runs, end to end on it (a deployed stack's suite is
 * e2e.spec.ts): user migration at the first password sign-in, the post authentication record,
 * the custom message in the user's language and, on a second instance, every code going out
 * through the custom email sender. cognito-local invokes no pre authentication and no custom
 * auth challenge triggers, and no custom SMS sender; their handlers are tested in test/lambdas/.
 */
import * as assert from "node:assert/strict";
import { AdminGetUserCommand, InitiateAuthCommand } from "@aws-sdk/client-cognito-identity-provider";
import { hashSync } from "bcryptjs";
import { startLocalTarget, type LocalExtras } from "./localTarget";
import type { E2eTarget } from "./target";

const PASSWORD = "Corr3ct-horse-battery-staple";
const LEGACY_PASSWORD = "Legacy-Passw0rd!";
type Json = Record<string, unknown>;
const claimsOf = (jwt: string): Json => JSON.parse(Buffer.from(jwt.split(".")[1], "base64url").toString("utf8")) as Json;

const local = process.env.E2E_TARGET === undefined || process.env.E2E_TARGET === "cognito-local";

(local ? describe : describe.skip)("end to end: the trigger kinds cognito-local runs", function () {
    this.timeout(60_000);
    let target: E2eTarget & { local: LocalExtras };

    before(async () => {
        target = await startLocalTarget();
        target.local.legacyUsers.set("lena@example.com", {
            username: "lena@example.com", passwordHash: hashSync(LEGACY_PASSWORD, 4), emailVerified: true, phoneNumberVerified: false,
            attributes: new Map([["email", "lena@example.com"], ["name", "Lena"], ["locale", "de"], ["custom:tenant_id", "acme"]]),
        });
        target.local.legacyUsers.set("otto@example.com", {
            username: "otto@example.com", passwordHash: hashSync("Otto-Passw0rd!", 4), emailVerified: true, phoneNumberVerified: false, attributes: new Map([["email", "otto@example.com"]]),
        });
    });
    after(async () => {
        await target?.dispose();
    });

    it("user migration: a legacy user's first sign-in with the legacy password moves them in, confirmed, with the allowed attributes", async () => {
        const tokens = await target.signIn("Lena@Example.com", LEGACY_PASSWORD);
        const id = claimsOf(tokens.idToken);
        assert.equal(id.email, "lena@example.com");
        const { UserAttributes = [], UserStatus } = await target.cognito.send(new AdminGetUserCommand({ UserPoolId: target.userPoolId, Username: id["cognito:username"] as string }));
        const attributes = Object.fromEntries(UserAttributes.map((a) => [a.Name, a.Value]));
        assert.equal(UserStatus, "CONFIRMED");
        assert.deepEqual([attributes.email, attributes.email_verified, attributes.name, attributes.locale], ["lena@example.com", "true", "Lena", "de"]);
        // A tenant in the legacy record is not carried over: it is privileged.
        assert.equal(attributes["custom:tenant_id"], undefined);
        assert.deepEqual(target.local.migrationCalls, ["Lena@Example.com"]);
        // From now on the user is Cognito's: the trigger is not asked again.
        await target.signIn("lena@example.com", LEGACY_PASSWORD);
        assert.equal(target.local.migrationCalls.length, 1);
    });

    it("user migration: a wrong legacy password and an unknown user are refused alike, and nobody is created", async () => {
        const wrong = await target.cognito.send(new InitiateAuthCommand({ ClientId: target.clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "otto@example.com", PASSWORD: "guess" } })).catch((e: Error) => e);
        const unknown = await target.cognito.send(new InitiateAuthCommand({ ClientId: target.clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "nobody@example.com", PASSWORD: "guess" } })).catch((e: Error) => e);
        assert.ok(wrong instanceof Error && unknown instanceof Error);
        assert.equal(wrong.name, unknown.name);
        // Otto is still only in the legacy store: his right password moves him in afterwards.
        assert.equal(claimsOf((await target.signIn("otto@example.com", "Otto-Passw0rd!")).idToken).email, "otto@example.com");
    });

    it("post authentication: each sign-in leaves a record with the user's sub and the client, and no address", async () => {
        const email = target.address("paula");
        const sub = await target.signUpAndConfirm(email, PASSWORD);
        const before = target.local.signIns.length;
        await target.signIn(email, PASSWORD);
        const records = target.local.signIns.slice(before);
        assert.equal(records.length, 1);
        assert.equal(records[0].sub, sub);
        assert.equal(records[0].clientId, target.clientId);
        assert.ok(!JSON.stringify(records).includes(email));
    });

    it("custom message: the confirmation email is the project's text in the user's language, with the code Cognito put in", async () => {
        const email = target.address("jeanne");
        await target.signUpAndConfirm(email, PASSWORD, { locale: "fr-FR" });
        const mail = target.local.emails.find((m) => m.to === email);
        assert.equal(mail?.via, "customMessage");
        assert.equal(mail?.subject, "Confirmez votre compte Example");
        assert.match(mail?.body ?? "", /<p>Votre code de confirmation est \d{6}\.<\/p>/);
    });
});

(local ? describe : describe.skip)("end to end: the custom email sender on cognito-local", function () {
    this.timeout(60_000);
    let target: E2eTarget & { local: LocalExtras };

    before(async () => {
        target = await startLocalTarget({ customEmailSender: true });
    });
    after(async () => {
        await target?.dispose();
    });

    it("sign-up: the code arrives encrypted, the sender decrypts it and mails it through SES, and confirming with it works", async () => {
        const email = target.address("sam");
        await target.signUpAndConfirm(email, PASSWORD, { locale: "de" });
        const mail = target.local.emails.find((m) => m.to === email);
        assert.equal(mail?.via, "customEmailSender");
        assert.equal(mail?.subject, "Bestätigen Sie Ihr Example-Konto");
        const code = /Bestätigungscode lautet (\d{6})\./.exec(mail?.body ?? "")?.[1];
        assert.ok(code, mail?.body);
        // What reached the function was an Encryption SDK message, not the code.
        const ciphertext = target.local.encryptedCodes.at(-1) ?? "";
        assert.ok(!ciphertext.includes(code));
        // An Encryption SDK message starts with its format version (1 or 2).
        assert.ok([1, 2].includes(Buffer.from(ciphertext, "base64")[0]), ciphertext.slice(0, 16));
        const tokens = await target.signIn(email, PASSWORD);
        assert.equal(claimsOf(tokens.idToken).email, email);
    });
});
