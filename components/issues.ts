/** A problem found in the stack config or in a component's args, reported with all others. */
export interface ValidationIssue {
    /** Config key or arg path, e.g. `mfa` or `appClients[0].callbackUrls[1]`. */
    readonly field: string;
    /** The rule that was broken, e.g. `must be one of OFF, OPTIONAL, ON`. */
    readonly rule: string;
    /** The value received, when there is one worth showing. */
    readonly received?: unknown;
    /** How to fix it. */
    readonly fix: string;
}

export function issue(field: string, rule: string, received: unknown, fix: string): ValidationIssue {
    return { field, rule, received, fix };
}

/** Renders a received value compactly: strings quoted, objects as JSON, long values cut. */
export function showValue(value: unknown): string {
    if (value === undefined) {
        return "nothing";
    }
    const text = JSON.stringify(value) ?? typeof value;
    return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/** `<prefix><field> <rule> (received: <value>). Fix: <fix>` */
export function formatIssue(i: ValidationIssue, prefix = ""): string {
    const received = "received" in i ? ` (received: ${showValue(i.received)})` : "";
    return `${prefix}${i.field} ${i.rule}${received}. Fix: ${i.fix}`;
}

/** One error for many issues, so that a config with several mistakes reports all of them. */
export class ValidationError extends Error {
    constructor(
        readonly subject: string,
        readonly issues: readonly ValidationIssue[],
        prefix = "",
    ) {
        const n = issues.length;
        super(`${subject} has ${n} problem${n === 1 ? "" : "s"}:\n${issues.map((i) => `  - ${formatIssue(i, prefix)}`).join("\n")}`);
        this.name = "ValidationError";
    }
}

/** Throws one ValidationError listing every issue, or returns when there are none. */
export function throwIfIssues(subject: string, issues: readonly ValidationIssue[], prefix = ""): void {
    if (issues.length > 0) {
        throw new ValidationError(subject, issues, prefix);
    }
}
