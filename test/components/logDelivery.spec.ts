import * as assert from "node:assert/strict";
import { formatIssue } from "../../components/issues";
import { LogDelivery, validateLogDeliveryArgs } from "../../components/logDelivery";
import { ofType, one } from "../helpers/plans";
import { build } from "../helpers/record";

const POOL = "us-east-1_TestPool1";
const GROUPS = "/aws/vendedlogs/cognito/cognito-stack-test";
const logArn = (name: string) => `arn:aws:logs:us-east-1:123456789012:log-group:${name}`;
const messages = (issues: ReturnType<typeof validateLogDeliveryArgs>) => issues.map((i) => formatIssue(i));

describe("LogDelivery", () => {
    it("sends notification errors and, on PLUS, user activity to their own log groups with the retention", async () => {
        const rs = await build(() => new LogDelivery("logs", { userPoolId: POOL, featurePlan: "PLUS", retentionDays: 365 }));
        const groups = ofType(rs, "aws:cloudwatch/logGroup:LogGroup").map((g) => [g.name, g.props.name, g.props.retentionInDays]);
        assert.deepEqual(groups.sort(), [
            ["logs-user-auth-events", `${GROUPS}/logs-user-auth-events`, 365],
            ["logs-user-notification", `${GROUPS}/logs-user-notification`, 365],
        ]);
        const config = one(rs, "aws:cognito/logDeliveryConfiguration:LogDeliveryConfiguration");
        assert.equal(config.props.userPoolId, POOL);
        assert.deepEqual(config.props.logConfigurations, [
            { eventSource: "userNotification", logLevel: "ERROR", cloudWatchLogsConfiguration: { logGroupArn: logArn(`${GROUPS}/logs-user-notification`) } },
            { eventSource: "userAuthEvents", logLevel: "INFO", cloudWatchLogsConfiguration: { logGroupArn: logArn(`${GROUPS}/logs-user-auth-events`) } },
        ]);
    });

    it("leaves user activity out below PLUS when left to auto", async () => {
        const rs = await build(() => new LogDelivery("logs-ess", { userPoolId: POOL, featurePlan: "ESSENTIALS" }));
        assert.deepEqual(rs.component.userAuthEvents, "off");
        const config = one(rs, "aws:cognito/logDeliveryConfiguration:LogDeliveryConfiguration");
        assert.deepEqual(
            config.props.logConfigurations.map((l: { eventSource: string; logLevel: string }) => [l.eventSource, l.logLevel]),
            [["userNotification", "ERROR"]],
        );
        assert.equal(one(rs, "aws:cloudwatch/logGroup:LogGroup").props.retentionInDays, 30);
    });

    it("sends user activity to S3 or Firehose without a log group of its own", async () => {
        const bucket = "arn:aws:s3:::acme-cognito-logs";
        const rs = await build(() => new LogDelivery("logs-s3", { userPoolId: POOL, featurePlan: "PLUS", userNotification: false, userAuthEvents: "s3", s3BucketArn: bucket }));
        assert.equal(ofType(rs, "aws:cloudwatch/logGroup:LogGroup").length, 0);
        assert.deepEqual(one(rs, "aws:cognito/logDeliveryConfiguration:LogDeliveryConfiguration").props.logConfigurations, [
            { eventSource: "userAuthEvents", logLevel: "INFO", s3Configuration: { bucketArn: bucket } },
        ]);
        const stream = "arn:aws:firehose:us-east-1:123456789012:deliverystream/cognito-logs";
        const fh = await build(() => new LogDelivery("logs-fh", { userPoolId: POOL, featurePlan: "PLUS", userNotification: false, userAuthEvents: "firehose", firehoseStreamArn: stream }));
        assert.deepEqual(one(fh, "aws:cognito/logDeliveryConfiguration:LogDeliveryConfiguration").props.logConfigurations, [
            { eventSource: "userAuthEvents", logLevel: "INFO", firehoseConfiguration: { streamArn: stream } },
        ]);
    });

    it("creates nothing when both event sources are off (AWS needs at least one)", async () => {
        const rs = await build(() => new LogDelivery("logs-off", { userPoolId: POOL, featurePlan: "PLUS", userNotification: false, userAuthEvents: "off" }));
        assert.deepEqual(rs.resources.map((r) => r.type), ["cognito-stack:operations:LogDelivery"]);
    });

    it("reports every problem of the settings, each with the value and the fix", () => {
        assert.deepEqual(messages(validateLogDeliveryArgs({ featurePlan: "ESSENTIALS", retentionDays: 8, userAuthEvents: "cloudwatch", s3BucketArn: "arn:aws:s3:::logs/prefix" }, "logDelivery.")), [
            "logDelivery.retentionDays must be one of CloudWatch's retention values 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653 (received: 8). Fix: choose the nearest allowed value, e.g. 30 or 365",
            'logDelivery.userAuthEvents needs the PLUS feature plan (the pool is on ESSENTIALS) (received: "cloudwatch"). Fix: set featurePlan to PLUS, or userAuthEvents to off',
            'logDelivery.s3BucketArn is set but userAuthEvents is cloudwatch, so nothing is sent there (received: "arn:aws:s3:::logs/prefix"). Fix: set userAuthEvents to s3, or remove s3BucketArn',
        ]);
        assert.deepEqual(messages(validateLogDeliveryArgs({ featurePlan: "PLUS", userAuthEvents: "s3", s3BucketArn: "arn:aws:s3:::logs/prefix" })), [
            's3BucketArn must be an S3 bucket ARN (received: "arn:aws:s3:::logs/prefix"). Fix: use arn:aws:s3:::<bucket name> (no key or prefix)',
        ]);
        assert.deepEqual(messages(validateLogDeliveryArgs({ featurePlan: "PLUS", userAuthEvents: "firehose" })), [
            "firehoseStreamArn is required when userAuthEvents is firehose (received: nothing). Fix: set the ARN of the Firehose stream, e.g. arn:aws:firehose:us-east-1:123456789012:deliverystream/cognito-logs",
        ]);
        assert.deepEqual(messages(validateLogDeliveryArgs({ featurePlan: "PLUS", userAuthEvents: "firehose", firehoseStreamArn: "arn:aws:kinesis:us-east-1:123456789012:stream/x" })), [
            'firehoseStreamArn must be a Firehose delivery stream ARN (received: "arn:aws:kinesis:us-east-1:123456789012:stream/x"). Fix: use arn:aws:firehose:<region>:<account>:deliverystream/<name>',
        ]);
        assert.deepEqual(validateLogDeliveryArgs({ featurePlan: "LITE", userAuthEvents: "auto" }), []);
    });

    it("fails the component with every problem, prefixed with the args name", () =>
        assert.throws(
            () => new LogDelivery("logs-bad", { userPoolId: POOL, featurePlan: "LITE", userAuthEvents: "s3" }),
            /LogDelivery logs-bad has 2 problems:\n {2}- LogDeliveryArgs\.userAuthEvents needs the PLUS feature plan[^\n]*\n {2}- LogDeliveryArgs\.s3BucketArn is required when userAuthEvents is s3/,
        ));
});
