import { buildSync, type Metafile } from "esbuild";
import * as fs from "node:fs";
import * as path from "node:path";
import { ESBUILD_TARGET } from "./runtime";

export const LAMBDA_NAMES = ["preSignUp", "postConfirmation", "preTokenGeneration", "authorizer", "api"] as const;
export type LambdaName = (typeof LAMBDA_NAMES)[number];

export interface LambdaBundle {
    /** CommonJS source of `index.js`, exporting `handler`. */
    readonly code: string;
    /** Size of `code` in bytes (UTF-8). */
    readonly bytes: number;
}

/**
 * The project root: the nearest directory upwards holding `lambdas/<name>/handler.ts`, so this
 * works from the TypeScript sources and from the compiled copy under `bin/` alike.
 */
export function projectRoot(from: string = __dirname): string {
    for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
        if (fs.existsSync(path.join(dir, "lambdas", LAMBDA_NAMES[0], "handler.ts"))) {
            return dir;
        }
        if (path.dirname(dir) === dir) {
            throw new Error(`Cannot find the lambdas/ sources above ${from}; run from a checkout of the project, which ships lambdas/<name>/handler.ts`);
        }
    }
}

/**
 * Loaded lazily by the SDK's default credential chain only after the environment credentials
 * are found missing, which never happens in Lambda (it always sets AWS_ACCESS_KEY_ID and its
 * companions). Leaving them external saves about 100 KB per SDK-using bundle; should one be
 * reached anyway, Node resolves it from the SDK the runtime ships.
 */
export const UNREACHED_CREDENTIAL_PROVIDERS = [
    "@aws-sdk/credential-provider-ini",
    "@aws-sdk/credential-provider-process",
    "@aws-sdk/credential-provider-sso",
    "@aws-sdk/credential-provider-web-identity",
];

const cache = new Map<LambdaName, LambdaBundle>();

/**
 * Bundles one handler with esbuild into a single minified CommonJS file for the Lambda
 * runtime. Synchronous, so a Pulumi program can call it while declaring the function.
 *
 * The AWS SDK v3 is bundled even though the runtime ships one: the code then runs with the
 * SDK version it was tested with, and tree-shaking keeps only the clients used. Left out are
 * the credential providers a function never reaches (see UNREACHED_CREDENTIAL_PROVIDERS).
 */
export function bundleLambda(name: LambdaName): LambdaBundle {
    if (!LAMBDA_NAMES.includes(name)) {
        throw new Error(`Unknown lambda "${String(name)}"; use one of ${LAMBDA_NAMES.join(", ")}`);
    }
    const cached = cache.get(name);
    if (cached) {
        return cached;
    }
    const root = projectRoot();
    const result = buildSync({
        absWorkingDir: root,
        entryPoints: [path.join(root, "lambdas", name, "handler.ts")],
        bundle: true,
        write: false,
        platform: "node",
        target: ESBUILD_TARGET,
        format: "cjs",
        minify: true,
        treeShaking: true,
        sourcemap: false,
        legalComments: "none",
        charset: "utf8",
        external: UNREACHED_CREDENTIAL_PROVIDERS,
        // ESM builds of the SDK tree-shake better than their CommonJS twins.
        mainFields: ["module", "main"],
        metafile: true,
        logLevel: "silent",
    });
    assertNoDevDependencies(name, result.metafile, root);
    const code = result.outputFiles[0].text;
    const bundle = { code, bytes: Buffer.byteLength(code) };
    cache.set(name, bundle);
    return bundle;
}

/** Fails when a devDependency of the project ended up inside a bundle. */
export function assertNoDevDependencies(name: string, metafile: Metafile, root: string): void {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { devDependencies?: Record<string, string> };
    const dev = Object.keys(pkg.devDependencies ?? {});
    const found = new Set<string>();
    for (const input of Object.keys(metafile.inputs)) {
        for (const d of dev) {
            if (input.includes(`node_modules/${d}/`)) {
                found.add(d);
            }
        }
    }
    if (found.size > 0) {
        throw new Error(`The ${name} bundle contains devDependencies (${[...found].join(", ")}); move them to dependencies or stop importing them from lambdas/${name}`);
    }
}
