import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/**
 * A copy of the project's sources in a new temporary directory, sharing `node_modules` through a
 * link (so nothing is installed); without git, `dist/` or build leftovers. The caller removes it.
 */
export function copyProject(root: string, prefix = "cognito-stack-copy-"): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    fs.cpSync(root, dir, { recursive: true, filter: (src) => path.dirname(src) !== root || !/^(node_modules|\.git|bin|dist)$/.test(path.basename(src)) });
    fs.symlinkSync(path.join(root, "node_modules"), path.join(dir, "node_modules"), "dir");
    return dir;
}
