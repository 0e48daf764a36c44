/**
 * Records every resource registration of a Pulumi program run under mocks, with the options
 * the program passed (parent, dependencies, protect, retainOnDelete, ignoreChanges,
 * deleteBeforeReplace, ...) that `setMocks` callbacks never see, plus the stack outputs.
 */
import * as crypto from "node:crypto";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import type * as resproto from "@pulumi/pulumi/proto/resource_pb";
import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";
import * as rpc from "@pulumi/pulumi/runtime/rpc";
import * as settings from "@pulumi/pulumi/runtime/settings";
import { createAwsMocks } from "./mocks";
import type { Plan, PlanResource, PlanResourceOptions } from "./planTypes";

/** How secret values appear in a plan. */
export const SECRET_MARK = "[secret]";
/** How values unknown at plan time appear (only in previews). */
export const UNKNOWN_MARK = "[unknown]";

const STACK_TYPE = "pulumi:pulumi:Stack";

/** The runtime's feature flags; `runtime/state` ships no typings for its store. */
interface FeatureStore {
    supportsSecrets: boolean;
    supportsResourceReferences: boolean;
    supportsOutputValues: boolean;
    supportsDeletedWith: boolean;
    supportsReplaceWith: boolean;
    supportsAliasSpecs: boolean;
    supportsTransforms: boolean;
    supportsParameterization: boolean;
    supportsResourceHooks: boolean;
    supportsErrorHooks: boolean;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { getStore } = require("@pulumi/pulumi/runtime/state") as { getStore: () => FeatureStore };

interface Registration {
    urn: string;
    type: string;
    name: string;
    custom: boolean;
    parent: string;
    dependencies: string[];
    options: PlanResourceOptions;
    rawInputs: Record<string, unknown>;
    id?: string;
    rawState?: Record<string, unknown>;
}

type Sig = Record<string, unknown>;
const sigOf = (v: unknown): unknown => (typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Sig)[rpc.specialSigKey] : undefined);

/** What the provider receives: resource references as their id (custom) or URN (component). */
function providerView(v: unknown): unknown {
    if (Array.isArray(v)) return v.map(providerView);
    if (typeof v !== "object" || v === null) return v;
    const o = v as Sig;
    switch (o[rpc.specialSigKey]) {
        case rpc.specialResourceSig:
            return typeof o.id === "string" && o.id !== "" ? o.id : o.urn;
        case rpc.specialSecretSig:
            return { ...o, value: providerView(o.value) };
        case rpc.specialAssetSig:
        case rpc.specialArchiveSig:
            return o;
        case rpc.specialOutputValueSig:
            return o.value === undefined ? rpc.unknownValue : providerView(o.value);
        default:
            return Object.fromEntries(Object.entries(o).map(([k, e]) => [k, providerView(e)]));
    }
}

/** Paths inside the project are shown relative to it so plans do not depend on the checkout location. */
function displayPath(p: unknown, projectDir: string): string {
    const s = String(p);
    if (!path.isAbsolute(s)) return s.split(path.sep).join("/");
    const rel = path.relative(projectDir, s);
    return (rel.startsWith("..") ? s : rel).split(path.sep).join("/");
}

/**
 * A wire value as a plan shows it: secrets as `[secret]`, resource references by id (URN for
 * components), assets and archives described by path or content hash, object keys sorted.
 */
export function renderValue(v: unknown, projectDir: string): unknown {
    if (v === rpc.unknownValue) return UNKNOWN_MARK;
    if (Array.isArray(v)) return v.map((e) => renderValue(e, projectDir));
    if (typeof v !== "object" || v === null) return v;
    const o = v as Sig;
    switch (sigOf(o)) {
        case rpc.specialSecretSig:
            return SECRET_MARK;
        case rpc.specialResourceSig:
            return typeof o.id === "string" && o.id !== "" ? o.id : o.urn;
        case rpc.specialOutputValueSig:
            if (o.secret === true) return SECRET_MARK;
            return o.value === undefined ? UNKNOWN_MARK : renderValue(o.value, projectDir);
        case rpc.specialAssetSig:
        case rpc.specialArchiveSig: {
            const kind = sigOf(o) === rpc.specialAssetSig ? "asset" : "archive";
            if (typeof o.path === "string") return { kind, path: displayPath(o.path, projectDir) };
            if (typeof o.uri === "string") return { kind, uri: o.uri };
            if (typeof o.text === "string") {
                return { kind, text: { sha256: crypto.createHash("sha256").update(o.text).digest("hex"), bytes: Buffer.byteLength(o.text) } };
            }
            const assets = (o.assets ?? {}) as Record<string, unknown>;
            return { kind, assets: renderValue(assets, projectDir) };
        }
        default: {
            const out: Record<string, unknown> = {};
            for (const k of Object.keys(o).sort()) out[k] = renderValue(o[k], projectDir);
            return out;
        }
    }
}

