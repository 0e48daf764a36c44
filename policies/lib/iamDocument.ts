/** IAM policy documents as the pack reads them: parsed, with every field normalised to lists. */
import { show } from "./values";

export interface Statement {
    sid?: string;
    effect: "Allow" | "Deny";
    actions: string[];
    /** Set when the statement uses NotAction (grants everything but these). */
    notActions?: string[];
    resources: string[];
    notResources?: string[];
    /** Principal type (`AWS`, `Service`, `Federated`, `CanonicalUser`, or `*`) to its values. */
    principals: Record<string, string[]>;
    /** Set when the statement uses NotPrincipal (everyone but these). */
    notPrincipals?: Record<string, string[]>;
    /** Operator (`StringEquals`, `ForAnyValue:StringLike`, ...) to condition key to values. */
    conditions: Record<string, Record<string, string[]>>;
}

export class PolicyDocumentError extends Error {}

function strings(value: unknown, field: string, where: string): string[] {
    if (value === undefined || value === null) {
        return [];
    }
    const values: unknown[] = Array.isArray(value) ? value : [value];
    if (!values.every((v) => typeof v === "string")) {
        throw new PolicyDocumentError(`${where} has ${field} ${show(value)}: give a string or a list of strings`);
    }
    return values;
}

function principals(value: unknown, field: string, where: string): Record<string, string[]> {
    if (value === undefined || value === null) {
        return {};
    }
    if (value === "*") {
        return { "*": ["*"] };
    }
    if (typeof value !== "object" || Array.isArray(value)) {
        throw new PolicyDocumentError(`${where} has ${field} ${show(value)}: give "*" or an object such as {"Service": "lambda.amazonaws.com"}`);
    }
    const result: Record<string, string[]> = {};
    for (const [kind, v] of Object.entries(value as Record<string, unknown>)) {
        result[kind] = strings(v, `${field}.${kind}`, where);
    }
    return result;
}

function conditions(value: unknown, where: string): Record<string, Record<string, string[]>> {
    const result: Record<string, Record<string, string[]>> = {};
    if (value === undefined || value === null) {
        return result;
    }
    const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
    if (!isObject(value)) {
        throw new PolicyDocumentError(`${where} has Condition ${show(value)}: give an object of operator to {key: values}`);
    }
    for (const [operator, keys] of Object.entries(value)) {
        if (!isObject(keys)) {
            throw new PolicyDocumentError(`${where} has Condition.${operator} ${show(keys)}: give an object of condition key to values`);
        }
        result[operator] = {};
        for (const [key, v] of Object.entries(keys)) {
            // IAM accepts JSON booleans and numbers in conditions and compares them as strings.
            const values: unknown[] = Array.isArray(v) ? v : [v];
            if (!values.every((x) => ["string", "boolean", "number"].includes(typeof x))) {
                throw new PolicyDocumentError(`${where} has Condition.${operator}.${key} ${show(v)}: give strings`);
            }
            result[operator][key] = values.map(String);
        }
    }
    return result;
}

function parseStatement(s: unknown, where: string, index: number): Statement {
    const at = `${where} statement ${index + 1}`;
    if (typeof s !== "object" || s === null || Array.isArray(s)) {
        throw new PolicyDocumentError(`${at} is ${show(s)}, not an object: write each statement as {Effect, Action, Resource}`);
    }
    const st = s as Record<string, unknown>;
    if (st.Effect !== "Allow" && st.Effect !== "Deny") {
        throw new PolicyDocumentError(`${at} has Effect ${show(st.Effect)}: write "Allow" or "Deny"`);
    }
    if ((st.Action === undefined) === (st.NotAction === undefined)) {
        throw new PolicyDocumentError(`${at} must have exactly one of Action and NotAction`);
    }
    const statement: Statement = {
        effect: st.Effect,
        actions: strings(st.Action, "Action", at),
        resources: strings(st.Resource, "Resource", at),
        principals: principals(st.Principal, "Principal", at),
        conditions: conditions(st.Condition, at),
    };
    if (typeof st.Sid === "string") {
        statement.sid = st.Sid;
    }
    if (st.NotAction !== undefined) {
        statement.notActions = strings(st.NotAction, "NotAction", at);
    }
    if (st.NotResource !== undefined) {
        statement.notResources = strings(st.NotResource, "NotResource", at);
    }
    if (st.NotPrincipal !== undefined) {
        statement.notPrincipals = principals(st.NotPrincipal, "NotPrincipal", at);
    }
    return statement;
}

