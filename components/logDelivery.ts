import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { FeaturePlan } from "./featurePlan";
import { issue, throwIfIssues, ValidationIssue } from "./issues";
import { validateLogRetention } from "./lambdaFunction";

/** Where user activity (threat-protection user auth events) goes; `auto` = CloudWatch Logs on PLUS, else off. */
export type UserAuthEventsDestination = "auto" | "off" | "cloudwatch" | "s3" | "firehose";

export interface LogDeliveryArgs {
    readonly userPoolId: pulumi.Input<string>;
    /** The pool's feature plan: user activity export needs PLUS. */
    readonly featurePlan: FeaturePlan;
    /** Days the delivery log groups keep events; one of CloudWatch's retention values. @default 30 */
    readonly retentionDays?: number;
    /**
     * Export user notification errors (email and SMS delivery) at ERROR level to CloudWatch Logs.
     * @default true
     * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_LogConfigurationType.html
     */
    readonly userNotification?: boolean;
    /** Export user activity at INFO level (PLUS only). @default "auto" */
    readonly userAuthEvents?: UserAuthEventsDestination;
    /** S3 bucket ARN for user activity; only with userAuthEvents `s3`. @default - none */
    readonly s3BucketArn?: string;
    /** Firehose stream ARN for user activity; only with userAuthEvents `firehose`. @default - none */
    readonly firehoseStreamArn?: string;
    /** @default {} */
    readonly tags?: Record<string, string>;
}

const S3_BUCKET_ARN = /^arn:aws[\w-]*:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const FIREHOSE_ARN = /^arn:aws[\w-]*:firehose:[a-z0-9-]+:\d{12}:deliverystream\/[\w.-]{1,64}$/;

/** The destination in force once `auto` is resolved. */
export function userAuthEventsDestination(a: Pick<LogDeliveryArgs, "userAuthEvents" | "featurePlan">): Exclude<UserAuthEventsDestination, "auto"> {
    const d = a.userAuthEvents ?? "auto";
    return d === "auto" ? (a.featurePlan === "PLUS" ? "cloudwatch" : "off") : d;
}

/** Checks the args; `at` prefixes every field (e.g. `logDelivery.`). */
export function validateLogDeliveryArgs(a: Omit<LogDeliveryArgs, "userPoolId">, at = ""): ValidationIssue[] {
    const out: ValidationIssue[] = [];
    if (a.retentionDays !== undefined) {
        out.push(...validateLogRetention(`${at}retentionDays`, a.retentionDays));
    }
    const dest = a.userAuthEvents ?? "auto";
    if (dest !== "auto" && dest !== "off" && a.featurePlan !== "PLUS") {
        out.push(issue(`${at}userAuthEvents`, `needs the PLUS feature plan (the pool is on ${a.featurePlan})`, dest, "set featurePlan to PLUS, or userAuthEvents to off"));
    }
    if (dest === "s3") {
        if (a.s3BucketArn === undefined) {
            out.push(issue(`${at}s3BucketArn`, "is required when userAuthEvents is s3", undefined, "set the ARN of the bucket that receives the logs, e.g. arn:aws:s3:::acme-cognito-logs"));
        } else if (!S3_BUCKET_ARN.test(a.s3BucketArn)) {
            out.push(issue(`${at}s3BucketArn`, "must be an S3 bucket ARN", a.s3BucketArn, "use arn:aws:s3:::<bucket name> (no key or prefix)"));
        }
    } else if (a.s3BucketArn !== undefined) {
        out.push(issue(`${at}s3BucketArn`, `is set but userAuthEvents is ${dest}, so nothing is sent there`, a.s3BucketArn, "set userAuthEvents to s3, or remove s3BucketArn"));
    }
    if (dest === "firehose") {
        if (a.firehoseStreamArn === undefined) {
            out.push(issue(`${at}firehoseStreamArn`, "is required when userAuthEvents is firehose", undefined, "set the ARN of the Firehose stream, e.g. arn:aws:firehose:us-east-1:123456789012:deliverystream/cognito-logs"));
        } else if (!FIREHOSE_ARN.test(a.firehoseStreamArn)) {
            out.push(issue(`${at}firehoseStreamArn`, "must be a Firehose delivery stream ARN", a.firehoseStreamArn, "use arn:aws:firehose:<region>:<account>:deliverystream/<name>"));
        }
    } else if (a.firehoseStreamArn !== undefined) {
        out.push(issue(`${at}firehoseStreamArn`, `is set but userAuthEvents is ${dest}, so nothing is sent there`, a.firehoseStreamArn, "set userAuthEvents to firehose, or remove firehoseStreamArn"));
    }
    return out;
}

