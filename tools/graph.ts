/**
 * `npm run graph -- --stack <name> [--format mermaid|dot] [--detail] [--out <file>] [--update-readme]`:
 * the resource graph of a stack's offline plan. Components are groups (Mermaid subgraphs, DOT
 * clusters) holding their resources; arrows are the plan's dependencies. By default only
 * dependencies between different top-level components are drawn, once per pair of components,
 * so the picture stays readable; `--detail` draws every resource-to-resource dependency.
 * `--update-readme` writes the Mermaid picture between the README's
 * `<!-- graph:<stack>:start -->` and `<!-- graph:<stack>:end -->` markers.
 * Exit codes: 0 done, 1 the plan failed, 2 usage error.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { DEFAULT_PROJECT_DIR, planForCommand } from "./planner";
import type { Plan, PlanResource } from "./planTypes";
import { argsOrUsage, parseFlags, runMain, UsageError } from "./cli";

const USAGE = "usage: npm run graph -- --stack <name> [--format mermaid|dot] [--detail] [--out <file>] [--update-readme]";

export type GraphFormat = "mermaid" | "dot";

export interface GraphOptions {
    /** Every resource-to-resource dependency instead of one arrow per pair of components. @default false */
    detail?: boolean;
}

interface Node {
    id: string;
    label: string;
    resource: PlanResource;
}

interface Group {
    node: Node;
    children: Group[];
    members: Node[];
}

interface Graph {
    groups: Group[];
    /** Custom resources outside any component. */
    loose: Node[];
    edges: [string, string][];
}

/** `aws:cognito/userPool:UserPool` → `UserPool`. */
export function typeShortName(type: string): string {
    return type.split(":").pop() ?? type;
}

const byUrn = (a: PlanResource, b: PlanResource): number => (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0);

/** Node ids from type and name, made unique in URN order so the output is deterministic. */
function nodeIds(resources: readonly PlanResource[]): Map<string, string> {
    const ids = new Map<string, string>();
    const taken = new Set<string>();
    for (const r of [...resources].sort(byUrn)) {
        const base = `${typeShortName(r.type)}_${r.name}`.replace(/[^A-Za-z0-9_]/g, "_");
        let id = base;
        for (let n = 2; taken.has(id); n++) id = `${base}_${n}`;
        taken.add(id);
        ids.set(r.urn, id);
    }
    return ids;
}

export function buildGraph(plan: Plan, opts: GraphOptions = {}): Graph {
    const resources = [...plan.resources].sort(byUrn);
    const urns = new Map(resources.map((r) => [r.urn, r]));
    const ids = nodeIds(resources);
    const nodeOf = (r: PlanResource): Node => ({ id: ids.get(r.urn)!, label: `${typeShortName(r.type)}: ${r.name}`, resource: r });
    const parentOf = (r: PlanResource): PlanResource | undefined => (r.parent !== null ? urns.get(r.parent) : undefined);

    const groups = new Map<string, Group>();
    for (const r of resources.filter((x) => !x.custom)) groups.set(r.urn, { node: nodeOf(r), children: [], members: [] });
    const topGroups: Group[] = [];
    const loose: Node[] = [];
    for (const r of resources) {
        const parent = parentOf(r);
        const group = parent ? groups.get(parent.urn) : undefined;
        if (!r.custom) {
            (group ? group.children : topGroups).push(groups.get(r.urn)!);
        } else {
            (group ? group.members : loose).push(nodeOf(r));
        }
    }

    /** Where an arrow of the default picture starts or ends: the outermost ancestor, else the resource. */
    const topOf = (r: PlanResource): PlanResource => {
        let top = r;
        for (let p = parentOf(r); p; p = parentOf(p)) top = p;
        return top;
    };
    const edges = new Map<string, [string, string]>();
    for (const r of resources) {
        for (const dep of r.dependencies) {
            const target = urns.get(dep);
            if (!target || target.urn === r.urn) continue;
            const [from, to] = opts.detail ? [r, target] : [topOf(r), topOf(target)];
            if (from.urn === to.urn) continue;
            const edge: [string, string] = [ids.get(from.urn)!, ids.get(to.urn)!];
            edges.set(edge.join("\0"), edge);
        }
    }
    return { groups: topGroups, loose, edges: [...edges.values()].sort((a, b) => (a.join(" ") < b.join(" ") ? -1 : 1)) };
}

const MERMAID_ENTITIES: Record<string, string> = { '"': "#quot;", "#": "#35;", "<": "#lt;", ">": "#gt;", "&": "#amp;", "`": "#96;" };

/** A Mermaid label in double quotes: quotes, `#`, `<`, `>`, `&` and backticks as entity codes. */
export function mermaidLabel(text: string): string {
    return `"${text.replace(/\s+/g, " ").replace(/["#<>&`]/g, (c) => MERMAID_ENTITIES[c])}"`;
}

/** A DOT double-quoted string. */
export function dotLabel(text: string): string {
    return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\r?\n/g, "\\n")}"`;
}

export function renderMermaid(plan: Plan, opts: GraphOptions = {}): string {
    const graph = buildGraph(plan, opts);
    const lines = ["flowchart LR"];
    const group = (g: Group, indent: string): void => {
        lines.push(`${indent}subgraph ${g.node.id}[${mermaidLabel(g.node.label)}]`);
        for (const child of g.children) group(child, `${indent}    `);
        for (const m of g.members) lines.push(`${indent}    ${m.id}[${mermaidLabel(m.label)}]`);
        lines.push(`${indent}end`);
    };
    for (const g of graph.groups) group(g, "    ");
    for (const n of graph.loose) lines.push(`    ${n.id}[${mermaidLabel(n.label)}]`);
    for (const [from, to] of graph.edges) lines.push(`    ${from} --> ${to}`);
    return `${lines.join("\n")}\n`;
}

