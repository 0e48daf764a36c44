import * as assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { ImportFile, importFileFromPlan, parseArgs } from "../../tools/importFile";
import { formatIssue } from "../../components/issues";
import { parseStackConfig } from "../../config";
import { loadProject, resolveStackConfig } from "../../tools/planConfig";
import { planStack } from "../../tools/planner";
import type { Plan } from "../../tools/planTypes";
import { toolArgs } from "../helpers/cli";
import { ROOT } from "../helpers/plans";

const run = promisify(execFile);
const POOL = "us-east-1_AbCdEf123";
const CLIENT = "4tbsk7r0dn0u3mgl6vq1example";

const ADOPT = `  cognito-stack:adoptUserPool:
    userPoolId: ${POOL}
    appClientIds:
      web: ${CLIENT}
    groups: [admins]
    identityProviders: [Google, Okta]
    domain: true
`;

/** A project directory whose only stack is prod's config, changed by `edit`, as stack `adopt`. */
function project(edit: (prod: string) => string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "adopt-"));
    fs.copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ main: path.join(ROOT, "main.js") }));
    fs.writeFileSync(path.join(dir, "Pulumi.adopt.yaml"), edit(fs.readFileSync(path.join(ROOT, "Pulumi.prod.yaml"), "utf8")));
    return dir;
}

/** The engine's config bag of a stack file: its cognito-stack keys, structured values as JSON. */
/** The stack's config bag and secret keys, as the engine hands them to the program. */
function stackBag(dir: string, stack: string): { config: Record<string, string>; secretKeys: string[] } {
    return resolveStackConfig(dir, loadProject(dir), stack);
}

function problems(b: Record<string, string>, secretKeys: readonly string[]): string[] {
    const r = parseStackConfig(b, secretKeys);
    return r.ok ? [] : r.issues.map((i) => formatIssue(i, "cognito-stack:"));
}

/** The URN `pulumi import --file` gives an entry: its parent entry's type chain, its type, its logical name. */
function importedUrns(doc: ImportFile, stack: string, projectName: string): Map<string, string> {
    const byName = new Map(doc.resources.map((r) => [r.name, r]));
    const urns = new Map<string, string>();
    const urnOf = (name: string): string => {
        const known = urns.get(name);
        if (known !== undefined) return known;
        const r = byName.get(name);
        assert.ok(r, `the file names ${name} as a parent but has no entry for it`);
        const parentType = r.parent !== undefined ? urnOf(r.parent).split("::")[2] : "";
        const urn = `urn:pulumi:${stack}::${projectName}::${parentType ? `${parentType}$` : ""}${r.type}::${r.logicalName ?? r.name}`;
        urns.set(name, urn);
        return urn;
    };
    for (const r of doc.resources) urnOf(r.name);
    return urns;
}

