import * as pulumi from "@pulumi/pulumi";
import type { MockCallArgs, MockResourceArgs } from "@pulumi/pulumi/runtime/mocks";
import { deserializeProperties } from "@pulumi/pulumi/runtime/rpc";
import * as settings from "@pulumi/pulumi/runtime/settings";

export const REGION = "us-east-1";
export const ACCOUNT = "123456789012";

/** Inputs as the engine received them: untyped JSON. */
export type Json = any;

/** One registration as the engine received it. */
export interface Registered {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    readonly custom: boolean;
    /** URN of the parent. */
    readonly parent: string;
    /** URNs this resource depends on (dependsOn and the resources its inputs came from). */
    readonly dependencies: string[];
    readonly inputs: Record<string, Json>;
}

/** Registrations in order, with lookups that fail loudly when a resource is missing. */
export class Recording {
    readonly resources: Registered[] = [];
    readonly calls: string[] = [];

    ofType(type: string): Registered[] {
        return this.resources.filter((r) => r.type === type);
    }

    /** The one resource with this name (and type, when a component shares its child's name). */
    named(name: string, type?: string): Registered {
        const found = this.resources.filter((r) => r.name === name && (type === undefined || r.type === type));
        if (found.length !== 1) {
            throw new Error(`expected one ${type ?? "resource"} named ${name}, found ${found.length}: ${this.resources.map((r) => r.name).join(", ")}`);
        }
        return found[0];
    }

    byUrn(urn: string): Registered {
        const r = this.resources.find((x) => x.urn === urn);
        if (r === undefined) {
            throw new Error(`no resource with urn ${urn}`);
        }
        return r;
    }

    /** Names of the resources `r` depends on. */
    dependencyNames(r: Registered): string[] {
        return r.dependencies.map((u) => this.byUrn(u).name);
    }

    /** Whether `from` depends on `to`, directly or through other resources. */
    dependsOn(from: Registered, to: Registered, seen = new Set<string>()): boolean {
        for (const u of from.dependencies) {
            if (u === to.urn) return true;
            if (!seen.has(u)) {
                seen.add(u);
                if (this.dependsOn(this.byUrn(u), to, seen)) return true;
            }
        }
        return false;
    }
}

/** Provider state as AWS would return it: the inputs plus the computed attributes tests rely on. */
function state(args: MockResourceArgs): { id: string; state: Record<string, unknown> } {
    const i = args.inputs as Record<string, Json>;
    const physical = (i.name as string | undefined) ?? `${args.name}-1a2b3c4`;
    const arn = (service: string, resource: string) => `arn:aws:${service}:${REGION}:${ACCOUNT}:${resource}`;
    switch (args.type) {
        case "aws:cognito/userPool:UserPool": {
            const id = `${REGION}_Mock1Pool`;
            return { id, state: { ...i, arn: arn("cognito-idp", `userpool/${id}`), endpoint: `cognito-idp.${REGION}.amazonaws.com/${id}` } };
        }
        case "aws:lambda/function:Function": {
            const fnArn = arn("lambda", `function:${physical}`);
            return { id: physical, state: { ...i, name: physical, arn: fnArn, invokeArn: `arn:aws:apigateway:${REGION}:lambda:path/2015-03-31/functions/${fnArn}/invocations` } };
        }
        case "aws:apigateway/restApi:RestApi":
            return { id: "a1b2c3d4e5", state: { ...i, name: physical, rootResourceId: "r00tid", executionArn: arn("execute-api", "a1b2c3d4e5") } };
        case "aws:apigateway/stage:Stage":
            return { id: `ags-${i.stageName as string}`, state: { ...i, invokeUrl: `https://a1b2c3d4e5.execute-api.${REGION}.amazonaws.com/${i.stageName as string}` } };
        case "aws:cloudwatch/logGroup:LogGroup":
            return { id: physical, state: { ...i, name: physical, arn: arn("logs", `log-group:${physical}`) } };
        case "aws:iam/role:Role":
            return { id: physical, state: { ...i, name: physical, arn: `arn:aws:iam::${ACCOUNT}:role/${physical}` } };
        default:
            return { id: `id-${args.name}`, state: { ...i } };
    }
}

function call(args: MockCallArgs): Record<string, unknown> {
    switch (args.token) {
        case "aws:index/getRegion:getRegion":
            return { id: REGION, region: REGION, name: REGION, endpoint: `ec2.${REGION}.amazonaws.com` };
        case "aws:index/getCallerIdentity:getCallerIdentity":
            return { id: ACCOUNT, accountId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:user/test`, userId: "AIDTEST" };
        case "aws:index/getPartition:getPartition":
            return { id: "aws", partition: "aws", dnsSuffix: "amazonaws.com", reverseDnsPrefix: "com.amazonaws" };
        default:
            throw new Error(`no mock for invoke ${args.token}`);
    }
}

interface RegisterRequest {
    getType(): string;
    getName(): string;
    getParent(): string;
    getCustom(): boolean;
    getDependenciesList(): string[];
    getObject(): Parameters<typeof deserializeProperties>[0];
}

interface Monitor {
    registerResource(req: RegisterRequest, callback: (err: unknown, res: unknown) => void): Promise<void>;
}

/**
 * Installs Pulumi's mocks with realistic provider state and records every registration with
 * its parent and dependencies, which `setMocks`' callbacks do not see. Call before creating
 * resources; `settle()` waits for the registrations to finish.
 */
export async function recordResources(stack = "dev"): Promise<Recording> {
    const rec = new Recording();
    await pulumi.runtime.setMocks(
        {
            newResource: (args) => state(args),
            call: (args) => {
                rec.calls.push(args.token);
                return call(args);
            },
        },
        "cognito-stack",
        stack,
        false,
    );
    const monitor = settings.getMonitor() as unknown as Monitor;
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req, callback) => {
        const parent = req.getParent();
        let type = req.getType();
        if (parent) {
            type = `${parent.split("::")[2].split("$").pop()}$${type}`;
        }
        rec.resources.push({
            urn: `urn:pulumi:${stack}::cognito-stack::${type}::${req.getName()}`,
            type: req.getType(),
            name: req.getName(),
            custom: req.getCustom(),
            parent,
            dependencies: req.getDependenciesList(),
            inputs: deserializeProperties(req.getObject()) as Record<string, Json>,
        });
        return register(req, callback);
    };
    return rec;
}

/** Waits until every registration and invoke queued so far has been answered. */
export async function settle(): Promise<void> {
    await (settings as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
}

/** The value of an Output, for assertions. */
export function valueOf<T>(o: pulumi.Output<T>): Promise<T> {
    return new Promise((resolve) => o.apply((v) => resolve(v)));
}
