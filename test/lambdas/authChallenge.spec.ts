import * as assert from "node:assert/strict";
import { SendEmailCommand, SESv2Client } from "@aws-sdk/client-sesv2";
import { mockClient } from "aws-sdk-client-mock";
import { createAuthChallengeHandler } from "../../lambdas/authChallenge/authChallenge";
import { answerMatches, decide, maskEmail, newCode } from "../../lambdas/authChallenge/challenge";
import { parseAuthChallengeConfig } from "../../lambdas/authChallenge/config";
import { recordingLogger, silentLogger } from "./helpers";

type Json = Record<string, unknown>;
const base = (triggerSource: string, request: Json): Json => ({
    version: "1", region: "eu-west-1", userPoolId: "eu-west-1_Pool1", userName: "sub-1", triggerSource,
    callerContext: { awsSdkVersion: "aws-sdk-unknown-unknown", clientId: "client1" },
    request: { userAttributes: { sub: "sub-1", email: "ann@example.com", email_verified: "true" }, ...request },
    response: {},
});
const step = (challengeResult: boolean, challengeMetadata?: string) => ({ challengeName: "CUSTOM_CHALLENGE", challengeResult, challengeMetadata });
const define = (session: unknown[], userNotFound = false) => base("DefineAuthChallenge_Authentication", { session, userNotFound });
const create = (session: unknown[], attrs: Json = {}) => base("CreateAuthChallenge_Authentication", { challengeName: "CUSTOM_CHALLENGE", session, userAttributes: { sub: "sub-1", email: "ann@example.com", email_verified: "true", ...attrs } });
const verify = (code: unknown, answer: unknown) => base("VerifyAuthChallengeResponse_Authentication", { privateChallengeParameters: { code }, challengeAnswer: answer });

