/**
 * The API Gateway rules' edges, each with the whole list of messages written out: fields left
 * unset, HTTP API (v2) routes, authorizers and stages, a second resource beside the secure one,
 * values of the wrong kind, authorizer ids not known yet, and the settings a stack may loosen.
 */
import * as assert from "node:assert/strict";
import { cognitoAuthorizerPool, lambdaAuthorizerPool, methodAuthorization, methodScopes, optionsMockOnly, stageAccessLogs, stageExecutionLogging } from "../../policies/apigateway";
import { unknownStringSentinel } from "../../policies/lib/unknowns";
import type { Plan } from "../../tools/planTypes";
import { account, authorizerId, find, fnArn, poolArn, poolId, region, resourceServer, restApiId, run, securePlan, setProp, stackConfig } from "./fixtures";
import { addResource } from "./variants";

type Policy = Parameters<typeof run>[1];

async function messages(plan: Plan, policy: Policy, config?: unknown): Promise<string[]> {
    const violations = await run(plan, policy, config);
    assert.ok(violations.every((v) => v.enforcementLevel === "mandatory"), JSON.stringify(violations));
    return violations.map((v) => v.message);
}

/** The prod config with one policy's settings replaced. */
const withSettings = (policy: string, settings: Record<string, unknown>): unknown => ({ ...(stackConfig("prod") as Record<string, unknown>), [policy]: { ...settings, reason: "a documented exception" } });

const READ = `${resourceServer}/items.read`;
const WRITE = `${resourceServer}/items.write`;
const SERVICE = `${resourceServer}/items.service`;
const ATTACH = "attach an authorizer (COGNITO_USER_POOLS, CUSTOM, JWT).";
const httpApiId = "h1t2p3a4p5";
const jwtAuthorizerId = "jwt789";
const issuer = `https://cognito-idp.${region}.amazonaws.com/${poolId}`;
const foreignFunction = "arn:aws:lambda:us-east-1:999999999999:function:yes";
const invocation = (arn: string): string => `arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/${arn}/invocations`;

const ROUTE = "aws:apigatewayv2/route:Route";
const V2_AUTHORIZER = "aws:apigatewayv2/authorizer:Authorizer";
const INTEGRATION = "aws:apigateway/integration:Integration";
const AUTHORIZER = "aws:apigateway/authorizer:Authorizer";
const METHOD_SETTINGS = "aws:apigateway/methodSettings:MethodSettings";

/** The secure plan with an HTTP API: a JWT authorizer of this stack's pool and a route using it. */
function httpApiPlan(route: Record<string, unknown> = {}): Plan {
    const plan = securePlan();
    addResource(plan, "aws:apigatewayv2/api:Api", "http-api", { name: "app-http", protocolType: "HTTP" }, { id: httpApiId });
    addResource(plan, V2_AUTHORIZER, "jwt-authorizer", {
        apiId: httpApiId, authorizerType: "JWT", identitySources: ["$request.header.Authorization"], jwtConfiguration: { issuer, audiences: ["web"] },
    }, { id: jwtAuthorizerId });
    addResource(plan, ROUTE, "items-route", { apiId: httpApiId, routeKey: "GET /items", authorizationType: "JWT", authorizerId: jwtAuthorizerId, target: "integrations/int1", ...route });
    return plan;
}

const jwt = (plan: Plan): Record<string, unknown> => find(plan, "jwt-authorizer").props.jwtConfiguration as Record<string, unknown>;
const setJwt = (plan: Plan, key: string, value: unknown): Plan => setProp(plan, "jwt-authorizer", "jwtConfiguration", { ...jwt(plan), [key]: value });

