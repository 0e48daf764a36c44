import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import {
    distinctActions,
    effectiveActions,
    expandStatement,
    extraGrantCovers,
    graphqlField,
    identityForbidden,
    listed,
    loadArnNamespaces,
    parseArn,
    parseGrants,
    prefixConfined,
    relevant,
    s3Object,
    stackData,
} from "../../../policies/lib/grants";
import { ActionInfo, expandActionPattern } from "../../../policies/lib/iamActions";
import { Statement } from "../../../policies/lib/iamDocument";
import { isUnknownValueError } from "../../../policies/lib/unknowns";
import { authenticatedRoleScoping } from "../../../policies/iam";
import { authStatements, bucketArn, policyDocument, run, securePlan, setProp } from "../fixtures";
import { resource } from "./resources";

/** An action as AWS's data describes it, written out. */
function act(action: string, resourceTypes: string[], accessLevels: string[] = ["Read"], conditionKeys: string[] = []): ActionInfo {
    return { action, service: action.split(":")[0], accessLevels, conditionKeys, resourceTypes };
}

function statement(conditions: Statement["conditions"]): Statement {
    return { effect: "Allow", actions: [], resources: [], principals: {}, conditions };
}

const api = "arn:aws:appsync:us-east-1:123456789012:apis/abcdef123";

