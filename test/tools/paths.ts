import * as path from "node:path";

/** Repository root, from the compiled `bin/test/tools` directory. */
export const ROOT = path.resolve(__dirname, "..", "..", "..");
export const FIXTURE_DIR = path.join(ROOT, "test", "fixtures", "planProject");
export const FIXTURE_PROGRAM = path.join(ROOT, "bin", "test", "fixtures", "planProject", "index.js");
