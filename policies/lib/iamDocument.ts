/** IAM policy documents as the pack reads them: parsed, with every field normalised to lists. */

export interface Statement {
    sid?: string;
    effect: "Allow" | "Deny";
    actions: string[];
    /** Set when the statement uses NotAction (grants everything but these). */
    notActions?: string[];
    resources: string[];
    notResources?: string[];
    /** Principal type (`AWS`, `Service`, `Federated`, or `*`) to its values. */
    principals: Record<string, string[]>;
    /** Operator (`StringEquals`, `ForAnyValue:StringLike`, ...) to condition key to values. */
    conditions: Record<string, Record<string, string[]>>;
}

export class PolicyDocumentError extends Error {}

function list(value: unknown): string[] {
    if (value === undefined || value === null) {
        return [];
    }
    const values: unknown[] = Array.isArray(value) ? value : [value];
    return values.map((v) => (typeof v === "string" ? v : JSON.stringify(v)));
}

function principals(value: unknown): Record<string, string[]> {
    if (value === undefined || value === null) {
        return {};
    }
    if (typeof value === "string") {
        return { [value]: [value] };
    }
    const result: Record<string, string[]> = {};
    for (const [kind, v] of Object.entries(value as Record<string, unknown>)) {
        result[kind] = list(v);
    }
    return result;
}

function conditions(value: unknown): Record<string, Record<string, string[]>> {
    const result: Record<string, Record<string, string[]>> = {};
    if (value === undefined || value === null) {
        return result;
    }
    for (const [operator, keys] of Object.entries(value as Record<string, unknown>)) {
        result[operator] = {};
        for (const [key, v] of Object.entries((keys ?? {}) as Record<string, unknown>)) {
            result[operator][key] = list(v);
        }
    }
    return result;
}

/**
 * Parses a policy document given as a JSON string (what `JSON.stringify` or
 * `aws.iam.getPolicyDocument` produce) or as an object (`aws.iam.PolicyDocument`).
 * @throws PolicyDocumentError naming `where` when the document cannot be read.
 */
export function parsePolicyDocument(document: unknown, where: string): Statement[] {
    let doc = document;
    if (typeof doc === "string") {
        try {
            doc = JSON.parse(doc);
        } catch {
            throw new PolicyDocumentError(`${where} is not valid JSON: write it with JSON.stringify or aws.iam.getPolicyDocument`);
        }
    }
    if (typeof doc !== "object" || doc === null || !("Statement" in doc)) {
        throw new PolicyDocumentError(`${where} has no Statement: give it a policy document {Version, Statement}`);
    }
    const raw = doc.Statement;
    const statements: unknown[] = Array.isArray(raw) ? raw : [raw];
    return statements.map((s) => {
        const st = s as Record<string, unknown>;
        const statement: Statement = {
            effect: st.Effect === "Deny" ? "Deny" : "Allow",
            actions: list(st.Action),
            resources: list(st.Resource),
            principals: principals(st.Principal),
            conditions: conditions(st.Condition),
        };
        if (typeof st.Sid === "string") {
            statement.sid = st.Sid;
        }
        if (st.NotAction !== undefined) {
            statement.notActions = list(st.NotAction);
        }
        if (st.NotResource !== undefined) {
            statement.notResources = list(st.NotResource);
        }
        return statement;
    });
}

/**
 * The values of condition `key` under one of `operators` (any operator when omitted), or
 * undefined when the statement has no such condition.
 */
export function conditionValues(statement: Statement, key: string, operators?: readonly string[]): string[] | undefined {
    for (const [operator, keys] of Object.entries(statement.conditions)) {
        if (operators && !operators.includes(operator)) {
            continue;
        }
        for (const [k, values] of Object.entries(keys)) {
            if (k.toLowerCase() === key.toLowerCase()) {
                return values;
            }
        }
    }
    return undefined;
}

export function describeStatement(statement: Statement, index: number): string {
    return statement.sid ? `statement "${statement.sid}"` : `statement ${index + 1}`;
}

/** Whether an IAM pattern with `*` and `?` wildcards (an ARN in a Resource) matches `value`. */
export function wildcardMatch(pattern: string, value: string): boolean {
    const escaped = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
    return new RegExp(`^${escaped}$`).test(value);
}
