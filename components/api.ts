import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { createHash } from "node:crypto";
import { issue, throwIfIssues, ValidationIssue } from "./issues";
import type { LambdaCode } from "./lambdaCode";
import { LambdaFunction, physicalName, validateLambdaFunctionArgs, validateLogRetention } from "./lambdaFunction";
import { slug } from "./userPool";

/**
 * Who may call a route: `read`/`write` = users through the Cognito authorizer with that scope,
 * `admin` = the JWT Lambda authorizer, `machine` = machine clients (client_credentials) through the
 * Cognito authorizer with the machine scope; the handler refuses each kind of token on the other's routes.
 */
export type RouteAccess = "read" | "write" | "admin" | "machine";

export interface RouteSpec {
    readonly method: "GET" | "PUT" | "POST" | "DELETE";
    /** Path with `{param}` segments, as API Gateway writes it. */
    readonly path: string;
    readonly access: RouteAccess;
}

/** The routes the api handler serves. */
export const API_ROUTES: readonly RouteSpec[] = [
    { method: "GET", path: "/me", access: "read" },
    { method: "GET", path: "/items", access: "read" },
    { method: "GET", path: "/items/{id}", access: "read" },
    { method: "PUT", path: "/items/{id}", access: "write" },
    { method: "DELETE", path: "/items/{id}", access: "write" },
    { method: "GET", path: "/admin/users/{userId}/items", access: "admin" },
    { method: "GET", path: "/service/users/{userId}/items", access: "machine" },
];

/** The routes an API serves: the machine route only where machine scopes are given. */
export function apiRoutes(machineScopes: readonly string[]): RouteSpec[] {
    return API_ROUTES.filter((r) => r.access !== "machine" || machineScopes.length > 0);
}

/** API Gateway gives up on an integration after 29 seconds. */
export const MAX_API_TIMEOUT_SECONDS = 29;

/** The items table: name for the handler, ARN for its role. */
export interface ApiTable {
    readonly name: pulumi.Input<string>;
    readonly arn: pulumi.Input<string>;
    /** @default - the handler's, `pk` */
    readonly partitionKey?: string;
    /** @default - the handler's, `sk` */
    readonly sortKey?: string;
}

export interface ApiArgs {
    /** Code of the `api` and `authorizer` handlers. */
    readonly code: LambdaCode;
    /** Prefix of the functions' physical names. @default - `<project>-<stack>-<name>` */
    readonly namePrefix?: string;
    readonly userPoolId: pulumi.Input<string>;
    readonly userPoolArn: pulumi.Input<string>;
    /** App clients whose access tokens the admin authorizer accepts. */
    readonly appClientIds: pulumi.Input<readonly string[]>;
    readonly table: ApiTable;
    /**
     * Scopes of read routes (any one suffices). A method with scopes takes access tokens only.
     * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-enable-cognito-user-pool.html
     */
    readonly readScopes: readonly string[];
    /** Scopes of write routes (any one suffices). */
    readonly writeScopes: readonly string[];
    /** Scopes of the machine route, for client_credentials tokens; none = no machine route. @default [] */
    readonly machineScopes?: readonly string[];
    /** Groups admitted to admin routes by the JWT authorizer. @default ["admins"] */
    readonly adminGroups?: readonly string[];
    /** @default routes - API_ROUTES */
    readonly routes?: readonly RouteSpec[];
    /** @default "v1" */
    readonly stageName?: string;
    /**
     * Seconds API Gateway caches the JWT authorizer's policy per token, 0-3600.
     * @default 300
     * @see https://docs.aws.amazon.com/apigateway/latest/api/API_CreateAuthorizer.html
     */
    readonly authorizerCacheSeconds?: number;
    /** Steady-state requests per second for the stage. @default 50 */
    readonly throttlingRateLimit?: number;
    /** Burst of requests for the stage. @default 100 */
    readonly throttlingBurstLimit?: number;
    /** Execution logs (never with request bodies): OFF, ERROR or INFO. @default "ERROR" */
    readonly executionLogLevel?: "OFF" | "ERROR" | "INFO";
    /**
     * Sets the region's API Gateway CloudWatch role (`aws.apigateway.Account`), which access
     * and execution logs need. It is one setting per account and region, shared by every API:
     * let exactly one stack per account and region manage it.
     * @default false
     */
    readonly manageCloudWatchRole?: boolean;
    /** Days access, execution and function logs are kept. @default 30 */
    readonly logRetentionDays?: number;
    /** Memory of both functions. @default 256 */
    readonly memoryMb?: number;
    /** Timeout of the api function, at most 29. @default 10 */
    readonly timeoutSeconds?: number;
    /** @default {} */
    readonly tags?: Record<string, string>;
}

