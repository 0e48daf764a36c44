/**
 * What the end-to-end suite runs against. One suite, two targets: cognito-local (the default,
 * started in-process on a free loopback port) and a deployed stack (`E2E_TARGET=aws`, its
 * outputs in `E2E_STACK_OUTPUTS`). The suite calls Cognito itself through `cognito`; everything
 * that differs between the two (how a user gets confirmed and signs in, how the welcome email is
 * observed, where the API and the identity pool's credentials are) is behind this interface.
 */
import type { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { awsTarget, readStackOutputs } from "./awsTarget";
import { startLocalTarget } from "./localTarget";

export interface Tokens {
    readonly idToken: string;
    readonly accessToken: string;
}

export type Access = "allowed" | "denied";

/** What the postConfirmation trigger logged about the welcome email of a user. */
export type WelcomeEmail = "sent" | "skipped" | "failed";

/** Temporary credentials from the identity pool, as one identity uses them. */
export interface IdentityCredentials {
    readonly identityId: string;
    s3(op: "get" | "put", key: string): Promise<Access>;
    /** An item write or read in the table's partition `partition`. */
    dynamo(op: "get" | "put", partition: string): Promise<Access>;
}

export interface ApiResponse {
    readonly status: number;
    readonly body: unknown;
}

export interface E2eTarget {
    readonly name: "cognito-local" | "aws";
    /** A client with administrator credentials on the pool (the suite's admin calls go through it). */
    readonly cognito: CognitoIdentityProviderClient;
    readonly userPoolId: string;
    /** The app client users sign up and sign in through. */
    readonly clientId: string;
    /** A unique address the pre sign-up trigger accepts, for `label`. */
    address(label: string): string;
    /** Signs up through the app client and confirms the way a user does (the emailed code), or as close as the target allows. */
    signUpAndConfirm(email: string, password: string, attributes?: Record<string, string>): Promise<string>;
    /** Signs in through the app client; the tokens carry what Cognito and the triggers put in them. */
    signIn(email: string, password: string): Promise<Tokens>;
    /** Waits for the postConfirmation trigger's verdict on the welcome email of `userName`. */
    welcomeEmail(userName: string): Promise<WelcomeEmail>;
    /**
     * An access token of the machine client (client_credentials) with the machine route's scope.
     * cognito-local has no client_credentials grant: there the token is made in Cognito's shape
     * (the client id as sub, no username, no groups) and signed with cognito-local's key.
     */
    machineToken(): Promise<string>;
    /** Calls the REST API with `Authorization: <token>`. */
    api(method: string, path: string, token?: string, body?: unknown): Promise<ApiResponse>;
    /** Credentials of the identity of `idToken`, or of a guest without one. */
    identity(idToken?: string): Promise<IdentityCredentials>;
    dispose(): Promise<void>;
}

/** The target named by `E2E_TARGET` (`cognito-local` by default). */
export function targetFromEnv(env: NodeJS.ProcessEnv = process.env): Promise<E2eTarget> {
    const name = env.E2E_TARGET ?? "cognito-local";
    if (name === "cognito-local") {
        return startLocalTarget();
    }
    if (name === "aws") {
        try {
            return Promise.resolve(awsTarget(readStackOutputs(env), env));
        } catch (e) {
            return Promise.reject(e instanceof Error ? e : new Error(String(e)));
        }
    }
    return Promise.reject(new Error(`E2E_TARGET must be cognito-local or aws (received: ${JSON.stringify(name)}): unset it to run against cognito-local`));
}
