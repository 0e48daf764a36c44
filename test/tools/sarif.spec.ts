import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { policies } from "../../policies/all";
import { runPolicyPack, type Violation } from "../../policies/runner";
import { readStackConfig } from "../../tools/check";
import { componentPlaces, configKeyPlaces, POLICY_CONFIG_KEYS, toSarif } from "../../tools/sarif";
import { stackConfigShape } from "../../config/schema";
import { ROOT, STACKS, named, realPlan, type StackName } from "../helpers/plans";
import { schemaErrors } from "../helpers/schemas";
import { T, clonePlan, setProp } from "../policies/mutate";

/** 1-based line of the first line of `file` that starts with `prefix` (found by text, not YAML). */
function lineOf(file: string, prefix: string): number {
    const lines = fs.readFileSync(path.join(ROOT, file), "utf8").split("\n");
    const i = lines.findIndex((l) => l.startsWith(prefix));
    assert.ok(i >= 0, `${file} has a line starting with ${prefix}`);
    return i + 1;
}

interface SarifResult {
    ruleId: string;
    ruleIndex: number;
    level: string;
    message: { text: string };
    locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } }; logicalLocations: { fullyQualifiedName: string }[] }[];
    relatedLocations?: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } }; message: { text: string } }[];
    partialFingerprints: Record<string, string>;
    properties: { anchors: { covers: string[]; beyond: string[] } };
}
interface SarifRule {
    id: string;
    shortDescription: { text: string };
    help: { text: string; markdown: string };
    defaultConfiguration: { enabled: boolean; level: string };
    properties: { tags: string[]; "security-severity"?: string };
}
interface SarifLog {
    version: string;
    runs: { tool: { driver: { name: string; rules: SarifRule[] } }; automationDetails: { id: string }; results: SarifResult[] }[];
}

async function sarifOf(stack: StackName, violations?: Violation[]): Promise<SarifLog> {
    const config = readStackConfig(stack);
    const found = violations ?? (await runPolicyPack(await realPlan(stack), config));
    return toSarif(found, { stack, policyConfig: config }) as SarifLog;
}

const where = (r: SarifResult): string => {
    const { artifactLocation, region } = r.locations[0].physicalLocation;
    return `${artifactLocation.uri}:${region.startLine}`;
};

