import { EnforcementLevel, Policies } from "@pulumi/policy";
import { adaptiveAuthPolicies } from "./adaptiveAuth";
import { apigatewayPolicies } from "./apigateway";
import { appsyncPolicies } from "./appsync";
import { cognitoPolicies } from "./cognito";
import { dataPolicies } from "./data";
import { iamPolicies } from "./iam";
import { identityPoolPolicies } from "./identityPool";
import { lambdaPolicies } from "./lambda";
import { operationsPolicies } from "./operations";

export const packName = "cognito-stack";

/** Every policy is mandatory unless it says otherwise or a stack's policy config lowers it, with a reason. */
export const defaultEnforcementLevel: EnforcementLevel = "mandatory";

/** Built in one expression so no area's policies can be left out by a later edit. */
export const policies: Policies = [
    ...cognitoPolicies,
    ...identityPoolPolicies,
    ...iamPolicies,
    ...lambdaPolicies,
    ...apigatewayPolicies,
    ...appsyncPolicies,
    ...adaptiveAuthPolicies,
    ...dataPolicies,
    ...operationsPolicies,
];
