/**
 * From the engine's text to values, and from zod's findings to the project's issues. The engine
 * hands every key to the program as text: scalars as written in the stack file, lists and
 * objects as JSON. A value of the wrong shape is reported here, with its key, the value and a
 * fix; nothing is guessed.
 */
import type { z } from "zod";
import { issue, ValidationIssue } from "../components/issues";
import { CONFIG_NAMESPACE, ConfigKey, KeyKind, keyKind, knownKeysAt, numberRange, schemaAt, stackConfigShape } from "./schema";
import { PROVIDER_SECRET, SET_SECRET } from "./secrets";
import { closest } from "./suggest";

export type Decoded = { ok: true; value: unknown } | { ok: false; issue: ValidationIssue };

/** YAML 1.2 spells booleans true, True or TRUE (and false likewise); yes/no/on/off are text. */
const BOOLEAN_TEXT: Record<string, boolean> = { true: true, True: true, TRUE: true, false: false, False: false, FALSE: false };

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
    try {
        return { ok: true, value: JSON.parse(text) as unknown };
    } catch {
        return { ok: false };
    }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** What a value is, in words: `a list`, `an object`, `text`. */
export function describeType(v: unknown): string {
    if (Array.isArray(v)) return "a list";
    if (v === null) return "null";
    if (typeof v === "object") return "an object";
    if (typeof v === "string") return "text";
    return `a ${typeof v}`;
}

/** Example value of a key for fixes: its default, or a typical value. */
function example(key: ConfigKey, kind: KeyKind): string {
    const d = stackConfigShape[key].safeParse(undefined);
    if (d.success && d.data !== undefined) {
        const v = d.data as unknown;
        // A default of settings objects (appClients) has no one-line form: the generic example.
        if (kind === "list" && Array.isArray(v) && v.length > 0 && v.every((x) => typeof x !== "object")) return `[${v.map(String).join(", ")}]`;
        if (kind !== "object" && kind !== "list") return String(v);
    }
    return { string: "<text>", boolean: "true", number: "<number>", list: "[<item>, <item>]", object: "{}", json: "<value>" }[kind];
}

/**
 * Decodes one key's text as the engine passes it. Strings stay text (an object or list given
 * for one is refused); everything else is JSON, booleans also in YAML's other spellings.
 */
