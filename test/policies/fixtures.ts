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
        Condition: { "ForAllValues:StringEquals": { "dynamodb:LeadingKeys": [sub] } },
    },
];

export const guestStatements = [{ Sid: "PublicRead", Effect: "Allow", Action: ["s3:GetObject"], Resource: `${bucketArn}/public/*` }];

export const stageArn = `arn:aws:apigateway:${region}::/restapis/api/stages/v1`;
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

/** The happy path: every policy passes on this plan with the prod config. */
export function securePlan(): Plan {
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
        }, { id: poolId, arn: poolArn, endpoint: `cognito-idp.${region}.amazonaws.com/${poolId}` }, true),
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
            accessTokenValidity: 60,
            idTokenValidity: 60,
            refreshTokenValidity: 30,
            tokenValidityUnits: { accessToken: "minutes", idToken: "minutes", refreshToken: "days" },
            enableTokenRevocation: true,
            preventUserExistenceErrors: "ENABLED",
            refreshTokenRotation: { feature: "ENABLED", retryGracePeriodSeconds: 10 },
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
        resource("aws:dynamodb/table:Table", "items", {
            hashKey: "userId", rangeKey: "itemId", billingMode: "PAY_PER_REQUEST",
            pointInTimeRecovery: { enabled: true }, deletionProtectionEnabled: true,
        }, { arn: tableArn }),
        resource("aws:apigateway/restApi:RestApi", "api", { name: "app-api" }),
        resource("aws:apigateway/authorizer:Authorizer", "cognito-authorizer", {
            restApi: "api", type: "COGNITO_USER_POOLS", providerArns: [poolArn], identitySource: "method.request.header.Authorization",
        }, { id: authorizerId }),
        resource("aws:apigateway/method:Method", "items-get", { restApi: "api", resourceId: "res1", httpMethod: "GET", authorization: "COGNITO_USER_POOLS", authorizerId }),
        resource("aws:apigateway/method:Method", "items-options", { restApi: "api", resourceId: "res1", httpMethod: "OPTIONS", authorization: "NONE" }),
        resource("aws:apigateway/stage:Stage", "v1", {
            restApi: "api", deployment: "dep1", stageName: "v1",
            accessLogSettings: { destinationArn: `arn:aws:logs:${region}:${account}:log-group:api-access`, format: "$context.requestId" },
        }, { arn: stageArn }),
        ...operationsResources(),
    ];
    return { project: "cognito-stack", stack: "prod", resources, outputs: {} };
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
