/**
 * The password flow and the custom SMS sender against edits of the real plans: USER_PASSWORD_AUTH
 * outside the named migration client, a migration client that serves as more, and sns:Publish
 * on * beyond the role of a pool's SMS sender. Each insecure variant must add a mandatory
 * violation of the policy named; each secure rewrite must add none.
 */
import type { Plan } from "../../tools/planTypes";
import { named } from "../helpers/plans";
import { editDocument, setProp, T } from "./mutate";
import { addResource, client, describeMutations, describeSecureRewrites, ids, Mutation, pool, Variant } from "./variants";

const migration = (p: Plan, key: string, value: unknown): unknown => setProp(p, T.client, "auth-migration-client", key, value);
const lambdaConfig = (p: Plan): Record<string, unknown> => ({ ...(named(p, T.userPool, "auth").props.lambdaConfig as Record<string, unknown>) });
const grantSns = (role: string) => (p: Plan): unknown =>
    editDocument(p, T.rolePolicy, role, "policy", (d) => {
        d.Statement.push({ Effect: "Allow", Action: "sns:Publish", Resource: "*" });
    });

const passwordFlows: Mutation[] = [
    { title: "the web client allows ALLOW_USER_PASSWORD_AUTH", mutate: (p) => client(p, "explicitAuthFlows", ["ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH"]), policy: "cognito-client-password-auth", message: /App client "web" allows ALLOW_USER_PASSWORD_AUTH, which sends the user's password to Cognito: use ALLOW_USER_SRP_AUTH/ },
    { title: "the web client allows the flow by its old name", mutate: (p) => client(p, "explicitAuthFlows", ["USER_PASSWORD_AUTH"]), policy: "cognito-client-password-auth", message: /App client "web" allows USER_PASSWORD_AUTH/ },
    {
        title: "a client named migration added where the stack names no migration client",
        mutate: (p) => addResource(p, T.client, "auth-migration", { userPoolId: ids(p).poolId, name: "migration", explicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH"], preventUserExistenceErrors: "ENABLED", enableTokenRevocation: true, refreshTokenRotation: { feature: "ENABLED", retryGracePeriodSeconds: 0 }, writeAttributes: ["email"], accessTokenValidity: 5, idTokenValidity: 5, refreshTokenValidity: 1, tokenValidityUnits: { accessToken: "minutes", idToken: "minutes", refreshToken: "hours" } }),
        policy: "cognito-client-password-auth",
        message: /App client "migration" allows ALLOW_USER_PASSWORD_AUTH/,
    },
    { stack: "dev", title: "the web client takes the password flow beside the migration client", mutate: (p) => client(p, "explicitAuthFlows", ["ALLOW_USER_PASSWORD_AUTH"]), policy: "cognito-client-password-auth", message: /App client "web" allows ALLOW_USER_PASSWORD_AUTH/ },
    { stack: "dev", title: "the migration client renamed away from the exception", mutate: (p) => migration(p, "name", "legacy"), policy: "cognito-client-password-auth", message: /App client "legacy" allows ALLOW_USER_PASSWORD_AUTH/ },
    { stack: "dev", title: "the migration client also signs users in with SRP", mutate: (p) => migration(p, "explicitAuthFlows", ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH"]), policy: "cognito-client-password-auth", message: /Migration client "migration" also allows ALLOW_USER_SRP_AUTH: keep it to the password flow/ },
    { stack: "dev", title: "the migration client also offers OAuth", mutate: (p) => migration(p, "allowedOauthFlowsUserPoolClient", true), policy: "cognito-client-password-auth", message: /Migration client "migration" also allows OAuth flows/ },
    {
        stack: "dev",
        title: "the migration client left behind after the trigger is gone",
        mutate: (p) => {
            const config = lambdaConfig(p);
            delete config.userMigration;
            return pool(p, "lambdaConfig", config);
        },
        policy: "cognito-client-password-auth",
        message: /allows ALLOW_USER_PASSWORD_AUTH as a migration client, but its pool has no userMigration trigger/,
    },
    { title: "the custom email sender's role may publish to any SNS topic", mutate: grantSns("auth-trigger-customEmailSender-policy"), policy: "iam-service-role-permissions", message: /grants sns:Publish on \* to the Lambda execution role "auth-trigger-customEmailSender-role": name the resources/ },
    { title: "a trigger that sends nothing may publish to SNS", mutate: grantSns("auth-trigger-preSignUp-pool-policy"), policy: "iam-service-role-permissions", message: /grants sns:Publish on \* to the Lambda execution role "auth-trigger-preSignUp-role"/ },
];

const suspension: Mutation[] = [
    {
        title: "the web client lets users write custom:suspended, which the pre authentication trigger suspends users by",
        mutate: (p) => client(p, "writeAttributes", [...(named(p, T.client, "auth-client-web").props.writeAttributes as string[]), "custom:suspended"]),
        policy: "cognito-client-privileged-attributes",
        message: /App client "auth-client-web" lets users write custom:suspended .*which feeds the user suspension of the pre authentication trigger "auth-trigger-preAuthentication"/,
    },
    {
        stack: "staging",
        title: "the web client lets users write the tenant of a suspended tenant",
        mutate: (p) => client(p, "writeAttributes", [...(named(p, T.client, "auth-client-web").props.writeAttributes as string[]), "custom:tenant_id"]),
        policy: "cognito-client-privileged-attributes",
        message: /lets users write custom:tenant_id .*the tenant suspension of the pre authentication trigger "auth-trigger-preAuthentication"/,
    },
];

const rewrites: Variant[] = [
    { stack: "dev", title: "the migration client with refresh-token sign-in beside the password flow", mutate: (p) => migration(p, "explicitAuthFlows", ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]) },
    { stack: "dev", title: "no migration client at all (the window closed)", mutate: (p) => void (p.resources = p.resources.filter((r) => r.name !== "auth-migration-client")) },
    {
        title: "the email sender's function also the pool's SMS sender, publishing SMS on *",
        mutate: (p) => {
            const config = lambdaConfig(p);
            config.customSmsSender = { ...(config.customEmailSender as Record<string, unknown>) };
            pool(p, "lambdaConfig", config);
            return grantSns("auth-trigger-customEmailSender-policy")(p);
        },
    },
];

describeMutations("attacks on the password flow and the SMS sender", passwordFlows);
describeMutations("attacks on the pre authentication trigger's attributes", suspension);
describeSecureRewrites("secure rewrites around the password flow and the SMS sender", rewrites);
