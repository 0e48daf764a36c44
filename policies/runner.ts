/**
 * Runs the pack's policies in-process over an offline plan, the way the Pulumi engine and
 * `@pulumi/policy`'s analyzer server would during `pulumi preview --policy-pack`: same argument
 * shapes, same unknown-value proxy, same config reconciliation and enforcement-level rules.
 * (`PolicyPack` itself starts a gRPC server for the engine and cannot be used in-process.)
 */
import {
    EnforcementLevel,
    Policies,
    Policy,
    PolicyConfigSchema,
    PolicyPackConfig,
    PolicyResource,
    PolicyResourceOptions,
    ReportViolation,
    ResourceValidation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    Severity,
    StackValidationPolicy,
} from "@pulumi/policy";
import { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { defaultEnforcementLevel, packName, policies as allPolicies } from "./all";
import { Anchors, ControlId } from "./lib/anchors";
import { loosens } from "./lib/config";
import { isUnknownValueError, unknownCheckingProxy, unknownStringSentinel } from "./lib/unknowns";
import { MalformedValueError } from "./lib/values";
// The engine reports the pack version from the pack's package.json too.
import { version } from "./package.json";

/** The parts of an offline plan (`tools/planTypes.ts`) the runner reads. */
export interface PlanResourceLike {
    urn: string;
    type: string;
    name: string;
    parent: string | null;
    dependencies: string[];
    props: Record<string, unknown>;
    options: { protect: boolean; ignoreChanges: string[]; deleteBeforeReplace: boolean };
    outputs?: Record<string, unknown>;
}

export interface PlanLike {
    project: string;
    stack: string;
    resources: PlanResourceLike[];
}

export interface Violation {
    policy: string;
    enforcementLevel: "advisory" | "mandatory";
    severity?: Severity;
    urn: string;
    message: string;
    description: string;
    /** The well-known controls the policy covers and goes beyond (`lib/anchors.ts`). */
    anchors: { covers: ControlId[]; beyond: ControlId[] };
    /** Set when the violation is a value of the wrong kind rather than an insecure one. */
    malformed?: { field: string };
    /** Set when the policy could not decide because a value is not known (a first preview). */
    undecided?: true;
}

export interface RunOptions {
    /** Policies to run; the whole pack by default. */
    policies?: Policies;
}

/** A policy pack config the engine would refuse, or that names what the pack does not have. */
export class PolicyConfigError extends Error {}

/** A policy failed on a resource for a reason other than its values (a defect of the policy). */
export class PolicyRunError extends Error {
    constructor(readonly policy: string, readonly urn: string, cause: unknown) {
        super(`policy '${policy}' failed on ${urn}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    }
}

const levels: EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];
/** Config keys the engine tolerates next to a policy's properties (its schemas allow extra keys). */
const reasonKey = "reason";

interface ResolvedConfig {
    enforcementLevel: EnforcementLevel;
    properties: Record<string, unknown>;
}

function schemaErrors(schema: PolicyConfigJSONSchema, value: unknown, path: string): string[] {
    const types = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
    const typeOf = (v: unknown): string => (Array.isArray(v) ? "array" : v === null ? "null" : Number.isInteger(v) ? "integer" : typeof v);
    const actual = typeOf(value);
    if (types.length > 0 && !types.some((t) => t === actual || (t === "number" && actual === "integer"))) {
        return [`${path} must be of type ${types.join(" or ")} (received: ${JSON.stringify(value)})`];
    }
    const errors: string[] = [];
    if (schema.enum && !schema.enum.some((e) => JSON.stringify(e) === JSON.stringify(value))) {
        errors.push(`${path} must be one of ${JSON.stringify(schema.enum)} (received: ${JSON.stringify(value)})`);
    }
    if (typeof value === "number" && schema.minimum !== undefined && value < schema.minimum) {
        errors.push(`${path} must be >= ${schema.minimum} (received: ${value})`);
    }
    if (typeof value === "number" && schema.maximum !== undefined && value > schema.maximum) {
        errors.push(`${path} must be <= ${schema.maximum} (received: ${value})`);
    }
    if (Array.isArray(value) && schema.items && typeof schema.items === "object" && !Array.isArray(schema.items)) {
        const items = schema.items;
        value.forEach((item, i) => errors.push(...schemaErrors(items, item, `${path}[${i}]`)));
    }
    return errors;
}

/**
 * Parses a `--policy-pack-config` file's content as the engine does (a level string or an object
 * with `enforcementLevel` and properties per policy, `all` for every policy), fills in schema
 * defaults and validates against each policy's `configSchema`. Stricter than the engine where it
 * silently ignores mistakes: unknown policy names and properties are errors, and lowering a
 * policy below the pack's default level needs a `reason`.
 * @throws PolicyConfigError listing every problem.
 */
export function resolvePolicyConfig(config: unknown, policies: Policies = allPolicies, packLevel: EnforcementLevel = defaultEnforcementLevel): Map<string, ResolvedConfig> {
    const errors: string[] = [];
    if (typeof config !== "object" || config === null || Array.isArray(config)) {
        throw new PolicyConfigError(`policy pack config must be a JSON object keyed by policy name (received: ${JSON.stringify(config)})`);
    }
    const resolved = new Map<string, ResolvedConfig>();
    for (const p of policies) {
        const properties: Record<string, unknown> = {};
        for (const [key, schema] of Object.entries(p.configSchema?.properties ?? {})) {
            if (schema.default !== undefined) {
                properties[key] = schema.default;
            }
        }
        resolved.set(p.name, { enforcementLevel: p.enforcementLevel ?? packLevel, properties });
    }
    const names = new Set(policies.map((p) => p.name));
    const entries = Object.entries(config as Record<string, unknown>);
    // "all" applies first, then per-policy entries, as in the engine.
    entries.sort(([a], [b]) => Number(b === "all") - Number(a === "all"));
    for (const [name, value] of entries) {
        if (name !== "all" && !names.has(name)) {
            errors.push(`"${name}" is not a policy of the ${packName} pack: use one of ${[...names].join(", ")}`);
            continue;
        }
        let level: unknown;
        let properties: Record<string, unknown> = {};
        if (typeof value === "string") {
            level = value;
        } else if (typeof value === "object" && value !== null && !Array.isArray(value)) {
            ({ enforcementLevel: level, ...properties } = value as Record<string, unknown>);
        } else {
            errors.push(`"${name}" must be an enforcement level or an object (received: ${JSON.stringify(value)})`);
            continue;
        }
        if (level !== undefined && !levels.includes(level as EnforcementLevel)) {
            errors.push(`"${name}".enforcementLevel must be one of ${levels.join(", ")} (received: ${JSON.stringify(level)})`);
            continue;
        }
        const { [reasonKey]: reason, ...settings } = properties;
        const lowered = level === "advisory" || level === "disabled";
        const hasReason = typeof reason === "string" && reason.trim() !== "";
        if (lowered && packLevel === "mandatory" && !hasReason) {
            errors.push(`"${name}" is lowered to ${String(level)} without a reason: write it as { "enforcementLevel": "${String(level)}", "reason": "<why>" }`);
        }
        if (name === "all") {
            // No policy reads settings under "all": one written there would be dropped unseen.
            for (const key of Object.keys(settings)) {
                errors.push(`"all".${key} is not a setting of "all", which takes only enforcementLevel and reason: set it under the policy it belongs to`);
            }
        }
        const schema = policies.find((p) => p.name === name)?.configSchema;
        for (const [key, value] of Object.entries(settings)) {
            const how = hasReason ? undefined : loosens(schema, key, value);
            if (how) {
                errors.push(`"${name}".${key} ${how}, which lets more through, without a reason: add "reason": "<why>" next to it`);
            }
        }
        const targets = name === "all" ? [...resolved.keys()] : [name];
        for (const target of targets) {
            const current = resolved.get(target)!;
            if (level !== undefined) {
                current.enforcementLevel = level as EnforcementLevel;
            }
            if (name !== "all") {
                Object.assign(current.properties, settings);
            }
        }
    }
    for (const p of policies) {
        const schema: PolicyConfigSchema | undefined = p.configSchema;
        const { properties } = resolved.get(p.name)!;
        for (const [key, value] of Object.entries(properties)) {
            const propertySchema = schema?.properties[key];
            if (!propertySchema) {
                const known = Object.keys(schema?.properties ?? {});
                errors.push(`"${p.name}".${key} is not a setting of this policy: use ${known.length ? known.join(", ") : "only enforcementLevel and reason"}`);
            } else {
                errors.push(...schemaErrors(propertySchema, value, `"${p.name}".${key}`));
            }
        }
        for (const key of schema?.required ?? []) {
            if (properties[key] === undefined) {
                errors.push(`"${p.name}".${key} is required`);
            }
        }
    }
    if (errors.length > 0) {
        throw new PolicyConfigError(`invalid policy pack config:\n  ${errors.join("\n  ")}`);
    }
    return resolved;
}

function anchorsOf(a: Anchors | undefined): Violation["anchors"] {
    return { covers: [...(a?.covers ?? [])], beyond: [...(a?.beyond ?? [])] };
}

class NotApplicableError extends Error {}

function throwNotApplicable(reason?: string): never {
    throw new NotApplicableError(reason ?? "Policy does not apply");
}

function isResourcePolicy(p: Policy): p is ResourceValidationPolicy {
    return (p as ResourceValidationPolicy).validateResource !== undefined;
}

function isStackPolicy(p: Policy): p is StackValidationPolicy {
    return typeof (p as StackValidationPolicy).validateStack === "function";
}

function pulumiTypeOf(fn: unknown): string | undefined {
    const type = (fn as { __pulumiType?: unknown } | undefined)?.__pulumiType;
    return typeof type === "string" && type.length > 0 ? type : undefined;
}

function isTypeOf(type: string, resourceClass: unknown): boolean {
    const pulumiType = pulumiTypeOf(resourceClass);
    if (pulumiType) {
        return type === pulumiType;
    }
    const isInstance = (resourceClass as { isInstance?: (o: unknown) => boolean }).isInstance;
    return typeof isInstance === "function" && isInstance({ __pulumiType: type }) === true;
}

function resourceOptions(r: PlanResourceLike): PolicyResourceOptions {
    const opts: PolicyResourceOptions = {
        protect: r.options.protect,
        ignoreChanges: r.options.ignoreChanges,
        aliases: [],
        customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
        additionalSecretOutputs: [],
        deleteBeforeReplace: r.options.deleteBeforeReplace,
    };
    if (r.parent) {
        opts.parent = r.parent;
    }
    return opts;
}

const emptyTags: ReadonlyMap<string, string> = new Map();

/** Whether a value holds an unknown (the engine's sentinel string) anywhere. */
function hasUnknown(value: unknown): boolean {
    if (typeof value === "string") {
        return value === unknownStringSentinel;
    }
    if (typeof value === "object" && value !== null) {
        return Object.values(value).some(hasUnknown);
    }
    return false;
}

/**
 * Props as the engine hands them to a policy: behind its unknown-value proxy, which throws
 * `UnknownValueError` on reading an unknown. Props without unknowns read the same without it,
 * and the proxy's per-read cost dominated large stacks, so only those with unknowns get it.
 */
function guarded<T extends Record<string, unknown>>(props: T): T {
    return hasUnknown(props) ? unknownCheckingProxy(props) : props;
}

/**
 * Runs the policy pack over `plan` with a stack's policy config (the content of
 * `policies/config/<stack>.json`) and returns every violation, advisory and mandatory.
 * Resource policies see each resource's inputs; stack policies see outputs over inputs.
 * @throws PolicyConfigError when the config is invalid; PolicyRunError when a policy fails on a
 * resource (a defect of the policy: values of the wrong kind are violations, unknowns advisories).
 */
export async function runPolicyPack(plan: PlanLike, config: unknown = {}, options: RunOptions = {}): Promise<Violation[]> {
    const policies = options.policies ?? allPolicies;
    // The config is checked against the whole pack even when only some policies run.
    const known = [...allPolicies, ...policies.filter((p) => !allPolicies.includes(p))];
    const resolved = resolvePolicyConfig(config, known);

    const stackUrn = `urn:pulumi:${plan.stack}::${plan.project}::pulumi:pulumi:Stack::${plan.project}-${plan.stack}`;
    const violations: Violation[] = [];
    let sharedStackResources: PolicyResource[] | undefined;
    // Each resource's inputs as policies see them, built once and read by every resource
    // policy. The pack's policies never write to props, so they read the plan's own objects:
    // copying them per policy cost more than the policies themselves on large stacks.
    const inputs = new Map<PlanResourceLike, { props: Record<string, unknown>; opts: PolicyResourceOptions }>();
    let resourcesByType: Map<string, PlanResourceLike[]> | undefined;
    const byType = (): Map<string, PlanResourceLike[]> => {
        if (!resourcesByType) {
            resourcesByType = new Map();
            for (const r of plan.resources) {
                const list = resourcesByType.get(r.type);
                if (list) {
                    list.push(r);
                } else {
                    resourcesByType.set(r.type, [r]);
                }
            }
        }
        return resourcesByType;
    };
    const inputsOf = (r: PlanResourceLike): { props: Record<string, unknown>; opts: PolicyResourceOptions } => {
        let found = inputs.get(r);
        if (!found) {
            found = { props: guarded(r.props), opts: resourceOptions(r) };
            inputs.set(r, found);
        }
        return found;
    };

    for (const p of policies) {
        const { enforcementLevel: configured, properties } = resolved.get(p.name)!;
        if (configured === "disabled") {
            continue;
        }
        // Stack policies cannot remediate, and a remediated resource still violating is mandatory.
        const level = configured === "remediate" ? "mandatory" : configured;
        const getConfig = <T extends object>(): T => ({ ...properties }) as T;
        const anchors = anchorsOf(p.anchors);
        const reporterFor = (defaultUrn: string | undefined): ReportViolation => (message, urn) => {
            violations.push({ policy: p.name, enforcementLevel: level, severity: p.severity, urn: urn ?? defaultUrn ?? stackUrn, message, description: p.description, anchors });
        };
        const onError = (e: unknown, urn: string): void => {
            if (e instanceof MalformedValueError) {
                // Never an advisory: a value the pack cannot read is not a value it has checked.
                const message = `${e.message}: give the value the provider expects.`;
                violations.push({ policy: p.name, enforcementLevel: "mandatory", severity: p.severity, urn: e.urn ?? urn, message, description: p.description, anchors, malformed: { field: e.field } });
            } else if (isUnknownValueError(e)) {
                const message = `can't run policy '${p.name}' from policy pack '${packName}@v${version}' during preview: ${e.message}`;
                violations.push({ policy: p.name, enforcementLevel: "advisory", severity: p.severity, urn, message, description: p.description, anchors, undecided: true });
            } else if (!(e instanceof NotApplicableError)) {
                throw new PolicyRunError(p.name, urn, e);
            }
        };

        if (isResourcePolicy(p) && p.validateResource) {
            const validations: ResourceValidation[] = Array.isArray(p.validateResource) ? p.validateResource : [p.validateResource];
            // A validation bound to one type (validateResourceOfType) would only call other
            // resources not applicable, which reports nothing: skip them, as the engine does
            // for a single such validation.
            for (const validation of validations) {
                const boundType = pulumiTypeOf(validation);
                for (const r of boundType === undefined ? plan.resources : (byType().get(boundType) ?? [])) {
                    const { props, opts } = inputsOf(r);
                    const args: ResourceValidationArgs = {
                        type: r.type,
                        props,
                        urn: r.urn,
                        name: r.name,
                        opts,
                        stackTags: emptyTags,
                        isType: (resourceClass) => isTypeOf(r.type, resourceClass),
                        asType: ((resourceClass: unknown) => (isTypeOf(r.type, resourceClass) ? props : undefined)) as ResourceValidationArgs["asType"],
                        getConfig,
                        notApplicable: throwNotApplicable,
                    };
                    try {
                        await validation(args, reporterFor(r.urn));
                    } catch (e) {
                        onError(e, r.urn);
                    }
                }
            }
        } else if (isStackPolicy(p)) {
            // Built once and shared by every stack policy, as the engine's analyzeStack does.
            const resources = (sharedStackResources ??= stackResources(plan));
            const fastType = pulumiTypeOf(p.validateStack);
            if (fastType && !resources.some((r) => r.type === fastType)) {
                continue;
            }
            try {
                await p.validateStack({ resources, getConfig, stackTags: emptyTags, notApplicable: throwNotApplicable }, reporterFor(undefined));
            } catch (e) {
                onError(e, stackUrn);
            }
        }
    }
    return violations;
}

/** Stack resources as `analyzeStack` builds them: outputs, linked parents and dependencies. */
function stackResources(plan: PlanLike): PolicyResource[] {
    const byUrn = new Map<string, PolicyResource>();
    const resources = plan.resources.map((r) => {
        const props = guarded({ ...r.props, ...(r.outputs ?? {}) });
        const resource: PolicyResource = {
            type: r.type,
            props,
            urn: r.urn,
            name: r.name,
            opts: resourceOptions(r),
            dependencies: [],
            propertyDependencies: {},
            isType: (resourceClass) => isTypeOf(r.type, resourceClass),
            asType: ((resourceClass: unknown) => (isTypeOf(r.type, resourceClass) ? props : undefined)) as PolicyResource["asType"],
        };
        byUrn.set(r.urn, resource);
        return resource;
    });
    plan.resources.forEach((r, i) => {
        const parent = r.parent ? byUrn.get(r.parent) : undefined;
        if (parent) {
            resources[i].parent = parent;
        }
        resources[i].dependencies = r.dependencies.map((d) => byUrn.get(d)).filter((d): d is PolicyResource => d !== undefined);
    });
    return resources;
}


export type { PolicyPackConfig };
