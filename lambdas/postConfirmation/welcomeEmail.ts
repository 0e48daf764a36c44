import type { SendEmailCommandInput } from "@aws-sdk/client-sesv2";
import type { PostConfirmationConfig } from "./config";

/** The SES v2 request for the welcome email; plain text and HTML, names escaped for HTML. */
export function welcomeEmail(config: PostConfirmationConfig, to: string, name: string | undefined): SendEmailCommandInput {
    const greeting = name ? `Hello ${name},` : "Hello,";
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

function escapeHtml(s: string): string {
    return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
