import * as assert from "node:assert/strict";
import {
    bucketAbortIncompleteUploads,
    bucketOwnershipEnforced,
    bucketPolicyGrants,
    bucketPublicAccessBlock,
    bucketTlsOnly,
    bucketVersioning,
    dataStaysInStack,
    tableDeletionProtection,
    tablePointInTimeRecovery,
    tableResourcePolicyGrants,
} from "../../policies/data";
import { unknownStringSentinel } from "../../policies/lib/unknowns";
import type { Plan } from "../../tools/planTypes";
import { account, bucketArn, bucketName, describePolicy, find, policyDocument, run, securePlan, setProp, tableArn } from "./fixtures";

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

/** Adds a resource to the fixture plan as the provider would echo it (outputs = inputs + extra outputs). */
function addResource(plan: Plan, type: string, name: string, props: Record<string, unknown>, outputs: Record<string, unknown> = {}): void {
    const base = structuredClone(find(plan, "data-versioning"));
    plan.resources.push({ ...base, type, name, urn: `urn:pulumi:prod::cognito-stack::${type}::${name}`, props, outputs: { ...structuredClone(props), id: name, ...outputs } });
}

const messages = async (plan: Plan, policy: Parameters<typeof run>[1]): Promise<string[]> => (await run(plan, policy)).map((v) => v.message);
const tlsFix = 'add an aws.s3.BucketPolicy with a Deny of s3:* to Principal "*" when Bool aws:SecureTransport is "false"';
const noTls = `Bucket "data" accepts requests without TLS: ${tlsFix}.`;
/** The fixture's bucket policy with its TLS deny edited. */
const withDeny = (plan: Plan, edit: Record<string, unknown>, ...more: object[]): Plan => setProp(plan, "data-tls-only", "policy", policyDocument({ ...tlsDeny, ...edit }, ...more));

describe("s3-bucket-public-access-block, the exact messages", () => {
    it("names every flag to set when the block is missing", async () => {
        const plan = setProp(securePlan(), "data-public-access", "bucket", "other-bucket");
        assert.deepEqual(await messages(plan, bucketPublicAccessBlock), ['Bucket "data" has no aws.s3.BucketPublicAccessBlock: add one with blockPublicAcls, blockPublicPolicy, ignorePublicAcls, restrictPublicBuckets all true.']);
    });

    it("names every flag left off", async () => {
        const plan = setProp(securePlan(), "data-public-access", "blockPublicAcls", false);
        setProp(plan, "data-public-access", "ignorePublicAcls", undefined);
        assert.deepEqual(await messages(plan, bucketPublicAccessBlock), ['Public access block "data-public-access" leaves blockPublicAcls, ignorePublicAcls off: set them to true.']);
    });
});

