/**
 * Runs the resolvers as AppSync does, with the stand-in for `@aws-appsync/utils`: each resolver is
 * bundled from graphql/resolvers with a stack's settings (the same esbuild options as the program,
 * CommonJS instead of ES module output), its request handler's result goes to the data source of
 * its operation (the fake table, or NONE's payload), and its response handler gets `ctx.result`
 * or `ctx.error`.
 */
import { build } from "esbuild";
import * as vm from "node:vm";
import { GRAPHQL_OPERATIONS } from "../../components/graphqlApi";
import { APPSYNC_UTILS, RESOLVER_NAMES, resolverBuildOptions, type ResolverName, type ResolverSettings } from "../../graphql/bundle";
import * as utils from "./appsyncUtils";
import { DynamoDbError, FakeTable } from "./dynamodb";

export const REGION = "us-east-1";
export const POOL_ID = `${REGION}_AbCdEf123`;
export const ISSUER = `https://cognito-idp.${REGION}.amazonaws.com/${POOL_ID}`;
export const IDENTITY_POOL = `${REGION}:11111111-2222-4333-8444-555555555555`;
export const SETTINGS: ResolverSettings = { userPoolIssuer: ISSUER, identityPoolId: IDENTITY_POOL, adminGroups: ["admins"], partitionKey: "identityId", sortKey: "itemId" };
export const NOW = new Date("2024-05-06T07:08:09.000Z");

interface Handlers {
    readonly request: (ctx: Context) => Record<string, unknown>;
    readonly response: (ctx: Context) => unknown;
}

export interface Context {
    arguments: Record<string, unknown>;
    args: Record<string, unknown>;
    identity: Record<string, unknown> | null;
    source: null;
    stash: Record<string, unknown>;
    result?: unknown;
    error?: { message: string; type: string };
    info: { fieldName: string; parentTypeName: string; variables: Record<string, unknown> };
    request: { headers: Record<string, string>; domainName: null };
}

const loaded = new Map<string, Handlers>();
const keyOf = (name: ResolverName, settings: ResolverSettings) => `${name}\u0000${JSON.stringify(settings)}`;

/** Evaluates a CommonJS bundle with the stand-in as its only import. */
export function evaluate(code: string): Handlers {
    const module = { exports: {} as Handlers };
    const require = (id: string): unknown => {
        if (id !== APPSYNC_UTILS) throw new Error(`a resolver bundle may import only ${APPSYNC_UTILS} (it imported ${id})`);
        return utils;
    };
    const run = vm.runInThisContext(`(function (module, exports, require) {\n${code}\n})`, { filename: "resolver.js" }) as (m: unknown, e: unknown, r: unknown) => void;
    run(module, module.exports, require);
    return module.exports;
}

/** Bundles every resolver with these settings (esbuild runs plugins only asynchronously). */
export async function prepare(settings: ResolverSettings = SETTINGS): Promise<void> {
    for (const name of RESOLVER_NAMES) {
        const code = (await build(resolverBuildOptions(name, settings, "cjs"))).outputFiles![0].text;
        loaded.set(keyOf(name, settings), evaluate(code));
    }
}

export function load(name: ResolverName, settings: ResolverSettings = SETTINGS): Handlers {
    const handlers = loaded.get(keyOf(name, settings));
    if (!handlers) throw new Error(`resolver ${name} is not bundled with these settings: await prepare(settings) first`);
    return handlers;
}

/** A caller: the auth mode util.authType() reports and the ctx.identity AppSync builds for it. */
export interface Caller {
    authType: string;
    identity: Record<string, unknown> | null;
}

export const userPoolCaller = (sub: string, groups: string[] | null = null, issuer = ISSUER): Caller => ({
    authType: utils.AUTH_TYPES.userPool,
    identity: { sub, issuer, username: `user-${sub.slice(0, 4)}`, claims: { sub, iss: issuer, "cognito:groups": groups ?? undefined, token_use: "id" }, sourceIp: ["203.0.113.7"], defaultAuthStrategy: "ALLOW", groups },
});

export const iamCaller = (identityId: string | null, authType: "authenticated" | "unauthenticated" = "authenticated", pool: string | null = IDENTITY_POOL): Caller => ({
    authType: utils.AUTH_TYPES.iam,
    identity: {
        accountId: "123456789012",
        cognitoIdentityPoolId: pool,
        cognitoIdentityId: identityId,
        cognitoIdentityAuthType: identityId === null ? null : authType,
        cognitoIdentityAuthProvider: identityId === null ? null : `"cognito-idp.${REGION}.amazonaws.com/${POOL_ID}","cognito-idp.${REGION}.amazonaws.com/${POOL_ID}:CognitoSignIn:abc"`,
        sourceIp: ["203.0.113.7"],
        userArn: `arn:aws:sts::123456789012:assumed-role/auth-identity-authenticated-role/CognitoIdentityCredentials`,
        username: "AROAEXAMPLE:CognitoIdentityCredentials",
    },
});

/** Resolves `Type.field` for a caller with these arguments, as AppSync would; throws what the handlers throw. */
export function resolve(operation: string, caller: Caller, args: Record<string, unknown>, table: FakeTable, settings: ResolverSettings = SETTINGS): unknown {
    const op = GRAPHQL_OPERATIONS.find((o) => `${o.type}.${o.field}` === operation);
    if (!op) throw new Error(`no operation ${operation}`);
    const handlers = load(op.resolver, settings);
    const ctx: Context = {
        arguments: args,
        args,
        identity: caller.identity,
        source: null,
        stash: {},
        info: { fieldName: op.field, parentTypeName: op.type, variables: {} },
        request: { headers: {}, domainName: null },
    };
    utils.beginRequest(caller.authType, NOW);
    const request = handlers.request(ctx);
    if (op.dataSource === "caller") {
        ctx.result = request.payload;
    } else {
        try {
            ctx.result = table.execute(request);
        } catch (e) {
            if (!(e instanceof DynamoDbError)) throw e;
            ctx.error = { message: e.message, type: e.type };
            ctx.result = null;
        }
    }
    return handlers.response(ctx);
}
