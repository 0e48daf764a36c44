import { buildSync, version as esbuildVersion, type BuildOptions, type Metafile } from "esbuild";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { ESBUILD_TARGET } from "./runtime";

export const LAMBDA_NAMES = [
    "preSignUp", "postConfirmation", "preTokenGeneration", "authorizer", "api",
    "preAuthentication", "postAuthentication", "customMessage", "userMigration", "customEmailSender", "customSmsSender", "authChallenge",
] as const;
export type LambdaName = (typeof LAMBDA_NAMES)[number];

/** Size goals per bundle, in bytes: the authorizer sits on every API request's cold path. */
export const BUNDLE_SIZE_GOALS: Readonly<Record<LambdaName, number>> = {
    preSignUp: 400 * 1024,
    postConfirmation: 400 * 1024,
    preTokenGeneration: 400 * 1024,
    authorizer: 40 * 1024,
    api: 400 * 1024,
    preAuthentication: 400 * 1024,
    postAuthentication: 400 * 1024,
    customMessage: 400 * 1024,
    userMigration: 400 * 1024,
    // The AWS Encryption SDK and its KMS client come on top of the SES or SNS client.
    customEmailSender: 1024 * 1024,
    customSmsSender: 1024 * 1024,
    authChallenge: 400 * 1024,
};

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

export interface BundleOptions {
    /**
     * Directory of the on-disk bundle cache, or `false` to always bundle afresh.
     * @default `node_modules/.cache/cognito-stack-lambdas` under the project root
     */
    readonly cacheDir?: string | false;
}

const cache = new Map<string, LambdaBundle>();

/**
 * Bundles one handler with esbuild into a single minified CommonJS file for the Lambda
 * runtime. Synchronous, so a Pulumi program can call it while declaring the function.
 *
 * The AWS SDK v3 is bundled even though the runtime ships one: the code then runs with the
 * SDK version it was tested with, and tree-shaking keeps only the clients used. Left out are
 * the credential providers a function never reaches (see UNREACHED_CREDENTIAL_PROVIDERS).
 *
 * Bundling takes about a second for the five handlers, on every plan and `pulumi up`, so the
 * result is kept on disk and reused while every input file esbuild read is byte-for-byte the
 * same (see `readCachedBundle`).
 */
export function bundleLambda(name: LambdaName, opts: BundleOptions = {}): LambdaBundle {
    if (!LAMBDA_NAMES.includes(name)) {
        throw new Error(`Unknown lambda "${String(name)}"; use one of ${LAMBDA_NAMES.join(", ")}`);
    }
    const root = projectRoot();
    const cacheDir = opts.cacheDir ?? path.join(root, "node_modules", ".cache", "cognito-stack-lambdas");
    const memoKey = `${String(cacheDir)}\0${name}`;
    const memo = cache.get(memoKey);
    if (memo) {
        return memo;
    }
    const options = buildOptions(name, root);
    const key = cacheKey(options, root);
    const file = cacheDir === false ? undefined : path.join(cacheDir, `${name}.json`);
    const code = (file && readCachedBundle(file, key, root)) ?? build(name, options, root, key, file);
    const bundle = { code, bytes: Buffer.byteLength(code) };
    cache.set(memoKey, bundle);
    return bundle;
}

function buildOptions(name: LambdaName, root: string): BuildOptions {
    return {
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
    };
}

function build(name: LambdaName, options: BuildOptions, root: string, key: string, file: string | undefined): string {
    const result = buildSync({ ...options, write: false, metafile: true });
    assertNoDevDependencies(name, result.metafile, root);
    const code = result.outputFiles[0].text;
    const inputs = Object.keys(result.metafile.inputs).sort().map((input) => [input, hashFile(path.resolve(root, input))] as const);
    // An input that is not a readable file (a virtual module) cannot be checked later: no entry.
    if (file && inputs.every(([, hash]) => hash !== undefined)) {
        const entry: CacheEntry = { key, inputs: Object.fromEntries(inputs) as Record<string, string>, code };
        // Written aside and renamed, so a concurrent plan never reads half an entry.
        const tmp = `${file}.${process.pid}.tmp`;
        try {
            fs.mkdirSync(path.dirname(file), { recursive: true });
            fs.writeFileSync(tmp, JSON.stringify(entry));
            fs.renameSync(tmp, file);
        } catch {
            // A read-only checkout, or a cache path below a file, still bundles, just every time.
            // (rmSync's `force` ignores a missing file, not a parent that is no directory.)
            if (fs.existsSync(tmp)) {
                fs.rmSync(tmp);
            }
        }
    }
    return code;
}

interface CacheEntry {
    /** See cacheKey. */
    key: string;
    /** Every file esbuild read (relative to the project root) and its SHA-256. */
    inputs: Record<string, string>;
    code: string;
}

const sha256 = (data: string | Buffer): string => crypto.createHash("sha256").update(data).digest("hex");
const fileHashes = new Map<string, string | undefined>();

/** SHA-256 of a file's content, undefined when it cannot be read; once per file and process. */
function hashFile(file: string): string | undefined {
    if (!fileHashes.has(file)) {
        let hash: string | undefined;
        try {
            hash = sha256(fs.readFileSync(file));
        } catch {
            hash = undefined;
        }
        fileHashes.set(file, hash);
    }
    return fileHashes.get(file);
}

function listFiles(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true, recursive: true })
        .filter((e) => e.isFile())
        .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
        .sort();
}

/**
 * What decides a bundle besides its input files: the esbuild version and options, the files
 * that steer module resolution and type stripping (package.json, package-lock.json,
 * tsconfig.json) and the names of the files under lambdas/, so a new module that would shadow
 * an import is seen too.
 */
function cacheKey(options: BuildOptions, root: string): string {
    const manifests = ["package.json", "package-lock.json", "tsconfig.json"].map((f) => hashFile(path.join(root, f)) ?? "-");
    // Paths relative to the root: a copy of the checkout (a worktree, a test's temporary copy)
    // shares the entries instead of overwriting them; the inputs' hashes still decide.
    const portable = { ...options, absWorkingDir: ".", entryPoints: (options.entryPoints as string[]).map((e) => path.relative(root, e)) };
    return sha256(JSON.stringify([esbuildVersion, portable, manifests, listFiles(path.join(root, "lambdas"))]));
}

/** The cached bundle when its key matches and none of its inputs changed, else undefined. */
function readCachedBundle(file: string, key: string, root: string): string | undefined {
    let entry: CacheEntry;
    try {
        entry = JSON.parse(fs.readFileSync(file, "utf8")) as CacheEntry;
    } catch {
        return undefined;
    }
    if (entry.key !== key || typeof entry.code !== "string" || typeof entry.inputs !== "object" || entry.inputs === null) {
        return undefined;
    }
    const fresh = Object.entries(entry.inputs).every(([input, hash]) => hashFile(path.resolve(root, input)) === hash);
    return fresh ? entry.code : undefined;
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
