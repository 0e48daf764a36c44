import * as assert from "node:assert/strict";
import { DataAccess, DataAccessArgs, validateDataAccessArgs } from "../../components/dataAccess";
import { ValidationError } from "../../config/issues";
import { localPlan } from "../helpers/localPlan";
import { ACCOUNT, byName, installRecordingMocks, ofType, Recorded, settle } from "../helpers/stackMocks";

const BUCKET_ARN = "arn:aws:s3:::d-bucket-1a2b3c4";
const TABLE_ARN = `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/d-table-1a2b3c4`;
const SUB = "${cognito-identity.amazonaws.com:sub}";
const POLICY = "aws:iam/rolePolicy:RolePolicy";

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
    let records: Recorded[];
    beforeEach(() => {
        records = installRecordingMocks();
    });

    async function build(over: Partial<DataAccessArgs> = {}): Promise<DataAccess> {
        const data = new DataAccess("d", { authenticatedRoles: { authenticated: "auth-role", "group-admins": "admins-role" }, guestRole: "guest-role", ...over });
        await settle();
        return data;
    }

    it("creates a private bucket: public access blocked, ACLs off, AES256 encryption, versioning, TLS-only policy", async () => {
        await build();
        const bucket = byName(records, "aws:s3/bucket:Bucket", "d-bucket");
        assert.equal(bucket.inputs.forceDestroy, false);
        assert.equal(bucket.inputs.policy, undefined);
        assert.deepEqual(byName(records, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "d-bucket-public-access").inputs, {
            bucket: "d-bucket-1a2b3c4",
            blockPublicAcls: true,
            blockPublicPolicy: true,
            ignorePublicAcls: true,
            restrictPublicBuckets: true,
        });
        assert.deepEqual(byName(records, "aws:s3/bucketOwnershipControls:BucketOwnershipControls", "d-bucket-ownership").inputs.rule, { objectOwnership: "BucketOwnerEnforced" });
        assert.deepEqual(byName(records, "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "d-bucket-encryption").inputs.rules, [
            { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } },
        ]);
        assert.deepEqual(byName(records, "aws:s3/bucketVersioning:BucketVersioning", "d-bucket-versioning").inputs.versioningConfiguration, { status: "Enabled" });
        const policy = byName(records, "aws:s3/bucketPolicy:BucketPolicy", "d-bucket-policy");
        assert.deepEqual(JSON.parse(policy.inputs.policy as string), {
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "DenyInsecureTransport",
                    Effect: "Deny",
                    Principal: "*",
                    Action: "s3:*",
                    Resource: [BUCKET_ARN, `${BUCKET_ARN}/*`],
                    Condition: { Bool: { "aws:SecureTransport": "false" } },
                },
            ],
        });
        assert.ok(policy.dependencies.some((urn) => urn.endsWith("::d-bucket-public-access")), "the bucket policy waits for the public access block");
    });

    it("creates an on-demand table keyed by identity id and item id, encrypted, with point-in-time recovery", async () => {
        await build();
        const table = byName(records, "aws:dynamodb/table:Table", "d-table");
        assert.deepEqual(table.inputs, {
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
        await build({ protect: true, retainOnDelete: true, deletionProtection: true });
        for (const [type, name] of [
            ["aws:s3/bucket:Bucket", "d-bucket"],
            ["aws:dynamodb/table:Table", "d-table"],
        ]) {
            const r = byName(records, type, name);
            assert.equal(r.protect, true, `${name} protect`);
            assert.equal(r.retainOnDelete, true, `${name} retainOnDelete`);
        }
        assert.equal(byName(records, "aws:dynamodb/table:Table", "d-table").inputs.deletionProtectionEnabled, true);
    });

    it("neither protects nor retains by default", async () => {
        await build();
        const bucket = byName(records, "aws:s3/bucket:Bucket", "d-bucket");
        assert.deepEqual([bucket.protect, bucket.retainOnDelete], [false, false]);
    });

    it("gives each signed-in role its own folder, its own partition and public/ read, with the policy variable literally", async () => {
        await build();
        for (const [name, role] of [
            ["d-authenticated-policy", "auth-role"],
            ["d-group-admins-policy", "admins-role"],
        ]) {
            const p = byName(records, POLICY, name);
            assert.equal(p.inputs.role, role);
            assert.ok((p.inputs.policy as string).includes('"arn:aws:s3:::d-bucket-1a2b3c4/private/${cognito-identity.amazonaws.com:sub}/*"'));
            assert.deepEqual(JSON.parse(p.inputs.policy as string), authenticatedPolicy(BUCKET_ARN, TABLE_ARN));
        }
    });

    it("lets guests read public/ only", async () => {
        await build();
        const p = byName(records, POLICY, "d-guest-policy");
        assert.equal(p.inputs.role, "guest-role");
        assert.deepEqual(JSON.parse(p.inputs.policy as string), {
            Version: "2012-10-17",
            Statement: [{ Sid: "ReadPublic", Effect: "Allow", Action: "s3:GetObject", Resource: `${BUCKET_ARN}/public/*` }],
        });
    });

    it("grants no wildcard action or resource and no Scan in any role policy", async () => {
        await build();
        const docs = ofType(records, POLICY).map((p) => JSON.parse(p.inputs.policy as string) as Parameters<typeof actionsAndResources>[0]);
        assert.equal(docs.length, 3);
        for (const item of docs.flatMap(actionsAndResources)) {
            assert.notEqual(item, "*");
            assert.doesNotMatch(item, /^[a-z0-9-]+:\*$/);
            assert.doesNotMatch(item, /Scan|PartiQL|ExecuteStatement/);
        }
    });

    it("creates no guest policy without a guest role", async () => {
        const data = await build({ guestRole: undefined });
        assert.deepEqual(Object.keys(data.rolePolicies), ["authenticated", "group-admins"]);
        assert.deepEqual(
            ofType(records, POLICY).map((p) => p.name),
            ["d-authenticated-policy", "d-group-admins-policy"],
        );
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
        assert.deepEqual(
            validateDataAccessArgs({ authenticatedRoles: { guest: "r" } }).map((i) => i.rule),
            ["must not use the key guest (the guest role's policy has it)"],
        );
    });
});

