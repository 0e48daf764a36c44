import * as assert from "node:assert/strict";
import * as vm from "node:vm";
import * as aws from "@pulumi/aws";
import { bundleLambda, LAMBDA_NAMES, projectRoot, type LambdaName } from "../../lambdas/bundle";
import { LAMBDA_ARCHITECTURE, LAMBDA_RUNTIME } from "../../lambdas/runtime";
import { testSigningKey } from "./helpers";

/** Runs a bundle as Lambda would load index.js, with `env` as its environment. */
function load(code: string, env: Record<string, string>): { handler?: unknown } {
    const module = { exports: {} as { handler?: unknown } };
    const sandboxProcess = Object.assign(Object.create(process) as NodeJS.Process, { env });
    // Lambda's Node.js has `global`; the Encryption SDK's dependencies read it.
    vm.runInNewContext(code, { global: globalThis, module, exports: module.exports, require, process: sandboxProcess, console, Buffer, URL, TextEncoder, TextDecoder, setTimeout, clearTimeout, setImmediate, queueMicrotask, AbortController, structuredClone }, { filename: "index.js" });
    return module.exports;
}

const ENV: Record<LambdaName, Record<string, string>> = {
    preSignUp: {},
    postConfirmation: { SENDER_EMAIL: "no-reply@example.com" },
    preTokenGeneration: {},
    // A given JWKS keeps the bundle from fetching the pool's at init.
    authorizer: { USER_POOL_ID: "eu-west-1_AbCdEf123", APP_CLIENT_IDS: "client1", JWKS: JSON.stringify(testSigningKey().jwks) },
    api: { TABLE_NAME: "items" },
    preAuthentication: { SUSPENDED_TENANTS: "acme" },
    postAuthentication: {},
    customMessage: {},
    userMigration: { TABLE_NAME: "legacy-users", BCRYPT_COST: "4" },
    customEmailSender: { KEY_ARN: "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab", SENDER_EMAIL: "no-reply@example.com" },
    customSmsSender: { KEY_ARN: "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab" },
    authChallenge: { SENDER_EMAIL: "no-reply@example.com" },
};

describe("lambdas/bundle", function () {
    this.timeout(60_000);

    for (const name of LAMBDA_NAMES) {
        it(`bundles ${name} into CommonJS exporting a handler function`, () => {
            const { code, bytes } = bundleLambda(name);
            assert.equal(bytes, Buffer.byteLength(code));
            assert.equal(typeof load(code, { AWS_REGION: "eu-west-1", POWERTOOLS_LOG_LEVEL: "SILENT", ...ENV[name] }).handler, "function");
        });
    }

    it("fails at init with the configuration problem when the environment is missing", () => {
        assert.throws(() => load(bundleLambda("api").code, { AWS_REGION: "eu-west-1" }),
            /Invalid configuration of the api function:\n- TABLE_NAME is required \(received: not set\); set it to the items table's name/);
    });

    it("finds the sources from any directory below the project root", () => {
        assert.equal(projectRoot(`${projectRoot()}/lambdas/api`), projectRoot());
        assert.throws(() => projectRoot("/"), /Cannot find the lambdas\/ sources above \//);
    });
});

describe("lambdas/runtime", () => {
    it("is the newest Node.js runtime @pulumi/aws offers, on arm64", () => {
        const newest = Object.values(aws.lambda.Runtime).filter((r) => /^nodejs\d+\.x$/.test(r))
            .sort((a, b) => parseInt(b.slice(6)) - parseInt(a.slice(6)))[0];
        assert.equal(LAMBDA_RUNTIME, newest);
        assert.equal(LAMBDA_ARCHITECTURE, "arm64");
    });
});
