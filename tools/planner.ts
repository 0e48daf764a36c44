/**
 * The offline plan: runs the compiled Pulumi program of a stack under mocks that answer like
 * AWS and returns every resource it would create, with the options it set and the stack
 * outputs. Each plan runs in its own Node.js process, as Pulumi's runtime state is global.
 */
import { fork } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { ConfigError, listStacks, loadProject, resolveStackConfig, stackFile } from "./planConfig";
import type { PlanDiagnostic, PlanJob, PlanWorkerResult } from "./planWorker";
import type { Plan } from "./planTypes";

export type { PlanDiagnostic } from "./planWorker";

/** The project this file belongs to (`tools/planner.ts` → the repository root). */
export const DEFAULT_PROJECT_DIR = path.resolve(__dirname, "..");

export interface PlanOptions {
    /** Directory holding `Pulumi.yaml` and the stack files. @default the repository root */
    projectDir?: string;
    /**
     * Program to run, relative to `projectDir` or absolute: a directory (its package.json `main`)
     * or a file. @default `main` from Pulumi.yaml, else the project directory, as the Pulumi CLI loads it
     */
    program?: string;
    /** Receives the program's log output and warnings. */
    onDiagnostic?: (d: PlanDiagnostic) => void;
    /** @default 120000 */
    timeoutMs?: number;
}

/** The stack has no `Pulumi.<stack>.yaml`. */
export class UnknownStackError extends Error {
    constructor(
        readonly stackName: string,
        readonly available: string[],
        readonly projectDir: string,
    ) {
        super(
            `no stack named '${stackName}': ${path.join(projectDir, `Pulumi.${stackName}.yaml`)} does not exist; ` +
                `available stacks: ${available.length > 0 ? available.join(", ") : "(none)"}`,
        );
        this.name = "UnknownStackError";
    }
}

/** The plan could not be made: bad config (`kind: "config"`) or a program that failed. */
export class PlanError extends Error {
    constructor(
        message: string,
        readonly kind: "config" | "program",
        readonly diagnostics: PlanDiagnostic[] = [],
    ) {
        super(message);
        this.name = "PlanError";
    }
}

const STACK_NAME = /^[A-Za-z0-9_.-]+$/;

function runWorker(job: PlanJob, timeoutMs: number): Promise<PlanWorkerResult> {
    return new Promise((resolve, reject) => {
        const child = fork(path.join(__dirname, "planWorker.ts"), [], {
            cwd: job.projectDir,
            stdio: ["ignore", "pipe", "pipe", "ipc"],
            // The worker is TypeScript, loaded like every tool (tools/register.js); none of the
            // parent's other flags (planWorker.ts says why source maps stay off).
            execArgv: ["--require", path.join(__dirname, "register.js")],
        });
        let output = "";
        child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
        child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
        let result: PlanWorkerResult | undefined;
        const timer = setTimeout(() => {
            child.kill("SIGKILL");
            reject(new PlanError(`the program of stack ${job.stack} did not finish within ${timeoutMs / 1000}s`, "program"));
        }, timeoutMs);
        child.on("message", (m: PlanWorkerResult) => (result = m));
        child.on("error", (err) => {
            clearTimeout(timer);
            reject(err);
        });
        child.on("exit", (code, signal) => {
            clearTimeout(timer);
            if (result) return resolve(result);
            const detail = output.trim() || "no output; a program whose outputs never resolve ends this way";
            reject(new PlanError(`the program of stack ${job.stack} exited (${signal ?? `code ${code}`}) without a plan:\n${detail}`, "program"));
        });
        child.send(job);
    });
}

function resolveProgram(projectDir: string, program: string | undefined, main: string | undefined): string {
    const target = path.resolve(projectDir, program ?? main ?? ".");
    if (!fs.existsSync(target)) {
        throw new PlanError(`program ${target} does not exist; set main in Pulumi.yaml or package.json to the program's entry point`, "program");
    }
    return target;
}

/** The offline plan of `stack`; rejects with UnknownStackError, or PlanError carrying the program's message. */
export async function planStack(stack: string, opts: PlanOptions = {}): Promise<Plan> {
    const projectDir = path.resolve(opts.projectDir ?? DEFAULT_PROJECT_DIR);
    if (!STACK_NAME.test(stack)) {
        throw new PlanError(`stack name '${stack}' may contain only letters, digits, '_', '.' and '-'`, "config");
    }
    let job: PlanJob;
    try {
        const project = loadProject(projectDir);
        if (!fs.existsSync(stackFile(projectDir, project, stack))) {
            throw new UnknownStackError(stack, listStacks(projectDir, project), projectDir);
        }
        const { config, secretKeys } = resolveStackConfig(projectDir, project, stack);
        job = {
            program: resolveProgram(projectDir, opts.program, project.main),
            projectDir,
            project: project.name,
            stack,
            config,
            secretKeys,
            region: config["aws:region"] ?? "us-east-1",
        };
    } catch (err) {
        if (err instanceof ConfigError) throw new PlanError(err.message, "config");
        throw err;
    }
    const result = await runWorker(job, opts.timeoutMs ?? 120_000);
    for (const d of result.diagnostics) opts.onDiagnostic?.(d);
    if (!result.ok) throw new PlanError(result.error, "program", result.diagnostics);
    return result.plan;
}

/**
 * The plan a command works on, or the exit code it ends with: an unknown stack prints the error
 * with the command's usage (2), a config or program failure prints the program's message (1).
 * The program's warnings and errors go to stderr (and its log lines too, with `showInfo`).
 */
export async function planForCommand(stack: string, usage: string, opts: { projectDir?: string; showInfo?: boolean } = {}): Promise<Plan | 1 | 2> {
    try {
        return await planStack(stack, {
            projectDir: opts.projectDir,
            onDiagnostic: (d) => (opts.showInfo !== false || d.severity !== "info") && process.stderr.write(`${d.severity}: ${d.message}\n`),
        });
    } catch (err) {
        if (err instanceof UnknownStackError) {
            process.stderr.write(`error: ${err.message}\n${usage}\n`);
            return 2;
        }
        if (err instanceof PlanError) {
            process.stderr.write(`error: ${err.message}\n`);
            return 1;
        }
        throw err;
    }
}
