// @ts-check
/**
 * Mutation testing (`npm run mutate`), see TESTING.md. Not part of `npm test` or CI.
 *
 * Mutated: the trigger and API Lambdas, the policy pack, the stack config and the identity and
 * data components. The specs are the project's own mocha suite (loaded through
 * tools/register.js as .mocharc.cjs does) without the end-to-end suite and the specs that only
 * spawn a CLI: code run in a child process reports no coverage, so those specs cannot kill a
 * mutant of the files mutated here under perTest coverage and would only slow every run.
 *
 * MUTATE_SPEC (comma-separated globs) narrows the specs for a quick run on one file, e.g.
 * `MUTATE_SPEC=test/lambdas/authorizer.spec.ts npm run mutate -- --mutate lambdas/authorizer/routes.ts`.
 * A narrowed run writes its own incremental file, so it never marks mutants of the full run
 * "survived" for want of the specs it left out.
 */
const ALL_SPECS = [
    "test/lambdas/**/*.spec.ts",
    "test/policies/**/*.spec.ts",
    "test/config/**/*.spec.ts",
    "test/components/**/*.spec.ts",
    "test/iam/**/*.spec.ts",
    "test/graphql/**/*.spec.ts",
    "test/tools/iamPolicyDocument.spec.ts",
    // The offline check and its SARIF output, run in-process: they drive policies/runner.ts.
    "test/tools/check.spec.ts",
    "test/tools/sarif.spec.ts",
    "test/operations.spec.ts",
];
/** Specs that spawn the plan or check CLI, or build bundles in a child: no coverage from them. */
const SPAWNING = ["test/config/plan.spec.ts"];

const narrowed = process.env.MUTATE_SPEC?.split(",").map((s) => s.trim()).filter(Boolean);
const spec = narrowed && narrowed.length > 0 ? narrowed : ALL_SPECS;

/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
    packageManager: "npm",
    testRunner: "mocha",
    plugins: ["@stryker-mutator/mocha-runner", "@stryker-mutator/typescript-checker"],
    mochaOptions: {
        // .mocharc.cjs's settings (the TypeScript hook, the timeout), with the specs above
        // instead of the whole suite.
        config: ".mocharc.cjs",
        spec,
        ignore: ["test/e2e/**", ...SPAWNING],
        // Left out: the bundle cache test that copies the checkout to another directory. In
        // Stryker's sandbox node_modules is a link, so esbuild names the inputs by a relative
        // path the copy cannot resolve, and the test fails before any mutant is planted.
        grep: "^(?!.*is shared by a copy of the checkout)",
    },
    coverageAnalysis: "perTest",
    mutate: [
        "lambdas/**/*.ts",
        "policies/**/*.ts",
        "config/**/*.ts",
        "components/identityPool.ts",
        "components/dataAccess.ts",
        "components/iamPolicies.ts",
        "components/userGroups.ts",
        "components/appClients.ts",
        // Entry points whose whole body runs at load in another process: the pack's (registers
        // the PolicyPack with the engine) and each Lambda's handler.ts (reads process.env, builds
        // the AWS clients, exports the handler), run only in a deployed bundle, never in a spec.
        // Their logic lives in the modules they import, which are mutated.
        "!policies/index.ts",
        "!lambdas/*/handler.ts",
        "!policies/node_modules/**",
    ],
    // Off: the TypeScript checker builds the whole program (with @pulumi/aws's types) and checks
    // every mutant in it, minutes per file on two cores (TESTING.md has the measurement). A
    // mutant that would not compile still runs and is killed or survives like any other; turn
    // the checker on for one file with `--checkers typescript`.
    checkers: [],
    tsconfigFile: "tsconfig.json",
    typescriptChecker: { prioritizePerformanceOverAccuracy: true },
    // esbuild strips types without checking them, so Stryker's `// @ts-nocheck` is not needed
    // for the run, only for the checker's own program.
    disableTypeChecks: "{lambdas,policies,config,components}/**/*.ts",
    ignoreStatic: false,
    concurrency: 2,
    timeoutMS: 20000,
    dryRunTimeoutMinutes: 20,
    incremental: true,
    incrementalFile: narrowed && narrowed.length > 0 ? "reports/mutation/incremental-narrowed.json" : "reports/mutation/incremental.json",
    reporters: ["clear-text", "progress", "html", "json"],
    clearTextReporter: { logTests: false, allowEmojis: false },
    htmlReporter: { fileName: "reports/mutation/mutation.html" },
    // MUTATE_REPORT names the JSON report of a run beside another one.
    jsonReporter: { fileName: process.env.MUTATE_REPORT ?? "reports/mutation/mutation.json" },
    tempDirName: ".stryker-tmp",
    cleanTempDir: true,
    thresholds: { high: 90, low: 85, break: null },
};
