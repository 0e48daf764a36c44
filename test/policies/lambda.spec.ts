import * as assert from "node:assert/strict";
import { functionRole, functionRuntime, functionUrlAuth, permissionScope } from "../../policies/lambda";
import type { Plan } from "../../tools/planTypes";
import { account, adminsRoleArn, describePolicy, executionArn, find, fnArn, policyDocument, poolArn, restApiId, run, securePlan, setProp } from "./fixtures";

describePolicy(functionRuntime, [
    { title: "rejects a deprecated runtime", mutate: (p) => setProp(p, "api-handler", "runtime", "nodejs18.x"), message: /^runtime is nodejs18\.x, which is deprecated or not on the supported list: use one of nodejs22\.x, nodejs24\.x/ },
    { title: "rejects an unset runtime of a zip function", mutate: (p) => setProp(p, "api-handler", "runtime", undefined), message: /^runtime is unset/ },
]);

describePolicy(functionUrlAuth, [
    {
        title: "rejects a function URL without IAM auth",
        mutate: (p) => {
            const url = { ...structuredClone(p.resources[0]), type: "aws:lambda/functionUrl:FunctionUrl", name: "url", urn: "urn:pulumi:prod::cognito-stack::aws:lambda/functionUrl:FunctionUrl::url", props: { functionName: "app-api-handler", authorizationType: "NONE" } };
            url.outputs = url.props;
            p.resources.push(url);
        },
        message: /^authorizationType is NONE: anyone on the internet can invoke the function/,
    },
]);

