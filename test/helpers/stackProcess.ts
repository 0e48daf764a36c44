/**
 * Runs the real program (`bin/index.js`) under recording mocks with one stack's config and
 * sends the registered resources to the parent process. One process per stack: the Pulumi
 * runtime keeps its state in globals.
 */
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { installRecordingMocks, settle } from "./stackMocks";
import { readStackConfig } from "./stackConfig";

const ROOT = path.resolve(__dirname, "..", "..", "..");

async function main(stack: string): Promise<void> {
    const { config, secretKeys } = readStackConfig(ROOT, stack);
    pulumi.runtime.setAllConfig(config, secretKeys);
    const records = installRecordingMocks("cognito-stack", stack);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require(path.join(ROOT, "bin", "index.js"));
    await settle();
    process.send?.({ ok: true, records });
}

main(process.argv[2] ?? "dev").catch((err: unknown) => {
    process.send?.({ ok: false, error: err instanceof Error ? err.message : String(err) });
});