export function renderDot(plan: Plan, opts: GraphOptions = {}): string {
    const graph = buildGraph(plan, opts);
    const lines = [`digraph ${dotLabel(`${plan.project}-${plan.stack}`)} {`, "    rankdir=LR;", "    compound=true;", "    node [shape=box];"];
    // DOT draws arrows between nodes only: one to a cluster goes to its first resource, clipped at the cluster.
    const anchors = new Map<string, string>();
    const group = (g: Group, indent: string): string | undefined => {
        lines.push(`${indent}subgraph ${dotLabel(`cluster_${g.node.id}`)} {`, `${indent}    label=${dotLabel(g.node.label)};`);
        let anchor: string | undefined;
        for (const child of g.children) anchor ??= group(child, `${indent}    `);
        for (const m of g.members) {
            lines.push(`${indent}    ${dotLabel(m.id)} [label=${dotLabel(m.label)}];`);
            anchor ??= m.id;
        }
        if (anchor === undefined) {
            anchor = `${g.node.id}__empty`;
            lines.push(`${indent}    ${dotLabel(anchor)} [label="", shape=point, style=invis];`);
        }
        lines.push(`${indent}}`);
        anchors.set(g.node.id, anchor);
        return anchor;
    };
    for (const g of graph.groups) group(g, "    ");
    for (const n of graph.loose) lines.push(`    ${dotLabel(n.id)} [label=${dotLabel(n.label)}];`);
    for (const [from, to] of graph.edges) {
        const clip = [anchors.has(from) ? `ltail=${dotLabel(`cluster_${from}`)}` : "", anchors.has(to) ? `lhead=${dotLabel(`cluster_${to}`)}` : ""].filter(Boolean);
        lines.push(`    ${dotLabel(anchors.get(from) ?? from)} -> ${dotLabel(anchors.get(to) ?? to)}${clip.length > 0 ? ` [${clip.join(", ")}]` : ""};`);
    }
    lines.push("}");
    return `${lines.join("\n")}\n`;
}

export function renderGraph(plan: Plan, format: GraphFormat, opts: GraphOptions = {}): string {
    return format === "dot" ? renderDot(plan, opts) : renderMermaid(plan, opts);
}

const markers = (stack: string): [string, string] => [`<!-- graph:${stack}:start -->`, `<!-- graph:${stack}:end -->`];

/** What the README holds between a stack's markers: its Mermaid picture, fenced. */
export function readmeBlock(plan: Plan): string {
    return `\n\`\`\`mermaid\n${renderMermaid(plan)}\`\`\`\n`;
}

/** The text between a stack's markers; throws naming the markers when they are missing. */
export function readmeGraph(readme: string, stack: string): { start: number; end: number } {
    const [open, close] = markers(stack);
    const start = readme.indexOf(open);
    const end = readme.indexOf(close);
    if (start < 0 || end < start) {
        throw new Error(`README.md has no ${open} ... ${close} markers: add them where the graph of stack ${stack} belongs`);
    }
    return { start: start + open.length, end };
}

export function updateReadme(readme: string, plan: Plan): string {
    const { start, end } = readmeGraph(readme, plan.stack);
    return `${readme.slice(0, start)}${readmeBlock(plan)}${readme.slice(end)}`;
}

export interface GraphArgs {
    stack: string;
    format: GraphFormat;
    detail: boolean;
    out?: string;
    updateReadme: boolean;
}

export function parseArgs(argv: readonly string[]): GraphArgs {
    const { values, switches } = parseFlags(argv, { values: ["stack", "format", "out"], switches: ["detail", "update-readme"] });
    const format = values.format ?? "mermaid";
    if (format !== "mermaid" && format !== "dot") throw new UsageError(`--format must be mermaid or dot (received: ${format})`);
    if (!values.stack) throw new UsageError("--stack is required");
    const args: GraphArgs = { stack: values.stack, format, detail: switches.has("detail"), out: values.out, updateReadme: switches.has("update-readme") };
    if (args.updateReadme && (args.format !== "mermaid" || args.detail)) {
        throw new UsageError("--update-readme writes the default Mermaid picture: leave out --format dot and --detail");
    }
    return args;
}

export async function main(argv: readonly string[]): Promise<number> {
    const args = argsOrUsage(() => parseArgs(argv), USAGE);
    if (args === 2) return 2;
    const plan = await planForCommand(args.stack, USAGE, { showInfo: false });
    if (typeof plan === "number") return plan;
    if (args.updateReadme) {
        const file = path.join(DEFAULT_PROJECT_DIR, "README.md");
        fs.writeFileSync(file, updateReadme(fs.readFileSync(file, "utf8"), plan));
        process.stdout.write(`README.md: graph of stack ${args.stack} updated\n`);
        return 0;
    }
    const text = renderGraph(plan, args.format, { detail: args.detail });
    if (args.out) {
        fs.writeFileSync(path.resolve(args.out), text);
        process.stdout.write(`Graph written to ${args.out}\n`);
    } else {
        process.stdout.write(text);
    }
    return 0;
}

if (require.main === module) {
    runMain(() => main(process.argv.slice(2)));
}
