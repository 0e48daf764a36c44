/**
 * `npm run plan -- --stack <name> [--json <file>] [--cwd <project dir>]`: the offline plan of a
 * stack, shown as `pulumi preview` would show the update, optionally written as JSON.
 * Exit codes: 0 planned, 1 the program or its config failed, 2 usage error or unknown stack.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { PlanError, UnknownStackError, planStack, DEFAULT_PROJECT_DIR } from "./planner";
import { renderPlanTree } from "./tree";
import { runMain } from "./cli";

const USAGE = "usage: npm run plan -- --stack <name> [--json <file>] [--cwd <project dir>]";

export interface PlanCliArgs {
    stack: string;
    json?: string;
    cwd?: string;
}

class UsageError extends Error {}

export function parseArgs(argv: string[]): PlanCliArgs {
    const values: Record<string, string> = {};
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        const m = /^--(stack|json|cwd)(?:=(.*))?$/.exec(arg);
        if (!m) throw new UsageError(`unknown argument '${arg}'`);
        const value = m[2] ?? argv[++i];
        if (value === undefined || value === "" || value.startsWith("--")) throw new UsageError(`--${m[1]} needs a value`);
        values[m[1]] = value;
    }
    if (!values.stack) throw new UsageError("--stack is required");
    return { stack: values.stack, json: values.json, cwd: values.cwd };
}

export async function main(argv: string[]): Promise<number> {
    if (argv.includes("--help") || argv.includes("-h")) {
        process.stdout.write(`${USAGE}\n`);
        return 0;
    }
    let args: PlanCliArgs;
    try {
        args = parseArgs(argv);
    } catch (err) {
        process.stderr.write(`error: ${(err as Error).message}\n${USAGE}\n`);
        return 2;
    }
    const projectDir = path.resolve(args.cwd ?? DEFAULT_PROJECT_DIR);
    try {
        const plan = await planStack(args.stack, {
            projectDir,
            onDiagnostic: (d) => process.stderr.write(`${d.severity}: ${d.message}\n`),
        });
        process.stdout.write(renderPlanTree(plan));
        if (args.json) {
            fs.writeFileSync(path.resolve(args.json), `${JSON.stringify(plan, null, 2)}\n`);
            process.stdout.write(`\nPlan written to ${args.json}\n`);
        }
        return 0;
    } catch (err) {
        if (err instanceof UnknownStackError) {
            process.stderr.write(`error: ${err.message}\n${USAGE}\n`);
            return 2;
        }
        if (err instanceof PlanError) {
            process.stderr.write(`error: ${err.message}\n`);
            return 1;
        }
        throw err;
    }
}

if (require.main === module) {
    runMain(() => main(process.argv.slice(2)));
}
