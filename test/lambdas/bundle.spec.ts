import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as vm from "node:vm";
import * as aws from "@pulumi/aws";
import { bundleLambda, LAMBDA_NAMES, projectRoot, type LambdaName } from "../../lambdas/bundle";
import { LAMBDA_ARCHITECTURE, LAMBDA_RUNTIME } from "../../lambdas/runtime";
import { freshBundleModule, tempDir } from "./freshBundle";
import { testSigningKey } from "./helpers";

/** Runs a bundle as Lambda would load index.js, with `env` as its environment. */
function load(code: string, env: Record<string, string>): { handler?: unknown } {
    const module = { exports: {} as { handler?: unknown } };
    const sandboxProcess = Object.assign(Object.create(process) as NodeJS.Process, { env });
    // Lambda's Node.js has `global`; the Encryption SDK's dependencies read it.
    vm.runInNewContext(code, { global: globalThis, module, exports: module.exports, require, process: sandboxProcess, console, Buffer, URL, TextEncoder, TextDecoder, setTimeout, clearTimeout, setImmediate, queueMicrotask, AbortController, structuredClone }, { filename: "index.js" });
    return module.exports;
}

const KEY = testSigningKey();
const STAGE = "arn:aws:execute-api:eu-west-1:123456789012:api1234567/prod/";
const now = () => Math.floor(Date.now() / 1000);

