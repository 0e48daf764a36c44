/**
 * Reads a Pulumi project (`Pulumi.yaml`) and one stack's settings (`Pulumi.<stack>.yaml`) and
 * resolves the configuration map the engine would hand the program: project-level `config:`
 * defaults and values merged under the stack's values, declared keys checked, every value a
 * string (objects JSON-encoded), `secure:` values replaced by a placeholder that stays secret.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as YAML from "yaml";

export interface ProjectConfigType {
    type?: string;
    description?: string;
    items?: { type: string; items?: unknown };
    default?: unknown;
    value?: unknown;
    secret?: boolean;
}

export interface PulumiProject {
    name: string;
    runtime: unknown;
    /** Entry point relative to the project directory, when `Pulumi.yaml` names one. */
    main?: string;
    stackConfigDir?: string;
    /** Declared config, shorthand entries already rewritten as the engine does. */
    config: Record<string, ProjectConfigType>;
}

export interface ResolvedConfig {
    /** Fully qualified key (`namespace:name`) to the string value the program reads. */
    config: Record<string, string>;
    /** Keys whose value came from a `secure:` entry; the program sees them as secrets. */
    secretKeys: string[];
}

/** A stack, project or config problem found before the program runs. */
export class ConfigError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "ConfigError";
    }
}

const PROJECT_FILES = ["Pulumi.yaml", "Pulumi.yml"];

/** The value a `secure:` entry stands for: never the plaintext, which cannot be decrypted here. */
export function secretPlaceholder(key: string): string {
    return `placeholder-secret-${key.replace(/:/g, "-")}`;
}

function readDocument(file: string): YAML.Document.Parsed {
    const doc = YAML.parseDocument(fs.readFileSync(file, "utf8"));
    if (doc.errors.length > 0) {
        throw new ConfigError(`could not parse ${file}: ${doc.errors[0].message}`);
    }
    return doc;
}

