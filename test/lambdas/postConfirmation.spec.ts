import * as assert from "node:assert/strict";
import { AdminAddUserToGroupCommand, CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { SESv2Client, SendEmailCommand } from "@aws-sdk/client-sesv2";
import type { PostConfirmationTriggerEvent } from "aws-lambda";
import { mockClient } from "aws-sdk-client-mock";
import { parsePostConfirmationConfig } from "../../lambdas/postConfirmation/config";
import { createPostConfirmationHandler } from "../../lambdas/postConfirmation/postConfirmation";
import { silentLogger } from "./helpers";

const event = (triggerSource: PostConfirmationTriggerEvent["triggerSource"]): PostConfirmationTriggerEvent => ({
    version: "1", region: "eu-west-1", userPoolId: "eu-west-1_Pool1", userName: "sub-1", triggerSource,
    callerContext: { awsSdkVersion: "aws-sdk-unknown-unknown", clientId: "client1" },
    request: { userAttributes: { sub: "sub-1", email: "ann@example.com", given_name: "Ann <b>", "cognito:user_status": "CONFIRMED" } },
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

    it("adds the default group and sends the welcome email after a confirmed sign-up", async () => {
        sesMock.on(SendEmailCommand).resolves({ MessageId: "m1" });
        const input = event("PostConfirmation_ConfirmSignUp");
        assert.equal(await handler(input), input);
        assert.deepEqual(cognitoMock.commandCalls(AdminAddUserToGroupCommand)[0].args[0].input, { UserPoolId: "eu-west-1_Pool1", Username: "sub-1", GroupName: "members" });
        const mail = sesMock.commandCalls(SendEmailCommand)[0].args[0].input;
        assert.equal(mail.FromEmailAddress, "no-reply@example.com");
        assert.deepEqual(mail.Destination, { ToAddresses: ["ann@example.com"] });
        assert.equal(mail.Content?.Simple?.Subject?.Data, "Welcome to Example");
        assert.match(mail.Content?.Simple?.Body?.Html?.Data ?? "", /Hello Ann &#60;b&#62;,/);
    });

    it("does nothing after a password reset", async () => {
        await handler(event("PostConfirmation_ConfirmForgotPassword"));
        assert.equal(cognitoMock.calls().length + sesMock.calls().length, 0);
    });

    it("returns the event when the email fails", async () => {
        sesMock.on(SendEmailCommand).rejects(new Error("MessageRejected"));
        const input = event("PostConfirmation_ConfirmSignUp");
        assert.equal(await handler(input), input);
    });

    it("fails when the user cannot be added to the default group", async () => {
        cognitoMock.on(AdminAddUserToGroupCommand).rejects(new Error("ResourceNotFoundException: group"));
        await assert.rejects(handler(event("PostConfirmation_ConfirmSignUp")), /ResourceNotFoundException: group/);
        assert.equal(sesMock.calls().length, 0);
    });

    it("names the missing or invalid variables", () => {
        assert.throws(() => parsePostConfirmationConfig({ DEFAULT_GROUP: "has space" }), (e: Error) => {
            assert.match(e.message, /SENDER_EMAIL is required \(received: not set\); set it to an address of an SES-verified identity/);
            assert.match(e.message, /DEFAULT_GROUP must be a user pool group name .* \(received: "has space"\)/);
            return true;
        });
    });
});
