import * as assert from "node:assert/strict";
import { parseStackConfig } from "../../config";
import { formatIssue } from "../../components/issues";

const bag = (o: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(o).map(([k, v]) => [`cognito-stack:${k}`, typeof v === "string" ? v : JSON.stringify(v)]));

function problems(o: Record<string, unknown>, secrets: string[] = []): string[] {
    const r = parseStackConfig(bag(o), secrets);
    return r.ok ? [] : r.issues.map((i) => formatIssue(i, "cognito-stack:"));
}

describe("parseStackConfig", () => {
    it("applies defaults to a minimal config", () => {
        const r = parseStackConfig(bag({ environment: "dev" }));
        assert.ok(r.ok);
        assert.equal(r.config.mfa, "OPTIONAL");
        assert.deepEqual(r.config.mfaFactors, ["TOTP"]);
        assert.equal(r.config.passwordMinLength, 12);
        assert.deepEqual(r.config.appClients.map((c) => [c.name, c.refreshTokenRotation, c.oauthFlows]), [["web", true, ["code"]]]);
    });

    it("reads numbers and booleans as the engine passes them (text)", () => {
        const r = parseStackConfig({ "cognito-stack:environment": "dev", "cognito-stack:passwordMinLength": "16", "cognito-stack:selfSignUp": "false" });
        assert.ok(r.ok);
        assert.equal(r.config.passwordMinLength, 16);
        assert.equal(r.config.selfSignUp, false);
    });

    it("ignores other namespaces", () => assert.ok(parseStackConfig({ ...bag({ environment: "dev" }), "aws:region": "eu-west-1" }).ok));

    it("reports every problem at once, each naming its key, rule, value and fix", () => {
        const out = problems({ environment: "prod", mfa: "MAYBE", passwordMinLength: 4, domainPrefix: "my-cognito", protect: false, mfaFactor: ["TOTP"] });
        assert.deepEqual(out, [
            'cognito-stack:mfa must be one of OFF, OPTIONAL, ON (received: "MAYBE"). Fix: set one of OFF, OPTIONAL, ON (pulumi config set cognito-stack:mfa <value>)',
            "cognito-stack:passwordMinLength must be at least 6 (received: 4). Fix: correct cognito-stack:passwordMinLength in Pulumi.<stack>.yaml; the README's config reference gives its type and default",
            'cognito-stack:mfaFactor has unknown key "mfaFactor". Fix: remove mfaFactor or correct the spelling; the README lists every key',
            "cognito-stack:protect must be true in prod (a replaced or deleted pool loses every user) (received: false). Fix: pulumi config set protect true",
            "cognito-stack:deletionProtection must be true in prod (received: false). Fix: pulumi config set deletionProtection true",
            "cognito-stack:retainDataOnDelete must be true in prod (the bucket and table hold users' data) (received: false). Fix: pulumi config set retainDataOnDelete true",
            'cognito-stack:domainPrefix must not contain cognito (reserved by AWS) (received: "my-cognito"). Fix: choose a prefix without aws, amazon or cognito',
        ]);
    });

    it("requires the environment", () =>
        assert.deepEqual(problems({}), ["cognito-stack:environment is required (received: nothing). Fix: set it: pulumi config set cognito-stack:environment <value>"]));

    it("names nested fields by path", () =>
        assert.match(problems({ environment: "dev", appClients: [{ name: "web", callbackUrls: ["ftp://x"] }] })[0], /^cognito-stack:appClients\[0\]\.callbackUrls\[0\] must be an https:\/\/ URL \(http:\/\/ only for localhost\) \(received: "ftp:\/\/x"\)/));

    it("rejects implicit grant", () =>
        assert.match(problems({ environment: "dev", appClients: [{ name: "web", oauthFlows: ["implicit"] }] })[0], /^cognito-stack:appClients\[0\]\.oauthFlows\[0\] must be one of code/));

    it("rejects JSON that does not parse for structured keys", () =>
        assert.match(problems({ environment: "dev", groups: "[{name: x" })[0], /^cognito-stack:groups must be valid YAML\/JSON of its type/));

    it("requires provider secrets, read from the secret keys", () => {
        const google = { environment: "dev", google: { clientId: "1-a.apps.googleusercontent.com" }, appClients: [{ name: "web" }] };
        assert.deepEqual(problems(google), [
            "cognito-stack:googleClientSecret is required when google is configured (received: nothing). Fix: pulumi config set --secret googleClientSecret <client secret>",
        ]);
        assert.deepEqual(problems({ ...google, googleClientSecret: "[secret]" }), []);
    });

    it("checks app clients against the providers and scopes configured", () =>
        assert.match(
            problems({ environment: "dev", domainPrefix: "acme", appClients: [{ name: "web", callbackUrls: ["https://a/cb"], identityProviders: ["COGNITO", "Okta"] }] })[0],
            /^cognito-stack:appClients\[0\]\.identityProviders names Okta, which is not configured/,
        ));
});
