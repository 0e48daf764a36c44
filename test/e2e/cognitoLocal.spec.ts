import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import {
    AdminAddUserToGroupCommand, AdminConfirmSignUpCommand, AdminListGroupsForUserCommand, AdminUpdateUserAttributesCommand, CognitoIdentityProviderClient, ConfirmSignUpCommand,
    CreateGroupCommand, CreateUserPoolClientCommand, InitiateAuthCommand, SignUpCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { SESv2Client } from "@aws-sdk/client-sesv2";
import type { PreTokenGenerationV2TriggerEvent } from "aws-lambda";
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
import { createAuthorizer, type Authorizer } from "../../lambdas/authorizer/authorizer";
import { parsePostConfirmationConfig } from "../../lambdas/postConfirmation/config";
import { createPostConfirmationHandler } from "../../lambdas/postConfirmation/postConfirmation";
import { parsePreSignUpConfig } from "../../lambdas/preSignUp/config";
import { createPreSignUpHandler } from "../../lambdas/preSignUp/preSignUp";
import { parsePreTokenGenerationConfig } from "../../lambdas/preTokenGeneration/config";
import { createPreTokenGenerationHandler } from "../../lambdas/preTokenGeneration/preTokenGeneration";
import { silentLogger } from "../lambdas/helpers";

// cognito-local's own logger (pino), resolved from cognito-local so the versions match.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pino = require(require.resolve("pino", { paths: [path.dirname(require.resolve("cognito-local"))] })) as (opts: object) => never;
// cognito-local signs every token with this key; preloading it stands in for the pool's JWKS URL.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const cognitoLocalKey = require("cognito-local/lib/keys/cognitoLocal.public.json") as { jwk: { kty: "RSA"; n: string; e: string; kid: string; alg: string; use: string } };

const USER_POOL_ID = "us-east-1_Local1";
const REGION = "us-east-1";
const credentials = { accessKeyId: "local", secretAccessKey: "local" };
const METHOD_ARN = "arn:aws:execute-api:us-east-1:123456789012:api1234567/prod/GET/admin/users";

type Json = Record<string, unknown>;

/** Listens on a free loopback port; answers every request with `handle(method, url, body)`. */
async function startJsonServer(handle: (method: string, url: string, body: string) => Promise<{ status: number; body: unknown; headers?: Record<string, string> }>): Promise<{ server: http.Server; url: string }> {
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

describe("end to end on cognito-local", function () {
    this.timeout(30_000);

    let tmp: string;
    const servers: http.Server[] = [];
    let cognito: CognitoIdentityProviderClient;
    let ses: SESv2Client;
    let clientId: string;
    let authorizer: Authorizer;
    const invocations: string[] = [];
    const emails: Json[] = [];
    const codes = new Map<string, string>();
    const tokens = new Map<string, { AccessToken: string; IdToken: string }>();

    /** Serves cognito-local's Lambda Invoke calls with the project's handlers. */
    function triggerHandlers() {
        const preSignUp = createPreSignUpHandler({
            config: parsePreSignUpConfig({ ALLOWED_EMAIL_DOMAINS: "example.com", PRIVILEGED_ATTRIBUTES: "custom:tenant_id" }), cognito, logger: silentLogger(),
        });
        const postConfirmation = createPostConfirmationHandler({
            config: parsePostConfirmationConfig({ SENDER_EMAIL: "no-reply@example.com", DEFAULT_GROUP: "members", APP_NAME: "Example" }),
            cognito, ses, logger: silentLogger(),
        });
        const preTokenGeneration = createPreTokenGenerationHandler({
            config: parsePreTokenGenerationConfig({ SUPPRESSED_CLAIMS: "phone_number", ACCESS_TOKEN_SCOPES: "api/read" }),
            logger: silentLogger(),
        });
        return {
            preSignUp: (e: Json) => preSignUp(e),
            // Confirming with the emailed code verifies the address in Cognito; cognito-local
            // leaves email_verified unset, so the shim sets it as Cognito would. An
            // AdminConfirmSignUp (no client) verifies nothing and gets the event unchanged.
            postConfirmation: (e: Json) => {
                const request = e.request as { userAttributes: Record<string, string> };
                const byCode = (e.callerContext as { clientId?: string | null } | undefined)?.clientId;
                return postConfirmation(byCode ? { ...e, request: { ...request, userAttributes: { ...request.userAttributes, email_verified: "true" } } } : e);
            },
            // cognito-local sends the version 1 event and applies only `claimsOverrideDetails`
            // to the ID token. The handler gets the V2 event Cognito sends (groups included,
            // which cognito-local leaves empty), and its ID token part is handed back in V1 form.
            preTokenGeneration: async (e: Json) => {
                const userName = e.userName as string;
                const { Groups = [] } = await cognito.send(new AdminListGroupsForUserCommand({ UserPoolId: USER_POOL_ID, Username: userName }));
                const v2 = {
                    ...e, version: "2",
                    request: { ...(e.request as Json), groupConfiguration: { groupsToOverride: Groups.map((g) => g.GroupName) }, scopes: ["aws.cognito.signin.user.admin"] },
                    response: { claimsAndScopeOverrideDetails: {} },
                } as unknown as PreTokenGenerationV2TriggerEvent;
                const out = await preTokenGeneration(v2);
                return { ...e, response: { claimsOverrideDetails: out.response.claimsAndScopeOverrideDetails.idTokenGeneration } };
            },
        } as Record<string, (e: Json) => Promise<unknown>>;
    }

    before(async () => {
        tmp = fs.mkdtempSync(path.join(os.tmpdir(), "cognito-local-e2e-"));

        const sesServer = await startJsonServer((method, url, body) => {
            assert.equal(`${method} ${url}`, "POST /v2/email/outbound-emails");
            emails.push(JSON.parse(body) as Json);
            return Promise.resolve({ status: 200, body: { MessageId: `message-${emails.length}` } });
        });
        servers.push(sesServer.server);
        ses = new SESv2Client({ region: REGION, credentials, endpoint: sesServer.url });

        // Filled in once cognito-local runs: the handlers call it back (AdminAddUserToGroup).
        let handlers: ReturnType<typeof triggerHandlers> = {};
        const lambda = await startJsonServer(async (method, url, body) => {
            const name = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/.exec(url)?.[1];
            const handler = method === "POST" && name ? handlers[name] : undefined;
            if (!handler) {
                return { status: 404, body: { message: `no function ${url}` } };
            }
            invocations.push(name!);
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
            TriggerFunctions: { PreSignUp: "preSignUp", PostConfirmation: "postConfirmation", PreTokenGeneration: "preTokenGeneration" },
            TokenConfig: { IssuerDomain: `https://cognito-idp.${REGION}.amazonaws.com` },
        }));
        fs.writeFileSync(path.join(tmp, "db", `${USER_POOL_ID}.json`), JSON.stringify({
            Options: {
                Id: USER_POOL_ID, UsernameAttributes: ["email"], AutoVerifiedAttributes: ["email"],
                SchemaAttributes: [...(USER_POOL_AWS_DEFAULTS.SchemaAttributes ?? []), { Name: "custom:tenant_id", AttributeDataType: "String", Mutable: true }],
            },
            Users: {},
        }));

        // The same wiring as cognito-local's createDefaultServer, with directories in the temp
        // dir instead of the working directory, and the emailed codes captured.
        const logger = pino({ level: "silent" });
        const ctx = { logger };
        const config = await loadConfig(ctx, new StormDBDataStoreFactory(tmp));
        const clock = new DateClock();
        const dataStoreFactory = new StormDBDataStoreFactory(path.join(tmp, "db"));
        const cognitoService = await new CognitoServiceFactoryImpl(path.join(tmp, "db"), dataStoreFactory, new UserPoolServiceFactoryImpl(clock, dataStoreFactory)).create(ctx, config.UserPoolDefaults);
        // cognito-local invokes triggers with SDK v2, its own dependency.
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const AWS = require("aws-sdk") as { Lambda: new (opts: object) => never };
        const triggers = new TriggersService(clock, cognitoService, new LambdaService(config.TriggerFunctions, new AWS.Lambda(config.LambdaClient)), new CryptoService(config.KMSConfig));
        const sender = {
            sendEmail: (_ctx: unknown, _user: unknown, destination: string, message: { __code?: string }) => {
                codes.set(destination, message.__code ?? "");
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
        cognito = new CognitoIdentityProviderClient({ region: REGION, credentials, endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });

        await cognito.send(new CreateGroupCommand({ UserPoolId: USER_POOL_ID, GroupName: "members" }));
        await cognito.send(new CreateGroupCommand({ UserPoolId: USER_POOL_ID, GroupName: "admins" }));
        const created = await cognito.send(new CreateUserPoolClientCommand({ UserPoolId: USER_POOL_ID, ClientName: "web" }));
        clientId = created.UserPoolClient!.ClientId!;
        handlers = triggerHandlers();
        authorizer = createAuthorizer({
            userPoolId: USER_POOL_ID, clientIds: [clientId], requiredGroups: ["members"],
            routes: { "* /admin/*": { groups: ["admins"] } }, jwks: { keys: [cognitoLocalKey.jwk] },
        });
    });

    after(async () => {
        cognito?.destroy();
        ses?.destroy();
        for (const server of servers) {
            await stop(server);
        }
        if (tmp) {
            fs.rmSync(tmp, { recursive: true, force: true });
        }
    });

    /** Signs up and confirms as the user would; the tenant is then set by an administrator, the only one who may. */
    async function signUpAndConfirm(email: string, tenant: string): Promise<string> {
        const { UserSub } = await cognito.send(new SignUpCommand({
            ClientId: clientId, Username: email, Password: "Corr3ct-horse-battery",
            UserAttributes: [{ Name: "phone_number", Value: "+15555550100" }],
        }));
        const code = codes.get(email);
        assert.ok(code, `a confirmation code was emailed to ${email}`);
        await cognito.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: email, ConfirmationCode: code }));
        await cognito.send(new AdminUpdateUserAttributesCommand({ UserPoolId: USER_POOL_ID, Username: email, UserAttributes: [{ Name: "custom:tenant_id", Value: tenant }] }));
        return UserSub!;
    }

    async function signIn(email: string): Promise<void> {
        const { AuthenticationResult } = await cognito.send(new InitiateAuthCommand({
            ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: email, PASSWORD: "Corr3ct-horse-battery" },
        }));
        tokens.set(email, { AccessToken: AuthenticationResult!.AccessToken!, IdToken: AuthenticationResult!.IdToken! });
    }

    const claimsOf = (jwt: string): Json => JSON.parse(Buffer.from(jwt.split(".")[1], "base64url").toString("utf8")) as Json;

    it("rejects a sign-up from a domain outside the allow-list in preSignUp", async () => {
        await assert.rejects(
            cognito.send(new SignUpCommand({ ClientId: clientId, Username: "mallory@evil.test", Password: "Corr3ct-horse-battery" })),
            /failed with error Sign-up is not open to email addresses at evil\.test\./,
        );
    });

    it("refuses a self sign-up that sets its own tenant in preSignUp, even through a client that may write it", async () => {
        await assert.rejects(
            cognito.send(new SignUpCommand({
                ClientId: clientId, Username: "mallory@example.com", Password: "Corr3ct-horse-battery",
                UserAttributes: [{ Name: "custom:tenant_id", Value: "acme-staff" }],
            })),
            /failed with error Sign-up may not set custom:tenant_id\./,
        );
    });

    it("confirms a sign-up: postConfirmation adds the default group and sends the welcome email", async () => {
        const sub = await signUpAndConfirm("alice@example.com", "tenant-a");
        await signUpAndConfirm("bob@example.com", "tenant-b");
        assert.deepEqual(invocations.filter((n) => n !== "preTokenGeneration"), ["preSignUp", "preSignUp", "preSignUp", "postConfirmation", "preSignUp", "postConfirmation"]);
        const { Groups = [] } = await cognito.send(new AdminListGroupsForUserCommand({ UserPoolId: USER_POOL_ID, Username: sub }));
        assert.deepEqual(Groups.map((g) => g.GroupName), ["members"]);
        assert.equal(emails.length, 2);
        assert.deepEqual(emails[0].Destination, { ToAddresses: ["alice@example.com"] });
        assert.equal(emails[0].FromEmailAddress, "no-reply@example.com");
        assert.equal((emails[0] as { Content: { Simple: { Subject: { Data: string } } } }).Content.Simple.Subject.Data, "Welcome to Example");
    });

    it("sends no welcome email to a user an administrator confirmed (nothing verified the address)", async () => {
        await cognito.send(new SignUpCommand({ ClientId: clientId, Username: "carol@example.com", Password: "Corr3ct-horse-battery" }));
        const before = emails.length;
        await cognito.send(new AdminConfirmSignUpCommand({ UserPoolId: USER_POOL_ID, Username: "carol@example.com" }));
        assert.equal(invocations.at(-1), "postConfirmation");
        assert.equal(emails.length, before);
    });

    it("signs in: preTokenGeneration puts tenant and roles into the ID token and suppresses phone_number", async () => {
        await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: USER_POOL_ID, Username: "alice@example.com", GroupName: "admins" }));
        await signIn("alice@example.com");
        await signIn("bob@example.com");
        const alice = claimsOf(tokens.get("alice@example.com")!.IdToken);
        assert.equal(alice.tenant_id, "tenant-a");
        assert.deepEqual((alice.roles as string).split(" ").sort(), ["admins", "members"]);
        assert.equal(alice.phone_number, undefined);
        assert.equal(claimsOf(tokens.get("bob@example.com")!.IdToken).roles, "members");
        assert.ok(invocations.includes("preTokenGeneration"));
    });

    it("authorizes: the admin route is allowed for a user in admins and denied for one without it", async () => {
        const allowed = await authorizer({ type: "TOKEN", methodArn: METHOD_ARN, authorizationToken: `Bearer ${tokens.get("alice@example.com")!.AccessToken}` });
        assert.deepEqual(allowed.policyDocument.Statement, [
            { Effect: "Allow", Action: "execute-api:Invoke", Resource: ["arn:aws:execute-api:us-east-1:123456789012:api1234567/prod/*/admin/*"] },
        ]);
        assert.deepEqual(JSON.parse(String(allowed.context?.groups)), ["admins", "members"]);

        const denied = await authorizer({ type: "TOKEN", methodArn: METHOD_ARN, authorizationToken: `Bearer ${tokens.get("bob@example.com")!.AccessToken}` });
        assert.deepEqual(denied.policyDocument.Statement, [
            { Effect: "Deny", Action: "execute-api:Invoke", Resource: ["arn:aws:execute-api:us-east-1:123456789012:api1234567/prod/*/admin/*"] },
        ]);
        assert.equal(denied.principalId, claimsOf(tokens.get("bob@example.com")!.AccessToken).sub);

        // The ID token is not accepted where an access token is required.
        await assert.rejects(authorizer({ type: "TOKEN", methodArn: METHOD_ARN, authorizationToken: tokens.get("bob@example.com")!.IdToken }), /^Error: Unauthorized$/);
    });
});
