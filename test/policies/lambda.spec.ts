import { functionRole, functionRuntime, functionUrlAuth, permissionScope } from "../../policies/lambda";
import { account, adminsRoleArn, describePolicy, executionArn, fnArn, poolArn, setProp } from "./fixtures";

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
