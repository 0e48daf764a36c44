import * as aws from "@pulumi/aws";
import { PolicyResource, ResourceValidationPolicy, StackValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import { settings } from "./lib/config";
import { ofType, requiredOutput } from "./lib/stack";
import { checkAll, checkEach } from "./lib/unknowns";
import { fieldsOf } from "./lib/values";

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | undefined => (typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Json) : undefined);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** The AWS API's PascalCase JSON (as `ruleJson` carries it) in the provider's camelCase shape. */
function camel(v: unknown): unknown {
    if (Array.isArray(v)) return v.map(camel);
    const o = obj(v);
    if (o === undefined) return v;
    return Object.fromEntries(Object.entries(o).map(([k, e]) => [k.charAt(0).toLowerCase() + k.slice(1), camel(e)]));
}

/** The one action key set in an action block (`{ block: {} }` → `block`); `undefined` when there is none or several. */
function actionOf(v: unknown): string | undefined {
    const keys = Object.entries(obj(v) ?? {})
        .filter(([, e]) => e !== undefined && e !== null)
        .map(([k]) => k);
    return keys.length === 1 ? keys[0] : undefined;
}

/** Every rule of a web ACL, from `rules` and from `ruleJson` alike; a ruleJson that does not parse is reported. */
function collectRules(props: Json, report: (m: string) => void): Json[] {
    const rules = list(props.rules).flatMap((r) => (obj(r) ? [obj(r) as Json] : []));
    const text = props.ruleJson;
    if (typeof text === "string" && text.trim() !== "") {
        try {
            rules.push(...list(camel(JSON.parse(text))).flatMap((r) => (obj(r) ? [obj(r) as Json] : [])));
        } catch {
            report("ruleJson is not valid JSON, so its rules cannot be checked: write them as `rules`, or fix the JSON.");
        }
    }
    return rules;
}

const ruleSettings = settings(
    {
        maxRateLimit: 2000,
        requiredManagedRuleGroups: ["AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet", "AWSManagedRulesAmazonIpReputationList"],
    },
    {
        maxRateLimit: "Highest per-IP request limit a blocking rate-based rule may have.",
        requiredManagedRuleGroups: "AWS managed rule groups (vendor AWS) every web ACL must run in block mode.",
    },
);

/** Actions a managed group's rule may be overridden to: stricter ones only. */
const STRICT_OVERRIDES = ["block", "captcha", "challenge"];

