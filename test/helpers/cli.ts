import * as path from "node:path";
import { ROOT } from "./plans";

/** Node's arguments to run `tools/<name>.ts` as the npm scripts do (through tools/register.js). */
export function toolArgs(name: string, ...args: string[]): string[] {
    return ["--require", path.join(ROOT, "tools", "register.js"), path.join(ROOT, "tools", `${name}.ts`), ...args];
}
