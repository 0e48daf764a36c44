import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { ResolverName, ResolverSettings } from "../graphql/bundle";
import { issue, throwIfIssues, ValidationIssue } from "./issues";
import { policyDocument, validateLogRetention } from "./lambdaFunction";
import { slug } from "./userPool";

export type { ResolverName, ResolverSettings } from "../graphql/bundle";

/** Who may call an operation with identity-pool (IAM) credentials, besides user-pool tokens. */
export type IamAccess = "guests" | "signed-in" | "none";

export interface GraphqlOperation {
    readonly type: "Query" | "Mutation";
    readonly field: string;
    readonly resolver: ResolverName;
    /** `items` (the data table) or `caller` (NONE: answered from ctx.identity). */
    readonly dataSource: "items" | "caller";
    /** `signed-in`: the authenticated and group roles; `guests`: those and the guest role. */
    readonly iam: IamAccess;
    /** Admin groups only (user-pool tokens), in the schema and again in the resolver. */
    readonly admin?: boolean;
}

/** The schema's operations (graphql/schema.graphql), each with its resolver and who may call it. */
export const GRAPHQL_OPERATIONS: readonly GraphqlOperation[] = [
    { type: "Query", field: "me", resolver: "me", dataSource: "caller", iam: "guests" },
    { type: "Query", field: "item", resolver: "getItem", dataSource: "items", iam: "signed-in" },
    { type: "Query", field: "items", resolver: "listItems", dataSource: "items", iam: "signed-in" },
    { type: "Query", field: "userItems", resolver: "userItems", dataSource: "items", iam: "none", admin: true },
    { type: "Mutation", field: "putItem", resolver: "putItem", dataSource: "items", iam: "signed-in" },
    { type: "Mutation", field: "deleteItem", resolver: "deleteItem", dataSource: "items", iam: "signed-in" },
];

/** `Type.field` of the operations identity-pool roles of a kind may call. */
export function iamFields(kind: "signed-in" | "guests"): string[] {
    return GRAPHQL_OPERATIONS.filter((o) => o.iam === "guests" || (kind === "signed-in" && o.iam === "signed-in")).map((o) => `${o.type}.${o.field}`);
}

/** Where the schema and the resolver code come from (`graphqlSource` of graphql/bundle.ts). */
export interface GraphqlSource {
    /** The schema with the admin groups in its `cognito_groups` arguments. */
    schema(adminGroups: readonly string[]): string;
    /** One resolver's APPSYNC_JS code with the stack's settings. */
    resolver(name: ResolverName, settings: ResolverSettings): string | Promise<string>;
}

/** The data table the items live in. */
export interface GraphqlTable {
    readonly name: pulumi.Input<string>;
    readonly arn: pulumi.Input<string>;
    readonly partitionKey: string;
    readonly sortKey: string;
}

export interface GraphqlApiArgs {
    readonly source: GraphqlSource;
    readonly userPoolId: pulumi.Input<string>;
    /** The `iss` of the pool's tokens, `https://cognito-idp.<region>.amazonaws.com/<pool id>`. */
    readonly userPoolIssuer: pulumi.Input<string>;
    /** The app clients whose tokens the API accepts (`appIdClientRegex`). */
    readonly appClientIds: pulumi.Input<readonly string[]>;
    /** The identity pool whose identities may call with their IAM credentials. */
    readonly identityPoolId: pulumi.Input<string>;
    readonly table: GraphqlTable;
    /**
     * Roles of signed-in identities (authenticated and group roles) by a stable key used in child
     * names; each may call the signed-in operations. Values are role names.
     */
    readonly authenticatedRoles: Record<string, pulumi.Input<string>>;
    /** Name of the guest role, which may call the guest operations only. @default - none */
    readonly guestRole?: pulumi.Input<string>;
    /** Groups admitted to the admin operation. @default ["admins"] */
    readonly adminGroups?: readonly string[];
    /**
     * Field logs to CloudWatch: ERROR, or ALL (every field's resolution). Headers, context and
     * evaluated code are always left out of them (`excludeVerboseContent`).
     * @default "ERROR"
     * @see https://docs.aws.amazon.com/appsync/latest/devguide/monitoring.html
     */
    readonly fieldLogLevel?: "ERROR" | "ALL";
    /** Days the field logs are kept. @default 30 */
    readonly logRetentionDays?: number;
    /** X-Ray tracing of requests. @default false */
    readonly xrayEnabled?: boolean;
    /**
     * Deepest nesting a query may have, 1-75.
     * @default 10
     * @see https://docs.aws.amazon.com/appsync/latest/APIReference/API_CreateGraphqlApi.html
     */
    readonly queryDepthLimit?: number;
    /** @default {} */
    readonly tags?: Record<string, string>;
}

