import * as assert from "node:assert/strict";
import { EnvReader } from "../../../lambdas/shared/env";
import { readMessageSettings } from "../../../lambdas/shared/messageConfig";

const read = (env: Record<string, string>) => {
    const r = new EnvReader("customMessage", env);
    return r.done(readMessageSettings(r));
};
function message(env: Record<string, string>): string {
    try {
        read(env);
        return "";
    } catch (e) {
        return (e as Error).message;
    }
}
const HEAD = "Invalid configuration of the customMessage function:\n- ";
const APP_RULE = "must be 1-64 characters without <, >, { } or line breaks";
const APP_FIX = "set it to the product name users know, e.g. Example";

describe("lambdas/shared/messageConfig", () => {
    it("defaults: a generic product name, English", () => {
        assert.deepEqual(read({}), { appName: "our service", defaultLanguage: "en" });
    });

    it("reads the product name and the default language", () => {
        assert.deepEqual(read({ APP_NAME: " Example Co. ", DEFAULT_LANGUAGE: "de" }), { appName: "Example Co.", defaultLanguage: "de" });
        assert.deepEqual(read({ APP_NAME: "x".repeat(64), DEFAULT_LANGUAGE: "fr" }), { appName: "x".repeat(64), defaultLanguage: "fr" });
    });

    const bad: [Record<string, string>, string][] = [
        [{ APP_NAME: "<b>Example</b>" }, `APP_NAME ${APP_RULE} (received: "<b>Example</b>"); ${APP_FIX}`],
        [{ APP_NAME: "a<b" }, `APP_NAME ${APP_RULE} (received: "a<b"); ${APP_FIX}`],
        [{ APP_NAME: "Ex {app}" }, `APP_NAME ${APP_RULE} (received: "Ex {app}"); ${APP_FIX}`],
        [{ APP_NAME: "Ex\nample" }, `APP_NAME ${APP_RULE} (received: "Ex\\nample"); ${APP_FIX}`],
        [{ APP_NAME: "x".repeat(65) }, `APP_NAME ${APP_RULE} (received: "${"x".repeat(65)}"); ${APP_FIX}`],
        [{ DEFAULT_LANGUAGE: "es" }, 'DEFAULT_LANGUAGE must be one of en, de, fr (received: "es"); set it to the language users without a locale attribute get'],
        [{ DEFAULT_LANGUAGE: "english" }, 'DEFAULT_LANGUAGE must be one of en, de, fr (received: "english"); set it to the language users without a locale attribute get'],
    ];
    for (const [env, problem] of bad) {
        it(`refuses ${JSON.stringify(env).slice(0, 60)}`, () => assert.equal(message(env), `${HEAD}${problem}`));
    }
});
