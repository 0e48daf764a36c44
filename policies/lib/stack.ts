import * as aws from "@pulumi/aws";
import { PolicyResource, ReportViolation } from "@pulumi/policy";
import { PolicyDocumentError, Statement, parsePolicyDocument } from "./iamDocument";
import { isUnknownValueError, undecided } from "./unknowns";
import { fieldsOf } from "./values";

/** A resource class such as `aws.iam.Role`, as `isType` takes it. */
export type ResourceClass = Parameters<PolicyResource["isType"]>[0];

/**
 * Per-stack memo: every stack policy of a run gets the same resources array, so an index built
 * once (by type, by ARN, by bucket name...) serves them all and keeps each policy linear.
 */
const memos = new WeakMap<readonly PolicyResource[], Map<string, unknown>>();

export function memo<T>(resources: readonly PolicyResource[], key: string, build: () => T): T {
    let m = memos.get(resources);
    if (!m) {
        m = new Map();
        memos.set(resources, m);
    }
    if (!m.has(key)) {
        m.set(key, build());
    }
    return m.get(key) as T;
}

function typeToken(resourceClass: ResourceClass): string | undefined {
    const token = (resourceClass as { __pulumiType?: unknown }).__pulumiType;
    return typeof token === "string" ? token : undefined;
}

/** Appends `value` to the list of `key`. */
export function addTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
    const list = map.get(key);
    if (list) {
        list.push(value);
    } else {
        map.set(key, [value]);
    }
}

/** Resources of one provider type, e.g. `ofType(args.resources, aws.iam.Role)`. */
export function ofType(resources: readonly PolicyResource[], resourceClass: ResourceClass): PolicyResource[] {
    const token = typeToken(resourceClass);
    if (token === undefined) {
        return resources.filter((r) => r.isType(resourceClass));
    }
    const byType = memo(resources, "byType", () => {
        const map = new Map<string, PolicyResource[]>();
        for (const r of resources) {
            addTo(map, r.type, r);
        }
        return map;
    });
    return byType.get(token) ?? [];
}

/** Resources of any of the classes (a type and its deprecated V2 alias, say), in that order. */
export function ofTypes(resources: readonly PolicyResource[], classes: readonly ResourceClass[]): PolicyResource[] {
    return classes.flatMap((c) => ofType(resources, c));
}

/** A provider-assigned output (`arn`, `id`, ...) that a stack policy must know to correlate resources. */
export function requiredOutput(resource: PolicyResource, key: string): string {
    const value: unknown = resource.props[key];
    if (typeof value !== "string" || value === "") {
        undecided(`the ${key} of ${resource.type} "${resource.name}"`);
    }
    return value;
}

/**
 * Resources keyed by values read from them, for lookups that would otherwise scan the whole
 * stack once per resource. Reading a value may throw an unknown-value error; the first such
 * error is kept and rethrown where a scan would have met it.
 */
export class PropIndex {
    private readonly byValue = new Map<unknown, PolicyResource[]>();
    readonly unknown: Error | undefined;

    constructor(readonly resources: readonly PolicyResource[], read: (r: PolicyResource) => unknown) {
        let unknown: Error | undefined;
        for (const r of resources) {
            try {
                const value = read(r);
                for (const v of Array.isArray(value) ? value : [value]) {
                    const list = this.byValue.get(v);
                    if (!list) {
                        this.byValue.set(v, [r]);
                    } else if (list[list.length - 1] !== r) {
                        list.push(r);
                    }
                }
            } catch (e) {
                if (!isUnknownValueError(e)) {
                    throw e;
                }
                unknown ??= e;
            }
        }
        this.unknown = unknown;
    }

    /** Resources whose value is one of `values`. */
    matching(values: readonly unknown[]): PolicyResource[] {
        if (values.length === 1) {
            return this.byValue.get(values[0]) ?? [];
        }
        const found = new Set<PolicyResource>();
        for (const v of values) {
            for (const r of this.byValue.get(v) ?? []) {
                found.add(r);
            }
        }
        return [...found];
    }

    /** Like `matching`, but undecided while any resource's value is unknown and none matches. */
    find(values: readonly unknown[]): PolicyResource[] {
        const found = this.matching(values);
        if (found.length === 0 && this.unknown) {
            throw this.unknown;
        }
        return found;
    }

    /** Like `matching`, but undecided while any resource's value is unknown. */
    all(values: readonly unknown[]): PolicyResource[] {
        if (this.unknown) {
            throw this.unknown;
        }
        return this.matching(values);
    }
}

/** An index of resources of `classes` by what `read` returns (a value or a list), built once per stack. */
export function indexBy(resources: readonly PolicyResource[], name: string, classes: readonly ResourceClass[], read: (r: PolicyResource) => unknown): PropIndex {
    return memo(resources, `index:${name}`, () => new PropIndex(ofTypes(resources, classes), read));
}

