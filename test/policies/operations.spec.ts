import * as assert from "node:assert/strict";
import { alarmNotifications, userPoolLogDelivery, webAclAssociation, webAclRuleSet } from "../../policies/operations";
import type { Plan, PlanResource } from "../../tools/planTypes";
import { account, describePolicy, find, poolArn, poolId, region, run, securePlan, setProp, stackConfig, stageArn, topicArn, webAclArn } from "./fixtures";

type Rule = Record<string, any>;
const rules = (p: Plan): Rule[] => find(p, "waf").props.rules as Rule[];
const rule = (p: Plan, name: string): Rule => {
    const r = rules(p).find((x) => x.name === name);
    assert.ok(r, `no rule ${name}`);
    return r;
};
const group = (p: Plan, name: string): Rule => rule(p, name).statement.managedRuleGroupStatement;
const rate = (p: Plan): Rule => rule(p, "rate-limit-per-ip").statement.rateBasedStatement;
const addRule = (p: Plan, r: Rule) => rules(p).push(r);
const vis = { cloudwatchMetricsEnabled: true, metricName: "extra", sampledRequestsEnabled: true };
const allowAll = (priority: number): Rule => ({ name: "allow-office", priority, action: { allow: {} }, statement: { ipSetReferenceStatement: { arn: "arn:aws:wafv2:us-east-1:123456789012:regional/ipset/office/1" } }, visibilityConfig: vis });

/** The AWS API's own JSON for the same rules, as `ruleJson` takes it. */
function pascal(v: unknown): unknown {
    if (Array.isArray(v)) return v.map(pascal);
    if (typeof v !== "object" || v === null) return v;
    return Object.fromEntries(Object.entries(v).map(([k, e]) => [k.charAt(0).toUpperCase() + k.slice(1), pascal(e)]));
}

function resource(type: string, name: string, props: Record<string, unknown>, outputs: Record<string, unknown> = {}): PlanResource {
    return { urn: `urn:pulumi:prod::cognito-stack::${type}::${name}`, type, name, custom: true, parent: null, dependencies: [], props, options: { protect: false, retainOnDelete: false, ignoreChanges: [], deleteBeforeReplace: false }, outputs: { ...props, id: name, ...outputs } };
}