/** What the config knows beyond the args: for rules across keys. */
export interface ApiContext {
    /** Path prefix of the api settings in issues, e.g. `api.`. @default "" */
    readonly settingsPath?: string;
    /** Custom scopes of the pool's resource servers (`<identifier>/<scope>`). @default - not checked */
    readonly customScopes?: readonly string[];
    /** Group names of the pool. @default - not checked */
    readonly groups?: readonly string[];
}

type ApiSettings = Omit<ApiArgs, "code" | "userPoolId" | "userPoolArn" | "appClientIds" | "table">;

export function validateApiArgs(a: ApiSettings, ctx: ApiContext = {}): ValidationIssue[] {
    const at = ctx.settingsPath ?? "";
    const out: ValidationIssue[] = [];
    const stage = a.stageName ?? "v1";
    if (!/^[A-Za-z0-9_-]{1,128}$/.test(stage)) {
        out.push(issue(`${at}stageName`, "must be 1-128 letters, digits, hyphens or underscores", stage, "use e.g. v1"));
    }
    const rate = a.throttlingRateLimit ?? 50;
    if (!(rate > 0)) {
        out.push(issue(`${at}throttlingRateLimit`, "must be greater than 0", rate, "set the steady-state requests per second, e.g. 50"));
    }
    const burst = a.throttlingBurstLimit ?? 100;
    if (!Number.isInteger(burst) || burst < 1) {
        out.push(issue(`${at}throttlingBurstLimit`, "must be a whole number of at least 1", burst, "set the burst, e.g. 100"));
    }
    const ttl = a.authorizerCacheSeconds ?? 300;
    if (!Number.isInteger(ttl) || ttl < 0 || ttl > 3600) {
        out.push(issue(`${at}authorizerCacheSeconds`, "must be a whole number between 0 and 3600", ttl, "use 300 (API Gateway's default) or 0 to turn caching off"));
    }
    const timeout = a.timeoutSeconds ?? 10;
    if (Number.isInteger(timeout) && timeout > MAX_API_TIMEOUT_SECONDS) {
        out.push(issue(`${at}timeoutSeconds`, `must be at most ${MAX_API_TIMEOUT_SECONDS} (API Gateway's integration timeout)`, timeout, "set it to 29 or less"));
    }
    for (const i of validateLambdaFunctionArgs({ functionName: "f", memoryMb: a.memoryMb, timeoutSeconds: timeout })) {
        out.push({ ...i, field: `${at}${i.field}` });
    }
    out.push(...validateLogRetention("logRetentionDays", a.logRetentionDays ?? 30));
    const machine = a.machineScopes ?? [];
    for (const s of machine.filter((x) => a.readScopes.includes(x) || a.writeScopes.includes(x))) {
        out.push(issue(`${at}machineScopes`, `must differ from the user routes' scopes (${s} is one): a machine token speaks for no user`, s, "give the machine route a scope of its own, e.g. items.service"));
    }
    for (const s of machine) {
        if (ctx.customScopes !== undefined && !ctx.customScopes.includes(s)) {
            out.push(issue(`${at}machineScopes`, `names ${s}, which no resource server defines`, s, `use one of ${ctx.customScopes.join(", ") || "(none: add a resource server with scopes)"}`));
        }
    }
    for (const [field, scopes] of [["readScopes", a.readScopes], ["writeScopes", a.writeScopes]] as const) {
        if (scopes.length === 0) {
            // Without scopes the Cognito authorizer accepts ID tokens, which any app client can obtain.
            out.push(issue(`${at}${field}`, "must name at least one scope (user routes take access tokens with a scope)", scopes, "add a scope of a resource server to resourceServers and name it here"));
        }
        for (const s of scopes) {
            if (ctx.customScopes !== undefined && !ctx.customScopes.includes(s)) {
                out.push(issue(`${at}${field}`, `names ${s}, which no resource server defines`, s, `use one of ${ctx.customScopes.join(", ") || "(none: add a resource server with scopes)"}`));
            }
        }
    }
    const admins = a.adminGroups ?? ["admins"];
    if (admins.length === 0) {
        out.push(issue(`${at}adminGroups`, "must name at least one group (otherwise every signed-in user is an admin)", admins, 'name the administrators\' group, e.g. ["admins"]'));
    }
    for (const g of admins) {
        if (ctx.groups !== undefined && !ctx.groups.includes(g)) {
            out.push(issue(`${at}adminGroups`, `names group ${g}, which is not a group of the pool`, g, `add ${g} to groups or use one of ${ctx.groups.join(", ") || "(none)"}`));
        }
    }
    const seen = new Set<string>();
    for (const r of a.routes ?? API_ROUTES) {
        const key = `${r.method} ${r.path}`;
        if (seen.has(key)) {
            out.push(issue(`${at}routes`, "must not repeat a method and path", key, "list each route once"));
        }
        seen.add(key);
    }
    return out;
}