describe("policies/lib/grants: what an IAM statement really grants", () => {
    describe("stackData", () => {
        it("collects the ARNs of the stack's buckets (both kinds), tables and GraphQL APIs", () => {
            const rs = [
                resource(aws.s3.Bucket, "old", { arn: "arn:aws:s3:::old-bucket" }),
                resource(aws.s3.BucketV2, "data", { arn: "arn:aws:s3:::data-bucket" }),
                resource(aws.dynamodb.Table, "items", { arn: "arn:aws:dynamodb:us-east-1:123456789012:table/items" }),
                resource(aws.appsync.GraphQLApi, "api", { arn: api }),
                resource(aws.iam.Role, "r", { arn: "arn:aws:iam::123456789012:role/r" }),
            ];
            const data = stackData(rs);
            assert.deepEqual([[...data.buckets], [...data.tables], [...data.graphqlApis]], [
                ["arn:aws:s3:::old-bucket", "arn:aws:s3:::data-bucket"],
                ["arn:aws:dynamodb:us-east-1:123456789012:table/items"],
                [api],
            ]);
        });

        it("is undecided while an API's ARN is not known", () => {
            const rs = [resource(aws.appsync.GraphQLApi, "api", {})];
            assert.throws(() => stackData(rs), (e: unknown) => isUnknownValueError(e) && (e).message.startsWith('cannot decide yet: the arn of aws:appsync/graphQLApi:GraphQLApi "api"'));
        });
    });

    describe("graphqlField", () => {
        const apis = new Set([api, "arn:aws-us-gov:appsync:us-gov-west-1:123456789012:apis/gov1"]);

        it("names Type.field of a field ARN of one of the stack's APIs", () => {
            assert.equal(graphqlField(`${api}/types/Query/fields/getItem`, apis), "Query.getItem");
            assert.equal(graphqlField("arn:aws-us-gov:appsync:us-gov-west-1:123456789012:apis/gov1/types/Mutation/fields/_put2", apis), "Mutation._put2");
        });

        it("is undefined for another API, a wildcard, the whole API, a whole type or text around the ARN", () => {
            assert.equal(graphqlField("arn:aws:appsync:us-east-1:123456789012:apis/other/types/Query/fields/getItem", apis), undefined);
            assert.equal(graphqlField(`${api}/types/Query/fields/*`, apis), undefined);
            assert.equal(graphqlField(`${api}/*`, apis), undefined);
            assert.equal(graphqlField(`${api}/types/Query/fields`, apis), undefined);
            assert.equal(graphqlField(`x${api}/types/Query/fields/getItem`, apis), undefined);
            assert.equal(graphqlField(`${api}/types/Query/fields/getItem/more`, apis), undefined);
        });
    });

    describe("expandStatement", () => {
        it("expands each pattern and reports the ones AWS does not know, naming the statement", async () => {
            const reports: [string, string | undefined][] = [];
            const expanded = await expandStatement(["s3:GetObject", "s3:Nope*", "dynamodb:GetItem"], "statement 1 of role \"r\"", "urn:r", (m, u) => reports.push([m, u]));
            assert.deepEqual(expanded.map((e) => [e.pattern, e.actions.map((a) => a.action)]), [
                ["s3:GetObject", ["s3:GetObject"]],
                ["dynamodb:GetItem", ["dynamodb:GetItem"]],
            ]);
            assert.deepEqual(reports, [['statement 1 of role "r": action "s3:Nope*" matches no s3 action: name existing actions as service:Action.', "urn:r"]]);
        });

        it("does not pass off an unexpected error as a bad pattern", async () => {
            const reports: string[] = [];
            await assert.rejects(expandStatement([42 as unknown as string], "statement 1", "urn:r", (m) => reports.push(m)), TypeError);
            assert.deepEqual(reports, []);
        });
    });

    it("distinctActions keeps each action once, in the order first named", async () => {
        const expanded = [
            { pattern: "s3:GetObjectT*", actions: await expandActionPattern("s3:GetObjectT*") },
            { pattern: "s3:GetObjectTagging", actions: await expandActionPattern("s3:GetObjectTagging") },
            { pattern: "s3:GetObject", actions: await expandActionPattern("s3:GetObject") },
        ];
        assert.deepEqual(distinctActions(expanded).map((a) => a.action), ["s3:GetObjectTagging", "s3:GetObjectTorrent", "s3:GetObject"]);
    });

    describe("effectiveActions", () => {
        const listBucket = act("s3:ListBucket", ["accesspoint", "bucket"], ["List"], ["s3:prefix"]);
        const getObject = act("s3:GetObject", ["object"]);
        const getItem = act("dynamodb:GetItem", ["table"], ["Read"], ["dynamodb:LeadingKeys"]);
        const names = (s: Statement, actions: ActionInfo[]): string[] => effectiveActions(s, actions).map((a) => a.action);

        it("drops the actions that never carry a service key the statement requires", () => {
            assert.deepEqual(names(statement({ StringLike: { "s3:prefix": ["public/*"] } }), [listBucket, getObject, getItem]), ["s3:ListBucket"]);
            assert.deepEqual(names(statement({ StringEquals: { "S3:Prefix": ["public/"] } }), [listBucket, getObject]), ["s3:ListBucket"]);
        });

        it("keeps every action for a negated operator on the key: IAM holds StringNotLike, ArnNotEquals, NotIpAddress... true when the key is absent", () => {
            const all = [listBucket, getObject, getItem];
            const every = ["s3:ListBucket", "s3:GetObject", "dynamodb:GetItem"];
            for (const operator of ["StringNotLike", "StringNotEquals", "StringNotEqualsIgnoreCase", "ArnNotLike", "NumericNotEquals", "DateNotEquals", "NotIpAddress"]) {
                assert.deepEqual(names(statement({ [operator]: { "s3:prefix": ["nothing"] } }), all), every, operator);
            }
            assert.deepEqual(names(statement({ StringNotLike: { "s3:prefix": ["nothing"] }, StringLike: { "s3:prefix": ["public/*"] } }), all), ["s3:ListBucket"], "a positive operator beside it still requires the key");
            assert.deepEqual(names(statement({ "ForAnyValue:StringNotLike": { "s3:prefix": ["nothing"] } }), all), ["s3:ListBucket"], "ForAnyValue: is false without the key");
        });

        it("requires every such key: an action carrying one of two is still never granted", () => {
            const both = statement({ StringLike: { "s3:prefix": ["a/*"] }, "ForAnyValue:StringEquals": { "dynamodb:LeadingKeys": ["k"] } });
            assert.deepEqual(names(both, [listBucket, getItem]), []);
        });

        it("keeps every action for keys that are absent-true, global, of a service-less name or without a service prefix", () => {
            const all = [listBucket, getObject, getItem];
            const every = ["s3:ListBucket", "s3:GetObject", "dynamodb:GetItem"];
            assert.deepEqual(names(statement({ "ForAllValues:StringLike": { "s3:prefix": ["a/*"] } }), all), every);
            assert.deepEqual(names(statement({ StringLikeIfExists: { "s3:prefix": ["a/*"] } }), all), every);
            assert.deepEqual(names(statement({ IpAddress: { "aws:SourceIp": ["10.0.0.0/8"] } }), all), every);
            assert.deepEqual(names(statement({ StringEquals: { "cognito-identity.amazonaws.com:aud": ["pool"] } }), all), every);
            assert.deepEqual(names(statement({ StringEquals: { nocolon: ["x"] } }), all), every);
            assert.deepEqual(names(statement({}), all), every);
        });
    });

    it("iam-authenticated-role-scoping sees object access on the whole bucket behind a StringNotLike s3:prefix condition", async () => {
        const plan = securePlan();
        const everyObject = { Sid: "EveryObject", Effect: "Allow", Action: "s3:GetObject", Resource: `${bucketArn}/*`, Condition: { StringNotLike: { "s3:prefix": "nothing" } } };
        setProp(plan, "authenticated-policy", "policy", policyDocument(...authStatements, everyObject));
        assert.deepEqual((await run(plan, authenticatedRoleScoping)).map((v) => [v.policy, v.message]), [[
            "iam-authenticated-role-scoping",
            `RolePolicy "authenticated-policy" statement "EveryObject" grants S3 object access on ${bucketArn}/* to every signed-in user: scope the key with private/\${cognito-identity.amazonaws.com:sub}/*.`,
        ]]);
    });

    it("iam-authenticated-role-scoping sees SQL on an RDS cluster and reads of a Kafka topic, whose ARNs are not of the action's service", async () => {
        const cluster = "arn:aws:rds:us-east-1:123456789012:cluster:app-db";
        const topic = "arn:aws:kafka:us-east-1:123456789012:topic/app/11111111-2222-3333-4444-555555555555-1/events";
        const plan = securePlan();
        setProp(plan, "authenticated-policy", "policy", policyDocument(...authStatements, { Sid: "Sql", Effect: "Allow", Action: "rds-data:ExecuteStatement", Resource: cluster }, { Sid: "Topic", Effect: "Allow", Action: "kafka-cluster:ReadData", Resource: topic }));
        const messages = (await run(plan, authenticatedRoleScoping)).map((v) => v.message);
        assert.equal(messages.length, 2, messages.join("\n"));
        assert.match(messages[0], /^RolePolicy "authenticated-policy" statement "Sql" grants rds-data:ExecuteStatement on arn:aws:rds:us-east-1:123456789012:cluster:app-db to every signed-in user, outside their allow-list/);
        assert.match(messages[1], /^RolePolicy "authenticated-policy" statement "Topic" grants kafka-cluster:ReadData on arn:aws:kafka:.* to every signed-in user, outside their allow-list/);
    });

    describe("relevant across ARN namespaces", () => {
        it("takes the ARN namespaces of an action's resource types from AWS's data once loaded", async () => {
            const executeStatement = act("rds-data:ExecuteStatement", ["cluster"], ["Write"]);
            await loadArnNamespaces("rds-data");
            assert.equal(relevant("arn:aws:rds:us-east-1:123456789012:cluster:app-db", executeStatement), true);
            assert.equal(relevant("arn:aws:rds-data:us-east-1:123456789012:cluster:app-db", executeStatement), true);
            assert.equal(relevant("arn:aws:dynamodb:us-east-1:123456789012:table/t", executeStatement), false);
        });

        it("expandStatement loads them for the services it expands", async () => {
            const [{ actions }] = await expandStatement(["redshift-data:ExecuteStatement"], "statement 1", "urn:r", () => assert.fail("reported"));
            assert.equal(relevant("arn:aws:redshift:us-east-1:123456789012:cluster:wh", actions[0]), true);
            assert.equal(relevant("arn:aws:redshift-serverless:us-east-1:123456789012:workgroup/wg", actions[0]), true);
        });

        it("knows only the action's own namespace for a service not loaded", () => {
            const getRecords = act("cloudtrail-data:PutAuditEvents", ["channel"], ["Write"]);
            assert.equal(relevant("arn:aws:cloudtrail-data:us-east-1:123456789012:channel/c", getRecords), true);
            assert.equal(relevant("arn:aws:cloudtrail:us-east-1:123456789012:channel/c", getRecords), false);
        });
    });

    it("parseArn splits the six parts and keeps colons of the resource", () => {
        assert.deepEqual(parseArn("arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/f:log-stream:*"), {
            partition: "aws",
            service: "logs",
            region: "us-east-1",
            account: "123456789012",
            resource: "log-group:/aws/lambda/f:log-stream:*",
        });
        assert.deepEqual(parseArn("arn:aws:s3:::bucket"), { partition: "aws", service: "s3", region: "", account: "", resource: "bucket" });
        assert.equal(parseArn("arn:aws:s3::bucket"), undefined);
        assert.equal(parseArn("urn:aws:s3:::bucket"), undefined);
        assert.equal(parseArn("bucket"), undefined);
    });

    describe("relevant: whether a Resource entry can name a resource of the action's types", () => {
        const getObject = act("s3:GetObject", ["accesspointobject", "object"]);
        const putNotification = act("s3:PutBucketNotification", ["bucket"], ["Write"]);
        const getAccessPointPolicy = act("s3:GetAccessPointPolicy", ["accesspoint"]);
        const describeJob = act("s3:DescribeJob", ["job"]);
        const multiRegion = act("s3:GetMultiRegionAccessPoint", ["multiregionaccesspoint"]);
        const apObjectOnly = act("s3:GetObjectOnAccessPoint", ["accesspointobject"]);
        const getItem = act("dynamodb:GetItem", ["table"]);
        const queryIndex = act("dynamodb:Query", ["index"]);
        const logsWrite = act("logs:PutLogEvents", ["log-stream"], ["Write"]);
        const logsList = act("logs:DescribeLogGroups", [], ["List"]);

        const cases: [string, ActionInfo, boolean][] = [
            ["*", getObject, true],
            ["not-an-arn", getObject, true],
            ["arn:*:s3:::bucket", getObject, true],
            ["arn:aws:s*:::bucket", putNotification, true],
            ["arn:aws:dynamodb:us-east-1:123456789012:table/t", getObject, false],
            ["arn:aws:S3:::bucket/key", getObject, true],
            ["arn:aws:logs:us-east-1:123456789012:log-group:g", logsList, false],
            ["arn:aws:logs:us-east-1:123456789012:log-group:g:log-stream:s", logsWrite, true],
            ["arn:aws:s3:::bucket", logsWrite, false],
            ["arn:aws:iam:::bucket/key", getObject, false],
            ["arn:aws:logs:us-east-1:123456789012:table/t", logsWrite, true],
            // S3 objects and buckets: no region, no account.
            ["arn:aws:s3:::bucket/key", getObject, true],
            ["arn:aws:s3:::bucket", getObject, false],
            ["arn:aws:s3:::bucket*", getObject, true],
            ["arn:aws:s3:us-east-1:123456789012:bucket/key", getObject, false],
            ["arn:aws:s3:us-east-1::bucket/key", getObject, false],
            ["arn:aws:s3::123456789012:bucket/key", getObject, false],
            ["arn:aws:s3:*:123456789012:bucket/key", getObject, true],
            ["arn:aws:s3:us-east-1:*:bucket/key", getObject, true],
            ["arn:aws:s3:::bucket", putNotification, true],
            ["arn:aws:s3:::bucket/key", putNotification, false],
            ["arn:aws:s3:us-east-1:123456789012:bucket", putNotification, false],
            // Access points, jobs and the rest: regional.
            ["arn:aws:s3:us-east-1:123456789012:accesspoint/ap", getAccessPointPolicy, true],
            ["arn:aws:s3:us-east-1:123456789012:job/j", getAccessPointPolicy, false],
            ["arn:aws:s3:us-east-1:123456789012:accesspoint*", getAccessPointPolicy, true],
            ["arn:aws:s3:::bucket", getAccessPointPolicy, false],
            ["arn:aws:s3:us-east-1:123456789012:job/j", describeJob, true],
            ["arn:aws:s3:us-east-1::job/j", describeJob, true],
            ["arn:aws:s3::123456789012:job/j", describeJob, true],
            ["arn:aws:s3:::job/j", describeJob, false],
            ["arn:aws:s3::123456789012:job/j", multiRegion, true],
            ["arn:aws:s3:us-east-1:123456789012:job/j", apObjectOnly, false],
            ["arn:aws:s3:us-east-1:123456789012:accesspoint/ap/object/k", apObjectOnly, true],
            // DynamoDB: tables, their indexes, streams, backups, exports and imports.
            ["arn:aws:dynamodb:us-east-1:123456789012:table/t", getItem, true],
            ["arn:aws:dynamodb:us-east-1:123456789012:table/t/index/i", getItem, false],
            ["arn:aws:dynamodb:us-east-1:123456789012:table/t/stream/s", getItem, false],
            ["arn:aws:dynamodb:us-east-1:123456789012:table/t/index/*", getItem, true],
            ["arn:aws:dynamodb:us-east-1:123456789012:table/tt/index/i", queryIndex, true],
            ["arn:aws:dynamodb:us-east-1:123456789012:table/t", queryIndex, false],
            ["arn:aws:dynamodb:us-east-1:123456789012:global-table/t", getItem, true],
            ["arn:aws:dynamodb:us-east-1:123456789012:global-table/t", queryIndex, true],
            ["arn:aws:dynamodb:us-east-1:123456789012:other/table/t/index/i", getItem, true],
        ];
        for (const [resource, action, expected] of cases) {
            it(`${resource} for ${action.action} (${action.resourceTypes.join(", ") || "no resource types"}): ${expected}`, () => {
                assert.equal(relevant(resource, action), expected);
            });
        }
    });

    it("s3Object splits an object ARN into bucket ARN and key, and nothing else", () => {
        assert.deepEqual(s3Object("arn:aws:s3:::bucket/private/a/b"), { bucketArn: "arn:aws:s3:::bucket", key: "private/a/b" });
        assert.deepEqual(s3Object("arn:aws-cn:s3:::bucket/k"), { bucketArn: "arn:aws-cn:s3:::bucket", key: "k" });
        assert.deepEqual(s3Object("arn:aws:s3:::bucket/"), { bucketArn: "arn:aws:s3:::bucket", key: "" });
        assert.equal(s3Object("arn:aws:s3:::bucket"), undefined);
        assert.equal(s3Object("xarn:aws:s3:::bucket/k"), undefined);
        assert.equal(s3Object("arn:aws:s3:::bucket/k\nmore"), undefined);
        assert.equal(s3Object("arn:aws:s3:us-east-1:123456789012:accesspoint/ap"), undefined);
    });

    describe("prefixConfined", () => {
        const allowed = (p: string): boolean => p.startsWith("public/");

        it("is confined by any positive operator whose values are all allowed", () => {
            for (const operator of ["StringEquals", "StringLike", "ForAnyValue:StringEquals", "ForAnyValue:StringLike"]) {
                assert.deepEqual(prefixConfined(statement({ [operator]: { "s3:prefix": ["public/a", "public/b*"] } }), allowed), { ok: true, shown: '["public/a","public/b*"]' }, operator);
            }
        });

        it("is not confined by one disallowed value, a negative or absent-true operator, an empty list or no condition", () => {
            assert.deepEqual(prefixConfined(statement({ StringLike: { "s3:prefix": ["public/*", "private/*"] } }), allowed), { ok: false, shown: '["public/*","private/*"]' });
            assert.deepEqual(prefixConfined(statement({ StringNotLike: { "s3:prefix": ["public/*"] } }), allowed), { ok: false, shown: '["public/*"]' });
            assert.deepEqual(prefixConfined(statement({ "ForAllValues:StringLike": { "s3:prefix": ["public/*"] } }), allowed), { ok: false, shown: '["public/*"]' });
            assert.deepEqual(prefixConfined(statement({ StringLikeIfExists: { "s3:prefix": ["public/*"] } }), allowed), { ok: false, shown: '["public/*"]' });
            assert.deepEqual(prefixConfined(statement({ StringEquals: { "s3:prefix": [] } }), allowed), { ok: false, shown: "[]" });
            assert.deepEqual(prefixConfined(statement({}), allowed), { ok: false, shown: "the whole bucket" });
        });

        it("is confined when one of two ANDed conditions is", () => {
            const s = statement({ StringNotLike: { "s3:prefix": ["x"] }, StringLike: { "s3:prefix": ["public/*"] } });
            assert.deepEqual(prefixConfined(s, allowed), { ok: true, shown: '["x","public/*"]' });
        });
    });

    it("listed shows up to max values and counts the rest", () => {
        assert.equal(listed(["a", "b", "c"]), "a, b, c");
        assert.equal(listed(["a", "b", "c", "d", "e"]), "a, b, c and 2 more");
        assert.equal(listed(["a", "b"], 1), "a and 1 more");
        assert.equal(listed([]), "");
    });

    it("parseGrants reads `<action> <resource>` with any blanks around and between", () => {
        assert.deepEqual(parseGrants(["  s3:GetObject \t arn:aws:s3:::b/*  ", "s3:ListBucket", ""]), [
            { action: "s3:GetObject", resource: "arn:aws:s3:::b/*" },
            { action: "s3:ListBucket", resource: "" },
            { action: "", resource: "" },
        ]);
    });

    describe("extraGrantCovers", () => {
        const getObject = act("s3:GetObject", ["object"]);

        it("covers an action and resource both matched by one grant, the action in any case", () => {
            assert.equal(extraGrantCovers([{ action: "S3:get*", resource: "arn:aws:s3:::b/public/*" }], getObject, "arn:aws:s3:::b/public/x"), true);
            assert.equal(extraGrantCovers([{ action: "s3:PutObject", resource: "*" }, { action: "s3:GetObject", resource: "arn:aws:s3:::b/?" }], getObject, "arn:aws:s3:::b/x"), true);
        });

        it("does not cover another action, another resource, or anything for a grant without a resource", () => {
            assert.equal(extraGrantCovers([{ action: "s3:PutObject", resource: "arn:aws:s3:::b/*" }], getObject, "arn:aws:s3:::b/x"), false);
            assert.equal(extraGrantCovers([{ action: "s3:GetObject", resource: "arn:aws:s3:::b/public/*" }], getObject, "arn:aws:s3:::b/private/x"), false);
            assert.equal(extraGrantCovers([{ action: "s3:GetObject", resource: "" }], getObject, ""), false);
            assert.equal(extraGrantCovers([], getObject, "arn:aws:s3:::b/x"), false);
        });
    });

    describe("identityForbidden", () => {
        const cases: [string, string | undefined][] = [
            ["iam:PassRole", "is an IAM action (a signed-in user could change roles and policies)"],
            ["sts:AssumeRole", "is an STS action (a signed-in user could assume or tag other sessions)"],
            ["cognito-idp:AdminAddUserToGroup", "is a Cognito admin action (a signed-in user could add themselves to a group or change other users)"],
            ["cognito-idp:GetUser", undefined],
            ["s3:PutBucketPolicy", "manages permissions (AWS access level Permissions management), a privilege escalation"],
            ["dynamodb:PartiQLSelect", "runs PartiQL statements, which read or write without the partition key"],
            ["dynamodb:ExportTableToPointInTime", "copies data out of reach of the per-identity conditions (an export)"],
            ["dynamodb:RestoreTableFromBackup", "copies data out of reach of the per-identity conditions (an export)"],
            ["s3:PutBucketNotification", "copies data out of reach of the per-identity conditions (an export)"],
            ["s3:PutReplicationConfiguration", "copies data out of reach of the per-identity conditions (an export)"],
            ["dynamodb:GetItem", undefined],
            ["s3:GetObject", undefined],
        ];
        for (const [action, why] of cases) {
            it(`${action}: ${why ?? "allowed to identities"}`, async () => {
                const [info] = await expandActionPattern(action);
                assert.equal(identityForbidden(info), why);
            });
        }
    });
});
