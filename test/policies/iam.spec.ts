import * as assert from "node:assert/strict";
import { authenticatedRoleScoping, cognitoRoleBinding, cognitoTrustPolicy, guestRoleLimits, principalsInStack, roleTrust, roleTrustSourceAccount, serviceRolePermissions } from "../../policies/iam";
import { unknownStringSentinel } from "../../policies/lib/unknowns";
import { version } from "../../policies/package.json";
import type { Plan } from "../../tools/planTypes";
import {
    assertOne,
    authRoleArn,
    authStatements,
    bucketArn,
    describePolicy,
    find,
    fnArn,
    guestRoleArn,
    identityPoolId,
    policyDocument,
    poolArn,
    roleArn,
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

describePolicy(roleTrust, [
    { title: "reports a document that is not JSON", mutate: (p) => setProp(p, "authenticated-role", "assumeRolePolicy", "{not json"), message: /^assumeRolePolicy of role "authenticated-role" is not valid JSON/ },
    { title: "reports a statement of a shape IAM refuses", mutate: (p) => setProp(p, "api-handler-role", "assumeRolePolicy", policyDocument({ Effect: "allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" })), message: /^assumeRolePolicy of role "api-handler-role" statement 1 has Effect "allow": write "Allow" or "Deny"\.$/ },
    { title: "rejects Principal *", mutate: (p) => setProp(p, "api-handler-role", "assumeRolePolicy", policyDocument({ Effect: "Allow", Principal: "*", Action: "sts:AssumeRole" })), message: /^assumeRolePolicy statement 1 trusts \*: anyone who matches the wildcard \(any AWS account\) could assume it\. Trust only Federated cognito-identity\.amazonaws\.com/ },
    { title: "rejects an account principal, even this stack's", mutate: (p) => setProp(p, "api-handler-role", "assumeRolePolicy", policyDocument({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "sts:AssumeRole" })), message: /trusts AWS arn:aws:iam::123456789012:root: that account's principals could assume it/ },
    { title: "rejects a service outside the role classes", mutate: (p) => setProp(p, "api-handler-role", "assumeRolePolicy", policyDocument({ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" })), message: /trusts Service ec2\.amazonaws\.com: no role class of this stack trusts it/ },
    { title: "rejects a Cognito SMS role without an external id", mutate: (p) => setProp(p, "api-handler-role", "assumeRolePolicy", policyDocument({ Effect: "Allow", Principal: { Service: "cognito-idp.amazonaws.com" }, Action: "sts:AssumeRole" })), message: /without a StringEquals sts:ExternalId condition, so any user pool could publish through it/ },
]);

describe("iam-role-trust with a principal the stack's config allows", () => {
    it("accepts the principal, with a reason", async () => {
        const plan = setProp(securePlan(), "api-handler-role", "assumeRolePolicy", policyDocument({ Effect: "Allow", Principal: { Service: "events.amazonaws.com" }, Action: "sts:AssumeRole" }));
        assert.deepEqual(await run(plan, roleTrust, { "iam-role-trust": { allowedPrincipals: ["Service events.amazonaws.com"], reason: "a scheduled job" } }), []);
    });
});

const handlerPolicy = (plan: Plan, ...statements: object[]): void => void setProp(plan, "api-handler-policy", "policy", policyDocument(...statements));

describePolicy(serviceRolePermissions, [
    { title: "rejects AdministratorAccess", mutate: (p) => setProp(p, "api-handler-role", "managedPolicyArns", ["arn:aws:iam::aws:policy/AdministratorAccess"]), message: /^managedPolicyArns of role "api-handler-role" attaches arn:aws:iam::aws:policy\/AdministratorAccess to the Lambda execution role "api-handler-role", an admin policy/ },
    { title: "rejects an AWS-managed policy not reviewed for the class", mutate: (p) => setProp(p, "api-handler-role", "managedPolicyArns", ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"]), message: /AmazonS3ReadOnlyAccess to the Lambda execution role "api-handler-role", which this pack cannot read/ },
    { title: "rejects * resources beyond logs", mutate: (p) => handlerPolicy(p, allow("dynamodb:GetItem", "*")), message: /^RolePolicy "api-handler-policy" statement 1 grants dynamodb:GetItem on \* to the Lambda execution role "api-handler-role": name the resources \(only log writes may use \*\)\.$/ },
    { title: "rejects a table wildcard", mutate: (p) => handlerPolicy(p, allow("dynamodb:GetItem", "arn:aws:dynamodb:us-east-1:123456789012:table/*")), message: /grants dynamodb:GetItem on arn:aws:dynamodb:us-east-1:123456789012:table\/\* to the Lambda execution role/ },
    { title: "rejects permissions management", mutate: (p) => handlerPolicy(p, allow("s3:PutBucketPolicy", bucketArn)), message: /grants s3:PutBucketPolicy to the Lambda execution role "api-handler-role", a privilege escalation/ },
    { title: "rejects a full wildcard", mutate: (p) => handlerPolicy(p, allow("s3:*", bucketArn)), message: /grants s3:\* to the Lambda execution role "api-handler-role": list the actions it needs/ },
    { title: "rejects a table this stack does not declare", mutate: (p) => handlerPolicy(p, allow("dynamodb:GetItem", "arn:aws:dynamodb:us-east-1:123456789012:table/other")), message: /grants the Lambda execution role "api-handler-role" arn:aws:dynamodb:us-east-1:123456789012:table\/other, which this stack does not declare/ },
    { title: "rejects NotAction", mutate: (p) => handlerPolicy(p, { Effect: "Allow", NotAction: "iam:*", Resource: tableArn }), message: /uses NotAction on the Lambda execution role/ },
]);

describePolicy(principalsInStack, [
    {
        title: "rejects an IAM user",
        mutate: (p) => {
            const user = { ...structuredClone(find(p, "api-handler-role")), type: "aws:iam/user:User", name: "bob", urn: "urn:pulumi:prod::cognito-stack::aws:iam/user:User::bob", props: { name: "bob" } };
            p.resources.push(user);
        },
        message: /^User "bob" gives an IAM user or group lasting access/,
    },
    { title: "rejects a RolePolicy on a role outside the stack", mutate: (p) => setProp(p, "api-handler-policy", "role", "SomeAdminRole"), message: /^RolePolicy "api-handler-policy" changes the permissions of role SomeAdminRole \(role\), which this stack does not declare/ },
]);

describePolicy(authenticatedRoleScoping, [
    { title: "judges group roles too", mutate: (p) => setProp(p, "admins-policy", "policy", policyDocument(allow("s3:PutObject", `${bucketArn}/*`))), message: /^RolePolicy "admins-policy" statement 1 grants S3 object access on arn:aws:s3:::app-data-bucket-1234\/\* to every signed-in user/ },
    { title: "rejects Cognito admin actions", mutate: (p) => authPolicy(p, ...authStatements, allow("cognito-idp:AdminAddUserToGroup", "*")), message: /grants cognito-idp:AdminAddUserToGroup to every signed-in user, which is a Cognito admin action/ },
    { title: "rejects LeadingKeys without the keyless guard", mutate: (p) => authPolicy(p, { ...allow("dynamodb:GetItem", tableArn), Condition: { "ForAllValues:StringEquals": { "dynamodb:LeadingKeys": [sub] } } }), message: /under ForAllValues only, which also matches requests without a key/ },
    { title: "rejects other services", mutate: (p) => authPolicy(p, allow("sqs:SendMessage", "arn:aws:sqs:us-east-1:123456789012:q")), message: /grants sqs:SendMessage on arn:aws:sqs:us-east-1:123456789012:q to every signed-in user, outside their allow-list/ },
]);

describe("iam-authenticated-role-scoping with additionalGrants", () => {
    const grant = { "iam-authenticated-role-scoping": { additionalGrants: ["execute-api:Invoke arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/*"], reason: "the app signs API calls with the identity's credentials" } };
    it("accepts a grant the stack's config adds, with a reason", async () => {
        const plan = securePlan();
        authPolicy(plan, ...authStatements, allow("execute-api:Invoke", "arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/*"));
        assert.deepEqual(await run(plan, authenticatedRoleScoping, grant), []);
    });
    it("still refuses what is never allowed", async () => {
        const plan = securePlan();
        authPolicy(plan, ...authStatements, allow("iam:PassRole", "*"));
        assertOne(await run(plan, authenticatedRoleScoping, { "iam-authenticated-role-scoping": { additionalGrants: ["iam:PassRole *"], reason: "x" } }), "iam-authenticated-role-scoping", /grants iam:PassRole to every signed-in user, which is an IAM action/);
    });
});

// More than one value, another value, another operator, another principal kind: each branch of
// the trust checks, one changed property per case.
const bothAmr = { "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": ["authenticated", "unauthenticated"] } };
describePolicy(cognitoTrustPolicy, [
    { title: "rejects aud pinned to two identity pools", mutate: (p) => setProp(p, "authenticated-role", "assumeRolePolicy", trust({ Condition: { ...amrOnly, StringEquals: { "cognito-identity.amazonaws.com:aud": [identityPoolId, otherPoolId] } } })), message: /^assumeRolePolicy statement 1 pins cognito-identity\.amazonaws\.com:aud to \["us-east-1:11111111-2222-3333-4444-555555555555","us-east-1:99999999-2222-3333-4444-555555555555"\]: pin it to exactly one concrete identity pool id/ },
    { title: "rejects aud that is not an identity pool id", mutate: (p) => setProp(p, "authenticated-role", "assumeRolePolicy", trust({ Condition: { ...amrOnly, StringEquals: { "cognito-identity.amazonaws.com:aud": "my-pool" } } })), message: /pins cognito-identity\.amazonaws\.com:aud to \["my-pool"\]/ },
    { title: "rejects aud with a padded pool id", mutate: (p) => setProp(p, "authenticated-role", "assumeRolePolicy", trust({ Condition: { ...amrOnly, StringEquals: { "cognito-identity.amazonaws.com:aud": `x${identityPoolId}x` } } })), message: /pins cognito-identity\.amazonaws\.com:aud to \["xus-east-1:/ },
    { title: "rejects aud given with StringLike only", mutate: (p) => setProp(p, "authenticated-role", "assumeRolePolicy", trust({ Condition: { ...amrOnly, StringLike: { "cognito-identity.amazonaws.com:aud": identityPoolId } } })), message: /has no StringEquals cognito-identity\.amazonaws\.com:aud condition/ },
    { title: "rejects amr of both kinds", mutate: (p) => setProp(p, "authenticated-role", "assumeRolePolicy", trust({ Condition: { ...audOnly, ...bothAmr } })), message: /^assumeRolePolicy statement 1 has cognito-identity\.amazonaws\.com:amr \["authenticated","unauthenticated"\]: add ForAnyValue:StringLike/ },
    { title: "rejects an amr wildcard", mutate: (p) => setProp(p, "authenticated-role", "assumeRolePolicy", trust({ Condition: { ...audOnly, "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": "*" } } })), message: /has cognito-identity\.amazonaws\.com:amr \["\*"\]/ },
    { title: "rejects amr under a plain StringLike (not ForAnyValue)", mutate: (p) => setProp(p, "authenticated-role", "assumeRolePolicy", trust({ Condition: { ...audOnly, StringLike: { "cognito-identity.amazonaws.com:amr": "authenticated" } } })), message: /has no cognito-identity\.amazonaws\.com:amr condition/ },
    { title: "rejects a service trusted in the Cognito statement", mutate: (p) => setProp(p, "authenticated-role", "assumeRolePolicy", trust({ Principal: { Federated: "cognito-identity.amazonaws.com", Service: "lambda.amazonaws.com" } })), message: /^assumeRolePolicy statement 1 also trusts Service lambda\.amazonaws\.com on a role that identity-pool users receive/ },
    { title: "rejects another federated provider next to Cognito", mutate: (p) => setProp(p, "authenticated-role", "assumeRolePolicy", trust({ Principal: { Federated: ["cognito-identity.amazonaws.com", "accounts.google.com"] } })), message: /also trusts Federated accounts\.google\.com on a role/ },
    {
        title: "rejects a trust of TagSession only",
        mutate: (p) => setProp(p, "authenticated-role", "assumeRolePolicy", trust({ Action: "sts:TagSession" })),
        message: /^assumeRolePolicy trusts cognito-identity\.amazonaws\.com without sts:AssumeRoleWithWebIdentity/,
    },
]);

describe("iam-cognito-trust-policy, secure variants", () => {
    const accepted: [string, Record<string, unknown>][] = [
        ["amr with ForAnyValue:StringEquals", { Condition: { ...audOnly, "ForAnyValue:StringEquals": { "cognito-identity.amazonaws.com:amr": "authenticated" } } }],
        ["AssumeRoleWithWebIdentity alone", { Action: "sts:AssumeRoleWithWebIdentity" }],
        ["a guest role's amr", { Condition: { ...audOnly, "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": "unauthenticated" } } }],
    ];
    for (const [what, statement] of accepted) {
        it(`accepts ${what}`, async () => {
            assert.deepEqual(await run(setProp(securePlan(), "authenticated-role", "assumeRolePolicy", trust(statement)), cognitoTrustPolicy), []);
        });
    }

    it("rejects NotAction, and the missing AssumeRoleWithWebIdentity it leaves", async () => {
        const plan = setProp(securePlan(), "authenticated-role", "assumeRolePolicy", trust({ Action: undefined, NotAction: "sts:AssumeRole" }));
        assert.deepEqual((await run(plan, cognitoTrustPolicy)).map((v) => v.message), [
            "assumeRolePolicy statement 1 allows NotAction sts:AssumeRole: allow only sts:AssumeRoleWithWebIdentity (and sts:TagSession).",
            "assumeRolePolicy trusts cognito-identity.amazonaws.com without sts:AssumeRoleWithWebIdentity: allow only sts:AssumeRoleWithWebIdentity (and sts:TagSession).",
        ]);
    });

    it("ignores Deny statements and roles that do not trust Cognito", async () => {
        const deny = { Effect: "Deny", Principal: { AWS: "*" }, Action: "sts:AssumeRole" };
        const doc = JSON.parse(trustPolicy("authenticated")) as { Statement: object[] };
        doc.Statement.push(deny);
        const plan = setProp(securePlan(), "authenticated-role", "assumeRolePolicy", JSON.stringify(doc));
        setProp(plan, "api-handler-role", "assumeRolePolicy", policyDocument({ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" }));
        assert.deepEqual(await run(plan, cognitoTrustPolicy), []);
    });
});

describePolicy(cognitoRoleBinding, [
    { title: "rejects a guest role trusting both amr values", mutate: (p) => setProp(p, "guest-role", "assumeRolePolicy", trust({ Condition: { ...audOnly, ...bothAmr } })), message: /^The guest role "guest-role" trusts amr \["authenticated","unauthenticated"\]: set ForAnyValue:StringLike cognito-identity\.amazonaws\.com:amr to exactly "unauthenticated"\.$/ },
    { title: "rejects an authenticated role trusting both amr values", mutate: (p) => setProp(p, "authenticated-role", "assumeRolePolicy", trust({ Condition: { ...audOnly, ...bothAmr } })), message: /^The authenticated role "authenticated-role" trusts amr \["authenticated","unauthenticated"\]: .* to exactly "authenticated"\.$/ },
    { title: "rejects a role pinned to its pool and another", mutate: (p) => setProp(p, "authenticated-role", "assumeRolePolicy", trust({ Condition: { ...amrOnly, StringEquals: { "cognito-identity.amazonaws.com:aud": [identityPoolId, otherPoolId] } } })), message: /^The authenticated role "authenticated-role" trusts aud \["us-east-1:11111111-2222-3333-4444-555555555555","us-east-1:99999999-2222-3333-4444-555555555555"\], not its identity pool us-east-1:11111111-2222-3333-4444-555555555555: set StringEquals/ },
    { title: "rejects a group role of another identity pool", mutate: (p) => setProp(p, "admins-role", "assumeRolePolicy", trustPolicy("authenticated").replace(identityPoolId, otherPoolId)), message: /^The group role "admins-role" trusts aud \["us-east-1:99999999-2222-3333-4444-555555555555"\], not an identity pool of this stack/ },
    { title: "rejects a group role trusting guests", mutate: (p) => setProp(p, "admins-role", "assumeRolePolicy", trustPolicy("unauthenticated")), message: /^The group role "admins-role" trusts amr \["unauthenticated"\]: .* to exactly "authenticated"\.$/ },
    { title: "rejects a group role that does not trust Cognito", mutate: (p) => setProp(p, "admins-role", "assumeRolePolicy", policyDocument({ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" })), message: /^The group role "admins-role" does not trust cognito-identity\.amazonaws\.com: trust it with sts:AssumeRoleWithWebIdentity\.$/ },
]);

describePolicy(roleTrust, [
    { title: "rejects another federated provider", mutate: (p) => setProp(p, "api-handler-role", "assumeRolePolicy", policyDocument({ Effect: "Allow", Principal: { Federated: "accounts.google.com" }, Action: "sts:AssumeRoleWithWebIdentity" })), message: /^assumeRolePolicy statement 1 trusts Federated accounts\.google\.com: tokens of that provider could assume it directly, skipping the user pool and its MFA\./ },
    { title: "rejects an account wildcard in an ARN", mutate: (p) => setProp(p, "api-handler-role", "assumeRolePolicy", policyDocument({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::*:root" }, Action: "sts:AssumeRole" })), message: /trusts AWS arn:aws:iam::\*:root: anyone who matches the wildcard/ },
    { title: "rejects AWS * as a principal", mutate: (p) => setProp(p, "api-handler-role", "assumeRolePolicy", policyDocument({ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" })), message: /trusts AWS \*: anyone who matches the wildcard/ },
    { title: "rejects NotPrincipal in an Allow", mutate: (p) => setProp(p, "api-handler-role", "assumeRolePolicy", policyDocument({ Effect: "Allow", NotPrincipal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "sts:AssumeRole" })), message: /uses NotPrincipal in an Allow, which trusts everyone not listed/ },
    { title: "rejects two services in one role", mutate: (p) => setProp(p, "api-handler-role", "assumeRolePolicy", policyDocument({ Effect: "Allow", Principal: { Service: ["lambda.amazonaws.com", "apigateway.amazonaws.com"] }, Action: "sts:AssumeRole" })), message: /^The role is trusted as Lambda execution role and as API Gateway role: each gets the other's permissions/ },
    { title: "rejects a service allowed more than AssumeRole", mutate: (p) => setProp(p, "api-handler-role", "assumeRolePolicy", policyDocument({ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: ["sts:AssumeRole", "sts:AssumeRoleWithWebIdentity"] })), message: /lets the service sts:AssumeRoleWithWebIdentity: allow only sts:AssumeRole\./ },
    { title: "rejects a service given NotAction", mutate: (p) => setProp(p, "api-handler-role", "assumeRolePolicy", policyDocument({ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, NotAction: "iam:*" })), message: /lets the service NotAction iam:\*: allow only sts:AssumeRole\./ },
    { title: "rejects an AppSync role for any account", mutate: (p) => setProp(p, "api-handler-role", "assumeRolePolicy", policyDocument({ Effect: "Allow", Principal: { Service: "appsync.amazonaws.com" }, Action: "sts:AssumeRole" })), message: /lets AppSync assume the role for APIs of any account \(confused deputy\)/ },
    { title: "rejects an AppSync role pinned to an account wildcard", mutate: (p) => setProp(p, "api-handler-role", "assumeRolePolicy", policyDocument({ Effect: "Allow", Principal: { Service: "appsync.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { ArnLike: { "aws:SourceArn": "arn:aws:appsync:us-east-1:*:apis/*" } } })), message: /confused deputy/ },
    { title: "rejects an AppSync role pinned to a non-account", mutate: (p) => setProp(p, "api-handler-role", "assumeRolePolicy", policyDocument({ Effect: "Allow", Principal: { Service: "appsync.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceAccount": ["123456789012", "*"] } } })), message: /confused deputy/ },
    { title: "rejects a Cognito SMS role whose external id is StringLike", mutate: (p) => setProp(p, "api-handler-role", "assumeRolePolicy", policyDocument({ Effect: "Allow", Principal: { Service: "cognito-idp.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringLike: { "sts:ExternalId": "*" } } })), message: /without a StringEquals sts:ExternalId condition/ },
]);

describe("iam-role-trust, secure variants", () => {
    const accepted: [string, object][] = [
        ["an AppSync role pinned by SourceAccount", { Effect: "Allow", Principal: { Service: "appsync.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } } }],
        ["an AppSync role pinned by SourceArn", { Effect: "Allow", Principal: { Service: "appsync.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { ArnLike: { "aws:SourceArn": "arn:aws:appsync:us-east-1:123456789012:apis/*" } } }],
        ["a Cognito SMS role with an external id", { Effect: "Allow", Principal: { Service: "cognito-idp.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "sts:ExternalId": "ext-1" } } }],
        ["a service role with TagSession", { Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: ["sts:AssumeRole", "sts:TagSession"] }],
    ];
    for (const [what, statement] of accepted) {
        it(`accepts ${what}`, async () => {
            assert.deepEqual(await run(setProp(securePlan(), "api-handler-role", "assumeRolePolicy", policyDocument(statement)), roleTrust), []);
        });
    }

    it("ignores a Deny of everyone", async () => {
        const plan = setProp(securePlan(), "api-handler-role", "assumeRolePolicy", policyDocument(
            { Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" },
            { Effect: "Deny", Principal: "*", Action: "sts:AssumeRole" },
        ));
        assert.deepEqual(await run(plan, roleTrust), []);
    });
});

describe("iam-role-trust, AppSync roles confined to APIs of one named account", () => {
    const deputy = 'assumeRolePolicy statement 1 lets AppSync assume the role for APIs of any account (confused deputy): add a StringEquals aws:SourceAccount condition with this account\'s id, or an ArnLike aws:SourceArn condition arn:aws:appsync:<region>:<account>:apis/<api id or *>.';
    const appsyncTrust = (condition: Record<string, unknown>): string => policyDocument({ Effect: "Allow", Principal: { Service: "appsync.amazonaws.com" }, Action: "sts:AssumeRole", Condition: condition });
    const messages = async (condition: Record<string, unknown>): Promise<string[]> => (await run(setProp(securePlan(), "api-handler-role", "assumeRolePolicy", appsyncTrust(condition)), roleTrust)).map((v) => v.message);

    const refused: [string, Record<string, unknown>][] = [
        ["an empty SourceAccount list", { StringEquals: { "aws:SourceAccount": [] } }],
        ["a SourceAccount of 13 digits", { StringEquals: { "aws:SourceAccount": "1234567890123" } }],
        ["a SourceAccount with a prefix before the 12 digits", { StringEquals: { "aws:SourceAccount": "x123456789012" } }],
        ["an empty SourceArn list", { ArnLike: { "aws:SourceArn": [] } }],
        ["a SourceArn list that also holds a wildcard", { ArnLike: { "aws:SourceArn": ["arn:aws:appsync:us-east-1:123456789012:apis/*", "*"] } }],
        ["a SourceArn that goes on past the API id", { ArnLike: { "aws:SourceArn": "arn:aws:appsync:us-east-1:123456789012:apis/abc:*" } }],
        ["a SourceArn of another service", { ArnLike: { "aws:SourceArn": "arn:aws:lambda:us-east-1:123456789012:apis/abc" } }],
        ["a SourceArn under ArnNotLike", { ArnNotLike: { "aws:SourceArn": "arn:aws:appsync:us-east-1:123456789012:apis/*" } }],
    ];
    for (const [what, condition] of refused) {
        it(`refuses ${what}`, async () => {
            assert.deepEqual(await messages(condition), [deputy]);
        });
    }

    const accepted: [string, Record<string, unknown>][] = [
        ["a SourceArn in another partition", { ArnLike: { "aws:SourceArn": "arn:aws-us-gov:appsync:us-gov-west-1:123456789012:apis/*" } }],
        ["a SourceArn under ArnEquals", { ArnEquals: { "aws:SourceArn": "arn:aws:appsync:us-east-1:123456789012:apis/abc" } }],
        ["a SourceArn under StringLike", { StringLike: { "aws:SourceArn": "arn:aws:appsync:us-east-1:123456789012:apis/*" } }],
        ["a SourceArn under StringEquals", { StringEquals: { "aws:SourceArn": "arn:aws:appsync:us-east-1:123456789012:apis/abc" } }],
    ];
    for (const [what, condition] of accepted) {
        it(`accepts ${what}`, async () => {
            assert.deepEqual(await messages(condition), []);
        });
    }
});

describe("iam-guest-role-limits with the stack's public prefixes", () => {
    const config = (publicPrefixes: string[]): unknown => ({ "iam-guest-role-limits": { publicPrefixes, reason: "shared assets" } });

    it("accepts reads under any of several public prefixes", async () => {
        const plan = securePlan();
        guestPolicy(plan, allow("s3:GetObject", `${bucketArn}/shared/*`));
        assert.deepEqual(await run(plan, guestRoleLimits, config(["public/", "shared/"])), []);
    });

    it("suggests the stack's first public prefix", async () => {
        const plan = securePlan();
        guestPolicy(plan, allow("s3:GetObject", `${bucketArn}/private/*`));
        assert.deepEqual((await run(plan, guestRoleLimits, config(["shared/", "public/"]))).map((v) => v.message), [
            'RolePolicy "guest-policy" statement 1 lets guests read arn:aws:s3:::app-data-bucket-1234/private/*, outside the public prefixes (shared/, public/): narrow it to arn:aws:s3:::app-data-bucket-1234/shared/*.',
        ]);
    });
});

describe("iam-guest-role-limits against a bucket ARN widened by a trailing wildcard", () => {
    for (const suffix of ["*", "**"]) {
        it(`refuses reads of ${bucketArn}${suffix}, every object of the bucket`, async () => {
            const plan = securePlan();
            guestPolicy(plan, allow("s3:GetObject", `${bucketArn}${suffix}`));
            assert.deepEqual((await run(plan, guestRoleLimits)).map((v) => v.message), [
                `RolePolicy "guest-policy" statement 1 grants the guest role resource ${bucketArn}${suffix}: name this stack's buckets or tables, or fields of this stack's GraphQL API (or add the ARN to allowedResourceArns).`,
                `RolePolicy "guest-policy" statement 1 lets guests read ${bucketArn}${suffix}, every object of the bucket: narrow it to ${bucketArn}/public/*.`,
            ]);
        });
    }
});

describe("iam-guest-role-limits, listing and bucket settings", () => {
    it("accepts a read of public objects in a statement that also names the bucket (no listing action)", async () => {
        const plan = securePlan();
        guestPolicy(plan, allow("s3:GetObject", [`${bucketArn}/public/*`, bucketArn]));
        assert.deepEqual(await run(plan, guestRoleLimits), []);
    });

    it("names every bucket-settings read it refuses", async () => {
        const plan = securePlan();
        guestPolicy(plan, allow(["s3:GetBucketTagging", "s3:GetBucketLocation"], bucketArn));
        assert.deepEqual((await run(plan, guestRoleLimits)).map((v) => v.message), [
            `RolePolicy "guest-policy" statement 1 lets guests call s3:GetBucketTagging, s3:GetBucketLocation on ${bucketArn}: guests may only read objects under public/ and list them.`,
        ]);
    });
});

describe("iam-guest-role-limits, the exact message of a wildcard with many writes", () => {
    it("shows the first five actions AWS lists for s3:Put* and counts the rest", async () => {
        const plan = securePlan();
        guestPolicy(plan, allow("s3:Put*"));
        assert.deepEqual((await run(plan, guestRoleLimits)).map((v) => v.message), [
            'RolePolicy "guest-policy" statement 1 grants the guest role s3:Put*, which includes s3:PutAccelerateConfiguration (Write), s3:PutAccessGrantsInstanceResourcePolicy (Permissions management, Write), s3:PutAccessPointConfigurationForObjectLambda (Write), s3:PutAccessPointPolicy (Permissions management, Write), s3:PutAccessPointPolicyForObjectLambda (Permissions management, Write) and 35 more: grant only Read or List actions.',
        ]);
    });
});

describe("iam-authenticated-role-scoping, DynamoDB items and listings, the exact messages", () => {
    const items = (condition?: object, action: string[] = ["dynamodb:GetItem", "dynamodb:Query"], resource: string[] = [tableArn, `${tableArn}/index/byDate`]): object => ({ Effect: "Allow", Action: action, Resource: resource, ...(condition ? { Condition: condition } : {}) });
    const messages = async (...statements: object[]): Promise<string[]> => {
        const plan = securePlan();
        authPolicy(plan, ...statements);
        return (await run(plan, authenticatedRoleScoping)).map((v) => v.message);
    };
    const unpinned = (shown: string): string => `RolePolicy "authenticated-policy" statement 1 grants DynamoDB item access (${shown}) without ForAllValues:StringEquals dynamodb:LeadingKeys = ${sub}: add that condition.`;
    const unguarded = 'RolePolicy "authenticated-policy" statement 1 grants DynamoDB item access (dynamodb:GetItem, dynamodb:Query) under ForAllValues only, which also matches requests without a key: add the condition Null { "dynamodb:LeadingKeys": "false" }.';
    const pin = { "ForAllValues:StringEquals": { "dynamodb:LeadingKeys": [sub] } };

    it("accepts own items of the table and of its index, pinned and guarded", async () => {
        assert.deepEqual(await messages(items(leadingKeys)), []);
    });

    it("accepts the keyless guard written as ForAnyValue:StringLike of the identity", async () => {
        assert.deepEqual(await messages(items({ ...pin, "ForAnyValue:StringLike": { "dynamodb:LeadingKeys": [sub] } })), []);
    });

    it("refuses LeadingKeys pinned to an empty list", async () => {
        assert.deepEqual(await messages(items({ "ForAllValues:StringEquals": { "dynamodb:LeadingKeys": [] }, Null: { "dynamodb:LeadingKeys": "false" } })), [unpinned("dynamodb:GetItem, dynamodb:Query")]);
    });

    it("refuses a Null guard of true (which matches only keyless requests)", async () => {
        assert.deepEqual(await messages(items({ ...pin, Null: { "dynamodb:LeadingKeys": "true" } })), [unguarded]);
    });

    it("refuses a Null guard of both values", async () => {
        assert.deepEqual(await messages(items({ ...pin, Null: { "dynamodb:LeadingKeys": ["false", "true"] } })), [unguarded]);
    });

    it("reports Scan on its own and leaves it out of the item actions", async () => {
        assert.deepEqual(await messages(items(undefined, ["dynamodb:GetItem", "dynamodb:Scan"], [tableArn])), [
            "RolePolicy \"authenticated-policy\" statement 1 grants dynamodb:Scan, which reads every user's items (LeadingKeys cannot restrict it): remove Scan and use Query on the user's partition key.",
            unpinned("dynamodb:GetItem"),
        ]);
    });

    it("names an item action once when it reaches the table and an index", async () => {
        assert.deepEqual(await messages(items(undefined, ["dynamodb:Query"])), [unpinned("dynamodb:Query")]);
    });

    it("reports an unconfined listing once for two listing actions", async () => {
        assert.deepEqual(await messages({ Effect: "Allow", Action: ["s3:ListBucket", "s3:ListBucketVersions"], Resource: bucketArn }), [
            `RolePolicy "authenticated-policy" statement 1 lets every signed-in user list the whole bucket: add a StringLike s3:prefix condition private/${sub}/*.`,
        ]);
    });

    it("reports an authenticated role the attachment names but the stack does not declare", async () => {
        const plan = setProp(securePlan(), "roles", "roles", { authenticated: "arn:aws:iam::123456789012:role/app-authenticated-role-other", unauthenticated: guestRoleArn });
        assert.deepEqual((await run(plan, authenticatedRoleScoping)).map((v) => [v.enforcementLevel, v.message]), [
            ["mandatory", "The authenticated role arn:aws:iam::123456789012:role/app-authenticated-role-other is not a role of this stack, so its permissions cannot be checked: declare the role in this program."],
        ]);
    });

    it("waits for an authenticated role not known yet (preview)", async () => {
        const plan = setProp(securePlan(), "roles", "roles", { authenticated: unknownStringSentinel, unauthenticated: guestRoleArn });
        assert.deepEqual((await run(plan, authenticatedRoleScoping)).map((v) => [v.enforcementLevel, v.message]), [
            ["advisory", `can't run policy 'iam-authenticated-role-scoping' from policy pack 'cognito-stack@v${version}' during preview: string value at .roles.authenticated can't be known during preview`],
        ]);
    });

    it("accepts reads under any of several shared prefixes", async () => {
        const plan = securePlan();
        authPolicy(plan, ...authStatements, allow("s3:GetObject", `${bucketArn}/shared/*`));
        assert.deepEqual(await run(plan, authenticatedRoleScoping, { "iam-authenticated-role-scoping": { sharedReadPrefixes: ["public/", "shared/"], reason: "shared assets" } }), []);
    });
});

describe("iam-service-role-permissions, resources and managed policies of a Lambda role, the exact messages", () => {
    const onStar = (action: string, resource: string): string => `RolePolicy "api-handler-policy" statement 1 grants ${action} on ${resource} to the Lambda execution role "api-handler-role": name the resources (only log writes may use *).`;
    const undeclared = (resource: string): string => `RolePolicy "api-handler-policy" statement 1 grants the Lambda execution role "api-handler-role" ${resource}, which this stack does not declare: name this stack's resources, or add the ARN to allowedResourceArns with a reason.`;
    const otherPool = "arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_Other1234";
    const statements: [string, object, string[]][] = [
        ["objects of this stack's bucket", allow("s3:GetObject", `${bucketArn}/*`), []],
        ["an index of this stack's table", allow("dynamodb:Query", `${tableArn}/index/byDate`), []],
        ["this stack's user pool", allow("cognito-idp:AdminGetUser", poolArn), []],
        ["log writes on *", allow(["logs:CreateLogStream", "logs:PutLogEvents"], "*"), []],
        ["a table named without an ARN", allow("dynamodb:GetItem", "app-items-5678"), [onStar("dynamodb:GetItem", "app-items-5678")]],
        ["a table of any account", allow("dynamodb:GetItem", "arn:aws:dynamodb:us-east-1:*:table/app-items-5678"), [onStar("dynamodb:GetItem", "arn:aws:dynamodb:us-east-1:*:table/app-items-5678")]],
        ["buckets matching a name wildcard", allow("s3:GetObject", "arn:aws:s3:::app-data-*/x"), [onStar("s3:GetObject", "arn:aws:s3:::app-data-*/x")]],
        ["every queue of the account", allow("sqs:SendMessage", "arn:aws:sqs:us-east-1:123456789012:*"), [onStar("sqs:SendMessage", "arn:aws:sqs:us-east-1:123456789012:*")]],
        ["sns:Publish on * for a function that sends no SMS", allow("sns:Publish", "*"), [onStar("sns:Publish", "*")]],
        ["another user pool of the account", allow("cognito-idp:AdminGetUser", otherPool), [undeclared(otherPool)]],
        ["an index of another table", allow("dynamodb:Query", "arn:aws:dynamodb:us-east-1:123456789012:table/other/index/byDate"), [undeclared("arn:aws:dynamodb:us-east-1:123456789012:table/other/index/byDate")]],
        ["a queue of another account", allow("sqs:SendMessage", "arn:aws:sqs:us-east-1:999999999999:q"), ['RolePolicy "api-handler-policy" statement 1 grants the Lambda execution role "api-handler-role" arn:aws:sqs:us-east-1:999999999999:q in account 999999999999, not this stack\'s: name this stack\'s resources.']],
    ];
    for (const [what, statement, expected] of statements) {
        it(`${expected.length === 0 ? "accepts" : "refuses"} ${what}`, async () => {
            const plan = securePlan();
            handlerPolicy(plan, statement);
            assert.deepEqual((await run(plan, serviceRolePermissions)).map((v) => v.message), expected);
        });
    }

    const attached = (arn: string, why: string): string => `managedPolicyArns of role "api-handler-role" attaches ${arn} to the Lambda execution role "api-handler-role", ${why}: grant the actions the function needs in a policy of this program.`;
    const managed: [string, string[]][] = [
        ["arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole", []],
        ["arn:aws-us-gov:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole", []],
        ["arn:aws:iam::123456789012:policy/x", [attached("arn:aws:iam::123456789012:policy/x", "which this pack cannot read")]],
        ["arn:aws:iam::aws:policy/AmazonS3FullAccess", [attached("arn:aws:iam::aws:policy/AmazonS3FullAccess", "an admin policy")]],
        ["arn:aws:iam::aws:policy/job-function/ViewOnlyAccess", [attached("arn:aws:iam::aws:policy/job-function/ViewOnlyAccess", "which this pack cannot read")]],
        ["arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs", [attached("arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs", "which this pack cannot read")]],
    ];
    for (const [arn, expected] of managed) {
        it(`${expected.length === 0 ? "accepts" : "refuses"} ${arn} on a Lambda role`, async () => {
            const plan = setProp(securePlan(), "api-handler-role", "managedPolicyArns", [arn]);
            assert.deepEqual((await run(plan, serviceRolePermissions)).map((v) => v.message), expected);
        });
    }

    it("accepts an AWS-managed policy the stack's config allows", async () => {
        const arn = "arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess";
        const plan = setProp(securePlan(), "api-handler-role", "managedPolicyArns", [arn]);
        assert.deepEqual(await run(plan, serviceRolePermissions, { "iam-service-role-permissions": { allowedManagedPolicies: [arn], reason: "tracing" } }), []);
    });
});

describe("iam-principals-in-stack, every attachment kind, the exact messages", () => {
    function add(plan: Plan, type: string, name: string, props: Record<string, unknown>): Plan {
        const base = structuredClone(find(plan, "api-handler-policy"));
        plan.resources.push({ ...base, type, name, urn: `urn:pulumi:prod::cognito-stack::${type}::${name}`, props, outputs: { ...props, id: name } });
        return plan;
    }
    const undeclared = (what: string, role: string, field: string): string => `${what} changes the permissions of role ${role} (${field}), which this stack does not declare, so nothing checks what that role can do: attach policies only to this stack's roles.`;
    const readOnly = "arn:aws:iam::aws:policy/ReadOnlyAccess";
    const cases: [string, string, string, Record<string, unknown>, string[]][] = [
        ["an exclusive inline-policy set on a foreign role", "aws:iam/rolePoliciesExclusive:RolePoliciesExclusive", "excl", { roleName: "Other", policyNames: ["x"] }, [undeclared('RolePoliciesExclusive "excl"', "Other", "roleName")]],
        ["an exclusive inline-policy set naming no role", "aws:iam/rolePoliciesExclusive:RolePoliciesExclusive", "excl", { policyNames: ["x"] }, [undeclared('RolePoliciesExclusive "excl"', "(none)", "roleName")]],
        ["a RolePolicyAttachment naming no role", "aws:iam/rolePolicyAttachment:RolePolicyAttachment", "rpa", { policyArn: readOnly }, [undeclared('RolePolicyAttachment "rpa"', "(none)", "role")]],
        ["an exclusive attachment set on this stack's role", "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive", "excl", { roleName: "app-api-handler-role", policyArns: [] }, []],
        ["a PolicyAttachment to this stack's role only", "aws:iam/policyAttachment:PolicyAttachment", "pa", { policyArn: readOnly, roles: ["app-api-handler-role"] }, []],
        ["a PolicyAttachment to a user and a group", "aws:iam/policyAttachment:PolicyAttachment", "pa", { policyArn: readOnly, users: ["alice"], groups: ["ops"] }, ['PolicyAttachment "pa" attaches its policy to users or groups (alice, ops): attach policies only to this stack\'s roles.']],
        ["a group policy", "aws:iam/groupPolicy:GroupPolicy", "gp", { group: "ops", policy: "{}" }, ['GroupPolicy "gp" gives an IAM user or group lasting access: this stack grants access only through its roles (Cognito identities, Lambda, API Gateway); remove it.']],
    ];
    for (const [what, type, name, props, expected] of cases) {
        it(`${expected.length === 0 ? "accepts" : "refuses"} ${what}`, async () => {
            assert.deepEqual((await run(add(securePlan(), type, name, props), principalsInStack)).map((v) => v.message), expected);
        });
    }
});

describe("trust policies, the exact messages of each policy", () => {
    const cognitoConditions = { StringEquals: { "cognito-identity.amazonaws.com:aud": identityPoolId }, "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": "authenticated" } };
    const trustOnly = "Trust only Federated cognito-identity.amazonaws.com (identity roles) or one of Service lambda.amazonaws.com, Service apigateway.amazonaws.com, Service cognito-idp.amazonaws.com, Service appsync.amazonaws.com, or allow the principal in the stack's policy config with a reason.";
    const messages = async (role: string, statement: object, policy: Parameters<typeof run>[1]): Promise<string[]> => (await run(setProp(securePlan(), role, "assumeRolePolicy", policyDocument(statement)), policy)).map((v) => v.message);

    it("iam-role-trust names the classes a role may trust", async () => {
        assert.deepEqual(await messages("api-handler-role", { Effect: "Allow", Principal: "*", Action: "sts:AssumeRole" }, roleTrust), [`assumeRolePolicy statement 1 trusts *: anyone who matches the wildcard (any AWS account) could assume it. ${trustOnly}`]);
    });

    it("iam-role-trust names every action a service may not use", async () => {
        assert.deepEqual(await messages("api-handler-role", { Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: ["sts:AssumeRole", "sts:AssumeRoleWithWebIdentity", "sts:AssumeRoleWithSAML"] }, roleTrust), [
            "assumeRolePolicy statement 1 lets the service sts:AssumeRoleWithWebIdentity, sts:AssumeRoleWithSAML: allow only sts:AssumeRole.",
        ]);
    });

    it("iam-role-trust judges a statement of Cognito and a service by its classes, not as a service statement", async () => {
        assert.deepEqual(await messages("api-handler-role", { Effect: "Allow", Principal: { Service: "lambda.amazonaws.com", Federated: "cognito-identity.amazonaws.com" }, Action: "sts:AssumeRoleWithWebIdentity", Condition: cognitoConditions }, roleTrust), [
            "The role is trusted as Lambda execution role and as identity role: each gets the other's permissions; give each its own role.",
        ]);
    });

    it("iam-cognito-trust-policy names every other principal", async () => {
        assert.deepEqual(await messages("authenticated-role", { Effect: "Allow", Principal: { Federated: "cognito-identity.amazonaws.com", AWS: ["arn:aws:iam::999999999999:root", "*"] }, Action: "sts:AssumeRoleWithWebIdentity", Condition: cognitoConditions }, cognitoTrustPolicy), [
            "assumeRolePolicy statement 1 also trusts AWS arn:aws:iam::999999999999:root, AWS * on a role that identity-pool users receive: trust only Federated cognito-identity.amazonaws.com, and give other callers a role of their own.",
        ]);
    });

    it("iam-cognito-role-binding shows empty amr and aud as []", async () => {
        assert.deepEqual(await messages("authenticated-role", { Effect: "Allow", Principal: { Federated: "cognito-identity.amazonaws.com" }, Action: "sts:AssumeRoleWithWebIdentity" }, cognitoRoleBinding), [
            'The authenticated role "authenticated-role" trusts amr []: set ForAnyValue:StringLike cognito-identity.amazonaws.com:amr to exactly "authenticated".',
            `The authenticated role "authenticated-role" trusts aud [], not its identity pool ${identityPoolId}: set StringEquals cognito-identity.amazonaws.com:aud to the pool's id.`,
        ]);
    });
});

describe("iam-service-role-permissions for API Gateway, Cognito SMS and AppSync roles", () => {
    const trusts: Record<string, object> = {
        "API Gateway": { Effect: "Allow", Principal: { Service: "apigateway.amazonaws.com" }, Action: "sts:AssumeRole" },
        "Cognito SMS": { Effect: "Allow", Principal: { Service: "cognito-idp.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "sts:ExternalId": "sms" } } },
        AppSync: { Effect: "Allow", Principal: { Service: "appsync.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } } },
    };
    const cases: [string, object, string[]][] = [
        ["API Gateway", allow(["logs:CreateLogGroup", "logs:DescribeLogGroups", "logs:PutLogEvents"], "*"), []],
        ["API Gateway", allow("dynamodb:GetItem", tableArn), ['RolePolicy "api-handler-policy" statement 1 grants dynamodb:GetItem to the API Gateway role "api-handler-role", which needs only CloudWatch Logs actions: remove it.']],
        ["Cognito SMS", allow("sns:Publish", "*"), []],
        ["Cognito SMS", allow(["sns:Publish", "sns:CreateTopic"], "*"), [
            'RolePolicy "api-handler-policy" statement 1 grants sns:CreateTopic to the Cognito SMS role "api-handler-role", which needs only sns:Publish: remove it.',
            'RolePolicy "api-handler-policy" statement 1 grants sns:CreateTopic on * to the Cognito SMS role "api-handler-role": name the resources (only log writes may use *).',
        ]],
        ["AppSync", allow(["dynamodb:GetItem", "dynamodb:Query"], tableArn), []],
        ["AppSync", allow(["dynamodb:Scan", "logs:PutLogEvents"], tableArn), ['RolePolicy "api-handler-policy" statement 1 grants dynamodb:Scan to the AppSync service role "api-handler-role", which needs only CloudWatch Logs writes and DynamoDB item actions (no Scan, no table management): remove it.']],
    ];
    for (const [cls, statement, expected] of cases) {
        it(`${expected.length === 0 ? "accepts" : "refuses"} ${JSON.stringify((statement as { Action: unknown }).Action)} for the ${cls} role`, async () => {
            const plan = setProp(securePlan(), "api-handler-role", "assumeRolePolicy", policyDocument(trusts[cls]));
            handlerPolicy(plan, statement);
            assert.deepEqual((await run(plan, serviceRolePermissions)).map((v) => v.message), expected);
        });
    }
});

describe("iam-role-trust-source-account, a service trust confined to another account (confused deputy)", () => {
    const foreign = "999999999999";
    const service = (principal: string, condition: Record<string, unknown>, extra: Record<string, unknown> = {}): object => ({ Effect: "Allow", Principal: { Service: principal }, Action: "sts:AssumeRole", Condition: condition, ...extra });
    const appsync = (condition: Record<string, unknown>): object => service("appsync.amazonaws.com", condition);
    const messages = async (...statements: object[]): Promise<string[]> => (await run(setProp(securePlan(), "api-handler-role", "assumeRolePolicy", policyDocument(...statements)), roleTrustSourceAccount)).map((v) => v.message);
    const refusal = (principals: string, accounts: string, where = "statement 1"): string =>
        `Role "api-handler-role" assumeRolePolicy ${where} lets ${principals} assume it for ${accounts}, not this stack's account 123456789012: that account's resources could use the role and act as this stack (confused deputy); name this stack's account in aws:SourceAccount, or this stack's resources in aws:SourceArn.`;

    const refused: [string, object[], string[]][] = [
        ["an AppSync role pinned to another account's id", [appsync({ StringEquals: { "aws:SourceAccount": foreign } })], [refusal("Service appsync.amazonaws.com", "account 999999999999 (StringEquals aws:SourceAccount)")]],
        ["an AppSync role pinned to another account's APIs", [appsync({ ArnLike: { "aws:SourceArn": `arn:aws:appsync:us-east-1:${foreign}:apis/*` } })], [refusal("Service appsync.amazonaws.com", "account 999999999999 (ArnLike aws:SourceArn)")]],
        ["another account's API named under StringEquals", [appsync({ StringEquals: { "aws:SourceArn": `arn:aws:appsync:us-east-1:${foreign}:apis/abc` } })], [refusal("Service appsync.amazonaws.com", "account 999999999999 (StringEquals aws:SourceArn)")]],
        ["another account next to this one", [appsync({ StringEquals: { "aws:SourceAccount": ["123456789012", foreign] } })], [refusal("Service appsync.amazonaws.com", "account 999999999999 (StringEquals aws:SourceAccount)")]],
        [
            "this account's id with another account's APIs",
            [appsync({ StringEquals: { "aws:SourceAccount": "123456789012" }, ArnLike: { "aws:SourceArn": `arn:aws-us-gov:appsync:us-gov-west-1:${foreign}:apis/*` } })],
            [refusal("Service appsync.amazonaws.com", "account 999999999999 (ArnLike aws:SourceArn)")],
        ],
        [
            "two other accounts, by id and by ARN",
            [appsync({ StringEquals: { "aws:SourceAccount": "888888888888" }, ArnLike: { "aws:SourceArn": `arn:aws:appsync:us-east-1:${foreign}:apis/*` } })],
            [refusal("Service appsync.amazonaws.com", "account 888888888888 (StringEquals aws:SourceAccount), account 999999999999 (ArnLike aws:SourceArn)")],
        ],
        ["the condition key in another case", [appsync({ StringEquals: { "AWS:SourceAccount": foreign } })], [refusal("Service appsync.amazonaws.com", "account 999999999999 (StringEquals AWS:SourceAccount)")]],
        ["another account under StringLike", [appsync({ StringLike: { "aws:SourceAccount": foreign } })], [refusal("Service appsync.amazonaws.com", "account 999999999999 (StringLike aws:SourceAccount)")]],
        ["another account under StringEqualsIfExists", [appsync({ StringEqualsIfExists: { "aws:SourceAccount": foreign } })], [refusal("Service appsync.amazonaws.com", "account 999999999999 (StringEqualsIfExists aws:SourceAccount)")]],
        ["another account under ForAnyValue:StringEquals", [appsync({ "ForAnyValue:StringEquals": { "aws:SourceAccount": foreign } })], [refusal("Service appsync.amazonaws.com", "account 999999999999 (ForAnyValue:StringEquals aws:SourceAccount)")]],
        ["another account's APIs under ArnEquals", [appsync({ ArnEquals: { "aws:SourceArn": `arn:aws:appsync:us-east-1:${foreign}:apis/abc` } })], [refusal("Service appsync.amazonaws.com", "account 999999999999 (ArnEquals aws:SourceArn)")]],
        ["a wildcard account matching none of this stack's", [appsync({ ArnLike: { "aws:SourceArn": "arn:aws:appsync:us-east-1:9999*:apis/*" } })], [refusal("Service appsync.amazonaws.com", "account 9999* (ArnLike aws:SourceArn)")]],
        ["another account by the legacy aws:SourceOwner", [appsync({ StringEquals: { "aws:SourceOwner": foreign } })], [refusal("Service appsync.amazonaws.com", "account 999999999999 (StringEquals aws:SourceOwner)")]],
        ["a Cognito SMS role confined to another account's pools", [service("cognito-idp.amazonaws.com", { StringEquals: { "sts:ExternalId": "ext-1", "aws:SourceAccount": foreign } })], [refusal("Service cognito-idp.amazonaws.com", "account 999999999999 (StringEquals aws:SourceAccount)")]],
        ["a Cognito SMS role confined to another account's pool ARN", [service("cognito-idp.amazonaws.com", { StringEquals: { "sts:ExternalId": "ext-1" }, ArnLike: { "aws:SourceArn": `arn:aws:cognito-idp:us-east-1:${foreign}:userpool/*` } })], [refusal("Service cognito-idp.amazonaws.com", "account 999999999999 (ArnLike aws:SourceArn)")]],
        ["a Lambda role confined to another account", [service("lambda.amazonaws.com", { StringEquals: { "aws:SourceAccount": foreign } })], [refusal("Service lambda.amazonaws.com", "account 999999999999 (StringEquals aws:SourceAccount)")]],
        ["an API Gateway role confined to another account", [service("apigateway.amazonaws.com", { ArnLike: { "aws:SourceArn": `arn:aws:apigateway:us-east-1:${foreign}:/restapis/*` } })], [refusal("Service apigateway.amazonaws.com", "account 999999999999 (ArnLike aws:SourceArn)")]],
        ["another account's ARN behind a leading wildcard", [service("lambda.amazonaws.com", { StringLike: { "aws:SourceArn": `*arn:aws:lambda:us-east-1:${foreign}:function:*` } })], [refusal("Service lambda.amazonaws.com", "account 999999999999 (StringLike aws:SourceArn)")]],
        ["two services in one statement", [service("appsync.amazonaws.com", { StringEquals: { "aws:SourceAccount": foreign } }, { Principal: { Service: ["appsync.amazonaws.com", "lambda.amazonaws.com"] } })], [refusal("Service appsync.amazonaws.com, Service lambda.amazonaws.com", "account 999999999999 (StringEquals aws:SourceAccount)")]],
        [
            "the second statement, named by its Sid",
            [appsync({ StringEquals: { "aws:SourceAccount": "123456789012" } }), service("appsync.amazonaws.com", { StringEquals: { "aws:SourceAccount": foreign } }, { Sid: "Partner" })],
            [refusal("Service appsync.amazonaws.com", "account 999999999999 (StringEquals aws:SourceAccount)", 'statement "Partner"')],
        ],
    ];
    for (const [what, statements, expected] of refused) {
        it(`refuses ${what}`, async () => {
            assert.deepEqual(await messages(...statements), expected);
        });
    }

    const accepted: [string, object[]][] = [
        ["an AppSync role pinned to this account's id and APIs", [appsync({ StringEquals: { "aws:SourceAccount": "123456789012" }, ArnLike: { "aws:SourceArn": "arn:aws:appsync:us-east-1:123456789012:apis/*" } })]],
        ["one API of this account under ArnEquals", [appsync({ ArnEquals: { "aws:SourceArn": "arn:aws:appsync:us-east-1:123456789012:apis/abc" } })]],
        ["one API of this account under StringEquals", [appsync({ StringEquals: { "aws:SourceArn": "arn:aws:appsync:us-east-1:123456789012:apis/abc" } })]],
        ["an API of this account in the GovCloud partition", [appsync({ ArnLike: { "aws:SourceArn": "arn:aws-us-gov:appsync:us-gov-west-1:123456789012:apis/*" } })]],
        ["a wildcard account that matches this stack's", [appsync({ StringEquals: { "aws:SourceAccount": "123456789012" }, ArnLike: { "aws:SourceArn": "arn:aws:appsync:us-east-1:1234*:apis/*" } })]],
        ["another account excluded by StringNotEquals", [appsync({ StringEquals: { "aws:SourceAccount": "123456789012" }, StringNotEquals: { "aws:SourceAccount": foreign } })]],
        ["another account excluded by ArnNotLike", [service("lambda.amazonaws.com", { ArnNotLike: { "aws:SourceArn": `arn:aws:lambda:us-east-1:${foreign}:function:*` } })]],
        ["a Cognito SMS role with an external id alone", [service("cognito-idp.amazonaws.com", { StringEquals: { "sts:ExternalId": "ext-1" } })]],
        ["a Cognito SMS role also pinned to this account's pool", [service("cognito-idp.amazonaws.com", { StringEquals: { "sts:ExternalId": "ext-1", "aws:SourceAccount": "123456789012" }, ArnLike: { "aws:SourceArn": poolArn } })]],
        ["a Deny for another account", [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }, { Effect: "Deny", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceAccount": foreign } } }]],
        ["a SourceArn of a resource without an account (an S3 bucket)", [service("lambda.amazonaws.com", { ArnLike: { "aws:SourceArn": bucketArn } })]],
        ["a SourceArn of * (no account field)", [service("lambda.amazonaws.com", { ArnLike: { "aws:SourceArn": "*" } })]],
        ["an account id of 13 digits, which no account has", [service("lambda.amazonaws.com", { StringEquals: { "aws:SourceAccount": "1123456789012" } })]],
        ["a literal * under StringEquals, which no account is", [service("lambda.amazonaws.com", { StringEquals: { "aws:SourceAccount": "9999*" } })]],
    ];
    for (const [what, statements] of accepted) {
        it(`accepts ${what}`, async () => {
            assert.deepEqual(await messages(...statements), []);
        });
    }

    it("names every account of a stack that has several", async () => {
        const plan = setProp(securePlan(), "api-handler-role", "assumeRolePolicy", policyDocument(appsync({ StringEquals: { "aws:SourceAccount": foreign } })));
        find(plan, "items").outputs!.arn = `arn:aws:dynamodb:us-east-1:210987654321:table/app-items-5678`;
        assert.deepEqual((await run(plan, roleTrustSourceAccount)).map((v) => v.message), [
            'Role "api-handler-role" assumeRolePolicy statement 1 lets Service appsync.amazonaws.com assume it for account 999999999999 (StringEquals aws:SourceAccount), not this stack\'s accounts 123456789012, 210987654321: that account\'s resources could use the role and act as this stack (confused deputy); name this stack\'s account in aws:SourceAccount, or this stack\'s resources in aws:SourceArn.',
        ]);
    });

    it("accepts a wildcard account that matches one of the stack's accounts", async () => {
        const plan = setProp(securePlan(), "api-handler-role", "assumeRolePolicy", policyDocument(appsync({ ArnLike: { "aws:SourceArn": "arn:aws:appsync:us-east-1:2109*:apis/*" } })));
        find(plan, "items").outputs!.arn = `arn:aws:dynamodb:us-east-1:210987654321:table/app-items-5678`;
        assert.deepEqual(await run(plan, roleTrustSourceAccount), []);
    });

    it("accepts an account of the stack that only a table's ARN shows", async () => {
        const plan = setProp(securePlan(), "api-handler-role", "assumeRolePolicy", policyDocument(appsync({ StringEquals: { "aws:SourceAccount": "210987654321" } })));
        find(plan, "items").outputs!.arn = `arn:aws:dynamodb:us-east-1:210987654321:table/app-items-5678`;
        assert.deepEqual(await run(plan, roleTrustSourceAccount), []);
    });

    it("waits while no ARN of the stack shows its account (preview)", async () => {
        const plan = setProp(securePlan(), "api-handler-role", "assumeRolePolicy", policyDocument(appsync({ StringEquals: { "aws:SourceAccount": foreign } })));
        for (const r of plan.resources.filter((x) => ["aws:iam/role:Role", "aws:lambda/function:Function", "aws:dynamodb/table:Table", "aws:cognito/userPool:UserPool"].includes(x.type))) {
            delete r.outputs!.arn;
        }
        assert.deepEqual((await run(plan, roleTrustSourceAccount)).map((v) => [v.enforcementLevel, v.message]), [
            ["advisory", `can't run policy 'iam-role-trust-source-account' from policy pack 'cognito-stack@v${version}' during preview: cannot decide yet: the account of this stack (in the ARN of any of its roles, functions, tables or user pools) is not known until the resources are created; it is checked again when it is`],
        ]);
    });

    it("needs no account of the stack when no trust names one", async () => {
        const plan = securePlan();
        for (const r of plan.resources.filter((x) => ["aws:iam/role:Role", "aws:lambda/function:Function", "aws:dynamodb/table:Table", "aws:cognito/userPool:UserPool"].includes(x.type))) {
            delete r.outputs!.arn;
        }
        assert.deepEqual(await run(plan, roleTrustSourceAccount), []);
    });
});

/** Adds a resource to the fixture plan, its outputs the provider's echo of its inputs plus `outputs`. */
function addResource(plan: Plan, type: string, name: string, props: Record<string, unknown>, outputs: Record<string, unknown> = {}): Plan {
    const base = structuredClone(find(plan, "api-handler-policy"));
    plan.resources.push({ ...base, type, name, urn: `urn:pulumi:prod::cognito-stack::${type}::${name}`, props, outputs: { ...props, id: name, ...outputs } });
    return plan;
}

const apiArn = "arn:aws:appsync:us-east-1:123456789012:apis/abcdef123";
const fieldArn = (type: string, field: string): string => `${apiArn}/types/${type}/fields/${field}`;
const withGraphqlApi = (plan: Plan): Plan => addResource(plan, "aws:appsync/graphQLApi:GraphQLApi", "graphql", { name: "app-graphql", authenticationType: "AWS_IAM" }, { arn: apiArn });

describe("iam-role-trust, an AppSync SourceArn with text before arn:", () => {
    it("refuses it: only an ARN from its first character names an account", async () => {
        const plan = setProp(securePlan(), "api-handler-role", "assumeRolePolicy", policyDocument({ Effect: "Allow", Principal: { Service: "appsync.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringLike: { "aws:SourceArn": "*arn:aws:appsync:us-east-1:123456789012:apis/*" } } }));
        assert.deepEqual((await run(plan, roleTrust)).map((v) => v.message), [
            "assumeRolePolicy statement 1 lets AppSync assume the role for APIs of any account (confused deputy): add a StringEquals aws:SourceAccount condition with this account's id, or an ArnLike aws:SourceArn condition arn:aws:appsync:<region>:<account>:apis/<api id or *>.",
        ]);
    });
});

describe("iam-cognito-role-binding, the attachment's pool and the groups' roles", () => {
    it("shows an attachment without identityPoolId as no pool", async () => {
        const plan = setProp(securePlan(), "roles", "identityPoolId", undefined);
        assert.deepEqual((await run(plan, cognitoRoleBinding)).map((v) => v.message), [
            `The guest role "guest-role" trusts aud ["${identityPoolId}"], not its identity pool : set StringEquals cognito-identity.amazonaws.com:aud to the pool's id.`,
            `The authenticated role "authenticated-role" trusts aud ["${identityPoolId}"], not its identity pool : set StringEquals cognito-identity.amazonaws.com:aud to the pool's id.`,
        ]);
    });

    it("judges the role a group hands out by its roleArn", async () => {
        const plan = setProp(securePlan(), "admins-role", "assumeRolePolicy", trustPolicy("unauthenticated"));
        assert.deepEqual((await run(plan, cognitoRoleBinding)).map((v) => v.message), [
            'The group role "admins-role" trusts amr ["unauthenticated"]: set ForAnyValue:StringLike cognito-identity.amazonaws.com:amr to exactly "authenticated".',
        ]);
    });
});

describe("iam-guest-role-limits, the exact messages of each branch", () => {
    const guestMessages = async (plan: Plan, config?: Record<string, unknown>): Promise<string[]> =>
        (await run(plan, guestRoleLimits, config && { "iam-guest-role-limits": { ...config, reason: "a test of the setting" } })).map((v) => v.message);
    const where = 'RolePolicy "guest-policy" statement 1';
    const foreignResource = (resource: string): string => `${where} grants the guest role resource ${resource}: name this stack's buckets or tables, or fields of this stack's GraphQL API (or add the ARN to allowedResourceArns).`;

    it("refuses NotResource", async () => {
        const plan = securePlan();
        guestPolicy(plan, { Effect: "Allow", Action: "s3:GetObject", NotResource: `${bucketArn}/private/*` });
        assert.deepEqual(await guestMessages(plan), [`${where} uses NotResource on the guest role, which grants everything not listed: list the allowed actions and resources instead.`]);
    });

    it("judges appsync:G* as AppSync management, not as GraphQL alone", async () => {
        const plan = securePlan();
        guestPolicy(plan, allow("appsync:G*", fieldArn("Query", "me")));
        assert.deepEqual(await guestMessages(plan), [foreignResource(fieldArn("Query", "me")), `${where} grants the guest role appsync:G*, a service outside s3: remove it or allow the service in config.`]);
    });

    it("accepts a resource the stack's config allows", async () => {
        const plan = securePlan();
        guestPolicy(plan, allow("s3:GetObject", "arn:aws:s3:::shared-assets/public/logo.png"));
        assert.deepEqual(await guestMessages(plan, { allowedResourceArns: ["arn:aws:s3:::shared-assets/*"] }), []);
    });

    it("refuses a GraphQL field ARN granted with an S3 action", async () => {
        const plan = withGraphqlApi(securePlan());
        guestPolicy(plan, allow("s3:GetObject", fieldArn("Query", "me")));
        assert.deepEqual(await guestMessages(plan), [foreignResource(fieldArn("Query", "me"))]);
    });

    it("names every field on the guests' list when refusing another", async () => {
        const plan = withGraphqlApi(securePlan());
        guestPolicy(plan, allow("appsync:GraphQL", [fieldArn("Query", "me"), fieldArn("Mutation", "putItem")]));
        assert.deepEqual(await guestMessages(plan, { graphqlFields: ["Query.me", "Query.item"] }), [
            `${where} lets guests call Mutation.putItem (${fieldArn("Mutation", "putItem")}), which is not on their list of GraphQL fields (Query.me, Query.item): remove it.`,
        ]);
    });

    it("names every allowed service when refusing * and another service", async () => {
        const plan = securePlan();
        guestPolicy(plan, allow("*"), allow("sqs:ReceiveMessage"));
        assert.deepEqual(await guestMessages(plan, { allowedServices: ["s3", "dynamodb"] }), [
            `${where} grants the guest role every action (*): grant only Read or List actions of s3, dynamodb.`,
            'RolePolicy "guest-policy" statement 2 grants the guest role sqs:ReceiveMessage, a service outside s3, dynamodb: remove it or allow the service in config.',
        ]);
    });

    it("judges only S3's own actions against the buckets (another allowed service's bucket read names no S3 bucket)", async () => {
        const plan = securePlan();
        guestPolicy(plan, allow(["s3:GetObject", "s3express:GetLifecycleConfiguration"], [`${bucketArn}/public/*`, bucketArn]));
        assert.deepEqual(await guestMessages(plan, { allowedServices: ["s3", "s3express"] }), []);
    });

    it("reports a write once, not again as a read outside the public prefixes", async () => {
        const plan = securePlan();
        guestPolicy(plan, allow("s3:PutObject", `${bucketArn}/private/*`));
        assert.deepEqual(await guestMessages(plan), [`${where} grants the guest role s3:PutObject, which includes s3:PutObject (Write): grant only Read or List actions.`]);
    });

    it("refuses a Read action identities may never hold (PartiQL) in an allowed service", async () => {
        const plan = securePlan();
        guestPolicy(plan, allow("dynamodb:PartiQLSelect", tableArn));
        assert.deepEqual(await guestMessages(plan, { allowedServices: ["s3", "dynamodb"] }), [`${where} grants the guest role dynamodb:PartiQLSelect, which includes dynamodb:PartiQLSelect (Read): grant only Read or List actions.`]);
    });

    it("shows exactly five writes without a count of more", async () => {
        const plan = securePlan();
        guestPolicy(plan, allow("s3:CreateAccess*"));
        const [message] = await guestMessages(plan);
        assert.match(message, /^RolePolicy "guest-policy" statement 1 grants the guest role s3:CreateAccess\*, which includes s3:CreateAccessGrant \([^)]+\), s3:CreateAccessGrantsInstance \([^)]+\), s3:CreateAccessGrantsLocation \([^)]+\), s3:CreateAccessPoint \([^)]+\), s3:CreateAccessPointForObjectLambda \([^)]+\): grant only Read or List actions\.$/);
    });

    for (const resource of ["arn:aws:s3:::/app-data-bucket-1234", "arn:aws:s3:::app-data-*bucket-1234"]) {
        it(`refuses ${resource} as a foreign resource only, not as the whole bucket`, async () => {
            const plan = securePlan();
            guestPolicy(plan, allow("s3:GetObject", resource));
            assert.deepEqual(await guestMessages(plan), [foreignResource(resource)]);
        });
    }

    it("names every bucket and every public prefix when refusing bucket settings", async () => {
        const plan = addResource(securePlan(), "aws:s3/bucket:Bucket", "assets", {}, { bucket: "app-assets-5678", arn: "arn:aws:s3:::app-assets-5678" });
        guestPolicy(plan, allow("s3:GetBucketTagging", [bucketArn, "arn:aws:s3:::app-assets-5678"]));
        assert.deepEqual(await guestMessages(plan, { publicPrefixes: ["public/", "assets/"] }), [
            `${where} lets guests call s3:GetBucketTagging on ${bucketArn}, arn:aws:s3:::app-assets-5678: guests may only read objects under public/, assets/ and list them.`,
        ]);
    });
});

describe("iam-authenticated-role-scoping, the corners of each allow-list entry", () => {
    const authMessages = async (...statements: object[]): Promise<string[]> => {
        const plan = withGraphqlApi(securePlan());
        authPolicy(plan, ...statements);
        return (await run(plan, authenticatedRoleScoping)).map((v) => v.message);
    };
    const where = 'RolePolicy "authenticated-policy" statement 1';
    const outside = (actions: string, resource: string): string =>
        `${where} grants ${actions} on ${resource} to every signed-in user, outside their allow-list (own objects under private/${sub}/, reads under the shared prefixes, own DynamoDB items of this stack's tables): remove it, or add it to additionalGrants in the stack's policy config with a reason.`;

    it("refuses a keyless guard written as StringEquals \"false\" (only Null guards that way)", async () => {
        assert.deepEqual(await authMessages({ ...allow("dynamodb:GetItem", tableArn), Condition: { "ForAllValues:StringEquals": { "dynamodb:LeadingKeys": [sub] }, StringEquals: { "dynamodb:LeadingKeys": "false" } } }), [
            `${where} grants DynamoDB item access (dynamodb:GetItem) under ForAllValues only, which also matches requests without a key: add the condition Null { "dynamodb:LeadingKeys": "false" }.`,
        ]);
    });

    it("refuses a path past an index name", async () => {
        const resource = `${tableArn}/index/byDate/extra`;
        assert.deepEqual(await authMessages({ ...allow("dynamodb:Query", resource), Condition: leadingKeys }), [outside("dynamodb:Query", resource)]);
    });

    it("accepts the own key itself, without a slash after it", async () => {
        assert.deepEqual(await authMessages(allow("s3:GetObject", `${bucketArn}/private/${sub}`)), []);
    });

    it("names a GraphQL resource that is no field without repeating it", async () => {
        assert.deepEqual(await authMessages(allow("appsync:GraphQL", `${apiArn}/*`)), [
            `${where} lets every signed-in user call appsync:GraphQL on ${apiArn}/*, which is not a field of this stack's GraphQL API on their list (Query.me, Query.item, Query.items, Mutation.putItem, Mutation.deleteItem): name each field by its ARN (<api arn>/types/<Type>/fields/<field>).`,
        ]);
    });

    const others: [string, string][] = [
        ["s3:GetBucketTagging", "arn:aws:s3:::someone-elses-bucket"],
        ["s3:ListAllMyBuckets", "*"],
        ["s3:GetAccessPointForObjectLambda", "*"],
        ["s3-outposts:GetObject", "*"],
        ["dynamodb:DescribeTable", tableArn],
    ];
    for (const [action, resource] of others) {
        it(`refuses ${action} on ${resource} as outside the allow-list, not as object or item access`, async () => {
            assert.deepEqual(await authMessages(allow(action, resource)), [outside(action, resource)]);
        });
    }
});

describe("iam-service-role-permissions, the corners of resources, managed policies and exemptions", () => {
    const where = 'RolePolicy "api-handler-policy" statement 1';
    const onStar = (action: string, resource: string, kind = "Lambda execution role"): string => `${where} grants ${action} on ${resource} to the ${kind} "api-handler-role": name the resources (only log writes may use *).`;
    const undeclared = (resource: string): string => `${where} grants the Lambda execution role "api-handler-role" ${resource}, which this stack does not declare: name this stack's resources, or add the ARN to allowedResourceArns with a reason.`;
    const attached = (arn: string, why: string): string => `managedPolicyArns of role "api-handler-role" attaches ${arn} to the Lambda execution role "api-handler-role", ${why}: grant the actions the function needs in a policy of this program.`;
    const apigatewayTrust = policyDocument({ Effect: "Allow", Principal: { Service: "apigateway.amazonaws.com" }, Action: "sts:AssumeRole" });
    const messages = async (plan: Plan, config?: unknown): Promise<string[]> => (await run(plan, serviceRolePermissions, config)).map((v) => v.message);
    const withStatement = (statement: object, plan = securePlan()): Plan => {
        handlerPolicy(plan, statement);
        return plan;
    };
    /** The API handler as a user pool's custom SMS sender. */
    const smsSender = (plan: Plan): Plan => setProp(plan, "users", "lambdaConfig", { ...(find(plan, "users").props.lambdaConfig as object), customSmsSender: { lambdaArn: fnArn("app-api-handler"), lambdaVersion: "V1_0" } });

    const resources: [string, object, string[]][] = [
        ["every index of this stack's table", allow("dynamodb:Query", `${tableArn}/index/*`), []],
        ["a table name with a wildcard after its first character", allow("dynamodb:GetItem", "arn:aws:dynamodb:us-east-1:123456789012:table/*-items"), [undeclared("arn:aws:dynamodb:us-east-1:123456789012:table/*-items")]],
        ["a DynamoDB resource that is no table", allow("dynamodb:GetItem", "arn:aws:dynamodb:us-east-1:123456789012:global-table/x"), [undeclared("arn:aws:dynamodb:us-east-1:123456789012:global-table/x")]],
        [
            "a DynamoDB ARN that holds this stack's table ARN past its start",
            allow("dynamodb:GetItem", `arn:aws:dynamodb:us-east-1:123456789012:x/${tableArn}`),
            [undeclared(`arn:aws:dynamodb:us-east-1:123456789012:x/${tableArn}`)],
        ],
        ["a queue of an account id too short", allow("sqs:SendMessage", "arn:aws:sqs:us-east-1:12345:q"), []],
        ["a queue of an account id too long", allow("sqs:SendMessage", "arn:aws:sqs:us-east-1:1234567890123:q"), []],
        ["log reads on *", allow("logs:DescribeLogGroups", "*"), [onStar("logs:DescribeLogGroups", "*")]],
        ["an undeclared table next to an action of another service", allow(["dynamodb:GetItem", "sqs:SendMessage"], "arn:aws:dynamodb:us-east-1:123456789012:table/other"), [undeclared("arn:aws:dynamodb:us-east-1:123456789012:table/other")]],
    ];
    for (const [what, statement, expected] of resources) {
        it(`${expected.length === 0 ? "accepts" : "refuses"} ${what} on a Lambda role`, async () => {
            assert.deepEqual(await messages(withStatement(statement)), expected);
        });
    }

    const managed: [string, string][] = [
        ["xarn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole", "which this pack cannot read"],
        ["arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole\nx", "which this pack cannot read"],
        ["arn:aws:iam::aws:policy/AdministratorAccess-Amplify", "which this pack cannot read"],
    ];
    for (const [arn, why] of managed) {
        it(`refuses ${JSON.stringify(arn)} on a Lambda role`, async () => {
            assert.deepEqual(await messages(setProp(securePlan(), "api-handler-role", "managedPolicyArns", [arn])), [attached(arn, why)]);
        });
    }

    it("reports an escalation once, not again as outside an API Gateway role's needs", async () => {
        const plan = withStatement(allow("iam:PassRole", roleArn("app-api-handler-role")), setProp(securePlan(), "api-handler-role", "assumeRolePolicy", apigatewayTrust));
        assert.deepEqual(await messages(plan), [`${where} grants iam:PassRole to the API Gateway role "api-handler-role", a privilege escalation (IAM, STS or permissions management): remove it.`]);
    });

    it("exempts only CloudWatch Logs from * on an API Gateway role", async () => {
        const plan = withStatement(allow("dynamodb:GetItem", "*"), setProp(securePlan(), "api-handler-role", "assumeRolePolicy", apigatewayTrust));
        assert.deepEqual(await messages(plan), [
            `${where} grants dynamodb:GetItem to the API Gateway role "api-handler-role", which needs only CloudWatch Logs actions: remove it.`,
            onStar("dynamodb:GetItem", "*", "API Gateway role"),
        ]);
    });

    it("lets a custom SMS sender's role publish on *, and nothing else", async () => {
        assert.deepEqual(await messages(withStatement(allow("sns:Publish", "*"), smsSender(securePlan()))), []);
        assert.deepEqual(await messages(withStatement(allow("dynamodb:GetItem", "*"), smsSender(securePlan()))), [onStar("dynamodb:GetItem", "*")]);
    });

    it("exempts sns:Publish on * for a sender's role only when it is a Lambda role", async () => {
        const plan = withStatement(allow("sns:Publish", "*"), smsSender(setProp(securePlan(), "api-handler-role", "assumeRolePolicy", apigatewayTrust)));
        assert.deepEqual(await messages(plan), [
            `${where} grants sns:Publish to the API Gateway role "api-handler-role", which needs only CloudWatch Logs actions: remove it.`,
            onStar("sns:Publish", "*", "API Gateway role"),
        ]);
    });

    it("leaves another account's resources to the other checks while no ARN shows this stack's account", async () => {
        const plan = withStatement(allow("sqs:SendMessage", "arn:aws:sqs:us-east-1:999999999999:q"));
        for (const r of plan.resources.filter((x) => ["aws:iam/role:Role", "aws:lambda/function:Function", "aws:cognito/userPool:UserPool"].includes(x.type))) {
            delete r.outputs!.arn;
        }
        find(plan, "items").outputs!.arn = "arn:aws:dynamodb:us-east-1::table/app-items-5678";
        // The only grant on the pool, which cannot be matched to it without its ARN.
        plan.resources.splice(plan.resources.indexOf(find(plan, "post-confirmation-policy")), 1);
        assert.deepEqual(await messages(plan), []);
    });

    it("accepts a resource the stack's config allows", async () => {
        const table = "arn:aws:dynamodb:us-east-1:123456789012:table/shared";
        assert.deepEqual(await messages(withStatement(allow("dynamodb:GetItem", table)), { "iam-service-role-permissions": { allowedResourceArns: [table], reason: "a table another stack owns" } }), []);
    });
});

describe("iam-principals-in-stack, how attachments name roles, the exact messages", () => {
    const undeclared = (what: string, role: string, field: string): string => `${what} changes the permissions of role ${role} (${field}), which this stack does not declare, so nothing checks what that role can do: attach policies only to this stack's roles.`;
    const readOnly = "arn:aws:iam::aws:policy/ReadOnlyAccess";
    const cases: [string, string, string, Record<string, unknown>, string[]][] = [
        ["a RolePolicy naming this stack's role by its id", "aws:iam/rolePolicy:RolePolicy", "rp", { role: "api-handler-role", policy: "{}" }, []],
        ["a RolePolicyAttachment naming this stack's role by its ARN", "aws:iam/rolePolicyAttachment:RolePolicyAttachment", "rpa", { role: roleArn("app-api-handler-role"), policyArn: readOnly }, []],
        ["a RolePolicy naming no role", "aws:iam/rolePolicy:RolePolicy", "rp", { policy: "{}" }, [undeclared('RolePolicy "rp"', "(none)", "role")]],
        ["an exclusive attachment set on a foreign role", "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive", "excl", { roleName: "Other", policyArns: [readOnly] }, [undeclared('RolePolicyAttachmentsExclusive "excl"', "Other", "roleName")]],
        ["an exclusive attachment set naming no role", "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive", "excl", { policyArns: [readOnly] }, [undeclared('RolePolicyAttachmentsExclusive "excl"', "(none)", "roleName")]],
        ["a PolicyAttachment to a foreign role", "aws:iam/policyAttachment:PolicyAttachment", "pa", { policyArn: readOnly, roles: ["app-api-handler-role", "Other"] }, [undeclared('PolicyAttachment "pa"', "Other", "roles")]],
        ["a RolePolicyAttachment with a stray users input", "aws:iam/rolePolicyAttachment:RolePolicyAttachment", "rpa", { role: "app-api-handler-role", policyArn: readOnly, users: ["alice"] }, []],
    ];
    for (const [what, type, name, props, expected] of cases) {
        it(`${expected.length === 0 ? "accepts" : "refuses"} ${what}`, async () => {
            assert.deepEqual((await run(addResource(securePlan(), type, name, props), principalsInStack)).map((v) => v.message), expected);
        });
    }
});

describe("iam trust and binding checks, what each skips and names", () => {
    it("iam-cognito-trust-policy accepts TagSession in a statement of its own", async () => {
        const base = JSON.parse(trustPolicy("authenticated")) as { Statement: Record<string, unknown>[] };
        const plan = setProp(securePlan(), "authenticated-role", "assumeRolePolicy", JSON.stringify({ ...base, Statement: [{ ...base.Statement[0], Action: "sts:AssumeRoleWithWebIdentity" }, { ...base.Statement[0], Action: "sts:TagSession" }] }));
        assert.deepEqual(await run(plan, cognitoTrustPolicy), []);
    });

    it("iam-cognito-role-binding accepts an attachment without a guest role", async () => {
        assert.deepEqual(await run(setProp(securePlan(), "roles", "roles", { authenticated: authRoleArn }), cognitoRoleBinding), []);
    });

    it("iam-cognito-role-binding reports a guest role the stack does not declare, and checks nothing more of it", async () => {
        const plan = setProp(securePlan(), "roles", "roles", { authenticated: authRoleArn, unauthenticated: `${guestRoleArn}-other` });
        assert.deepEqual((await run(plan, cognitoRoleBinding)).map((v) => v.message), [`The guest role ${guestRoleArn}-other is not a role of this stack, so its permissions cannot be checked: declare the role in this program.`]);
    });

    it("iam-cognito-role-binding names a group's role the stack does not declare", async () => {
        const plan = setProp(securePlan(), "admins", "roleArn", roleArn("elsewhere"));
        assert.deepEqual((await run(plan, cognitoRoleBinding)).map((v) => v.message), [`The group role ${roleArn("elsewhere")} is not a role of this stack, so its permissions cannot be checked: declare the role in this program.`]);
    });
});

describe("iam-guest-role-limits, Deny statements, GraphQL resources and unknown roles", () => {
    it("ignores a Deny statement", async () => {
        const plan = securePlan();
        guestPolicy(plan, allow("s3:GetObject"), { Effect: "Deny", NotAction: "s3:GetObject", Resource: "*" });
        assert.deepEqual(await run(plan, guestRoleLimits), []);
    });

    it("refuses appsync:GraphQL on an API rather than a field", async () => {
        const plan = withGraphqlApi(securePlan());
        guestPolicy(plan, allow("appsync:GraphQL", `${apiArn}/*`));
        assert.deepEqual((await run(plan, guestRoleLimits)).map((v) => v.message), [
            `RolePolicy "guest-policy" statement 1 grants the guest role resource ${apiArn}/*: name this stack's buckets or tables, or fields of this stack's GraphQL API (or add the ARN to allowedResourceArns).`,
        ]);
    });

    it("waits for a guest role not known yet (preview)", async () => {
        const plan = setProp(securePlan(), "roles", "roles", { authenticated: authRoleArn, unauthenticated: unknownStringSentinel });
        assert.deepEqual((await run(plan, guestRoleLimits)).map((v) => [v.enforcementLevel, v.message]), [
            ["advisory", `can't run policy 'iam-guest-role-limits' from policy pack 'cognito-stack@v${version}' during preview: string value at .roles.unauthenticated can't be known during preview`],
        ]);
    });
});

describe("iam-authenticated-role-scoping, pins, guards, objects and fields, the exact messages", () => {
    const messages = async (...statements: object[]): Promise<string[]> => {
        const plan = withGraphqlApi(securePlan());
        authPolicy(plan, ...statements);
        return (await run(plan, authenticatedRoleScoping)).map((v) => v.message);
    };
    const where = 'RolePolicy "authenticated-policy" statement 1';
    const unpinned = (shown: string): string => `${where} grants DynamoDB item access (${shown}) without ForAllValues:StringEquals dynamodb:LeadingKeys = ${sub}: add that condition.`;
    const items = (condition: Record<string, unknown>): object => ({ ...allow("dynamodb:GetItem", tableArn), Condition: condition });
    const ownKey = `private/${sub}`;

    it("refuses LeadingKeys pinned to the identity and another value", async () => {
        assert.deepEqual(await messages(items({ "ForAllValues:StringEquals": { "dynamodb:LeadingKeys": [sub, "admin"] }, Null: { "dynamodb:LeadingKeys": "false" } })), [unpinned("dynamodb:GetItem")]);
    });

    it("refuses LeadingKeys under ForAnyValue alone (not a pin)", async () => {
        assert.deepEqual(await messages(items({ "ForAnyValue:StringEquals": { "dynamodb:LeadingKeys": [sub] } })), [unpinned("dynamodb:GetItem")]);
    });

    it("accepts the pin written as ForAllValues:StringLike", async () => {
        assert.deepEqual(await messages(items({ "ForAllValues:StringLike": { "dynamodb:LeadingKeys": [sub] }, Null: { "dynamodb:LeadingKeys": "false" } })), []);
    });

    it("accepts the keyless guard written as ForAnyValue:StringEquals", async () => {
        assert.deepEqual(await messages(items({ "ForAllValues:StringEquals": { "dynamodb:LeadingKeys": [sub] }, "ForAnyValue:StringEquals": { "dynamodb:LeadingKeys": [sub] } })), []);
    });

    it("shows the first three item actions", async () => {
        assert.deepEqual(await messages(allow(["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"], tableArn)), [unpinned("dynamodb:GetItem, dynamodb:PutItem, dynamodb:UpdateItem")]);
    });

    it("refuses deleting object versions even under the own prefix", async () => {
        assert.deepEqual(await messages(allow(["s3:GetObject", "s3:DeleteObjectVersion"], `${bucketArn}/${ownKey}/*`)), [
            `${where} grants s3:DeleteObjectVersion on ${bucketArn}/${ownKey}/*: even on their own keys, users may not delete object versions, lock objects or replicate them (versioning and retention protect their data); remove it.`,
        ]);
    });

    it("accepts a GraphQL field on the list and names one that is not", async () => {
        assert.deepEqual(await messages(allow("appsync:GraphQL", fieldArn("Query", "me"))), []);
        assert.deepEqual(await messages(allow("appsync:GraphQL", fieldArn("Subscription", "onItem"))), [
            `${where} lets every signed-in user call Subscription.onItem (${fieldArn("Subscription", "onItem")}), which is not a field of this stack's GraphQL API on their list (Query.me, Query.item, Query.items, Mutation.putItem, Mutation.deleteItem): name each field by its ARN (<api arn>/types/<Type>/fields/<field>).`,
        ]);
    });

    it("refuses object reads on * as object access", async () => {
        assert.deepEqual(await messages(allow("s3:GetObject", "*")), [`${where} grants S3 object access on * to every signed-in user: scope the key with ${ownKey}/*.`]);
    });

    it("says when the own key is in a bucket of another stack", async () => {
        const resource = `arn:aws:s3:::someone-elses-bucket/${ownKey}/*`;
        assert.deepEqual(await messages(allow("s3:GetObject", resource)), [`${where} grants S3 object access on ${resource}, a bucket this stack does not declare, to every signed-in user: scope the key with ${ownKey}/*.`]);
    });

    it("judges a bucket-settings read on the bucket as outside the allow-list, not as a listing", async () => {
        assert.deepEqual(await messages(allow("s3:GetBucketTagging", bucketArn)), [
            `${where} grants s3:GetBucketTagging on ${bucketArn} to every signed-in user, outside their allow-list (own objects under ${ownKey}/, reads under the shared prefixes, own DynamoDB items of this stack's tables): remove it, or add it to additionalGrants in the stack's policy config with a reason.`,
        ]);
    });

    it("refuses listing every user's prefix", async () => {
        assert.deepEqual(await messages({ ...allow("s3:ListBucket", bucketArn), Condition: { StringLike: { "s3:prefix": ["private/*"] } } }), [`${where} lets every signed-in user list ["private/*"]: add a StringLike s3:prefix condition ${ownKey}/*.`]);
    });

    it("names the authenticated role in a NotAction refusal", async () => {
        assert.deepEqual(await messages({ Effect: "Allow", NotAction: "iam:*", Resource: "*" }), [`${where} uses NotAction on the authenticated role, which grants everything not listed: list the allowed actions and resources instead.`]);
    });
});

describe("iam-service-role-permissions, which roles it judges and STS", () => {
    const messages = async (plan: Plan): Promise<string[]> => (await run(plan, serviceRolePermissions)).map((v) => v.message);

    it("leaves a role of no class to the trust policy", async () => {
        const plan = setProp(securePlan(), "api-handler-role", "assumeRolePolicy", policyDocument({ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }));
        handlerPolicy(plan, allow("dynamodb:GetItem", "*"));
        assert.deepEqual(await messages(plan), []);
    });

    it("refuses sts:AssumeRole as an escalation", async () => {
        const plan = securePlan();
        handlerPolicy(plan, allow("sts:AssumeRole", roleArn("app-admins-role")));
        assert.deepEqual(await messages(plan), ['RolePolicy "api-handler-policy" statement 1 grants sts:AssumeRole to the Lambda execution role "api-handler-role", a privilege escalation (IAM, STS or permissions management): remove it.']);
    });

    it("refuses objects of a bucket this stack does not declare", async () => {
        const plan = securePlan();
        handlerPolicy(plan, allow("s3:GetObject", "arn:aws:s3:::someone-elses-bucket/*"));
        assert.deepEqual(await messages(plan), ['RolePolicy "api-handler-policy" statement 1 grants the Lambda execution role "api-handler-role" arn:aws:s3:::someone-elses-bucket/*, which this stack does not declare: name this stack\'s resources, or add the ARN to allowedResourceArns with a reason.']);
    });
});

describe("iam-guest-role-limits, an unknown AppSync action and no public prefix", () => {
    it("judges an AppSync action AWS does not know as a service outside the list, not as GraphQL", async () => {
        const plan = securePlan();
        guestPolicy(plan, allow("appsync:GrapQL"));
        assert.deepEqual((await run(plan, guestRoleLimits)).map((v) => v.message), ['RolePolicy "guest-policy" statement 1 grants the guest role appsync:GrapQL, a service outside s3: remove it or allow the service in config.']);
    });

    it("suggests public/ when the stack's config names no public prefix", async () => {
        const plan = securePlan();
        guestPolicy(plan, allow("s3:GetObject", `${bucketArn}/*`));
        assert.deepEqual((await run(plan, guestRoleLimits, { "iam-guest-role-limits": { publicPrefixes: [], reason: "no public objects" } })).map((v) => v.message), [
            `RolePolicy "guest-policy" statement 1 lets guests read ${bucketArn}/*, outside the public prefixes (): narrow it to ${bucketArn}/public/*.`,
        ]);
    });
});