describe("npm run import-file", function () {
    this.timeout(120_000);
    let dir: string;
    let plan: Plan;

    before(async () => {
        dir = project((prod) => `${prod.trimEnd()}\n${ADOPT}`);
        plan = await planStack("adopt", { projectDir: dir });
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("writes the adopted resources under their components, with each type's import id", () => {
        assert.deepEqual(importFileFromPlan(plan), {
            nameTable: {},
            resources: [
                { type: "cognito-stack:cognito:AppClients", name: "auth-client", component: true },
                { type: "aws:cognito/userPoolClient:UserPoolClient", name: "auth-client-web", id: `${POOL}/${CLIENT}`, parent: "auth-client" },
                { type: "cognito-stack:cognito:Federation", name: "auth-idp", component: true },
                { type: "aws:cognito/identityProvider:IdentityProvider", name: "auth-idp-google", id: `${POOL}:Google`, parent: "auth-idp" },
                { type: "aws:cognito/identityProvider:IdentityProvider", name: "auth-idp-okta", id: `${POOL}:Okta`, parent: "auth-idp" },
                { type: "cognito-stack:cognito:UserGroups", name: "auth-group", component: true },
                { type: "aws:cognito/userGroup:UserGroup", name: "auth-group-admins", id: `${POOL}/admins`, parent: "auth-group" },
                { type: "cognito-stack:cognito:UserPool", name: "auth-component", logicalName: "auth", component: true },
                { type: "aws:cognito/userPool:UserPool", name: "auth-userpool", logicalName: "auth", id: POOL, parent: "auth-component" },
                { type: "aws:cognito/userPoolDomain:UserPoolDomain", name: "auth-domain", id: "acme-auth", parent: "auth-component" },
            ],
        });
    });

    it("gives every entry the URN, type and id the program registers", () => {
        const doc = importFileFromPlan(plan);
        const urns = importedUrns(doc, "adopt", "cognito-stack");
        for (const entry of doc.resources) {
            const urn = urns.get(entry.name) as string;
            const resource = plan.resources.find((r) => r.urn === urn);
            assert.ok(resource, `${entry.name}: the plan has no resource ${urn}`);
            assert.equal(resource.type, entry.type);
            assert.equal(resource.custom, entry.component !== true);
            if (resource.custom) {
                assert.equal(resource.options.importId, entry.id);
                assert.equal(resource.outputs?.id, entry.id, "the program reads the adopted resource by that id");
            }
        }
        // And the adopted resources are all there: nothing the program imports is missing from the file.
        assert.deepEqual(
            plan.resources.filter((r) => r.options.importId !== undefined).map((r) => r.urn).sort(),
            doc.resources.filter((r) => !r.component).map((r) => urns.get(r.name)).sort(),
        );
        // What the config does not adopt is created as usual.
        assert.equal(plan.resources.find((r) => r.name === "auth-group-members")?.options.importId, undefined);
    });

    it("writes the file from the command line and says what to run next", async () => {
        const out = path.join(dir, "import.json");
        const { stdout } = await run(process.execPath, toolArgs("importFile", "--stack", "adopt", "--cwd", dir, "--out", out), { cwd: ROOT });
        assert.match(stdout, /Wrote 6 resource\(s\) to import to .*import\.json\nNext: pulumi import --stack adopt --file /);
        assert.deepEqual(JSON.parse(fs.readFileSync(out, "utf8")), importFileFromPlan(plan));
    });

    it("checks the adopted pool's create-only settings against the config before any resource is registered", async () => {
        // The check is part of the config's validation, which the program runs first of all.
        const { config: withAdoption, secretKeys } = stackBag(dir, "adopt");
        assert.deepEqual(problems({ ...withAdoption, "cognito-stack:usernameAttributes": '["phone_number"]' }, secretKeys), [
            'cognito-stack:usernameAttributes differs from userPoolLock (["email"]) (received: ["phone_number"]). Fix: these settings are create-only: changing them replaces the user pool and deletes every user. Restore the locked value; to migrate users to a new pool on purpose, change userPoolLock too',
        ]);
        const { "cognito-stack:userPoolLock": _lock, ...unlocked } = withAdoption;
        assert.deepEqual(problems(unlocked, secretKeys).map((p) => p.split(" (received")[0]), [
            "cognito-stack:userPoolLock is required with adoptUserPool: the existing pool's create-only settings must be checked against this config before it is imported",
        ]);
        // The command stops on it, with the config's message, no stack trace and no file.
        const changed = project((prod) => `${prod.trimEnd().replace("cognito-stack:mfa:", "cognito-stack:usernameAttributes: [phone_number]\n  cognito-stack:mfa:")}\n${ADOPT}`);
        try {
            const out = path.join(changed, "import.json");
            const err = await run(process.execPath, toolArgs("importFile", "--stack", "adopt", "--cwd", changed, "--out", out), { cwd: ROOT }).then(
                () => undefined,
                (e: { code: number; stderr: string }) => e,
            );
            assert.equal(err?.code, 1);
            assert.match(err?.stderr ?? "", /error: Stack configuration has 1 problem:\n {2}- cognito-stack:usernameAttributes differs from userPoolLock/);
            assert.doesNotMatch(err?.stderr ?? "", /\n\s+at /, "no stack trace");
            assert.equal(fs.existsSync(out), false);
        } finally {
            fs.rmSync(changed, { recursive: true, force: true });
        }
    });

    it("refuses a plan that adopts nothing, and usage mistakes", () => {
        assert.throws(() => importFileFromPlan({ ...plan, stack: "prod", resources: plan.resources.map((r) => ({ ...r, options: { ...r.options, importId: undefined } })) }), /stack prod adopts nothing: set adoptUserPool in Pulumi\.prod\.yaml/);
        assert.throws(() => parseArgs([]), /--stack is required/);
        assert.throws(() => parseArgs(["--stack", "prod", "--file", "x"]), /unknown argument --file/);
        assert.deepEqual(parseArgs(["--stack", "prod", "--out", "x.json"]), { stack: "prod", out: "x.json", cwd: undefined });
    });
});
