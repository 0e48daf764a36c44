/**
 * The offline check's results as SARIF 2.1.0, for code scanning: one rule per policy of the pack
 * (description, help with the fix and the well-known controls, level from the stack's policy
 * config), one result per violation at the place an engineer changes to fix it: the stack file's
 * key when the stack sets the setting behind the policy, the project file's default when it
 * does not, otherwise the component that declares the resource.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import type { Policies } from "@pulumi/policy";
import { isMap, isScalar, parseDocument, type Node as YamlNode } from "yaml";
import type { stackConfigShape } from "../config/schema";
import { policies as allPolicies, packName } from "../policies/all";
import { anchorIds, CONTROLS, controlSource } from "../policies/lib/anchors";
import { resolvePolicyConfig, type Violation } from "../policies/runner";
import { version } from "../policies/package.json";

type ConfigKey = keyof typeof stackConfigShape;

/**
 * The stack config keys behind a policy, most specific first: where a finding points when the
 * stack file (or the project file's default) sets one. A policy not listed points at the
 * component that declares the resource.
 */
export const POLICY_CONFIG_KEYS: Readonly<Record<string, readonly ConfigKey[]>> = {
    "cognito-user-pool-mfa": ["mfa", "mfaFactors"],
    "cognito-user-pool-password-policy": ["passwordMinLength", "passwordHistorySize", "temporaryPasswordValidityDays", "passwordRequireSymbols"],
    "cognito-user-pool-threat-protection": ["threatProtection", "featurePlan"],
    "cognito-user-pool-risk-configuration": ["riskConfiguration", "threatProtection"],
    "cognito-risk-ip-exceptions": ["riskConfiguration"],
    "cognito-user-pool-custom-auth-threat-protection": ["threatProtectionCustomAuth", "threatProtection"],
    "cognito-user-pool-deletion-protection": ["deletionProtection", "protect"],
    "cognito-user-pool-account-recovery": ["accountRecovery"],
    "cognito-client-no-implicit-grant": ["appClients"],
    "cognito-client-token-validity": ["appClients"],
    "cognito-client-token-revocation": ["appClients"],
    "cognito-client-refresh-token-rotation": ["appClients"],
    "cognito-client-prevent-user-existence-errors": ["appClients"],
    "cognito-client-https-callbacks": ["appClients"],
    "cognito-client-privileged-attributes": ["appClients"],
    "cognito-default-group-unprivileged": ["triggers"],
    "cognito-identity-pool-unauthenticated-access": ["allowGuests"],
    "cognito-identity-pool-providers": ["identityPoolDirectLogins"],
    "dynamodb-table-deletion-protection": ["deletionProtection"],
    "apigateway-stage-access-logs": ["api"],
    "apigateway-stage-execution-logging": ["api"],
    "wafv2-web-acl-rules": ["waf"],
    "wafv2-web-acl-association": ["waf"],
    "cognito-user-pool-log-delivery": ["logDelivery"],
    "cloudwatch-alarm-notifications": ["alarms"],
};

const ROOT = path.resolve(__dirname, "..");
const NAMESPACE = "cognito-stack";

export interface SourcePlace {
    /** Path relative to the repository root, with `/`. */
    readonly uri: string;
    readonly line: number;
    readonly column: number;
}

/** 1-based line and column of an offset. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
    const before = text.slice(0, offset);
    const line = before.split("\n").length;
    return { line, column: offset - before.lastIndexOf("\n") };
}

/** Where each top-level key of a YAML file's `config:` map starts, keyed as written. */
export function configKeyPlaces(file: string, text: string): Map<string, SourcePlace> {
    const places = new Map<string, SourcePlace>();
    const doc = parseDocument(text);
    const config = isMap(doc.contents) ? doc.contents.get("config", true) : undefined;
    if (!isMap(config)) {
        return places;
    }
    for (const pair of config.items) {
        const key = pair.key as YamlNode | null;
        if (isScalar(key) && typeof key.value === "string" && key.range) {
            places.set(key.value, { uri: file, ...lineColumn(text, key.range[0]) });
        }
    }
    return places;
}

