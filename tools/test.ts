/**
 * `npm test [-- <mocha args>]`: the type check of the whole tree (program, pack, tools, tests),
 * ESLint, and the mocha suite. The type check and ESLint share one TypeScript program in this
 * process (the linter's type-aware rules reuse the types the check computed), while mocha runs
 * beside them in its own process and streams its output. Exit code 1 when any part failed.
 * The other commands never type-check: they run the TypeScript through tools/register.js.
 */
import { spawn } from "node:child_process";
import * as path from "node:path";
import { ESLint } from "eslint";
import ts from "typescript";
import { runMain } from "./cli";

const ROOT = path.resolve(__dirname, "..");
const CACHE = path.join(ROOT, "node_modules", ".cache");

export interface StaticResult {
    readonly typeErrors: number;
    readonly lintErrors: number;
    readonly output: string;
}

/**
 * `tsc -p tsconfig.json`, incremental (unchanged files keep their diagnostics between runs), then
 * ESLint over the same program. ESLint's cache keys a file by its own content, so a type-aware
 * rule could miss a file whose dependency changed; CI starts from a clean clone and lints all.
 */
export async function staticChecks(root: string = ROOT, cacheDir: string = CACHE): Promise<StaticResult> {
    const configFile = path.join(root, "tsconfig.json");
    const parsed = ts.getParsedCommandLineOfConfigFile(configFile, { incremental: true, tsBuildInfoFile: path.join(cacheDir, "tsc", "tsconfig.tsbuildinfo") }, {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: (d) => {
            throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
        },
    });
    if (parsed === undefined) throw new Error(`cannot read ${configFile}`);
    const builder = ts.createIncrementalProgram({
        rootNames: parsed.fileNames,
        options: parsed.options,
        projectReferences: parsed.projectReferences,
        configFileParsingDiagnostics: ts.getConfigFileParsingDiagnostics(parsed),
    });
    const diagnostics = [
        ...builder.getConfigFileParsingDiagnostics(),
        ...builder.getOptionsDiagnostics(),
        ...builder.getGlobalDiagnostics(),
        ...builder.getSyntacticDiagnostics(),
        ...builder.getSemanticDiagnostics(),
    ];
    builder.emit(); // noEmit: writes only the incremental state
    const formatHost: ts.FormatDiagnosticsHost = { getCanonicalFileName: (f) => f, getCurrentDirectory: () => root, getNewLine: () => "\n" };
    let output = diagnostics.length > 0 ? ts.formatDiagnostics(diagnostics, formatHost) : "";

    // ESLint hashes its config into the cache key; the program stands in under a fixed name.
    const programs = Object.assign([builder.getProgram()], { toJSON: () => "the type check's program" });
    const eslint = new ESLint({
        cwd: root,
        cache: true,
        cacheStrategy: "content",
        cacheLocation: path.join(cacheDir, "eslint", ""),
        overrideConfig: { files: ["**/*.ts"], languageOptions: { parserOptions: { project: false, programs } } },
    });
    const results = await eslint.lintFiles(["."]);
    output += await (await eslint.loadFormatter("stylish")).format(results, { cwd: root, rulesMeta: eslint.getRulesMetaForResults(results) } as ESLint.LintResultData);
    const lintErrors = results.reduce((n, r) => n + r.errorCount, 0);
    return { typeErrors: diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error).length, lintErrors, output };
}

function mocha(args: readonly string[]): Promise<number> {
    const bin = path.join(path.dirname(require.resolve("mocha/package.json")), "bin", "mocha.js");
    return new Promise((resolve) => {
        spawn(process.execPath, [bin, ...args], { cwd: ROOT, stdio: "inherit" }).on("close", (code) => resolve(code ?? 1));
    });
}

export async function test(mochaArgs: readonly string[]): Promise<number> {
    const started = Date.now();
    const [tests, checks] = await Promise.all([mocha(mochaArgs), staticChecks()]);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    process.stdout.write(
        `${checks.output}\ntype check: ${checks.typeErrors} error(s); lint: ${checks.lintErrors} error(s); tests: ${tests === 0 ? "passed" : "FAILED"} (${seconds} s)\n`,
    );
    return tests === 0 && checks.typeErrors === 0 && checks.lintErrors === 0 ? 0 : 1;
}

if (require.main === module) {
    runMain(() => test(process.argv.slice(2)));
}
