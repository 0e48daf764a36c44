import * as assert from "node:assert/strict";
import { SendEmailCommand, SESv2Client } from "@aws-sdk/client-sesv2";
import { mockClient } from "aws-sdk-client-mock";
import { parseCustomEmailSenderConfig } from "../../lambdas/customEmailSender/config";
import { createCustomEmailSenderHandler, NoDestinationError } from "../../lambdas/customEmailSender/customEmailSender";
import { codeDecrypter } from "../../lambdas/shared/codeDecryption";
import { ConfigError } from "../../lambdas/shared/env";
import { recordingLogger, silentLogger } from "./helpers";
import { encryptCode, testKeyring } from "./senderHelpers";

const KEY_ARN = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

const event = (triggerSource: string, code: unknown, attrs: Record<string, unknown> = {}) => ({
    version: "1", region: "eu-west-1", userPoolId: "eu-west-1_Pool1", userName: "sub-1", triggerSource,
    callerContext: { awsSdkVersion: "aws-sdk-unknown-unknown", clientId: "client1" },
    request: { type: "customEmailSenderRequestV1", code, clientMetadata: {}, userAttributes: { sub: "sub-1", email: "ann@example.com", ...attrs } },
});

describe("lambdas/customEmailSender", () => {
    const keyring = testKeyring();
    const newMock = () => mockClient(SESv2Client);
    let ses: ReturnType<typeof newMock>;
    const logged: string[] = [];
    const logger = Object.assign(silentLogger(), { info: (...a: unknown[]) => logged.push(JSON.stringify(a)), error: (...a: unknown[]) => logged.push(JSON.stringify(a)) });
    before(() => { ses = newMock(); });
    beforeEach(() => { ses.reset(); ses.on(SendEmailCommand).resolves({ MessageId: "m1" }); logged.length = 0; });
    after(() => ses.restore());
    const handler = createCustomEmailSenderHandler({
        config: parseCustomEmailSenderConfig({ KEY_ARN, SENDER_EMAIL: "no-reply@example.com", APP_NAME: "Example", SES_CONFIGURATION_SET: "cognito" }),
        decrypt: codeDecrypter(keyring),
        ses: new SESv2Client({ region: "eu-west-1" }),
        logger,
    });
    const mail = () => ses.commandCalls(SendEmailCommand)[0]?.args[0].input;

    const sources: [string, RegExp][] = [
        ["SignUp", /Your confirmation code is 482913\./],
        ["ResendCode", /You asked for a new code\./],
        ["ForgotPassword", /Your reset code is 482913\./],
        ["UpdateUserAttribute", /Your verification code is 482913\./],
        ["VerifyUserAttribute", /Your verification code is 482913\./],
        ["AdminCreateUser", /Your username is ann@example\.com and your temporary password is 482913\./],
        ["Authentication", /Your sign-in code is 482913\./],
    ];
    for (const [source, text] of sources) {
        it(`sends the decrypted code of CustomEmailSender_${source} in the project's text through SES`, async () => {
            await handler(event(`CustomEmailSender_${source}`, await encryptCode(keyring, "482913"), { locale: "en-US" }));
            assert.equal(mail()?.FromEmailAddress, "no-reply@example.com");
            assert.deepEqual(mail()?.Destination, { ToAddresses: ["ann@example.com"] });
            assert.equal(mail()?.ConfigurationSetName, "cognito");
            assert.match(mail()?.Content?.Simple?.Body?.Text?.Data ?? "", text);
            assert.match(mail()?.Content?.Simple?.Body?.Html?.Data ?? "", text);
        });
    }

    it("writes in the user's language", async () => {
        await handler(event("CustomEmailSender_SignUp", await encryptCode(keyring, "482913"), { locale: "de-DE" }));
        assert.equal(mail()?.Content?.Simple?.Subject?.Data, "Bestätigen Sie Ihr Example-Konto");
    });

    it("sends an account-takeover notice without a code", async () => {
        await handler(event("CustomEmailSender_AccountTakeOverNotification", null));
        assert.match(mail()?.Content?.Simple?.Subject?.Data ?? "", /Unusual sign-in/);
    });

    it("never logs the code or the ciphertext", async () => {
        const code = await encryptCode(keyring, "482913");
        await handler(event("CustomEmailSender_SignUp", code));
        await handler(event("CustomEmailSender_SignUp", code, { email: "not-an-address" })).catch(() => undefined);
        assert.ok(logged.length >= 2);
        for (const line of logged) assert.ok(!line.includes("482913") && !line.includes(code.slice(0, 32)), line);
    });

    it("fails, sending nothing, when SES fails or the address is not a strict one", async () => {
        ses.on(SendEmailCommand).rejects(new Error("throttled"));
        await assert.rejects(handler(event("CustomEmailSender_SignUp", await encryptCode(keyring, "1"))), /throttled/);
        ses.reset();
        for (const email of ["ann@example.com,boss@example.com", "ann@evil.test@example.com", "ann@example.com\nBcc: x@example.com"]) {
            await assert.rejects(handler(event("CustomEmailSender_SignUp", await encryptCode(keyring, "1"), { email })), NoDestinationError);
        }
        assert.equal(ses.commandCalls(SendEmailCommand).length, 0);
    });

    describe("the message and the log", () => {
        const recorded = () => {
            const { logger: l, lines } = recordingLogger();
            const h = createCustomEmailSenderHandler({
                config: parseCustomEmailSenderConfig({ KEY_ARN, SENDER_EMAIL: "no-reply@example.com", APP_NAME: "Example" }),
                decrypt: codeDecrypter(keyring), ses: new SESv2Client({ region: "eu-west-1" }), logger: l,
            });
            return { h, lines };
        };

        it("sends the whole message as UTF-8, and logs the user, source, language and message id", async () => {
            const { h, lines } = recorded();
            await h(event("CustomEmailSender_SignUp", await encryptCode(keyring, "482913")));
            assert.deepEqual(mail(), {
                FromEmailAddress: "no-reply@example.com",
                Destination: { ToAddresses: ["ann@example.com"] },
                ConfigurationSetName: undefined,
                Content: { Simple: {
                    Subject: { Data: "Confirm your Example account", Charset: "UTF-8" },
                    Body: {
                        Text: { Data: "Welcome to Example.\n\nYour confirmation code is 482913.\n\nIf you did not sign up, ignore this message.\n", Charset: "UTF-8" },
                        Html: { Data: "<p>Welcome to Example.</p><p>Your confirmation code is 482913.</p><p>If you did not sign up, ignore this message.</p>", Charset: "UTF-8" },
                    },
                } },
            });
            assert.deepEqual(lines, [{ level: "info", message: "email sent", extra: [{ userName: "sub-1", triggerSource: "CustomEmailSender_SignUp", language: "en", messageId: "m1" }] }]);
        });

        it("logs an error naming the user and source when there is no valid address, and says why", async () => {
            const { h, lines } = recorded();
            await assert.rejects(h(event("CustomEmailSender_ForgotPassword", await encryptCode(keyring, "1"), { email: "ann" })),
                (e: Error) => e instanceof NoDestinationError && e.name === "NoDestinationError" && e.message === "No destination: request.userAttributes.email is missing or not a strictly valid address");
            assert.deepEqual(lines, [{ level: "error", message: "no valid email address; message not sent", extra: [{ userName: "sub-1", triggerSource: "CustomEmailSender_ForgotPassword" }] }]);
        });
    });

    const named: [string, unknown, string][] = [
        ["no trigger source", { ...event("x", null), triggerSource: undefined }, "triggerSource must be a string (received: nothing)"],
        ["no user name", { ...event("CustomEmailSender_SignUp", null), userName: null }, "userName must be a string (received: null)"],
        ["a long unknown source, cut at 64 characters", event(`CustomEmailSender_${"X".repeat(80)}`, null), `triggerSource "CustomEmailSender_${"X".repeat(46)}" is not a source of this trigger`],
    ];
    for (const [what, input, message] of named) {
        it(`names the field of a malformed event: ${what}`, async () => {
            await assert.rejects(handler(input), (e: Error) => e.name === "MalformedEventError" && e.message === `Malformed event: ${message}`);
        });
    }

    const malformed: [string, () => Promise<unknown>, RegExp][] = [
        ["no event", () => Promise.resolve("x"), /the event must be an object/],
        ["another trigger's source", async () => event("CustomSMSSender_SignUp", await encryptCode(keyring, "1")), /is not a source of this trigger/],
        ["an unknown source", async () => event("CustomEmailSender_Future", await encryptCode(keyring, "1")), /is not a source of this trigger/],
        ["a code that is not a string", () => Promise.resolve(event("CustomEmailSender_SignUp", 123456)), /request.code must be a string \(received: a number\)/],
        ["a plaintext code", () => Promise.resolve(event("CustomEmailSender_SignUp", "123456")), /The code could not be decrypted/],
        ["attributes that are not strings", async () => event("CustomEmailSender_SignUp", await encryptCode(keyring, "1"), { email: ["ann@example.com"] }), /request.userAttributes\["email"\] must be a string/],
        ["a code inherited from a prototype", () => Promise.resolve({ ...event("CustomEmailSender_SignUp", undefined), request: Object.assign(Object.create({ code: "AAAA" }) as object, { userAttributes: {} }) }), /request.code must be a string \(received: nothing\)/],
    ];
    for (const [what, input, message] of malformed) {
        it(`rejects ${what}, sending nothing`, async () => {
            await assert.rejects(handler(await input()), message);
            assert.equal(ses.commandCalls(SendEmailCommand).length, 0);
        });
    }

    it("refuses a bad configuration at init, naming each variable", () => {
        assert.throws(() => parseCustomEmailSenderConfig({ KEY_ARN: "alias/cognito", DEFAULT_LANGUAGE: "xx" }), (e: unknown) => {
            assert.ok(e instanceof ConfigError);
            assert.match(e.message, /KEY_ARN must be a KMS key ARN \(arn:aws:kms:<region>:<account>:key\/<id>\) \(received: "alias\/cognito"\)/);
            assert.match(e.message, /SENDER_EMAIL is required/);
            assert.match(e.message, /DEFAULT_LANGUAGE must be one of en, de, fr/);
            return true;
        });
    });
});

