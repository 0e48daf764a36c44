import { cognitoAuthorizerPool, methodAuthorization, stageAccessLogs } from "../../policies/apigateway";
import { describePolicy, setProp } from "./fixtures";

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
