import * as assert from "node:assert/strict";
import { AdminLinkProviderForUserCommand, CognitoIdentityProviderClient, ListUsersCommand, type UserStatusType } from "@aws-sdk/client-cognito-identity-provider";
import type { PreSignUpTriggerEvent } from "aws-lambda";
import { mockClient } from "aws-sdk-client-mock";
import { parsePreSignUpConfig } from "../../lambdas/preSignUp/config";
import { parseFederatedUserName } from "../../lambdas/preSignUp/federatedUser";
import { createPreSignUpHandler } from "../../lambdas/preSignUp/preSignUp";
import { recordingLogger, silentLogger } from "./helpers";

const event = (triggerSource: PreSignUpTriggerEvent["triggerSource"], userName: string, attrs: Record<string, string>): PreSignUpTriggerEvent => ({
    version: "1", region: "eu-west-1", userPoolId: "eu-west-1_Pool1", userName, triggerSource,
    callerContext: { awsSdkVersion: "aws-sdk-unknown-unknown", clientId: "client1" },
    request: { userAttributes: attrs, validationData: {} },
    response: { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false },
});

const nativeUser = (username: string, verified: string, status: UserStatusType = "CONFIRMED", enabled: boolean | undefined = true) => ({
    Username: username, UserStatus: status, Enabled: enabled,
    Attributes: [{ Name: "email", Value: "ann@example.com" }, { Name: "email_verified", Value: verified }],
});

const REJECTED = /^SignUpRejectedError: /;
const LINKED = /^AccountLinkedError: This sign-in is now linked to your existing account\. Please sign in again\.$/;

