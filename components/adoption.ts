import * as pulumi from "@pulumi/pulumi";
import { issue, ValidationIssue } from "./issues";

/** An existing user pool and the parts of it a stack takes over instead of creating. */
export interface AdoptUserPool {
    /** The existing pool's id, `<region>_<id>`. */
    readonly userPoolId: string;
    /** App client name (as configured) to the existing client's id. @default {} */
    readonly appClientIds?: Readonly<Record<string, string>>;
    /** Configured groups that already exist in the pool. @default [] */
    readonly groups?: readonly string[];
    /** Configured identity providers (by provider name) that already exist in the pool. @default [] */
    readonly identityProviders?: readonly string[];
    /** Configured resource servers (by identifier) that already exist in the pool. @default [] */
    readonly resourceServers?: readonly string[];
    /** The configured domain (domainPrefix or customDomain) already belongs to the pool. @default false */
    readonly domain?: boolean;
}

/** What the adoption is checked against: the rest of the stack's config. */
export interface AdoptionContext {
    readonly adoptUserPool?: AdoptUserPool;
    readonly userPoolLock?: unknown;
    readonly appClients: readonly { readonly name: string }[];
    readonly groups: readonly { readonly name: string }[];
    readonly providerNames: readonly string[];
    readonly resourceServers: readonly { readonly identifier: string }[];
    readonly domainPrefix?: string;
    readonly customDomain?: string;
    /** The stack's region, when known: the pool id starts with it. */
    readonly region?: string;
}

const POOL_ID = /^([a-z]{2}(?:-[a-z]+)+-\d)_[0-9a-zA-Z]+$/;
const CLIENT_ID = /^[\w+]{1,128}$/;

/** The pool id's form and, when the stack's region is known, that the pool lives there. */
export function validateAdoptedPoolId(userPoolId: string, region: string | undefined): ValidationIssue[] {
    const m = POOL_ID.exec(userPoolId);
    if (m === null) {
        return [issue("adoptUserPool.userPoolId", "must be a user pool id, <region>_<id>", userPoolId, "copy it from the pool's page in the Cognito console, or `aws cognito-idp list-user-pools --max-results 60`")];
    }
    if (region !== undefined && m[1] !== region) {
        return [issue("adoptUserPool.userPoolId", `is a pool of ${m[1]}, but the stack deploys to ${region}`, userPoolId, "set aws:region to the pool's region, or name a pool of the stack's region")];
    }
    return [];
}

/**
 * Checks an adoption against the config: the lock of create-only settings must describe the
 * existing pool (a mismatch would replace it and delete every user), and every adopted part
 * must be one the config declares.
 */
export function validateAdoption(c: AdoptionContext): ValidationIssue[] {
    const a = c.adoptUserPool;
    if (a === undefined) {
        return [];
    }
    const out: ValidationIssue[] = [];
    out.push(...validateAdoptedPoolId(a.userPoolId, c.region));
    if (c.userPoolLock === undefined) {
        out.push(
            issue(
                "userPoolLock",
                "is required with adoptUserPool: the existing pool's create-only settings must be checked against this config before it is imported",
                undefined,
                "run `aws cognito-idp describe-user-pool --user-pool-id <id>` and record its UsernameAttributes, AliasAttributes, UsernameConfiguration.CaseSensitive and custom: attributes in userPoolLock",
            ),
        );
    }
    const clients = c.appClients.map((x) => x.name);
    for (const [name, id] of Object.entries(a.appClientIds ?? {})) {
        if (!clients.includes(name)) {
            out.push(issue(`adoptUserPool.appClientIds.${name}`, "names no app client of appClients", name, `use one of ${clients.join(", ")}, or add the client to appClients`));
        }
        if (!CLIENT_ID.test(id)) {
            out.push(issue(`adoptUserPool.appClientIds.${name}`, "must be an app client id (letters, digits, _ and +)", id, "copy the client id from `aws cognito-idp list-user-pool-clients --user-pool-id <id>`"));
        }
    }
    const known = (field: string, names: readonly string[], declared: readonly string[], key: string) =>
        names.forEach((n, i) => {
            if (!declared.includes(n)) {
                out.push(issue(`adoptUserPool.${field}[${i}]`, `is not in ${key}`, n, `declare it in ${key} first (the program adopts only what it declares), or remove it here`));
            }
            if (names.indexOf(n) !== i) {
                out.push(issue(`adoptUserPool.${field}[${i}]`, "must not repeat", n, "list it once"));
            }
        });
    known("groups", a.groups ?? [], c.groups.map((g) => g.name), "groups");
    known("identityProviders", a.identityProviders ?? [], c.providerNames, "the configured identity providers");
    known("resourceServers", a.resourceServers ?? [], c.resourceServers.map((r) => r.identifier), "resourceServers");
    if (a.domain === true && c.domainPrefix === undefined && c.customDomain === undefined) {
        out.push(issue("adoptUserPool.domain", "is true but neither domainPrefix nor customDomain is set", true, "set the pool's existing domain as domainPrefix or customDomain"));
    }
    return out;
}

