import * as assert from "node:assert/strict";
import { formatIssue } from "../../components/issues";
import { validateWebAclArgs, WebAcl } from "../../components/webAcl";
import { ofType, one, output } from "../helpers/plans";
import { build } from "../helpers/record";

const POOL_ARN = "arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_TestPool1";
const STAGE_ARN = "arn:aws:apigateway:us-east-1::/restapis/abc123/stages/v1";
const vis = (metricName: string) => ({ cloudwatchMetricsEnabled: true, metricName, sampledRequestsEnabled: true });

describe("WebAcl", () => {
    it("blocks per IP first, then runs the AWS managed groups, and guards each associated resource", async () => {
        const rs = await build(() => new WebAcl("waf", { rateLimit: 500, associations: { "user-pool": POOL_ARN, "api-stage": STAGE_ARN } }));
        const acl = one(rs, "aws:wafv2/webAcl:WebAcl");
        const name = "cognito-stack-test-waf";
        assert.equal(acl.props.name, name);
        assert.equal(acl.props.scope, "REGIONAL");
        assert.deepEqual(acl.props.defaultAction, { allow: {} });
        assert.deepEqual(acl.props.visibilityConfig, vis(name));
        assert.deepEqual(acl.props.rules, [
            {
                name: "rate-limit-per-ip",
                priority: 0,
                action: { block: {} },
                statement: { rateBasedStatement: { aggregateKeyType: "IP", limit: 500, evaluationWindowSec: 300 } },
                visibilityConfig: vis(`${name}-rate-limit-per-ip`),
            },
            { name: "AWSManagedRulesCommonRuleSet", priority: 10, overrideAction: { none: {} }, statement: { managedRuleGroupStatement: { vendorName: "AWS", name: "AWSManagedRulesCommonRuleSet" } }, visibilityConfig: vis(`${name}-AWSManagedRulesCommonRuleSet`) },
            { name: "AWSManagedRulesKnownBadInputsRuleSet", priority: 20, overrideAction: { none: {} }, statement: { managedRuleGroupStatement: { vendorName: "AWS", name: "AWSManagedRulesKnownBadInputsRuleSet" } }, visibilityConfig: vis(`${name}-AWSManagedRulesKnownBadInputsRuleSet`) },
            { name: "AWSManagedRulesAmazonIpReputationList", priority: 30, overrideAction: { none: {} }, statement: { managedRuleGroupStatement: { vendorName: "AWS", name: "AWSManagedRulesAmazonIpReputationList" } }, visibilityConfig: vis(`${name}-AWSManagedRulesAmazonIpReputationList`) },
        ]);
        const aclArn = output(acl, "arn");
        assert.match(aclArn, /^arn:aws:wafv2:us-east-1:123456789012:regional\/webacl\/cognito-stack-test-waf\/[0-9a-f-]{36}$/);
        const associations = ofType(rs, "aws:wafv2/webAclAssociation:WebAclAssociation").map((a) => [a.name, a.props.resourceArn, a.props.webAclArn]);
        assert.deepEqual(associations.sort(), [
            ["waf-api-stage", STAGE_ARN, aclArn],
            ["waf-user-pool", POOL_ARN, aclArn],
        ]);
    });

    it("only counts in COUNT mode, with the window and groups asked for", async () => {
        const rs = await build(() => new WebAcl("waf-count", { mode: "COUNT", rateLimitWindowSeconds: 60, managedRuleGroups: ["AWSManagedRulesSQLiRuleSet"], associations: {} }));
        const rules = one(rs, "aws:wafv2/webAcl:WebAcl").props.rules as Record<string, unknown>[];
        assert.deepEqual(rules.map((r) => [r.name, r.action ?? r.overrideAction]), [
            ["rate-limit-per-ip", { count: {} }],
            ["AWSManagedRulesSQLiRuleSet", { count: {} }],
        ]);
        assert.deepEqual((rules[0].statement as Record<string, unknown>).rateBasedStatement, { aggregateKeyType: "IP", limit: 1000, evaluationWindowSec: 60 });
        assert.equal(ofType(rs, "aws:wafv2/webAclAssociation:WebAclAssociation").length, 0);
    });

    it("reports limits, windows and rule groups AWS or this stack would refuse", () => {
        assert.deepEqual(
            validateWebAclArgs({ rateLimit: 5, rateLimitWindowSeconds: 30, managedRuleGroups: ["AWSManagedRulesCommonRuleSet", "AWSManagedRulesBotControlRuleSet", "AWSManagedRulesCommonRuleSet"] }, "waf.").map((i) => formatIssue(i)),
            [
                "waf.rateLimit must be a whole number from 10 to 2000000000 (AWS's bounds) (received: 5). Fix: e.g. 1000 requests per IP per window",
                "waf.rateLimitWindowSeconds must be one of 60, 120, 300, 600 (received: 30). Fix: use 300 (five minutes) unless you need a faster reaction",
                'waf.managedRuleGroups[1] must be one of AWSManagedRulesCommonRuleSet, AWSManagedRulesKnownBadInputsRuleSet, AWSManagedRulesAmazonIpReputationList, AWSManagedRulesAnonymousIpList, AWSManagedRulesSQLiRuleSet (received: "AWSManagedRulesBotControlRuleSet"). Fix: remove it or pick a listed group; the others do not fit a user pool or a REST API',
                'waf.managedRuleGroups[2] must not repeat a group (received: "AWSManagedRulesCommonRuleSet"). Fix: list each group once',
            ],
        );
        assert.deepEqual(validateWebAclArgs({ rateLimit: 10, rateLimitWindowSeconds: 600 }), []);
        assert.equal(validateWebAclArgs({ rateLimit: 2_000_000_001 }).length, 1);
        assert.equal(validateWebAclArgs({ rateLimit: 100.5 }).length, 1);
    });

    it("fails the component before creating anything", () =>
        assert.throws(() => new WebAcl("waf-bad", { rateLimit: 0, associations: {} }), /WebAcl waf-bad has 1 problem:\n {2}- WebAclArgs\.rateLimit must be a whole number from 10/));
});
