/**
 * Offline policy check: runs the CrossGuard pack in-process over a stack's offline plan with
 * that stack's policy config.
 *
 *   npm run check -- --stack <name> [--plan <file>] [--json <file>]
 *
 * Exit codes: 0 no mandatory violation, 1 at least one, 2 usage, plan or config error.
 */
import "./deferTypescript";
import * as fs from "node:fs";
import * as path from "node:path";
import { PolicyConfigError, PlanLike, Violation, runPolicyPack } from "../policies/runner";
import type { Plan } from "./planTypes";
import { parseFlags, runMain, UsageError } from "./cli";
import { PlanError, planStack, UnknownStackError } from "./planner";

export const usage = "usage: npm run check -- --stack <name> [--plan <plan.json>] [--json <report.json>]";

export interface CheckArgs {
    stack: string;
    plan?: string;
    json?: string;
}

export function parseArgs(argv: readonly string[]): CheckArgs {
    const { values } = parseFlags(argv, { values: ["stack", "plan", "json"] });
    if (!values.stack) {
        throw new UsageError("--stack is required");
    }
    return { stack: values.stack, plan: values.plan, json: values.json };
}

/** Where the per-stack policy configs live. */
export const configDir = path.resolve(__dirname, "../policies/config");

export function knownStacks(dir: string = configDir): string[] {
    return fs.readdirSync(dir).filter((f) => f.endsWith(".json")).map((f) => f.slice(0, -".json".length)).sort();
}

function readJson(file: string, what: string): unknown {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (e) {
        throw new UsageError(`cannot read ${what} ${file}: ${(e as Error).message}`);
    }
    try {
        return JSON.parse(text);
    } catch (e) {
        throw new UsageError(`${what} ${file} is not valid JSON: ${(e as Error).message}`);
    }
}

/** A stack's policy config (`policies/config/<stack>.json`), for `runPolicyPack`. */
export function readStackConfig(stack: string, dir: string = configDir): unknown {
    return readJson(path.join(dir, `${stack}.json`), "policy config");
}

function asPlan(value: unknown, file: string): PlanLike {
    const plan = value as Partial<Plan> | null;
    const ok =
        typeof plan === "object" && plan !== null && typeof plan.project === "string" && typeof plan.stack === "string" &&
        Array.isArray(plan.resources) &&
        plan.resources.every((r) => typeof r?.urn === "string" && typeof r.type === "string" && typeof r.props === "object" && typeof r.options === "object");
    if (!ok) {
        throw new UsageError(`plan ${file} is not an offline plan: expected { project, stack, resources: [{ urn, type, name, props, options, ... }] }`);
    }
    return plan as PlanLike;
}


export interface Report {
    stack: string;
    violations: { policy: string; enforcementLevel: string; severity: string | null; urn: string; message: string }[];
    summary: { mandatory: number; advisory: number };
}

export function toReport(stack: string, violations: Violation[]): Report {
    return {
        stack,
        violations: violations.map((v) => ({ policy: v.policy, enforcementLevel: v.enforcementLevel, severity: v.severity ?? null, urn: v.urn, message: v.message })),
        summary: {
            mandatory: violations.filter((v) => v.enforcementLevel === "mandatory").length,
            advisory: violations.filter((v) => v.enforcementLevel === "advisory").length,
        },
    };
}

/** `type::name` of a URN, which is what an engineer recognises in a table. */
function shortUrn(urn: string): string {
    const parts = urn.split("::");
    return parts.length >= 4 ? `${parts[2].split("$").pop()}::${parts[3]}` : urn;
}

export function formatTable(report: Report): string {
    if (report.violations.length === 0) {
        return `${report.stack}: no policy violations.`;
    }
    const rows = report.violations.map((v) => [v.policy, v.enforcementLevel, shortUrn(v.urn), v.message]);
    const header = ["POLICY", "LEVEL", "RESOURCE", "MESSAGE"];
    const widths = header.slice(0, 3).map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const line = (cells: string[]): string => cells.map((c, i) => (i < 3 ? c.padEnd(widths[i]) : c)).join("  ");
    const { mandatory, advisory } = report.summary;
    return [line(header), ...rows.map(line), "", `${report.stack}: ${mandatory} mandatory, ${advisory} advisory violation(s).`].join("\n");
}

export interface CheckIo {
    out(text: string): void;
    err(text: string): void;
    /** Seam for the offline planner; defaults to `tools/planner`'s planStack. */
    planStack?(stack: string): Promise<PlanLike>;
    /** Directory of the per-stack policy configs; `policies/config` by default. */
    configDir?: string;
}

/** Runs the check and returns the process exit code. */
export async function check(argv: readonly string[], io: CheckIo): Promise<number> {
    try {
        const args = parseArgs(argv);
        const dir = io.configDir ?? configDir;
        const stacks = knownStacks(dir);
        if (!stacks.includes(args.stack)) {
            throw new UsageError(`unknown stack "${args.stack}": use one of ${stacks.join(", ")} (policies/config/<stack>.json)`);
        }
        const config = readStackConfig(args.stack, dir);
        const plan = args.plan ? asPlan(readJson(args.plan, "plan"), args.plan) : await (io.planStack ?? planStack)(args.stack);
        const report = toReport(args.stack, await runPolicyPack(plan, config));
        io.out(formatTable(report));
        if (args.json) {
            fs.writeFileSync(args.json, `${JSON.stringify(report, null, 2)}\n`);
        }
        return report.summary.mandatory > 0 ? 1 : 0;
    } catch (e) {
        if (e instanceof UsageError || e instanceof PolicyConfigError || e instanceof UnknownStackError) {
            io.err(`error: ${e.message}\n${usage}`);
            return 2;
        }
        if (e instanceof PlanError) {
            // The stack's config or program failed: its message says what to fix.
            io.err(`error: ${e.message}`);
            return 1;
        }
        throw e;
    }
}

if (require.main === module) {
    runMain(() => check(process.argv.slice(2), { out: (t) => console.log(t), err: (t) => console.error(t) }), 2);
}
