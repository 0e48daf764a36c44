import * as pulumi from "@pulumi/pulumi";
import * as assert from "node:assert/strict";
import { Api, API_ROUTES, ApiArgs, resolveApiScopes, resourcePaths, validateApiArgs } from "../../components/api";
import type { LambdaCode } from "../../components/lambdaCode";
import { parseStackConfig } from "../../config";
import { formatIssue, ValidationError } from "../../components/issues";
import { loadProject, resolveStackConfig } from "../../tools/planConfig";
import { byName, named, ofType, output, ROOT } from "../helpers/plans";
import { ACCOUNT, build, Recording, record, REGION, valueOf } from "../helpers/record";

const fakeCode: LambdaCode = (name) => new pulumi.asset.AssetArchive({ "index.js": new pulumi.asset.StringAsset(`exports.handler = async () => "${name}";`) });

const POOL_ID = `${REGION}_AbCdEf123`;
const POOL_ARN = `arn:aws:cognito-idp:${REGION}:${ACCOUNT}:userpool/${POOL_ID}`;
const TABLE_ARN = `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/items`;
const READ = "https://api.example.com/items.read";
const WRITE = "https://api.example.com/items.write";
const FUNCTION = "aws:lambda/function:Function";
const REST_API = "aws:apigateway/restApi:RestApi";
const AUTHORIZER = "aws:apigateway/authorizer:Authorizer";

const args: ApiArgs = {
    code: fakeCode,
    userPoolId: POOL_ID,
    userPoolArn: POOL_ARN,
    appClientIds: ["client1", "client2"],
    table: { name: "items", arn: TABLE_ARN },
    readScopes: [READ],
    writeScopes: [WRITE],
    throttlingRateLimit: 20,
    throttlingBurstLimit: 40,
    logRetentionDays: 90,
    manageCloudWatchRole: true,
};

async function buildApi(a: ApiArgs): Promise<{ rec: Recording; api: Api }> {
    const { component: api, ...rec } = await build(() => new Api("api", a), "dev");
    return { rec, api };
}

