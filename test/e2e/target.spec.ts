import * as assert from "node:assert/strict";
import { parseStackOutputs } from "./awsTarget";
import { targetFromEnv } from "./target";

describe("end-to-end targets", () => {
    const outputs = {
        userPoolId: "eu-west-1_AbC123", appClientIds: { web: "client123" }, apiUrl: "https://abc.execute-api.eu-west-1.amazonaws.com/dev/",
        identityPoolId: "eu-west-1:11111111-2222-3333-4444-555555555555", dataBucketName: "bucket", dataTableName: "table",
        triggerFunctions: ["app-dev-preSignUp", "app-dev-postConfirmation"],
    };

    it("reads a deployed stack's outputs: pool, app client by name, API URL without a trailing slash, postConfirmation function", () => {
        assert.deepEqual(parseStackOutputs(JSON.stringify(outputs), "out.json"), {
            userPoolId: "eu-west-1_AbC123", clientId: "client123", apiUrl: "https://abc.execute-api.eu-west-1.amazonaws.com/dev",
            identityPoolId: "eu-west-1:11111111-2222-3333-4444-555555555555", dataBucketName: "bucket", dataTableName: "table", postConfirmationFunction: "app-dev-postConfirmation",
        });
    });

    it("names every missing output and how to write the file", () => {
        assert.throws(() => parseStackOutputs(JSON.stringify({ ...outputs, apiUrl: null, appClientIds: {} }), "out.json"), (e: Error) => {
            assert.equal(e.message, [
                "E2E_STACK_OUTPUTS out.json is not the outputs of a deployed stack:",
                '  appClientIds.web must be a non-empty string (received: undefined)',
                "  apiUrl must be a non-empty string (received: null)",
                "write it with pulumi stack output --json --show-secrets > out.json after pulumi up",
            ].join("\n"));
            return true;
        });
        assert.throws(() => parseStackOutputs("{", "out.json"), /^Error: E2E_STACK_OUTPUTS out\.json is not JSON \(.*\): write it with pulumi stack output --json --show-secrets > out\.json$/);
    });

    it("reads the machine client, its secret and the token endpoint where the stack has one", () => {
        const withMachine = { ...outputs, appClientIds: { web: "client123", reporting: "svc456" }, machineClientSecrets: { reporting: "s3cr3t" }, hostedUiUrl: "https://acme.auth.eu-west-1.amazoncognito.com" };
        assert.deepEqual(parseStackOutputs(JSON.stringify(withMachine), "out.json").machine, { clientId: "svc456", clientSecret: "s3cr3t", tokenUrl: "https://acme.auth.eu-west-1.amazoncognito.com/oauth2/token" });
        assert.equal(parseStackOutputs(JSON.stringify(outputs), "out.json").machine, undefined);
        // Written without --show-secrets, the secret is not there: say so.
        assert.throws(() => parseStackOutputs(JSON.stringify({ ...withMachine, machineClientSecrets: { reporting: "" } }), "out.json"), /machineClientSecrets\.reporting must be a non-empty string \(received: ""\)/);
    });

    it("refuses an unknown target and an aws target without outputs, saying what to set", async () => {
        await assert.rejects(targetFromEnv({ E2E_TARGET: "localstack" }), /^Error: E2E_TARGET must be cognito-local or aws \(received: "localstack"\): unset it to run against cognito-local$/);
        await assert.rejects(targetFromEnv({ E2E_TARGET: "aws" }), /^Error: E2E_TARGET=aws needs E2E_STACK_OUTPUTS: the file of pulumi stack output --json --show-secrets of the deployed stack$/);
    });
});
