import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Report, check } from "../../tools/check";
import type { Plan } from "../../tools/planTypes";
import { securePlan, setProp } from "../policies/fixtures";

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
        assert.deepEqual(Object.keys(report.violations[0]).sort(), ["enforcementLevel", "message", "policy", "severity", "urn"]);
        assert.equal(report.violations[0].urn, "urn:pulumi:prod::cognito-stack::aws:apigateway/method:Method::items-get");
        assert.equal(report.violations[0].severity, "critical");
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
