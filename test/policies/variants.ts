/**
 * Variants of the real dev, staging and prod plans run through the whole pack with that stack's
 * policy config: an insecure variant must add a mandatory violation of the expected policy (and
 * of no policy not listed), a secure rewrite must add nothing.
 */
import * as assert from "node:assert/strict";
import { Violation, runPolicyPack } from "../../policies/runner";
import { readStackConfig } from "../../tools/check";
import type { Plan, PlanResource } from "../../tools/planTypes";
import { STACKS, StackName, named, realPlan } from "../helpers/plans";
import { PolicyDocument, T, clonePlan, editDocument, setProp, statement } from "./mutate";

/** Planning a stack runs the whole program; the first spec to ask for a plan pays for it. */
export const planTimeout = 120_000;

const resourceName = (urn: string): string => urn.split("::").pop() ?? urn;
export const show = (violations: Violation[]): string => JSON.stringify(violations.map((v) => `${v.enforcementLevel} ${v.policy} ${resourceName(v.urn)}: ${v.message}`), null, 2);
export const mandatory = (violations: Violation[]): Violation[] => violations.filter((v) => v.enforcementLevel === "mandatory");

export function check(plan: Plan, stack: StackName): Promise<Violation[]> {
    return runPolicyPack(plan, readStackConfig(stack));
}

const key = (v: Violation): string => `${v.enforcementLevel}\u0000${v.policy}\u0000${v.urn}\u0000${v.message}`;
const baselines = new Map<StackName, Promise<Set<string>>>();

/** The violations of the unchanged real plan, which a variant is compared with. */
function baseline(stack: StackName): Promise<Set<string>> {
    let b = baselines.get(stack);
    if (!b) {
        b = realPlan(stack).then(async (plan) => new Set((await check(plan, stack)).map(key)));
        baselines.set(stack, b);
    }
    return b;
}

/** What a variant adds to the real plan's violations. */
export async function added(plan: Plan, stack: StackName): Promise<Violation[]> {
    const base = await baseline(stack);
    return (await check(plan, stack)).filter((v) => !base.has(key(v)));
}

export async function realPlans(): Promise<Record<StackName, Plan>> {
    const entries = await Promise.all(STACKS.map(async (s) => [s, await realPlan(s)] as const));
    return Object.fromEntries(entries) as Record<StackName, Plan>;
}

export interface Variant {
    title: string;
    /** The real plan edited: prod unless the resources exist only in dev (the guest role) or staging (rules). */
    stack?: StackName;
    mutate(plan: Plan, plans: Record<StackName, Plan>): unknown;
}

export interface Mutation extends Variant {
    policy: string;
    message: RegExp;
    /** Every policy reporting a new mandatory violation: `[policy]` unless the edit trips others too. */
    policies?: string[];
}

/** One test per mutation: exactly the expected policies gain a mandatory violation, one with the message. */
export function describeMutations(title: string, mutations: readonly Mutation[]): void {
    describe(title, function () {
        this.timeout(planTimeout);
        for (const m of mutations) {
            const stack = m.stack ?? "prod";
            it(`${stack}: ${m.title} → ${m.policy}`, async () => {
                const plans = await realPlans();
                const plan = clonePlan(plans[stack]);
                m.mutate(plan, plans);
                const violations = await added(plan, stack);
                const found = mandatory(violations);
                assert.deepEqual([...new Set(found.map((v) => v.policy))].sort(), [...(m.policies ?? [m.policy])].sort(), show(violations));
                assert.ok(found.some((v) => v.policy === m.policy && m.message.test(v.message)), `no mandatory ${m.policy} violation matching ${m.message}:\n${show(violations)}`);
            });
        }
    });
}

/** One test per rewrite: the edited plan adds no violation at all. */
export function describeSecureRewrites(title: string, rewrites: readonly Variant[]): void {
    describe(title, function () {
        this.timeout(planTimeout);
        for (const r of rewrites) {
            const stack = r.stack ?? "prod";
            it(`${stack}: ${r.title} passes`, async () => {
                const plans = await realPlans();
                const plan = clonePlan(plans[stack]);
                r.mutate(plan, plans);
                assert.deepEqual(await added(plan, stack), [], "the rewrite changed the plan's violations");
            });
        }
    });
}

/** Ids of the real plan's identity pool and data bucket. */
export function ids(plan: Plan): { identityPool: string; bucket: string; bucketArn: string; tableArn: string; poolId: string; poolArn: string; account: string } {
    const outputs = (type: string, name: string): Record<string, unknown> => named(plan, type, name).outputs ?? {};
    const poolArn = outputs(T.userPool, "auth").arn as string;
    return {
        identityPool: outputs(T.identityPool, "auth-identity").id as string,
        bucket: outputs(T.bucket, "data-bucket").bucket as string,
        bucketArn: outputs(T.bucket, "data-bucket").arn as string,
        tableArn: outputs(T.table, "data-table").arn as string,
        poolId: outputs(T.userPool, "auth").id as string,
        poolArn,
        account: poolArn.split(":")[4],
    };
}

export const guestPolicy = (plan: Plan, edit: (doc: PolicyDocument) => void): unknown => editDocument(plan, T.rolePolicy, "data-guest-policy", "policy", edit);
export const authPolicy = (plan: Plan, edit: (doc: PolicyDocument) => void): unknown => editDocument(plan, T.rolePolicy, "data-authenticated-policy", "policy", edit);
export const trust = (plan: Plan, role: string, edit: (doc: PolicyDocument) => void): unknown => editDocument(plan, T.role, role, "assumeRolePolicy", edit);
export const pool = (plan: Plan, key: string, value: unknown): unknown => setProp(plan, T.userPool, "auth", key, value);
export const client = (plan: Plan, key: string, value: unknown): unknown => setProp(plan, T.client, "auth-client-web", key, value);
export const risk = (plan: Plan, key: string, value: unknown): unknown => setProp(plan, T.risk, "auth-risk", key, value);
export { statement };

/** Adds a resource to a plan as the program would register it (URN of the plan's stack and project). */
export function addResource(plan: Plan, type: string, name: string, props: Record<string, unknown>, outputs: Record<string, unknown> = {}): PlanResource {
    const r: PlanResource = {
        urn: `urn:pulumi:${plan.stack}::${plan.project}::${type}::${name}`,
        type,
        name,
        custom: true,
        parent: null,
        dependencies: [],
        props,
        options: { protect: false, retainOnDelete: false, ignoreChanges: [], deleteBeforeReplace: false },
        outputs: { ...structuredClone(props), id: name, ...outputs },
    };
    plan.resources.push(r);
    return r;
}

/** A string output of a resource of the plan. */
export function out(plan: Plan, type: string, name: string, key: string): string {
    const value = named(plan, type, name).outputs?.[key];
    if (typeof value !== "string") {
        throw new Error(`${type} ${name} has no string output ${key}`);
    }
    return value;
}
