import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface SenderKeyArgs {
    /** Days KMS waits before deleting the key once scheduled (7-30). @default 30 */
    readonly deletionWindowDays?: number;
    /** @default {} */
    readonly tags?: Record<string, string>;
}

/**
 * Key administration for the account: manage, rotate, tag and schedule deletion, but never
 * use the key. Without kms:Decrypt, kms:CreateGrant or kms:ReEncrypt* here, no IAM policy of
 * the account can let anyone else read the codes; kms:PutKeyPolicy stays so the key cannot be
 * locked out.
 */
export const KEY_ADMIN_ACTIONS = [
    "kms:Describe*", "kms:Get*", "kms:List*", "kms:Enable*", "kms:Disable*", "kms:Update*", "kms:Put*",
    "kms:TagResource", "kms:UntagResource", "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion", "kms:RotateKeyOnDemand", "kms:RevokeGrant",
];

/** The key policy: the account administers, Cognito encrypts for this pool only, the sender roles decrypt. */
export function senderKeyPolicy(p: { partition: string; accountId: string; userPoolArn: string; decrypterRoleArns: readonly string[] }): string {
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            { Sid: "KeyAdministration", Effect: "Allow", Principal: { AWS: `arn:${p.partition}:iam::${p.accountId}:root` }, Action: KEY_ADMIN_ACTIONS, Resource: "*" },
            {
                Sid: "CognitoEncryptsCodesOfThisPool",
                Effect: "Allow",
                Principal: { Service: "cognito-idp.amazonaws.com" },
                Action: "kms:Encrypt",
                Resource: "*",
                Condition: { StringEquals: { "aws:SourceAccount": p.accountId }, ArnLike: { "aws:SourceArn": p.userPoolArn } },
            },
            { Sid: "SendersDecrypt", Effect: "Allow", Principal: { AWS: [...p.decrypterRoleArns] }, Action: "kms:Decrypt", Resource: "*" },
        ],
    });
}

/**
 * The symmetric KMS key Cognito encrypts codes and temporary passwords with before it hands
 * them to the custom email and SMS senders (`lambdaConfig.kmsKeyId`). The pool names the key
 * and the key policy names the pool, so the policy is a separate resource added after the pool
 * (`grant`); until then the key has KMS's default policy.
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-custom-sender-triggers.html
 */
export class SenderKey extends pulumi.ComponentResource {
    public readonly key: aws.kms.Key;
    public readonly arn: pulumi.Output<string>;
    private readonly childName: string;

    constructor(name: string, args: SenderKeyArgs = {}, opts?: pulumi.ComponentResourceOptions) {
        super("cognito-stack:cognito:SenderKey", name, {}, opts);
        this.childName = name;
        this.key = new aws.kms.Key(
            name,
            {
                description: "Encrypts the codes Cognito hands to the custom email and SMS senders",
                keyUsage: "ENCRYPT_DECRYPT",
                customerMasterKeySpec: "SYMMETRIC_DEFAULT",
                enableKeyRotation: true,
                deletionWindowInDays: args.deletionWindowDays ?? 30,
                tags: args.tags ?? {},
            },
            { parent: this },
        );
        this.arn = this.key.arn;
        this.registerOutputs({ arn: this.arn });
    }

    /** The key policy, after the pool: Cognito may encrypt for `userPoolArn` only, and only `decrypterRoleArns` may decrypt. */
    public grant(userPoolArn: pulumi.Input<string>, decrypterRoleArns: readonly pulumi.Input<string>[]): aws.kms.KeyPolicy {
        const opts = { parent: this };
        const partition = aws.getPartitionOutput({}, opts).partition;
        const accountId = aws.getCallerIdentityOutput({}, opts).accountId;
        const policy = pulumi
            .all([partition, accountId, userPoolArn, pulumi.all([...decrypterRoleArns])])
            .apply(([p, a, pool, roles]) => senderKeyPolicy({ partition: p, accountId: a, userPoolArn: pool, decrypterRoleArns: roles }));
        return new aws.kms.KeyPolicy(`${this.childName}-policy`, { keyId: this.key.id, policy }, opts);
    }
}
