/**
 * The identity pool's trust policy as a plain document, written out: the roles' documents as
 * planned are in test/components/identityPool.spec.ts, their effect in test/iam/.
 */
import * as assert from "node:assert/strict";
import { identityPoolTrustPolicy } from "../../components/iamPolicies";

const POOL = "us-east-1:11111111-2222-3333-4444-555555555555";

describe("identityPoolTrustPolicy", () => {
    it("lets only this pool's signed-in identities assume the role", () =>
        assert.deepEqual(identityPoolTrustPolicy(POOL, "authenticated"), {
            Version: "2012-10-17",
            Statement: [
                {
                    Effect: "Allow",
                    Principal: { Federated: "cognito-identity.amazonaws.com" },
                    Action: "sts:AssumeRoleWithWebIdentity",
                    Condition: {
                        StringEquals: { "cognito-identity.amazonaws.com:aud": POOL },
                        "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": "authenticated" },
                    },
                },
            ],
        }));

    it("lets only this pool's guests assume the guest role", () =>
        assert.deepEqual(identityPoolTrustPolicy(POOL, "unauthenticated", false), {
            Version: "2012-10-17",
            Statement: [
                {
                    Effect: "Allow",
                    Principal: { Federated: "cognito-identity.amazonaws.com" },
                    Action: "sts:AssumeRoleWithWebIdentity",
                    Condition: {
                        StringEquals: { "cognito-identity.amazonaws.com:aud": POOL },
                        "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": "unauthenticated" },
                    },
                },
            ],
        }));

    it("also allows sts:TagSession when the pool sets principal tags", () =>
        assert.deepEqual(identityPoolTrustPolicy(POOL, "authenticated", true), {
            Version: "2012-10-17",
            Statement: [
                {
                    Effect: "Allow",
                    Principal: { Federated: "cognito-identity.amazonaws.com" },
                    Action: ["sts:AssumeRoleWithWebIdentity", "sts:TagSession"],
                    Condition: {
                        StringEquals: { "cognito-identity.amazonaws.com:aud": POOL },
                        "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": "authenticated" },
                    },
                },
            ],
        }));
});
