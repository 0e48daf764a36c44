import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Report, check, formatSummary } from "../../tools/check";
import type { Plan } from "../../tools/planTypes";
import { find, securePlan, setProp } from "../policies/fixtures";
import { schemaErrors } from "../helpers/schemas";

describe("npm run check", () => {
    let dir: string;
    let out: string[];
    let err: string[];
    const io = (): Parameters<typeof check>[1] => ({ out: (t) => out.push(t), err: (t) => err.push(t) });
    const writePlan = (plan: Plan | string): string => {
        const file = path.join(dir, "plan.json");
        fs.writeFileSync(file, typeof plan === "string" ? plan : JSON.stringify(plan));
        return file;
    };

    beforeEach(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "policy-check-"));
        out = [];
        err = [];
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("exits 0 on the secure plan and writes the JSON report", async () => {
        const json = path.join(dir, "report.json");
        assert.equal(await check(["--stack", "prod", "--plan", writePlan(securePlan()), "--json", json], io()), 0);
        assert.equal(out.join("\n"), "prod: no policy violations.");
        assert.deepEqual(JSON.parse(fs.readFileSync(json, "utf8")), { stack: "prod", violations: [], summary: { mandatory: 0, advisory: 0 } });
    });

    it("exits 1 on a mandatory violation and prints policy, level, resource and message", async () => {
        const json = path.join(dir, "report.json");
        const plan = setProp(securePlan(), "items-get", "authorization", "NONE");
        assert.equal(await check(["--stack", "prod", "--plan", writePlan(plan), "--json", json], io()), 1);
        const table = out.join("\n");
        assert.match(table, /^POLICY\s+LEVEL\s+RESOURCE\s+MESSAGE$/m);
        assert.match(table, /^apigateway-method-authorization\s+mandatory\s+aws:apigateway\/method:Method::items-get\s+Method GET has authorization NONE: attach an authorizer/m);
        assert.match(table, /prod: 1 mandatory, 0 advisory violation\(s\)\.$/);
        const report = JSON.parse(fs.readFileSync(json, "utf8")) as Report;
        assert.deepEqual(report.summary, { mandatory: 1, advisory: 0 });
        assert.deepEqual(Object.keys(report.violations[0]).sort(), ["anchors", "enforcementLevel", "message", "policy", "severity", "urn"]);
        assert.deepEqual(report.violations[0].anchors, { covers: ["AwsSolutions-APIG4", "CKV_AWS_59", "APIGateway.8"], beyond: [] });
        assert.equal(report.violations[0].urn, "urn:pulumi:prod::cognito-stack::aws:apigateway/method:Method::items-get");
        assert.equal(report.violations[0].severity, "critical");
    });

    it("--sarif writes SARIF 2.1.0 and --summary appends a Markdown summary per stack", async () => {
        const sarif = path.join(dir, "results.sarif");
        const summary = path.join(dir, "summary.md");
        fs.writeFileSync(summary, "# Policy\n");
        const plan = setProp(securePlan(), "items-get", "authorization", "NONE");
        assert.equal(await check(["--stack", "prod", "--plan", writePlan(plan), "--sarif", sarif, "--summary", summary], io()), 1);
        assert.equal(await check(["--stack", "prod", "--plan", writePlan(securePlan()), "--summary", summary], io()), 0);
        const log = JSON.parse(fs.readFileSync(sarif, "utf8")) as { runs: { results: { ruleId: string; level: string; locations: unknown[] }[] }[] };
        assert.deepEqual(schemaErrors("sarif-2.1.0.json", log), []);
        assert.deepEqual(log.runs[0].results.map((r) => [r.ruleId, r.level]), [["apigateway-method-authorization", "error"]]);
        assert.equal(fs.readFileSync(summary, "utf8"), [
            "# Policy",
            "### Policy check of stack `prod`: fails (1 mandatory, 0 advisory)",
            "",
            "| Level | Policy | Resource | Controls | Message |",
            "| --- | --- | --- | --- | --- |",
            "| mandatory | apigateway-method-authorization | aws:apigateway/method:Method::items-get | AwsSolutions-APIG4, CKV_AWS_59, APIGateway.8 | Method GET has authorization NONE: attach an authorizer (COGNITO_USER_POOLS, CUSTOM, JWT). |",
            "",
            "### Policy check of stack `prod`: passes (0 mandatory, 0 advisory)",
            "",
            "",
        ].join("\n"));
    });

    it("the summary shows the first 20 violations, escapes table pipes and says how many more there are", () => {
        const v = { policy: "p", enforcementLevel: "advisory", severity: "low", urn: "urn:pulumi:dev::proj::aws:s3/bucket:Bucket::b", message: "a | b", anchors: { covers: [], beyond: [] } };
        const text = formatSummary({ stack: "dev", violations: Array.from({ length: 21 }, () => v), summary: { mandatory: 0, advisory: 21 } });
        const lines = text.split("\n");
        assert.equal(lines[0], "### Policy check of stack `dev`: passes (0 mandatory, 21 advisory)");
        assert.equal(lines.filter((l) => l === "| advisory | p | aws:s3/bucket:Bucket::b | - | a \\| b |").length, 20);
        assert.match(text, /\n\.\.\. and 1 more: see the code scanning alerts or the JSON report\.\n\n$/);
    });

    it("exits 0 when the stack's config makes the only violation advisory", async () => {
        const plan = setProp(securePlan("dev"), "users", "deletionProtection", "INACTIVE");
        assert.equal(await check(["--stack", "dev", "--plan", writePlan(plan)], io()), 0);
        assert.match(out.join("\n"), /cognito-user-pool-deletion-protection\s+advisory/);
    });

    const usageErrors: [string, () => string[], RegExp][] = [
        ["no --stack", () => ["--plan", "x.json"], /--stack is required/],
        ["an unknown stack", () => ["--stack", "qa", "--plan", writePlan(securePlan())], /unknown stack "qa": use one of dev, prod, staging/],
        ["an unknown flag", () => ["--stack", "dev", "--verbose"], /unknown argument --verbose/],
        ["a flag without value", () => ["--stack"], /--stack needs a value/],
        ["an unreadable plan", () => ["--stack", "dev", "--plan", path.join(dir, "missing.json")], /cannot read plan .*missing.json/],
        ["a plan that is not JSON", () => ["--stack", "dev", "--plan", writePlan("{")], /plan .* is not valid JSON/],
    ];
    for (const [what, argv, message] of usageErrors) {
        it(`exits 2 on ${what}`, async () => {
            assert.equal(await check(argv(), io()), 2);
            assert.match(err.join("\n"), message);
            assert.match(err.join("\n"), /usage: npm run check -- --stack <name>/);
        });
    }

    /** Plans an attacker or a broken tool could hand over; each exits 2 with one line naming the resource and field. */
    const malformedPlans: [string, () => unknown, string][] = [
        ["a plan that is a list", () => [securePlan()], "is not an offline plan: expected { project, stack, resources: [{ urn, type, name, props, options, ... }] } (received: "],
        ["resources that are not a list", () => ({ ...securePlan(), resources: { a: 1 } }), "is not an offline plan: expected { project, stack, resources: [{ urn, type, name, props, options, ... }] } (received keys: project, stack, resources, outputs)"],
        ["a plan without resources", () => ({ ...securePlan(), resources: [] }), "has no resources, so it proves nothing: plan the stack again (npm run plan -- --stack <name> --json <file>)"],
        ["a plan of another stack", () => securePlan("dev"), 'is a plan of stack "dev", not "prod": check it with --stack dev, whose policy config it must meet'],
        ["a null resource", () => ({ ...securePlan(), resources: [null] }), "resources[0]: the resource must be an object (received: null)"],
        ["props given as a string", () => editResource((r) => (r.props = "strong")), "resources[0] (urn:pulumi:prod::cognito-stack::aws:cognito/userPool:UserPool::users): props must be an object of inputs (received: \"strong\")"],
        ["options missing", () => editResource((r) => delete r.options), "resources[0] (urn:pulumi:prod::cognito-stack::aws:cognito/userPool:UserPool::users): options must be an object of resource options (received: undefined)"],
        ["protect given as a string", () => editResource((r) => ((r.options as Record<string, unknown>).protect = "true")), "resources[0] (urn:pulumi:prod::cognito-stack::aws:cognito/userPool:UserPool::users): options.protect must be a boolean (received: \"true\")"],
        ["a URN of another stack", () => editResource((r) => (r.urn = String(r.urn).replace("urn:pulumi:prod::", "urn:pulumi:dev::"))), "resources[0] (urn:pulumi:dev::cognito-stack::aws:cognito/userPool:UserPool::users): urn must be urn:pulumi:prod::cognito-stack::<type>::users with type aws:cognito/userPool:UserPool (received: \"urn:pulumi:dev::cognito-stack::aws:cognito/userPool:UserPool::users\")"],
        ["a type its URN does not have", () => editResource((r) => (r.type = "aws:s3/bucket:Bucket")), "resources[0] (urn:pulumi:prod::cognito-stack::aws:cognito/userPool:UserPool::users): urn must be urn:pulumi:prod::cognito-stack::<type>::users with type aws:s3/bucket:Bucket"],
        ["a URN twice", () => { const plan = securePlan(); plan.resources.push(structuredClone(plan.resources[0])); return plan; }, `resources[${securePlan().resources.length}] (urn:pulumi:prod::cognito-stack::aws:cognito/userPool:UserPool::users): urn must be unique in the plan`],
    ];
    function editResource(edit: (r: Record<string, unknown>) => void): unknown {
        const plan = securePlan() as unknown as { resources: Record<string, unknown>[] };
        edit(plan.resources[0]);
        return plan;
    }
    for (const [what, plan, message] of malformedPlans) {
        it(`exits 2 on ${what}, in one line naming the problem`, async () => {
            const file = writePlan(JSON.stringify(plan()));
            assert.equal(await check(["--stack", "prod", "--plan", file], io()), 2);
            assert.deepEqual(out, []);
            assert.equal(err.length, 1);
            assert.ok(err[0].startsWith(`error: plan ${file}: ${message}`), err[0]);
            assert.doesNotMatch(err[0], /\n/);
        });
    }

    it("exits 2 on a prop of the wrong kind, naming the resource and field, with no report", async () => {
        const json = path.join(dir, "report.json");
        const plan = setProp(securePlan(), "web", "writeAttributes", "custom:tenant_id");
        const file = writePlan(plan);
        assert.equal(await check(["--stack", "prod", "--plan", file, "--json", json], io()), 2);
        assert.deepEqual(err, [`error: plan ${file}: urn:pulumi:prod::cognito-stack::aws:cognito/userPoolClient:UserPoolClient::web: UserPoolClient "web".writeAttributes must be a list of strings (received: "custom:tenant_id"): give the value the provider expects.`]);
        assert.equal(fs.existsSync(json), false);
    });

    it("exits 2 on a plan missing a provider output the policies need", async () => {
        const plan = securePlan();
        delete find(plan, "guest-role").outputs!.arn;
        const file = writePlan(plan);
        assert.equal(await check(["--stack", "prod", "--plan", file], io()), 2);
        assert.match(err.join("\n"), /^error: plan .*plan\.json: urn:pulumi:prod::cognito-stack::pulumi:pulumi:Stack::cognito-stack-prod: cannot decide yet: the arn of aws:iam\/role:Role "guest-role" is not known until the resources are created; it is checked again when it is \(an offline plan has every value\)$/m);
    });

    it("exits 2 on a bad policy config", async () => {
        const configDir = path.join(dir, "config");
        fs.mkdirSync(configDir);
        fs.writeFileSync(path.join(configDir, "prod.json"), JSON.stringify({ "cognito-user-pool-mfa": "advisory" }));
        assert.equal(await check(["--stack", "prod", "--plan", writePlan(securePlan())], { ...io(), configDir }), 2);
        assert.match(err.join("\n"), /"cognito-user-pool-mfa" is lowered to advisory without a reason/);
    });

    it("plans the stack through the planner when no --plan is given", async () => {
        const planned: string[] = [];
        const planStack = (stack: string): Promise<Plan> => {
            planned.push(stack);
            return Promise.resolve(setProp(securePlan("staging"), "web", "allowedOauthFlows", ["implicit"]));
        };
        assert.equal(await check(["--stack", "staging"], { ...io(), planStack }), 1);
        assert.deepEqual(planned, ["staging"]);
        assert.match(out.join("\n"), /cognito-client-no-implicit-grant\s+mandatory/);
    });
});
