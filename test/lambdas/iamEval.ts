import type { APIGatewayAuthorizerResult } from "aws-lambda";

/**
 * How API Gateway applies an authorizer's policy to a method ARN (IAM rules): an explicit Deny
 * wins, then an Allow, else the call is denied. `*` in a Resource matches any run of
 * characters, `/` included; `?` one character. Written apart from the authorizer on purpose.
 */
export function decide(result: APIGatewayAuthorizerResult, methodArn: string): "Allow" | "Deny" {
    const matches = (pattern: string) => {
        let source = "";
        for (const ch of pattern) {
            source += ch === "*" ? ".*" : ch === "?" ? "." : ch.replace(/[.+^${}()|[\]\\/-]/g, "\\$&");
        }
        return new RegExp(`^${source}$`, "s").test(methodArn);
    };
    const statements = result.policyDocument.Statement as { Effect: string; Resource: string | string[] }[];
    const hit = (effect: string) => statements.some((s) => s.Effect === effect && [s.Resource].flat().some(matches));
    return hit("Deny") ? "Deny" : hit("Allow") ? "Allow" : "Deny";
}
