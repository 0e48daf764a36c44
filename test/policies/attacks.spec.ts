/**
 * The pack against an attacker (or a hurried engineer) editing the real plans: other
 * operators, principals, attachment kinds, wildcard positions, string-typed booleans and second
 * resources that override the first. Each insecure variant must add a mandatory violation of
 * the policy named; each secure rewrite (the same meaning, written differently) must add none.
 */
import type { Plan } from "../../tools/planTypes";
import { named } from "../helpers/plans";
import { PolicyDocument, Statement, T, editDocument, setProp } from "./mutate";
import { Mutation, Variant, addResource, authPolicy, client, describeMutations, describeSecureRewrites, guestPolicy, ids, out, pool, risk, statement, trust } from "./variants";

const sub = "${cognito-identity.amazonaws.com:sub}";
const otherAccount = "999999999999";
const adminPolicy = "arn:aws:iam::aws:policy/AdministratorAccess";

const allow = (action: string | string[], resource: string | string[], extra: Partial<Statement> = {}): Statement => ({ Effect: "Allow", Action: action, Resource: resource, ...extra });
const doc = (...statements: Statement[]): string => JSON.stringify({ Version: "2012-10-17", Statement: statements });

/** Adds a statement to the authenticated role's RolePolicy. */
const authGrant = (make: (p: Plan) => Statement) => (p: Plan): unknown => authPolicy(p, (d) => {
    d.Statement.push(make(p));
});
/** Adds a statement to dev's guest policy. */
const guestGrant = (make: (p: Plan) => Statement) => (p: Plan): unknown => guestPolicy(p, (d) => {
    d.Statement.push(make(p));
});
const policyOf = (p: Plan, name: string, edit: (d: PolicyDocument) => void): unknown => editDocument(p, T.rolePolicy, name, "policy", edit);
const roleName = (p: Plan, role: string): string => out(p, T.role, role, "name");
const roleArnOf = (p: Plan, role: string): string => out(p, T.role, role, "arn");
const fnArnOf = (p: Plan, fn: string): string => out(p, T.fn, fn, "arn");
const lambdaTrust = (principal: unknown): string => doc({ Effect: "Allow", Principal: principal, Action: "sts:AssumeRole" });
const ownItems = (d: PolicyDocument): Statement => statement(d, "OwnItems");

/** A customer-managed policy attached to a role with a RolePolicyAttachment. */
function attachPolicy(p: Plan, role: string, name: string, statements: Statement[]): void {
    const arn = `arn:aws:iam::${ids(p).account}:policy/${name}`;
    addResource(p, T.policy, name, { policy: doc(...statements) }, { arn });
    addResource(p, T.rolePolicyAttachment, `${name}-attachment`, { role: roleName(p, role), policyArn: arn });
}