/** One resource to adopt: its type, how to recognise it among the program's resources, its import id. */
export interface AdoptedResource {
    readonly type: string;
    /** The property that tells it apart, and its value; `undefined` for the only one of its type. */
    readonly key?: { readonly prop: string; readonly value: string };
    /** The id `pulumi import` takes for this type (see each type's Import section in the registry). */
    readonly importId: string;
}

/** Every resource an adoption imports, with the id format of its type. */
export function adoptedResources(a: AdoptUserPool, domain?: string): AdoptedResource[] {
    const pool = a.userPoolId;
    return [
        { type: "aws:cognito/userPool:UserPool", importId: pool },
        ...Object.entries(a.appClientIds ?? {}).map(([name, id]) => ({ type: "aws:cognito/userPoolClient:UserPoolClient", key: { prop: "name", value: name }, importId: `${pool}/${id}` })),
        ...(a.groups ?? []).map((g) => ({ type: "aws:cognito/userGroup:UserGroup", key: { prop: "name", value: g }, importId: `${pool}/${g}` })),
        ...(a.identityProviders ?? []).map((p) => ({ type: "aws:cognito/identityProvider:IdentityProvider", key: { prop: "providerName", value: p }, importId: `${pool}:${p}` })),
        ...(a.resourceServers ?? []).map((r) => ({ type: "aws:cognito/resourceServer:ResourceServer", key: { prop: "identifier", value: r }, importId: `${pool}|${r}` })),
        ...(a.domain === true && domain !== undefined ? [{ type: "aws:cognito/userPoolDomain:UserPoolDomain", key: { prop: "domain", value: domain }, importId: domain }] : []),
    ];
}

function describe(r: AdoptedResource): string {
    return `${r.type}${r.key ? ` with ${r.key.prop} ${r.key.value}` : ""}`;
}

/**
 * Passes Pulumi's `import` option to the resources an adoption names: a transformation on the
 * components that create them, so those components stay unaware of adoption. Every named
 * resource must be met exactly once (`unmatched` says which were not).
 */
export class Adoption {
    private readonly pending: AdoptedResource[];
    private readonly matched = new Map<AdoptedResource, string>();

    constructor(readonly resources: readonly AdoptedResource[]) {
        this.pending = [...resources];
    }

    /** Add to the `transformations` of every component that creates an adopted resource. */
    readonly transformation: pulumi.ResourceTransformation = (args) => {
        const props = args.props as Record<string, unknown>;
        const found = this.resources.find((r) => r.type === args.type && (r.key === undefined || props[r.key.prop] === r.key.value));
        if (found === undefined) {
            return undefined;
        }
        const earlier = this.matched.get(found);
        if (earlier !== undefined) {
            throw new pulumi.RunError(`adoptUserPool: both ${earlier} and ${args.name} are ${describe(found)}; only one resource can import ${found.importId}`);
        }
        this.matched.set(found, args.name);
        return { props: args.props, opts: pulumi.mergeOptions(args.opts, { import: found.importId }) };
    };

    /** Adopted resources the program never declared. */
    unmatched(): AdoptedResource[] {
        return this.pending.filter((r) => !this.matched.has(r));
    }

    /** Fails the program when an adopted resource was never declared (its id would be ignored silently). */
    assertAllMatched(): void {
        const missing = this.unmatched();
        if (missing.length > 0) {
            throw new pulumi.RunError(`adoptUserPool names resources the program does not declare: ${missing.map(describe).join("; ")}. Declare them in the config or remove them from adoptUserPool.`);
        }
    }
}
