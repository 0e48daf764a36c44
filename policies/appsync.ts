import * as aws from "@pulumi/aws";
import { PolicyResource, ReportViolation, ResourceValidationPolicy, StackValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import { settings } from "./lib/config";
import { roleClass, trustOf } from "./lib/roles";
import { byIdentity, functionFor, indexBy, ofType, requiredOutput, rolesIndex } from "./lib/stack";
import { checkAll, checkEach } from "./lib/unknowns";
import { Fields, fieldsOf } from "./lib/values";

const authorizationSettings = settings(
    { allowedAuthenticationTypes: ["AMAZON_COGNITO_USER_POOLS", "AWS_IAM"] },
    { allowedAuthenticationTypes: "Authorization modes a GraphQL API may use, by default or as an additional mode: AMAZON_COGNITO_USER_POOLS, AWS_IAM, OPENID_CONNECT, AWS_LAMBDA, API_KEY." },
    { allowedAuthenticationTypes: "more" },
);

/** Why a mode outside the allow-list lets callers in that the stack does not know. */
const modeRisk: Readonly<Record<string, string>> = {
    API_KEY: "anyone holding the key (it ships in every client) calls the API as nobody in particular",
    OPENID_CONNECT: "tokens of an issuer other than this stack's user pool are accepted",
    AWS_LAMBDA: "a function decides who passes, outside what this pack can check",
};

/** The authorization modes of an API: the default one and each additional one, with where they are written. */
function modesOf(api: Fields): { type: string | undefined; where: string; userPoolConfig: Fields | undefined; oidcConfig: Fields | undefined }[] {
    return [
        { type: api.str("authenticationType"), where: "authenticationType", userPoolConfig: api.obj("userPoolConfig"), oidcConfig: api.obj("openidConnectConfig") },
        ...api.objs("additionalAuthenticationProviders").map((p, i) => ({
            type: p.str("authenticationType"),
            where: `additionalAuthenticationProviders[${i}].authenticationType`,
            userPoolConfig: p.obj("userPoolConfig"),
            oidcConfig: p.obj("openidConnectConfig"),
        })),
    ];
}

export const graphqlApiAuthorization: ResourceValidationPolicy = {
    name: "appsync-api-authorization",
    description: "Checks whether GraphQL APIs authorize only with allowed modes (this stack's user pool, IAM), plain GraphQL APIs (not merged), and no API keys.",
    anchors: { beyond: ["AppSync.5"] },
    severity: "critical",
    configSchema: authorizationSettings.schema,
    validateResource: [
        validateResourceOfType(aws.appsync.GraphQLApi, (_api, args, report) => {
            const { allowedAuthenticationTypes } = authorizationSettings.read(args);
            const api = fieldsOf(args, false);
            for (const { type, where } of modesOf(api)) {
                if (type === undefined || !allowedAuthenticationTypes.includes(type)) {
                    const risk = modeRisk[type ?? ""] ?? "it is not a mode this stack allows";
                    report(`${where} is ${type ?? "unset"}: ${risk}. Use ${allowedAuthenticationTypes.join(" or ")}, or allow the mode in the stack's policy config with a reason.`);
                }
            }
            const apiType = api.str("apiType") ?? "GRAPHQL";
            if (apiType !== "GRAPHQL") {
                report(`apiType is ${apiType}: a merged API serves the fields of other APIs, whose authorization this pack does not see; use GRAPHQL.`);
            }
        }),
        validateResourceOfType(aws.appsync.ApiKey, (_key, args, report) => {
            if (!authorizationSettings.read(args).allowedAuthenticationTypes.includes("API_KEY")) {
                report(`An API key for API ${fieldsOf(args, false).str("apiId") ?? "(none)"} lets anyone holding it call the API: remove the key and authorize callers with the user pool or IAM.`);
            }
        }),
    ],
};

/**
 * The client ids an `appIdClientRegex` admits when it is a plain list, anchored at both ends:
 * `^id$`, `^(id|id)$`, `^(?:id|id)$` or `^id$|^id$`. Anything else (a wildcard, a character class,
 * an unanchored pattern) is undefined: what it admits cannot be listed.
 */
export function clientIdsOf(pattern: string): string[] | undefined {
    const id = "[A-Za-z0-9]+";
    const grouped = new RegExp(`^\\^(?:\\((?:\\?:)?(${id}(?:\\|${id})*)\\)|(${id}))\\$$`).exec(pattern);
    if (grouped) {
        return (grouped[1] ?? grouped[2]).split("|");
    }
    const alternatives = pattern.split("|");
    return alternatives.every((a) => new RegExp(`^\\^${id}\\$$`).test(a)) ? alternatives.map((a) => a.slice(1, -1)) : undefined;
}

export const graphqlUserPoolBinding: StackValidationPolicy = {
    name: "appsync-user-pool-binding",
    description: "Checks whether every user-pool or OIDC mode of a GraphQL API (default or additional) trusts a user pool of this stack and only its app clients of this stack.",
    anchors: { none: "No published control checks which user pool and app clients a GraphQL API trusts." },
    severity: "critical",
    validateStack: async (args, report) => {
        const pools = byIdentity(args.resources, "userPool.id", [aws.cognito.UserPool], ["id"]);
        const issuers = indexBy(args.resources, "userPool.issuer", [aws.cognito.UserPool], (p) => `https://${requiredOutput(p, "endpoint")}`);
        const clients = byIdentity(args.resources, "client.id", [aws.cognito.UserPoolClient], ["id"]);
        await checkEach(ofType(args.resources, aws.appsync.GraphQLApi), (api) => {
            for (const { type, where, userPoolConfig, oidcConfig } of modesOf(fieldsOf(api))) {
                const at = `GraphQL API "${api.name}" ${where.replace(/\.authenticationType$/, "").replace(/^authenticationType$/, "default mode")}`;
                if (type === "OPENID_CONNECT") {
                    // Where a stack allows OIDC at all, it may only be this stack's pool as an issuer.
                    const issuer = oidcConfig?.str("issuer") ?? "";
                    const pool = issuers.find([issuer.replace(/\/$/, "")])[0];
                    const clientIds = clientIdsOf(oidcConfig?.str("clientId") ?? "") ?? (/^[A-Za-z0-9]+$/.test(oidcConfig?.str("clientId") ?? "") ? [oidcConfig?.str("clientId") ?? ""] : undefined);
                    if (!pool) {
                        report(`${at} trusts OIDC issuer ${issuer || "(none)"}, not a user pool of this stack: trust this stack's pool (https://cognito-idp.<region>.amazonaws.com/<pool id>) or use AMAZON_COGNITO_USER_POOLS.`, api.urn);
                    } else if (clientIds === undefined || clientIds.some((id) => !clients.find([id]).some((c) => c.props.userPoolId === pool.props.id))) {
                        report(`${at} accepts tokens for client ${JSON.stringify(oidcConfig?.str("clientId") ?? null)}, not only app clients of that pool in this stack: set openidConnectConfig.clientId to this stack's client ids.`, api.urn);
                    }
                    continue;
                }
                if (type !== "AMAZON_COGNITO_USER_POOLS") {
                    continue;
                }
                const poolId = userPoolConfig?.str("userPoolId");
                if (!userPoolConfig || !poolId) {
                    report(`${at} uses AMAZON_COGNITO_USER_POOLS without a userPoolConfig.userPoolId: name this stack's user pool.`, api.urn);
                    continue;
                }
                if (pools.find([poolId]).length === 0) {
                    report(`${at} trusts user pool ${poolId}, not a pool of this stack, so its users (and whoever creates them) call the API: set userPoolId to this stack's pool.`, api.urn);
                    continue;
                }
                const region = userPoolConfig.str("awsRegion");
                if (region !== undefined && region !== poolId.split("_")[0]) {
                    report(`${at} names awsRegion ${region}, but pool ${poolId} lives in ${poolId.split("_")[0]}: leave awsRegion out or set the pool's region.`, api.urn);
                }
                const pattern = userPoolConfig.str("appIdClientRegex");
                if (pattern === undefined || pattern === "") {
                    report(`${at} accepts tokens of every app client of pool ${poolId}, also clients created outside this stack: set appIdClientRegex to ^(?:<client id>|...)$ with this stack's clients.`, api.urn);
                    continue;
                }
                const ids = clientIdsOf(pattern);
                if (ids === undefined) {
                    report(`${at} has appIdClientRegex ${JSON.stringify(pattern)}, which is not a plain anchored list of client ids, so which clients it admits cannot be checked: write ^(?:<client id>|...)$.`, api.urn);
                    continue;
                }
                const foreign = ids.filter((id) => !clients.find([id]).some((c) => c.props.userPoolId === poolId));
                if (foreign.length > 0) {
                    report(`${at} admits ${foreign.join(", ")}, not app clients of pool ${poolId} in this stack: list only this stack's clients in appIdClientRegex.`, api.urn);
                }
            }
        });
    },
};

const loggingSettings = settings(
    { allowedFieldLogLevels: ["ERROR", "INFO", "DEBUG", "ALL"], allowVerboseContent: false },
    {
        allowedFieldLogLevels: "Field log levels a GraphQL API may use (NONE turns field logs off).",
        allowVerboseContent: "Accept excludeVerboseContent false (request headers, tokens included, and context in the field logs).",
    },
    { allowedFieldLogLevels: "more", allowVerboseContent: "true" },
);

/** The log group AppSync writes an API's field logs to. */
const logGroupOf = (apiId: string): string => `/aws/appsync/apis/${apiId}`;

export const graphqlApiLogging: StackValidationPolicy = {
    name: "appsync-api-logging",
    description: "Checks whether every GraphQL API writes field logs (an allowed level, verbose content left out) through an AppSync role of this stack to a log group of this stack with retention.",
    anchors: { beyond: ["AppSync.2", "CKV_AWS_193", "CKV_AWS_194"] },
    severity: "medium",
    configSchema: loggingSettings.schema,
    validateStack: async (args, report) => {
        const { allowedFieldLogLevels, allowVerboseContent } = loggingSettings.read(args);
        const logGroups = indexBy(args.resources, "logGroup.name", [aws.cloudwatch.LogGroup], (r) => r.props.name);
        await checkEach(ofType(args.resources, aws.appsync.GraphQLApi), (api) =>
            checkAll([
                () => {
                    const log = fieldsOf(api).obj("logConfig");
                    const level = log?.str("fieldLogLevel");
                    if (!log || level === undefined || !allowedFieldLogLevels.includes(level)) {
                        report(`GraphQL API "${api.name}" has logConfig.fieldLogLevel ${level ?? "unset"}, so failed and refused calls leave no trace: set logConfig { fieldLogLevel: "${allowedFieldLogLevels[0]}", cloudwatchLogsRoleArn, excludeVerboseContent: true }.`, api.urn);
                        return;
                    }
                    if (log.bool("excludeVerboseContent") !== true && !allowVerboseContent) {
                        report(`GraphQL API "${api.name}" logs verbose content (request headers with their tokens, the context): set logConfig.excludeVerboseContent to true.`, api.urn);
                    }
                    const roleArn = log.str("cloudwatchLogsRoleArn") ?? "";
                    const role = rolesIndex(args.resources).find([roleArn])[0];
                    if (!role || roleClass(trustOf(args.resources, role)) !== "appsync") {
                        report(`GraphQL API "${api.name}" logs through ${role ? `role "${role.name}", which is no AppSync service role` : `${roleArn || "no role"}, not a role of this stack`}: point cloudwatchLogsRoleArn at a role of this stack that trusts appsync.amazonaws.com alone.`, api.urn);
                    }
                },
                () => {
                    const name = logGroupOf(requiredOutput(api, "id"));
                    const groups = logGroups.all([name]);
                    if (groups.length === 0) {
                        report(`GraphQL API "${api.name}" has no log group ${name} in this stack, so AppSync creates one that keeps the logs forever: declare it with retentionInDays.`, api.urn);
                    }
                    for (const group of groups) {
                        const days = fieldsOf(group).num("retentionInDays") ?? 0;
                        if (days <= 0) {
                            report(`Log group "${group.name}" of GraphQL API "${api.name}" keeps its logs forever: set retentionInDays.`, group.urn);
                        }
                    }
                },
            ]),
        );
    },
};

const dataSourceSettings = settings(
    { allowedDataSourceTypes: ["AMAZON_DYNAMODB", "NONE"] },
    { allowedDataSourceTypes: "Data source types a GraphQL API may use: AMAZON_DYNAMODB, NONE, AWS_LAMBDA (functions of this stack); HTTP and the others reach outside the stack." },
    { allowedDataSourceTypes: "more" },
);

function checkServiceRole(ds: PolicyResource, resources: readonly PolicyResource[], report: ReportViolation): void {
    const arn = fieldsOf(ds).str("serviceRoleArn") ?? "";
    const role = rolesIndex(resources).find([arn])[0];
    if (!role || roleClass(trustOf(resources, role)) !== "appsync") {
        report(`Data source "${ds.name}" runs with ${role ? `role "${role.name}", which is no AppSync service role` : `${arn || "no role"}, not a role of this stack`}, so what its resolvers reach cannot be checked: set serviceRoleArn to a role of this stack that trusts appsync.amazonaws.com alone.`, ds.urn);
    }
}

export const graphqlDataSources: StackValidationPolicy = {
    name: "appsync-data-sources",
    description: "Checks whether every AppSync data source belongs to a GraphQL API of this stack, is of an allowed type, and reaches only this stack's tables or functions through an AppSync role of this stack.",
    anchors: { none: "No published control checks what an AppSync data source reaches or through which role." },
    severity: "critical",
    configSchema: dataSourceSettings.schema,
    validateStack: async (args, report) => {
        const { allowedDataSourceTypes } = dataSourceSettings.read(args);
        const apis = byIdentity(args.resources, "graphqlApi.id", [aws.appsync.GraphQLApi], ["id"]);
        const tables = byIdentity(args.resources, "table.name", [aws.dynamodb.Table], ["name", "id"]);
        await checkEach(ofType(args.resources, aws.appsync.DataSource), (ds) => {
            const fields = fieldsOf(ds);
            const apiId = fields.str("apiId") ?? "";
            if (apis.find([apiId]).length === 0) {
                report(`Data source "${ds.name}" belongs to API ${apiId || "(none)"}, not a GraphQL API of this stack: declare it for this stack's API.`, ds.urn);
            }
            const type = fields.str("type") ?? "unset";
            if (!allowedDataSourceTypes.includes(type)) {
                report(`Data source "${ds.name}" is of type ${type}, which reaches outside what this stack declares: use ${allowedDataSourceTypes.join(" or ")}, or allow the type in the stack's policy config with a reason.`, ds.urn);
                return;
            }
            if (type === "AMAZON_DYNAMODB") {
                const table = fields.str("dynamodbConfig.tableName") ?? "";
                if (tables.find([table]).length === 0) {
                    report(`Data source "${ds.name}" reads and writes table ${table || "(none)"}, not a table of this stack: point dynamodbConfig.tableName at this stack's table.`, ds.urn);
                }
                checkServiceRole(ds, args.resources, report);
            }
            if (type === "AWS_LAMBDA") {
                const fn = fields.str("lambdaConfig.functionArn") ?? "";
                if (!functionFor(args.resources, fn)) {
                    report(`Data source "${ds.name}" invokes ${fn || "no function"}, not a function of this stack: point lambdaConfig.functionArn at a function of this program.`, ds.urn);
                }
                checkServiceRole(ds, args.resources, report);
            }
        });
    },
};

export const appsyncPolicies = [graphqlApiAuthorization, graphqlUserPoolBinding, graphqlApiLogging, graphqlDataSources] as const;
