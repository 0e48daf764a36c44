import type { SendEmailCommandInput } from "@aws-sdk/client-sesv2";
import type { PostConfirmationConfig } from "./config";
import { escapeHtml } from "../shared/templates";

/**
 * A name as the user typed it, if it reads as a person's name: letters and marks, spaces,
 * apostrophes, hyphens and initials' periods, at most 64 characters. Anything else (a link, a
 * domain such as `evil.example`, markup, line breaks, a whole sentence of instructions) is
 * dropped and the greeting goes without a name: the email comes from us, its text must not be
 * the attacker's.
 */
export function displayName(name: string | undefined): string | undefined {
    const collapsed = name?.replace(/ +/g, " ").trim();
    if (!collapsed || collapsed.length > 64 || !/^\p{L}[\p{L}\p{M} '’.-]*$/u.test(collapsed) || /\.\p{L}/u.test(collapsed) || collapsed.split(" ").length > 5) {
        return undefined;
    }
    return collapsed;
}

/** The SES v2 request for the welcome email; plain text and HTML, the name vetted and escaped. */
export function welcomeEmail(config: PostConfirmationConfig, to: string, name: string | undefined): SendEmailCommandInput {
    const shown = displayName(name);
    const greeting = shown ? `Hello ${shown},` : "Hello,";
    const text = `${greeting}\n\nwelcome to ${config.appName}. Your account is ready.\n`;
    const html = `<p>${escapeHtml(greeting)}</p><p>welcome to ${escapeHtml(config.appName)}. Your account is ready.</p>`;
    return {
        FromEmailAddress: config.senderEmail,
        Destination: { ToAddresses: [to] },
        ConfigurationSetName: config.configurationSet,
        Content: {
            Simple: {
                Subject: { Data: `Welcome to ${config.appName}`, Charset: "UTF-8" },
                Body: { Text: { Data: text, Charset: "UTF-8" }, Html: { Data: html, Charset: "UTF-8" } },
            },
        },
    };
}
