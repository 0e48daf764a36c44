/** Stack resources as the policy engine hands them to a stack policy, built by hand for unit tests. */
import { PolicyResource } from "@pulumi/policy";

/** The type token of a provider resource class (`aws:iam/role:Role`). */
export function tokenOf(resourceClass: unknown): string {
    return (resourceClass as { __pulumiType: string }).__pulumiType;
}

/** Counts `isType` calls, to show which lookups go by type token. */
export const isTypeCalls = { count: 0 };

/** A resource of `resourceClass` with its (input and output) props. */
export function resource(resourceClass: unknown, name: string, props: Record<string, unknown>): PolicyResource {
    const type = typeof resourceClass === "string" ? resourceClass : tokenOf(resourceClass);
    return {
        type,
        name,
        urn: `urn:pulumi:dev::cognito-stack::${type}::${name}`,
        props,
        opts: { protect: false, ignoreChanges: [], aliases: [], customTimeouts: {}, additionalSecretOutputs: [] } as unknown as PolicyResource["opts"],
        dependencies: [],
        propertyDependencies: {},
        isType: (c: unknown) => {
            isTypeCalls.count++;
            const token = (c as { __pulumiType?: unknown }).__pulumiType;
            const isInstance = (c as { isInstance?: (o: unknown) => boolean }).isInstance;
            return token === type || (typeof token !== "string" && typeof isInstance === "function" && isInstance({ __pulumiType: type }));
        },
        asType: () => undefined,
    } as PolicyResource;
}
