/**
 * `npm start`: the dev stack's offline plan, shown as `pulumi preview` would show it, then the
 * policy pack over that same plan. One plan, one process tree; exit codes as `npm run check`.
 */
import type { PlanLike } from "../policies/runner";
import { runMain } from "./cli";
import { planStack } from "./planner";
import { renderPlanTree } from "./tree";

export const START_STACK = "dev";

export async function start(io: { out(text: string): void; err(text: string): void }): Promise<number> {
    const planned: Promise<PlanLike> = planStack(START_STACK, { onDiagnostic: (d) => io.err(`${d.severity}: ${d.message}`) }).then((plan) => {
        io.out(renderPlanTree(plan));
        return plan;
    });
    // The pack (and @pulumi/aws under it, about 100 MB) loads only once the plan's worker
    // process has ended, so the two never hold memory at the same time.
    await planned.catch(() => undefined);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { check } = require("./check") as typeof import("./check");
    // A failed plan reaches check's own error handling and exit codes.
    return check(["--stack", START_STACK], { ...io, planStack: () => planned });
}

if (require.main === module) {
    runMain(() => start({ out: (t) => console.log(t), err: (t) => console.error(t) }), 2);
}
