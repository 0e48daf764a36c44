import * as path from "node:path";
import { freshModule } from "../../helpers/freshModule";

/**
 * A new instance of a module of policies/lib: its per-process caches (parsed documents, compiled
 * patterns, action expansions) start empty, so a call really parses, compiles or expands.
 */
export function freshLib<T>(name: "iamDocument" | "iamActions"): T {
    return freshModule<T>(require.resolve(path.join(__dirname, "..", "..", "..", "policies", "lib", name)));
}