/** What the config knows beyond the args: for rules across keys. */
export interface GraphqlApiContext {
    /** Path prefix of the settings in issues, e.g. `graphqlApi.`. @default "" */
    readonly settingsPath?: string;
    /** Group names of the pool. @default - not checked */
    readonly groups?: readonly string[];
}

type GraphqlApiSettings = Pick<GraphqlApiArgs, "adminGroups" | "fieldLogLevel" | "logRetentionDays" | "xrayEnabled" | "queryDepthLimit"> & { readonly authenticatedRoles?: Record<string, unknown> };

/** AppSync's limit on query depth. */
export const MAX_QUERY_DEPTH = 75;

export function validateGraphqlApiArgs(a: GraphqlApiSettings, ctx: GraphqlApiContext = {}): ValidationIssue[] {
    const at = ctx.settingsPath ?? "";
    const out: ValidationIssue[] = [];
    const admins = a.adminGroups ?? ["admins"];
    if (admins.length === 0) {
        out.push(issue(`${at}adminGroups`, "must name at least one group (the admin query is for them alone)", admins, 'name the administrators\' group, e.g. ["admins"]'));
    }
    for (const g of admins) {
        if (ctx.groups !== undefined && !ctx.groups.includes(g)) {
            out.push(issue(`${at}adminGroups`, `names group ${g}, which is not a group of the pool`, g, `add ${g} to groups or use one of ${ctx.groups.join(", ") || "(none)"}`));
        }
    }
    const level = a.fieldLogLevel ?? "ERROR";
    if (level !== "ERROR" && level !== "ALL") {
        out.push(issue(`${at}fieldLogLevel`, "must be ERROR or ALL (field logs stay on)", level, "use ERROR"));
    }
    const depth = a.queryDepthLimit ?? 10;
    if (!Number.isInteger(depth) || depth < 1 || depth > MAX_QUERY_DEPTH) {
        out.push(issue(`${at}queryDepthLimit`, `must be a whole number from 1 to ${MAX_QUERY_DEPTH} (AppSync's limit)`, depth, "use 10"));
    }
    out.push(...validateLogRetention(`${at}logRetentionDays`, a.logRetentionDays ?? 30));
    if (Object.keys(a.authenticatedRoles ?? {}).includes("guest")) {
        out.push(issue(`${at}authenticatedRoles`, "must not use the key guest (the guest role's grant has it)", Object.keys(a.authenticatedRoles ?? {}), "use another key, e.g. group-guest"));
    }
    return out;
}

/** `^(?:id1|id2)$`: exactly these app clients (their ids are letters and digits). */
export function clientIdPattern(ids: readonly string[]): string {
    return `^(?:${ids.map((id) => id.replace(/[^A-Za-z0-9]/g, (c) => `\\${c}`)).join("|")})$`;
}

/** The ARN of one field, as IAM policies name it. */
export function fieldArn(apiArn: string, typeAndField: string): string {
    const [type, field] = typeAndField.split(".");
    return `${apiArn}/types/${type}/fields/${field}`;
}

