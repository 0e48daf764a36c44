import * as aws from "@pulumi/aws";
import { PolicyResource, ReportViolation, ResourceValidationPolicy, StackValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import { settings } from "./lib/config";
import { PolicyDocumentError, Statement, conditionEntries, describeStatement, parsePolicyDocument, wildcardMatch } from "./lib/iamDocument";
import { ResourceClass, byIdentity, indexBy, ofType, ofTypes, requiredOutput, stackAccounts } from "./lib/stack";
import { checkEach } from "./lib/unknowns";
import { fieldsOf } from "./lib/values";

function buckets(resources: readonly PolicyResource[]): PolicyResource[] {
    return ofTypes(resources, [aws.s3.Bucket, aws.s3.BucketV2]);
}

/** Resources of `classes` that name this bucket by its name (their `bucket` input), through one index per stack. */
function forBucket(resources: readonly PolicyResource[], name: string, classes: readonly ResourceClass[], bucket: PolicyResource): PolicyResource[] {
    return indexBy(resources, `bucket:${name}`, classes, (r) => r.props.bucket).all([requiredOutput(bucket, "bucket")]);
}

const publicAccessFlags = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"] as const;

export const bucketPublicAccessBlock: StackValidationPolicy = {
    name: "s3-bucket-public-access-block",
    description: "Checks whether every bucket has a public access block with all four settings on.",
    anchors: { covers: ["S3.8", "AwsSolutions-S2", "CKV2_AWS_6", "CKV_AWS_53", "CKV_AWS_56"] },
    severity: "critical",
    validateStack: async (args, report) => {
        await checkEach(buckets(args.resources), (bucket) => {
            const own = forBucket(args.resources, "publicAccessBlock", [aws.s3.BucketPublicAccessBlock], bucket);
            if (own.length === 0) {
                report(`Bucket "${bucket.name}" has no aws.s3.BucketPublicAccessBlock: add one with ${publicAccessFlags.join(", ")} all true.`, bucket.urn);
            }
            for (const block of own) {
                const fields = fieldsOf(block);
                const off = publicAccessFlags.filter((flag) => fields.bool(flag) !== true);
                if (off.length > 0) {
                    report(`Public access block "${block.name}" leaves ${off.join(", ")} off: set them to true.`, block.urn);
                }
            }
        });
    },
};

/** The policies a bucket may end up with: BucketPolicy resources and the bucket's own `policy` input. */
function bucketPolicies(resources: readonly PolicyResource[], bucket: PolicyResource): { name: string; urn: string; document: unknown }[] {
    const own = forBucket(resources, "policy", [aws.s3.BucketPolicy], bucket).map((p) => ({ name: `BucketPolicy "${p.name}"`, urn: p.urn, document: p.props.policy as unknown }));
    const inline: unknown = bucket.props.policy;
    return inline === undefined || inline === null || inline === "" ? own : [{ name: `the policy input of bucket "${bucket.name}"`, urn: bucket.urn, document: inline }, ...own];
}

/**
 * Deny statements of every S3 action to everyone when aws:SecureTransport is false (Bool or
 * BoolIfExists), under no other condition: conditions are ANDed, so another key (a source IP,
 * a principal's account) or a second aws:SecureTransport test would deny plain HTTP only to the
 * requests that also match it.
 */
function insecureTransportDenials(statements: Statement[]): Statement[] {
    const whenInsecure = ({ operator, values }: { operator: string; values: string[] }): boolean => (operator === "Bool" || operator === "BoolIfExists") && values.length === 1 && values[0].toLowerCase() === "false";
    return statements.filter((s) => {
        const transport = conditionEntries(s, "aws:SecureTransport");
        return (
            s.effect === "Deny" &&
            (s.principals["*"] !== undefined || (s.principals.AWS ?? []).includes("*")) &&
            s.actions.some((a) => a === "*" || a.toLowerCase() === "s3:*") &&
            transport.length > 0 &&
            transport.every(whenInsecure) &&
            Object.values(s.conditions).every((keys) => Object.keys(keys).every((k) => k.toLowerCase() === "aws:securetransport"))
        );
    });
}

/** A denial guards the bucket only if it names the bucket and all of its objects. */
function coversBucket(statement: Statement, bucketArn: string): boolean {
    return [bucketArn, `${bucketArn}/*`].every((arn) => statement.resources.some((pattern) => wildcardMatch(pattern, arn)));
}

function parseOr(document: unknown, where: string, urn: string, report: ReportViolation): Statement[] | undefined {
    try {
        return parsePolicyDocument(document, where);
    } catch (e) {
        if (!(e instanceof PolicyDocumentError)) {
            throw e;
        }
        report(`${e.message}.`, urn);
        return undefined;
    }
}

export const bucketTlsOnly: StackValidationPolicy = {
    name: "s3-bucket-tls-only",
    description: "Checks whether every policy of every bucket denies requests without TLS (aws:SecureTransport false) on the bucket and all of its objects.",
    anchors: { covers: ["S3.5", "AwsSolutions-S10"] },
    severity: "high",
    validateStack: async (args, report) => {
        await checkEach(buckets(args.resources), (bucket) => {
            const arn = requiredOutput(bucket, "arn");
            const policies = bucketPolicies(args.resources, bucket);
            const fix = `add an aws.s3.BucketPolicy with a Deny of s3:* to Principal "*" when Bool aws:SecureTransport is "false"`;
            const judged = policies.map((p) => ({ ...p, denials: insecureTransportDenials(parseOr(p.document, `policy of ${p.name}`, p.urn, report) ?? []) }));
            if (judged.every((p) => p.denials.length === 0)) {
                report(`Bucket "${bucket.name}" accepts requests without TLS: ${fix}.`, bucket.urn);
                return;
            }
            for (const p of judged) {
                if (p.denials.length === 0) {
                    report(`${p.name} of bucket "${bucket.name}" has no TLS deny, and a bucket keeps only the policy applied last: put the TLS deny in it, or keep a single policy.`, p.urn);
                } else if (!p.denials.some((d) => coversBucket(d, arn))) {
                    const covered = JSON.stringify(p.denials.flatMap((d) => d.resources));
                    report(`Bucket "${bucket.name}" accepts requests without TLS on part of it: its TLS deny names only ${covered}; set Resource to ["${arn}", "${arn}/*"].`, bucket.urn);
                }
            }
        });
    },
};

/**
 * Source conditions that confine a service principal to this stack's accounts, and how each
 * names the account. Only operators that match exactly the values listed: a negated or
 * IfExists operator matches requests from any other account (or with no source at all).
 */
const sourceConditions: readonly { key: string; operators: readonly string[]; account: (value: string) => string | undefined }[] = [
    { key: "aws:SourceAccount", operators: ["StringEquals"], account: (v) => v },
    { key: "aws:SourceArn", operators: ["ArnEquals", "ArnLike", "StringEquals", "StringLike"], account: (v) => /^arn:[^:]+:[^:]+:[^:]*:(\d{12}):/.exec(v)?.[1] },
];

/** Whether a statement lets its service principals act only for resources of this stack's accounts. */
function sourceConfined(s: Statement, accounts: ReadonlySet<string>): boolean {
    return sourceConditions.some(({ key, operators, account }) =>
        conditionEntries(s, key).some(({ operator, values }) => operators.includes(operator) && values.length > 0 && values.every((v) => accounts.has(account(v) ?? ""))),
    );
}

/**
 * Principals of an Allow statement outside this stack's accounts: `*`, another account, a
 * canonical user, or a service without a source condition naming this stack's accounts (a
 * confused deputy).
 */
function foreignPrincipals(s: Statement, accounts: ReadonlySet<string>): string[] {
    const foreign: string[] = [];
    for (const [kind, values] of Object.entries(s.principals)) {
        for (const value of values) {
            const account = /^(\d{12})$/.exec(value)?.[1] ?? /^arn:aws[\w-]*:(?:iam|sts)::(\d{12}):/.exec(value)?.[1];
            if (kind === "AWS" && account !== undefined && accounts.has(account)) {
                continue;
            }
            if (kind === "Service" && sourceConfined(s, accounts)) {
                continue;
            }
            foreign.push(kind === "*" ? "*" : `${kind} ${value}`);
        }
    }
    if (s.notPrincipals) {
        foreign.push("NotPrincipal (everyone not listed)");
    }
    return foreign;
}

function checkGrants(statements: Statement[], where: string, accounts: ReadonlySet<string>, urn: string, report: ReportViolation): void {
    for (const [i, s] of statements.entries()) {
        if (s.effect !== "Allow") {
            continue;
        }
        const foreign = foreignPrincipals(s, accounts);
        if (foreign.length > 0) {
            report(`${where} ${describeStatement(s, i)} allows ${foreign.join(", ")}, outside this stack's account${accounts.size === 1 ? ` ${[...accounts][0]}` : "s"}: grant access through roles of this stack instead of the resource policy.`, urn);
        }
    }
}

export const bucketPolicyGrants: StackValidationPolicy = {
    name: "s3-bucket-policy-grants",
    description: "Checks whether every bucket has at most one policy and no bucket policy grants access to the public, another account or an unconditioned service.",
    anchors: { beyond: ["S3.2", "S3.3", "S3.6", "CKV_AWS_70"] },
    severity: "critical",
    validateStack: async (args, report) => {
        const accounts = stackAccounts(args.resources);
        await checkEach(buckets(args.resources), (bucket) => {
            const policies = bucketPolicies(args.resources, bucket);
            if (policies.length > 1) {
                report(`Bucket "${bucket.name}" has ${policies.length} policies (${policies.map((p) => p.name).join(", ")}), and the one applied last silently replaces the others: keep a single policy.`, bucket.urn);
            }
            for (const p of policies) {
                checkGrants(parseOr(p.document, `policy of ${p.name}`, p.urn, () => undefined) ?? [], `${p.name}`, accounts, p.urn, report);
            }
        });
    },
};

export const tableResourcePolicyGrants: StackValidationPolicy = {
    name: "dynamodb-table-resource-policy-grants",
    description: "Checks whether DynamoDB resource policies grant nothing to the public, another account or an unconditioned service.",
    anchors: { none: "No published control checks the grants of DynamoDB resource policies." },
    severity: "critical",
    validateStack: async (args, report) => {
        const accounts = stackAccounts(args.resources);
        await checkEach(ofType(args.resources, aws.dynamodb.ResourcePolicy), (policy) => {
            const where = `DynamoDB ResourcePolicy "${policy.name}"`;
            checkGrants(parseOr(policy.props.policy, `policy of ${where}`, policy.urn, report) ?? [], where, accounts, policy.urn, report);
        });
    },
};

export const bucketVersioning: StackValidationPolicy = {
    name: "s3-bucket-versioning",
    description: "Checks whether every bucket has versioning Enabled, and nothing suspends it.",
    anchors: { covers: ["S3.14", "CKV_AWS_21"] },
    severity: "high",
    validateStack: async (args, report) => {
        await checkEach(buckets(args.resources), (bucket) => {
            const own = forBucket(args.resources, "versioning", [aws.s3.BucketVersioning, aws.s3.BucketVersioningV2], bucket);
            const inline = fieldsOf(bucket).bool("versioning.enabled");
            const statuses = own.map((v) => ({ v, status: fieldsOf(v).str("versioningConfiguration.status") }));
            if (inline !== true && statuses.length === 0) {
                report(`Bucket "${bucket.name}" has no versioning, so an overwrite or delete loses the object: add an aws.s3.BucketVersioning with versioningConfiguration.status "Enabled".`, bucket.urn);
            }
            for (const { v, status } of statuses.filter((s) => s.status !== "Enabled")) {
                report(`BucketVersioning "${v.name}" sets status ${status ?? "unset"} on bucket "${bucket.name}": set it to Enabled.`, v.urn);
            }
            if (inline === false && own.length > 0) {
                report(`Bucket "${bucket.name}" sets versioning.enabled false while a BucketVersioning enables it: remove the bucket's versioning input.`, bucket.urn);
            }
        });
    },
};

export const bucketOwnershipEnforced: StackValidationPolicy = {
    name: "s3-bucket-ownership-enforced",
    description: "Checks whether every bucket enforces bucket-owner ownership (ACLs off) and no ACL grants access.",
    anchors: { covers: ["S3.12", "CKV2_AWS_65"] },
    severity: "high",
    validateStack: async (args, report) => {
        await checkEach(buckets(args.resources), (bucket) => {
            const own = forBucket(args.resources, "ownership", [aws.s3.BucketOwnershipControls], bucket);
            const modes = own.map((c) => ({ c, mode: fieldsOf(c).str("rule.objectOwnership") }));
            if (modes.length === 0) {
                report(`Bucket "${bucket.name}" does not enforce bucket-owner ownership, so object ACLs can share objects: add an aws.s3.BucketOwnershipControls with rule.objectOwnership "BucketOwnerEnforced".`, bucket.urn);
            }
            for (const { c, mode } of modes.filter((m) => m.mode !== "BucketOwnerEnforced")) {
                report(`BucketOwnershipControls "${c.name}" sets objectOwnership ${mode ?? "unset"} on bucket "${bucket.name}": set it to BucketOwnerEnforced.`, c.urn);
            }
            for (const acl of forBucket(args.resources, "acl", [aws.s3.BucketAcl, aws.s3.BucketAclV2], bucket)) {
                report(`BucketAcl "${acl.name}" sets an ACL on bucket "${bucket.name}": remove it; with ACLs off, grant access through policies.`, acl.urn);
            }
            const acl = fieldsOf(bucket).str("acl");
            if (acl !== undefined && acl !== "private") {
                report(`Bucket "${bucket.name}" sets acl ${acl}: remove it; with ACLs off, grant access through policies.`, bucket.urn);
            }
        });
    },
};

const lifecycleSettings = settings(
    { maxAbortDays: 7 },
    { maxAbortDays: "Most days an incomplete multipart upload may keep its (billed, invisible) parts." },
    { maxAbortDays: "higher" },
);

export const bucketAbortIncompleteUploads: StackValidationPolicy = {
    name: "s3-bucket-abort-incomplete-uploads",
    description: "Checks whether every bucket has an enabled lifecycle rule for the whole bucket that aborts incomplete multipart uploads within the configured days.",
    anchors: { covers: ["CKV_AWS_300"], beyond: ["S3.13", "CKV2_AWS_61"] },
    severity: "medium",
    configSchema: lifecycleSettings.schema,
    validateStack: async (args, report) => {
        const { maxAbortDays } = lifecycleSettings.read(args);
        await checkEach(buckets(args.resources), (bucket) => {
            const rules = forBucket(args.resources, "lifecycle", [aws.s3.BucketLifecycleConfiguration, aws.s3.BucketLifecycleConfigurationV2], bucket).flatMap((l) => fieldsOf(l).objs("rules"));
            const covers = rules.some((rule) => {
                const filter = rule.obj("filter");
                const whole = (rule.str("prefix") ?? "") === "" && (filter === undefined || (["and", "tag", "objectSizeGreaterThan", "objectSizeLessThan"].every((k) => filter.raw(k) === undefined) && (filter.str("prefix") ?? "") === ""));
                const days = rule.num("abortIncompleteMultipartUpload.daysAfterInitiation");
                return rule.str("status") === "Enabled" && whole && days !== undefined && days <= maxAbortDays;
            });
            const inline = fieldsOf(bucket).objs("lifecycleRules").some((rule) => rule.bool("enabled") === true && (rule.str("prefix") ?? "") === "" && (rule.num("abortIncompleteMultipartUploadDays") ?? Infinity) <= maxAbortDays);
            if (!covers && !inline) {
                report(`Bucket "${bucket.name}" keeps the parts of incomplete multipart uploads: add an aws.s3.BucketLifecycleConfiguration rule with status "Enabled", no filter and abortIncompleteMultipartUpload.daysAfterInitiation <= ${maxAbortDays}.`, bucket.urn);
            }
        });
    },
};

export const dataStaysInStack: StackValidationPolicy = {
    name: "data-copies-stay-in-stack",
    description: "Checks whether bucket replication, inventories, access logs and table streams deliver only to this stack's own buckets and streams.",
    anchors: { none: "No published control checks where replication, inventories, access logs and streams deliver." },
    severity: "critical",
    validateStack: async (args, report) => {
        const bucketsByArn = byIdentity(args.resources, "bucket.arn", [aws.s3.Bucket, aws.s3.BucketV2], ["arn"]);
        const bucketsByName = byIdentity(args.resources, "bucket.name", [aws.s3.Bucket, aws.s3.BucketV2], ["bucket"]);
        const streams = byIdentity(args.resources, "stream.arn", [aws.kinesis.Stream], ["arn"]);
        const copies = [
            ...ofType(args.resources, aws.s3.BucketReplicationConfig).flatMap((r) => fieldsOf(r).objs("rules").map((rule) => ({ r, what: "replicates objects to", target: rule.str("destination.bucket") ?? "", index: bucketsByArn }))),
            ...ofType(args.resources, aws.s3.Inventory).map((r) => ({ r, what: "writes the object inventory to", target: fieldsOf(r).str("destination.bucket.bucketArn") ?? "", index: bucketsByArn })),
            ...ofTypes(args.resources, [aws.s3.BucketLogging, aws.s3.BucketLoggingV2]).map((r) => ({ r, what: "writes access logs to", target: fieldsOf(r).str("targetBucket") ?? "", index: bucketsByName })),
            ...ofType(args.resources, aws.dynamodb.KinesisStreamingDestination).map((r) => ({ r, what: "streams table changes to", target: fieldsOf(r).str("streamArn") ?? "", index: streams })),
        ];
        await checkEach(copies, ({ r, what, target, index }) => {
            if (index.find([target]).length === 0) {
                report(`${r.type.split(":").pop()} "${r.name}" ${what} ${target || "(none)"}, which this stack does not declare, so the data leaves the reach of its policies: deliver to this stack's own resources.`, r.urn);
            }
        });
    },
};

export const tablePointInTimeRecovery: ResourceValidationPolicy = {
    name: "dynamodb-table-point-in-time-recovery",
    description: "Checks whether DynamoDB tables have point-in-time recovery enabled.",
    anchors: { covers: ["DynamoDB.2", "AwsSolutions-DDB3", "CKV_AWS_28"] },
    severity: "high",
    validateResource: validateResourceOfType(aws.dynamodb.Table, (_table, args, report) => {
        if (fieldsOf(args, false).bool("pointInTimeRecovery.enabled") !== true) {
            report("Point-in-time recovery is off: set pointInTimeRecovery { enabled: true }.");
        }
    }),
};

export const tableDeletionProtection: ResourceValidationPolicy = {
    name: "dynamodb-table-deletion-protection",
    description: "Checks whether DynamoDB tables have deletion protection enabled.",
    anchors: { covers: ["DynamoDB.6"] },
    severity: "high",
    validateResource: validateResourceOfType(aws.dynamodb.Table, (_table, args, report) => {
        if (fieldsOf(args, false).bool("deletionProtectionEnabled") !== true) {
            report("deletionProtectionEnabled is not true: set deletionProtectionEnabled: true.");
        }
    }),
};

export const dataPolicies = [
    bucketPublicAccessBlock,
    bucketTlsOnly,
    bucketPolicyGrants,
    bucketVersioning,
    bucketOwnershipEnforced,
    bucketAbortIncompleteUploads,
    tableResourcePolicyGrants,
    dataStaysInStack,
    tablePointInTimeRecovery,
    tableDeletionProtection,
] as const;
