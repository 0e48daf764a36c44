import { createLogger } from "../shared/logger";
import { parseCustomMessageConfig } from "./config";
import { createCustomMessageHandler } from "./customMessage";

export const handler = createCustomMessageHandler({
    config: parseCustomMessageConfig(process.env),
    logger: createLogger("customMessage"),
});
