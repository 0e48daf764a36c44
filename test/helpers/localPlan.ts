import { fork } from "node:child_process";
import * as path from "node:path";
import type { Recorded } from "./stackMocks";

/**
 * The resources the real program registers for a stack, from a child process running it
 * under mocks (see stackProcess.ts). A small stand-in for the offline plan of tools/planner.
 */
export function localPlan(stack: string): Promise<Recorded[]> {
    // One run per stack and test process: the specs that read the same stack share it.
    const cached = runs.get(stack);
    if (cached) return cached;
    const run = runProgram(stack);
    runs.set(stack, run);
    return run;
}

const runs = new Map<string, Promise<Recorded[]>>();

function runProgram(stack: string): Promise<Recorded[]> {
    return new Promise((resolve, reject) => {
        const child = fork(path.join(__dirname, "stackProcess.js"), [stack], { stdio: ["ignore", "ignore", "pipe", "ipc"] });
        let stderr = "";
        let result: { ok: boolean; records?: Recorded[]; error?: string } | undefined;
        child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
        child.on("message", (m: { ok: boolean; records?: Recorded[]; error?: string }) => {
            result = m;
            child.kill();
        });
        child.on("error", reject);
        child.on("exit", () => {
            if (result?.ok && result.records) resolve(result.records);
            else reject(new Error(`stack ${stack}: ${result?.error ?? "program exited without a plan"}\n${stderr}`));
        });
    });
}
