/** A small, secure offline plan of the stack the pack guards, and helpers to run policies on it. */
import * as assert from "node:assert/strict";
import { Policies } from "@pulumi/policy";
import { Violation, runPolicyPack } from "../../policies/runner";
import { readStackConfig } from "../../tools/check";
import type { Plan, PlanResource } from "../../tools/planTypes";

export const region = "us-east-1";
export const account = "123456789012";
export const poolId = `${region}_AbCdEf123`;
export const poolArn = `arn:aws:cognito-idp:${region}:${account}:userpool/${poolId}`;
export const identityPoolId = `${region}:11111111-2222-3333-4444-555555555555`;
export const authRoleArn = `arn:aws:iam::${account}:role/app-authenticated-role`;
export const guestRoleArn = `arn:aws:iam::${account}:role/app-guest-role`;
export const bucketName = "app-data-bucket-1234";
export const bucketArn = `arn:aws:s3:::${bucketName}`;
export const tableArn = `arn:aws:dynamodb:${region}:${account}:table/app-items-5678`;
export const authorizerId = "abc123";
export const lambdaAuthorizerId = "lam456";
export const restApiId = "a1b2c3d4e5";
export const executionArn = `arn:aws:execute-api:${region}:${account}:${restApiId}`;
export const fnArn = (name: string): string => `arn:aws:lambda:${region}:${account}:function:${name}`;
export const roleArn = (name: string): string => `arn:aws:iam::${account}:role/${name}`;
export const adminsRoleArn = roleArn("app-admins-role");
export const resourceServer = "https://api.example.com";
export const sub = "${cognito-identity.amazonaws.com:sub}";

function resource(type: string, name: string, props: Record<string, unknown>, outputs: Record<string, unknown> = {}, protect = false): PlanResource {
    return {
        urn: `urn:pulumi:prod::cognito-stack::${type}::${name}`,
        type,
        name,
        custom: true,
        parent: null,
        dependencies: [],
        props,
        options: { protect, retainOnDelete: false, ignoreChanges: [], deleteBeforeReplace: false },
        outputs: { ...props, id: name, ...outputs },
    };
}

export function trustPolicy(amr: "authenticated" | "unauthenticated"): string {
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [{
            Effect: "Allow",
            Principal: { Federated: "cognito-identity.amazonaws.com" },
            Action: ["sts:AssumeRoleWithWebIdentity", "sts:TagSession"],
            Condition: {
                StringEquals: { "cognito-identity.amazonaws.com:aud": identityPoolId },
                "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": amr },
            },
        }],
    });
}

