import * as assert from "node:assert/strict";
import { identityPoolClassicFlow, identityPoolGuestRole, identityPoolUnauthenticatedAccess } from "../../policies/identityPool";
import type { Plan } from "../../tools/planTypes";
import { authRoleArn, describePolicy, run, securePlan, setProp, stackConfig } from "./fixtures";

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