/** Where each component type token (`cognito-stack:<module>:<Type>`) is declared: its `super(...)` call. */
export function componentPlaces(root: string = ROOT): Map<string, SourcePlace> {
    const places = new Map<string, SourcePlace>();
    const walk = (dir: string): void => {
        for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
            const rel = `${dir}/${entry.name}`;
            if (entry.isDirectory()) {
                walk(rel);
            } else if (entry.name.endsWith(".ts")) {
                const text = fs.readFileSync(path.join(root, rel), "utf8");
                for (const m of text.matchAll(/super\(\s*"(cognito-stack:[A-Za-z0-9]+:[A-Za-z0-9]+)"/g)) {
                    places.set(m[1], { uri: rel, ...lineColumn(text, m.index) });
                }
            }
        }
    };
    walk("components");
    return places;
}

/** What SARIF needs to know about the stack beyond the violations. */
export interface SarifContext {
    readonly stack: string;
    /** The stack's policy config, as `runPolicyPack` took it. */
    readonly policyConfig: unknown;
    readonly policies?: Policies;
    /** Project and stack file contents; read from the repository when left out. */
    readonly projectFile?: string;
    readonly stackFile?: string;
    readonly components?: Map<string, SourcePlace>;
}

/** The component types of a URN, outermost first. */
function componentTypes(urn: string): string[] {
    const parts = urn.split("::");
    return parts.length >= 4 ? parts[2].split("$").filter((t) => t.startsWith(`${NAMESPACE}:`)) : [];
}

export interface Located {
    readonly primary: SourcePlace & { readonly why: string };
    readonly related: readonly (SourcePlace & { readonly why: string })[];
}

/**
 * Where a violation is fixed: the stack file's key behind the policy, else the project file's
 * default for it, else the innermost component declaring the resource (the stack file itself for
 * a stack-wide finding). The component is a related location whenever it is not the primary one.
 */
export function locate(
    v: Pick<Violation, "policy" | "urn">,
    stack: string,
    files: { stackKeys: Map<string, SourcePlace>; projectKeys: Map<string, SourcePlace>; components: Map<string, SourcePlace> },
): Located {
    const component = componentTypes(v.urn).reverse().map((t) => files.components.get(t)).find((p) => p !== undefined);
    const declared = component ? [{ ...component, why: "the component that declares the resource" }] : [];
    for (const key of POLICY_CONFIG_KEYS[v.policy] ?? []) {
        const set = files.stackKeys.get(`${NAMESPACE}:${key}`);
        if (set) {
            return { primary: { ...set, why: `${NAMESPACE}:${key} in Pulumi.${stack}.yaml` }, related: declared };
        }
    }
    for (const key of POLICY_CONFIG_KEYS[v.policy] ?? []) {
        const byDefault = files.projectKeys.get(key);
        if (byDefault) {
            return { primary: { ...byDefault, why: `the default of ${key} in Pulumi.yaml, which Pulumi.${stack}.yaml does not set` }, related: declared };
        }
    }
    if (component) {
        return { primary: declared[0], related: [] };
    }
    return { primary: { uri: `Pulumi.${stack}.yaml`, line: 1, column: 1, why: "the stack" }, related: [] };
}

type Level = "error" | "warning" | "none";
const levelOf = (enforcement: string): Level => (enforcement === "mandatory" || enforcement === "remediate" ? "error" : enforcement === "advisory" ? "warning" : "none");

/** GitHub ranks code-scanning alerts by this score (critical >= 9, high >= 7, medium >= 4). */
const SECURITY_SEVERITY: Readonly<Record<string, string>> = { critical: "9.5", high: "8.0", medium: "5.5", low: "3.0" };

