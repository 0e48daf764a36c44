import { Logger } from "@aws-lambda-powertools/logger";

/**
 * Structured JSON logger; the level comes from POWERTOOLS_LOG_LEVEL (or the function's
 * AWS_LAMBDA_LOG_LEVEL), INFO by default.
 */
export function createLogger(serviceName: string): Logger {
    return new Logger({ serviceName });
}

export type { Logger };
