import * as aws from "@pulumi/aws";
import { PolicyResource, ReportViolation } from "@pulumi/policy";
import { PolicyDocumentError, Statement, parsePolicyDocument } from "./iamDocument";
import { isUnknownValueError, undecided } from "./unknowns";

/** Resources of one provider type, e.g. `ofType(args.resources, aws.iam.Role)`. */
/** A resource class such as `aws.iam.Role`, as `isType` takes it. */
export type ResourceClass = Parameters<PolicyResource["isType"]>[0];

export function ofType(resources: readonly PolicyResource[], resourceClass: ResourceClass): PolicyResource[] {
    return resources.filter((r) => r.isType(resourceClass));
}

/** A provider-assigned output (`arn`, `id`, ...) that a stack policy must know to correlate resources. */
export function requiredOutput(resource: PolicyResource, key: string): string {
    const value: unknown = resource.props[key];
    if (typeof value !== "string" || value === "") {
        undecided(`the ${key} of ${resource.type} "${resource.name}"`);
    }
    return value;
}

/** A policy document attached to a role, and the resource that declares it. */
export interface AttachedDocument {
    where: string;
    urn: string;
    statements: Statement[];
}

function parseOrReport(document: unknown, where: string, urn: string, report: ReportViolation): Statement[] {
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

/**
 * Resources keyed by the value of one of their props, for lookups that would otherwise scan the
 * whole stack once per role. Reading a prop may throw an unknown-value error; the first such
 * error is kept and rethrown where a scan would have met it.
 */
class PropIndex {
    private readonly byValue = new Map<unknown, PolicyResource[]>();
    readonly unknown: Error | undefined;

    constructor(readonly resources: readonly PolicyResource[], read: (r: PolicyResource) => unknown) {
        let unknown: Error | undefined;
        for (const r of resources) {
            try {
                const value = read(r);
                const list = this.byValue.get(value);
                if (list) {
                    list.push(r);
                } else {
                    this.byValue.set(value, [r]);
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

    /** Resources whose value is one of `values`, in stack order. */
    matching(values: readonly unknown[]): PolicyResource[] {
        const found = new Set(values.flatMap((v) => this.byValue.get(v) ?? []));
        return this.resources.filter((r) => found.has(r));
    }
}

interface RoleIndex {
    rolePolicies: PropIndex;
    attachments: PropIndex;
    policiesByArn: PropIndex;
    rolesByArn: PropIndex;
}

/** One index per stack: every stack policy of a run gets the same resources array. */
const indexes = new WeakMap<readonly PolicyResource[], RoleIndex>();

function roleIndex(resources: readonly PolicyResource[]): RoleIndex {
    let index = indexes.get(resources);
    if (!index) {
        index = {
            rolePolicies: new PropIndex(ofType(resources, aws.iam.RolePolicy), (r) => r.props.role),
            attachments: new PropIndex(ofType(resources, aws.iam.RolePolicyAttachment), (r) => r.props.role),
            policiesByArn: new PropIndex(ofType(resources, aws.iam.Policy), (r) => requiredOutput(r, "arn")),
            rolesByArn: new PropIndex(ofType(resources, aws.iam.Role), (r) => requiredOutput(r, "arn")),
        };
        indexes.set(resources, index);
    }
    return index;
}

/**
 * The first resource whose indexed output equals `value`. Resources whose output is not known
 * yet are passed over; only when none matches does such an unknown make the answer undecided.
 */
function lookupOutput(index: PropIndex, value: string): PolicyResource | undefined {
    const found = index.matching([value])[0];
    if (!found && index.unknown) {
        throw index.unknown;
    }
    return found;
}

/** RolePolicy and RolePolicyAttachment name their role by name; accept the id and ARN too. */
function roleIds(role: PolicyResource): unknown[] {
    const ids = ["name", "id", "arn"].map((key): unknown => role.props[key]).filter((v) => typeof v === "string" && v !== "");
    if (ids.length === 0) {
        undecided(`the name of role "${role.name}"`);
    }
    return ids;
}

/** Resources of `index` naming `role` (by name, id or ARN); undecided while any of them is unknown. */
function naming(index: PropIndex, role: PolicyResource): PolicyResource[] {
    if (index.resources.length === 0) {
        return [];
    }
    const ids = roleIds(role);
    if (index.unknown) {
        throw index.unknown;
    }
    return index.matching(ids);
}

/**
 * Every permission policy of `role` in this stack: inline policies, RolePolicy resources,
 * attachments of customer-managed policies and `managedPolicyArns`. A managed policy that is not
 * declared in this stack (e.g. an AWS-managed one) cannot be read and is reported.
 */
export function roleDocuments(resources: readonly PolicyResource[], role: PolicyResource, report: ReportViolation): AttachedDocument[] {
    const index = roleIndex(resources);
    const documents: AttachedDocument[] = [];
    const add = (document: unknown, where: string, urn: string): void => {
        documents.push({ where, urn, statements: parseOrReport(document, where, urn, report) });
    };
    const inline = (role.props.inlinePolicies ?? []) as { name?: string; policy?: unknown }[];
    for (const p of inline) {
        if (p.policy !== undefined && p.policy !== "") {
            add(p.policy, `inline policy "${p.name ?? ""}" of role "${role.name}"`, role.urn);
        }
    }
    for (const rp of naming(index.rolePolicies, role)) {
        add(rp.props.policy, `RolePolicy "${rp.name}"`, rp.urn);
    }
    const attached = (role.props.managedPolicyArns ?? []) as string[];
    const attachments = naming(index.attachments, role);
    const arns = [...attached.map((arn) => ({ arn, urn: role.urn })), ...attachments.map((a) => ({ arn: a.props.policyArn as string, urn: a.urn }))];
    for (const { arn, urn } of arns) {
        const policy = lookupOutput(index.policiesByArn, arn);
        if (policy) {
            add(policy.props.policy, `policy "${policy.name}"`, policy.urn);
        } else {
            report(`Managed policy ${arn} attached to role "${role.name}" is not declared in this stack, so its actions cannot be checked: attach a customer-managed aws.iam.Policy declared in this program instead.`, urn);
        }
    }
    return documents;
}

/** The role ARNs an identity-pool role attachment hands to guests and to signed-in users. */
export function attachmentRoles(attachment: PolicyResource): { guest?: string; authenticated: string[] } {
    const roles = (attachment.props.roles ?? {}) as Record<string, string>;
    const authenticated: string[] = [];
    if (roles.authenticated) {
        authenticated.push(roles.authenticated);
    }
    const mappings = (attachment.props.roleMappings ?? []) as { mappingRules?: { roleArn: string }[] }[];
    for (const mapping of mappings) {
        for (const rule of mapping.mappingRules ?? []) {
            authenticated.push(rule.roleArn);
        }
    }
    return { guest: roles.unauthenticated, authenticated };
}

/** Resolves a role ARN to the role declared in this stack, reporting one that is not. */
export function roleForArn(resources: readonly PolicyResource[], arn: string, what: string, urn: string, report: ReportViolation): PolicyResource | undefined {
    const role = lookupOutput(roleIndex(resources).rolesByArn, arn);
    if (!role) {
        report(`The ${what} ${arn} is not a role of this stack, so its permissions cannot be checked: declare the role in this program.`, urn);
    }
    return role;
}
