import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
// awsx's CloudWatch helpers by their own modules: the package index would also load its ECS,
// EC2 and Docker parts (and their SDKs) into every plan.
import { Dashboard } from "@pulumi/awsx/classic/cloudwatch/dashboard";
import { AlarmArgs, Metric, MetricStatistic } from "@pulumi/awsx/classic/cloudwatch/metric";
import { RowWidget } from "@pulumi/awsx/classic/cloudwatch/widgets_flow";
import { LineGraphMetricWidget } from "@pulumi/awsx/classic/cloudwatch/widgets_graph";
import { AlarmWidget, TextWidget } from "@pulumi/awsx/classic/cloudwatch/widgets_simple";
import { issue, throwIfIssues, ValidationIssue } from "./issues";

/** Cognito waits this long for a trigger, then fails the request. */
export const TRIGGER_LIMIT_MS = 5000;

/**
 * Threat-protection metric names and dimension values as AWS documents them (awsx's ready-made
 * Cognito metrics spell two names differently: CompromisedCredentialsRisk, AccountTakeOverRisk).
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-viewing-threat-protection-metrics.html
 */
export const COGNITO_RISK_METRICS = ["AccountTakeoverRisk", "CompromisedCredentialRisk", "OverrideBlock", "Risk", "NoRisk"] as const;
export const COGNITO_RISK_OPERATIONS = ["SignIn", "PasswordChange", "SignUp"] as const;
export const COGNITO_RISK_LEVELS = ["high", "medium", "low"] as const;
export type CognitoRiskMetric = (typeof COGNITO_RISK_METRICS)[number];

export interface AlarmSubscription {
    readonly protocol: "email" | "https" | "sqs" | "lambda" | "sms";
    readonly endpoint: string;
}

/** When each alarm fires; every count is per 5-minute period. */
export interface AlarmThresholds {
    /** High-risk account-takeover or compromised-credential requests. @default 1 */
    readonly riskThreshold?: number;
    /** Throttled sign-ins of one app client. @default 1 */
    readonly signInThrottleThreshold?: number;
    /** Percent of the 5 s trigger limit a trigger's longest run may reach. @default 80 */
    readonly triggerDurationPercent?: number;
    /** Failed invocations of one trigger. @default 1 */
    readonly triggerErrorThreshold?: number;
    /** API responses with a 5XX status. @default 5 */
    readonly api5xxThreshold?: number;
    /** 99th percentile of the API's latency, in ms. @default 3000 */
    readonly apiLatencyP99Ms?: number;
    /** Failed invocations of the API's Lambda authorizer. @default 1 */
    readonly authorizerErrorThreshold?: number;
    /** Requests the web ACL blocked. @default 100 */
    readonly wafBlockedThreshold?: number;
}

export interface MonitoringArgs extends AlarmThresholds {
    readonly userPoolId: pulumi.Input<string>;
    /** Alarm on threat-protection metrics (they exist only with threat protection on). @default false */
    readonly threatProtection?: boolean;
    /** App client name to id: sign-in throttles are published per client. @default {} */
    readonly appClients?: Readonly<Record<string, pulumi.Input<string>>>;
    /** The trigger functions: the trigger's name and the Lambda function name. @default [] */
    readonly triggers?: readonly { readonly trigger: string; readonly functionName: string }[];
    /** The REST API, when the stack has one. @default - no API alarms */
    readonly api?: { readonly apiName: pulumi.Input<string>; readonly stageName: string; readonly authorizerFunctionName: string };
    /** The web ACL (its name is the WebACL dimension). @default - no WAF alarm */
    readonly webAcl?: { readonly name: string };
    /** Who hears about an alarm. @default [] */
    readonly subscriptions?: readonly AlarmSubscription[];
    /** @default {} */
    readonly tags?: Record<string, string>;
}

const ENDPOINT_RULES: Record<AlarmSubscription["protocol"], { pattern: RegExp; example: string }> = {
    email: { pattern: /^[^\s@]+@[^\s@]+\.[^\s@]+$/, example: "ops@example.com" },
    https: { pattern: /^https:\/\/[^\s/]+/, example: "https://hooks.example.com/alarms" },
    sqs: { pattern: /^arn:aws[\w-]*:sqs:[a-z0-9-]+:\d{12}:[\w-]{1,80}(\.fifo)?$/, example: "arn:aws:sqs:us-east-1:123456789012:alarms" },
    lambda: { pattern: /^arn:aws[\w-]*:lambda:[a-z0-9-]+:\d{12}:function:[\w-]{1,64}(:[\w$-]+)?$/, example: "arn:aws:lambda:us-east-1:123456789012:function:pager" },
    sms: { pattern: /^\+[1-9]\d{6,14}$/, example: "+14155550100" },
};