describe("DataAccess per stack", () => {
    const plans: Record<string, Recorded[]> = {};
    before(async () => {
        for (const stack of ["dev", "prod"]) plans[stack] = await localPlan(stack);
    });

    it("dev: disposable data (not protected, not retained, no deletion protection), guest read policy present", () => {
        const dev = plans.dev;
        const bucket = byName(dev, "aws:s3/bucket:Bucket", "data-bucket");
        const table = byName(dev, "aws:dynamodb/table:Table", "data-table");
        assert.deepEqual([bucket.protect, bucket.retainOnDelete, table.protect, table.retainOnDelete], [false, false, false, false]);
        assert.equal(table.inputs.deletionProtectionEnabled, false);
        assert.equal(byName(dev, POLICY, "data-guest-policy").inputs.role, "auth-identity-guest-role-1a2b3c4");
    });

    it("prod: bucket and table protected and retained, table deletion protection on, no guest policy", () => {
        const prod = plans.prod;
        const bucket = byName(prod, "aws:s3/bucket:Bucket", "data-bucket");
        const table = byName(prod, "aws:dynamodb/table:Table", "data-table");
        assert.deepEqual([bucket.protect, bucket.retainOnDelete, table.protect, table.retainOnDelete], [true, true, true, true]);
        assert.equal(table.inputs.deletionProtectionEnabled, true);
        assert.equal(table.inputs.pointInTimeRecovery.enabled, true);
        assert.deepEqual(
            ofType(prod, POLICY).filter((p) => p.name.startsWith("data-")).map((p): unknown[] => [p.name, p.inputs.role]),
            [
                ["data-authenticated-policy", "auth-identity-authenticated-role-1a2b3c4"],
                ["data-group-admins-policy", "auth-identity-group-admins-role-1a2b3c4"],
            ],
        );
        const bucketArn = "arn:aws:s3:::data-bucket-1a2b3c4";
        assert.deepEqual(JSON.parse(byName(prod, POLICY, "data-authenticated-policy").inputs.policy as string), authenticatedPolicy(bucketArn, `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/data-table-1a2b3c4`));
    });
});
