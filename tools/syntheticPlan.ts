/**
 * Synthetic stacks of any size for benchmarking the policy pack: copies of a real offline plan
 * (pools, clients, roles with their policies, buckets, tables, API methods...), each copy with
 * its own URNs, ids, ARNs and names so that resources still reference their own copy.
 */
import type { Plan, PlanResource } from "./planTypes";

/** Outputs that other resources use to name a resource. */
const IDENTITY_KEYS = ["id", "arn", "name"];

/** Identifiers this long are replaced inside other strings too (policy documents, composite keys). */
const MIN_EMBEDDED_LENGTH = 12;

interface Renaming {
    exact: ReadonlyMap<string, string>;
    embedded: RegExp;
}

function renaming(map: ReadonlyMap<string, string>): Renaming {
    const long = [...map.keys()].filter((k) => k.length >= MIN_EMBEDDED_LENGTH).sort((a, b) => b.length - a.length);
    const escaped = long.map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
    return { exact: map, embedded: new RegExp(escaped.length > 0 ? escaped.join("|") : "(?!)", "g") };
}

function remap(value: unknown, r: Renaming): unknown {
    if (typeof value === "string") return r.exact.get(value) ?? value.replace(r.embedded, (m) => r.exact.get(m) ?? m);
    if (Array.isArray(value)) return value.map((v) => remap(v, r));
    if (typeof value === "object" && value !== null) {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, remap(v, r)]));
    }
    return value;
}

/**
 * An identifier of copy `copy`: its last six letters or digits replaced by the copy number, so
 * that formats policies check (identity pool GUIDs, pool ids) stay valid and an ARN ending in
 * an id is renamed as the id is.
 */
export function renameIdentifier(value: string, copy: number): string {
    return /[A-Za-z0-9]{6}$/.test(value) ? `${value.slice(0, -6)}${String(copy).padStart(6, "0")}` : `${value}-${copy}`;
}

/** The identifiers of `resources` and what they become in copy `copy`. */
function identifierMap(resources: readonly PlanResource[], copy: number): Map<string, string> {
    const map = new Map<string, string>();
    for (const r of resources) {
        map.set(r.urn, `${r.urn}-${copy}`);
        for (const key of IDENTITY_KEYS) {
            const v = r.outputs?.[key];
            if (typeof v === "string" && v.length >= 3) map.set(v, renameIdentifier(v, copy));
        }
    }
    return map;
}

function copyResources(resources: readonly PlanResource[], copy: number): PlanResource[] {
    if (copy === 0) return resources.map((r) => structuredClone(r));
    const map = identifierMap(resources, copy);
    const names = renaming(map);
    return resources.map((r) => ({
        ...r,
        urn: `${r.urn}-${copy}`,
        name: `${r.name}-${copy}`,
        parent: r.parent === null ? null : (map.get(r.parent) ?? r.parent),
        dependencies: r.dependencies.map((d) => map.get(d) ?? d),
        props: remap(r.props, names) as Record<string, unknown>,
        options: structuredClone(r.options),
        ...(r.outputs ? { outputs: remap(r.outputs, names) as Record<string, unknown> } : {}),
    }));
}

/**
 * A plan of exactly `size` resources made of whole copies of `template` (the last one cut
 * short). Deterministic: the same template and size give the same plan.
 */
export function syntheticPlan(template: Plan, size: number): Plan {
    if (!Number.isInteger(size) || size < 1) {
        throw new Error(`size must be a positive integer (received: ${size})`);
    }
    if (template.resources.length === 0) {
        throw new Error(`the template plan of stack ${template.stack} has no resources to copy`);
    }
    const resources: PlanResource[] = [];
    for (let copy = 0; resources.length < size; copy++) {
        resources.push(...copyResources(template.resources, copy).slice(0, size - resources.length));
    }
    return { ...template, resources };
}

/**
 * A resource mix for benchmarking the policy pack: the template once, then copies of the
 * `group` of template resources (by name; each copy renamed as a whole stack copy is, so its
 * members reference each other and the rest of the template) until the plan has `size`
 * resources.
 */
export interface ResourceMix {
    name: string;
    /** Names of template resources copied together; empty for whole stack copies. */
    group: readonly string[];
}

export const RESOURCE_MIXES: readonly ResourceMix[] = [
    { name: "whole stacks", group: [] },
    { name: "buckets + bucket policies", group: ["data-bucket", "data-bucket-policy"] },
    { name: "buckets with all their settings", group: ["data-bucket", "data-bucket-policy", "data-bucket-public-access", "data-bucket-versioning", "data-bucket-ownership", "data-bucket-encryption"] },
    { name: "group roles + role policies", group: ["auth-group-admins", "auth-identity-group-admins-role", "data-group-admins-policy"] },
    { name: "functions + roles + permissions", group: ["api-handler", "api-handler-role", "api-handler-policy", "api-handler-logs-policy", "api-handler-logs", "api-invoke-handler"] },
    { name: "API methods + integrations", group: ["api-get-items", "api-get-items-integration", "api-path-items"] },
    { name: "app clients", group: ["auth-client-web"] },
];

/** A plan of exactly `size` resources of the given mix over `template`. Deterministic. */
export function mixedPlan(template: Plan, mix: ResourceMix, size: number): Plan {
    if (mix.group.length === 0) {
        return syntheticPlan(template, size);
    }
    const group = mix.group.map((name) => {
        const found = template.resources.filter((r) => r.name === name && r.custom !== false);
        if (found.length !== 1) {
            throw new Error(`mix "${mix.name}": the template plan of stack ${template.stack} has ${found.length} custom resources named ${name}`);
        }
        return found[0];
    });
    const resources = template.resources.map((r) => structuredClone(r)).slice(0, size);
    for (let copy = 1; resources.length < size; copy++) {
        resources.push(...copyResources(group, copy).slice(0, size - resources.length));
    }
    return { ...template, resources };
}
