import * as assert from "node:assert/strict";
import { parsePostConfirmationConfig } from "../../../lambdas/postConfirmation/config";

const HEAD = "Invalid configuration of the postConfirmation function:\n- ";
function message(env: Record<string, string>): string {
    try {
        parsePostConfirmationConfig(env);
        return "";
    } catch (e) {
        return (e as Error).message;
    }
}
const SENDER = { SENDER_EMAIL: "no-reply@example.com" };

describe("lambdas/postConfirmation/config", () => {
    it("defaults: no group, no configuration set, a generic name", () => {
        assert.deepEqual(parsePostConfirmationConfig(SENDER), { senderEmail: "no-reply@example.com", defaultGroup: undefined, appName: "our service", configurationSet: undefined });
    });

    it("reads every variable", () => {
        assert.deepEqual(parsePostConfirmationConfig({ ...SENDER, DEFAULT_GROUP: "members", APP_NAME: " Example ", SES_CONFIGURATION_SET: "welcome-set_1" }), {
            senderEmail: "no-reply@example.com", defaultGroup: "members", appName: "Example", configurationSet: "welcome-set_1",
        });
        assert.equal(parsePostConfirmationConfig({ ...SENDER, SES_CONFIGURATION_SET: "s".repeat(64) }).configurationSet, "s".repeat(64));
    });

    const bad: [Record<string, string>, string][] = [
        [{}, "SENDER_EMAIL is required (received: not set); set it to an address of an SES-verified identity, e.g. no-reply@example.com"],
        [{ SENDER_EMAIL: "no-reply" }, 'SENDER_EMAIL must be an email address (received: "no-reply"); set it to an address of an SES-verified identity, e.g. no-reply@example.com'],
        [{ SENDER_EMAIL: "a@b" }, 'SENDER_EMAIL must be an email address (received: "a@b"); set it to an address of an SES-verified identity, e.g. no-reply@example.com'],
        [{ SENDER_EMAIL: "Example <no-reply@example.com>" }, 'SENDER_EMAIL must be an email address (received: "Example <no-reply@example.com>"); set it to an address of an SES-verified identity, e.g. no-reply@example.com'],
        [{ SENDER_EMAIL: "a@b.c@d.e" }, 'SENDER_EMAIL must be an email address (received: "a@b.c@d.e"); set it to an address of an SES-verified identity, e.g. no-reply@example.com'],
        [{ ...SENDER, DEFAULT_GROUP: "a b" }, 'DEFAULT_GROUP must be a user pool group name (1-128 characters, no spaces) (received: "a b"); set it to an existing group\'s name, or leave it empty to add no group'],
        [{ ...SENDER, SES_CONFIGURATION_SET: "a.b" }, 'SES_CONFIGURATION_SET must be an SES configuration set name (letters, digits, _ and -, up to 64) (received: "a.b"); set it to an existing configuration set, or leave it empty'],
        [{ ...SENDER, SES_CONFIGURATION_SET: "s".repeat(65) }, `SES_CONFIGURATION_SET must be an SES configuration set name (letters, digits, _ and -, up to 64) (received: "${"s".repeat(65)}"); set it to an existing configuration set, or leave it empty`],
    ];
    for (const [env, problem] of bad) {
        it(`refuses ${JSON.stringify(env).slice(0, 60)}`, () => assert.equal(message(env), `${HEAD}${problem}`));
    }
});
