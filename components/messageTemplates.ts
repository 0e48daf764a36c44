import type * as aws from "@pulumi/aws";
import { issue, ValidationIssue } from "./issues";

/** The invitation an administrator-created user receives (AdminCreateUser). */
export interface InvitationMessage {
    /** 1-140 characters; sent through SES only. @default - Cognito's */
    readonly emailSubject?: string;
    /** 6-20,000 characters with {username} and {####} (the temporary password). @default - Cognito's */
    readonly emailMessage?: string;
    /** 6-140 characters with {username} and {####}. @default - Cognito's */
    readonly smsMessage?: string;
}

/** The pool's message templates, as UserPoolArgs carries them. */
export interface MessageTemplates {
    /** Verify with a code or a link. @default "CODE" */
    readonly verificationType?: "CODE" | "LINK";
    /** Subject of the verification email, 1-140 characters. @default "Your verification code" */
    readonly verificationEmailSubject?: string;
    /** Body of the verification email, 6-20,000 characters with {####} (code) or {##Verify Email##} (link). @default - Cognito's */
    readonly verificationEmailMessage?: string;
    /** Verification SMS: 6-140 characters with {####} (SMS always sends a code). @default - Cognito's */
    readonly verificationSmsMessage?: string;
    /** Invitation of administrator-created users, with {username} and {####}. @default - Cognito's */
    readonly invitationMessage?: InvitationMessage;
    /** The SMS carrying an MFA or sign-in code (`smsAuthenticationMessage`): 6-140 characters with {####}. @default - Cognito's */
    readonly mfaSmsMessage?: string;
}

interface Field {
    readonly key: string;
    readonly value: string | undefined;
    readonly min: number;
    readonly max: number;
    /** Placeholders the text must contain, each as a pattern with the way it is written. */
    readonly needs: readonly { readonly re: RegExp; readonly text: string; readonly what: string }[];
    /** Whether {username} is filled in (only the invitation has a username to show). */
    readonly username: boolean;
}

const CODE = { re: /\{####\}/, text: "{####}", what: "the code" };
const LINK = { re: /\{##[^#{}]+##\}/, text: "{##Verify Email##}", what: "the link (its text between {## and ##})" };
const TEMP_PASSWORD = { re: /\{####\}/, text: "{####}", what: "the temporary password" };
const USERNAME = { re: /\{username\}/, text: "{username}", what: "the user name" };

/**
 * Checks every message template against AWS's lengths and the placeholders Cognito fills in:
 * verification messages need {####} (code) or {##link text##} (link) and never fill in
 * {username}; the invitation needs {username} and {####}; the MFA SMS {####}.
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_VerificationMessageTemplateType.html
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_MessageTemplateType.html
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPool.html#CognitoUserPools-CreateUserPool-request-SmsAuthenticationMessage
 */
export function validateMessageTemplates(t: MessageTemplates): ValidationIssue[] {
    const link = (t.verificationType ?? "CODE") === "LINK";
    const invite = t.invitationMessage ?? {};
    const fields: Field[] = [
        { key: "verificationEmailMessage", value: t.verificationEmailMessage, min: 6, max: 20000, needs: [link ? LINK : CODE], username: false },
        { key: "verificationSmsMessage", value: t.verificationSmsMessage, min: 6, max: 140, needs: [CODE], username: false },
        { key: "invitationMessage.emailSubject", value: invite.emailSubject, min: 1, max: 140, needs: [], username: true },
        { key: "invitationMessage.emailMessage", value: invite.emailMessage, min: 6, max: 20000, needs: [USERNAME, TEMP_PASSWORD], username: true },
        { key: "invitationMessage.smsMessage", value: invite.smsMessage, min: 6, max: 140, needs: [USERNAME, TEMP_PASSWORD], username: true },
        { key: "mfaSmsMessage", value: t.mfaSmsMessage, min: 6, max: 140, needs: [CODE], username: false },
    ];
    const out: ValidationIssue[] = [];
    for (const f of fields) {
        if (f.value === undefined) continue;
        const length = [...f.value].length;
        if (length < f.min || length > f.max) {
            out.push(issue(f.key, `must be ${f.min} to ${f.max} characters (AWS's limit; it has ${length})`, f.value, length > f.max ? "shorten it" : "write the whole message"));
        }
        if (f.key.endsWith("Subject") && /[\r\n]/.test(f.value)) {
            out.push(issue(f.key, "must be one line", f.value, "remove the line breaks"));
        }
        for (const n of f.needs.filter((x) => !x.re.test(f.value ?? ""))) {
            out.push(issue(f.key, `must contain ${n.text}, where Cognito puts ${n.what}`, f.value, `add ${n.text} to the text${n === LINK ? " (any link text between {## and ##})" : ""}`));
        }
        if (!f.username && USERNAME.re.test(f.value)) {
            out.push(issue(f.key, "must not contain {username}: Cognito fills it in only in the invitation, and would send it as written", f.value, "remove {username}, or greet the user without their name"));
        }
    }
    if (!link && t.verificationEmailMessage !== undefined && LINK.re.test(t.verificationEmailMessage)) {
        out.push(issue("verificationEmailMessage", "has a {##link##} placeholder, which only verificationType LINK fills in", t.verificationEmailMessage, "set verificationType to LINK, or use {####} for the code"));
    }
    return out;
}

/** The pool's verificationMessageTemplate: one email style (code or link) and the SMS. */
export function verificationTemplate(t: MessageTemplates): aws.types.input.cognito.UserPoolVerificationMessageTemplate {
    const code = (t.verificationType ?? "CODE") === "CODE";
    return {
        defaultEmailOption: code ? "CONFIRM_WITH_CODE" : "CONFIRM_WITH_LINK",
        ...(code
            ? { emailSubject: t.verificationEmailSubject, emailMessage: t.verificationEmailMessage }
            : { emailSubjectByLink: t.verificationEmailSubject, emailMessageByLink: t.verificationEmailMessage }),
        smsMessage: t.verificationSmsMessage,
    };
}

/** adminCreateUserConfig.inviteMessageTemplate, or undefined for Cognito's own. */
export function invitationTemplate(t: MessageTemplates): aws.types.input.cognito.UserPoolAdminCreateUserConfigInviteMessageTemplate | undefined {
    const i = t.invitationMessage;
    return i === undefined || Object.values(i).every((v) => v === undefined) ? undefined : { emailSubject: i.emailSubject, emailMessage: i.emailMessage, smsMessage: i.smsMessage };
}
