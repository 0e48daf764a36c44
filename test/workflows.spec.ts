import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { ROOT } from "./helpers/plans";
import { schemaErrors } from "./helpers/schemas";

const DIR = path.join(ROOT, ".github", "workflows");
const files = fs.readdirSync(DIR).filter((f) => /\.ya?ml$/.test(f)).sort();

interface Step { name?: string; uses?: string; run?: string; if?: string; with?: Record<string, unknown> }
interface Workflow { on: Record<string, unknown>; jobs: Record<string, { steps: Step[]; permissions?: Record<string, string> }> }
const load = (file: string): Workflow => parse(fs.readFileSync(path.join(DIR, file), "utf8")) as Workflow;

describe("GitHub workflows", () => {
    it("include the policy and rehearsal workflows (every file below is validated)", () => {
        assert.ok(files.includes("policy.yml") && files.includes("rehearsal.yml"), files.join(", "));
    });

    for (const file of files) {
        it(`${file} validates against SchemaStore's GitHub workflow schema`, () => {
            assert.deepEqual(schemaErrors("github-workflow.json", load(file)), []);
        });
    }

    it("the schema test can fail: a job with a misspelt key is refused", () => {
        const errors = schemaErrors("github-workflow.json", { on: "push", jobs: { a: { "runs-on": "ubuntu-latest", step: [{ run: "x" }] } } });
        assert.ok(errors.some((e) => e.includes('"additionalProperty":"step"')), errors.join("\n"));
    });

    it("the offline check uploads each stack's SARIF to code scanning and writes the job summary", () => {
        const job = load("policy.yml").jobs["offline-check"];
        assert.equal(job.permissions?.["security-events"], "write");
        const check = job.steps.find((s) => s.name === "Policy check")!;
        assert.match(check.run ?? "", /--sarif policy-\$\{\{ matrix\.stack \}\}\.sarif/);
        assert.match(check.run ?? "", /--summary "\$GITHUB_STEP_SUMMARY"/);
        const upload = job.steps.find((s) => s.uses?.startsWith("github/codeql-action/upload-sarif@"))!;
        assert.deepEqual(upload.with, { sarif_file: "policy-${{ matrix.stack }}.sarif", category: "policy-${{ matrix.stack }}" });
        assert.match(upload.if ?? "", /^always\(\) && /);
    });

    it("the rehearsal runs on demand only, deploys with the policy pack, runs the suite against AWS and always destroys", () => {
        const wf = load("rehearsal.yml");
        assert.deepEqual(Object.keys(wf.on), ["workflow_dispatch"]);
        const steps = wf.jobs.rehearse.steps;
        const up = steps.find((s) => s.run?.startsWith("pulumi up"))!;
        assert.match(up.run!, /--policy-pack policies --policy-pack-config "policies\/config\/\$STACK\.json"/);
        const e2e = steps.find((s) => s.name === "End-to-end suite against the stack")!;
        assert.match(e2e.run!, /test\/e2e\/e2e\.spec\.ts/);
        const destroy = steps.find((s) => s.name === "Destroy the ephemeral stack")!;
        assert.match(destroy.if!, /^always\(\)/);
        assert.match(destroy.run!, /pulumi destroy --stack "\$STACK" --yes/);
        assert.ok(steps.indexOf(destroy) === steps.length - 1, "destroy is the last step");
        for (const s of steps.filter((x) => x.name !== "Cloud credentials")) {
            assert.match(s.if ?? "", /env\.HAS_CLOUD_CREDENTIALS == 'true'/, `${s.name ?? s.uses ?? s.run} runs only with cloud credentials`);
        }
    });
});
