import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { formatConfigIssue, loadSecrets, loadStackConfig, parseStackConfig } from "../../config";

/** The engine's form: top-level scalars as text, lists and objects as JSON. */
const bag = (o: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(o).map(([k, v]) => [k.includes(":") ? k : `cognito-stack:${k}`, typeof v === "string" ? v : JSON.stringify(v)]));

function problems(o: Record<string, unknown>, secretKeys?: string[]): string[] {
    const r = parseStackConfig(bag(o), secretKeys);
    return r.ok ? [] : r.issues.map(formatConfigIssue);
}

const GOOGLE = { google: { clientId: "1-a.apps.googleusercontent.com" }, domainPrefix: "acme", appClients: [{ name: "web", callbackUrls: ["https://app.example.com/cb"] }] };

describe("parseStackConfig", () => {
    it("applies defaults to a minimal config", () => {
        const r = parseStackConfig(bag({ environment: "dev" }));
        assert.ok(r.ok);
        assert.equal(r.config.mfa, "OPTIONAL");
        assert.deepEqual(r.config.mfaFactors, ["TOTP"]);
        assert.deepEqual(r.config.usernameAttributes, ["email"]);
        assert.equal(r.config.passwordMinLength, 12);
        assert.deepEqual(r.config.appClients.map((c) => [c.name, c.refreshTokenRotation, c.oauthFlows]), [["web", true, ["code"]]]);
    });

    it("reads numbers and booleans as the engine passes them (text, booleans in YAML 1.2's spellings)", () => {
        const r = parseStackConfig({ "cognito-stack:environment": "dev", "cognito-stack:passwordMinLength": "16", "cognito-stack:selfSignUp": "False", "cognito-stack:protect": "TRUE" });
        assert.ok(r.ok);
        assert.equal(r.config.passwordMinLength, 16);
        assert.equal(r.config.selfSignUp, false);
        assert.equal(r.config.protect, true);
    });

    it("ignores other namespaces", () => assert.ok(parseStackConfig({ ...bag({ environment: "dev" }), "aws:region": "eu-west-1", "pulumi:disable-default-providers": '["*"]' }).ok));

    it("reports the type, range and enum mistakes of one run together, and the prod rules they leave standing", () =>
        assert.deepEqual(problems({ environment: "prod", protect: "yes", mfa: "MAYBE", passwordMinLength: 5, domainPrefix: "my-cognito", mfaFactor: ["TOTP"] }), [
            'cognito-stack:protect must be true or false (received: "yes"). Fix: pulumi config set protect true (YAML\'s yes/no/on/off are text, not booleans)',
            'cognito-stack:mfa must be one of OFF, OPTIONAL, ON (received: "MAYBE"). Fix: pulumi config set mfa <OFF|OPTIONAL|ON>',
            "cognito-stack:passwordMinLength must be at least 6 (received: 5). Fix: use a value from 6 to 99: pulumi config set passwordMinLength 6",
            'cognito-stack:mfaFactor is not a setting of this program (received: ["TOTP"]). Fix: did you mean mfaFactors? rename it in Pulumi.<stack>.yaml (or pulumi config rm mfaFactor and pulumi config set mfaFactors <value>)',
            "cognito-stack:deletionProtection must be true in prod (received: false). Fix: pulumi config set deletionProtection true",
            "cognito-stack:retainDataOnDelete must be true in prod (the bucket and table hold users' data) (received: false). Fix: pulumi config set retainDataOnDelete true",
            'cognito-stack:domainPrefix must not contain cognito (reserved by AWS) (received: "my-cognito"). Fix: choose a prefix without aws, amazon or cognito',
        ]));

    it("requires the environment, with every other problem", () =>
        assert.deepEqual(problems({ mfa: "on" }), [
            "cognito-stack:environment is required (received: nothing). Fix: pulumi config set environment dev (or staging, prod): it decides how strict the stack is",
            'cognito-stack:mfa must be one of OFF, OPTIONAL, ON (received: "on"). Fix: did you mean ON? pulumi config set mfa ON',
        ]));

    it("names nested settings by path, and suggests the setting a misspelt one resembles", () =>
        assert.deepEqual(problems({ environment: "dev", domainPrefix: "acme", appClients: [{ name: "web", callbackUrl: ["https://a.example.com/cb"], callbackUrls: ["ftp://x"] }] }), [
            'cognito-stack:appClients[0].callbackUrls[0] must not use the ftp: scheme (only https, http://localhost, or an app\'s own scheme) (received: "ftp://x"). Fix: register the exact URL the app receives the code at: https://app.example.com/callback, http://localhost:3000/callback or myapp://callback',
            'cognito-stack:appClients[0].callbackUrl is not a setting of appClients[0] (received: ["https://a.example.com/cb"]). Fix: did you mean callbackUrls? appClients[0] takes name, callbackUrls, logoutUrls, generateSecret, identityProviders, oauthScopes, oauthFlows, explicitAuthFlows, accessTokenValidityMinutes, idTokenValidityMinutes, refreshTokenValidityDays, authSessionValidityMinutes, refreshTokenRotation, refreshTokenGracePeriodSeconds, propagateUserContextData, kind, defaultRedirectUri, readAttributes, writeAttributes',
        ]));

    it("refuses an object or a list for a text key", () =>
        assert.deepEqual(problems({ environment: "dev", emailReplyTo: { address: "a@example.com" } }), [
            'cognito-stack:emailReplyTo must be text, not an object (received: {"address":"a@example.com"}). Fix: set it to a single value: pulumi config set emailReplyTo <text>',
        ]));

    it("reports a misspelt namespace instead of ignoring it, and keeps the rules away from the key it meant", () =>
        assert.deepEqual(problems({ environment: "prod", protect: true, deletionProtection: true, retainDataOnDelete: true, "cognito-stak:mfa": "ON", mfaFactors: [] }), [
            'cognito-stak:mfa is in the namespace cognito-stak, which this program does not read (its keys are cognito-stack:<key>) (received: "ON"). Fix: did you mean cognito-stack:mfa? rename the key in Pulumi.<stack>.yaml (inside this project, mfa alone is enough)',
        ]));

    it("points AWS's names for a setting at the key that holds it", () => {
        assert.match(problems({ environment: "dev", mfaConfiguration: "ON" })[0], /^cognito-stack:mfaConfiguration is not a setting of this program \(received: "ON"\)\. Fix: did you mean mfa\?/);
        assert.match(problems({ environment: "dev", userPoolTier: "PLUS" })[0], /Fix: did you mean featurePlan\?/);
        assert.match(problems({ environment: "dev", region: "eu-west-1" })[0], /Fix: the region is the AWS provider's: pulumi config set aws:region <region>/);
    });

    describe("secrets", () => {
        it("requires a provider's secret, and accepts it encrypted", () => {
            assert.deepEqual(problems({ environment: "dev", ...GOOGLE }, []), [
                "cognito-stack:googleClientSecret is required when google is configured (received: nothing). Fix: pulumi config set --secret googleClientSecret <client secret>",
            ]);
            assert.deepEqual(problems({ environment: "dev", ...GOOGLE, googleClientSecret: "s3cr3t" }, ["cognito-stack:googleClientSecret"]), []);
        });

        it("refuses a secret written in plain text, without showing it, with the command that encrypts it", () => {
            const out = problems({ environment: "dev", ...GOOGLE, googleClientSecret: "s3cr3t-value" }, []);
            assert.deepEqual(out, [
                'cognito-stack:googleClientSecret must be encrypted (secure: in the stack file), not plain text (received: "[plain text, not shown]"). Fix: pulumi config set --secret googleClientSecret <client secret>; then rotate it, as the plain value is in the file\'s history',
            ]);
            assert.ok(!out.join("\n").includes("s3cr3t"));
        });

        it("checks each secret key, OIDC secrets as a map of provider names", () => {
            const out = problems(
                { environment: "dev", facebook: { appId: "100000000000001" }, facebookAppSecret: "x", applePrivateKey: "k", oidcClientSecrets: { Auth0: "y" }, apple: { servicesId: "com.example", teamId: "ABCDE12345", keyId: "KEY1234567" } },
                ["cognito-stack:applePrivateKey"],
            );
            assert.deepEqual(out.map((l) => l.slice(0, l.indexOf(" (received"))), [
                "cognito-stack:facebookAppSecret must be encrypted (secure: in the stack file), not plain text",
                "cognito-stack:oidcClientSecrets must be encrypted (secure: in the stack file), not plain text",
            ]);
            assert.match(out[1], /Fix: pulumi config set --secret --path 'oidcClientSecrets\.<provider name>' <client secret>/);
        });

        it("leaves secrecy unchecked when the caller does not know which keys are secret", () =>
            assert.deepEqual(problems({ environment: "dev", ...GOOGLE, googleClientSecret: "[secret]" }), []));

        it("never shows the value of a misspelt secret key", () => {
            const out = problems({ environment: "dev", ...GOOGLE, googleClientSecet: "s3cr3t", "cognito-stak:googleClientSecret": "s3cr3t" }, ["cognito-stack:googleClientSecet"]);
            assert.equal(out.length, 2, out.join("\n"));
            assert.ok(!out.join("\n").includes("s3cr3t"), out.join("\n"));
            assert.match(out[0], /^cognito-stack:googleClientSecet is not a setting of this program \(received: "\[secret\]"\)\. Fix: did you mean googleClientSecret\? set it encrypted: pulumi config set --secret googleClientSecret <client secret>/);
        });

        it("sends a secret written inside a provider's settings to its own encrypted key", () =>
            assert.deepEqual(problems({ environment: "dev", ...GOOGLE, google: { clientId: "1-a.apps.googleusercontent.com", clientSecret: "s3cr3t" } }, []), [
                'cognito-stack:google.clientSecret is not a setting of google (received: "[hidden: looks like a secret]"). Fix: remove it: the secret has its own key, set encrypted with pulumi config set --secret googleClientSecret <client secret>',
            ]));

        it("names the OIDC secret whose provider name is spelt differently", () =>
            assert.match(
                problems({ environment: "dev", oidcProviders: [{ name: "Auth0", clientId: "c", issuer: "https://acme.auth0.com/" }], oidcClientSecrets: { auth0: "s" } }, ["cognito-stack:oidcClientSecrets"])[0],
                /^cognito-stack:oidcClientSecrets\.Auth0 is required for OIDC provider Auth0 \(received: nothing\)\. Fix: oidcClientSecrets has auth0 instead \(names must match exactly\)/,
            ));
    });

    it("follows mfa and aliasAttributes for the defaults of mfaFactors and usernameAttributes", () => {
        const off = parseStackConfig(bag({ environment: "dev", mfa: "OFF" }));
        assert.ok(off.ok);
        assert.deepEqual(off.config.mfaFactors, []);
        const alias = parseStackConfig(bag({ environment: "dev", aliasAttributes: ["preferred_username", "email"] }));
        assert.ok(alias.ok);
        assert.deepEqual(alias.config.usernameAttributes, []);
        // Set explicitly, they are checked as written.
        assert.match(problems({ environment: "dev", mfa: "OFF", mfaFactors: ["TOTP"] })[0], /^cognito-stack:mfaFactors must be empty when mfa is OFF/);
        assert.match(problems({ environment: "dev", aliasAttributes: ["email"], usernameAttributes: ["email"] })[0], /^cognito-stack:aliasAttributes cannot be combined with usernameAttributes/);
    });
});

describe("parseStackConfig: keys outside the program", () => {
    it("reports a namespace three edits from ours, naming the key it meant", () =>
        assert.deepEqual(problems({ environment: "dev", "cogntio_stak:mfaConfiguration": "ON" }), [
            'cogntio_stak:mfaConfiguration is in the namespace cogntio_stak, which this program does not read (its keys are cognito-stack:<key>) (received: "ON"). Fix: did you mean cognito-stack:mfa? rename the key in Pulumi.<stack>.yaml (inside this project, mfa alone is enough)',
        ]));

    it("hides a secret under a misspelt namespace", () =>
        assert.deepEqual(problems({ environment: "dev", ...GOOGLE, googleClientSecret: "s", "cognito-stak:googleClientSecret": "s3cr3t" }, ["cognito-stack:googleClientSecret"]), [
            'cognito-stak:googleClientSecret is in the namespace cognito-stak, which this program does not read (its keys are cognito-stack:<key>) (received: "[secret]"). Fix: did you mean cognito-stack:googleClientSecret? rename the key in Pulumi.<stack>.yaml (inside this project, googleClientSecret alone is enough)',
        ]));

    it("ignores keys without a namespace and namespaces far from ours", () =>
        assert.deepEqual(parseStackConfig({ "cognito-stack:environment": "dev", "cognito-stack": "dev", "aws:region": "eu-west-1", "kubernetes:context": "x" }).ok, true));

    it("shows an unknown key's value as the stack file held it: text as text, broken JSON as written", () =>
        assert.deepEqual(problems({ environment: "dev", passwordLength: "16", mfaFactor: "[TOTP" }), [
            'cognito-stack:passwordLength is not a setting of this program (received: "16"). Fix: did you mean passwordMinLength? rename it in Pulumi.<stack>.yaml (or pulumi config rm passwordLength and pulumi config set passwordMinLength <value>)',
            'cognito-stack:mfaFactor is not a setting of this program (received: "[TOTP"). Fix: did you mean mfaFactors? rename it in Pulumi.<stack>.yaml (or pulumi config rm mfaFactor and pulumi config set mfaFactors <value>)',
        ]));

    it("hides the value of an unknown key named like a private key, even when the engine says it is plain", () =>
        assert.deepEqual(problems({ environment: "dev", privateKey: "-----BEGIN PRIVATE KEY-----" }, []), [
            'cognito-stack:privateKey is not a setting of this program (received: "[secret]"). Fix: did you mean applePrivateKey? set it encrypted: pulumi config set --secret applePrivateKey -- "$(cat AuthKey_<keyId>.p8)", then pulumi config rm privateKey',
        ]));

    it("takes no Object member for an alias of a key", () =>
        assert.deepEqual(problems({ environment: "dev", constructor: "x", toString: "y" }), [
            'cognito-stack:constructor is not a setting of this program (received: "x"). Fix: remove it (pulumi config rm constructor); the README\'s Configuration section lists every key',
            'cognito-stack:toString is not a setting of this program (received: "y"). Fix: remove it (pulumi config rm toString); the README\'s Configuration section lists every key',
        ]));
});

describe("parseStackConfig: secrets of the wrong shape", () => {
    const AUTH0 = { oidcProviders: [{ name: "Auth0", clientId: "c", issuer: "https://acme.auth0.com/" }] };
    const OIDC_FIX = "Fix: pulumi config set --secret --path 'oidcClientSecrets.<provider name>' <client secret>";

    it("an empty secret", () =>
        assert.deepEqual(problems({ environment: "dev", ...GOOGLE, googleClientSecret: "" }, ["cognito-stack:googleClientSecret"]), [
            'cognito-stack:googleClientSecret must not be empty (received: "[secret]"). Fix: pulumi config set --secret googleClientSecret <client secret>',
        ]));

    it("OIDC secrets as text: that alone, not also each provider's secret as missing", () =>
        assert.deepEqual(problems({ environment: "dev", ...AUTH0, oidcClientSecrets: "abc" }, ["cognito-stack:oidcClientSecrets"]), [
            `cognito-stack:oidcClientSecrets must be a map of OIDC provider name to client secret, not text (received: "[secret]"). ${OIDC_FIX}`,
        ]));

    it("OIDC secrets in plain text: the encryption alone, not also a name that differs", () =>
        assert.deepEqual(problems({ environment: "dev", ...AUTH0, oidcClientSecrets: { auth0: "s" } }, []), [
            `cognito-stack:oidcClientSecrets must be encrypted (secure: in the stack file), not plain text (received: "[plain text, not shown]"). ${OIDC_FIX}; then rotate it, as the plain value is in the file's history`,
        ]));

    it("OIDC secrets that are empty or not text, naming the providers", () => {
        assert.deepEqual(problems({ environment: "dev", ...AUTH0, oidcClientSecrets: { Auth0: "s", Okta: "" } }, ["cognito-stack:oidcClientSecrets"]), [
            `cognito-stack:oidcClientSecrets must map each OIDC provider name to its client secret as text; Okta has an empty or non-text value (received: "[secret]"). ${OIDC_FIX}`,
        ]);
        assert.deepEqual(problems({ environment: "dev", ...AUTH0, oidcClientSecrets: { Auth0: 5, Okta: { secret: "s" } } }, ["cognito-stack:oidcClientSecrets"]), [
            `cognito-stack:oidcClientSecrets must map each OIDC provider name to its client secret as text; Auth0, Okta have an empty or non-text value (received: "[secret]"). ${OIDC_FIX}`,
        ]);
    });

    it("an empty map of OIDC secrets when there is no OIDC provider", () => assert.deepEqual(problems({ environment: "dev", oidcClientSecrets: {} }, ["cognito-stack:oidcClientSecrets"]), []));
});

describe("parseStackConfig: rules across keys next to a reported setting", () => {
    const web = { name: "web", callbackUrls: ["https://app.example.com/callback"] };
    const NATIVE_RULE = "must list the URL the native app receives the authorization code at (received: []). Fix: add the app's redirect URI, e.g. myapp://callback";
    const lines = (o: Record<string, unknown>) => problems({ environment: "dev", domainPrefix: "acme", ...o }).map((l) => l.slice(0, l.indexOf(" (received")));

    it("leaves out a rule on the list item whose setting is misspelt", () => {
        assert.deepEqual(lines({ appClients: [web, { name: "ios", kind: "native", callbackUrl: ["myapp://callback"] }] }), ["cognito-stack:appClients[1].callbackUrl is not a setting of appClients[1]"]);
        // A misspelt kind leaves the client a web client, whose custom-scheme callback is no problem of its own.
        assert.deepEqual(problems({ environment: "dev", domainPrefix: "acme", appClients: [web, { name: "ios", kind: "nativ", callbackUrls: ["myapp://callback"] }] }), [
            'cognito-stack:appClients[1].kind must be one of web, spa, native, machine (received: "nativ"). Fix: did you mean native? set appClients[1].kind to native in Pulumi.<stack>.yaml',
        ]);
    });

    it("leaves out a rule on a whole setting while a setting inside it is misspelt", () =>
        assert.deepEqual(lines({ threatProtection: "OFF", riskConfiguration: { high: { action: "BLOCK" }, compromisedCredentialAction: "BLOCK" } }), [
            "cognito-stack:riskConfiguration.compromisedCredentialAction is not a setting of riskConfiguration",
        ]));

    it("keeps a rule on one provider while another has a misspelt setting", () =>
        assert.deepEqual(
            problems({ environment: "dev", oidcProviders: [{ name: "Auth0", clientId: "c", issuer: "https://acme.auth0.com/", zzz: 1 }, { name: "Auth0", clientId: "d", issuer: "https://okta.example.com/" }], oidcClientSecrets: { Auth0: "s" } }),
            [
                "cognito-stack:oidcProviders[0].zzz is not a setting of oidcProviders[0] (received: 1). Fix: oidcProviders[0] takes name, clientId, issuer, scopes, attributesRequestMethod, idpIdentifiers, attributeMapping",
                'cognito-stack:oidcProviders[1].name must be unique among providers (also used by oidcProviders[0].name) (received: "Auth0"). Fix: give each provider its own name',
            ],
        ));

    it("keeps the rules on the other items", () => {
        assert.deepEqual(lines({ appClients: [{ ...web, zzz: 1 }, { name: "ios", kind: "native", callbackUrl: ["myapp://callback"] }, { name: "tv", kind: "native" }] }), [
            "cognito-stack:appClients[0].zzz is not a setting of appClients[0]",
            "cognito-stack:appClients[1].callbackUrl is not a setting of appClients[1]",
            "cognito-stack:appClients[2].callbackUrls must list the URL the native app receives the authorization code at",
        ]);
        const twelve = [...Array.from({ length: 10 }, (_, i) => ({ name: `c${i}` })), { name: "c10", zzz: 1 }, { name: "ios", kind: "native" }];
        const out = problems({ environment: "dev", domainPrefix: "acme", roleMappingType: "None", appClients: twelve });
        assert.deepEqual(out.map((l) => l.slice(0, l.indexOf(" (received"))), ["cognito-stack:appClients[10].zzz is not a setting of appClients[10]", `cognito-stack:appClients[11].callbackUrls must list the URL the native app receives the authorization code at`]);
        assert.equal(out[1], `cognito-stack:appClients[11].callbackUrls ${NATIVE_RULE}`);
    });

    it("leaves out a rule on the whole list while one of its items has a misspelt setting", () =>
        assert.deepEqual(lines({ appClients: [...Array.from({ length: 10 }, (_, i) => ({ name: `c${i}` })), { name: "c10", zzz: 1 }] }), [
            "cognito-stack:appClients[10].zzz is not a setting of appClients[10]",
        ]));

    it("keeps the rules on another trigger than the one misspelt", () =>
        assert.deepEqual(problems({ environment: "dev", groups: [{ name: "members" }], triggers: { preSignUp: { allowedEmailDomain: ["example.com"] }, postConfirmation: { defaultGroup: "admins" } } }), [
            'cognito-stack:triggers.preSignUp.allowedEmailDomain is not a setting of triggers.preSignUp (received: ["example.com"]). Fix: did you mean allowedEmailDomains? triggers.preSignUp takes allowedEmailDomains, linkFederatedUsers, providerEmailVerifiedAttribute',
            "cognito-stack:triggers.postConfirmation.senderEmail is required (the welcome email needs a sender) (received: nothing). Fix: set it to an address of a verified SES identity, or set emailFrom",
            'cognito-stack:triggers.postConfirmation.defaultGroup must name a group of the pool (received: "admins"). Fix: use one of members or add the group to groups',
        ]));
});

describe("loadStackConfig", () => {
    let saved: Record<string, string>;
    beforeEach(() => (saved = pulumi.runtime.allConfig()));
    afterEach(() => pulumi.runtime.setAllConfig(saved, []));

    it("reads which keys the engine marks secret (the runtime still exports isConfigSecret)", () => {
        assert.equal(typeof (pulumi.runtime as unknown as { isConfigSecret?: unknown }).isConfigSecret, "function");
        const config = { ...bag({ environment: "dev", ...GOOGLE }), "cognito-stack:googleClientSecret": "s3cr3t" };
        pulumi.runtime.setAllConfig(config, ["cognito-stack:googleClientSecret"]);
        assert.equal(loadStackConfig().google?.clientId, "1-a.apps.googleusercontent.com");
        pulumi.runtime.setAllConfig(config, []);
        assert.throws(
            () => loadStackConfig(),
            (e: unknown) =>
                pulumi.RunError.isInstance(e) &&
                e.message ===
                    "Stack configuration has 1 problem:\n  - cognito-stack:googleClientSecret must be encrypted (secure: in the stack file), not plain text (received: \"[plain text, not shown]\"). Fix: pulumi config set --secret googleClientSecret <client secret>; then rotate it, as the plain value is in the file's history",
        );
    });

    it("lists every problem, one a line, under their count", () => {
        pulumi.runtime.setAllConfig(bag({ mfa: "on", protect: "yes" }), []);
        assert.throws(
            () => loadStackConfig(),
            (e: unknown) =>
                pulumi.RunError.isInstance(e) &&
                e.message ===
                    [
                        "Stack configuration has 3 problems:",
                        "  - cognito-stack:environment is required (received: nothing). Fix: pulumi config set environment dev (or staging, prod): it decides how strict the stack is",
                        '  - cognito-stack:protect must be true or false (received: "yes"). Fix: pulumi config set protect true (YAML\'s yes/no/on/off are text, not booleans)',
                        '  - cognito-stack:mfa must be one of OFF, OPTIONAL, ON (received: "on"). Fix: did you mean ON? pulumi config set mfa ON',
                    ].join("\n"),
        );
    });
});

describe("loadSecrets", () => {
    let saved: Record<string, string>;
    beforeEach(() => (saved = pulumi.runtime.allConfig()));
    afterEach(() => pulumi.runtime.setAllConfig(saved, []));

    const reveal = <T>(o: pulumi.Output<T>) => new Promise<T>((resolve) => o.apply((v) => resolve(v)));

    it("reads each configured provider's secret as a secret output, and no other", async () => {
        const providers = {
            google: { clientId: "1-a.apps.googleusercontent.com" },
            facebook: { appId: "100000000000001" },
            apple: { servicesId: "com.example", teamId: "ABCDE12345", keyId: "KEY1234567" },
            oidcProviders: [{ name: "Auth0", clientId: "c", issuer: "https://acme.auth0.com/" }],
        };
        const secrets = { googleClientSecret: "g-secret", facebookAppSecret: "f-secret", applePrivateKey: "a-key", oidcClientSecrets: { Auth0: "o-secret" } };
        pulumi.runtime.setAllConfig(bag({ environment: "dev", ...providers, ...secrets }), Object.keys(secrets).map((k) => `cognito-stack:${k}`));
        const out = loadSecrets(loadStackConfig());
        assert.ok(out.googleClientSecret && out.facebookAppSecret && out.applePrivateKey && out.oidcClientSecrets);
        const outputs = [out.googleClientSecret, out.facebookAppSecret, out.applePrivateKey, out.oidcClientSecrets] as pulumi.Output<unknown>[];
        assert.deepEqual(await Promise.all(outputs.map(reveal)), ["g-secret", "f-secret", "a-key", { Auth0: "o-secret" }]);
        assert.deepEqual(await Promise.all(outputs.map((o) => pulumi.isSecret(o))), [true, true, true, true]);
    });

    it("reads only the secrets of the providers configured", async () => {
        const secrets = { googleClientSecret: "g-secret", facebookAppSecret: "f-secret", applePrivateKey: "a-key", oidcClientSecrets: { Auth0: "o-secret" } };
        pulumi.runtime.setAllConfig(bag({ environment: "dev", facebook: { appId: "100000000000001" }, ...secrets }), Object.keys(secrets).map((k) => `cognito-stack:${k}`));
        const out = loadSecrets(loadStackConfig());
        assert.deepEqual([out.googleClientSecret, out.applePrivateKey, out.oidcClientSecrets], [undefined, undefined, undefined]);
        assert.equal(await reveal(out.facebookAppSecret as pulumi.Output<string>), "f-secret");
    });

    it("reads none without providers", () => {
        pulumi.runtime.setAllConfig(bag({ environment: "dev" }), []);
        assert.deepEqual(loadSecrets(loadStackConfig()), { googleClientSecret: undefined, facebookAppSecret: undefined, applePrivateKey: undefined, oidcClientSecrets: undefined });
    });
});
