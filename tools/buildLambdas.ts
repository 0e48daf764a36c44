import * as fs from "node:fs";
import * as path from "node:path";
import { bundleLambda, LAMBDA_NAMES, projectRoot, type LambdaName } from "../lambdas/bundle";

/** Size goals per bundle: the authorizer sits on every API request's cold path. */
const GOAL_BYTES: Readonly<Record<LambdaName, number>> = {
    preSignUp: 400 * 1024,
    postConfirmation: 400 * 1024,
    preTokenGeneration: 400 * 1024,
    authorizer: 40 * 1024,
    api: 400 * 1024,
};

function main(): number {
    const out = path.join(projectRoot(), "dist", "lambdas");
    let over = 0;
    for (const name of LAMBDA_NAMES) {
        const { code, bytes } = bundleLambda(name);
        const file = path.join(out, name, "index.js");
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, code);
        const ok = bytes <= GOAL_BYTES[name];
        over += ok ? 0 : 1;
        console.log(`${name.padEnd(20)} ${(bytes / 1024).toFixed(1).padStart(7)} KB  (goal ≤ ${GOAL_BYTES[name] / 1024} KB) ${ok ? "ok" : "OVER"}  ${path.relative(process.cwd(), file)}`);
    }
    return over === 0 ? 0 : 1;
}

process.exitCode = main();
