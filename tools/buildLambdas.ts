import * as fs from "node:fs";
import * as path from "node:path";
import { BUNDLE_SIZE_GOALS, bundleLambda, LAMBDA_NAMES, projectRoot } from "../lambdas/bundle";

function main(): number {
    const out = path.join(projectRoot(), "dist", "lambdas");
    let over = 0;
    for (const name of LAMBDA_NAMES) {
        const { code, bytes } = bundleLambda(name);
        const file = path.join(out, name, "index.js");
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, code);
        const ok = bytes <= BUNDLE_SIZE_GOALS[name];
        over += ok ? 0 : 1;
        console.log(`${name.padEnd(20)} ${(bytes / 1024).toFixed(1).padStart(7)} KB  (goal ≤ ${BUNDLE_SIZE_GOALS[name] / 1024} KB) ${ok ? "ok" : "OVER"}  ${path.relative(process.cwd(), file)}`);
    }
    return over === 0 ? 0 : 1;
}

process.exitCode = main();
