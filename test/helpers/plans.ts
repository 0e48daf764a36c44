import * as path from "node:path";
import { planStack } from "../../tools/planner";
import type { Plan, PlanResource } from "../../tools/planTypes";

/** Repository root, from the compiled `bin/test/helpers` directory. */
export const ROOT = path.resolve(__dirname, "..", "..", "..");

export const STACKS = ["dev", "staging", "prod"] as const;
export type StackName = (typeof STACKS)[number];

const cache = new Map<string, Promise<Plan>>();

/** The offline plan of a real stack, made once per test run and shared by every spec. */
export function realPlan(stack: StackName): Promise<Plan> {
    let p = cache.get(stack);
    if (p === undefined) {
        p = planStack(stack, { projectDir: ROOT });
        cache.set(stack, p);
    }
    return p;
}

export function ofType(plan: Plan, type: string): PlanResource[] {
    return plan.resources.filter((r) => r.type === type);
}

export function named(plan: Plan, type: string, name: string): PlanResource {
    const r = plan.resources.find((x) => x.type === type && x.name === name);
    if (r === undefined) {
        throw new Error(`${type} ${name} is not in the ${plan.stack} plan; it has ${plan.resources.map((x) => x.name).join(", ")}`);
    }
    return r;
}
