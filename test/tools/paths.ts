import * as path from "node:path";

/** Repository root, from `test/tools`. */
export const ROOT = path.resolve(__dirname, "..", "..");
export const FIXTURE_DIR = path.join(ROOT, "test", "fixtures", "planProject");
export const FIXTURE_PROGRAM = path.join(FIXTURE_DIR, "index.ts");
