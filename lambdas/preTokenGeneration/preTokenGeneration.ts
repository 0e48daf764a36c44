import type { PreTokenGenerationV2TriggerEvent } from "aws-lambda";
import type { Logger } from "../shared/logger";
import { tokenOverrides } from "./claims";
import type { PreTokenGenerationConfig } from "./config";

export interface PreTokenGenerationDeps {
    readonly config: PreTokenGenerationConfig;
    readonly logger: Logger;
}

/** Pre token generation, event version 2 (`lambdaVersion: "V2_0"`, access-token customization). */
export function createPreTokenGenerationHandler({ config, logger }: PreTokenGenerationDeps) {
    return (event: PreTokenGenerationV2TriggerEvent): Promise<PreTokenGenerationV2TriggerEvent> => {
        event.response.claimsAndScopeOverrideDetails = tokenOverrides(config, event.request);
        if (!event.request.userAttributes[config.tenantAttribute]) {
            logger.warn("user has no tenant attribute; token carries no tenant claim", {
                userName: event.userName, attribute: config.tenantAttribute,
            });
        }
        return Promise.resolve(event);
    };
}
