/**
 * `npm run anchors [-- --update-readme]`: the table of the well-known controls each policy
 * covers or goes beyond (cdk-nag, Checkov, Security Hub), as Markdown. `--update-readme`
 * writes it between policies/README.md's `<!-- anchors:start -->` and `<!-- anchors:end -->`.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { Policies } from "@pulumi/policy";
import { policies as allPolicies } from "../policies/all";
import { anchorIds, CONTROLS, controlSource, type ControlId } from "../policies/lib/anchors";
import { argsOrUsage, parseFlags, runMain } from "./cli";

const USAGE = "usage: npm run anchors [-- --update-readme]";
export const README = path.resolve(__dirname, "../policies/README.md");
const [OPEN, CLOSE] = ["<!-- anchors:start -->", "<!-- anchors:end -->"];

const cell = (text: string): string => text.replace(/\|/g, "\\|");
const link = (id: ControlId): string => `[${id}](${controlSource(id).url})`;

/** The README block: one row per policy, then every control named with its source and title. */
export function anchorsMarkdown(policies: Policies = allPolicies): string {
    const rows = policies.map((p) => {
        const a = p.anchors;
        const covers = (a?.covers ?? []).join(", ");
        const beyond = (a?.beyond ?? []).join(", ");
        return `| ${p.name} | ${covers || "-"} | ${beyond || "-"} | ${cell(a?.none ?? "")} |`;
    });
    const used = [...new Set(policies.flatMap((p) => anchorIds(p.anchors)))].sort((x, y) => x.localeCompare(y, "en", { numeric: true }));
    const controls = used.map((id) => `| ${link(id)} | ${controlSource(id).source} | ${cell(CONTROLS[id])} |`);
    return [
        "",
        "| Policy | Covers | Goes beyond | No published equivalent because |",
        "| --- | --- | --- | --- |",
        ...rows,
        "",
        "| Control | Published by | Title |",
        "| --- | --- | --- |",
        ...controls,
        "",
    ].join("\n");
}

/** Where the block goes; throws naming the markers when they are missing. */
export function readmeAnchors(readme: string): { start: number; end: number } {
    const start = readme.indexOf(OPEN);
    const end = readme.indexOf(CLOSE);
    if (start < 0 || end < start) {
        throw new Error(`policies/README.md has no ${OPEN} ... ${CLOSE} markers: add them where the table of well-known controls belongs`);
    }
    return { start: start + OPEN.length, end };
}

export function updateReadme(readme: string, policies: Policies = allPolicies): string {
    const { start, end } = readmeAnchors(readme);
    return `${readme.slice(0, start)}${anchorsMarkdown(policies)}${readme.slice(end)}`;
}

export function main(argv: readonly string[]): Promise<number> {
    const args = argsOrUsage(() => parseFlags(argv, { values: [], switches: ["update-readme"] }), USAGE);
    if (args === 2) return Promise.resolve(2);
    if (args.switches.has("update-readme")) {
        fs.writeFileSync(README, updateReadme(fs.readFileSync(README, "utf8")));
        process.stdout.write("policies/README.md: table of well-known controls updated\n");
    } else {
        process.stdout.write(anchorsMarkdown());
    }
    return Promise.resolve(0);
}

if (require.main === module) {
    runMain(() => main(process.argv.slice(2)), 2);
}