/**
 * Parses a policy document given as a JSON string (what `JSON.stringify` or
 * `aws.iam.getPolicyDocument` produce) or as an object (`aws.iam.PolicyDocument`).
 * @throws PolicyDocumentError naming `where` when the document cannot be read, or when a
 * statement is of a shape IAM would refuse.
 */
export function parsePolicyDocument(document: unknown, where: string): Statement[] {
    if (typeof document !== "string") {
        return parseDocument(document, where);
    }
    // The same documents are read by several policies (and where differs only in messages).
    const key = `${where}\u0000${document}`;
    let parsed = parsedDocuments.get(key);
    if (!parsed) {
        try {
            parsed = parseDocument(document, where);
        } catch (e) {
            if (!(e instanceof PolicyDocumentError)) {
                throw e;
            }
            parsed = e;
        }
        if (parsedDocuments.size > 20_000) {
            parsedDocuments.clear();
        }
        parsedDocuments.set(key, parsed);
    }
    if (parsed instanceof PolicyDocumentError) {
        throw parsed;
    }
    return parsed;
}

/** Parsed documents by text; statements are never modified once parsed. */
const parsedDocuments = new Map<string, Statement[] | PolicyDocumentError>();

function parseDocument(document: unknown, where: string): Statement[] {
    let doc = document;
    if (typeof doc === "string") {
        try {
            doc = JSON.parse(doc);
        } catch {
            throw new PolicyDocumentError(`${where} is not valid JSON: write it with JSON.stringify or aws.iam.getPolicyDocument`);
        }
    }
    if (typeof doc !== "object" || doc === null || Array.isArray(doc) || !("Statement" in doc)) {
        throw new PolicyDocumentError(`${where} has no Statement: give it a policy document {Version, Statement}`);
    }
    const raw = (doc).Statement;
    const statements: unknown[] = Array.isArray(raw) ? raw : [raw];
    return statements.map((s, i) => parseStatement(s, where, i));
}

/** Every condition on `key` (any case), with its operator. */
export function conditionEntries(statement: Statement, key: string): { operator: string; values: string[] }[] {
    const wanted = key.toLowerCase();
    const entries: { operator: string; values: string[] }[] = [];
    for (const [operator, keys] of Object.entries(statement.conditions)) {
        for (const [k, values] of Object.entries(keys)) {
            if (k.toLowerCase() === wanted) {
                entries.push({ operator, values });
            }
        }
    }
    return entries;
}

/**
 * The values of condition `key` under one of `operators` (any operator when omitted), or
 * undefined when the statement has no such condition.
 */
export function conditionValues(statement: Statement, key: string, operators?: readonly string[]): string[] | undefined {
    return conditionEntries(statement, key).find((e) => !operators || operators.includes(e.operator))?.values;
}

/**
 * Whether the statement's conditions are false for a request that does not carry `key`: a
 * plain positive operator (not `...IfExists`), a `ForAnyValue:` operator, or `Null: false` on it.
 * `ForAllValues:`, `...IfExists` and plain negated operators (`StringNotLike`, `ArnNotEquals`,
 * `NotIpAddress`...) are true when the key is absent, as IAM evaluates them.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 */
export function requiresKey(statement: Statement, key: string): boolean {
    return conditionEntries(statement, key).some(({ operator, values }) => {
        if (operator === "Null") {
            return values.length > 0 && values.every((v) => v === "false");
        }
        if (operator.endsWith("IfExists") || operator.startsWith("ForAllValues:")) {
            return false;
        }
        return operator.startsWith("ForAnyValue:") || !operator.includes("Not");
    });
}

export function describeStatement(statement: Statement, index: number): string {
    return statement.sid ? `statement "${statement.sid}"` : `statement ${index + 1}`;
}

/** Whether an IAM pattern with `*` and `?` wildcards (an ARN in a Resource) matches `value`. */
export function wildcardMatch(pattern: string, value: string): boolean {
    return wildcardRegExp(pattern).test(value);
}

const patterns = new Map<string, RegExp>();

/** The pattern as a regular expression, cached: the same ARN patterns recur in every copy of a stack. */
export function wildcardRegExp(pattern: string, flags = ""): RegExp {
    const key = `${flags}\u0000${pattern}`;
    let re = patterns.get(key);
    if (!re) {
        const escaped = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
        re = new RegExp(`^${escaped}$`, flags);
        patterns.set(key, re);
    }
    return re;
}

/** Whether a pattern has IAM wildcards (`*` or `?`). */
export function hasWildcard(pattern: string): boolean {
    return /[*?]/.test(pattern);
}
