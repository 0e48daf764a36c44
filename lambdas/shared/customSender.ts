import { describe, eventRecord, MalformedEventError, own, recordAt, stringAt, stringMapAt } from "./event";
import type { MessageSettings } from "./messageConfig";
import { messageKind, messageLanguage, renderMessage, type MessageKind, type RenderedMessage } from "./templates";

/** A custom sender event read strictly, with the message to send; the code only inside the message. */
export interface SenderMessage {
    readonly triggerSource: string;
    readonly kind: MessageKind;
    readonly userName: string;
    readonly attributes: ReadonlyMap<string, string>;
    readonly language: string;
    readonly message: RenderedMessage;
}

/**
 * Reads a custom sender event (`CustomEmailSender_*` or `CustomSMSSender_*`, by `prefix`),
 * decrypts its code and renders the project's message in the user's language. A source we do
 * not know is refused: sending Cognito's codes with a text meant for something else would
 * mislead the user.
 */
export async function senderMessage(input: unknown, prefix: string, settings: MessageSettings, decrypt: (ciphertext: string) => Promise<string>): Promise<SenderMessage> {
    const event = eventRecord(input);
    const triggerSource = stringAt(event, "triggerSource", "triggerSource");
    const kind = messageKind(triggerSource, prefix);
    if (kind === undefined) {
        throw new MalformedEventError(`triggerSource ${JSON.stringify(triggerSource.slice(0, 64))} is not a source of this trigger`);
    }
    const userName = stringAt(event, "userName", "userName");
    const request = recordAt(event, "request", "request");
    const attributes = stringMapAt(request, "userAttributes", "request.userAttributes");
    const encrypted = own(request, "code");
    let code = "";
    if (kind !== "accountTakeover") {
        if (typeof encrypted !== "string") {
            throw new MalformedEventError(`request.code must be a string (received: ${describe(encrypted)})`);
        }
        code = await decrypt(encrypted);
    }
    const language = messageLanguage(attributes.get("locale"), settings.defaultLanguage);
    const message = renderMessage(kind, language, { appName: settings.appName, code, username: attributes.get("email") ?? userName });
    return { triggerSource, kind, userName, attributes, language, message };
}
