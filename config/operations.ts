import { validateAdoption } from "../components/adoption";
import { validateCustomDomainDns } from "../components/customDomainDns";
import { deriveFeaturePlan, featurePlanNeeds, FeaturePlan } from "../components/featurePlan";
import { issue, ValidationIssue } from "../components/issues";
import { validateLogDeliveryArgs } from "../components/logDelivery";
import { validateMonitoringArgs } from "../components/monitoring";
import { validateWebAclArgs } from "../components/webAcl";
import type { StackConfig } from "./schema";

/** The feature plan the pool will have: the configured one, or the one its settings need. */
export function effectiveFeaturePlan(c: StackConfig): FeaturePlan {
    return c.featurePlan !== "auto"
        ? c.featurePlan
        : deriveFeaturePlan(featurePlanNeeds({ ...c, preTokenGenerationVersion: c.triggers.preTokenGeneration ? "V2_0" : undefined }));
}

/** The operations keys (logDelivery, waf, alarms, customDomainHostedZoneId, adoptUserPool) and what prod requires of them. */
export function operationsIssues(c: StackConfig, ctx: { providerNames: readonly string[]; region?: string }): ValidationIssue[] {
    const out: ValidationIssue[] = [];
    if (c.logDelivery.enabled) {
        out.push(...validateLogDeliveryArgs({ ...c.logDelivery, featurePlan: effectiveFeaturePlan(c) }, "logDelivery."));
    }
    if (c.waf.enabled) {
        out.push(...validateWebAclArgs(c.waf, "waf."));
    }
    if (c.alarms.enabled) {
        out.push(...validateMonitoringArgs(c.alarms, "alarms."));
    }
    out.push(...validateCustomDomainDns(c));
    out.push(...validateAdoption({ ...c, providerNames: ctx.providerNames, region: ctx.region }));
    if (c.environment === "prod") {
        if (!c.waf.enabled) {
            out.push(issue("waf.enabled", "must be true in prod (the user pool and the API face the internet)", false, "pulumi config set --path waf.enabled true"));
        } else if (c.waf.mode !== "BLOCK") {
            out.push(issue("waf.mode", "must be BLOCK in prod (COUNT only records what the rules match)", c.waf.mode, "tune the rules in staging with COUNT, then set BLOCK"));
        }
        // That someone hears the alarms is the pack's to check (cloudwatch-alarm-notifications).
        if (!c.alarms.enabled) {
            out.push(issue("alarms.enabled", "must be true in prod", false, "pulumi config set --path alarms.enabled true"));
        }
        if (!c.logDelivery.enabled) {
            out.push(issue("logDelivery.enabled", "must be true in prod (user activity and delivery errors are the audit trail)", false, "pulumi config set --path logDelivery.enabled true"));
        }
    }
    return out;
}
