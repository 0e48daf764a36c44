import * as assert from "node:assert/strict";
import { parsePreSignUpConfig } from "../../../lambdas/preSignUp/config";

const HEAD = "Invalid configuration of the preSignUp function:\n- ";
function message(env: Record<string, string>): string {
    try {
        parsePreSignUpConfig(env);
        return "";
    } catch (e) {
        return (e as Error).message;
    }
}

describe("lambdas/preSignUp/config", () => {
    it("defaults: every domain, linking on, only the verification flags privileged", () => {
        assert.deepEqual(parsePreSignUpConfig({}), {
            allowedEmailDomains: [], linkFederatedUsers: true, privilegedAttributes: new Set(["email_verified", "phone_number_verified"]), providerEmailVerifiedAttribute: undefined,
        });
    });

    it("reads every variable", () => {
        assert.deepEqual(parsePreSignUpConfig({
            ALLOWED_EMAIL_DOMAINS: "example.com, example.org", LINK_FEDERATED_USERS: "false",
            PRIVILEGED_ATTRIBUTES: "custom:tenant_id,custom:role", PROVIDER_EMAIL_VERIFIED_ATTRIBUTE: "custom:idp_email_verified",
        }), {
            allowedEmailDomains: ["example.com", "example.org"], linkFederatedUsers: false,
            privilegedAttributes: new Set(["email_verified", "phone_number_verified", "custom:tenant_id", "custom:role"]), providerEmailVerifiedAttribute: "custom:idp_email_verified",
        });
        assert.equal(parsePreSignUpConfig({ LINK_FEDERATED_USERS: "true" }).linkFederatedUsers, true);
    });

    const bad: [Record<string, string>, string][] = [
        [{ ALLOWED_EMAIL_DOMAINS: "example.com,Example.org" }, 'ALLOWED_EMAIL_DOMAINS must be a comma-separated list of lower-case domain names; invalid: Example.org (received: "example.com,Example.org"); set it like "example.com,example.org", or leave it empty to allow every domain'],
        [{ LINK_FEDERATED_USERS: "yes" }, 'LINK_FEDERATED_USERS must be "true" or "false" (received: "yes"); set it to "true" (default) or "false"'],
        [{ LINK_FEDERATED_USERS: "falsey" }, 'LINK_FEDERATED_USERS must be "true" or "false" (received: "falsey"); set it to "true" (default) or "false"'],
        [{ LINK_FEDERATED_USERS: "nottrue" }, 'LINK_FEDERATED_USERS must be "true" or "false" (received: "nottrue"); set it to "true" (default) or "false"'],
        [{ PROVIDER_EMAIL_VERIFIED_ATTRIBUTE: "x-custom:idp" }, 'PROVIDER_EMAIL_VERIFIED_ATTRIBUTE must be a custom attribute like custom:idp_email_verified (received: "x-custom:idp"); set it to the custom attribute the providers map email_verified into, or leave it empty'],
        [{ PRIVILEGED_ATTRIBUTES: "custom:role,bad name" }, 'PRIVILEGED_ATTRIBUTES must be a comma-separated list of attribute names; invalid: bad name (received: "custom:role,bad name"); set it like "custom:tenant_id,custom:role"'],
        [{ PROVIDER_EMAIL_VERIFIED_ATTRIBUTE: "idp_email_verified" }, 'PROVIDER_EMAIL_VERIFIED_ATTRIBUTE must be a custom attribute like custom:idp_email_verified (received: "idp_email_verified"); set it to the custom attribute the providers map email_verified into, or leave it empty'],
        [{ PROVIDER_EMAIL_VERIFIED_ATTRIBUTE: "custom:x-y" }, 'PROVIDER_EMAIL_VERIFIED_ATTRIBUTE must be a custom attribute like custom:idp_email_verified (received: "custom:x-y"); set it to the custom attribute the providers map email_verified into, or leave it empty'],
        [{ PROVIDER_EMAIL_VERIFIED_ATTRIBUTE: `custom:${"a".repeat(21)}` }, `PROVIDER_EMAIL_VERIFIED_ATTRIBUTE must be a custom attribute like custom:idp_email_verified (received: "custom:${"a".repeat(21)}"); set it to the custom attribute the providers map email_verified into, or leave it empty`],
        [{ PRIVILEGED_ATTRIBUTES: "custom:v", PROVIDER_EMAIL_VERIFIED_ATTRIBUTE: "custom:v" }, 'PROVIDER_EMAIL_VERIFIED_ATTRIBUTE must not be a privileged attribute (received: "custom:v"); use an attribute that nothing else trusts'],
    ];
    for (const [env, problem] of bad) {
        it(`refuses ${JSON.stringify(env)}`, () => assert.equal(message(env), `${HEAD}${problem}`));
    }

    it("accepts a carrier of 20 characters that no other setting trusts", () => {
        assert.equal(parsePreSignUpConfig({ PRIVILEGED_ATTRIBUTES: "custom:role", PROVIDER_EMAIL_VERIFIED_ATTRIBUTE: `custom:${"a".repeat(20)}` }).providerEmailVerifiedAttribute, `custom:${"a".repeat(20)}`);
    });
});