describePolicy(webAclRuleSet, [
    { title: "rejects a rate rule that only counts", mutate: (p) => (rule(p, "rate-limit-per-ip").action = { count: {} }), message: /no blocking per-IP rate-based rule with a limit of at most 500 \(found rate-limit-per-ip: action count, limit 500, key IP\)/ },
    { title: "rejects a rate limit above the stack's maximum", mutate: (p) => (rate(p).limit = 501), message: /at most 500 \(found rate-limit-per-ip: action block, limit 501, key IP\)/ },
    { title: "rejects a rate rule keyed on something other than the client IP", mutate: (p) => (rate(p).aggregateKeyType = "CONSTANT"), message: /key CONSTANT/ },
    { title: "rejects a rate rule scoped down to part of the traffic", mutate: (p) => (rate(p).scopeDownStatement = { byteMatchStatement: { searchString: "/never" } }), message: /, scoped down\): add one with action block/ },
    { title: "rejects a rate rule with a second action key smuggled in", mutate: (p) => (rule(p, "rate-limit-per-ip").action = { block: {}, count: {} }), message: /action none, limit 500/ },
    { title: "rejects a web ACL without rate-based rule", mutate: (p) => (find(p, "waf").props.rules = rules(p).slice(1)), message: /no blocking per-IP rate-based rule with a limit of at most 500: add one/ },
    { title: "rejects a missing required managed group", mutate: (p) => (find(p, "waf").props.rules = rules(p).filter((r) => r.name !== "AWSManagedRulesKnownBadInputsRuleSet")), message: /does not run the AWS managed rule group AWSManagedRulesKnownBadInputsRuleSet: add it with overrideAction none\./ },
    { title: "rejects a required group that only counts", mutate: (p) => (rule(p, "AWSManagedRulesCommonRuleSet").overrideAction = { count: {} }), message: /Rule AWSManagedRulesCommonRuleSet \(AWSManagedRulesCommonRuleSet\) has overrideAction count, so its matches are not blocked/ },
    { title: "rejects a required group without overrideAction", mutate: (p) => delete rule(p, "AWSManagedRulesAmazonIpReputationList").overrideAction, message: /has overrideAction unset/ },
    { title: "rejects a required group scoped down", mutate: (p) => (group(p, "AWSManagedRulesCommonRuleSet").scopeDownStatement = { byteMatchStatement: {} }), message: /is scoped down, so it inspects only part of the traffic/ },
    {
        title: "rejects rules of a required group overridden to count or allow",
        mutate: (p) => (group(p, "AWSManagedRulesCommonRuleSet").ruleActionOverrides = [{ name: "SizeRestrictions_BODY", actionToUse: { count: {} } }, { name: "NoUserAgent_HEADER", actionToUse: { allow: {} } }]),
        message: /overrides SizeRestrictions_BODY, NoUserAgent_HEADER to a non-blocking action/,
    },
    { title: "rejects an allow rule ahead of the guards", mutate: (p) => addRule(p, allowAll(-1)), message: /Rule allow-office \(priority -1\) runs before the rate limit and the required rule groups/ },
    { title: "rejects an allow rule between the guards", mutate: (p) => addRule(p, allowAll(15)), message: /Rule allow-office \(priority 15\) runs before/ },
    {
        title: "rejects a rule group of your own ahead of the guards (it can allow)",
        mutate: (p) => addRule(p, { name: "own-group", priority: 5, overrideAction: { none: {} }, statement: { ruleGroupReferenceStatement: { arn: "arn:aws:wafv2:us-east-1:123456789012:regional/rulegroup/own/1" } }, visibilityConfig: vis }),
        message: /Rule own-group \(priority 5\) runs before/,
    },
    {
        title: "rejects an allow-all rule hidden in ruleJson",
        mutate: (p) => (find(p, "waf").props.ruleJson = JSON.stringify(pascal([allowAll(-5)]))),
        message: /Rule allow-office \(priority -5\) runs before/,
    },
    { title: "rejects ruleJson it cannot read", mutate: (p) => (find(p, "waf").props.ruleJson = "[{"), message: /ruleJson is not valid JSON, so its rules cannot be checked/ },
    { title: "rejects a web ACL without CloudWatch metrics", mutate: (p) => (find(p, "waf").props.visibilityConfig = { ...vis, cloudwatchMetricsEnabled: false }), message: /publishes no CloudWatch metrics/ },
    { title: "rejects a metrics flag given as a string", mutate: (p) => (find(p, "waf").props.visibilityConfig = { ...vis, cloudwatchMetricsEnabled: "true" }), message: /publishes no CloudWatch metrics/ },
]);

describe("wafv2-web-acl-rules: secure equivalents pass", () => {
    const passes = async (mutate: (p: Plan) => void) => {
        const p = securePlan();
        mutate(p);
        assert.deepEqual(await run(p, webAclRuleSet), []);
    };
    it("the same rules written as ruleJson in the AWS API's shape", () =>
        passes((p) => {
            find(p, "waf").props.ruleJson = JSON.stringify(pascal(rules(p)));
            delete find(p, "waf").props.rules;
        }));
    it("a rate limit keyed on the forwarded client IP, lower than the maximum, over another window", () =>
        passes((p) => Object.assign(rate(p), { aggregateKeyType: "FORWARDED_IP", limit: 100, evaluationWindowSec: 60 })));
    it("rule overrides to captcha or block, more groups and an allow rule after the guards", () =>
        passes((p) => {
            group(p, "AWSManagedRulesCommonRuleSet").ruleActionOverrides = [{ name: "NoUserAgent_HEADER", actionToUse: { captcha: {} } }];
            addRule(p, { name: "AWSManagedRulesAnonymousIpList", priority: 40, overrideAction: { none: {} }, statement: { managedRuleGroupStatement: { vendorName: "AWS", name: "AWSManagedRulesAnonymousIpList" } }, visibilityConfig: vis });
            addRule(p, allowAll(100));
        }));
    it("a default action of block", () => passes((p) => (find(p, "waf").props.defaultAction = { block: {} })));
});

