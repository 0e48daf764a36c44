import * as aws from "@pulumi/aws";
import { ResourceValidationPolicy, StackValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import { settings } from "./lib/config";
import { ofType, requiredOutput } from "./lib/stack";
import { checkEach } from "./lib/unknowns";

const authorizationSettings = settings(
    { allowedAuthorizationTypes: ["COGNITO_USER_POOLS", "CUSTOM", "JWT"] },
    { allowedAuthorizationTypes: "Authorization types a method or route may use: COGNITO_USER_POOLS, CUSTOM (Lambda), JWT, AWS_IAM." },
);

function checkAuthorization(kind: string, authorization: string | undefined, authorizerId: string | undefined, allowed: string[], report: (message: string) => void): void {
    const type = authorization ?? "NONE";
    if (!allowed.includes(type)) {
        report(`${kind} has authorization ${type}: attach an authorizer (${allowed.join(", ")}).`);
    } else if (type !== "AWS_IAM" && !authorizerId) {
        report(`${kind} uses ${type} without an authorizerId: set authorizerId to the authorizer's id.`);
    }
}

export const methodAuthorization: ResourceValidationPolicy = {
    name: "apigateway-method-authorization",
    description: "Checks whether every API method or route other than OPTIONS has an authorizer (Cognito, JWT or Lambda).",
    severity: "critical",
    configSchema: authorizationSettings.schema,
    validateResource: [
        validateResourceOfType(aws.apigateway.Method, (method, args, report) => {
            if (method.httpMethod.toUpperCase() !== "OPTIONS") {
                const allowed = authorizationSettings.read(args).allowedAuthorizationTypes;
                checkAuthorization(`Method ${method.httpMethod}`, method.authorization, method.authorizerId, allowed, report);
            }
        }),
        validateResourceOfType(aws.apigatewayv2.Route, (route, args, report) => {
            if (!route.routeKey.toUpperCase().startsWith("OPTIONS ")) {
                const allowed = authorizationSettings.read(args).allowedAuthorizationTypes;
                checkAuthorization(`Route "${route.routeKey}"`, route.authorizationType, route.authorizerId, allowed, report);
            }
        }),
    ],
};

export const cognitoAuthorizerPool: StackValidationPolicy = {
    name: "apigateway-cognito-authorizer-pool",
    description: "Checks whether Cognito and JWT authorizers trust this stack's user pools, and Cognito-authorized methods use such an authorizer.",
    severity: "critical",
    validateStack: async (args, report) => {
        const pools = ofType(args.resources, aws.cognito.UserPool);
        const authorizers = ofType(args.resources, aws.apigateway.Authorizer).filter((a) => a.props.type === "COGNITO_USER_POOLS");
        await checkEach(authorizers, (authorizer) => {
            const poolArns = pools.map((p) => requiredOutput(p, "arn"));
            const providers = (authorizer.props.providerArns ?? []) as string[];
            if (providers.length === 0) {
                report(`Cognito authorizer "${authorizer.name}" names no user pool: set providerArns to [pool.arn].`, authorizer.urn);
            }
            for (const arn of providers.filter((p) => !poolArns.includes(p))) {
                report(`Cognito authorizer "${authorizer.name}" trusts ${arn}, not a user pool of this stack: set providerArns to this stack's pool ARN.`, authorizer.urn);
            }
        });
        await checkEach(ofType(args.resources, aws.apigatewayv2.Authorizer).filter((a) => a.props.authorizerType === "JWT"), (authorizer) => {
            const issuers = pools.map((p) => `https://${requiredOutput(p, "endpoint")}`);
            const issuer = (authorizer.props.jwtConfiguration as { issuer?: string } | undefined)?.issuer;
            if (!issuer || !issuers.includes(issuer)) {
                report(`JWT authorizer "${authorizer.name}" trusts issuer ${issuer ?? "(none)"}: set jwtConfiguration.issuer to https://<this stack's pool endpoint>.`, authorizer.urn);
            }
        });
        const cognitoMethods = ofType(args.resources, aws.apigateway.Method).filter((m) => m.props.authorization === "COGNITO_USER_POOLS");
        await checkEach(cognitoMethods, (method) => {
            const ids = authorizers.map((a) => requiredOutput(a, "id"));
            if (!ids.includes(method.props.authorizerId as string)) {
                report(`Method "${method.name}" uses COGNITO_USER_POOLS with authorizer ${String(method.props.authorizerId)}, not a Cognito authorizer of this stack: point authorizerId at one.`, method.urn);
            }
        });
    },
};

function checkAccessLog(settingsValue: { destinationArn?: string; format?: string } | undefined, report: (message: string) => void): void {
    if (!settingsValue?.destinationArn || !settingsValue.format) {
        report("The stage writes no access logs: set accessLogSettings { destinationArn: <log group ARN>, format }.");
    }
}

export const stageAccessLogs: ResourceValidationPolicy = {
    name: "apigateway-stage-access-logs",
    description: "Checks whether API stages write access logs.",
    severity: "medium",
    validateResource: [
        validateResourceOfType(aws.apigateway.Stage, (stage, _args, report) => checkAccessLog(stage.accessLogSettings, report)),
        validateResourceOfType(aws.apigatewayv2.Stage, (stage, _args, report) => checkAccessLog(stage.accessLogSettings, report)),
    ],
};

export const apigatewayPolicies = [methodAuthorization, cognitoAuthorizerPool, stageAccessLogs] as const;
