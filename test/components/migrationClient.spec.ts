import * as assert from "node:assert/strict";
import { privilegedAttributes } from "../../components/appClients";
import { MigrationClient } from "../../components/migrationClient";
import { named, ofType } from "../helpers/plans";
import { build } from "../helpers/record";

const CLIENT = "aws:cognito/userPoolClient:UserPoolClient";

describe("MigrationClient", () => {
    it("allows the password flow and nothing else: no SRP, no OAuth, no secret, short tokens, rotation and revocation on", async () => {
        const rec = await build(() => new MigrationClient("auth-migration-client", { userPoolId: "us-east-1_Pool1" }));
        assert.deepEqual(ofType(rec, CLIENT).map((c) => c.name), ["auth-migration-client"]);
        const c = named(rec, CLIENT, "auth-migration-client").props;
        assert.equal(c.name, "migration");
        assert.deepEqual(c.explicitAuthFlows, ["ALLOW_USER_PASSWORD_AUTH"]);
        assert.equal(c.generateSecret, false);
        assert.equal(c.allowedOauthFlowsUserPoolClient, false);
        assert.equal(c.allowedOauthFlows, undefined);
        assert.deepEqual(c.supportedIdentityProviders, ["COGNITO"]);
        assert.deepEqual([c.accessTokenValidity, c.idTokenValidity, c.refreshTokenValidity], [5, 5, 1]);
        assert.deepEqual(c.tokenValidityUnits, { accessToken: "minutes", idToken: "minutes", refreshToken: "hours" });
        assert.equal(c.enableTokenRevocation, true);
        assert.equal(c.preventUserExistenceErrors, "ENABLED");
        assert.deepEqual(c.refreshTokenRotation, { feature: "ENABLED", retryGracePeriodSeconds: 0 });
    });

    it("lets users write their profile only, never a privileged attribute", async () => {
        const rec = await build(() => new MigrationClient("m", {
            userPoolId: "us-east-1_Pool1", name: "legacy-app",
            privilegedAttributes: privilegedAttributes({ tenantAttribute: "custom:tenant_id", principalTags: { dept: "locale" } }),
        }));
        const c = named(rec, CLIENT, "m").props;
        assert.equal(c.name, "legacy-app");
        const written = c.writeAttributes as string[];
        assert.ok(written.length > 0, "an empty list would let the client write every attribute");
        for (const attribute of ["email_verified", "phone_number_verified", "custom:tenant_id", "locale"]) {
            assert.ok(!written.includes(attribute), `writes ${attribute}`);
        }
        assert.ok(written.includes("email") && written.includes("name"));
    });
});
