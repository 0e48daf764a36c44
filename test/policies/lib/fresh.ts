import * as path from "node:path";

/**
 * A new instance of a module of policies/lib: its per-process caches (parsed documents, compiled
 * patterns, action expansions) start empty, so a call really parses, compiles or expands instead
 * of returning what an earlier spec left there. The shared instance stays in place for the other
 * specs.
 */
export function freshLib<T>(name: "iamDocument" | "iamActions"): T {
    const id = require.resolve(path.join(__dirname, "..", "..", "..", "policies", "lib", name));
    const shared = require.cache[id];
    delete require.cache[id];
    try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        return require(id) as T;
    } finally {
        if (shared) {
            require.cache[id] = shared;
        } else {
            delete require.cache[id];
        }
    }
}