describe("lambdas/customEmailSender/config", () => {
    it("names every missing or malformed variable at init, with its rule, its value and the fix", () => {
        assert.throws(() => parseCustomEmailSenderConfig({}), {
            message: "Invalid configuration of the customEmailSender function:\n- KEY_ARN is required (received: not set); set it to the ARN of the pool's custom sender key\n- SENDER_EMAIL is required (received: not set); set it to an address of an SES-verified identity",
        });
        assert.throws(() => parseCustomEmailSenderConfig({ KEY_ARN: "alias/x", SENDER_EMAIL: "no", SES_CONFIGURATION_SET: "a b" }), {
            message: [
                "Invalid configuration of the customEmailSender function:",
                '- KEY_ARN must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>) (received: "alias/x"); set it to the ARN of the pool\'s custom sender key',
                '- SENDER_EMAIL must be an email address (received: "no"); set it to an address of an SES-verified identity',
                '- SES_CONFIGURATION_SET must be an SES configuration set name (received: "a b"); set it to an existing configuration set, or leave it empty',
            ].join("\n"),
        });
    });

    it("reads the key, the sender and the optional settings", () => {
        assert.deepEqual(parseCustomEmailSenderConfig({ KEY_ARN: "arn:aws:kms:eu-west-1:123456789012:key/k1", SENDER_EMAIL: "a@example.com" }), { appName: "our service", defaultLanguage: "en", keyArn: "arn:aws:kms:eu-west-1:123456789012:key/k1", senderEmail: "a@example.com", configurationSet: undefined });
        assert.equal(parseCustomEmailSenderConfig({ KEY_ARN: "arn:aws:kms:eu-west-1:123456789012:key/k1", SENDER_EMAIL: "a@example.com", SES_CONFIGURATION_SET: "cs_1-a" }).configurationSet, "cs_1-a");
    });
});
