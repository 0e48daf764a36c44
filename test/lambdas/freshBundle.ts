import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

type BundleModule = typeof import("../../lambdas/bundle");

/**
 * A new instance of lambdas/bundle.ts: its per-process memo and file hashes start empty, as in a
 * new plan, so a call really reads the disk cache or runs esbuild. The shared instance stays in
 * place for the other specs.
 */
export function freshBundleModule(): BundleModule {
    const id = require.resolve("../../lambdas/bundle");
    const shared = require.cache[id];
    delete require.cache[id];
    try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        return require(id) as BundleModule;
    } finally {
        if (shared) {
            require.cache[id] = shared;
        } else {
            delete require.cache[id];
        }
    }
}

/** A new empty directory, removed by the returned function. */
export function tempDir(prefix: string): { dir: string; remove: () => void } {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