/**
 * Scopes of the user routes from the config's resource servers: `<identifier>/<readScope>`
 * and `<identifier>/<writeScope>` of the named resource server, or of the first one.
 */
export function resolveApiScopes(
    api: { readonly resourceServer?: string; readonly readScope: string; readonly writeScope: string; readonly machineScope?: string },
    resourceServers: readonly { readonly identifier: string }[],
): { readScopes: string[]; writeScopes: string[]; machineScopes: string[] } {
    const identifier = api.resourceServer ?? resourceServers[0]?.identifier;
    if (identifier === undefined) {
        return { readScopes: [], writeScopes: [], machineScopes: [] };
    }
    const machineScopes = api.machineScope !== undefined ? [`${identifier}/${api.machineScope}`] : [];
    return { readScopes: [`${identifier}/${api.readScope}`], writeScopes: [`${identifier}/${api.writeScope}`], machineScopes };
}

/** JSON access-log line: who called what, how it ended, and why an authorizer refused. */
export const ACCESS_LOG_FORMAT = JSON.stringify({
    requestId: "$context.requestId",
    extendedRequestId: "$context.extendedRequestId",
    requestTime: "$context.requestTime",
    ip: "$context.identity.sourceIp",
    userAgent: "$context.identity.userAgent",
    httpMethod: "$context.httpMethod",
    resourcePath: "$context.resourcePath",
    path: "$context.path",
    status: "$context.status",
    responseLength: "$context.responseLength",
    responseLatency: "$context.responseLatency",
    integrationLatency: "$context.integration.latency",
    integrationStatus: "$context.integration.status",
    sub: "$context.authorizer.claims.sub",
    principalId: "$context.authorizer.principalId",
    authorizerError: "$context.authorizer.error",
    errorMessage: "$context.error.message",
    errorType: "$context.error.responseType",
});

/** Lets the JWT authorizer refuse malformed headers without an invocation: `[Bearer ]<jwt>`. */
export const TOKEN_PATTERN = "^([Bb]earer +)?[-0-9A-Za-z_]+\\.[-0-9A-Za-z_]+\\.[-0-9A-Za-z_]*$";

/** Every path an API needs a resource for, parents first: `/a/{b}/c` → `/a`, `/a/{b}`, `/a/{b}/c`. */
export function resourcePaths(routes: readonly RouteSpec[]): string[] {
    const paths = new Set<string>();
    for (const r of routes) {
        const parts = r.path.split("/").filter((p) => p !== "");
        parts.forEach((_, i) => paths.add(`/${parts.slice(0, i + 1).join("/")}`));
    }
    return [...paths].sort((a, b) => a.split("/").length - b.split("/").length || a.localeCompare(b));
}