/** AppSync's physical names: letters, digits and underscores. */
function appsyncName(...parts: string[]): string {
    return parts.join("_").replace(/[^A-Za-z0-9_]/g, "_");
}

/**
 * An AppSync GraphQL API over the data table. User-pool tokens of this stack's pool and app
 * clients by default, identity-pool (IAM) credentials as an additional mode: the identity
 * pool's roles may call only the operations meant for them (field-level ARNs), no API key.
 * APPSYNC_JS unit resolvers take the owner from ctx.identity; the admin query checks its group
 * in the schema and again in the resolver. Field logs go to a log group with retention; X-Ray is
 * off unless asked for.
 */
export class GraphqlApi extends pulumi.ComponentResource {
    public readonly api: aws.appsync.GraphQLApi;
    public readonly logGroup: aws.cloudwatch.LogGroup;
    public readonly logsRole: aws.iam.Role;
    public readonly dataRole: aws.iam.Role;
    public readonly dataSources: Record<"items" | "caller", aws.appsync.DataSource>;
    /** Keyed `Type.field`. */
    public readonly resolvers: Record<string, aws.appsync.Resolver>;
    /** The field grants of the identity pool's roles, by key of authenticatedRoles, plus `guest`. */
    public readonly rolePolicies: Record<string, aws.iam.RolePolicy>;
    /** `https://<id>.appsync-api.<region>.amazonaws.com/graphql` */
    public readonly url: pulumi.Output<string>;

