/** Environment variables as Lambda hands them over (process.env, or a plain object in tests). */
export type Env = Readonly<Record<string, string | undefined>>;

/** Thrown at init when the function's environment is invalid; lists every problem at once. */
export class ConfigError extends Error {
    constructor(readonly functionName: string, readonly problems: readonly string[]) {
        super(`Invalid configuration of the ${functionName} function:\n- ${problems.join("\n- ")}`);
        this.name = "ConfigError";
    }
}

/**
 * Collects configuration problems so that all of them are reported together, then throws
 * a ConfigError from `done` if any were found.
 */
export class EnvReader {
    private readonly problems: string[] = [];

    constructor(private readonly functionName: string, private readonly env: Env) {}

    /** Records a problem: the variable, the rule it breaks, the value received and the fix. */
    problem(name: string, rule: string, value: string | undefined, fix: string): void {
        const received = value === undefined ? "not set" : JSON.stringify(value);
        this.problems.push(`${name} ${rule} (received: ${received}); ${fix}`);
    }

    /** A trimmed value, or undefined when unset or blank. */
    optional(name: string): string | undefined {
        const value = this.env[name]?.trim();
        return value === undefined || value === "" ? undefined : value;
    }

    required(name: string, fix: string): string {
        const value = this.optional(name);
        if (value === undefined) {
            this.problem(name, "is required", this.env[name], fix);
            return "";
        }
        return value;
    }

    /** A value that must match `pattern`; `rule` describes it in words. */
    matching(name: string, pattern: RegExp, rule: string, fix: string, opts: { required: boolean }): string | undefined {
        const value = opts.required ? this.required(name, fix) : this.optional(name);
        if (value && !pattern.test(value)) {
            this.problem(name, `must be ${rule}`, value, fix);
        }
        return value;
    }

    /** A comma-separated list; each item trimmed, empty items dropped, each checked against `item`. */
    list(name: string, item: { pattern: RegExp; rule: string; fix: string }, opts: { required: boolean }): string[] {
        const raw = opts.required ? this.required(name, item.fix) : this.optional(name);
        const values = splitList(raw ?? "");
        const bad = values.filter((v) => !item.pattern.test(v));
        if (bad.length > 0) {
            this.problem(name, `must be a comma-separated list of ${item.rule}; invalid: ${bad.join(", ")}`, raw, item.fix);
        }
        // An unset or blank list is already reported as required (`required` gives "").
        if (opts.required && raw !== undefined && raw !== "" && values.length === 0) {
            this.problem(name, "must name at least one item", raw, item.fix);
        }
        return values;
    }

    /** A JSON value parsed and checked by `parse`, which returns an error text or the value. */
    json<T>(name: string, parse: (value: unknown) => T | string, rule: string, fix: string): T | undefined {
        const raw = this.optional(name);
        if (raw === undefined) {
            return undefined;
        }
        let parsed: unknown;
        try {
            parsed = JSON.parse(raw);
        } catch {
            this.problem(name, `must be valid JSON: ${rule}`, raw, fix);
            return undefined;
        }
        const result = parse(parsed);
        if (typeof result === "string") {
            this.problem(name, `must be ${rule}; ${result}`, raw, fix);
            return undefined;
        }
        return result;
    }

    /** Throws the collected problems, or returns `config` when there are none. */
    done<T>(config: T): T {
        if (this.problems.length > 0) {
            throw new ConfigError(this.functionName, this.problems);
        }
        return config;
    }
}

export function splitList(value: string): string[] {
    return value.split(",").map((v) => v.trim()).filter((v) => v !== "");
}

export const USER_POOL_ID_PATTERN = /^[\w-]+_[0-9a-zA-Z]+$/;
export const EMAIL_DOMAIN_PATTERN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
export const GROUP_NAME_PATTERN = /^[\p{L}\p{M}\p{S}\p{N}\p{P}]{1,128}$/u;
/** OAuth scope token (RFC 6749 section 3.3) as Cognito resource servers use them, e.g. `api/read`. */
export const SCOPE_PATTERN = /^[\x21\x23-\x5b\x5d-\x7e]{1,256}$/;
