import * as assert from "node:assert/strict";
import { merge, render, score, summarize, type ReportMutant, type Store } from "../../tools/mutationReport";

const at = (line: number, column: number) => ({ start: { line, column } });
const MUTANTS: ReportMutant[] = [
    { id: "1", mutatorName: "EqualityOperator", replacement: "a <= b", status: "Killed", location: at(3, 5) },
    { id: "2", mutatorName: "StringLiteral", replacement: '""', status: "Survived", location: at(9, 12) },
    { id: "3", mutatorName: "BlockStatement", replacement: "{\n  }", status: "NoCoverage", location: at(4, 1) },
    { id: "4", mutatorName: "Regex", replacement: "/a$/", status: "Timeout", location: at(2, 7) },
    { id: "5", mutatorName: "ArithmeticOperator", status: "CompileError", location: at(5, 1) },
    { id: "6", mutatorName: "ArrayDeclaration", status: "Ignored", location: at(6, 1) },
];

describe("tools/mutationReport", () => {
    it("counts a file's mutants and lists survivors and uncovered mutants in source order", () => {
        assert.deepEqual(summarize("source", MUTANTS, "2026-12-02T10:00:00.000Z"), {
            // SHA-256 of "source", as sha256sum prints it.
            sha256: "41cf6794ba4200b839c53531555f0f3998df4cbb01a4d5cb0b94e3ca5e23947d",
            at: "2026-12-02T10:00:00.000Z",
            killed: 1,
            survived: 1,
            noCoverage: 1,
            timeout: 1,
            invalid: 2,
            survivors: ["4:1 BlockStatement -> { } (no coverage)", '9:12 StringLiteral -> ""'],
        });
    });

    it("scores detected over valid mutants, and nothing without valid ones", () => {
        assert.equal(score({ killed: 6, timeout: 2, survived: 1, noCoverage: 1 }), 80);
        assert.equal(score({ killed: 0, timeout: 0, survived: 0, noCoverage: 0 }), undefined);
    });

    it("replaces a file's earlier result and keeps the others", () => {
        const before: Store = { "config/rules.ts": summarize("x", MUTANTS, "old"), "lambdas/a.ts": summarize("y", MUTANTS, "old") };
        const after = merge(before, { files: { "lambdas/a.ts": { source: "y", mutants: MUTANTS.slice(0, 1) } } }, "new");
        assert.equal(after["config/rules.ts"].at, "old");
        assert.deepEqual([after["lambdas/a.ts"].at, after["lambdas/a.ts"].killed, after["lambdas/a.ts"].survived], ["new", 1, 0]);
    });

    it("never replaces a result of the current source with one of an older source", () => {
        const current = summarize("now", MUTANTS, "old");
        const store: Store = { "policies/data.ts": current, "policies/iam.ts": summarize("then", MUTANTS, "old") };
        const report = { files: { "policies/data.ts": { source: "then", mutants: MUTANTS.slice(0, 1) }, "policies/iam.ts": { source: "then", mutants: MUTANTS.slice(0, 1) } } };
        const sha = (f: string) => (f === "policies/data.ts" ? current.sha256 : undefined);
        const after = merge(store, report, "new", sha);
        assert.equal(after["policies/data.ts"], current);
        // Neither is current: the later run wins, as without a source to compare.
        assert.deepEqual([after["policies/iam.ts"].at, after["policies/iam.ts"].killed], ["new", 1]);
        // A result of the current source replaces a stale one.
        const fresh = merge({ "policies/data.ts": summarize("then", MUTANTS, "old") }, { files: { "policies/data.ts": { source: "now", mutants: [] } } }, "new", sha);
        assert.equal(fresh["policies/data.ts"].at, "new");
    });

    it("prints one row per area and marks stale files", () => {
        const store: Store = {
            "lambdas/a.ts": { sha256: "s1", at: "2026-12-02T10:00:00.000Z", killed: 8, timeout: 1, survived: 1, noCoverage: 0, invalid: 0, survivors: ["3:4 Regex -> /a/"] },
            "components/identityPool.ts": { sha256: "s2", at: "2026-12-02T11:00:00.000Z", killed: 1, timeout: 0, survived: 0, noCoverage: 1, invalid: 0, survivors: ["1:1 BlockStatement (no coverage)"] },
        };
        const text = render(store, (f) => (f === "lambdas/a.ts" ? "s1" : "changed"), true);
        assert.equal(text, [
            "| area | files | killed | timeout | survived | no coverage | score |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
            "| lambdas | 1 | 8 | 1 | 1 | 0 | 90.0 % |",
            "| policies | 0 | 0 | 0 | 0 | 0 | n/a |",
            "| config | 0 | 0 | 0 | 0 | 0 | n/a |",
            "| identity+data components | 1 | 1 | 0 | 0 | 1 | 50.0 % |",
            "",
            "- lambdas/a.ts: 90.0 % (9/10), 2026-12-02",
            "  - 3:4 Regex -> /a/",
            "- components/identityPool.ts: 50.0 % (1/2), 2026-12-02 (stale: source changed since the run)",
            "  - 1:1 BlockStatement (no coverage)",
            "",
        ].join("\n"));
    });
});
