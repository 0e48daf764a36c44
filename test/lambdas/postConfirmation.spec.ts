import * as assert from "node:assert/strict";
import { AdminAddUserToGroupCommand, CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { SESv2Client, SendEmailCommand } from "@aws-sdk/client-sesv2";
import type { PostConfirmationTriggerEvent } from "aws-lambda";
import { mockClient } from "aws-sdk-client-mock";
import { parsePostConfirmationConfig } from "../../lambdas/postConfirmation/config";
import { createPostConfirmationHandler } from "../../lambdas/postConfirmation/postConfirmation";
import { recordingLogger, silentLogger } from "./helpers";

const event = (triggerSource: PostConfirmationTriggerEvent["triggerSource"], attrs: Record<string, string> = {}): PostConfirmationTriggerEvent => ({
    version: "1", region: "eu-west-1", userPoolId: "eu-west-1_Pool1", userName: "sub-1", triggerSource,
    callerContext: { awsSdkVersion: "aws-sdk-unknown-unknown", clientId: "client1" },
    request: { userAttributes: { sub: "sub-1", email: "ann@example.com", email_verified: "true", given_name: "Ann", "cognito:user_status": "CONFIRMED", ...attrs } },
    response: {},
});

describe("lambdas/postConfirmation", () => {
    // The mocks patch the client classes themselves: created before this suite, undone after it.
    const newMocks = () => ({ cognito: mockClient(CognitoIdentityProviderClient), ses: mockClient(SESv2Client) });
    let cognitoMock: ReturnType<typeof newMocks>["cognito"];
    let sesMock: ReturnType<typeof newMocks>["ses"];
    before(() => { ({ cognito: cognitoMock, ses: sesMock } = newMocks()); });
    const handler = createPostConfirmationHandler({
        config: parsePostConfirmationConfig({ SENDER_EMAIL: "no-reply@example.com", DEFAULT_GROUP: "members", APP_NAME: "Example" }),
        cognito: new CognitoIdentityProviderClient({ region: "eu-west-1" }),
        ses: new SESv2Client({ region: "eu-west-1" }),
        logger: silentLogger(),
    });
    beforeEach(() => { cognitoMock.reset(); sesMock.reset(); });
    after(() => { cognitoMock.restore(); sesMock.restore(); });

    const mail = () => sesMock.commandCalls(SendEmailCommand)[0]?.args[0].input;

    it("adds the default group and sends the welcome email after a confirmed sign-up", async () => {
        sesMock.on(SendEmailCommand).resolves({ MessageId: "m1" });
        const input = event("PostConfirmation_ConfirmSignUp");
        assert.equal(await handler(input), input);
        assert.deepEqual(cognitoMock.commandCalls(AdminAddUserToGroupCommand)[0].args[0].input, { UserPoolId: "eu-west-1_Pool1", Username: "sub-1", GroupName: "members" });
        assert.equal(mail()?.FromEmailAddress, "no-reply@example.com");
        assert.deepEqual(mail()?.Destination, { ToAddresses: ["ann@example.com"] });
        assert.equal(mail()?.Content?.Simple?.Subject?.Data, "Welcome to Example");
        assert.equal(mail()?.Content?.Simple?.Body?.Text?.Data, "Hello Ann,\n\nwelcome to Example. Your account is ready.\n");
        assert.equal(mail()?.Content?.Simple?.Body?.Html?.Data, "<p>Hello Ann,</p><p>welcome to Example. Your account is ready.</p>");
    });

    // AdminConfirmSignUp confirms without verifying: the address may belong to anyone.
    const unverified: [string, Record<string, string>][] = [
        ["email_verified false (AdminConfirmSignUp)", { email_verified: "false" }],
        ["no email_verified", { email_verified: "" }],
        ["email_verified True (not Cognito's value)", { email_verified: "True" }],
        ["an address with two @", { email: "ann@evil.test@example.com" }],
        ["a list of addresses", { email: "ann@example.com,boss@example.com" }],
        ["an address with a line break", { email: "ann@example.com\nBcc: all@example.com" }],
    ];
    for (const [what, attrs] of unverified) {
        it(`sends no welcome email for ${what}, and still confirms`, async () => {
            const input = event("PostConfirmation_ConfirmSignUp", attrs);
            assert.equal(await handler(input), input);
            assert.equal(sesMock.calls().length, 0);
            assert.equal(cognitoMock.commandCalls(AdminAddUserToGroupCommand).length, 1);
        });
    }

    // Names are the user's own text: only what reads as a name reaches an email we send.
    const names: [string, string | undefined, string][] = [
        ["a link", "Click https://evil.example/reset", "Hello,"],
        ["a bare domain", "evil.example", "Hello,"],
        ["markup", "Ann <b>", "Hello,"],
        ["a line break", "Ann\r\nBcc: all@example.com", "Hello,"],
        ["a sentence", "Your account was locked call now", "Hello,"],
        ["65 characters", "A".repeat(65), "Hello,"],
        ["digits", "Ann 2", "Hello,"],
        ["a hyphenated name with an apostrophe", "Anne-Marie O'Neil", "Hello Anne-Marie O'Neil,"],
        ["initials", "J. R. R. Tolkien", "Hello J. R. R. Tolkien,"],
        ["accents", "José Ñúñez", "Hello José Ñúñez,"],
        ["padding and runs of spaces", "  Ann   Lee ", "Hello Ann Lee,"],
        ["64 characters", "A".repeat(64), `Hello ${"A".repeat(64)},`],
        ["five words", "Ann Bea Cid Dee Eve", "Hello Ann Bea Cid Dee Eve,"],
        ["six words", "Ann Bea Cid Dee Eve Fay", "Hello,"],
        ["a leading hyphen", "-Ann", "Hello,"],
        ["a leading apostrophe", "'Ann", "Hello,"],
    ];
    for (const [what, name, greeting] of names) {
        it(`greets a user whose given_name is ${what} with "${greeting}"`, async () => {
            await handler(event("PostConfirmation_ConfirmSignUp", { given_name: name ?? "" }));
            assert.equal(mail()?.Content?.Simple?.Body?.Text?.Data, `${greeting}\n\nwelcome to Example. Your account is ready.\n`);
            assert.ok(mail()?.Content?.Simple?.Body?.Html?.Data?.startsWith(`<p>${greeting.replace(/'/g, "&#39;")}</p>`));
        });
    }

    it("greets by name when only the name attribute is set, and without a name when neither is", async () => {
        const { given_name: _, ...rest } = event("PostConfirmation_ConfirmSignUp").request.userAttributes;
        await handler({ ...event("PostConfirmation_ConfirmSignUp"), request: { userAttributes: { ...rest, name: "Ann Lee" } } });
        await handler({ ...event("PostConfirmation_ConfirmSignUp"), request: { userAttributes: rest } });
        assert.deepEqual(sesMock.commandCalls(SendEmailCommand).map((c) => c.args[0].input.Content?.Simple?.Body?.Text?.Data?.split("\n")[0]), ["Hello Ann Lee,", "Hello,"]);
    });

    it("sends the whole welcome email as UTF-8, through the configuration set", async () => {
        const h = createPostConfirmationHandler({
            config: parsePostConfirmationConfig({ SENDER_EMAIL: "no-reply@example.com", APP_NAME: "Ex & Co", SES_CONFIGURATION_SET: "welcome" }),
            cognito: new CognitoIdentityProviderClient({ region: "eu-west-1" }), ses: new SESv2Client({ region: "eu-west-1" }), logger: silentLogger(),
        });
        await h(event("PostConfirmation_ConfirmSignUp"));
        assert.deepEqual(mail(), {
            FromEmailAddress: "no-reply@example.com",
            Destination: { ToAddresses: ["ann@example.com"] },
            ConfigurationSetName: "welcome",
            Content: { Simple: {
                Subject: { Data: "Welcome to Ex & Co", Charset: "UTF-8" },
                Body: {
                    Text: { Data: "Hello Ann,\n\nwelcome to Ex & Co. Your account is ready.\n", Charset: "UTF-8" },
                    Html: { Data: "<p>Hello Ann,</p><p>welcome to Ex &#38; Co. Your account is ready.</p>", Charset: "UTF-8" },
                },
            } },
        });
        // No default group configured: nobody is added to one.
        assert.equal(cognitoMock.calls().length, 0);
    });

    it("does nothing after a password reset", async () => {
        await handler(event("PostConfirmation_ConfirmForgotPassword"));
        assert.equal(cognitoMock.calls().length + sesMock.calls().length, 0);
    });

    it("when the email fails: still adds the group, returns the event unchanged and logs the failure with the user", async () => {
        const { logger, lines } = recordingLogger();
        const logged = createPostConfirmationHandler({
            config: parsePostConfirmationConfig({ SENDER_EMAIL: "no-reply@example.com", DEFAULT_GROUP: "members", APP_NAME: "Example" }),
            cognito: new CognitoIdentityProviderClient({ region: "eu-west-1" }),
            ses: new SESv2Client({ region: "eu-west-1" }),
            logger,
        });
        const failure = new Error("MessageRejected: Email address is not verified.");
        sesMock.on(SendEmailCommand).rejects(failure);
        const input = event("PostConfirmation_ConfirmSignUp");
        const before = structuredClone(input);
        assert.equal(await logged(input), input);
        assert.deepEqual(input, before);
        assert.deepEqual(cognitoMock.commandCalls(AdminAddUserToGroupCommand).map((c) => c.args[0].input), [{ UserPoolId: "eu-west-1_Pool1", Username: "sub-1", GroupName: "members" }]);
        assert.deepEqual(sesMock.commandCalls(SendEmailCommand).map((c) => c.args[0].input.Destination), [{ ToAddresses: ["ann@example.com"] }]);
        assert.deepEqual(lines, [
            { level: "info", message: "added user to default group", extra: [{ userName: "sub-1", group: "members" }] },
            { level: "error", message: "welcome email failed; sign-up continues", extra: [{ userName: "sub-1", error: failure }] },
        ]);
    });

    it("logs the group and the message id of a sent email, and a skipped one", async () => {
        const { logger, lines } = recordingLogger();
        const logged = createPostConfirmationHandler({
            config: parsePostConfirmationConfig({ SENDER_EMAIL: "no-reply@example.com", DEFAULT_GROUP: "members", APP_NAME: "Example" }),
            cognito: new CognitoIdentityProviderClient({ region: "eu-west-1" }),
            ses: new SESv2Client({ region: "eu-west-1" }),
            logger,
        });
        sesMock.on(SendEmailCommand).resolves({ MessageId: "m-42" });
        await logged(event("PostConfirmation_ConfirmSignUp"));
        await logged(event("PostConfirmation_ConfirmSignUp", { email_verified: "false" }));
        assert.deepEqual(lines, [
            { level: "info", message: "added user to default group", extra: [{ userName: "sub-1", group: "members" }] },
            { level: "info", message: "welcome email sent", extra: [{ userName: "sub-1", messageId: "m-42" }] },
            { level: "info", message: "added user to default group", extra: [{ userName: "sub-1", group: "members" }] },
            { level: "info", message: "no verified email address; welcome email skipped", extra: [{ userName: "sub-1" }] },
        ]);
    });

    it("fails when the user cannot be added to the default group", async () => {
        cognitoMock.on(AdminAddUserToGroupCommand).rejects(new Error("ResourceNotFoundException: group"));
        await assert.rejects(handler(event("PostConfirmation_ConfirmSignUp")), /ResourceNotFoundException: group/);
        assert.equal(sesMock.calls().length, 0);
    });

    it("rejects a malformed event, naming the field", async () => {
        await assert.rejects(handler(undefined), /^MalformedEventError: Malformed event: the event must be an object \(received: nothing\)$/);
        await assert.rejects(handler({ ...event("PostConfirmation_ConfirmSignUp"), userName: 5 }), /^MalformedEventError: Malformed event: userName must be a string \(received: a number\)$/);
        await assert.rejects(handler({ ...event("PostConfirmation_ConfirmSignUp"), request: { userAttributes: { email: ["a@b.c"] } } }), /request\.userAttributes\["email"\] must be a string \(received: an array\)/);
        await assert.rejects(handler({ ...event("PostConfirmation_ConfirmSignUp"), triggerSource: 1 }), /^MalformedEventError: Malformed event: triggerSource must be a string \(received: a number\)$/);
        await assert.rejects(handler({ ...event("PostConfirmation_ConfirmSignUp"), userPoolId: null }), /^MalformedEventError: Malformed event: userPoolId must be a string \(received: null\)$/);
        await assert.rejects(handler({ ...event("PostConfirmation_ConfirmSignUp"), request: "x" }), /^MalformedEventError: Malformed event: request must be an object \(received: a string\)$/);
        assert.equal(cognitoMock.calls().length + sesMock.calls().length, 0);
    });

    it("names the missing or invalid variables", () => {
        assert.throws(() => parsePostConfirmationConfig({ DEFAULT_GROUP: "has space" }), (e: Error) => {
            assert.match(e.message, /SENDER_EMAIL is required \(received: not set\); set it to an address of an SES-verified identity/);
            assert.match(e.message, /DEFAULT_GROUP must be a user pool group name .* \(received: "has space"\)/);
            return true;
        });
    });
});
