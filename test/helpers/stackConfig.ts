import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";

/** The placeholder every `secure:` value becomes: the real ciphertext needs the Pulumi CLI. */
export const SECRET_PLACEHOLDER = "placeholder-secret";

/**
 * A stack's config as the engine hands it to the program: Pulumi.yaml's declared defaults,
 * then Pulumi.<stack>.yaml; strings as they are, everything else as JSON; `secure:` values
 * replaced by a placeholder and their keys reported as secret.
 */
export function readStackConfig(root: string, stack: string): { config: Record<string, string>; secretKeys: string[] } {
    const project = parse(fs.readFileSync(path.join(root, "Pulumi.yaml"), "utf8")) as { name: string; config?: Record<string, { default?: unknown }> };
    const stackFile = parse(fs.readFileSync(path.join(root, `Pulumi.${stack}.yaml`), "utf8")) as { config?: Record<string, unknown> };
    const raw: Record<string, unknown> = {};
    for (const [key, decl] of Object.entries(project.config ?? {})) {
        if (decl.default !== undefined) raw[`${project.name}:${key}`] = decl.default;
    }
    Object.assign(raw, stackFile.config ?? {});
    const config: Record<string, string> = {};
    const secretKeys: string[] = [];
    for (const [key, value] of Object.entries(raw)) {
        const { value: plain, secret } = unsecure(value);
        if (secret) secretKeys.push(key);
        config[key] = typeof plain === "string" ? plain : JSON.stringify(plain);
    }
    return { config, secretKeys };
}

function unsecure(value: unknown): { value: unknown; secret: boolean } {
    if (value !== null && typeof value === "object" && !Array.isArray(value)) {
        const entries = Object.entries(value as Record<string, unknown>);
        if (entries.length === 1 && entries[0][0] === "secure") {
            return { value: SECRET_PLACEHOLDER, secret: true };
        }
        let secret = false;
        const out: Record<string, unknown> = {};
        for (const [k, v] of entries) {
            const inner = unsecure(v);
            secret ||= inner.secret;
            out[k] = inner.value;
        }
        return { value: out, secret };
    }
    if (Array.isArray(value)) {
        const inner = value.map(unsecure);
        return { value: inner.map((i) => i.value), secret: inner.some((i) => i.secret) };
    }
    return { value, secret: false };
}
