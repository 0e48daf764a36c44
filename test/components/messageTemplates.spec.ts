import * as assert from "node:assert/strict";
import { formatIssue } from "../../components/issues";
import { invitationTemplate, validateMessageTemplates, verificationTemplate } from "../../components/messageTemplates";

const messages = (t: Parameters<typeof validateMessageTemplates>[0]) => validateMessageTemplates(t).map((i) => formatIssue(i));

describe("message templates", () => {
    it("accepts every template with its placeholders, at AWS's limits", () => {
        assert.deepEqual(messages({
            verificationEmailMessage: `{####}${"x".repeat(19994)}`,
            verificationSmsMessage: `Code {####} ${"x".repeat(128)}`,
            invitationMessage: { emailSubject: "s".repeat(140), emailMessage: "{username} {####}", smsMessage: "{username}{####}" },
            mfaSmsMessage: "{####}",
        }), []);
        assert.deepEqual(messages({ verificationType: "LINK", verificationEmailMessage: "Please {##Confirm my address##} now." }), []);
    });

    it("names the key, the rule, the value and the fix for each broken template", () => {
        assert.deepEqual(messages({ verificationSmsMessage: "Hello", mfaSmsMessage: "Your code" }), [
            'verificationSmsMessage must be 6 to 140 characters (AWS\'s limit; it has 5) (received: "Hello"). Fix: write the whole message',
            'verificationSmsMessage must contain {####}, where Cognito puts the code (received: "Hello"). Fix: add {####} to the text',
            'mfaSmsMessage must contain {####}, where Cognito puts the code (received: "Your code"). Fix: add {####} to the text',
        ]);
        assert.deepEqual(messages({ verificationType: "LINK", verificationEmailMessage: "Verify: {##} {####}" }), [
            'verificationEmailMessage must contain {##Verify Email##}, where Cognito puts the link (its text between {## and ##}) (received: "Verify: {##} {####}"). Fix: add {##Verify Email##} to the text (any link text between {## and ##})',
        ]);
    });

    it("counts characters, not UTF-16 units, against the SMS limit", () => {
        // 136 emoji and the placeholder: 142 characters, but 278 UTF-16 units.
        assert.match(messages({ verificationSmsMessage: `${"🔐".repeat(136)}{####}` })[0], /must be 6 to 140 characters \(AWS's limit; it has 142\)/);
        assert.deepEqual(messages({ verificationSmsMessage: `${"🔐".repeat(134)}{####}` }), []);
    });

    it("needs {username} and {####} in the invitation, and keeps {username} out of verification messages", () => {
        assert.deepEqual(messages({ invitationMessage: { emailMessage: "Your password: {####}", smsMessage: "Hi {username}" }, verificationEmailMessage: "Hi {username}: {####}", verificationSmsMessage: "{username} {####}" }).map((m) => m.split(" (received")[0]), [
            "verificationEmailMessage must not contain {username}: Cognito fills it in only in the invitation, and would send it as written",
            "verificationSmsMessage must not contain {username}: Cognito fills it in only in the invitation, and would send it as written",
            "invitationMessage.emailMessage must contain {username}, where Cognito puts the user name",
            "invitationMessage.smsMessage must contain {####}, where Cognito puts the temporary password",
        ]);
    });

    it("builds the pool's templates: one email style, the SMS, the invitation only when set", () => {
        assert.deepEqual(verificationTemplate({ verificationEmailSubject: "S", verificationEmailMessage: "M {####}", verificationSmsMessage: "SMS {####}" }), {
            defaultEmailOption: "CONFIRM_WITH_CODE", emailSubject: "S", emailMessage: "M {####}", smsMessage: "SMS {####}",
        });
        assert.deepEqual(verificationTemplate({ verificationType: "LINK", verificationEmailSubject: "S", verificationEmailMessage: "{##Go##}" }), {
            defaultEmailOption: "CONFIRM_WITH_LINK", emailSubjectByLink: "S", emailMessageByLink: "{##Go##}", smsMessage: undefined,
        });
        assert.equal(invitationTemplate({}), undefined);
        assert.equal(invitationTemplate({ invitationMessage: {} }), undefined);
        assert.deepEqual(invitationTemplate({ invitationMessage: { smsMessage: "{username} {####}" } }), { emailSubject: undefined, emailMessage: undefined, smsMessage: "{username} {####}" });
    });
});
