/**
 * The pack against an attacker editing the real plans' GraphQL API: other authorization modes, a
 * second pool, wildcard field ARNs, a data source role with *, logging off, data sources reaching
 * outside the stack; and the secure rewrites that mean the same and must pass. Also the advisory
 * on confidential clients that do not propagate user context data.
 */
import * as assert from "node:assert/strict";
import type { Plan } from "../../tools/planTypes";
import { graphqlApiAuthorization, graphqlApiLogging, graphqlDataSources, graphqlUserPoolBinding } from "../../policies/appsync";
import { runPolicyPack } from "../../policies/runner";
import { readStackConfig } from "../../tools/check";
import { named, realPlan } from "../helpers/plans";
import * as fx from "./fixtures";
import { PolicyDocument, T, clonePlan, editDocument, setProp } from "./mutate";
import { Mutation, Variant, addResource, added, describeMutations, describeSecureRewrites, ids, out, planTimeout, show, statement } from "./variants";

const G = {
    api: "aws:appsync/graphQLApi:GraphQLApi",
    dataSource: "aws:appsync/dataSource:DataSource",
    logGroup: "aws:cloudwatch/logGroup:LogGroup",
    association: "aws:wafv2/webAclAssociation:WebAclAssociation",
} as const;
const otherAccount = "999999999999";
const otherPool = "us-east-1_Other1234";

const apiArn = (p: Plan): string => out(p, G.api, "graphql", "arn");
const field = (p: Plan, f: string): string => `${apiArn(p)}/types/${f.replace(".", "/fields/")}`;
const clientId = (p: Plan): string => out(p, T.client, "auth-client-web", "id");
const api = (p: Plan, key: string, value: unknown): unknown => setProp(p, G.api, "graphql", key, value);
const grants = (p: Plan, policy: string, edit: (d: PolicyDocument) => void): unknown => editDocument(p, T.rolePolicy, policy, "policy", edit);
const fields = (d: PolicyDocument) => statement(d, "GraphqlFields");
const dataPolicy = (p: Plan, edit: (d: PolicyDocument) => void): unknown => grants(p, "graphql-data-policy", edit);
const allow = (action: string | string[], resource: string | string[]) => ({ Effect: "Allow", Action: action, Resource: resource });
const appsyncTrust = (condition?: Record<string, Record<string, unknown>>) =>
    JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "appsync.amazonaws.com" }, Action: "sts:AssumeRole", ...(condition ? { Condition: condition } : {}) }] });

