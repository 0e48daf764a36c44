/**
 * The project's messages to users, one per kind of message and language: the custom message
 * trigger hands them to Cognito with its placeholders, the custom email and SMS senders send
 * them with the decrypted code. Every text is ours; values from the event (a username) are
 * escaped for HTML and never carry markup.
 */

/** What a message is about; each trigger source maps to one kind. */
export type MessageKind = "signUp" | "resendCode" | "forgotPassword" | "adminCreateUser" | "verifyAttribute" | "authentication" | "accountTakeover";

/** Languages with their own texts; any other locale gets the configured default. */
export const MESSAGE_LANGUAGES = ["en", "de", "fr"] as const;
export type MessageLanguage = (typeof MESSAGE_LANGUAGES)[number];

/** The message kind of a trigger source without its prefix, or undefined for a source we do not know. */
const KIND_BY_SOURCE: ReadonlyMap<string, MessageKind> = new Map([
    ["SignUp", "signUp"],
    ["ResendCode", "resendCode"],
    ["ForgotPassword", "forgotPassword"],
    ["AdminCreateUser", "adminCreateUser"],
    ["UpdateUserAttribute", "verifyAttribute"],
    ["VerifyUserAttribute", "verifyAttribute"],
    ["Authentication", "authentication"],
    ["AccountTakeOverNotification", "accountTakeover"],
]);

/**
 * The kind of message a trigger source asks for: `CustomMessage_SignUp`, `CustomEmailSender_ForgotPassword`,
 * `CustomSMSSender_Authentication`... `prefix` is the trigger's own (`CustomMessage_`); a source
 * of another trigger, or one we do not know, gives undefined.
 */
export function messageKind(triggerSource: string, prefix: string): MessageKind | undefined {
    return triggerSource.startsWith(prefix) ? KIND_BY_SOURCE.get(triggerSource.slice(prefix.length)) : undefined;
}

/**
 * The language of a `locale` attribute (`de`, `de-DE`, `de_AT`, `FR`), or `fallback` when it
 * names none of ours, is malformed or missing.
 */
