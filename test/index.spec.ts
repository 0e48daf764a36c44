import * as assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import type { Plan } from "../tools/planTypes";
import { toolArgs } from "./helpers/cli";
import { named, ofType, realPlan, ROOT, STACKS } from "./helpers/plans";

const run = promisify(execFile);

describe("the program (offline plans of the real stacks)", function () {
    this.timeout(120_000);
    const plans: Partial<Record<(typeof STACKS)[number], Plan>> = {};

    before(async () => {
        const all = await Promise.all(STACKS.map((s) => realPlan(s)));
        STACKS.forEach((s, i) => (plans[s] = all[i]));
    });

    for (const stack of STACKS) {
        it(`plans ${stack} without error, with the user pool and its clients`, () => {
            const plan = plans[stack] as Plan;
            assert.equal(plan.project, "cognito-stack");
            assert.equal(plan.stack, stack);
            assert.equal(ofType(plan, "aws:cognito/userPool:UserPool").length, 1);
            assert.ok(ofType(plan, "aws:cognito/userPoolClient:UserPoolClient").length >= 1);
            assert.equal(plan.outputs.userPoolId, named(plan, "aws:cognito/userPool:UserPool", "auth").outputs?.id);
        });
    }

    it("prod holds the pool, client, domain, groups, resource server, risk configuration and all five provider kinds", () => {
        const prod = plans.prod as Plan;
        const pool = named(prod, "aws:cognito/userPool:UserPool", "auth");
        assert.equal(pool.props.mfaConfiguration, "ON");
        assert.equal(pool.props.userPoolTier, "PLUS");
        assert.equal(pool.props.deletionProtection, "ACTIVE");
        assert.deepEqual(pool.props.userPoolAddOns, { advancedSecurityMode: "ENFORCED", advancedSecurityAdditionalFlows: { customAuthMode: "ENFORCED" } });
        assert.equal(pool.options.protect, true);
        assert.equal(named(prod, "aws:cognito/userPoolDomain:UserPoolDomain", "auth-domain").options.deleteBeforeReplace, true);
        assert.deepEqual(ofType(prod, "aws:cognito/userGroup:UserGroup").map((g) => g.props.name).sort(), ["admins", "members"]);
        assert.equal(ofType(prod, "aws:cognito/resourceServer:ResourceServer")[0].props.identifier, "https://api.example.com");
        const risk = named(prod, "aws:cognito/riskConfiguration:RiskConfiguration", "auth-risk");
        assert.deepEqual((risk.props.accountTakeoverRiskConfiguration as any).actions.highAction, { eventAction: "BLOCK", notify: true });
        assert.deepEqual(
            ofType(prod, "aws:cognito/identityProvider:IdentityProvider").map((p) => p.props.providerType).sort(),
            ["Facebook", "Google", "OIDC", "SAML", "SAML", "SignInWithApple"],
        );
    });

    for (const stack of ["dev", "prod"] as const) {
        it(`${stack} links federated users by the providers' own email verification, never by an attribute users write`, () => {
            const plan = plans[stack] as Plan;
            const env = (named(plan, "aws:lambda/function:Function", "auth-trigger-preSignUp").props.environment as { variables: Record<string, string> }).variables;
            assert.equal(env.PROVIDER_EMAIL_VERIFIED_ATTRIBUTE, "custom:idp_email_verified");
            for (const name of ["auth-idp-google", "auth-idp-auth0"]) {
                const mapping = named(plan, "aws:cognito/identityProvider:IdentityProvider", name).props.attributeMapping as Record<string, string>;
                assert.equal(mapping["custom:idp_email_verified"], "email_verified", name);
                assert.equal(mapping.email_verified, undefined, name);
            }
            const client = named(plan, "aws:cognito/userPoolClient:UserPoolClient", "auth-client-web");
            assert.ok((client.props.writeAttributes as string[]).includes("custom:idp_email_verified"));
            for (const attr of ["email_verified", "phone_number_verified", "custom:tenant_id"]) {
                assert.ok(!(client.props.writeAttributes as string[]).includes(attr), `${stack} web client writes ${attr}`);
            }
        });
    }

    it("keeps provider secrets secret in the plan", () => {
        const prod = plans.prod as Plan;
        for (const name of ["auth-idp-google", "auth-idp-facebook", "auth-idp-auth0"]) {
            const details = named(prod, "aws:cognito/identityProvider:IdentityProvider", name).props.providerDetails as Record<string, unknown>;
            assert.equal(details.client_secret, "[secret]", name);
        }
        const apple = named(prod, "aws:cognito/identityProvider:IdentityProvider", "auth-idp-signinwithapple").props.providerDetails as Record<string, unknown>;
        assert.equal(apple.private_key, "[secret]");
        assert.ok(!JSON.stringify(prod).includes("placeholder-"), "a secret placeholder leaked into the plan");
    });

    it("makes the app client depend on every identity provider it names", () => {
        const prod = plans.prod as Plan;
        const client = named(prod, "aws:cognito/userPoolClient:UserPoolClient", "auth-client-web");
        const providerUrns = ofType(prod, "aws:cognito/identityProvider:IdentityProvider").map((p) => p.urn);
        for (const urn of providerUrns) {
            assert.ok(client.dependencies.includes(urn), `client does not depend on ${urn}`);
        }
        assert.deepEqual(client.props.supportedIdentityProviders, ["COGNITO", "Google", "Facebook", "SignInWithApple", "Okta", "EntraID", "Auth0"]);
    });

    it("differs by stack only through config: dev permissive, prod strict", () => {
        const pool = (s: "dev" | "prod") => named(plans[s] as Plan, "aws:cognito/userPool:UserPool", "auth");
        assert.equal(pool("dev").props.mfaConfiguration, "OPTIONAL");
        assert.deepEqual(pool("dev").props.userPoolAddOns, { advancedSecurityMode: "AUDIT" });
        assert.equal(pool("dev").options.protect, false);
        assert.equal(pool("dev").props.deletionProtection, "INACTIVE");
    });

    it("writes the plan JSON in the documented shape (npm run plan -- --json)", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-"));
        const file = path.join(dir, "plan.json");
        try {
            await run(process.execPath, toolArgs("plan", "--stack", "staging", "--json", file), { cwd: ROOT });
            const plan = JSON.parse(fs.readFileSync(file, "utf8"));
            assert.deepEqual(Object.keys(plan).sort(), ["outputs", "project", "resources", "stack"]);
            for (const r of plan.resources) {
                assert.deepEqual(Object.keys(r).filter((k) => k !== "outputs").sort(), ["custom", "dependencies", "name", "options", "parent", "props", "type", "urn"]);
                assert.ok(r.parent === null || typeof r.parent === "string");
                for (const k of ["protect", "retainOnDelete", "ignoreChanges", "deleteBeforeReplace"]) {
                    assert.ok(k in r.options, `${r.urn} options lack ${k}`);
                }
            }
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("fails a config with several mistakes before any resource, naming every key, with no stack trace", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "badcfg-"));
        try {
            fs.copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
            fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ main: path.join(ROOT, "main.js") }));
            const prod = fs.readFileSync(path.join(ROOT, "Pulumi.prod.yaml"), "utf8");
            fs.writeFileSync(
                path.join(dir, "Pulumi.broken.yaml"),
                prod.replace('mfa: "ON"', "mfa: SOMETIMES").replace("passwordMinLength: 14", "passwordMinLength: 4").replace("domainPrefix: acme-auth", "domainPrefix: acme-cognito"),
            );
            const result = await run(process.execPath, toolArgs("plan", "--stack", "broken", "--cwd", dir), { cwd: ROOT }).then(
                () => ({ code: 0, out: "" }),
                (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
            );
            assert.equal(result.code, 1);
            assert.match(result.out, /Stack configuration has 3 problems:/);
            assert.match(result.out, /cognito-stack:mfa must be one of OFF, OPTIONAL, ON \(received: "SOMETIMES"\)/);
            assert.match(result.out, /cognito-stack:passwordMinLength must be at least 6 \(received: 4\)/);
            assert.match(result.out, /cognito-stack:domainPrefix must not contain cognito/);
            assert.doesNotMatch(result.out, /\n\s+at /, "stack trace printed");
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("exits 2 for an unknown stack, listing the stacks", async () => {
        const err = await run(process.execPath, toolArgs("plan", "--stack", "qa"), { cwd: ROOT }).then(
            () => undefined,
            (e: { code: number; stderr: string; stdout: string }) => e,
        );
        assert.ok(err);
        assert.equal(err.code, 2);
        assert.match(err.stderr + err.stdout, /dev/);
        assert.match(err.stderr + err.stdout, /prod/);
        assert.match(err.stderr + err.stdout, /staging/);
    });
});