export function decodeKey(key: ConfigKey, text: string): Decoded {
    const kind = keyKind(key);
    const set = `pulumi config set ${key}`;
    const fail = (rule: string, fix: string): Decoded => ({ ok: false, issue: issue(key, rule, text, fix) });
    switch (kind) {
        case "string": {
            const json = /^\s*[[{]/.test(text) ? parseJson(text) : { ok: false as const };
            if (json.ok && typeof json.value === "object" && json.value !== null) {
                return { ok: false, issue: issue(key, `must be text, not ${describeType(json.value)}`, json.value, `set it to a single value: ${set} ${example(key, kind)}`) };
            }
            return { ok: true, value: text };
        }
        case "boolean": {
            if (Object.hasOwn(BOOLEAN_TEXT, text)) return { ok: true, value: BOOLEAN_TEXT[text] };
            return fail("must be true or false", `${set} ${/^(no|off|n)$/i.test(text) ? "false" : "true"} (YAML's yes/no/on/off are text, not booleans)`);
        }
        case "number": {
            const json = parseJson(text);
            if (json.ok && typeof json.value === "number") return { ok: true, value: json.value };
            return fail(`must be a ${isIntegerKey(key) ? "whole number" : "number"}`, `${set} ${example(key, kind)}`);
        }
        case "list": {
            const json = parseJson(text);
            if (json.ok && Array.isArray(json.value)) return { ok: true, value: json.value };
            const items = text.split(",").map((s) => s.trim()).filter((s) => s !== "");
            const yaml = items.length > 0 && !/[[\]{}:]/.test(text) ? `[${items.join(", ")}]` : example(key, kind);
            return fail("must be a list", `write it as a YAML list in Pulumi.<stack>.yaml, e.g. ${key}: ${yaml}`);
        }
        case "object": {
            const json = parseJson(text);
            if (json.ok && isObject(json.value)) return { ok: true, value: json.value };
            const enable = (key === "api" || key === "triggers") && /^(true|yes|on)$/i.test(text);
            return fail(
                "must be an object (key: value settings)",
                enable ? `write ${key}: {} to use the defaults, or list its settings (the README gives them)` : `write it as YAML key: value pairs under ${key} in Pulumi.<stack>.yaml; the README lists its settings`,
            );
        }
        default: {
            const json = parseJson(text);
            return { ok: true, value: json.ok ? json.value : text };
        }
    }
}

function isIntegerKey(key: ConfigKey): boolean {
    return numberRange(stackConfigShape[key]).int;
}

/** `from 6 to 99`, `0 or more`, `greater than 0`. */
function rangeText(path: readonly PropertyKey[]): string | undefined {
    const schema = schemaAt(path);
    if (schema === undefined) return undefined;
    const { min, max } = numberRange(schema);
    if (min !== undefined && max !== undefined) return `from ${min} to ${max}`;
    if (min !== undefined) return `${min} or more`;
    return max !== undefined ? `${max} or less` : undefined;
}

/** `appClients[0].callbackUrls[1]`. */
export function formatPath(path: readonly PropertyKey[]): string {
    let out = "";
    for (const p of path) {
        out += typeof p === "number" ? `[${p}]` : out ? `.${String(p)}` : String(p);
    }
    return out;
}

export function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
    let v: unknown = raw;
    for (const p of path) {
        if (v === null || typeof v !== "object") return undefined;
        v = (v as Record<PropertyKey, unknown>)[p];
    }
    return v;
}

/** How to set a value: the CLI for a top-level key, the stack file for a nested one. */
function setTo(path: readonly PropertyKey[], value: string): string {
    return path.length > 1 ? `set ${formatPath(path)} to ${value} in Pulumi.<stack>.yaml` : `pulumi config set ${formatPath(path)} ${value}`;
}

const EXPECTED: Record<string, string> = {
    int: "a whole number",
    number: "a number",
    boolean: "true or false",
    string: "text",
    array: "a list",
    object: "an object (key: value settings)",
    record: "an object (key: value settings)",
};

/** zod's findings about one key (paths start at the key), as the project's issues. */
export function fromZodIssues(zodIssues: readonly z.core.$ZodIssue[], raw: unknown, key: ConfigKey): ValidationIssue[] {
    const out: ValidationIssue[] = [];
    const root = { [key]: raw };
    for (const zi of zodIssues) {
        const path = [key, ...zi.path];
        const field = formatPath(path);
        if (zi.code === "unrecognized_keys") {
            const known = knownKeysAt(path);
            for (const k of zi.keys) {
                const secretKey = /secret|private_?key/i.test(k) ? PROVIDER_SECRET[key] : undefined;
                const secret = secretKey !== undefined ? SET_SECRET[secretKey] : undefined;
                const suggestion = closest(k, known);
                const value = valueAt(root, [...path, k]);
                out.push(
                    issue(
                        formatPath([...path, k]),
                        `is not a setting of ${field}`,
                        secret !== undefined ? "[hidden: looks like a secret]" : value,
                        secret !== undefined
                            ? `remove it: the secret has its own key, set encrypted with ${secret}`
                            : `${suggestion !== undefined ? `did you mean ${suggestion}? ` : ""}${field} takes ${known.join(", ")}`,
                    ),
                );
            }
            continue;
        }
        // A bad record key is shown as the key itself.
        const received = zi.code === "invalid_key" ? path[path.length - 1] : valueAt(root, path);
        if (received === undefined && zi.code === "invalid_type") {
            out.push(issue(field, "is required", undefined, `add ${formatPath(path.slice(-1))} to ${formatPath(path.slice(0, -1))} in Pulumi.<stack>.yaml`));
            continue;
        }
        const { rule, fix } = describe(zi, received, path);
        out.push(issue(field, rule, received, fix));
    }
    return out;
}

function describe(zi: z.core.$ZodIssue, received: unknown, path: readonly PropertyKey[]): { rule: string; fix: string } {
    const custom = zi.message.startsWith("must") ? zi.message : undefined;
    const fix = (zi as { params?: { fix?: string } }).params?.fix;
    const at = formatPath(path);
    switch (zi.code) {
        case "invalid_value": {
            const values = zi.values.map(String);
            const suggestion = typeof received === "string" ? closest(received, values) : undefined;
            return {
                rule: custom ?? `must be one of ${values.join(", ")}`,
                fix: fix ?? (suggestion !== undefined ? `did you mean ${suggestion}? ${setTo(path, suggestion)}` : setTo(path, `<${values.join("|")}>`)),
            };
        }
        case "invalid_type": {
            const expected = EXPECTED[zi.expected] ?? `of type ${zi.expected}`;
            if (zi.expected === "int" && typeof received === "number") {
                return { rule: custom ?? "must be a whole number", fix: fix ?? setTo(path, String(Math.round(received))) };
            }
            const quoted = typeof received === "string" && ["boolean", "number", "int"].includes(zi.expected);
            return { rule: custom ?? `must be ${expected}, not ${describeType(received)}`, fix: fix ?? `write ${at} as ${expected}${quoted ? " without quotes" : ""} in Pulumi.<stack>.yaml` };
        }
        case "too_small":
        case "too_big": {
            const small = zi.code === "too_small";
            const bound = String(small ? zi.minimum : zi.maximum);
            const plural = bound === "1" ? "" : "s";
            const what = zi.origin === "array" ? `${bound} item${plural}` : zi.origin === "string" ? `${bound} character${plural}` : bound;
            const rule = custom ?? (zi.origin === "array" ? `must have at ${small ? "least" : "most"} ${what}` : `must be at ${small ? "least" : "most"} ${what}`);
            if (zi.origin === "array" || zi.origin === "string") return { rule, fix: fix ?? `give ${at} at ${small ? "least" : "most"} ${what}` };
            const range = rangeText(path);
            return { rule, fix: fix ?? `use a value ${range ?? `${small ? "of at least" : "of at most"} ${bound}`}: ${setTo(path, bound)}` };
        }
        case "invalid_key": {
            const inner = zi.issues.find((i) => i.message.startsWith("must"));
            return { rule: inner?.message ?? "is not a valid key here", fix: fix ?? `rename the key ${String(path[path.length - 1])} in Pulumi.<stack>.yaml` };
        }
        case "invalid_union":
            return { rule: custom ?? "has the wrong type", fix: fix ?? `write ${at} as the README's Configuration section gives it` };
        default:
            return { rule: custom ?? `is invalid: ${zi.message}`, fix: fix ?? `correct ${at}; the README's Configuration section gives its format` };
    }
}

/** `cognito-stack:<field>` unless the field names its own namespace (a key outside ours). */
export function qualifiedField(field: string): string {
    const top = /^[^.[]*/.exec(field)?.[0] ?? field;
    return top.includes(":") ? field : `${CONFIG_NAMESPACE}:${field}`;
}

export interface KeyResult {
    /** The parsed value, with defaults in place of the values reported; absent when it cannot be had. */
    readonly data?: unknown;
    readonly issues: ValidationIssue[];
    /** Paths of what was reported (an unknown setting also stands for the one it resembles). */
    readonly badPaths: string[];
}

/**
 * Parses one key. A nested setting that is wrong is reported, then left out so that its default
 * applies and the rest of the key can still be checked against the other keys; when that does
 * not give a valid value (a required setting, a list item), the key has no value at all.
 */
export function parseKey(key: ConfigKey, value: unknown): KeyResult {
    const schema = stackConfigShape[key];
    const first = schema.safeParse(value);
    if (first.success) return { data: first.data, issues: [], badPaths: [] };
    const issues = fromZodIssues(first.error.issues, value, key);
    const badPaths: string[] = [];
    const repaired = structuredClone(value);
    let repairable = true;
    const removals: [unknown[], number][] = [];
    for (const zi of first.error.issues) {
        const targets = zi.code === "unrecognized_keys" ? zi.keys.map((k) => [...zi.path, k]) : [zi.path];
        for (const t of targets) {
            badPaths.push(formatPath([key, ...t]));
            const last = t[t.length - 1];
            if (zi.code === "unrecognized_keys") {
                const meant = closest(String(last), knownKeysAt([key, ...t.slice(0, -1)]));
                if (meant !== undefined) badPaths.push(formatPath([key, ...t.slice(0, -1), meant]));
            }
            const parent = valueAt(repaired, t.slice(0, -1));
            if (typeof last === "string" && isObject(parent)) delete parent[last];
            // An item of a list inside a list item (a client's URL) can go: its index is reported
            // already, and the rules judge nothing else of that item. A top-level item cannot.
            else if (typeof last === "number" && t.length >= 3 && Array.isArray(parent)) removals.push([parent, last]);
            else repairable = false;
        }
    }
    for (const [list, index] of removals.sort((a, b) => b[1] - a[1])) list.splice(index, 1);
    const second = repairable ? schema.safeParse(repaired) : undefined;
    return { data: second?.success ? second.data : undefined, issues, badPaths };
}