/**
 * Cognito log delivery: user notification errors to CloudWatch Logs and, on PLUS, user activity
 * (sign-ins with their risk decision) to CloudWatch Logs, S3 or Firehose.
 */
export class LogDelivery extends pulumi.ComponentResource {
    public readonly notificationLogGroup?: aws.cloudwatch.LogGroup;
    public readonly authEventsLogGroup?: aws.cloudwatch.LogGroup;
    /** Absent when both event sources are off. */
    public readonly configuration?: aws.cognito.LogDeliveryConfiguration;
    /** Where user activity goes, `off` when it is not exported. */
    public readonly userAuthEvents: Exclude<UserAuthEventsDestination, "auto">;

    constructor(name: string, args: LogDeliveryArgs, opts?: pulumi.ComponentResourceOptions) {
        super("cognito-stack:operations:LogDelivery", name, {}, opts);
        throwIfIssues(`LogDelivery ${name}`, validateLogDeliveryArgs(args), "LogDeliveryArgs.");
        const retention = args.retentionDays ?? 30;
        const tags = args.tags ?? {};
        this.userAuthEvents = userAuthEventsDestination(args);
        // Cognito writes through the vended-logs path, whose resource policy has room for every pool.
        const logGroup = (suffix: string) =>
            new aws.cloudwatch.LogGroup(
                `${name}-${suffix}`,
                { name: `/aws/vendedlogs/cognito/${pulumi.getProject()}-${pulumi.getStack()}/${name}-${suffix}`, retentionInDays: retention, tags },
                { parent: this },
            );

        const configs: aws.types.input.cognito.LogDeliveryConfigurationLogConfiguration[] = [];
        if (args.userNotification ?? true) {
            this.notificationLogGroup = logGroup("user-notification");
            configs.push({ eventSource: "userNotification", logLevel: "ERROR", cloudWatchLogsConfiguration: { logGroupArn: this.notificationLogGroup.arn } });
        }
        switch (this.userAuthEvents) {
            case "cloudwatch":
                this.authEventsLogGroup = logGroup("user-auth-events");
                configs.push({ eventSource: "userAuthEvents", logLevel: "INFO", cloudWatchLogsConfiguration: { logGroupArn: this.authEventsLogGroup.arn } });
                break;
            case "s3":
                configs.push({ eventSource: "userAuthEvents", logLevel: "INFO", s3Configuration: { bucketArn: args.s3BucketArn } });
                break;
            case "firehose":
                configs.push({ eventSource: "userAuthEvents", logLevel: "INFO", firehoseConfiguration: { streamArn: args.firehoseStreamArn } });
                break;
            case "off":
                break;
        }
        if (configs.length > 0) {
            this.configuration = new aws.cognito.LogDeliveryConfiguration(name, { userPoolId: args.userPoolId, logConfigurations: configs }, { parent: this });
        }
        this.registerOutputs({
            notificationLogGroup: this.notificationLogGroup?.name,
            authEventsLogGroup: this.authEventsLogGroup?.name,
            userAuthEvents: this.userAuthEvents,
        });
    }
}
