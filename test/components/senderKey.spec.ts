import * as assert from "node:assert/strict";
import { KEY_ADMIN_ACTIONS, SenderKey, senderKeyPolicy } from "../../components/senderKey";
import { named } from "../helpers/plans";
import { build } from "../helpers/record";

describe("SenderKey", () => {
    it("is a rotating symmetric encryption key with a 30-day deletion window and no policy of its own", async () => {
        const rec = await build(() => new SenderKey("k", { tags: { team: "identity" } }));
        const key = named(rec, "aws:kms/key:Key", "k").props;
        assert.deepEqual([key.keyUsage, key.customerMasterKeySpec, key.enableKeyRotation, key.deletionWindowInDays], ["ENCRYPT_DECRYPT", "SYMMETRIC_DEFAULT", true, 30]);
        assert.equal(key.policy, undefined);
        assert.deepEqual(key.tags, { team: "identity" });
    });

    it("writes a policy where only the given roles decrypt and Cognito encrypts for one pool of one account", () => {
        const doc = JSON.parse(senderKeyPolicy({ partition: "aws-us-gov", accountId: "111122223333", userPoolArn: "arn:aws-us-gov:cognito-idp:us-gov-west-1:111122223333:userpool/us-gov-west-1_P1", decrypterRoleArns: ["arn:aws-us-gov:iam::111122223333:role/sender"] })) as {
            Statement: { Sid: string; Principal: Record<string, unknown>; Action: string | string[]; Condition?: unknown }[];
        };
        assert.deepEqual(doc.Statement.map((s) => [s.Sid, s.Principal, s.Action]), [
            ["KeyAdministration", { AWS: "arn:aws-us-gov:iam::111122223333:root" }, KEY_ADMIN_ACTIONS],
            ["CognitoEncryptsCodesOfThisPool", { Service: "cognito-idp.amazonaws.com" }, "kms:Encrypt"],
            ["SendersDecrypt", { AWS: ["arn:aws-us-gov:iam::111122223333:role/sender"] }, "kms:Decrypt"],
        ]);
        assert.deepEqual(doc.Statement[1].Condition, {
            StringEquals: { "aws:SourceAccount": "111122223333" },
            ArnLike: { "aws:SourceArn": "arn:aws-us-gov:cognito-idp:us-gov-west-1:111122223333:userpool/us-gov-west-1_P1" },
        });
    });
});
