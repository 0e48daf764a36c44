import { EnvReader } from "./env";
import { MESSAGE_LANGUAGES, type MessageLanguage } from "./templates";

/** Product name and default language of the messages, shared by the message triggers. */
export interface MessageSettings {
    readonly appName: string;
    readonly defaultLanguage: MessageLanguage;
}

/** Reads APP_NAME (default `our service`) and DEFAULT_LANGUAGE (one of MESSAGE_LANGUAGES, default `en`). */
export function readMessageSettings(r: EnvReader): MessageSettings {
    const appName = r.matching("APP_NAME", /^[^<>{}\r\n]{1,64}$/, "1-64 characters without <, >, { } or line breaks", "set it to the product name users know, e.g. Example", { required: false });
    const language = r.matching("DEFAULT_LANGUAGE", new RegExp(`^(${MESSAGE_LANGUAGES.join("|")})$`), `one of ${MESSAGE_LANGUAGES.join(", ")}`, "set it to the language users without a locale attribute get", { required: false });
    return { appName: appName ?? "our service", defaultLanguage: (language ?? "en") as MessageLanguage };
}