describePolicy(webAclAssociation, [
    { title: "rejects a user pool outside any web ACL", mutate: (p) => (p.resources = p.resources.filter((r) => r.name !== "waf-user-pool")), message: /User pool "users" is not behind a WAF web ACL: associate it with aws\.wafv2\.WebAclAssociation/ },
    { title: "rejects an API stage outside any web ACL", mutate: (p) => (p.resources = p.resources.filter((r) => r.name !== "waf-api-stage")), message: /API stage "v1" is not behind a WAF web ACL/ },
    {
        title: "rejects an association with a web ACL of another stack or account",
        mutate: (p) => setProp(p, "waf-user-pool", "webAclArn", `arn:aws:wafv2:${region}:999999999999:regional/webacl/open/1`),
        message: /WebAclAssociation "waf-user-pool" names web ACL arn:aws:wafv2:us-east-1:999999999999:regional\/webacl\/open\/1, not a regional web ACL of this stack/,
    },
    {
        title: "rejects an association with a CloudFront-scoped web ACL",
        mutate: (p) => {
            setProp(p, "waf", "scope", "CLOUDFRONT");
            p.resources = p.resources.filter((r) => r.name !== "waf-api-stage");
            p.resources.push(resource("aws:wafv2/webAclAssociation:WebAclAssociation", "waf-api-stage", { resourceArn: stageArn, webAclArn: `${webAclArn}-regional` }));
            p.resources.push(resource("aws:wafv2/webAcl:WebAcl", "waf-regional", { scope: "REGIONAL", rules: [] }, { arn: `${webAclArn}-regional` }));
        },
        message: /WebAclAssociation "waf-user-pool" names web ACL arn:aws:wafv2:us-east-1:123456789012:regional\/webacl\/app-waf\/[0-9a-f-]+, not a regional web ACL of this stack/,
    },
    {
        title: "rejects a second association that swaps the pool to another web ACL",
        mutate: (p) => {
            p.resources.push(resource("aws:wafv2/webAcl:WebAcl", "waf-open", { scope: "REGIONAL", defaultAction: { allow: {} }, rules: [] }, { arn: `${webAclArn}-open` }));
            p.resources.push(resource("aws:wafv2/webAclAssociation:WebAclAssociation", "waf-user-pool-2", { resourceArn: poolArn, webAclArn: `${webAclArn}-open` }));
        },
        message: /User pool "users" has 2 web ACL associations to different web ACLs, and only the last one applied wins: keep one\./,
    },
]);

describePolicy(userPoolLogDelivery, [
    {
        title: "rejects user activity without a destination",
        mutate: (p) => ((find(p, "users-logs").props.logConfigurations as Rule[])[1] = { eventSource: "userAuthEvents", logLevel: "INFO", cloudWatchLogsConfiguration: { logGroupArn: "" } }),
        message: /User pool "users" runs threat protection but does not export user activity/,
    },
    { title: "rejects user activity at ERROR level only", mutate: (p) => ((find(p, "users-logs").props.logConfigurations as Rule[])[1].logLevel = "ERROR"), message: /does not export user activity/ },
    {
        title: "rejects a second configuration that would replace the first",
        mutate: (p) => p.resources.push(resource("aws:cognito/logDeliveryConfiguration:LogDeliveryConfiguration", "users-logs-2", { userPoolId: poolId, logConfigurations: [] })),
        message: /User pool "users" has 2 log delivery configurations, and each replaces the others: keep one\./,
    },
]);

describe("operations policies: changes that break two rules at once", () => {
    const messages = async (mutate: (p: Plan) => void, policy: Parameters<typeof run>[1]) => {
        const p = securePlan();
        mutate(p);
        return (await run(p, policy)).map((v) => `${v.enforcementLevel} ${v.message}`);
    };
    it("a same-named group from another vendor is no required group, and it runs first", async () =>
        assert.deepEqual(await messages((p) => (group(p, "AWSManagedRulesCommonRuleSet").vendorName = "Acme"), webAclRuleSet), [
            "mandatory Web ACL does not run the AWS managed rule group AWSManagedRulesCommonRuleSet: add it with overrideAction none.",
            "mandatory Rule AWSManagedRulesCommonRuleSet (priority 10) runs before the rate limit and the required rule groups and can allow requests past them: give it a priority after theirs.",
        ]));
    const both = [
        'mandatory User pool "users" does not export user notification errors: add an aws.cognito.LogDeliveryConfiguration with eventSource userNotification, logLevel ERROR and a CloudWatch log group.',
        'mandatory User pool "users" runs threat protection but does not export user activity: add eventSource userAuthEvents, logLevel INFO, with a CloudWatch, S3 or Firehose destination.',
    ];
    it("a pool without log delivery exports neither", async () => assert.deepEqual(await messages((p) => (p.resources = p.resources.filter((r) => r.name !== "users-logs")), userPoolLogDelivery), both));
    it("log delivery of another pool counts for nothing", async () => assert.deepEqual(await messages((p) => setProp(p, "users-logs", "userPoolId", `${region}_Other1234`), userPoolLogDelivery), both));
});

