// Loads the project's TypeScript as it is on disk now: `require` of a .ts file transpiles it with
// esbuild (types are stripped, never checked: `npm test` type-checks). Only .ts files are hooked,
// so the thousands of .js files of @pulumi/aws load at Node's own speed. Transpiled code is kept
// in node_modules/.cache/cognito-stack-ts under the SHA-256 of the source and the options, so an
// unchanged file is never transpiled twice and an edited one always is.
"use strict";
const crypto = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");

const CACHE_DIR = path.join(__dirname, "..", "node_modules", ".cache", "cognito-stack-ts");
// Node 20 runs ES2022 natively; inline source maps let --enable-source-maps show .ts lines.
const OPTIONS = { loader: "ts", format: "cjs", target: "node20", sourcemap: "inline" };

let esbuild;
let salt;

function transpile(source, filename) {
    esbuild ??= require("esbuild");
    salt ??= `${esbuild.version}\0${JSON.stringify(OPTIONS)}\0`;
    const key = crypto.createHash("sha256").update(salt).update(filename).update("\0").update(source).digest("hex");
    const cached = path.join(CACHE_DIR, `${key}.js`);
    try {
        return fs.readFileSync(cached, "utf8");
    } catch {
        // Not transpiled yet.
    }
    const { code } = esbuild.transformSync(source, { ...OPTIONS, sourcefile: filename });
    try {
        fs.mkdirSync(CACHE_DIR, { recursive: true });
        const tmp = `${cached}.${process.pid}.tmp`;
        fs.writeFileSync(tmp, code);
        fs.renameSync(tmp, cached); // atomic: parallel processes never read half a file
    } catch {
        // A read-only checkout still runs, transpiling every time.
    }
    return code;
}

if (!require.extensions[".ts"]) {
    require.extensions[".ts"] = function loadTypeScript(module, filename) {
        module._compile(transpile(fs.readFileSync(filename, "utf8"), filename), filename);
    };
}

module.exports = { transpile, CACHE_DIR };
