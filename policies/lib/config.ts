import { PolicyConfigSchema, ResourceValidationArgs, StackValidationArgs } from "@pulumi/policy";

type Settings = Record<string, string | number | boolean | string[]>;

/**
 * A policy's thresholds: the defaults live here once, the `configSchema` published to the
 * engine is derived from them, and `read` merges the stack's config over them.
 */
export function settings<T extends Settings>(defaults: T, describe: Record<keyof T, string>): {
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
    return {
        schema: { properties },
        read: (args) => ({ ...defaults, ...args.getConfig<Partial<T>>() }),
    };
}