/** The string values of props `keys` that are set. */
function ids(r: PolicyResource, keys: readonly string[]): string[] {
    return keys.map((k): unknown => r.props[k]).filter((v): v is string => typeof v === "string" && v !== "");
}

/**
 * Resources that other resources may name by id, name or ARN, by each of them. A resource with
 * none of them known yet (a provider output on a first preview) makes lookups that find nothing
 * undecided rather than "not in this stack".
 */
export function byIdentity(resources: readonly PolicyResource[], name: string, classes: readonly ResourceClass[], keys: readonly string[] = ["id", "name", "arn"]): PropIndex {
    return indexBy(resources, `identity:${name}`, classes, (r) => {
        const found = ids(r, keys);
        return found.length > 0 ? found : undecided(`the ${keys.join(" or ")} of ${r.type} "${r.name}"`);
    });
}

/** Account ids in the ARNs of this stack's roles, functions, tables and pools. */
export function stackAccounts(resources: readonly PolicyResource[]): Set<string> {
    return memo(resources, "accounts", () => {
        const accounts = new Set<string>();
        for (const r of ofTypes(resources, [aws.iam.Role, aws.lambda.Function, aws.dynamodb.Table, aws.cognito.UserPool])) {
            const arn: unknown = r.props.arn;
            const account = typeof arn === "string" ? arn.split(":")[4] : undefined;
            if (account && /^\d{12}$/.test(account)) {
                accounts.add(account);
            }
        }
        return accounts;
    });
}

/** A policy document attached to a role, and the resource that declares it. */
export interface AttachedDocument {
    where: string;
    urn: string;
    statements: Statement[];
}

/** A managed policy attached to a role that this stack does not declare (an AWS-managed one, say). */
export interface ExternalPolicy {
    arn: string;
    /** The resource that attaches it. */
    urn: string;
    via: string;
}

export function parseOrReport(document: unknown, where: string, urn: string, report: ReportViolation): Statement[] {
    try {
        return parsePolicyDocument(document, where);
    } catch (e) {
        if (e instanceof PolicyDocumentError) {
            report(`${e.message}.`, urn);
            return [];
        }
        throw e;
    }
}

function attachmentIndexes(resources: readonly PolicyResource[]) {
    return memo(resources, "roleAttachments", () => ({
        rolePolicies: indexBy(resources, "rolePolicy.role", [aws.iam.RolePolicy], (r) => r.props.role),
        attachments: indexBy(resources, "rolePolicyAttachment.role", [aws.iam.RolePolicyAttachment], (r) => r.props.role),
        policyAttachments: indexBy(resources, "policyAttachment.roles", [aws.iam.PolicyAttachment], (r) => r.props.roles),
        exclusive: indexBy(resources, "rolePolicyAttachmentsExclusive.roleName", [aws.iam.RolePolicyAttachmentsExclusive], (r) => r.props.roleName),
        policiesByArn: indexBy(resources, "policy.arn", [aws.iam.Policy], (r) => requiredOutput(r, "arn")),
    }));
}

/** RolePolicy and the attachments name their role by name; accept the id and ARN too. */
function roleIds(role: PolicyResource): string[] {
    const found = ids(role, ["name", "id", "arn"]);
    if (found.length === 0) {
        undecided(`the name of role "${role.name}"`);
    }
    return found;
}

/** Resources of `index` naming `role`; undecided while any of them is unknown. */
function naming(index: PropIndex, role: PolicyResource): PolicyResource[] {
    return index.resources.length === 0 ? [] : index.all(roleIds(role));
}

/** Every permission of a role: the documents this stack declares, and managed policies it does not. */
export interface RolePermissions {
    documents: AttachedDocument[];
    external: ExternalPolicy[];
}

/**
 * Every permission policy of `role` in this stack, from every attachment kind: inline policies,
 * RolePolicy, `managedPolicyArns`, RolePolicyAttachment, PolicyAttachment and
 * RolePolicyAttachmentsExclusive. A managed policy the stack declares is read; one it does not
 * (an AWS-managed one, say) is returned in `external` for the caller to judge.
 */
export function rolePermissions(resources: readonly PolicyResource[], role: PolicyResource, report: ReportViolation): RolePermissions {
    // Read once per stack; each policy asking gets the unreadable documents reported to it.
    const { documents, external, errors } = memo(resources, `rolePermissions:${role.urn}`, () => readRolePermissions(resources, role));
    for (const { message, urn } of errors) {
        report(message, urn);
    }
    return { documents, external };
}

