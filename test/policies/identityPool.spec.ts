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

// Flags left unset, given as text, more than one provider or attachment: each branch on its own.
describe("identity pool policies: unset flags and several values", () => {
    const unset = (p: Plan, key: string): Plan => {
        const r = p.resources.find((x) => x.name === "identities");
        delete r?.props[key];
        delete r?.outputs?.[key];
        return p;
    };
    const messages = async (plan: Plan, policy: Parameters<typeof run>[1], config?: unknown) => (await run(plan, policy, config)).map((v) => v.message);

    it("reads an unset allowClassicFlow as off, and the text \"false\" as false", async () => {
        assert.deepEqual(await messages(unset(securePlan(), "allowClassicFlow"), identityPoolClassicFlow), []);
        assert.deepEqual(await messages(setProp(securePlan(), "identities", "allowClassicFlow", "false"), identityPoolClassicFlow), []);
    });

    it("reads an unset allowUnauthenticatedIdentities as no guests: no guest role is asked for", async () => {
        const plan = unset(securePlan(), "allowUnauthenticatedIdentities");
        setProp(plan, "roles", "roles", { authenticated: authRoleArn });
        assert.deepEqual(await messages(plan, identityPoolUnauthenticatedAccess), []);
        assert.deepEqual(await messages(plan, identityPoolGuestRole), []);
    });

    it("checks the guest role of every attachment, and reports a second attachment", async () => {
        const plan = withGuests(securePlan());
        const second = structuredClone(plan.resources.find((r) => r.name === "roles")!);
        plan.resources.push({ ...second, name: "roles-2", urn: second.urn.replace(/::roles$/, "::roles-2"), props: { ...second.props, roles: { authenticated: authRoleArn } }, outputs: { ...second.outputs, roles: { authenticated: authRoleArn } } });
        assert.deepEqual(await messages(plan, identityPoolGuestRole), [
            'Identity pool "identities" has 2 role attachments ("roles", "roles-2"): the last one applied replaces the others; keep one.',
            'Identity pool "identities" admits guests but attachment "roles-2" sets no roles.unauthenticated: attach a dedicated guest role.',
        ]);
    });

    it("checks each user pool provider: a good one does not excuse a bad one", async () => {
        const good = { providerName: `cognito-idp.us-east-1.amazonaws.com/${poolId}`, clientId: "web", serverSideTokenCheck: true };
        const plan = setProp(securePlan(), "identities", "cognitoIdentityProviders", [good, { ...good, serverSideTokenCheck: "false" }, { ...good, serverSideTokenCheck: undefined }]);
        assert.deepEqual(await messages(plan, identityPoolProviders), [
            `Identity pool "identities" accepts cognito-idp.us-east-1.amazonaws.com/${poolId} tokens without serverSideTokenCheck, so signed-out or revoked tokens still get credentials: set serverSideTokenCheck: true.`,
            `Identity pool "identities" accepts cognito-idp.us-east-1.amazonaws.com/${poolId} tokens without serverSideTokenCheck, so signed-out or revoked tokens still get credentials: set serverSideTokenCheck: true.`,
        ]);
    });

    it("names a provider without a name or a client", async () => {
        const plan = setProp(securePlan(), "identities", "cognitoIdentityProviders", [{ serverSideTokenCheck: true }, { providerName: `cognito-idp.us-east-1.amazonaws.com/${poolId}`, serverSideTokenCheck: true }]);
        assert.deepEqual(await messages(plan, identityPoolProviders), [
            'Identity pool "identities" accepts tokens of an unnamed provider, not a user pool of this stack: name this stack\'s pool (cognito-idp.<region>.amazonaws.com/<pool id>).',
            `Identity pool "identities" accepts client (none) of cognito-idp.us-east-1.amazonaws.com/${poolId}, not an app client of that pool in this stack: name the pool's client.`,
        ]);
    });

    it("names each direct provider by its issuer or SAML name, and only those the config does not allow", async () => {
        const plan = setProp(securePlan(), "identities", "openidConnectProviderArns", ["arn:aws:iam::123456789012:oidc-provider/acme.eu.auth0.com/", "arn:aws:iam::123456789012:oidc-provider/login.example.com"]);
        setProp(plan, "identities", "samlProviderArns", ["arn:aws:iam::123456789012:saml-provider/Okta"]);
        const config = { ...(stackConfig("prod") as Record<string, unknown>), "cognito-identity-pool-providers": { allowedDirectLoginProviders: ["acme.eu.auth0.com/"], reason: "a partner's users" } };
        assert.deepEqual(await messages(plan, identityPoolProviders, config), [
            'Identity pool "identities" accepts login.example.com tokens directly (openidConnectProviderArns), which skips the user pool\'s MFA and threat protection: sign those users in through the user pool, or allow the provider in the stack\'s policy config with a reason.',
            'Identity pool "identities" accepts Okta tokens directly (samlProviderArns), which skips the user pool\'s MFA and threat protection: sign those users in through the user pool, or allow the provider in the stack\'s policy config with a reason.',
        ]);
    });
});

describe("identity pool policies: values named as written", () => {
    it("names a malformed flag without the resource, as the policy's own message does", async () => {
        assert.deepEqual((await run(setProp(securePlan(), "identities", "allowClassicFlow", 5), identityPoolClassicFlow)).map((v) => v.message), [
            "allowClassicFlow must be a boolean (received: 5): give the value the provider expects.",
        ]);
        assert.deepEqual((await run(setProp(securePlan(), "identities", "allowUnauthenticatedIdentities", "yes"), identityPoolUnauthenticatedAccess)).map((v) => v.message), [
            'allowUnauthenticatedIdentities must be a boolean (received: "yes"): give the value the provider expects.',
        ]);
    });

    it("drops only a trailing slash of a provider's issuer path, in the plan and in the config", async () => {
        const plan = setProp(securePlan(), "identities", "openidConnectProviderArns", ["arn:aws:iam::123456789012:oidc-provider/login.example.com/tenant1/"]);
        const allow = (p: string) => ({ ...(stackConfig("prod") as Record<string, unknown>), "cognito-identity-pool-providers": { allowedDirectLoginProviders: [p], reason: "a partner" } });
        assert.deepEqual(await run(plan, identityPoolProviders, allow("login.example.com/tenant1/")), []);
        assert.deepEqual(await run(plan, identityPoolProviders, allow("login.example.com/tenant1")), []);
        assert.equal((await run(plan, identityPoolProviders, allow("login.example.comtenant1/"))).length, 1);
    });

    it("refuses a client of another user pool, even one of this stack", async () => {
        const plan = securePlan();
        const web = plan.resources.find((r) => r.name === "web")!;
        plan.resources.push({ ...structuredClone(web), name: "other-web", urn: web.urn.replace(/::web$/, "::other-web"), props: { ...web.props, userPoolId: "us-east-1_Other9" }, outputs: { ...web.outputs, id: "other-web", userPoolId: "us-east-1_Other9" } });
        setProp(plan, "identities", "cognitoIdentityProviders", [{ providerName: `cognito-idp.us-east-1.amazonaws.com/${poolId}`, clientId: "other-web", serverSideTokenCheck: true }]);
        assert.deepEqual((await run(plan, identityPoolProviders)).map((v) => v.message), [
            `Identity pool "identities" accepts client other-web of cognito-idp.us-east-1.amazonaws.com/${poolId}, not an app client of that pool in this stack: name the pool's client.`,
        ]);
    });
});