function ruleHelp(p: Policies[number]): { text: string; markdown: string } {
    const ids = anchorIds(p.anchors);
    const controls = ids.map((id) => `- ${id} (${controlSource(id).source}): ${CONTROLS[id]}`);
    const covers: readonly string[] = p.anchors?.covers ?? [];
    const relation = (id: string): string => (covers.includes(id) ? "covers" : "goes beyond");
    const text = [
        p.description,
        "Each finding's message says what to change. A stack may lower this policy or let it accept more only in policies/config/<stack>.json, with a written reason.",
        ids.length > 0 ? ["Well-known controls:", ...controls].join("\n") : `Well-known controls: none. ${p.anchors?.none ?? ""}`,
    ].join("\n\n");
    const markdown = [
        p.description,
        "",
        "Each finding's message says what to change. A stack may lower this policy or let it accept more only in `policies/config/<stack>.json`, with a written `reason` (see `policies/README.md`).",
        "",
        ids.length > 0 ? "| Control | Published by | Title | This policy |\n| --- | --- | --- | --- |" : `No published control matches: ${p.anchors?.none ?? ""}`,
        ...ids.map((id) => `| [${id}](${controlSource(id).url}) | ${controlSource(id).source} | ${CONTROLS[id].replace(/\|/g, "\\|")} | ${relation(id)} |`),
    ].join("\n");
    return { text, markdown };
}

/** A stable id for a finding across runs: the policy, the resource and the message. */
function fingerprint(v: Pick<Violation, "policy" | "urn" | "message">): string {
    return createHash("sha256").update(`${v.policy}\n${v.urn}\n${v.message}`).digest("hex");
}

/** Builds the SARIF log of one stack's check. */
export function toSarif(violations: readonly Violation[], ctx: SarifContext): object {
    const policies = ctx.policies ?? allPolicies;
    const levels = resolvePolicyConfig(ctx.policyConfig, policies);
    const read = (file: string): string => fs.readFileSync(path.join(ROOT, file), "utf8");
    const stackFileName = `Pulumi.${ctx.stack}.yaml`;
    const files = {
        stackKeys: configKeyPlaces(stackFileName, ctx.stackFile ?? read(stackFileName)),
        projectKeys: configKeyPlaces("Pulumi.yaml", ctx.projectFile ?? read("Pulumi.yaml")),
        components: ctx.components ?? componentPlaces(),
    };
    const ruleIndex = new Map(policies.map((p, i) => [p.name, i]));
    const rules = policies.map((p) => {
        const level = levelOf(levels.get(p.name)?.enforcementLevel ?? "mandatory");
        return {
            id: p.name,
            name: p.name.replace(/(^|-)([a-z0-9])/g, (_m, _d: string, c: string) => c.toUpperCase()),
            shortDescription: { text: p.description },
            fullDescription: { text: p.description },
            help: ruleHelp(p),
            defaultConfiguration: { enabled: level !== "none", level },
            properties: {
                tags: ["security", "pulumi-policy", ...anchorIds(p.anchors)],
                precision: "very-high",
                ...(p.severity ? { "security-severity": SECURITY_SEVERITY[p.severity] } : {}),
                anchors: { covers: [...(p.anchors?.covers ?? [])], beyond: [...(p.anchors?.beyond ?? [])] },
            },
        };
    });
    const place = (p: SourcePlace) => ({ artifactLocation: { uri: p.uri }, region: { startLine: p.line, startColumn: p.column } });
    const results = violations.map((v) => {
        const { primary, related } = locate(v, ctx.stack, files);
        return {
            ruleId: v.policy,
            ...(ruleIndex.has(v.policy) ? { ruleIndex: ruleIndex.get(v.policy) } : {}),
            level: levelOf(v.enforcementLevel),
            message: { text: `${v.message} (resource ${v.urn}; ${primary.why})` },
            locations: [{ physicalLocation: place(primary), logicalLocations: [{ fullyQualifiedName: v.urn, kind: "resource" }] }],
            ...(related.length > 0 ? { relatedLocations: related.map((r, i) => ({ id: i + 1, physicalLocation: place(r), message: { text: r.why } })) } : {}),
            partialFingerprints: { "cognitoStackViolation/v1": fingerprint(v) },
            properties: { stack: ctx.stack, enforcementLevel: v.enforcementLevel, ...(v.severity ? { severity: v.severity } : {}), anchors: v.anchors },
        };
    });
    return {
        $schema: "https://json.schemastore.org/sarif-2.1.0.json",
        version: "2.1.0",
        runs: [
            {
                tool: { driver: { name: `${packName} policy pack`, semanticVersion: version, rules } },
                automationDetails: { id: `${packName}-policy/${ctx.stack}/` },
                results,
            },
        ],
    };
}
