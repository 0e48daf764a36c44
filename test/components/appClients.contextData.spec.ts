/** App clients and threat protection's context data: who propagates the user's IP address and device. */
import * as assert from "node:assert/strict";
import { AppClients, AppClientSpec, validateAppClients } from "../../components/appClients";
import { formatIssue } from "../../components/issues";
import { named } from "../helpers/plans";
import { build } from "../helpers/record";

describe("AppClients: user context data", () => {
    it("propagates context data for confidential clients by default, and only where asked otherwise", async () => {
        const clients: AppClientSpec[] = [
            { name: "web" },
            { name: "portal", generateSecret: true },
            { name: "batch", generateSecret: true, propagateUserContextData: false },
            { name: "backend", generateSecret: true, propagateUserContextData: true },
        ];
        const rs = await build(() => new AppClients("client", { userPoolId: "us-east-1_TestPool1", clients }));
        const propagates = (n: string) => named(rs, "aws:cognito/userPoolClient:UserPoolClient", `client-${n}`).props.enablePropagateAdditionalUserContextData;
        assert.deepEqual(["web", "portal", "batch", "backend"].map(propagates), [false, true, false, true]);
    });

    it("refuses it on a client without a secret, as Cognito does", () => {
        assert.deepEqual(validateAppClients({ clients: [{ name: "spa", propagateUserContextData: true }, { name: "ok", generateSecret: true, propagateUserContextData: true }, { name: "off", propagateUserContextData: false }] }).map((i) => formatIssue(i)), [
            "appClients[0].propagateUserContextData needs generateSecret: true (Cognito takes a user's IP address from a server only for a client with a secret) (received: true). Fix: set generateSecret: true for a client your server signs users in with, or leave propagateUserContextData out (browser and mobile apps send their device data themselves)",
        ]);
    });
});
