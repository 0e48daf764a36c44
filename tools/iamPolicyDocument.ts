/**
 * Renders `aws.iam.getPolicyDocument` the way the AWS provider's data source does
 * (terraform-provider-aws `policy_document_data_source.go` / `policy_model.go`): set-typed lists
 * deduplicated and sorted in reverse, single values flattened to a string, principals and
 * conditions grouped by type/test, `&{` turned into `${`, Sid-based merging of source and
 * override documents, Go's JSON encoding (sorted map keys, HTML-safe escapes).
 */
import * as zlib from "node:zlib";

interface PrincipalInput {
    type: string;
    identifiers: string[];
}
interface ConditionInput {
    test: string;
    variable: string;
    values: string[];
}
export interface PolicyStatementInput {
    sid?: string;
    effect?: string;
    actions?: string[];
    notActions?: string[];
    resources?: string[];
    notResources?: string[];
    principals?: PrincipalInput[];
    notPrincipals?: PrincipalInput[];
    conditions?: ConditionInput[];
}
export interface PolicyDocumentInput {
    version?: string;
    policyId?: string;
    statements?: PolicyStatementInput[];
    sourcePolicyDocuments?: string[];
    overridePolicyDocuments?: string[];
}

type StringOrList = string | string[];
interface Principal {
    type: string;
    identifiers: StringOrList;
}
interface Condition {
    test: string;
    variable: string;
    values: StringOrList;
}
interface Statement {
    Sid?: string;
    Effect?: string;
    Action?: unknown;
    NotAction?: unknown;
    Resource?: unknown;
    NotResource?: unknown;
    Principal?: Principal[];
    NotPrincipal?: Principal[];
    Condition?: Condition[];
}
interface Doc {
    Version?: string;
    Id?: string;
    Statement: Statement[];
}

export class PolicyDocumentError extends Error {
    constructor(message: string) {
        super(`aws:iam/getPolicyDocument: ${message}`);
        this.name = "PolicyDocumentError";
    }
}

const VERSIONS = ["2008-10-17", "2012-10-17"];

/** A set of strings as the provider encodes it: one element alone, else deduplicated, reverse-sorted. */
function decodeSet(list: string[]): StringOrList {
    const unique = [...new Set(list)];
    if (unique.length === 1) return unique[0];
    return unique.sort(compareGo).reverse();
}

/** Go sorts strings by bytes; JS's default sort compares UTF-16 units, equal for the ASCII in policies. */
function compareGo(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}

function replaceVars(v: StringOrList, version: string): StringOrList {
    const one = (s: string): string => {
        if (version === "2008-10-17" && s.includes("&{")) {
            throw new PolicyDocumentError(`found &{ sequence in (${s}), which is not supported in document version 2008-10-17`);
        }
        return s.split("&{").join("${");
    };
    return typeof v === "string" ? one(v) : v.map(one);
}

function nonEmpty(list: string[] | undefined): list is string[] {
    return Array.isArray(list) && list.length > 0;
}

function statementFromInput(input: PolicyStatementInput, version: string): Statement {
    const effect = input.effect ?? "Allow";
    if (effect !== "Allow" && effect !== "Deny") {
        throw new PolicyDocumentError(`statement effect must be Allow or Deny (received: ${effect})`);
    }
    const st: Statement = { Effect: effect };
    if (input.sid !== undefined && input.sid !== "") {
        if (!/^[a-zA-Z0-9]*$/.test(input.sid)) {
            throw new PolicyDocumentError(`statement sid must only include alphanumeric characters (received: ${input.sid})`);
        }
        st.Sid = input.sid;
    }
    if (nonEmpty(input.actions)) st.Action = decodeSet(input.actions);
    if (nonEmpty(input.notActions)) st.NotAction = decodeSet(input.notActions);
    if (nonEmpty(input.resources)) st.Resource = replaceVars(decodeSet(input.resources), version);
    if (nonEmpty(input.notResources)) st.NotResource = replaceVars(decodeSet(input.notResources), version);
    const principals = (list: PrincipalInput[]): Principal[] =>
        list.map((p) => ({ type: p.type, identifiers: replaceVars(decodeSet(p.identifiers ?? []), version) }));
    if (input.principals && input.principals.length > 0) st.Principal = principals(input.principals);
    if (input.notPrincipals && input.notPrincipals.length > 0) st.NotPrincipal = principals(input.notPrincipals);
    if (input.conditions && input.conditions.length > 0) {
        st.Condition = input.conditions.map((c) => {
            const values = replaceVars([...(c.values ?? [])], version) as string[];
            return { test: c.test, variable: c.variable, values: values.length === 1 ? values[0] : values };
        });
    }
    return st;
}

