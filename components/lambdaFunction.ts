import { createHash } from "node:crypto";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { issue, throwIfIssues, ValidationIssue } from "./issues";
import { LAMBDA_ARCHITECTURE, LAMBDA_HANDLER, LAMBDA_RUNTIME } from "./lambdaCode";

/**
 * Retention values CloudWatch Logs accepts, in days. 0 (never expire) is left out on purpose:
 * logs of sign-ups and API calls hold personal data and must not be kept forever.
 * @see https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html
 */
export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

/** One IAM policy statement; values may come from other resources. */
export interface PolicyStatement {
    readonly Sid?: string;
    readonly Effect: "Allow" | "Deny";
    readonly Action: string | readonly string[];
    readonly Resource: pulumi.Input<string> | readonly pulumi.Input<string>[];
    readonly Condition?: Record<string, Record<string, pulumi.Input<string> | readonly pulumi.Input<string>[]>>;
}

export interface LambdaFunctionArgs {
    /**
     * Physical function name, fixed so that its log group `/aws/lambda/<name>` can exist first.
     * @see https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html#lambda-CreateFunction-request-FunctionName
     */
    readonly functionName: string;
    readonly description?: string;
    /** Archive whose `index.js` exports `handler`. */
    readonly code: pulumi.Input<pulumi.asset.Archive>;
    /** @default 256 */
    readonly memoryMb?: number;
    /** @default 5 */
    readonly timeoutSeconds?: number;
    /** Environment variables the handler reads at init. @default {} */
    readonly environment?: Record<string, pulumi.Input<string>>;
    /** Days the function's logs are kept; one of LOG_RETENTION_DAYS. @default 30 */
    readonly logRetentionDays?: number;
    /** Permissions the function needs besides writing its logs; attached before it is created. @default [] */
    readonly statements?: readonly PolicyStatement[];
    /** @default {} */
    readonly tags?: Record<string, string>;
}

/** Checks a retention value; `field` names the key it came from. */
export function validateLogRetention(field: string, days: number): ValidationIssue[] {
    return (LOG_RETENTION_DAYS as readonly number[]).includes(days)
        ? []
        : [issue(field, `must be one of CloudWatch's retention values ${LOG_RETENTION_DAYS.join(", ")}`, days, "choose the nearest allowed value, e.g. 30 or 365")];
}

export function validateLambdaFunctionArgs(a: Pick<LambdaFunctionArgs, "functionName" | "memoryMb" | "timeoutSeconds" | "logRetentionDays">): ValidationIssue[] {
    const out: ValidationIssue[] = [];
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(a.functionName)) {
        out.push(issue("functionName", "must be 1-64 letters, digits, hyphens or underscores", a.functionName, "shorten the component name or the stack name"));
    }
    const memory = a.memoryMb ?? 256;
    if (!Number.isInteger(memory) || memory < 128 || memory > 10240) {
        out.push(issue("memoryMb", "must be an integer between 128 and 10240", memory, "choose e.g. 256"));
    }
    const timeout = a.timeoutSeconds ?? 5;
    if (!Number.isInteger(timeout) || timeout < 1 || timeout > 900) {
        out.push(issue("timeoutSeconds", "must be an integer between 1 and 900", timeout, "choose e.g. 5"));
    }
    out.push(...validateLogRetention("logRetentionDays", a.logRetentionDays ?? 30));
    return out;
}

/** Lambda function names are at most 64 characters. */
const MAX_FUNCTION_NAME = 64;

/**
 * `<prefix>-<suffix>` with characters Lambda rejects in names replaced by hyphens; a name over
 * 64 characters (a long stack name) is cut and ends in a hash of the whole, so it stays unique.
 */
export function physicalName(...parts: string[]): string {
    const name = parts.join("-").replace(/[^A-Za-z0-9_-]+/g, "-");
    if (name.length <= MAX_FUNCTION_NAME) return name;
    const hash = createHash("sha256").update(name).digest("hex").slice(0, 8);
    return `${name.slice(0, MAX_FUNCTION_NAME - hash.length - 1)}-${hash}`;
}

