import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { DataAccess, DataAccessArgs, validateDataAccessArgs } from "../../components/dataAccess";
import { formatIssue, ValidationError } from "../../components/issues";
import type { Plan } from "../../tools/planTypes";
import { named, ofType, output, realPlan, Resources } from "../helpers/plans";
import { build, Recording } from "../helpers/record";

const SUB = "${cognito-identity.amazonaws.com:sub}";
const POLICY = "aws:iam/rolePolicy:RolePolicy";
const BUCKET = "aws:s3/bucket:Bucket";
const TABLE = "aws:dynamodb/table:Table";
const ROLE = "aws:iam/role:Role";

const arnOf = (plan: Resources, type: string, name: string) => output(named(plan, type, name), "arn");

const authenticatedPolicy = (bucketArn: string, tableArn: string) => ({
    Version: "2012-10-17",
    Statement: [
        {
            Sid: "OwnObjects",
            Effect: "Allow",
            Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload"],
            Resource: `${bucketArn}/private/${SUB}/*`,
        },
        {
            Sid: "ListOwnFolder",
            Effect: "Allow",
            Action: "s3:ListBucket",
            Resource: bucketArn,
            Condition: { StringLike: { "s3:prefix": [`private/${SUB}/`, `private/${SUB}/*`] } },
        },
        { Sid: "ReadPublic", Effect: "Allow", Action: "s3:GetObject", Resource: `${bucketArn}/public/*` },
        {
            Sid: "OwnItems",
            Effect: "Allow",
            Action: ["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem"],
            Resource: tableArn,
            Condition: { "ForAllValues:StringEquals": { "dynamodb:LeadingKeys": [SUB] }, Null: { "dynamodb:LeadingKeys": "false" } },
        },
    ],
});

/** Every Action and Resource of a policy document, flattened. */
function actionsAndResources(doc: { Statement: { Action: string | string[]; Resource?: string | string[] }[] }): string[] {
    return doc.Statement.flatMap((s) => [s.Action, s.Resource ?? []].flat());
}

