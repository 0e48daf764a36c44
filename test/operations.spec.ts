import * as assert from "node:assert/strict";
import { dependsOn, named, ofType, one, output, realPlan } from "./helpers/plans";

describe("operations in the offline plans of the real stacks", function () {
    this.timeout(120_000);

    it("prod: log delivery, the web ACL on the pool, the stage and the GraphQL API, alarms, the dashboard and the topic", async () => {
        const prod = await realPlan("prod");
        const pool = named(prod, "aws:cognito/userPool:UserPool", "auth");
        const logs = one(prod, "aws:cognito/logDeliveryConfiguration:LogDeliveryConfiguration");
        assert.equal(logs.props.userPoolId, output(pool, "id"));
        assert.deepEqual((logs.props.logConfigurations as Record<string, string>[]).map((l) => [l.eventSource, l.logLevel]), [["userNotification", "ERROR"], ["userAuthEvents", "INFO"]]);
        assert.deepEqual(ofType(prod, "aws:cloudwatch/logGroup:LogGroup").filter((g) => typeof g.props.name === "string" && g.props.name.startsWith("/aws/vendedlogs/cognito/")).map((g) => g.props.retentionInDays), [365, 365]);

        const acl = one(prod, "aws:wafv2/webAcl:WebAcl");
        assert.deepEqual((acl.props.rules as { statement: unknown }[])[0].statement, { rateBasedStatement: { aggregateKeyType: "IP", limit: 500, evaluationWindowSec: 300 } });
        const stage = one(prod, "aws:apigateway/stage:Stage");
        const graphql = one(prod, "aws:appsync/graphQLApi:GraphQLApi");
        assert.deepEqual(
            ofType(prod, "aws:wafv2/webAclAssociation:WebAclAssociation").map((a) => [a.props.resourceArn, a.props.webAclArn]).sort(),
            [[output(pool, "arn"), output(acl, "arn")], [output(stage, "arn"), output(acl, "arn")], [output(graphql, "arn"), output(acl, "arn")]].sort(),
        );

        // 10 for the pool, the clients, the API and the WAF; errors and duration of each of the 6 triggers.
        assert.equal(ofType(prod, "aws:cloudwatch/metricAlarm:MetricAlarm").length, 10 + 2 * 6);
        const topic = one(prod, "aws:sns/topic:Topic");
        assert.deepEqual(ofType(prod, "aws:sns/topicSubscription:TopicSubscription").map((s) => [s.props.topic, s.props.protocol, s.props.endpoint]), [[output(topic, "arn"), "email", "oncall@example.com"]]);
        assert.equal(one(prod, "aws:cloudwatch/dashboard:Dashboard").props.dashboardName, "cognito-stack-prod-ops");
        // The trigger alarms watch the functions the pool really calls.
        const preSignUp = named(prod, "aws:lambda/function:Function", "auth-trigger-preSignUp");
        assert.deepEqual(named(prod, "aws:cloudwatch/metricAlarm:MetricAlarm", "ops-trigger-preSignUp-duration").props.dimensions, { FunctionName: preSignUp.props.name });
        assert.deepEqual([prod.outputs.customDomainTarget, typeof prod.outputs.dashboardUrl, prod.outputs.webAclArn], [null, "string", output(acl, "arn")]);
    });

    it("staging: a certificate validated in the zone, and alias records to the domain's CloudFront target", async () => {
        const staging = await realPlan("staging");
        const domain = one(staging, "aws:cognito/userPoolDomain:UserPoolDomain");
        const validation = one(staging, "aws:acm/certificateValidation:CertificateValidation");
        assert.equal(domain.props.domain, "auth.staging.example.com");
        assert.equal(domain.props.certificateArn, output(one(staging, "aws:acm/certificate:Certificate"), "arn"));
        assert.ok(dependsOn(staging, domain, validation), "the domain waits for the certificate to be validated");
        const aliases = ofType(staging, "aws:route53/record:Record").filter((r) => r.props.aliases !== undefined);
        assert.deepEqual(
            aliases.map((r) => [r.props.zoneId, r.props.name, r.props.type, r.props.aliases]),
            ["A", "AAAA"].map((type) => ["Z04123452ABCDEFGHIJKL", "auth.staging.example.com", type, [{ name: output(domain, "cloudfrontDistribution"), zoneId: "Z2FDTNDATAQYW2", evaluateTargetHealth: false }]]),
        );
        assert.equal(staging.outputs.customDomainTarget, output(domain, "cloudfrontDistribution"));
    });
});