describe("lambdas/authChallenge", () => {
    const newMock = () => mockClient(SESv2Client);
    let ses: ReturnType<typeof newMock>;
    before(() => { ses = newMock(); });
    beforeEach(() => { ses.reset(); ses.on(SendEmailCommand).resolves({ MessageId: "m1" }); });
    after(() => ses.restore());
    const handler = createAuthChallengeHandler({
        config: parseAuthChallengeConfig({ SENDER_EMAIL: "no-reply@example.com", APP_NAME: "Example", MAX_ATTEMPTS: "3" }),
        ses: new SESv2Client({ region: "eu-west-1" }),
        logger: silentLogger(),
        code: () => "042017",
    });
    const response = async (e: Json) => (await handler(e)).response as Json;

    describe("define", () => {
        it("starts with a custom challenge, issues tokens after a right answer", async () => {
            assert.deepEqual(await response(define([])), { issueTokens: false, failAuthentication: false, challengeName: "CUSTOM_CHALLENGE" });
            assert.deepEqual(await response(define([step(false), step(true)])), { issueTokens: true, failAuthentication: false });
        });

        it("fails after the allowed wrong answers, for an unknown user, and for a session that is not ours", async () => {
            assert.deepEqual(await response(define([step(false), step(false)])), { issueTokens: false, failAuthentication: false, challengeName: "CUSTOM_CHALLENGE" });
            assert.deepEqual(await response(define([step(false), step(false), step(false)])), { issueTokens: false, failAuthentication: true });
            assert.deepEqual(await response(define([], true)), { issueTokens: false, failAuthentication: true });
            // A passed SRP step followed by our challenge is not this flow.
            assert.deepEqual(await response(define([{ challengeName: "PASSWORD_VERIFIER", challengeResult: true }, step(true)])), { issueTokens: false, failAuthentication: true });
        });

        it("decides from the session alone", () => {
            assert.deepEqual(decide([step(true)], false, 1), { kind: "issueTokens" });
            assert.deepEqual(decide([step(false)], false, 1), { kind: "fail" });
        });
    });

    describe("create", () => {
        it("emails a fresh code to the verified address and keeps it private", async () => {
            const r = await response(create([]));
            assert.deepEqual(r, { publicChallengeParameters: { email: "a***@example.com" }, privateChallengeParameters: { code: "042017" }, challengeMetadata: "CODE-042017" });
            const mail = ses.commandCalls(SendEmailCommand)[0].args[0].input;
            assert.deepEqual(mail.Destination, { ToAddresses: ["ann@example.com"] });
            assert.match(mail.Content?.Simple?.Body?.Text?.Data ?? "", /Your sign-in code is 042017\./);
        });

        it("reuses the code of the previous challenge on a retry, without a second email", async () => {
            const r = await response(create([step(false, "CODE-555123")]));
            assert.deepEqual(r.privateChallengeParameters, { code: "555123" });
            assert.equal(ses.commandCalls(SendEmailCommand).length, 0);
        });

        for (const [what, attrs] of [["an unverified address", { email_verified: "false" }], ["an empty address", { email: "" }], ["an address list", { email: "ann@example.com,eve@example.com" }]] as const) {
            it(`sends no code to ${what}`, async () => {
                await assert.rejects(handler(create([], attrs)), /needs a verified email address/);
                assert.equal(ses.commandCalls(SendEmailCommand).length, 0);
            });
        }
    });

    describe("verify", () => {
        it("accepts the code, and refuses anything else", async () => {
            assert.equal((await response(verify("042017", "042017"))).answerCorrect, true);
            assert.equal((await response(verify("042017", " 042017 "))).answerCorrect, true);
            for (const answer of ["042018", "42017", "0420170", "", 42017, null, ["042017"]]) {
                assert.equal((await response(verify("042017", answer))).answerCorrect, false, JSON.stringify(answer));
            }
            // A private code that is not one of ours never matches.
            assert.equal(answerMatches("", ""), false);
        });
    });

    it("makes six-digit codes", () => {
        const codes = new Set(Array.from({ length: 200 }, newCode));
        assert.ok([...codes].every((c) => /^\d{6}$/.test(c)));
        assert.ok(codes.size > 190);
        assert.equal(maskEmail("x"), "***");
    });

    describe("the session as Cognito lists it", () => {
        it("reads a missing session as the first step", async () => {
            const { session: _, ...request } = define([]).request as Json;
            assert.deepEqual(await response({ ...define([]), request }), { issueTokens: false, failAuthentication: false, challengeName: "CUSTOM_CHALLENGE" });
        });

        it("takes a null metadata for none, and reuses no code then", async () => {
            assert.deepEqual(await response(define([{ challengeName: "CUSTOM_CHALLENGE", challengeResult: false, challengeMetadata: null }])), { issueTokens: false, failAuthentication: false, challengeName: "CUSTOM_CHALLENGE" });
            const r = await response(create([{ challengeName: "CUSTOM_CHALLENGE", challengeResult: false, challengeMetadata: null }]));
            assert.deepEqual(r.privateChallengeParameters, { code: "042017" });
            assert.equal(ses.commandCalls(SendEmailCommand).length, 1);
        });

        it("refuses metadata that is not a string, and a step without a challenge name, naming the step", async () => {
            await assert.rejects(handler(define([step(false), { challengeName: "CUSTOM_CHALLENGE", challengeResult: false, challengeMetadata: 5 }])),
                (e: Error) => e.name === "MalformedEventError" && e.message === "Malformed event: request.session[1] must have challengeName, a boolean challengeResult and an optional string challengeMetadata");
            await assert.rejects(handler(define([step(false), { challengeResult: false }])),
                (e: Error) => e.name === "MalformedEventError" && e.message === "Malformed event: request.session[1].challengeName must be a string (received: nothing)");
        });
    });

    describe("the email and the log", () => {
        const recorded = () => {
            const { logger, lines } = recordingLogger();
            const h = createAuthChallengeHandler({
                config: parseAuthChallengeConfig({ SENDER_EMAIL: "no-reply@example.com", APP_NAME: "Example", SES_CONFIGURATION_SET: "codes" }),
                ses: new SESv2Client({ region: "eu-west-1" }), logger, code: () => "042017",
            });
            return { h, lines };
        };

        it("sends the whole message in the user's language, from the sender, through the configuration set", async () => {
            const { h, lines } = recorded();
            await h(create([], { locale: "de" }));
            assert.deepEqual(ses.commandCalls(SendEmailCommand)[0].args[0].input, {
                FromEmailAddress: "no-reply@example.com",
                Destination: { ToAddresses: ["ann@example.com"] },
                ConfigurationSetName: "codes",
                Content: { Simple: {
                    Subject: { Data: "Ihr Example-Anmeldecode", Charset: "UTF-8" },
                    Body: {
                        Text: { Data: "Sie melden sich an.\n\nIhr Anmeldecode lautet 042017.\n\nWenn Sie sich nicht anmelden, ändern Sie Ihr Passwort.\n", Charset: "UTF-8" },
                        Html: { Data: "<p>Sie melden sich an.</p><p>Ihr Anmeldecode lautet 042017.</p><p>Wenn Sie sich nicht anmelden, ändern Sie Ihr Passwort.</p>", Charset: "UTF-8" },
                    },
                } },
            });
            assert.deepEqual(lines, [{ level: "info", message: "sign-in code sent", extra: [{ userName: "sub-1" }] }]);
        });

        it("logs each decision and each answer's outcome, never the code", async () => {
            const { h, lines } = recorded();
            await h(define([]));
            await h(define([step(false), step(false), step(false)]));
            await h(verify("042017", "042017"));
            await h(verify("042017", "111111"));
            assert.deepEqual(lines, [
                { level: "info", message: "auth challenge decision", extra: [{ userName: "sub-1", decision: "challenge" }] },
                { level: "info", message: "auth challenge decision", extra: [{ userName: "sub-1", decision: "fail" }] },
                { level: "info", message: "auth challenge answer", extra: [{ userName: "sub-1", correct: true }] },
                { level: "info", message: "auth challenge answer", extra: [{ userName: "sub-1", correct: false }] },
            ]);
        });

        it("warns, and says what is needed, when there is no verified address to send to", async () => {
            const { h, lines } = recorded();
            await assert.rejects(h(create([], { email_verified: "false" })), (e: Error) => e.message === "Passwordless sign-in needs a verified email address.");
            assert.deepEqual(lines, [{ level: "warn", message: "no verified email address; sign-in code not sent", extra: [{ userName: "sub-1" }] }]);
        });
    });

    it("compares only against a six-digit code, and masks an address without a local part entirely", () => {
        assert.equal(answerMatches("1234567", "1234567"), false);
        assert.equal(answerMatches("x123456", "x123456"), false);
        assert.equal(answerMatches("123456", "123456"), true);
        assert.equal(maskEmail("@example.com"), "***");
        assert.equal(maskEmail("ann@example.com"), "a***@example.com");
    });

    const malformed: [string, unknown, RegExp][] = [
        ["no trigger source", { ...define([]), triggerSource: null }, /^MalformedEventError: Malformed event: triggerSource must be a string \(received: null\)$/],
        ["no user name", { ...define([]), userName: 1 }, /^MalformedEventError: Malformed event: userName must be a string \(received: a number\)$/],
        ["no request", { ...define([]), request: undefined }, /^MalformedEventError: Malformed event: request must be an object \(received: nothing\)$/],
        ["no response", { ...define([]), response: [] }, /^MalformedEventError: Malformed event: response must be an object \(received: an array\)$/],
        ["no challenge name to create", { ...create([]), request: { ...(create([]).request as Json), challengeName: undefined } }, /^MalformedEventError: Malformed event: request\.challengeName must be a string \(received: nothing\)$/],
        ["no attributes to create", { ...create([]), request: { ...(create([]).request as Json), userAttributes: "x" } }, /^MalformedEventError: Malformed event: request\.userAttributes must be an object \(received: a string\)$/],
        ["a private code that is not a string", verify(42017, "042017"), /^MalformedEventError: Malformed event: request\.privateChallengeParameters\.code must be a string \(received: a number\)$/],
        ["a long unknown source, cut at 64 characters", base(`X${"y".repeat(99)}`, {}), new RegExp(`^MalformedEventError: Malformed event: triggerSource "X${"y".repeat(63)}" is not an auth challenge source$`)],
        ["no event", [], /the event must be an object/],
        ["another source", base("PreSignUp_SignUp", {}), /is not an auth challenge source/],
        ["a session that is not an array", define({} as unknown as unknown[]), /request.session must be an array \(received: an object\)/],
        ["a session step without a boolean result", define([{ challengeName: "CUSTOM_CHALLENGE", challengeResult: "true" }]), /request.session\[0\] must have/],
        ["another challenge to create", { ...create([]), request: { ...(create([]).request as Json), challengeName: "SMS_MFA" } }, /request.challengeName must be CUSTOM_CHALLENGE/],
        ["no private code to verify", base("VerifyAuthChallengeResponse_Authentication", { challengeAnswer: "1" }), /request.privateChallengeParameters must be an object/],
    ];
    for (const [what, input, message] of malformed) {
        it(`rejects ${what}`, async () => {
            await assert.rejects(handler(input), message);
        });
    }

    it("refuses a bad configuration at init", () => {
        assert.throws(() => parseAuthChallengeConfig({ MAX_ATTEMPTS: "9" }), /SENDER_EMAIL is required[\s\S]*MAX_ATTEMPTS must be an integer from 1 to 5/);
    });
});

