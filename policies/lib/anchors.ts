/**
 * The well-known controls each policy covers or goes beyond, so a finding maps to what auditors
 * and other scanners call it. Every id below is published by its tool with the title given here:
 * cdk-nag's AwsSolutions pack, Checkov's AWS checks, AWS Security Hub's controls. A policy with
 * no published equivalent says why in `none`; `test/policies/anchors.spec.ts` holds every policy
 * of `all.ts` to one of the two.
 */

/** id -> title, as the publisher words it. */
export const CONTROLS = {
    // cdk-nag, AwsSolutions pack (RULES.md; src/packs/aws-solutions.ts)
    "AwsSolutions-APIG1": "The API does not have access logging enabled.",
    "AwsSolutions-APIG3": "The REST API stage is not associated with AWS WAFv2 web ACL.",
    "AwsSolutions-APIG4": "The API does not implement authorization.",
    "AwsSolutions-APIG6": "The REST API Stage does not have CloudWatch logging enabled for all methods.",
    "AwsSolutions-COG1": "The Cognito user pool does not have a password policy that minimally specify a password length of at least 8 characters, as well as requiring uppercase, numeric, and special characters.",
    "AwsSolutions-COG2": "The Cognito user pool does not require MFA.",
    "AwsSolutions-COG3": "The Cognito user pool does not have AdvancedSecurityMode set to ENFORCED.",
    "AwsSolutions-COG7": "The Cognito identity pool allows for unauthenticated logins and does not have a cdk_nag rule suppression with a reason.",
    "AwsSolutions-COG8": "Cognito user pools are plus tier (rule CognitoUserPoolPlusTier).",
    "AwsSolutions-DDB3": "The DynamoDB table does not have Point-in-time Recovery enabled.",
    "AwsSolutions-IAM4": "The IAM user, role, or group uses AWS managed policies.",
    "AwsSolutions-IAM5": "The IAM entity contains wildcard permissions and does not have a cdk_nag rule suppression with evidence for those permission.",
    "AwsSolutions-S2": "The S3 Bucket does not have public access restricted and blocked.",
    "AwsSolutions-S10": "The S3 Bucket does not require requests to use SSL.",
    // Checkov (checkov/terraform/checks)
    CKV_AWS_21: "Ensure all data stored in the S3 bucket have versioning enabled",
    CKV_AWS_28: "Ensure DynamoDB point in time recovery (backup) is enabled",
    CKV_AWS_40: "Ensure IAM policies are attached only to groups or roles (Reducing access management complexity may in-turn reduce opportunity for a principal to inadvertently receive or retain excessive privileges.)",
    CKV_AWS_53: "Ensure S3 bucket has block public ACLS enabled",
    CKV_AWS_56: "Ensure S3 bucket has 'restrict_public_buckets' enabled",
    CKV_AWS_59: "Ensure there is no open access to back-end resources through API",
    CKV_AWS_60: "Ensure IAM role allows only specific services or principals to assume it",
    CKV_AWS_61: "Ensure AWS IAM policy does not allow assume role permission across all services",
    CKV_AWS_62: 'Ensure IAM policies that allow full "*-*" administrative privileges are not created',
    CKV_AWS_63: 'Ensure no IAM policies documents allow "*" as a statement\'s actions',
    CKV_AWS_70: "Ensure S3 bucket does not allow an action with any Principal",
    CKV_AWS_76: "Ensure API Gateway has Access Logging enabled",
    CKV_AWS_109: "Ensure IAM policies does not allow permissions management / resource exposure without constraints",
    CKV_AWS_111: "Ensure IAM policies does not allow write access without constraints",
    CKV_AWS_258: "Ensure that Lambda function URLs AuthType is not None",
    CKV_AWS_274: "Disallow IAM roles, users, and groups from using the AWS AdministratorAccess policy",
    CKV_AWS_300: "Ensure S3 lifecycle configuration sets period for aborting failed uploads",
    CKV_AWS_301: "Ensure that AWS Lambda function is not publicly accessible",
    CKV_AWS_193: "Ensure AppSync has Logging enabled",
    CKV_AWS_194: "Ensure AppSync has Field-Level logs enabled",
    CKV_AWS_355: 'Ensure no IAM policies documents allow "*" as a statement\'s resource for restrictable actions',
    CKV_AWS_363: "Ensure Lambda Runtime is not deprecated",
    CKV_AWS_366: "Ensure AWS Cognito identity pool does not allow unauthenticated guest access",
    CKV2_AWS_4: "Ensure API Gateway stage have logging level defined as appropriate",
    CKV2_AWS_6: "Ensure that S3 bucket has a Public Access block",
    CKV2_AWS_29: "Ensure public API gateway are protected by WAF",
    CKV2_AWS_33: "Ensure AppSync is protected by WAF",
    CKV2_AWS_61: "Ensure that an S3 bucket has a lifecycle configuration",
    CKV2_AWS_65: "Ensure access control lists for S3 buckets are disabled",
    // AWS Security Hub controls (securityhub/latest/userguide/<service>-controls)
    "APIGateway.1": "API Gateway REST and WebSocket API execution logging should be enabled",
    "APIGateway.4": "API Gateway should be associated with a WAF Web ACL",
    "APIGateway.8": "API Gateway routes should specify an authorization type",
    "APIGateway.9": "Access logging should be configured for API Gateway V2 Stages",
    "AppSync.2": "AWS AppSync should have field-level logging enabled",
    "AppSync.5": "AWS AppSync GraphQL APIs should not be authenticated with API keys",
    "CloudWatch.15": "CloudWatch alarms should have specified actions configured",
    "CloudWatch.17": "CloudWatch alarm actions should be activated",
    "Cognito.1": "Cognito user pools should have threat protection activated with full function enforcement mode for standard authentication",
    "Cognito.2": "Cognito identity pools should not allow unauthenticated identities",
    "Cognito.3": "Password policies for Cognito user pools should have strong configurations",
    "Cognito.4": "Cognito user pools should have threat protection activated with full function enforcement mode for custom authentication",
    "Cognito.5": "MFA should be enabled for Cognito user pools",
    "Cognito.6": "Cognito user pools should have deletion protection enabled",
    "DynamoDB.2": "DynamoDB tables should have point-in-time recovery enabled",
    "DynamoDB.6": "DynamoDB tables should have deletion protection enabled",
    "IAM.1": 'IAM policies should not allow full "*" administrative privileges',
    "IAM.2": "IAM users should not have IAM policies attached",
    "IAM.21": "IAM customer managed policies that you create should not allow wildcard actions for services",
    "Lambda.1": "Lambda function policies should prohibit public access",
    "Lambda.2": "Lambda functions should use supported runtimes",
    "S3.2": "S3 general purpose buckets should block public read access",
    "S3.3": "S3 general purpose buckets should block public write access",
    "S3.5": "S3 general purpose buckets should require requests to use SSL",
    "S3.6": "S3 general purpose bucket policies should restrict access to other AWS accounts",
    "S3.8": "S3 general purpose buckets should block public access",
    "S3.12": "ACLs should not be used to manage user access to S3 general purpose buckets",
    "S3.13": "S3 general purpose buckets should have Lifecycle configurations",
    "S3.14": "S3 general purpose buckets should have versioning enabled",
    "WAF.10": "AWS WAF web ACLs should have at least one rule or rule group",
    "WAF.12": "AWS WAF rules should have CloudWatch metrics enabled",
} as const satisfies Record<string, string>;