export const webAclRuleSet: ResourceValidationPolicy = {
    name: "wafv2-web-acl-rules",
    description:
        "Checks whether every WAF web ACL blocks with a per-IP rate-based rule and the required AWS managed rule groups, none of them counted, scoped down or preceded by an allow rule, with CloudWatch metrics on.",
    anchors: { beyond: ["WAF.10", "WAF.12"] },
    severity: "high",
    configSchema: ruleSettings.schema,
    validateResource: validateResourceOfType(aws.wafv2.WebAcl, (_acl, args, report) => {
        const s = ruleSettings.read(args);
        const props = args.props as Json;
        const rules = collectRules(props, report);
        // The provider reads a numeric string ("5") as the number; a rule without a priority sorts last.
        const priority = (r: Json): number => {
            const p = typeof r.priority === "string" && r.priority.trim() !== "" ? Number(r.priority) : r.priority;
            return Number.isFinite(p) ? (p as number) : Number.POSITIVE_INFINITY;
        };
        const statement = (r: Json) => obj(r.statement) ?? {};

        const rateRules = rules.filter((r) => obj(statement(r).rateBasedStatement) !== undefined);
        const enforcing = rateRules.filter((r) => {
            const rate = obj(statement(r).rateBasedStatement) ?? {};
            return (
                actionOf(r.action) === "block" &&
                typeof rate.limit === "number" &&
                rate.limit <= s.maxRateLimit &&
                (rate.aggregateKeyType === "IP" || rate.aggregateKeyType === "FORWARDED_IP") &&
                rate.scopeDownStatement === undefined
            );
        });
        if (enforcing.length === 0) {
            const seen = rateRules.map((r) => {
                const rate = obj(statement(r).rateBasedStatement) ?? {};
                return `${String(r.name)}: action ${actionOf(r.action) ?? "none"}, limit ${String(rate.limit)}, key ${String(rate.aggregateKeyType)}${rate.scopeDownStatement !== undefined ? ", scoped down" : ""}`;
            });
            report(
                `Web ACL has no blocking per-IP rate-based rule with a limit of at most ${s.maxRateLimit}${seen.length ? ` (found ${seen.join("; ")})` : ""}: add one with action block, aggregateKeyType IP and no scopeDownStatement.`,
            );
        }

        const required: Json[] = [];
        for (const group of s.requiredManagedRuleGroups) {
            const found = rules.filter((r) => {
                const m = obj(statement(r).managedRuleGroupStatement);
                return m !== undefined && m.vendorName === "AWS" && m.name === group;
            });
            if (found.length === 0) {
                report(`Web ACL does not run the AWS managed rule group ${group}: add it with overrideAction none.`);
                continue;
            }
            for (const r of found) {
                const m = obj(statement(r).managedRuleGroupStatement) ?? {};
                if (actionOf(r.overrideAction) !== "none") {
                    report(`Rule ${String(r.name)} (${group}) has overrideAction ${actionOf(r.overrideAction) ?? "unset"}, so its matches are not blocked: set overrideAction { none: {} }.`);
                }
                if (m.scopeDownStatement !== undefined) {
                    report(`Rule ${String(r.name)} (${group}) is scoped down, so it inspects only part of the traffic: remove its scopeDownStatement.`);
                }
                const loose = list(m.ruleActionOverrides).filter((o) => !STRICT_OVERRIDES.includes(actionOf(obj(o)?.actionToUse) ?? ""));
                if (loose.length > 0) {
                    report(`Rule ${String(r.name)} (${group}) overrides ${loose.map((o) => String(obj(o)?.name)).join(", ")} to a non-blocking action: override only to block, captcha or challenge.`);
                }
                required.push(r);
            }
        }

        // A rule that can allow (its own action, or a rule group of yours or of a vendor other
        // than AWS) ends the evaluation: before any guard, its requests skip that guard.
        const guards = [...enforcing, ...required];
        const lastGuard = Math.max(...guards.map(priority));
        for (const r of rules) {
            if (guards.includes(r)) continue;
            const managed = obj(statement(r).managedRuleGroupStatement);
            const canAllow = actionOf(r.action) === "allow" || obj(statement(r).ruleGroupReferenceStatement) !== undefined || (managed !== undefined && managed.vendorName !== "AWS");
            if (canAllow && priority(r) <= lastGuard) {
                report(`Rule ${String(r.name)} (priority ${String(r.priority)}) runs before the rate limit and the required rule groups and can allow requests past them: give it a priority after theirs.`);
            }
        }
        if (obj(props.visibilityConfig)?.cloudwatchMetricsEnabled !== true) {
            report("Web ACL publishes no CloudWatch metrics, so the blocked-requests alarm never fires: set visibilityConfig.cloudwatchMetricsEnabled to true.");
        }
    }),
};

/** The value of a prop that must be a string to correlate resources. */
const str = (r: PolicyResource, key: string): string | undefined => (typeof r.props[key] === "string" ? r.props[key] : undefined);

export const webAclAssociation: StackValidationPolicy = {
    name: "wafv2-web-acl-association",
    description: "Checks whether every user pool, REST API stage and GraphQL API is associated with exactly one regional WAF web ACL of this stack.",
    anchors: { beyond: ["APIGateway.4", "AwsSolutions-APIG3", "CKV2_AWS_29", "CKV2_AWS_33"] },
    severity: "high",
    validateStack: async (args, report) => {
        const acls = ofType(args.resources, aws.wafv2.WebAcl);
        const associations = ofType(args.resources, aws.wafv2.WebAclAssociation);
        await checkAll([
            () =>
                checkEach(associations, (a) => {
                    const regional = acls.filter((acl) => acl.props.scope === "REGIONAL").map((acl) => requiredOutput(acl, "arn"));
                    const target = str(a, "webAclArn");
                    if (target === undefined || !regional.includes(target)) {
                        report(`WebAclAssociation "${a.name}" names web ACL ${target ?? "(none)"}, not a regional web ACL of this stack: point webAclArn at this stack's web ACL, whose rules the pack checks.`, a.urn);
                    }
                }),
            () =>
                checkEach([...ofType(args.resources, aws.cognito.UserPool), ...ofType(args.resources, aws.apigateway.Stage), ...ofType(args.resources, aws.appsync.GraphQLApi)], (r) => {
                    const arn = requiredOutput(r, "arn");
                    const kind = r.isType(aws.cognito.UserPool) ? "User pool" : r.isType(aws.appsync.GraphQLApi) ? "GraphQL API" : "API stage";
                    const matching = associations.filter((a) => str(a, "resourceArn") === arn);
                    if (matching.length === 0) {
                        report(`${kind} "${r.name}" is not behind a WAF web ACL: associate it with aws.wafv2.WebAclAssociation (resourceArn = its ARN).`, r.urn);
                    } else if (new Set(matching.map((a) => str(a, "webAclArn"))).size > 1) {
                        report(`${kind} "${r.name}" has ${matching.length} web ACL associations to different web ACLs, and only the last one applied wins: keep one.`, r.urn);
                    }
                }),
        ]);
    },
};

