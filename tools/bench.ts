/**
 * `npm run bench -- [--json <file>] [--runs <n>] [--with-tests] [--with-fresh-clone]`: measures
 * `npm run plan` as a user types it (unchanged, and after a one-line edit of a component)
 * against loading @pulumi/aws alone, the policy pack over growing stacks, the authorizer against
 * raw RS256 verification, the Lambda bundles, with --with-fresh-clone the first `npm start`
 * after `npm ci` in a fresh clone of HEAD (wall time and peak memory of its process tree), and
 * with --with-tests `npm test`. Prints a table and writes the figures as JSON (bench.json at the
 * project root by default).
 * Exit codes: 0 measured (goals met or not: the table says), 2 usage error.
 */
import { spawn, spawnSync } from "node:child_process";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import http from "node:http";
import https from "node:https";
import * as os from "node:os";
import * as path from "node:path";
import { createAuthorizer } from "../lambdas/authorizer/authorizer";
import { BUNDLE_SIZE_GOALS, bundleLambda, LAMBDA_NAMES, type LambdaName } from "../lambdas/bundle";
import { runPolicyPack } from "../policies/runner";
import { readStackConfig } from "./check";
import { DEFAULT_PROJECT_DIR, planStack } from "./planner";
import { copyProject } from "./projectCopy";
import { mixedPlan, RESOURCE_MIXES } from "./syntheticPlan";
import { argsOrUsage, parseFlags, runMain, UsageError } from "./cli";

const USAGE = "usage: npm run bench -- [--json <file>] [--runs <n>] [--with-tests] [--with-fresh-clone]";
const PLAN_STACK = "prod";
/** What every Pulumi program on AWS pays before its first line runs. */
export const FLOOR_COMMAND = ["node", "-e", "require('@pulumi/pulumi'); require('@pulumi/aws')"];
export const PLAN_COMMAND = ["npm", "run", "plan", "--", "--stack", PLAN_STACK];
const POLICY_SIZES = [1_000, 5_000, 10_000];

export interface BenchArgs {
    json: string;
    runs: number;
    withTests: boolean;
    withFreshClone: boolean;
}

export function parseArgs(argv: readonly string[]): BenchArgs {
    const { values, switches } = parseFlags(argv, { values: ["json", "runs"], switches: ["with-tests", "with-fresh-clone"] });
    const runs = values.runs === undefined ? 5 : Number(values.runs);
    if (!Number.isInteger(runs) || runs < 1 || runs > 50) {
        throw new UsageError(`--runs must be an integer from 1 to 50 (received: ${values.runs})`);
    }
    return {
        json: path.resolve(values.json ?? path.join(DEFAULT_PROJECT_DIR, "bench.json")),
        runs,
        withTests: switches.has("with-tests"),
        withFreshClone: switches.has("with-fresh-clone"),
    };
}

export function median(values: readonly number[]): number {
    if (values.length === 0) throw new Error("median of no values");
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** One goal: `value` compared with `limit` (at most, or at least). */
export interface Goal {
    name: string;
    value: number;
    unit: string;
    limit: number;
    atLeast?: boolean;
    met: boolean;
}

export function goal(name: string, value: number, unit: string, limit: number, atLeast = false): Goal {
    return { name, value, unit, limit, atLeast, met: atLeast ? value >= limit : value <= limit };
}

interface ProcessTime {
    wallMs: number;
    /** User + system CPU of the process and every descendant it waited for. */
    cpuMs: number;
    status: number | null;
    output: string;
}

/** Runs a command under bash, whose `times` reports the CPU its children used. */
function timeProcess(command: readonly string[], env: NodeJS.ProcessEnv = process.env, log?: string, cwd = DEFAULT_PROJECT_DIR): ProcessTime {
    const sink = log ? `"$LOG"` : "/dev/null";
    const script = `"$@" >${sink} 2>&1; status=$?; times; exit $status`;
    const start = process.hrtime.bigint();
    const r = spawnSync("bash", ["-c", script, "bash", ...command], { cwd, env: { ...env, LOG: log ?? "" }, encoding: "utf8" });
    const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
    const children = (r.stdout ?? "").trim().split("\n").pop() ?? "";
    const seconds = [...children.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]));
    const output = log && fs.existsSync(log) ? fs.readFileSync(log, "utf8") : (r.stderr ?? "");
    return { wallMs, cpuMs: seconds.reduce((a, b) => a + b, 0) * 1000, status: r.status, output };
}

