/**
 * Offline policy check: runs the CrossGuard pack in-process over a stack's offline plan with
 * that stack's policy config.
 *
 *   npm run check -- --stack <name> [--plan <file>] [--json <file>] [--sarif <file>] [--summary <file>]
 *
 * `--sarif` writes SARIF 2.1.0 for code scanning (`tools/sarif.ts`); `--summary` appends a short
 * Markdown summary (e.g. to `$GITHUB_STEP_SUMMARY`).
 * Exit codes: 0 no mandatory violation, 1 at least one, 2 usage, plan or config error.
 */
import "./deferTypescript";
import * as fs from "node:fs";
import * as path from "node:path";
import { PolicyConfigError, PolicyRunError, PlanLike, PlanResourceLike, Violation, runPolicyPack } from "../policies/runner";
import { show } from "../policies/lib/values";
import { parseFlags, runMain, UsageError } from "./cli";
import { PlanError, planStack, UnknownStackError } from "./planner";
import { toSarif } from "./sarif";

export const usage = "usage: npm run check -- --stack <name> [--plan <plan.json>] [--json <report.json>] [--sarif <results.sarif>] [--summary <summary.md>]";

export interface CheckArgs {
    stack: string;
    plan?: string;
    json?: string;
    sarif?: string;
    summary?: string;
}

