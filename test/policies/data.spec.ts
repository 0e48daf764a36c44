import { bucketPublicAccessBlock, bucketTlsOnly, tableDeletionProtection, tablePointInTimeRecovery } from "../../policies/data";
import { bucketArn, describePolicy, policyDocument, setProp } from "./fixtures";

describePolicy(bucketPublicAccessBlock, [
    { title: "rejects a flag left off", mutate: (p) => setProp(p, "data-public-access", "restrictPublicBuckets", false), message: /leaves restrictPublicBuckets off: set them to true\./ },
    { title: "rejects a bucket without a block", mutate: (p) => setProp(p, "data-public-access", "bucket", "other-bucket"), message: /Bucket "data" has no aws.s3.BucketPublicAccessBlock/ },
]);

describePolicy(bucketTlsOnly, [
    {
        title: "rejects a bucket policy without the TLS deny",
        mutate: (p) => setProp(p, "data-tls-only", "policy", policyDocument({ Effect: "Deny", Principal: "*", Action: "s3:DeleteBucket", Resource: bucketArn })),
        message: /Bucket "data" accepts requests without TLS: add an aws.s3.BucketPolicy with a Deny of s3:\*/,
    },
    {
        title: "rejects a TLS deny that leaves out the objects",
        mutate: (p) => setProp(p, "data-tls-only", "policy", policyDocument({ Effect: "Deny", Principal: "*", Action: "s3:*", Resource: bucketArn, Condition: { Bool: { "aws:SecureTransport": "false" } } })),
        message: /^Bucket "data" accepts requests without TLS on part of it: its TLS deny names only \["arn:aws:s3:::app-data-bucket-1234"\]; set Resource to \["arn:aws:s3:::app-data-bucket-1234", "arn:aws:s3:::app-data-bucket-1234\/\*"\]\.$/,
    },
]);

describePolicy(tablePointInTimeRecovery, [
    { title: "rejects PITR off", mutate: (p) => setProp(p, "items", "pointInTimeRecovery", { enabled: false }), message: /Point-in-time recovery is off: set pointInTimeRecovery \{ enabled: true \}\./ },
]);

describePolicy(tableDeletionProtection, [
    { title: "rejects deletion protection off", mutate: (p) => setProp(p, "items", "deletionProtectionEnabled", false), message: /deletionProtectionEnabled is not true/ },
]);
