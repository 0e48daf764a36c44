import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { runInPulumiStack } from "@pulumi/pulumi/runtime/stack";
import { installRecordingMocks } from "../../tools/recorder";

class Pair extends pulumi.ComponentResource {
    constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
        super("test:x:Pair", name, {}, opts);
        const api = new aws.apigateway.RestApi(`${name}-api`, {}, { parent: this });
        new aws.apigateway.Stage(
            `${name}-stage`,
            { restApi: api, stageName: "v1", deployment: "dep123" },
            { parent: this, protect: true, replaceOnChanges: ["stageName"], additionalSecretOutputs: ["invokeUrl"] },
        );
        this.registerOutputs({});
    }
}

describe("installRecordingMocks (in-process)", () => {
    it("records components, children and options without a stack", async () => {
        const recorder = installRecordingMocks({ project: "proj", stack: "unit", config: { "aws:region": "eu-central-1", color: "blue" } });
        assert.equal(new pulumi.Config().require("color"), "blue");
        new Pair("pair");
        await recorder.settled();
        assert.deepEqual(
            recorder.resources.map((r) => [r.type, r.name, r.parent]),
            [
                ["test:x:Pair", "pair", null],
                ["aws:apigateway/restApi:RestApi", "pair-api", "urn:pulumi:unit::proj::test:x:Pair::pair"],
                ["aws:apigateway/stage:Stage", "pair-stage", "urn:pulumi:unit::proj::test:x:Pair::pair"],
            ],
        );
        const api = recorder.get("aws:apigateway/restApi:RestApi", "pair-api");
        const stage = recorder.get("aws:apigateway/stage:Stage", "pair-stage");
        // A resource passed as an input reaches the provider as its id.
        assert.equal(stage.props.restApi, api.outputs?.id);
        assert.equal(stage.outputs?.invokeUrl, `https://${String(api.outputs?.id)}.execute-api.eu-central-1.amazonaws.com/v1`);
        assert.deepEqual(stage.options, {
            protect: true,
            retainOnDelete: false,
            ignoreChanges: [],
            deleteBeforeReplace: false,
            replaceOnChanges: ["stageName"],
            additionalSecretOutputs: ["invokeUrl"],
            deletedWith: null,
        });
        assert.deepEqual(stage.dependencies, [api.urn]);
        assert.throws(() => recorder.get("aws:s3/bucket:Bucket", "nope"), /no aws:s3\/bucket:Bucket named nope was registered; registered: test:x:Pair pair, /);
    });

    it("fails an invoke the mocks cannot answer, naming it", async () => {
        installRecordingMocks({ project: "proj", stack: "unit" });
        await assert.rejects(aws.ec2.getVpc({ default: true }), /invoke aws:ec2\/getVpc:getVpc has no offline answer; add one to tools\/mocks.ts/);
    });

    it("records stack outputs with secrets masked when run inside a stack", async () => {
        const recorder = installRecordingMocks({ project: "proj", stack: "unit", config: { token: "t0ken" }, secretKeys: ["token"] });
        await runInPulumiStack(() => {
            const token = new pulumi.Config().requireSecret("token");
            const role = new aws.iam.Role("r", { assumeRolePolicy: "{}", description: token });
            return Promise.resolve({ roleName: role.name, token });
        });
        await recorder.settled();
        const plan = recorder.toPlan();
        assert.equal(plan.resources.length, 1);
        assert.equal(plan.resources[0].urn, "urn:pulumi:unit::proj::aws:iam/role:Role::r");
        assert.equal(plan.resources[0].parent, null);
        assert.equal(plan.resources[0].props.description, "[secret]");
        assert.match(String(plan.outputs.roleName), /^r-[0-9a-f]{7}$/);
        assert.equal(plan.outputs.token, "[secret]");
        assert.doesNotMatch(JSON.stringify(plan), /t0ken/);
    });
});