export function parseArgs(argv: readonly string[]): CheckArgs {
    const { values } = parseFlags(argv, { values: ["stack", "plan", "json", "sarif", "summary"] });
    if (!values.stack) {
        throw new UsageError("--stack is required");
    }
    return { stack: values.stack, plan: values.plan, json: values.json, sarif: values.sarif, summary: values.summary };
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

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** A plan file the check cannot trust: one line naming the resource and the field. */
export class PlanShapeError extends UsageError {}

/**
 * Validates a plan read from a file, as strictly as the engine would build one: every resource
 * an object with a URN of this plan's stack and project that agrees with its type and name,
 * props and options objects, and no URN twice. A plan of no resources proves nothing, and a
 * plan of another stack would be judged by the wrong policy config: both are refused.
 * @throws PlanShapeError naming the first problem.
 */
export function validatePlan(value: unknown, file: string, stack: string): PlanLike {
    const fail = (what: string): never => {
        throw new PlanShapeError(`plan ${file}: ${what}`);
    };
    if (!isObject(value)) {
        return fail(`is not an offline plan: expected { project, stack, resources: [{ urn, type, name, props, options, ... }] } (received: ${show(value)})`);
    }
    const { project, stack: planStack, resources } = value;
    if (typeof project !== "string" || project === "" || typeof planStack !== "string" || planStack === "" || !Array.isArray(resources)) {
        return fail(`is not an offline plan: expected { project, stack, resources: [{ urn, type, name, props, options, ... }] } (received keys: ${Object.keys(value).join(", ") || "none"})`);
    }
    if (planStack !== stack) {
        fail(`is a plan of stack "${planStack}", not "${stack}": check it with --stack ${planStack}, whose policy config it must meet`);
    }
    if (resources.length === 0) {
        fail("has no resources, so it proves nothing: plan the stack again (npm run plan -- --stack <name> --json <file>)");
    }
    const urns = new Set<string>();
    const checked = resources.map((r: unknown, i): PlanResourceLike => {
        const at = (field: string, expected: string, received: unknown): never => fail(`resources[${i}]${isObject(r) && typeof r.urn === "string" ? ` (${r.urn})` : ""}: ${field} must be ${expected} (received: ${show(received)})`);
        if (!isObject(r)) {
            return at("the resource", "an object", r);
        }
        const { urn, type, name, parent, dependencies, props, options, outputs } = r;
        if (typeof urn !== "string") {
            return at("urn", "a string", urn);
        }
        if (typeof type !== "string" || type === "") {
            return at("type", "a resource type such as aws:iam/role:Role", type);
        }
        if (typeof name !== "string" || name === "") {
            return at("name", "a non-empty string", name);
        }
        const parts = urn.split("::");
        const expectedUrn = `urn:pulumi:${planStack}::${project}::<type>::${name}`;
        if (parts.length < 4 || parts[0] !== `urn:pulumi:${planStack}` || parts[1] !== project || parts[parts.length - 1] !== name || parts[2].split("$").pop() !== type) {
            return at("urn", `${expectedUrn} with type ${type}`, urn);
        }
        if (urns.has(urn)) {
            return at("urn", "unique in the plan", urn);
        }
        urns.add(urn);
        if (parent !== undefined && parent !== null && typeof parent !== "string") {
            return at("parent", "a URN or null", parent);
        }
        if (dependencies !== undefined && !(Array.isArray(dependencies) && dependencies.every((d) => typeof d === "string"))) {
            return at("dependencies", "a list of URNs", dependencies);
        }
        if (!isObject(props)) {
            return at("props", "an object of inputs", props);
        }
        if (outputs !== undefined && !isObject(outputs)) {
            return at("outputs", "an object", outputs);
        }
        if (!isObject(options)) {
            return at("options", "an object of resource options", options);
        }
        for (const key of ["protect", "deleteBeforeReplace", "retainOnDelete"]) {
            if (options[key] !== undefined && typeof options[key] !== "boolean") {
                at(`options.${key}`, "a boolean", options[key]);
            }
        }
        const ignoreChanges = options.ignoreChanges ?? [];
        if (!Array.isArray(ignoreChanges) || !ignoreChanges.every((x) => typeof x === "string")) {
            return at("options.ignoreChanges", "a list of property names", options.ignoreChanges);
        }
        return {
            urn,
            type,
            name,
            parent: parent ?? null,
            dependencies: (dependencies) ?? [],
            props,
            options: { protect: options.protect === true, ignoreChanges: ignoreChanges, deleteBeforeReplace: options.deleteBeforeReplace === true },
            ...(outputs ? { outputs } : {}),
        };
    });
    return { project, stack: planStack, resources: checked };
}

export interface Report {
    stack: string;
    violations: { policy: string; enforcementLevel: string; severity: string | null; urn: string; message: string; anchors: Violation["anchors"] }[];
    summary: { mandatory: number; advisory: number };
}

export function toReport(stack: string, violations: Violation[]): Report {
    return {
        stack,
        violations: violations.map((v) => ({ policy: v.policy, enforcementLevel: v.enforcementLevel, severity: v.severity ?? null, urn: v.urn, message: v.message, anchors: v.anchors })),
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

const MAX_SUMMARY_ROWS = 20;

/** A few lines for a CI job summary: the outcome, then the violations (the first ones). */
export function formatSummary(report: Report): string {
    const { mandatory, advisory } = report.summary;
    const outcome = mandatory > 0 ? "fails" : "passes";
    const lines = [`### Policy check of stack \`${report.stack}\`: ${outcome} (${mandatory} mandatory, ${advisory} advisory)`, ""];
    if (report.violations.length > 0) {
        lines.push("| Level | Policy | Resource | Controls | Message |", "| --- | --- | --- | --- | --- |");
        const cell = (t: string): string => t.replace(/\|/g, "\\|").replace(/\n/g, " ");
        for (const v of report.violations.slice(0, MAX_SUMMARY_ROWS)) {
            const controls = [...v.anchors.covers, ...v.anchors.beyond].join(", ") || "-";
            lines.push(`| ${v.enforcementLevel} | ${v.policy} | ${cell(shortUrn(v.urn))} | ${controls} | ${cell(v.message)} |`);
        }
        if (report.violations.length > MAX_SUMMARY_ROWS) {
            lines.push("", `... and ${report.violations.length - MAX_SUMMARY_ROWS} more: see the code scanning alerts or the JSON report.`);
        }
        lines.push("");
    }
    return `${lines.join("\n")}\n`;
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
        const file = args.plan ?? `of stack ${args.stack}`;
        const plan = validatePlan(args.plan ? readJson(args.plan, "plan") : await (io.planStack ?? planStack)(args.stack), file, args.stack);
        const violations = await runPolicyPack(plan, config);
        // A value the pack cannot read, or that a complete offline plan lacks, is not one it has
        // checked: no report, exit 2 (the engine reports the same during a first preview).
        const unreadable = violations.filter((v) => v.malformed || v.undecided);
        if (unreadable.length > 0) {
            io.err(unreadable.map((v) => `error: plan ${file}: ${v.urn}: ${v.malformed ? v.message : `${v.message.replace(/^.*during preview: /, "")} (an offline plan has every value)`}`).join("\n"));
            return 2;
        }
        const report = toReport(args.stack, violations);
        io.out(formatTable(report));
        if (args.json) {
            fs.writeFileSync(args.json, `${JSON.stringify(report, null, 2)}\n`);
        }
        if (args.sarif) {
            const sarif = toSarif(violations, { stack: args.stack, policyConfig: config });
            fs.writeFileSync(args.sarif, `${JSON.stringify(sarif, null, 2)}\n`);
        }
        if (args.summary) {
            fs.appendFileSync(args.summary, formatSummary(report));
        }
        return report.summary.mandatory > 0 ? 1 : 0;
    } catch (e) {
        if (e instanceof PlanShapeError || e instanceof PolicyRunError) {
            io.err(`error: ${e.message}`);
            return 2;
        }
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
