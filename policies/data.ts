import * as aws from "@pulumi/aws";
import { PolicyResource, ResourceValidationPolicy, StackValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import { PolicyDocumentError, Statement, conditionValues, parsePolicyDocument, wildcardMatch } from "./lib/iamDocument";
import { ofType, requiredOutput } from "./lib/stack";
import { checkEach } from "./lib/unknowns";

function buckets(resources: readonly PolicyResource[]): PolicyResource[] {
    return [...ofType(resources, aws.s3.Bucket), ...ofType(resources, aws.s3.BucketV2)];
}

/** Resources that name a bucket by its name (their `bucket` input), for this bucket. */
function forBucket(resources: PolicyResource[], bucket: PolicyResource): PolicyResource[] {
    const name = requiredOutput(bucket, "bucket");
    return resources.filter((r) => r.props.bucket === name);
}

const publicAccessFlags = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"] as const;

export const bucketPublicAccessBlock: StackValidationPolicy = {
    name: "s3-bucket-public-access-block",
    description: "Checks whether every bucket has a public access block with all four settings on.",
    severity: "critical",
    validateStack: async (args, report) => {
        const blocks = ofType(args.resources, aws.s3.BucketPublicAccessBlock);
        await checkEach(buckets(args.resources), (bucket) => {
            const own = forBucket(blocks, bucket);
            if (own.length === 0) {
                report(`Bucket "${bucket.name}" has no aws.s3.BucketPublicAccessBlock: add one with ${publicAccessFlags.join(", ")} all true.`, bucket.urn);
            }
            for (const block of own) {
                const off = publicAccessFlags.filter((flag) => block.props[flag] !== true);
                if (off.length > 0) {
                    report(`Public access block "${block.name}" leaves ${off.join(", ")} off: set them to true.`, block.urn);
                }
            }
        });
    },
};

/** Deny statements of every S3 action to everyone when aws:SecureTransport is false. */
function insecureTransportDenials(document: unknown, where: string): Statement[] {
    return parsePolicyDocument(document, where).filter(
        (s) =>
            s.effect === "Deny" &&
            (s.principals["*"] !== undefined || (s.principals.AWS ?? []).includes("*")) &&
            s.actions.some((a) => a === "*" || a === "s3:*") &&
            (conditionValues(s, "aws:SecureTransport", ["Bool"]) ?? []).includes("false"),
    );
}

/** A denial guards the bucket only if it names the bucket and all of its objects. */
function coversBucket(statement: Statement, bucketArn: string): boolean {
    return [bucketArn, `${bucketArn}/*`].every((arn) => statement.resources.some((pattern) => wildcardMatch(pattern, arn)));
}

export const bucketTlsOnly: StackValidationPolicy = {
    name: "s3-bucket-tls-only",
    description: "Checks whether every bucket policy denies requests without TLS (aws:SecureTransport false) on the bucket and all of its objects.",
    severity: "high",
    validateStack: async (args, report) => {
        const policies = ofType(args.resources, aws.s3.BucketPolicy);
        await checkEach(buckets(args.resources), (bucket) => {
            const own = forBucket(policies, bucket);
            const arn = requiredOutput(bucket, "arn");
            const fix = `add an aws.s3.BucketPolicy with a Deny of s3:* to Principal "*" when Bool aws:SecureTransport is "false"`;
            try {
                const denials = own.flatMap((p) => insecureTransportDenials(p.props.policy, `policy of BucketPolicy "${p.name}"`));
                if (denials.length === 0) {
                    report(`Bucket "${bucket.name}" accepts requests without TLS: ${fix}.`, bucket.urn);
                } else if (!denials.some((d) => coversBucket(d, arn))) {
                    const covered = JSON.stringify(denials.flatMap((d) => d.resources));
                    report(`Bucket "${bucket.name}" accepts requests without TLS on part of it: its TLS deny names only ${covered}; set Resource to ["${arn}", "${arn}/*"].`, bucket.urn);
                }
            } catch (e) {
                if (!(e instanceof PolicyDocumentError)) {
                    throw e;
                }
                report(`${e.message}.`, bucket.urn);
            }
        });
    },
};

export const tablePointInTimeRecovery: ResourceValidationPolicy = {
    name: "dynamodb-table-point-in-time-recovery",
    description: "Checks whether DynamoDB tables have point-in-time recovery enabled.",
    severity: "high",
    validateResource: validateResourceOfType(aws.dynamodb.Table, (table, _args, report) => {
        if (table.pointInTimeRecovery?.enabled !== true) {
            report("Point-in-time recovery is off: set pointInTimeRecovery { enabled: true }.");
        }
    }),
};

export const tableDeletionProtection: ResourceValidationPolicy = {
    name: "dynamodb-table-deletion-protection",
    description: "Checks whether DynamoDB tables have deletion protection enabled.",
    severity: "high",
    validateResource: validateResourceOfType(aws.dynamodb.Table, (table, _args, report) => {
        if (table.deletionProtectionEnabled !== true) {
            report("deletionProtectionEnabled is not true: set deletionProtectionEnabled: true.");
        }
    }),
};

export const dataPolicies = [bucketPublicAccessBlock, bucketTlsOnly, tablePointInTimeRecovery, tableDeletionProtection] as const;
