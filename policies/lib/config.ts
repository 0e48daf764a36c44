import { PolicyConfigSchema, ResourceValidationArgs, StackValidationArgs } from "@pulumi/policy";

type Settings = Record<string, string | number | boolean | string[]>;

/**
 * Which way a setting lets more through: a higher or lower number, `true`, a list with more
 * entries (an allow-list) or fewer (a list of requirements), or any change at all. A stack config that moves a setting
 * that way needs a written `reason`, like a lowered enforcement level.
 */
export type Looser = "higher" | "lower" | "true" | "more" | "fewer" | "changed";

const looserBySchema = new WeakMap<PolicyConfigSchema, Readonly<Record<string, Looser>>>();

/**
 * A policy's thresholds: the defaults live here once, the `configSchema` published to the
 * engine is derived from them, and `read` merges the stack's config over them.
 */
export function settings<T extends Settings>(
    defaults: T,
    describe: Record<keyof T, string>,
    looser: Partial<Record<keyof T, Looser>> = {},
): {
    schema: PolicyConfigSchema;
    read(args: ResourceValidationArgs | StackValidationArgs): T;
} {
    const properties: PolicyConfigSchema["properties"] = {};
    for (const [key, value] of Object.entries(defaults)) {
        const description = describe[key];
        if (Array.isArray(value)) {
            properties[key] = { type: "array", items: { type: "string" }, default: value, description };
        } else if (typeof value === "number") {
            properties[key] = { type: Number.isInteger(value) ? "integer" : "number", minimum: 0, default: value, description };
        } else {
            properties[key] = { type: typeof value as "string" | "boolean", default: value, description };
        }
    }
    const schema: PolicyConfigSchema = { properties };
    looserBySchema.set(schema, looser as Record<string, Looser>);
    return {
        schema,
        read: (args) => ({ ...defaults, ...args.getConfig<Partial<T>>() }),
    };
}

/**
 * Whether `value` lets more through than the schema's default for `key`, and how, or undefined
 * when it does not (or the setting has no direction).
 */
export function loosens(schema: PolicyConfigSchema | undefined, key: string, value: unknown): string | undefined {
    const direction = schema ? looserBySchema.get(schema)?.[key] : undefined;
    const fallback: unknown = schema?.properties[key]?.default;
    if (!direction) {
        return undefined;
    }
    const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
    switch (direction) {
        case "higher":
            return typeof value === "number" && typeof fallback === "number" && value > fallback ? `raises it above ${fallback}` : undefined;
        case "lower":
            return typeof value === "number" && typeof fallback === "number" && value < fallback ? `lowers it below ${fallback}` : undefined;
        case "true":
            return value === true && fallback !== true ? "turns it on" : undefined;
        case "more": {
            const added = list(value).filter((v) => !list(fallback).includes(v));
            return added.length > 0 ? `adds ${JSON.stringify(added)}` : undefined;
        }
        case "fewer": {
            const removed = list(fallback).filter((v) => !list(value).includes(v));
            return removed.length > 0 ? `removes ${JSON.stringify(removed)}` : undefined;
        }
        case "changed":
            return JSON.stringify(value) !== JSON.stringify(fallback) ? `changes it from ${JSON.stringify(fallback)}` : undefined;
    }
}
