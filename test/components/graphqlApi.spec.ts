import * as assert from "node:assert/strict";
import { clientIdPattern, fieldArn, GRAPHQL_OPERATIONS, GraphqlApi, GraphqlApiArgs, iamFields, validateGraphqlApiArgs } from "../../components/graphqlApi";
import { formatIssue, ValidationError } from "../../components/issues";
import { graphqlSource } from "../../graphql/bundle";
import { named, output } from "../helpers/plans";
import { ACCOUNT, build, Recording, record, REGION } from "../helpers/record";

const POOL_ID = `${REGION}_AbCdEf123`;
const ISSUER = `https://cognito-idp.${REGION}.amazonaws.com/${POOL_ID}`;
const IDENTITY_POOL = `${REGION}:11111111-2222-4333-8444-555555555555`;
const TABLE_ARN = `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/items`;
const T = {
    api: "aws:appsync/graphQLApi:GraphQLApi",
    dataSource: "aws:appsync/dataSource:DataSource",
    resolver: "aws:appsync/resolver:Resolver",
    role: "aws:iam/role:Role",
    rolePolicy: "aws:iam/rolePolicy:RolePolicy",
    logGroup: "aws:cloudwatch/logGroup:LogGroup",
};

const args: GraphqlApiArgs = {
    source: graphqlSource,
    userPoolId: POOL_ID,
    userPoolIssuer: ISSUER,
    appClientIds: ["client1", "client2"],
    identityPoolId: IDENTITY_POOL,
    table: { name: "items", arn: TABLE_ARN, partitionKey: "identityId", sortKey: "itemId" },
    authenticatedRoles: { authenticated: "auth-role", "group-admins": "admins-role" },
    guestRole: "guest-role",
    adminGroups: ["admins", "ops"],
    logRetentionDays: 90,
};

const doc = (policy: string): unknown => JSON.parse(policy);
const messages = (a: Parameters<typeof validateGraphqlApiArgs>[0], groups?: string[]) => validateGraphqlApiArgs(a, { groups }).map((i) => formatIssue(i));