type Callback<T> = (err: unknown, resp: T) => void;
type Struct = { toJavaScript(): Record<string, unknown> } | undefined;
const toJs = (s: Struct): Record<string, unknown> => s?.toJavaScript() ?? {};

/** The SDK reports a failed RPC by the gRPC `details` of its error; mock errors need one too. */
function withDetails(err: unknown): unknown {
    if (err instanceof Error && !("details" in err)) Object.assign(err, { details: err.message });
    return err;
}

export class RecordingMonitor extends MockMonitor {
    readonly registrations: Registration[] = [];
    stackUrn: string | undefined;
    rawStackOutputs: Record<string, unknown> = {};
    /** Registrations handed to the mocks whose answer is not back yet. */
    pending = 0;
    /** The request being registered; MockMonitor calls the mocks before its first await. */
    private current: resproto.RegisterResourceRequest | undefined;

    constructor(mocks: pulumi.runtime.Mocks) {
        const holder: { monitor?: RecordingMonitor } = {};
        // The mocks see inputs as the provider would: resource references downgraded to ids.
        super({
            call: (args) => mocks.call(args),
            newResource: (args) => {
                const req = holder.monitor?.current;
                const inputs = req ? (providerView(toJs(req.getObject())) as Record<string, unknown>) : (args.inputs as Record<string, unknown>);
                return mocks.newResource({ ...args, inputs });
            },
        });
        holder.monitor = this;
        // URNs as the engine builds them: the parent's whole type chain, the root stack's left out.
        (this as unknown as { newUrn: (parent: string, type: string, name: string) => string }).newUrn = (parent, type, name) => {
            const parentType = parent ? parent.split("::")[2] : "";
            const qualified = parentType && parentType !== STACK_TYPE ? `${parentType}$${type}` : type;
            return `urn:pulumi:${settings.getStack()}::${settings.getProject()}::${qualified}::${name}`;
        };
    }

    override async registerResource(req: resproto.RegisterResourceRequest, callback: Callback<resproto.RegisterResourceResponse>): Promise<void> {
        const reg: Registration = {
            urn: "",
            type: req.getType(),
            name: req.getName(),
            custom: req.getCustom(),
            parent: req.getParent(),
            dependencies: [...new Set(req.getDependenciesList())].sort(),
            options: {
                protect: req.getProtect() ?? false,
                retainOnDelete: req.getRetainondelete() ?? false,
                ignoreChanges: [...req.getIgnorechangesList()],
                deleteBeforeReplace: req.getDeletebeforereplace(),
                replaceOnChanges: [...req.getReplaceonchangesList()],
                additionalSecretOutputs: [...req.getAdditionalsecretoutputsList()],
                deletedWith: req.getDeletedwith() || null,
            },
            rawInputs: toJs(req.getObject()),
        };
        // Shown only where set, so that plans of programs without them stay as they were.
        if (req.getImportid()) reg.options.importId = req.getImportid();
        const provider = req.getProvider();
        if (provider) reg.options.provider = provider.slice(0, provider.lastIndexOf("::"));
        this.pending++;
        this.current = req;
        const done = super.registerResource(req, (err: unknown, resp: resproto.RegisterResourceResponse) => {
            if (!err) {
                reg.urn = resp.getUrn();
                reg.id = resp.getId() || undefined;
                reg.rawState = toJs(resp.getObject());
                if (reg.type === STACK_TYPE && !reg.parent) this.stackUrn = reg.urn;
                else this.registrations.push(reg);
            }
            callback(withDetails(err), resp);
        });
        this.current = undefined;
        try {
            await done;
        } finally {
            this.pending--;
        }
    }

    /** See withDetails. */
    override invoke(req: unknown, callback: Callback<unknown>): Promise<void> {
        return super.invoke(req, (err: unknown, resp: unknown) => {
            callback(withDetails(err), resp);
        });
    }

    override registerResourceOutputs(req: resproto.RegisterResourceOutputsRequest, callback: Callback<unknown>): void {
        if (req.getUrn() === this.stackUrn) {
            const outputs = toJs(req.getOutputs());
            if (Object.keys(outputs).length > 0) this.rawStackOutputs = outputs;
        }
        super.registerResourceOutputs(req, callback);
    }
}

export interface RecordingMocksOptions {
    project: string;
    stack: string;
    /** Config values; keys without a namespace get the project's. */
    config?: Record<string, string>;
    /** Keys of `config` the program must see as secrets. */
    secretKeys?: string[];
    /** @default config `aws:region`, else us-east-1 */
    region?: string;
    /** @default false (an update: every output known) */
    preview?: boolean;
    /** Asset paths are shown relative to it. @default process.cwd() */
    projectDir?: string;
    /** Replaces the AWS mocks, e.g. to wrap them. */
    mocks?: pulumi.runtime.Mocks;
}

