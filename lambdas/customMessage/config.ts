import { EnvReader, type Env } from "../shared/env";
import { readMessageSettings, type MessageSettings } from "../shared/messageConfig";

export type CustomMessageConfig = MessageSettings;

/** Reads APP_NAME and DEFAULT_LANGUAGE. */
export function parseCustomMessageConfig(env: Env): CustomMessageConfig {
    const r = new EnvReader("customMessage", env);
    return r.done(readMessageSettings(r));
}
