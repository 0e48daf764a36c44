/**
 * SRP sign-in (USER_SRP_AUTH then PASSWORD_VERIFIER) through the AWS SDK, with the SRP math of
 * amazon-cognito-identity-js (AWS's own browser SDK), so the password never leaves the test.
 */
import { createHmac } from "node:crypto";
import { InitiateAuthCommand, RespondToAuthChallengeCommand, type CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import type { Tokens } from "./target";

interface BigIntegerLike {
    toString(radix: number): string;
}
interface SrpHelper {
    getLargeAValue(cb: (err: Error | null, a: BigIntegerLike) => void): void;
    getPasswordAuthenticationKey(user: string, password: string, b: BigIntegerLike, salt: BigIntegerLike, cb: (err: Error | null, key: Buffer) => void): void;
}
// The package exports these at run time but leaves them out of its type declarations.
/* eslint-disable @typescript-eslint/no-require-imports */
const { AuthenticationHelper, DateHelper } = require("amazon-cognito-identity-js") as {
    AuthenticationHelper: new (poolName: string) => SrpHelper;
    DateHelper: new () => { getNowString(): string };
};
const BigInteger = (require("amazon-cognito-identity-js/lib/BigInteger") as { default: new (hex: string, radix: number) => BigIntegerLike }).default;
/* eslint-enable @typescript-eslint/no-require-imports */

export async function srpSignIn(cognito: CognitoIdentityProviderClient, userPoolId: string, clientId: string, username: string, password: string): Promise<Tokens> {
    const poolName = userPoolId.split("_")[1];
    const helper = new AuthenticationHelper(poolName);
    const a = await new Promise<BigIntegerLike>((resolve, reject) => helper.getLargeAValue((err, v) => (err ? reject(err) : resolve(v))));
    const init = await cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_SRP_AUTH", AuthParameters: { USERNAME: username, SRP_A: a.toString(16) } }));
    if (init.ChallengeName !== "PASSWORD_VERIFIER" || !init.ChallengeParameters) {
        throw new Error(`USER_SRP_AUTH answered ${init.ChallengeName ?? "no challenge"}, not PASSWORD_VERIFIER`);
    }
    const p = init.ChallengeParameters;
    const userId = p.USER_ID_FOR_SRP;
    const key = await new Promise<Buffer>((resolve, reject) =>
        helper.getPasswordAuthenticationKey(userId, password, new BigInteger(p.SRP_B, 16), new BigInteger(p.SALT, 16), (err, k) => (err ? reject(err) : resolve(k))));
    const timestamp = new DateHelper().getNowString();
    const signature = createHmac("sha256", key)
        .update(Buffer.concat([Buffer.from(poolName, "utf8"), Buffer.from(userId, "utf8"), Buffer.from(p.SECRET_BLOCK, "base64"), Buffer.from(timestamp, "utf8")]))
        .digest("base64");
    const done = await cognito.send(new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: "PASSWORD_VERIFIER",
        Session: init.Session,
        ChallengeResponses: { USERNAME: userId, PASSWORD_CLAIM_SECRET_BLOCK: p.SECRET_BLOCK, PASSWORD_CLAIM_SIGNATURE: signature, TIMESTAMP: timestamp },
    }));
    const result = done.AuthenticationResult;
    if (!result?.IdToken || !result.AccessToken) {
        throw new Error(`PASSWORD_VERIFIER answered ${done.ChallengeName ?? "no tokens"}: a rehearsal user must not be asked for MFA (the dev pool's MFA is OPTIONAL)`);
    }
    return { idToken: result.IdToken, accessToken: result.AccessToken };
}