function readRolePermissions(resources: readonly PolicyResource[], role: PolicyResource): RolePermissions & { errors: { message: string; urn: string }[] } {
    const index = attachmentIndexes(resources);
    const documents: AttachedDocument[] = [];
    const external: ExternalPolicy[] = [];
    const errors: { message: string; urn: string }[] = [];
    const add = (document: unknown, where: string, urn: string): void => {
        documents.push({ where, urn, statements: parseOrReport(document, where, urn, (message, u) => errors.push({ message, urn: u ?? urn })) });
    };
    const fields = fieldsOf(role);
    for (const p of fields.objs("inlinePolicies")) {
        const policy = p.raw("policy");
        if (policy !== undefined && policy !== "") {
            add(policy, `inline policy "${p.str("name") ?? ""}" of role "${role.name}"`, role.urn);
        }
    }
    for (const rp of naming(index.rolePolicies, role)) {
        add(rp.props.policy, `RolePolicy "${rp.name}"`, rp.urn);
    }
    const arns: { arn: string; urn: string; via: string }[] = (fields.strings("managedPolicyArns") ?? []).map((arn) => ({ arn, urn: role.urn, via: `managedPolicyArns of role "${role.name}"` }));
    for (const a of naming(index.attachments, role)) {
        arns.push({ arn: fieldsOf(a).str("policyArn") ?? "", urn: a.urn, via: `RolePolicyAttachment "${a.name}"` });
    }
    for (const a of naming(index.policyAttachments, role)) {
        arns.push({ arn: fieldsOf(a).str("policyArn") ?? "", urn: a.urn, via: `PolicyAttachment "${a.name}"` });
    }
    for (const a of naming(index.exclusive, role)) {
        for (const arn of fieldsOf(a).strings("policyArns") ?? []) {
            arns.push({ arn, urn: a.urn, via: `RolePolicyAttachmentsExclusive "${a.name}"` });
        }
    }
    for (const { arn, urn, via } of arns) {
        const policy = index.policiesByArn.find([arn])[0];
        if (policy) {
            add(policy.props.policy, `policy "${policy.name}"`, policy.urn);
        } else {
            external.push({ arn, urn, via });
        }
    }
    return { documents, external, errors };
}

/**
 * Every permission policy of `role` in this stack. A managed policy that is not declared in this
 * stack (e.g. an AWS-managed one) cannot be read and is reported.
 */
export function roleDocuments(resources: readonly PolicyResource[], role: PolicyResource, report: ReportViolation): AttachedDocument[] {
    const { documents, external } = rolePermissions(resources, role, report);
    for (const { arn, urn } of external) {
        report(`Managed policy ${arn} attached to role "${role.name}" is not declared in this stack, so its actions cannot be checked: attach a customer-managed aws.iam.Policy declared in this program instead.`, urn);
    }
    return documents;
}

/** The role ARNs an identity-pool role attachment hands to guests and to signed-in users. */
export function attachmentRoles(attachment: PolicyResource): { guest?: string; authenticated: string[] } {
    const fields = fieldsOf(attachment);
    const roles = fields.stringMap("roles");
    const authenticated: string[] = [];
    if (roles.authenticated) {
        authenticated.push(roles.authenticated);
    }
    for (const mapping of fields.objs("roleMappings")) {
        for (const rule of mapping.objs("mappingRules")) {
            const arn = rule.str("roleArn");
            if (arn) {
                authenticated.push(arn);
            }
        }
    }
    return { guest: roles.unauthenticated, authenticated };
}

/** This stack's roles by ARN (and name and id). */
export function rolesIndex(resources: readonly PolicyResource[]): PropIndex {
    return byIdentity(resources, "role", [aws.iam.Role], ["arn"]);
}

/** Resolves a role ARN to the role declared in this stack, reporting one that is not. */
export function roleForArn(resources: readonly PolicyResource[], arn: string, what: string, urn: string, report: ReportViolation): PolicyResource | undefined {
    const role = rolesIndex(resources).find([arn])[0];
    if (!role) {
        report(`The ${what} ${arn} is not a role of this stack, so its permissions cannot be checked: declare the role in this program.`, urn);
    }
    return role;
}

/** A Lambda function ARN without its version or alias qualifier. */
export function unqualifiedFunctionArn(arn: string): string {
    const parts = arn.split(":");
    return parts.length > 7 && parts[5] === "function" ? parts.slice(0, 7).join(":") : arn;
}

/** This stack's Lambda functions by ARN, name and id. */
export function functionsIndex(resources: readonly PolicyResource[]): PropIndex {
    return byIdentity(resources, "function", [aws.lambda.Function], ["arn", "name", "id"]);
}

/** The function of this stack an ARN or name (possibly qualified) refers to. */
export function functionFor(resources: readonly PolicyResource[], ref: string): PolicyResource | undefined {
    return functionsIndex(resources).find([ref, unqualifiedFunctionArn(ref)])[0];
}

/** The environment variables of a function. */
export function functionEnv(fn: PolicyResource): Record<string, string> {
    return fieldsOf(fn).stringMap("environment.variables");
}