const POSITIVE_COUNTS: readonly (keyof AlarmThresholds)[] = [
    "riskThreshold",
    "signInThrottleThreshold",
    "triggerErrorThreshold",
    "api5xxThreshold",
    "apiLatencyP99Ms",
    "authorizerErrorThreshold",
    "wafBlockedThreshold",
];

/** Checks thresholds and subscriptions; `at` prefixes every field (e.g. `alarms.`). */
export function validateMonitoringArgs(a: AlarmThresholds & { readonly subscriptions?: readonly AlarmSubscription[] }, at = ""): ValidationIssue[] {
    const out: ValidationIssue[] = [];
    for (const key of POSITIVE_COUNTS) {
        const v = a[key];
        if (v !== undefined && (!Number.isInteger(v) || v < 1)) {
            out.push(issue(`${at}${key}`, "must be a whole number of at least 1", v, "an alarm at 0 would fire on every period; use 1 to hear of the first event"));
        }
    }
    const pct = a.triggerDurationPercent;
    if (pct !== undefined && (!Number.isInteger(pct) || pct < 10 || pct > 100)) {
        out.push(issue(`${at}triggerDurationPercent`, "must be a whole number from 10 to 100 (percent of Cognito's 5 s trigger limit)", pct, "use 80 to hear of a trigger at 4 s, before Cognito gives up at 5 s"));
    }
    (a.subscriptions ?? []).forEach((s, i) => {
        const rule = ENDPOINT_RULES[s.protocol];
        if (!rule.pattern.test(s.endpoint)) {
            out.push(issue(`${at}subscriptions[${i}].endpoint`, `must be a valid ${s.protocol} endpoint`, s.endpoint, `e.g. ${rule.example}`));
        }
    });
    return out;
}

/** A metric from its namespace, name and dimensions, as AWS publishes it (awsx's Metric). */
export function metric(namespace: string, name: string, dimensions: Record<string, pulumi.Input<string>>, statistic: MetricStatistic = "Sum", label?: string): Metric {
    return new Metric({ namespace, name, dimensions, statistic, period: 300, label });
}

/** A threat-protection metric of one pool, operation and (where AWS publishes one) risk level. */
export function cognitoRiskMetric(
    name: CognitoRiskMetric,
    userPoolId: pulumi.Input<string>,
    operation: (typeof COGNITO_RISK_OPERATIONS)[number],
    riskLevel?: (typeof COGNITO_RISK_LEVELS)[number],
): Metric {
    const dimensions: Record<string, pulumi.Input<string>> = { UserPoolId: userPoolId, Operation: operation };
    if (riskLevel !== undefined) dimensions.RiskLevel = riskLevel;
    return metric("AWS/Cognito", name, dimensions, "Sum", `${name} ${operation}${riskLevel ? ` ${riskLevel}` : ""}`);
}

interface AlarmSpec {
    readonly key: string;
    readonly metric: Metric;
    readonly threshold: number;
    /** What it means and what to do; the README's operations section says more. */
    readonly runbook: string;
}

/**
 * CloudWatch alarms for the identity stack (threat protection, sign-in throttles, triggers near
 * Cognito's 5 s limit, the API and its authorizer, WAF), an SNS topic with its subscribers and
 * a dashboard, built with awsx's CloudWatch helpers.
 */
export class Monitoring extends pulumi.ComponentResource {
    public readonly topic: aws.sns.Topic;
    public readonly subscriptions: aws.sns.TopicSubscription[];
    /** Alarms by key, e.g. `trigger-preSignUp-duration`. */
    public readonly alarms: Record<string, aws.cloudwatch.MetricAlarm>;
    public readonly dashboard: Dashboard;
    public readonly dashboardUrl: pulumi.Output<string>;

