/**
 * `npm run plan -- --stack <name> [--json <file>] [--cwd <project dir>]`: the offline plan of a
 * stack, shown as `pulumi preview` would show the update, optionally written as JSON.
 * Exit codes: 0 planned, 1 the program or its config failed, 2 usage error or unknown stack.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { DEFAULT_PROJECT_DIR, planForCommand } from "./planner";
import { renderPlanTree } from "./tree";
import { argsOrUsage, parseFlags, runMain, UsageError } from "./cli";

const USAGE = "usage: npm run plan -- --stack <name> [--json <file>] [--cwd <project dir>]";

export interface PlanCliArgs {
    stack: string;
    json?: string;
    cwd?: string;
}

export function parseArgs(argv: readonly string[]): PlanCliArgs {
    const { values } = parseFlags(argv, { values: ["stack", "json", "cwd"] });
    if (!values.stack) throw new UsageError("--stack is required");
    return { stack: values.stack, json: values.json, cwd: values.cwd };
}

export async function main(argv: string[]): Promise<number> {
    if (argv.includes("--help") || argv.includes("-h")) {
        process.stdout.write(`${USAGE}\n`);
        return 0;
    }
    const args = argsOrUsage(() => parseArgs(argv), USAGE);
    if (args === 2) return 2;
    const plan = await planForCommand(args.stack, USAGE, { projectDir: path.resolve(args.cwd ?? DEFAULT_PROJECT_DIR) });
    if (typeof plan === "number") return plan;
    process.stdout.write(renderPlanTree(plan));
    if (args.json) {
        fs.writeFileSync(path.resolve(args.json), `${JSON.stringify(plan, null, 2)}\n`);
        process.stdout.write(`\nPlan written to ${args.json}\n`);
    }
    return 0;
}

if (require.main === module) {
    runMain(() => main(process.argv.slice(2)));
}
