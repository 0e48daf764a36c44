/** The shape of an offline plan (`npm run plan -- --stack <name> --json <file>`). */

/** Resource options as the program passed them to the engine. */
export interface PlanResourceOptions {
    protect: boolean;
    retainOnDelete: boolean;
    ignoreChanges: string[];
    deleteBeforeReplace: boolean;
    replaceOnChanges?: string[];
    additionalSecretOutputs?: string[];
    /** URN of the resource whose deletion also deletes this one, or null. */
    deletedWith?: string | null;
    /** The id of an existing resource the program adopts (Pulumi's `import` option); absent otherwise. */
    importId?: string;
    /** URN of the explicit provider the resource uses; absent for the default provider. */
    provider?: string;
}

export interface PlanResource {
    urn: string;
    /** Pulumi type token, e.g. `aws:iam/role:Role` or `cognito-stack:cognito:UserPool`. */
    type: string;
    name: string;
    /** true for provider-backed resources, false for components. */
    custom: boolean;
    /** URN of the parent, or null for children of the stack. */
    parent: string | null;
    dependencies: string[];
    /** Inputs as registered, with Outputs resolved; secrets shown as the placeholder `[secret]`. */
    props: Record<string, unknown>;
    options: PlanResourceOptions;
    /**
     * State the (mock) provider returned for a custom resource: the inputs plus computed
     * attributes such as `id` and `arn`. Stack-level policies read these, as the engine hands
     * them resource outputs; absent for components.
     */
    outputs?: Record<string, unknown>;
}

export interface Plan {
    project: string;
    stack: string;
    resources: PlanResource[];
    outputs: Record<string, unknown>;
}