export const userPoolLogDelivery: StackValidationPolicy = {
    name: "cognito-user-pool-log-delivery",
    description:
        "Checks whether every user pool exports user notification errors to CloudWatch Logs and, on the PLUS plan with threat protection, user activity at INFO level to a destination.",
    anchors: { none: "No published control checks a user pool's log delivery." },
    severity: "medium",
    validateStack: async (args, report) => {
        const configs = ofType(args.resources, aws.cognito.LogDeliveryConfiguration);
        await checkEach(ofType(args.resources, aws.cognito.UserPool), (pool) => {
            const id = requiredOutput(pool, "id");
            const mine = configs.filter((c) => c.props.userPoolId === id);
            if (mine.length > 1) {
                report(`User pool "${pool.name}" has ${mine.length} log delivery configurations, and each replaces the others: keep one.`, pool.urn);
            }
            const logs = mine.flatMap((c) => list(c.props.logConfigurations).flatMap((l) => (obj(l) ? [obj(l) as Json] : [])));
            const destination = (l: Json) =>
                [obj(l.cloudWatchLogsConfiguration)?.logGroupArn, obj(l.s3Configuration)?.bucketArn, obj(l.firehoseConfiguration)?.streamArn].some((x) => typeof x === "string" && x !== "");
            const notification = logs.find((l) => l.eventSource === "userNotification");
            if (notification === undefined || notification.logLevel !== "ERROR" || typeof obj(notification.cloudWatchLogsConfiguration)?.logGroupArn !== "string") {
                report(`User pool "${pool.name}" does not export user notification errors: add an aws.cognito.LogDeliveryConfiguration with eventSource userNotification, logLevel ERROR and a CloudWatch log group.`, pool.urn);
            }
            const mode = obj(pool.props.userPoolAddOns)?.advancedSecurityMode;
            if (pool.props.userPoolTier === "PLUS" && (mode === "AUDIT" || mode === "ENFORCED")) {
                const auth = logs.find((l) => l.eventSource === "userAuthEvents");
                if (auth === undefined || auth.logLevel !== "INFO" || !destination(auth)) {
                    report(`User pool "${pool.name}" runs threat protection but does not export user activity: add eventSource userAuthEvents, logLevel INFO, with a CloudWatch, S3 or Firehose destination.`, pool.urn);
                }
            }
        });
    },
};

export const alarmNotifications: StackValidationPolicy = {
    name: "cloudwatch-alarm-notifications",
    description: "Checks whether every CloudWatch alarm notifies an SNS topic of this stack that has at least one subscription.",
    anchors: { beyond: ["CloudWatch.15", "CloudWatch.17"] },
    severity: "medium",
    validateStack: async (args, report) => {
        const topics = ofType(args.resources, aws.sns.Topic);
        const subscriptions = ofType(args.resources, aws.sns.TopicSubscription);
        await checkEach(ofType(args.resources, aws.cloudwatch.MetricAlarm), (alarm) => {
            const heard = topics
                .map((t) => requiredOutput(t, "arn"))
                .filter((arn) => subscriptions.some((s) => s.props.topic === arn));
            const actions = list(alarm.props.alarmActions).filter((a): a is string => typeof a === "string");
            // "false" switches the actions off as false does.
            if (fieldsOf(alarm).bool("actionsEnabled") === false) {
                report(`Alarm "${alarm.name}" has its actions disabled, so it notifies nobody: remove actionsEnabled false.`, alarm.urn);
            } else if (!actions.some((a) => heard.includes(a))) {
                report(`Alarm "${alarm.name}" notifies no subscribed SNS topic of this stack (alarmActions: ${actions.length ? actions.join(", ") : "none"}): add the alarm topic to alarmActions and a subscription to the topic.`, alarm.urn);
            }
        });
    },
};

export const operationsPolicies = [webAclRuleSet, webAclAssociation, userPoolLogDelivery, alarmNotifications] as const;