const identityRoles: Mutation[] = [
    { title: "authenticated role given cognito-idp:AdminAddUserToGroup on the pool", mutate: authGrant((p) => allow("cognito-idp:AdminAddUserToGroup", ids(p).poolArn)), policy: "iam-authenticated-role-scoping", message: /grants cognito-idp:AdminAddUserToGroup to every signed-in user, which is a Cognito admin action/ },
    { title: "authenticated role given iam:PassRole", mutate: authGrant(() => allow("iam:PassRole", "*")), policy: "iam-authenticated-role-scoping", message: /grants iam:PassRole to every signed-in user, which is an IAM action/ },
    { title: "authenticated role given s3:PutBucketPolicy on the data bucket", mutate: authGrant((p) => allow("s3:PutBucketPolicy", ids(p).bucketArn)), policy: "iam-authenticated-role-scoping", message: /grants s3:PutBucketPolicy to every signed-in user, which manages permissions/ },
    { title: "S3 key with a wildcard before ${sub}", mutate: (p) => authPolicy(p, (d) => void (statement(d, "OwnObjects").Resource = `${ids(p).bucketArn}/*/${sub}/*`)), policy: "iam-authenticated-role-scoping", message: /grants S3 object access on arn:aws:s3:::data-bucket-\w+\/\*\/\$\{cognito-identity\.amazonaws\.com:sub\}\/\* to every signed-in user: scope the key with private\// },
    { title: "S3 key with a wildcard inside the private prefix", mutate: (p) => authPolicy(p, (d) => void (statement(d, "OwnObjects").Resource = `${ids(p).bucketArn}/private/*${sub}/*`)), policy: "iam-authenticated-role-scoping", message: /grants S3 object access on .*\/private\/\*\$\{cognito-identity/ },
    { title: "S3 key ${sub}* without the slash", mutate: (p) => authPolicy(p, (d) => void (statement(d, "OwnObjects").Resource = `${ids(p).bucketArn}/private/${sub}*`)), policy: "iam-authenticated-role-scoping", message: /grants S3 object access on .*\/private\/\$\{cognito-identity\.amazonaws\.com:sub\}\* to every signed-in user/ },
    { title: "S3 own keys in a bucket of another stack", mutate: (p) => authPolicy(p, (d) => void (statement(d, "OwnObjects").Resource = `arn:aws:s3:::someone-elses-bucket/private/${sub}/*`)), policy: "iam-authenticated-role-scoping", message: /someone-elses-bucket\/private\/.*, a bucket this stack does not declare,/ },
    { title: "S3 bucket name with a wildcard", mutate: (p) => authPolicy(p, (d) => void (statement(d, "OwnObjects").Resource = `${ids(p).bucketArn.slice(0, -3)}*/private/${sub}/*`)), policy: "iam-authenticated-role-scoping", message: /grants S3 object access on arn:aws:s3:::data-bucket-\w*\*\/private/ },
    { title: "ListBucket with StringLikeIfExists (true without a prefix)", mutate: (p) => authPolicy(p, (d) => void (statement(d, "ListOwnFolder").Condition = { StringLikeIfExists: { "s3:prefix": [`private/${sub}/*`] } })), policy: "iam-authenticated-role-scoping", message: /lets every signed-in user list \["private\/\$\{cognito-identity\.amazonaws\.com:sub\}\/\*"\]: add a StringLike s3:prefix condition/ },
    { title: "ListBucket with ForAllValues:StringLike (true without a prefix)", mutate: (p) => authPolicy(p, (d) => void (statement(d, "ListOwnFolder").Condition = { "ForAllValues:StringLike": { "s3:prefix": [`private/${sub}/*`] } })), policy: "iam-authenticated-role-scoping", message: /lets every signed-in user list/ },
    { title: "ListBucket of every user's prefix", mutate: (p) => authPolicy(p, (d) => void (statement(d, "ListOwnFolder").Condition = { StringLike: { "s3:prefix": ["private/*"] } })), policy: "iam-authenticated-role-scoping", message: /lets every signed-in user list \["private\/\*"\]/ },
    { title: "LeadingKeys pinned with ForAnyValue only", mutate: (p) => authPolicy(p, (d) => void (ownItems(d).Condition = { "ForAnyValue:StringEquals": { "dynamodb:LeadingKeys": [sub] } })), policy: "iam-authenticated-role-scoping", message: /grants DynamoDB item access \(dynamodb:GetItem, dynamodb:BatchGetItem, dynamodb:Query\) without ForAllValues:StringEquals dynamodb:LeadingKeys/ },
    { title: "LeadingKeys without the guard for keyless requests", mutate: (p) => authPolicy(p, (d) => void delete ownItems(d).Condition!.Null), policy: "iam-authenticated-role-scoping", message: /under ForAllValues only, which also matches requests without a key: add the condition Null/ },
    { title: "LeadingKeys pinned to two values", mutate: (p) => authPolicy(p, (d) => void (ownItems(d).Condition!["ForAllValues:StringEquals"]["dynamodb:LeadingKeys"] = [sub, "admin"])), policy: "iam-authenticated-role-scoping", message: /without ForAllValues:StringEquals dynamodb:LeadingKeys/ },
    { title: "PartiQL under the LeadingKeys statement", mutate: (p) => authPolicy(p, (d) => void (ownItems(d).Action = [...(ownItems(d).Action as string[]), "dynamodb:PartiQLSelect"])), policy: "iam-authenticated-role-scoping", message: /grants dynamodb:PartiQLSelect to every signed-in user, which runs PartiQL statements/ },
    { title: "table export", mutate: authGrant((p) => allow("dynamodb:ExportTableToPointInTime", ids(p).tableArn)), policy: "iam-authenticated-role-scoping", message: /grants dynamodb:ExportTableToPointInTime to every signed-in user, which copies data out of reach/ },
    { title: "item actions on every table", mutate: (p) => authPolicy(p, (d) => void (ownItems(d).Resource = `arn:aws:dynamodb:us-east-1:${ids(p).account}:table/*`)), policy: "iam-authenticated-role-scoping", message: /grants dynamodb:GetItem, dynamodb:BatchGetItem, dynamodb:Query and \d+ more on arn:aws:dynamodb:us-east-1:\d+:table\/\* to every signed-in user, outside their allow-list/ },
    { title: "dynamodb:* on the table", mutate: (p) => authPolicy(p, (d) => void (ownItems(d).Action = "dynamodb:*")), policy: "iam-authenticated-role-scoping", message: /grants dynamodb:\* to every signed-in user: list the actions the app needs/ },
    { title: "NotAction on the authenticated role", mutate: authGrant((p) => ({ Effect: "Allow", NotAction: "iam:*", Resource: `${ids(p).bucketArn}/*` })), policy: "iam-authenticated-role-scoping", message: /uses NotAction on the authenticated role/ },
    { title: "AdministratorAccess in managedPolicyArns", mutate: (p) => setProp(p, T.role, "auth-identity-authenticated-role", "managedPolicyArns", [adminPolicy]), policy: "iam-authenticated-role-scoping", message: /Managed policy arn:aws:iam::aws:policy\/AdministratorAccess attached to role "auth-identity-authenticated-role" is not declared in this stack/ },
    {
        title: "AdministratorAccess attached through aws:iam/policyAttachment",
        mutate: (p) => addResource(p, "aws:iam/policyAttachment:PolicyAttachment", "admin-everyone", { policyArn: adminPolicy, roles: [roleName(p, "auth-identity-authenticated-role")] }),
        policy: "iam-authenticated-role-scoping",
        message: /Managed policy arn:aws:iam::aws:policy\/AdministratorAccess attached to role "auth-identity-authenticated-role"/,
    },
    {
        title: "AdministratorAccess through RolePolicyAttachmentsExclusive",
        mutate: (p) => addResource(p, "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive", "exclusive", { roleName: roleName(p, "auth-identity-authenticated-role"), policyArns: [adminPolicy] }),
        policy: "iam-authenticated-role-scoping",
        message: /Managed policy arn:aws:iam::aws:policy\/AdministratorAccess attached to role "auth-identity-authenticated-role"/,
    },
    { title: "a customer-managed policy with s3:* on * attached", mutate: (p) => attachPolicy(p, "auth-identity-authenticated-role", "extra", [allow("s3:*", "*")]), policy: "iam-authenticated-role-scoping", message: /^policy "extra" statement 1 grants s3:\* to every signed-in user/ },
    { title: "group role given sts:AssumeRole inline", mutate: (p) => setProp(p, T.role, "auth-identity-group-admins-role", "inlinePolicies", [{ name: "escalate", policy: doc(allow("sts:AssumeRole", "*")) }]), policy: "iam-authenticated-role-scoping", message: /inline policy "escalate" of role "auth-identity-group-admins-role" statement 1 grants sts:AssumeRole to every signed-in user, which is an STS action/ },
    { title: "group role given AdminUpdateUserAttributes", mutate: (p) => policyOf(p, "data-group-admins-policy", (d) => void d.Statement.push(allow("cognito-idp:AdminUpdateUserAttributes", ids(p).poolArn))), policy: "iam-authenticated-role-scoping", message: /RolePolicy "data-group-admins-policy" statement 5 grants cognito-idp:AdminUpdateUserAttributes/ },
    {
        title: "an unattached role trusting this identity pool with s3:*",
        mutate: (p) => {
            const arn = `arn:aws:iam::${ids(p).account}:role/shadow`;
            addResource(p, T.role, "shadow", { assumeRolePolicy: named(p, T.role, "auth-identity-authenticated-role").props.assumeRolePolicy }, { arn, name: "shadow" });
            addResource(p, T.rolePolicy, "shadow-policy", { role: "shadow", policy: doc(allow("s3:*", "*")) });
        },
        policy: "iam-authenticated-role-scoping",
        message: /^RolePolicy "shadow-policy" statement 1 grants s3:\* to every signed-in user/,
    },
    { title: "users permanently deleting versions of their own objects", mutate: authGrant((p) => allow("s3:DeleteObjectVersion", `${ids(p).bucketArn}/private/${sub}/*`)), policy: "iam-authenticated-role-scoping", message: /grants s3:DeleteObjectVersion on .*: even on their own keys, users may not delete object versions/ },
    { title: "every user's objects read under StringNotLike s3:prefix (true for a GetObject, which carries no prefix)", mutate: authGrant((p) => allow("s3:GetObject", `${ids(p).bucketArn}/*`, { Condition: { StringNotLike: { "s3:prefix": ["private/*"] } } })), policy: "iam-authenticated-role-scoping", message: /^RolePolicy "data-authenticated-policy" statement \d+ grants S3 object access on arn:aws:s3:::data-bucket-\w+\/\* to every signed-in user: scope the key with private\/\$\{cognito-identity\.amazonaws\.com:sub\}\/\*\.$/ },
    { title: "every user's objects read under a tag condition (GetObject carries s3:ExistingObjectTag/<key>)", mutate: authGrant((p) => allow("s3:GetObject", `${ids(p).bucketArn}/*`, { Condition: { StringEquals: { "s3:ExistingObjectTag/visibility": "shared" } } })), policy: "iam-authenticated-role-scoping", message: /^RolePolicy "data-authenticated-policy" statement \d+ grants S3 object access on arn:aws:s3:::data-bucket-\w+\/\* to every signed-in user: scope the key with private\/\$\{cognito-identity\.amazonaws\.com:sub\}\/\*\.$/ },
    { title: "authenticated role reading every object", mutate: authGrant(() => allow("s3:GetObject", "*")), policy: "iam-authenticated-role-scoping", message: /grants S3 object access on \* to every signed-in user/ },
    { title: "authenticated role invoking the API handler directly", mutate: authGrant((p) => allow("lambda:InvokeFunction", fnArnOf(p, "api-handler"))), policy: "iam-authenticated-role-scoping", message: /grants lambda:InvokeFunction on arn:aws:lambda:.*api-handler to every signed-in user, outside their allow-list/ },
    { title: "authenticated role decrypting with any key", mutate: authGrant(() => allow("kms:Decrypt", "*")), policy: "iam-authenticated-role-scoping", message: /grants kms:Decrypt on \* to every signed-in user, outside their allow-list/ },
    { title: "authenticated role reading the bucket's settings", mutate: authGrant((p) => allow("s3:GetBucketPolicy", ids(p).bucketArn)), policy: "iam-authenticated-role-scoping", message: /grants s3:GetBucketPolicy on arn:aws:s3:::data-bucket-\w+ to every signed-in user, outside their allow-list/ },
    { title: "guest reading private keys", stack: "dev", mutate: (p) => guestPolicy(p, (d) => void (statement(d, "ReadPublic").Resource = `${ids(p).bucketArn}/private/*`)), policy: "iam-guest-role-limits", message: /lets guests read arn:aws:s3:::data-bucket-\w+\/private\/\*, outside the public prefixes/ },
    { title: "guest listing with StringLikeIfExists", stack: "dev", mutate: guestGrant((p) => allow("s3:ListBucket", ids(p).bucketArn, { Condition: { StringLikeIfExists: { "s3:prefix": ["public/*"] } } })), policy: "iam-guest-role-limits", message: /lets guests list \["public\/\*"\], users' keys included/ },
    { title: "guest reading the bucket policy", stack: "dev", mutate: guestGrant((p) => allow("s3:GetBucketPolicy", ids(p).bucketArn)), policy: "iam-guest-role-limits", message: /lets guests call s3:GetBucketPolicy on arn:aws:s3:::data-bucket-\w+: guests may only read objects/ },
    { title: "guest calling cognito-identity", stack: "dev", mutate: guestGrant(() => allow("cognito-identity:*", "*")), policy: "iam-guest-role-limits", message: /grants the guest role cognito-identity:\*, a service outside s3/ },
    { title: "guest writing object ACLs", stack: "dev", mutate: guestGrant((p) => allow("s3:PutObjectAcl", `${ids(p).bucketArn}/public/*`)), policy: "iam-guest-role-limits", message: /grants the guest role s3:PutObjectAcl, which includes s3:PutObjectAcl \(Permissions management, Write\)/ },
    {
        title: "guest deleting through aws:iam/policyAttachment",
        stack: "dev",
        mutate: (p) => {
            const arn = `arn:aws:iam::${ids(p).account}:policy/guest-extra`;
            addResource(p, T.policy, "guest-extra", { policy: doc(allow("s3:DeleteObject", `${ids(p).bucketArn}/public/*`)) }, { arn });
            addResource(p, "aws:iam/policyAttachment:PolicyAttachment", "guest-extra-attachment", { policyArn: arn, roles: [roleName(p, "auth-identity-guest-role")] });
        },
        policy: "iam-guest-role-limits",
        message: /^policy "guest-extra" statement 1 grants the guest role s3:DeleteObject/,
    },
];

const trusts: Mutation[] = [
    { title: "group role trusting AWS *", mutate: (p) => setProp(p, T.role, "auth-identity-group-admins-role", "assumeRolePolicy", lambdaTrust({ AWS: "*" })), policy: "iam-role-trust", message: /statement 1 trusts AWS \*: anyone who matches the wildcard/, policies: ["iam-role-trust", "iam-cognito-role-binding"] },
    { title: "Lambda execution role trusting AWS *", mutate: (p) => setProp(p, T.role, "api-handler-role", "assumeRolePolicy", lambdaTrust({ AWS: "*" })), policy: "iam-role-trust", message: /trusts AWS \*/, policies: ["iam-role-trust", "lambda-execution-role"] },
    { title: "Lambda execution role trusting another account", mutate: (p) => setProp(p, T.role, "api-handler-role", "assumeRolePolicy", lambdaTrust({ AWS: `arn:aws:iam::${otherAccount}:root` })), policy: "iam-role-trust", message: /trusts AWS arn:aws:iam::999999999999:root: that account's principals could assume it/, policies: ["iam-role-trust", "lambda-execution-role"] },
    { title: "Lambda execution role trusting a web identity provider", mutate: (p) => setProp(p, T.role, "api-handler-role", "assumeRolePolicy", doc({ Effect: "Allow", Principal: { Federated: "accounts.google.com" }, Action: "sts:AssumeRoleWithWebIdentity" })), policy: "iam-role-trust", message: /trusts Federated accounts\.google\.com: tokens of that provider could assume it directly/, policies: ["iam-role-trust", "lambda-execution-role"] },
    { title: "authenticated role trusting Federated *", mutate: (p) => trust(p, "auth-identity-authenticated-role", (d) => void (statement(d, 0).Principal = { Federated: ["cognito-identity.amazonaws.com", "*"] })), policy: "iam-role-trust", message: /trusts Federated \*/, policies: ["iam-role-trust", "iam-cognito-trust-policy"] },
    { title: "authenticated role with aud under StringLike *", mutate: (p) => trust(p, "auth-identity-authenticated-role", (d) => void (statement(d, 0).Condition!.StringEquals = undefined as never, statement(d, 0).Condition!.StringLike = { "cognito-identity.amazonaws.com:aud": "*" })), policy: "iam-cognito-trust-policy", message: /has no StringEquals cognito-identity\.amazonaws\.com:aud condition/, policies: ["iam-cognito-trust-policy", "iam-cognito-role-binding"] },
    { title: "one role trusted by Lambda and API Gateway", mutate: (p) => setProp(p, T.role, "api-handler-role", "assumeRolePolicy", lambdaTrust({ Service: ["lambda.amazonaws.com", "apigateway.amazonaws.com"] })), policy: "iam-role-trust", message: /The role is trusted as Lambda execution role and as API Gateway role: each gets the other's permissions/, policies: ["iam-role-trust", "lambda-execution-role"] },
    { title: "Lambda role trusting everyone but one principal (NotPrincipal)", mutate: (p) => setProp(p, T.role, "api-handler-role", "assumeRolePolicy", doc({ Effect: "Allow", NotPrincipal: { AWS: `arn:aws:iam::${otherAccount}:root` }, Action: "sts:AssumeRole" })), policy: "iam-role-trust", message: /uses NotPrincipal in an Allow/, policies: ["iam-role-trust", "lambda-execution-role"] },
    {
        title: "AppSync data role confined to another account's id and APIs",
        mutate: (p) => trust(p, "graphql-data-role", (d) => void (statement(d, 0).Condition = { StringEquals: { "aws:SourceAccount": otherAccount }, ArnLike: { "aws:SourceArn": `arn:aws:appsync:us-east-1:${otherAccount}:apis/*` } })),
        policy: "iam-role-trust-source-account",
        message: /^Role "graphql-data-role" assumeRolePolicy statement 1 lets Service appsync\.amazonaws\.com assume it for account 999999999999 \(StringEquals aws:SourceAccount\), account 999999999999 \(ArnLike aws:SourceArn\), not this stack's account 123456789012: that account's resources could use the role and act as this stack \(confused deputy\)/,
    },
    {
        title: "AppSync logs role naming another account's API only in its SourceArn",
        mutate: (p) => trust(p, "graphql-logs-role", (d) => void (statement(d, 0).Condition!.ArnLike = { "aws:SourceArn": `arn:aws:appsync:us-east-1:${otherAccount}:apis/abc` })),
        policy: "iam-role-trust-source-account",
        message: /^Role "graphql-logs-role" assumeRolePolicy statement 1 lets Service appsync\.amazonaws\.com assume it for account 999999999999 \(ArnLike aws:SourceArn\), not this stack's account 123456789012/,
    },
    {
        title: "Lambda role trusted by Lambda for another account only",
        mutate: (p) => setProp(p, T.role, "api-handler-role", "assumeRolePolicy", doc({ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceAccount": otherAccount } } })),
        policy: "iam-role-trust-source-account",
        message: /^Role "api-handler-role" assumeRolePolicy statement 1 lets Service lambda\.amazonaws\.com assume it for account 999999999999 \(StringEquals aws:SourceAccount\)/,
    },
    { title: "API Gateway role also allowing web identities", mutate: (p) => setProp(p, T.role, "api-cloudwatch-role", "assumeRolePolicy", doc({ Effect: "Allow", Principal: { Service: "apigateway.amazonaws.com" }, Action: ["sts:AssumeRole", "sts:AssumeRoleWithWebIdentity"] })), policy: "iam-role-trust", message: /lets the service sts:AssumeRoleWithWebIdentity: allow only sts:AssumeRole/ },
];

const iamPrincipals: Mutation[] = [
    {
        title: "an IAM user with an access key",
        mutate: (p) => {
            addResource(p, "aws:iam/user:User", "ci", { name: "ci" });
            addResource(p, "aws:iam/accessKey:AccessKey", "ci-key", { user: "ci" });
        },
        policy: "iam-principals-in-stack",
        message: /^User "ci" gives an IAM user or group lasting access/,
    },
    { title: "a RolePolicy on a role this stack does not declare", mutate: (p) => addResource(p, T.rolePolicy, "backdoor", { role: "OrganizationAccountAccessRole", policy: doc(allow("dynamodb:*", ids(p).tableArn)) }), policy: "iam-principals-in-stack", message: /^RolePolicy "backdoor" changes the permissions of role OrganizationAccountAccessRole \(role\), which this stack does not declare/ },
    { title: "AdministratorAccess attached to an existing user", mutate: (p) => addResource(p, "aws:iam/policyAttachment:PolicyAttachment", "admin-user", { policyArn: adminPolicy, users: ["alice"] }), policy: "iam-principals-in-stack", message: /^PolicyAttachment "admin-user" attaches its policy to users or groups \(alice\)/ },
];

const serviceRoles: Mutation[] = [
    { title: "AdministratorAccess on the API handler's role", mutate: (p) => addResource(p, T.rolePolicyAttachment, "handler-admin", { role: roleName(p, "api-handler-role"), policyArn: adminPolicy }), policy: "iam-service-role-permissions", message: /RolePolicyAttachment "handler-admin" attaches arn:aws:iam::aws:policy\/AdministratorAccess to the Lambda execution role "api-handler-role", an admin policy/ },
    { title: "PowerUserAccess through aws:iam/policyAttachment", mutate: (p) => addResource(p, "aws:iam/policyAttachment:PolicyAttachment", "power", { policyArn: "arn:aws:iam::aws:policy/PowerUserAccess", roles: [roleName(p, "api-handler-role")] }), policy: "iam-service-role-permissions", message: /PowerUserAccess to the Lambda execution role "api-handler-role", an admin policy/ },
    { title: "dynamodb:* for the API handler", mutate: (p) => policyOf(p, "api-handler-policy", (d) => void (statement(d, "Items").Action = "dynamodb:*")), policy: "iam-service-role-permissions", message: /grants dynamodb:\* to the Lambda execution role "api-handler-role": list the actions it needs/ },
    { title: "API handler's item actions on *", mutate: (p) => policyOf(p, "api-handler-policy", (d) => void (statement(d, "Items").Resource = "*")), policy: "iam-service-role-permissions", message: /grants dynamodb:GetItem, dynamodb:PutItem, dynamodb:DeleteItem and 1 more on \* to the Lambda execution role "api-handler-role": name the resources/ },
    { title: "iam:PassRole for the API handler", mutate: (p) => policyOf(p, "api-handler-policy", (d) => void d.Statement.push(allow("iam:PassRole", roleArnOf(p, "api-handler-role")))), policy: "iam-service-role-permissions", message: /grants iam:PassRole to the Lambda execution role "api-handler-role", a privilege escalation/ },
    { title: "post confirmation adding users to groups of every pool", mutate: (p) => policyOf(p, "auth-trigger-postConfirmation-pool-policy", (d) => void (statement(d, "AddToDefaultGroup").Resource = `arn:aws:cognito-idp:us-east-1:${ids(p).account}:userpool/*`)), policy: "iam-service-role-permissions", message: /grants cognito-idp:AdminAddUserToGroup on arn:aws:cognito-idp:us-east-1:\d+:userpool\/\* to the Lambda execution role/ },
    { title: "API handler reaching a table of another account", mutate: (p) => policyOf(p, "api-handler-policy", (d) => void (statement(d, "Items").Resource = `arn:aws:dynamodb:us-east-1:${otherAccount}:table/loot`)), policy: "iam-service-role-permissions", message: /in account 999999999999, not this stack's/ },
    { title: "API handler reading a bucket this stack does not declare", mutate: (p) => policyOf(p, "api-handler-policy", (d) => void d.Statement.push(allow("s3:GetObject", "arn:aws:s3:::someone-elses-bucket/*"))), policy: "iam-service-role-permissions", message: /arn:aws:s3:::someone-elses-bucket\/\*, which this stack does not declare/ },
    { title: "API Gateway logging role reading S3", mutate: (p) => setProp(p, T.role, "api-cloudwatch-role", "inlinePolicies", [{ name: "extra", policy: doc(allow("s3:GetObject", `${ids(p).bucketArn}/*`)) }]), policy: "iam-service-role-permissions", message: /grants s3:GetObject to the API Gateway role "api-cloudwatch-role", which needs only CloudWatch Logs actions/ },
    { title: "API Gateway logging role deleting objects under ArnNotLike s3:DataAccessPointArn (true without an access point)", mutate: (p) => setProp(p, T.role, "api-cloudwatch-role", "inlinePolicies", [{ name: "extra", policy: doc(allow("s3:DeleteObject", `${ids(p).bucketArn}/*`, { Condition: { ArnNotLike: { "s3:DataAccessPointArn": "arn:aws:s3:us-east-1:999999999999:accesspoint/*" } } })) }]), policy: "iam-service-role-permissions", message: /grants s3:DeleteObject to the API Gateway role "api-cloudwatch-role", which needs only CloudWatch Logs actions/ },
    { title: "API Gateway logging role reading objects that carry a tag (s3:ExistingObjectTag/<key>)", mutate: (p) => setProp(p, T.role, "api-cloudwatch-role", "inlinePolicies", [{ name: "extra", policy: doc(allow("s3:GetObject", `${ids(p).bucketArn}/*`, { Condition: { StringLike: { "s3:ExistingObjectTag/owner": "*" } } })) }]), policy: "iam-service-role-permissions", message: /grants s3:GetObject to the API Gateway role "api-cloudwatch-role", which needs only CloudWatch Logs actions/ },
    { title: "Lambda role adding permissions to functions", mutate: (p) => policyOf(p, "api-handler-policy", (d) => void d.Statement.push(allow("lambda:AddPermission", fnArnOf(p, "api-handler")))), policy: "iam-service-role-permissions", message: /grants lambda:AddPermission to the Lambda execution role "api-handler-role", a privilege escalation/ },
    { title: "Lambda role assuming any role", mutate: (p) => policyOf(p, "api-handler-policy", (d) => void d.Statement.push(allow("sts:AssumeRole", "*"))), policy: "iam-service-role-permissions", message: /grants sts:AssumeRole to the Lambda execution role "api-handler-role", a privilege escalation/ },
];

const permission = (p: Plan, name: string, key: string, value: unknown): unknown => setProp(p, T.permission, name, key, value);

const lambdas: Mutation[] = [
    { title: "Lambda permission for principal *", mutate: (p) => permission(p, "api-invoke-handler", "principal", "*"), policy: "lambda-permission-scope", message: /lets \* invoke the function: only cognito-idp\.amazonaws\.com and apigateway\.amazonaws\.com may/ },
    { title: "Lambda permission without sourceArn", mutate: (p) => permission(p, "api-invoke-handler", "sourceArn", undefined), policy: "lambda-permission-scope", message: /has no sourceArn, so apigateway\.amazonaws\.com invokes the function for any account's resources/ },
    { title: "Lambda permission from another API", mutate: (p) => permission(p, "api-invoke-handler", "sourceArn", `arn:aws:execute-api:us-east-1:${otherAccount}:evilapi/*`), policy: "lambda-permission-scope", message: /from arn:aws:execute-api:us-east-1:999999999999:evilapi\/\*, not a REST or HTTP API of this stack/ },
    { title: "Lambda permission from an API id wildcard", mutate: (p) => permission(p, "api-invoke-handler", "sourceArn", `arn:aws:execute-api:us-east-1:${ids(p).account}:*/*`), policy: "lambda-permission-scope", message: /not a REST or HTTP API of this stack/ },
    { title: "trigger permission from another user pool", mutate: (p) => permission(p, "auth-invoke-preSignUp", "sourceArn", `arn:aws:cognito-idp:us-east-1:${otherAccount}:userpool/us-east-1_Evil12345`), policy: "lambda-permission-scope", message: /lets cognito-idp\.amazonaws\.com invoke the function from arn:aws:cognito-idp:us-east-1:999999999999:userpool\/us-east-1_Evil12345, not a user pool of this stack/ },
    {
        title: "Lambda permission from another service's ARN ending in this API's id",
        mutate: (p) => permission(p, "api-invoke-handler", "sourceArn", `${out(p, "aws:apigateway/restApi:RestApi", "api", "executionArn").replace(":execute-api:", ":lambda:")}/*`),
        policy: "lambda-permission-scope",
        message: /^Lambda permission "api-invoke-handler" lets apigateway\.amazonaws\.com invoke the function from arn:aws:lambda:us-east-1:\d{12}:\w+\/\*, not a REST or HTTP API of this stack/,
    },
    { title: "Lambda permission for an account principal", mutate: (p) => permission(p, "api-invoke-handler", "principal", otherAccount), policy: "lambda-permission-scope", message: /lets 999999999999 invoke the function/ },
    { title: "Lambda permission granting lambda:*", mutate: (p) => permission(p, "api-invoke-handler", "action", "lambda:*"), policy: "lambda-permission-scope", message: /grants lambda:\*: grant only lambda:InvokeFunction/ },
    { title: "function URL with auth NONE", mutate: (p) => addResource(p, "aws:lambda/functionUrl:FunctionUrl", "handler-url", { functionName: out(p, T.fn, "api-handler", "name"), authorizationType: "NONE" }), policy: "lambda-function-url-auth", message: /^authorizationType is NONE: anyone on the internet can invoke the function/ },
    { title: "public function URL permission", mutate: (p) => addResource(p, T.permission, "url-public", { action: "lambda:InvokeFunctionUrl", function: out(p, T.fn, "api-handler", "name"), principal: "*", functionUrlAuthType: "NONE" }), policy: "lambda-permission-scope", message: /opens the function URL with auth NONE/ },
    { title: "deprecated runtime nodejs16.x", mutate: (p) => setProp(p, T.fn, "api-handler", "runtime", "nodejs16.x"), policy: "lambda-function-runtime", message: /^runtime is nodejs16\.x, which is deprecated or not on the supported list/ },
    { title: "deprecated runtime python3.8", mutate: (p) => setProp(p, T.fn, "auth-trigger-preSignUp", "runtime", "python3.8"), policy: "lambda-function-runtime", message: /^runtime is python3\.8/ },
    { title: "a function running with the authenticated role", mutate: (p) => setProp(p, T.fn, "api-handler", "role", roleArnOf(p, "auth-identity-authenticated-role")), policy: "lambda-execution-role", message: /runs with role "auth-identity-authenticated-role", an identity role/ },
    { title: "a function running with another account's role", mutate: (p) => setProp(p, T.fn, "api-handler", "role", `arn:aws:iam::${otherAccount}:role/admin`), policy: "lambda-execution-role", message: /runs with role arn:aws:iam::999999999999:role\/admin, which is not a role of this stack/ },
];

const cognito: Mutation[] = [
    { title: "users may write the tenant attribute", mutate: (p) => client(p, "writeAttributes", ["email", "custom:tenant_id"]), policy: "cognito-client-privileged-attributes", message: /lets users write custom:tenant_id \(at SignUp and with UpdateUserAttributes\), which feeds the tenant claim of the pre token generation trigger "auth-trigger-preTokenGeneration"/ },
    { title: "writeAttributes unset (everything writable)", mutate: (p) => client(p, "writeAttributes", undefined), policy: "cognito-client-privileged-attributes", message: /sets no writeAttributes, so users may write every attribute, including custom:tenant_id/ },
    { title: "writeAttributes empty (everything writable)", mutate: (p) => client(p, "writeAttributes", []), policy: "cognito-client-privileged-attributes", message: /sets no writeAttributes, so users may write every attribute, including phone_number_verified/ },
    { title: "users may write phone_number_verified", mutate: (p) => client(p, "writeAttributes", ["email", "phone_number_verified"]), policy: "cognito-client-privileged-attributes", message: /lets users write phone_number_verified .*the phone number verification flag/ },
    {
        title: "a role-mapping rule on a writable claim",
        stack: "staging",
        mutate: (p) => setProp(p, T.roleAttachment, "auth-identity-roles", "roleMappings.0.mappingRules.0.claim", "locale"),
        policy: "cognito-client-privileged-attributes",
        message: /lets users write locale .*which feeds a role-mapping rule of "auth-identity-roles" \(locale Equals "acme-staff" gets arn:aws:iam::\d+:role\/auth-identity-group-admins-role-\w+\)/,
    },
    { title: "the tenant attribute writable where a rule maps it to the admin role", stack: "staging", mutate: (p) => client(p, "writeAttributes", ["email", "custom:tenant_id"]), policy: "cognito-client-privileged-attributes", message: /custom:tenant_id .*feeds the tenant claim .*; a role-mapping rule of "auth-identity-roles"/ },
    { title: "a principal tag from a writable attribute", stack: "dev", mutate: (p) => setProp(p, T.principalTag, "auth-identity-principal-tags", "principalTags", { tenant_id: "locale" }), policy: "cognito-client-privileged-attributes", message: /lets users write locale .*principal tag tenant_id of "auth-identity-principal-tags"/ },
    { title: "threat protection skipped for 0.0.0.0/0", mutate: (p) => risk(p, "riskExceptionConfiguration", { skippedIpRangeLists: ["0.0.0.0/0"] }), policy: "cognito-risk-ip-exceptions", message: /skippedIpRangeLists has 0\.0\.0\.0\/0, which turns threat protection off for \/0 \(every address\)/ },
    { title: "threat protection skipped for a /8", mutate: (p) => risk(p, "riskExceptionConfiguration", { skippedIpRangeLists: ["10.0.0.0/8"] }), policy: "cognito-risk-ip-exceptions", message: /10\.0\.0\.0\/8, which turns threat protection off for \/8/ },
    { title: "threat protection skipped for ::/0", mutate: (p) => risk(p, "riskExceptionConfiguration", { skippedIpRangeLists: ["::/0"] }), policy: "cognito-risk-ip-exceptions", message: /::\/0, which turns threat protection off/ },
    { title: "a skip list entry that is no CIDR", mutate: (p) => risk(p, "riskExceptionConfiguration", { skippedIpRangeLists: ["everyone"] }), policy: "cognito-risk-ip-exceptions", message: /has "everyone", not an IPv4 or IPv6 CIDR/ },
    { title: "custom auth allowed without threat protection for it", stack: "staging", mutate: (p) => client(p, "explicitAuthFlows", ["ALLOW_USER_SRP_AUTH", "ALLOW_CUSTOM_AUTH"]), policy: "cognito-user-pool-custom-auth-threat-protection", message: /runs custom authentication \(client "auth-client-web" allows custom authentication\) with .*customAuthMode unset/ },
    {
        title: "an auth challenge trigger with custom-auth protection in AUDIT",
        mutate: (p) => {
            pool(p, "lambdaConfig.defineAuthChallenge", fnArnOf(p, "auth-trigger-preSignUp"));
            pool(p, "userPoolAddOns.advancedSecurityAdditionalFlows.customAuthMode", "AUDIT");
        },
        policy: "cognito-user-pool-custom-auth-threat-protection",
        message: /it has defineAuthChallenge triggers\) with userPoolAddOns\.advancedSecurityAdditionalFlows\.customAuthMode AUDIT/,
    },
    { title: "a trigger of another account", mutate: (p) => pool(p, "lambdaConfig.preSignUp", `arn:aws:lambda:us-east-1:${otherAccount}:function:evil`), policy: "cognito-trigger-functions", message: /runs lambdaConfig\.preSignUp arn:aws:lambda:us-east-1:999999999999:function:evil, not a function of this stack/ },
    { title: "a token trigger of another account", mutate: (p) => pool(p, "lambdaConfig.preTokenGenerationConfig.lambdaArn", `arn:aws:lambda:us-east-1:${otherAccount}:function:claims`), policy: "cognito-trigger-functions", message: /runs lambdaConfig\.preTokenGenerationConfig\.lambdaArn arn:aws:lambda:us-east-1:999999999999:function:claims/ },
    { title: "new users added to the admins group", mutate: (p) => setProp(p, T.fn, "auth-trigger-postConfirmation", "environment.variables.DEFAULT_GROUP", "admins"), policy: "cognito-default-group-unprivileged", message: /adds every new user to group "admins", which is privileged \(.*an admin group of the API \(ADMIN_GROUPS of "api-handler"\).*\): set DEFAULT_GROUP to a group without privileges/ },
    {
        title: "the default group given a role that grants more",
        mutate: (p) => {
            setProp(p, T.group, "auth-group-members", "roleArn", roleArnOf(p, "auth-identity-group-admins-role"));
            policyOf(p, "data-group-admins-policy", (d) => void d.Statement.push(allow("s3:GetObject", `${ids(p).bucketArn}/public/reports/*`)));
        },
        policy: "cognito-default-group-unprivileged",
        message: /adds every new user to group "members", which is privileged \(its group role arn:aws:iam::\d+:role\/auth-identity-group-admins-role-\w+ grants more than the authenticated role\)/,
    },
    { title: "allowClassicFlow given as the string \"true\"", mutate: (p) => setProp(p, T.identityPool, "auth-identity", "allowClassicFlow", "true"), policy: "cognito-identity-pool-classic-flow", message: /^allowClassicFlow is true/ },
    { title: "enableTokenRevocation given as the string \"false\"", mutate: (p) => client(p, "enableTokenRevocation", "false"), policy: "cognito-client-token-revocation", message: /^enableTokenRevocation is false/ },
    { title: "guests turned on with the string \"true\"", mutate: (p) => setProp(p, T.identityPool, "auth-identity", "allowUnauthenticatedIdentities", "true"), policy: "cognito-identity-pool-unauthenticated-access", message: /^allowUnauthenticatedIdentities is true but this stack does not allow guest access/, policies: ["cognito-identity-pool-unauthenticated-access", "cognito-identity-pool-guest-role"] },
    { title: "the only MFA factor turned off with the string \"false\"", mutate: (p) => pool(p, "softwareTokenMfaConfiguration.enabled", "false"), policy: "cognito-user-pool-mfa", message: /^MFA is required but no factor is enabled/ },
    { title: "password length given as the string \"8\"", mutate: (p) => pool(p, "passwordPolicy.minimumLength", "8"), policy: "cognito-user-pool-password-policy", message: /^passwordPolicy\.minimumLength is 8: set it to at least 12/ },
    { title: "deletion protection in lower case", mutate: (p) => pool(p, "deletionProtection", "active"), policy: "cognito-user-pool-deletion-protection", message: /^deletionProtection is active: set it to ACTIVE/ },
    { title: "server-side token check off with the string \"false\"", mutate: (p) => setProp(p, T.identityPool, "auth-identity", "cognitoIdentityProviders.0.serverSideTokenCheck", "false"), policy: "cognito-identity-pool-providers", message: /accepts cognito-idp\.us-east-1\.amazonaws\.com\/us-east-1_\w+ tokens without serverSideTokenCheck/ },
    { title: "Google tokens accepted directly in prod", mutate: (p) => setProp(p, T.identityPool, "auth-identity", "supportedLoginProviders", { "accounts.google.com": "123-prod.apps.googleusercontent.com" }), policy: "cognito-identity-pool-providers", message: /accepts accounts\.google\.com tokens directly \(supportedLoginProviders\), which skips the user pool's MFA/ },
    { title: "an OIDC provider accepted directly in prod", mutate: (p) => setProp(p, T.identityPool, "auth-identity", "openidConnectProviderArns", [`arn:aws:iam::${ids(p).account}:oidc-provider/acme.eu.auth0.com/`]), policy: "cognito-identity-pool-providers", message: /accepts acme\.eu\.auth0\.com tokens directly \(openidConnectProviderArns\)/ },
    { title: "a new direct provider in dev beyond the config's list", stack: "dev", mutate: (p) => setProp(p, T.identityPool, "auth-identity", "supportedLoginProviders", { "accounts.google.com": "x", "graph.facebook.com": "y" }), policy: "cognito-identity-pool-providers", message: /accepts graph\.facebook\.com tokens directly/ },
    { title: "tokens of another user pool accepted", mutate: (p) => setProp(p, T.identityPool, "auth-identity", "cognitoIdentityProviders.0.providerName", "cognito-idp.us-east-1.amazonaws.com/us-east-1_Evil12345"), policy: "cognito-identity-pool-providers", message: /accepts tokens of cognito-idp\.us-east-1\.amazonaws\.com\/us-east-1_Evil12345, not a user pool of this stack/ },
    {
        title: "a second role attachment for the identity pool",
        mutate: (p) => addResource(p, T.roleAttachment, "shadow-roles", { identityPoolId: ids(p).identityPool, roles: { authenticated: roleArnOf(p, "auth-identity-group-admins-role") } }),
        policy: "cognito-identity-pool-guest-role",
        message: /has 2 role attachments \("auth-identity-roles", "shadow-roles"\): the last one applied replaces the others/,
    },
];

const apis: Mutation[] = [
    { title: "Lambda authorizer verifying another pool", mutate: (p) => setProp(p, T.fn, "api-authorizer", "environment.variables.USER_POOL_ID", "us-east-1_Evil12345"), policy: "apigateway-lambda-authorizer-pool", message: /runs "api-authorizer", which verifies tokens of user pool us-east-1_Evil12345, not this stack's/ },
    { title: "Lambda authorizer running a foreign function", mutate: (p) => setProp(p, T.authorizer, "api-jwt", "authorizerUri", `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:${otherAccount}:function:yes/invocations`), policy: "apigateway-lambda-authorizer-pool", message: /runs arn:aws:lambda:us-east-1:999999999999:function:yes, not a function of this stack/ },
    { title: "Lambda authorizer accepting any app client", mutate: (p) => setProp(p, T.fn, "api-authorizer", "environment.variables.APP_CLIENT_IDS", undefined), policy: "apigateway-lambda-authorizer-pool", message: /accepts tokens of any app client \(APP_CLIENT_IDS unset\)/ },
    { title: "a CUSTOM method pointing at the Cognito authorizer", mutate: (p) => setProp(p, T.method, "api-get-admin-users-userid-items", "authorizerId", out(p, T.authorizer, "api-cognito", "id")), policy: "apigateway-lambda-authorizer-pool", message: /uses CUSTOM with authorizer \w+, not a Lambda authorizer of this stack/ },
    {
        title: "an open OPTIONS method that reaches the handler",
        mutate: (p) => {
            const get = named(p, T.method, "api-get-items").props;
            addResource(p, T.method, "api-options-items", { restApi: get.restApi, resourceId: get.resourceId, httpMethod: "OPTIONS", authorization: "NONE" });
            addResource(p, T.integration, "api-options-items-integration", { ...named(p, T.integration, "api-get-items-integration").props, httpMethod: "OPTIONS" });
        },
        policy: "apigateway-options-mock-only",
        message: /Method OPTIONS "api-options-items" has no authorizer and integration "api-options-items-integration" of type AWS_PROXY/,
    },
    { title: "a Cognito method without scopes (ID tokens pass)", mutate: (p) => setProp(p, T.method, "api-get-me", "authorizationScopes", undefined), policy: "apigateway-method-scopes", message: /Method GET "api-get-me" uses COGNITO_USER_POOLS without authorizationScopes, so any ID token of the pool passes/ },
    { title: "a write method accepting the read scope", mutate: (p) => setProp(p, T.method, "api-put-items-id", "authorizationScopes", ["https://api.example.com/items.read", "https://api.example.com/items.write"]), policy: "apigateway-method-scopes", message: /Method PUT "api-put-items-id" changes data but accepts https:\/\/api\.example\.com\/items\.read, not a write scope/ },
    { title: "a method accepting a scope nobody defines", mutate: (p) => setProp(p, T.method, "api-get-items", "authorizationScopes", ["openid"]), policy: "apigateway-method-scopes", message: /accepts scopes openid, which no resource server of this stack defines/ },
    { title: "data trace on in prod", mutate: (p) => setProp(p, T.methodSettings, "api-method-settings", "settings.dataTraceEnabled", true), policy: "apigateway-stage-execution-logging", message: /turns dataTraceEnabled on, which writes request and response bodies/ },
    { title: "execution logging OFF", mutate: (p) => setProp(p, T.methodSettings, "api-method-settings", "settings.loggingLevel", "OFF"), policy: "apigateway-stage-execution-logging", message: /sets loggingLevel OFF for \*\/\*/ },
    {
        title: "a second MethodSettings turning logging off for one method",
        mutate: (p) => addResource(p, T.methodSettings, "quiet", { ...named(p, T.methodSettings, "api-method-settings").props, methodPath: "items/GET", settings: { loggingLevel: "OFF" } }),
        policy: "apigateway-stage-execution-logging",
        message: /MethodSettings "quiet" sets loggingLevel OFF for items\/GET/,
    },
];

const bucketPolicyResource = "data-bucket-policy";

const data: Mutation[] = [
    {
        title: "the data bucket replicated to another account's bucket",
        mutate: (p) => addResource(p, "aws:s3/bucketReplicationConfig:BucketReplicationConfig", "data-replication", { bucket: ids(p).bucket, role: roleArnOf(p, "api-handler-role"), rules: [{ id: "all", status: "Enabled", destination: { bucket: "arn:aws:s3:::loot-bucket" } }] }),
        policy: "data-copies-stay-in-stack",
        message: /^BucketReplicationConfig "data-replication" replicates objects to arn:aws:s3:::loot-bucket, which this stack does not declare/,
    },
    { title: "access logs written to a foreign bucket", mutate: (p) => addResource(p, "aws:s3/bucketLogging:BucketLogging", "data-logging", { bucket: ids(p).bucket, targetBucket: "someone-elses-logs", targetPrefix: "x/" }), policy: "data-copies-stay-in-stack", message: /writes access logs to someone-elses-logs/ },
    {
        title: "a second bucket policy without the TLS deny",
        mutate: (p) => addResource(p, T.bucketPolicy, "data-bucket-policy-2", { bucket: ids(p).bucket, policy: doc({ Sid: "ReadOwn", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ids(p).account}:root` }, Action: "s3:GetObject", Resource: `${ids(p).bucketArn}/*` }) }),
        policy: "s3-bucket-tls-only",
        message: /^BucketPolicy "data-bucket-policy-2" of bucket "data-bucket" has no TLS deny, and a bucket keeps only the policy applied last/,
        policies: ["s3-bucket-tls-only", "s3-bucket-policy-grants"],
    },
    { title: "a bucket policy allowing everyone to read", mutate: (p) => editDocument(p, T.bucketPolicy, bucketPolicyResource, "policy", (d) => void d.Statement.push({ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: `${ids(p).bucketArn}/*` })), policy: "s3-bucket-policy-grants", message: /statement 2 allows \*, outside this stack's account/ },
    { title: "a bucket policy granting another account", mutate: (p) => editDocument(p, T.bucketPolicy, bucketPolicyResource, "policy", (d) => void d.Statement.push({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${otherAccount}:root` }, Action: "s3:*", Resource: `${ids(p).bucketArn}/*` })), policy: "s3-bucket-policy-grants", message: /allows AWS arn:aws:iam::999999999999:root, outside this stack's account/ },
    { title: "a bucket policy granting a service without a source condition", mutate: (p) => editDocument(p, T.bucketPolicy, bucketPolicyResource, "policy", (d) => void d.Statement.push({ Effect: "Allow", Principal: { Service: "logging.s3.amazonaws.com" }, Action: "s3:PutObject", Resource: `${ids(p).bucketArn}/*` })), policy: "s3-bucket-policy-grants", message: /allows Service logging\.s3\.amazonaws\.com/ },
    { title: "the bucket's own policy input beside its BucketPolicy", mutate: (p) => setProp(p, T.bucket, "data-bucket", "policy", doc({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ids(p).account}:root` }, Action: "s3:GetObject", Resource: `${ids(p).bucketArn}/*` })), policy: "s3-bucket-policy-grants", message: /has 2 policies \(the policy input of bucket "data-bucket", BucketPolicy "data-bucket-policy"\)/, policies: ["s3-bucket-policy-grants", "s3-bucket-tls-only"] },
    { title: "a TLS deny for one account only", mutate: (p) => editDocument(p, T.bucketPolicy, bucketPolicyResource, "policy", (d) => void (statement(d, "DenyInsecureTransport").Principal = { AWS: `arn:aws:iam::${ids(p).account}:root` })), policy: "s3-bucket-tls-only", message: /^Bucket "data-bucket" accepts requests without TLS: add an aws\.s3\.BucketPolicy/ },
    {
        title: "a TLS deny narrowed by a second condition to one account's principals",
        mutate: (p) => editDocument(p, T.bucketPolicy, bucketPolicyResource, "policy", (d) => void (statement(d, "DenyInsecureTransport").Condition!.StringEquals = { "aws:PrincipalAccount": ids(p).account })),
        policy: "s3-bucket-tls-only",
        message: /^Bucket "data-bucket" accepts requests without TLS: add an aws\.s3\.BucketPolicy/,
    },
    {
        title: "a bucket policy granting a service for every other account (StringNotEquals aws:SourceAccount)",
        mutate: (p) => editDocument(p, T.bucketPolicy, bucketPolicyResource, "policy", (d) => void d.Statement.push({ Sid: "Logs", Effect: "Allow", Principal: { Service: "logging.s3.amazonaws.com" }, Action: "s3:PutObject", Resource: `${ids(p).bucketArn}/*`, Condition: { StringNotEquals: { "aws:SourceAccount": ids(p).account } } })),
        policy: "s3-bucket-policy-grants",
        message: /statement "Logs" allows Service logging\.s3\.amazonaws\.com, outside this stack's account \d{12}/,
    },
    {
        title: "a bucket policy granting a service for a foreign bucket named with this account's id",
        mutate: (p) => editDocument(p, T.bucketPolicy, bucketPolicyResource, "policy", (d) => void d.Statement.push({ Sid: "Logs", Effect: "Allow", Principal: { Service: "logging.s3.amazonaws.com" }, Action: "s3:PutObject", Resource: `${ids(p).bucketArn}/*`, Condition: { ArnLike: { "aws:SourceArn": `arn:aws:s3:::logs-${ids(p).account}` } } })),
        policy: "s3-bucket-policy-grants",
        message: /statement "Logs" allows Service logging\.s3\.amazonaws\.com, outside this stack's account \d{12}/,
    },
    { title: "versioning suspended", mutate: (p) => setProp(p, T.versioning, "data-bucket-versioning", "versioningConfiguration.status", "Suspended"), policy: "s3-bucket-versioning", message: /^BucketVersioning "data-bucket-versioning" sets status Suspended on bucket "data-bucket"/ },
    { title: "a second BucketVersioning suspending it", mutate: (p) => addResource(p, T.versioning, "data-bucket-versioning-2", { bucket: ids(p).bucket, versioningConfiguration: { status: "Suspended" } }), policy: "s3-bucket-versioning", message: /^BucketVersioning "data-bucket-versioning-2" sets status Suspended on bucket "data-bucket"/ },
    { title: "object ownership BucketOwnerPreferred", mutate: (p) => setProp(p, T.ownership, "data-bucket-ownership", "rule.objectOwnership", "BucketOwnerPreferred"), policy: "s3-bucket-ownership-enforced", message: /^BucketOwnershipControls "data-bucket-ownership" sets objectOwnership BucketOwnerPreferred/ },
    { title: "a public-read ACL", mutate: (p) => addResource(p, "aws:s3/bucketAclV2:BucketAclV2", "data-bucket-acl", { bucket: ids(p).bucket, acl: "public-read" }), policy: "s3-bucket-ownership-enforced", message: /^BucketAcl "data-bucket-acl" sets an ACL on bucket "data-bucket"/ },
    {
        title: "a DynamoDB resource policy open to everyone",
        mutate: (p) => addResource(p, "aws:dynamodb/resourcePolicy:ResourcePolicy", "table-policy", { resourceArn: ids(p).tableArn, policy: doc({ Effect: "Allow", Principal: "*", Action: "dynamodb:GetItem", Resource: ids(p).tableArn }) }),
        policy: "dynamodb-table-resource-policy-grants",
        message: /DynamoDB ResourcePolicy "table-policy" statement 1 allows \*, outside this stack's account/,
    },
];

describeMutations("attacks on identity roles", identityRoles);
describeMutations("attacks on trust policies", trusts);
describeMutations("attacks on service roles", serviceRoles);
describeMutations("attacks through IAM users and foreign roles", iamPrincipals);
describeMutations("attacks on Lambda functions and permissions", lambdas);
describeMutations("attacks on Cognito and the identity pool", cognito);
describeMutations("attacks on the API", apis);
describeMutations("attacks on the data", data);

const rewrites: Variant[] = [
    { title: "LeadingKeys pinned with ForAllValues:StringLike (no wildcard)", mutate: (p) => authPolicy(p, (d) => void (ownItems(d).Condition = { "ForAllValues:StringLike": { "dynamodb:LeadingKeys": [sub] }, Null: { "dynamodb:LeadingKeys": "false" } })) },
    { title: "keyless requests guarded with ForAnyValue instead of Null", mutate: (p) => authPolicy(p, (d) => void (ownItems(d).Condition = { "ForAllValues:StringEquals": { "dynamodb:LeadingKeys": [sub] }, "ForAnyValue:StringEquals": { "dynamodb:LeadingKeys": [sub] } })) },
    { title: "a bucket policy letting S3 log delivery write for this account only", mutate: (p) => editDocument(p, T.bucketPolicy, bucketPolicyResource, "policy", (d) => void d.Statement.push({ Sid: "Logs", Effect: "Allow", Principal: { Service: "logging.s3.amazonaws.com" }, Action: "s3:PutObject", Resource: `${ids(p).bucketArn}/logs/*`, Condition: { StringEquals: { "aws:SourceAccount": ids(p).account } } })) },
    { title: "TLS deny with BoolIfExists", mutate: (p) => editDocument(p, T.bucketPolicy, bucketPolicyResource, "policy", (d) => void (statement(d, "DenyInsecureTransport").Condition = { BoolIfExists: { "aws:SecureTransport": "false" } })) },
    { title: "TLS deny to {AWS: *} of every action, the condition a JSON boolean", mutate: (p) => editDocument(p, T.bucketPolicy, bucketPolicyResource, "policy", (d) => void Object.assign(statement(d, "DenyInsecureTransport"), { Principal: { AWS: "*" }, Action: "*", Condition: { Bool: { "aws:SecureTransport": false } } })) },
    { title: "native-app callbacks with the code grant", mutate: (p) => client(p, "callbackUrls", ["https://app.example.com/callback", "myapp://callback", "com.example.app:/oauth2redirect".replace(":/", "://")]) },
    { title: "own-object statement split per action", mutate: (p) => authPolicy(p, (d) => void (d.Statement = d.Statement.flatMap((s) => (s.Sid === "OwnObjects" ? (s.Action as string[]).map((a) => ({ ...s, Sid: undefined, Action: a })) : [s])))) },
    { title: "own objects read with the s3:GetObject* wildcard (all Read)", mutate: (p) => authPolicy(p, (d) => void d.Statement.push(allow("s3:GetObject*", `${ids(p).bucketArn}/private/${sub}/*`))) },
    { title: "listing and reading own keys in one statement", mutate: (p) => authPolicy(p, (d) => void d.Statement.push(allow(["s3:ListBucket", "s3:GetObject"], [ids(p).bucketArn, `${ids(p).bucketArn}/private/${sub}/*`], { Condition: { StringEquals: { "s3:prefix": [`private/${sub}/`] } } }))) },
    { title: "AppSync data role pinned to the one API of the stack by its ARN", mutate: (p) => trust(p, "graphql-data-role", (d) => void (statement(d, 0).Condition = { ArnEquals: { "aws:SourceArn": out(p, "aws:appsync/graphQLApi:GraphQLApi", "graphql", "arn") } })) },
    { title: "AppSync logs role pinned by SourceArn under StringEquals and SourceAccount", mutate: (p) => trust(p, "graphql-logs-role", (d) => void (statement(d, 0).Condition = { StringEquals: { "aws:SourceAccount": ids(p).account, "aws:SourceArn": out(p, "aws:appsync/graphQLApi:GraphQLApi", "graphql", "arn") } })) },
    { title: "a trust policy given as an object", mutate: (p) => setProp(p, T.role, "auth-identity-authenticated-role", "assumeRolePolicy", JSON.parse(named(p, T.role, "auth-identity-authenticated-role").props.assumeRolePolicy as string)) },
    { title: "TagSession in a statement of its own", mutate: (p) => trust(p, "auth-identity-authenticated-role", (d) => void (statement(d, 0).Action = "sts:AssumeRoleWithWebIdentity", d.Statement.push({ ...statement(d, 0), Action: "sts:TagSession" }))) },
    {
        title: "Lambda logs through AWSLambdaBasicExecutionRole instead of an inline policy",
        mutate: (p) => {
            p.resources.splice(p.resources.indexOf(named(p, T.rolePolicy, "api-handler-logs-policy")), 1);
            addResource(p, T.rolePolicyAttachment, "api-handler-basic", { role: roleName(p, "api-handler-role"), policyArn: "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole" });
        },
    },
    { title: "a trigger permission that also pins the source account", mutate: (p) => permission(p, "auth-invoke-preSignUp", "sourceAccount", ids(p).account) },
    { title: "an API permission narrowed to one route", mutate: (p) => permission(p, "api-invoke-handler", "sourceArn", `${out(p, "aws:apigateway/restApi:RestApi", "api", "executionArn")}/v1/GET/items`) },
    { title: "execution logging at INFO", mutate: (p) => setProp(p, T.methodSettings, "api-method-settings", "settings.loggingLevel", "INFO") },
    { title: "threat protection skipping one office /24 and one address", mutate: (p) => risk(p, "riskExceptionConfiguration", { skippedIpRangeLists: ["203.0.113.0/24", "198.51.100.7"], blockedIpRangeLists: ["192.0.2.0/24"] }) },
    { title: "a listing condition of exactly the own prefix", mutate: (p) => authPolicy(p, (d) => void (statement(d, "ListOwnFolder").Condition = { StringEquals: { "s3:prefix": [`private/${sub}/`] } })) },
    { title: "signed-in users listing the shared public/ prefix", mutate: (p) => authPolicy(p, (d) => void d.Statement.push(allow("s3:ListBucket", ids(p).bucketArn, { Condition: { StringLike: { "s3:prefix": ["public/*"] } } }))) },
    { title: "an extra Deny in the authenticated policy", mutate: (p) => authPolicy(p, (d) => void d.Statement.push({ Effect: "Deny", Action: "s3:DeleteObject", Resource: `${ids(p).bucketArn}/public/*` })) },
    {
        title: "the authenticated permissions as a customer-managed policy",
        mutate: (p) => {
            const rp = named(p, T.rolePolicy, "data-authenticated-policy");
            p.resources.splice(p.resources.indexOf(rp), 1);
            const arn = `arn:aws:iam::${ids(p).account}:policy/authenticated`;
            addResource(p, T.policy, "authenticated", { policy: rp.props.policy }, { arn });
            addResource(p, T.rolePolicyAttachment, "authenticated-attachment", { role: roleName(p, "auth-identity-authenticated-role"), policyArn: arn });
        },
    },
    { title: "own objects only over TLS (a narrowing condition)", mutate: (p) => authPolicy(p, (d) => void (statement(d, "OwnObjects").Condition = { Bool: { "aws:SecureTransport": "true" } })) },
    {
        title: "an OPTIONS method answered by a MOCK integration",
        mutate: (p) => {
            const get = named(p, T.method, "api-get-items").props;
            addResource(p, T.method, "api-options-items", { restApi: get.restApi, resourceId: get.resourceId, httpMethod: "OPTIONS", authorization: "NONE" });
            addResource(p, T.integration, "api-options-items-integration", { restApi: get.restApi, resourceId: get.resourceId, httpMethod: "OPTIONS", type: "MOCK" });
        },
    },
    { title: "versioning through the BucketVersioningV2 type", mutate: (p) => void Object.assign(named(p, T.versioning, "data-bucket-versioning"), { type: "aws:s3/bucketVersioningV2:BucketVersioningV2", urn: named(p, T.versioning, "data-bucket-versioning").urn.replace("aws:s3/bucketVersioning:BucketVersioning", "aws:s3/bucketVersioningV2:BucketVersioningV2") }) },
    { title: "boolean inputs given as strings the provider reads the same", mutate: (p) => setProp(p, T.identityPool, "auth-identity", "allowClassicFlow", "false") },
    { title: "a guest reading public objects through a List and Get wildcard", stack: "dev", mutate: guestGrant((p) => allow(["s3:Get*", "s3:List*"], [`${ids(p).bucketArn}/public/*`, ids(p).bucketArn], { Condition: { StringLike: { "s3:prefix": ["public/*"] } } })) },
];

describeSecureRewrites("secure rewrites of the real plans", rewrites);



// Machine-to-machine clients: client_credentials only on a confidential client without user flows,
// and machine scopes apart from the scopes users' tokens carry.
const machineClient = (p: Plan, key: string, value: unknown): unknown => setProp(p, T.client, "auth-client-reporting", key, value);
const machineAttacks: Mutation[] = [
    { title: "a public client with client_credentials", mutate: (p) => machineClient(p, "generateSecret", false), policy: "cognito-client-grants", message: /client_credentials on a client without a secret, so anyone who reads the client id gets tokens/ },
    { title: "a machine client that also has the code grant", mutate: (p) => machineClient(p, "allowedOauthFlows", ["client_credentials", "code"]), policy: "cognito-client-grants", policies: ["cognito-client-grants", "cognito-client-refresh-token-rotation", "cognito-machine-scopes-separate"], message: /mixes client_credentials with code/ },
    { title: "a machine client that signs users in with SRP", mutate: (p) => machineClient(p, "explicitAuthFlows", ["ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH"]), policy: "cognito-client-grants", policies: ["cognito-client-grants", "cognito-client-refresh-token-rotation"], message: /also signs users in \(ALLOW_USER_SRP_AUTH\)/ },
    { title: "a machine client with explicitAuthFlows unset (AWS's default)", mutate: (p) => machineClient(p, "explicitAuthFlows", undefined), policy: "cognito-client-grants", policies: ["cognito-client-grants", "cognito-client-refresh-token-rotation"], message: /leaves explicitAuthFlows unset/ },
    { title: "a machine client with a callback URL", mutate: (p) => machineClient(p, "callbackUrls", ["https://reports.example.com/cb"]), policy: "cognito-client-grants", message: /redirects users \(https:\/\/reports\.example\.com\/cb\)/ },
    { title: "a machine client offering Google", mutate: (p) => machineClient(p, "supportedIdentityProviders", ["Google"]), policy: "cognito-client-grants", message: /offers identity providers \(Google\)/ },
    {
        title: "the user client given client_credentials and a secret",
        mutate: (p) => { client(p, "allowedOauthFlows", ["code", "client_credentials"]); client(p, "generateSecret", true); },
        policy: "cognito-client-grants",
        policies: ["cognito-client-grants", "cognito-machine-scopes-separate"],
        message: /mixes client_credentials with code/,
    },
    { title: "a machine client holding the user routes' read scope", mutate: (p) => machineClient(p, "allowedOauthScopes", ["https://api.example.com/items.service", "https://api.example.com/items.read"]), policy: "cognito-machine-scopes-separate", message: /^Machine client "auth-client-reporting" holds https:\/\/api\.example\.com\/items\.read, which user client "auth-client-web" also gives users/ },
    { title: "a user route that also takes the machine scope", mutate: (p) => setProp(p, T.method, "api-get-items", "authorizationScopes", ["https://api.example.com/items.read", "https://api.example.com/items.service"]), policy: "cognito-machine-scopes-separate", message: /^Method "api-get-items" accepts machine scope https:\/\/api\.example\.com\/items\.service and user scope https:\/\/api\.example\.com\/items\.read/ },
    { title: "the token trigger adding the machine scope to users' tokens", mutate: (p) => setProp(p, T.fn, "auth-trigger-preTokenGeneration", "environment.variables.ACCESS_TOKEN_SCOPES", "https://api.example.com/items.service"), policy: "cognito-machine-scopes-separate", message: /holds https:\/\/api\.example\.com\/items\.service, which the pre token generation trigger .* also gives users/ },
];
describeMutations("attacks on machine-to-machine clients", machineAttacks);

describeMutations("attacks on remembered devices", [
    { title: "every device remembered", mutate: (p) => pool(p, "deviceConfiguration", { challengeRequiredOnNewDevice: true, deviceOnlyRememberedOnUserPrompt: false }), policy: "cognito-user-pool-device-tracking", message: /every device is remembered \(a shared computer included\) and can skip MFA/ },
    { title: "new devices not challenged", mutate: (p) => pool(p, "deviceConfiguration", { challengeRequiredOnNewDevice: false, deviceOnlyRememberedOnUserPrompt: true }), policy: "cognito-user-pool-device-tracking", message: /a device Cognito has never seen is not challenged/ },
]);

describeSecureRewrites("secure rewrites of the machine client", [
    { title: "a machine client with 5-minute tokens", mutate: (p) => machineClient(p, "accessTokenValidity", 5) },
    { title: "a machine client that keeps refresh-token rotation on", mutate: (p) => machineClient(p, "refreshTokenRotation", { feature: "ENABLED", retryGracePeriodSeconds: 0 }) },
    { title: "a second machine client with the same machine scope", mutate: (p) => addResource(p, T.client, "auth-client-billing", { ...named(p, T.client, "auth-client-reporting").props, name: "billing" }) },
]);
