import type { PreAuthenticationTriggerEvent } from "aws-lambda";
import { eventRecord, recordAt, stringAt, stringMapAt } from "../shared/event";
import type { Logger } from "../shared/logger";
import type { PreAuthenticationConfig } from "./config";

export interface PreAuthenticationDeps {
    readonly config: PreAuthenticationConfig;
    readonly logger: Logger;
}

/** Thrown to refuse a sign-in; Cognito shows its message to the caller, so it says nothing about why. */
export class SignInRefusedError extends Error {
    constructor() {
        super("Sign-in is not available for this account; contact your administrator.");
        this.name = "SignInRefusedError";
    }
}

/** Why a user may not sign in, or undefined: a suspended tenant, or the suspension attribute set. */
export function refusal(config: PreAuthenticationConfig, attributes: ReadonlyMap<string, string>): string | undefined {
    const tenant = attributes.get(config.tenantAttribute);
    if (tenant !== undefined && config.suspendedTenants.has(tenant.trim())) {
        return "tenant suspended";
    }
    if (config.suspendedAttribute !== undefined && attributes.get(config.suspendedAttribute)?.trim().toLowerCase() === "true") {
        return "user suspended";
    }
    return undefined;
}

/**
 * Pre authentication: refuses the sign-in of users of a suspended tenant and of users whose
 * suspension attribute is true, before Cognito checks the password. Both attributes are
 * privileged (no app client writes them), so a user cannot lift a suspension.
 */
export function createPreAuthenticationHandler({ config, logger }: PreAuthenticationDeps) {
    const apply = (input: unknown): PreAuthenticationTriggerEvent => {
        const event = eventRecord(input);
        const userName = stringAt(event, "userName", "userName");
        const attributes = stringMapAt(recordAt(event, "request", "request"), "userAttributes", "request.userAttributes");
        const why = refusal(config, attributes);
        if (why !== undefined) {
            logger.warn("sign-in refused", { userName, reason: why });
            throw new SignInRefusedError();
        }
        return event as unknown as PreAuthenticationTriggerEvent;
    };
    return (input: unknown): Promise<PreAuthenticationTriggerEvent> => new Promise((resolve) => resolve(apply(input)));
}
