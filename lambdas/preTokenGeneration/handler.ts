import { createLogger } from "../shared/logger";
import { parsePreTokenGenerationConfig } from "./config";
import { createPreTokenGenerationHandler } from "./preTokenGeneration";

export const handler = createPreTokenGenerationHandler({
    config: parsePreTokenGenerationConfig(process.env),
    logger: createLogger("preTokenGeneration"),
});
