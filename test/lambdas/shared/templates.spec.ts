import * as assert from "node:assert/strict";
import { MESSAGE_LANGUAGES, messageKind, messageLanguage, renderMessage, type MessageKind } from "../../../lambdas/shared/templates";

const KINDS: MessageKind[] = ["signUp", "resendCode", "forgotPassword", "adminCreateUser", "verifyAttribute", "authentication", "accountTakeover"];

describe("lambdas/shared/templates", () => {
    it("maps each trigger source of a trigger to its kind, and nothing else", () => {
        assert.equal(messageKind("CustomMessage_SignUp", "CustomMessage_"), "signUp");
        assert.equal(messageKind("CustomEmailSender_ForgotPassword", "CustomEmailSender_"), "forgotPassword");
        assert.equal(messageKind("CustomSMSSender_Authentication", "CustomSMSSender_"), "authentication");
        assert.equal(messageKind("CustomMessage_UpdateUserAttribute", "CustomMessage_"), "verifyAttribute");
        assert.equal(messageKind("CustomEmailSender_AccountTakeOverNotification", "CustomEmailSender_"), "accountTakeover");
        // Another trigger's source, an unknown source, prototype names.
        assert.equal(messageKind("CustomEmailSender_SignUp", "CustomMessage_"), undefined);
        assert.equal(messageKind("CustomMessage_Unknown", "CustomMessage_"), undefined);
        assert.equal(messageKind("CustomMessage_constructor", "CustomMessage_"), undefined);
        assert.equal(messageKind("CustomMessage___proto__", "CustomMessage_"), undefined);
    });

    it("reads the language of a locale attribute, with the fallback for anything else", () => {
        assert.equal(messageLanguage("de", "en"), "de");
        assert.equal(messageLanguage("de-AT", "en"), "de");
        assert.equal(messageLanguage("fr_CA", "en"), "fr");
        assert.equal(messageLanguage("FR", "en"), "fr");
        assert.equal(messageLanguage("es-ES", "en"), "en");
        assert.equal(messageLanguage(undefined, "de"), "de");
        assert.equal(messageLanguage("", "fr"), "fr");
        assert.equal(messageLanguage("de;<script>", "en"), "en");
        assert.equal(messageLanguage("constructor", "en"), "en");
        // Padding is trimmed; text before the language is not skipped.
        assert.equal(messageLanguage(" de-DE ", "en"), "de");
        assert.equal(messageLanguage("1de", "en"), "en");
        assert.equal(messageLanguage("x_fr", "de"), "de");
    });

    it("puts the code (and the username for an invitation) into every message of every language", () => {
        for (const language of MESSAGE_LANGUAGES) {
            for (const kind of KINDS.filter((k) => k !== "accountTakeover")) {
                const m = renderMessage(kind, language, { appName: "Example", code: "{####}", username: "{username}" });
                for (const part of [m.text, m.html, m.sms]) {
                    assert.ok(part.includes("{####}"), `${language} ${kind}: ${part}`);
                    if (kind === "adminCreateUser") assert.ok(part.includes("{username}"), `${language} ${kind}: ${part}`);
                }
                assert.ok(m.subject.includes("Example"), `${language} ${kind} subject`);
                // Cognito refuses an SMS message over 140 characters.
                assert.ok(m.sms.length <= 140, `${language} ${kind} sms is ${m.sms.length} characters`);
            }
        }
    });

    it("says which language it speaks", () => {
        const values = { appName: "Example", code: "123456", username: "ann" };
        assert.equal(renderMessage("signUp", "en", values).text, "Welcome to Example.\n\nYour confirmation code is 123456.\n\nIf you did not sign up, ignore this message.\n");
        assert.equal(renderMessage("signUp", "de", values).subject, "Bestätigen Sie Ihr Example-Konto");
        assert.equal(renderMessage("forgotPassword", "fr", values).sms, "Votre code est 123456. Si ce n'était pas vous, ignorez ce message : votre mot de passe reste inchangé.");
    });

    it("escapes values in HTML and never expands a value twice", () => {
        const m = renderMessage("adminCreateUser", "en", { appName: "<b>Ex</b>", code: "$&{app}", username: "a\"<img src=x>" });
        assert.equal(renderMessage("signUp", "en", { appName: "<b>Ex</b>", code: "1", username: "" }).html.split("</p>")[0], "<p>Welcome to &#60;b&#62;Ex&#60;/b&#62;.");
        assert.ok(m.html.includes("a&#34;&#60;img src=x&#62;"), m.html);
        assert.ok(!m.html.includes("<img"), m.html);
        assert.ok(m.text.includes("temporary password is $&{app}."), m.text);
    });

    it("sends no code in an account-takeover notice", () => {
        const m = renderMessage("accountTakeover", "en", { appName: "Example", code: "", username: "ann" });
        assert.equal(m.text, "We saw a sign-in to your account that did not look like you.\n\nIf it was not you, change your password now.\n");
    });
});
