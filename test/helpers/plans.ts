import * as path from "node:path";
import { planStack } from "../../tools/planner";
import type { Plan, PlanResource } from "../../tools/planTypes";

/** Repository root, from `test/helpers`. */
export const ROOT = path.resolve(__dirname, "..", "..");

export const STACKS = ["dev", "staging", "prod"] as const;
export type StackName = (typeof STACKS)[number];

const cache = new Map<string, Promise<Plan>>();

function deepFreeze<T>(value: T): T {
    if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
        Object.freeze(value);
        for (const v of Object.values(value)) deepFreeze(v);
    }
    return value;
}

/**
 * The offline plan of a real stack, made once per test run and shared by every spec; frozen, so
 * a test that changes it without copying it first (clonePlan) fails instead of misleading others.
 */
export function realPlan(stack: StackName): Promise<Plan> {
    let p = cache.get(stack);
    if (p === undefined) {
        p = planStack(stack, { projectDir: ROOT }).then(deepFreeze);
        cache.set(stack, p);
    }
    return p;
}

/** Resources to search: a plan, or what a component test recorded (test/helpers/record.ts). */
export interface Resources<R extends PlanResource = PlanResource> {
    readonly stack: string;
    readonly resources: readonly R[];
}

export function ofType<R extends PlanResource>(plan: Resources<R>, type: string): R[] {
    return plan.resources.filter((r) => r.type === type);
}

export function named<R extends PlanResource>(plan: Resources<R>, type: string, name: string): R {
    const r = plan.resources.find((x) => x.type === type && x.name === name);
    if (r === undefined) {
        throw new Error(`${type} ${name} is not in the ${plan.stack} plan; it has ${plan.resources.map((x) => x.name).join(", ")}`);
    }
    return r;
}

/** The only resource of a name, whatever its type; a component and its main child share a name, so `named` tells them apart. */
export function byName<R extends PlanResource>(plan: Resources<R>, name: string): R {
    const found = plan.resources.filter((r) => r.name === name);
    if (found.length !== 1) {
        throw new Error(`expected one resource named ${name} in the ${plan.stack} plan, found ${found.length}: ${found.map((r) => r.type).join(", ")}`);
    }
    return found[0];
}

/** The only resource of a type. */
export function one<R extends PlanResource>(plan: Resources<R>, type: string): R {
    const found = ofType(plan, type);
    if (found.length !== 1) {
        throw new Error(`expected one ${type} in the ${plan.stack} plan, found ${found.length}: ${found.map((r) => r.name).join(", ")}`);
    }
    return found[0];
}

/** A string attribute of a custom resource's provider state (id, arn, name, ...). */
export function output(r: PlanResource, key: string): string {
    const v = r.outputs?.[key];
    if (typeof v !== "string") {
        throw new Error(`${r.type} ${r.name} has no string output ${key} (received: ${JSON.stringify(v)})`);
    }
    return v;
}

/** Whether `from` depends on `to`, directly or through other resources. */
export function dependsOn(plan: Resources, from: PlanResource, to: PlanResource): boolean {
    const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
    const seen = new Set<string>();
    const pending = [...from.dependencies];
    for (let urn = pending.pop(); urn !== undefined; urn = pending.pop()) {
        if (urn === to.urn) return true;
        if (seen.has(urn)) continue;
        seen.add(urn);
        pending.push(...(byUrn.get(urn)?.dependencies ?? []));
    }
    return false;
}
