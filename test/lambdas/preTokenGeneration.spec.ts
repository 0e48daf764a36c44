import * as assert from "node:assert/strict";
import type { PreTokenGenerationV2TriggerEvent } from "aws-lambda";
import { parsePreTokenGenerationConfig } from "../../lambdas/preTokenGeneration/config";
import { createPreTokenGenerationHandler } from "../../lambdas/preTokenGeneration/preTokenGeneration";
import { silentLogger } from "./helpers";

const event = (groups: string[], attrs: Record<string, string>): PreTokenGenerationV2TriggerEvent => ({
    version: "2", region: "eu-west-1", userPoolId: "eu-west-1_Pool1", userName: "sub-1", triggerSource: "TokenGeneration_Authentication",
    callerContext: { awsSdkVersion: "aws-sdk-unknown-unknown", clientId: "client1" },
    request: { userAttributes: { sub: "sub-1", ...attrs }, groupConfiguration: { groupsToOverride: groups }, scopes: ["openid", "api/read"] },
    response: { claimsAndScopeOverrideDetails: {} },
});

describe("lambdas/preTokenGeneration", () => {
    const handler = createPreTokenGenerationHandler({
        config: parsePreTokenGenerationConfig({
            SUPPRESSED_CLAIMS: "phone_number,roles", ACCESS_TOKEN_SCOPES: "api/read,api/profile", SCOPES_BY_GROUP: '{"admins":["api/admin"]}',
        }),
        logger: silentLogger(),
    });

    it("adds tenant and roles, suppresses claims and adds scopes to the access token", async () => {
        const out = await handler(event(["members", "admins"], { "custom:tenant_id": "t-1", phone_number: "+1" }));
        const claims = { tenant_id: "t-1", roles: "members admins" };
        assert.deepEqual(out.response.claimsAndScopeOverrideDetails, {
            idTokenGeneration: { claimsToAddOrOverride: claims, claimsToSuppress: ["phone_number"] },
            accessTokenGeneration: { claimsToAddOrOverride: claims, claimsToSuppress: ["phone_number"], scopesToAdd: ["api/profile", "api/admin"] },
        });
    });

    it("adds no tenant or roles claim the user has no data for", async () => {
        const out = await handler(event([], {}));
        assert.deepEqual(out.response.claimsAndScopeOverrideDetails.idTokenGeneration, { claimsToAddOrOverride: {}, claimsToSuppress: ["phone_number", "roles"] });
    });

    it("refuses to touch claims Cognito reserves and invalid scope maps", () => {
        assert.throws(() => parsePreTokenGenerationConfig({ SUPPRESSED_CLAIMS: "sub,email", TENANT_CLAIM: "iss", SCOPES_BY_GROUP: '{"admins":"api/admin"}' }), (e: Error) => {
            assert.match(e.message, /SUPPRESSED_CLAIMS must not name claims Cognito reserves \(sub\) \(received: "sub,email"\); remove them from the list/);
            assert.match(e.message, /TENANT_CLAIM must not be a claim Cognito reserves \(received: "iss"\)/);
            assert.match(e.message, /SCOPES_BY_GROUP must be a JSON object .*; the scopes of "admins" are not an array of scope strings/);
            return true;
        });
    });
});
