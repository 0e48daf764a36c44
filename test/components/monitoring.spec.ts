import * as assert from "node:assert/strict";
import { formatIssue } from "../../components/issues";
import { Monitoring, MonitoringArgs, validateMonitoringArgs } from "../../components/monitoring";
import { named, ofType, one, output } from "../helpers/plans";
import { build, Recorded } from "../helpers/record";

const POOL = "us-east-1_TestPool1";
const T = "aws:cloudwatch/metricAlarm:MetricAlarm";

const full: MonitoringArgs = {
    userPoolId: POOL,
    threatProtection: true,
    appClients: { web: "clientweb123" },
    triggers: [{ trigger: "preSignUp", functionName: "acme-pre-sign-up" }],
    api: { apiName: "acme-api", stageName: "v1", authorizerFunctionName: "acme-authorizer" },
    webAcl: { name: "acme-waf" },
    subscriptions: [{ protocol: "email", endpoint: "oncall@example.com" }],
};

/** What an alarm watches, as CloudWatch evaluates it. */
const watched = (a: Recorded) => ({
    namespace: a.props.namespace,
    metricName: a.props.metricName,
    dimensions: a.props.dimensions,
    statistic: a.props.statistic,
    extendedStatistic: a.props.extendedStatistic,
    period: a.props.period,
    threshold: a.props.threshold,
});

