import type { APIGatewayAuthorizerResult, APIGatewayRequestAuthorizerEvent, APIGatewayTokenAuthorizerEvent } from "aws-lambda";
import { CognitoJwtVerifier } from "aws-jwt-verify";
import type { Jwks } from "aws-jwt-verify/jwk";
import { USER_POOL_ID_PATTERN } from "../shared/env";
import { buildPolicy, type Caller } from "./policy";
import { compileRoutes, type RouteRequirements } from "./routes";

export interface AuthorizerOptions {
    /** The user pool whose access tokens are accepted, e.g. `eu-west-1_AbCdEf123`. */
    readonly userPoolId: string;
    /** App clients whose access tokens are accepted. */
    readonly clientIds: readonly string[];
    /** Groups of which the caller must be in one, on routes without a rule; empty = any user. */
    readonly requiredGroups?: readonly string[];
    /** Per-route rules (`"GET /admin/*": { groups: ["admins"] }`), replacing `requiredGroups` there. */
    readonly routes?: RouteRequirements;
    /** The pool's JWKS; when given, nothing is fetched. Otherwise it is fetched once, at init. */
    readonly jwks?: Jwks;
    /** Told why a request was refused (never the token itself). */
    readonly onReject?: (reason: string) => void;
}

export type AuthorizerEvent = APIGatewayTokenAuthorizerEvent | APIGatewayRequestAuthorizerEvent;
export type Authorizer = (event: AuthorizerEvent) => Promise<APIGatewayAuthorizerResult>;

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

function bearerToken(event: AuthorizerEvent): string | undefined {
    const raw = event.type === "TOKEN"
        ? event.authorizationToken
        : Object.entries(event.headers ?? {}).find(([k]) => k.toLowerCase() === "authorization")?.[1];
    const match = raw ? /^(?:Bearer\s+)?([\w-]+\.[\w-]+\.[\w-]*)$/i.exec(raw.trim()) : null;
    return match?.[1];
}

/**
 * REST API Lambda authorizer (TOKEN or REQUEST) for Cognito access tokens. Any invalid token
 * throws `Unauthorized` (API Gateway answers 401); a valid token that misses a route's
 * requirement gets a Deny policy (403).
 */
export function createAuthorizer(opts: AuthorizerOptions): Authorizer {
    const problems = validateAuthorizerOptions(opts);
    if (problems.length > 0) {
        throw new Error(`Invalid authorizer options:\n- ${problems.join("\n- ")}`);
    }
    const routes = compileRoutes(opts.routes ?? {}).routes;
    const defaultRequirement = { groups: opts.requiredGroups?.length ? opts.requiredGroups : undefined };
    const verifier = CognitoJwtVerifier.create({
        userPoolId: opts.userPoolId, tokenUse: "access", clientId: [...opts.clientIds],
    });
    if (opts.jwks) {
        verifier.cacheJwks(opts.jwks);
    }
    // Without a given JWKS it is fetched now, during init; a failed fetch is retried on the next request.
    const loadJwks = (): Promise<void> => {
        const loading = verifier.hydrate().catch((error: unknown) => {
            jwksLoaded = undefined;
            throw error;
        });
        // The next request awaits it; until then a failure must not count as unhandled (fatal).
        loading.catch(() => undefined);
        return loading;
    };
    let jwksLoaded: Promise<void> | undefined = opts.jwks ? undefined : loadJwks();
    const reject = (reason: string): never => {
        opts.onReject?.(reason);
        throw new Error("Unauthorized");
    };

    return async (event) => {
        if (!opts.jwks) {
            await (jwksLoaded ??= loadJwks());
        }
        const token = bearerToken(event);
        if (!token) {
            return reject("no bearer token");
        }
        let payload;
        try {
            // Synchronous: the JWKS is already cached, so no request leaves the function.
            payload = verifier.verifySync(token);
        } catch (error) {
            return reject((error as Error).message);
        }
        const caller: Caller = {
            sub: payload.sub,
            username: payload.username,
            clientId: payload.client_id,
            groups: payload["cognito:groups"] ?? [],
            scopes: typeof payload.scope === "string" ? payload.scope.split(" ") : [],
        };
        return buildPolicy(caller, event.methodArn, defaultRequirement, routes);
    };
}
