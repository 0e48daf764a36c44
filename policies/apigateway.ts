import * as aws from "@pulumi/aws";
import { PolicyResource, ReportViolation, ResourceValidationPolicy, StackValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import { settings } from "./lib/config";
import { byIdentity, functionEnv, functionFor, indexBy, ofType, requiredOutput } from "./lib/stack";
import { checkEach, isUnknownValueError } from "./lib/unknowns";
import { Fields, fieldsOf } from "./lib/values";

const authorizationSettings = settings(
    { allowedAuthorizationTypes: ["COGNITO_USER_POOLS", "CUSTOM", "JWT"] },
    { allowedAuthorizationTypes: "Authorization types a method or route may use: COGNITO_USER_POOLS, CUSTOM (Lambda), JWT, AWS_IAM." },
    { allowedAuthorizationTypes: "more" },
);

function checkAuthorization(kind: string, authorization: string | undefined, authorizerId: string | undefined, allowed: string[], report: (message: string) => void): void {
    const type = authorization ?? "NONE";
    if (!allowed.includes(type)) {
        report(`${kind} has authorization ${type}: attach an authorizer (${allowed.join(", ")}).`);
    } else if (type !== "AWS_IAM" && !authorizerId) {
        report(`${kind} uses ${type} without an authorizerId: set authorizerId to the authorizer's id.`);
    }
}

export const methodAuthorization: ResourceValidationPolicy = {
    name: "apigateway-method-authorization",
    description: "Checks whether every API method or route other than OPTIONS has an authorizer (Cognito, JWT or Lambda).",
    anchors: { covers: ["AwsSolutions-APIG4", "CKV_AWS_59", "APIGateway.8"] },
    severity: "critical",
    configSchema: authorizationSettings.schema,
    validateResource: [
        validateResourceOfType(aws.apigateway.Method, (_method, args, report) => {
            const method = fieldsOf(args, false);
            const httpMethod = method.str("httpMethod") ?? "";
            if (httpMethod.toUpperCase() !== "OPTIONS") {
                const allowed = authorizationSettings.read(args).allowedAuthorizationTypes;
                checkAuthorization(`Method ${httpMethod}`, method.str("authorization"), method.str("authorizerId"), allowed, report);
            }
        }),
        validateResourceOfType(aws.apigatewayv2.Route, (_route, args, report) => {
            const route = fieldsOf(args, false);
            const routeKey = route.str("routeKey") ?? "";
            if (!routeKey.toUpperCase().startsWith("OPTIONS ")) {
                const allowed = authorizationSettings.read(args).allowedAuthorizationTypes;
                checkAuthorization(`Route "${routeKey}"`, route.str("authorizationType"), route.str("authorizerId"), allowed, report);
            }
        }),
    ],
};

export const optionsMockOnly: StackValidationPolicy = {
    name: "apigateway-options-mock-only",
    description: "Checks whether OPTIONS methods and routes without an authorizer only answer CORS preflights (a MOCK integration, no route target) and reach no backend.",
    anchors: { none: "No published control checks what an unauthorized OPTIONS method may reach." },
    severity: "critical",
    validateStack: async (args, report) => {
        const key = (restApi: unknown, resourceId: unknown, httpMethod: unknown): string => JSON.stringify([restApi, resourceId, typeof httpMethod === "string" ? httpMethod.toUpperCase() : httpMethod]);
        const integrations = indexBy(args.resources, "integration.method", [aws.apigateway.Integration], (r) => key(r.props.restApi, r.props.resourceId, r.props.httpMethod));
        const open = (auth: string | undefined): boolean => (auth ?? "NONE") === "NONE";
        await checkEach(ofType(args.resources, aws.apigateway.Method), (method) => {
            const fields = fieldsOf(method);
            if ((fields.str("httpMethod") ?? "").toUpperCase() !== "OPTIONS" || !open(fields.str("authorization"))) {
                return;
            }
            for (const integration of integrations.all([key(method.props.restApi, method.props.resourceId, method.props.httpMethod)])) {
                const type = fieldsOf(integration).str("type");
                if (type !== "MOCK") {
                    report(`Method OPTIONS "${method.name}" has no authorizer and integration "${integration.name}" of type ${type ?? "unset"}, so anyone reaches the backend: answer preflights with a MOCK integration.`, method.urn);
                }
            }
        });
        await checkEach(ofType(args.resources, aws.apigatewayv2.Route), (route) => {
            const fields = fieldsOf(route);
            if ((fields.str("routeKey") ?? "").toUpperCase().startsWith("OPTIONS ") && open(fields.str("authorizationType")) && fields.str("target")) {
                report(`Route "${fields.str("routeKey")}" has no authorizer and a target, so anyone reaches the backend: remove the route and configure corsConfiguration on the API.`, route.urn);
            }
        });
    },
};

/** The user pools of this stack by ARN and by issuer URL. */
function poolIndexes(resources: readonly PolicyResource[]) {
    return {
        byArn: byIdentity(resources, "userPool", [aws.cognito.UserPool], ["arn"]),
        byIssuer: indexBy(resources, "userPool.issuer", [aws.cognito.UserPool], (p) => `https://${requiredOutput(p, "endpoint")}`),
        byId: byIdentity(resources, "userPool.id", [aws.cognito.UserPool], ["id"]),
    };
}

export const cognitoAuthorizerPool: StackValidationPolicy = {
    name: "apigateway-cognito-authorizer-pool",
    description: "Checks whether Cognito and JWT authorizers trust this stack's user pools, and Cognito-authorized methods and JWT-authorized routes use such an authorizer.",
    anchors: { none: "No published control checks which user pool an authorizer trusts; AwsSolutions-COG4 asks every method to use a Cognito authorizer, where this pack also accepts a Lambda authorizer of the same pool." },
    severity: "critical",
    validateStack: async (args, report) => {
        const pools = poolIndexes(args.resources);
        const clients = byIdentity(args.resources, "client.id", [aws.cognito.UserPoolClient], ["id"]);
        const authorizers = ofType(args.resources, aws.apigateway.Authorizer).filter((a) => a.props.type === "COGNITO_USER_POOLS");
        await checkEach(authorizers, (authorizer) => {
            const providers = fieldsOf(authorizer).strings("providerArns") ?? [];
            if (providers.length === 0) {
                report(`Cognito authorizer "${authorizer.name}" names no user pool: set providerArns to [pool.arn].`, authorizer.urn);
            }
            for (const arn of providers.filter((p) => pools.byArn.find([p]).length === 0)) {
                report(`Cognito authorizer "${authorizer.name}" trusts ${arn}, not a user pool of this stack: set providerArns to this stack's pool ARN.`, authorizer.urn);
            }
        });
        const jwtAuthorizers = ofType(args.resources, aws.apigatewayv2.Authorizer).filter((a) => a.props.authorizerType === "JWT");
        await checkEach(jwtAuthorizers, (authorizer) => {
            const fields = fieldsOf(authorizer);
            const issuer = fields.str("jwtConfiguration.issuer");
            if (!issuer || pools.byIssuer.find([issuer]).length === 0) {
                report(`JWT authorizer "${authorizer.name}" trusts issuer ${issuer ?? "(none)"}: set jwtConfiguration.issuer to https://<this stack's pool endpoint>.`, authorizer.urn);
            }
            const audience = fields.strings("jwtConfiguration.audiences") ?? [];
            const foreign = audience.filter((id) => clients.find([id]).length === 0);
            if (audience.length === 0 || foreign.length > 0) {
                report(`JWT authorizer "${authorizer.name}" accepts tokens for ${audience.length === 0 ? "any audience" : foreign.join(", ")}: set jwtConfiguration.audiences to this stack's app client ids.`, authorizer.urn);
            }
        });
        await checkAuthorizerIds(ofType(args.resources, aws.apigateway.Method), "COGNITO_USER_POOLS", authorizers, "Cognito authorizer", report);
        await checkAuthorizerIds(ofType(args.resources, aws.apigatewayv2.Route), "JWT", jwtAuthorizers, "JWT authorizer", report);
    },
};

/** The ids of some authorizers, undecided while one is unknown and a method names none of the known ones. */
class PolicyIds {
    private readonly ids = new Set<string>();
    private unknown: Error | undefined;

    constructor(resources: readonly PolicyResource[]) {
        for (const r of resources) {
            try {
                this.ids.add(requiredOutput(r, "id"));
            } catch (e) {
                if (!isUnknownValueError(e)) {
                    throw e;
                }
                this.unknown ??= e;
            }
        }
    }

    has(id: unknown): boolean {
        if (typeof id === "string" && this.ids.has(id)) {
            return true;
        }
        if (this.unknown) {
            throw this.unknown;
        }
        return false;
    }
}

/**
 * Reports each REST method (`authorization`) or HTTP API route (`authorizationType`) using
 * `authorization` whose authorizerId is none of `authorizers`.
 */
async function checkAuthorizerIds(users: readonly PolicyResource[], authorization: string, authorizers: readonly PolicyResource[], kind: string, report: ReportViolation): Promise<void> {
    const ids = new PolicyIds(authorizers);
    const route = (u: PolicyResource) => u.type === "aws:apigatewayv2/route:Route";
    await checkEach(users.filter((u) => u.props[route(u) ? "authorizationType" : "authorization"] === authorization), (u) => {
        if (!ids.has(u.props.authorizerId)) {
            const who = route(u) ? `Route "${fieldsOf(u).str("routeKey") ?? ""}"` : `Method "${u.name}"`;
            report(`${who} uses ${authorization} with authorizer ${String(u.props.authorizerId)}, not a ${kind} of this stack: point authorizerId at one.`, u.urn);
        }
    });
}

export const lambdaAuthorizerPool: StackValidationPolicy = {
    name: "apigateway-lambda-authorizer-pool",
    description: "Checks whether CUSTOM (Lambda) authorizers of REST and HTTP APIs run a function of this stack that verifies tokens of this stack's user pool and app clients, and CUSTOM methods and routes use one of them.",
    anchors: { none: "No published control checks what a Lambda authorizer verifies." },
    severity: "critical",
    validateStack: async (args, report) => {
        const pools = poolIndexes(args.resources);
        const clients = byIdentity(args.resources, "client.id", [aws.cognito.UserPoolClient], ["id"]);
        const restAuthorizers = ofType(args.resources, aws.apigateway.Authorizer).filter((a) => a.props.type === "TOKEN" || a.props.type === "REQUEST");
        const httpAuthorizers = ofType(args.resources, aws.apigatewayv2.Authorizer).filter((a) => a.props.authorizerType === "REQUEST");
        await checkEach([...restAuthorizers, ...httpAuthorizers], (authorizer) => {
            const uri = fieldsOf(authorizer).str("authorizerUri") ?? "";
            const fnArn = /functions\/(arn:[^/]+)\/invocations/.exec(uri)?.[1] ?? uri;
            const fn = functionFor(args.resources, fnArn);
            if (!fn) {
                report(`Lambda authorizer "${authorizer.name}" runs ${fnArn || "no function"}, not a function of this stack, so what it accepts cannot be checked: point authorizerUri at this program's authorizer function.`, authorizer.urn);
                return;
            }
            const env = functionEnv(fn);
            const poolId = env.USER_POOL_ID?.trim();
            if (!poolId || pools.byId.find([poolId]).length === 0) {
                report(`Lambda authorizer "${authorizer.name}" runs "${fn.name}", which verifies tokens of user pool ${poolId || "(USER_POOL_ID unset)"}, not this stack's: set USER_POOL_ID to this stack's pool id.`, authorizer.urn);
                return;
            }
            const clientIds = (env.APP_CLIENT_IDS ?? "").split(",").map((c) => c.trim()).filter((c) => c !== "");
            const foreign = clientIds.filter((id) => !clients.find([id]).some((c) => c.props.userPoolId === poolId));
            if (clientIds.length === 0 || foreign.length > 0) {
                report(`Lambda authorizer "${authorizer.name}" runs "${fn.name}", which accepts tokens of ${clientIds.length === 0 ? "any app client (APP_CLIENT_IDS unset)" : `clients ${foreign.join(", ")}, not app clients of pool ${poolId}`}: set APP_CLIENT_IDS to this stack's clients of that pool.`, authorizer.urn);
            }
        });
        // A REST method and an HTTP API route can each only use an authorizer of their own API kind.
        await checkAuthorizerIds(ofType(args.resources, aws.apigateway.Method), "CUSTOM", restAuthorizers, "Lambda authorizer", report);
        await checkAuthorizerIds(ofType(args.resources, aws.apigatewayv2.Route), "CUSTOM", httpAuthorizers, "Lambda authorizer", report);
    },
};

const scopeSettings = settings(
    { writeScopeWords: ["write", "admin"], readOnlyMethods: ["GET", "HEAD"] },
    {
        writeScopeWords: "Words that make a scope a write scope when its name ends in one (items.write, admin).",
        readOnlyMethods: "HTTP methods that only read, and may carry read scopes.",
    },
    { writeScopeWords: "more", readOnlyMethods: "more" },
);

export const methodScopes: StackValidationPolicy = {
    name: "apigateway-method-scopes",
    description: "Checks whether Cognito-authorized methods require scopes of this stack's resource servers (so only access tokens pass), and methods that change data require write scopes.",
    anchors: { none: "No published control checks the OAuth scopes of API methods." },
    severity: "high",
    configSchema: scopeSettings.schema,
    validateStack: async (args, report) => {
        const { writeScopeWords, readOnlyMethods } = scopeSettings.read(args);
        const defined = indexBy(args.resources, "resourceServer.scopes", [aws.cognito.ResourceServer], (r) => {
            const fields = fieldsOf(r);
            const identifier = fields.str("identifier") ?? "";
            return fields.objs("scopes").map((s) => `${identifier}/${s.str("scopeName") ?? ""}`);
        });
        const isWrite = (scope: string): boolean => {
            const last = scope.split("/").pop() ?? "";
            return writeScopeWords.some((w) => new RegExp(`(^|[.:_-])${w.replace(/[^\w]/g, "")}$`, "i").test(last));
        };
        await checkEach(ofType(args.resources, aws.apigateway.Method).filter((m) => m.props.authorization === "COGNITO_USER_POOLS"), (method) => {
            const fields = fieldsOf(method);
            const httpMethod = (fields.str("httpMethod") ?? "").toUpperCase();
            const scopes = fields.strings("authorizationScopes") ?? [];
            if (scopes.length === 0) {
                report(`Method ${httpMethod} "${method.name}" uses COGNITO_USER_POOLS without authorizationScopes, so any ID token of the pool passes: require a scope of this stack's resource server.`, method.urn);
                return;
            }
            const unknown = scopes.filter((s) => defined.find([s]).length === 0);
            if (unknown.length > 0) {
                report(`Method ${httpMethod} "${method.name}" accepts scopes ${unknown.join(", ")}, which no resource server of this stack defines: require this stack's <identifier>/<scope> scopes.`, method.urn);
            }
            const reads = scopes.filter((s) => !isWrite(s));
            if (!readOnlyMethods.includes(httpMethod) && reads.length > 0) {
                report(`Method ${httpMethod} "${method.name}" changes data but accepts ${reads.join(", ")}, not a write scope: require only write scopes (${writeScopeWords.map((w) => `*.${w}`).join(", ")}).`, method.urn);
            }
        });
    },
};

function checkAccessLog(settingsValue: Fields | undefined, report: (message: string) => void): void {
    if (!settingsValue?.str("destinationArn") || !settingsValue.str("format")) {
        report("The stage writes no access logs: set accessLogSettings { destinationArn: <log group ARN>, format }.");
    }
}

export const stageAccessLogs: ResourceValidationPolicy = {
    name: "apigateway-stage-access-logs",
    description: "Checks whether API stages write access logs.",
    anchors: { covers: ["AwsSolutions-APIG1", "CKV_AWS_76", "APIGateway.9"] },
    severity: "medium",
    validateResource: [
        validateResourceOfType(aws.apigateway.Stage, (_stage, args, report) => checkAccessLog(fieldsOf(args, false).obj("accessLogSettings"), report)),
        validateResourceOfType(aws.apigatewayv2.Stage, (_stage, args, report) => checkAccessLog(fieldsOf(args, false).obj("accessLogSettings"), report)),
    ],
};

const loggingSettings = settings(
    { allowDataTrace: false, allowedLoggingLevels: ["ERROR", "INFO"] },
    {
        allowDataTrace: "Accept dataTraceEnabled (full request and response bodies, tokens included, in the execution logs).",
        allowedLoggingLevels: "Execution logging levels a stage may use: ERROR, INFO (OFF turns execution logs off).",
    },
    { allowDataTrace: "true", allowedLoggingLevels: "more" },
);

export const stageExecutionLogging: StackValidationPolicy = {
    name: "apigateway-stage-execution-logging",
    description: "Checks whether every REST stage writes execution logs (loggingLevel ERROR or INFO for */*, no method turning them off) and keeps data trace off.",
    anchors: { beyond: ["APIGateway.1", "AwsSolutions-APIG6", "CKV2_AWS_4"] },
    severity: "medium",
    configSchema: loggingSettings.schema,
    validateStack: async (args, report) => {
        const { allowDataTrace, allowedLoggingLevels } = loggingSettings.read(args);
        const settingsOf = indexBy(args.resources, "methodSettings.stage", [aws.apigateway.MethodSettings], (r) => JSON.stringify([r.props.restApi, r.props.stageName]));
        await checkEach(ofType(args.resources, aws.apigateway.Stage), (stage) => {
            const own = settingsOf.all([JSON.stringify([stage.props.restApi, stage.props.stageName])]);
            const all = own.filter((s) => s.props.methodPath === "*/*");
            if (!all.some((s) => allowedLoggingLevels.includes(fieldsOf(s).str("settings.loggingLevel") ?? "OFF"))) {
                report(`Stage "${stage.name}" has no MethodSettings for */* with settings.loggingLevel ${allowedLoggingLevels.join(" or ")}, so failed authorizations leave no execution log: add one.`, stage.urn);
            }
            for (const s of own) {
                const fields = fieldsOf(s);
                const level = fields.str("settings.loggingLevel");
                if (level !== undefined && !allowedLoggingLevels.includes(level)) {
                    report(`MethodSettings "${s.name}" sets loggingLevel ${level} for ${fields.str("methodPath") ?? "?"}: use ${allowedLoggingLevels.join(" or ")}.`, s.urn);
                }
                if (fields.bool("settings.dataTraceEnabled") === true && !allowDataTrace) {
                    report(`MethodSettings "${s.name}" turns dataTraceEnabled on, which writes request and response bodies (tokens, personal data) to the logs: set it to false.`, s.urn);
                }
            }
        });
    },
};

export const apigatewayPolicies = [methodAuthorization, optionsMockOnly, cognitoAuthorizerPool, lambdaAuthorizerPool, methodScopes, stageAccessLogs, stageExecutionLogging] as const;