describe("policies/apigateway: methods and routes without an authorizer", () => {
    it("reads an unset authorization as NONE", async () => {
        const plan = setProp(securePlan(), "items-get", "authorization", undefined);
        assert.deepEqual(await messages(plan, methodAuthorization), [`Method GET has authorization NONE: ${ATTACH}`]);
    });

    it("names a method without httpMethod by nothing", async () => {
        const plan = setProp(setProp(securePlan(), "items-get", "httpMethod", undefined), "items-get", "authorization", "NONE");
        assert.deepEqual(await messages(plan, methodAuthorization), [`Method  has authorization NONE: ${ATTACH}`]);
    });

    it("reports an httpMethod of the wrong kind by its field", async () => {
        const plan = setProp(securePlan(), "items-get", "httpMethod", 42);
        const violations = await run(plan, methodAuthorization);
        assert.deepEqual(violations.map((v) => [v.enforcementLevel, v.malformed?.field, v.message]), [["mandatory", "httpMethod", "httpMethod must be a string (received: 42): give the value the provider expects."]]);
    });

    it("refuses AWS_IAM unless the stack's config allows it", async () => {
        const plan = setProp(setProp(securePlan(), "items-get", "authorization", "AWS_IAM"), "items-get", "authorizerId", undefined);
        assert.deepEqual(await messages(plan, methodAuthorization), [`Method GET has authorization AWS_IAM: ${ATTACH}`]);
    });

    it("accepts AWS_IAM without authorizerId where the config allows it (IAM needs no authorizer)", async () => {
        const plan = setProp(setProp(securePlan(), "items-get", "authorization", "AWS_IAM"), "items-get", "authorizerId", undefined);
        const config = withSettings("apigateway-method-authorization", { allowedAuthorizationTypes: ["COGNITO_USER_POOLS", "CUSTOM", "JWT", "AWS_IAM"] });
        assert.deepEqual(await messages(plan, methodAuthorization, config), []);
    });

    it("still wants the authorizerId of a CUSTOM method where AWS_IAM is allowed", async () => {
        const plan = setProp(securePlan(), "admin-get", "authorizerId", undefined);
        const config = withSettings("apigateway-method-authorization", { allowedAuthorizationTypes: ["COGNITO_USER_POOLS", "CUSTOM", "JWT", "AWS_IAM"] });
        assert.deepEqual(await messages(plan, methodAuthorization, config), ["Method GET uses CUSTOM without an authorizerId: set authorizerId to the authorizer's id."]);
    });

    it("passes an HTTP API route with a JWT authorizer", async () => {
        assert.deepEqual(await messages(httpApiPlan(), methodAuthorization), []);
    });

    it("refuses a route without authorizationType", async () => {
        assert.deepEqual(await messages(httpApiPlan({ authorizationType: undefined }), methodAuthorization), [`Route "GET /items" has authorization NONE: ${ATTACH}`]);
    });

    it("refuses the $default route and a greedy route left open", async () => {
        const plan = httpApiPlan({ routeKey: "$default", authorizationType: "NONE" });
        addResource(plan, ROUTE, "proxy-route", { apiId: httpApiId, routeKey: "ANY /{proxy+}", authorizationType: "NONE", target: "integrations/int1" });
        assert.deepEqual(await messages(plan, methodAuthorization), [`Route "$default" has authorization NONE: ${ATTACH}`, `Route "ANY /{proxy+}" has authorization NONE: ${ATTACH}`]);
    });

    it("refuses a JWT route without authorizerId", async () => {
        assert.deepEqual(await messages(httpApiPlan({ authorizerId: undefined }), methodAuthorization), ['Route "GET /items" uses JWT without an authorizerId: set authorizerId to the authorizer\'s id.']);
    });

    it("names a route without routeKey by nothing", async () => {
        assert.deepEqual(await messages(httpApiPlan({ routeKey: undefined, authorizationType: "NONE" }), methodAuthorization), [`Route "" has authorization NONE: ${ATTACH}`]);
    });

    it("lets OPTIONS routes, in any case, go without an authorizer", async () => {
        const plan = httpApiPlan({ routeKey: "OPTIONS /items", authorizationType: "NONE", authorizerId: undefined });
        addResource(plan, ROUTE, "lower-options", { apiId: httpApiId, routeKey: "options /items", authorizationType: "NONE" });
        assert.deepEqual(await messages(plan, methodAuthorization), []);
    });

    it("does not take a path ending in OPTIONS for an OPTIONS route", async () => {
        const plan = httpApiPlan({ routeKey: "GET /OPTIONS ", authorizationType: "NONE" });
        addResource(plan, ROUTE, "options-verb-only", { apiId: httpApiId, routeKey: "OPTIONSGET /items", authorizationType: "NONE" });
        assert.deepEqual(await messages(plan, methodAuthorization), [`Route "GET /OPTIONS " has authorization NONE: ${ATTACH}`, `Route "OPTIONSGET /items" has authorization NONE: ${ATTACH}`]);
    });

    it("reports a routeKey of the wrong kind by its field", async () => {
        const violations = await run(httpApiPlan({ routeKey: ["GET /items"] }), methodAuthorization);
        assert.deepEqual(violations.map((v) => [v.enforcementLevel, v.malformed?.field, v.message]), [["mandatory", "routeKey", 'routeKey must be a string (received: ["GET /items"]): give the value the provider expects.']]);
    });
});

