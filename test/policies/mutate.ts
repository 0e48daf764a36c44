/** Edits of a deep-cloned offline plan, to turn a real stack's plan into an insecure one. */
import type { Plan, PlanResource, PlanResourceOptions } from "../../tools/planTypes";
import { named } from "../helpers/plans";

/** Pulumi type tokens of the resources the mutations edit. */
export const T = {
    userPool: "aws:cognito/userPool:UserPool",
    client: "aws:cognito/userPoolClient:UserPoolClient",
    risk: "aws:cognito/riskConfiguration:RiskConfiguration",
    identityPool: "aws:cognito/identityPool:IdentityPool",
    roleAttachment: "aws:cognito/identityPoolRoleAttachment:IdentityPoolRoleAttachment",
    role: "aws:iam/role:Role",
    rolePolicy: "aws:iam/rolePolicy:RolePolicy",
    method: "aws:apigateway/method:Method",
    authorizer: "aws:apigateway/authorizer:Authorizer",
    stage: "aws:apigateway/stage:Stage",
    bucket: "aws:s3/bucket:Bucket",
    bucketPolicy: "aws:s3/bucketPolicy:BucketPolicy",
    publicAccessBlock: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
    table: "aws:dynamodb/table:Table",
    group: "aws:cognito/userGroup:UserGroup",
    fn: "aws:lambda/function:Function",
    permission: "aws:lambda/permission:Permission",
    integration: "aws:apigateway/integration:Integration",
    methodSettings: "aws:apigateway/methodSettings:MethodSettings",
    principalTag: "aws:cognito/identityPoolProviderPrincipalTag:IdentityPoolProviderPrincipalTag",
    versioning: "aws:s3/bucketVersioning:BucketVersioning",
    ownership: "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
    policy: "aws:iam/policy:Policy",
    rolePolicyAttachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
} as const;

export type Statement = Record<string, unknown> & { Condition?: Record<string, Record<string, unknown>> };
export interface PolicyDocument {
    Version?: string;
    Statement: Statement[];
}

/** A deep copy: the real plans are memoized and shared by every spec. */
export function clonePlan(plan: Plan): Plan {
    return structuredClone(plan);
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
    const keys = path.split(".");
    let node = target;
    for (const key of keys.slice(0, -1)) {
        const next = node[key];
        if (typeof next !== "object" || next === null) {
            node[key] = {};
        }
        node = node[key] as Record<string, unknown>;
    }
    const last = keys[keys.length - 1];
    if (value === undefined) {
        delete node[last];
    } else {
        node[last] = value;
    }
}

function getPath(target: Record<string, unknown>, path: string): unknown {
    return path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], target);
}

/**
 * Sets the input at a dotted `path` (`userPoolAddOns.advancedSecurityMode`) of the resource of
 * `type` named `name`, and the same output, as the provider echoes inputs; `undefined` removes it.
 */
export function setProp(plan: Plan, type: string, name: string, path: string, value: unknown): PlanResource {
    const r = named(plan, type, name);
    setPath(r.props, path, value);
    if (r.outputs) {
        setPath(r.outputs, path, structuredClone(value));
    }
    return r;
}

export function setOption<K extends keyof PlanResourceOptions>(plan: Plan, type: string, name: string, option: K, value: PlanResourceOptions[K]): PlanResource {
    const r = named(plan, type, name);
    r.options[option] = value;
    return r;
}

/** Edits the JSON policy document held as a string at `path` (`policy`, `assumeRolePolicy`). */
export function editDocument(plan: Plan, type: string, name: string, path: string, edit: (doc: PolicyDocument) => void): PlanResource {
    const r = named(plan, type, name);
    const text = getPath(r.props, path);
    if (typeof text !== "string") {
        throw new Error(`${type} ${name}.${path} is not a JSON policy document string (received: ${JSON.stringify(text)})`);
    }
    const doc = JSON.parse(text) as PolicyDocument;
    edit(doc);
    return setProp(plan, type, name, path, JSON.stringify(doc));
}

/** The statement of `doc` with that Sid, or at that index. */
export function statement(doc: PolicyDocument, sidOrIndex: string | number): Statement {
    const s = typeof sidOrIndex === "number" ? doc.Statement[sidOrIndex] : doc.Statement.find((x) => x.Sid === sidOrIndex);
    if (s === undefined) {
        throw new Error(`no statement ${JSON.stringify(sidOrIndex)} in ${JSON.stringify(doc)}`);
    }
    return s;
}

/**
 * Copies a resource of `from` into `to`, replacing every occurrence of each `[old, new]` string
 * pair in it (stack names in URNs, identity-pool ids, bucket names), e.g. to give a stack a
 * resource it does not declare.
 */
export function transplant(from: Plan, to: Plan, type: string, name: string, replacements: readonly (readonly [string, string])[]): PlanResource {
    let json = JSON.stringify(named(from, type, name));
    for (const [old, replacement] of replacements) {
        json = json.split(old).join(replacement);
    }
    const r = JSON.parse(json) as PlanResource;
    to.resources.push(r);
    return r;
}
