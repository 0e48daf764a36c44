import type { APIGatewayProxyResult } from "aws-lambda";

/** An error that becomes an HTTP response; `message` is safe to show the caller. */
export class HttpError extends Error {
    constructor(readonly statusCode: 400 | 401 | 403 | 404 | 405 | 413 | 503, message: string, readonly headers: Record<string, string> = {}) {
        super(message);
        this.name = "HttpError";
    }
}

const BASE_HEADERS = { "content-type": "application/json", "cache-control": "no-store" };

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): APIGatewayProxyResult {
    return { statusCode, headers: { ...BASE_HEADERS, ...headers }, body: JSON.stringify(body) };
}

export function noContent(): APIGatewayProxyResult {
    return { statusCode: 204, headers: { "cache-control": "no-store" }, body: "" };
}

export function errorResponse(error: HttpError): APIGatewayProxyResult {
    return json(error.statusCode, { message: error.message }, error.headers);
}

/** DynamoDB's answers to too many requests: the SDK has already retried them. */
const THROTTLING = new Set(["ProvisionedThroughputExceededException", "ThrottlingException", "RequestLimitExceeded"]);

/** Seconds a throttled caller is told to wait before trying again. */
export const RETRY_AFTER_SECONDS = 1;

/** A throttled DynamoDB call as 503 with Retry-After, or undefined for any other error. */
export function throttled(error: unknown): HttpError | undefined {
    const name = error instanceof Error ? error.name : undefined;
    const throttling = (error as { $retryable?: { throttling?: boolean } } | undefined)?.$retryable?.throttling === true;
    if ((name !== undefined && THROTTLING.has(name)) || throttling) {
        return new HttpError(503, "The service is busy; try again shortly.", { "retry-after": String(RETRY_AFTER_SECONDS) });
    }
    return undefined;
}