describe("policies/apigateway: what an open OPTIONS method or route reaches", () => {
    const openReaches = (type: string): string => `Method OPTIONS "items-options" has no authorizer and integration "items-options-integration" of type ${type}, so anyone reaches the backend: answer preflights with a MOCK integration.`;

    it("reads an unset authorization as open", async () => {
        const plan = setProp(setProp(securePlan(), "items-options", "authorization", undefined), "items-options-integration", "type", "AWS_PROXY");
        assert.deepEqual(await messages(plan, optionsMockOnly), [openReaches("AWS_PROXY")]);
    });

    it("names an integration without type as unset", async () => {
        const plan = setProp(securePlan(), "items-options-integration", "type", undefined);
        assert.deepEqual(await messages(plan, optionsMockOnly), [openReaches("unset")]);
    });

    it("leaves an open GET method to the method authorization rule", async () => {
        assert.deepEqual(await messages(setProp(securePlan(), "items-get", "authorization", "NONE"), optionsMockOnly), []);
    });

    it("matches no method to an integration without httpMethod", async () => {
        const plan = securePlan();
        addResource(plan, INTEGRATION, "verbless-proxy", { restApi: restApiId, resourceId: "res1", type: "AWS_PROXY" });
        assert.deepEqual(await messages(plan, optionsMockOnly), []);
    });

    it("lets an OPTIONS method with a Cognito authorizer reach a backend", async () => {
        const plan = securePlan();
        setProp(plan, "items-options", "authorization", "COGNITO_USER_POOLS");
        setProp(plan, "items-options", "authorizerId", authorizerId);
        setProp(plan, "items-options-integration", "type", "AWS_PROXY");
        assert.deepEqual(await messages(plan, optionsMockOnly), []);
    });

    it("refuses a second integration of the same OPTIONS method that reaches a Lambda", async () => {
        const plan = securePlan();
        addResource(plan, INTEGRATION, "items-options-proxy", { restApi: restApiId, resourceId: "res1", httpMethod: "options", type: "AWS_PROXY" });
        assert.deepEqual(await messages(plan, optionsMockOnly), ['Method OPTIONS "items-options" has no authorizer and integration "items-options-proxy" of type AWS_PROXY, so anyone reaches the backend: answer preflights with a MOCK integration.']);
    });

    it("does not blame an OPTIONS method for the integration of another resource or API", async () => {
        const plan = securePlan();
        addResource(plan, INTEGRATION, "other-resource-proxy", { restApi: restApiId, resourceId: "res2", httpMethod: "OPTIONS", type: "AWS_PROXY" });
        addResource(plan, INTEGRATION, "other-api-proxy", { restApi: "z9y8x7w6v5", resourceId: "res1", httpMethod: "OPTIONS", type: "AWS_PROXY" });
        assert.deepEqual(await messages(plan, optionsMockOnly), []);
    });

    it("refuses an open OPTIONS route with a target, whatever the case of its verb", async () => {
        const plan = httpApiPlan({ routeKey: "OPTIONS /items", authorizationType: "NONE", authorizerId: undefined });
        addResource(plan, ROUTE, "lower-options", { apiId: httpApiId, routeKey: "options /{proxy+}", target: "integrations/int2" });
        assert.deepEqual(await messages(plan, optionsMockOnly), [
            'Route "OPTIONS /items" has no authorizer and a target, so anyone reaches the backend: remove the route and configure corsConfiguration on the API.',
            'Route "options /{proxy+}" has no authorizer and a target, so anyone reaches the backend: remove the route and configure corsConfiguration on the API.',
        ]);
    });

    it("passes an open OPTIONS route without target, an authorized OPTIONS route and other open routes", async () => {
        const plan = httpApiPlan({ routeKey: "OPTIONS /items" });
        addResource(plan, ROUTE, "no-target", { apiId: httpApiId, routeKey: "OPTIONS /other", authorizationType: "NONE" });
        addResource(plan, ROUTE, "open-get", { apiId: httpApiId, routeKey: "GET /open", authorizationType: "NONE", target: "integrations/int1" });
        assert.deepEqual(await messages(plan, optionsMockOnly), []);
    });
});

