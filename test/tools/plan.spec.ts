import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseArgs } from "../../tools/plan";
import { toolArgs } from "../helpers/cli";
import { FIXTURE_DIR } from "./paths";

function run(...args: string[]): { status: number | null; stdout: string; stderr: string } {
    const r = spawnSync(process.execPath, toolArgs("plan", ...args), { encoding: "utf8" });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("plan CLI", function () {
    this.timeout(60_000);

    it("prints the tree and writes the JSON plan", () => {
        const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "plan-cli-")), "plan.json");
        const r = run("--stack", "dev", "--cwd", FIXTURE_DIR, "--json", out);
        assert.equal(r.status, 0, r.stderr);
        assert.match(r.stdout, /^Previewing update \(dev\):\n/);
        assert.match(r.stdout, /\n \+ {3}├─ aws:iam\/role:Role +handler-role +create {2}\[protect; retainOnDelete\]\n/);
        assert.match(r.stdout, /\n \+ {3}└─ fixture:app:Store +store +create\n \+ {6}├─ aws:s3\/bucket:Bucket +store-bucket +create\n/);
        assert.match(r.stdout, /\n {4}secretApiKey: +"\[secret\]"\n/);
        assert.match(r.stdout, /\nResources:\n {4}\+ 8 to create\n/);
        const plan = JSON.parse(fs.readFileSync(out, "utf8"));
        assert.equal(plan.stack, "dev");
        assert.equal(plan.resources.length, 7);
        fs.rmSync(path.dirname(out), { recursive: true });
    });

    it("exits 2 on an unknown stack, listing the available ones", () => {
        const r = run("--stack", "qa", "--cwd", FIXTURE_DIR);
        assert.equal(r.status, 2);
        assert.match(r.stderr, /^error: no stack named 'qa': .*Pulumi\.qa\.yaml does not exist; available stacks: broken, dev, incomplete, prod\n/);
        assert.equal(r.stdout, "");
    });

    it("exits 1 with the program's RunError message and no stack trace", () => {
        const r = run("--stack=broken", "--cwd", FIXTURE_DIR);
        assert.equal(r.status, 1);
        assert.equal(
            r.stderr,
            "error: invalid configuration for stack broken:\n  environment must be dev or prod (received: qa)\n  logRetentionDays must be 7, 14 or 30 (received: 5)\n",
        );
    });

    it("exits 2 on usage errors", () => {
        for (const args of [[], ["--stack"], ["--stack", "dev", "--verbose"]]) {
            const r = run(...args);
            assert.equal(r.status, 2, `args ${args.join(" ")}`);
            assert.match(r.stderr, /\nusage: npm run plan -- --stack <name> \[--json <file>\] \[--cwd <project dir>\]\n$/);
        }
    });

    it("parses flags in both spellings", () => {
        assert.deepEqual(parseArgs(["--stack=prod", "--json", "p.json"]), { stack: "prod", json: "p.json", cwd: undefined });
        assert.throws(() => parseArgs(["--json", "p.json"]), /--stack is required/);
        assert.throws(() => parseArgs(["--stack", "--json"]), /--stack needs a value/);
    });
});
