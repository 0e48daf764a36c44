/**
 * Typed reads of resource props. A plan (or a program) can hold anything where a policy expects
 * a boolean, a list or an object; a policy never guesses. Strings the provider itself coerces
 * ("true", "12") are read as what they say, so `"true"` is never read as off; anything else of
 * the wrong kind is a `MalformedValueError` naming the field, which the offline check turns into
 * exit code 2 and the engine into a mandatory violation.
 */

/** A value of the wrong kind: the field, what it must be and what it is. */
export class MalformedValueError extends Error {
    constructor(
        readonly field: string,
        readonly expected: string,
        readonly received: unknown,
        /** The resource holding it, when a stack policy reads another resource's field. */
        readonly urn?: string,
    ) {
        super(`${field} must be ${expected} (received: ${show(received)})`);
    }
}

/** A short rendering of a received value for messages. */
export function show(value: unknown): string {
    let text: string;
    try {
        text = JSON.stringify(value) ?? String(value);
    } catch {
        // Too deep or circular for JSON; String() recurses into nested arrays as deeply.
        text = Array.isArray(value) ? "[...]" : String(value);
    }
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Reads of one resource's props (or a nested object of them) by dotted path. `null` and
 * `undefined` are both "not set", as they are for the provider.
 */
export class Fields {
    constructor(
        readonly value: Record<string, unknown>,
        /** Where the fields sit, for messages: `userPoolAddOns`, or a resource's description. */
        readonly where: string = "",
        readonly urn?: string,
    ) {}

    private name(path: string): string {
        return this.where ? `${this.where}.${path}` : path;
    }

    private fail(path: string, expected: string, received: unknown): never {
        throw new MalformedValueError(this.name(path), expected, received, this.urn);
    }

    /** The raw value at `path`; an intermediate that is set but not an object is malformed. */
    raw(path: string): unknown {
        const keys = path.split(".");
        let node: unknown = this.value;
        for (const [i, key] of keys.entries()) {
            if (node === undefined || node === null) {
                return undefined;
            }
            if (!isObject(node)) {
                this.fail(keys.slice(0, i).join("."), "an object", node);
            }
            node = node[key];
        }
        return node === null ? undefined : node;
    }

    str(path: string): string | undefined {
        const v = this.raw(path);
        if (v === undefined || typeof v === "string") {
            return v;
        }
        return this.fail(path, "a string", v);
    }

    bool(path: string): boolean | undefined {
        const v = this.raw(path);
        if (v === undefined || typeof v === "boolean") {
            return v;
        }
        if (v === "true" || v === "false") {
            return v === "true";
        }
        return this.fail(path, "a boolean", v);
    }

    num(path: string): number | undefined {
        const v = this.raw(path);
        if (v === undefined) {
            return undefined;
        }
        const n = typeof v === "string" && v.trim() !== "" ? Number(v) : v;
        if (typeof n === "number" && Number.isFinite(n)) {
            return n;
        }
        return this.fail(path, "a number", v);
    }

    /** A list of strings; a single string is not a list (the provider refuses it too). */
    strings(path: string): string[] | undefined {
        const v = this.raw(path);
        if (v === undefined) {
            return undefined;
        }
        if (Array.isArray(v) && v.every((x) => typeof x === "string")) {
            return v;
        }
        return this.fail(path, "a list of strings", v);
    }

    obj(path: string): Fields | undefined {
        const v = this.raw(path);
        if (v === undefined) {
            return undefined;
        }
        if (isObject(v)) {
            return new Fields(v, this.name(path), this.urn);
        }
        return this.fail(path, "an object", v);
    }

    objs(path: string): Fields[] {
        const v = this.raw(path);
        if (v === undefined) {
            return [];
        }
        if (Array.isArray(v) && v.every(isObject)) {
            return v.map((x, i) => new Fields(x, `${this.name(path)}[${i}]`, this.urn));
        }
        return this.fail(path, "a list of objects", v);
    }

    /** A map of string to string, such as `environment.variables` or `supportedLoginProviders`. */
    stringMap(path: string): Record<string, string> {
        const v = this.raw(path);
        if (v === undefined) {
            return {};
        }
        if (isObject(v) && Object.values(v).every((x) => typeof x === "string")) {
            return v as Record<string, string>;
        }
        return this.fail(path, "a map of strings", v);
    }
}

/** The fields of a resource, named in messages as `type "name"`. */
export function fieldsOf(resource: { type: string; name: string; urn: string; props: Record<string, unknown> }, describe = true): Fields {
    return new Fields(resource.props, describe ? `${resource.type.split(":").pop()} "${resource.name}"` : "", resource.urn);
}
