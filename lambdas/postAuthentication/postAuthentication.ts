import type { PostAuthenticationTriggerEvent } from "aws-lambda";
import { describe, eventRecord, MalformedEventError, own, recordAt, stringAt, stringMapAt } from "../shared/event";
import type { Logger } from "../shared/logger";

export interface PostAuthenticationDeps {
    readonly logger: Logger;
}

/** The last-sign-in record: who, through which client, when, and whether from a new device. No address, no token. */
export interface SignInRecord {
    readonly event: "sign-in";
    readonly sub: string;
    readonly userName: string;
    readonly userPoolId: string;
    readonly clientId: string;
    readonly newDevice: boolean;
    readonly at: string;
}

/**
 * Post authentication: writes one structured log line per successful sign-in (`sign-in`, with
 * the user's sub, the app client and the time) to the function's log group, where CloudWatch
 * Logs Insights finds a user's last sign-in. It needs no permission beyond its logs, and a
 * failure here would fail the user's sign-in, so nothing but the log is done.
 */
export function createPostAuthenticationHandler({ logger }: PostAuthenticationDeps, now: () => Date = () => new Date()) {
    const apply = (input: unknown): PostAuthenticationTriggerEvent => {
        const event = eventRecord(input);
        const request = recordAt(event, "request", "request");
        const attributes = stringMapAt(request, "userAttributes", "request.userAttributes");
        const sub = attributes.get("sub");
        if (sub === undefined) {
            throw new MalformedEventError("request.userAttributes.sub must be a string (received: nothing)");
        }
        const newDevice = own(request, "newDeviceUsed");
        if (newDevice !== undefined && typeof newDevice !== "boolean") {
            throw new MalformedEventError(`request.newDeviceUsed must be a boolean (received: ${describe(newDevice)})`);
        }
        const record: SignInRecord = {
            event: "sign-in",
            sub,
            userName: stringAt(event, "userName", "userName"),
            userPoolId: stringAt(event, "userPoolId", "userPoolId"),
            clientId: stringAt(recordAt(event, "callerContext", "callerContext"), "clientId", "callerContext.clientId"),
            newDevice: newDevice === true,
            at: now().toISOString(),
        };
        logger.info("sign-in", { ...record });
        return event as unknown as PostAuthenticationTriggerEvent;
    };
    return (input: unknown): Promise<PostAuthenticationTriggerEvent> => new Promise((resolve) => resolve(apply(input)));
}