/** Hash of everything that shapes the deployed API: a change re-creates the Deployment. */
export function deploymentHash(shape: unknown): string {
    return createHash("sha256").update(JSON.stringify(shape)).digest("hex");
}

/**
 * A REST API in front of the api handler: user routes behind the Cognito authorizer with
 * per-route scopes, admin routes behind the aws-jwt-verify Lambda authorizer (TOKEN, cached),
 * a Deployment re-created whenever routes or authorizers change, and a stage with JSON access
 * logs, throttling and metrics.
 *
 * Plain `aws.apigateway` resources rather than awsx's RestAPI: awsx builds the API from an
 * OpenAPI body, so methods and authorizers are no resources of their own that tests and the
 * policy pack could check one by one.
 */
export class Api extends pulumi.ComponentResource {
    public readonly restApi: aws.apigateway.RestApi;
    public readonly handler: LambdaFunction;
    public readonly authorizerFunction: LambdaFunction;
    public readonly cognitoAuthorizer: aws.apigateway.Authorizer;
    public readonly jwtAuthorizer: aws.apigateway.Authorizer;
    public readonly resources: Record<string, aws.apigateway.Resource>;
    /** Keyed `METHOD /path`. */
    public readonly methods: Record<string, aws.apigateway.Method>;
    public readonly integrations: Record<string, aws.apigateway.Integration>;
    public readonly deployment: aws.apigateway.Deployment;
    public readonly stage: aws.apigateway.Stage;
    public readonly methodSettings: aws.apigateway.MethodSettings;
    public readonly accessLogGroup: aws.cloudwatch.LogGroup;
    public readonly executionLogGroup?: aws.cloudwatch.LogGroup;
    public readonly cloudWatchRole?: aws.iam.Role;
    public readonly account?: aws.apigateway.Account;
    /** Base URL of the stage, e.g. `https://<id>.execute-api.<region>.amazonaws.com/v1`. */
    public readonly url: pulumi.Output<string>;

