/**
 * An offline stand-in for the AWS provider: for each resource type the state AWS and the
 * provider would return (inputs, autonamed names, ids and ARNs in each service's format), and
 * answers to the invokes the program makes. Every generated value is derived from a hash of the
 * stack, type and name, so two plans of the same stack are byte-identical.
 */
import * as crypto from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import * as rpc from "@pulumi/pulumi/runtime/rpc";
import { renderPolicyDocument } from "./iamPolicyDocument";

export const MOCK_ACCOUNT_ID = "123456789012";
/** Timestamps in mocked state are fixed so plans stay reproducible. */
export const MOCK_TIMESTAMP = "2024-01-01T00:00:00Z";

export interface AwsMockOptions {
    region: string;
    /** Mixed into every generated id so two stacks of one project get different ids. */
    stack: string;
    accountId?: string;
}


const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";
const UPPER_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/** Deterministic random-looking values for one resource. */
export class IdSource {
    constructor(private readonly seed: string) {}

    private bytes(salt: string, n: number): Buffer {
        const out: Buffer[] = [];
        for (let i = 0; out.length * 32 < n; i++) {
            out.push(crypto.createHash("sha256").update(`${this.seed}\0${salt}\0${i}`).digest());
        }
        return Buffer.concat(out).subarray(0, n);
    }

    chars(salt: string, n: number, alphabet: string): string {
        return [...this.bytes(salt, n)].map((b) => alphabet[b % alphabet.length]).join("");
    }

    hex(salt: string, n: number): string {
        return this.bytes(salt, Math.ceil(n / 2)).toString("hex").slice(0, n);
    }

