/**
 * `npm run import-file -- --stack <name> [--out <file>] [--cwd <project dir>]`: the document
 * `pulumi import --file` takes, for the resources the stack adopts (`adoptUserPool`), written
 * from the stack's offline plan so that names, types, parents and ids are the program's own.
 * Exit codes: 0 written, 1 the program or its config failed or the stack adopts nothing,
 * 2 usage error or unknown stack.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { argsOrUsage, parseFlags, runMain, UsageError } from "./cli";
import { DEFAULT_PROJECT_DIR, planForCommand } from "./planner";
import type { Plan, PlanResource } from "./planTypes";

const USAGE = "usage: npm run import-file -- --stack <name> [--out <file>] [--cwd <project dir>]";

/** One entry of the import file, as `pulumi import --file` reads it. */
export interface ImportSpec {
    type: string;
    /** Unique within the file; parents are referred to by it. */
    name: string;
    /** The resource's Pulumi name, where `name` differs from it. */
    logicalName?: string;
    id?: string;
    /** The `name` of the parent's entry. */
    parent?: string;
    /** An empty component for the imported resources to sit in, as the program declares them. */
    component?: boolean;
}

export interface ImportFile {
    nameTable: Record<string, string>;
    resources: ImportSpec[];
}

/** The stack adopts nothing, so there is nothing to import. */
export class NothingToImportError extends Error {}

/**
 * The `pulumi import --file` document for the adopted resources of a plan: each with its
 * import id, under the components that parent it in the program (declared as components, so
 * the imported URNs are the ones the program registers).
 * @see https://www.pulumi.com/docs/iac/cli/commands/pulumi_import/
 */
export function importFileFromPlan(plan: Plan): ImportFile {
    const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
    const adopted = plan.resources.filter((r) => r.options.importId !== undefined);
    if (adopted.length === 0) {
        throw new NothingToImportError(`stack ${plan.stack} adopts nothing: set adoptUserPool in Pulumi.${plan.stack}.yaml (the README's "Adopting an existing user pool" says how)`);
    }
    const chosen = new Map<string, PlanResource>();
    for (const r of adopted) {
        if (r.options.provider !== undefined) {
            throw new Error(`${r.type} ${r.name} uses the explicit provider ${r.options.provider}; an import file for it needs that provider in its nameTable, which this command does not write`);
        }
        for (let at: PlanResource | undefined = r; at !== undefined; at = at.parent === null ? undefined : byUrn.get(at.parent)) {
            chosen.set(at.urn, at);
        }
    }
    // Parents before children, in plan order (the plan is ordered depth-first from the stack).
    const entries = plan.resources.filter((r) => chosen.has(r.urn));
    const count = new Map<string, number>();
    for (const r of entries) count.set(r.name, (count.get(r.name) ?? 0) + 1);
    const fileName = new Map<string, string>();
    for (const r of entries) {
        const kind = r.custom ? (r.type.split(":").pop() ?? r.type).toLowerCase() : "component";
        fileName.set(r.urn, (count.get(r.name) ?? 0) > 1 ? `${r.name}-${kind}` : r.name);
    }
    const resources = entries.map((r): ImportSpec => {
        const name = fileName.get(r.urn) ?? r.name;
        const spec: ImportSpec = { type: r.type, name };
        if (name !== r.name) spec.logicalName = r.name;
        if (r.custom) spec.id = r.options.importId;
        else spec.component = true;
        if (r.parent !== null) spec.parent = fileName.get(r.parent);
        return spec;
    });
    const names = resources.map((s) => s.name);
    const dup = names.find((n, i) => names.indexOf(n) !== i);
    if (dup !== undefined) {
        throw new Error(`two resources of the import file would share the name ${dup}; rename one of them in the program`);
    }
    return { nameTable: {}, resources };
}

export interface ImportFileCliArgs {
    stack: string;
    out?: string;
    cwd?: string;
}

export function parseArgs(argv: readonly string[]): ImportFileCliArgs {
    const { values } = parseFlags(argv, { values: ["stack", "out", "cwd"] });
    if (!values.stack) throw new UsageError("--stack is required");
    return { stack: values.stack, out: values.out, cwd: values.cwd };
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
    try {
        const doc = importFileFromPlan(plan);
        const out = path.resolve(args.out ?? `import.${args.stack}.json`);
        fs.writeFileSync(out, `${JSON.stringify(doc, null, 4)}\n`);
        const n = doc.resources.filter((r) => !r.component).length;
        const shown = path.relative(process.cwd(), out);
        process.stdout.write(`Wrote ${n} resource(s) to import to ${out}\nNext: pulumi import --stack ${args.stack} --file ${shown.startsWith("..") ? out : shown}\n`);
        return 0;
    } catch (err) {
        if (err instanceof NothingToImportError) {
            process.stderr.write(`error: ${err.message}\n`);
            return 1;
        }
        throw err;
    }
}

if (require.main === module) {
    runMain(() => main(process.argv.slice(2)));
}
