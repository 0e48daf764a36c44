import type { APIGatewayProxyResult } from "aws-lambda";

/** An error that becomes an HTTP response; `message` is safe to show the caller. */
export class HttpError extends Error {
    constructor(readonly statusCode: 400 | 401 | 403 | 404 | 405 | 413, message: string, readonly headers: Record<string, string> = {}) {
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
