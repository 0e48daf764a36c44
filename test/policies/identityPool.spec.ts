import * as assert from "node:assert/strict";
import { identityPoolClassicFlow, identityPoolGuestRole, identityPoolProviders, identityPoolUnauthenticatedAccess } from "../../policies/identityPool";
import type { Plan } from "../../tools/planTypes";
import { authRoleArn, describePolicy, poolId, run, securePlan, setProp, stackConfig } from "./fixtures";

const withGuests = (plan: Plan): Plan => setProp(plan, "identities", "allowUnauthenticatedIdentities", true);

describePolicy(identityPoolClassicFlow, [
    { title: "rejects the classic flow", mutate: (p) => setProp(p, "identities", "allowClassicFlow", true), message: /allowClassicFlow is true, .*: set allowClassicFlow: false\./ },
]);

describePolicy(identityPoolUnauthenticatedAccess, [
    {
        title: "rejects guests where the config does not allow them",
        mutate: withGuests,
        message: /^allowUnauthenticatedIdentities is true but this stack does not allow guest access: set it to false, or allow it in the stack's policy config\.$/,
    },
]);

describe("cognito-identity-pool-unauthenticated-access with the dev config", () => {
    it("accepts guests where the config allows them", async () => {
        assert.deepEqual(await run(withGuests(securePlan()), identityPoolUnauthenticatedAccess, stackConfig("dev")), []);
    });
});

describePolicy(identityPoolGuestRole, [
    { title: "rejects guests without a guest role", mutate: (p) => setProp(withGuests(p), "roles", "roles", { authenticated: authRoleArn }), message: /admits guests but attachment "roles" sets no roles.unauthenticated: attach a dedicated guest role\./ },
    { title: "rejects guests given the authenticated role", mutate: (p) => setProp(withGuests(p), "roles", "roles", { authenticated: authRoleArn, unauthenticated: authRoleArn }), message: /gives guests the authenticated role .*: attach a separate guest role/ },
    { title: "rejects an identity pool without roles", mutate: (p) => setProp(p, "roles", "identityPoolId", "us-east-1:00000000-0000-0000-0000-000000000000"), message: /Identity pool "identities" has no aws.cognito.IdentityPoolRoleAttachment/ },
]);

describePolicy(identityPoolProviders, [
    { title: "rejects direct Google logins where the config does not list them", mutate: (p) => setProp(p, "identities", "supportedLoginProviders", { "accounts.google.com": "client" }), message: /^Identity pool "identities" accepts accounts\.google\.com tokens directly \(supportedLoginProviders\), which skips the user pool's MFA and threat protection/ },
    { title: "rejects a developer provider", mutate: (p) => setProp(p, "identities", "developerProviderName", "login.example"), message: /accepts developer:login\.example tokens directly \(developerProviderName\)/ },
    { title: "rejects another user pool", mutate: (p) => setProp(p, "identities", "cognitoIdentityProviders", [{ providerName: "cognito-idp.us-east-1.amazonaws.com/us-east-1_Other", clientId: "web", serverSideTokenCheck: true }]), message: /accepts tokens of cognito-idp\.us-east-1\.amazonaws\.com\/us-east-1_Other, not a user pool of this stack/ },
    { title: "rejects a client of no pool of this stack", mutate: (p) => setProp(p, "identities", "cognitoIdentityProviders", [{ providerName: `cognito-idp.us-east-1.amazonaws.com/${poolId}`, clientId: "stranger", serverSideTokenCheck: true }]), message: /accepts client stranger of .*, not an app client of that pool in this stack/ },
    { title: "rejects no server-side token check", mutate: (p) => setProp(p, "identities", "cognitoIdentityProviders", [{ providerName: `cognito-idp.us-east-1.amazonaws.com/${poolId}`, clientId: "web" }]), message: /tokens without serverSideTokenCheck, so signed-out or revoked tokens still get credentials/ },
]);

describe("cognito-identity-pool-providers with the dev config", () => {
    it("accepts the direct providers dev lists", async () => {
        const plan = setProp(securePlan(), "identities", "supportedLoginProviders", { "accounts.google.com": "client" });
        setProp(plan, "identities", "openidConnectProviderArns", ["arn:aws:iam::123456789012:oidc-provider/acme-dev.eu.auth0.com/"]);
        assert.deepEqual(await run(plan, identityPoolProviders, stackConfig("dev")), []);
    });
});

describePolicy(identityPoolClassicFlow, [
    { title: "reads the string \"true\" as on", mutate: (p) => setProp(p, "identities", "allowClassicFlow", "true"), message: /^allowClassicFlow is true/ },
]);
