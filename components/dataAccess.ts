import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { issue, throwIfIssues, ValidationIssue } from "./issues";
import { authenticatedDataPolicy, guestDataPolicy, tlsOnlyBucketPolicy } from "./iamPolicies";
import { slug } from "./userPool";

/** Partition key of the table: the caller's identity id (`cognito-identity.amazonaws.com:sub`). */
/** Days after which the parts of an unfinished multipart upload are removed. */
export const ABORT_INCOMPLETE_UPLOADS_DAYS = 7;

export const IDENTITY_KEY = "identityId";
/** Sort key of the table: the item within an identity's partition. */
export const ITEM_KEY = "itemId";

export interface DataAccessArgs {
    /**
     * Roles of signed-in identities (the authenticated role and any group roles), by a stable
     * key used in child names; each gets the per-identity policy. Values are role names.
     */
    readonly authenticatedRoles: Record<string, pulumi.Input<string>>;
    /** Name of the guest role, which gets read access to `public/` only. @default - no guest policy */
    readonly guestRole?: pulumi.Input<string>;
    /** Pulumi `protect` on the bucket and the table. @default false */
    readonly protect?: boolean;
    /** Keep the bucket and the table in AWS when they leave the stack. @default false */
    readonly retainOnDelete?: boolean;
    /** DynamoDB deletion protection on the table. @default false */
    readonly deletionProtection?: boolean;
    /** Tags for every taggable child. @default {} */
    readonly tags?: Record<string, string>;
}

export function validateDataAccessArgs(a: Pick<DataAccessArgs, "authenticatedRoles">): ValidationIssue[] {
    const keys = Object.keys(a.authenticatedRoles);
    return [
        ...(keys.length === 0 ? [issue("authenticatedRoles", "must name at least one role", keys, "pass the identity pool's authenticated role")] : []),
        ...(keys.includes("guest") ? [issue("authenticatedRoles", "must not use the key guest (the guest role's policy has it)", keys, "use another key, e.g. group-guest")] : []),
    ];
}

/**
 * Per-identity data: a private, versioned, encrypted, TLS-only S3 bucket and an on-demand
 * DynamoDB table partitioned by identity id, with the role policies that confine each
 * identity to its own folder and partition.
 */
export class DataAccess extends pulumi.ComponentResource {
    public readonly bucket: aws.s3.Bucket;
    public readonly bucketName: pulumi.Output<string>;
    public readonly table: aws.dynamodb.Table;
    public readonly tableName: pulumi.Output<string>;
    public readonly bucketPolicy: aws.s3.BucketPolicy;
    /** Role policies by key of authenticatedRoles, plus `guest` when there is a guest role. */
    public readonly rolePolicies: Record<string, aws.iam.RolePolicy>;

    constructor(name: string, args: DataAccessArgs, opts?: pulumi.ComponentResourceOptions) {
        super("cognito-stack:data:DataAccess", name, {}, opts);
        throwIfIssues(`DataAccess ${name}`, validateDataAccessArgs(args), "DataAccessArgs.");

        const tags = args.tags ?? {};
        const stateful: pulumi.CustomResourceOptions = { parent: this, protect: args.protect ?? false, retainOnDelete: args.retainOnDelete ?? false };

        // The bucket's settings are separate resources in AWS provider v7 (the inline ones are deprecated).
        this.bucket = new aws.s3.Bucket(`${name}-bucket`, { forceDestroy: false, tags }, stateful);
        const bucket = this.bucket.id;
        const publicAccessBlock = new aws.s3.BucketPublicAccessBlock(
            `${name}-bucket-public-access`,
            { bucket, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
            { parent: this },
        );
        new aws.s3.BucketOwnershipControls(`${name}-bucket-ownership`, { bucket, rule: { objectOwnership: "BucketOwnerEnforced" } }, { parent: this });
        new aws.s3.BucketServerSideEncryptionConfiguration(
            `${name}-bucket-encryption`,
            { bucket, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] },
            { parent: this },
        );
        new aws.s3.BucketVersioning(`${name}-bucket-versioning`, { bucket, versioningConfiguration: { status: "Enabled" } }, { parent: this });
        // Parts of an upload that never completes are stored and billed until someone removes them.
        new aws.s3.BucketLifecycleConfiguration(
            `${name}-bucket-lifecycle`,
            { bucket, rules: [{ id: "abort-incomplete-uploads", status: "Enabled", filter: {}, abortIncompleteMultipartUpload: { daysAfterInitiation: ABORT_INCOMPLETE_UPLOADS_DAYS } }] },
            { parent: this },
        );
        this.bucketPolicy = new aws.s3.BucketPolicy(
            `${name}-bucket-policy`,
            { bucket, policy: this.bucket.arn.apply((arn) => JSON.stringify(tlsOnlyBucketPolicy(arn))) },
            // S3 rejects policy writes while the public access block is being changed.
            { parent: this, dependsOn: [publicAccessBlock] },
        );

        this.table = new aws.dynamodb.Table(
            `${name}-table`,
            {
                billingMode: "PAY_PER_REQUEST",
                hashKey: IDENTITY_KEY,
                rangeKey: ITEM_KEY,
                attributes: [
                    { name: IDENTITY_KEY, type: "S" },
                    { name: ITEM_KEY, type: "S" },
                ],
                serverSideEncryption: { enabled: true },
                pointInTimeRecovery: { enabled: true },
                deletionProtectionEnabled: args.deletionProtection ?? false,
                tags,
            },
            stateful,
        );

        const authenticatedPolicy = pulumi.all([this.bucket.arn, this.table.arn]).apply(([b, t]) => JSON.stringify(authenticatedDataPolicy(b, t)));
        this.rolePolicies = Object.fromEntries(
            Object.entries(args.authenticatedRoles).map(([key, role]) => [
                key,
                new aws.iam.RolePolicy(`${name}-${slug(key)}-policy`, { role, policy: authenticatedPolicy }, { parent: this }),
            ]),
        );
        if (args.guestRole !== undefined) {
            this.rolePolicies.guest = new aws.iam.RolePolicy(
                `${name}-guest-policy`,
                { role: args.guestRole, policy: this.bucket.arn.apply((b) => JSON.stringify(guestDataPolicy(b))) },
                { parent: this },
            );
        }

        this.bucketName = this.bucket.bucket;
        this.tableName = this.table.name;
        this.registerOutputs({ bucketName: this.bucketName, tableName: this.tableName });
    }
}
