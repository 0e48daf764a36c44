/**
 * cognito-client-user-context-data on the small plan, run alone (no other policy builds the
 * client index first): the flows AWS allows when explicitAuthFlows is unset, booleans given as
 * strings, and the clients it must leave alone.
 */
import * as assert from "node:assert/strict";
import { clientUserContextData } from "../../policies/adaptiveAuth";
import type { Plan } from "../../tools/planTypes";
import { find, run, securePlan, setProp, stackConfig } from "./fixtures";

const warning = (flows: string): string =>
    `App client "web" has a client secret and signs users in from a server (${flows}) on pool "users", whose threat protection is ENFORCED, but does not propagate user context data, so Cognito judges the risk by your server's IP address: set enablePropagateAdditionalUserContextData: true and send UserContextData { IpAddress, EncodedData } with each sign-in.`;

/** The web client made confidential, with these flows and propagation setting. */
function confidential(flows: string[] | undefined, propagate?: unknown, secret: unknown = true): Plan {
    const plan = setProp(securePlan(), "web", "generateSecret", secret);
    setProp(plan, "web", "explicitAuthFlows", flows);
    return setProp(plan, "web", "enablePropagateAdditionalUserContextData", propagate);
}

async function advisories(plan: Plan): Promise<string[]> {
    return (await run(plan, clientUserContextData, stackConfig("prod"))).map((v) => `${v.enforcementLevel} ${v.urn.split("::").pop()}: ${v.message}`);
}

describe("cognito-client-user-context-data on the small plan", () => {
    it("passes the secure plan (a public web client, a machine client that only refreshes)", async () => {
        assert.deepEqual(await advisories(securePlan()), []);
    });

    it("reads unset explicitAuthFlows as AWS's default, SRP and custom auth, both named", async () => {
        assert.deepEqual(await advisories(confidential(undefined)), [`advisory web: ${warning("ALLOW_USER_SRP_AUTH, ALLOW_CUSTOM_AUTH")}`]);
    });

    it("names every sign-in flow it allows, and leaves the refresh flow out", async () => {
        const plan = confidential(["ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_USER_AUTH"]);
        assert.deepEqual(await advisories(plan), [`advisory web: ${warning("ALLOW_ADMIN_USER_PASSWORD_AUTH, ALLOW_USER_AUTH")}`]);
    });

    it("reads a secret given as the string \"true\" and propagation given as \"false\" as what they say", async () => {
        assert.deepEqual(await advisories(confidential(["ALLOW_USER_SRP_AUTH"], "false", "true")), [`advisory web: ${warning("ALLOW_USER_SRP_AUTH")}`]);
    });

    it("is quiet when the client propagates context data, also as the string \"true\"", async () => {
        assert.deepEqual(await advisories(confidential(undefined, true)), []);
        assert.deepEqual(await advisories(confidential(undefined, "true")), []);
    });

    it("is quiet for a public client (secret unset or \"false\") and for a pool whose threat protection is unset", async () => {
        assert.deepEqual(await advisories(setProp(confidential(undefined), "web", "generateSecret", undefined)), []);
        assert.deepEqual(await advisories(confidential(undefined, undefined, "false")), []);
        const off = setProp(confidential(undefined), "users", "userPoolAddOns", undefined);
        assert.deepEqual(await advisories(off), []);
    });

    it("judges each client by its own pool: a second pool's client is not warned about twice or by the wrong pool", async () => {
        const plan = confidential(undefined);
        const other = structuredClone(find(plan, "users"));
        other.name = "audit-users";
        other.urn = other.urn.replace(/::users$/, "::audit-users");
        other.props.id = "us-east-1_Audit0001";
        other.outputs = { ...other.outputs, id: "us-east-1_Audit0001" };
        other.props.userPoolAddOns = { advancedSecurityMode: "AUDIT" };
        other.outputs.userPoolAddOns = { advancedSecurityMode: "AUDIT" };
        plan.resources.push(other);
        const web = structuredClone(find(plan, "web"));
        web.name = "audit-web";
        web.urn = web.urn.replace(/::web$/, "::audit-web");
        web.props.userPoolId = "us-east-1_Audit0001";
        web.outputs = { ...web.outputs, userPoolId: "us-east-1_Audit0001" };
        plan.resources.push(web);
        assert.deepEqual(await advisories(plan), [`advisory web: ${warning("ALLOW_USER_SRP_AUTH, ALLOW_CUSTOM_AUTH")}`]);
    });
});