const ENV: Record<LambdaName, Record<string, string>> = {
    preSignUp: {},
    postConfirmation: { SENDER_EMAIL: "no-reply@example.com" },
    preTokenGeneration: {},
    // A given JWKS keeps the bundle from fetching the pool's at init.
    authorizer: { USER_POOL_ID: "eu-west-1_AbCdEf123", APP_CLIENT_IDS: "client1", JWKS: JSON.stringify(KEY.jwks) },
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

    /** The bundle's handler, loaded as Lambda loads it. */
    const handlerOf = (name: LambdaName) => {
        const { code, bytes } = bundleLambda(name);
        assert.equal(bytes, Buffer.byteLength(code));
        const { handler } = load(code, { AWS_REGION: "eu-west-1", POWERTOOLS_LOG_LEVEL: "SILENT", ...ENV[name] });
        assert.equal(typeof handler, "function");
        // Objects of the bundle's realm, read back as plain data to compare.
        return async (event: unknown): Promise<any> => JSON.parse(JSON.stringify(await (handler as (e: unknown) => Promise<unknown>)(event)));
    };
    const trigger = (triggerSource: string, request: object, response: object = {}) => ({
        version: "1", region: "eu-west-1", userPoolId: "eu-west-1_Pool1", userName: "sub-1", triggerSource,
        callerContext: { awsSdkVersion: "aws-sdk-unknown-unknown", clientId: "client1" }, request, response,
    });

    it("builds the twelve functions the stack can deploy, each run below", () => {
        assert.deepEqual([...LAMBDA_NAMES], [
            "preSignUp", "postConfirmation", "preTokenGeneration", "authorizer", "api",
            "preAuthentication", "postAuthentication", "customMessage", "userMigration", "customEmailSender", "customSmsSender", "authChallenge",
        ]);
    });

    // Each bundle runs an event that needs no AWS call, and answers as its source does.
    it("bundles preSignUp: lets a self sign-up through unchanged and rejects a malformed event", async () => {
        const handler = handlerOf("preSignUp");
        const response = { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false };
        const out = await handler(trigger("PreSignUp_SignUp", { userAttributes: { email: "ann@example.com" }, validationData: {} }, response));
        assert.deepEqual(out.response, response);
        await assert.rejects(handler({ triggerSource: "PreSignUp_SignUp" }), /^MalformedEventError: Malformed event: request must be an object \(received: nothing\)$/);
    });

    it("bundles postConfirmation: does nothing after a password reset", async () => {
        const input = trigger("PostConfirmation_ConfirmForgotPassword", { userAttributes: { email: "ann@example.com" } });
        assert.deepEqual(await handlerOf("postConfirmation")(input), trigger("PostConfirmation_ConfirmForgotPassword", { userAttributes: { email: "ann@example.com" } }));
    });

    it("bundles preTokenGeneration: puts the roles claim in both tokens", async () => {
        const input = { ...trigger("TokenGeneration_Authentication", { userAttributes: { sub: "sub-1" }, groupConfiguration: { groupsToOverride: ["members"] }, scopes: ["openid"] }, { claimsAndScopeOverrideDetails: {} }), version: "2" };
        const out = await handlerOf("preTokenGeneration")(input);
        assert.deepEqual(out.response.claimsAndScopeOverrideDetails.idTokenGeneration.claimsToAddOrOverride, { roles: "members" });
        assert.deepEqual(out.response.claimsAndScopeOverrideDetails.accessTokenGeneration.claimsToAddOrOverride, { roles: "members" });
    });

    it("bundles the authorizer: allows the stage to a valid token and refuses a malformed event", async () => {
        const handler = handlerOf("authorizer");
        const token = KEY.sign({
            sub: "user-1", iss: "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123", client_id: "client1", token_use: "access",
            scope: "openid", username: "ann", iat: now() - 5, auth_time: now() - 5, exp: now() + 600, jti: "j1",
        });
        const result = await handler({ type: "TOKEN", methodArn: `${STAGE}GET/me`, authorizationToken: `Bearer ${token}` });
        assert.equal(result.principalId, "user-1");
        assert.deepEqual(result.policyDocument.Statement, [{ Effect: "Allow", Action: "execute-api:Invoke", Resource: [`${STAGE}*/*`] }]);
        await assert.rejects(handler({ type: "TOKEN", methodArn: `${STAGE}GET/me` }), /^Error: Unauthorized$/);
    });

    it("bundles the api: answers 404 for a route it does not have", async () => {
        const result = await handlerOf("api")({ httpMethod: "GET", path: "/nothing-here", requestContext: {}, queryStringParameters: null, body: null, isBase64Encoded: false });
        assert.equal(result.statusCode, 404);
        assert.deepEqual(JSON.parse(result.body), { message: "No such route." });
    });

    it("bundles preAuthentication: refuses a suspended tenant without saying why, lets another through unchanged", async () => {
        const handler = handlerOf("preAuthentication");
        const other = trigger("PreAuthentication_Authentication", { userAttributes: { sub: "sub-1", "custom:tenant_id": "other" }, validationData: {} });
        assert.deepEqual(await handler(other), trigger("PreAuthentication_Authentication", { userAttributes: { sub: "sub-1", "custom:tenant_id": "other" }, validationData: {} }));
        const suspended = trigger("PreAuthentication_Authentication", { userAttributes: { sub: "sub-1", "custom:tenant_id": "acme" }, validationData: {} });
        await assert.rejects(handler(suspended), /^SignInRefusedError: Sign-in is not available for this account; contact your administrator\.$/);
        await assert.rejects(handler({ triggerSource: "PreAuthentication_Authentication" }), /^MalformedEventError: Malformed event: userName must be a string \(received: nothing\)$/);
    });

    it("bundles postAuthentication: returns the event as it came", async () => {
        const input = trigger("PostAuthentication_Authentication", { userAttributes: { sub: "sub-1" }, newDeviceUsed: false });
        assert.deepEqual(await handlerOf("postAuthentication")(input), trigger("PostAuthentication_Authentication", { userAttributes: { sub: "sub-1" }, newDeviceUsed: false }));
    });

    it("bundles customMessage: writes the sign-up message in the user's language and keeps the code placeholder", async () => {
        const input = trigger("CustomMessage_SignUp", { userAttributes: { sub: "sub-1", locale: "de" }, codeParameter: "{####}", usernameParameter: "{username}", linkParameter: "{##Click##}" }, { smsMessage: null, emailMessage: null, emailSubject: null });
        const out = await handlerOf("customMessage")(input);
        assert.equal(out.response.smsMessage, "Ihr Bestätigungscode lautet {####}. Wenn Sie sich nicht registriert haben, ignorieren Sie diese Nachricht.");
        assert.match(out.response.emailMessage, /<p>Ihr Bestätigungscode lautet \{####\}\.<\/p>/);
    });

    // These three call AWS (DynamoDB, KMS) for any well-formed event: their bundles are run on malformed ones.
    for (const [name, message] of [
        ["userMigration", "userName must be a string (received: nothing)"],
        ["customEmailSender", 'triggerSource "x" is not a source of this trigger'],
        ["customSmsSender", 'triggerSource "x" is not a source of this trigger'],
    ] as const) {
        it(`bundles ${name}: refuses a malformed event before any AWS call`, async () => {
            await assert.rejects(handlerOf(name)({ triggerSource: "x" }), (e: Error) => e.name === "MalformedEventError" && e.message === `Malformed event: ${message}`);
        });
    }

    it("bundles authChallenge: asks for the emailed code first", async () => {
        const input = trigger("DefineAuthChallenge_Authentication", { userAttributes: { sub: "sub-1", email: "a@example.com", email_verified: "true" }, session: [], userNotFound: false }, {});
        const out = await handlerOf("authChallenge")(input);
        assert.deepEqual(out.response, { issueTokens: false, failAuthentication: false, challengeName: "CUSTOM_CHALLENGE" });
        const unknown = trigger("DefineAuthChallenge_Authentication", { userAttributes: { sub: "sub-1" }, session: [], userNotFound: true }, {});
        assert.deepEqual((await handlerOf("authChallenge")(unknown)).response, { issueTokens: false, failAuthentication: true });
    });

    it("fails at init with the configuration problem when the environment is missing", () => {
        assert.throws(() => load(bundleLambda("api").code, { AWS_REGION: "eu-west-1" }),
            /Invalid configuration of the api function:\n- TABLE_NAME is required \(received: not set\); set it to the items table's name/);
    });

    it("finds the sources from any directory below the project root", () => {
        assert.equal(projectRoot(`${projectRoot()}/lambdas/api`), projectRoot());
        assert.throws(() => projectRoot("/"), /Cannot find the lambdas\/ sources above \//);
    });
});

describe("lambdas/bundle output", function () {
    this.timeout(60_000);
    // Built afresh (a new module instance, no disk cache), so the build options decide the text.
    const build = (name: LambdaName) => freshBundleModule().bundleLambda(name, { cacheDir: false });

    it("is minified CommonJS with no source map and no legal comments, within its size goal, the unused SDK commands shaken out", () => {
        const { code, bytes } = build("preSignUp");
        assert.ok(code.startsWith('"use strict";'), code.slice(0, 40));
        assert.ok(code.includes("module.exports"));
        // Minified: the handler factory's name is gone, and the ~240 KB sit on a few dozen lines
        // (the line breaks left are inside template literals; unminified it is over 15 000 lines).
        assert.ok(!code.includes("createPreSignUpHandler"));
        assert.ok(code.split("\n").length < 200, `${code.split("\n").length} lines`);
        assert.ok(!code.includes("sourceMappingURL"));
        // legalComments "eof" would end the file with "/*! Bundled license information: ...".
        assert.ok(!code.includes("/*!"));
        assert.ok(!code.includes("Bundled license information"));
        // preSignUp sends ListUsers and AdminLinkProviderForUser only.
        assert.ok(code.includes("AdminLinkProviderForUser"));
        assert.ok(!code.includes("AdminDeleteUser"));
        // The CommonJS builds of the SDK ("main" before "module") weigh about 480 KB here.
        assert.ok(bytes <= 400 * 1024, `${bytes} bytes`);
    });

    it("holds each function to its size goal: 40 KB for the authorizer on every request's path, 1 MB for the senders with the Encryption SDK", () => {
        const { BUNDLE_SIZE_GOALS, bundleLambda: bundle } = freshBundleModule();
        const KB = 1024;
        assert.deepEqual(BUNDLE_SIZE_GOALS, {
            preSignUp: 400 * KB, postConfirmation: 400 * KB, preTokenGeneration: 400 * KB, authorizer: 40 * KB, api: 400 * KB,
            preAuthentication: 400 * KB, postAuthentication: 400 * KB, customMessage: 400 * KB, userMigration: 400 * KB,
            customEmailSender: 1024 * KB, customSmsSender: 1024 * KB, authChallenge: 400 * KB,
        });
        for (const name of LAMBDA_NAMES) {
            const { bytes } = bundle(name);
            assert.ok(bytes <= BUNDLE_SIZE_GOALS[name], `${name}: ${bytes} bytes`);
        }
    });

    it("leaves the four unreached credential providers to the runtime's SDK, loaded only if ever reached", () => {
        const { code } = build("preSignUp");
        for (const provider of ["ini", "process", "sso", "web-identity"]) {
            assert.ok(code.includes(`import("@aws-sdk/credential-provider-${provider}")`), provider);
        }
    });

    it("writes non-ASCII text as UTF-8, not as escapes", () => {
        const { code, bytes } = build("customMessage");
        assert.ok(code.includes("Ihr Bestätigungscode lautet"));
        assert.ok(!code.includes("Best\\xE4tigungscode") && !code.includes("Best\\u00E4tigungscode"));
        assert.equal(bytes, Buffer.byteLength(code, "utf8"));
        assert.ok(bytes > code.length);
    });

    it("refuses a function it does not know, listing the ones it does", () => {
        assert.throws(() => freshBundleModule().bundleLambda("preSignup" as LambdaName), (e: Error) => e.message ===
            'Unknown lambda "preSignup"; use one of preSignUp, postConfirmation, preTokenGeneration, authorizer, api, preAuthentication, postAuthentication, customMessage, userMigration, customEmailSender, customSmsSender, authChallenge');
    });

    it("takes a directory for the project root only when it holds lambdas/preSignUp/handler.ts, not the folder alone", () => {
        const { dir, remove } = tempDir("bundle-root-");
        try {
            fs.mkdirSync(path.join(dir, "lambdas", "preSignUp"), { recursive: true });
            assert.throws(() => projectRoot(dir), (e: Error) => e.message ===
                `Cannot find the lambdas/ sources above ${dir}; run from a checkout of the project, which ships lambdas/<name>/handler.ts`);
            fs.writeFileSync(path.join(dir, "lambdas", "preSignUp", "handler.ts"), "");
            assert.equal(projectRoot(path.join(dir, "lambdas", "preSignUp")), dir);
        } finally {
            remove();
        }
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
