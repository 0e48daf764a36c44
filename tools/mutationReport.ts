/**
 * `npm run mutate:report [-- --survivors] [report.json ...]`: the mutation score per area (lambdas, policies, config,
 * identity and data components) from Stryker's JSON report. A run on one file (`npm run mutate --
 * --mutate <file>`) reports that file only, so each run's files are merged into
 * reports/mutation/by-file.json: the scores stay whole across runs on single files, and a file
 * whose source changed since its run is marked stale (run it again).
 */
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { runMain } from "./cli";

const ROOT = path.resolve(__dirname, "..");
const REPORT = path.join(ROOT, "reports", "mutation", "mutation.json");
const STORE = path.join(ROOT, "reports", "mutation", "by-file.json");

/** The statuses of mutation-testing-report-schema. */
export type MutantStatus = "Killed" | "Survived" | "NoCoverage" | "CompileError" | "RuntimeError" | "Timeout" | "Ignored" | "Pending";

export interface ReportMutant {
    readonly id: string;
    readonly mutatorName: string;
    readonly replacement?: string;
    readonly status: MutantStatus;
    readonly location: { readonly start: { readonly line: number; readonly column: number } };
}

export interface StrykerReport {
    readonly files: Readonly<Record<string, { readonly source: string; readonly mutants: readonly ReportMutant[] }>>;
}

export interface FileResult {
    /** SHA-256 of the source the mutants were made from. */
    readonly sha256: string;
    /** When the report was merged, ISO 8601. */
    readonly at: string;
    readonly killed: number;
    readonly survived: number;
    readonly noCoverage: number;
    readonly timeout: number;
    /** Mutants the type checker or a crash ruled out, and ignored ones: not in the score. */
    readonly invalid: number;
    /** `line:column mutator -> replacement` of each survivor and uncovered mutant. */
    readonly survivors: readonly string[];
}

export type Store = Record<string, FileResult>;

export const AREAS: readonly { readonly name: string; readonly matches: (file: string) => boolean }[] = [
    { name: "lambdas", matches: (f) => f.startsWith("lambdas/") },
    { name: "policies", matches: (f) => f.startsWith("policies/") },
    { name: "config", matches: (f) => f.startsWith("config/") },
    { name: "identity+data components", matches: (f) => f.startsWith("components/") },
];

const sha256 = (text: string) => crypto.createHash("sha256").update(text).digest("hex");

/** One file's counts from its mutants. */
export function summarize(source: string, mutants: readonly ReportMutant[], at: string): FileResult {
    const count = (...s: MutantStatus[]) => mutants.filter((m) => s.includes(m.status)).length;
    const survivors = mutants
        .filter((m) => m.status === "Survived" || m.status === "NoCoverage")
        .sort((a, b) => a.location.start.line - b.location.start.line || a.location.start.column - b.location.start.column)
        .map((m) => {
            const what = m.replacement === undefined ? m.mutatorName : `${m.mutatorName} -> ${m.replacement.replace(/\s+/g, " ").slice(0, 80)}`;
            return `${m.location.start.line}:${m.location.start.column} ${what}${m.status === "NoCoverage" ? " (no coverage)" : ""}`;
        });
    return {
        sha256: sha256(source),
        at,
        killed: count("Killed"),
        survived: count("Survived"),
        noCoverage: count("NoCoverage"),
        timeout: count("Timeout"),
        invalid: count("CompileError", "RuntimeError", "Ignored"),
        survivors,
    };
}

/**
 * The store with the report's files replaced by their new results. A result made from another
 * source than the file's current one (`currentSha`) never replaces one made from the current
 * source: a run on several files may carry an older copy of a file measured since on its own.
 */
export function merge(store: Store, report: StrykerReport, at: string, currentSha: (file: string) => string | undefined = () => undefined): Store {
    const out: Store = { ...store };
    for (const [name, { source, mutants }] of Object.entries(report.files)) {
        const file = name.split(path.sep).join("/");
        const result = summarize(source, mutants, at);
        const current = currentSha(file);
        if (current !== undefined && out[file]?.sha256 === current && result.sha256 !== current) {
            continue;
        }
        out[file] = result;
    }
    return out;
}

/** Stryker's mutation score: detected (killed or timed out) over detected, survived and uncovered. */
export function score(r: Pick<FileResult, "killed" | "timeout" | "survived" | "noCoverage">): number | undefined {
    const detected = r.killed + r.timeout;
    const valid = detected + r.survived + r.noCoverage;
    return valid === 0 ? undefined : (100 * detected) / valid;
}

const pct = (n: number | undefined) => (n === undefined ? "n/a" : `${n.toFixed(1)} %`);

/** The per-area table (and, with `survivors`, each file's survivors), as Markdown. */
export function render(store: Store, currentSha: (file: string) => string | undefined, survivors: boolean): string {
    const lines = ["| area | files | killed | timeout | survived | no coverage | score |", "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"];
    const details: string[] = [];
    for (const area of AREAS) {
        const files = Object.keys(store).filter(area.matches).sort();
        const sum = { killed: 0, timeout: 0, survived: 0, noCoverage: 0 };
        for (const f of files) {
            const r = store[f];
            sum.killed += r.killed;
            sum.timeout += r.timeout;
            sum.survived += r.survived;
            sum.noCoverage += r.noCoverage;
            const stale = currentSha(f) !== r.sha256 ? " (stale: source changed since the run)" : "";
            details.push(`- ${f}: ${pct(score(r))} (${r.killed + r.timeout}/${r.killed + r.timeout + r.survived + r.noCoverage}), ${r.at.slice(0, 10)}${stale}`);
            if (survivors) details.push(...r.survivors.map((s) => `  - ${s}`));
        }
        lines.push(`| ${area.name} | ${files.length} | ${sum.killed} | ${sum.timeout} | ${sum.survived} | ${sum.noCoverage} | ${pct(score(sum))} |`);
    }
    return `${lines.join("\n")}\n\n${details.join("\n")}\n`;
}

function readJson<T>(file: string): T | undefined {
    try {
        return JSON.parse(fs.readFileSync(file, "utf8")) as T;
    } catch {
        return undefined;
    }
}

export function report(argv: readonly string[]): number {
    const currentSha = (f: string) => {
        try {
            return sha256(fs.readFileSync(path.join(ROOT, f), "utf8"));
        } catch {
            return undefined;
        }
    };
    let store = readJson<Store>(STORE) ?? {};
    const named = argv.filter((a) => !a.startsWith("--"));
    for (const file of named.length > 0 ? named : [REPORT]) {
        const latest = readJson<StrykerReport>(file);
        if (latest !== undefined) {
            store = merge(store, latest, fs.statSync(file).mtime.toISOString(), currentSha);
            fs.writeFileSync(STORE, `${JSON.stringify(store, null, 2)}\n`);
        }
    }
    if (Object.keys(store).length === 0) {
        process.stderr.write(`No mutation results: run \`npm run mutate\` first (it writes ${path.relative(ROOT, REPORT)}).\n`);
        return 1;
    }
    process.stdout.write(render(store, currentSha, argv.includes("--survivors")));
    return 0;
}

if (require.main === module) {
    runMain(() => Promise.resolve(report(process.argv.slice(2))));
}
