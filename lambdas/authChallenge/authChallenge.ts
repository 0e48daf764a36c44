import { SendEmailCommand, type SESv2Client } from "@aws-sdk/client-sesv2";
import type { CreateAuthChallengeTriggerEvent, DefineAuthChallengeTriggerEvent, VerifyAuthChallengeResponseTriggerEvent } from "aws-lambda";
import { parseEmailAddress } from "../shared/email";
import { describe, eventRecord, isRecord, MalformedEventError, own, recordAt, stringAt, stringMapAt } from "../shared/event";
import type { Logger } from "../shared/logger";
import { messageLanguage, renderMessage } from "../shared/templates";
import { answerMatches, codeMetadata, decide, maskEmail, newCode, previousCode, type SessionStep } from "./challenge";
import type { AuthChallengeConfig } from "./config";

export interface AuthChallengeDeps {
    readonly config: AuthChallengeConfig;
    readonly ses: SESv2Client;
    readonly logger: Logger;
    /** @default a six-digit code from a CSPRNG */
    readonly code?: () => string;
}

type ChallengeEvent = DefineAuthChallengeTriggerEvent | CreateAuthChallengeTriggerEvent | VerifyAuthChallengeResponseTriggerEvent;

function sessionOf(request: Record<string, unknown>): SessionStep[] {
    const session = own(request, "session") ?? [];
    if (!Array.isArray(session)) {
        throw new MalformedEventError(`request.session must be an array (received: ${describe(session)})`);
    }
    return session.map((step, i) => {
        const result = own(step, "challengeResult");
        const metadata = own(step, "challengeMetadata");
        if (!isRecord(step) || typeof result !== "boolean" || (metadata !== undefined && metadata !== null && typeof metadata !== "string")) {
            throw new MalformedEventError(`request.session[${i}] must have challengeName, a boolean challengeResult and an optional string challengeMetadata`);
        }
        return { challengeName: stringAt(step, "challengeName", `request.session[${i}].challengeName`), challengeResult: result, challengeMetadata: typeof metadata === "string" ? metadata : undefined };
    });
}

/**
 * Passwordless sign-in with a one-time code by email, as Cognito's custom authentication flow
 * (one function for the three triggers, told apart by triggerSource):
 * - define: a CUSTOM_CHALLENGE until a right answer (tokens) or `maxAttempts` wrong ones (fail);
 * - create: a six-digit code from a CSPRNG, emailed to the user's verified address only, kept
 *   in the private challenge parameters (never sent to the client) and reused on a retry;
 * - verify: the answer compared in constant time.
 * Unknown users fail at define (Cognito asks with userNotFound when it hides user existence).
 */
export function createAuthChallengeHandler({ config, ses, logger, code: makeCode = newCode }: AuthChallengeDeps) {
    return async (input: unknown): Promise<ChallengeEvent> => {
        const event = eventRecord(input);
        const triggerSource = stringAt(event, "triggerSource", "triggerSource");
        const userName = stringAt(event, "userName", "userName");
        const request = recordAt(event, "request", "request");
        const response = recordAt(event, "response", "response");
        switch (triggerSource) {
            case "DefineAuthChallenge_Authentication": {
                const decision = decide(sessionOf(request), own(request, "userNotFound") === true, config.maxAttempts);
                response.issueTokens = decision.kind === "issueTokens";
                response.failAuthentication = decision.kind === "fail";
                if (decision.kind === "challenge") response.challengeName = "CUSTOM_CHALLENGE";
                logger.info("auth challenge decision", { userName, decision: decision.kind });
                return event as unknown as DefineAuthChallengeTriggerEvent;
            }
            case "CreateAuthChallenge_Authentication": {
                if (stringAt(request, "challengeName", "request.challengeName") !== "CUSTOM_CHALLENGE") {
                    throw new MalformedEventError("request.challengeName must be CUSTOM_CHALLENGE");
                }
                const session = sessionOf(request);
                const attributes = stringMapAt(request, "userAttributes", "request.userAttributes");
                const email = attributes.get("email");
                if (email === undefined || attributes.get("email_verified") !== "true" || parseEmailAddress(email) === undefined) {
                    // A code sent to an address the user never proved would sign its owner in.
                    logger.warn("no verified email address; sign-in code not sent", { userName });
                    throw new Error("Passwordless sign-in needs a verified email address.");
                }
                let code = previousCode(session);
                if (code === undefined) {
                    code = makeCode();
                    const language = messageLanguage(attributes.get("locale"), config.defaultLanguage);
                    const m = renderMessage("authentication", language, { appName: config.appName, code, username: email });
                    await ses.send(new SendEmailCommand({
                        FromEmailAddress: config.senderEmail,
                        Destination: { ToAddresses: [email] },
                        ConfigurationSetName: config.configurationSet,
                        Content: { Simple: { Subject: { Data: m.subject, Charset: "UTF-8" }, Body: { Text: { Data: m.text, Charset: "UTF-8" }, Html: { Data: m.html, Charset: "UTF-8" } } } },
                    }));
                    logger.info("sign-in code sent", { userName });
                }
                response.publicChallengeParameters = { email: maskEmail(email) };
                response.privateChallengeParameters = { code };
                response.challengeMetadata = codeMetadata(code);
                return event as unknown as CreateAuthChallengeTriggerEvent;
            }
            case "VerifyAuthChallengeResponse_Authentication": {
                const expected = stringAt(recordAt(request, "privateChallengeParameters", "request.privateChallengeParameters"), "code", "request.privateChallengeParameters.code");
                const answer = own(request, "challengeAnswer");
                response.answerCorrect = typeof answer === "string" && answerMatches(expected, answer);
                logger.info("auth challenge answer", { userName, correct: response.answerCorrect });
                return event as unknown as VerifyAuthChallengeResponseTriggerEvent;
            }
            default:
                throw new MalformedEventError(`triggerSource ${JSON.stringify(triggerSource.slice(0, 64))} is not an auth challenge source`);
        }
    };
}
