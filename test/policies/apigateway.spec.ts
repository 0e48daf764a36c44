import { cognitoAuthorizerPool, lambdaAuthorizerPool, methodAuthorization, methodScopes, optionsMockOnly, stageAccessLogs, stageExecutionLogging } from "../../policies/apigateway";
import { describePolicy, resourceServer, setProp } from "./fixtures";

describePolicy(methodAuthorization, [
    { title: "rejects an unauthorized GET", mutate: (p) => setProp(p, "items-get", "authorization", "NONE"), message: /Method GET has authorization NONE: attach an authorizer \(COGNITO_USER_POOLS, CUSTOM, JWT\)\./ },
    { title: "rejects a Cognito method without authorizerId", mutate: (p) => setProp(p, "items-get", "authorizerId", undefined), message: /Method GET uses COGNITO_USER_POOLS without an authorizerId/ },
]);

describePolicy(cognitoAuthorizerPool, [
    { title: "rejects an authorizer trusting another pool", mutate: (p) => setProp(p, "cognito-authorizer", "providerArns", ["arn:aws:cognito-idp:us-east-1:999999999999:userpool/us-east-1_Other"]), message: /trusts arn:aws:cognito-idp:us-east-1:999999999999:userpool\/us-east-1_Other, not a user pool of this stack/ },
    { title: "rejects a method pointing at an unknown authorizer", mutate: (p) => setProp(p, "items-get", "authorizerId", "zzz"), message: /Method "items-get" uses COGNITO_USER_POOLS with authorizer zzz, not a Cognito authorizer of this stack/ },
]);

describePolicy(stageAccessLogs, [
    { title: "rejects a stage without access logs", mutate: (p) => setProp(p, "v1", "accessLogSettings", undefined), message: /The stage writes no access logs: set accessLogSettings/ },
]);

describePolicy(optionsMockOnly, [
    { title: "rejects an open OPTIONS method reaching a Lambda", mutate: (p) => setProp(p, "items-options-integration", "type", "AWS_PROXY"), message: /^Method OPTIONS "items-options" has no authorizer and integration "items-options-integration" of type AWS_PROXY, so anyone reaches the backend: answer preflights with a MOCK integration\.$/ },
    { title: "matches the method whatever the case of its verb", mutate: (p) => { setProp(p, "items-options", "httpMethod", "options"); setProp(p, "items-options-integration", "type", "HTTP_PROXY"); }, message: /of type HTTP_PROXY/ },
]);

describePolicy(lambdaAuthorizerPool, [
    { title: "rejects an authorizer verifying another pool", mutate: (p) => setProp(p, "api-authorizer", "environment", { variables: { USER_POOL_ID: "us-east-1_Other", APP_CLIENT_IDS: "web" } }), message: /^Lambda authorizer "lambda-authorizer" runs "api-authorizer", which verifies tokens of user pool us-east-1_Other, not this stack's/ },
    { title: "rejects clients of another pool", mutate: (p) => setProp(p, "api-authorizer", "environment", { variables: { USER_POOL_ID: "us-east-1_AbCdEf123", APP_CLIENT_IDS: "web,stranger" } }), message: /accepts tokens of clients stranger, not app clients of pool us-east-1_AbCdEf123/ },
    { title: "rejects a CUSTOM method without a Lambda authorizer of this stack", mutate: (p) => setProp(p, "admin-get", "authorizerId", "abc123"), message: /^Method "admin-get" uses CUSTOM with authorizer abc123, not a Lambda authorizer of this stack/ },
]);

describePolicy(methodScopes, [
    { title: "rejects a Cognito method without scopes", mutate: (p) => setProp(p, "items-get", "authorizationScopes", []), message: /^Method GET "items-get" uses COGNITO_USER_POOLS without authorizationScopes, so any ID token of the pool passes/ },
    { title: "rejects a read scope on a write method", mutate: (p) => setProp(p, "items-put", "authorizationScopes", [`${resourceServer}/items.read`]), message: /^Method PUT "items-put" changes data but accepts https:\/\/api\.example\.com\/items\.read, not a write scope/ },
    { title: "rejects a scope no resource server defines", mutate: (p) => setProp(p, "items-get", "authorizationScopes", [`${resourceServer}/items.everything`]), message: /accepts scopes https:\/\/api\.example\.com\/items\.everything, which no resource server of this stack defines/ },
]);

describePolicy(stageExecutionLogging, [
    { title: "rejects data trace", mutate: (p) => setProp(p, "v1-settings", "settings", { loggingLevel: "ERROR", dataTraceEnabled: true }), message: /^MethodSettings "v1-settings" turns dataTraceEnabled on/ },
    { title: "rejects a stage without execution logging", mutate: (p) => setProp(p, "v1-settings", "stageName", "v2"), message: /^Stage "v1" has no MethodSettings for \*\/\* with settings\.loggingLevel ERROR or INFO/ },
]);
