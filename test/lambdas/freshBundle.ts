import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { freshModule } from "../helpers/freshModule";

type BundleModule = typeof import("../../lambdas/bundle");

/**
 * A new instance of lambdas/bundle.ts: its per-process memo and file hashes start empty, as in a
 * new plan, so a call really reads the disk cache or runs esbuild. The shared instance stays in
 * place for the other specs.
 */
export function freshBundleModule(): BundleModule {
    return freshModule<BundleModule>(require.resolve("../../lambdas/bundle"));
}

/** A new empty directory, removed by the returned function. */
export function tempDir(prefix: string): { dir: string; remove: () => void } {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
