import * as assert from "node:assert/strict";
import { formatIssue } from "../../components/issues";
import { parseStackConfig } from "../../config";

const bag = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [`cognito-stack:${k}`, typeof v === "string" ? v : JSON.stringify(v)]));
const prod = { environment: "prod", protect: true, deletionProtection: true, retainDataOnDelete: true };

function problems(o: Record<string, unknown>, secrets: string[] = []): string[] {
    const r = parseStackConfig(bag(o), secrets);
    return r.ok ? [] : r.issues.map((i) => formatIssue(i, "cognito-stack:"));
}

describe("operations keys of the stack config", () => {
    it("turns log delivery, WAF and alarms on by default", () => {
        const r = parseStackConfig(bag({ environment: "dev" }));
        assert.ok(r.ok);
        assert.deepEqual([r.config.logDelivery.enabled, r.config.logDelivery.userAuthEvents, r.config.waf.enabled, r.config.waf.mode, r.config.waf.rateLimit, r.config.alarms.enabled], [true, "auto", true, "BLOCK", 1000, true]);
        assert.equal(r.config.adoptUserPool, undefined);
    });

    it("reports every operations problem with its key, value and fix", () =>
        assert.deepEqual(
            problems({
                environment: "dev",
                logDelivery: { userAuthEvents: "cloudwatch" },
                waf: { rateLimit: 5, managedRuleGroups: ["AWSManagedRulesATPRuleSet"] },
                alarms: { subscriptions: [{ protocol: "email", endpoint: "oncall" }] },
                customDomainHostedZoneId: "Z04123452ABCDEFGHIJKL",
            }),
            [
                'cognito-stack:logDelivery.userAuthEvents needs the PLUS feature plan (the pool is on ESSENTIALS) (received: "cloudwatch"). Fix: set featurePlan to PLUS, or userAuthEvents to off',
                "cognito-stack:waf.rateLimit must be a whole number from 10 to 2000000000 (AWS's bounds) (received: 5). Fix: e.g. 1000 requests per IP per window",
                'cognito-stack:waf.managedRuleGroups[0] must be one of AWSManagedRulesCommonRuleSet, AWSManagedRulesKnownBadInputsRuleSet, AWSManagedRulesAmazonIpReputationList, AWSManagedRulesAnonymousIpList, AWSManagedRulesSQLiRuleSet (received: "AWSManagedRulesATPRuleSet"). Fix: remove it or pick a listed group; the others do not fit a user pool or a REST API',
                'cognito-stack:alarms.subscriptions[0].endpoint must be a valid email endpoint (received: "oncall"). Fix: e.g. ops@example.com',
                'cognito-stack:customDomainHostedZoneId is set but customDomain is not, so there is nothing to point at (received: "Z04123452ABCDEFGHIJKL"). Fix: set customDomain (e.g. auth.example.com), or remove customDomainHostedZoneId',
            ],
        ));

    it("refuses a string where a boolean was expected, and unknown keys", () => {
        const out = problems({ environment: "dev", waf: { enabled: "false" }, alarms: { subscription: [] } });
        assert.equal(out.length, 2, out.join("\n"));
        assert.match(out[0], /^cognito-stack:waf\.enabled must be true or false, not text \(received: "false"\)/);
        assert.match(out[1], /^cognito-stack:alarms\.subscription is not a setting of alarms \(received: \[\]\)\. Fix: did you mean subscriptions\?/);
    });

    it("requires WAF blocking, alarms and log delivery in prod", () => {
        assert.deepEqual(problems({ ...prod, waf: { enabled: false }, alarms: { enabled: false }, logDelivery: { enabled: false } }), [
            "cognito-stack:waf.enabled must be true in prod (the user pool and the API face the internet) (received: false). Fix: pulumi config set --path waf.enabled true",
            "cognito-stack:alarms.enabled must be true in prod (received: false). Fix: pulumi config set --path alarms.enabled true",
            "cognito-stack:logDelivery.enabled must be true in prod (user activity and delivery errors are the audit trail) (received: false). Fix: pulumi config set --path logDelivery.enabled true",
        ]);
        assert.deepEqual(problems({ ...prod, waf: { mode: "COUNT" } }), [
            'cognito-stack:waf.mode must be BLOCK in prod (COUNT only records what the rules match) (received: "COUNT"). Fix: tune the rules in staging with COUNT, then set BLOCK',
        ]);
        assert.deepEqual(problems({ ...prod }), []);
    });

    it("leaves the settings of what is switched off unchecked, and requires nothing of them outside prod", () =>
        assert.deepEqual(
            problems({
                environment: "staging",
                featurePlan: "ESSENTIALS",
                logDelivery: { enabled: false, userAuthEvents: "cloudwatch" },
                waf: { enabled: false, rateLimit: 5 },
                alarms: { enabled: false, subscriptions: [{ protocol: "email", endpoint: "oncall" }] },
            }),
            [],
        ));

    it("judges user activity logs by the feature plan the pool will have: the one set, or the one its settings need", () => {
        assert.deepEqual(problems({ environment: "dev", featurePlan: "PLUS", logDelivery: { userAuthEvents: "cloudwatch" } }), []);
        assert.deepEqual(problems({ environment: "dev", threatProtection: "AUDIT", logDelivery: { userAuthEvents: "cloudwatch" } }), []);
        assert.deepEqual(problems({ environment: "dev", featurePlan: "LITE", logDelivery: { userAuthEvents: "cloudwatch" } }), [
            'cognito-stack:logDelivery.userAuthEvents needs the PLUS feature plan (the pool is on LITE) (received: "cloudwatch"). Fix: set featurePlan to PLUS, or userAuthEvents to off',
        ]);
    });

    it("creates the custom domain's certificate only where there is a zone for it", () => {
        assert.deepEqual(problems({ environment: "dev", customDomain: "auth.example.com", customDomainHostedZoneId: "Z04123452ABCDEFGHIJKL" }), []);
        assert.deepEqual(problems({ environment: "dev", customDomain: "auth.example.com" }), [
            "cognito-stack:customDomainCertificateArn is required with customDomain (received: nothing). Fix: issue an ACM certificate in us-east-1 for the domain and set its ARN, or set customDomainHostedZoneId and the stack creates one",
        ]);
    });

    it("checks an adoption against the rest of the config", () =>
        assert.deepEqual(problems({ environment: "dev", google: { clientId: "x.apps.googleusercontent.com" }, googleClientSecret: "s", adoptUserPool: { userPoolId: "us-east-1_AbCdEf123", identityProviders: ["Google", "Okta"] } }, ["googleClientSecret"]).map((p) => p.split(" (received")[0]), [
            "cognito-stack:userPoolLock is required with adoptUserPool: the existing pool's create-only settings must be checked against this config before it is imported",
            "cognito-stack:adoptUserPool.identityProviders[1] is not in the configured identity providers",
        ]));
});
