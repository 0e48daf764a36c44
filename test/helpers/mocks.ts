import * as pulumi from "@pulumi/pulumi";

/** A resource as the program registered it. */
export interface Registered {
    readonly type: string;
    readonly name: string;
    readonly inputs: Record<string, any>;
}

/**
 * Installs Pulumi mocks that record every custom resource and return realistic state
 * (ARNs, pool endpoint and ids) so that components can be exercised in-process.
 */
export function recordResources(stack = "test"): Registered[] {
    const registered: Registered[] = [];
    pulumi.runtime.setMocks(
        {
            newResource: (args) => {
                registered.push({ type: args.type, name: args.name, inputs: unwrapSecrets(args.inputs) as Record<string, any> });
                const id = args.type === "aws:cognito/userPool:UserPool" ? "us-east-1_TestPool1" : `${args.name}-id`;
                const service = args.type.split(":")[1]?.split("/")[0] ?? "x";
                return {
                    id,
                    state: {
                        ...args.inputs,
                        arn: `arn:aws:${service}:us-east-1:123456789012:${args.name}`,
                        endpoint: `cognito-idp.us-east-1.amazonaws.com/${id}`,
                        name: args.inputs.name ?? `${args.name}-1234567`,
                    },
                };
            },
            call: (args) => (args.token === "aws:index/getRegion:getRegion" ? { name: "us-east-1", region: "us-east-1", id: "us-east-1" } : args.inputs),
        },
        "cognito-stack",
        stack,
        false,
    );
    return registered;
}

const SIG = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** Mocks receive secret inputs wrapped in the engine's secret envelope; tests compare the values. */
function unwrapSecrets(v: unknown): unknown {
    if (Array.isArray(v)) return v.map(unwrapSecrets);
    if (v !== null && typeof v === "object") {
        const o = v as Record<string, unknown>;
        if (o[SIG] === SECRET_SIG) return unwrapSecrets(o.value);
        return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, unwrapSecrets(x)]));
    }
    return v;
}

export function resolve<T>(o: pulumi.Input<T> | undefined): Promise<T> {
    return new Promise((r) => pulumi.output(o).apply((v) => r(v as T)));
}

/** Waits until the registrations started so far have reached the mocks. */
export async function settle(): Promise<void> {
    for (let i = 0; i < 5; i++) {
        await new Promise((r) => setImmediate(r));
    }
}

export function byType(rs: readonly Registered[], type: string): Registered[] {
    return rs.filter((r) => r.type === type);
}

export function one(rs: readonly Registered[], type: string): Registered {
    const found = byType(rs, type);
    if (found.length !== 1) {
        throw new Error(`expected one ${type}, found ${found.length}: ${found.map((r) => r.name).join(", ")}`);
    }
    return found[0];
}