    uuid(salt: string): string {
        const h = this.hex(salt, 32);
        // Version 4 / variant bits, as AWS-generated UUIDs have.
        return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${"89ab"[parseInt(h[16], 16) % 4]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
    }
}

export function isSecretWrapper(v: unknown): v is { value: unknown } {
    return typeof v === "object" && v !== null && (v as Record<string, unknown>)[rpc.specialSigKey] === rpc.specialSecretSig;
}

/** Removes the secret wrappers the mock monitor leaves in inputs, for computing derived values. */
export function unwrapSecrets(v: unknown): unknown {
    if (isSecretWrapper(v)) return unwrapSecrets(v.value);
    if (Array.isArray(v)) return v.map(unwrapSecrets);
    if (typeof v === "object" && v !== null) {
        return Object.fromEntries(Object.entries(v).map(([k, e]) => [k, unwrapSecrets(e)]));
    }
    return v;
}

interface ResourceContext {
    type: string;
    name: string;
    /** Inputs with secrets unwrapped. */
    inputs: Record<string, unknown>;
    region: string;
    account: string;
    ids: IdSource;
    /** The autonamed (or given) physical name, for types that have one. */
    physicalName: string;
    /** API Gateway resource paths by resource id, filled as resources register. */
    apiPaths: Map<string, string>;
}

interface Computed {
    id: string;
    /** Attributes the provider fills in when the program leaves them out. */
    defaults?: Record<string, unknown>;
    /** Attributes only AWS knows (ids, ARNs, endpoints). */
    outputs?: Record<string, unknown>;
}

/** Which input carries the physical name, and its limits, for types the provider autonames. */
interface AutoName {
    prop: string;
    maxLength: number;
    lowercase?: boolean;
    prefix?: string;
}

const AUTONAME: Record<string, AutoName> = {
    "aws:cognito/userPool:UserPool": { prop: "name", maxLength: 128 },
    "aws:cognito/userPoolClient:UserPoolClient": { prop: "name", maxLength: 128 },
    "aws:cognito/userGroup:UserGroup": { prop: "name", maxLength: 128 },
    "aws:cognito/resourceServer:ResourceServer": { prop: "name", maxLength: 256 },
    "aws:iam/role:Role": { prop: "name", maxLength: 64 },
    "aws:iam/policy:Policy": { prop: "name", maxLength: 128 },
    "aws:iam/rolePolicy:RolePolicy": { prop: "name", maxLength: 128 },
    "aws:iam/samlProvider:SamlProvider": { prop: "name", maxLength: 128 },
    "aws:s3/bucket:Bucket": { prop: "bucket", maxLength: 63, lowercase: true },
    "aws:s3/bucketV2:BucketV2": { prop: "bucket", maxLength: 63, lowercase: true },
    "aws:dynamodb/table:Table": { prop: "name", maxLength: 255 },
    "aws:lambda/function:Function": { prop: "name", maxLength: 64 },
    "aws:cloudwatch/logGroup:LogGroup": { prop: "name", maxLength: 512 },
    "aws:apigateway/restApi:RestApi": { prop: "name", maxLength: 255 },
    "aws:apigateway/authorizer:Authorizer": { prop: "name", maxLength: 255 },
    "aws:apigateway/usagePlan:UsagePlan": { prop: "name", maxLength: 255 },
    "aws:sns/topic:Topic": { prop: "name", maxLength: 256 },
    "aws:kms/alias:Alias": { prop: "name", maxLength: 256, prefix: "alias/" },
    "aws:wafv2/webAcl:WebAcl": { prop: "name", maxLength: 128 },
    "aws:cloudwatch/metricAlarm:MetricAlarm": { prop: "name", maxLength: 255 },
};

/** `name-1a2b3c4`, as Pulumi autonaming builds it, truncated to the provider's limit. */
function autoname(logical: string, rule: AutoName, ids: IdSource): string {
    const suffix = `-${ids.hex("autoname", 7)}`;
    const base = `${rule.prefix ?? ""}${rule.lowercase ? logical.toLowerCase() : logical}`;
    return base.slice(0, rule.maxLength - suffix.length) + suffix;
}

function str(v: unknown): string {
    return typeof v === "string" ? v : typeof v === "number" || typeof v === "boolean" ? String(v) : "";
}

const arnOf = (c: ResourceContext, service: string, resource: string, opts?: { global?: boolean; noAccount?: boolean }): string =>
    `arn:aws:${service}:${opts?.global ? "" : c.region}:${opts?.noAccount ? "" : c.account}:${resource}`;

function iamPath(c: ResourceContext): string {
    return str(c.inputs.path) || "/";
}


/** Id and computed attributes per resource type. */
const RESOURCES: Record<string, (c: ResourceContext) => Computed> = {
    "aws:cognito/userPool:UserPool": (c) => {
        const id = `${c.region}_${c.ids.chars("pool", 9, ALNUM)}`;
        return {
            id,
            outputs: {
                arn: arnOf(c, "cognito-idp", `userpool/${id}`),
                endpoint: `cognito-idp.${c.region}.amazonaws.com/${id}`,
                creationDate: MOCK_TIMESTAMP,
                lastModifiedDate: MOCK_TIMESTAMP,
                estimatedNumberOfUsers: 0,
                domain: "",
                customDomain: "",
                region: c.region,
            },
        };
    },
    "aws:cognito/userPoolClient:UserPoolClient": (c) => ({
        id: c.ids.chars("client", 26, LOWER_ALNUM),
        outputs: {
            clientSecret: c.inputs.generateSecret === true ? c.ids.chars("secret", 51, LOWER_ALNUM) : "",
            region: c.region,
        },
    }),
    "aws:cognito/userPoolDomain:UserPoolDomain": (c) => {
        const dist = `d${c.ids.chars("cf", 13, LOWER_ALNUM)}.cloudfront.net`;
        return {
            id: str(c.inputs.domain),
            outputs: {
                awsAccountId: c.account,
                cloudfrontDistribution: dist,
                cloudfrontDistributionArn: dist,
                cloudfrontDistributionZoneId: "Z2FDTNDATAQYW2",
                version: "20240101000000",
                region: c.region,
            },
        };
    },
    "aws:cognito/userGroup:UserGroup": (c) => ({ id: `${str(c.inputs.userPoolId)}/${c.physicalName}` }),
    "aws:cognito/resourceServer:ResourceServer": (c) => {
        const scopes = (c.inputs.scopes as { scopeName?: string }[] | undefined) ?? [];
        return {
            id: `${str(c.inputs.userPoolId)}|${str(c.inputs.identifier)}`,
            outputs: { scopeIdentifiers: scopes.map((s) => `${str(c.inputs.identifier)}/${s.scopeName ?? ""}`) },
        };
    },
    "aws:cognito/identityProvider:IdentityProvider": (c) => ({ id: `${str(c.inputs.userPoolId)}:${str(c.inputs.providerName)}` }),
    "aws:cognito/riskConfiguration:RiskConfiguration": (c) => ({
        id: c.inputs.clientId ? `${str(c.inputs.userPoolId)}:${str(c.inputs.clientId)}` : str(c.inputs.userPoolId),
    }),
    "aws:cognito/identityPool:IdentityPool": (c) => {
        const id = `${c.region}:${c.ids.uuid("identity-pool")}`;
        return { id, outputs: { arn: arnOf(c, "cognito-identity", `identitypool/${id}`) } };
    },
    "aws:cognito/identityPoolRoleAttachment:IdentityPoolRoleAttachment": (c) => ({ id: str(c.inputs.identityPoolId) }),
    "aws:cognito/identityPoolProviderPrincipalTag:IdentityPoolProviderPrincipalTag": (c) => ({
        id: `${str(c.inputs.identityPoolId)}:${str(c.inputs.identityProviderName)}`,
    }),
    "aws:iam/role:Role": (c) => ({
        id: c.physicalName,
        outputs: {
            arn: arnOf(c, "iam", `role${iamPath(c)}${c.physicalName}`, { global: true }),
            uniqueId: `AROA${c.ids.chars("unique", 17, UPPER_ALNUM)}`,
            createDate: MOCK_TIMESTAMP,
        },
        defaults: { path: "/", maxSessionDuration: 3600, forceDetachPolicies: false },
    }),
    "aws:iam/policy:Policy": (c) => {
        const arn = arnOf(c, "iam", `policy${iamPath(c)}${c.physicalName}`, { global: true });
        return { id: arn, outputs: { arn, policyId: `ANPA${c.ids.chars("unique", 17, UPPER_ALNUM)}`, attachmentCount: 0 }, defaults: { path: "/" } };
    },
    "aws:iam/rolePolicy:RolePolicy": (c) => ({ id: `${str(c.inputs.role)}:${c.physicalName}` }),
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": (c) => ({ id: `${str(c.inputs.role)}-${c.ids.hex("attachment", 26)}` }),
    "aws:iam/openIdConnectProvider:OpenIdConnectProvider": (c) => {
        const arn = arnOf(c, "iam", `oidc-provider/${str(c.inputs.url).replace(/^https:\/\//, "")}`, { global: true });
        return { id: arn, outputs: { arn } };
    },
    "aws:iam/samlProvider:SamlProvider": (c) => {
        const arn = arnOf(c, "iam", `saml-provider/${c.physicalName}`, { global: true });
        return { id: arn, outputs: { arn, samlProviderUuid: c.ids.uuid("saml"), validUntil: "2034-01-01T00:00:00Z" } };
    },
    "aws:s3/bucket:Bucket": (c) => bucket(c),
    "aws:s3/bucketV2:BucketV2": (c) => bucket(c),
    "aws:dynamodb/table:Table": (c) => {
        const arn = arnOf(c, "dynamodb", `table/${c.physicalName}`);
        const stream = c.inputs.streamEnabled === true;
        return {
            id: c.physicalName,
            outputs: {
                arn,
                streamArn: stream ? `${arn}/stream/2024-01-01T00:00:00.000` : "",
                streamLabel: stream ? "2024-01-01T00:00:00.000" : "",
                region: c.region,
            },
            defaults: { billingMode: "PROVISIONED" },
        };
    },
    "aws:lambda/function:Function": (c) => {
        const arn = arnOf(c, "lambda", `function:${c.physicalName}`);
        const version = c.inputs.publish === true ? "1" : "$LATEST";
        const invoke = (target: string): string => `arn:aws:apigateway:${c.region}:lambda:path/2015-03-31/functions/${target}/invocations`;
        return {
            id: c.physicalName,
            outputs: {
                arn,
                invokeArn: invoke(arn),
                qualifiedArn: `${arn}:${version}`,
                qualifiedInvokeArn: invoke(`${arn}:${version}`),
                version,
                lastModified: "2024-01-01T00:00:00.000+0000",
                sourceCodeHash: c.ids.chars("code", 43, ALNUM) + "=",
                sourceCodeSize: 1024,
                region: c.region,
            },
            defaults: {
                architectures: ["x86_64"],
                memorySize: 128,
                timeout: 3,
                packageType: "Zip",
                ephemeralStorage: { size: 512 },
                tracingConfig: { mode: "PassThrough" },
            },
        };
    },
    "aws:lambda/permission:Permission": (c) => ({ id: str(c.inputs.statementId) || `terraform-${c.ids.hex("statement", 26)}` }),
    "aws:cloudwatch/logGroup:LogGroup": (c) => ({
        id: c.physicalName,
        outputs: { arn: arnOf(c, "logs", `log-group:${c.physicalName}`) },
        defaults: { logGroupClass: "STANDARD", retentionInDays: 0 },
    }),
    "aws:apigateway/restApi:RestApi": (c) => {
        const id = c.ids.chars("api", 10, LOWER_ALNUM);
        const rootResourceId = c.ids.chars("root", 10, LOWER_ALNUM);
        c.apiPaths.set(rootResourceId, "/");
        return {
            id,
            outputs: {
                arn: arnOf(c, "apigateway", `/restapis/${id}`, { noAccount: true }),
                executionArn: arnOf(c, "execute-api", id),
                rootResourceId,
                createdDate: MOCK_TIMESTAMP,
            },
        };
    },
    "aws:apigateway/resource:Resource": (c) => {
        const id = c.ids.chars("resource", 6, LOWER_ALNUM);
        const parent = c.apiPaths.get(str(c.inputs.parentId)) ?? "/";
        const p = `${parent === "/" ? "" : parent}/${str(c.inputs.pathPart)}`;
        c.apiPaths.set(id, p);
        return { id, outputs: { path: p } };
    },
    "aws:apigateway/method:Method": (c) => ({
        id: `agm-${str(c.inputs.restApi)}-${str(c.inputs.resourceId)}-${str(c.inputs.httpMethod)}`,
    }),
    "aws:apigateway/integration:Integration": (c) => ({
        id: `agi-${str(c.inputs.restApi)}-${str(c.inputs.resourceId)}-${str(c.inputs.httpMethod)}`,
    }),
    "aws:apigateway/authorizer:Authorizer": (c) => {
        const id = c.ids.chars("authorizer", 6, LOWER_ALNUM);
        return { id, outputs: { arn: arnOf(c, "apigateway", `/restapis/${str(c.inputs.restApi)}/authorizers/${id}`, { noAccount: true }) } };
    },
    "aws:apigateway/deployment:Deployment": (c) => ({ id: c.ids.chars("deployment", 6, LOWER_ALNUM), outputs: { createdDate: MOCK_TIMESTAMP } }),
    "aws:apigateway/stage:Stage": (c) => {
        const api = str(c.inputs.restApi);
        const stage = str(c.inputs.stageName);
        return {
            id: `ags-${api}-${stage}`,
            outputs: {
                arn: arnOf(c, "apigateway", `/restapis/${api}/stages/${stage}`, { noAccount: true }),
                executionArn: arnOf(c, "execute-api", `${api}/${stage}`),
                invokeUrl: `https://${api}.execute-api.${c.region}.amazonaws.com/${stage}`,
            },
        };
    },
    "aws:apigateway/methodSettings:MethodSettings": (c) => ({
        id: `${str(c.inputs.restApi)}-${str(c.inputs.stageName)}-${str(c.inputs.methodPath)}`,
    }),
    "aws:apigateway/account:Account": (c) => ({ id: "api-gateway-account", outputs: { region: c.region } }),
    "aws:ses/emailIdentity:EmailIdentity": (c) => ({ id: str(c.inputs.email), outputs: { arn: arnOf(c, "ses", `identity/${str(c.inputs.email)}`) } }),
    "aws:ses/domainIdentity:DomainIdentity": (c) => ({
        id: str(c.inputs.domain),
        outputs: { arn: arnOf(c, "ses", `identity/${str(c.inputs.domain)}`), verificationToken: c.ids.chars("token", 44, ALNUM) },
    }),
    "aws:sesv2/emailIdentity:EmailIdentity": (c) => {
        const identity = str(c.inputs.emailIdentity);
        return {
            id: identity,
            outputs: {
                arn: arnOf(c, "ses", `identity/${identity}`),
                identityType: identity.includes("@") ? "EMAIL_ADDRESS" : "DOMAIN",
                verificationStatus: "PENDING",
                verifiedForSendingStatus: false,
            },
        };
    },
    "aws:sesv2/configurationSet:ConfigurationSet": (c) => {
        const name = str(c.inputs.configurationSetName);
        return { id: name, outputs: { arn: arnOf(c, "ses", `configuration-set/${name}`) } };
    },
    "aws:sns/topic:Topic": (c) => {
        const arn = arnOf(c, "sns", c.physicalName);
        return { id: arn, outputs: { arn, owner: c.account } };
    },
    "aws:sns/topicSubscription:TopicSubscription": (c) => {
        const arn = `${str(c.inputs.topic)}:${c.ids.uuid("subscription")}`;
        return { id: arn, outputs: { arn, ownerId: c.account, pendingConfirmation: false } };
    },
    "aws:sns/topicPolicy:TopicPolicy": (c) => ({ id: str(c.inputs.arn), outputs: { owner: c.account } }),
    "aws:kms/key:Key": (c) => {
        const keyId = c.ids.uuid("key");
        return { id: keyId, outputs: { arn: arnOf(c, "kms", `key/${keyId}`), keyId } };
    },
    "aws:kms/alias:Alias": (c) => ({ id: c.physicalName, outputs: { arn: arnOf(c, "kms", c.physicalName), targetKeyArn: arnOf(c, "kms", `key/${str(c.inputs.targetKeyId)}`) } }),
};

Object.assign(RESOURCES, {
    "aws:cognito/logDeliveryConfiguration:LogDeliveryConfiguration": (c: ResourceContext): Computed => ({ id: str(c.inputs.userPoolId), outputs: { region: c.region } }),
    "aws:wafv2/webAcl:WebAcl": (c: ResourceContext): Computed => {
        const id = c.ids.uuid("webacl");
        const scope = str(c.inputs.scope) === "CLOUDFRONT" ? "global" : "regional";
        return {
            id,
            outputs: {
                arn: `arn:aws:wafv2:${scope === "global" ? "us-east-1" : c.region}:${c.account}:${scope}/webacl/${c.physicalName}/${id}`,
                capacity: 0,
                lockToken: c.ids.uuid("lock"),
                applicationIntegrationUrl: "",
                region: c.region,
            },
        };
    },
    "aws:wafv2/webAclAssociation:WebAclAssociation": (c: ResourceContext): Computed => ({ id: `${str(c.inputs.webAclArn)},${str(c.inputs.resourceArn)}`, outputs: { region: c.region } }),
    "aws:cloudwatch/metricAlarm:MetricAlarm": (c: ResourceContext): Computed => ({
        id: c.physicalName,
        outputs: { arn: arnOf(c, "cloudwatch", `alarm:${c.physicalName}`), region: c.region },
        defaults: { datapointsToAlarm: 0, evaluateLowSampleCountPercentiles: "" },
    }),
    "aws:cloudwatch/dashboard:Dashboard": (c: ResourceContext): Computed => {
        const name = str(c.inputs.dashboardName);
        return { id: name, outputs: { dashboardArn: `arn:aws:cloudwatch::${c.account}:dashboard/${name}`, region: c.region } };
    },
    "aws:route53/record:Record": (c: ResourceContext): Computed => {
        const fqdn = str(c.inputs.name).replace(/\.$/, "").toLowerCase();
        return { id: `${str(c.inputs.zoneId)}_${fqdn}_${str(c.inputs.type)}`, outputs: { fqdn } };
    },
    "aws:acm/certificate:Certificate": (c: ResourceContext): Computed => {
        const arn = arnOf(c, "acm", `certificate/${c.ids.uuid("certificate")}`);
        const domain = str(c.inputs.domainName);
        return {
            id: arn,
            outputs: {
                arn,
                status: "PENDING_VALIDATION",
                type: "AMAZON_ISSUED",
                domainValidationOptions: [
                    {
                        domainName: domain,
                        resourceRecordName: `_${c.ids.hex("record", 32)}.${domain}.`,
                        resourceRecordType: "CNAME",
                        resourceRecordValue: `_${c.ids.hex("value", 32)}.${c.ids.chars("zone", 10, LOWER_ALNUM)}.acm-validations.aws.`,
                    },
                ],
                region: c.region,
            },
            defaults: { keyAlgorithm: "RSA_2048" },
        };
    },
    "aws:acm/certificateValidation:CertificateValidation": (c: ResourceContext): Computed => ({ id: MOCK_TIMESTAMP, outputs: { region: c.region } }),
    "pulumi:providers:aws": (c: ResourceContext): Computed => ({ id: c.ids.uuid("provider") }),
    "aws:appsync/graphQLApi:GraphQLApi": (c: ResourceContext): Computed => {
        const id = c.ids.chars("api", 26, LOWER_ALNUM);
        const host = c.ids.chars("host", 26, LOWER_ALNUM);
        return {
            id,
            outputs: {
                arn: arnOf(c, "appsync", `apis/${id}`),
                uris: { GRAPHQL: `https://${host}.appsync-api.${c.region}.amazonaws.com/graphql`, REALTIME: `wss://${host}.appsync-realtime-api.${c.region}.amazonaws.com/graphql` },
                region: c.region,
            },
            defaults: { apiType: "GRAPHQL", visibility: "GLOBAL", introspectionConfig: "ENABLED", xrayEnabled: false },
        };
    },
    "aws:appsync/dataSource:DataSource": (c: ResourceContext): Computed => ({
        id: `${str(c.inputs.apiId)}-${str(c.inputs.name)}`,
        outputs: { arn: arnOf(c, "appsync", `apis/${str(c.inputs.apiId)}/datasources/${str(c.inputs.name)}`), region: c.region },
    }),
    "aws:appsync/resolver:Resolver": (c: ResourceContext): Computed => ({
        id: `${str(c.inputs.apiId)}-${str(c.inputs.type)}-${str(c.inputs.field)}`,
        outputs: { arn: arnOf(c, "appsync", `apis/${str(c.inputs.apiId)}/types/${str(c.inputs.type)}/resolvers/${str(c.inputs.field)}`), region: c.region },
        defaults: { kind: "UNIT", maxBatchSize: 0 },
    }),
    "aws:appsync/function:Function": (c: ResourceContext): Computed => {
        const functionId = c.ids.chars("function", 26, LOWER_ALNUM);
        return { id: `${str(c.inputs.apiId)}-${functionId}`, outputs: { functionId, arn: arnOf(c, "appsync", `apis/${str(c.inputs.apiId)}/functions/${functionId}`), region: c.region } };
    },
    "aws:appsync/apiKey:ApiKey": (c: ResourceContext): Computed => {
        const key = `da2-${c.ids.chars("key", 26, LOWER_ALNUM)}`;
        return { id: `${str(c.inputs.apiId)}:${key}`, outputs: { key, region: c.region } };
    },
});

/** The bucket-scoped S3 configuration resources all use the bucket name as their id. */
for (const t of [
    "aws:s3/bucketPolicy:BucketPolicy",
    "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
    "aws:s3/bucketVersioning:BucketVersioning",
    "aws:s3/bucketVersioningV2:BucketVersioningV2",
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
    "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
    "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
    "aws:s3/bucketLoggingV2:BucketLoggingV2",
    "aws:s3/bucketLogging:BucketLogging",
]) {
    RESOURCES[t] = (c) => ({ id: str(c.inputs.bucket), outputs: { region: c.region } });
}

function bucket(c: ResourceContext): Computed {
    const name = c.physicalName;
    return {
        id: name,
        outputs: {
            arn: `arn:aws:s3:::${name}`,
            bucketDomainName: `${name}.s3.amazonaws.com`,
            bucketRegionalDomainName: `${name}.s3.${c.region}.amazonaws.com`,
            bucketRegion: c.region,
            hostedZoneId: "Z3AQBSTGFYJSTF",
            region: c.region,
        },
    };
}

/** Fallback for types without an entry: a stable id and, for AWS types, an ARN in the generic shape. */
function generic(c: ResourceContext): Computed {
    const id = `${c.name}-${c.ids.hex("id", 7)}`;
    if (!c.type.startsWith("aws:")) return { id };
    const [, mod, kind] = /^aws:([^/]+)\/([^:]+):/.exec(c.type) ?? [];
    return { id, outputs: { arn: arnOf(c, mod ?? "aws", `${kind ?? "resource"}/${id}`) } };
}

type Invoke = (inputs: Record<string, unknown>, o: Required<AwsMockOptions>) => Record<string, unknown>;

const INVOKES: Record<string, Invoke> = {
    "aws:index/getCallerIdentity:getCallerIdentity": (_i, o) => ({
        accountId: o.accountId,
        arn: `arn:aws:iam::${o.accountId}:user/deployer`,
        id: o.accountId,
        userId: "AIDACKCEVSQ6C2EXAMPLE",
    }),
    "aws:index/getRegion:getRegion": (_i, o) => ({
        id: o.region,
        name: o.region,
        region: o.region,
        description: o.region,
        endpoint: `ec2.${o.region}.amazonaws.com`,
    }),
    "aws:index/getPartition:getPartition": () => ({
        id: "aws",
        partition: "aws",
        dnsSuffix: "amazonaws.com",
        reverseDnsPrefix: "com.amazonaws",
    }),
    "aws:iam/getPolicyDocument:getPolicyDocument": (inputs) => ({
        ...inputs,
        ...renderPolicyDocument(inputs),
    }),
};

/** Invoke tokens the mocks answer; any other invoke fails naming its token. */
export const SUPPORTED_INVOKES = Object.keys(INVOKES);

export function createAwsMocks(options: AwsMockOptions): pulumi.runtime.Mocks {
    const o: Required<AwsMockOptions> = { accountId: MOCK_ACCOUNT_ID, ...options };
    const apiPaths = new Map<string, string>();
    /** Explicit AWS providers by id, with the region each was given. */
    const providerRegions = new Map<string, string>();
    return {
        newResource(args: pulumi.runtime.MockResourceArgs): pulumi.runtime.MockResourceResult {
            const rawInputs = (args.inputs ?? {}) as Record<string, unknown>;
            if (args.custom === false) return { id: undefined, state: rawInputs };
            const ids = new IdSource(`${o.stack}\0${args.type}\0${args.name}`);
            const inputs = unwrapSecrets(rawInputs) as Record<string, unknown>;
            const rule = AUTONAME[args.type];
            const named: Record<string, unknown> = {};
            let physicalName = args.name;
            if (rule) {
                const given = inputs[rule.prop];
                physicalName = typeof given === "string" && given !== "" ? given : autoname(args.name, rule, ids);
                if (given === undefined) named[rule.prop] = physicalName;
            }
            // The region a resource lives in: its own region input (provider v7), else its provider's.
            const providerId = args.provider?.split("::").pop();
            const region = str(inputs.region) || (providerId !== undefined ? providerRegions.get(providerId) : undefined) || o.region;
            const ctx: ResourceContext = { type: args.type, name: args.name, inputs, region, account: o.accountId, ids, physicalName, apiPaths };
            const computed = (RESOURCES[args.type] ?? generic)(ctx);
            if (args.type === "pulumi:providers:aws") providerRegions.set(args.id || computed.id, str(inputs.region) || o.region);
            const tags = rawInputs.tags;
            const extra = tags !== undefined && !("tagsAll" in rawInputs) ? { tagsAll: tags } : {};
            return { id: args.id || computed.id, state: { ...computed.defaults, ...rawInputs, ...named, ...extra, ...computed.outputs } };
        },
        call(args: pulumi.runtime.MockCallArgs): Record<string, unknown> {
            const handler = INVOKES[args.token];
            if (!handler) {
                throw new Error(
                    `invoke ${args.token} has no offline answer; add one to tools/mocks.ts (answered: ${SUPPORTED_INVOKES.join(", ")})`,
                );
            }
            return handler(unwrapSecrets(args.inputs ?? {}) as Record<string, unknown>, o);
        },
    };
}
