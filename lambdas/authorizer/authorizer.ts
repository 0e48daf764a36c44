import type { APIGatewayAuthorizerResult } from "aws-lambda";
import { CognitoJwtVerifier } from "aws-jwt-verify";
import { JwksNotAvailableInCacheError, KidNotFoundInJwksError } from "aws-jwt-verify/error";
import type { Fetcher } from "aws-jwt-verify/https";
import { SimpleJwksCache, SimplePenaltyBox, type Jwks } from "aws-jwt-verify/jwk";
import { USER_POOL_ID_PATTERN } from "../shared/env";
import { isRecord, own } from "../shared/event";
import { callerFromClaims } from "./claims";
import { buildPolicy, stageArnPrefix } from "./policy";
import { compileRoutes, type RouteRequirements } from "./routes";

export interface AuthorizerOptions {
    /** The user pool whose access tokens are accepted, e.g. `eu-west-1_AbCdEf123`. */
    readonly userPoolId: string;
    /** App clients whose access tokens are accepted. */
    readonly clientIds: readonly string[];
    /** Groups of which the caller must be in one, on every route; empty = any user of the pool. */
    readonly requiredGroups?: readonly string[];
    /**
     * Per-route rules (`"GET /admin/{proxy+}": { groups: ["admins"] }`), required on top of
     * `requiredGroups`. When given, they list what may be called: a route no rule covers is
     * denied. @default - none: every route, for callers in `requiredGroups`
     */
    readonly routes?: RouteRequirements;
    /** The pool's JWKS, cached at init; a key it lacks is still fetched from the pool. @default - fetched at init */
    readonly jwks?: Jwks;
    /** Fetches the pool's JWKS. @default - aws-jwt-verify's HTTPS fetcher */
    readonly jwksFetcher?: Fetcher;
    /**
     * After a fetch that did not bring a token's key, seconds before the JWKS is fetched again
     * (aws-jwt-verify's penalty box): tokens with made-up key ids cannot flood the pool's endpoint.
     * @default 10
     */
    readonly jwksRefetchWaitSeconds?: number;
    /** Told why a request was refused (never the token itself). */
    readonly onReject?: (reason: string) => void;
}

export type Authorizer = (event: unknown) => Promise<APIGatewayAuthorizerResult>;

const MAX_TOKEN_LENGTH = 16 * 1024;

/** Fails the options with every problem listed; exported for the env parser and tests. */
export function validateAuthorizerOptions(opts: AuthorizerOptions): string[] {
    const problems: string[] = [];
    if (!USER_POOL_ID_PATTERN.test(opts.userPoolId)) {
        problems.push(`userPoolId must look like "<region>_<id>" (received: ${JSON.stringify(opts.userPoolId)}); pass the user pool's id`);
    }
    if (opts.clientIds.length === 0 || opts.clientIds.some((c) => !/^[\w+]{1,128}$/.test(c))) {
        problems.push(`clientIds must be one or more app client ids (received: ${JSON.stringify(opts.clientIds)}); pass the ids of the app clients calling the API`);
    }
    problems.push(...compileRoutes(opts.routes ?? {}).problems);
    return problems;
}

/** The bearer token of a TOKEN or REQUEST event, or why there is none. */
function bearerToken(event: Record<string, unknown>): { token: string } | { reason: string } {
    let raw: unknown;
    if (own(event, "type") === "TOKEN") {
        raw = own(event, "authorizationToken");
    } else if (own(event, "type") === "REQUEST") {
        const headers = own(event, "headers");
        const values = isRecord(headers) ? Object.entries(headers).filter(([k]) => k.toLowerCase() === "authorization") : [];
        if (values.length > 1) {
            return { reason: "more than one Authorization header" };
        }
        raw = values[0]?.[1];
    } else {
        return { reason: "malformed event: type must be TOKEN or REQUEST" };
    }
    if (typeof raw !== "string" || raw.length > MAX_TOKEN_LENGTH) {
        return { reason: "no bearer token" };
    }
    const match = /^(?:Bearer +)?([\w-]+\.[\w-]+\.[\w-]*)$/i.exec(raw.trim());
    return match ? { token: match[1] } : { reason: "no bearer token" };
}

/**
 * REST API Lambda authorizer (TOKEN or REQUEST) for Cognito access tokens. Any invalid token or
 * malformed event throws `Unauthorized` (API Gateway answers 401); a valid token that misses a
 * requirement gets a Deny policy (403).
 *
 * Keys: a token signed with a key in the cached JWKS is verified synchronously, with no request
 * leaving the function. A token whose key id is not cached (the pool published a new signing
 * key) makes aws-jwt-verify fetch the JWKS again; its penalty box refuses further fetches for
 * `jwksRefetchWaitSeconds` after one that did not bring the key.
 */
export function createAuthorizer(opts: AuthorizerOptions): Authorizer {
    const problems = validateAuthorizerOptions(opts);
    if (problems.length > 0) {
        throw new Error(`Invalid authorizer options:\n- ${problems.join("\n- ")}`);
    }
    const routes = compileRoutes(opts.routes ?? {}).routes;
    const required = { groups: opts.requiredGroups?.length ? opts.requiredGroups : undefined };
    const jwksCache = new SimpleJwksCache({
        fetcher: opts.jwksFetcher,
        penaltyBox: new SimplePenaltyBox({ waitSeconds: opts.jwksRefetchWaitSeconds ?? 10 }),
    });
    const verifier = CognitoJwtVerifier.create({ userPoolId: opts.userPoolId, tokenUse: "access", clientId: [...opts.clientIds] }, { jwksCache });
    if (opts.jwks) {
        verifier.cacheJwks(opts.jwks);
    } else {
        // Warms the cache during init; should it fail, the first request fetches.
        verifier.hydrate().catch(() => undefined);
    }
    const verify = async (token: string): Promise<unknown> => {
        try {
            return verifier.verifySync(token);
        } catch (error) {
            if (error instanceof KidNotFoundInJwksError || error instanceof JwksNotAvailableInCacheError) {
                return verifier.verify(token);
            }
            throw error;
        }
    };
    const reject = (reason: string): never => {
        opts.onReject?.(reason);
        throw new Error("Unauthorized");
    };

    return async (event) => {
        if (!isRecord(event)) {
            return reject("malformed event: not an object");
        }
        const methodArn = own(event, "methodArn");
        const stage = typeof methodArn === "string" ? stageArnPrefix(methodArn) : undefined;
        if (stage === undefined) {
            return reject("malformed event: methodArn is not an execute-api method ARN");
        }
        const bearer = bearerToken(event);
        if ("reason" in bearer) {
            return reject(bearer.reason);
        }
        let payload: unknown;
        try {
            payload = await verify(bearer.token);
        } catch (error) {
            return reject(error instanceof Error ? error.message : "token verification failed");
        }
        const caller = callerFromClaims(payload);
        if (typeof caller === "string") {
            return reject(caller);
        }
        return buildPolicy(caller, stage, required, routes);
    };
}