describe("s3-bucket-tls-only against denies that do not deny plain HTTP", () => {
    const refused: [string, (p: Plan) => Plan][] = [
        ["an Allow where the Deny should be", (p) => withDeny(p, { Effect: "Allow" })],
        ["a deny for one service principal only", (p) => withDeny(p, { Principal: { Service: "cloudfront.amazonaws.com" } })],
        ["a deny of s3:GetObject only (writes still go over HTTP)", (p) => withDeny(p, { Action: "s3:GetObject" })],
        ["an inverted condition (StringNotEquals false denies the TLS requests)", (p) => withDeny(p, { Condition: { StringNotEquals: { "aws:SecureTransport": "false" } } })],
        ["an inverted value (Bool true)", (p) => withDeny(p, { Condition: { Bool: { "aws:SecureTransport": "true" } } })],
        ["both values, which denies every request rather than plain HTTP", (p) => withDeny(p, { Condition: { Bool: { "aws:SecureTransport": ["false", "true"] } } })],
        ["a second condition key that narrows the deny to one account", (p) => withDeny(p, { Condition: { Bool: { "aws:SecureTransport": "false" }, StringEquals: { "aws:PrincipalAccount": account } } })],
        ["a second key under the same Bool operator", (p) => withDeny(p, { Condition: { Bool: { "aws:SecureTransport": "false", "aws:ViaAWSService": "false" } } })],
        ["a second aws:SecureTransport test that no request meets with the first", (p) => withDeny(p, { Condition: { Bool: { "aws:SecureTransport": "false" }, BoolIfExists: { "aws:SecureTransport": "true" } } })],
        ["a deny without any condition (it denies TLS requests too, so it is no TLS deny)", (p) => withDeny(p, { Condition: undefined })],
    ];
    for (const [what, edit] of refused) {
        it(`refuses ${what}`, async () => {
            assert.deepEqual(await messages(edit(securePlan()), bucketTlsOnly), [noTls]);
        });
    }

    const accepted: [string, (p: Plan) => Plan][] = [
        ["a deny that lists S3:* (any case) beside one action", (p) => withDeny(p, { Action: ["s3:GetObject", "S3:*"] })],
        ["a deny of every action to {AWS: *}", (p) => withDeny(p, { Action: "*", Principal: { AWS: "*" } })],
        ["a second deny naming only the bucket beside the one that covers it all", (p) => withDeny(p, {}, { ...tlsDeny, Sid: "TlsBucketOnly", Resource: bucketArn })],
    ];
    for (const [what, edit] of accepted) {
        it(`accepts ${what}`, async () => {
            assert.deepEqual(await messages(edit(securePlan()), bucketTlsOnly), []);
        });
    }

    it("reports a bucket policy that is not JSON, and the TLS deny it cannot read", async () => {
        const plan = setProp(securePlan(), "data-tls-only", "policy", "{not json");
        assert.deepEqual(await messages(plan, bucketTlsOnly), ['policy of BucketPolicy "data-tls-only" is not valid JSON: write it with JSON.stringify or aws.iam.getPolicyDocument.', noTls]);
    });

    it("waits for a policy document not known yet (preview) instead of reading it as no TLS deny", async () => {
        const plan = setProp(securePlan(), "data-tls-only", "policy", { Version: "2012-10-17", Statement: [{ ...tlsDeny, Resource: unknownStringSentinel }] });
        const violations = await run(plan, bucketTlsOnly);
        assert.deepEqual(violations.map((v) => [v.enforcementLevel, /^can't run policy 's3-bucket-tls-only' .* during preview: /.test(v.message)]), [["advisory", true]]);
    });
});

describe("s3-bucket-policy-grants, principals of this stack's account", () => {
    const grant = (principal: unknown, extra: Record<string, unknown> = {}): object => ({ Sid: "Grant", Effect: "Allow", Principal: principal, Action: "s3:PutObject", Resource: `${bucketArn}/*`, ...extra });
    const withGrant = (plan: Plan, ...statements: object[]): Plan => setProp(plan, "data-tls-only", "policy", policyDocument(tlsDeny, ...statements));
    const outside = (who: string): string => `BucketPolicy "data-tls-only" statement "Grant" allows ${who}, outside this stack's account 123456789012: grant access through roles of this stack instead of the resource policy.`;
    const sourceAccount = (operator: string, value: unknown): object => grant({ Service: "logging.s3.amazonaws.com" }, { Condition: { [operator]: { "aws:SourceAccount": value } } });
    const sourceArn = (operator: string, value: string): object => grant({ Service: "logging.s3.amazonaws.com" }, { Condition: { [operator]: { "aws:SourceArn": value } } });

    const accepted: [string, object][] = [
        ["this account's root", grant({ AWS: `arn:aws:iam::${account}:root` })],
        ["this account by its bare id", grant({ AWS: account })],
        ["a role session of this account", grant({ AWS: `arn:aws:sts::${account}:assumed-role/app-api-handler-role/session` })],
        ["this account's root in the aws-us-gov partition", grant({ AWS: `arn:aws-us-gov:iam::${account}:root` })],
        ["a service pinned to this account with StringEquals aws:SourceAccount", sourceAccount("StringEquals", account)],
        ["a service pinned to a resource of this account with ArnLike aws:SourceArn", sourceArn("ArnLike", `arn:aws:logs:us-east-1:${account}:*`)],
    ];
    for (const [what, statement] of accepted) {
        it(`accepts ${what}`, async () => {
            assert.deepEqual(await messages(withGrant(securePlan(), statement), bucketPolicyGrants), []);
        });
    }

    const refused: [string, object, string][] = [
        ["a role of another account named like this account's id", grant({ AWS: `arn:aws:iam::999999999999:role/${account}` }), `AWS arn:aws:iam::999999999999:role/${account}`],
        ["a 13-digit id that starts with this account's", grant({ AWS: `${account}3` }), `AWS ${account}3`],
        ["a principal that only embeds this account's ARN", grant({ AWS: `arn:aws:s3:::x/arn:aws:iam::${account}:root` }), `AWS arn:aws:s3:::x/arn:aws:iam::${account}:root`],
        ["a SAML provider of this account (its users, not this stack's roles)", grant({ Federated: `arn:aws:iam::${account}:saml-provider/corp` }), `Federated arn:aws:iam::${account}:saml-provider/corp`],
        ["a canonical user", grant({ CanonicalUser: "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be" }), "CanonicalUser 79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"],
        ["a service under StringNotEquals aws:SourceAccount (every other account)", sourceAccount("StringNotEquals", account), "Service logging.s3.amazonaws.com"],
        ["a service under StringEqualsIfExists aws:SourceAccount (requests without a source pass)", sourceAccount("StringEqualsIfExists", account), "Service logging.s3.amazonaws.com"],
        ["a service pinned to this account and another", sourceAccount("StringEquals", [account, "999999999999"]), "Service logging.s3.amazonaws.com"],
        ["a service pinned to a bucket whose name carries this account's id", sourceArn("ArnLike", `arn:aws:s3:::logs-${account}`), "Service logging.s3.amazonaws.com"],
        ["a service pinned to a resource of another account", sourceArn("ArnEquals", "arn:aws:logs:us-east-1:999999999999:log-group:x"), "Service logging.s3.amazonaws.com"],
        ["a service pinned by a StringLike aws:SourceArn that starts with a wildcard", sourceArn("StringLike", `*arn:aws:logs:us-east-1:${account}:*`), "Service logging.s3.amazonaws.com"],
        ["everyone, even under a source condition of this account", grant("*", { Condition: { StringEquals: { "aws:SourceAccount": account } } }), "*"],
        ["a service pinned with an empty list", sourceAccount("StringEquals", []), "Service logging.s3.amazonaws.com"],
        ["a service under a key that is no source condition", grant({ Service: "logging.s3.amazonaws.com" }, { Condition: { StringEquals: { "aws:PrincipalAccount": account } } }), "Service logging.s3.amazonaws.com"],
        ["NotPrincipal", { Sid: "Grant", Effect: "Allow", NotPrincipal: { AWS: `arn:aws:iam::${account}:root` }, Action: "s3:GetObject", Resource: `${bucketArn}/*` }, "NotPrincipal (everyone not listed)"],
        ["another account and everyone, named together", grant({ AWS: ["arn:aws:iam::999999999999:root", "*"] }), "AWS arn:aws:iam::999999999999:root, AWS *"],
    ];
    for (const [what, statement, who] of refused) {
        it(`refuses ${what}`, async () => {
            assert.deepEqual(await messages(withGrant(securePlan(), statement), bucketPolicyGrants), [outside(who)]);
        });
    }

    it("names the stack's accounts when its resources live in several", async () => {
        const plan = withGrant(securePlan(), grant({ AWS: "arn:aws:iam::999999999999:root" }));
        const table = find(plan, "items");
        table.props.arn = table.outputs!.arn = tableArn.replace(account, "222222222222");
        assert.deepEqual(await messages(plan, bucketPolicyGrants), [`BucketPolicy "data-tls-only" statement "Grant" allows AWS arn:aws:iam::999999999999:root, outside this stack's accounts: grant access through roles of this stack instead of the resource policy.`]);
    });

    for (const [what, value] of [["null", null], ["an empty string", ""]] as const) {
        it(`reads a bucket policy input of ${what} as no second policy`, async () => {
            const plan = setProp(securePlan(), "data", "policy", value);
            assert.deepEqual(await messages(plan, bucketPolicyGrants), []);
        });
    }
});

describe("dynamodb-table-resource-policy-grants, the exact messages", () => {
    it("reports a resource policy that is not JSON by its resource", async () => {
        const plan = securePlan();
        addResource(plan, "aws:dynamodb/resourcePolicy:ResourcePolicy", "table-policy", { resourceArn: tableArn, policy: "{not json" });
        assert.deepEqual(await messages(plan, tableResourcePolicyGrants), ['policy of DynamoDB ResourcePolicy "table-policy" is not valid JSON: write it with JSON.stringify or aws.iam.getPolicyDocument.']);
    });

    it("accepts a resource policy for this stack's account", async () => {
        const plan = securePlan();
        addResource(plan, "aws:dynamodb/resourcePolicy:ResourcePolicy", "table-policy", { resourceArn: tableArn, policy: policyDocument({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: "dynamodb:GetItem", Resource: tableArn }) });
        assert.deepEqual(await messages(plan, tableResourcePolicyGrants), []);
    });
});

describe("s3-bucket-versioning, the bucket's own versioning input", () => {
    const withoutResource = (): Plan => setProp(securePlan(), "data-versioning", "bucket", "other-bucket");

    it("accepts versioning enabled on the bucket itself", async () => {
        assert.deepEqual(await messages(setProp(withoutResource(), "data", "versioning", { enabled: true }), bucketVersioning), []);
    });

    it("accepts the input and a BucketVersioning both enabling it", async () => {
        assert.deepEqual(await messages(setProp(securePlan(), "data", "versioning", { enabled: true }), bucketVersioning), []);
    });

    it("reports the input turning versioning off beside a BucketVersioning", async () => {
        assert.deepEqual(await messages(setProp(securePlan(), "data", "versioning", { enabled: false }), bucketVersioning), ['Bucket "data" sets versioning.enabled false while a BucketVersioning enables it: remove the bucket\'s versioning input.']);
    });

    it("reports versioning off on a bucket without a BucketVersioning once", async () => {
        assert.deepEqual(await messages(setProp(withoutResource(), "data", "versioning", { enabled: false }), bucketVersioning), ['Bucket "data" has no versioning, so an overwrite or delete loses the object: add an aws.s3.BucketVersioning with versioningConfiguration.status "Enabled".']);
    });

    it("reports a BucketVersioning without a status", async () => {
        assert.deepEqual(await messages(setProp(securePlan(), "data-versioning", "versioningConfiguration", {}), bucketVersioning), ['BucketVersioning "data-versioning" sets status unset on bucket "data": set it to Enabled.']);
    });
});

describe("s3-bucket-ownership-enforced, the exact messages", () => {
    it("reports ownership controls without a rule", async () => {
        assert.deepEqual(await messages(setProp(securePlan(), "data-ownership", "rule", undefined), bucketOwnershipEnforced), ['BucketOwnershipControls "data-ownership" sets objectOwnership unset on bucket "data": set it to BucketOwnerEnforced.']);
    });

    it("reports a canned ACL on the bucket itself", async () => {
        assert.deepEqual(await messages(setProp(securePlan(), "data", "acl", "public-read"), bucketOwnershipEnforced), ['Bucket "data" sets acl public-read: remove it; with ACLs off, grant access through policies.']);
    });

    it("accepts the private ACL, which grants no one else", async () => {
        assert.deepEqual(await messages(setProp(securePlan(), "data", "acl", "private"), bucketOwnershipEnforced), []);
    });

    it("reports a BucketAcl resource", async () => {
        const plan = securePlan();
        addResource(plan, "aws:s3/bucketAclV2:BucketAclV2", "data-acl", { bucket: bucketName, acl: "private" });
        assert.deepEqual(await messages(plan, bucketOwnershipEnforced), ['BucketAcl "data-acl" sets an ACL on bucket "data": remove it; with ACLs off, grant access through policies.']);
    });
});

describe("s3-bucket-abort-incomplete-uploads, which rules cover the whole bucket", () => {
    const keeps = 'Bucket "data" keeps the parts of incomplete multipart uploads: add an aws.s3.BucketLifecycleConfiguration rule with status "Enabled", no filter and abortIncompleteMultipartUpload.daysAfterInitiation <= 7.';
    const rule = (extra: Record<string, unknown>): Record<string, unknown> => ({ id: "abort", status: "Enabled", abortIncompleteMultipartUpload: { daysAfterInitiation: 7 }, ...extra });
    const withRules = (...rules: Record<string, unknown>[]): Plan => setProp(securePlan(), "data-lifecycle", "rules", rules);

    const refused: [string, Plan][] = [
        ["a rule for a prefix (the rule's own prefix)", withRules(rule({ prefix: "tmp/" }))],
        ["a rule filtered by tag", withRules(rule({ filter: { tag: { key: "temp", value: "yes" } } }))],
        ["a rule filtered by several conditions", withRules(rule({ filter: { and: { prefix: "", tags: { temp: "yes" } } } }))],
        ["a rule for large objects only", withRules(rule({ filter: { objectSizeGreaterThan: 1048576 } }))],
        ["a rule for small objects only", withRules(rule({ filter: { objectSizeLessThan: 1048576 } }))],
        ["a rule of 8 days", withRules(rule({ abortIncompleteMultipartUpload: { daysAfterInitiation: 8 } }))],
        ["a rule that expires objects but aborts no upload", withRules({ id: "expire", status: "Enabled", expiration: { days: 30 } })],
    ];
    for (const [what, plan] of refused) {
        it(`refuses ${what}`, async () => {
            assert.deepEqual(await messages(plan, bucketAbortIncompleteUploads), [keeps]);
        });
    }

    const accepted: [string, Plan][] = [
        ["a rule of exactly the configured 7 days", withRules(rule({}))],
        ["a rule with an empty filter and prefix", withRules(rule({ prefix: "", filter: { prefix: "" } }))],
        ["a whole-bucket rule beside a rule for one prefix", withRules(rule({ id: "tmp", filter: { prefix: "tmp/" } }), rule({}))],
    ];
    for (const [what, plan] of accepted) {
        it(`accepts ${what}`, async () => {
            assert.deepEqual(await messages(plan, bucketAbortIncompleteUploads), []);
        });
    }

    describe("the bucket's own lifecycleRules input", () => {
        const inline = (...rules: Record<string, unknown>[]): Plan => setProp(setProp(securePlan(), "data-lifecycle", "bucket", "other-bucket"), "data", "lifecycleRules", rules);
        const inlineRule = (extra: Record<string, unknown>): Record<string, unknown> => ({ id: "abort", enabled: true, abortIncompleteMultipartUploadDays: 7, ...extra });

        it("accepts an enabled rule for the whole bucket of exactly 7 days", async () => {
            assert.deepEqual(await messages(inline(inlineRule({})), bucketAbortIncompleteUploads), []);
        });

        it("accepts an enabled rule with an empty prefix", async () => {
            assert.deepEqual(await messages(inline(inlineRule({ prefix: "" })), bucketAbortIncompleteUploads), []);
        });

        const refusedInline: [string, Record<string, unknown>][] = [
            ["a disabled rule", inlineRule({ enabled: false })],
            ["a rule without enabled", inlineRule({ enabled: undefined })],
            ["a rule for a prefix", inlineRule({ prefix: "tmp/" })],
            ["a rule of 8 days", inlineRule({ abortIncompleteMultipartUploadDays: 8 })],
            ["a rule that aborts no upload", inlineRule({ abortIncompleteMultipartUploadDays: undefined })],
        ];
        for (const [what, r] of refusedInline) {
            it(`refuses ${what}`, async () => {
                assert.deepEqual(await messages(inline(r), bucketAbortIncompleteUploads), [keeps]);
            });
        }
    });
});

describe("data-copies-stay-in-stack, the exact messages", () => {
    const streamArn = `arn:aws:kinesis:us-east-1:${account}:stream/app-changes`;
    const withStream = (plan: Plan): Plan => (addResource(plan, "aws:kinesis/stream:Stream", "changes", { name: "app-changes" }, { arn: streamArn }), plan);
    const copies: [string, string, Record<string, unknown>][] = [
        ["aws:s3/bucketReplicationConfig:BucketReplicationConfig", "replication", { bucket: bucketName, role: "x", rules: [{ id: "all", status: "Enabled", destination: { bucket: bucketArn } }] }],
        ["aws:s3/inventory:Inventory", "inventory", { bucket: bucketName, name: "weekly", destination: { bucket: { bucketArn, format: "CSV" } } }],
        ["aws:s3/bucketLoggingV2:BucketLoggingV2", "logging", { bucket: bucketName, targetBucket: bucketName, targetPrefix: "logs/" }],
        ["aws:dynamodb/kinesisStreamingDestination:KinesisStreamingDestination", "stream", { tableName: "app-items-5678", streamArn }],
    ];

    for (const [type, name, props] of copies) {
        it(`accepts ${type.split(":").pop()} delivering to this stack's own resource`, async () => {
            const plan = withStream(securePlan());
            addResource(plan, type, name, props);
            assert.deepEqual(await messages(plan, dataStaysInStack), []);
        });
    }

    const foreign = (what: string, target: string): string => `${what} ${target}, which this stack does not declare, so the data leaves the reach of its policies: deliver to this stack's own resources.`;
    const refused: [string, string, Record<string, unknown>, string][] = [
        ["aws:s3/bucketReplicationConfig:BucketReplicationConfig", "replication", { bucket: bucketName, role: "x", rules: [{ id: "all", status: "Enabled", destination: {} }] }, foreign('BucketReplicationConfig "replication" replicates objects to', "(none)")],
        ["aws:s3/inventory:Inventory", "inventory", { bucket: bucketName, name: "weekly", destination: { bucket: { bucketArn: "arn:aws:s3:::someone-elses-bucket", format: "CSV" } } }, foreign('Inventory "inventory" writes the object inventory to', "arn:aws:s3:::someone-elses-bucket")],
        ["aws:s3/inventory:Inventory", "inventory", { bucket: bucketName, name: "weekly" }, foreign('Inventory "inventory" writes the object inventory to', "(none)")],
        ["aws:s3/bucketLogging:BucketLogging", "logging", { bucket: bucketName }, foreign('BucketLogging "logging" writes access logs to', "(none)")],
        ["aws:dynamodb/kinesisStreamingDestination:KinesisStreamingDestination", "stream", { tableName: "app-items-5678", streamArn: "arn:aws:kinesis:us-east-1:999999999999:stream/loot" }, foreign('KinesisStreamingDestination "stream" streams table changes to', "arn:aws:kinesis:us-east-1:999999999999:stream/loot")],
        ["aws:dynamodb/kinesisStreamingDestination:KinesisStreamingDestination", "stream", { tableName: "app-items-5678" }, foreign('KinesisStreamingDestination "stream" streams table changes to', "(none)")],
    ];
    for (const [type, name, props, message] of refused) {
        it(`refuses ${message.split(" which")[0]}`, async () => {
            const plan = withStream(securePlan());
            addResource(plan, type, name, props);
            assert.deepEqual(await messages(plan, dataStaysInStack), [message]);
        });
    }
});

describe("DynamoDB table settings of the wrong kind", () => {
    it("reports pointInTimeRecovery that is not an object by its field", async () => {
        const plan = setProp(securePlan(), "items", "pointInTimeRecovery", "enabled");
        assert.deepEqual(await messages(plan, tablePointInTimeRecovery), ['pointInTimeRecovery must be an object (received: "enabled"): give the value the provider expects.']);
    });

    it("reports deletionProtectionEnabled that is not a boolean by its field", async () => {
        const plan = setProp(securePlan(), "items", "deletionProtectionEnabled", "yes");
        assert.deepEqual(await messages(plan, tableDeletionProtection), ['deletionProtectionEnabled must be a boolean (received: "yes"): give the value the provider expects.']);
    });
});
