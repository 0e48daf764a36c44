/**
 * IAM policy documents of the identity pool's roles and the data they reach, as plain
 * objects: the caller serializes them with JSON.stringify once the ARNs are known.
 */

export interface PolicyStatement {
    readonly Sid?: string;
    readonly Effect: "Allow" | "Deny";
    readonly Principal?: Record<string, string> | "*";
    readonly Action: string | readonly string[];
    readonly Resource?: string | readonly string[];
    readonly Condition?: Record<string, Record<string, string | readonly string[]>>;
}

export interface PolicyDocument {
    readonly Version: "2012-10-17";
    readonly Statement: readonly PolicyStatement[];
}

/** The principal Cognito identity pools federate through. */
export const COGNITO_IDENTITY = "cognito-identity.amazonaws.com";

/**
 * The IAM policy variable for the caller's identity id. A plain string on purpose: IAM must
 * receive `${...}` literally and resolve it per request, so it must never go through a
 * template literal.
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/iam-roles.html
 */
export const IDENTITY_ID_VARIABLE = "${cognito-identity.amazonaws.com:sub}";

/** Key prefixes of the data bucket: one folder per identity, and data anyone may read. */
export const PRIVATE_PREFIX = "private/";
export const PUBLIC_PREFIX = "public/";

/** Who the role is for: the `amr` value the identity pool puts into the web identity token. */
export type IdentityKind = "authenticated" | "unauthenticated";

/**
 * Trust policy of a role the identity pool hands out: only this pool (`aud`) and only
 * identities of the given kind (`amr`). Without `aud`, identities of ANY identity pool could
 * assume the role.
 * @param tagSession also allow `sts:TagSession`, which the pool needs to set principal tags.
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/role-trust-and-permissions.html
 */
export function identityPoolTrustPolicy(identityPoolId: string, kind: IdentityKind, tagSession = false): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Effect: "Allow",
                Principal: { Federated: COGNITO_IDENTITY },
                Action: tagSession ? ["sts:AssumeRoleWithWebIdentity", "sts:TagSession"] : "sts:AssumeRoleWithWebIdentity",
                Condition: {
                    StringEquals: { [`${COGNITO_IDENTITY}:aud`]: identityPoolId },
                    "ForAnyValue:StringLike": { [`${COGNITO_IDENTITY}:amr`]: kind },
                },
            },
        ],
    };
}

/** S3 object actions an identity may perform in its own folder. */
export const PRIVATE_OBJECT_ACTIONS = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload"] as const;

/**
 * DynamoDB item actions an identity may perform on its own partition. Each names its
 * partition key, so `dynamodb:LeadingKeys` is present; Scan and PartiQL are left out because
 * `ForAllValues` also matches when the key is absent.
 */
export const ITEM_ACTIONS = [
    "dynamodb:GetItem",
    "dynamodb:BatchGetItem",
    "dynamodb:Query",
    "dynamodb:PutItem",
    "dynamodb:UpdateItem",
    "dynamodb:DeleteItem",
    "dynamodb:BatchWriteItem",
] as const;

function publicRead(bucketArn: string): PolicyStatement {
    return { Sid: "ReadPublic", Effect: "Allow", Action: "s3:GetObject", Resource: `${bucketArn}/${PUBLIC_PREFIX}*` };
}

/**
 * Signed-in identities: read and write their own `private/<identity id>/` folder, list only
 * that folder, read `public/`, and reach only their own partition of the table.
 */
export function authenticatedDataPolicy(bucketArn: string, tableArn: string): PolicyDocument {
    const ownFolder = PRIVATE_PREFIX + IDENTITY_ID_VARIABLE + "/";
    return {
        Version: "2012-10-17",
        Statement: [
            { Sid: "OwnObjects", Effect: "Allow", Action: [...PRIVATE_OBJECT_ACTIONS], Resource: bucketArn + "/" + ownFolder + "*" },
            {
                Sid: "ListOwnFolder",
                Effect: "Allow",
                Action: "s3:ListBucket",
                Resource: bucketArn,
                Condition: { StringLike: { "s3:prefix": [ownFolder, ownFolder + "*"] } },
            },
            publicRead(bucketArn),
            {
                Sid: "OwnItems",
                Effect: "Allow",
                Action: [...ITEM_ACTIONS],
                Resource: tableArn,
                Condition: {
                    "ForAllValues:StringEquals": { "dynamodb:LeadingKeys": [IDENTITY_ID_VARIABLE] },
                    // ForAllValues alone also matches a request without leading keys.
                    Null: { "dynamodb:LeadingKeys": "false" },
                },
            },
        ],
    };
}

/** Guests: read `public/` and nothing else (AWS's session policy for guests cuts down further). */
export function guestDataPolicy(bucketArn: string): PolicyDocument {
    return { Version: "2012-10-17", Statement: [publicRead(bucketArn)] };
}

/** Bucket policy: refuse every request that does not use TLS. */
export function tlsOnlyBucketPolicy(bucketArn: string): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "DenyInsecureTransport",
                Effect: "Deny",
                Principal: "*",
                Action: "s3:*",
                Resource: [bucketArn, `${bucketArn}/*`],
                Condition: { Bool: { "aws:SecureTransport": "false" } },
            },
        ],
    };
}
