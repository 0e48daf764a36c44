/**
 * A few stack configs through `npm run plan`, as a user runs it: the offline planner's copy of
 * the engine (Pulumi.yaml, secure: values, scalars as text) in front of the real program. The
 * many other cases run in-process (corpus.spec.ts).
 */
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { toolArgs } from "../helpers/cli";
import { ROOT } from "../helpers/plans";

function plan(stackYaml: string, extra: string[] = [], stack = "qa"): { status: number | null; out: string; dir: string } {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "config-plan-"));
    fs.copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ main: path.join(ROOT, "main.js") }));
    fs.writeFileSync(path.join(dir, `Pulumi.${stack}.yaml`), stackYaml);
    const r = spawnSync(process.execPath, toolArgs("plan", "--stack", stack, "--cwd", dir, ...extra), { cwd: ROOT, encoding: "utf8", timeout: 120_000 });
    return { status: r.status, out: r.stdout + r.stderr, dir };
}

describe("npm run plan with a stack config", function () {
    this.timeout(180_000);
    const dirs: string[] = [];
    after(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

    it("exits 1 naming every mistake of the stack file, a plain-text secret and a misspelt namespace too, without a stack trace", () => {
        const prod = fs.readFileSync(path.join(ROOT, "Pulumi.prod.yaml"), "utf8");
        const broken = prod
            .replace("cognito-stack:protect: true", 'cognito-stack:protect: "yes"')
            .replace('cognito-stack:mfa: "ON"', "cognito-stak:mfa: \"ON\"\n  cognito-stack:mfa: SOMETIMES")
            .replace("cognito-stack:passwordMinLength: 14", "cognito-stack:passwordMinLength: 4")
            .replace("callbackUrls: [https://app.example.com/callback]", "callbackUrls: [https://app.example.com/callback#done]")
            .replace("cognito-stack:googleClientSecret:\n    secure: v1:placeholder-prod-google-client-secret", "cognito-stack:googleClientSecret: plain-google-secret");
        assert.notEqual(broken, prod);
        const r = plan(broken);
        dirs.push(r.dir);
        assert.equal(r.status, 1, r.out);
        assert.match(r.out, /Stack configuration has 6 problems:/);
        for (const line of [
            'cognito-stack:protect must be true or false (received: "yes")',
            'cognito-stack:mfa must be one of OFF, OPTIONAL, ON (received: "SOMETIMES")',
            "cognito-stack:passwordMinLength must be at least 6 (received: 4)",
            'cognito-stack:appClients[0].callbackUrls[0] must not contain a #fragment (OAuth 2.0 redirect URIs cannot have one, RFC 6749 section 3.1.2) (received: "https://app.example.com/callback#done")',
            "cognito-stack:googleClientSecret must be encrypted (secure: in the stack file), not plain text",
            'cognito-stak:mfa is in the namespace cognito-stak, which this program does not read (its keys are cognito-stack:<key>) (received: "ON"). Fix: did you mean cognito-stack:mfa?',
        ]) {
            assert.ok(r.out.includes(line), `missing: ${line}\n${r.out}`);
        }
        assert.ok(!r.out.includes("plain-google-secret"), "the secret was printed");
        assert.doesNotMatch(r.out, /\n\s+at /, "stack trace printed");
    });

    it("plans a valid unusual config: MFA off, a native app's callback, refresh tokens for 12 hours, a long stack name", () => {
        const json = path.join(os.tmpdir(), `config-plan-${process.pid}.json`);
        const r = plan(
            [
                "config:",
                "  cognito-stack:environment: dev",
                "  cognito-stack:mfa: OFF",
                "  cognito-stack:protect: False",
                "  cognito-stack:domainPrefix: acme-native",
                "  cognito-stack:appClients:",
                "    - name: ios",
                "      kind: native",
                "      callbackUrls: [myapp://callback]",
                "      refreshTokenValidityDays: 0.5",
                "  cognito-stack:groups: [{ name: members }]",
                "  cognito-stack:triggers:",
                "    postConfirmation: { senderEmail: no-reply@example.com, defaultGroup: members }",
                "",
            ].join("\n"),
            ["--json", json],
            "valid-unusual-native-app-with-mfa-off",
        );
        dirs.push(r.dir);
        try {
            assert.equal(r.status, 0, r.out);
            const planned = JSON.parse(fs.readFileSync(json, "utf8")) as { resources: { type: string; props: Record<string, unknown> }[] };
            const pool = planned.resources.find((x) => x.type === "aws:cognito/userPool:UserPool");
            const client = planned.resources.find((x) => x.type === "aws:cognito/userPoolClient:UserPoolClient");
            assert.equal(pool?.props.mfaConfiguration, "OFF");
            assert.deepEqual([client?.props.callbackUrls, client?.props.refreshTokenValidity, client?.props.allowedOauthFlows], [["myapp://callback"], 12, ["code"]]);
            // Lambda names are at most 64 characters: a long stack name is cut and hashed.
            const functions = planned.resources.filter((x) => x.type === "aws:lambda/function:Function").map((x) => String(x.props.name));
            assert.deepEqual(functions.map((n) => [n.length <= 64, /^cognito-stack-valid-unusual-native-app-with-mfa-off-[\w-]*-[0-9a-f]{8}$/.test(n)]), [[true, true]]);
        } finally {
            fs.rmSync(json, { force: true });
        }
    });
});