describePolicy(permissionScope, [
    { title: "rejects principal *", mutate: (p) => setProp(p, "invoke-api-handler", "principal", "*"), message: /^Lambda permission "invoke-api-handler" lets \* invoke the function/ },
    { title: "rejects a missing sourceArn", mutate: (p) => setProp(p, "invoke-pre-token", "sourceArn", undefined), message: /^Lambda permission "invoke-pre-token" has no sourceArn, so cognito-idp\.amazonaws\.com invokes the function for any account's resources: set sourceArn to a user pool of this stack\.$/ },
    { title: "rejects a pool of another account", mutate: (p) => setProp(p, "invoke-pre-token", "sourceArn", poolArn.replace(account, "999999999999")), message: /from arn:aws:cognito-idp:us-east-1:999999999999:userpool\/us-east-1_AbCdEf123, not a user pool of this stack/ },
    { title: "rejects an API of another account", mutate: (p) => setProp(p, "invoke-api-handler", "sourceArn", `${executionArn.replace(account, "999999999999")}/*`), message: /not a REST or HTTP API of this stack/ },
    { title: "rejects a function of another stack", mutate: (p) => setProp(p, "invoke-api-handler", "function", fnArn("someone-else")), message: /names function arn:aws:lambda:us-east-1:123456789012:function:someone-else, not a function of this stack/ },
    { title: "rejects another action", mutate: (p) => setProp(p, "invoke-api-handler", "action", "lambda:*"), message: /grants lambda:\*: grant only lambda:InvokeFunction\./ },
    { title: "rejects an organization-wide grant", mutate: (p) => setProp(p, "invoke-api-handler", "principalOrgId", "o-abc123"), message: /lets a whole AWS organization invoke the function/ },
]);

describePolicy(functionRole, [
    { title: "rejects a role of another stack", mutate: (p) => setProp(p, "api-handler", "role", "arn:aws:iam::999999999999:role/x"), message: /^Function "api-handler" runs with role arn:aws:iam::999999999999:role\/x, which is not a role of this stack/ },
    { title: "rejects an identity role", mutate: (p) => setProp(p, "api-handler", "role", adminsRoleArn), message: /^Function "api-handler" runs with role "admins-role", an identity role: give each function an execution role trusting only lambda\.amazonaws\.com\.$/ },
]);

/** A function URL for the API handler, with `props` as its inputs. */
function addFunctionUrl(plan: Plan, props: Record<string, unknown>): void {
    const url = { ...structuredClone(find(plan, "api-handler")), type: "aws:lambda/functionUrl:FunctionUrl", name: "url", urn: "urn:pulumi:prod::cognito-stack::aws:lambda/functionUrl:FunctionUrl::url", props: { functionName: "app-api-handler", ...props } };
    url.outputs = url.props;
    plan.resources.push(url);
}

const messages = async (plan: Plan, policy: Parameters<typeof run>[1]): Promise<string[]> => (await run(plan, policy)).map((v) => v.message);

describe("lambda-function-runtime, the exact messages", () => {
    it("accepts a container image function, which has no runtime", async () => {
        const plan = setProp(securePlan(), "api-handler", "packageType", "Image");
        setProp(plan, "api-handler", "runtime", undefined);
        assert.deepEqual(await messages(plan, functionRuntime), []);
    });

    it("still judges the runtime of a zip function that names its package type", async () => {
        const plan = setProp(securePlan(), "api-handler", "packageType", "Zip");
        setProp(plan, "api-handler", "runtime", "nodejs18.x");
        assert.deepEqual(await messages(plan, functionRuntime), [
            "runtime is nodejs18.x, which is deprecated or not on the supported list: use one of nodejs22.x, nodejs24.x, python3.12, python3.13, python3.14, java21, java25, dotnet8, dotnet10, ruby3.4, provided.al2023.",
        ]);
    });

    it("reports a runtime that is not a string by its field, never as a supported runtime", async () => {
        const plan = setProp(securePlan(), "api-handler", "runtime", 22);
        assert.deepEqual(await messages(plan, functionRuntime), ["runtime must be a string (received: 22): give the value the provider expects."]);
    });
});

describe("lambda-function-url-auth, the exact messages", () => {
    it("accepts a function URL with AWS_IAM", async () => {
        const plan = securePlan();
        addFunctionUrl(plan, { authorizationType: "AWS_IAM" });
        assert.deepEqual(await messages(plan, functionUrlAuth), []);
    });

    it("rejects a function URL without an authorizationType", async () => {
        const plan = securePlan();
        addFunctionUrl(plan, {});
        assert.deepEqual(await messages(plan, functionUrlAuth), [
            "authorizationType is unset: anyone on the internet can invoke the function; set it to AWS_IAM, or put the function behind the API's authorizers.",
        ]);
    });

    it("rejects auth type aws_iam in lower case (AWS knows only AWS_IAM and NONE)", async () => {
        const plan = securePlan();
        addFunctionUrl(plan, { authorizationType: "aws_iam" });
        assert.deepEqual(await messages(plan, functionUrlAuth), [
            "authorizationType is aws_iam: anyone on the internet can invoke the function; set it to AWS_IAM, or put the function behind the API's authorizers.",
        ]);
    });

    it("reports an authorizationType that is not a string by its field", async () => {
        const plan = securePlan();
        addFunctionUrl(plan, { authorizationType: ["AWS_IAM"] });
        assert.deepEqual(await messages(plan, functionUrlAuth), ['authorizationType must be a string (received: ["AWS_IAM"]): give the value the provider expects.']);
    });
});

describe("lambda-permission-scope, the exact messages", () => {
    it("rejects a permission without action, principal or function, naming each", async () => {
        const plan = securePlan();
        for (const key of ["action", "principal", "function"]) {
            setProp(plan, "invoke-api-handler", key, undefined);
        }
        assert.deepEqual(await messages(plan, permissionScope), [
            'Lambda permission "invoke-api-handler" grants no action: grant only lambda:InvokeFunction.',
            'Lambda permission "invoke-api-handler" names function (none), not a function of this stack: name one of this stack\'s functions.',
            'Lambda permission "invoke-api-handler" lets no principal invoke the function: only cognito-idp.amazonaws.com and apigateway.amazonaws.com may, each from this stack\'s resources.',
        ]);
    });

    it("rejects API Gateway invoking from an ARN of another service that ends in this API's id", async () => {
        const plan = setProp(securePlan(), "invoke-api-handler", "sourceArn", `arn:aws:lambda:us-east-1:${account}:${restApiId}/v1/*`);
        assert.deepEqual(await messages(plan, permissionScope), [
            `Lambda permission "invoke-api-handler" lets apigateway.amazonaws.com invoke the function from arn:aws:lambda:us-east-1:${account}:${restApiId}/v1/*, not a REST or HTTP API of this stack (arn:aws:execute-api:<region>:<account>:<api id>/...): set sourceArn to one.`,
        ]);
    });

    it("rejects API Gateway invoking from a sourceArn that is no ARN", async () => {
        const plan = setProp(securePlan(), "invoke-api-handler", "sourceArn", `${restApiId}/*`);
        assert.deepEqual(await messages(plan, permissionScope), [
            `Lambda permission "invoke-api-handler" lets apigateway.amazonaws.com invoke the function from ${restApiId}/*, not a REST or HTTP API of this stack (arn:aws:execute-api:<region>:<account>:<api id>/...): set sourceArn to one.`,
        ]);
    });

    it("accepts API Gateway invoking from one stage and route of this stack's API", async () => {
        const plan = setProp(securePlan(), "invoke-api-handler", "sourceArn", `${executionArn}/v1/GET/items`);
        assert.deepEqual(await messages(plan, permissionScope), []);
    });
});

describe("lambda-execution-role, the exact messages", () => {
    it("rejects a function without a role", async () => {
        const plan = setProp(securePlan(), "api-handler", "role", undefined);
        assert.deepEqual(await messages(plan, functionRole), [
            'Function "api-handler" runs with role (none), which is not a role of this stack, so its permissions cannot be checked: give it a role of this program.',
        ]);
    });

    it("rejects a function running with a Cognito SMS role (\"a\", not \"an\")", async () => {
        const plan = setProp(securePlan(), "api-handler-role", "assumeRolePolicy", policyDocument({ Effect: "Allow", Principal: { Service: "cognito-idp.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "sts:ExternalId": "sms" } } }));
        assert.deepEqual(await messages(plan, functionRole), [
            'Function "api-handler" runs with role "api-handler-role", a Cognito SMS role: give each function an execution role trusting only lambda.amazonaws.com.',
        ]);
    });

    it("rejects a function whose role trusts Lambda and another service", async () => {
        const plan = setProp(securePlan(), "api-handler-role", "assumeRolePolicy", policyDocument({ Effect: "Allow", Principal: { Service: ["lambda.amazonaws.com", "ec2.amazonaws.com"] }, Action: "sts:AssumeRole" }));
        assert.deepEqual(await messages(plan, functionRole), [
            'Function "api-handler" runs with role "api-handler-role", which trusts other principals than Lambda: give each function an execution role trusting only lambda.amazonaws.com.',
        ]);
    });
});