describe("SARIF of the offline check", function () {
    this.timeout(120_000);

    for (const stack of STACKS) {
        it(`the SARIF of the real ${stack} stack validates against the SARIF 2.1.0 schema, one rule per policy, one result per violation`, async () => {
            const config = readStackConfig(stack);
            const violations = await runPolicyPack(await realPlan(stack), config);
            const log = await sarifOf(stack, violations);
            assert.deepEqual(schemaErrors("sarif-2.1.0.json", log), []);
            assert.equal(log.version, "2.1.0");
            const run = log.runs[0];
            assert.equal(run.tool.driver.name, "cognito-stack policy pack");
            assert.equal(run.automationDetails.id, `cognito-stack-policy/${stack}/`);
            assert.deepEqual(run.tool.driver.rules.map((r) => r.id), policies.map((p) => p.name));
            assert.equal(run.results.length, violations.length);
            for (const r of run.results) {
                assert.equal(run.tool.driver.rules[r.ruleIndex].id, r.ruleId);
            }
        });
    }

    it("levels, locations and messages of the dev stack's advisories: the stack file's key, else the project default", async () => {
        const log = await sarifOf("dev");
        const results = log.runs[0].results;
        assert.deepEqual(results.map((r) => [r.ruleId, r.level, where(r)]), [
            ["cognito-user-pool-threat-protection", "warning", `Pulumi.dev.yaml:${lineOf("Pulumi.dev.yaml", "  cognito-stack:threatProtection:")}`],
            ["cognito-user-pool-deletion-protection", "warning", `Pulumi.yaml:${lineOf("Pulumi.yaml", "  deletionProtection:")}`],
            ["cognito-user-pool-deletion-protection", "warning", `Pulumi.yaml:${lineOf("Pulumi.yaml", "  deletionProtection:")}`],
            ["dynamodb-table-deletion-protection", "warning", `Pulumi.yaml:${lineOf("Pulumi.yaml", "  deletionProtection:")}`],
            ["dynamodb-table-deletion-protection", "warning", `Pulumi.yaml:${lineOf("Pulumi.yaml", "  deletionProtection:")}`],
        ]);
        const [threat] = results;
        assert.equal(threat.message.text, "userPoolAddOns.advancedSecurityMode is AUDIT: set it to ENFORCED. (resource urn:pulumi:dev::cognito-stack::cognito-stack:cognito:UserPool$aws:cognito/userPool:UserPool::auth; cognito-stack:threatProtection in Pulumi.dev.yaml)");
        assert.equal(threat.locations[0].physicalLocation.region.startColumn, 3);
        assert.equal(threat.locations[0].logicalLocations[0].fullyQualifiedName, "urn:pulumi:dev::cognito-stack::cognito-stack:cognito:UserPool$aws:cognito/userPool:UserPool::auth");
        assert.deepEqual(threat.relatedLocations?.map((l) => [l.physicalLocation.artifactLocation.uri, l.physicalLocation.region.startLine, l.message.text]), [
            ["components/userPool.ts", lineOf("components/userPool.ts", '        super("cognito-stack:cognito:UserPool"'), "the component that declares the resource"],
        ]);
        assert.deepEqual(threat.properties.anchors, { covers: ["Cognito.1", "AwsSolutions-COG3"], beyond: ["AwsSolutions-COG8"] });
        assert.match(threat.partialFingerprints["cognitoStackViolation/v1"], /^[0-9a-f]{64}$/);
        assert.notEqual(threat.partialFingerprints["cognitoStackViolation/v1"], results[1].partialFingerprints["cognitoStackViolation/v1"]);
        assert.deepEqual((await sarifOf("dev")).runs[0].results.map((r) => r.partialFingerprints), results.map((r) => r.partialFingerprints), "stable across runs");
    });

    it("a mandatory violation is an error at the stack file's key; rule levels follow the stack's policy config", async () => {
        const plan = clonePlan(await realPlan("prod"));
        setProp(plan, T.userPool, "auth", "mfaConfiguration", "OFF");
        const config = readStackConfig("prod");
        const log = await sarifOf("prod", await runPolicyPack(plan, config));
        assert.deepEqual(schemaErrors("sarif-2.1.0.json", log), []);
        const [mfa] = log.runs[0].results;
        assert.deepEqual([mfa.ruleId, mfa.level, where(mfa)], ["cognito-user-pool-mfa", "error", `Pulumi.prod.yaml:${lineOf("Pulumi.prod.yaml", "  cognito-stack:mfa:")}`]);
        const rule = (stack: SarifLog, id: string) => stack.runs[0].tool.driver.rules.find((r) => r.id === id)!;
        assert.deepEqual(rule(log, "cognito-user-pool-threat-protection").defaultConfiguration, { enabled: true, level: "error" });
        assert.deepEqual(rule(await sarifOf("dev", []), "cognito-user-pool-threat-protection").defaultConfiguration, { enabled: true, level: "warning" });
    });

    it("a resource whose policy no config key drives points at the innermost component that declares it", async () => {
        const plan = await realPlan("dev");
        const role = named(plan, T.role, "auth-trigger-preSignUp-role");
        const v: Violation = { policy: "iam-service-role-permissions", enforcementLevel: "mandatory", severity: "critical", urn: role.urn, message: "m", description: "d", anchors: { covers: [], beyond: [] } };
        const stackWide: Violation = { ...v, policy: "wafv2-web-acl-association", urn: "urn:pulumi:dev::cognito-stack::pulumi:pulumi:Stack::cognito-stack-dev" };
        const [onRole, onStack] = (await sarifOf("dev", [v, stackWide])).runs[0].results;
        assert.equal(role.urn.split("::")[2], "cognito-stack:cognito:Triggers$cognito-stack:lambda:Function$aws:iam/role:Role");
        assert.equal(where(onRole), `components/lambdaFunction.ts:${lineOf("components/lambdaFunction.ts", '        super("cognito-stack:lambda:Function"')}`);
        assert.equal(onRole.relatedLocations, undefined);
        assert.equal(onRole.message.text, `m (resource ${role.urn}; the component that declares the resource)`);
        assert.equal(where(onStack), `Pulumi.dev.yaml:${lineOf("Pulumi.dev.yaml", "  cognito-stack:waf:")}`);
    });

    it("rules carry the description, help with the fix and the controls, tags and a security severity", async () => {
        const rules = (await sarifOf("prod", [])).runs[0].tool.driver.rules;
        const mfa = rules.find((r) => r.id === "cognito-user-pool-mfa")!;
        assert.equal(mfa.shortDescription.text, "Checks whether user pools require MFA and enable only allowed factors.");
        assert.deepEqual(mfa.properties.tags, ["security", "pulumi-policy", "AwsSolutions-COG2", "Cognito.5"]);
        assert.equal(mfa.properties["security-severity"], "8.0");
        assert.match(mfa.help.text, /^- AwsSolutions-COG2 \(cdk-nag\): The Cognito user pool does not require MFA\.$/m);
        assert.match(mfa.help.markdown, /^\| \[Cognito\.5\]\(https:\/\/docs\.aws\.amazon\.com\/securityhub\/latest\/userguide\/cognito-controls\.html#cognito-5\) \| AWS Security Hub \| MFA should be enabled for Cognito user pools \| goes beyond \|$/m);
        const none = rules.find((r) => r.id === "cognito-client-privileged-attributes")!;
        assert.match(none.help.markdown, /^No published control matches: No published control checks which attributes app clients let users write\.$/m);
    });

    it("the schema test can fail: a log with a wrong level or no tool name is refused", () => {
        const errors = schemaErrors("sarif-2.1.0.json", { version: "2.1.0", runs: [{ tool: { driver: {} }, results: [{ ruleId: "x", level: "fatal", message: { text: "m" } }] }] });
        assert.ok(errors.some((e) => e.startsWith("/runs/0/tool/driver must have required property 'name'")), errors.join("\n"));
        assert.ok(errors.some((e) => e.startsWith("/runs/0/results/0/level must be equal to one of the allowed values")), errors.join("\n"));
    });

    it("reads config keys from YAML as written, and every mapped key is a key of the stack config", () => {
        const places = configKeyPlaces("Pulumi.x.yaml", "# c\nconfig:\n  aws:region: us-east-1\n  cognito-stack:mfa: ON\n  'cognito-stack:waf':\n    rateLimit: 1\n");
        assert.deepEqual([...places.entries()], [
            ["aws:region", { uri: "Pulumi.x.yaml", line: 3, column: 3 }],
            ["cognito-stack:mfa", { uri: "Pulumi.x.yaml", line: 4, column: 3 }],
            ["cognito-stack:waf", { uri: "Pulumi.x.yaml", line: 5, column: 3 }],
        ]);
        assert.deepEqual([...configKeyPlaces("f", "not: [config")], []);
        for (const [policy, keys] of Object.entries(POLICY_CONFIG_KEYS)) {
            assert.ok(policies.some((p) => p.name === policy), `${policy} is a policy`);
            for (const key of keys) assert.ok(key in stackConfigShape, `${key} is a stack config key`);
        }
        assert.deepEqual(componentPlaces().get("cognito-stack:data:DataAccess"), { uri: "components/dataAccess.ts", line: lineOf("components/dataAccess.ts", '        super("cognito-stack:data:DataAccess"'), column: 9 });
    });
});
