import * as assert from "node:assert/strict";
import { PolicyConfigSchema } from "@pulumi/policy";
import { loosens, settings } from "../../../policies/lib/config";

const defaults = { minLength: 12, ratio: 0.5, requireMfa: false, mode: "strict", allowedServices: ["s3"], required: ["mfa", "tls"], level: "3", floor: "3" };
const descriptions = {
    minLength: "Shortest password.",
    ratio: "Share of requests sampled.",
    requireMfa: "Whether MFA is required.",
    mode: "How strict.",
    allowedServices: "Services allowed.",
    required: "Controls required.",
    level: "A level written as text.",
    floor: "A floor written as text.",
};
/** Built in each test: the settings of a policy are otherwise built once, when its module loads. */
const example = (): ReturnType<typeof settings<typeof defaults>> =>
    settings(defaults, descriptions, { minLength: "lower", ratio: "higher", requireMfa: "true", mode: "changed", allowedServices: "more", required: "fewer", level: "higher", floor: "lower" });

/** The args a policy receives, with a stack's config. */
const withConfig = (config: Record<string, unknown>): never => ({ getConfig: () => config }) as never;

describe("policies/lib/config", () => {
    describe("settings", () => {
        it("publishes each default with its type, a minimum of 0 for numbers, and its description", () => {
            assert.deepEqual(example().schema, {
                properties: {
                    minLength: { type: "integer", minimum: 0, default: 12, description: "Shortest password." },
                    ratio: { type: "number", minimum: 0, default: 0.5, description: "Share of requests sampled." },
                    requireMfa: { type: "boolean", default: false, description: "Whether MFA is required." },
                    mode: { type: "string", default: "strict", description: "How strict." },
                    allowedServices: { type: "array", items: { type: "string" }, default: ["s3"], description: "Services allowed." },
                    required: { type: "array", items: { type: "string" }, default: ["mfa", "tls"], description: "Controls required." },
                    level: { type: "string", default: "3", description: "A level written as text." },
                    floor: { type: "string", default: "3", description: "A floor written as text." },
                },
            });
        });

        it("reads the stack's config over the defaults", () => {
            const policySettings = example();
            assert.deepEqual(policySettings.read(withConfig({ minLength: 14, allowedServices: ["s3", "dynamodb"] })), { ...defaults, minLength: 14, allowedServices: ["s3", "dynamodb"] });
            assert.deepEqual(policySettings.read(withConfig({})), defaults);
        });
    });

    describe("loosens", () => {
        let schema: PolicyConfigSchema;
        beforeEach(() => {
            schema = example().schema;
        });

        it('"lower": a number below the default', () => {
            assert.equal(loosens(schema, "minLength", 8), "lowers it below 12");
            assert.equal(loosens(schema, "minLength", 12), undefined);
            assert.equal(loosens(schema, "minLength", 16), undefined);
            assert.equal(loosens(schema, "minLength", "8"), undefined);
            assert.equal(loosens(schema, "floor", 2), undefined, "a default that is not a number is not compared");
        });

        it('"higher": a number above the default', () => {
            assert.equal(loosens(schema, "ratio", 0.75), "raises it above 0.5");
            assert.equal(loosens(schema, "ratio", 0.5), undefined);
            assert.equal(loosens(schema, "ratio", 0.25), undefined);
            assert.equal(loosens(schema, "ratio", "0.75"), undefined);
            assert.equal(loosens(schema, "level", 4), undefined, "a default that is not a number is not compared");
        });

        it('"true": turning on what is off by default', () => {
            assert.equal(loosens(schema, "requireMfa", true), "turns it on");
            assert.equal(loosens(schema, "requireMfa", false), undefined);
            assert.equal(loosens(schema, "requireMfa", "true"), undefined);
            const onByDefault = settings({ strict: true }, { strict: "Strict." }, { strict: "true" });
            assert.equal(loosens(onByDefault.schema, "strict", true), undefined);
        });

        it('"more": entries an allow-list did not have', () => {
            assert.equal(loosens(schema, "allowedServices", ["s3", "dynamodb", "sns"]), 'adds ["dynamodb","sns"]');
            assert.equal(loosens(schema, "allowedServices", ["s3"]), undefined);
            assert.equal(loosens(schema, "allowedServices", []), undefined);
            assert.equal(loosens(schema, "allowedServices", "dynamodb"), undefined);
        });

        it('"fewer": requirements a list no longer has', () => {
            assert.equal(loosens(schema, "required", ["tls"]), 'removes ["mfa"]');
            assert.equal(loosens(schema, "required", []), 'removes ["mfa","tls"]');
            assert.equal(loosens(schema, "required", "mfa"), 'removes ["mfa","tls"]');
            assert.equal(loosens(schema, "required", ["tls", "mfa", "waf"]), undefined);
        });

        it('"changed": any other value', () => {
            assert.equal(loosens(schema, "mode", "lax"), 'changes it from "strict"');
            assert.equal(loosens(schema, "mode", "strict"), undefined);
        });

        it("nothing for a setting without a direction, an unknown key or a schema of its own", () => {
            const undirected = settings({ mode: "strict" }, { mode: "How strict." });
            assert.equal(loosens(undirected.schema, "mode", "lax"), undefined);
            assert.equal(loosens(schema, "unknown", 1), undefined);
            const handWritten: PolicyConfigSchema = { properties: { minLength: { type: "integer", default: 12 } } };
            assert.equal(loosens(handWritten, "minLength", 8), undefined);
            assert.equal(loosens(undefined, "minLength", 8), undefined);
        });
    });
});
