/**
 * Helpers for reading events that arrive as JSON. An attacker shapes part of every event (user
 * attributes, group names, headers), so values are read as own properties only and checked
 * for their type before use: `toString`, `constructor` or `__proto__` are data, never members.
 */

/** Thrown when an event lacks the shape its source sends; the message names the field. */
export class MalformedEventError extends Error {
    constructor(what: string) {
        super(`Malformed event: ${what}`);
        this.name = "MalformedEventError";
    }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The event itself as an object, or a MalformedEventError. */
export function eventRecord(value: unknown): Record<string, unknown> {
    if (!isRecord(value)) {
        throw new MalformedEventError(`the event must be an object (received: ${describe(value)})`);
    }
    return value;
}

/** The value of an own property, or undefined (never one inherited from a prototype). */
export function own(value: unknown, key: string): unknown {
    return isRecord(value) && Object.hasOwn(value, key) ? value[key] : undefined;
}

/** An object field of `value`, or a MalformedEventError naming it. */
export function recordAt(value: unknown, key: string, path: string): Record<string, unknown> {
    const field = own(value, key);
    if (!isRecord(field)) {
        throw new MalformedEventError(`${path} must be an object (received: ${describe(field)})`);
    }
    return field;
}

/** A string field of `value`, or a MalformedEventError naming it. */
export function stringAt(value: unknown, key: string, path: string): string {
    const field = own(value, key);
    if (typeof field !== "string") {
        throw new MalformedEventError(`${path} must be a string (received: ${describe(field)})`);
    }
    return field;
}

/** A map of string to string (user attributes, claims), or a MalformedEventError naming the bad entry. */
export function stringMapAt(value: unknown, key: string, path: string): ReadonlyMap<string, string> {
    const out = new Map<string, string>();
    for (const [name, v] of Object.entries(recordAt(value, key, path))) {
        if (typeof v !== "string") {
            throw new MalformedEventError(`${path}[${JSON.stringify(name)}] must be a string (received: ${describe(v)})`);
        }
        out.set(name, v);
    }
    return out;
}

/** An optional array of strings, or a MalformedEventError naming it. */
export function optionalStringsAt(value: unknown, key: string, path: string): string[] | undefined {
    const field = own(value, key);
    if (field === undefined || field === null) {
        return undefined;
    }
    if (!Array.isArray(field) || !field.every((v): v is string => typeof v === "string")) {
        throw new MalformedEventError(`${path} must be an array of strings (received: ${describe(field)})`);
    }
    return field;
}

/** A short, safe description of a received value for error messages. */
export function describe(value: unknown): string {
    if (value === undefined) {
        return "nothing";
    }
    if (value === null || Array.isArray(value)) {
        return value === null ? "null" : "an array";
    }
    return typeof value === "object" ? "an object" : `a ${typeof value}`;
}