describe("Monitoring", () => {
    it("alarms on every signal, each to the topic, and subscribes the configured endpoints", async () => {
        const rs = await build(() => new Monitoring("ops", full));
        assert.deepEqual(ofType(rs, T).map((a) => a.name).sort(), [
            "ops-api-5xx",
            "ops-api-latency-p99",
            "ops-authorizer-errors",
            "ops-risk-account-takeover-signin-high",
            "ops-risk-account-takeover-signin-medium",
            "ops-risk-compromised-credentials-passwordchange",
            "ops-risk-compromised-credentials-signin",
            "ops-risk-compromised-credentials-signup",
            "ops-sign-in-throttles-web",
            "ops-trigger-preSignUp-duration",
            "ops-trigger-preSignUp-errors",
            "ops-waf-blocked",
        ]);
        const topicArn = output(one(rs, "aws:sns/topic:Topic"), "arn");
        for (const a of ofType(rs, T)) {
            assert.deepEqual([a.props.alarmActions, a.props.okActions, a.props.comparisonOperator, a.props.evaluationPeriods, a.props.treatMissingData, a.props.actionsEnabled], [[topicArn], [topicArn], "GreaterThanOrEqualToThreshold", 1, "notBreaching", true], a.name);
            assert.match(a.props.alarmDescription, /\S+: .+\.$/, `${a.name} says what to do`);
        }
        assert.deepEqual(
            ofType(rs, "aws:sns/topicSubscription:TopicSubscription").map((s) => [s.props.topic, s.props.protocol, s.props.endpoint]),
            [[topicArn, "email", "oncall@example.com"]],
        );
    });

    it("builds the threat-protection metrics with AWS's names and dimensions, not awsx's spellings", async () => {
        const rs = await build(() => new Monitoring("ops-risk", full));
        assert.deepEqual(watched(named(rs, T, "ops-risk-risk-account-takeover-signin-high")), {
            namespace: "AWS/Cognito",
            metricName: "AccountTakeoverRisk",
            dimensions: { UserPoolId: POOL, Operation: "SignIn", RiskLevel: "high" },
            statistic: "Sum",
            extendedStatistic: undefined,
            period: 300,
            threshold: 1,
        });
        assert.deepEqual(named(rs, T, "ops-risk-risk-account-takeover-signin-medium").props.dimensions, { UserPoolId: POOL, Operation: "SignIn", RiskLevel: "medium" });
        for (const [suffix, operation] of [["signin", "SignIn"], ["passwordchange", "PasswordChange"], ["signup", "SignUp"]]) {
            const a = named(rs, T, `ops-risk-risk-compromised-credentials-${suffix}`);
            assert.equal(a.props.metricName, "CompromisedCredentialRisk");
            assert.deepEqual(a.props.dimensions, { UserPoolId: POOL, Operation: operation, RiskLevel: "high" });
        }
        const names = ofType(rs, T).map((a) => a.props.metricName as string);
        assert.ok(!names.includes("CompromisedCredentialsRisk") && !names.includes("AccountTakeOverRisk"));
    });

    it("watches throttles per client, triggers near their 5 s limit, the API, its authorizer and WAF", async () => {
        const rs = await build(() => new Monitoring("ops-sig", { ...full, triggerDurationPercent: 90, apiLatencyP99Ms: 2000, wafBlockedThreshold: 250 }));
        const w = (key: string) => watched(named(rs, T, `ops-sig-${key}`));
        assert.deepEqual(w("sign-in-throttles-web"), { namespace: "AWS/Cognito", metricName: "SignInThrottles", dimensions: { UserPool: POOL, UserPoolClient: "clientweb123" }, statistic: "Sum", extendedStatistic: undefined, period: 300, threshold: 1 });
        assert.deepEqual(w("trigger-preSignUp-errors"), { namespace: "AWS/Lambda", metricName: "Errors", dimensions: { FunctionName: "acme-pre-sign-up" }, statistic: "Sum", extendedStatistic: undefined, period: 300, threshold: 1 });
        assert.deepEqual(w("trigger-preSignUp-duration"), { namespace: "AWS/Lambda", metricName: "Duration", dimensions: { FunctionName: "acme-pre-sign-up" }, statistic: "Maximum", extendedStatistic: undefined, period: 300, threshold: 4500 });
        assert.deepEqual(w("api-5xx"), { namespace: "AWS/ApiGateway", metricName: "5XXError", dimensions: { ApiName: "acme-api", Stage: "v1" }, statistic: "Sum", extendedStatistic: undefined, period: 300, threshold: 5 });
        assert.deepEqual(w("api-latency-p99"), { namespace: "AWS/ApiGateway", metricName: "Latency", dimensions: { ApiName: "acme-api", Stage: "v1" }, statistic: undefined, extendedStatistic: "p99", period: 300, threshold: 2000 });
        assert.deepEqual(w("authorizer-errors"), { namespace: "AWS/Lambda", metricName: "Errors", dimensions: { FunctionName: "acme-authorizer" }, statistic: "Sum", extendedStatistic: undefined, period: 300, threshold: 1 });
        assert.deepEqual(w("waf-blocked"), { namespace: "AWS/WAFV2", metricName: "BlockedRequests", dimensions: { WebACL: "acme-waf", Region: "us-east-1", Rule: "ALL" }, statistic: "Sum", extendedStatistic: undefined, period: 300, threshold: 250 });
        // The default: 80 % of 5 s.
        const defaults = await build(() => new Monitoring("ops-def", full));
        assert.equal(named(defaults, T, "ops-def-trigger-preSignUp-duration").props.threshold, 4000);
    });

    it("leaves out what the stack does not have", async () => {
        const rs = await build(() => new Monitoring("ops-min", { userPoolId: POOL }));
        assert.deepEqual(ofType(rs, T), []);
        assert.deepEqual(ofType(rs, "aws:sns/topicSubscription:TopicSubscription"), []);
        assert.equal(ofType(rs, "aws:sns/topic:Topic").length, 1);
    });

    it("draws the dashboard from the same metrics, risk by level and operation", async () => {
        const rs = await build(() => new Monitoring("ops-dash", full));
        const dash = one(rs, "aws:cloudwatch/dashboard:Dashboard");
        assert.equal(dash.props.dashboardName, "cognito-stack-test-ops-dash");
        const body = JSON.parse(dash.props.dashboardBody as string) as { widgets: { type: string; properties: { title?: string; metrics?: unknown[][]; alarms?: string[] } }[] };
        const byTitle = (t: string) => {
            const found = body.widgets.find((x) => x.properties.title === t);
            assert.ok(found, `no widget ${t}; widgets: ${body.widgets.map((x) => x.properties.title).join(", ")}`);
            return found;
        };
        const series = (t: string) => (byTitle(t).properties.metrics ?? []).map((m) => m.slice(0, -1));
        assert.deepEqual(series("Account takeover risk (SignIn) by risk level"), [
            ["AWS/Cognito", "AccountTakeoverRisk", "UserPoolId", POOL, "Operation", "SignIn", "RiskLevel", "high"],
            ["AWS/Cognito", "AccountTakeoverRisk", "UserPoolId", POOL, "Operation", "SignIn", "RiskLevel", "medium"],
            ["AWS/Cognito", "AccountTakeoverRisk", "UserPoolId", POOL, "Operation", "SignIn", "RiskLevel", "low"],
        ]);
        assert.deepEqual(series("Compromised credentials by operation").map((m) => m[5]), ["SignIn", "PasswordChange", "SignUp"]);
        assert.deepEqual(series("API latency p99"), [["AWS/ApiGateway", "Latency", "ApiName", "acme-api", "Stage", "v1"]]);
        const alarms = byTitle("Alarms").properties.alarms ?? [];
        assert.deepEqual([...alarms].sort(), ofType(rs, T).map((a) => output(a, "arn")).sort());
    });

    it("reports thresholds that fire on nothing and endpoints SNS would refuse", () => {
        assert.deepEqual(
            validateMonitoringArgs(
                {
                    riskThreshold: 0,
                    triggerDurationPercent: 120,
                    subscriptions: [
                        { protocol: "email", endpoint: "oncall" },
                        { protocol: "https", endpoint: "http://hooks.example.com" },
                        { protocol: "sms", endpoint: "0415550100" },
                        { protocol: "sqs", endpoint: "arn:aws:sqs:us-east-1:123456789012:alarms" },
                    ],
                },
                "alarms.",
            ).map((i) => formatIssue(i)),
            [
                "alarms.riskThreshold must be a whole number of at least 1 (received: 0). Fix: an alarm at 0 would fire on every period; use 1 to hear of the first event",
                "alarms.triggerDurationPercent must be a whole number from 10 to 100 (percent of Cognito's 5 s trigger limit) (received: 120). Fix: use 80 to hear of a trigger at 4 s, before Cognito gives up at 5 s",
                'alarms.subscriptions[0].endpoint must be a valid email endpoint (received: "oncall"). Fix: e.g. ops@example.com',
                'alarms.subscriptions[1].endpoint must be a valid https endpoint (received: "http://hooks.example.com"). Fix: e.g. https://hooks.example.com/alarms',
                'alarms.subscriptions[2].endpoint must be a valid sms endpoint (received: "0415550100"). Fix: e.g. +14155550100',
            ],
        );
    });
});
