import * as assert from "node:assert/strict";
import type { CustomMessageTriggerEvent } from "aws-lambda";
import { parseCustomMessageConfig } from "../../lambdas/customMessage/config";
import { createCustomMessageHandler } from "../../lambdas/customMessage/customMessage";
import { ConfigError } from "../../lambdas/shared/env";
import { recordingLogger, silentLogger } from "./helpers";

const event = (triggerSource: string, attrs: Record<string, string> = {}, request: Record<string, unknown> = {}): CustomMessageTriggerEvent => ({
    version: "1", region: "eu-west-1", userPoolId: "eu-west-1_Pool1", userName: "sub-1", triggerSource,
    callerContext: { awsSdkVersion: "aws-sdk-unknown-unknown", clientId: "client1" },
    request: { userAttributes: { sub: "sub-1", email: "ann@example.com", ...attrs }, codeParameter: "{####}", usernameParameter: triggerSource === "CustomMessage_AdminCreateUser" ? "{username}" : null, linkParameter: "{##Click Here##}", ...request },
    response: { smsMessage: null, emailMessage: null, emailSubject: null },
} as unknown as CustomMessageTriggerEvent);

describe("lambdas/customMessage", () => {
    const handler = createCustomMessageHandler({ config: parseCustomMessageConfig({ APP_NAME: "Example", DEFAULT_LANGUAGE: "de" }), logger: silentLogger() });

    const sources = ["SignUp", "AdminCreateUser", "ResendCode", "ForgotPassword", "UpdateUserAttribute", "VerifyUserAttribute", "Authentication"];
    for (const source of sources) {
        it(`writes the email and SMS of CustomMessage_${source} with Cognito's placeholders`, async () => {
            const out = await handler(event(`CustomMessage_${source}`, { locale: "en-GB" }));
            const { emailMessage, emailSubject, smsMessage } = out.response;
            for (const text of [emailMessage, smsMessage]) {
                assert.ok(text?.includes("{####}"), `${source}: ${text}`);
                if (source === "AdminCreateUser") assert.ok(text?.includes("{username}"), `${source}: ${text}`);
            }
            assert.match(emailSubject ?? "", /Example/);
        });
    }

    it("speaks the user's language and falls back to the configured one", async () => {
        assert.equal((await handler(event("CustomMessage_SignUp", { locale: "fr-FR" }))).response.emailSubject, "Confirmez votre compte Example");
        assert.equal((await handler(event("CustomMessage_SignUp", { locale: "ja" }))).response.emailSubject, "Bestätigen Sie Ihr Example-Konto");
        assert.equal((await handler(event("CustomMessage_SignUp"))).response.emailSubject, "Bestätigen Sie Ihr Example-Konto");
        assert.equal((await handler(event("CustomMessage_ForgotPassword", { locale: "en" }))).response.emailMessage,
            "<p>Someone asked to reset your password.</p><p>Your reset code is {####}.</p><p>If it was not you, ignore this message: your password stays as it is.</p>");
    });

    it("uses the placeholder the event carries, so a link verification keeps its own", async () => {
        const out = await handler(event("CustomMessage_SignUp", { locale: "en" }, { codeParameter: "{##Verify Email##}" }));
        assert.match(out.response.emailMessage ?? "", /\{##Verify Email##\}/);
    });

    it("leaves Cognito's default message for a source it does not know", async () => {
        const out = await handler(event("CustomMessage_Future"));
        assert.equal(out.response.emailMessage, null);
        assert.equal(out.response.smsMessage, null);
    });

    it("leaves Cognito's default message when the placeholder is empty", async () => {
        const out = await handler(event("CustomMessage_SignUp", {}, { codeParameter: "" }));
        assert.equal(out.response.emailMessage, null);
    });

    const malformed: [string, unknown, RegExp][] = [
        ["no event", null, /the event must be an object/],
        ["an array", [], /the event must be an object \(received: an array\)/],
        ["no triggerSource", { ...event("CustomMessage_SignUp"), triggerSource: 1 }, /triggerSource must be a string/],
        ["no request", { ...event("CustomMessage_SignUp"), request: "x" }, /request must be an object/],
        ["no response", { ...event("CustomMessage_SignUp"), response: null }, /response must be an object/],
        ["a numeric code placeholder", event("CustomMessage_SignUp", {}, { codeParameter: 1234 }), /request.codeParameter must be a string/],
        ["an invitation without username placeholder", event("CustomMessage_AdminCreateUser", {}, { usernameParameter: null }), /request.usernameParameter must be a string/],
        ["a locale that is not a string", event("CustomMessage_SignUp", { locale: ["de"] } as unknown as Record<string, string>), /request.userAttributes\["locale"\] must be a string/],
        ["attributes inherited from a prototype only", { ...event("CustomMessage_SignUp"), request: Object.assign(Object.create({ codeParameter: "{####}" }) as object, { userAttributes: {} }) }, /request.codeParameter must be a string/],
    ];
    for (const [what, input, message] of malformed) {
        it(`rejects ${what}`, async () => {
            await assert.rejects(handler(input), message);
        });
    }

    it("takes an attribute called __proto__ or constructor as data", async () => {
        const input = event("CustomMessage_SignUp", JSON.parse('{"__proto__": "x", "constructor": "y", "locale": "de"}') as Record<string, string>);
        assert.equal((await handler(input)).response.emailSubject, "Bestätigen Sie Ihr Example-Konto");
    });

    it("logs which message it wrote, and why it left Cognito's default, without the code", async () => {
        const { logger, lines } = recordingLogger();
        const h = createCustomMessageHandler({ config: parseCustomMessageConfig({ DEFAULT_LANGUAGE: "fr" }), logger });
        await h(event("CustomMessage_SignUp", { locale: "de-AT" }));
        await h(event("CustomMessage_Future"));
        await h(event("CustomMessage_ForgotPassword", {}, { codeParameter: "" }));
        assert.deepEqual(lines, [
            { level: "info", message: "custom message", extra: [{ triggerSource: "CustomMessage_SignUp", language: "de" }] },
            { level: "warn", message: "unknown custom message source; Cognito's default message is sent", extra: [{ triggerSource: "CustomMessage_Future" }] },
            { level: "error", message: "message lacks Cognito's placeholders; Cognito's default message is sent", extra: [{ triggerSource: "CustomMessage_ForgotPassword", language: "fr" }] },
        ]);
    });

    it("leaves Cognito's default invitation when the username placeholder would not survive in both texts", async () => {
        // HTML escaping turns "<" into "&lt;": the email would lose the placeholder Cognito fills in.
        const { logger, lines } = recordingLogger();
        const h = createCustomMessageHandler({ config: parseCustomMessageConfig({}), logger });
        const out = await h(event("CustomMessage_AdminCreateUser", {}, { usernameParameter: "{user<name>}" }));
        assert.deepEqual(out.response, { smsMessage: null, emailMessage: null, emailSubject: null });
        assert.deepEqual(lines, [{ level: "error", message: "message lacks Cognito's placeholders; Cognito's default message is sent", extra: [{ triggerSource: "CustomMessage_AdminCreateUser", language: "en" }] }]);
    });

    it("ignores a username placeholder sent with a message that does not show the username", async () => {
        const out = await handler(event("CustomMessage_SignUp", {}, { usernameParameter: "{username}" }));
        assert.equal(out.response.emailSubject, "Bestätigen Sie Ihr Example-Konto");
        assert.match(out.response.emailMessage ?? "", /\{####\}/);
    });

    it("refuses a bad configuration at init, naming each variable", () => {
        assert.throws(() => parseCustomMessageConfig({ APP_NAME: "<b>x</b>", DEFAULT_LANGUAGE: "es" }), (e: unknown) => {
            assert.ok(e instanceof ConfigError);
            assert.match(e.message, /^Invalid configuration of the customMessage function:\n/);
            assert.match(e.message, /APP_NAME must be 1-64 characters without <, >, \{ \} or line breaks \(received: "<b>x<\/b>"\)/);
            assert.match(e.message, /DEFAULT_LANGUAGE must be one of en, de, fr \(received: "es"\)/);
            return true;
        });
        assert.deepEqual(parseCustomMessageConfig({}), { appName: "our service", defaultLanguage: "en" });
    });
});
