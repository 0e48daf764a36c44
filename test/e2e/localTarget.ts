/**
 * cognito-local as the end-to-end target, started in-process on a free loopback port with the
 * project's trigger handlers behind its Lambda calls. What cognito-local does not emulate is
 * played here, from the project's own code and the dev stack's plan:
 * - the REST API: the Cognito authorizer (token use and scopes), the JWT Lambda authorizer and the
 *   api handler over an in-memory table, with the routes and scopes the dev stack declares;
 * - the identity pool: ID tokens verified, identity ids issued, and every S3 or DynamoDB request
 *   decided by IAM evaluation of the dev plan's real role and bucket policies;
 * - what Cognito does with a pre token generation V2 answer cognito-local ignores (access-token
 *   scopes), and the verification of the address that confirming with the emailed code gives.
 */
import { createHash, randomUUID } from "node:crypto";
import * as fs from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import {
    AdminListGroupsForUserCommand, CognitoIdentityProviderClient, ConfirmSignUpCommand, CreateGroupCommand, CreateUserPoolClientCommand, InitiateAuthCommand, SignUpCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { SESv2Client } from "@aws-sdk/client-sesv2";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { PreTokenGenerationV2TriggerEvent } from "aws-lambda";
import { CognitoJwtVerifier } from "aws-jwt-verify";
import { DateClock, LambdaService, MessagesService, TriggersService } from "cognito-local/lib/services";
import { CognitoServiceFactoryImpl, USER_POOL_AWS_DEFAULTS } from "cognito-local/lib/services/cognitoService";
import { CryptoService } from "cognito-local/lib/services/crypto";
import { StormDBDataStoreFactory } from "cognito-local/lib/services/dataStore/stormDb";
import { MessageDeliveryService } from "cognito-local/lib/services/messageDelivery/messageDelivery";
import { otp } from "cognito-local/lib/services/otp";
import { JwtTokenGenerator } from "cognito-local/lib/services/tokenGenerator";
import { UserPoolServiceFactoryImpl } from "cognito-local/lib/services/userPoolService";
import { loadConfig } from "cognito-local/lib/server/config";
import { Router } from "cognito-local/lib/server/Router";
import { createServer } from "cognito-local/lib/server/server";
import { API_ROUTES } from "../../components/api";
import { ItemStore } from "../../lambdas/api/items";
import { createApiHandler } from "../../lambdas/api/router";
import { createAuthorizer } from "../../lambdas/authorizer/authorizer";
import { parsePostConfirmationConfig } from "../../lambdas/postConfirmation/config";
import { createPostConfirmationHandler } from "../../lambdas/postConfirmation/postConfirmation";
import { parsePreSignUpConfig } from "../../lambdas/preSignUp/config";
import { createPreSignUpHandler } from "../../lambdas/preSignUp/preSignUp";
import { parsePreTokenGenerationConfig } from "../../lambdas/preTokenGeneration/config";
import { createPreTokenGenerationHandler } from "../../lambdas/preTokenGeneration/preTokenGeneration";
import { buildClient, CommitmentPolicy } from "@aws-crypto/client-node";
import { parseCustomEmailSenderConfig } from "../../lambdas/customEmailSender/config";
import { createCustomEmailSenderHandler } from "../../lambdas/customEmailSender/customEmailSender";
import { parseCustomMessageConfig } from "../../lambdas/customMessage/config";
import { createCustomMessageHandler } from "../../lambdas/customMessage/customMessage";
import { createPostAuthenticationHandler, type SignInRecord } from "../../lambdas/postAuthentication/postAuthentication";
import { codeDecrypter } from "../../lambdas/shared/codeDecryption";
import { parseUserMigrationConfig } from "../../lambdas/userMigration/config";
import type { LegacyUser } from "../../lambdas/userMigration/legacyUsers";
import { createUserMigrationHandler } from "../../lambdas/userMigration/userMigration";
import { testKeyring } from "../lambdas/senderHelpers";
import { decideData, policiesFromPlan } from "../iam/simulate";
import { realPlan } from "../helpers/plans";
import { silentLogger } from "../lambdas/helpers";
import type { Access, E2eTarget, IdentityCredentials, WelcomeEmail } from "./target";

/* eslint-disable @typescript-eslint/no-require-imports */
// cognito-local's own dependencies, resolved from it so the versions match.
const fromCognitoLocal = (name: string): unknown => require(require.resolve(name, { paths: [path.dirname(require.resolve("cognito-local"))] }));
const pino = fromCognitoLocal("pino") as (opts: object) => never;
const jwt = fromCognitoLocal("jsonwebtoken") as { sign(payload: object, key: string, opts: object): string };
// cognito-local signs every token with this key; preloading it stands in for the pool's JWKS URL.
const publicKey = require("cognito-local/lib/keys/cognitoLocal.public.json") as { jwk: { kty: "RSA"; n: string; e: string; kid: string; alg: string; use: string } };
const privateKey = require("cognito-local/lib/keys/cognitoLocal.private.json") as { pem: string };
/* eslint-enable @typescript-eslint/no-require-imports */

const USER_POOL_ID = "us-east-1_Local1";
const REGION = "us-east-1";
const credentials = { accessKeyId: "local", secretAccessKey: "local" };
/** The dev stack's resource server and the scopes of its read and write routes. */
const RESOURCE_SERVER = "https://api.dev.example.com";
const SCOPES = { read: [`${RESOURCE_SERVER}/items.read`], write: [`${RESOURCE_SERVER}/items.write`], machine: [`${RESOURCE_SERVER}/items.service`] } as const;
const API_ID = "local12345";
const STAGE = "dev";

type Json = Record<string, unknown>;
type Handle = (method: string, url: string, body: string) => Promise<{ status: number; body: unknown; headers?: Record<string, string> }>;

/** Listens on a free loopback port; answers every request with `handle`. */
async function startJsonServer(handle: Handle): Promise<{ server: http.Server; url: string }> {
    const server = http.createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on("data", (c: Buffer) => chunks.push(c));
        req.on("end", () => {
            handle(req.method ?? "", req.url ?? "", Buffer.concat(chunks).toString("utf8")).then(
                (r) => res.writeHead(r.status, { "content-type": "application/json", ...r.headers }).end(JSON.stringify(r.body)),
                (e: Error) => res.writeHead(500).end(e.message),
            );
        });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function stop(server: http.Server): Promise<void> {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
}

/** A DynamoDB document client over a Map: the Get, Put, Delete and Query calls ItemStore makes. */
function memoryTable(): DynamoDBDocumentClient {
    const rows = new Map<string, Json>();
    const keyOf = (k: Json): string => JSON.stringify([k.pk, k.sk]);
    const send = (command: { constructor: { name: string }; input: Json }): Promise<Json> => {
        const i = command.input;
        switch (command.constructor.name) {
            case "GetCommand":
                return Promise.resolve({ Item: rows.get(keyOf(i.Key as Json)) });
            case "PutCommand":
                rows.set(keyOf(i.Item as Json), i.Item as Json);
                return Promise.resolve({});
            case "DeleteCommand": {
                const k = keyOf(i.Key as Json);
                const old = rows.get(k);
                rows.delete(k);
                return Promise.resolve({ Attributes: old });
            }
            case "QueryCommand": {
                const owner = (i.ExpressionAttributeValues as Json)[":owner"];
                return Promise.resolve({ Items: [...rows.values()].filter((r) => r.pk === owner) });
            }
            default:
                return Promise.reject(new Error(`the in-memory table does not serve ${command.constructor.name}`));
        }
    };
    return { send } as unknown as DynamoDBDocumentClient;
}

/** The identity id Cognito would give a user pool identity: stable per `sub`. */
function identityIdOf(sub: string): string {
    const h = createHash("sha256").update(sub).digest("hex");
    return `${REGION}:${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

export interface LocalTargetOptions {
    /**
     * Messages go through the custom email sender (codes encrypted with a raw AES keyring in
     * place of the pool's KMS key, decrypted by the handler, mailed through the SES stand-in)
     * instead of the custom message trigger and cognito-local's own delivery. @default false
     */
    readonly customEmailSender?: boolean;
}

/** An email as a trigger handed it over for delivery. */
export interface DeliveredEmail {
    readonly to: string;
    readonly subject: string;
    readonly body: string;
    /** Who sent it: cognito-local with the custom message trigger's text, or the custom email sender through SES. */
    readonly via: "customMessage" | "customEmailSender";
}

/** What only cognito-local lets a test see and set: the legacy store, the sign-in records, the emails. */
export interface LocalExtras {
    /** The user migration trigger's legacy store, by lower-case username. */
    readonly legacyUsers: Map<string, LegacyUser>;
    /** Usernames the migration trigger was asked about, in order. */
    readonly migrationCalls: string[];
    readonly signIns: SignInRecord[];
    readonly emails: DeliveredEmail[];
    /** `request.code` of each custom email sender event, as cognito-local encrypted it. */
    readonly encryptedCodes: string[];
}

export async function startLocalTarget(opts: LocalTargetOptions = {}): Promise<E2eTarget & { readonly local: LocalExtras }> {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "cognito-local-e2e-"));
    const servers: http.Server[] = [];
    const welcome = new Map<string, WelcomeEmail>();
    const scopesToAdd = new Map<string, string[]>();
    const codes = new Map<string, string>();
    const local: LocalExtras = { legacyUsers: new Map(), migrationCalls: [], signIns: [], emails: [], encryptedCodes: [] };

    const sesServer = await startJsonServer((method, url, body) => {
        if (`${method} ${url}` !== "POST /v2/email/outbound-emails") {
            return Promise.resolve({ status: 404, body: { message: `no route ${method} ${url}` } });
        }
        // The custom email sender's mail: the code is read back from its text, as a user would.
        const mail = JSON.parse(body) as { Destination?: { ToAddresses?: string[] }; Content?: { Simple?: { Subject?: { Data?: string }; Body?: { Text?: { Data?: string } } } } };
        const to = mail.Destination?.ToAddresses?.[0] ?? "";
        const text = mail.Content?.Simple?.Body?.Text?.Data ?? "";
        const code = /\b(\d{6})\b/.exec(text)?.[1];
        if (opts.customEmailSender && code !== undefined) {
            codes.set(to, code);
            local.emails.push({ to, subject: mail.Content?.Simple?.Subject?.Data ?? "", body: text, via: "customEmailSender" });
        }
        return Promise.resolve({ status: 200, body: { MessageId: randomUUID() } });
    });
    servers.push(sesServer.server);
    const ses = new SESv2Client({ region: REGION, credentials, endpoint: sesServer.url });

    // The post confirmation handler's log lines, as CloudWatch Logs shows them on AWS.
    const postConfirmationLogger = silentLogger();
    const verdicts: Record<string, WelcomeEmail> = {
        "welcome email sent": "sent", "no verified email address; welcome email skipped": "skipped", "welcome email failed; sign-up continues": "failed",
    };
    const record = (message: unknown, extra: unknown): void => {
        const userName = (extra as { userName?: string } | undefined)?.userName;
        if (typeof message === "string" && verdicts[message] && userName) welcome.set(userName, verdicts[message]);
    };
    Object.assign(postConfirmationLogger, {
        info: (m: unknown, e: unknown) => record(m, e),
        error: (m: unknown, e: unknown) => record(m, e),
    });

    let handlers: Record<string, (e: Json) => Promise<unknown>> = {};
    const lambda = await startJsonServer(async (method, url, body) => {
        const name = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/.exec(url)?.[1];
        const handler = method === "POST" && name ? handlers[name] : undefined;
        if (!handler) {
            return { status: 404, body: { message: `no function ${url}` } };
        }
        try {
            return { status: 200, body: await handler(JSON.parse(body) as Json) };
        } catch (error) {
            // How Lambda reports a function error to a synchronous caller.
            return { status: 200, body: { errorType: (error as Error).name, errorMessage: (error as Error).message }, headers: { "x-amz-function-error": "Unhandled" } };
        }
    });
    servers.push(lambda.server);

    // cognito-local's configuration and pool, as its CLI reads them from .cognito/.
    fs.mkdirSync(path.join(tmp, "db"));
    fs.writeFileSync(path.join(tmp, "config.json"), JSON.stringify({
        LambdaClient: { endpoint: lambda.url, region: REGION, credentials },
        TriggerFunctions: {
            PreSignUp: "preSignUp", PostConfirmation: "postConfirmation", PreTokenGeneration: "preTokenGeneration",
            UserMigration: "userMigration", PostAuthentication: "postAuthentication", CustomMessage: "customMessage",
            ...(opts.customEmailSender ? { CustomEmailSender: "customEmailSender" } : {}),
        },
        TokenConfig: { IssuerDomain: `https://cognito-idp.${REGION}.amazonaws.com` },
    }));
    fs.writeFileSync(path.join(tmp, "db", `${USER_POOL_ID}.json`), JSON.stringify({
        Options: {
            Id: USER_POOL_ID, UsernameAttributes: ["email"], AutoVerifiedAttributes: ["email"],
            SchemaAttributes: [...(USER_POOL_AWS_DEFAULTS.SchemaAttributes ?? []), { Name: "custom:tenant_id", AttributeDataType: "String", Mutable: true }],
        },
        Users: {},
    }));

    // The same wiring as cognito-local's createDefaultServer, with directories in the temp dir
    // instead of the working directory, and the emailed codes captured.
    const logger = pino({ level: "silent" });
    const ctx = { logger };
    const config = await loadConfig(ctx, new StormDBDataStoreFactory(tmp));
    const clock = new DateClock();
    const dataStoreFactory = new StormDBDataStoreFactory(path.join(tmp, "db"));
    const cognitoService = await new CognitoServiceFactoryImpl(path.join(tmp, "db"), dataStoreFactory, new UserPoolServiceFactoryImpl(clock, dataStoreFactory)).create(ctx, config.UserPoolDefaults);
    // cognito-local invokes triggers with SDK v2, its own dependency.
    const AWS = fromCognitoLocal("aws-sdk") as { Lambda: new (opts: object) => never };
    // The pool's KMS key, played by a raw AES keyring: cognito-local encrypts each code with it as Cognito does with the key.
    const keyring = testKeyring();
    const { encrypt } = buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_ALLOW_DECRYPT);
    const crypto = opts.customEmailSender
        ? ({ encrypt: async (_ctx: unknown, plaintext: string) => (await encrypt(keyring, plaintext)).result.toString("base64") } as unknown as CryptoService)
        : new CryptoService(config.KMSConfig);
    const triggers = new TriggersService(clock, cognitoService, new LambdaService(config.TriggerFunctions, new AWS.Lambda(config.LambdaClient)), crypto);
    const sender = {
        sendEmail: (_ctx: unknown, _user: unknown, destination: string, message: { __code?: string; emailSubject?: string; emailMessage?: string }) => {
            codes.set(destination, message.__code ?? "");
            local.emails.push({ to: destination, subject: message.emailSubject ?? "", body: message.emailMessage ?? "", via: "customMessage" });
            return Promise.resolve();
        },
        sendSms: () => Promise.reject(new Error("no SMS in this test")),
    };
    const services = {
        clock, cognito: cognitoService, config, otp, triggers,
        messages: new MessagesService(triggers, new MessageDeliveryService(sender)),
        tokenGenerator: new JwtTokenGenerator(clock, triggers, config.TokenConfig),
    };
    const server = await createServer(Router(services), logger, { port: 0, hostname: "127.0.0.1", development: false, https: false }, services).start() as http.Server;
    servers.push(server);
    const client = new CognitoIdentityProviderClient({ region: REGION, credentials, endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });

    await client.send(new CreateGroupCommand({ UserPoolId: USER_POOL_ID, GroupName: "members" }));
    await client.send(new CreateGroupCommand({ UserPoolId: USER_POOL_ID, GroupName: "admins" }));
    const created = await client.send(new CreateUserPoolClientCommand({ UserPoolId: USER_POOL_ID, ClientName: "web" }));
    const clientId = created.UserPoolClient!.ClientId!;
    const machine = await client.send(new CreateUserPoolClientCommand({ UserPoolId: USER_POOL_ID, ClientName: "reporting", GenerateSecret: true }));
    const machineClientId = machine.UserPoolClient!.ClientId!;

    const preSignUp = createPreSignUpHandler({
        config: parsePreSignUpConfig({ ALLOWED_EMAIL_DOMAINS: "example.com", PRIVILEGED_ATTRIBUTES: "custom:tenant_id" }), cognito: client, logger: silentLogger(),
    });
    const postConfirmation = createPostConfirmationHandler({
        config: parsePostConfirmationConfig({ SENDER_EMAIL: "no-reply@example.com", DEFAULT_GROUP: "members", APP_NAME: "Example" }),
        cognito: client, ses, logger: postConfirmationLogger,
    });
    const preTokenGeneration = createPreTokenGenerationHandler({
        config: parsePreTokenGenerationConfig({ SUPPRESSED_CLAIMS: "phone_number", ACCESS_TOKEN_SCOPES: [...SCOPES.read, ...SCOPES.write].join(",") }),
        logger: silentLogger(),
    });
    const userMigration = createUserMigrationHandler({
        config: parseUserMigrationConfig({ TABLE_NAME: "legacy-users", BCRYPT_COST: "4" }),
        store: {
            find: (username) => {
                local.migrationCalls.push(username);
                return Promise.resolve(local.legacyUsers.get(username.trim().toLowerCase()));
            },
        },
        logger: silentLogger(),
    });
    // The post authentication trigger's log line, as CloudWatch Logs would show it.
    const signInLogger = Object.assign(silentLogger(), { info: (_m: string, record: SignInRecord) => void local.signIns.push(record) });
    const postAuthentication = createPostAuthenticationHandler({ logger: signInLogger });
    const customMessage = createCustomMessageHandler({ config: parseCustomMessageConfig({ APP_NAME: "Example" }), logger: silentLogger() });
    const customEmailSender = createCustomEmailSenderHandler({
        config: parseCustomEmailSenderConfig({ KEY_ARN: `arn:aws:kms:${REGION}:123456789012:key/local-e2e`, SENDER_EMAIL: "no-reply@example.com", APP_NAME: "Example" }),
        decrypt: codeDecrypter(keyring),
        ses,
        logger: silentLogger(),
    });
    handlers = {
        userMigration: (e) => userMigration(e),
        postAuthentication: (e) => postAuthentication(e),
        customMessage: (e) => customMessage(e),
        customEmailSender: async (e) => {
            local.encryptedCodes.push(String((e.request as Json).code));
            await customEmailSender(e);
            return e;
        },
        preSignUp: (e) => preSignUp(e),
        // Confirming with the emailed code verifies the address in Cognito; cognito-local leaves
        // email_verified unset, so it is set here as Cognito would. An AdminConfirmSignUp (no
        // client) verifies nothing and gets the event unchanged.
        postConfirmation: (e) => {
            const request = e.request as { userAttributes: Record<string, string> };
            const byCode = (e.callerContext as { clientId?: string | null } | undefined)?.clientId;
            return postConfirmation(byCode ? { ...e, request: { ...request, userAttributes: { ...request.userAttributes, email_verified: "true" } } } : e);
        },
        // cognito-local sends the version 1 event and applies only `claimsOverrideDetails` to the
        // ID token. The handler gets the V2 event Cognito sends (groups included, which
        // cognito-local leaves empty); its ID token part goes back in V1 form, its access-token
        // scopes are applied at sign-in below.
        preTokenGeneration: async (e) => {
            const userName = e.userName as string;
            const { Groups = [] } = await client.send(new AdminListGroupsForUserCommand({ UserPoolId: USER_POOL_ID, Username: userName }));
            const v2 = {
                ...e, version: "2",
                request: { ...(e.request as Json), groupConfiguration: { groupsToOverride: Groups.map((g) => g.GroupName) }, scopes: ["aws.cognito.signin.user.admin"] },
                response: { claimsAndScopeOverrideDetails: {} },
            } as unknown as PreTokenGenerationV2TriggerEvent;
            const out = await preTokenGeneration(v2);
            const details = out.response.claimsAndScopeOverrideDetails;
            scopesToAdd.set(userName, details.accessTokenGeneration?.scopesToAdd ?? []);
            return { ...e, response: { claimsOverrideDetails: details.idTokenGeneration } };
        },
    };

    const jwks = { keys: [publicKey.jwk] };
    const accessVerifier = CognitoJwtVerifier.create({ userPoolId: USER_POOL_ID, tokenUse: "access", clientId: [clientId, machineClientId] });
    const idVerifier = CognitoJwtVerifier.create({ userPoolId: USER_POOL_ID, tokenUse: "id", clientId });
    accessVerifier.cacheJwks(jwks);
    idVerifier.cacheJwks(jwks);
    const authorizer = createAuthorizer({ userPoolId: USER_POOL_ID, clientIds: [clientId, machineClientId], requiredGroups: ["admins"], jwks });
    const api = createApiHandler({
        items: new ItemStore(memoryTable(), { tableName: "items", partitionKey: "pk", sortKey: "sk", adminGroups: ["admins"], machineScopes: SCOPES.machine }),
        adminGroups: ["admins"], machineScopes: SCOPES.machine, logger: silentLogger(),
    });
    const routes = API_ROUTES.map((r) => ({ ...r, pattern: new RegExp(`^${r.path.replace(/\{[^}]+\}/g, "([^/]+)")}$`) }));

    const plan = policiesFromPlan(await realPlan("dev"));
    const decide = (role: (typeof plan.roles)[string], identityId: string, action: string, resource: string, context: Record<string, string | string[]>, resourcePolicy?: string): Promise<Access> =>
        decideData({ role, identityId, action, resource, context, resourcePolicy }).then((d) => (d === "Allowed" ? "allowed" : "denied"));

    return {
        name: "cognito-local",
        local,
        cognito: client,
        userPoolId: USER_POOL_ID,
        clientId,
        address: (label) => `${label}@example.com`,
        async signUpAndConfirm(email, password, attributes = {}) {
            const { UserSub } = await client.send(new SignUpCommand({
                ClientId: clientId, Username: email, Password: password,
                UserAttributes: Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })),
            }));
            const code = codes.get(email);
            if (!code) throw new Error(`no confirmation code was emailed to ${email}`);
            await client.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: email, ConfirmationCode: code }));
            return UserSub!;
        },
        async signIn(email, password) {
            // cognito-local has no SRP: the password flow gives the same tokens.
            const { AuthenticationResult: r } = await client.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: email, PASSWORD: password } }));
            const access = JSON.parse(Buffer.from(r!.AccessToken!.split(".")[1], "base64url").toString("utf8")) as Json;
            const added = scopesToAdd.get(access.username as string) ?? [];
            const { iat: _iat, exp, ...claims } = access;
            const scope = [...new Set([...(typeof access.scope === "string" ? access.scope.split(" ") : []), ...added])].filter(Boolean).join(" ");
            const accessToken = jwt.sign({ ...claims, scope }, privateKey.pem, { algorithm: "RS256", keyid: publicKey.jwk.kid, expiresIn: (exp as number) - Math.floor(Date.now() / 1000) });
            return { idToken: r!.IdToken!, accessToken };
        },
        machineToken() {
            return Promise.resolve(jwt.sign(
                { sub: machineClientId, client_id: machineClientId, token_use: "access", scope: SCOPES.machine.join(" "), iss: `https://cognito-idp.${REGION}.amazonaws.com/${USER_POOL_ID}`, version: 2, jti: randomUUID() },
                privateKey.pem, { algorithm: "RS256", keyid: publicKey.jwk.kid, expiresIn: 3600 },
            ));
        },
        welcomeEmail: (userName) => {
            const verdict = welcome.get(userName);
            return verdict ? Promise.resolve(verdict) : Promise.reject(new Error(`the post confirmation trigger logged nothing about ${userName}'s welcome email`));
        },
        async api(method, requestPath, token, body) {
            const route = routes.find((r) => r.method === method && r.pattern.test(requestPath));
            if (!route) return { status: 403, body: { message: "Missing Authentication Token" } };
            const methodArn = `arn:aws:execute-api:${REGION}:123456789012:${API_ID}/${STAGE}/${method}${requestPath}`;
            let requestContext: Json;
            if (route.access === "admin") {
                try {
                    const result = await authorizer({ type: "TOKEN", methodArn, authorizationToken: token ?? "" });
                    const allowed = result.policyDocument.Statement.some((s) => s.Effect === "Allow" && [(s as { Resource?: string[] }).Resource ?? []].flat().some((arn) => new RegExp(`^${arn.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`).test(methodArn)));
                    if (!allowed) return { status: 403, body: { message: "User is not authorized to access this resource with an explicit deny" } };
                    requestContext = { authorizer: { ...result.context, principalId: result.principalId } };
                } catch {
                    return { status: 401, body: { message: "Unauthorized" } };
                }
            } else {
                // API Gateway's Cognito authorizer: a method with scopes takes an access token with one of them.
                try {
                    const claims = await accessVerifier.verify(token ?? "");
                    const granted = String(claims.scope ?? "").split(" ");
                    if (!SCOPES[route.access].some((s) => granted.includes(s))) return { status: 401, body: { message: "Unauthorized" } };
                    // API Gateway flattens claims to strings (lists comma-joined).
                    requestContext = { authorizer: { claims: Object.fromEntries(Object.entries(claims).map(([k, v]) => [k, Array.isArray(v) ? v.map((x) => (typeof x === "string" ? x : JSON.stringify(x))).join(",") : typeof v === "string" ? v : JSON.stringify(v)])) } };
                } catch {
                    return { status: 401, body: { message: "Unauthorized" } };
                }
            }
            const res = await api({ httpMethod: method, path: requestPath, resource: route.path, body: body === undefined ? null : JSON.stringify(body), isBase64Encoded: false, queryStringParameters: null, requestContext });
            return { status: res.statusCode, body: JSON.parse(res.body) as unknown };
        },
        async identity(idToken): Promise<IdentityCredentials> {
            let identityId: string;
            let role = plan.roles["auth-identity-guest-role"];
            if (idToken === undefined) {
                identityId = `${REGION}:${randomUUID()}`;
            } else {
                const claims = await idVerifier.verify(idToken); // the identity pool's server-side token check
                identityId = identityIdOf(claims.sub);
                role = plan.roles["auth-identity-authenticated-role"];
            }
            const tls = { "aws:SecureTransport": "true" };
            return {
                identityId,
                s3: (op, key) => decide(role, identityId, op === "put" ? "s3:PutObject" : "s3:GetObject", `${plan.bucketArn}/${key}`, tls, plan.bucketPolicy),
                dynamo: (op, partition) => decide(role, identityId, op === "put" ? "dynamodb:PutItem" : "dynamodb:GetItem", plan.tableArn, { "dynamodb:LeadingKeys": [partition] }),
            };
        },
        async dispose() {
            client.destroy();
            ses.destroy();
            for (const s of servers) await stop(s);
            fs.rmSync(tmp, { recursive: true, force: true });
        },
    };
}
