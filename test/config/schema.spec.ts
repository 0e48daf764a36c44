/**
 * The schema's own checks, one key at a time (parseKey: no rule across keys), and the helpers
 * that read the schema for the messages.
 */
import * as assert from "node:assert/strict";
import { z } from "zod";
import { formatConfigIssue } from "../../config";
import { parseKey } from "../../config/decode";
import { type ConfigKey, knownKeysAt, numberRange, redirectUrlProblem, schemaAt, stackConfigShape, unwrap } from "../../config/schema";

/** The lines reported for one key's value. */
const lines = (key: ConfigKey, value: unknown) => parseKey(key, value).issues.map(formatConfigIssue);

describe("config/schema", () => {
    describe("redirectUrlProblem", () => {
        it("accepts https URLs, http://localhost and an app's own scheme", () => {
            for (const url of [
                "https://app.example.com/callback",
                "https://app.example.com",
                "https://app.example.com?from=login",
                "HTTPS://APP.EXAMPLE.COM/cb",
                "http://localhost",
                "http://localhost:3000/callback",
                "myapp://callback",
                "com.example.app:/oauth2redirect",
                `https://app.example.com/${"x".repeat(1000)}`,
            ]) {
                assert.equal(redirectUrlProblem(url), undefined, url);
            }
        });

        it("refuses empty, overlong and spaced URLs", () => {
            const rule = "must be 1-1024 characters without spaces";
            assert.equal(redirectUrlProblem(""), rule);
            assert.equal(redirectUrlProblem(`https://app.example.com/${"x".repeat(1001)}`), rule);
            assert.equal(redirectUrlProblem("https://app.example.com/call back"), rule);
        });

        it("refuses fragments and wildcards", () => {
            assert.equal(redirectUrlProblem("https://app.example.com/cb#done"), "must not contain a #fragment (OAuth 2.0 redirect URIs cannot have one, RFC 6749 section 3.1.2)");
            assert.equal(redirectUrlProblem("https://*.example.com/cb"), "must not contain a wildcard (Cognito matches callback URLs exactly)");
        });

        it("refuses a URL without a scheme, or whose scheme does not start with a letter", () => {
            const rule = "must be an absolute URL: https://..., http://localhost/... or a native app's scheme (myapp://callback)";
            assert.equal(redirectUrlProblem("app.example.com/callback"), rule);
            assert.equal(redirectUrlProblem("1app://callback"), rule);
            assert.equal(redirectUrlProblem("myapp:"), rule);
            assert.equal(redirectUrlProblem("x"), rule);
        });

        it("refuses https without a host, with credentials, or with the host further in", () => {
            const rule = "must name a host after https://";
            for (const url of ["https://", "https:///callback", "https://user@app.example.com/cb", "https:app.example.com/?next=https://x.example.com/"]) {
                assert.equal(redirectUrlProblem(url), rule, url);
            }
        });

        it("refuses plain http other than localhost", () => {
            const rule = "must use https (plain http only for http://localhost)";
            for (const url of ["http://app.example.com/cb", "http://localhost.example.com/cb", "http://127.0.0.1/cb", "http://evil.example.com/http://localhost/"]) {
                assert.equal(redirectUrlProblem(url), rule, url);
            }
        });

        it("refuses schemes that are no app's own", () => {
            assert.equal(redirectUrlProblem("javascript:alert(1)"), "must not use the javascript: scheme (only https, http://localhost, or an app's own scheme)");
            assert.equal(redirectUrlProblem("FTP://files.example.com/"), "must not use the ftp: scheme (only https, http://localhost, or an app's own scheme)");
        });
    });

    it("refuses a list that names a value twice", () =>
        assert.deepEqual(lines("usernameAttributes", ["email", "email"]), ['cognito-stack:usernameAttributes must not list a value twice (received: ["email","email"]). Fix: list each value once']));

    it("takes a sender as an address, or a name and the address in angle brackets, nothing around them", () => {
        assert.deepEqual(lines("emailFrom", "no-reply@example.com"), []);
        assert.deepEqual(lines("emailFrom", "Example <no-reply@example.com>"), []);
        assert.deepEqual(lines("emailFrom", "Example <no-reply@example.com> "), []);
        for (const bad of ["Example <no-reply@example.com> extra", "<Example> <no-reply@example.com>", "Example no-reply@example.com"]) {
            assert.deepEqual(lines("emailFrom", bad), [
                `cognito-stack:emailFrom must be an email address, or a name and the address in angle brackets (received: ${JSON.stringify(bad)}). Fix: write it like no-reply@example.com or Example <no-reply@example.com>`,
            ]);
        }
    });

    it("takes SAML metadata for the identity pool with an EntityDescriptor, prefixed or not", () => {
        const saml = (identityPoolMetadataFile: string) => [{ name: "Okta", metadataUrl: "https://okta.example.com/md", identityPoolMetadataFile }];
        for (const xml of ['<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="x">', '<EntityDescriptor entityID="x">', "<EntityDescriptor>", "<EntityDescriptor\n  entityID=\"x\">"]) {
            assert.deepEqual(lines("samlProviders", saml(xml)), [], xml);
        }
        for (const xml of ['<EntityDescriptors entityID="x">', "<html>"]) {
            assert.deepEqual(lines("samlProviders", saml(xml)), [
                `cognito-stack:samlProviders[0].identityPoolMetadataFile must be SAML metadata XML with an EntityDescriptor (received: ${JSON.stringify(xml)}). Fix: correct samlProviders[0].identityPoolMetadataFile; the README's Configuration section gives its format`,
            ]);
        }
    });

    it("takes up to 47 stack tags and 50 principal tags", () => {
        const map = (n: number, value: string) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`t${i}`, value]));
        assert.deepEqual(lines("tags", map(47, "x")), []);
        assert.deepEqual(parseKey("tags", map(48, "x")).issues.map((i) => i.rule), ["must have at most 47 tags (AWS allows 50; the program adds 3)"]);
        assert.deepEqual(lines("principalTags", map(50, "email")), []);
        assert.deepEqual(parseKey("principalTags", map(51, "email")).issues.map((i) => i.rule), ["must have at most 50 tags"]);
    });

    describe("reading the schema", () => {
        it("schemaAt follows objects, list items and map values, and ends where the schema does", () => {
            assert.equal((unwrap(schemaAt(["appClients", 0, "name"]) as z.ZodType) as unknown as { _zod: { def: { type: string } } })._zod.def.type, "string");
            assert.equal((unwrap(schemaAt(["google", "attributeMapping", "email"]) as z.ZodType) as unknown as { _zod: { def: { type: string } } })._zod.def.type, "string");
            assert.equal(schemaAt(["appClients", 0]), stackConfigShape.appClients.unwrap().element);
            assert.equal(schemaAt(["appClients", "name"]), undefined);
            assert.equal(schemaAt(["nope", "deeper"]), undefined);
            assert.equal(schemaAt(["mfa", "x"]), undefined);
        });

        it("knownKeysAt lists an object's settings, and nothing elsewhere", () => {
            assert.deepEqual(knownKeysAt(["deviceTracking"]), ["challengeRequiredOnNewDevice", "deviceOnlyRememberedOnUserPrompt"]);
            assert.deepEqual(knownKeysAt(["tags"]), []);
            assert.deepEqual(knownKeysAt(["nope"]), []);
            assert.deepEqual(knownKeysAt(["mfa"]), []);
        });

        it("numberRange reads bounds and whole numbers, each on its own", () => {
            assert.deepEqual(numberRange(z.number()), { int: false });
            assert.deepEqual(numberRange(z.number().min(1)), { min: 1, int: false });
            assert.deepEqual(numberRange(z.number().max(5)), { max: 5, int: false });
            assert.deepEqual(numberRange(stackConfigShape.passwordMinLength), { min: 6, max: 99, int: true });
        });
    });
});
