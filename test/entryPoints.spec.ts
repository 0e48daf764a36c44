import * as assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { AnalyzerClient } from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import type { AnalyzerInfo } from "@pulumi/pulumi/proto/analyzer_pb";
import { planStack } from "../tools/planner";
import { copyProject } from "../tools/projectCopy";
import { loadProject, resolveStackConfig } from "../tools/planConfig";
import { ROOT } from "./helpers/plans";

/**
 * A user edits TypeScript and runs the next command without any build step: the offline plan,
 * the program entry point the Pulumi CLI loads (package.json main) and the policy pack's entry
 * point must all run the edit. Each runs in a temporary copy of the project.
 */

/** Replaces `from` (which must be there) by `to` in a file of the copy. */
function edit(dir: string, file: string, from: string, to: string): void {
    const full = path.join(dir, file);
    const text = fs.readFileSync(full, "utf8");
    assert.ok(text.includes(from), `${file} no longer contains ${from}; update this test`);
    fs.writeFileSync(full, text.replace(from, to));
}

/** Plain Node.js, no loader flags: what the CLI's language host does with the program directory. */
const CLI_ENTRY = `
if (require.extensions[".ts"]) throw new Error("a TypeScript loader was registered before the entry point");
const pulumi = require("@pulumi/pulumi");
const names = [];
pulumi.runtime.setMocks({
    newResource: (a) => (names.push(a.name), { id: a.name + "-id", state: { ...a.inputs, arn: "arn:aws:mock:us-east-1:123456789012:" + a.name } }),
    call: (a) => a.inputs,
}, "cognito-stack", "dev", false);
require(process.cwd());
process.on("beforeExit", () => { process.stdout.write(JSON.stringify(names)); process.exit(0); });
`;

describe("entry points run the TypeScript as it is on disk, with no build step", function () {
    this.timeout(120_000);
    let dir: string;

    before(() => {
        dir = copyProject(ROOT, "stale-proof-");
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("the offline plan and the CLI's entry point (main.js) both see an edited component", async () => {
        const names = (plan: { resources: { name: string }[] }) => plan.resources.map((r) => r.name);
        const before = names(await planStack("dev", { projectDir: dir }));
        assert.ok(before.includes("auth-domain"));

        edit(dir, "components/userPool.ts", "`${name}-domain`", "`${name}-login-domain`");

        const after = names(await planStack("dev", { projectDir: dir }));
        assert.ok(after.includes("auth-login-domain"), "the next offline plan ran the old component");
        assert.ok(!after.includes("auth-domain"));

        const { config, secretKeys } = resolveStackConfig(dir, loadProject(dir), "dev");
        // As the language host starts the program: the config and which of its keys are secret.
        const env = { ...process.env, PULUMI_CONFIG: JSON.stringify(config), PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(secretKeys), NODE_OPTIONS: "" };
        const cli = spawnSync(process.execPath, ["-e", CLI_ENTRY], { cwd: dir, encoding: "utf8", env });
        assert.equal(cli.status, 0, cli.stderr);
        const registered = JSON.parse(cli.stdout) as string[];
        assert.ok(registered.includes("auth-login-domain"), `main.js ran the old component: ${registered.join(", ")}`);
        assert.ok(!registered.includes("auth-domain"));
        assert.deepEqual([...registered].sort(), [...after].filter((n) => n !== `cognito-stack-dev`).sort());
    });

    it("the policy pack's entry point (policies/main.js) serves the edited policies to the engine", async () => {
        edit(dir, "policies/cognito.ts", "Checks whether user pools require MFA and enable only allowed factors.", "Checks whether user pools require MFA (edited).");
        // As the CLI starts a pack: its directory as the working directory, the port on stdout.
        const pack = spawn(process.execPath, ["-e", 'require(".")'], { cwd: path.join(dir, "policies"), env: { ...process.env, NODE_OPTIONS: "" } });
        try {
            const port = await new Promise<string>((resolve, reject) => {
                let out = "";
                let err = "";
                pack.stdout.on("data", (d: Buffer) => {
                    out += d.toString();
                    if (/^\d+\n/.test(out)) resolve(out.trim());
                });
                pack.stderr.on("data", (d: Buffer) => (err += d.toString()));
                pack.on("exit", (code) => reject(new Error(`the pack exited (${code}) before serving: ${err}`)));
            });
            const client = new AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
            const info = await new Promise<AnalyzerInfo>((resolve, reject) => client.getAnalyzerInfo(new Empty(), (e, r) => (e ? reject(e) : resolve(r))));
            client.close();
            assert.equal(info.getName(), "cognito-stack");
            const mfa = info.getPoliciesList().find((p) => p.getName() === "cognito-user-pool-mfa");
            assert.equal(mfa?.getDescription(), "Checks whether user pools require MFA (edited).");
        } finally {
            pack.kill();
        }
    });
});
