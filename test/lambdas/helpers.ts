import { Logger } from "@aws-lambda-powertools/logger";
import * as crypto from "node:crypto";
import type { Context } from "aws-lambda";

/** A logger that prints nothing, for handlers under test. */
export const silentLogger = (): Logger => new Logger({ serviceName: "test", logLevel: "SILENT" });

/** A Lambda context for handlers typed with one. */
export const lambdaContext = { functionName: "test", awsRequestId: "req-1" } as Context;

const b64url = (value: string | Buffer): string => Buffer.from(value).toString("base64url");

/** An RSA key pair with its JWKS, and a signer for Cognito-shaped JWTs. */
export function testSigningKey(kid = "test-key") {
    const { privateKey, publicKey } = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
    const jwk = { ...publicKey.export({ format: "jwk" }), kid, alg: "RS256", use: "sig" } as { kty: "RSA"; n: string; e: string; kid: string; alg: string; use: string };
    return {
        jwks: { keys: [jwk] },
        sign(payload: Record<string, unknown>, header: Record<string, unknown> = {}): string {
            const head = b64url(JSON.stringify({ alg: "RS256", typ: "JWT", kid, ...header }));
            const body = b64url(JSON.stringify(payload));
            const signature = crypto.sign("sha256", Buffer.from(`${head}.${body}`), privateKey);
            return `${head}.${body}.${b64url(signature)}`;
        },
    };
}

/** A silent logger that keeps what the handler logged, to assert on. */
export function recordingLogger(): { logger: Logger; lines: { level: string; message: string; extra: unknown[] }[] } {
    const logger = silentLogger();
    const lines: { level: string; message: string; extra: unknown[] }[] = [];
    for (const level of ["debug", "info", "warn", "error"] as const) {
        logger[level] = (message: string, ...extra: unknown[]) => {
            lines.push({ level, message, extra });
        };
    }
    return { logger, lines };
}
