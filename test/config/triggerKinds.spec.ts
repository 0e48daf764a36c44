import * as assert from "node:assert/strict";
import { formatConfigIssue, parseStackConfig, stackPrivilegedAttributes } from "../../config";

const bag = (o: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(o).map(([k, v]) => [`cognito-stack:${k}`, typeof v === "string" ? v : JSON.stringify(v)]));

const base = {
    environment: "dev",
    domainPrefix: "acme-auth-dev",
    customAttributes: [{ name: "tenant_id", type: "String" }, { name: "suspended", type: "String", maxLength: 5 }],
    appClients: [{ name: "web", callbackUrls: ["https://app.example.com/cb"] }],
};

function parse(o: Record<string, unknown>) {
    return parseStackConfig(bag({ ...base, ...o }));
}

function problems(o: Record<string, unknown>): string[] {
    const r = parse(o);
    return r.ok ? [] : r.issues.map(formatConfigIssue);
}

describe("stack config: the trigger kinds", () => {
    it("takes every trigger kind with its settings", () => {
        const r = parse({
            emailFrom: "Example <no-reply@example.com>",
            triggers: {
                preAuthentication: { suspendedTenants: ["acme"], suspendedAttribute: "custom:suspended" },
                postAuthentication: {},
                customMessage: { appName: "Example", defaultLanguage: "fr" },
                userMigration: { bcryptCost: 12, migrationClient: { start: "2026-11-01", end: "2027-03-31" } },
                customEmailSender: {},
                customSmsSender: { senderId: "Example" },
                authChallenge: { maxAttempts: 2 },
                preTokenGeneration: { version: "V3_0" },
            },
        });
        assert.ok(r.ok, r.ok ? "" : r.issues.map(formatConfigIssue).join("\n"));
        assert.deepEqual(r.config.triggers.userMigration, { bcryptCost: 12, migrationClient: { name: "migration", start: "2026-11-01", end: "2027-03-31" } });
        assert.equal(r.config.triggers.customEmailSender?.defaultLanguage, "en");
        assert.equal(r.config.triggers.preTokenGeneration?.version, "V3_0");
    });

    it("makes the suspension attributes privileged, so no client writes them", () => {
        const r = parse({ triggers: { preAuthentication: { suspendedTenants: ["acme"], suspendedAttribute: "custom:suspended" } } });
        assert.ok(r.ok);
        assert.deepEqual(stackPrivilegedAttributes(r.config).map((p) => p.attribute), ["email_verified", "phone_number_verified", "custom:tenant_id", "custom:suspended"]);
        const mapped = problems({
            triggers: { preAuthentication: { suspendedAttribute: "custom:suspended" } },
            samlProviders: [{ name: "Okta", metadataUrl: "https://acme.okta.com/m", attributeMapping: { "custom:suspended": "locked" } }],
        });
        assert.equal(mapped.length, 1);
        assert.match(mapped[0], /^cognito-stack:appClients\[0\]\.identityProviders offer Okta, whose attributeMapping writes custom:suspended, which the pre authentication trigger's suspension trusts/);
    });

    const bad: [string, Record<string, unknown>, string[]][] = [
        ["a pre authentication that refuses nothing", { triggers: { preAuthentication: {} } }, ["cognito-stack:triggers.preAuthentication refuses nothing without suspendedTenants or suspendedAttribute"]],
        ["a suspension attribute the pool lacks", { triggers: { preAuthentication: { suspendedAttribute: "custom:locked" } } }, ["cognito-stack:triggers.preAuthentication.suspendedAttribute must name a custom attribute of the pool (received: \"custom:locked\"). Fix: add locked (String, mutable) to customAttributes"]],
        ["a tenant id with a space", { triggers: { preAuthentication: { suspendedTenants: ["acme corp"] } } }, ["cognito-stack:triggers.preAuthentication.suspendedTenants[0] must be a tenant id of 1-64 letters, digits, _ . : @ -"]],
        ["a migration window in another format", { triggers: { userMigration: { migrationClient: { start: "01.11.2026", end: "2027-03-31" } } } }, ["cognito-stack:triggers.userMigration.migrationClient.start must be a day as YYYY-MM-DD"]],
        ["a migration window ending before it starts", { triggers: { userMigration: { migrationClient: { start: "2027-03-31", end: "2026-11-01" } } } }, ["cognito-stack:triggers.userMigration.migrationClient.end must not be before start (2027-03-31)"]],
        ["a migration client named like an app client", { triggers: { userMigration: { migrationClient: { name: "web", start: "2026-11-01", end: "2027-03-31" } } } }, ["cognito-stack:triggers.userMigration.migrationClient.name must not be the name of a client in appClients"]],
        ["a bcrypt cost out of range", { triggers: { userMigration: { bcryptCost: 20 } } }, ["cognito-stack:triggers.userMigration.bcryptCost must be an integer from 4 to 15 (received: 20)"]],
        ["a custom email sender without a sender", { triggers: { customEmailSender: { appName: "Example" } } }, ["cognito-stack:triggers.customEmailSender.senderEmail is required (the messages need a sender)"]],
        ["a language the templates lack", { triggers: { customMessage: { defaultLanguage: "es" } } }, ["cognito-stack:triggers.customMessage.defaultLanguage must be one of en, de, fr"]],
        ["pre token generation V1_0", { triggers: { preTokenGeneration: { version: "V1_0" } } }, ["cognito-stack:triggers.preTokenGeneration.version must be one of V2_0, V3_0"]],
        ["pre token generation V3_0 on LITE", { featurePlan: "LITE", triggers: { preTokenGeneration: { version: "V3_0" } } }, ["cognito-stack:featurePlan LITE does not offer access-token customization (pre token generation V3_0)"]],
        ["a misspelt migration setting", { triggers: { userMigration: { migrationClinet: { start: "2026-11-01", end: "2027-03-31" } } } }, ["cognito-stack:triggers.userMigration.migrationClinet", "did you mean migrationClient?"]],
        ["an auth challenge with ten attempts", { emailFrom: "no-reply@example.com", triggers: { authChallenge: { maxAttempts: 10 } } }, ["cognito-stack:triggers.authChallenge.maxAttempts must be an integer from 1 to 5 (received: 10)"]],
    ];
    it("refuses message texts a custom sender would never send, each key once, and keeps those it sends", () => {
        const email = { emailFrom: "no-reply@example.com", triggers: { customEmailSender: {} } };
        assert.deepEqual(problems({ ...email, verificationEmailSubject: "Confirm", verificationEmailMessage: "Code {####}", invitationMessage: { emailMessage: "Hi {username}, {####}" } }).map((p) => p.split(" (received")[0]), [
            "cognito-stack:verificationEmailSubject is never sent: with triggers.customEmailSender the sender writes every email from its own templates (per trigger source and locale)",
            "cognito-stack:verificationEmailMessage is never sent: with triggers.customEmailSender the sender writes every email from its own templates (per trigger source and locale)",
            "cognito-stack:invitationMessage.emailMessage is never sent: with triggers.customEmailSender the sender writes every email from its own templates (per trigger source and locale)",
        ]);
        assert.match(problems({ ...email, verificationEmailMessage: "Code {####}" })[0], /\. Fix: remove verificationEmailMessage; change the sender's texts with triggers\.customEmailSender\.appName and defaultLanguage, or in lambdas\/shared\/templates\.ts$/);
        // The subject's default is Cognito's own, not a text the stack wrote.
        assert.deepEqual(problems({ ...email, verificationEmailSubject: "Your verification code" }), []);
        // Without the sender every one of them is a text Cognito sends.
        assert.deepEqual(problems({ emailFrom: "no-reply@example.com", verificationEmailSubject: "Confirm", verificationEmailMessage: "Code {####}" }).filter((p) => p.includes("never sent")), []);
        const sms = problems({ triggers: { customSmsSender: {} }, mfaSmsMessage: "Code {####}", invitationMessage: { smsMessage: "{username} {####}" } }).filter((p) => p.includes("customSmsSender"));
        assert.deepEqual(sms.map((p) => p.split(" is never")[0]), ["cognito-stack:invitationMessage.smsMessage", "cognito-stack:mfaSmsMessage"]);
        assert.ok(sms.every((p) => p.includes("with triggers.customSmsSender the sender writes every SMS from its own templates")), sms.join("\n"));
    });

    for (const [what, o, expected] of bad) {
        it(`refuses ${what}, naming the key, the value and the fix`, () => {
            const out = problems(o);
            assert.equal(out.length, 1, out.join("\n"));
            for (const text of expected) assert.ok(out[0].includes(text), `${out[0]}\n  lacks: ${text}`);
            assert.match(out[0], /\(received: .+\)\. Fix: \S/);
        });
    }
});
