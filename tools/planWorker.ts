/**
 * Runs one Pulumi program under the recording mocks and sends its plan to the parent process.
 * Pulumi's runtime state is process-wide, so each plan gets a fresh process (see planner.ts).
 */
import "./deferTypescript";
import * as util from "node:util";
import * as pulumi from "@pulumi/pulumi";
import { runInPulumiStack } from "@pulumi/pulumi/runtime/stack";
import { installRecordingMocks } from "./recorder";
import type { Plan } from "./planTypes";

export interface PlanJob {
    /** Absolute path of the program: a directory (loaded through its package.json `main`) or a file. */
    program: string;
    projectDir: string;
    project: string;
    stack: string;
    config: Record<string, string>;
    secretKeys: string[];
    region: string;
}

export interface PlanDiagnostic {
    severity: "info" | "warning" | "error";
    message: string;
}

export type PlanWorkerResult =
    | { ok: true; plan: Plan; diagnostics: PlanDiagnostic[] }
    | { ok: false; error: string; diagnostics: PlanDiagnostic[] };

const RUNTIME_PREFIX = /^(info|warning|error): \[runtime\] /;

/** Program output and Pulumi log calls (which print to the console when no engine is attached). */
function captureConsole(diagnostics: PlanDiagnostic[]): void {
    const capture =
        (fallback: PlanDiagnostic["severity"]) =>
        (...args: unknown[]): void => {
            const text = util.format(...args);
            const m = RUNTIME_PREFIX.exec(text);
            diagnostics.push(
                m ? { severity: m[1] as PlanDiagnostic["severity"], message: text.slice(m[0].length) } : { severity: fallback, message: text },
            );
        };
    console.log = capture("info");
    console.info = capture("info");
    console.warn = capture("warning");
    console.error = capture("info");
}

/** As the Node.js language host reports it: RunError and hidden-stack ResourceError without a stack. */
function describe(err: unknown, program: string): string {
    if (pulumi.RunError.isInstance(err)) return (err).message;
    if (pulumi.ResourceError.isInstance(err)) {
        const e = err;
        return e.hideStack ? e.message : (e.stack ?? e.message);
    }
    const detail = err instanceof Error ? (err.stack ?? err.message) : util.inspect(err);
    return `Running program '${program}' failed with an unhandled exception:\n${detail}`;
}

async function plan(job: PlanJob): Promise<PlanWorkerResult> {
    const diagnostics: PlanDiagnostic[] = [];
    const failures: unknown[] = [];
    const fail = (err: unknown): void => {
        if (!failures.includes(err)) failures.push(err);
    };
    process.on("unhandledRejection", fail);
    process.on("uncaughtException", fail);
    captureConsole(diagnostics);

    const recorder = installRecordingMocks({
        project: job.project,
        stack: job.stack,
        config: job.config,
        secretKeys: job.secretKeys,
        region: job.region,
        projectDir: job.projectDir,
    });
    try {
        await runInPulumiStack(async () => {
            // eslint-disable-next-line @typescript-eslint/no-require-imports
            const exported: unknown = require(job.program);
            return (typeof exported === "function" ? await (exported as () => unknown)() : exported) as Record<string, unknown>;
        });
    } catch (err) {
        fail(err);
    }
    await recorder.settled();

    const logged = diagnostics.filter((d) => d.severity === "error").map((d) => d.message);
    if (failures.length > 0 || logged.length > 0) {
        const messages = [...failures.map((f) => describe(f, job.program)), ...logged];
        return { ok: false, error: [...new Set(messages)].join("\n"), diagnostics };
    }
    return { ok: true, plan: recorder.toPlan(), diagnostics };
}

process.once("message", (job: PlanJob) => {
    plan(job)
        .catch((err: unknown): PlanWorkerResult => ({ ok: false, error: describe(err, job.program), diagnostics: [] }))
        .then((result) => process.send?.(result, () => process.exit(0)))
        .catch(() => process.exit(1));
});