/** Parses a JSON policy (source/override document) into the model, as the provider's UnmarshalJSON does. */
function parseDocument(json: string, what: string): Doc {
    let raw: unknown;
    try {
        raw = JSON.parse(json);
    } catch (err) {
        throw new PolicyDocumentError(`${what}: ${(err as Error).message}`);
    }
    const obj = (raw ?? {}) as Record<string, unknown>;
    const rawStatements = obj.Statement === undefined ? [] : Array.isArray(obj.Statement) ? obj.Statement : [obj.Statement];
    const statements = (rawStatements as Record<string, unknown>[]).map((s): Statement => {
        const st: Statement = {};
        if (typeof s.Sid === "string" && s.Sid !== "") st.Sid = s.Sid;
        if (typeof s.Effect === "string" && s.Effect !== "") st.Effect = s.Effect;
        for (const k of ["Action", "NotAction", "Resource", "NotResource"] as const) {
            if (s[k] !== undefined) st[k] = s[k];
        }
        for (const k of ["Principal", "NotPrincipal"] as const) {
            const p = s[k];
            if (p === undefined) continue;
            if (typeof p === "string") {
                st[k] = [{ type: "*", identifiers: ["*"] }];
            } else {
                st[k] = Object.entries(p as Record<string, unknown>).map(([type, ids]) => ({
                    type,
                    identifiers: typeof ids === "string" ? ids : [...(ids as string[])].sort(compareGo),
                }));
            }
        }
        if (s.Condition !== undefined) {
            const conditions: Condition[] = [];
            for (const [test, vars] of Object.entries(s.Condition as Record<string, Record<string, unknown>>)) {
                for (const [variable, values] of Object.entries(vars)) {
                    if (typeof values === "boolean") conditions.push({ test, variable, values: String(values) });
                    else if (typeof values === "string") conditions.push({ test, variable, values: [values] });
                    else conditions.push({ test, variable, values: values as string[] });
                }
            }
            st.Condition = conditions;
        }
        return st;
    });
    return {
        Version: typeof obj.Version === "string" ? obj.Version : undefined,
        Id: typeof obj.Id === "string" && obj.Id !== "" ? obj.Id : undefined,
        Statement: statements,
    };
}

function merge(into: Doc, doc: Doc): void {
    if (doc.Id) into.Id = doc.Id;
    if (doc.Version !== undefined && (into.Version === undefined || doc.Version > into.Version)) into.Version = doc.Version;
    for (const st of doc.Statement) {
        const i = st.Sid ? into.Statement.findIndex((e) => e.Sid === st.Sid) : -1;
        if (i >= 0) into.Statement[i] = st;
        else into.Statement.push(st);
    }
}

function principalsJson(ps: Principal[]): unknown {
    if (ps.length === 1 && ps[0].type === "*") {
        const ids = ps[0].identifiers;
        if (ids === "*" || (Array.isArray(ids) && ids.length === 1 && ids[0] === "*")) return "*";
    }
    const raw: Record<string, StringOrList> = {};
    for (const p of ps) {
        const prev = raw[p.type];
        if (Array.isArray(p.identifiers)) {
            const ids = [...p.identifiers].sort(compareGo).reverse();
            raw[p.type] = prev === undefined ? ids : [...(typeof prev === "string" ? [prev] : prev), ...ids];
        } else {
            raw[p.type] = prev === undefined ? p.identifiers : [...(typeof prev === "string" ? [prev] : prev), p.identifiers];
        }
    }
    return sortKeys(raw);
}

