/** Cognito feature plans, cheapest first. */
export type FeaturePlan = "LITE" | "ESSENTIALS" | "PLUS";

const RANK: Record<FeaturePlan, number> = { LITE: 0, ESSENTIALS: 1, PLUS: 2 };

/** A feature the pool uses and the lowest feature plan that offers it. */
export interface PlanNeed {
    readonly feature: string;
    readonly field: string;
    readonly plan: FeaturePlan;
}

/** The settings that decide the feature plan. */
export interface FeaturePlanInputs {
    readonly threatProtection?: string;
    readonly threatProtectionCustomAuth?: string;
    readonly mfaFactors?: readonly string[];
    readonly signInFactors?: readonly string[];
    readonly passwordHistorySize?: number;
    readonly preTokenGenerationVersion?: string;
}

/**
 * Lists what the settings need of the feature plan. AWS rejects a mismatch only at deploy time
 * ("The following features need to be disabled for the ESSENTIALS pricing tier").
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-sign-in-feature-plans.html
 */
export function featurePlanNeeds(s: FeaturePlanInputs): PlanNeed[] {
    const needs: PlanNeed[] = [];
    if (s.threatProtection !== undefined && s.threatProtection !== "OFF") {
        needs.push({ feature: `threat protection (${s.threatProtection})`, field: "threatProtection", plan: "PLUS" });
    }
    if (s.threatProtectionCustomAuth !== undefined && s.threatProtectionCustomAuth !== "OFF") {
        needs.push({ feature: `custom-auth threat protection (${s.threatProtectionCustomAuth})`, field: "threatProtectionCustomAuth", plan: "PLUS" });
    }
    if (s.mfaFactors?.includes("EMAIL")) {
        needs.push({ feature: "email OTP MFA", field: "mfaFactors", plan: "ESSENTIALS" });
    }
    const passwordless = (s.signInFactors ?? []).filter((f) => f !== "PASSWORD");
    if (passwordless.length > 0) {
        needs.push({ feature: `choice-based sign-in (${passwordless.join(", ")})`, field: "signInFactors", plan: "ESSENTIALS" });
    }
    if ((s.passwordHistorySize ?? 0) > 0) {
        needs.push({ feature: "password history", field: "passwordHistorySize", plan: "ESSENTIALS" });
    }
    if (s.preTokenGenerationVersion !== undefined && s.preTokenGenerationVersion !== "V1_0") {
        needs.push({ feature: `access-token customization (pre token generation ${s.preTokenGenerationVersion})`, field: "triggers", plan: "ESSENTIALS" });
    }
    return needs;
}

/** The lowest plan that offers every need; ESSENTIALS (the AWS default for new pools) at least. */
export function deriveFeaturePlan(needs: readonly PlanNeed[]): FeaturePlan {
    return needs.reduce<FeaturePlan>((plan, n) => (RANK[n.plan] > RANK[plan] ? n.plan : plan), "ESSENTIALS");
}

/** Needs that the given plan does not offer. */
export function unmetNeeds(plan: FeaturePlan, needs: readonly PlanNeed[]): PlanNeed[] {
    return needs.filter((n) => RANK[n.plan] > RANK[plan]);
}
