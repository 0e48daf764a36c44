import * as assert from "node:assert/strict";
import { clientPasswordAuth } from "../../policies/cognito";
import { describePolicy, fnArn, run, securePlan, setProp, stackConfig } from "./fixtures";

/** prod's policy config with the web client named as a migration client. */
const allowWeb = { ...(stackConfig("prod") as Record<string, unknown>), "cognito-client-password-auth": { allowedPasswordAuthClients: ["web"], reason: "test" } };
const withMigration = (lambdaConfig: Record<string, unknown> = {}) => ({ postConfirmation: fnArn("app-post-confirmation"), userMigration: fnArn("app-post-confirmation"), ...lambdaConfig });

describePolicy(clientPasswordAuth, [
    { title: "rejects ALLOW_USER_PASSWORD_AUTH on a client the config does not name", mutate: (p) => setProp(p, "web", "explicitAuthFlows", ["ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH"]), message: /^App client "web" allows ALLOW_USER_PASSWORD_AUTH, which sends the user's password to Cognito: use ALLOW_USER_SRP_AUTH; only a migration client listed in allowedPasswordAuthClients \(with a reason\) may allow it\.$/ },
    { title: "rejects the old name USER_PASSWORD_AUTH", mutate: (p) => setProp(p, "web", "explicitAuthFlows", ["USER_PASSWORD_AUTH"]), message: /allows USER_PASSWORD_AUTH/ },
    {
        title: "rejects a named client of a pool without a migration trigger",
        mutate: (p) => { setProp(p, "web", "explicitAuthFlows", ["ALLOW_USER_PASSWORD_AUTH"]); setProp(p, "web", "allowedOauthFlowsUserPoolClient", false); },
        config: allowWeb,
        message: /^App client "web" allows ALLOW_USER_PASSWORD_AUTH as a migration client, but its pool has no userMigration trigger/,
    },
    {
        title: "rejects a named client that also offers SRP",
        mutate: (p) => { setProp(p, "users", "lambdaConfig", withMigration()); setProp(p, "web", "explicitAuthFlows", ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH"]); setProp(p, "web", "allowedOauthFlowsUserPoolClient", false); },
        config: allowWeb,
        message: /^Migration client "web" also allows ALLOW_USER_SRP_AUTH: keep it to the password flow/,
    },
    {
        title: "rejects a named client that also offers OAuth (the secure plan's web client does)",
        mutate: (p) => { setProp(p, "users", "lambdaConfig", withMigration()); setProp(p, "web", "explicitAuthFlows", ["ALLOW_USER_PASSWORD_AUTH"]); },
        config: allowWeb,
        message: /^Migration client "web" also allows OAuth flows/,
    },
]);

describe("cognito-client-password-auth: what it lets through", () => {
    it("passes a named password-only client of a pool with a migration trigger, refresh tokens allowed", async () => {
        const plan = securePlan();
        setProp(plan, "users", "lambdaConfig", withMigration());
        setProp(plan, "web", "explicitAuthFlows", ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]);
        setProp(plan, "web", "allowedOauthFlowsUserPoolClient", false);
        assert.deepEqual(await run(plan, clientPasswordAuth, allowWeb), []);
    });

    it("passes clients without explicit flows (AWS's default has no password flow) and with SRP or passwordless only", async () => {
        for (const flows of [undefined, ["ALLOW_USER_SRP_AUTH", "ALLOW_USER_AUTH", "ALLOW_CUSTOM_AUTH"], ["ALLOW_ADMIN_USER_PASSWORD_AUTH"]]) {
            const plan = securePlan();
            setProp(plan, "web", "explicitAuthFlows", flows);
            assert.deepEqual(await run(plan, clientPasswordAuth), [], JSON.stringify(flows));
        }
    });
});

describe("cognito-client-password-auth: every flow named", () => {
    const both = ["ALLOW_USER_PASSWORD_AUTH", "USER_PASSWORD_AUTH"];
    const messages = async (plan: ReturnType<typeof securePlan>, config?: unknown) => (await run(plan, clientPasswordAuth, config)).map((v) => v.message);

    it("names both spellings of the password flow on a client the config does not name", async () => {
        assert.deepEqual(await messages(setProp(securePlan(), "web", "explicitAuthFlows", both)), [
            "App client \"web\" allows ALLOW_USER_PASSWORD_AUTH, USER_PASSWORD_AUTH, which sends the user's password to Cognito: use ALLOW_USER_SRP_AUTH; only a migration client listed in allowedPasswordAuthClients (with a reason) may allow it.",
        ]);
    });

    it("names both on a migration client of a pool without the trigger", async () => {
        const plan = setProp(setProp(securePlan(), "web", "explicitAuthFlows", both), "web", "allowedOauthFlowsUserPoolClient", false);
        assert.deepEqual(await messages(plan, allowWeb), [
            "App client \"web\" allows ALLOW_USER_PASSWORD_AUTH, USER_PASSWORD_AUTH as a migration client, but its pool has no userMigration trigger: remove the flow, or the client once the migration is over.",
        ]);
    });

    it("names every other flow of a migration client, OAuth last", async () => {
        const plan = setProp(securePlan(), "users", "lambdaConfig", withMigration());
        setProp(plan, "web", "explicitAuthFlows", ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_CUSTOM_AUTH"]);
        setProp(plan, "web", "allowedOauthFlowsUserPoolClient", "true");
        assert.deepEqual(await messages(plan, allowWeb), [
            "Migration client \"web\" also allows ALLOW_USER_SRP_AUTH, ALLOW_CUSTOM_AUTH, OAuth flows: keep it to the password flow, and sign users in through another client.",
        ]);
    });
});
