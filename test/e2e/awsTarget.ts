/**
 * A deployed stack as the end-to-end target: its outputs (`pulumi stack output --json`) name the
 * pool, app client, API, identity pool, bucket and table. Users are real Cognito users at a test
 * mailbox address; they sign in with SRP (the only password flow the app clients allow).
 */
import * as fs from "node:fs";
import { AdminConfirmSignUpCommand, AdminUpdateUserAttributesCommand, CognitoIdentityProviderClient, SignUpCommand } from "@aws-sdk/client-cognito-identity-provider";
import { CognitoIdentityClient, GetCredentialsForIdentityCommand, GetIdCommand } from "@aws-sdk/client-cognito-identity";
import { CloudWatchLogsClient, FilterLogEventsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { DynamoDBClient, GetItemCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
import { GetObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { IDENTITY_KEY, ITEM_KEY } from "../../components/dataAccess";
import { srpSignIn } from "./srp";
import type { Access, E2eTarget, IdentityCredentials } from "./target";

export interface StackOutputs {
    readonly userPoolId: string;
    readonly clientId: string;
    readonly apiUrl: string;
    readonly identityPoolId: string;
    readonly dataBucketName: string;
    readonly dataTableName: string;
    readonly postConfirmationFunction: string;
    /** The machine client (`E2E_MACHINE_CLIENT`, default `reporting`), its secret and the managed-login URL its token comes from; absent when the stack has none. */
    readonly machine?: { readonly clientId: string; readonly clientSecret: string; readonly tokenUrl: string };
}

/**
 * The outputs file named by `E2E_STACK_OUTPUTS`, checked: every problem named with the fix.
 * The app client is `E2E_APP_CLIENT` (default `web`) of `appClientIds`.
 */
export function parseStackOutputs(text: string, file: string, clientName = "web", machineName = "reporting"): StackOutputs {
    let raw: unknown;
    try {
        raw = JSON.parse(text);
    } catch (e) {
        throw new Error(`E2E_STACK_OUTPUTS ${file} is not JSON (${(e as Error).message}): write it with pulumi stack output --json --show-secrets > ${file}`);
    }
    const o = (typeof raw === "object" && raw !== null ? raw : {}) as Record<string, unknown>;
    const problems: string[] = [];
    const str = (key: string, value: unknown = o[key]): string => {
        if (typeof value !== "string" || value === "") {
            problems.push(`${key} must be a non-empty string (received: ${JSON.stringify(value)})`);
            return "";
        }
        return value;
    };
    const clients = (typeof o.appClientIds === "object" && o.appClientIds !== null ? o.appClientIds : {}) as Record<string, unknown>;
    const functions = Array.isArray(o.triggerFunctions) ? o.triggerFunctions.filter((f): f is string => typeof f === "string") : [];
    const outputs: StackOutputs = {
        userPoolId: str("userPoolId"),
        clientId: str(`appClientIds.${clientName}`, clients[clientName]),
        apiUrl: str("apiUrl").replace(/\/+$/, ""),
        identityPoolId: str("identityPoolId"),
        dataBucketName: str("dataBucketName"),
        dataTableName: str("dataTableName"),
        postConfirmationFunction: str("triggerFunctions[postConfirmation]", functions.find((f) => f.includes("postConfirmation"))),
        ...machineOutputs(o, machineName, str),
    };
    if (problems.length > 0) {
        throw new Error(`E2E_STACK_OUTPUTS ${file} is not the outputs of a deployed stack:\n  ${problems.join("\n  ")}\nwrite it with pulumi stack output --json --show-secrets > ${file} after pulumi up`);
    }
    return outputs;
}

/** The machine client's outputs where the stack has one (`machineClientSecrets` is a secret output: --show-secrets). */
function machineOutputs(o: Record<string, unknown>, name: string, str: (key: string, value: unknown) => string): Pick<StackOutputs, "machine"> {
    const secrets = (typeof o.machineClientSecrets === "object" && o.machineClientSecrets !== null ? o.machineClientSecrets : {}) as Record<string, unknown>;
    if (!(name in secrets)) return {};
    const clients = (typeof o.appClientIds === "object" && o.appClientIds !== null ? o.appClientIds : {}) as Record<string, unknown>;
    return {
        machine: {
            clientId: str(`appClientIds.${name}`, clients[name]),
            clientSecret: str(`machineClientSecrets.${name}`, secrets[name]),
            tokenUrl: `${str("hostedUiUrl", o.hostedUiUrl).replace(/\/+$/, "")}/oauth2/token`,
        },
    };
}

export function readStackOutputs(env: NodeJS.ProcessEnv): StackOutputs {
    const file = env.E2E_STACK_OUTPUTS;
    if (!file) {
        throw new Error("E2E_TARGET=aws needs E2E_STACK_OUTPUTS: the file of pulumi stack output --json --show-secrets of the deployed stack");
    }
    return parseStackOutputs(fs.readFileSync(file, "utf8"), file, env.E2E_APP_CLIENT, env.E2E_MACHINE_CLIENT);
}

const denied = (e: unknown): boolean => ["AccessDenied", "AccessDeniedException"].includes((e as Error).name);

/** The request's authorization, not its outcome: a read that found nothing was still allowed. */
async function access(call: () => Promise<unknown>): Promise<Access> {
    try {
        await call();
        return "allowed";
    } catch (e) {
        if (denied(e)) return "denied";
        if ((e as Error).name === "NoSuchKey") return "allowed";
        throw e;
    }
}

async function poll<T>(what: string, read: () => Promise<T | undefined>, timeoutMs = 90_000): Promise<T> {
    const until = Date.now() + timeoutMs;
    for (;;) {
        const found = await read();
        if (found !== undefined) return found;
        if (Date.now() > until) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 3000));
    }
}

export function awsTarget(out: StackOutputs, env: NodeJS.ProcessEnv): E2eTarget {
    const region = out.userPoolId.split("_")[0];
    const cognito = new CognitoIdentityProviderClient({ region });
    const identityPool = new CognitoIdentityClient({ region });
    const logs = new CloudWatchLogsClient({ region });
    // A mailbox that accepts mail without a person: SES's simulator by default.
    const domain = env.E2E_EMAIL_DOMAIN ?? "simulator.amazonses.com";
    const run = (env.GITHUB_RUN_ID ?? `${Date.now()}`).slice(-12);
    const provider = `cognito-idp.${region}.amazonaws.com/${out.userPoolId}`;
    return {
        name: "aws",
        cognito,
        userPoolId: out.userPoolId,
        clientId: out.clientId,
        address: (label) => (domain === "simulator.amazonses.com" ? `success+${label}-${run}@${domain}` : `${label}-${run}@${domain}`),
        async signUpAndConfirm(email, password, attributes = {}) {
            const { UserSub } = await cognito.send(new SignUpCommand({
                ClientId: out.clientId, Username: email, Password: password,
                UserAttributes: Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })),
            }));
            // The code goes to a mailbox nobody reads here: an administrator verifies the address
            // the code would have verified, then confirms (PostConfirmation_ConfirmSignUp either way).
            await cognito.send(new AdminUpdateUserAttributesCommand({ UserPoolId: out.userPoolId, Username: email, UserAttributes: [{ Name: "email_verified", Value: "true" }] }));
            await cognito.send(new AdminConfirmSignUpCommand({ UserPoolId: out.userPoolId, Username: email }));
            return UserSub!;
        },
        signIn: (email, password) => srpSignIn(cognito, out.userPoolId, out.clientId, email, password),
        async machineToken() {
            const m = out.machine;
            if (m === undefined) throw new Error("the stack outputs name no machine client: deploy one (appClients kind machine, api.machineScope) or set E2E_MACHINE_CLIENT to its name");
            const res = await fetch(m.tokenUrl, {
                method: "POST",
                headers: { "content-type": "application/x-www-form-urlencoded", authorization: `Basic ${Buffer.from(`${m.clientId}:${m.clientSecret}`).toString("base64")}` },
                // No scope asked for: Cognito grants every scope the client is allowed.
                body: new URLSearchParams({ grant_type: "client_credentials" }).toString(),
            });
            const body = (await res.json()) as { access_token?: string; error?: string };
            if (!res.ok || typeof body.access_token !== "string") throw new Error(`the token endpoint refused client_credentials: ${res.status} ${body.error ?? ""}`);
            return body.access_token;
        },
        welcomeEmail: (userName) =>
            poll(`the welcome email log of ${userName}`, async () => {
                const { events = [] } = await logs.send(new FilterLogEventsCommand({
                    logGroupName: `/aws/lambda/${out.postConfirmationFunction}`,
                    filterPattern: `{ $.userName = "${userName}" }`,
                    startTime: Date.now() - 15 * 60_000,
                }));
                const messages = events.map((e) => (JSON.parse(e.message ?? "{}") as { message?: string }).message ?? "");
                const verdict = messages.find((m) => /^(welcome email sent|no verified email address; welcome email skipped|welcome email failed)/.test(m));
                return verdict === undefined ? undefined : (verdict.startsWith("welcome email sent") ? "sent" : verdict.includes("skipped") ? "skipped" : "failed");
            }),
        async api(method, path, token, body) {
            const res = await fetch(`${out.apiUrl}${path}`, {
                method,
                headers: { ...(token ? { Authorization: token } : {}), ...(body === undefined ? {} : { "content-type": "application/json" }) },
                body: body === undefined ? undefined : JSON.stringify(body),
            });
            const text = await res.text();
            let parsed: unknown = text;
            try {
                parsed = JSON.parse(text);
            } catch {
                // API Gateway's own errors are JSON; keep anything else as text.
            }
            return { status: res.status, body: parsed };
        },
        async identity(idToken): Promise<IdentityCredentials> {
            const logins = idToken ? { [provider]: idToken } : undefined;
            const { IdentityId } = await identityPool.send(new GetIdCommand({ IdentityPoolId: out.identityPoolId, Logins: logins }));
            const { Credentials: c } = await identityPool.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins: logins }));
            const credentials = { accessKeyId: c!.AccessKeyId!, secretAccessKey: c!.SecretKey!, sessionToken: c!.SessionToken! };
            const s3 = new S3Client({ region, credentials });
            const db = new DynamoDBClient({ region, credentials });
            return {
                identityId: IdentityId!,
                s3: (op, key) => access(() => (op === "put"
                    ? s3.send(new PutObjectCommand({ Bucket: out.dataBucketName, Key: key, Body: "e2e" }))
                    : s3.send(new GetObjectCommand({ Bucket: out.dataBucketName, Key: key })))),
                dynamo: (op, partition) => {
                    const key = { [IDENTITY_KEY]: { S: partition }, [ITEM_KEY]: { S: "e2e" } };
                    return access(() => (op === "put"
                        ? db.send(new PutItemCommand({ TableName: out.dataTableName, Item: key }))
                        : db.send(new GetItemCommand({ TableName: out.dataTableName, Key: key }))));
                },
            };
        },
        dispose() {
            for (const c of [cognito, identityPool, logs]) c.destroy();
            return Promise.resolve();
        },
    };
}
