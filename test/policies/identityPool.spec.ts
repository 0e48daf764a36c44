import { identityPoolClassicFlow, identityPoolGuestRole, identityPoolUnauthenticatedAccess } from "../../policies/identityPool";
import { authRoleArn, describePolicy, setProp } from "./fixtures";

describePolicy(identityPoolClassicFlow, [
    { title: "rejects the classic flow", mutate: (p) => setProp(p, "identities", "allowClassicFlow", true), message: /allowClassicFlow is true, .*: set allowClassicFlow: false\./ },
]);

describePolicy(identityPoolUnauthenticatedAccess, [
    {
        title: "rejects guests where the config does not allow them",
        mutate: () => undefined,
        config: { "cognito-identity-pool-unauthenticated-access": { allowUnauthenticatedIdentities: false } },
        message: /allowUnauthenticatedIdentities is true but this stack does not allow guest access/,
    },
]);

describePolicy(identityPoolGuestRole, [
    { title: "rejects guests without a guest role", mutate: (p) => setProp(p, "roles", "roles", { authenticated: authRoleArn }), message: /admits guests but attachment "roles" sets no roles.unauthenticated: attach a dedicated guest role\./ },
    { title: "rejects guests given the authenticated role", mutate: (p) => setProp(p, "roles", "roles", { authenticated: authRoleArn, unauthenticated: authRoleArn }), message: /gives guests the authenticated role .*: attach a separate guest role/ },
    { title: "rejects an identity pool without roles", mutate: (p) => setProp(p, "roles", "identityPoolId", "us-east-1:00000000-0000-0000-0000-000000000000"), message: /Identity pool "identities" has no aws.cognito.IdentityPoolRoleAttachment/ },
]);
