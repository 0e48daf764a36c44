import { bucketAbortIncompleteUploads, bucketOwnershipEnforced, bucketPolicyGrants, bucketPublicAccessBlock, bucketTlsOnly, bucketVersioning, tableDeletionProtection, tablePointInTimeRecovery } from "../../policies/data";
import { bucketArn, bucketName, describePolicy, find, policyDocument, setProp } from "./fixtures";

const tlsDeny = { Sid: "TlsOnly", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [bucketArn, `${bucketArn}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } };

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

describePolicy(bucketPolicyGrants, [
    { title: "rejects a public grant", mutate: (p) => setProp(p, "data-tls-only", "policy", policyDocument(tlsDeny, { Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: `${bucketArn}/*` })), message: /^BucketPolicy "data-tls-only" statement 2 allows \*, outside this stack's account 123456789012: grant access through roles of this stack/ },
    { title: "rejects a second policy for the bucket", mutate: (p) => { const second = structuredClone(find(p, "data-tls-only")); Object.assign(second, { name: "data-tls-2", urn: `${second.urn}-2` }); p.resources.push(second); }, message: /^Bucket "data" has 2 policies \(BucketPolicy "data-tls-only", BucketPolicy "data-tls-2"\), and the one applied last silently replaces the others/ },
]);

describePolicy(bucketTlsOnly, [
    { title: "rejects a second policy without the TLS deny", mutate: (p) => { const second = structuredClone(find(p, "data-tls-only")); Object.assign(second, { name: "data-extra", urn: `${second.urn}-extra`, props: { bucket: bucketName, policy: policyDocument({ Effect: "Deny", Principal: "*", Action: "s3:DeleteBucket", Resource: bucketArn }) } }); second.outputs = second.props; p.resources.push(second); }, message: /^BucketPolicy "data-extra" of bucket "data" has no TLS deny/ },
]);

describePolicy(bucketVersioning, [
    { title: "rejects suspended versioning", mutate: (p) => setProp(p, "data-versioning", "versioningConfiguration", { status: "Suspended" }), message: /^BucketVersioning "data-versioning" sets status Suspended on bucket "data": set it to Enabled\.$/ },
    { title: "rejects a bucket without versioning", mutate: (p) => setProp(p, "data-versioning", "bucket", "other-bucket"), message: /^Bucket "data" has no versioning, so an overwrite or delete loses the object/ },
]);

describePolicy(bucketOwnershipEnforced, [
    { title: "rejects ACLs left on", mutate: (p) => setProp(p, "data-ownership", "rule", { objectOwnership: "ObjectWriter" }), message: /^BucketOwnershipControls "data-ownership" sets objectOwnership ObjectWriter on bucket "data": set it to BucketOwnerEnforced\.$/ },
    { title: "rejects a bucket without ownership controls", mutate: (p) => setProp(p, "data-ownership", "bucket", "other-bucket"), message: /^Bucket "data" does not enforce bucket-owner ownership/ },
]);

describePolicy(bucketAbortIncompleteUploads, [
    { title: "rejects a disabled rule", mutate: (p) => setProp(p, "data-lifecycle", "rules", [{ id: "x", status: "Disabled", abortIncompleteMultipartUpload: { daysAfterInitiation: 1 } }]), message: /^Bucket "data" keeps the parts of incomplete multipart uploads/ },
    { title: "rejects a rule for part of the bucket", mutate: (p) => setProp(p, "data-lifecycle", "rules", [{ id: "x", status: "Enabled", filter: { prefix: "tmp/" }, abortIncompleteMultipartUpload: { daysAfterInitiation: 1 } }]), message: /keeps the parts of incomplete multipart uploads/ },
    { title: "rejects too many days", mutate: (p) => setProp(p, "data-lifecycle", "rules", [{ id: "x", status: "Enabled", abortIncompleteMultipartUpload: { daysAfterInitiation: 30 } }]), message: /daysAfterInitiation <= 7/ },
]);