export function messageLanguage(locale: string | undefined, fallback: MessageLanguage): MessageLanguage {
    const primary = /^([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*$/.exec(locale?.trim() ?? "")?.[1]?.toLowerCase();
    return (MESSAGE_LANGUAGES as readonly string[]).includes(primary ?? "") ? (primary as MessageLanguage) : fallback;
}

export interface MessageValues {
    /** Product name in subjects and greetings. */
    readonly appName: string;
    /** The code, or Cognito's `{####}` placeholder in a custom message. */
    readonly code: string;
    /** The username (AdminCreateUser only), or Cognito's `{username}` placeholder. */
    readonly username: string;
}

export interface RenderedMessage {
    readonly subject: string;
    readonly text: string;
    readonly html: string;
    /** The SMS text: short, no HTML. */
    readonly sms: string;
}

type Lines = { subject: string; intro: string; codeLine: string; outro: string };

/** `{app}`, `{code}` and `{user}` are filled in by `render`. */
const TEXTS: Readonly<Record<MessageLanguage, Readonly<Record<MessageKind, Lines>>>> = {
    en: {
        signUp: { subject: "Confirm your {app} account", intro: "Welcome to {app}.", codeLine: "Your confirmation code is {code}.", outro: "If you did not sign up, ignore this message." },
        resendCode: { subject: "Your new {app} confirmation code", intro: "You asked for a new code.", codeLine: "Your confirmation code is {code}.", outro: "If you did not ask for it, ignore this message." },
        forgotPassword: { subject: "Reset your {app} password", intro: "Someone asked to reset your password.", codeLine: "Your reset code is {code}.", outro: "If it was not you, ignore this message: your password stays as it is." },
        adminCreateUser: { subject: "Your {app} account", intro: "An administrator created an account for you.", codeLine: "Your username is {user} and your temporary password is {code}.", outro: "You will choose your own password when you first sign in." },
        verifyAttribute: { subject: "Verify your {app} contact details", intro: "You changed your contact details.", codeLine: "Your verification code is {code}.", outro: "If it was not you, contact us." },
        authentication: { subject: "Your {app} sign-in code", intro: "You are signing in.", codeLine: "Your sign-in code is {code}.", outro: "If you are not signing in, change your password." },
        accountTakeover: { subject: "Unusual sign-in to your {app} account", intro: "We saw a sign-in to your account that did not look like you.", codeLine: "", outro: "If it was not you, change your password now." },
    },
    de: {
        signUp: { subject: "Bestätigen Sie Ihr {app}-Konto", intro: "Willkommen bei {app}.", codeLine: "Ihr Bestätigungscode lautet {code}.", outro: "Wenn Sie sich nicht registriert haben, ignorieren Sie diese Nachricht." },
        resendCode: { subject: "Ihr neuer {app}-Bestätigungscode", intro: "Sie haben einen neuen Code angefordert.", codeLine: "Ihr Bestätigungscode lautet {code}.", outro: "Wenn Sie ihn nicht angefordert haben, ignorieren Sie diese Nachricht." },
        forgotPassword: { subject: "Ihr {app}-Passwort zurücksetzen", intro: "Jemand möchte Ihr Passwort zurücksetzen.", codeLine: "Ihr Code lautet {code}.", outro: "Wenn Sie es nicht waren, ignorieren Sie diese Nachricht: Ihr Passwort bleibt unverändert." },
        adminCreateUser: { subject: "Ihr {app}-Konto", intro: "Ein Administrator hat ein Konto für Sie angelegt.", codeLine: "Ihr Benutzername ist {user}, Ihr vorläufiges Passwort {code}.", outro: "Bei der ersten Anmeldung wählen Sie Ihr eigenes Passwort." },
        verifyAttribute: { subject: "Bestätigen Sie Ihre {app}-Kontaktdaten", intro: "Sie haben Ihre Kontaktdaten geändert.", codeLine: "Ihr Bestätigungscode lautet {code}.", outro: "Wenn Sie es nicht waren, melden Sie sich bei uns." },
        authentication: { subject: "Ihr {app}-Anmeldecode", intro: "Sie melden sich an.", codeLine: "Ihr Anmeldecode lautet {code}.", outro: "Wenn Sie sich nicht anmelden, ändern Sie Ihr Passwort." },
        accountTakeover: { subject: "Ungewöhnliche Anmeldung bei {app}", intro: "Wir haben eine Anmeldung bei Ihrem Konto bemerkt, die nicht nach Ihnen aussah.", codeLine: "", outro: "Wenn Sie es nicht waren, ändern Sie jetzt Ihr Passwort." },
    },
    fr: {
        signUp: { subject: "Confirmez votre compte {app}", intro: "Bienvenue sur {app}.", codeLine: "Votre code de confirmation est {code}.", outro: "Si vous ne vous êtes pas inscrit, ignorez ce message." },
        resendCode: { subject: "Votre nouveau code de confirmation {app}", intro: "Vous avez demandé un nouveau code.", codeLine: "Votre code de confirmation est {code}.", outro: "Si vous ne l'avez pas demandé, ignorez ce message." },
        forgotPassword: { subject: "Réinitialisez votre mot de passe {app}", intro: "Quelqu'un a demandé à réinitialiser votre mot de passe.", codeLine: "Votre code est {code}.", outro: "Si ce n'était pas vous, ignorez ce message : votre mot de passe reste inchangé." },
        adminCreateUser: { subject: "Votre compte {app}", intro: "Un administrateur a créé un compte pour vous.", codeLine: "Votre nom d'utilisateur est {user} et votre mot de passe temporaire {code}.", outro: "Vous choisirez votre mot de passe à la première connexion." },
        verifyAttribute: { subject: "Vérifiez vos coordonnées {app}", intro: "Vous avez modifié vos coordonnées.", codeLine: "Votre code de vérification est {code}.", outro: "Si ce n'était pas vous, contactez-nous." },
        authentication: { subject: "Votre code de connexion {app}", intro: "Vous vous connectez.", codeLine: "Votre code de connexion est {code}.", outro: "Si ce n'est pas vous, changez votre mot de passe." },
        accountTakeover: { subject: "Connexion inhabituelle à votre compte {app}", intro: "Nous avons vu une connexion à votre compte qui ne vous ressemblait pas.", codeLine: "", outro: "Si ce n'était pas vous, changez votre mot de passe maintenant." },
    },
};

export function escapeHtml(s: string): string {
    return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * One message in one language. The values are put in with a function replacer, so a `$&` or a
 * `{code}` inside a value is never expanded again.
 */
export function renderMessage(kind: MessageKind, language: MessageLanguage, values: MessageValues): RenderedMessage {
    const t = TEXTS[language][kind];
    const fill = (template: string, escape: (s: string) => string): string =>
        template.replace(/\{(app|code|user)\}/g, (_m, key: string) => escape(key === "app" ? values.appName : key === "code" ? values.code : values.username));
    const plain = (s: string) => s;
    const lines = [t.intro, t.codeLine, t.outro].filter((l) => l !== "");
    return {
        subject: fill(t.subject, plain),
        text: `${lines.map((l) => fill(l, plain)).join("\n\n")}\n`,
        html: lines.map((l) => `<p>${fill(l, escapeHtml)}</p>`).join(""),
        sms: [fill(t.codeLine || t.intro, plain), fill(t.outro, plain)].join(" "),
    };
}
