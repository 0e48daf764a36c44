import * as pulumi from "@pulumi/pulumi";
import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";
import * as settings from "@pulumi/pulumi/runtime/settings";
import * as state from "@pulumi/pulumi/runtime/state";

/** Resource properties as the engine carries them: JSON of each resource type's own shape. */
export type Props = Record<string, any>;

/** One registered resource: what the program passed to the engine. */
export interface Recorded {
    type: string;
    name: string;
    custom: boolean;
    inputs: Props;
    /** State the mock provider returned (inputs plus computed attributes). */
    state: Props;
    parent: string;
    protect: boolean;
    retainOnDelete: boolean;
    dependencies: string[];
}

export const ACCOUNT = "123456789012";
export const REGION = "us-east-1";
export const USER_POOL_ID = "us-east-1_AbCdEf123";
export const IDENTITY_POOL_ID = "us-east-1:11111111-1111-1111-1111-111111111111";

/** Attributes AWS computes, shaped as AWS returns them, per resource type. */
function computed(type: string, name: string, inputs: Props): { id: string; extra: Record<string, unknown> } {
    const physical = `${name}-1a2b3c4`;
    switch (type) {
        case "aws:cognito/userPool:UserPool":
            return {
                id: USER_POOL_ID,
                extra: { arn: `arn:aws:cognito-idp:${REGION}:${ACCOUNT}:userpool/${USER_POOL_ID}`, endpoint: `cognito-idp.${REGION}.amazonaws.com/${USER_POOL_ID}` },
            };
        case "aws:cognito/userPoolClient:UserPoolClient":
            return { id: `client${name.replace(/[^a-z0-9]/gi, "")}`, extra: {} };
        case "aws:cognito/identityPool:IdentityPool":
            return { id: IDENTITY_POOL_ID, extra: { arn: `arn:aws:cognito-identity:${REGION}:${ACCOUNT}:identitypool/${IDENTITY_POOL_ID}` } };
        case "aws:iam/role:Role": {
            const roleName = (inputs.name as string | undefined) ?? physical;
            return { id: roleName, extra: { name: roleName, arn: `arn:aws:iam::${ACCOUNT}:role/${roleName}` } };
        }
        case "aws:iam/samlProvider:SamlProvider":
            return { id: physical, extra: { arn: `arn:aws:iam::${ACCOUNT}:saml-provider/${physical}` } };
        case "aws:iam/openIdConnectProvider:OpenIdConnectProvider": {
            const arn = `arn:aws:iam::${ACCOUNT}:oidc-provider/${String(inputs.url).replace(/^https:\/\//, "").replace(/\/$/, "")}`;
            return { id: arn, extra: { arn } };
        }
        case "aws:s3/bucket:Bucket": {
            const bucket = (inputs.bucket as string | undefined) ?? physical;
            return { id: bucket, extra: { bucket, arn: `arn:aws:s3:::${bucket}` } };
        }
        case "aws:dynamodb/table:Table": {
            const table = (inputs.name as string | undefined) ?? physical;
            return { id: table, extra: { name: table, arn: `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${table}` } };
        }
        default:
            return { id: `${name}-id`, extra: {} };
    }
}

export const awsMocks: pulumi.runtime.Mocks = {
    newResource: (args) => {
        const { id, extra } = computed(args.type, args.name, args.inputs as Props);
        return { id, state: { ...args.inputs, ...extra } };
    },
    call: (args) => {
        switch (args.token) {
            case "aws:index/getRegion:getRegion":
                return { id: REGION, name: REGION, region: REGION, description: "US East (N. Virginia)", endpoint: `ec2.${REGION}.amazonaws.com` };
            case "aws:index/getCallerIdentity:getCallerIdentity":
                return { id: ACCOUNT, accountId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:user/deployer`, userId: "AIDAEXAMPLE" };
            case "aws:index/getPartition:getPartition":
                return { id: "aws", partition: "aws", dnsSuffix: "amazonaws.com", reverseDnsPrefix: "com.amazonaws" };
            default:
                return args.inputs as Record<string, unknown>;
        }
    },
};

interface RegisterRequest {
    getType(): string;
    getName(): string;
    getParent(): string;
    getCustom(): boolean;
    getProtect(): boolean | undefined;
    getRetainondelete(): boolean | undefined;
    getDependenciesList(): string[];
}

/**
 * The mock monitor, recording the resource options of each registration too: `setMocks`
 * hands its callbacks type, name and inputs only.
 */
class RecordingMonitor extends MockMonitor {
    constructor(
        mocks: pulumi.runtime.Mocks,
        private readonly sink: Recorded[],
    ) {
        super(mocks);
    }

    override async registerResource(req: RegisterRequest, callback: (err: unknown, response: unknown) => void): Promise<void> {
        const record: Recorded = {
            type: req.getType(),
            name: req.getName(),
            custom: req.getCustom(),
            inputs: {},
            state: {},
            parent: req.getParent(),
            protect: req.getProtect() ?? false,
            retainOnDelete: req.getRetainondelete() ?? false,
            dependencies: req.getDependenciesList(),
        };
        this.sink.push(record);
        const withState = (err: unknown, response: unknown) => {
            if (!err) {
                const r = response as { getObject(): { toJavaScript(): Props } };
                record.state = r.getObject().toJavaScript();
            }
            callback(err, response);
        };
        await super.registerResource(req, withState);
    }
}

/**
 * Installs mocks that record every registered resource into the returned array, with the
 * feature flags `pulumi.runtime.setMocks` sets.
 */
export function installRecordingMocks(project = "cognito-stack", stack = "test", mocks: pulumi.runtime.Mocks = awsMocks): Recorded[] {
    const sink: Recorded[] = [];
    const recordingMocks: pulumi.runtime.Mocks = {
        call: (args) => mocks.call(args),
        newResource: (args) => {
            const result = mocks.newResource(args);
            // The registration above pushed this resource last among those of its name.
            const record = [...sink].reverse().find((r) => r.type === args.type && r.name === args.name);
            if (record) record.inputs = args.inputs as Props;
            return result;
        },
    };
    settings.setMockOptions(new RecordingMonitor(recordingMocks, sink), project, stack, false);
    const store = (state as unknown as { getStore(): Record<string, boolean> }).getStore();
    Object.assign(store, {
        supportsSecrets: true,
        supportsResourceReferences: true,
        supportsOutputValues: false,
        supportsDeletedWith: true,
        supportsReplaceWith: true,
        supportsAliasSpecs: true,
        supportsTransforms: false,
        supportsParameterization: true,
        supportsResourceHooks: true,
        supportsErrorHooks: true,
    });
    return sink;
}

/** Waits until every registration the program started has reached the monitor. */
export async function settle(): Promise<void> {
    await (settings as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
}

/** The value of an Output, under mocks (where every value is known). */
export function valueOf<T>(o: pulumi.Input<T>): Promise<T> {
    return new Promise((resolve) => pulumi.output(o).apply((v) => resolve(v as T)));
}

/** Resources of a type, optionally by name. */
export function ofType(records: readonly Recorded[], type: string): Recorded[] {
    return records.filter((r) => r.type === type);
}

export function byName(records: readonly Recorded[], type: string, name: string): Recorded {
    const found = records.find((r) => r.type === type && r.name === name);
    if (!found) {
        throw new Error(`no ${type} named ${name}; recorded: ${records.map((r) => `${r.type}/${r.name}`).join(", ")}`);
    }
    return found;
}
