import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import { ResourceValidation, ResourceValidationPolicy, StackValidation, StackValidationPolicy, validateResourceOfType, validateStackResourcesOfType } from "@pulumi/policy";
import { reportingMalformed } from "../../../policies/lib/engine";
import { MalformedValueError } from "../../../policies/lib/values";

type Reported = [string, string | undefined];

/** The wrapped policy's report, recording what it is given. */
function recorder(): { reported: Reported[]; report: (message: string, urn?: string) => void } {
    const reported: Reported[] = [];
    return { reported, report: (message, urn) => void reported.push([message, urn]) };
}

const bucketUrn = "urn:pulumi:prod::cognito-stack::aws:s3/bucket:Bucket::data";
const malformed = (urn?: string): MalformedValueError => new MalformedValueError("versioning.enabled", "a boolean", "yes", urn);
const args = {} as never;

const resourcePolicy = (validateResource: ResourceValidation | ResourceValidation[]): ResourceValidationPolicy => ({
    name: "example-resource-policy",
    description: "Checks whether an example holds.",
    enforcementLevel: "mandatory",
    configSchema: { properties: { limit: { type: "integer", default: 3 } } },
    validateResource,
});
const stackPolicy = (validateStack: StackValidation): StackValidationPolicy => ({
    name: "example-stack-policy",
    description: "Checks whether an example holds across the stack.",
    enforcementLevel: "advisory",
    validateStack,
});

describe("policies/lib/engine: reportingMalformed", () => {
    it("turns a malformed value met by a resource policy into a violation naming the field", async () => {
        const wrapped = reportingMalformed(resourcePolicy(() => {
            throw malformed();
        })) as ResourceValidationPolicy;
        const { reported, report } = recorder();
        await (wrapped.validateResource as ResourceValidation)(args, report);
        assert.deepEqual(reported, [['versioning.enabled must be a boolean (received: "yes"): give the value the provider expects.', undefined]]);
    });

    it("passes a resource policy's own violations through, and every other error", async () => {
        const wrapped = reportingMalformed(resourcePolicy(async (_args, report) => {
            report("Enable versioning.");
            await Promise.resolve();
            throw new TypeError("a bug in the policy");
        })) as ResourceValidationPolicy;
        const { reported, report } = recorder();
        await assert.rejects(async () => await (wrapped.validateResource as ResourceValidation)(args, report), (e: unknown) => e instanceof TypeError && e.message === "a bug in the policy");
        assert.deepEqual(reported, [["Enable versioning.", undefined]]);
    });

    it("wraps each function of a list, and keeps the policy's other fields", async () => {
        const wrapped = reportingMalformed(resourcePolicy([
            (_args, report) => report("first"),
            () => {
                throw malformed(bucketUrn);
            },
        ])) as ResourceValidationPolicy;
        const { validateResource, ...rest } = wrapped;
        assert.deepEqual(rest, {
            name: "example-resource-policy",
            description: "Checks whether an example holds.",
            enforcementLevel: "mandatory",
            configSchema: { properties: { limit: { type: "integer", default: 3 } } },
        });
        assert.ok(Array.isArray(validateResource) && validateResource.length === 2);
        const { reported, report } = recorder();
        for (const validate of validateResource) {
            await validate(args, report);
        }
        assert.deepEqual(reported, [
            ["first", undefined],
            ['versioning.enabled must be a boolean (received: "yes"): give the value the provider expects.', bucketUrn],
        ]);
    });

    it("keeps the resource type a function is bound to, which the engine filters by", () => {
        const typed = reportingMalformed(resourcePolicy(validateResourceOfType(aws.s3.BucketV2, () => undefined))) as ResourceValidationPolicy;
        assert.equal((typed.validateResource as { __pulumiType?: string }).__pulumiType, "aws:s3/bucketV2:BucketV2");
        const plain = reportingMalformed(resourcePolicy(() => undefined)) as ResourceValidationPolicy;
        assert.equal(Object.hasOwn(plain.validateResource as object, "__pulumiType"), false);
    });

    it("turns a malformed value met by a stack policy into a violation on the resource holding it", async () => {
        const wrapped = reportingMalformed(stackPolicy(() => {
            throw malformed(bucketUrn);
        })) as StackValidationPolicy;
        const { validateStack, ...rest } = wrapped;
        assert.deepEqual(rest, { name: "example-stack-policy", description: "Checks whether an example holds across the stack.", enforcementLevel: "advisory" });
        const { reported, report } = recorder();
        await validateStack(args, report);
        assert.deepEqual(reported, [['versioning.enabled must be a boolean (received: "yes"): give the value the provider expects.', bucketUrn]]);
    });

    it("passes a stack policy's own violations through, and every other error", async () => {
        const wrapped = reportingMalformed(stackPolicy((_args, report) => {
            report("Name the resources.", bucketUrn);
            throw new RangeError("out of range");
        })) as StackValidationPolicy;
        const { reported, report } = recorder();
        await assert.rejects(async () => await wrapped.validateStack(args, report), (e: unknown) => e instanceof RangeError && e.message === "out of range");
        assert.deepEqual(reported, [["Name the resources.", bucketUrn]]);
    });

    it("keeps the resource type a stack policy is bound to", () => {
        const typed = reportingMalformed(stackPolicy(validateStackResourcesOfType(aws.s3.BucketV2, () => undefined))) as StackValidationPolicy;
        assert.equal((typed.validateStack as { __pulumiType?: string }).__pulumiType, "aws:s3/bucketV2:BucketV2");
        const plain = reportingMalformed(stackPolicy(() => undefined)) as StackValidationPolicy;
        assert.equal(Object.hasOwn(plain.validateStack, "__pulumiType"), false);
    });
});