export type ControlId = keyof typeof CONTROLS;

/**
 * What a policy maps to. Give `covers` and/or `beyond`, or `none` alone:
 * - `covers`: controls that check what this policy checks (it fails where they fail);
 * - `beyond`: controls this policy is stricter than (it fails wherever they fail, and more);
 * - `none`: why no published control matches (a sentence; name the nearest one if any).
 */
export interface Anchors {
    readonly covers?: readonly ControlId[];
    readonly beyond?: readonly ControlId[];
    readonly none?: string;
}

declare module "@pulumi/policy/policy" {
    interface Policy {
        /** The well-known controls this policy covers or goes beyond; required of every policy of the pack. */
        readonly anchors?: Anchors;
    }
}

export type ControlSource = "cdk-nag" | "Checkov" | "AWS Security Hub";

/** Which tool publishes a control, and where its definition is read. */
export function controlSource(id: ControlId): { source: ControlSource; url: string } {
    if (id.startsWith("AwsSolutions-")) {
        return { source: "cdk-nag", url: "https://github.com/cdklabs/cdk-nag/blob/main/RULES.md#awssolutions" };
    }
    if (id.startsWith("CKV")) {
        return { source: "Checkov", url: "https://www.checkov.io/5.Policy%20Index/terraform.html" };
    }
    const [service, n] = id.split(".");
    const page = service.toLowerCase();
    return { source: "AWS Security Hub", url: `https://docs.aws.amazon.com/securityhub/latest/userguide/${page}-controls.html#${page}-${n}` };
}

/** Every control a policy names, `covers` first. */
export function anchorIds(anchors: Anchors | undefined): ControlId[] {
    return [...(anchors?.covers ?? []), ...(anchors?.beyond ?? [])];
}

const template = `anchors: { covers: ["<control id>"], beyond: ["<control id>"] }  or  anchors: { none: "<why no published control matches>" }`;

/**
 * Every problem with a policy's anchors, each naming the policy and what to write. Ids must
 * be in CONTROLS (the type checker holds literal ids to that too); an id is added there only
 * with its publisher's exact title.
 */
export function anchorProblems(policy: { readonly name: string; readonly anchors?: Anchors }): string[] {
    const where = `policy "${policy.name}"`;
    const a = policy.anchors;
    if (a === undefined) {
        return [`${where} has no anchors: add ${template} next to its description (ids and titles: policies/lib/anchors.ts CONTROLS; see policies/README.md#well-known-controls)`];
    }
    const problems: string[] = [];
    const ids = anchorIds(a);
    const none = typeof a.none === "string" ? a.none.trim() : undefined;
    if (ids.length === 0 && !none) {
        problems.push(`${where} names no control and gives no reason: add ${template}`);
    }
    if (ids.length > 0 && a.none !== undefined) {
        problems.push(`${where} names controls and also says none matches: keep one of covers/beyond or none`);
    }
    for (const id of ids as string[]) {
        if (!Object.hasOwn(CONTROLS, id)) {
            problems.push(`${where} names ${JSON.stringify(id)}, which is not in CONTROLS: use a published id (AwsSolutions-*, CKV_AWS_*, CKV2_AWS_*, <Service>.<n>) and add it to policies/lib/anchors.ts with its publisher's title`);
        }
    }
    const seen = new Set<string>();
    for (const id of ids) {
        if (seen.has(id)) {
            problems.push(`${where} names ${id} twice: list each control once, in covers or in beyond`);
        }
        seen.add(id);
    }
    return problems;
}