function timeRuns(runs: number, command: readonly string[], env?: NodeJS.ProcessEnv, cwd?: string): { wallMs: number; cpuMs: number; runsWallMs: number[] } {
    const times: ProcessTime[] = [];
    for (let i = 0; i < runs; i++) {
        const t = timeProcess(command, env, undefined, cwd);
        if (t.status !== 0) {
            throw new Error(`${command.join(" ")} exited with ${t.status}:\n${t.output}`);
        }
        times.push(t);
    }
    return { wallMs: median(times.map((t) => t.wallMs)), cpuMs: median(times.map((t) => t.cpuMs)), runsWallMs: times.map((t) => Math.round(t.wallMs)) };
}

/** The component a one-line edit goes into before each "edited" plan. */
export const EDITED_COMPONENT = path.join("components", "userPool.ts");

export function benchPlan(runs: number) {
    // Each round times the floor, the plan, and the plan after a one-line edit back to back, and
    // the ratios are taken round by round, so that all three see the same machine load.
    const dir = copyProject(DEFAULT_PROJECT_DIR, "cognito-stack-bench-");
    try {
        const file = path.join(dir, EDITED_COMPONENT);
        const original = fs.readFileSync(file, "utf8");
        timeRuns(1, PLAN_COMMAND); // warm the transpile and bundle caches, as every later plan finds them
        timeRuns(1, PLAN_COMMAND, process.env, dir);
        const rounds = [];
        for (let i = 0; i < runs; i++) {
            const floor = timeRuns(1, FLOOR_COMMAND);
            const plan = timeRuns(1, PLAN_COMMAND);
            fs.writeFileSync(file, `${original}// edit ${Date.now()} ${i}\n`); // that file is transpiled again
            const edited = timeRuns(1, PLAN_COMMAND, process.env, dir);
            rounds.push({ floorMs: floor.wallMs, planMs: plan.wallMs, planCpuMs: plan.cpuMs, editedMs: edited.wallMs });
        }
        return {
            stack: PLAN_STACK,
            command: PLAN_COMMAND.join(" "),
            floorCommand: FLOOR_COMMAND.join(" "),
            rounds: rounds.map((r) => ({ floorMs: Math.round(r.floorMs), planMs: Math.round(r.planMs), editedMs: Math.round(r.editedMs) })),
            wallMs: median(rounds.map((r) => r.planMs)),
            cpuMs: median(rounds.map((r) => r.planCpuMs)),
            floorWallMs: median(rounds.map((r) => r.floorMs)),
            editedWallMs: median(rounds.map((r) => r.editedMs)),
            ratio: median(rounds.map((r) => r.planMs / r.floorMs)),
            editedRatio: median(rounds.map((r) => r.editedMs / r.floorMs)),
        };
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

/** Resident memory of a process and all its descendants, in bytes (Linux /proc). */
function treeRss(root: number): number {
    const children = new Map<number, number[]>();
    const rss = new Map<number, number>();
    for (const entry of fs.readdirSync("/proc")) {
        if (!/^\d+$/.test(entry)) continue;
        try {
            const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
            const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
            const pid = Number(entry);
            const ppid = Number(fields[1]);
            children.set(ppid, [...(children.get(ppid) ?? []), pid]);
            rss.set(pid, Number(fields[21]) * 4096); // field 24 of stat: resident pages
        } catch {
            // The process ended while we looked.
        }
    }
    let total = 0;
    for (const pending = [root]; pending.length > 0; ) {
        const pid = pending.pop()!;
        total += rss.get(pid) ?? 0;
        pending.push(...(children.get(pid) ?? []));
    }
    return total;
}

/** Wall time and the peak of the summed resident memory of the command's process tree. */
function timeWithPeakMemory(command: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ wallMs: number; peakBytes: number; status: number | null; output: string }> {
    return new Promise((resolve) => {
        const start = process.hrtime.bigint();
        const child = spawn(command[0], command.slice(1), { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
        let output = "";
        child.stdout.on("data", (d: Buffer) => (output += d.toString()));
        child.stderr.on("data", (d: Buffer) => (output += d.toString()));
        let peakBytes = 0;
        const sample = setInterval(() => (peakBytes = Math.max(peakBytes, treeRss(child.pid ?? 0))), 25);
        child.on("close", (status) => {
            clearInterval(sample);
            resolve({ wallMs: Number(process.hrtime.bigint() - start) / 1e6, peakBytes, status, output });
        });
    });
}

/** The first `npm start` after `npm ci` in a fresh clone of HEAD: nothing cached anywhere. */
export async function benchFreshStart() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cognito-stack-bench-clone-"));
    try {
        const clone = path.join(dir, "repo");
        const run = (cmd: string, args: string[], cwd: string) => {
            const r = spawnSync(cmd, args, { cwd, encoding: "utf8" });
            if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed:\n${r.stdout}${r.stderr}`);
        };
        run("git", ["clone", "--quiet", DEFAULT_PROJECT_DIR, clone], dir);
        const installStart = Date.now();
        run("npm", ["ci", "--no-audit", "--no-fund"], clone);
        const installMs = Date.now() - installStart;
        const t = await timeWithPeakMemory(["npm", "start"], clone, process.env);
        // npm start exits 1 when the dev plan has a mandatory violation: still a measured start.
        if (t.status !== 0 && t.status !== 1) throw new Error(`npm start failed (${t.status}):\n${t.output}`);
        return { wallMs: t.wallMs, peakMiB: t.peakBytes / 2 ** 20, npmCiMs: installMs, status: t.status };
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

/**
 * The policy pack over each resource mix at each size, in-process as `npm run check` runs it:
 * whole copies of the prod plan, and plans dominated by one kind of resource (5,000 buckets and
 * 5,000 bucket policies at 10,000, say), where a lookup per resource would show as quadratic.
 */
export async function benchPolicies(template: Awaited<ReturnType<typeof planStack>>) {
    const config = readStackConfig(PLAN_STACK);
    const rows = [];
    for (const mix of RESOURCE_MIXES) {
        for (const size of POLICY_SIZES) {
            const plan = mixedPlan(template, mix, size);
            const samples: number[] = [];
            let violations = 0;
            for (let i = 0; i < (size >= 10_000 ? 3 : 5); i++) {
                const start = performance.now();
                violations = (await runPolicyPack(plan, config)).length;
                samples.push(performance.now() - start);
            }
            const ms = median(samples);
            rows.push({ mix: mix.name, resources: size, ms, usPerResource: (ms * 1000) / size, violations });
        }
    }
    return rows;
}

/** Per mix: the time at the largest size and the growth of the per-resource cost from the smallest. */
export function policyGoals(rows: readonly { mix: string; resources: number; ms: number; usPerResource: number }[]): Goal[] {
    const mixes = [...new Set(rows.map((r) => r.mix))];
    return mixes.flatMap((mix) => {
        const own = rows.filter((r) => r.mix === mix).sort((a, b) => a.resources - b.resources);
        const smallest = own[0];
        const largest = own[own.length - 1];
        return [
            goal(`policy pack, ${fmt(largest.resources)} resources (${mix})`, largest.ms, "ms", 1_000),
            // Linear: the per-resource cost at the largest size within 1.5x that at the smallest.
            goal(`policy pack µs/resource growth ${fmt(smallest.resources)} -> ${fmt(largest.resources)} (${mix})`, largest.usPerResource / smallest.usPerResource, "×", 1.5),
        ];
    });
}

const b64url = (value: string | Buffer): string => Buffer.from(value).toString("base64url");

/** Every way a Lambda could reach the network, counted while `fn` runs. */
async function countingNetworkCalls<T>(fn: () => Promise<T>): Promise<{ result: T; calls: number }> {
    let calls = 0;
    const originals = { httpsRequest: https.request, httpsGet: https.get, httpRequest: http.request, httpGet: http.get, fetch: globalThis.fetch };
    const counted = <F extends (...a: never[]) => unknown>(f: F): F => ((...a: Parameters<F>) => (calls++, f(...a))) as F;
    Object.assign(https, { request: counted(https.request), get: counted(https.get) });
    Object.assign(http, { request: counted(http.request), get: counted(http.get) });
    globalThis.fetch = counted(globalThis.fetch);
    try {
        return { result: await fn(), calls };
    } finally {
        Object.assign(https, { request: originals.httpsRequest, get: originals.httpsGet });
        Object.assign(http, { request: originals.httpRequest, get: originals.httpGet });
        globalThis.fetch = originals.fetch;
    }
}

export async function benchAuthorizer() {
    const { privateKey, publicKey } = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
    const kid = "bench-key";
    const jwks = { keys: [{ ...(publicKey.export({ format: "jwk" }) as { kty: "RSA"; n: string; e: string }), kid, alg: "RS256", use: "sig" }] };
    const userPoolId = "eu-west-1_Bench0001";
    const clientId = "benchclient1";
    const now = Math.floor(Date.now() / 1000);
    const signingInput = `${b64url(JSON.stringify({ alg: "RS256", typ: "JWT", kid }))}.${b64url(JSON.stringify({
        sub: "bench-sub", iss: `https://cognito-idp.eu-west-1.amazonaws.com/${userPoolId}`, client_id: clientId, token_use: "access",
        scope: "openid", username: "bench", "cognito:groups": ["members"], iat: now, auth_time: now, exp: now + 3600, jti: "bench",
    }))}`;
    const signature = crypto.sign("sha256", Buffer.from(signingInput), privateKey);
    const token = `${signingInput}.${b64url(signature)}`;
    const event = { type: "TOKEN" as const, methodArn: "arn:aws:execute-api:eu-west-1:123456789012:abcdef1234/prod/GET/items", authorizationToken: `Bearer ${token}` };

    const init = await countingNetworkCalls(() => Promise.resolve(createAuthorizer({ userPoolId, clientIds: [clientId], requiredGroups: ["members"], jwks })));
    const authorize = init.result;
    const iterations = 3_000;
    const raw = (): void => {
        const [head, body, sig] = token.split(".");
        if (!crypto.verify("sha256", Buffer.from(`${head}.${body}`), publicKey, Buffer.from(sig, "base64url"))) throw new Error("raw verify failed");
    };
    const rate = async (fn: () => unknown): Promise<number> => {
        const start = performance.now();
        for (let i = 0; i < iterations; i++) await fn();
        return (iterations * 1000) / (performance.now() - start);
    };
    const run = await countingNetworkCalls(async () => {
        const result = await authorize(event);
        if (result.principalId !== "bench-sub") throw new Error(`the authorizer refused the benchmark token: ${JSON.stringify(result)}`);
        // Rounds alternate so that both rates see the same machine load.
        const rawRates: number[] = [];
        const authorizerRates: number[] = [];
        for (let round = 0; round < 5; round++) {
            rawRates.push(await rate(raw));
            authorizerRates.push(await rate(() => authorize(event)));
        }
        return { raw: median(rawRates), authorizer: median(authorizerRates) };
    });
    return { rawPerSecond: run.result.raw, authorizerPerSecond: run.result.authorizer, ratio: run.result.authorizer / run.result.raw, networkCallsAtInit: init.calls, networkCallsAfterInit: run.calls };
}

/** What each handler needs in its environment to initialise (a JWKS keeps the authorizer from fetching). */
function lambdaEnv(name: LambdaName): Record<string, string> {
    const jwk = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey.export({ format: "jwk" });
    const env: Record<LambdaName, Record<string, string>> = {
        preSignUp: {},
        postConfirmation: { SENDER_EMAIL: "no-reply@example.com" },
        preTokenGeneration: {},
        authorizer: { USER_POOL_ID: "eu-west-1_Bench0001", APP_CLIENT_IDS: "benchclient1", JWKS: JSON.stringify({ keys: [{ ...jwk, kid: "k", alg: "RS256", use: "sig" }] }) },
        api: { TABLE_NAME: "items" },
        preAuthentication: { SUSPENDED_TENANTS: "acme" },
        postAuthentication: {},
        customMessage: {},
        userMigration: { TABLE_NAME: "legacy-users", BCRYPT_COST: "4" },
        customEmailSender: { KEY_ARN: "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab", SENDER_EMAIL: "no-reply@example.com" },
        customSmsSender: { KEY_ARN: "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab" },
        authChallenge: { SENDER_EMAIL: "no-reply@example.com" },
    };
    return env[name];
}

export function benchBundles(runs: number) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cognito-stack-bench-"));
    const base = { PATH: process.env.PATH ?? "", AWS_REGION: "eu-west-1", AWS_ACCESS_KEY_ID: "AKIDBENCH", AWS_SECRET_ACCESS_KEY: "bench", POWERTOOLS_LOG_LEVEL: "SILENT" };
    try {
        const baseline = timeRuns(runs, ["node", "-e", ""], base);
        const rows = LAMBDA_NAMES.map((name) => {
            const { code, bytes } = bundleLambda(name);
            const file = path.join(dir, name, "index.js");
            fs.mkdirSync(path.dirname(file), { recursive: true });
            fs.writeFileSync(file, code);
            const init = timeRuns(runs, ["node", "-e", `require(${JSON.stringify(file)})`], { ...base, ...lambdaEnv(name) });
            return { name, bytes, goalBytes: BUNDLE_SIZE_GOALS[name], processMs: init.wallMs, initMs: init.wallMs - baseline.wallMs };
        });
        return { baselineMs: baseline.wallMs, bundles: rows };
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

function benchTests() {
    const log = path.join(os.tmpdir(), `cognito-stack-bench-test-${process.pid}.log`);
    try {
        const t = timeProcess(["npm", "test"], process.env, log);
        return { wallMs: t.wallMs, cpuMs: t.cpuMs, passed: t.status === 0, tail: t.status === 0 ? undefined : t.output.split("\n").slice(-30).join("\n") };
    } finally {
        fs.rmSync(log, { force: true });
    }
}

function machine() {
    const cpuinfo = fs.existsSync("/proc/cpuinfo") ? fs.readFileSync("/proc/cpuinfo", "utf8") : "";
    return {
        nproc: os.availableParallelism(),
        cpu: /^model name\s*:\s*(.*)$/m.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? "unknown",
        memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
        node: process.version,
        platform: `${os.platform()} ${os.release()}`,
        loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
    };
}

const fmt = (n: number, digits = 0): string => n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });

export function formatGoals(goals: readonly Goal[]): string {
    const rows = goals.map((g) => [g.name, `${fmt(g.value, g.unit === "×" ? 2 : 0)} ${g.unit}`, `${g.atLeast ? "≥" : "≤"} ${fmt(g.limit, g.unit === "×" ? 2 : 0)} ${g.unit}`, g.met ? "met" : "MISSED"]);
    const header = ["GOAL", "MEASURED", "TARGET", ""];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    return [header, ...rows].map((r) => r.map((c, i) => c.padEnd(widths[i])).join("  ").trimEnd()).join("\n");
}

export async function main(argv: readonly string[]): Promise<number> {
    const args = argsOrUsage(() => parseArgs(argv), USAGE);
    if (args === 2) return 2;
    const log = (text: string): boolean => process.stderr.write(`${text}\n`);
    const startedAt = new Date().toISOString();
    const host = machine();
    log(`machine: ${host.nproc} × ${host.cpu}, ${host.memoryGiB} GiB, node ${host.node}, load ${host.loadAverage.join(" ")}`);

    log(`${PLAN_COMMAND.join(" ")} against ${FLOOR_COMMAND.join(" ")}...`);
    const template = await planStack(PLAN_STACK);
    const plan = benchPlan(args.runs);
    log("policy pack...");
    const policies = await benchPolicies(template);
    log("authorizer...");
    const authorizer = await benchAuthorizer();
    log("lambda bundles...");
    const bundles = benchBundles(args.runs);
    let fresh: Awaited<ReturnType<typeof benchFreshStart>> | undefined;
    if (args.withFreshClone) {
        log("npm ci and the first npm start in a fresh clone of HEAD...");
        fresh = await benchFreshStart();
    }
    let tests: ReturnType<typeof benchTests> | undefined;
    if (args.withTests) {
        log("npm test...");
        tests = benchTests();
    }

    const goals: Goal[] = [
        goal(`npm run plan (${PLAN_STACK}) / floor`, plan.ratio, "×", 2.5),
        goal(`npm run plan (${PLAN_STACK}) after a one-line edit / floor`, plan.editedRatio, "×", 3),
        ...policyGoals(policies),
        goal("authorizer / raw RS256 verify", authorizer.ratio, "×", 0.8, true),
        goal("authorizer network calls after init", authorizer.networkCallsAfterInit, "calls", 0),
        ...bundles.bundles.map((b) => goal(`${b.name} bundle size`, b.bytes / 1024, "KB", b.goalBytes / 1024)),
        ...(fresh ? [goal("first npm start after npm ci", fresh.wallMs / 1000, "s", 12), goal("first npm start, peak memory", fresh.peakMiB, "MiB", 600)] : []),
        ...(tests ? [goal("npm test wall time", tests.wallMs / 1000, "s", 70)] : []),
    ];

    const lines = [
        "",
        `${plan.command} (${template.resources.length} resources, median of ${args.runs}): ${fmt(plan.wallMs)} ms wall, ${fmt(plan.cpuMs)} ms CPU; after a one-line edit of ${EDITED_COMPONENT}: ${fmt(plan.editedWallMs)} ms`,
        `Floor (${plan.floorCommand}): ${fmt(plan.floorWallMs)} ms wall`,
        "",
        "Policy pack over synthetic stacks (prod plan, then mostly one kind of resource):",
        ...policies.map((p) => `  ${p.mix.padEnd(34)} ${fmt(p.resources).padStart(7)} resources  ${fmt(p.ms, 1).padStart(8)} ms  ${fmt(p.usPerResource, 1).padStart(6)} µs/resource  ${p.violations} violations`),
        "",
        `Authorizer: ${fmt(authorizer.authorizerPerSecond)} verifications/s; raw crypto.verify ${fmt(authorizer.rawPerSecond)}/s; network calls at init ${authorizer.networkCallsAtInit}, after ${authorizer.networkCallsAfterInit}`,
        "",
        `Lambda bundles (cold init = fresh node process requiring the bundle, minus a bare node process of ${fmt(bundles.baselineMs)} ms):`,
        ...bundles.bundles.map((b) => `  ${b.name.padEnd(20)} ${fmt(b.bytes / 1024, 1).padStart(7)} KB  process ${fmt(b.processMs).padStart(5)} ms  init ${fmt(b.initMs).padStart(5)} ms`),
        ...(fresh ? ["", `Fresh clone: npm ci ${fmt(fresh.npmCiMs / 1000, 1)} s, then the first npm start ${fmt(fresh.wallMs / 1000, 1)} s wall, peak ${fmt(fresh.peakMiB)} MiB (process tree)`] : []),
        ...(tests ? ["", `npm test: ${fmt(tests.wallMs / 1000, 1)} s wall, ${fmt(tests.cpuMs / 1000, 1)} s CPU, ${tests.passed ? "passed" : `FAILED:\n${tests.tail ?? ""}`}`] : []),
        "",
        formatGoals(goals),
        "",
    ];
    process.stdout.write(lines.join("\n"));
    const report = { startedAt, machine: host, runs: args.runs, plan, policies, authorizer, bundles, fresh, tests, goals };
    fs.writeFileSync(args.json, `${JSON.stringify(report, null, 2)}\n`);
    process.stdout.write(`\nFigures written to ${path.relative(process.cwd(), args.json) || args.json}\n`);
    return 0;
}

if (require.main === module) {
    runMain(() => main(process.argv.slice(2)));
}
