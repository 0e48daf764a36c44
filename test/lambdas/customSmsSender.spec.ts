import * as assert from "node:assert/strict";
import { PublishCommand, SNSClient } from "@aws-sdk/client-sns";
import { mockClient } from "aws-sdk-client-mock";
import { parseCustomSmsSenderConfig } from "../../lambdas/customSmsSender/config";
import { createCustomSmsSenderHandler } from "../../lambdas/customSmsSender/customSmsSender";
import { codeDecrypter } from "../../lambdas/shared/codeDecryption";
import { recordingLogger, silentLogger } from "./helpers";
import { encryptCode, testKeyring } from "./senderHelpers";

const KEY_ARN = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

const event = (triggerSource: string, code: unknown, attrs: Record<string, unknown> = {}) => ({
    version: "1", region: "eu-west-1", userPoolId: "eu-west-1_Pool1", userName: "sub-1", triggerSource,
    callerContext: { awsSdkVersion: "aws-sdk-unknown-unknown", clientId: "client1" },
    request: { type: "customSMSSenderRequestV1", code, clientMetadata: {}, userAttributes: { sub: "sub-1", phone_number: "+4915112345678", ...attrs } },
});

describe("lambdas/customSmsSender", () => {
    const keyring = testKeyring();
    const newMock = () => mockClient(SNSClient);
    let sns: ReturnType<typeof newMock>;
    const logged: string[] = [];
    const logger = Object.assign(silentLogger(), { info: (...a: unknown[]) => logged.push(JSON.stringify(a)), error: (...a: unknown[]) => logged.push(JSON.stringify(a)) });
    before(() => { sns = newMock(); });
    beforeEach(() => { sns.reset(); sns.on(PublishCommand).resolves({ MessageId: "s1" }); logged.length = 0; });
    after(() => sns.restore());
    const handler = createCustomSmsSenderHandler({
        config: parseCustomSmsSenderConfig({ KEY_ARN, SMS_SENDER_ID: "Example", DEFAULT_LANGUAGE: "fr" }),
        decrypt: codeDecrypter(keyring),
        sns: new SNSClient({ region: "eu-west-1" }),
        logger,
    });
    const sms = () => sns.commandCalls(PublishCommand)[0]?.args[0].input;

    for (const source of ["SignUp", "ResendCode", "ForgotPassword", "UpdateUserAttribute", "VerifyUserAttribute", "Authentication", "AdminCreateUser"]) {
        it(`texts the decrypted code of CustomSMSSender_${source} to the phone number, as a transactional SMS`, async () => {
            await handler(event(`CustomSMSSender_${source}`, await encryptCode(keyring, "907312"), { locale: "en" }));
            assert.equal(sms()?.PhoneNumber, "+4915112345678");
            assert.equal(sms()?.TopicArn, undefined);
            assert.match(sms()?.Message ?? "", /907312/);
            assert.deepEqual(sms()?.MessageAttributes, {
                "AWS.SNS.SMS.SMSType": { DataType: "String", StringValue: "Transactional" },
                "AWS.SNS.SMS.SenderID": { DataType: "String", StringValue: "Example" },
            });
        });
    }

    it("falls back to the configured language", async () => {
        await handler(event("CustomSMSSender_Authentication", await encryptCode(keyring, "907312")));
        assert.equal(sms()?.Message, "Votre code de connexion est 907312. Si ce n'est pas vous, changez votre mot de passe.");
    });

    it("never logs the code", async () => {
        await handler(event("CustomSMSSender_SignUp", await encryptCode(keyring, "907312")));
        assert.ok(logged.length > 0);
        for (const line of logged) assert.ok(!line.includes("907312"), line);
    });

    for (const phone of ["004915112345678", "+49 151 12345678", "+0123456789", "+491511234567890123", "arn:aws:sns:eu-west-1:123456789012:topic"]) {
        it(`sends nothing to ${JSON.stringify(phone)}, which is not an E.164 number`, async () => {
            await assert.rejects(handler(event("CustomSMSSender_SignUp", await encryptCode(keyring, "1"), { phone_number: phone })), /No destination/);
            assert.equal(sns.commandCalls(PublishCommand).length, 0);
        });
    }

    it("rejects malformed events, sending nothing", async () => {
        await assert.rejects(handler(event("CustomEmailSender_SignUp", await encryptCode(keyring, "1"))), /is not a source of this trigger/);
        await assert.rejects(handler(event("CustomSMSSender_SignUp", { ciphertext: "x" })), /request.code must be a string \(received: an object\)/);
        await assert.rejects(handler({ ...event("CustomSMSSender_SignUp", "x"), request: null }), /request must be an object/);
        assert.equal(sns.commandCalls(PublishCommand).length, 0);
    });

    it("sends no sender id when none is configured, and logs the user, source, language and message id", async () => {
        const { logger: l, lines } = recordingLogger();
        const h = createCustomSmsSenderHandler({ config: parseCustomSmsSenderConfig({ KEY_ARN }), decrypt: codeDecrypter(keyring), sns: new SNSClient({ region: "eu-west-1" }), logger: l });
        await h(event("CustomSMSSender_SignUp", await encryptCode(keyring, "907312"), { locale: "fr-CA" }));
        assert.deepEqual(sms(), {
            PhoneNumber: "+4915112345678",
            Message: "Votre code de confirmation est 907312. Si vous ne vous êtes pas inscrit, ignorez ce message.",
            MessageAttributes: { "AWS.SNS.SMS.SMSType": { DataType: "String", StringValue: "Transactional" } },
        });
        assert.deepEqual(lines, [{ level: "info", message: "sms sent", extra: [{ userName: "sub-1", triggerSource: "CustomSMSSender_SignUp", language: "fr", messageId: "s1" }] }]);
    });

    it("logs an error naming the user and source when there is no valid number, and says why", async () => {
        const { logger: l, lines } = recordingLogger();
        const h = createCustomSmsSenderHandler({ config: parseCustomSmsSenderConfig({ KEY_ARN }), decrypt: codeDecrypter(keyring), sns: new SNSClient({ region: "eu-west-1" }), logger: l });
        await assert.rejects(h(event("CustomSMSSender_Authentication", await encryptCode(keyring, "1"), { phone_number: "12345" })),
            (e: Error) => e.message === "No destination: request.userAttributes.phone_number is missing or not an E.164 number");
        assert.deepEqual(lines, [{ level: "error", message: "no valid phone number; message not sent", extra: [{ userName: "sub-1", triggerSource: "CustomSMSSender_Authentication" }] }]);
    });

    it("refuses a bad sender id at init", () => {
        assert.throws(() => parseCustomSmsSenderConfig({ KEY_ARN, SMS_SENDER_ID: "123456" }), /SMS_SENDER_ID must be 1-11 letters and digits with at least one letter/);
        // The letter may stand anywhere.
        for (const senderId of ["A1", "12A", "1234567890X"]) {
            assert.equal(parseCustomSmsSenderConfig({ KEY_ARN, SMS_SENDER_ID: senderId }).senderId, senderId);
        }
    });
});