describe("lambdas/authChallenge/config", () => {
    it("names every missing or malformed variable at init, with its rule, its value and the fix", () => {
        assert.throws(() => parseAuthChallengeConfig({}), {
            message: "Invalid configuration of the authChallenge function:\n- SENDER_EMAIL is required (received: not set); set it to an address of an SES-verified identity",
        });
        assert.throws(() => parseAuthChallengeConfig({ SENDER_EMAIL: "a@b", SES_CONFIGURATION_SET: "x".repeat(65), MAX_ATTEMPTS: "6" }), {
            message: [
                "Invalid configuration of the authChallenge function:",
                '- SENDER_EMAIL must be an email address (received: "a@b"); set it to an address of an SES-verified identity',
                `- SES_CONFIGURATION_SET must be an SES configuration set name (received: "${"x".repeat(65)}"); set it to an existing configuration set, or leave it empty`,
                '- MAX_ATTEMPTS must be an integer from 1 to 5 (received: "6"); set it to 3',
            ].join("\n"),
        });
        for (const attempts of ["0", "15", "05", "1.5"]) {
            assert.throws(() => parseAuthChallengeConfig({ SENDER_EMAIL: "a@example.com", MAX_ATTEMPTS: attempts }), {
                message: `Invalid configuration of the authChallenge function:\n- MAX_ATTEMPTS must be an integer from 1 to 5 (received: "${attempts}"); set it to 3`,
            });
        }
    });

    it("reads the sender and the attempts, 3 unless set", () => {
        assert.deepEqual(parseAuthChallengeConfig({ SENDER_EMAIL: "a@example.com" }), { appName: "our service", defaultLanguage: "en", senderEmail: "a@example.com", configurationSet: undefined, maxAttempts: 3 });
        assert.deepEqual(parseAuthChallengeConfig({ SENDER_EMAIL: "a@example.com", MAX_ATTEMPTS: "5", SES_CONFIGURATION_SET: "cs-1" }), { appName: "our service", defaultLanguage: "en", senderEmail: "a@example.com", configurationSet: "cs-1", maxAttempts: 5 });
    });
});