    constructor(name: string, args: GraphqlApiArgs, opts?: pulumi.ComponentResourceOptions) {
        super("cognito-stack:graphql:GraphqlApi", name, {}, opts);
        throwIfIssues(`GraphqlApi ${name}`, validateGraphqlApiArgs(args), "GraphqlApiArgs.");

        const adminGroups = args.adminGroups ?? ["admins"];
        const tags = args.tags ?? {};
        const retention = args.logRetentionDays ?? 30;
        const account = aws.getCallerIdentityOutput({}, { parent: this }).accountId;
        const region = aws.getRegionOutput({}, { parent: this }).region;
        const partition = aws.getPartitionOutput({}, { parent: this }).partition;

        // AppSync assumes both roles, for APIs of this account only (confused deputy).
        const appsyncTrust = pulumi.jsonStringify({
            Version: "2012-10-17",
            Statement: [
                {
                    Effect: "Allow",
                    Principal: { Service: "appsync.amazonaws.com" },
                    Action: "sts:AssumeRole",
                    Condition: { StringEquals: { "aws:SourceAccount": account }, ArnLike: { "aws:SourceArn": pulumi.interpolate`arn:${partition}:appsync:${region}:${account}:apis/*` } },
                },
            ],
        });
        this.logsRole = new aws.iam.Role(`${name}-logs-role`, { description: "Lets AppSync write the GraphQL API's field logs to its log group", assumeRolePolicy: appsyncTrust, tags }, { parent: this });
        this.dataRole = new aws.iam.Role(`${name}-data-role`, { description: "Lets the GraphQL API's resolvers read and write items of the data table", assumeRolePolicy: appsyncTrust, tags }, { parent: this });

        this.api = new aws.appsync.GraphQLApi(
            name,
            {
                name: appsyncName(pulumi.getProject(), pulumi.getStack(), name),
                authenticationType: "AMAZON_COGNITO_USER_POOLS",
                // ALLOW: the schema's directives decide per field; every field names its modes.
                userPoolConfig: { userPoolId: args.userPoolId, appIdClientRegex: pulumi.output(args.appClientIds).apply(clientIdPattern), defaultAction: "ALLOW" },
                additionalAuthenticationProviders: [{ authenticationType: "AWS_IAM" }],
                schema: args.source.schema(adminGroups),
                logConfig: { cloudwatchLogsRoleArn: this.logsRole.arn, fieldLogLevel: args.fieldLogLevel ?? "ERROR", excludeVerboseContent: true },
                xrayEnabled: args.xrayEnabled ?? false,
                queryDepthLimit: args.queryDepthLimit ?? 10,
                tags,
            },
            { parent: this },
        );

        // AppSync writes here; created by the stack so the logs carry a retention.
        this.logGroup = new aws.cloudwatch.LogGroup(`${name}-logs`, { name: pulumi.interpolate`/aws/appsync/apis/${this.api.id}`, retentionInDays: retention, tags }, { parent: this });
        new aws.iam.RolePolicy(
            `${name}-logs-policy`,
            {
                role: this.logsRole.id,
                policy: policyDocument([
                    { Sid: "LogGroup", Effect: "Allow", Action: "logs:CreateLogGroup", Resource: this.logGroup.arn },
                    { Sid: "LogEvents", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: pulumi.interpolate`${this.logGroup.arn}:log-stream:*` },
                ]),
            },
            { parent: this },
        );

        // Item reads and writes only: no Scan, no table management.
        const dataPolicy = new aws.iam.RolePolicy(
            `${name}-data-policy`,
            {
                role: this.dataRole.id,
                policy: policyDocument([{ Sid: "Items", Effect: "Allow", Action: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem", "dynamodb:Query"], Resource: args.table.arn }]),
            },
            { parent: this },
        );

        this.dataSources = {
            items: new aws.appsync.DataSource(
                `${name}-items`,
                { apiId: this.api.id, name: "items", description: "The data table", type: "AMAZON_DYNAMODB", dynamodbConfig: { tableName: args.table.name }, serviceRoleArn: this.dataRole.arn },
                { parent: this, dependsOn: [dataPolicy] },
            ),
            caller: new aws.appsync.DataSource(`${name}-caller`, { apiId: this.api.id, name: "caller", description: "No data: answers from the caller's identity", type: "NONE" }, { parent: this }),
        };

        const settings: pulumi.Output<ResolverSettings> = pulumi
            .all([args.userPoolIssuer, args.identityPoolId])
            .apply(([userPoolIssuer, identityPoolId]) => ({ userPoolIssuer, identityPoolId, adminGroups, partitionKey: args.table.partitionKey, sortKey: args.table.sortKey }));
        this.resolvers = {};
        for (const op of GRAPHQL_OPERATIONS) {
            this.resolvers[`${op.type}.${op.field}`] = new aws.appsync.Resolver(
                `${name}-${op.type.toLowerCase()}-${slug(op.field)}`,
                {
                    apiId: this.api.id,
                    type: op.type,
                    field: op.field,
                    kind: "UNIT",
                    dataSource: this.dataSources[op.dataSource].name,
                    runtime: { name: "APPSYNC_JS", runtimeVersion: "1.0.0" },
                    code: settings.apply(async (s) => await args.source.resolver(op.resolver, s)),
                },
                { parent: this },
            );
        }

        // Identity-pool credentials reach only the fields listed for their kind of role.
        const grant = (fields: string[]) => this.api.arn.apply((arn) => JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "GraphqlFields", Effect: "Allow", Action: "appsync:GraphQL", Resource: fields.map((f) => fieldArn(arn, f)) }] }));
        const signedIn = grant(iamFields("signed-in"));
        this.rolePolicies = Object.fromEntries(
            Object.entries(args.authenticatedRoles).map(([key, role]) => [key, new aws.iam.RolePolicy(`${name}-${slug(key)}-policy`, { role, policy: signedIn }, { parent: this })]),
        );
        if (args.guestRole !== undefined) {
            this.rolePolicies.guest = new aws.iam.RolePolicy(`${name}-guest-policy`, { role: args.guestRole, policy: grant(iamFields("guests")) }, { parent: this });
        }

        // uris is the provider's: absent only where a mock leaves it out.
        this.url = this.api.uris.apply((uris: Record<string, string> | undefined) => uris?.GRAPHQL ?? "");
        this.registerOutputs({ url: this.url, apiId: this.api.id, apiArn: this.api.arn });
    }
}