    constructor(name: string, args: ApiArgs, opts?: pulumi.ComponentResourceOptions) {
        super("cognito-stack:api:Api", name, {}, opts);
        throwIfIssues(`Api ${name}`, validateApiArgs(args), "ApiArgs.");

        const machineScopes = args.machineScopes ?? [];
        const routes = args.routes ?? apiRoutes(machineScopes);
        const stageName = args.stageName ?? "v1";
        const ttl = args.authorizerCacheSeconds ?? 300;
        const retention = args.logRetentionDays ?? 30;
        const logLevel = args.executionLogLevel ?? "ERROR";
        const adminGroups = args.adminGroups ?? ["admins"];
        const tags = args.tags ?? {};
        const prefix = args.namePrefix ?? physicalName(pulumi.getProject(), pulumi.getStack(), name);
        const table = args.table;

        this.handler = new LambdaFunction(
            `${name}-handler`,
            {
                functionName: physicalName(prefix, "handler"),
                description: "API backend: /me and the caller's items",
                code: args.code("api"),
                memoryMb: args.memoryMb,
                timeoutSeconds: args.timeoutSeconds ?? 10,
                environment: {
                    TABLE_NAME: table.name,
                    ADMIN_GROUPS: adminGroups.join(","),
                    ...(machineScopes.length > 0 ? { MACHINE_SCOPES: machineScopes.join(" ") } : {}),
                    ...(table.partitionKey !== undefined ? { TABLE_PARTITION_KEY: table.partitionKey } : {}),
                    ...(table.sortKey !== undefined ? { TABLE_SORT_KEY: table.sortKey } : {}),
                },
                // Item reads and writes only: no Scan, no table management.
                statements: [
                    { Sid: "Items", Effect: "Allow", Action: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem", "dynamodb:Query"], Resource: table.arn },
                ],
                logRetentionDays: retention,
                tags,
            },
            { parent: this },
        );

        // No AWS calls: the JWKS is fetched over HTTPS at init, the role only writes logs.
        this.authorizerFunction = new LambdaFunction(
            `${name}-authorizer`,
            {
                functionName: physicalName(prefix, "authorizer"),
                description: "API admin authorizer: verifies Cognito access tokens with aws-jwt-verify and requires a group",
                code: args.code("authorizer"),
                memoryMb: args.memoryMb,
                timeoutSeconds: 5,
                environment: {
                    USER_POOL_ID: args.userPoolId,
                    APP_CLIENT_IDS: pulumi.output(args.appClientIds).apply((ids) => ids.join(",")),
                    REQUIRED_GROUPS: adminGroups.join(","),
                },
                logRetentionDays: retention,
                tags,
            },
            { parent: this },
        );

        this.restApi = new aws.apigateway.RestApi(
            name,
            { description: "Items API secured by Cognito", endpointConfiguration: { types: "REGIONAL" }, tags },
            { parent: this },
        );

        this.cognitoAuthorizer = new aws.apigateway.Authorizer(
            `${name}-cognito`,
            {
                restApi: this.restApi.id,
                name: "cognito",
                type: "COGNITO_USER_POOLS",
                providerArns: [args.userPoolArn],
                identitySource: "method.request.header.Authorization",
            },
            { parent: this },
        );

        this.jwtAuthorizer = new aws.apigateway.Authorizer(
            `${name}-jwt`,
            {
                restApi: this.restApi.id,
                name: "admin-jwt",
                type: "TOKEN",
                authorizerUri: this.authorizerFunction.invokeArn,
                identitySource: "method.request.header.Authorization",
                identityValidationExpression: TOKEN_PATTERN,
                authorizerResultTtlInSeconds: ttl,
            },
            { parent: this },
        );

        const authorizerPermission = new aws.lambda.Permission(
            `${name}-invoke-authorizer`,
            {
                action: "lambda:InvokeFunction",
                function: this.authorizerFunction.function.name,
                principal: "apigateway.amazonaws.com",
                sourceArn: pulumi.interpolate`${this.restApi.executionArn}/authorizers/${this.jwtAuthorizer.id}`,
            },
            { parent: this },
        );

        const handlerPermission = new aws.lambda.Permission(
            `${name}-invoke-handler`,
            {
                action: "lambda:InvokeFunction",
                function: this.handler.function.name,
                principal: "apigateway.amazonaws.com",
                sourceArn: pulumi.interpolate`${this.restApi.executionArn}/${stageName}/*`,
            },
            { parent: this },
        );

        this.resources = {};
        for (const path of resourcePaths(routes)) {
            const parentPath = path.slice(0, path.lastIndexOf("/"));
            this.resources[path] = new aws.apigateway.Resource(
                `${name}-path-${slug(path)}`,
                {
                    restApi: this.restApi.id,
                    parentId: parentPath === "" ? this.restApi.rootResourceId : this.resources[parentPath].id,
                    pathPart: path.slice(path.lastIndexOf("/") + 1),
                },
                { parent: this },
            );
        }

        const scopesOf = (access: RouteAccess) => (access === "read" ? args.readScopes : access === "write" ? args.writeScopes : access === "machine" ? machineScopes : []);
        this.methods = {};
        this.integrations = {};
        for (const r of routes) {
            const key = `${r.method} ${r.path}`;
            const child = `${name}-${r.method.toLowerCase()}-${slug(r.path)}`;
            const params = [...r.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
            const method = new aws.apigateway.Method(
                child,
                {
                    restApi: this.restApi.id,
                    resourceId: this.resources[r.path].id,
                    httpMethod: r.method,
                    ...(r.access === "admin"
                        ? { authorization: "CUSTOM", authorizerId: this.jwtAuthorizer.id }
                        : { authorization: "COGNITO_USER_POOLS", authorizerId: this.cognitoAuthorizer.id, authorizationScopes: [...scopesOf(r.access)] }),
                    requestParameters: params.length > 0 ? Object.fromEntries(params.map((p) => [`method.request.path.${p}`, true])) : undefined,
                },
                { parent: this },
            );
            this.methods[key] = method;
            this.integrations[key] = new aws.apigateway.Integration(
                `${child}-integration`,
                {
                    restApi: this.restApi.id,
                    resourceId: method.resourceId,
                    httpMethod: method.httpMethod,
                    type: "AWS_PROXY",
                    integrationHttpMethod: "POST",
                    uri: this.handler.invokeArn,
                },
                { parent: this },
            );
        }

        // Plain values only: what API Gateway would serve differently if it changed.
        const shape = {
            routes: routes.map((r) => ({ ...r, scopes: scopesOf(r.access) })),
            cognitoAuthorizer: { type: "COGNITO_USER_POOLS", identitySource: "method.request.header.Authorization" },
            jwtAuthorizer: { type: "TOKEN", ttl, identityValidationExpression: TOKEN_PATTERN },
            integration: { type: "AWS_PROXY", function: this.handler.functionName },
        };
        this.deployment = new aws.apigateway.Deployment(
            `${name}-deployment`,
            {
                restApi: this.restApi.id,
                description: `Routes ${routes.map((r) => `${r.method} ${r.path}`).join(", ")}`.slice(0, 1024),
                triggers: { redeployment: deploymentHash(shape) },
            },
            // A deployment snapshots the methods that exist: it must come after all of them.
            { parent: this, dependsOn: [...Object.values(this.methods), ...Object.values(this.integrations), authorizerPermission, handlerPermission] },
        );

        this.accessLogGroup = new aws.cloudwatch.LogGroup(`${name}-access-logs`, { retentionInDays: retention, tags }, { parent: this });

        if (logLevel !== "OFF") {
            // API Gateway writes execution logs here; created first so it carries a retention.
            this.executionLogGroup = new aws.cloudwatch.LogGroup(
                `${name}-execution-logs`,
                { name: pulumi.interpolate`API-Gateway-Execution-Logs_${this.restApi.id}/${stageName}`, retentionInDays: retention, tags },
                { parent: this },
            );
        }

        if (args.manageCloudWatchRole ?? false) {
            this.cloudWatchRole = new aws.iam.Role(
                `${name}-cloudwatch-role`,
                {
                    description: "Lets API Gateway write access and execution logs to CloudWatch (account-wide setting)",
                    assumeRolePolicy: JSON.stringify({
                        Version: "2012-10-17",
                        Statement: [{ Effect: "Allow", Principal: { Service: "apigateway.amazonaws.com" }, Action: "sts:AssumeRole" }],
                    }),
                    tags,
                },
                { parent: this },
            );
            const partition = aws.getPartitionOutput({}, { parent: this }).partition;
            // AWS's policy for this role: the account setting serves every API, so no narrower scope exists.
            const attachment = new aws.iam.RolePolicyAttachment(
                `${name}-cloudwatch-role-policy`,
                { role: this.cloudWatchRole.name, policyArn: pulumi.interpolate`arn:${partition}:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs` },
                { parent: this },
            );
            this.account = new aws.apigateway.Account(`${name}-account`, { cloudwatchRoleArn: this.cloudWatchRole.arn }, { parent: this, dependsOn: [attachment] });
        }

        this.stage = new aws.apigateway.Stage(
            `${name}-stage`,
            {
                restApi: this.restApi.id,
                deployment: this.deployment.id,
                stageName,
                accessLogSettings: { destinationArn: this.accessLogGroup.arn, format: ACCESS_LOG_FORMAT },
                tags,
            },
            { parent: this, dependsOn: [...(this.account ? [this.account] : []), ...(this.executionLogGroup ? [this.executionLogGroup] : [])] },
        );

        this.methodSettings = new aws.apigateway.MethodSettings(
            `${name}-method-settings`,
            {
                restApi: this.restApi.id,
                stageName: this.stage.stageName,
                methodPath: "*/*",
                settings: {
                    metricsEnabled: true,
                    loggingLevel: logLevel,
                    // Request and response bodies would put tokens and personal data in the logs.
                    dataTraceEnabled: false,
                    throttlingRateLimit: args.throttlingRateLimit ?? 50,
                    throttlingBurstLimit: args.throttlingBurstLimit ?? 100,
                },
            },
            { parent: this },
        );

        this.url = this.stage.invokeUrl;
        this.registerOutputs({ url: this.url, restApiId: this.restApi.id, stageName, routes: routes.map((r) => `${r.method} ${r.path}`) });
    }
}