describe("DataAccess", () => {
    let records: Recording;
    /** The ARNs AWS gives the bucket and table of the last build. */
    let bucketArn: string, tableArn: string;

    async function dataAccess(over: Partial<DataAccessArgs> = {}): Promise<DataAccess> {
        const { component, ...rec } = await build(
            () => new DataAccess("d", { authenticatedRoles: { authenticated: "auth-role", "group-admins": "admins-role" }, guestRole: "guest-role", ...over }),
        );
        records = rec;
        [bucketArn, tableArn] = [arnOf(rec, BUCKET, "d-bucket"), arnOf(rec, TABLE, "d-table")];
        return component;
    }

    it("creates a private bucket: public access blocked, ACLs off, AES256 encryption, versioning, TLS-only policy", async () => {
        await dataAccess();
        const bucket = named(records, BUCKET, "d-bucket");
        assert.equal(bucket.props.forceDestroy, false);
        assert.equal(bucket.props.policy, undefined);
        assert.deepEqual(named(records, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "d-bucket-public-access").props, {
            bucket: output(named(records, BUCKET, "d-bucket"), "bucket"),
            blockPublicAcls: true,
            blockPublicPolicy: true,
            ignorePublicAcls: true,
            restrictPublicBuckets: true,
        });
        assert.deepEqual(named(records, "aws:s3/bucketOwnershipControls:BucketOwnershipControls", "d-bucket-ownership").props.rule, { objectOwnership: "BucketOwnerEnforced" });
        assert.deepEqual(named(records, "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "d-bucket-encryption").props.rules, [
            { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } },
        ]);
        assert.deepEqual(named(records, "aws:s3/bucketVersioning:BucketVersioning", "d-bucket-versioning").props.versioningConfiguration, { status: "Enabled" });
        const policy = named(records, "aws:s3/bucketPolicy:BucketPolicy", "d-bucket-policy");
        assert.deepEqual(JSON.parse(policy.props.policy as string), {
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "DenyInsecureTransport",
                    Effect: "Deny",
                    Principal: "*",
                    Action: "s3:*",
                    Resource: [bucketArn, `${bucketArn}/*`],
                    Condition: { Bool: { "aws:SecureTransport": "false" } },
                },
            ],
        });
        assert.ok(policy.dependencies.some((urn) => urn.endsWith("::d-bucket-public-access")), "the bucket policy waits for the public access block");
    });

    it("creates an on-demand table keyed by identity id and item id, encrypted, with point-in-time recovery", async () => {
        await dataAccess();
        const table = named(records, TABLE, "d-table");
        assert.deepEqual(table.props, {
            billingMode: "PAY_PER_REQUEST",
            hashKey: "identityId",
            rangeKey: "itemId",
            attributes: [
                { name: "identityId", type: "S" },
                { name: "itemId", type: "S" },
            ],
            serverSideEncryption: { enabled: true },
            pointInTimeRecovery: { enabled: true },
            deletionProtectionEnabled: false,
            tags: {},
        });
    });

    it("protects and retains the bucket and the table when asked, and turns on table deletion protection", async () => {
        await dataAccess({ protect: true, retainOnDelete: true, deletionProtection: true });
        for (const [type, name] of [
            [BUCKET, "d-bucket"],
            [TABLE, "d-table"],
        ]) {
            const r = named(records, type, name);
            assert.equal(r.options.protect, true, `${name} protect`);
            assert.equal(r.options.retainOnDelete, true, `${name} retainOnDelete`);
        }
        assert.equal(named(records, TABLE, "d-table").props.deletionProtectionEnabled, true);
    });

    it("neither protects nor retains by default", async () => {
        await dataAccess();
        const bucket = named(records, BUCKET, "d-bucket");
        assert.deepEqual([bucket.options.protect, bucket.options.retainOnDelete], [false, false]);
    });

    it("gives each signed-in role its own folder, its own partition and public/ read, with the policy variable literally", async () => {
        await dataAccess();
        for (const [name, role] of [
            ["d-authenticated-policy", "auth-role"],
            ["d-group-admins-policy", "admins-role"],
        ]) {
            const p = named(records, POLICY, name);
            assert.equal(p.props.role, role);
            assert.ok((p.props.policy as string).includes(`"${bucketArn}/private/${SUB}/*"`));
            assert.deepEqual(JSON.parse(p.props.policy as string), authenticatedPolicy(bucketArn, tableArn));
        }
    });

    it("lets guests read public/ only", async () => {
        await dataAccess();
        const p = named(records, POLICY, "d-guest-policy");
        assert.equal(p.props.role, "guest-role");
        assert.deepEqual(JSON.parse(p.props.policy as string), {
            Version: "2012-10-17",
            Statement: [{ Sid: "ReadPublic", Effect: "Allow", Action: "s3:GetObject", Resource: `${bucketArn}/public/*` }],
        });
    });

    it("grants no wildcard action or resource and no Scan in any role policy", async () => {
        await dataAccess();
        const docs = ofType(records, POLICY).map((p) => JSON.parse(p.props.policy as string) as Parameters<typeof actionsAndResources>[0]);
        assert.equal(docs.length, 3);
        for (const item of docs.flatMap(actionsAndResources)) {
            assert.notEqual(item, "*");
            assert.doesNotMatch(item, /^[a-z0-9-]+:\*$/);
            assert.doesNotMatch(item, /Scan|PartiQL|ExecuteStatement/);
        }
    });

    it("creates no guest policy without a guest role", async () => {
        const data = await dataAccess({ guestRole: undefined });
        assert.deepEqual(Object.keys(data.rolePolicies), ["authenticated", "group-admins"]);
        assert.deepEqual(
            ofType(records, POLICY).map((p) => p.name),
            ["d-authenticated-policy", "d-group-admins-policy"],
        );
    });

    it("creates every resource under the component, the bucket's lifecycle aborting unfinished uploads", async () => {
        // The outputs a component registers are the engine's only: watch the call.
        const registered: string[][] = [];
        const proto = pulumi.ComponentResource.prototype as unknown as { registerOutputs: (this: pulumi.ComponentResource, outputs?: unknown) => void };
        const original = proto.registerOutputs;
        proto.registerOutputs = function (outputs) {
            if (this instanceof DataAccess && outputs !== undefined) registered.push(Object.keys(outputs as object));
            return original.call(this, outputs);
        };
        try {
            await dataAccess();
        } finally {
            proto.registerOutputs = original;
        }
        assert.deepEqual(registered, [["bucketName", "tableName"]]);
        const parent = "urn:pulumi:test::cognito-stack::cognito-stack:data:DataAccess::d";
        assert.deepEqual(
            records.resources.filter((r) => r.name !== "d").map((r) => [r.name, r.parent]).sort(),
            [
                "d-authenticated-policy",
                "d-bucket",
                "d-bucket-encryption",
                "d-bucket-lifecycle",
                "d-bucket-ownership",
                "d-bucket-policy",
                "d-bucket-public-access",
                "d-bucket-versioning",
                "d-group-admins-policy",
                "d-guest-policy",
                "d-table",
            ].map((n) => [n, parent]),
        );
        assert.deepEqual(named(records, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "d-bucket-lifecycle").props.rules, [
            { id: "abort-incomplete-uploads", status: "Enabled", filter: {}, abortIncompleteMultipartUpload: { daysAfterInitiation: 7 } },
        ]);
    });

    it("rejects no signed-in role and a role keyed guest, naming the field and the fix", () => {
        assert.throws(() => new DataAccess("bad", { authenticatedRoles: {} }), (err: unknown) => {
            assert.ok(err instanceof ValidationError);
            assert.equal(
                err.message,
                "DataAccess bad has 1 problem:\n  - DataAccessArgs.authenticatedRoles must name at least one role (received: []). Fix: pass the identity pool's authenticated role",
            );
            return true;
        });
        assert.deepEqual(validateDataAccessArgs({ authenticatedRoles: { guest: "r" } }).map((i) => formatIssue(i)), [
            'authenticatedRoles must not use the key guest (the guest role\'s policy has it) (received: ["guest"]). Fix: use another key, e.g. group-guest',
        ]);
    });
});