const authorization: Mutation[] = [
    { title: "API_KEY as the default mode", mutate: (p) => api(p, "authenticationType", "API_KEY"), policy: "appsync-api-authorization", message: /^authenticationType is API_KEY: anyone holding the key \(it ships in every client\) calls the API as nobody in particular\. Use AMAZON_COGNITO_USER_POOLS or AWS_IAM/ },
    { title: "API_KEY as an additional mode", mutate: (p) => api(p, "additionalAuthenticationProviders", [{ authenticationType: "AWS_IAM" }, { authenticationType: "API_KEY" }]), policy: "appsync-api-authorization", message: /^additionalAuthenticationProviders\[1\]\.authenticationType is API_KEY/ },
    { title: "an OIDC issuer as an additional mode", mutate: (p) => api(p, "additionalAuthenticationProviders", [{ authenticationType: "OPENID_CONNECT", openidConnectConfig: { issuer: "https://evil.example.com" } }]), policy: "appsync-api-authorization", message: /^additionalAuthenticationProviders\[0\]\.authenticationType is OPENID_CONNECT: tokens of an issuer other than this stack's user pool are accepted/, policies: ["appsync-api-authorization", "appsync-user-pool-binding"] },
    { title: "an OIDC mode naming this stack's pool but any client", mutate: (p) => api(p, "additionalAuthenticationProviders", [{ authenticationType: "AWS_IAM" }, { authenticationType: "OPENID_CONNECT", openidConnectConfig: { issuer: `https://cognito-idp.us-east-1.amazonaws.com/${ids(p).poolId}`, clientId: ".*" } }]), policy: "appsync-user-pool-binding", message: /additionalAuthenticationProviders\[1\] accepts tokens for client "\.\*", not only app clients of that pool in this stack/, policies: ["appsync-api-authorization", "appsync-user-pool-binding"] },
    { title: "a Lambda authorizer as an additional mode", mutate: (p) => api(p, "additionalAuthenticationProviders", [{ authenticationType: "AWS_IAM" }, { authenticationType: "AWS_LAMBDA", lambdaAuthorizerConfig: { authorizerUri: "arn:aws:lambda:us-east-1:999999999999:function:allow-all" } }]), policy: "appsync-api-authorization", message: /^additionalAuthenticationProviders\[1\]\.authenticationType is AWS_LAMBDA: a function decides who passes/ },
    { title: "a mode spelt in lower case", mutate: (p) => api(p, "authenticationType", "amazon_cognito_user_pools"), policy: "appsync-api-authorization", message: /^authenticationType is amazon_cognito_user_pools: it is not a mode this stack allows/ },
    { title: "an API key resource beside the API", mutate: (p) => addResource(p, "aws:appsync/apiKey:ApiKey", "graphql-key", { apiId: out(p, G.api, "graphql", "id"), expires: "2030-01-01T00:00:00Z" }), policy: "appsync-api-authorization", message: /^An API key for API \w+ lets anyone holding it call the API/ },
    { title: "a merged API", mutate: (p) => api(p, "apiType", "MERGED"), policy: "appsync-api-authorization", message: /^apiType is MERGED: a merged API serves the fields of other APIs/ },
    { title: "a second user pool as an additional mode", mutate: (p) => api(p, "additionalAuthenticationProviders", [{ authenticationType: "AWS_IAM" }, { authenticationType: "AMAZON_COGNITO_USER_POOLS", userPoolConfig: { userPoolId: otherPool } }]), policy: "appsync-user-pool-binding", message: /^GraphQL API "graphql" additionalAuthenticationProviders\[1\] trusts user pool us-east-1_Other1234, not a pool of this stack/ },
    { title: "another pool as the default mode", mutate: (p) => api(p, "userPoolConfig.userPoolId", otherPool), policy: "appsync-user-pool-binding", message: /^GraphQL API "graphql" default mode trusts user pool us-east-1_Other1234/ },
    { title: "the user-pool mode without a userPoolConfig", mutate: (p) => api(p, "userPoolConfig", undefined), policy: "appsync-user-pool-binding", message: /uses AMAZON_COGNITO_USER_POOLS without a userPoolConfig\.userPoolId/ },
    { title: "every app client of the pool (no appIdClientRegex)", mutate: (p) => api(p, "userPoolConfig.appIdClientRegex", undefined), policy: "appsync-user-pool-binding", message: /accepts tokens of every app client of pool us-east-1_\w+, also clients created outside this stack/ },
    { title: "appIdClientRegex .*", mutate: (p) => api(p, "userPoolConfig.appIdClientRegex", ".*"), policy: "appsync-user-pool-binding", message: /has appIdClientRegex "\.\*", which is not a plain anchored list of client ids/ },
    { title: "an unanchored client id", mutate: (p) => api(p, "userPoolConfig.appIdClientRegex", clientId(p)), policy: "appsync-user-pool-binding", message: /which is not a plain anchored list of client ids/ },
    { title: "a client id anchored at one end", mutate: (p) => api(p, "userPoolConfig.appIdClientRegex", `^${clientId(p)}|^evil$`), policy: "appsync-user-pool-binding", message: /which is not a plain anchored list of client ids/ },
    { title: "a client of another stack in appIdClientRegex", mutate: (p) => api(p, "userPoolConfig.appIdClientRegex", `^(?:${clientId(p)}|evilclient0123456789abcdef)$`), policy: "appsync-user-pool-binding", message: /admits evilclient0123456789abcdef, not app clients of pool us-east-1_\w+ in this stack/ },
    { title: "the pool's region named wrong", mutate: (p) => api(p, "userPoolConfig.awsRegion", "eu-west-1"), policy: "appsync-user-pool-binding", message: /names awsRegion eu-west-1, but pool us-east-1_\w+ lives in us-east-1/ },
];

const iamFields: Mutation[] = [
    { title: "signed-in users on every field of the API", mutate: (p) => grants(p, "graphql-authenticated-policy", (d) => void (fields(d).Resource = `${apiArn(p)}/*`)), policy: "iam-authenticated-role-scoping", message: /lets every signed-in user call appsync:GraphQL on arn:aws:appsync:us-east-1:\d+:apis\/\w+\/\*, which is not a field of this stack's GraphQL API on their list/ },
    { title: "signed-in users on the whole API ARN", mutate: (p) => grants(p, "graphql-authenticated-policy", (d) => void (fields(d).Resource = apiArn(p))), policy: "iam-authenticated-role-scoping", message: /call appsync:GraphQL on arn:aws:appsync:us-east-1:\d+:apis\/\w+, which is not a field/ },
    { title: "signed-in users on every Query field", mutate: (p) => grants(p, "graphql-authenticated-policy", (d) => void (fields(d).Resource = `${apiArn(p)}/types/Query/fields/*`)), policy: "iam-authenticated-role-scoping", message: /appsync:GraphQL on .*\/types\/Query\/fields\/\*, which is not a field/ },
    { title: "signed-in users on a field pattern (item*)", mutate: (p) => grants(p, "graphql-authenticated-policy", (d) => void (fields(d).Resource = `${apiArn(p)}/types/Query/fields/item*`)), policy: "iam-authenticated-role-scoping", message: /appsync:GraphQL on .*\/fields\/item\*, which is not a field/ },
    { title: "signed-in users on the admin query", mutate: (p) => grants(p, "graphql-authenticated-policy", (d) => void (fields(d).Resource as string[]).push(field(p, "Query.userItems"))), policy: "iam-authenticated-role-scoping", message: /lets every signed-in user call Query\.userItems \(arn:aws:appsync:.*\/types\/Query\/fields\/userItems\), which is not a field of this stack's GraphQL API on their list/ },
    { title: "the admins' group role on the admin query", mutate: (p) => grants(p, "graphql-group-admins-policy", (d) => void (fields(d).Resource = [field(p, "Query.userItems")])), policy: "iam-authenticated-role-scoping", message: /^RolePolicy "graphql-group-admins-policy" .*call Query\.userItems/ },
    { title: "a field of another account's API", mutate: (p) => grants(p, "graphql-authenticated-policy", (d) => void (fields(d).Resource = `arn:aws:appsync:us-east-1:${otherAccount}:apis/abcdefghijklmnopqrstuvwxyz/types/Query/fields/item`)), policy: "iam-authenticated-role-scoping", message: /appsync:GraphQL on arn:aws:appsync:us-east-1:999999999999:apis\/abcdefghijklmnopqrstuvwxyz\/types\/Query\/fields\/item, which is not a field/ },
    { title: "appsync:GraphQL on *", mutate: (p) => grants(p, "graphql-authenticated-policy", (d) => void (fields(d).Resource = "*")), policy: "iam-authenticated-role-scoping", message: /call appsync:GraphQL on \*, which is not a field/ },
    { title: "appsync:* on the fields", mutate: (p) => grants(p, "graphql-authenticated-policy", (d) => void (fields(d).Action = "appsync:*")), policy: "iam-authenticated-role-scoping", message: /grants appsync:\* to every signed-in user: list the actions the app needs/ },
    { title: "changing the API (its authorization modes)", mutate: (p) => grants(p, "graphql-authenticated-policy", (d) => void d.Statement.push(allow("appsync:UpdateGraphqlApi", apiArn(p)))), policy: "iam-authenticated-role-scoping", message: /grants appsync:UpdateGraphqlApi on arn:aws:appsync:us-east-1:\d+:apis\/\w+ to every signed-in user, outside their allow-list/ },
    { title: "creating API keys (an action granted on * only)", mutate: (p) => grants(p, "graphql-authenticated-policy", (d) => void d.Statement.push(allow("appsync:CreateApiKey", "*"))), policy: "iam-authenticated-role-scoping", message: /grants appsync:CreateApiKey on \* to every signed-in user, outside their allow-list/ },
    { title: "guests on a signed-in field", stack: "dev", mutate: (p) => grants(p, "graphql-guest-policy", (d) => void (fields(d).Resource as string[]).push(field(p, "Query.item"))), policy: "iam-guest-role-limits", message: /lets guests call Query\.item \(.*\), which is not on their list of GraphQL fields \(Query\.me\)/ },
    { title: "guests writing through a mutation", stack: "dev", mutate: (p) => grants(p, "graphql-guest-policy", (d) => void (fields(d).Resource = [field(p, "Mutation.putItem")])), policy: "iam-guest-role-limits", message: /lets guests call Mutation\.putItem/ },
    { title: "guests on every field", stack: "dev", mutate: (p) => grants(p, "graphql-guest-policy", (d) => void (fields(d).Resource = `${apiArn(p)}/*`)), policy: "iam-guest-role-limits", message: /grants the guest role resource arn:aws:appsync:.*\/\*: name this stack's buckets or tables, or fields of this stack's GraphQL API/ },
    { title: "guests with appsync:*", stack: "dev", mutate: (p) => grants(p, "graphql-guest-policy", (d) => void (fields(d).Action = "appsync:*")), policy: "iam-guest-role-limits", message: /grants the guest role appsync:\*, a service outside s3/ },
];

const roles: Mutation[] = [
    { title: "the data source role on every table (*)", mutate: (p) => dataPolicy(p, (d) => void (statement(d, "Items").Resource = "*")), policy: "iam-service-role-permissions", message: /grants dynamodb:GetItem, dynamodb:PutItem, dynamodb:DeleteItem and 1 more on \* to the AppSync service role "graphql-data-role": name the resources/ },
    { title: "the data source role scanning the table", mutate: (p) => dataPolicy(p, (d) => void (statement(d, "Items").Action as string[]).push("dynamodb:Scan")), policy: "iam-service-role-permissions", message: /grants dynamodb:Scan to the AppSync service role "graphql-data-role", which needs only CloudWatch Logs writes and DynamoDB item actions/ },
    { title: "the data source role with dynamodb:*", mutate: (p) => dataPolicy(p, (d) => void (statement(d, "Items").Action = "dynamodb:*")), policy: "iam-service-role-permissions", message: /grants dynamodb:\* to the AppSync service role "graphql-data-role": list the actions it needs/ },
    { title: "the data source role deleting the table", mutate: (p) => dataPolicy(p, (d) => void d.Statement.push(allow("dynamodb:DeleteTable", ids(p).tableArn))), policy: "iam-service-role-permissions", message: /grants dynamodb:DeleteTable to the AppSync service role/ },
    { title: "the data source role on a table of another account", mutate: (p) => dataPolicy(p, (d) => void (statement(d, "Items").Resource = `arn:aws:dynamodb:us-east-1:${otherAccount}:table/loot`)), policy: "iam-service-role-permissions", message: /grants the AppSync service role "graphql-data-role" arn:aws:dynamodb:us-east-1:999999999999:table\/loot in account 999999999999/ },
    { title: "the data source role on a table this stack does not declare", mutate: (p) => dataPolicy(p, (d) => void (statement(d, "Items").Resource = `arn:aws:dynamodb:us-east-1:${ids(p).account}:table/billing`)), policy: "iam-service-role-permissions", message: /table\/billing, which this stack does not declare/ },
    { title: "AdministratorAccess on the data source role", mutate: (p) => addResource(p, T.rolePolicyAttachment, "graphql-data-admin", { role: out(p, T.role, "graphql-data-role", "name"), policyArn: "arn:aws:iam::aws:policy/AdministratorAccess" }), policy: "iam-service-role-permissions", message: /attaches arn:aws:iam::aws:policy\/AdministratorAccess to the AppSync service role "graphql-data-role", an admin policy/ },
    { title: "the logging role reading S3", mutate: (p) => grants(p, "graphql-logs-policy", (d) => void d.Statement.push(allow("s3:GetObject", `${ids(p).bucketArn}/*`))), policy: "iam-service-role-permissions", message: /grants s3:GetObject to the AppSync service role "graphql-logs-role", which needs only/ },
    { title: "an AppSync role any account's API may assume", mutate: (p) => setProp(p, T.role, "graphql-data-role", "assumeRolePolicy", appsyncTrust()), policy: "iam-role-trust", message: /lets AppSync assume the role for APIs of any account \(confused deputy\)/ },
    { title: "an AppSync role pinned to a wildcard account", mutate: (p) => setProp(p, T.role, "graphql-logs-role", "assumeRolePolicy", appsyncTrust({ StringLike: { "aws:SourceAccount": "*" }, ArnLike: { "aws:SourceArn": "arn:aws:appsync:us-east-1:*:apis/*" } })), policy: "iam-role-trust", message: /lets AppSync assume the role for APIs of any account/ },
    { title: "an AppSync role also trusted by Lambda", mutate: (p) => setProp(p, T.role, "graphql-data-role", "assumeRolePolicy", JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: ["appsync.amazonaws.com", "lambda.amazonaws.com"] }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceAccount": ids(p).account } } }] })), policy: "iam-role-trust", message: /The role is trusted as AppSync service role and as Lambda execution role/, policies: ["iam-role-trust", "appsync-data-sources"] },
];

const logging: Mutation[] = [
    { title: "field logs off (NONE)", mutate: (p) => api(p, "logConfig.fieldLogLevel", "NONE"), policy: "appsync-api-logging", message: /^GraphQL API "graphql" has logConfig\.fieldLogLevel NONE, so failed and refused calls leave no trace/ },
    { title: "no logConfig", mutate: (p) => api(p, "logConfig", undefined), policy: "appsync-api-logging", message: /has logConfig\.fieldLogLevel unset/ },
    { title: "verbose content in the logs", mutate: (p) => api(p, "logConfig.excludeVerboseContent", false), policy: "appsync-api-logging", message: /logs verbose content \(request headers with their tokens, the context\)/ },
    { title: "verbose content with the string \"false\"", mutate: (p) => api(p, "logConfig.excludeVerboseContent", "false"), policy: "appsync-api-logging", message: /logs verbose content/ },
    { title: "logs through a Lambda execution role", mutate: (p) => api(p, "logConfig.cloudwatchLogsRoleArn", out(p, T.role, "api-handler-role", "arn")), policy: "appsync-api-logging", message: /logs through role "api-handler-role", which is no AppSync service role/ },
    { title: "logs through a role of another account", mutate: (p) => api(p, "logConfig.cloudwatchLogsRoleArn", `arn:aws:iam::${otherAccount}:role/logs`), policy: "appsync-api-logging", message: /logs through arn:aws:iam::999999999999:role\/logs, not a role of this stack/ },
    { title: "the log group keeping logs forever", mutate: (p) => setProp(p, G.logGroup, "graphql-logs", "retentionInDays", undefined), policy: "appsync-api-logging", message: /^Log group "graphql-logs" of GraphQL API "graphql" keeps its logs forever/ },
    {
        title: "no log group for the API (AppSync makes one without retention)",
        mutate: (p) => void p.resources.splice(p.resources.indexOf(named(p, G.logGroup, "graphql-logs")), 1),
        policy: "appsync-api-logging",
        message: /has no log group \/aws\/appsync\/apis\/\w+ in this stack/,
    },
];

const dataSources: Mutation[] = [
    { title: "an HTTP data source", mutate: (p) => addResource(p, G.dataSource, "graphql-exfil", { apiId: out(p, G.api, "graphql", "id"), name: "exfil", type: "HTTP", httpConfig: { endpoint: "https://collector.example.net" } }), policy: "appsync-data-sources", message: /^Data source "graphql-exfil" is of type HTTP, which reaches outside what this stack declares/ },
    { title: "a Lambda data source (not allowed)", mutate: (p) => setProp(p, G.dataSource, "graphql-items", "type", "AWS_LAMBDA"), policy: "appsync-data-sources", message: /is of type AWS_LAMBDA/ },
    { title: "the data source on another table", mutate: (p) => setProp(p, G.dataSource, "graphql-items", "dynamodbConfig.tableName", "billing"), policy: "appsync-data-sources", message: /reads and writes table billing, not a table of this stack/ },
    { title: "the data source with a Lambda execution role", mutate: (p) => setProp(p, G.dataSource, "graphql-items", "serviceRoleArn", out(p, T.role, "api-handler-role", "arn")), policy: "appsync-data-sources", message: /runs with role "api-handler-role", which is no AppSync service role/ },
    { title: "the data source with an identity role", mutate: (p) => setProp(p, G.dataSource, "graphql-items", "serviceRoleArn", out(p, T.role, "auth-identity-authenticated-role", "arn")), policy: "appsync-data-sources", message: /runs with role "auth-identity-authenticated-role", which is no AppSync service role/ },
    { title: "a data source of another API", mutate: (p) => setProp(p, G.dataSource, "graphql-caller", "apiId", "abcdefghijklmnopqrstuvwxyz"), policy: "appsync-data-sources", message: /^Data source "graphql-caller" belongs to API abcdefghijklmnopqrstuvwxyz, not a GraphQL API of this stack/ },
    { title: "the GraphQL API taken out of the web ACL", mutate: (p) => void p.resources.splice(p.resources.indexOf(named(p, G.association, "waf-graphql-api")), 1), policy: "wafv2-web-acl-association", message: /^GraphQL API "graphql" is not behind a WAF web ACL/ },
];

describeMutations("attacks on the GraphQL API's authorization", authorization);
describeMutations("attacks through IAM on GraphQL fields", iamFields);
describeMutations("attacks on the AppSync roles", roles);
describeMutations("attacks on the GraphQL API's logging", logging);
describeMutations("attacks through AppSync data sources", dataSources);
describeMutations("attacks on the default group through the GraphQL schema", [
    {
        title: "the default group admitted to the admin query by the schema",
        stack: "dev",
        mutate: (p) => api(p, "schema", (named(p, G.api, "graphql").props.schema as string).replace(/cognito_groups: \[[^\]]*\]/, 'cognito_groups: ["admins", "members"]')),
        policy: "cognito-default-group-unprivileged",
        message: /adds every new user to group "members", which is privileged \(an admin group of GraphQL API "graphql" \(cognito_groups in its schema\)\)/,
    },
]);

const rewrites: Variant[] = [
    { title: "appIdClientRegex with a capturing group", mutate: (p) => api(p, "userPoolConfig.appIdClientRegex", `^(${clientId(p)})$`) },
    { title: "appIdClientRegex without a group", mutate: (p) => api(p, "userPoolConfig.appIdClientRegex", `^${clientId(p)}$`) },
    { title: "appIdClientRegex as anchored alternatives", stack: "dev", mutate: (p) => api(p, "userPoolConfig.appIdClientRegex", `^${clientId(p)}$|^${clientId(p)}$`) },
    { title: "the pool's region written out", mutate: (p) => api(p, "userPoolConfig.awsRegion", "us-east-1") },
    { title: "the same pool as an additional mode too", mutate: (p) => api(p, "additionalAuthenticationProviders", [{ authenticationType: "AWS_IAM" }, { authenticationType: "AMAZON_COGNITO_USER_POOLS", userPoolConfig: { userPoolId: ids(p).poolId, appIdClientRegex: `^${clientId(p)}$` } }]) },
    { title: "IAM as the default mode and the pool as the additional one", mutate: (p) => { api(p, "authenticationType", "AWS_IAM"); api(p, "additionalAuthenticationProviders", [{ authenticationType: "AMAZON_COGNITO_USER_POOLS", userPoolConfig: { userPoolId: ids(p).poolId, appIdClientRegex: `^${clientId(p)}$` } }]); } },
    { title: "one statement per granted field", mutate: (p) => grants(p, "graphql-authenticated-policy", (d) => void (d.Statement = (fields(d).Resource as string[]).map((r) => allow("appsync:GraphQL", r)))) },
    { title: "fewer fields for signed-in users", mutate: (p) => grants(p, "graphql-authenticated-policy", (d) => void (fields(d).Resource = [field(p, "Query.me")])) },
    { title: "the action written in lower case", mutate: (p) => grants(p, "graphql-authenticated-policy", (d) => void (fields(d).Action = ["appsync:graphql"])) },
    { title: "the guests' field granted through appsync:Graph*", stack: "dev", mutate: (p) => grants(p, "graphql-guest-policy", (d) => void (fields(d).Action = "appsync:Graph*")) },
    { title: "AppSync trust pinned by aws:SourceArn alone", mutate: (p) => setProp(p, T.role, "graphql-data-role", "assumeRolePolicy", appsyncTrust({ ArnEquals: { "aws:SourceArn": apiArn(p) } })) },
    { title: "AppSync trust pinned by aws:SourceAccount alone", mutate: (p) => setProp(p, T.role, "graphql-logs-role", "assumeRolePolicy", appsyncTrust({ StringEquals: { "aws:SourceAccount": ids(p).account } })) },
    { title: "the data source role with UpdateItem too", mutate: (p) => dataPolicy(p, (d) => void (statement(d, "Items").Action as string[]).push("dynamodb:UpdateItem")) },
    {
        title: "field logs through AWSAppSyncPushToCloudWatchLogs",
        mutate: (p) => {
            p.resources.splice(p.resources.indexOf(named(p, T.rolePolicy, "graphql-logs-policy")), 1);
            addResource(p, T.rolePolicyAttachment, "graphql-logs-managed", { role: out(p, T.role, "graphql-logs-role", "name"), policyArn: "arn:aws:iam::aws:policy/service-role/AWSAppSyncPushToCloudWatchLogs" });
        },
    },
    { title: "field logs at INFO", mutate: (p) => api(p, "logConfig.fieldLogLevel", "INFO") },
    { title: "excludeVerboseContent given as the string \"true\"", mutate: (p) => api(p, "logConfig.excludeVerboseContent", "true") },
    { title: "logs kept ten years", mutate: (p) => setProp(p, G.logGroup, "graphql-logs", "retentionInDays", 3653) },
    { title: "X-Ray tracing on", mutate: (p) => api(p, "xrayEnabled", true) },
];

describeSecureRewrites("secure rewrites of the GraphQL API", rewrites);

describe("an OIDC mode where a stack's config allows it", function () {
    this.timeout(planTimeout);
    const allowOidc = { ...(readStackConfig("prod") as object), "appsync-api-authorization": { allowedAuthenticationTypes: ["AMAZON_COGNITO_USER_POOLS", "AWS_IAM", "OPENID_CONNECT"], reason: "test" } };
    const withOidc = async (issuer: (p: Plan) => string, clientIdOf: (p: Plan) => string) => {
        const plan = clonePlan(await realPlan("prod"));
        api(plan, "additionalAuthenticationProviders", [{ authenticationType: "AWS_IAM" }, { authenticationType: "OPENID_CONNECT", openidConnectConfig: { issuer: issuer(plan), clientId: clientIdOf(plan) } }]);
        return (await runPolicyPack(plan, allowOidc)).filter((v) => v.enforcementLevel === "mandatory");
    };
    const poolIssuer = (p: Plan) => `https://cognito-idp.us-east-1.amazonaws.com/${ids(p).poolId}`;

    it("accepts this stack's pool as the issuer with its client", async () => {
        assert.deepEqual(await withOidc(poolIssuer, clientId), []);
    });

    it("refuses another issuer, even with the mode allowed", async () => {
        const found = await withOidc(() => "https://evil.example.com", clientId);
        assert.deepEqual(found.map((v) => v.policy), ["appsync-user-pool-binding"], show(found));
        assert.match(found[0].message, /trusts OIDC issuer https:\/\/evil\.example\.com, not a user pool of this stack/);
    });
});

describe("cognito-client-user-context-data (advisory)", function () {
    this.timeout(planTimeout);
    const confidential = (p: Plan, flows: string[] | undefined, propagate?: boolean): void => {
        setProp(p, T.client, "auth-client-web", "generateSecret", true);
        setProp(p, T.client, "auth-client-web", "explicitAuthFlows", flows);
        setProp(p, T.client, "auth-client-web", "enablePropagateAdditionalUserContextData", propagate);
    };
    const advisories = async (stack: "staging" | "dev", edit: (p: Plan) => void) => {
        const plan = clonePlan(await realPlan(stack));
        edit(plan);
        return added(plan, stack);
    };

    it("warns where threat protection is ENFORCED and a confidential client signing users in does not propagate context data", async () => {
        const violations = await advisories("staging", (p) => confidential(p, ["ALLOW_USER_SRP_AUTH"]));
        assert.deepEqual(violations.map((v) => [v.policy, v.enforcementLevel]), [["cognito-client-user-context-data", "advisory"]], show(violations));
        assert.match(violations[0].message, /^App client "auth-client-web" has a client secret and signs users in from a server \(ALLOW_USER_SRP_AUTH\) on pool "auth", whose threat protection is ENFORCED, but does not propagate user context data, so Cognito judges the risk by your server's IP address: set enablePropagateAdditionalUserContextData: true and send UserContextData \{ IpAddress, EncodedData \} with each sign-in\.$/);
    });

    it("counts AWS's default flows (explicitAuthFlows unset) and the admin flow as sign-in from a server", async () => {
        for (const flows of [undefined, ["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]]) {
            const violations = await advisories("staging", (p) => confidential(p, flows, false));
            assert.deepEqual(violations.map((v) => v.policy), ["cognito-client-user-context-data"], JSON.stringify(flows));
        }
    });

    it("is quiet when the client propagates (also as the string \"true\"), signs no user in, has no secret, or the pool only audits", async () => {
        const quiet: [string, "staging" | "dev", (p: Plan) => void][] = [
            ["propagating", "staging", (p) => confidential(p, ["ALLOW_USER_SRP_AUTH"], true)],
            ["propagating, as a string", "staging", (p) => confidential(p, ["ALLOW_USER_SRP_AUTH"], "true" as never)],
            ["only refreshing tokens (users sign in at managed login)", "staging", (p) => confidential(p, ["ALLOW_REFRESH_TOKEN_AUTH"])],
            ["a public client", "staging", (p) => setProp(p, T.client, "auth-client-web", "explicitAuthFlows", ["ALLOW_USER_SRP_AUTH"])],
            ["threat protection in AUDIT", "dev", (p) => confidential(p, ["ALLOW_USER_SRP_AUTH"])],
        ];
        for (const [what, stack, edit] of quiet) {
            assert.deepEqual(await advisories(stack, edit), [], what);
        }
    });
});

/**
 * The same policies on the small plan with a GraphQL API added, each run alone, with the whole
 * message written out: fields left unset, OIDC where a config allows it, a second pool's client,
 * and Lambda data sources where a config allows them.
 */
describe("appsync policies on the small plan", () => {
    const apiId = "gql123";
    const apiRole = fx.roleArn("app-graphql-role");
    const issuer = `https://cognito-idp.${fx.region}.amazonaws.com/${fx.poolId}`;
    const appsyncRole = JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "appsync.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceAccount": fx.account } } }],
    });
    const add = (plan: Plan, type: string, name: string, props: Record<string, unknown>, outputs: Record<string, unknown> = {}): Plan => {
        plan.resources.push({
            urn: `urn:pulumi:prod::cognito-stack::${type}::${name}`, type, name, custom: true, parent: null, dependencies: [], props,
            options: { protect: false, retainOnDelete: false, ignoreChanges: [], deleteBeforeReplace: false }, outputs: { ...props, id: name, ...outputs },
        });
        return plan;
    };
    /** The small plan with a GraphQL API on its pool, its role, log group and a table data source: every AppSync policy passes. */
    const withApi = (): Plan => {
        const plan = fx.securePlan();
        add(plan, "aws:iam/role:Role", "graphql-role", { assumeRolePolicy: appsyncRole }, { arn: apiRole, name: "app-graphql-role" });
        add(plan, "aws:appsync/graphQLApi:GraphQLApi", "graphql", {
            authenticationType: "AMAZON_COGNITO_USER_POOLS",
            userPoolConfig: { userPoolId: fx.poolId, appIdClientRegex: "^web$", defaultAction: "ALLOW" },
            logConfig: { fieldLogLevel: "ERROR", cloudwatchLogsRoleArn: apiRole, excludeVerboseContent: true },
            schema: "type Query { me: String }",
        }, { id: apiId, arn: `arn:aws:appsync:${fx.region}:${fx.account}:apis/${apiId}` });
        add(plan, "aws:cloudwatch/logGroup:LogGroup", "graphql-logs", { name: `/aws/appsync/apis/${apiId}`, retentionInDays: 30 });
        add(plan, "aws:appsync/dataSource:DataSource", "graphql-items", { apiId, name: "items", type: "AMAZON_DYNAMODB", dynamodbConfig: { tableName: "items" }, serviceRoleArn: apiRole });
        return plan;
    };
    const messages = async (plan: Plan, policy: Parameters<typeof fx.run>[1], config?: unknown): Promise<string[]> =>
        (await fx.run(plan, policy, config)).map((v) => `${v.urn.split("::").pop()}: ${v.message}`);
    const oidc = (plan: Plan, config: Record<string, unknown> | undefined): Plan =>
        fx.setProp(fx.setProp(plan, "graphql", "authenticationType", "OPENID_CONNECT"), "graphql", "openidConnectConfig", config);
    const allowOidc = { ...(readStackConfig("prod") as object), "appsync-api-authorization": { allowedAuthenticationTypes: ["AMAZON_COGNITO_USER_POOLS", "AWS_IAM", "OPENID_CONNECT"], reason: "test" } };
    const allowLambda = { ...(readStackConfig("prod") as object), "appsync-data-sources": { allowedDataSourceTypes: ["AMAZON_DYNAMODB", "NONE", "AWS_LAMBDA"], reason: "test" } };
    const dataSource = (plan: Plan, props: Record<string, unknown>): Plan => add(plan, "aws:appsync/dataSource:DataSource", "graphql-extra", props);

    it("passes the API, its role, log group and table data source", async () => {
        for (const policy of [graphqlApiAuthorization, graphqlUserPoolBinding, graphqlApiLogging, graphqlDataSources]) {
            assert.deepEqual(await messages(withApi(), policy), [], policy.name);
        }
    });

    describe("appsync-api-authorization", () => {
        it("names an unset authenticationType as unset, and every allowed mode", async () => {
            assert.deepEqual(await messages(fx.setProp(withApi(), "graphql", "authenticationType", undefined), graphqlApiAuthorization), [
                "graphql: authenticationType is unset: it is not a mode this stack allows. Use AMAZON_COGNITO_USER_POOLS or AWS_IAM, or allow the mode in the stack's policy config with a reason.",
            ]);
        });

        it("names an API key without an API id as for API (none)", async () => {
            assert.deepEqual(await messages(add(withApi(), "aws:appsync/apiKey:ApiKey", "graphql-key", {}), graphqlApiAuthorization), [
                "graphql-key: An API key for API (none) lets anyone holding it call the API: remove the key and authorize callers with the user pool or IAM.",
            ]);
        });
    });

    describe("appsync-api-authorization: values of the wrong kind and API keys where allowed", () => {
        it("names a value of the wrong kind by its own field", async () => {
            assert.deepEqual(await messages(fx.setProp(withApi(), "graphql", "authenticationType", 42), graphqlApiAuthorization), [
                "graphql: authenticationType must be a string (received: 42): give the value the provider expects.",
            ]);
            assert.deepEqual(await messages(add(withApi(), "aws:appsync/apiKey:ApiKey", "graphql-key", { apiId: 7 }), graphqlApiAuthorization), [
                "graphql-key: apiId must be a string (received: 7): give the value the provider expects.",
            ]);
        });

        it("passes an API key where the config allows API_KEY", async () => {
            const allowKey = { ...(readStackConfig("prod") as object), "appsync-api-authorization": { allowedAuthenticationTypes: ["AMAZON_COGNITO_USER_POOLS", "AWS_IAM", "API_KEY"], reason: "test" } };
            assert.deepEqual(await messages(add(withApi(), "aws:appsync/apiKey:ApiKey", "graphql-key", { apiId }), graphqlApiAuthorization, allowKey), []);
        });
    });

    describe("appsync-user-pool-binding: the user-pool mode", () => {
        const at = "graphql: GraphQL API \"graphql\" default mode";
        const config = (userPoolConfig: object): Plan => fx.setProp(withApi(), "graphql", "userPoolConfig", userPoolConfig);

        it("refuses a userPoolConfig without userPoolId, and an empty appIdClientRegex", async () => {
            assert.deepEqual(await messages(config({ appIdClientRegex: "^web$" }), graphqlUserPoolBinding), [`${at} uses AMAZON_COGNITO_USER_POOLS without a userPoolConfig.userPoolId: name this stack's user pool.`]);
            assert.deepEqual(await messages(config({ userPoolId: fx.poolId, appIdClientRegex: "" }), graphqlUserPoolBinding), [
                `${at} accepts tokens of every app client of pool ${fx.poolId}, also clients created outside this stack: set appIdClientRegex to ^(?:<client id>|...)$ with this stack's clients.`,
            ]);
        });

        it("names every foreign client, a client of another pool of this stack included", async () => {
            const plan = config({ userPoolId: fx.poolId, appIdClientRegex: "^(?:web|otherweb|evil1|evil2)$" });
            add(plan, "aws:cognito/userPoolClient:UserPoolClient", "otherweb", { userPoolId: `${fx.region}_Other1234` });
            assert.deepEqual(await messages(plan, graphqlUserPoolBinding), [
                `${at} admits otherweb, evil1, evil2, not app clients of pool ${fx.poolId} in this stack: list only this stack's clients in appIdClientRegex.`,
            ]);
        });
    });

    describe("appsync-user-pool-binding: OIDC as the default mode", () => {
        const refusedClient = (clientId: string): string =>
            `graphql: GraphQL API "graphql" default mode accepts tokens for client ${JSON.stringify(clientId)}, not only app clients of that pool in this stack: set openidConnectConfig.clientId to this stack's client ids.`;

        it("accepts this stack's pool as the issuer (a trailing slash too) with its client, bare or as an anchored list", async () => {
            for (const [iss, clientId] of [[issuer, "web"], [`${issuer}/`, "^(?:web)$"], [issuer, "^web$|^reporting$"]]) {
                assert.deepEqual(await messages(oidc(withApi(), { issuer: iss, clientId }), graphqlUserPoolBinding, allowOidc), [], `${iss} ${clientId}`);
            }
        });

        it("refuses an unset issuer as (none)", async () => {
            assert.deepEqual(await messages(oidc(withApi(), { clientId: "web" }), graphqlUserPoolBinding, allowOidc), [
                "graphql: GraphQL API \"graphql\" default mode trusts OIDC issuer (none), not a user pool of this stack: trust this stack's pool (https://cognito-idp.<region>.amazonaws.com/<pool id>) or use AMAZON_COGNITO_USER_POOLS.",
            ]);
            assert.deepEqual(await messages(oidc(withApi(), undefined), graphqlUserPoolBinding, allowOidc), [
                "graphql: GraphQL API \"graphql\" default mode trusts OIDC issuer (none), not a user pool of this stack: trust this stack's pool (https://cognito-idp.<region>.amazonaws.com/<pool id>) or use AMAZON_COGNITO_USER_POOLS.",
            ]);
        });

        it("refuses a bare client id of no client of this stack, and a list with one foreign id", async () => {
            assert.deepEqual(await messages(oidc(withApi(), { issuer, clientId: "evilclient123" }), graphqlUserPoolBinding, allowOidc), [refusedClient("evilclient123")]);
            assert.deepEqual(await messages(oidc(withApi(), { issuer, clientId: "^(?:web|evilclient123)$" }), graphqlUserPoolBinding, allowOidc), [refusedClient("^(?:web|evilclient123)$")]);
        });

        it("refuses a client of another pool of this stack", async () => {
            const plan = oidc(withApi(), { issuer, clientId: "^(?:web|otherweb)$" });
            const other = structuredClone(fx.find(plan, "users"));
            Object.assign(other, { name: "other-users", urn: other.urn.replace(/::users$/, "::other-users") });
            other.props.id = `${fx.region}_Other1234`;
            other.outputs = { ...other.outputs, id: `${fx.region}_Other1234`, endpoint: `cognito-idp.${fx.region}.amazonaws.com/${fx.region}_Other1234` };
            plan.resources.push(other);
            add(plan, "aws:cognito/userPoolClient:UserPoolClient", "otherweb", { userPoolId: `${fx.region}_Other1234` });
            assert.deepEqual(await messages(plan, graphqlUserPoolBinding, allowOidc), [refusedClient("^(?:web|otherweb)$")]);
        });
    });

    describe("appsync-api-logging", () => {
        it("names a missing logging role as no role", async () => {
            const plan = fx.setProp(withApi(), "graphql", "logConfig", { fieldLogLevel: "ERROR", excludeVerboseContent: true });
            assert.deepEqual(await messages(plan, graphqlApiLogging), [
                "graphql: GraphQL API \"graphql\" logs through no role, not a role of this stack: point cloudwatchLogsRoleArn at a role of this stack that trusts appsync.amazonaws.com alone.",
            ]);
        });
    });

    describe("appsync-data-sources", () => {
        it("names what an empty data source lacks: its API and its type", async () => {
            assert.deepEqual(await messages(dataSource(withApi(), {}), graphqlDataSources), [
                "graphql-extra: Data source \"graphql-extra\" belongs to API (none), not a GraphQL API of this stack: declare it for this stack's API.",
                "graphql-extra: Data source \"graphql-extra\" is of type unset, which reaches outside what this stack declares: use AMAZON_DYNAMODB or NONE, or allow the type in the stack's policy config with a reason.",
            ]);
        });

        it("names a table data source without table or role, and one with a role of another account", async () => {
            assert.deepEqual(await messages(dataSource(withApi(), { apiId, type: "AMAZON_DYNAMODB" }), graphqlDataSources), [
                "graphql-extra: Data source \"graphql-extra\" reads and writes table (none), not a table of this stack: point dynamodbConfig.tableName at this stack's table.",
                "graphql-extra: Data source \"graphql-extra\" runs with no role, not a role of this stack, so what its resolvers reach cannot be checked: set serviceRoleArn to a role of this stack that trusts appsync.amazonaws.com alone.",
            ]);
            const foreign = dataSource(withApi(), { apiId, type: "AMAZON_DYNAMODB", dynamodbConfig: { tableName: "items" }, serviceRoleArn: "arn:aws:iam::999999999999:role/appsync" });
            assert.deepEqual(await messages(foreign, graphqlDataSources), [
                "graphql-extra: Data source \"graphql-extra\" runs with arn:aws:iam::999999999999:role/appsync, not a role of this stack, so what its resolvers reach cannot be checked: set serviceRoleArn to a role of this stack that trusts appsync.amazonaws.com alone.",
            ]);
        });

        it("where Lambda data sources are allowed: passes a function of this stack through an AppSync role", async () => {
            const plan = dataSource(withApi(), { apiId, type: "AWS_LAMBDA", lambdaConfig: { functionArn: fx.fnArn("app-api-handler") }, serviceRoleArn: apiRole });
            assert.deepEqual(await messages(plan, graphqlDataSources, allowLambda), []);
        });

        it("where Lambda data sources are allowed: refuses a function of another account, and none at all", async () => {
            const foreign = dataSource(withApi(), { apiId, type: "AWS_LAMBDA", lambdaConfig: { functionArn: "arn:aws:lambda:us-east-1:999999999999:function:exfil" }, serviceRoleArn: apiRole });
            assert.deepEqual(await messages(foreign, graphqlDataSources, allowLambda), [
                "graphql-extra: Data source \"graphql-extra\" invokes arn:aws:lambda:us-east-1:999999999999:function:exfil, not a function of this stack: point lambdaConfig.functionArn at a function of this program.",
            ]);
            const none = dataSource(withApi(), { apiId, type: "AWS_LAMBDA", serviceRoleArn: fx.fnArn("app-api-handler") });
            assert.deepEqual(await messages(none, graphqlDataSources, allowLambda), [
                "graphql-extra: Data source \"graphql-extra\" invokes no function, not a function of this stack: point lambdaConfig.functionArn at a function of this program.",
                "graphql-extra: Data source \"graphql-extra\" runs with arn:aws:lambda:us-east-1:123456789012:function:app-api-handler, not a role of this stack, so what its resolvers reach cannot be checked: set serviceRoleArn to a role of this stack that trusts appsync.amazonaws.com alone.",
            ]);
        });
    });
});
