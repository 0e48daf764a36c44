/**
 * Component tests: the recorder of the offline plan (tools/recorder.ts) with the AWS mocks
 * (tools/mocks.ts), so a component under test sees the state a plan of the program sees.
 */
import * as pulumi from "@pulumi/pulumi";
import { createAwsMocks, MOCK_ACCOUNT_ID, unwrapSecrets } from "../../tools/mocks";
import type { PlanResource } from "../../tools/planTypes";
import { installRecordingMocks, renderValue } from "../../tools/recorder";
import type { Resources } from "./plans";

export const PROJECT = "cognito-stack";
export const REGION = "us-east-1";
export const ACCOUNT = MOCK_ACCOUNT_ID;

/** A recorded resource, its JSON read untyped as assertions read it. */
export type Recorded = PlanResource & { props: Record<string, any>; outputs?: Record<string, any> };

export interface Recording extends Resources<Recorded> {
    /** Tokens of the invokes the program made, in order. */
    readonly calls: string[];
    /** The inputs of `r` with the values of its secrets, which `props` shows as `[secret]`. */
    revealed(r: PlanResource): Record<string, any>;
}

export interface RecordingSession {
    /** Waits until every registration is answered, then returns what was recorded. */
    settled(): Promise<Recording>;
}

/** Installs the recording mocks for a stack of this project; create resources afterwards. */
export function record(stack = "test"): RecordingSession {
    const calls: string[] = [];
    const aws = createAwsMocks({ region: REGION, stack });
    const recorder = installRecordingMocks({
        project: PROJECT,
        stack,
        region: REGION,
        mocks: {
            newResource: (args) => aws.newResource(args),
            call: (args) => {
                calls.push(args.token);
                return aws.call(args);
            },
        },
    });
    return {
        async settled() {
            await recorder.settled();
            const raw = new Map(recorder.monitor.registrations.map((r) => [r.urn, r.rawInputs]));
            return {
                stack,
                calls,
                resources: recorder.resources,
                revealed: (r) => renderValue(unwrapSecrets(raw.get(r.urn) ?? {}), process.cwd()) as Record<string, any>,
            };
        },
    };
}

/** Records what `create` registers, once settled, with what it returned. */
export async function build<T>(create: () => T, stack = "test"): Promise<Recording & { component: T }> {
    const session = record(stack);
    const component = create();
    return { ...(await session.settled()), component };
}

/** The value of an Output (under these mocks every value is known). */
export function valueOf<T>(o: pulumi.Input<T>): Promise<T> {
    return new Promise((resolve) => pulumi.output(o).apply((v) => resolve(v as T)));
}
