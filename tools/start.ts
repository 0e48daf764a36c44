/**
 * `npm start`: the dev stack's offline plan, shown as `pulumi preview` would show it, then the
 * policy pack over that same plan. One plan, one process tree; exit codes as `npm run check`.
 */
import { check } from "./check";
import { runMain } from "./cli";
import { planStack } from "./planner";
import { renderPlanTree } from "./tree";

export const START_STACK = "dev";

export function start(io: { out(text: string): void; err(text: string): void }): Promise<number> {
    return check(["--stack", START_STACK], {
        ...io,
        planStack: async (stack) => {
            const plan = await planStack(stack, { onDiagnostic: (d) => io.err(`${d.severity}: ${d.message}`) });
            io.out(renderPlanTree(plan));
            return plan;
        },
    });
}

if (require.main === module) {
    runMain(() => start({ out: (t) => console.log(t), err: (t) => console.error(t) }), 2);
}