describe("lambdas/preSignUp", () => {
    // The mock patches the client class itself: created before this suite, undone after it.
    const newMock = () => mockClient(CognitoIdentityProviderClient);
    let cognitoMock: ReturnType<typeof newMock>;
    before(() => { cognitoMock = newMock(); });
    const handlerWith = (env: Record<string, string>) => createPreSignUpHandler({
        config: parsePreSignUpConfig(env),
        cognito: new CognitoIdentityProviderClient({ region: "eu-west-1" }),
        logger: silentLogger(),
    });
    const handler = handlerWith({ ALLOWED_EMAIL_DOMAINS: "example.com", PRIVILEGED_ATTRIBUTES: "custom:tenant_id,custom:role", PROVIDER_EMAIL_VERIFIED_ATTRIBUTE: "custom:idp_email_verified" });
    beforeEach(() => cognitoMock.reset());
    after(() => cognitoMock.restore());

    it("lets a self sign-up from an allowed domain through without confirming or verifying it", async () => {
        const out = await handler(event("PreSignUp_SignUp", "u1", { email: "ann@EXAMPLE.com", name: "Ann" }));
        assert.deepEqual(out.response, { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false });
        assert.equal(cognitoMock.calls().length, 0);
    });

    describe("privileged attributes in a self sign-up", () => {
        const refused: [string, Record<string, string>, string][] = [
            ["its own tenant", { "custom:tenant_id": "acme-staff" }, "Sign-up may not set custom:tenant_id."],
            ["an empty tenant", { "custom:tenant_id": "" }, "Sign-up may not set custom:tenant_id."],
            ["a verified email", { email_verified: "true" }, "Sign-up may not set email_verified."],
            ["a verified email, spelled True", { email_verified: "True" }, "Sign-up may not set email_verified."],
            ["a verified phone", { phone_number: "+15555550100", phone_number_verified: "true" }, "Sign-up may not set phone_number_verified."],
            ["several at once", { "custom:role": "admin", "custom:tenant_id": "t" }, "Sign-up may not set custom:role, custom:tenant_id."],
        ];
        for (const [what, attrs, message] of refused) {
            it(`refuses a SignUp that sets ${what}`, async () => {
                await assert.rejects(handler(event("PreSignUp_SignUp", "u1", { email: "ann@example.com", ...attrs })), (e: Error) => e.name === "SignUpRejectedError" && e.message === message);
            });
        }

        it("lets a verification flag of false through (it claims nothing)", async () => {
            await handler(event("PreSignUp_SignUp", "u1", { email: "ann@example.com", email_verified: "false" }));
        });

        it("lets an administrator set them (AdminCreateUser)", async () => {
            const out = await handler(event("PreSignUp_AdminCreateUser", "u1", { email: "ann@example.com", "custom:tenant_id": "t-1", email_verified: "true" }));
            assert.equal(out.response.autoVerifyEmail, false);
        });

        it("always treats the verification flags as privileged, even with PRIVILEGED_ATTRIBUTES unset", async () => {
            await assert.rejects(handlerWith({})(event("PreSignUp_SignUp", "u1", { email: "ann@example.com", email_verified: "true" })), /^SignUpRejectedError: Sign-up may not set email_verified\.$/);
        });

        it("reads attribute names as data: __proto__, constructor and toString are plain attributes", async () => {
            const attrs = JSON.parse('{"email":"ann@example.com","__proto__":"x","constructor":"y","toString":"z"}') as Record<string, string>;
            const out = await handler(event("PreSignUp_SignUp", "u1", attrs));
            assert.equal(out.response.autoConfirmUser, false);
        });
    });

    describe("the email-domain allow-list", () => {
        const refused: [string, string, RegExp][] = [
            ["a domain outside the list", "eve@evil.test", /^SignUpRejectedError: Sign-up is not open to email addresses at evil\.test\.$/],
            ["a second @ before an allowed domain", "a@evil.com@example.com", /^SignUpRejectedError: The email address is not valid: use a plain address like name@example\.com\.$/],
            ["a list of addresses", "a@evil.com,b@example.com", /The email address is not valid/],
            ["a list with a space", "a@evil.com, b@example.com", /The email address is not valid/],
            ["a leading space", " a@example.com", /The email address is not valid/],
            ["a trailing space", "a@example.com ", /The email address is not valid/],
            ["a quoted local part", '"a@evil.com"@example.com', /The email address is not valid/],
            ["a display name", "Ann <ann@example.com>", /The email address is not valid/],
            ["a trailing dot", "a@example.com.", /The email address is not valid/],
            ["a line break", "a@example.com\nb@evil.test", /The email address is not valid/],
            ["a subdomain of an allowed domain", "a@mail.example.com", /^SignUpRejectedError: Sign-up is not open to email addresses at mail\.example\.com\.$/],
            ["a look-alike domain", "a@example.com.evil.test", /at example\.com\.evil\.test\./],
            ["no email", "", /The email address is not valid/],
        ];
        for (const [what, email, message] of refused) {
            it(`refuses ${what}`, async () => {
                await assert.rejects(handler(event("PreSignUp_SignUp", "u1", { email })), message);
            });
        }

        it("refuses a missing email from every source", async () => {
            await assert.rejects(handler(event("PreSignUp_AdminCreateUser", "u1", {})), /An email address is required to sign up\./);
            await assert.rejects(handler(event("PreSignUp_ExternalProvider", "Google_1", {})), /An email address is required to sign up\./);
        });

        it("accepts plain addresses in any case of the domain", async () => {
            for (const email of ["ann@example.com", "Ann.Lee+news@EXAMPLE.COM", "o'neil@example.com"]) {
                await handler(event("PreSignUp_SignUp", "u1", { email }));
            }
        });
    });

    describe("federated sign-ups and account linking", () => {
        const google = (attrs: Record<string, string>) => event("PreSignUp_ExternalProvider", "google_1234_5", { email: "ann@example.com", ...attrs });

        it("links a federated user to the one confirmed native user with the same verified email, then fails the sign-up", async () => {
            cognitoMock.on(ListUsersCommand).resolves({ Users: [nativeUser("native-1", "true")] });
            cognitoMock.on(AdminLinkProviderForUserCommand).resolves({});
            await assert.rejects(handler(google({ "custom:idp_email_verified": "true" })), LINKED);
            assert.deepEqual(cognitoMock.commandCalls(ListUsersCommand)[0].args[0].input, { UserPoolId: "eu-west-1_Pool1", Filter: 'email = "ann@example.com"', Limit: 60 });
            assert.deepEqual(cognitoMock.commandCalls(AdminLinkProviderForUserCommand)[0].args[0].input, {
                UserPoolId: "eu-west-1_Pool1",
                DestinationUser: { ProviderName: "Cognito", ProviderAttributeValue: "native-1" },
                SourceUser: { ProviderName: "Google", ProviderAttributeName: "Cognito_Subject", ProviderAttributeValue: "1234_5" },
            });
        });

        it("also trusts email_verified that a provider mapped itself (an older mapping)", async () => {
            cognitoMock.on(ListUsersCommand).resolves({ Users: [nativeUser("native-1", "true")] });
            await assert.rejects(handler(google({ email_verified: "true" })), LINKED);
        });

        // Users who have not proven, or no longer prove, that they control the account.
        const statuses: [UserStatusType, string][] = [
            ["UNCONFIRMED", "signed up but never confirmed the code"],
            ["RESET_REQUIRED", "must reset the password"],
            ["COMPROMISED", "credentials known to be leaked"],
            ["FORCE_CHANGE_PASSWORD", "created by an administrator, never signed in"],
            ["ARCHIVED", "archived"],
            ["UNKNOWN", "unknown"],
        ];
        for (const [status, why] of statuses) {
            it(`never links to a ${status} user (${why}), and signs the federated user up instead`, async () => {
                cognitoMock.on(ListUsersCommand).resolves({ Users: [nativeUser("native-1", "true", status)] });
                const out = await handler(google({ "custom:idp_email_verified": "true" }));
                assert.deepEqual(out.response, { autoConfirmUser: true, autoVerifyEmail: true, autoVerifyPhone: false });
                assert.equal(cognitoMock.commandCalls(AdminLinkProviderForUserCommand).length, 0);
            });
        }

        it("never links to an unverified email, nor to a user whose Enabled flag is missing", async () => {
            const { Enabled: _, ...enabledMissing } = nativeUser("n2", "true");
            cognitoMock.on(ListUsersCommand).resolves({ Users: [nativeUser("n1", "false"), enabledMissing] });
            await handler(google({ "custom:idp_email_verified": "true" }));
            assert.equal(cognitoMock.commandCalls(AdminLinkProviderForUserCommand).length, 0);
        });

        it("refuses the federated sign-up of a disabled user, verified by the provider or not, linking on or off", async () => {
            for (const [h, attrs] of [[handler, { "custom:idp_email_verified": "true" }], [handler, {}], [handlerWith({ LINK_FEDERATED_USERS: "false" }), {}]] as const) {
                cognitoMock.reset();
                cognitoMock.on(ListUsersCommand).resolves({ Users: [nativeUser("native-1", "true", "CONFIRMED", false)] });
                await assert.rejects(h(google(attrs)), /^SignUpRejectedError: The account for this email address is disabled\.$/);
                assert.equal(cognitoMock.commandCalls(AdminLinkProviderForUserCommand).length, 0);
            }
        });

        it("finds a disabled user whose address differs only in case", async () => {
            cognitoMock.on(ListUsersCommand, { Filter: 'email = "Ann@Example.com"' }).resolves({ Users: [] });
            cognitoMock.on(ListUsersCommand, { Filter: 'email = "ann@example.com"' }).resolves({ Users: [nativeUser("native-1", "true", "CONFIRMED", false)] });
            await assert.rejects(handler(event("PreSignUp_ExternalProvider", "Google_1", { email: "Ann@Example.com" })), /disabled/);
        });

        it("keeps only listed users with a name and exactly this address (in any case), reading missing attributes as absent", async () => {
            const disabled = { UserStatus: "CONFIRMED" as UserStatusType, Enabled: false };
            cognitoMock.on(ListUsersCommand).resolves({ Users: [
                { ...disabled, Attributes: [{ Name: "email", Value: "ann@example.com" }] },
                { ...disabled, Username: "other", Attributes: [{ Name: "email", Value: "bob@example.com" }] },
                { ...disabled, Username: "no-email", Attributes: [{ Name: "name", Value: "Ann" }] },
                { ...disabled, Username: "no-attributes" },
                { Username: "native-1", UserStatus: "CONFIRMED", Enabled: true, Attributes: [{ Name: "email", Value: "ANN@example.com" }] },
            ] });
            const out = await handler(google({ "custom:idp_email_verified": "true" }));
            // native-1 has no email_verified attribute: found, but no link target.
            assert.deepEqual(out.response, { autoConfirmUser: true, autoVerifyEmail: true, autoVerifyPhone: false });
            assert.equal(cognitoMock.commandCalls(AdminLinkProviderForUserCommand).length, 0);
        });

        it("reads a ListUsers answer without Users as nobody", async () => {
            cognitoMock.on(ListUsersCommand).resolves({});
            const out = await handler(google({ "custom:idp_email_verified": "true" }));
            assert.equal(out.response.autoConfirmUser, true);
            assert.equal(cognitoMock.commandCalls(ListUsersCommand).length, 1);
        });

        it("refuses a federated email that would break out of the ListUsers filter", async () => {
            await assert.rejects(handler(google({ email: 'a" or email ^= "@example.com' })), REJECTED);
            assert.equal(cognitoMock.calls().length, 0);
        });

        it("does not verify or link an email the provider did not verify", async () => {
            cognitoMock.on(ListUsersCommand).resolves({ Users: [nativeUser("native-1", "true")] });
            for (const attrs of [{}, { "custom:idp_email_verified": "false" }, { "custom:idp_email_verified": "TRUE " }] as Record<string, string>[]) {
                const out = await handler(google(attrs));
                assert.equal(out.response.autoVerifyEmail, false);
            }
            assert.equal(cognitoMock.commandCalls(AdminLinkProviderForUserCommand).length, 0);
        });

        it("ignores the provider-verification attribute in a self sign-up: a user cannot vouch for their own email", async () => {
            const out = await handler(event("PreSignUp_SignUp", "u1", { email: "ann@example.com", "custom:idp_email_verified": "true" }));
            assert.deepEqual(out.response, { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false });
            assert.equal(cognitoMock.calls().length, 0);
        });

        it("does not link when several confirmed users share the email", async () => {
            cognitoMock.on(ListUsersCommand).resolves({ Users: [nativeUser("n1", "true"), nativeUser("n2", "true")] });
            await handler(google({ "custom:idp_email_verified": "true" }));
            assert.equal(cognitoMock.commandCalls(AdminLinkProviderForUserCommand).length, 0);
        });
    });

    describe("what it logs", () => {
        const recorded = (env: Record<string, string> = { PROVIDER_EMAIL_VERIFIED_ATTRIBUTE: "custom:idp_email_verified" }) => {
            const { logger, lines } = recordingLogger();
            return { lines, handler: createPreSignUpHandler({ config: parsePreSignUpConfig(env), cognito: new CognitoIdentityProviderClient({ region: "eu-west-1" }), logger }) };
        };
        const google = (attrs: Record<string, string>) => event("PreSignUp_ExternalProvider", "google_1234_5", { email: "ann@example.com", ...attrs });
        const federated = nativeUser("google_9", "true", "EXTERNAL_PROVIDER");

        it("logs every sign-up with its source and user name, and nothing more for a self sign-up", async () => {
            const { lines, handler: h } = recorded();
            await h(event("PreSignUp_SignUp", "u1", { email: "ann@example.com" }));
            assert.deepEqual(lines, [{ level: "info", message: "pre sign-up", extra: [{ triggerSource: "PreSignUp_SignUp", userName: "u1" }] }]);
        });

        it("logs the link it made, naming the provider and the destination user", async () => {
            const { lines, handler: h } = recorded();
            cognitoMock.on(ListUsersCommand).resolves({ Users: [nativeUser("native-1", "true")] });
            await assert.rejects(h(google({ "custom:idp_email_verified": "true" })), LINKED);
            assert.deepEqual(lines, [
                { level: "info", message: "pre sign-up", extra: [{ triggerSource: "PreSignUp_ExternalProvider", userName: "google_1234_5" }] },
                { level: "info", message: "linked federated identity to existing user", extra: [{ providerName: "Google", destination: "native-1" }] },
            ]);
        });

        it("warns when a disabled user has the address, even beside an enabled one, and names the signing-in user", async () => {
            const { lines, handler: h } = recorded();
            cognitoMock.on(ListUsersCommand).resolves({ Users: [nativeUser("native-1", "true"), nativeUser("native-2", "true", "CONFIRMED", false)] });
            await assert.rejects(h(google({ "custom:idp_email_verified": "true" })), /^SignUpRejectedError: The account for this email address is disabled\.$/);
            assert.deepEqual(lines.slice(1), [{ level: "warn", message: "federated sign-up of a disabled user refused", extra: [{ userName: "google_1234_5" }] }]);
            assert.equal(cognitoMock.commandCalls(AdminLinkProviderForUserCommand).length, 0);
        });

        it("warns with the count when several users share the verified email, and links none", async () => {
            const { lines, handler: h } = recorded();
            cognitoMock.on(ListUsersCommand).resolves({ Users: [nativeUser("n1", "true"), nativeUser("n2", "true"), nativeUser("n3", "true")] });
            const out = await h(google({ "custom:idp_email_verified": "true" }));
            assert.deepEqual(out.response, { autoConfirmUser: true, autoVerifyEmail: true, autoVerifyPhone: false });
            assert.deepEqual(lines.slice(1), [{ level: "warn", message: "several users share this verified email; not linking", extra: [{ count: 3 }] }]);
            assert.equal(cognitoMock.commandCalls(AdminLinkProviderForUserCommand).length, 0);
        });

        it("says why a native user with the address is not linked, with the statuses of the native users only", async () => {
            const { lines, handler: h } = recorded();
            cognitoMock.on(ListUsersCommand).resolves({ Users: [nativeUser("n1", "true", "UNCONFIRMED"), federated, nativeUser("n2", "false")] });
            await h(google({ "custom:idp_email_verified": "true" }));
            assert.deepEqual(lines.slice(1), [{
                level: "info",
                message: "a user has this email but may not be linked (not confirmed, not enabled or not verified)",
                extra: [{ statuses: ["UNCONFIRMED", "CONFIRMED"] }],
            }]);
        });

        it("logs nothing more when the only other user with the address is a federated one, and never links to it", async () => {
            const { lines, handler: h } = recorded();
            cognitoMock.on(ListUsersCommand).resolves({ Users: [federated] });
            const out = await h(google({ "custom:idp_email_verified": "true" }));
            assert.equal(out.response.autoVerifyEmail, true);
            assert.equal(lines.length, 1);
            assert.equal(cognitoMock.commandCalls(AdminLinkProviderForUserCommand).length, 0);
        });

        it("leaves federated users (EXTERNAL_PROVIDER) out of the candidates, so the one native user is linked", async () => {
            const { handler: h } = recorded();
            cognitoMock.on(ListUsersCommand).resolves({ Users: [federated, nativeUser("native-1", "true")] });
            await assert.rejects(h(google({ "custom:idp_email_verified": "true" })), LINKED);
            assert.deepEqual(cognitoMock.commandCalls(AdminLinkProviderForUserCommand)[0].args[0].input.DestinationUser, { ProviderName: "Cognito", ProviderAttributeValue: "native-1" });
        });
    });

    describe("federated sign-ups without an allow-list (every address reaches the linking code)", () => {
        const open = handlerWith({ PROVIDER_EMAIL_VERIFIED_ATTRIBUTE: "custom:idp_email_verified" });

        it("confirms a federated user without an email, and looks nobody up", async () => {
            const out = await open(event("PreSignUp_ExternalProvider", "google_1", { "custom:idp_email_verified": "true" }));
            assert.deepEqual(out.response, { autoConfirmUser: true, autoVerifyEmail: false, autoVerifyPhone: false });
            assert.equal(cognitoMock.calls().length, 0);
        });

        it("refuses an email that would break out of the ListUsers filter, before any lookup", async () => {
            await assert.rejects(open(event("PreSignUp_ExternalProvider", "google_1", { email: 'a"b@example.com', "custom:idp_email_verified": "true" })),
                (e: Error) => e.name === "SignUpRejectedError" && e.message === "The email address is not valid: use a plain address like name@example.com.");
            await assert.rejects(open(event("PreSignUp_ExternalProvider", "google_1", { email: "a\\b@example.com" })), /^SignUpRejectedError: The email address is not valid/);
            assert.equal(cognitoMock.calls().length, 0);
        });

        it("neither verifies nor links a provider-verified address that is not strict", async () => {
            cognitoMock.on(ListUsersCommand).resolves({ Users: [{ ...nativeUser("native-1", "true"), Attributes: [{ Name: "email", Value: "ann@example.com." }, { Name: "email_verified", Value: "true" }] }] });
            const out = await open(event("PreSignUp_ExternalProvider", "google_1", { email: "ann@example.com.", "custom:idp_email_verified": "true" }));
            assert.deepEqual(out.response, { autoConfirmUser: true, autoVerifyEmail: false, autoVerifyPhone: false });
            assert.equal(cognitoMock.commandCalls(ListUsersCommand).length, 1);
            assert.equal(cognitoMock.commandCalls(AdminLinkProviderForUserCommand).length, 0);
        });

        it("verifies and links a strict, provider-verified address", async () => {
            cognitoMock.on(ListUsersCommand).resolves({ Users: [nativeUser("native-1", "true")] });
            await assert.rejects(open(event("PreSignUp_ExternalProvider", "google_1", { email: "ann@example.com", "custom:idp_email_verified": "true" })), LINKED);
        });
    });

    const malformed: [string, unknown, RegExp][] = [
        ["no event", null, /^MalformedEventError: Malformed event: the event must be an object \(received: null\)$/],
        ["no trigger source", { ...event("PreSignUp_SignUp", "u", {}), triggerSource: undefined }, /^MalformedEventError: Malformed event: triggerSource must be a string \(received: nothing\)$/],
        ["an unknown trigger source", { ...event("PreSignUp_SignUp", "u", {}), triggerSource: "PreSignUp_Other" }, /^MalformedEventError: Malformed event: triggerSource must be one of PreSignUp_SignUp, PreSignUp_AdminCreateUser, PreSignUp_ExternalProvider$/],
        ["a numeric attribute", event("PreSignUp_SignUp", "u", { email: 5 } as never), /^MalformedEventError: Malformed event: request\.userAttributes\["email"\] must be a string \(received: a number\)$/],
        ["attributes as an array", { ...event("PreSignUp_SignUp", "u", {}), request: { userAttributes: [] } }, /request\.userAttributes must be an object \(received: an array\)/],
        ["no request", { ...event("PreSignUp_SignUp", "u", {}), request: "x" }, /^MalformedEventError: Malformed event: request must be an object \(received: a string\)$/],
        ["no user pool id", { ...event("PreSignUp_SignUp", "u", {}), userPoolId: 7 }, /^MalformedEventError: Malformed event: userPoolId must be a string \(received: a number\)$/],
        ["no user name", { ...event("PreSignUp_SignUp", "u", {}), userName: undefined }, /^MalformedEventError: Malformed event: userName must be a string \(received: nothing\)$/],
        ["no response", { ...event("PreSignUp_SignUp", "u", { email: "ann@example.com" }), response: undefined }, /response must be an object \(received: nothing\)/],
    ];
    for (const [what, input, message] of malformed) {
        it(`rejects a malformed event: ${what}`, async () => {
            await assert.rejects(handler(input), message);
        });
    }

    it("parses provider names and subjects from federated user names", () => {
        assert.deepEqual(parseFederatedUserName("Google_1234"), { providerName: "Google", subject: "1234" });
        assert.deepEqual(parseFederatedUserName("signinwithapple_000.abc"), { providerName: "SignInWithApple", subject: "000.abc" });
        assert.deepEqual(parseFederatedUserName("SAML-Okta_abc_def"), { providerName: "SAML-Okta", subject: "abc_def" });
        assert.deepEqual(parseFederatedUserName("constructor_1"), { providerName: "constructor", subject: "1" });
        assert.equal(parseFederatedUserName("no-separator"), undefined);
        assert.equal(parseFederatedUserName("_1234"), undefined);
        assert.equal(parseFederatedUserName("Google_"), undefined);
        assert.deepEqual(parseFederatedUserName("G_1"), { providerName: "G", subject: "1" });
    });

    it("reports every invalid variable", () => {
        assert.throws(() => parsePreSignUpConfig({
            ALLOWED_EMAIL_DOMAINS: "example.com,not a domain", LINK_FEDERATED_USERS: "yes", PRIVILEGED_ATTRIBUTES: "custom:tenant_id,bad name",
            PROVIDER_EMAIL_VERIFIED_ATTRIBUTE: "email_verified",
        }), (e: Error) => {
            assert.match(e.message, /ALLOWED_EMAIL_DOMAINS must be a comma-separated list of lower-case domain names; invalid: not a domain \(received: "example.com,not a domain"\); set it like/);
            assert.match(e.message, /LINK_FEDERATED_USERS must be "true" or "false" \(received: "yes"\)/);
            assert.match(e.message, /PRIVILEGED_ATTRIBUTES must be a comma-separated list of attribute names; invalid: bad name/);
            assert.match(e.message, /PROVIDER_EMAIL_VERIFIED_ATTRIBUTE must be a custom attribute like custom:idp_email_verified \(received: "email_verified"\)/);
            return true;
        });
        assert.throws(() => parsePreSignUpConfig({ PRIVILEGED_ATTRIBUTES: "custom:v", PROVIDER_EMAIL_VERIFIED_ATTRIBUTE: "custom:v" }), /PROVIDER_EMAIL_VERIFIED_ATTRIBUTE must not be a privileged attribute \(received: "custom:v"\)/);
        assert.deepEqual(parsePreSignUpConfig({}), {
            allowedEmailDomains: [], linkFederatedUsers: true, privilegedAttributes: new Set(["email_verified", "phone_number_verified"]), providerEmailVerifiedAttribute: undefined,
        });
    });
});
