import * as assert from "node:assert/strict";
import { authenticatedRoleScoping, cognitoRoleBinding, cognitoTrustPolicy, guestRoleLimits } from "../../policies/iam";
import type { Plan } from "../../tools/planTypes";
import {
    authStatements,
    bucketArn,
    describePolicy,
    find,
    guestRoleArn,
    identityPoolId,
    policyDocument,
    run,
    securePlan,
    setProp,
    sub,
    tableArn,
    trustPolicy,
} from "./fixtures";

function trust(statement: Record<string, unknown>): string {
    const base = JSON.parse(trustPolicy("authenticated")) as { Statement: Record<string, unknown>[] };
    return JSON.stringify({ ...base, Statement: [{ ...base.Statement[0], ...statement }] });
}

const otherPoolId = "us-east-1:99999999-2222-3333-4444-555555555555";
const audOnly = { StringEquals: { "cognito-identity.amazonaws.com:aud": identityPoolId } };
const amrOnly = { "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": "authenticated" } };

describePolicy(cognitoTrustPolicy, [
    { title: "rejects a trust policy without aud", mutate: (p) => setProp(p, "authenticated-role", "assumeRolePolicy", trust({ Condition: amrOnly })), message: /has no StringEquals cognito-identity.amazonaws.com:aud condition, so identities of any identity pool can assume the role/ },
    { title: "rejects an aud wildcard", mutate: (p) => setProp(p, "authenticated-role", "assumeRolePolicy", trust({ Condition: { ...amrOnly, StringEquals: { "cognito-identity.amazonaws.com:aud": "us-east-1:*" } } })), message: /pins cognito-identity.amazonaws.com:aud to \["us-east-1:\*"\]: pin it to exactly one concrete identity pool id/ },
    { title: "rejects a trust policy without amr", mutate: (p) => setProp(p, "authenticated-role", "assumeRolePolicy", trust({ Condition: audOnly })), message: /no cognito-identity.amazonaws.com:amr condition: add ForAnyValue:StringLike/ },
    { title: "rejects sts:AssumeRole", mutate: (p) => setProp(p, "authenticated-role", "assumeRolePolicy", trust({ Action: ["sts:AssumeRoleWithWebIdentity", "sts:AssumeRole"] })), message: /allows sts:AssumeRoleWithWebIdentity, sts:AssumeRole: allow only sts:AssumeRoleWithWebIdentity/ },
    {
        title: "rejects another principal trusted next to Cognito",
        mutate: (p) => {
            const doc = JSON.parse(trustPolicy("authenticated")) as { Statement: object[] };
            doc.Statement.push({ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" });
            setProp(p, "authenticated-role", "assumeRolePolicy", JSON.stringify(doc));
        },
        message: /^assumeRolePolicy statement 2 also trusts AWS \* on a role that identity-pool users receive: trust only Federated cognito-identity\.amazonaws\.com, and give other callers a role of their own\.$/,
    },
    {
        title: "rejects a second principal in the Cognito statement",
        mutate: (p) => setProp(p, "authenticated-role", "assumeRolePolicy", trust({ Principal: { Federated: "cognito-identity.amazonaws.com", AWS: "arn:aws:iam::999999999999:root" } })),
        message: /^assumeRolePolicy statement 1 also trusts AWS arn:aws:iam::999999999999:root on a role that identity-pool users receive/,
    },
    {
        title: "reads a policy document given as an object",
        mutate: (p) => setProp(p, "authenticated-role", "assumeRolePolicy", JSON.parse(trust({ Condition: amrOnly }))),
        message: /has no StringEquals cognito-identity.amazonaws.com:aud condition/,
    },
]);

describePolicy(cognitoRoleBinding, [
    { title: "rejects a guest role trusting authenticated identities", mutate: (p) => setProp(p, "guest-role", "assumeRolePolicy", trustPolicy("authenticated")), message: /The guest role "guest-role" trusts amr \["authenticated"\]: set .* to exactly "unauthenticated"\./ },
    { title: "rejects an authenticated role trusting guests", mutate: (p) => setProp(p, "authenticated-role", "assumeRolePolicy", trustPolicy("unauthenticated")), message: /The authenticated role "authenticated-role" trusts amr \["unauthenticated"\]/ },
    {
        title: "rejects a role pinned to another identity pool",
        mutate: (p) => setProp(p, "guest-role", "assumeRolePolicy", trustPolicy("unauthenticated").replace(identityPoolId, otherPoolId)),
        message: /The guest role "guest-role" trusts aud \["us-east-1:99999999-2222-3333-4444-555555555555"\], not its identity pool us-east-1:1111/,
    },
]);

function guestPolicy(plan: Plan, ...statements: object[]): void {
    setProp(plan, "guest-policy", "policy", policyDocument(...statements));
}
const allow = (action: string | string[], resource: string | string[] = `${bucketArn}/public/*`): object => ({ Effect: "Allow", Action: action, Resource: resource });

describePolicy(guestRoleLimits, [
    { title: "rejects s3:PutObject (AWS access level Write)", mutate: (p) => guestPolicy(p, allow("s3:PutObject")), message: /grants the guest role s3:PutObject, which includes s3:PutObject \(Write\): grant only Read or List actions\./ },
    { title: "rejects s3:Put* expanded against AWS's action list", mutate: (p) => guestPolicy(p, allow("s3:Put*")), message: /grants the guest role s3:Put\*, which includes s3:Put\w+ \([^)]+\).* and \d+ more: grant only Read or List actions\./ },
    { title: "rejects s3:*", mutate: (p) => guestPolicy(p, allow("s3:*")), message: /grants the guest role s3:\*, which includes .*(Write|Permissions management)/ },
    { title: "rejects *", mutate: (p) => guestPolicy(p, allow("*")), message: /grants the guest role every action \(\*\)/ },
    { title: "rejects sts:AssumeRole", mutate: (p) => guestPolicy(p, allow("sts:AssumeRole")), message: /grants the guest role sts:AssumeRole: guests may never call sts; remove it\./ },
    { title: "rejects iam read actions too", mutate: (p) => guestPolicy(p, allow("iam:GetRole")), message: /guests may never call iam/ },
    { title: "rejects a service outside the allowed list", mutate: (p) => guestPolicy(p, allow("dynamodb:GetItem", tableArn)), message: /grants the guest role dynamodb:GetItem, a service outside s3: remove it or allow the service in config\./ },
    {
        title: "rejects reads of users' keys",
        mutate: (p) => guestPolicy(p, allow("s3:GetObject", `${bucketArn}/*`)),
        message: /^RolePolicy "guest-policy" statement 1 lets guests read arn:aws:s3:::app-data-bucket-1234\/\*, outside the public prefixes \(public\/\): narrow it to arn:aws:s3:::app-data-bucket-1234\/public\/\*\.$/,
    },
    {
        title: "rejects listing the whole bucket",
        mutate: (p) => guestPolicy(p, allow("s3:GetObject"), allow("s3:ListBucket", bucketArn)),
        message: /^RolePolicy "guest-policy" statement 2 lets guests list the whole bucket, users' keys included: add a StringLike s3:prefix condition public\/\*\.$/,
    },
    {
        title: "rejects listing a prefix outside the public ones",
        mutate: (p) => guestPolicy(p, { ...allow("s3:ListBucket", bucketArn), Condition: { StringLike: { "s3:prefix": ["public/*", "private/*"] } } }),
        message: /lets guests list \["public\/\*","private\/\*"\], users' keys included/,
    },
    { title: "rejects a * resource", mutate: (p) => guestPolicy(p, allow("s3:GetObject", "*")), message: /grants the guest role resource \*: name this stack's buckets or tables/ },
    { title: "rejects a bucket of another stack", mutate: (p) => guestPolicy(p, allow("s3:GetObject", "arn:aws:s3:::someone-elses-bucket/*")), message: /resource arn:aws:s3:::someone-elses-bucket\/\*/ },
    { title: "rejects an action AWS does not know", mutate: (p) => guestPolicy(p, allow("s3:GetObjekt")), message: /action "s3:GetObjekt" matches no s3 action/ },
    { title: "rejects NotAction", mutate: (p) => guestPolicy(p, { Effect: "Allow", NotAction: "s3:PutObject", Resource: `${bucketArn}/*` }), message: /uses NotAction on the guest role/ },
    {
        title: "reads attached customer-managed policies",
        mutate: (p) => {
            guestPolicy(p, allow("s3:GetObject"));
            const policyArn = "arn:aws:iam::123456789012:policy/guest-extra";
            const extra = { ...find(p, "guest-policy"), urn: "urn:pulumi:prod::cognito-stack::aws:iam/policy:Policy::guest-extra", type: "aws:iam/policy:Policy", name: "guest-extra", props: { policy: policyDocument(allow("s3:DeleteObject")) } };
            extra.outputs = { ...extra.props, arn: policyArn };
            const attachment = { ...find(p, "guest-policy"), urn: "urn:pulumi:prod::cognito-stack::aws:iam/rolePolicyAttachment:RolePolicyAttachment::guest-extra", type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment", name: "guest-extra-attachment", props: { role: "app-guest-role", policyArn } };
            attachment.outputs = attachment.props;
            p.resources.push(extra, attachment);
        },
        message: /policy "guest-extra" statement 1 grants the guest role s3:DeleteObject, which includes s3:DeleteObject \(Write\)/,
    },
    {
        title: "rejects inline policies on the role",
        mutate: (p) => setProp(p, "guest-role", "inlinePolicies", [{ name: "extra", policy: policyDocument(allow("s3:PutObject")) }]),
        message: /inline policy "extra" of role "guest-role" statement 1 grants the guest role s3:PutObject/,
    },
    {
        title: "rejects AWS-managed policies it cannot read",
        mutate: (p) => setProp(p, "guest-role", "managedPolicyArns", ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"]),
        message: /Managed policy arn:aws:iam::aws:policy\/AmazonS3ReadOnlyAccess attached to role "guest-role" is not declared in this stack/,
    },
    { title: "rejects a guest role that is not in the stack", mutate: (p) => setProp(p, "roles", "roles", { authenticated: "x", unauthenticated: `${guestRoleArn}-other` }), message: /The guest role arn:aws:iam::123456789012:role\/app-guest-role-other is not a role of this stack/ },
]);

describe("iam-guest-role-limits wildcard expansion", () => {
    for (const action of ["s3:Get*", "s3:List*", "s3:GetObject", "s3:ListBucket"]) {
        it(`accepts ${action}: every action it matches is Read or List`, async () => {
            const plan = securePlan();
            guestPolicy(plan, { ...allow(action, [`${bucketArn}/public/*`, bucketArn]), Condition: { StringLike: { "s3:prefix": ["public/*"] } } });
            assert.deepEqual(await run(plan, guestRoleLimits), []);
        });
    }
});

function authPolicy(plan: Plan, ...statements: object[]): void {
    setProp(plan, "authenticated-policy", "policy", policyDocument(...statements));
}
const leadingKeys = { "ForAllValues:StringEquals": { "dynamodb:LeadingKeys": [sub] }, Null: { "dynamodb:LeadingKeys": "false" } };

describePolicy(authenticatedRoleScoping, [
    { title: "rejects a * action", mutate: (p) => authPolicy(p, ...authStatements, allow("*", "*")), message: /grants \* to every signed-in user: list the actions the app needs\./ },
    { title: "rejects S3 object access without ${sub}", mutate: (p) => authPolicy(p, allow("s3:PutObject", `${bucketArn}/private/*`)), message: /grants S3 object access on arn:aws:s3:::app-data-bucket-1234\/private\/\* to every signed-in user: scope the key with private\/\$\{cognito-identity.amazonaws.com:sub\}\/\*\./ },
    { title: "rejects writes to the shared read prefix", mutate: (p) => authPolicy(p, allow(["s3:GetObject", "s3:PutObject"], `${bucketArn}/public/*`)), message: /grants S3 object access on .*\/public\/\*/ },
    { title: "rejects ListBucket without an s3:prefix", mutate: (p) => authPolicy(p, allow("s3:ListBucket", bucketArn)), message: /lets every signed-in user list the whole bucket: add a StringLike s3:prefix condition/ },
    { title: "rejects item access without LeadingKeys", mutate: (p) => authPolicy(p, allow(["dynamodb:GetItem", "dynamodb:PutItem"], tableArn)), message: /grants DynamoDB item access \(dynamodb:GetItem, dynamodb:PutItem\) without ForAllValues:StringEquals dynamodb:LeadingKeys/ },
    { title: "rejects Scan under LeadingKeys", mutate: (p) => authPolicy(p, { ...allow(["dynamodb:Query", "dynamodb:Scan"], tableArn), Condition: leadingKeys }), message: /grants dynamodb:Scan, which reads every user's items/ },
    { title: "rejects LeadingKeys with a wildcard value", mutate: (p) => authPolicy(p, { ...allow("dynamodb:GetItem", tableArn), Condition: { "ForAllValues:StringLike": { "dynamodb:LeadingKeys": ["*"] } } }), message: /without ForAllValues:StringEquals dynamodb:LeadingKeys/ },
]);
