import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { issue, throwIfIssues, ValidationIssue } from "./issues";

/**
 * AWS managed rule groups that fit a user pool's endpoints and a REST API (no paid or
 * host-specific groups such as Bot Control, ATP or the WordPress/PHP sets).
 * @see https://docs.aws.amazon.com/waf/latest/developerguide/aws-managed-rule-groups-list.html
 */
export const WAF_MANAGED_RULE_GROUPS = [
    "AWSManagedRulesCommonRuleSet",
    "AWSManagedRulesKnownBadInputsRuleSet",
    "AWSManagedRulesAmazonIpReputationList",
    "AWSManagedRulesAnonymousIpList",
    "AWSManagedRulesSQLiRuleSet",
] as const;

/** Evaluation windows a rate-based rule accepts, in seconds. */
export const WAF_RATE_WINDOWS = [60, 120, 300, 600] as const;
/** AWS's bounds for a rate-based rule's limit. */
export const WAF_RATE_LIMIT_MIN = 10;
export const WAF_RATE_LIMIT_MAX = 2_000_000_000;

export interface WebAclArgs {
    /**
     * Requests one client IP may send per window before it is blocked.
     * @default 1000
     * @see https://docs.aws.amazon.com/waf/latest/developerguide/waf-rule-statement-type-rate-based-high-level-settings.html
     */
    readonly rateLimit?: number;
    /** The rate-based rule's window in seconds: 60, 120, 300 or 600. @default 300 */
    readonly rateLimitWindowSeconds?: number;
    /** AWS managed rule groups, from WAF_MANAGED_RULE_GROUPS. @default Common, KnownBadInputs, AmazonIpReputationList */
    readonly managedRuleGroups?: readonly string[];
    /** BLOCK enforces every rule; COUNT only records matches (to tune the rules first). @default "BLOCK" */
    readonly mode?: "BLOCK" | "COUNT";
    /** What to protect: an association name to a user pool ARN or an API Gateway stage ARN. */
    readonly associations: Readonly<Record<string, pulumi.Input<string>>>;
    /** @default {} */
    readonly tags?: Record<string, string>;
}

const DEFAULT_GROUPS = ["AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet", "AWSManagedRulesAmazonIpReputationList"];

/** Checks the args; `at` prefixes every field (e.g. `waf.`). */
export function validateWebAclArgs(a: Omit<WebAclArgs, "associations">, at = ""): ValidationIssue[] {
    const out: ValidationIssue[] = [];
    const limit = a.rateLimit ?? 1000;
    if (!Number.isInteger(limit) || limit < WAF_RATE_LIMIT_MIN || limit > WAF_RATE_LIMIT_MAX) {
        out.push(issue(`${at}rateLimit`, `must be a whole number from ${WAF_RATE_LIMIT_MIN} to ${WAF_RATE_LIMIT_MAX} (AWS's bounds)`, limit, "e.g. 1000 requests per IP per window"));
    }
    const window = a.rateLimitWindowSeconds ?? 300;
    if (!(WAF_RATE_WINDOWS as readonly number[]).includes(window)) {
        out.push(issue(`${at}rateLimitWindowSeconds`, `must be one of ${WAF_RATE_WINDOWS.join(", ")}`, window, "use 300 (five minutes) unless you need a faster reaction"));
    }
    const groups = a.managedRuleGroups ?? DEFAULT_GROUPS;
    groups.forEach((g, i) => {
        if (!(WAF_MANAGED_RULE_GROUPS as readonly string[]).includes(g)) {
            out.push(issue(`${at}managedRuleGroups[${i}]`, `must be one of ${WAF_MANAGED_RULE_GROUPS.join(", ")}`, g, "remove it or pick a listed group; the others do not fit a user pool or a REST API"));
        }
        if (groups.indexOf(g) !== i) {
            out.push(issue(`${at}managedRuleGroups[${i}]`, "must not repeat a group", g, "list each group once"));
        }
    });
    return out;
}

/** A WAF name or metric name: letters, digits, hyphens and underscores, at most 128. */
function wafName(s: string): string {
    return s.replace(/[^A-Za-z0-9_-]+/g, "-").slice(0, 128);
}

/**
 * A regional WAF web ACL: a rate-based rule per client IP first, then AWS managed rule groups,
 * default allow; associated with each resource in `associations`.
 */
export class WebAcl extends pulumi.ComponentResource {
    public readonly webAcl: aws.wafv2.WebAcl;
    public readonly webAclArn: pulumi.Output<string>;
    /** The web ACL's name, also its metric name (the WebACL dimension of its CloudWatch metrics). */
    public readonly webAclName: string;
    public readonly associations: Record<string, aws.wafv2.WebAclAssociation>;

    constructor(name: string, args: WebAclArgs, opts?: pulumi.ComponentResourceOptions) {
        super("cognito-stack:operations:WebAcl", name, {}, opts);
        throwIfIssues(`WebAcl ${name}`, validateWebAclArgs(args), "WebAclArgs.");
        const count = (args.mode ?? "BLOCK") === "COUNT";
        this.webAclName = wafName(`${pulumi.getProject()}-${pulumi.getStack()}-${name}`);
        const visibility = (metric: string) => ({ cloudwatchMetricsEnabled: true, metricName: wafName(metric), sampledRequestsEnabled: true });
        const rules: aws.types.input.wafv2.WebAclRule[] = [
            {
                name: "rate-limit-per-ip",
                priority: 0,
                action: count ? { count: {} } : { block: {} },
                statement: {
                    rateBasedStatement: {
                        aggregateKeyType: "IP",
                        limit: args.rateLimit ?? 1000,
                        evaluationWindowSec: args.rateLimitWindowSeconds ?? 300,
                    },
                },
                visibilityConfig: visibility(`${this.webAclName}-rate-limit-per-ip`),
            },
            ...(args.managedRuleGroups ?? DEFAULT_GROUPS).map((group, i) => ({
                name: group,
                priority: 10 * (i + 1),
                overrideAction: count ? { count: {} } : { none: {} },
                statement: { managedRuleGroupStatement: { vendorName: "AWS", name: group } },
                visibilityConfig: visibility(`${this.webAclName}-${group}`),
            })),
        ];
        this.webAcl = new aws.wafv2.WebAcl(
            name,
            {
                name: this.webAclName,
                description: `Rate limit and AWS managed rules for the ${pulumi.getStack()} identity stack`,
                scope: "REGIONAL",
                defaultAction: { allow: {} },
                rules,
                visibilityConfig: visibility(this.webAclName),
                tags: args.tags ?? {},
            },
            { parent: this },
        );
        this.webAclArn = this.webAcl.arn;
        this.associations = Object.fromEntries(
            Object.entries(args.associations).map(([key, resourceArn]) => [
                key,
                new aws.wafv2.WebAclAssociation(`${name}-${key}`, { resourceArn, webAclArn: this.webAcl.arn }, { parent: this }),
            ]),
        );
        this.registerOutputs({ webAclArn: this.webAclArn, webAclName: this.webAclName });
    }
}