describe("GraphqlApi", () => {
    let rec: Recording;
    let apiId: string, apiArn: string;

    before(async () => {
        ({ ...rec } = await build(() => new GraphqlApi("graphql", args), "dev"));
        const api = named(rec, T.api, "graphql");
        [apiId, apiArn] = [output(api, "id"), output(api, "arn")];
    });

    it("creates exactly the API's resources", () => {
        const names = rec.resources.filter((r) => r.parent?.endsWith("::graphql")).map((r) => `${r.type} ${r.name}`);
        assert.deepEqual(names.sort(), [
            `${T.api} graphql`,
            `${T.dataSource} graphql-caller`,
            `${T.dataSource} graphql-items`,
            `${T.logGroup} graphql-logs`,
            `${T.resolver} graphql-mutation-deleteitem`,
            `${T.resolver} graphql-mutation-putitem`,
            `${T.resolver} graphql-query-item`,
            `${T.resolver} graphql-query-items`,
            `${T.resolver} graphql-query-me`,
            `${T.resolver} graphql-query-useritems`,
            `${T.role} graphql-data-role`,
            `${T.role} graphql-logs-role`,
            `${T.rolePolicy} graphql-authenticated-policy`,
            `${T.rolePolicy} graphql-data-policy`,
            `${T.rolePolicy} graphql-group-admins-policy`,
            `${T.rolePolicy} graphql-guest-policy`,
            `${T.rolePolicy} graphql-logs-policy`,
        ].sort());
    });

    it("authorizes this pool's app clients by default and IAM as the only other mode, with no API key", () => {
        const api = named(rec, T.api, "graphql").props;
        assert.equal(api.name, "cognito_stack_dev_graphql");
        assert.equal(api.authenticationType, "AMAZON_COGNITO_USER_POOLS");
        assert.deepEqual(api.userPoolConfig, { userPoolId: POOL_ID, appIdClientRegex: "^(?:client1|client2)$", defaultAction: "ALLOW" });
        assert.deepEqual(api.additionalAuthenticationProviders, [{ authenticationType: "AWS_IAM" }]);
        assert.equal(rec.resources.some((r) => r.type === "aws:appsync/apiKey:ApiKey"), false);
        assert.equal(api.xrayEnabled, false);
        assert.equal(api.queryDepthLimit, 10);
        assert.match(api.schema, /userItems\(owner: ID!, limit: Int, nextToken: String\): ItemPage! @aws_cognito_user_pools\(cognito_groups: \["admins","ops"\]\)/);
    });

    it("logs fields at ERROR without verbose content, to a log group of its own with retention", () => {
        const api = named(rec, T.api, "graphql").props;
        const logsRole = named(rec, T.role, "graphql-logs-role");
        assert.deepEqual(api.logConfig, { cloudwatchLogsRoleArn: output(logsRole, "arn"), fieldLogLevel: "ERROR", excludeVerboseContent: true });
        const group = named(rec, T.logGroup, "graphql-logs");
        assert.deepEqual([group.props.name, group.props.retentionInDays], [`/aws/appsync/apis/${apiId}`, 90]);
        const groupArn = `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/appsync/apis/${apiId}`;
        assert.deepEqual(doc(named(rec, T.rolePolicy, "graphql-logs-policy").props.policy), {
            Version: "2012-10-17",
            Statement: [
                { Sid: "LogGroup", Effect: "Allow", Action: "logs:CreateLogGroup", Resource: groupArn },
                { Sid: "LogEvents", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: `${groupArn}:log-stream:*` },
            ],
        });
    });

    it("lets AppSync assume its roles for APIs of this account only", () => {
        for (const role of ["graphql-logs-role", "graphql-data-role"]) {
            assert.deepEqual(doc(named(rec, T.role, role).props.assumeRolePolicy), {
                Version: "2012-10-17",
                Statement: [
                    {
                        Effect: "Allow",
                        Principal: { Service: "appsync.amazonaws.com" },
                        Action: "sts:AssumeRole",
                        Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT }, ArnLike: { "aws:SourceArn": `arn:aws:appsync:${REGION}:${ACCOUNT}:apis/*` } },
                    },
                ],
            });
        }
    });

    it("gives the data source item reads and writes on the table only", () => {
        const dataRole = named(rec, T.role, "graphql-data-role");
        assert.equal(named(rec, T.rolePolicy, "graphql-data-policy").props.role, output(dataRole, "id"));
        assert.deepEqual(doc(named(rec, T.rolePolicy, "graphql-data-policy").props.policy), {
            Version: "2012-10-17",
            Statement: [{ Sid: "Items", Effect: "Allow", Action: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem", "dynamodb:Query"], Resource: TABLE_ARN }],
        });
        const items = named(rec, T.dataSource, "graphql-items");
        assert.deepEqual(
            { apiId: items.props.apiId, name: items.props.name, type: items.props.type, dynamodbConfig: items.props.dynamodbConfig, serviceRoleArn: items.props.serviceRoleArn },
            { apiId, name: "items", type: "AMAZON_DYNAMODB", dynamodbConfig: { tableName: "items" }, serviceRoleArn: output(dataRole, "arn") },
        );
        assert.ok(items.dependencies.includes(named(rec, T.rolePolicy, "graphql-data-policy").urn), "the data source waits for its role's policy");
        const caller = named(rec, T.dataSource, "graphql-caller");
        assert.deepEqual([caller.props.name, caller.props.type, caller.props.serviceRoleArn], ["caller", "NONE", undefined]);
    });

    it("resolves every operation with its APPSYNC_JS unit resolver, the stack's settings bundled in", () => {
        for (const op of GRAPHQL_OPERATIONS) {
            const r = named(rec, T.resolver, `graphql-${op.type.toLowerCase()}-${op.field.toLowerCase()}`).props;
            assert.deepEqual(
                { apiId: r.apiId, type: r.type, field: r.field, kind: r.kind, dataSource: r.dataSource, runtime: r.runtime },
                { apiId, type: op.type, field: op.field, kind: "UNIT", dataSource: op.dataSource, runtime: { name: "APPSYNC_JS", runtimeVersion: "1.0.0" } },
            );
            assert.match(r.code, /^export \{/m);
            if (r.code.includes("IDENTITY_POOL_ID")) assert.ok(r.code.includes(`IDENTITY_POOL_ID = "${IDENTITY_POOL}"`), op.field);
            if (r.code.includes("USER_POOL_ISSUER")) assert.ok(r.code.includes(`USER_POOL_ISSUER = "${ISSUER}"`), op.field);
        }
        assert.ok(named(rec, T.resolver, "graphql-query-useritems").props.code.includes('ADMIN_GROUPS = ["admins", "ops"]'));
    });

    it("lets each identity-pool role call only the fields meant for it", () => {
        const arn = (f: string) => `${apiArn}/types/${f.replace(".", "/fields/")}`;
        const grant = (name: string) => named(rec, T.rolePolicy, name).props;
        const signedIn = ["Query.me", "Query.item", "Query.items", "Mutation.putItem", "Mutation.deleteItem"].map(arn);
        for (const [name, role] of [["graphql-authenticated-policy", "auth-role"], ["graphql-group-admins-policy", "admins-role"]]) {
            assert.equal(grant(name).role, role);
            assert.deepEqual(doc(grant(name).policy), { Version: "2012-10-17", Statement: [{ Sid: "GraphqlFields", Effect: "Allow", Action: "appsync:GraphQL", Resource: signedIn }] });
        }
        assert.equal(grant("graphql-guest-policy").role, "guest-role");
        assert.deepEqual(doc(grant("graphql-guest-policy").policy), { Version: "2012-10-17", Statement: [{ Sid: "GraphqlFields", Effect: "Allow", Action: "appsync:GraphQL", Resource: [arn("Query.me")] }] });
    });

    it("has no guest grant without a guest role, and takes the settings given", async () => {
        const { ...other } = await build(() => new GraphqlApi("g", { ...args, guestRole: undefined, fieldLogLevel: "ALL", xrayEnabled: true, queryDepthLimit: 75 }), "prod");
        assert.equal(other.resources.some((r) => r.name === "g-guest-policy"), false);
        const api = named(other, T.api, "g").props;
        assert.deepEqual([api.logConfig.fieldLogLevel, api.xrayEnabled, api.queryDepthLimit], ["ALL", true, 75]);
    });

    it("names fields and clients exactly", () => {
        assert.deepEqual([iamFields("guests"), iamFields("signed-in")], [["Query.me"], ["Query.me", "Query.item", "Query.items", "Mutation.putItem", "Mutation.deleteItem"]]);
        assert.equal(fieldArn("arn:aws:appsync:eu-west-1:1:apis/x", "Mutation.putItem"), "arn:aws:appsync:eu-west-1:1:apis/x/types/Mutation/fields/putItem");
        assert.equal(clientIdPattern(["a1", "b.2"]), "^(?:a1|b\\.2)$");
    });
});

describe("validateGraphqlApiArgs", () => {
    it("accepts the defaults and the limits", () => {
        assert.deepEqual(messages({}), []);
        assert.deepEqual(messages({ queryDepthLimit: 1, logRetentionDays: 3653, adminGroups: ["admins"] }, ["admins"]), []);
        assert.deepEqual(messages({ queryDepthLimit: 75, fieldLogLevel: "ALL" }), []);
    });

    it("reports every problem, each with the value and a fix", () => {
        assert.deepEqual(messages({ adminGroups: [], fieldLogLevel: "NONE" as never, queryDepthLimit: 76, logRetentionDays: 45, authenticatedRoles: { guest: "r" } }), [
            'adminGroups must name at least one group (the admin query is for them alone) (received: []). Fix: name the administrators\' group, e.g. ["admins"]',
            'fieldLogLevel must be ERROR or ALL (field logs stay on) (received: "NONE"). Fix: use ERROR',
            "queryDepthLimit must be a whole number from 1 to 75 (AppSync's limit) (received: 76). Fix: use 10",
            "logRetentionDays must be one of CloudWatch's retention values 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653 (received: 45). Fix: choose the nearest allowed value, e.g. 30 or 365",
            'authenticatedRoles must not use the key guest (the guest role\'s grant has it) (received: ["guest"]). Fix: use another key, e.g. group-guest',
        ]);
        assert.deepEqual(messages({ queryDepthLimit: 0 }), ["queryDepthLimit must be a whole number from 1 to 75 (AppSync's limit) (received: 0). Fix: use 10"]);
        assert.deepEqual(messages({ queryDepthLimit: 2.5 }), ["queryDepthLimit must be a whole number from 1 to 75 (AppSync's limit) (received: 2.5). Fix: use 10"]);
    });

    it("names an admin group the pool does not have", () => {
        assert.deepEqual(messages({ adminGroups: ["root"] }, ["admins", "members"]), ['adminGroups names group root, which is not a group of the pool (received: "root"). Fix: add root to groups or use one of admins, members']);
    });

    it("makes the component fail with every problem", () => {
        record();
        assert.throws(
            () => new GraphqlApi("bad", { ...args, queryDepthLimit: 0, adminGroups: [] }),
            (e: unknown) =>
                e instanceof ValidationError &&
                e.message ===
                    [
                        "GraphqlApi bad has 2 problems:",
                        '  - GraphqlApiArgs.adminGroups must name at least one group (the admin query is for them alone) (received: []). Fix: name the administrators\' group, e.g. ["admins"]',
                        "  - GraphqlApiArgs.queryDepthLimit must be a whole number from 1 to 75 (AppSync's limit) (received: 0). Fix: use 10",
                    ].join("\n"),
        );
    });
});