function readYaml(file: string): unknown {
    return readDocument(file).toJS() as unknown;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function projectFile(projectDir: string): string {
    for (const f of PROJECT_FILES) {
        const p = path.join(projectDir, f);
        if (fs.existsSync(p)) return p;
    }
    throw new ConfigError(`no Pulumi.yaml found in ${projectDir}; run the plan from the project directory or pass its path`);
}

/** A project key is declared in the project namespace when it has no namespace or the project's own. */
function namespacedByProject(project: string, key: string): boolean {
    return !key.includes(":") || key.startsWith(`${project}:`);
}

export function loadProject(projectDir: string): PulumiProject {
    const file = projectFile(projectDir);
    const raw = readYaml(file);
    if (!isPlainObject(raw) || typeof raw.name !== "string" || raw.name === "") {
        throw new ConfigError(`${file}: project is missing a non-empty string 'name' attribute`);
    }
    const name = raw.name;
    const config: Record<string, ProjectConfigType> = {};
    if (isPlainObject(raw.config)) {
        for (const [key, value] of Object.entries(raw.config)) {
            // Shorthand: a bare value is a default for a project key and a value for any other namespace.
            if (!isPlainObject(value)) {
                config[key] = namespacedByProject(name, key) ? { default: value } : { value };
                continue;
            }
            const decl = value as ProjectConfigType;
            if (decl.default !== undefined && decl.value !== undefined) {
                throw new ConfigError(`project config '${key}' cannot have both a 'default' and 'value' attribute`);
            }
            if (!namespacedByProject(name, key) && decl.type !== undefined) {
                throw new ConfigError(`Configuration key '${key}' is not namespaced by the project and should not define a type`);
            }
            if (decl.type !== undefined && decl.default !== undefined && !matchesType(decl, decl.default)) {
                throw new ConfigError(
                    `The default value specified for configuration key '${key}' is not of the expected type '${typeName(decl)}'`,
                );
            }
            config[key] = decl;
        }
    }
    return {
        name,
        runtime: raw.runtime,
        main: typeof raw.main === "string" ? raw.main : undefined,
        stackConfigDir: typeof raw.stackConfigDir === "string" ? raw.stackConfigDir : undefined,
        config,
    };
}

function stackDir(projectDir: string, project: PulumiProject): string {
    return project.stackConfigDir ? path.resolve(projectDir, project.stackConfigDir) : projectDir;
}

export function stackFile(projectDir: string, project: PulumiProject, stack: string): string {
    return path.join(stackDir(projectDir, project), `Pulumi.${stack}.yaml`);
}

/** Stack names that have a `Pulumi.<stack>.yaml`, sorted. */
export function listStacks(projectDir: string, project: PulumiProject = loadProject(projectDir)): string[] {
    const dir = stackDir(projectDir, project);
    if (!fs.existsSync(dir)) return [];
    return fs
        .readdirSync(dir)
        .map((f) => /^Pulumi\.(.+)\.ya?ml$/.exec(f)?.[1])
        .filter((s): s is string => s !== undefined)
        .sort();
}

function qualify(project: string, key: string): string {
    return key.includes(":") ? key : `${project}:${key}`;
}

function typeName(decl: { type?: string; items?: { type: string; items?: unknown } }): string {
    return decl.items ? `array<${typeName(decl.items as { type: string })}>` : (decl.type ?? "");
}

/** The engine's type check for declared config (`ValidateConfigValue` in pulumi/sdk workspace). */
function matchesType(decl: { type?: string; items?: { type: string; items?: unknown } }, value: unknown): boolean {
    switch (decl.type) {
        case "string":
            return typeof value === "string";
        case "integer":
            return (typeof value === "number" && Number.isInteger(value)) || (typeof value === "string" && /^[-+]?\d+$/.test(value));
        case "boolean":
            return typeof value === "boolean" || value === "true" || value === "false";
        default:
            return (
                Array.isArray(value) &&
                decl.items !== undefined &&
                value.every((v) => matchesType(decl.items as { type: string; items?: { type: string } }, v))
            );
    }
}

interface StackValue {
    /** What the program reads. */
    text: string;
    /** The structured value, for type checks. */
    structured: unknown;
    secure: boolean;
}

function isSecureEntry(v: unknown): v is { secure: string } {
    return isPlainObject(v) && Object.keys(v).length === 1 && typeof v.secure === "string";
}

/** Replaces nested `secure:` leaves by placeholders; reports whether any was found. */
function replaceSecure(v: unknown, keyPath: string): { value: unknown; secure: boolean } {
    if (isSecureEntry(v)) return { value: secretPlaceholder(keyPath), secure: true };
    if (Array.isArray(v)) {
        let secure = false;
        const value = v.map((e, i) => {
            const r = replaceSecure(e, `${keyPath}[${i}]`);
            secure ||= r.secure;
            return r.value;
        });
        return { value, secure };
    }
    if (isPlainObject(v)) {
        let secure = false;
        const value: Record<string, unknown> = {};
        for (const [k, e] of Object.entries(v)) {
            const r = replaceSecure(e, `${keyPath}.${k}`);
            secure ||= r.secure;
            value[k] = r.value;
        }
        return { value, secure };
    }
    return { value: v, secure: false };
}

/**
 * A scalar of the stack file as the engine reads it: as written for a plain scalar (`True`,
 * `1.50` and `0x10` stay so; the engine decodes every scalar into a string), unquoted for a
 * quoted one, and empty for null.
 */
function scalarText(node: YAML.Scalar): string {
    const value: unknown = node.value;
    if (value === null || value === undefined) return "";
    if (node.type === YAML.Scalar.PLAIN && typeof node.source === "string") return node.source;
    return typeof value === "string" ? value : JSON.stringify(value);
}

function toStackValue(raw: unknown, key: string): StackValue {
    const { value, secure } = replaceSecure(raw, key);
    if (value === null || value === undefined) return { text: "", structured: "", secure };
    if (typeof value === "object") return { text: JSON.stringify(value), structured: value, secure };
    // The engine keeps scalars as strings and type-checks that string form.
    const text = typeof value === "string" ? value : JSON.stringify(value);
    return { text, structured: text, secure };
}

/**
 * Resolves the configuration of `stack` the way `pulumi up` does before it starts the program
 * (`ValidateStackConfigAndApplyProjectConfig` in pulumi/sdk): stack values win, project
 * defaults/values fill the gaps, required project keys must be set, declared types and
 * `secret: true` declarations are enforced.
 */
export function resolveStackConfig(projectDir: string, project: PulumiProject, stack: string): ResolvedConfig {
    const file = stackFile(projectDir, project, stack);
    const doc = readDocument(file);
    const configNode: unknown = YAML.isMap(doc.contents) ? doc.contents.get("config", true) : undefined;
    if (configNode !== undefined && configNode !== null && !YAML.isMap(configNode) && !(YAML.isScalar(configNode) && configNode.value === null)) {
        throw new ConfigError(`${path.basename(file)}: config must be a map of keys to values`);
    }

    const values = new Map<string, StackValue>();
    for (const pair of YAML.isMap(configNode) ? configNode.items : []) {
        const key = String(YAML.isScalar(pair.key) ? pair.key.value : pair.key);
        const qualified = qualify(project.name, key);
        const node = pair.value;
        values.set(qualified, YAML.isScalar(node) ? { text: scalarText(node), structured: scalarText(node), secure: false } : toStackValue(YAML.isNode(node) ? node.toJS(doc) : null, qualified));
    }

    const missing: string[] = [];
    const declaredKeys = Object.keys(project.config).sort();
    for (const key of declaredKeys) {
        const decl = project.config[key];
        const qualified = qualify(project.name, key);
        if (values.has(qualified)) continue;
        const fallback = decl.default ?? decl.value;
        if (fallback === undefined) {
            if (namespacedByProject(project.name, key)) missing.push(key);
            continue;
        }
        values.set(qualified, toStackValue(fallback, qualified));
    }
    if (missing.length > 0) {
        const list = missing.map((k) => `'${k}'`);
        const joined = list.length === 1 ? list[0] : `${list.slice(0, -1).join(", ")} and ${list[list.length - 1]}`;
        throw new ConfigError(
            `Stack '${stack}' is missing configuration value${missing.length > 1 ? "s" : ""} ${joined}; ` +
                `set ${missing.length > 1 ? "them" : "it"} in ${path.basename(file)} or give a default in Pulumi.yaml`,
        );
    }

    for (const key of declaredKeys) {
        const decl = project.config[key];
        const stackValue = values.get(qualify(project.name, key));
        if (stackValue === undefined || decl.type === undefined) continue;
        if (decl.secret && !stackValue.secure) {
            throw new ConfigError(
                `Stack '${stack}' with configuration key '${key}' must be encrypted as it's secret; set it with \`pulumi config set --secret ${key}\``,
            );
        }
        if (!stackValue.secure && !matchesType(decl, stackValue.structured)) {
            throw new ConfigError(`Stack '${stack}' with configuration key '${key}' must be of type '${typeName(decl)}'`);
        }
    }

    const config: Record<string, string> = {};
    const secretKeys: string[] = [];
    for (const key of [...values.keys()].sort()) {
        const v = values.get(key) as StackValue;
        config[key] = v.text;
        if (v.secure) secretKeys.push(key);
    }
    return { config, secretKeys };
}
