import type { PreTokenGenerationV2TriggerEvent } from "aws-lambda";
import { eventRecord, optionalStringsAt, own, recordAt, stringAt, stringMapAt } from "../shared/event";
import type { Logger } from "../shared/logger";
import { tokenOverrides } from "./claims";
import type { PreTokenGenerationConfig } from "./config";

export interface PreTokenGenerationDeps {
    readonly config: PreTokenGenerationConfig;
    readonly logger: Logger;
}

/** Pre token generation, event version 2 or 3 (`lambdaVersion: "V2_0"` or `"V3_0"`, access-token customization). */
export function createPreTokenGenerationHandler({ config, logger }: PreTokenGenerationDeps) {
    const apply = (input: unknown): PreTokenGenerationV2TriggerEvent => {
        // Version 3 also asks for machine clients' tokens: no user, no tenant, no groups; left as Cognito issues them.
        if (own(eventRecord(input), "triggerSource") === "TokenGeneration_ClientCredentials") {
            logger.info("client credentials token left unchanged", { clientId: own(own(input, "callerContext"), "clientId") });
            return input as PreTokenGenerationV2TriggerEvent;
        }
        const userName = stringAt(eventRecord(input), "userName", "userName");
        const request = recordAt(input, "request", "request");
        const response = recordAt(input, "response", "response");
        const attributes = stringMapAt(request, "userAttributes", "request.userAttributes");
        const groupConfiguration = own(request, "groupConfiguration");
        const groups = groupConfiguration === undefined || groupConfiguration === null
            ? undefined
            : optionalStringsAt(recordAt(request, "groupConfiguration", "request.groupConfiguration"), "groupsToOverride", "request.groupConfiguration.groupsToOverride");
        response.claimsAndScopeOverrideDetails = tokenOverrides(config, {
            attributes,
            groups: groups ?? [],
            scopes: optionalStringsAt(request, "scopes", "request.scopes") ?? [],
        });
        if (!attributes.get(config.tenantAttribute)) {
            logger.warn("user has no tenant attribute; token carries no tenant claim", { userName, attribute: config.tenantAttribute });
        }
        return input as PreTokenGenerationV2TriggerEvent;
    };
    // A malformed event rejects the promise, as in the other handlers.
    return (input: unknown): Promise<PreTokenGenerationV2TriggerEvent> => new Promise((resolve) => resolve(apply(input)));
}
