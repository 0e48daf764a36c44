import { createLogger } from "../shared/logger";
import { parsePreAuthenticationConfig } from "./config";
import { createPreAuthenticationHandler } from "./preAuthentication";

export const handler = createPreAuthenticationHandler({
    config: parsePreAuthenticationConfig(process.env),
    logger: createLogger("preAuthentication"),
});