describe("policies/apigateway: the pool a Cognito or JWT authorizer trusts", () => {
    const namesNone = 'Cognito authorizer "cognito-authorizer" names no user pool: set providerArns to [pool.arn].';

    it("refuses an authorizer without providerArns, or with an empty list", async () => {
        assert.deepEqual(await messages(setProp(securePlan(), "cognito-authorizer", "providerArns", undefined), cognitoAuthorizerPool), [namesNone]);
        assert.deepEqual(await messages(setProp(securePlan(), "cognito-authorizer", "providerArns", []), cognitoAuthorizerPool), [namesNone]);
    });

    it("refuses a second provider beside this stack's pool", async () => {
        const other = "arn:aws:cognito-idp:us-east-1:999999999999:userpool/us-east-1_Other";
        assert.deepEqual(await messages(setProp(securePlan(), "cognito-authorizer", "providerArns", [poolArn, other]), cognitoAuthorizerPool), [
            `Cognito authorizer "cognito-authorizer" trusts ${other}, not a user pool of this stack: set providerArns to this stack's pool ARN.`,
        ]);
    });

    it("passes a JWT authorizer of this stack's pool and app client, and ignores HTTP API Lambda authorizers", async () => {
        const plan = httpApiPlan();
        addResource(plan, V2_AUTHORIZER, "http-lambda-authorizer", { apiId: httpApiId, authorizerType: "REQUEST", authorizerUri: invocation(fnArn("app-api-authorizer")), authorizerPayloadFormatVersion: "2.0" });
        assert.deepEqual(await messages(plan, cognitoAuthorizerPool), []);
    });

    it("refuses a JWT authorizer of another issuer, or of none", async () => {
        const other = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Other";
        assert.deepEqual(await messages(setJwt(httpApiPlan(), "issuer", other), cognitoAuthorizerPool), [
            `JWT authorizer "jwt-authorizer" trusts issuer ${other}: set jwtConfiguration.issuer to https://<this stack's pool endpoint>.`,
        ]);
        assert.deepEqual(await messages(setJwt(httpApiPlan(), "issuer", undefined), cognitoAuthorizerPool), [
            "JWT authorizer \"jwt-authorizer\" trusts issuer (none): set jwtConfiguration.issuer to https://<this stack's pool endpoint>.",
        ]);
    });

    it("refuses the pool's endpoint without https:// as issuer", async () => {
        assert.deepEqual(await messages(setJwt(httpApiPlan(), "issuer", `cognito-idp.${region}.amazonaws.com/${poolId}`), cognitoAuthorizerPool), [
            `JWT authorizer "jwt-authorizer" trusts issuer cognito-idp.${region}.amazonaws.com/${poolId}: set jwtConfiguration.issuer to https://<this stack's pool endpoint>.`,
        ]);
    });

    it("refuses a JWT authorizer for any audience", async () => {
        const any = "JWT authorizer \"jwt-authorizer\" accepts tokens for any audience: set jwtConfiguration.audiences to this stack's app client ids.";
        assert.deepEqual(await messages(setJwt(httpApiPlan(), "audiences", undefined), cognitoAuthorizerPool), [any]);
        assert.deepEqual(await messages(setJwt(httpApiPlan(), "audiences", []), cognitoAuthorizerPool), [any]);
    });

    it("names each foreign audience beside this stack's clients", async () => {
        assert.deepEqual(await messages(setJwt(httpApiPlan(), "audiences", ["web", "stranger", "reporting", "intruder"]), cognitoAuthorizerPool), [
            "JWT authorizer \"jwt-authorizer\" accepts tokens for stranger, intruder: set jwtConfiguration.audiences to this stack's app client ids.",
        ]);
    });

    it("passes both of this stack's clients as audiences", async () => {
        assert.deepEqual(await messages(setJwt(httpApiPlan(), "audiences", ["web", "reporting"]), cognitoAuthorizerPool), []);
    });

    describe("while a Cognito authorizer's id is not known yet", () => {
        function pendingPlan(): Plan {
            const plan = securePlan();
            addResource(plan, AUTHORIZER, "cognito-authorizer-next", { restApi: restApiId, type: "COGNITO_USER_POOLS", providerArns: [poolArn] }, { id: unknownStringSentinel });
            return plan;
        }

        it("passes a method naming a known authorizer of this stack", async () => {
            assert.deepEqual(await run(pendingPlan(), cognitoAuthorizerPool), []);
        });

        it("leaves a method naming no known authorizer undecided, not refused", async () => {
            const violations = await run(setProp(pendingPlan(), "items-get", "authorizerId", "zzz"), cognitoAuthorizerPool);
            assert.deepEqual(violations.map((v) => v.enforcementLevel), ["advisory"]);
            assert.match(violations[0].message, /^can't run policy 'apigateway-cognito-authorizer-pool' from policy pack '[^']+' during preview: string value at \.id can't be known during preview$/);
        });
    });
});

describe("policies/apigateway: what a Lambda authorizer verifies", () => {
    const notOurs = (name: string, runs: string): string => `Lambda authorizer "${name}" runs ${runs}, not a function of this stack, so what it accepts cannot be checked: point authorizerUri at this program's authorizer function.`;
    const env = (variables: Record<string, string>): { variables: Record<string, string> } => ({ variables: { REQUIRED_GROUPS: "admins", ...variables } });

    it("checks REQUEST authorizers as TOKEN ones", async () => {
        const plan = securePlan();
        addResource(plan, AUTHORIZER, "request-authorizer", { restApi: restApiId, type: "REQUEST", authorizerUri: invocation(foreignFunction), identitySource: "method.request.header.Authorization" }, { id: "req789" });
        assert.deepEqual(await messages(plan, lambdaAuthorizerPool), [notOurs("request-authorizer", foreignFunction)]);
    });

    it("refuses an authorizer without authorizerUri", async () => {
        assert.deepEqual(await messages(setProp(securePlan(), "lambda-authorizer", "authorizerUri", undefined), lambdaAuthorizerPool), [notOurs("lambda-authorizer", "no function")]);
    });

    it("refuses an authorizerUri that is no Lambda invocation", async () => {
        assert.deepEqual(await messages(setProp(securePlan(), "lambda-authorizer", "authorizerUri", "https://auth.example.com/verify"), lambdaAuthorizerPool), [notOurs("lambda-authorizer", "https://auth.example.com/verify")]);
    });

    it("reads USER_POOL_ID and APP_CLIENT_IDS as the authorizer does: trimmed, empty items dropped", async () => {
        const plan = setProp(securePlan(), "api-authorizer", "environment", env({ USER_POOL_ID: ` ${poolId} `, APP_CLIENT_IDS: " web , reporting," }));
        assert.deepEqual(await messages(plan, lambdaAuthorizerPool), []);
    });

    it("refuses a function accepting any app client: APP_CLIENT_IDS unset, empty or only commas", async () => {
        const any = 'Lambda authorizer "lambda-authorizer" runs "api-authorizer", which accepts tokens of any app client (APP_CLIENT_IDS unset): set APP_CLIENT_IDS to this stack\'s clients of that pool.';
        const cases: Record<string, string>[] = [{ USER_POOL_ID: poolId }, { USER_POOL_ID: poolId, APP_CLIENT_IDS: "" }, { USER_POOL_ID: poolId, APP_CLIENT_IDS: " , ," }];
        for (const variables of cases) {
            assert.deepEqual(await messages(setProp(securePlan(), "api-authorizer", "environment", env(variables)), lambdaAuthorizerPool), [any], JSON.stringify(variables));
        }
    });

    it("refuses a function without USER_POOL_ID", async () => {
        const plan = setProp(securePlan(), "api-authorizer", "environment", env({ APP_CLIENT_IDS: "web" }));
        assert.deepEqual(await messages(plan, lambdaAuthorizerPool), ['Lambda authorizer "lambda-authorizer" runs "api-authorizer", which verifies tokens of user pool (USER_POOL_ID unset), not this stack\'s: set USER_POOL_ID to this stack\'s pool id.']);
    });

    it("refuses a client of another pool of this stack, and names every foreign client", async () => {
        const plan = securePlan();
        addResource(plan, "aws:cognito/userPool:UserPool", "partners", {}, { id: `${region}_Partner99`, arn: `arn:aws:cognito-idp:${region}:${account}:userpool/${region}_Partner99`, endpoint: `cognito-idp.${region}.amazonaws.com/${region}_Partner99` });
        addResource(plan, "aws:cognito/userPoolClient:UserPoolClient", "partner-app", { userPoolId: `${region}_Partner99` });
        setProp(plan, "api-authorizer", "environment", env({ USER_POOL_ID: poolId, APP_CLIENT_IDS: "web,partner-app,stranger" }));
        assert.deepEqual(await messages(plan, lambdaAuthorizerPool), [
            `Lambda authorizer "lambda-authorizer" runs "api-authorizer", which accepts tokens of clients partner-app, stranger, not app clients of pool ${poolId}: set APP_CLIENT_IDS to this stack's clients of that pool.`,
        ]);
    });
});

describe("policies/apigateway: scopes of Cognito-authorized methods", () => {
    const CHANGES = "not a write scope: require only write scopes (*.write, *.admin).";

    it("refuses a Cognito method whose authorizationScopes are unset", async () => {
        assert.deepEqual(await messages(setProp(securePlan(), "items-put", "authorizationScopes", undefined), methodScopes), [
            'Method PUT "items-put" uses COGNITO_USER_POOLS without authorizationScopes, so any ID token of the pool passes: require a scope of this stack\'s resource server.',
        ]);
    });

    it("names every scope no resource server defines", async () => {
        const plan = setProp(securePlan(), "items-get", "authorizationScopes", [`${resourceServer}/items.list`, READ, "https://evil.example.com/items.read"]);
        assert.deepEqual(await messages(plan, methodScopes), [
            `Method GET "items-get" accepts scopes ${resourceServer}/items.list, https://evil.example.com/items.read, which no resource server of this stack defines: require this stack's <identifier>/<scope> scopes.`,
        ]);
    });

    it("names every read scope of a method that changes data, and the write words", async () => {
        const plan = setProp(securePlan(), "items-put", "authorizationScopes", [READ, WRITE, SERVICE]);
        assert.deepEqual(await messages(plan, methodScopes), [`Method PUT "items-put" changes data but accepts ${READ}, ${SERVICE}, ${CHANGES}`]);
    });

    it("takes a write word in any case", async () => {
        const plan = securePlan();
        setProp(plan, "api-scopes", "scopes", [{ scopeName: "items.read" }, { scopeName: "items.WRITE" }, { scopeName: "items.service" }]);
        setProp(plan, "items-put", "authorizationScopes", [`${resourceServer}/items.WRITE`]);
        assert.deepEqual(await messages(plan, methodScopes), []);
    });

    it("reads a configured write word by its letters only, as the message writes it (*.delete)", async () => {
        const plan = securePlan();
        setProp(plan, "api-scopes", "scopes", [{ scopeName: "items.read" }, { scopeName: "items.write" }, { scopeName: "items.service" }, { scopeName: "items.delete" }]);
        setProp(plan, "items-put", "authorizationScopes", [`${resourceServer}/items.delete`]);
        const config = withSettings("apigateway-method-scopes", { writeScopeWords: ["*.delete"] });
        assert.deepEqual(await messages(plan, methodScopes, config), []);
    });

    it("names a method without httpMethod by nothing, and treats it as changing data", async () => {
        const plan = setProp(securePlan(), "items-get", "httpMethod", undefined);
        assert.deepEqual(await messages(plan, methodScopes), [`Method  "items-get" changes data but accepts ${READ}, ${CHANGES}`]);
    });
});

describe("policies/apigateway: stage logs", () => {
    const noAccessLogs = "The stage writes no access logs: set accessLogSettings { destinationArn: <log group ARN>, format }.";
    const addHttpStage = (plan: Plan, accessLogSettings?: unknown): Plan => {
        addResource(plan, "aws:apigatewayv2/stage:Stage", "http-default", { apiId: httpApiId, name: "$default", autoDeploy: true, accessLogSettings });
        return plan;
    };

    it("reports accessLogSettings of the wrong kind by its field", async () => {
        const violations = await run(setProp(securePlan(), "v1", "accessLogSettings", "on"), stageAccessLogs);
        assert.deepEqual(violations.map((v) => [v.malformed?.field, v.message]), [["accessLogSettings", 'accessLogSettings must be an object (received: "on"): give the value the provider expects.']]);
    });

    it("reports an HTTP API stage's accessLogSettings of the wrong kind by its field", async () => {
        const violations = await run(addHttpStage(securePlan(), [{ format: "$context.requestId" }]), stageAccessLogs);
        assert.deepEqual(violations.map((v) => [v.malformed?.field, v.message]), [["accessLogSettings", 'accessLogSettings must be an object (received: [{"format":"$context.requestId"}]): give the value the provider expects.']]);
    });

    it("checks HTTP API stages too", async () => {
        const destinationArn = `arn:aws:logs:${region}:${account}:log-group:http-access`;
        assert.deepEqual(await messages(addHttpStage(securePlan(), { destinationArn, format: "$context.requestId" }), stageAccessLogs), []);
        assert.deepEqual(await messages(addHttpStage(securePlan()), stageAccessLogs), [noAccessLogs]);
        assert.deepEqual(await messages(addHttpStage(securePlan(), { destinationArn }), stageAccessLogs), [noAccessLogs]);
    });

    const noExecutionLogs = 'Stage "v1" has no MethodSettings for */* with settings.loggingLevel ERROR or INFO, so failed authorizations leave no execution log: add one.';

    it("counts only */* settings for the stage's execution logs", async () => {
        assert.deepEqual(await messages(setProp(securePlan(), "v1-settings", "methodPath", "items/GET"), stageExecutionLogging), [noExecutionLogs]);
    });

    it("does not count the settings of another API's stage of the same name", async () => {
        assert.deepEqual(await messages(setProp(securePlan(), "v1-settings", "restApi", "z9y8x7w6v5"), stageExecutionLogging), [noExecutionLogs]);
    });

    it("refuses a second */* settings turning execution logs off", async () => {
        const plan = securePlan();
        addResource(plan, METHOD_SETTINGS, "v1-quiet", { restApi: restApiId, stageName: "v1", methodPath: "*/*", settings: { loggingLevel: "OFF" } });
        assert.deepEqual(await messages(plan, stageExecutionLogging), ['MethodSettings "v1-quiet" sets loggingLevel OFF for */*: use ERROR or INFO.']);
    });

    it("names settings without methodPath by ?", async () => {
        const plan = securePlan();
        addResource(plan, METHOD_SETTINGS, "v1-pathless", { restApi: restApiId, stageName: "v1", settings: { loggingLevel: "DEBUG" } });
        assert.deepEqual(await messages(plan, stageExecutionLogging), ['MethodSettings "v1-pathless" sets loggingLevel DEBUG for ?: use ERROR or INFO.']);
    });

    it("passes method settings that leave loggingLevel unset", async () => {
        const plan = securePlan();
        addResource(plan, METHOD_SETTINGS, "v1-items-metrics", { restApi: restApiId, stageName: "v1", methodPath: "items/GET", settings: { metricsEnabled: true } });
        assert.deepEqual(await messages(plan, stageExecutionLogging), []);
    });

    it("reads an unset loggingLevel as OFF, which a config allowing OFF accepts", async () => {
        const plan = setProp(securePlan(), "v1-settings", "settings", { metricsEnabled: true });
        assert.deepEqual(await messages(plan, stageExecutionLogging), [noExecutionLogs]);
        const config = withSettings("apigateway-stage-execution-logging", { allowedLoggingLevels: ["ERROR", "INFO", "OFF"] });
        assert.deepEqual(await messages(plan, stageExecutionLogging, config), []);
    });

    it("reads dataTraceEnabled \"true\" as on", async () => {
        const plan = setProp(securePlan(), "v1-settings", "settings", { loggingLevel: "INFO", dataTraceEnabled: "true" });
        assert.deepEqual(await messages(plan, stageExecutionLogging), ['MethodSettings "v1-settings" turns dataTraceEnabled on, which writes request and response bodies (tokens, personal data) to the logs: set it to false.']);
    });
});

describe("policies/apigateway: the authorizers of HTTP API routes", () => {
    /** An HTTP API Lambda authorizer running `fn`, and a CUSTOM route using it. */
    function customRoutePlan(fn = fnArn("app-api-authorizer")): Plan {
        const plan = httpApiPlan();
        addResource(plan, V2_AUTHORIZER, "http-lambda-authorizer", { apiId: httpApiId, authorizerType: "REQUEST", authorizerUri: invocation(fn), authorizerPayloadFormatVersion: "2.0", identitySources: ["$request.header.Authorization"] }, { id: "hla321" });
        addResource(plan, ROUTE, "admin-route", { apiId: httpApiId, routeKey: "GET /admin", authorizationType: "CUSTOM", authorizerId: "hla321", target: "integrations/int1" });
        return plan;
    }

    it("passes a CUSTOM route whose Lambda authorizer runs this stack's authorizer function", async () => {
        assert.deepEqual(await messages(customRoutePlan(), lambdaAuthorizerPool), []);
        assert.deepEqual(await messages(customRoutePlan(), cognitoAuthorizerPool), []);
    });

    it("refuses an HTTP API Lambda authorizer running a function of another account", async () => {
        assert.deepEqual(await messages(customRoutePlan(foreignFunction), lambdaAuthorizerPool), [
            `Lambda authorizer "http-lambda-authorizer" runs ${foreignFunction}, not a function of this stack, so what it accepts cannot be checked: point authorizerUri at this program's authorizer function.`,
        ]);
    });

    it("refuses a CUSTOM route naming no Lambda authorizer of this stack", async () => {
        const plan = setProp(customRoutePlan(), "admin-route", "authorizerId", "ext999");
        assert.deepEqual(await messages(plan, lambdaAuthorizerPool), ['Route "GET /admin" uses CUSTOM with authorizer ext999, not a Lambda authorizer of this stack: point authorizerId at one.']);
    });

    it("refuses a CUSTOM route naming a REST API's Lambda authorizer", async () => {
        const plan = setProp(customRoutePlan(), "admin-route", "authorizerId", "lam456");
        assert.deepEqual(await messages(plan, lambdaAuthorizerPool), ['Route "GET /admin" uses CUSTOM with authorizer lam456, not a Lambda authorizer of this stack: point authorizerId at one.']);
    });

    it("refuses a CUSTOM REST method naming an HTTP API's Lambda authorizer", async () => {
        const plan = setProp(customRoutePlan(), "admin-get", "authorizerId", "hla321");
        assert.deepEqual(await messages(plan, lambdaAuthorizerPool), ['Method "admin-get" uses CUSTOM with authorizer hla321, not a Lambda authorizer of this stack: point authorizerId at one.']);
    });

    it("names a route without routeKey by nothing", async () => {
        const plan = customRoutePlan();
        setProp(plan, "items-route", "routeKey", undefined);
        setProp(plan, "items-route", "authorizerId", "ext999");
        setProp(plan, "admin-route", "routeKey", undefined);
        setProp(plan, "admin-route", "authorizerId", "ext999");
        assert.deepEqual(await messages(plan, cognitoAuthorizerPool), ['Route "" uses JWT with authorizer ext999, not a JWT authorizer of this stack: point authorizerId at one.']);
        assert.deepEqual(await messages(plan, lambdaAuthorizerPool), ['Route "" uses CUSTOM with authorizer ext999, not a Lambda authorizer of this stack: point authorizerId at one.']);
    });

    it("refuses a JWT route naming no JWT authorizer of this stack, or the Lambda one", async () => {
        const plan = customRoutePlan();
        setProp(plan, "items-route", "authorizerId", "ext999");
        addResource(plan, ROUTE, "lambda-as-jwt", { apiId: httpApiId, routeKey: "GET /other", authorizationType: "JWT", authorizerId: "hla321", target: "integrations/int1" });
        assert.deepEqual(await messages(plan, cognitoAuthorizerPool), [
            'Route "GET /items" uses JWT with authorizer ext999, not a JWT authorizer of this stack: point authorizerId at one.',
            'Route "GET /other" uses JWT with authorizer hla321, not a JWT authorizer of this stack: point authorizerId at one.',
        ]);
    });
});
