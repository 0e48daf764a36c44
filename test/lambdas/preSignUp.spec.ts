import * as assert from "node:assert/strict";
import { AdminLinkProviderForUserCommand, CognitoIdentityProviderClient, ListUsersCommand } from "@aws-sdk/client-cognito-identity-provider";
import type { PreSignUpTriggerEvent } from "aws-lambda";
import { mockClient } from "aws-sdk-client-mock";
import { parsePreSignUpConfig } from "../../lambdas/preSignUp/config";
import { parseFederatedUserName } from "../../lambdas/preSignUp/federatedUser";
import { createPreSignUpHandler } from "../../lambdas/preSignUp/preSignUp";
import { silentLogger } from "./helpers";

const event = (triggerSource: PreSignUpTriggerEvent["triggerSource"], userName: string, attrs: Record<string, string>): PreSignUpTriggerEvent => ({
    version: "1", region: "eu-west-1", userPoolId: "eu-west-1_Pool1", userName, triggerSource,
    callerContext: { awsSdkVersion: "aws-sdk-unknown-unknown", clientId: "client1" },
    request: { userAttributes: attrs, validationData: {} },
    response: { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false },
});

const nativeUser = (username: string, verified: string) => ({
    Username: username, UserStatus: "CONFIRMED" as const, Enabled: true,
    Attributes: [{ Name: "email", Value: "ann@example.com" }, { Name: "email_verified", Value: verified }],
});

describe("lambdas/preSignUp", () => {
    // The mock patches the client class itself: created before this suite, undone after it.
    const newMock = () => mockClient(CognitoIdentityProviderClient);
    let cognitoMock: ReturnType<typeof newMock>;
    before(() => { cognitoMock = newMock(); });
    const handler = createPreSignUpHandler({
        config: parsePreSignUpConfig({ ALLOWED_EMAIL_DOMAINS: "example.com" }),
        cognito: new CognitoIdentityProviderClient({ region: "eu-west-1" }),
        logger: silentLogger(),
    });
    beforeEach(() => cognitoMock.reset());
    after(() => cognitoMock.restore());

    it("lets a self sign-up from an allowed domain through without confirming or verifying it", async () => {
        const out = await handler(event("PreSignUp_SignUp", "u1", { email: "ann@EXAMPLE.com" }));
        assert.deepEqual(out.response, { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false });
        assert.equal(cognitoMock.calls().length, 0);
    });

    it("rejects a domain outside the allow-list, and a missing email", async () => {
        await assert.rejects(handler(event("PreSignUp_SignUp", "u1", { email: "eve@evil.test" })), /^SignUpRejectedError: Sign-up is not open to email addresses at evil\.test\.$/);
        await assert.rejects(handler(event("PreSignUp_AdminCreateUser", "u1", {})), /An email address is required to sign up\./);
    });

    it("links a federated user to the one native user with the same verified email, then fails the sign-up", async () => {
        cognitoMock.on(ListUsersCommand).resolves({ Users: [nativeUser("native-1", "true")] });
        cognitoMock.on(AdminLinkProviderForUserCommand).resolves({});
        await assert.rejects(handler(event("PreSignUp_ExternalProvider", "google_1234_5", { email: "ann@example.com", email_verified: "true" })),
            /^AccountLinkedError: This sign-in is now linked to your existing account\. Please sign in again\.$/);
        assert.deepEqual(cognitoMock.commandCalls(ListUsersCommand)[0].args[0].input, { UserPoolId: "eu-west-1_Pool1", Filter: 'email = "ann@example.com"', Limit: 10 });
        assert.deepEqual(cognitoMock.commandCalls(AdminLinkProviderForUserCommand)[0].args[0].input, {
            UserPoolId: "eu-west-1_Pool1",
            DestinationUser: { ProviderName: "Cognito", ProviderAttributeValue: "native-1" },
            SourceUser: { ProviderName: "Google", ProviderAttributeName: "Cognito_Subject", ProviderAttributeValue: "1234_5" },
        });
    });

    it("never links to an unverified email, and confirms the federated user instead", async () => {
        cognitoMock.on(ListUsersCommand).resolves({ Users: [nativeUser("native-1", "false")] });
        const out = await handler(event("PreSignUp_ExternalProvider", "SAML-Okta_abc", { email: "ann@example.com", email_verified: "true" }));
        assert.deepEqual(out.response, { autoConfirmUser: true, autoVerifyEmail: true, autoVerifyPhone: false });
        assert.equal(cognitoMock.commandCalls(AdminLinkProviderForUserCommand).length, 0);
    });

    it("does not link when the provider did not verify the email, nor look anything up", async () => {
        const out = await handler(event("PreSignUp_ExternalProvider", "Google_1", { email: "ann@example.com" }));
        assert.equal(out.response.autoVerifyEmail, false);
        assert.equal(cognitoMock.calls().length, 0);
    });

    it("does not link when several native users share the email", async () => {
        cognitoMock.on(ListUsersCommand).resolves({ Users: [nativeUser("n1", "true"), nativeUser("n2", "true")] });
        await handler(event("PreSignUp_ExternalProvider", "Google_1", { email: "ann@example.com", email_verified: "true" }));
        assert.equal(cognitoMock.commandCalls(AdminLinkProviderForUserCommand).length, 0);
    });

    it("parses provider names and subjects from federated user names", () => {
        assert.deepEqual(parseFederatedUserName("Google_1234"), { providerName: "Google", subject: "1234" });
        assert.deepEqual(parseFederatedUserName("signinwithapple_000.abc"), { providerName: "SignInWithApple", subject: "000.abc" });
        assert.deepEqual(parseFederatedUserName("SAML-Okta_abc_def"), { providerName: "SAML-Okta", subject: "abc_def" });
        assert.equal(parseFederatedUserName("no-separator"), undefined);
    });

    it("reports every invalid variable", () => {
        assert.throws(() => parsePreSignUpConfig({ ALLOWED_EMAIL_DOMAINS: "example.com,not a domain", LINK_FEDERATED_USERS: "yes" }), (e: Error) => {
            assert.match(e.message, /ALLOWED_EMAIL_DOMAINS must be a comma-separated list of lower-case domain names; invalid: not a domain \(received: "example.com,not a domain"\); set it like/);
            assert.match(e.message, /LINK_FEDERATED_USERS must be "true" or "false" \(received: "yes"\)/);
            return true;
        });
        assert.deepEqual(parsePreSignUpConfig({}), { allowedEmailDomains: [], linkFederatedUsers: true });
    });
});