describe("cognito-user-pool-log-delivery: what a pool without threat protection needs", () => {
    it("passes notification errors alone on ESSENTIALS", async () => {
        const p = securePlan();
        setProp(p, "users", "userPoolTier", "ESSENTIALS");
        setProp(p, "users", "userPoolAddOns", undefined);
        (find(p, "users-logs").props.logConfigurations as Rule[]).pop();
        assert.deepEqual(await run(p, userPoolLogDelivery), []);
    });
    it("passes user activity sent to S3 instead", async () => {
        const p = securePlan();
        (find(p, "users-logs").props.logConfigurations as Rule[])[1] = { eventSource: "userAuthEvents", logLevel: "INFO", s3Configuration: { bucketArn: "arn:aws:s3:::acme-cognito-logs" } };
        assert.deepEqual(await run(p, userPoolLogDelivery), []);
    });
});

describePolicy(alarmNotifications, [
    { title: "rejects an alarm that notifies nobody", mutate: (p) => setProp(p, "trigger-errors", "alarmActions", []), message: /Alarm "trigger-errors" notifies no subscribed SNS topic of this stack \(alarmActions: none\)/ },
    { title: "rejects an alarm whose topic has no subscriber", mutate: (p) => (p.resources = p.resources.filter((r) => r.name !== "alarms-oncall")), message: /notifies no subscribed SNS topic of this stack \(alarmActions: arn:aws:sns/ },
    {
        title: "rejects an alarm that notifies a topic of another account",
        mutate: (p) => setProp(p, "trigger-errors", "alarmActions", [`arn:aws:sns:${region}:999999999999:app-alarms`]),
        message: /alarmActions: arn:aws:sns:us-east-1:999999999999:app-alarms/,
    },
    { title: "rejects an alarm with actions switched off", mutate: (p) => setProp(p, "trigger-errors", "actionsEnabled", false), message: /Alarm "trigger-errors" has its actions disabled/ },
]);

describe("operations policies on the stack levels", () => {
    it("lowers only what dev documents, and keeps prod mandatory", async () => {
        const p = securePlan();
        p.resources = p.resources.filter((r) => r.name !== "waf-user-pool");
        assert.deepEqual((await run(p, webAclAssociation, stackConfig("dev"))).map((v) => v.enforcementLevel), ["advisory"]);
        assert.deepEqual((await run(p, webAclAssociation, stackConfig("prod"))).map((v) => v.enforcementLevel), ["mandatory"]);
        assert.deepEqual((await run(p, webAclAssociation, stackConfig("staging"))).map((v) => v.enforcementLevel), ["mandatory"]);
        assert.equal(topicArn, `arn:aws:sns:${region}:${account}:app-alarms`);
    });
});

describe("operations policies: values the provider coerces, read as what they say", () => {
    it("refuses an alarm whose actions are switched off with the string \"false\"", async () => {
        const p = setProp(securePlan(), "trigger-errors", "actionsEnabled", "false");
        assert.deepEqual((await run(p, alarmNotifications)).map((v) => v.message), ["Alarm \"trigger-errors\" has its actions disabled, so it notifies nobody: remove actionsEnabled false."]);
    });

    it("passes an alarm whose actions are on as the string \"true\", and refuses a value of the wrong kind by its field", async () => {
        assert.deepEqual(await run(setProp(securePlan(), "trigger-errors", "actionsEnabled", "true"), alarmNotifications), []);
        const found = await run(setProp(securePlan(), "trigger-errors", "actionsEnabled", 0), alarmNotifications);
        assert.deepEqual(found.map((v) => [v.enforcementLevel, v.malformed?.field, v.message]), [
            ["mandatory", "MetricAlarm \"trigger-errors\".actionsEnabled", "MetricAlarm \"trigger-errors\".actionsEnabled must be a boolean (received: 0): give the value the provider expects."],
        ]);
    });

    it("refuses an allow rule whose priority, given as a string, puts it ahead of the guards", async () => {
        const p = securePlan();
        addRule(p, { ...allowAll(0), priority: "5" });
        assert.deepEqual((await run(p, webAclRuleSet)).map((v) => v.message), [
            "Rule allow-office (priority 5) runs before the rate limit and the required rule groups and can allow requests past them: give it a priority after theirs.",
        ]);
    });

    it("passes an allow rule whose priority, given as a string, puts it after the guards", async () => {
        const p = securePlan();
        addRule(p, { ...allowAll(0), priority: "100" });
        assert.deepEqual(await run(p, webAclRuleSet), []);
    });

    it("sorts a guard whose priority is unset, null, blank or no number last, so an allow rule anywhere runs before it", async () => {
        for (const value of [undefined, null, " ", "ten"]) {
            const p = securePlan();
            rule(p, "AWSManagedRulesAmazonIpReputationList").priority = value;
            addRule(p, allowAll(100));
            assert.deepEqual((await run(p, webAclRuleSet)).map((v) => v.message), [
                "Rule allow-office (priority 100) runs before the rate limit and the required rule groups and can allow requests past them: give it a priority after theirs.",
            ], JSON.stringify(value));
        }
    });
});

describe("wafv2-web-acl-rules: the rules as the provider and the AWS API write them", () => {
    const messages = async (mutate: (p: Plan) => void): Promise<string[]> => {
        const p = securePlan();
        mutate(p);
        return (await run(p, webAclRuleSet)).map((v) => v.message);
    };

    it("passes action blocks whose other keys are null or undefined (unset blocks in the provider's outputs)", async () => {
        assert.deepEqual(await messages((p) => {
            rule(p, "rate-limit-per-ip").action = { allow: undefined, block: {}, count: null };
            for (const name of ["AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet", "AWSManagedRulesAmazonIpReputationList"]) {
                rule(p, name).overrideAction = { count: null, none: {} };
            }
        }), []);
    });

    it("passes ruleJson whose rules carry null fields, and a blank ruleJson", async () => {
        assert.deepEqual(await messages((p) => {
            find(p, "waf").props.ruleJson = JSON.stringify((pascal(rules(p)) as Rule[]).map((r) => ({ ...r, RuleLabels: null, CaptchaConfig: null })));
            delete find(p, "waf").props.rules;
        }), []);
        assert.deepEqual(await messages((p) => (find(p, "waf").props.ruleJson = " \n")), []);
    });

    it("names every rate rule it found when none enforces", async () => {
        assert.deepEqual(await messages((p) => {
            rule(p, "rate-limit-per-ip").action = { count: {} };
            addRule(p, { name: "rate-limit-wide", priority: 1, action: { block: {} }, statement: { rateBasedStatement: { aggregateKeyType: "IP", limit: 10000 } }, visibilityConfig: vis });
        }), [
            "Web ACL has no blocking per-IP rate-based rule with a limit of at most 500 (found rate-limit-per-ip: action count, limit 500, key IP; rate-limit-wide: action block, limit 10000, key IP): add one with action block, aggregateKeyType IP and no scopeDownStatement.",
        ]);
    });

    it("refuses a rate rule whose limit is null (unset), naming it", async () => {
        assert.deepEqual(await messages((p) => (rate(p).limit = null)), [
            "Web ACL has no blocking per-IP rate-based rule with a limit of at most 500 (found rate-limit-per-ip: action block, limit null, key IP): add one with action block, aggregateKeyType IP and no scopeDownStatement.",
        ]);
    });

    it("refuses a rule override that is not an object, as overriding to nothing", async () => {
        assert.deepEqual(await messages((p) => (group(p, "AWSManagedRulesCommonRuleSet").ruleActionOverrides = [null, "SizeRestrictions_BODY"])), [
            "Rule AWSManagedRulesCommonRuleSet (AWSManagedRulesCommonRuleSet) overrides undefined, undefined to a non-blocking action: override only to block, captcha or challenge.",
        ]);
    });

    it("passes another AWS managed group ahead of the guards (AWS's groups never allow)", async () => {
        assert.deepEqual(await messages((p) => addRule(p, { name: "AWSManagedRulesAnonymousIpList", priority: 5, overrideAction: { none: {} }, statement: { managedRuleGroupStatement: { vendorName: "AWS", name: "AWSManagedRulesAnonymousIpList" } }, visibilityConfig: vis })), []);
    });

    it("refuses an allow rule sharing the last guard's priority (which of the two runs first is not defined)", async () => {
        assert.deepEqual(await messages((p) => addRule(p, allowAll(30))), [
            "Rule allow-office (priority 30) runs before the rate limit and the required rule groups and can allow requests past them: give it a priority after theirs.",
        ]);
    });
});

describe("wafv2-web-acl-association: an association without a web ACL ARN", () => {
    it("names it as (none), unset or not a string", async () => {
        for (const value of [undefined, [webAclArn]]) {
            const p = setProp(securePlan(), "waf-api-stage", "webAclArn", value);
            assert.deepEqual((await run(p, webAclAssociation)).map((v) => v.message), [
                "WebAclAssociation \"waf-api-stage\" names web ACL (none), not a regional web ACL of this stack: point webAclArn at this stack's web ACL, whose rules the pack checks.",
            ], JSON.stringify(value));
        }
    });
});

describe("cognito-user-pool-log-delivery: which configuration is which", () => {
    const logs = (p: Plan): Rule[] => find(p, "users-logs").props.logConfigurations as Rule[];
    const notification = 'User pool "users" does not export user notification errors: add an aws.cognito.LogDeliveryConfiguration with eventSource userNotification, logLevel ERROR and a CloudWatch log group.';
    const activity = 'User pool "users" runs threat protection but does not export user activity: add eventSource userAuthEvents, logLevel INFO, with a CloudWatch, S3 or Firehose destination.';
    const messages = async (mutate: (p: Plan) => void): Promise<string[]> => {
        const p = securePlan();
        mutate(p);
        return (await run(p, userPoolLogDelivery)).map((v) => v.message);
    };

    it("passes the two configurations in the other order", async () => {
        assert.deepEqual(await messages((p) => logs(p).reverse()), []);
    });

    it("refuses user notifications at INFO, or sent to S3 instead of CloudWatch", async () => {
        assert.deepEqual(await messages((p) => (logs(p)[0].logLevel = "INFO")), [notification]);
        assert.deepEqual(await messages((p) => (logs(p)[0] = { eventSource: "userNotification", logLevel: "ERROR", s3Configuration: { bucketArn: "arn:aws:s3:::acme-cognito-logs" } })), [notification]);
    });

    it("asks for user activity on PLUS in AUDIT mode too, and not on PLUS with threat protection off", async () => {
        const noActivity = (p: Plan) => void logs(p).pop();
        assert.deepEqual(await messages((p) => { noActivity(p); setProp(p, "users", "userPoolAddOns", { advancedSecurityMode: "AUDIT" }); }), [activity]);
        assert.deepEqual(await messages((p) => { noActivity(p); setProp(p, "users", "userPoolAddOns", { advancedSecurityMode: "OFF" }); }), []);
    });

    it("does not ask for user activity where the mode is set but the tier cannot run threat protection", async () => {
        assert.deepEqual(await messages((p) => { logs(p).pop(); setProp(p, "users", "userPoolTier", "ESSENTIALS"); }), []);
    });
});

describe("cloudwatch-alarm-notifications: topics and actions read one by one", () => {
    const otherTopic = `arn:aws:sns:${region}:${account}:app-quiet`;
    it("refuses an alarm whose topic has no subscriber while another topic has one, naming every action", async () => {
        const p = securePlan();
        p.resources.push(resource("aws:sns/topic:Topic", "quiet", {}, { arn: otherTopic }));
        setProp(p, "trigger-errors", "alarmActions", [otherTopic, `arn:aws:sns:${region}:999999999999:app-alarms`]);
        assert.deepEqual((await run(p, alarmNotifications)).map((v) => v.message), [
            `Alarm "trigger-errors" notifies no subscribed SNS topic of this stack (alarmActions: ${otherTopic}, arn:aws:sns:us-east-1:999999999999:app-alarms): add the alarm topic to alarmActions and a subscription to the topic.`,
        ]);
    });

    it("reads actions that are not ARNs as no action", async () => {
        const p = setProp(securePlan(), "trigger-errors", "alarmActions", [42, { arn: topicArn }]);
        assert.deepEqual((await run(p, alarmNotifications)).map((v) => v.message), [
            'Alarm "trigger-errors" notifies no subscribed SNS topic of this stack (alarmActions: none): add the alarm topic to alarmActions and a subscription to the topic.',
        ]);
    });
});
