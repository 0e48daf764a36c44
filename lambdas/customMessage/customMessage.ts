import type { CustomMessageTriggerEvent } from "aws-lambda";
import { eventRecord, own, recordAt, stringAt, stringMapAt, MalformedEventError, describe } from "../shared/event";
import type { Logger } from "../shared/logger";
import { messageKind, messageLanguage, renderMessage } from "../shared/templates";
import type { CustomMessageConfig } from "./config";

export interface CustomMessageDeps {
    readonly config: CustomMessageConfig;
    readonly logger: Logger;
}

/**
 * Custom message: the project's texts for every message Cognito sends, in the language of the
 * user's `locale` attribute (the configured default otherwise). Cognito fills in the code and
 * the username itself, so the texts carry its placeholders from the event (`{####}`, and
 * `{username}` for AdminCreateUser), never a value of ours; a message without them would be
 * refused by Cognito, so none is returned without them.
 */
export function createCustomMessageHandler({ config, logger }: CustomMessageDeps) {
    const apply = (input: unknown): CustomMessageTriggerEvent => {
        const event = eventRecord(input);
        const triggerSource = stringAt(event, "triggerSource", "triggerSource");
        const request = recordAt(event, "request", "request");
        const response = recordAt(event, "response", "response");
        const kind = messageKind(triggerSource, "CustomMessage_");
        if (kind === undefined) {
            logger.warn("unknown custom message source; Cognito's default message is sent", { triggerSource });
            return event as unknown as CustomMessageTriggerEvent;
        }
        const code = stringAt(request, "codeParameter", "request.codeParameter");
        const usernameParameter = own(request, "usernameParameter");
        if (kind === "adminCreateUser" && typeof usernameParameter !== "string") {
            throw new MalformedEventError(`request.usernameParameter must be a string for ${triggerSource} (received: ${describe(usernameParameter)})`);
        }
        const username = typeof usernameParameter === "string" ? usernameParameter : "";
        const attributes = stringMapAt(request, "userAttributes", "request.userAttributes");
        const language = messageLanguage(attributes.get("locale"), config.defaultLanguage);
        const m = renderMessage(kind, language, { appName: config.appName, code, username });
        const placeholders = [code, ...(kind === "adminCreateUser" ? [username] : [])];
        if (code === "" || !placeholders.every((p) => m.html.includes(p) && m.sms.includes(p))) {
            logger.error("message lacks Cognito's placeholders; Cognito's default message is sent", { triggerSource, language });
            return event as unknown as CustomMessageTriggerEvent;
        }
        response.emailSubject = m.subject;
        response.emailMessage = m.html;
        response.smsMessage = m.sms;
        logger.info("custom message", { triggerSource, language });
        return event as unknown as CustomMessageTriggerEvent;
    };
    // A malformed event rejects the promise, as in the other handlers.
    return (input: unknown): Promise<CustomMessageTriggerEvent> => new Promise((resolve) => resolve(apply(input)));
}