describe("lambdas/customSmsSender/config", () => {
    it("names every missing or malformed variable at init: the key (never an alias), the sender id", () => {
        assert.throws(() => parseCustomSmsSenderConfig({}), {
            message: "Invalid configuration of the customSmsSender function:\n- KEY_ARN is required (received: not set); set it to the ARN of the pool's custom sender key",
        });
        assert.throws(() => parseCustomSmsSenderConfig({ KEY_ARN: "arn:aws:kms:eu-west-1:123456789012:alias/x", SMS_SENDER_ID: "123456" }), {
            message: [
                "Invalid configuration of the customSmsSender function:",
                '- KEY_ARN must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>) (received: "arn:aws:kms:eu-west-1:123456789012:alias/x"); set it to the ARN of the pool\'s custom sender key',
                '- SMS_SENDER_ID must be 1-11 letters and digits with at least one letter (received: "123456"); set it like Example, or leave it empty',
            ].join("\n"),
        });
        assert.throws(() => parseCustomSmsSenderConfig({ KEY_ARN: "arn:aws:kms:eu-west-1:123456789012:key/k1", SMS_SENDER_ID: "Example12345" }), /SMS_SENDER_ID must be 1-11 letters/);
    });

    it("reads the key and the optional sender id", () => {
        assert.deepEqual(parseCustomSmsSenderConfig({ KEY_ARN: "arn:aws:kms:eu-west-1:123456789012:key/k1", SMS_SENDER_ID: "Example1" }), { appName: "our service", defaultLanguage: "en", keyArn: "arn:aws:kms:eu-west-1:123456789012:key/k1", senderId: "Example1" });
        assert.equal(parseCustomSmsSenderConfig({ KEY_ARN: "arn:aws:kms:eu-west-1:123456789012:key/k1" }).senderId, undefined);
    });
});
