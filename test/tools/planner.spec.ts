import * as assert from "node:assert/strict";
import { PlanError, UnknownStackError, planStack } from "../../tools/planner";
import type { Plan, PlanResource } from "../../tools/planTypes";
import { FIXTURE_DIR, FIXTURE_PROGRAM } from "./paths";

const URN = "urn:pulumi:dev::plan-fixture::";

function find(plan: Plan, type: string, name: string): PlanResource {
    const r = plan.resources.find((x) => x.type === type && x.name === name);
    assert.ok(r, `${type} ${name} missing; got ${plan.resources.map((x) => x.name).join(", ")}`);
    return r;
}

describe("planStack (fixture program)", function () {
    this.timeout(60_000);
    let dev: Plan;
    let devAgain: Plan;
    let prod: Plan;

    before(async () => {
        [dev, devAgain, prod] = await Promise.all([
            planStack("dev", { projectDir: FIXTURE_DIR }),
            planStack("dev", { projectDir: FIXTURE_DIR, program: FIXTURE_PROGRAM }),
            planStack("prod", { projectDir: FIXTURE_DIR }),
        ]);
    });

    it("is deterministic: two plans of one stack are byte-identical", () => {
        assert.equal(JSON.stringify(devAgain), JSON.stringify(dev));
    });

    it("records every resource, components included, parents before children", () => {
        assert.deepEqual(
            dev.resources.map((r) => `${r.type} ${r.name}`),
            [
                "aws:cloudwatch/logGroup:LogGroup handler-logs",
                "aws:dynamodb/table:Table items",
                "aws:iam/role:Role handler-role",
                "aws:lambda/function:Function handler",
                "fixture:app:Store store",
                "aws:s3/bucket:Bucket store-bucket",
                "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock store-public-access",
            ],
        );
        assert.equal(find(dev, "fixture:app:Store", "store").custom, false);
    });

    it("records the resource options the program passed", () => {
        const role = find(dev, "aws:iam/role:Role", "handler-role");
        assert.deepEqual(role.options, {
            protect: true,
            retainOnDelete: true,
            ignoreChanges: [],
            deleteBeforeReplace: false,
            replaceOnChanges: [],
            additionalSecretOutputs: [],
            deletedWith: null,
        });
        const table = find(dev, "aws:dynamodb/table:Table", "items");
        assert.deepEqual(table.options.ignoreChanges, ["readCapacity", "writeCapacity"]);
        assert.equal(table.options.deleteBeforeReplace, true);
        assert.equal(table.options.protect, false);
        assert.equal(table.options.retainOnDelete, false);
    });

    it("gives parents and dependencies as URNs in the engine's format", () => {
        const store = find(dev, "fixture:app:Store", "store");
        assert.equal(store.urn, `${URN}fixture:app:Store::store`);
        assert.equal(store.parent, null);
        const block = find(dev, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "store-public-access");
        assert.equal(block.parent, store.urn);
        assert.equal(block.urn, `${URN}fixture:app:Store$aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock::store-public-access`);
        assert.deepEqual(block.dependencies, [`${URN}fixture:app:Store$aws:s3/bucket:Bucket::store-bucket`]);
        // dependsOn and inputs both count.
        assert.deepEqual(find(dev, "aws:dynamodb/table:Table", "items").dependencies, [`${URN}aws:iam/role:Role::handler-role`]);
        assert.deepEqual(find(dev, "aws:lambda/function:Function", "handler").dependencies, [
            `${URN}aws:cloudwatch/logGroup:LogGroup::handler-logs`,
            `${URN}aws:dynamodb/table:Table::items`,
            `${URN}aws:iam/role:Role::handler-role`,
        ]);
    });

    it("has the exact JSON shape, provider outputs included", () => {
        assert.deepEqual(Object.keys(dev), ["project", "stack", "resources", "outputs"]);
        assert.deepEqual(find(dev, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "store-public-access"), {
            urn: `${URN}fixture:app:Store$aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock::store-public-access`,
            type: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
            name: "store-public-access",
            custom: true,
            parent: `${URN}fixture:app:Store::store`,
            dependencies: [`${URN}fixture:app:Store$aws:s3/bucket:Bucket::store-bucket`],
            props: {
                blockPublicAcls: true,
                blockPublicPolicy: true,
                bucket: dev.outputs.bucketName,
                ignorePublicAcls: true,
                restrictPublicBuckets: true,
            },
            options: {
                protect: false,
                retainOnDelete: false,
                ignoreChanges: [],
                deleteBeforeReplace: false,
                replaceOnChanges: [],
                additionalSecretOutputs: [],
                deletedWith: null,
            },
            outputs: {
                id: dev.outputs.bucketName,
                blockPublicAcls: true,
                blockPublicPolicy: true,
                bucket: dev.outputs.bucketName,
                ignorePublicAcls: true,
                region: "us-east-1",
                restrictPublicBuckets: true,
            },
        });
        assert.equal(find(dev, "fixture:app:Store", "store").outputs, undefined);
    });

    it("keeps secret config secret in props and stack outputs, never the placeholder", () => {
        const fn = find(dev, "aws:lambda/function:Function", "handler");
        const env = (fn.props.environment as { variables: Record<string, unknown> }).variables;
        assert.equal(env.API_KEY, "[secret]");
        assert.match(String(env.TABLE_NAME), /^items-[0-9a-f]{7}$/);
        assert.equal(dev.outputs.secretApiKey, "[secret]");
        assert.doesNotMatch(JSON.stringify(dev), /placeholder-secret/);
        // A nested secure value makes the whole object key secret, as the engine does.
        const prodEnv = (find(prod, "aws:lambda/function:Function", "handler").props.environment as { variables: Record<string, unknown> }).variables;
        assert.equal(prodEnv.OAUTH_CLIENT_ID, "[secret]");
    });

    it("renders invoke results into inputs (getPolicyDocument, getCallerIdentity)", () => {
        const role = find(dev, "aws:iam/role:Role", "handler-role");
        assert.deepEqual(JSON.parse(String(role.props.assumeRolePolicy)), {
            Version: "2012-10-17",
            Statement: [
                {
                    Effect: "Allow",
                    Action: "sts:AssumeRole",
                    Principal: { Service: "lambda.amazonaws.com" },
                    Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } },
                },
            ],
        });
    });

    it("applies Pulumi.yaml defaults, overridden by the stack file, and the stack's region", () => {
        assert.equal(find(dev, "aws:cloudwatch/logGroup:LogGroup", "handler-logs").props.retentionInDays, 7);
        assert.equal(find(prod, "aws:cloudwatch/logGroup:LogGroup", "handler-logs").props.retentionInDays, 30);
        assert.deepEqual(find(dev, "aws:iam/role:Role", "handler-role").props.tags, { team: "identity" });
        assert.equal(dev.outputs.region, "us-east-1");
        assert.equal(prod.outputs.region, "eu-west-1");
        assert.match(String(prod.outputs.tableArn), /^arn:aws:dynamodb:eu-west-1:123456789012:table\/items-[0-9a-f]{7}$/);
    });

    it("records the stack outputs", () => {
        assert.deepEqual(Object.keys(dev.outputs), ["bucketName", "functionInvokeArn", "region", "secretApiKey", "tableArn"]);
        assert.match(String(dev.outputs.bucketName), /^store-bucket-[0-9a-f]{7}$/);
        assert.notEqual(dev.outputs.bucketName, prod.outputs.bucketName);
    });

    it("surfaces a RunError's message without a stack trace", async () => {
        const err = await planStack("broken", { projectDir: FIXTURE_DIR }).then(
            () => assert.fail("the broken stack must not plan"),
            (e: unknown) => e,
        );
        assert.ok(err instanceof PlanError);
        assert.equal(err.kind, "program");
        assert.equal(
            err.message,
            "invalid configuration for stack broken:\n  environment must be dev or prod (received: qa)\n  logRetentionDays must be 7, 14 or 30 (received: 5)",
        );
    });

    it("reports every missing required key before running the program", async () => {
        await assert.rejects(planStack("incomplete", { projectDir: FIXTURE_DIR }), (e: unknown) => {
            assert.ok(e instanceof PlanError);
            assert.equal(e.kind, "config");
            assert.match(e.message, /^Stack 'incomplete' is missing configuration values 'apiKey' and 'environment'/);
            return true;
        });
    });

    it("rejects an unknown stack listing the available ones", async () => {
        await assert.rejects(planStack("staging", { projectDir: FIXTURE_DIR }), (e: unknown) => {
            assert.ok(e instanceof UnknownStackError);
            assert.deepEqual(e.available, ["broken", "dev", "incomplete", "prod"]);
            assert.match(e.message, /no stack named 'staging'.*available stacks: broken, dev, incomplete, prod/);
            return true;
        });
    });

    it("rejects a stack name that is not a name", async () => {
        await assert.rejects(planStack("../dev", { projectDir: FIXTURE_DIR }), /stack name '\.\.\/dev' may contain only letters/);
    });
});