function conditionsJson(cs: Condition[]): unknown {
    const raw: Record<string, Record<string, string[]>> = {};
    for (const c of cs) {
        raw[c.test] ??= {};
        raw[c.test][c.variable] ??= [];
        raw[c.test][c.variable].push(...(typeof c.values === "string" ? [c.values] : c.values));
    }
    const out: Record<string, Record<string, StringOrList>> = {};
    for (const test of Object.keys(raw).sort(compareGo)) {
        out[test] = {};
        for (const variable of Object.keys(raw[test]).sort(compareGo)) {
            const values = raw[test][variable];
            out[test][variable] = values.length === 1 ? values[0] : values;
        }
    }
    return out;
}

function sortKeys<T>(obj: Record<string, T>): Record<string, T> {
    const out: Record<string, T> = {};
    for (const k of Object.keys(obj).sort(compareGo)) out[k] = obj[k];
    return out;
}

/** The document as the provider marshals it: fixed field order, empty fields omitted. */
function docJson(doc: Doc): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    if (doc.Version) out.Version = doc.Version;
    if (doc.Id) out.Id = doc.Id;
    if (doc.Statement.length > 0) {
        out.Statement = doc.Statement.map((s) => {
            const st: Record<string, unknown> = {};
            if (s.Sid) st.Sid = s.Sid;
            if (s.Effect) st.Effect = s.Effect;
            for (const k of ["Action", "NotAction", "Resource", "NotResource"] as const) {
                if (s[k] !== undefined && s[k] !== "" && !(Array.isArray(s[k]) && s[k].length === 0)) st[k] = s[k];
            }
            if (s.Principal && s.Principal.length > 0) st.Principal = principalsJson(s.Principal);
            if (s.NotPrincipal && s.NotPrincipal.length > 0) st.NotPrincipal = principalsJson(s.NotPrincipal);
            if (s.Condition && s.Condition.length > 0) st.Condition = conditionsJson(s.Condition);
            return st;
        });
    }
    return out;
}

/** Go's encoding/json escapes these even inside strings. */
function goEscape(json: string): string {
    return json
        .replace(/</g, "\\u003c")
        .replace(/>/g, "\\u003e")
        .replace(/&/g, "\\u0026")
        .replace(/\u2028/g, "\\u2028")
        .replace(/\u2029/g, "\\u2029");
}

export interface PolicyDocumentResult {
    id: string;
    json: string;
    minifiedJson: string;
}

export function renderPolicyDocument(input: PolicyDocumentInput): PolicyDocumentResult {
    const version = input.version ?? "2012-10-17";
    if (!VERSIONS.includes(version)) {
        throw new PolicyDocumentError(`version must be one of ${VERSIONS.join(", ")} (received: ${version})`);
    }
    const merged: Doc = { Statement: [] };
    const seenSourceSids = new Set<string>();
    (input.sourcePolicyDocuments ?? []).forEach((json, i) => {
        const doc = parseDocument(json, `merging source document ${i}`);
        doc.Statement.forEach((st, j) => {
            if (!st.Sid) return;
            if (seenSourceSids.has(st.Sid)) {
                throw new PolicyDocumentError(
                    `merging source document ${i}: duplicate Sid (${st.Sid}) in source_policy_documents (statement ${j}). Remove the Sid or ensure Sids are unique.`,
                );
            }
            seenSourceSids.add(st.Sid);
        });
        merge(merged, doc);
    });

    const own: Doc = { Version: version, Id: input.policyId || undefined, Statement: [] };
    const sids = new Set<string>();
    for (const st of input.statements ?? []) {
        const statement = statementFromInput(st, version);
        if (statement.Sid) {
            if (sids.has(statement.Sid)) {
                throw new PolicyDocumentError(`duplicate Sid (${statement.Sid}). Remove the Sid or ensure the Sid is unique.`);
            }
            sids.add(statement.Sid);
        }
        own.Statement.push(statement);
    }
    merge(merged, own);
    (input.overridePolicyDocuments ?? []).forEach((json, i) => merge(merged, parseDocument(json, `merging override document ${i}`)));

    const model = docJson(merged);
    const json = goEscape(JSON.stringify(model, null, 2));
    const minifiedJson = goEscape(JSON.stringify(model));
    return { id: String(zlib.crc32(json)), json, minifiedJson };
}