describe("Api", () => {
    let rec: Recording;
    let api: Api;
    /** Ids and ARNs AWS gives the API and its authorizers. */
    let apiId: string, executionArn: string, cognitoId: string, jwtId: string;

    before(async () => {
        ({ rec, api } = await buildApi(args));
        const restApi = named(rec, REST_API, "api");
        [apiId, executionArn] = [output(restApi, "id"), output(restApi, "executionArn")];
        [cognitoId, jwtId] = ["api-cognito", "api-jwt"].map((n) => output(named(rec, AUTHORIZER, n), "id"));
    });

    it("creates exactly the API's resources, one method and integration per route", () => {
        const names = rec.resources.filter((r) => r.parent?.endsWith("::api")).map((r) => `${r.type} ${r.name}`);
        const route = (m: string, p: string) => [`aws:apigateway/method:Method api-${m}-${p}`, `aws:apigateway/integration:Integration api-${m}-${p}-integration`];
        assert.deepEqual(names.sort(), [
            "cognito-stack:lambda:Function api-handler",
            "cognito-stack:lambda:Function api-authorizer",
            "aws:apigateway/restApi:RestApi api",
            "aws:apigateway/authorizer:Authorizer api-cognito",
            "aws:apigateway/authorizer:Authorizer api-jwt",
            "aws:lambda/permission:Permission api-invoke-authorizer",
            "aws:lambda/permission:Permission api-invoke-handler",
            "aws:apigateway/resource:Resource api-path-admin",
            "aws:apigateway/resource:Resource api-path-items",
            "aws:apigateway/resource:Resource api-path-me",
            "aws:apigateway/resource:Resource api-path-admin-users",
            "aws:apigateway/resource:Resource api-path-items-id",
            "aws:apigateway/resource:Resource api-path-admin-users-userid",
            "aws:apigateway/resource:Resource api-path-admin-users-userid-items",
            ...route("get", "me"),
            ...route("get", "items"),
            ...route("get", "items-id"),
            ...route("put", "items-id"),
            ...route("delete", "items-id"),
            ...route("get", "admin-users-userid-items"),
            "aws:apigateway/deployment:Deployment api-deployment",
            "aws:cloudwatch/logGroup:LogGroup api-access-logs",
            "aws:cloudwatch/logGroup:LogGroup api-execution-logs",
            "aws:iam/role:Role api-cloudwatch-role",
            "aws:iam/rolePolicyAttachment:RolePolicyAttachment api-cloudwatch-role-policy",
            "aws:apigateway/account:Account api-account",
            "aws:apigateway/stage:Stage api-stage",
            "aws:apigateway/methodSettings:MethodSettings api-method-settings",
        ].sort());
        assert.equal(named(rec, "aws:apigateway/restApi:RestApi", "api").props.endpointConfiguration.types, "REGIONAL");
    });

    it("builds the resource tree from the root", () => {
        const parentOf = (name: string) => byName(rec, name).props.parentId as string;
        const idOf = (name: string) => output(byName(rec, name), "id");
        assert.equal(parentOf("api-path-items"), output(named(rec, REST_API, "api"), "rootResourceId"));
        assert.equal(parentOf("api-path-items-id"), idOf("api-path-items"));
        assert.equal(byName(rec, "api-path-items-id").props.pathPart, "{id}");
        assert.equal(parentOf("api-path-admin-users-userid-items"), idOf("api-path-admin-users-userid"));
    });

    it("puts an authorizer on every method: Cognito with scopes on user routes, the JWT authorizer on admin routes", () => {
        const methods = ofType(rec, "aws:apigateway/method:Method");
        assert.deepEqual(methods.map((m) => m.name).sort(), [
            "api-delete-items-id", "api-get-admin-users-userid-items", "api-get-items", "api-get-items-id", "api-get-me", "api-put-items-id",
        ]);
        for (const m of methods) {
            assert.notEqual(m.props.authorization, "NONE", m.name);
            assert.ok(m.props.authorizerId, `${m.name} has no authorizer`);
        }
        const method = (name: string) => byName(rec, name).props;
        for (const name of ["api-get-me", "api-get-items", "api-get-items-id"]) {
            assert.deepEqual([method(name).authorization, method(name).authorizerId, method(name).authorizationScopes], ["COGNITO_USER_POOLS", cognitoId, [READ]], name);
        }
        for (const name of ["api-put-items-id", "api-delete-items-id"]) {
            assert.deepEqual([method(name).authorization, method(name).authorizerId, method(name).authorizationScopes], ["COGNITO_USER_POOLS", cognitoId, [WRITE]], name);
        }
        const admin = method("api-get-admin-users-userid-items");
        assert.deepEqual([admin.authorization, admin.authorizerId, admin.authorizationScopes], ["CUSTOM", jwtId, undefined]);
        assert.deepEqual(admin.requestParameters, { "method.request.path.userId": true });
    });

    it("configures the Cognito authorizer on the pool and the cached TOKEN authorizer on its function", () => {
        const cognito = byName(rec, "api-cognito").props;
        assert.deepEqual([cognito.type, cognito.providerArns, cognito.identitySource], ["COGNITO_USER_POOLS", [POOL_ARN], "method.request.header.Authorization"]);
        const jwt = byName(rec, "api-jwt").props;
        assert.equal(jwt.type, "TOKEN");
        assert.equal(jwt.authorizerResultTtlInSeconds, 300);
        assert.equal(jwt.identitySource, "method.request.header.Authorization");
        assert.equal(jwt.authorizerUri, `arn:aws:apigateway:${REGION}:lambda:path/2015-03-31/functions/arn:aws:lambda:${REGION}:${ACCOUNT}:function:cognito-stack-dev-api-authorizer/invocations`);
        const pattern = new RegExp(jwt.identityValidationExpression as string);
        assert.ok(pattern.test("Bearer aaa.bbb.ccc") && pattern.test("aaa.bbb.ccc"));
        assert.ok(!pattern.test("Basic dXNlcjpwYXNz"));
    });

    it("lets API Gateway invoke the functions from this API only: the authorizer from its authorizer, the handler from the stage", () => {
        const auth = byName(rec, "api-invoke-authorizer").props;
        assert.deepEqual([auth.principal, auth.function, auth.sourceArn], ["apigateway.amazonaws.com", "cognito-stack-dev-api-authorizer", `${executionArn}/authorizers/${jwtId}`]);
        const handler = byName(rec, "api-invoke-handler").props;
        assert.deepEqual([handler.principal, handler.function, handler.sourceArn], ["apigateway.amazonaws.com", "cognito-stack-dev-api-handler", `${executionArn}/v1/*`]);
    });

    it("proxies every method to the handler", () => {
        const handlerInvokeArn = `arn:aws:apigateway:${REGION}:lambda:path/2015-03-31/functions/arn:aws:lambda:${REGION}:${ACCOUNT}:function:cognito-stack-dev-api-handler/invocations`;
        const integrations = ofType(rec, "aws:apigateway/integration:Integration");
        assert.deepEqual(integrations.map((i) => [i.name, i.props.httpMethod]).sort(), [
            ["api-delete-items-id-integration", "DELETE"],
            ["api-get-admin-users-userid-items-integration", "GET"],
            ["api-get-items-id-integration", "GET"],
            ["api-get-items-integration", "GET"],
            ["api-get-me-integration", "GET"],
            ["api-put-items-id-integration", "PUT"],
        ]);
        for (const i of integrations) {
            assert.deepEqual([i.props.type, i.props.integrationHttpMethod, i.props.uri], ["AWS_PROXY", "POST", handlerInvokeArn], i.name);
        }
        assert.equal(byName(rec, "api-delete-items-id-integration").props.httpMethod, "DELETE");
    });

    it("gives the handler item access to its table only, and the authorizer the pool, clients and admin groups", () => {
        const handler = named(rec, FUNCTION, "api-handler").props;
        assert.deepEqual(handler.environment.variables, { TABLE_NAME: "items", ADMIN_GROUPS: "admins" });
        assert.equal(handler.timeout, 10);
        const policy = JSON.parse(byName(rec, "api-handler-policy").props.policy as string);
        assert.deepEqual(policy.Statement, [{ Sid: "Items", Effect: "Allow", Action: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem", "dynamodb:Query"], Resource: TABLE_ARN }]);
        const authorizer = named(rec, FUNCTION, "api-authorizer").props;
        assert.deepEqual(authorizer.environment.variables, { USER_POOL_ID: POOL_ID, APP_CLIENT_IDS: "client1,client2", REQUIRED_GROUPS: "admins" });
        assert.ok(authorizer.timeout <= 5);
        assert.deepEqual(rec.resources.filter((r) => r.name.startsWith("api-authorizer-") && r.type === "aws:iam/rolePolicy:RolePolicy").map((r) => r.name), ["api-authorizer-logs-policy"]);
    });

    it("deploys after every method and integration, with a redeployment trigger", () => {
        const deployment = byName(rec, "api-deployment");
        for (const r of [...ofType(rec, "aws:apigateway/method:Method"), ...ofType(rec, "aws:apigateway/integration:Integration")]) {
            assert.ok(deployment.dependencies.includes(r.urn), `deployment must come after ${r.name}`);
        }
        assert.match(deployment.props.triggers.redeployment as string, /^[0-9a-f]{64}$/);
    });

    it("logs access as JSON with retention, throttles and measures the stage", async () => {
        const stage = byName(rec, "api-stage").props;
        assert.equal(stage.deployment, output(byName(rec, "api-deployment"), "id"));
        assert.equal(stage.stageName, "v1");
        assert.equal(stage.accessLogSettings.destinationArn, output(byName(rec, "api-access-logs"), "arn"));
        const format = JSON.parse(stage.accessLogSettings.format as string);
        assert.equal(format.requestId, "$context.requestId");
        assert.equal(format.status, "$context.status");
        assert.equal(byName(rec, "api-access-logs").props.retentionInDays, 90);
        const execution = byName(rec, "api-execution-logs").props;
        assert.deepEqual([execution.name, execution.retentionInDays], [`API-Gateway-Execution-Logs_${apiId}/v1`, 90]);
        const settings = byName(rec, "api-method-settings").props;
        assert.equal(settings.methodPath, "*/*");
        assert.deepEqual(settings.settings, { metricsEnabled: true, loggingLevel: "ERROR", dataTraceEnabled: false, throttlingRateLimit: 20, throttlingBurstLimit: 40 });
        assert.equal(await valueOf(api.url), `https://${apiId}.execute-api.${REGION}.amazonaws.com/v1`);
    });

    it("sets the account's CloudWatch role before the stage when asked to", () => {
        const stage = byName(rec, "api-stage");
        assert.ok(stage.dependencies.includes(byName(rec, "api-account").urn));
        assert.ok(stage.dependencies.includes(byName(rec, "api-execution-logs").urn));
        const role = byName(rec, "api-cloudwatch-role").props;
        assert.deepEqual(JSON.parse(role.assumeRolePolicy as string).Statement[0].Principal, { Service: "apigateway.amazonaws.com" });
        assert.equal(byName(rec, "api-cloudwatch-role-policy").props.policyArn, "arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs");
    });
});

describe("Api options", () => {
    it("leaves the account setting alone by default and logs no execution when OFF", async () => {
        const { rec } = await buildApi({ ...args, manageCloudWatchRole: undefined, executionLogLevel: "OFF" });
        assert.equal(ofType(rec, "aws:apigateway/account:Account").length, 0);
        assert.equal(ofType(rec, "aws:iam/role:Role").filter((r) => r.name === "api-cloudwatch-role").length, 0);
        assert.equal(rec.resources.filter((r) => r.name === "api-execution-logs").length, 0);
        assert.equal(byName(rec, "api-method-settings").props.settings.loggingLevel, "OFF");
    });

    it("re-creates the deployment when routes, scopes or the authorizer cache change, and only then", async () => {
        const hash = async (a: ApiArgs) => byName((await buildApi(a)).rec, "api-deployment").props.triggers.redeployment as string;
        const base = await hash(args);
        assert.equal(await hash({ ...args, throttlingRateLimit: 5 }), base, "stage settings do not change the deployment");
        const changed = [
            await hash({ ...args, routes: API_ROUTES.filter((r) => r.method !== "DELETE") }),
            await hash({ ...args, readScopes: [WRITE] }),
            await hash({ ...args, authorizerCacheSeconds: 0 }),
        ];
        for (const h of changed) {
            assert.notEqual(h, base);
        }
        assert.equal(new Set(changed).size, changed.length);
    });

    it("passes table key names when the table has its own", async () => {
        const { rec } = await buildApi({ ...args, table: { name: "t", arn: TABLE_ARN, partitionKey: "userId", sortKey: "itemId" } });
        assert.deepEqual(named(rec, FUNCTION, "api-handler").props.environment.variables, { TABLE_NAME: "t", ADMIN_GROUPS: "admins", TABLE_PARTITION_KEY: "userId", TABLE_SORT_KEY: "itemId" });
    });
});

describe("Api: the machine route", () => {
    const SERVICE = "https://api.example.com/items.service";

    it("takes client_credentials tokens with the machine scope through the Cognito authorizer, and tells the handler the scope", async () => {
        const { rec } = await buildApi({ ...args, machineScopes: [SERVICE] });
        const methods = ofType(rec, "aws:apigateway/method:Method");
        // The six user routes and the machine one.
        assert.equal(methods.length, 7);
        const service = named(rec, "aws:apigateway/method:Method", "api-get-service-users-userid-items");
        assert.deepEqual([service.props.authorization, service.props.authorizationScopes, service.props.authorizerId], ["COGNITO_USER_POOLS", [SERVICE], output(named(rec, AUTHORIZER, "api-cognito"), "id")]);
        // No user route takes the machine scope, and the machine route no user scope.
        for (const m of methods.filter((x) => x !== service)) {
            assert.ok(!(m.props.authorizationScopes ?? []).includes(SERVICE), m.name);
        }
        assert.equal(named(rec, FUNCTION, "api-handler").props.environment.variables.MACHINE_SCOPES, SERVICE);
    });

    it("has no machine route without machine scopes", async () => {
        const { rec } = await buildApi(args);
        assert.deepEqual(ofType(rec, "aws:apigateway/method:Method").filter((m) => m.name.includes("service")), []);
        assert.equal(named(rec, FUNCTION, "api-handler").props.environment.variables.MACHINE_SCOPES, undefined);
    });

    it("refuses a machine scope that a user route takes, or that no resource server defines", () => {
        assert.deepEqual(validateApiArgs({ readScopes: [READ], writeScopes: [WRITE], machineScopes: [READ, "https://api.example.com/x"] }, { customScopes: [READ, WRITE] }).map((i) => formatIssue(i)), [
            `machineScopes must differ from the user routes' scopes (${READ} is one): a machine token speaks for no user (received: "${READ}"). Fix: give the machine route a scope of its own, e.g. items.service`,
            `machineScopes names https://api.example.com/x, which no resource server defines (received: "https://api.example.com/x"). Fix: use one of ${READ}, ${WRITE}`,
        ]);
    });

    it("resolves the machine scope on the named resource server", () =>
        assert.deepEqual(resolveApiScopes({ readScope: "r", writeScope: "w", machineScope: "s" }, [{ identifier: "https://one" }]).machineScopes, ["https://one/s"]));
});

describe("validateApiArgs", () => {
    const base = { readScopes: [READ], writeScopes: [WRITE] };
    const messages = (a: Parameters<typeof validateApiArgs>[0], ctx = {}) => validateApiArgs(a, ctx).map((i) => formatIssue(i));

    it("accepts the defaults", () => {
        assert.deepEqual(messages(base), []);
    });

    it("requires positive throttling, a cache TTL API Gateway accepts and a timeout within 29 seconds", () => {
        assert.deepEqual(messages({ ...base, throttlingRateLimit: 0, throttlingBurstLimit: 2.5, authorizerCacheSeconds: 4000, timeoutSeconds: 30, stageName: "v 1" }, { settingsPath: "api." }), [
            'api.stageName must be 1-128 letters, digits, hyphens or underscores (received: "v 1"). Fix: use e.g. v1',
            "api.throttlingRateLimit must be greater than 0 (received: 0). Fix: set the steady-state requests per second, e.g. 50",
            "api.throttlingBurstLimit must be a whole number of at least 1 (received: 2.5). Fix: set the burst, e.g. 100",
            "api.authorizerCacheSeconds must be a whole number between 0 and 3600 (received: 4000). Fix: use 300 (API Gateway's default) or 0 to turn caching off",
            "api.timeoutSeconds must be at most 29 (API Gateway's integration timeout) (received: 30). Fix: set it to 29 or less",
        ]);
    });

    it("requires scopes on user routes and a group on admin routes, known to the pool", () => {
        assert.deepEqual(messages({ readScopes: [], writeScopes: ["x/y"], adminGroups: [] }, { customScopes: [READ, WRITE] }), [
            "readScopes must name at least one scope (user routes take access tokens with a scope) (received: []). Fix: add a scope of a resource server to resourceServers and name it here",
            `writeScopes names x/y, which no resource server defines (received: "x/y"). Fix: use one of ${READ}, ${WRITE}`,
            "adminGroups must name at least one group (otherwise every signed-in user is an admin) (received: []). Fix: name the administrators' group, e.g. [\"admins\"]",
        ]);
        assert.deepEqual(messages({ ...base, adminGroups: ["ops"] }, { groups: ["admins"] }), [
            'adminGroups names group ops, which is not a group of the pool (received: "ops"). Fix: add ops to groups or use one of admins',
        ]);
    });

    it("rejects a repeated route", () => {
        assert.deepEqual(messages({ ...base, routes: [API_ROUTES[0], API_ROUTES[0]] }), ['routes must not repeat a method and path (received: "GET /me"). Fix: list each route once']);
    });

    it("makes the component fail with every problem", () => {
        record();
        assert.throws(
            () => new Api("bad", { ...args, readScopes: [], logRetentionDays: 10 }),
            (e: unknown) =>
                e instanceof ValidationError &&
                e.message ===
                    [
                        "Api bad has 2 problems:",
                        "  - ApiArgs.logRetentionDays must be one of CloudWatch's retention values 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653 (received: 10). Fix: choose the nearest allowed value, e.g. 30 or 365",
                        "  - ApiArgs.readScopes must name at least one scope (user routes take access tokens with a scope) (received: []). Fix: add a scope of a resource server to resourceServers and name it here",
                    ].join("\n"),
        );
    });

    it("lists resources parents first", () => {
        assert.deepEqual(resourcePaths([{ method: "GET", path: "/a/{b}/c", access: "read" }, { method: "GET", path: "/a", access: "read" }]), ["/a", "/a/{b}", "/a/{b}/c"]);
    });

    it("derives the scopes from the named or the first resource server", () => {
        const servers = [{ identifier: "https://one" }, { identifier: "https://two" }];
        assert.deepEqual(resolveApiScopes({ readScope: "r", writeScope: "w" }, servers), { readScopes: ["https://one/r"], writeScopes: ["https://one/w"], machineScopes: [] });
        assert.deepEqual(resolveApiScopes({ resourceServer: "https://two", readScope: "r", writeScope: "w" }, servers), { readScopes: ["https://two/r"], writeScopes: ["https://two/w"], machineScopes: [] });
    });
});

/** The config a real stack's program reads, secrets as the offline plan's placeholders. */
const stackBag = (stack: string) => resolveStackConfig(ROOT, loadProject(ROOT), stack).config;

describe("stack config for triggers and the API", () => {
    const triggerKinds = {
        dev: ["postAuthentication", "postConfirmation", "preSignUp", "preTokenGeneration"],
        staging: ["postAuthentication", "postConfirmation", "preAuthentication", "preSignUp", "preTokenGeneration"],
        prod: ["postAuthentication", "postConfirmation", "preAuthentication", "preSignUp", "preTokenGeneration"],
    };
    for (const [stack, retention, rate] of [["dev", 14, 100], ["staging", 90, 50], ["prod", 365, 20]] as const) {
        it(`${stack}: parses, enables its triggers and the API`, () => {
            const result = parseStackConfig(stackBag(stack));
            assert.ok(result.ok, result.ok ? "" : result.issues.map((i) => formatIssue(i)).join("\n"));
            const c = result.config;
            assert.equal(c.logRetentionDays, retention);
            assert.deepEqual(Object.keys(c.triggers).filter((k) => k.startsWith("pre") || k.startsWith("post")).sort(), triggerKinds[stack]);
            assert.equal(c.triggers.timeoutSeconds, 5);
            assert.equal(c.api?.throttlingRateLimit, rate);
        });
    }

    it("reports trigger and API problems under their config keys, the shared retention once", () => {
        const bag = stackBag("dev");
        const result = parseStackConfig(
            {
                ...bag,
                "cognito-stack:logRetentionDays": "45",
                "cognito-stack:triggers": JSON.stringify({ timeoutSeconds: 8, postConfirmation: { defaultGroup: "nobody", senderEmail: "a@example.com" } }),
                "cognito-stack:api": JSON.stringify({ readScope: "items.list", adminGroups: ["root"] }),
            },
        );
        assert.equal(result.ok, false);
        const lines = result.ok ? [] : result.issues.map((i) => formatIssue(i, "cognito-stack:"));
        assert.deepEqual(lines, [
            "cognito-stack:triggers.timeoutSeconds must be at most 5 (Cognito waits 5 seconds for a trigger) (received: 8). Fix: set it to 5 or less and keep the handlers fast",
            "cognito-stack:logRetentionDays must be one of CloudWatch's retention values 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653 (received: 45). Fix: choose the nearest allowed value, e.g. 30 or 365",
            'cognito-stack:triggers.postConfirmation.defaultGroup must name a group of the pool (received: "nobody"). Fix: use one of admins, members or add the group to groups',
            'cognito-stack:api.readScope names https://api.dev.example.com/items.list, which no resource server defines (received: "https://api.dev.example.com/items.list"). Fix: use one of https://api.dev.example.com/items.read, https://api.dev.example.com/items.write, https://api.dev.example.com/items.service',
            'cognito-stack:api.adminGroups names group root, which is not a group of the pool (received: "root"). Fix: add root to groups or use one of admins, members',
        ]);
    });

    it("rejects an API resource server that does not exist", () => {
        const bag = stackBag("dev");
        const result = parseStackConfig({ ...bag, "cognito-stack:api": JSON.stringify({ resourceServer: "https://nope" }) });
        const lines = result.ok ? [] : result.issues.map((i) => formatIssue(i));
        assert.ok(lines.includes('api.resourceServer must be the identifier of a resource server in resourceServers (received: "https://nope"). Fix: use one of https://api.dev.example.com'), lines.join("\n"));
    });
});