describe("DataAccess per stack", function () {
    // The first spec to ask for the real plans waits for them to be made.
    this.timeout(120_000);
    let dev: Plan, prod: Plan;
    before(async () => {
        [dev, prod] = await Promise.all([realPlan("dev"), realPlan("prod")]);
    });
    const roleName = (plan: Plan, name: string) => output(named(plan, ROLE, name), "name");
    /** protect and retainOnDelete of the data bucket, then of the data table. */
    const keeping = (plan: Plan) => [named(plan, BUCKET, "data-bucket"), named(plan, TABLE, "data-table")].flatMap((r) => [r.options.protect, r.options.retainOnDelete]);

    it("dev: disposable data (not protected, not retained, no deletion protection), guest read policy present", () => {
        const table = named(dev, TABLE, "data-table");
        assert.deepEqual(keeping(dev), [false, false, false, false]);
        assert.equal(table.props.deletionProtectionEnabled, false);
        assert.equal(named(dev, POLICY, "data-guest-policy").props.role, roleName(dev, "auth-identity-guest-role"));
    });

    it("prod: bucket and table protected and retained, table deletion protection on, no guest policy", () => {
        const table = named(prod, TABLE, "data-table");
        assert.deepEqual(keeping(prod), [true, true, true, true]);
        assert.equal(table.props.deletionProtectionEnabled, true);
        assert.deepEqual(table.props.pointInTimeRecovery, { enabled: true });
        assert.deepEqual(
            ofType(prod, POLICY).filter((p) => p.name.startsWith("data-")).map((p): unknown[] => [p.name, p.props.role]),
            [
                ["data-authenticated-policy", roleName(prod, "auth-identity-authenticated-role")],
                ["data-group-admins-policy", roleName(prod, "auth-identity-group-admins-role")],
            ],
        );
        assert.deepEqual(
            JSON.parse(named(prod, POLICY, "data-authenticated-policy").props.policy as string),
            authenticatedPolicy(arnOf(prod, BUCKET, "data-bucket"), arnOf(prod, TABLE, "data-table")),
        );
    });
});