export interface Recorder {
    readonly monitor: RecordingMonitor;
    /** Every resource registered so far (the stack itself excluded), parents before children. */
    readonly resources: PlanResource[];
    /** The stack outputs, once the program ran inside a stack (see `runInPulumiStack`). */
    readonly outputs: Record<string, unknown>;
    /** Resolves once every registration started so far has been answered. */
    settled(): Promise<void>;
    /** The resource of that type and name; throws listing what exists when there is none. */
    get(type: string, name: string): PlanResource;
    toPlan(): Plan;
}

function qualifyKey(project: string, key: string): string {
    return key.includes(":") ? key : `${project}:${key}`;
}

/** Orders resources depth-first from the stack, siblings by URN, so plans are reproducible. */
function treeOrder(resources: PlanResource[]): PlanResource[] {
    const children = new Map<string | null, PlanResource[]>();
    const urns = new Set(resources.map((r) => r.urn));
    for (const r of resources) {
        const key = r.parent !== null && urns.has(r.parent) ? r.parent : null;
        const list = children.get(key) ?? [];
        list.push(r);
        children.set(key, list);
    }
    const out: PlanResource[] = [];
    const visit = (key: string | null): void => {
        for (const r of (children.get(key) ?? []).sort((a, b) => (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0))) {
            out.push(r);
            visit(r.urn);
        }
    };
    visit(null);
    return out;
}

function toPlanResource(reg: Registration, stackUrn: string | undefined, projectDir: string): PlanResource {
    const resource: PlanResource = {
        urn: reg.urn,
        type: reg.type,
        name: reg.name,
        custom: reg.custom,
        parent: reg.parent === "" || reg.parent === stackUrn ? null : reg.parent,
        dependencies: reg.dependencies,
        props: renderValue(reg.rawInputs, projectDir) as Record<string, unknown>,
        options: reg.options,
    };
    if (reg.custom) {
        const state = renderValue(reg.rawState ?? {}, projectDir) as Record<string, unknown>;
        resource.outputs = { id: reg.id ?? "", ...state };
    }
    return resource;
}

/**
 * Installs mocks that answer like AWS (see `createAwsMocks`) behind a monitor that records
 * every registration, sets the config, and mirrors the feature flags `setMocks` enables.
 * Create resources (or require a program) afterwards, then `await recorder.settled()`.
 */
export function installRecordingMocks(opts: RecordingMocksOptions): Recorder {
    const config: Record<string, string> = {};
    for (const [k, v] of Object.entries(opts.config ?? {})) config[qualifyKey(opts.project, k)] = v;
    const secretKeys = (opts.secretKeys ?? []).map((k) => qualifyKey(opts.project, k));
    const region = opts.region ?? config["aws:region"] ?? "us-east-1";
    const projectDir = opts.projectDir ?? process.cwd();

    const monitor = new RecordingMonitor(opts.mocks ?? createAwsMocks({ region, stack: opts.stack }));
    settings.setMockOptions(monitor, opts.project, opts.stack, opts.preview ?? false);
    const store = getStore();
    store.supportsSecrets = true;
    store.supportsResourceReferences = true;
    store.supportsOutputValues = false;
    store.supportsDeletedWith = true;
    store.supportsReplaceWith = true;
    store.supportsAliasSpecs = true;
    store.supportsTransforms = false;
    store.supportsParameterization = true;
    store.supportsResourceHooks = true;
    store.supportsErrorHooks = true;
    pulumi.runtime.setAllConfig(config, secretKeys);

    const resources = (): PlanResource[] =>
        treeOrder(monitor.registrations.filter((r) => r.urn !== "").map((r) => toPlanResource(r, monitor.stackUrn, projectDir)));
    const outputs = (): Record<string, unknown> => renderValue(monitor.rawStackOutputs, projectDir) as Record<string, unknown>;
    // Exported by the runtime but left out of its typings.
    const { waitForRPCs } = settings as unknown as { waitForRPCs: () => Promise<void> };

    return {
        monitor,
        get resources() {
            return resources();
        },
        get outputs() {
            return outputs();
        },
        async settled() {
            do {
                await waitForRPCs();
                await new Promise((resolve) => setImmediate(resolve));
            } while (monitor.pending > 0);
        },
        get(type, name) {
            const all = resources();
            const found = all.find((r) => r.type === type && r.name === name);
            if (!found) {
                throw new Error(`no ${type} named ${name} was registered; registered: ${all.map((r) => `${r.type} ${r.name}`).join(", ")}`);
            }
            return found;
        },
        toPlan() {
            return { project: opts.project, stack: opts.stack, resources: resources(), outputs: outputs() };
        },
    };
}