export function policyDocument(...statements: object[]): string {
    return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

export const authStatements = [
    { Sid: "OwnObjects", Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"], Resource: `${bucketArn}/private/${sub}/*` },
    { Sid: "PublicObjects", Effect: "Allow", Action: "s3:GetObject", Resource: `${bucketArn}/public/*` },
    { Sid: "ListOwnPrefix", Effect: "Allow", Action: "s3:ListBucket", Resource: bucketArn, Condition: { StringLike: { "s3:prefix": [`private/${sub}/*`] } } },
    {
        Sid: "OwnItems",
        Effect: "Allow",
        Action: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:Query"],
        Resource: tableArn,
        Condition: { "ForAllValues:StringEquals": { "dynamodb:LeadingKeys": [sub] }, Null: { "dynamodb:LeadingKeys": "false" } },
    },
];

export const lambdaTrust = policyDocument({ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" });

/** A Lambda function of the fixture with its execution role and log policy. */
function lambda(name: string, env: Record<string, string>, statements: object[] = []): PlanResource[] {
    const fn = `app-${name}`;
    const role = `app-${name}-role`;
    const logs = { Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: `arn:aws:logs:${region}:${account}:log-group:/aws/lambda/${fn}:log-stream:*` };
    return [
        resource("aws:iam/role:Role", `${name}-role`, { assumeRolePolicy: lambdaTrust }, { arn: roleArn(role), name: role }),
        resource("aws:iam/rolePolicy:RolePolicy", `${name}-policy`, { role, policy: policyDocument(logs, ...statements) }),
        resource("aws:lambda/function:Function", name, { name: fn, runtime: "nodejs22.x", handler: "index.handler", role: roleArn(role), environment: { variables: env } }, { arn: fnArn(fn), invokeArn: `arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/${fnArn(fn)}/invocations` }),
    ];
}

export const guestStatements = [{ Sid: "PublicRead", Effect: "Allow", Action: ["s3:GetObject"], Resource: `${bucketArn}/public/*` }];

export const stageArn = `arn:aws:apigateway:${region}::/restapis/${restApiId}/stages/v1`;
export const webAclArn = `arn:aws:wafv2:${region}:${account}:regional/webacl/app-waf/11111111-2222-3333-4444-555555555555`;
export const topicArn = `arn:aws:sns:${region}:${account}:app-alarms`;

/** WAF in front of the pool and the stage, log delivery, and an alarm someone hears (policies/operations.ts). */
function operationsResources(): PlanResource[] {
    const visibility = (metricName: string) => ({ cloudwatchMetricsEnabled: true, metricName, sampledRequestsEnabled: true });
    return [
        resource("aws:wafv2/webAcl:WebAcl", "waf", {
            name: "app-waf",
            scope: "REGIONAL",
            defaultAction: { allow: {} },
            rules: [
                { name: "rate-limit-per-ip", priority: 0, action: { block: {} }, statement: { rateBasedStatement: { aggregateKeyType: "IP", limit: 500, evaluationWindowSec: 300 } }, visibilityConfig: visibility("rate") },
                ...["AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet", "AWSManagedRulesAmazonIpReputationList"].map((name, i) => ({
                    name,
                    priority: 10 * (i + 1),
                    overrideAction: { none: {} },
                    statement: { managedRuleGroupStatement: { vendorName: "AWS", name } },
                    visibilityConfig: visibility(name),
                })),
            ],
            visibilityConfig: visibility("app-waf"),
        }, { arn: webAclArn }),
        resource("aws:wafv2/webAclAssociation:WebAclAssociation", "waf-user-pool", { resourceArn: poolArn, webAclArn }),
        resource("aws:wafv2/webAclAssociation:WebAclAssociation", "waf-api-stage", { resourceArn: stageArn, webAclArn }),
        resource("aws:cognito/logDeliveryConfiguration:LogDeliveryConfiguration", "users-logs", {
            userPoolId: poolId,
            logConfigurations: [
                { eventSource: "userNotification", logLevel: "ERROR", cloudWatchLogsConfiguration: { logGroupArn: `arn:aws:logs:${region}:${account}:log-group:/aws/vendedlogs/cognito/notification` } },
                { eventSource: "userAuthEvents", logLevel: "INFO", cloudWatchLogsConfiguration: { logGroupArn: `arn:aws:logs:${region}:${account}:log-group:/aws/vendedlogs/cognito/auth-events` } },
            ],
        }),
        resource("aws:sns/topic:Topic", "alarms", {}, { arn: topicArn }),
        resource("aws:sns/topicSubscription:TopicSubscription", "alarms-oncall", { topic: topicArn, protocol: "email", endpoint: "oncall@example.com" }),
        resource("aws:cloudwatch/metricAlarm:MetricAlarm", "trigger-errors", {
            namespace: "AWS/Lambda", metricName: "Errors", dimensions: { FunctionName: "pre-sign-up" }, statistic: "Sum", period: 300, threshold: 1,
            comparisonOperator: "GreaterThanOrEqualToThreshold", evaluationPeriods: 1, actionsEnabled: true, alarmActions: [topicArn],
        }),
    ];
}

/** The happy path: every policy passes on this plan with each stack's config; `stack` names the plan and its URNs. */
export function securePlan(stack = "prod"): Plan {
    const resources: PlanResource[] = [
        resource("aws:cognito/userPool:UserPool", "users", {
            mfaConfiguration: "ON",
            softwareTokenMfaConfiguration: { enabled: true },
            passwordPolicy: { minimumLength: 14, requireLowercase: true, requireUppercase: true, requireNumbers: true, requireSymbols: true, passwordHistorySize: 5, temporaryPasswordValidityDays: 3 },
            userPoolTier: "PLUS",
            userPoolAddOns: { advancedSecurityMode: "ENFORCED" },
            deletionProtection: "ACTIVE",
            accountRecoverySetting: { recoveryMechanisms: [{ name: "verified_email", priority: 1 }] },
            autoVerifiedAttributes: ["email"],
            lambdaConfig: { postConfirmation: fnArn("app-post-confirmation"), preTokenGenerationConfig: { lambdaArn: fnArn("app-pre-token"), lambdaVersion: "V2_0" } },
        }, { id: poolId, arn: poolArn, endpoint: `cognito-idp.${region}.amazonaws.com/${poolId}` }, true),
        ...lambda("post-confirmation", { DEFAULT_GROUP: "members" }, [{ Effect: "Allow", Action: "cognito-idp:AdminAddUserToGroup", Resource: poolArn }]),
        ...lambda("pre-token", { TENANT_ATTRIBUTE: "custom:tenant_id" }),
        resource("aws:lambda/permission:Permission", "invoke-post-confirmation", { action: "lambda:InvokeFunction", function: fnArn("app-post-confirmation"), principal: "cognito-idp.amazonaws.com", sourceArn: poolArn }),
        resource("aws:lambda/permission:Permission", "invoke-pre-token", { action: "lambda:InvokeFunction", function: fnArn("app-pre-token"), principal: "cognito-idp.amazonaws.com", sourceArn: poolArn }),
        resource("aws:cognito/userGroup:UserGroup", "members", { name: "members", userPoolId: poolId, precedence: 10 }),
        resource("aws:cognito/userGroup:UserGroup", "admins", { name: "admins", userPoolId: poolId, precedence: 1, roleArn: adminsRoleArn }),
        resource("aws:iam/role:Role", "admins-role", { assumeRolePolicy: trustPolicy("authenticated") }, { arn: adminsRoleArn, name: "app-admins-role" }),
        resource("aws:iam/rolePolicy:RolePolicy", "admins-policy", { role: "app-admins-role", policy: policyDocument(...authStatements) }),
        resource("aws:cognito/resourceServer:ResourceServer", "api-scopes", { identifier: resourceServer, name: "API", userPoolId: poolId, scopes: [{ scopeName: "items.read", scopeDescription: "Read" }, { scopeName: "items.write", scopeDescription: "Write" }, { scopeName: "items.service", scopeDescription: "Services" }] }),
        resource("aws:cognito/riskConfiguration:RiskConfiguration", "users-risk", {
            userPoolId: poolId,
            accountTakeoverRiskConfiguration: {
                actions: {
                    lowAction: { eventAction: "NO_ACTION", notify: false },
                    mediumAction: { eventAction: "MFA_IF_CONFIGURED", notify: false },
                    highAction: { eventAction: "BLOCK", notify: false },
                },
            },
            compromisedCredentialsRiskConfiguration: { actions: { eventAction: "BLOCK" }, eventFilters: ["SIGN_IN", "PASSWORD_CHANGE", "SIGN_UP"] },
        }),
        resource("aws:cognito/userPoolClient:UserPoolClient", "web", {
            userPoolId: poolId,
            allowedOauthFlows: ["code"],
            allowedOauthFlowsUserPoolClient: true,
            callbackUrls: ["https://app.example.com/callback", "http://localhost:3000/callback"],
            logoutUrls: ["https://app.example.com/"],
            allowedOauthScopes: ["openid", "email", `${resourceServer}/items.read`, `${resourceServer}/items.write`],
            accessTokenValidity: 60,
            idTokenValidity: 60,
            refreshTokenValidity: 30,
            tokenValidityUnits: { accessToken: "minutes", idToken: "minutes", refreshToken: "days" },
            enableTokenRevocation: true,
            preventUserExistenceErrors: "ENABLED",
            refreshTokenRotation: { feature: "ENABLED", retryGracePeriodSeconds: 10 },
            explicitAuthFlows: ["ALLOW_USER_SRP_AUTH"],
            writeAttributes: ["email", "name", "locale"],
        }),
        // A machine client: client_credentials alone, a secret, its own scope, nothing a user could use.
        resource("aws:cognito/userPoolClient:UserPoolClient", "reporting", {
            userPoolId: poolId,
            generateSecret: true,
            allowedOauthFlows: ["client_credentials"],
            allowedOauthFlowsUserPoolClient: true,
            allowedOauthScopes: [`${resourceServer}/items.service`],
            explicitAuthFlows: ["ALLOW_REFRESH_TOKEN_AUTH"],
            accessTokenValidity: 15,
            idTokenValidity: 60,
            refreshTokenValidity: 30,
            tokenValidityUnits: { accessToken: "minutes", idToken: "minutes", refreshToken: "days" },
            enableTokenRevocation: true,
            preventUserExistenceErrors: "ENABLED",
            refreshTokenRotation: { feature: "DISABLED" },
            writeAttributes: ["email", "name", "locale"],
        }),
        resource("aws:cognito/identityPool:IdentityPool", "identities", {
            identityPoolName: "app identities",
            allowClassicFlow: false,
            // Guests off, as prod's config demands; the attached guest role is checked all the same.
            allowUnauthenticatedIdentities: false,
            cognitoIdentityProviders: [{ providerName: `cognito-idp.${region}.amazonaws.com/${poolId}`, clientId: "web", serverSideTokenCheck: true }],
        }, { id: identityPoolId }),
        resource("aws:iam/role:Role", "authenticated-role", { assumeRolePolicy: trustPolicy("authenticated") }, { arn: authRoleArn, name: "app-authenticated-role" }),
        resource("aws:iam/role:Role", "guest-role", { assumeRolePolicy: trustPolicy("unauthenticated") }, { arn: guestRoleArn, name: "app-guest-role" }),
        resource("aws:iam/rolePolicy:RolePolicy", "authenticated-policy", { role: "app-authenticated-role", policy: policyDocument(...authStatements) }),
        resource("aws:iam/rolePolicy:RolePolicy", "guest-policy", { role: "app-guest-role", policy: policyDocument(...guestStatements) }),
        resource("aws:cognito/identityPoolRoleAttachment:IdentityPoolRoleAttachment", "roles", {
            identityPoolId,
            roles: { authenticated: authRoleArn, unauthenticated: guestRoleArn },
        }),
        resource("aws:s3/bucket:Bucket", "data", {}, { bucket: bucketName, arn: bucketArn, id: bucketName }),
        resource("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "data-public-access", {
            bucket: bucketName, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true,
        }),
        resource("aws:s3/bucketPolicy:BucketPolicy", "data-tls-only", {
            bucket: bucketName,
            policy: policyDocument({ Sid: "TlsOnly", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [bucketArn, `${bucketArn}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } }),
        }),
        resource("aws:s3/bucketVersioning:BucketVersioning", "data-versioning", { bucket: bucketName, versioningConfiguration: { status: "Enabled" } }),
        resource("aws:s3/bucketOwnershipControls:BucketOwnershipControls", "data-ownership", { bucket: bucketName, rule: { objectOwnership: "BucketOwnerEnforced" } }),
        resource("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "data-lifecycle", {
            bucket: bucketName,
            rules: [{ id: "abort-incomplete-uploads", status: "Enabled", filter: {}, abortIncompleteMultipartUpload: { daysAfterInitiation: 1 } }],
        }),
        resource("aws:dynamodb/table:Table", "items", {
            hashKey: "userId", rangeKey: "itemId", billingMode: "PAY_PER_REQUEST",
            pointInTimeRecovery: { enabled: true }, deletionProtectionEnabled: true,
        }, { arn: tableArn }),
        resource("aws:apigateway/restApi:RestApi", "api", { name: "app-api" }, { id: restApiId, executionArn }),
        resource("aws:apigateway/authorizer:Authorizer", "cognito-authorizer", {
            restApi: restApiId, type: "COGNITO_USER_POOLS", providerArns: [poolArn], identitySource: "method.request.header.Authorization",
        }, { id: authorizerId }),
        ...lambda("api-authorizer", { USER_POOL_ID: poolId, APP_CLIENT_IDS: "web", REQUIRED_GROUPS: "admins" }),
        ...lambda("api-handler", { ADMIN_GROUPS: "admins" }, [{ Effect: "Allow", Action: ["dynamodb:GetItem", "dynamodb:Query"], Resource: tableArn }]),
        resource("aws:apigateway/authorizer:Authorizer", "lambda-authorizer", {
            restApi: restApiId, type: "TOKEN", authorizerUri: `arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/${fnArn("app-api-authorizer")}/invocations`, identitySource: "method.request.header.Authorization",
        }, { id: lambdaAuthorizerId }),
        resource("aws:lambda/permission:Permission", "invoke-api-authorizer", { action: "lambda:InvokeFunction", function: "app-api-authorizer", principal: "apigateway.amazonaws.com", sourceArn: `${executionArn}/authorizers/${lambdaAuthorizerId}` }),
        resource("aws:lambda/permission:Permission", "invoke-api-handler", { action: "lambda:InvokeFunction", function: "app-api-handler", principal: "apigateway.amazonaws.com", sourceArn: `${executionArn}/v1/*` }),
        resource("aws:apigateway/method:Method", "items-get", { restApi: restApiId, resourceId: "res1", httpMethod: "GET", authorization: "COGNITO_USER_POOLS", authorizerId, authorizationScopes: [`${resourceServer}/items.read`] }),
        resource("aws:apigateway/method:Method", "items-put", { restApi: restApiId, resourceId: "res1", httpMethod: "PUT", authorization: "COGNITO_USER_POOLS", authorizerId, authorizationScopes: [`${resourceServer}/items.write`] }),
        resource("aws:apigateway/method:Method", "service-get", { restApi: restApiId, resourceId: "res3", httpMethod: "GET", authorization: "COGNITO_USER_POOLS", authorizerId, authorizationScopes: [`${resourceServer}/items.service`] }),
        resource("aws:apigateway/method:Method", "admin-get", { restApi: restApiId, resourceId: "res2", httpMethod: "GET", authorization: "CUSTOM", authorizerId: lambdaAuthorizerId }),
        resource("aws:apigateway/method:Method", "items-options", { restApi: restApiId, resourceId: "res1", httpMethod: "OPTIONS", authorization: "NONE" }),
        resource("aws:apigateway/integration:Integration", "items-options-integration", { restApi: restApiId, resourceId: "res1", httpMethod: "OPTIONS", type: "MOCK" }),
        resource("aws:apigateway/integration:Integration", "items-get-integration", { restApi: restApiId, resourceId: "res1", httpMethod: "GET", type: "AWS_PROXY", uri: `arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/${fnArn("app-api-handler")}/invocations` }),
        resource("aws:apigateway/stage:Stage", "v1", {
            restApi: restApiId, deployment: "dep1", stageName: "v1",
            accessLogSettings: { destinationArn: `arn:aws:logs:${region}:${account}:log-group:api-access`, format: "$context.requestId" },
        }, { arn: stageArn }),
        resource("aws:apigateway/methodSettings:MethodSettings", "v1-settings", { restApi: restApiId, stageName: "v1", methodPath: "*/*", settings: { loggingLevel: "ERROR", dataTraceEnabled: false, metricsEnabled: true } }),
        ...operationsResources(),
    ];
    for (const r of resources) {
        r.urn = r.urn.replace("urn:pulumi:prod::", `urn:pulumi:${stack}::`);
    }
    return { project: "cognito-stack", stack, resources, outputs: {} };
}

export function find(plan: Plan, name: string): PlanResource {
    const r = plan.resources.find((x) => x.name === name);
    assert.ok(r, `no resource named ${name} in the fixture`);
    return r;
}

/** Sets an input (and the matching output, as the provider would echo it). */
export function setProp(plan: Plan, name: string, key: string, value: unknown): Plan {
    const r = find(plan, name);
    r.props[key] = value;
    if (r.outputs) {
        r.outputs[key] = value;
    }
    return plan;
}

export const stackConfig = (stack: string): unknown => readStackConfig(stack);

type AnyPolicy = Policies[number];

export function run(plan: Plan, policy: AnyPolicy, config: unknown = stackConfig("prod")): Promise<Violation[]> {
    return runPolicyPack(plan, config, { policies: [policy] });
}

/** Asserts exactly one violation of `policy` whose message matches. */
export function assertOne(violations: Violation[], policy: string, message: RegExp, level: "mandatory" | "advisory" = "mandatory"): Violation {
    assert.equal(violations.length, 1, `expected one violation, got ${JSON.stringify(violations.map((v) => v.message), null, 2)}`);
    const [v] = violations;
    assert.equal(v.policy, policy);
    assert.equal(v.enforcementLevel, level);
    assert.match(v.message, message);
    return v;
}

export interface Case {
    title: string;
    /** One changed property of the secure plan. */
    mutate(plan: Plan): void;
    message: RegExp;
    /** Policy config to run with; the prod config by default. */
    config?: unknown;
}

/** The secure plan passes `policy`; each case's single change produces exactly one violation. */
export function describePolicy(policy: AnyPolicy, cases: Case[]): void {
    describe(policy.name, () => {
        it("passes the secure plan", async () => {
            assert.deepEqual(await run(securePlan(), policy), []);
        });
        for (const c of cases) {
            it(c.title, async () => {
                const plan = securePlan();
                c.mutate(plan);
                assertOne(await run(plan, policy, c.config), policy.name, c.message);
            });
        }
    });
}