    constructor(name: string, args: MonitoringArgs, opts?: pulumi.ComponentResourceOptions) {
        super("cognito-stack:operations:Monitoring", name, {}, opts);
        throwIfIssues(`Monitoring ${name}`, validateMonitoringArgs(args), "MonitoringArgs.");
        const tags = args.tags ?? {};
        const pool = args.userPoolId;

        this.topic = new aws.sns.Topic(`${name}-alarms`, { displayName: `${pulumi.getProject()} ${pulumi.getStack()} alarms`, tags }, { parent: this });
        this.subscriptions = (args.subscriptions ?? []).map(
            (s, i) => new aws.sns.TopicSubscription(`${name}-alarms-${i}`, { topic: this.topic.arn, protocol: s.protocol, endpoint: s.endpoint }, { parent: this }),
        );

        const specs: AlarmSpec[] = [];
        const risk = args.riskThreshold ?? 1;
        if (args.threatProtection === true) {
            for (const level of ["high", "medium"] as const) {
                specs.push({
                    key: `risk-account-takeover-signin-${level}`,
                    metric: cognitoRiskMetric("AccountTakeoverRisk", pool, "SignIn", level),
                    threshold: risk,
                    runbook: `${level}-risk sign-ins: check the user activity log for the users and IPs, block ranges in riskConfiguration.blockedIpRanges, reset affected users`,
                });
            }
            for (const op of COGNITO_RISK_OPERATIONS) {
                specs.push({
                    key: `risk-compromised-credentials-${op.toLowerCase()}`,
                    metric: cognitoRiskMetric("CompromisedCredentialRisk", pool, op, "high"),
                    threshold: risk,
                    runbook: "known-leaked passwords in use: force a password reset for the users in the user activity log",
                });
            }
        }
        for (const [client, clientId] of Object.entries(args.appClients ?? {})) {
            specs.push({
                key: `sign-in-throttles-${client}`,
                metric: metric("AWS/Cognito", "SignInThrottles", { UserPool: pool, UserPoolClient: clientId }, "Sum", `SignInThrottles ${client}`),
                threshold: args.signInThrottleThreshold ?? 1,
                runbook: "Cognito's sign-in quota was hit: look for a client retrying in a loop or an attack (WAF metrics), request a quota increase if the load is real",
            });
        }
        const durationMs = Math.round((TRIGGER_LIMIT_MS * (args.triggerDurationPercent ?? 80)) / 100);
        for (const t of args.triggers ?? []) {
            specs.push({
                key: `trigger-${t.trigger}-errors`,
                metric: metric("AWS/Lambda", "Errors", { FunctionName: t.functionName }, "Sum", `${t.trigger} errors`),
                threshold: args.triggerErrorThreshold ?? 1,
                runbook: `the ${t.trigger} trigger failed and Cognito failed the user's request: read /aws/lambda/${t.functionName}`,
            });
            specs.push({
                key: `trigger-${t.trigger}-duration`,
                metric: metric("AWS/Lambda", "Duration", { FunctionName: t.functionName }, "Maximum", `${t.trigger} duration`),
                threshold: durationMs,
                runbook: `${t.trigger} ran ${durationMs} ms or longer; at ${TRIGGER_LIMIT_MS} ms Cognito gives up: find the slow call in its logs`,
            });
        }
        if (args.api !== undefined) {
            const dims = { ApiName: args.api.apiName, Stage: args.api.stageName };
            specs.push({
                key: "api-5xx",
                metric: metric("AWS/ApiGateway", "5XXError", dims, "Sum", "API 5XX"),
                threshold: args.api5xxThreshold ?? 5,
                runbook: "the API returned server errors: read the stage's access and execution logs and the handler's log group",
            });
            specs.push({
                key: "api-latency-p99",
                metric: new Metric({ namespace: "AWS/ApiGateway", name: "Latency", dimensions: dims, extendedStatistic: 99, period: 300, label: "API latency p99" }),
                threshold: args.apiLatencyP99Ms ?? 3000,
                runbook: "the API is slow: compare Latency with IntegrationLatency to tell the handler from the gateway, check DynamoDB throttling",
            });
            specs.push({
                key: "authorizer-errors",
                metric: metric("AWS/Lambda", "Errors", { FunctionName: args.api.authorizerFunctionName }, "Sum", "authorizer errors"),
                threshold: args.authorizerErrorThreshold ?? 1,
                runbook: "the admin route's authorizer failed (callers got 500): read its log group; a JWKS fetch failure shows there",
            });
        }
        if (args.webAcl !== undefined) {
            specs.push({
                key: "waf-blocked",
                metric: metric("AWS/WAFV2", "BlockedRequests", { WebACL: args.webAcl.name, Region: aws.getRegionOutput({}, { parent: this }).region, Rule: "ALL" }, "Sum", "WAF blocked"),
                threshold: args.wafBlockedThreshold ?? 100,
                runbook: "WAF blocked many requests: read the sampled requests of the web ACL; tighten waf.rateLimit for an attack, or find the rule that blocks real users",
            });
        }

        this.alarms = Object.fromEntries(
            specs.map((s) => {
                // awsx passes the args through to aws.cloudwatch.MetricAlarm, tags included.
                const alarmArgs: AlarmArgs & { tags: Record<string, string> } = {
                    threshold: s.threshold,
                    evaluationPeriods: 1,
                    comparisonOperator: "GreaterThanOrEqualToThreshold",
                    // No data is no event: an idle stack is a healthy one.
                    treatMissingData: "notBreaching",
                    alarmDescription: `${s.runbook}.`,
                    alarmActions: [this.topic.arn],
                    okActions: [this.topic.arn],
                    tags,
                };
                return [s.key, s.metric.createAlarm(`${name}-${s.key}`, alarmArgs, { parent: this })];
            }),
        );

        const rows: RowWidget[] = [new RowWidget(new TextWidget({ markdown: `# ${pulumi.getProject()} ${pulumi.getStack()}\nAlarms go to the SNS topic; the README's operations section says what to do when each fires.`, width: 24, height: 2 }))];
        const graph = (title: string, metrics: Metric[]) => new LineGraphMetricWidget({ title, metrics, width: 12, height: 6 });
        if (args.threatProtection === true) {
            rows.push(
                new RowWidget(
                    graph("Account takeover risk (SignIn) by risk level", COGNITO_RISK_LEVELS.map((l) => cognitoRiskMetric("AccountTakeoverRisk", pool, "SignIn", l))),
                    graph("Compromised credentials by operation", COGNITO_RISK_OPERATIONS.map((op) => cognitoRiskMetric("CompromisedCredentialRisk", pool, op, "high"))),
                ),
                new RowWidget(
                    graph("Risky and blocked requests by operation", COGNITO_RISK_OPERATIONS.flatMap((op) => [cognitoRiskMetric("Risk", pool, op), cognitoRiskMetric("OverrideBlock", pool, op, "high")])),
                    graph("No risk by operation", COGNITO_RISK_OPERATIONS.map((op) => cognitoRiskMetric("NoRisk", pool, op))),
                ),
            );
        }
        const clients = Object.entries(args.appClients ?? {});
        if (clients.length > 0) {
            rows.push(
                new RowWidget(
                    graph("Sign-ins", clients.map(([c, id]) => metric("AWS/Cognito", "SignInSuccesses", { UserPool: pool, UserPoolClient: id }, "SampleCount", `SignIn ${c}`))),
                    graph("Throttles", clients.flatMap(([c, id]) => ["SignInThrottles", "TokenRefreshThrottles", "FederationThrottles"].map((m) => metric("AWS/Cognito", m, { UserPool: pool, UserPoolClient: id }, "Sum", `${m} ${c}`)))),
                ),
            );
        }
        const triggers = args.triggers ?? [];
        if (triggers.length > 0) {
            rows.push(
                new RowWidget(
                    graph("Trigger errors", triggers.map((t) => metric("AWS/Lambda", "Errors", { FunctionName: t.functionName }, "Sum", t.trigger))),
                    graph(`Trigger max duration (ms; Cognito stops at ${TRIGGER_LIMIT_MS})`, triggers.map((t) => metric("AWS/Lambda", "Duration", { FunctionName: t.functionName }, "Maximum", t.trigger))),
                ),
            );
        }
        if (args.api !== undefined) {
            rows.push(new RowWidget(graph("API 5XX and authorizer errors", [this.alarmMetric(specs, "api-5xx"), this.alarmMetric(specs, "authorizer-errors")]), graph("API latency p99", [this.alarmMetric(specs, "api-latency-p99")])));
        }
        if (args.webAcl !== undefined) {
            rows.push(new RowWidget(graph("WAF blocked requests", [this.alarmMetric(specs, "waf-blocked")])));
        }
        const alarmArns = Object.values(this.alarms).map((a) => a.arn);
        if (alarmArns.length > 0) {
            // AWS allows up to 100 alarms in one alarm widget.
            rows.push(new RowWidget(new AlarmWidget({ title: "Alarms", alarms: alarmArns.slice(0, 100), width: 24, height: 6 })));
        }
        this.dashboard = new Dashboard(name, { name: `${pulumi.getProject()}-${pulumi.getStack()}-${name}`.replace(/[^A-Za-z0-9_-]+/g, "-"), widgets: rows }, { parent: this });
        this.dashboardUrl = this.dashboard.url;

        this.registerOutputs({ topicArn: this.topic.arn, dashboardUrl: this.dashboardUrl, alarms: Object.keys(this.alarms) });
    }

    private alarmMetric(specs: readonly AlarmSpec[], key: string): Metric {
        const found = specs.find((s) => s.key === key);
        if (found === undefined) throw new Error(`no alarm ${key}`);
        return found.metric;
    }
}
