import { createAuthorizer } from "./authorizer";
import { parseAuthorizerConfig } from "./config";

// Logs as one JSON object per line (structured, like Powertools' logger) without its ~23 KB:
// this function runs before every API request, and its bundle must stay under 40 KB.
export const handler = createAuthorizer({
    ...parseAuthorizerConfig(process.env),
    onReject: (reason) => console.info(JSON.stringify({ level: "INFO", service: "authorizer", message: "request refused", reason })),
});
