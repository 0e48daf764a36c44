import * as aws from "@pulumi/aws";
import { ResourceValidationPolicy, StackValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import { settings } from "./lib/config";
import { parseArn } from "./lib/grants";
import { classNames, roleClass, trustOf } from "./lib/roles";
import { byIdentity, functionFor, ofType, ofTypes, rolesIndex } from "./lib/stack";
import { checkEach } from "./lib/unknowns";
import { fieldsOf } from "./lib/values";

const runtimeSettings = settings(
    { allowedRuntimes: ["nodejs22.x", "nodejs24.x", "python3.12", "python3.13", "python3.14", "java21", "java25", "dotnet8", "dotnet10", "ruby3.4", "provided.al2023"] },
    { allowedRuntimes: "Lambda runtimes AWS supports and does not plan to deprecate soon; any other runtime is refused." },
    { allowedRuntimes: "more" },
);

export const functionRuntime: ResourceValidationPolicy = {
    name: "lambda-function-runtime",
    description: "Checks whether Lambda functions use a supported, non-deprecated runtime.",
    anchors: { covers: ["Lambda.2", "CKV_AWS_363"] },
    severity: "medium",
    configSchema: runtimeSettings.schema,
    validateResource: validateResourceOfType(aws.lambda.Function, (_fn, args, report) => {
        const fields = fieldsOf(args, false);
        if (fields.str("packageType") === "Image") {
            return;
        }
        const { allowedRuntimes } = runtimeSettings.read(args);
        const runtime = fields.str("runtime");
        if (runtime === undefined || !allowedRuntimes.includes(runtime)) {
            report(`runtime is ${runtime ?? "unset"}, which is deprecated or not on the supported list: use one of ${allowedRuntimes.join(", ")}.`);
        }
    }),
};

export const functionUrlAuth: ResourceValidationPolicy = {
    name: "lambda-function-url-auth",
    description: "Checks whether Lambda function URLs require IAM authorization.",
    anchors: { covers: ["CKV_AWS_258"] },
    severity: "critical",
    validateResource: validateResourceOfType(aws.lambda.FunctionUrl, (_url, args, report) => {
        const type = fieldsOf(args, false).str("authorizationType");
        if (type !== "AWS_IAM") {
            report(`authorizationType is ${type ?? "unset"}: anyone on the internet can invoke the function; set it to AWS_IAM, or put the function behind the API's authorizers.`);
        }
    }),
};

/** Service principals that may invoke this stack's functions, and what their sourceArn must name. */
const invokers: Readonly<Record<string, string>> = {
    "cognito-idp.amazonaws.com": "a user pool of this stack",
    "apigateway.amazonaws.com": "a REST or HTTP API of this stack (arn:aws:execute-api:<region>:<account>:<api id>/...)",
};

export const permissionScope: StackValidationPolicy = {
    name: "lambda-permission-scope",
    description: "Checks whether every Lambda permission lets only Cognito or API Gateway invoke a function of this stack, from a sourceArn of this stack's user pool or API.",
    anchors: { beyond: ["Lambda.1", "CKV_AWS_301"] },
    severity: "critical",
    validateStack: async (args, report) => {
        const pools = byIdentity(args.resources, "userPool", [aws.cognito.UserPool], ["arn"]);
        const apis = byIdentity(args.resources, "api", [aws.apigateway.RestApi, aws.apigatewayv2.Api], ["executionArn"]);
        await checkEach(ofType(args.resources, aws.lambda.Permission), (permission) => {
            const fields = fieldsOf(permission);
            const name = `Lambda permission "${permission.name}"`;
            const action = fields.str("action");
            const principal = fields.str("principal") ?? "";
            const sourceArn = fields.str("sourceArn");
            const fn = fields.str("function") ?? "";
            if (action !== "lambda:InvokeFunction") {
                report(`${name} grants ${action ?? "no action"}: grant only lambda:InvokeFunction.`, permission.urn);
            }
            if (!functionFor(args.resources, fn)) {
                report(`${name} names function ${fn || "(none)"}, not a function of this stack: name one of this stack's functions.`, permission.urn);
            }
            if (fields.str("functionUrlAuthType") === "NONE") {
                report(`${name} opens the function URL with auth NONE: use AWS_IAM.`, permission.urn);
            }
            if (fields.str("principalOrgId") !== undefined) {
                report(`${name} lets a whole AWS organization invoke the function: name the service principal instead.`, permission.urn);
            }
            const expected = invokers[principal];
            if (!expected) {
                report(`${name} lets ${principal || "no principal"} invoke the function: only ${Object.keys(invokers).join(" and ")} may, each from this stack's resources.`, permission.urn);
                return;
            }
            if (!sourceArn) {
                report(`${name} has no sourceArn, so ${principal} invokes the function for any account's resources: set sourceArn to ${expected}.`, permission.urn);
                return;
            }
            const owner = principal === "cognito-idp.amazonaws.com" ? pools.find([sourceArn]) : apis.find([apiExecutionPrefix(sourceArn)]);
            if (owner.length === 0) {
                report(`${name} lets ${principal} invoke the function from ${sourceArn}, not ${expected}: set sourceArn to one.`, permission.urn);
            }
        });
    },
};

/** `arn:aws:execute-api:<region>:<account>:<api id>` of an execute-api source ARN. */
function apiExecutionPrefix(sourceArn: string): string {
    const arn = parseArn(sourceArn);
    if (!arn || arn.service !== "execute-api") {
        return sourceArn;
    }
    return `arn:${arn.partition}:execute-api:${arn.region}:${arn.account}:${arn.resource.split("/")[0]}`;
}

export const functionRole: StackValidationPolicy = {
    name: "lambda-execution-role",
    description: "Checks whether every Lambda function runs with a role of this stack that trusts only lambda.amazonaws.com.",
    anchors: { none: "No published control checks that a function's role belongs to the stack and trusts Lambda alone." },
    severity: "critical",
    validateStack: async (args, report) => {
        const roles = rolesIndex(args.resources);
        await checkEach(ofTypes(args.resources, [aws.lambda.Function]), (fn) => {
            const arn = fieldsOf(fn).str("role") ?? "";
            const role = roles.find([arn])[0];
            if (!role) {
                report(`Function "${fn.name}" runs with role ${arn || "(none)"}, which is not a role of this stack, so its permissions cannot be checked: give it a role of this program.`, fn.urn);
                return;
            }
            const cls = roleClass(trustOf(args.resources, role));
            if (cls !== "lambda") {
                const what = cls ? `${/^[aeiou]/i.test(classNames[cls]) ? "an" : "a"} ${classNames[cls]}` : "which trusts other principals than Lambda";
                report(`Function "${fn.name}" runs with role "${role.name}", ${what}: give each function an execution role trusting only lambda.amazonaws.com.`, fn.urn);
            }
        });
    },
};

export const lambdaPolicies = [functionRuntime, functionUrlAuth, permissionScope, functionRole] as const;
