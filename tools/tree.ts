/** Renders a plan as `pulumi preview` lays out an update: a resource tree, outputs, a summary. */
import type { Plan, PlanResource } from "./planTypes";

const STACK_TYPE = "pulumi:pulumi:Stack";

/** Resource options worth seeing in a preview, in the order shown. */
function flags(r: PlanResource): string {
    const out: string[] = [];
    if (r.options.protect) out.push("protect");
    if (r.options.retainOnDelete) out.push("retainOnDelete");
    if (r.options.deleteBeforeReplace) out.push("deleteBeforeReplace");
    if (r.options.ignoreChanges.length > 0) out.push(`ignoreChanges: ${r.options.ignoreChanges.join(", ")}`);
    return out.length > 0 ? `[${out.join("; ")}]` : "";
}

interface Row {
    prefix: string;
    type: string;
    name: string;
    info: string;
}

function rows(plan: Plan): Row[] {
    const byParent = new Map<string | null, PlanResource[]>();
    for (const r of plan.resources) {
        const list = byParent.get(r.parent) ?? [];
        list.push(r);
        byParent.set(r.parent, list);
    }
    const out: Row[] = [{ prefix: "", type: STACK_TYPE, name: `${plan.project}-${plan.stack}`, info: "" }];
    const walk = (parent: string | null, indent: string): void => {
        const children = byParent.get(parent) ?? [];
        children.forEach((r, i) => {
            const last = i === children.length - 1;
            out.push({ prefix: `${indent}${last ? "└─ " : "├─ "}`, type: r.type, name: r.name, info: flags(r) });
            walk(r.urn, `${indent}${last ? "   " : "│  "}`);
        });
    };
    walk(null, "");
    return out;
}

function formatOutput(value: unknown): string {
    return typeof value === "string" ? JSON.stringify(value) : JSON.stringify(value, null, 2).replace(/\n/g, "\n    ");
}

export function renderPlanTree(plan: Plan): string {
    const table = rows(plan);
    const typeWidth = Math.max("Type".length, ...table.map((r) => r.prefix.length + r.type.length));
    const nameWidth = Math.max("Name".length, ...table.map((r) => r.name.length));
    const line = (mark: string, left: string, name: string, plan: string, info: string): string =>
        ` ${mark}   ${left.padEnd(typeWidth)}  ${name.padEnd(nameWidth)}  ${plan.padEnd("create".length)}  ${info}`.trimEnd();
    const lines = [`Previewing update (${plan.stack}):`, line(" ", "Type", "Name", "Plan", "Info")];
    for (const r of table) lines.push(line("+", r.prefix + r.type, r.name, "create", r.info));

    const outputs = Object.keys(plan.outputs);
    if (outputs.length > 0) {
        lines.push("", "Outputs:");
        const width = Math.max(...outputs.map((k) => k.length)) + 1;
        for (const k of outputs) lines.push(`    ${`${k}:`.padEnd(width)} ${formatOutput(plan.outputs[k])}`);
    }
    lines.push("", "Resources:", `    + ${table.length} to create`);
    return `${lines.join("\n")}\n`;
}