/** A policy document from statements whose values may be Outputs. */
export function policyDocument(statements: readonly PolicyStatement[]): pulumi.Output<string> {
    return pulumi.jsonStringify({ Version: "2012-10-17", Statement: statements });
}

/**
 * A Lambda function with its own execution role, its log group (created first, with
 * retention, so Lambda never creates an unmanaged one) and a role policy that lets it write
 * to that log group only, instead of AWSLambdaBasicExecutionRole's `logs:*` on `*`.
 *
 * Permissions go in separate `aws.iam.RolePolicy` resources, never the role's
 * `inlinePolicies`: a role that declares inline policies removes any added beside it, and
 * policies naming resources created later (the user pool) must be added beside it.
 */
export class LambdaFunction extends pulumi.ComponentResource {
    public readonly role: aws.iam.Role;
    public readonly logGroup: aws.cloudwatch.LogGroup;
    public readonly logPolicy: aws.iam.RolePolicy;
    public readonly policy?: aws.iam.RolePolicy;
    public readonly function: aws.lambda.Function;
    public readonly functionName: string;
    public readonly arn: pulumi.Output<string>;
    public readonly invokeArn: pulumi.Output<string>;
    private readonly childName: string;

    constructor(name: string, args: LambdaFunctionArgs, opts?: pulumi.ComponentResourceOptions) {
        super("cognito-stack:lambda:Function", name, {}, opts);
        throwIfIssues(`LambdaFunction ${name}`, validateLambdaFunctionArgs(args), "LambdaFunctionArgs.");
        this.childName = name;
        this.functionName = args.functionName;
        const tags = args.tags ?? {};

        this.role = new aws.iam.Role(
            `${name}-role`,
            {
                description: `Execution role of the ${args.functionName} Lambda function`,
                assumeRolePolicy: JSON.stringify({
                    Version: "2012-10-17",
                    Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
                }),
                tags,
            },
            { parent: this },
        );

        this.logGroup = new aws.cloudwatch.LogGroup(
            `${name}-logs`,
            { name: `/aws/lambda/${args.functionName}`, retentionInDays: args.logRetentionDays ?? 30, tags },
            { parent: this },
        );

        this.logPolicy = new aws.iam.RolePolicy(
            `${name}-logs-policy`,
            {
                role: this.role.id,
                policy: policyDocument([
                    { Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: pulumi.interpolate`${this.logGroup.arn}:log-stream:*` },
                ]),
            },
            { parent: this },
        );

        const statements = args.statements ?? [];
        if (statements.length > 0) {
            this.policy = new aws.iam.RolePolicy(`${name}-policy`, { role: this.role.id, policy: policyDocument(statements) }, { parent: this });
        }

        this.function = new aws.lambda.Function(
            name,
            {
                name: args.functionName,
                description: args.description,
                role: this.role.arn,
                runtime: LAMBDA_RUNTIME,
                architectures: [LAMBDA_ARCHITECTURE],
                handler: LAMBDA_HANDLER,
                code: args.code,
                memorySize: args.memoryMb ?? 256,
                timeout: args.timeoutSeconds ?? 5,
                environment: args.environment !== undefined ? { variables: args.environment } : undefined,
                loggingConfig: { logFormat: "JSON", logGroup: this.logGroup.name },
                tags,
            },
            // The log group must exist before the first invocation, the policies before the first call.
            { parent: this, dependsOn: [this.logGroup, this.logPolicy, ...(this.policy ? [this.policy] : [])] },
        );
        this.arn = this.function.arn;
        this.invokeArn = this.function.invokeArn;

        this.registerOutputs({ arn: this.arn, functionName: this.functionName, roleArn: this.role.arn, logGroupName: this.logGroup.name });
    }

    /**
     * Adds permissions in a separate role policy. Use it for policies that name resources which
     * themselves name this function (the user pool names its triggers): created after them,
     * such a policy breaks the cycle.
     */
    public grant(suffix: string, statements: readonly PolicyStatement[], opts?: pulumi.CustomResourceOptions): aws.iam.RolePolicy {
        return new aws.iam.RolePolicy(`${this.childName}-${suffix}-policy`, { role: this.role.id, policy: policyDocument(statements) }, { ...opts, parent: this });
    }
}
