/**
 * The GraphQL API's sources: the schema and the APPSYNC_JS resolvers in `graphql/resolvers/`,
 * bundled by esbuild into one ES module per resolver as AppSync runs it (`@aws-appsync/utils` is
 * the runtime's own module). Each bundle gets the stack's settings in place of
 * `resolvers/settings.js`, whose defaults refuse every caller.
 */
import { build, version as esbuildVersion, type BuildOptions, type Plugin } from "esbuild";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";

/** The resolver files, one per field. */
export const RESOLVER_NAMES = ["me", "getItem", "listItems", "putItem", "deleteItem", "userItems"] as const;
export type ResolverName = (typeof RESOLVER_NAMES)[number];

/** What a stack's resolvers need to know about it; see `resolvers/settings.js`. */
export interface ResolverSettings {
    readonly userPoolIssuer: string;
    readonly identityPoolId: string;
    readonly adminGroups: readonly string[];
    readonly partitionKey: string;
    readonly sortKey: string;
}

/**
 * AppSync refuses resolver code over 32,768 characters.
 * @see https://docs.aws.amazon.com/appsync/latest/APIReference/API_CreateResolver.html
 */
export const MAX_RESOLVER_CODE = 32_768;

export const GRAPHQL_DIR = __dirname;
export const RESOLVERS_DIR = path.join(GRAPHQL_DIR, "resolvers");
export const APPSYNC_UTILS = "@aws-appsync/utils";

/** The generated `settings.js` of a stack. */
export function settingsModule(s: ResolverSettings): string {
    const line = (name: string, value: unknown) => `export const ${name} = ${JSON.stringify(value)};`;
    return [
        line("USER_POOL_ISSUER", s.userPoolIssuer),
        line("IDENTITY_POOL_ID", s.identityPoolId),
        line("ADMIN_GROUPS", [...s.adminGroups]),
        line("PARTITION_KEY", s.partitionKey),
        line("SORT_KEY", s.sortKey),
        "",
    ].join("\n");
}

function settingsPlugin(s: ResolverSettings): Plugin {
    return {
        name: "resolver-settings",
        setup(b) {
            b.onResolve({ filter: /^\.\/settings\.js$/ }, (args) =>
                path.dirname(args.importer) === RESOLVERS_DIR ? { path: "settings.js", namespace: "resolver-settings" } : undefined,
            );
            b.onLoad({ filter: /.*/, namespace: "resolver-settings" }, () => ({ contents: settingsModule(s), loader: "js" }));
        },
    };
}

/**
 * esbuild options for one resolver: ES module for AppSync (`esm`), or CommonJS to run it under
 * Node against a stand-in for `@aws-appsync/utils` (the tests).
 */
export function resolverBuildOptions(name: ResolverName, settings: ResolverSettings, format: "esm" | "cjs" = "esm"): BuildOptions {
    if (!RESOLVER_NAMES.includes(name)) {
        throw new Error(`Unknown resolver "${String(name)}"; use one of ${RESOLVER_NAMES.join(", ")}`);
    }
    return {
        entryPoints: [path.join(RESOLVERS_DIR, `${name}.js`)],
        bundle: true,
        write: false,
        format,
        platform: "neutral",
        // No down-levelling: it would add helpers the runtime may not have.
        target: "esnext",
        external: [APPSYNC_UTILS],
        treeShaking: true,
        minify: false,
        sourcemap: false,
        legalComments: "none",
        charset: "utf8",
        logLevel: "silent",
        plugins: [settingsPlugin(settings)],
    };
}

export interface ResolverBundleOptions {
    /**
     * Directory of the on-disk bundle cache, or `false` to always bundle afresh.
     * @default `node_modules/.cache/cognito-stack-resolvers` under the project root
     */
    readonly cacheDir?: string | false;
}

const sha256 = (data: string): string => crypto.createHash("sha256").update(data).digest("hex");

let sourcesDigest: string | undefined;

/** Every file under resolvers/ (names and contents): a bundle depends on nothing else of the tree. */
function resolverSources(): string {
    sourcesDigest ??= sha256(
        JSON.stringify(
            fs.readdirSync(RESOLVERS_DIR).sort().map((f) => [f, fs.readFileSync(path.join(RESOLVERS_DIR, f), "utf8")]),
        ),
    );
    return sourcesDigest;
}

/**
 * One resolver as AppSync runs it, for `aws.appsync.Resolver.code` (asynchronous: esbuild runs
 * plugins only so). Starting esbuild and bundling six resolvers costs a few hundred milliseconds
 * on every plan and `pulumi up`, so a bundle is kept on disk under a key of everything it is made
 * of: the resolver sources, the settings, the options and the esbuild version.
 */
export async function bundleResolver(name: ResolverName, settings: ResolverSettings, opts: ResolverBundleOptions = {}): Promise<string> {
    const options = resolverBuildOptions(name, settings);
    const cacheDir = opts.cacheDir ?? path.join(GRAPHQL_DIR, "..", "node_modules", ".cache", "cognito-stack-resolvers");
    const file = cacheDir === false ? undefined : path.join(cacheDir, `${sha256(JSON.stringify([esbuildVersion, name, settings, { ...options, plugins: undefined }, resolverSources()]))}.js`);
    if (file !== undefined && fs.existsSync(file)) {
        return fs.readFileSync(file, "utf8");
    }
    const code = (await build(options)).outputFiles![0].text;
    if (code.length > MAX_RESOLVER_CODE) {
        throw new Error(`The ${name} resolver bundles to ${code.length} characters, over AppSync's ${MAX_RESOLVER_CODE}: make graphql/resolvers/${name}.js and what it imports smaller`);
    }
    if (file !== undefined) {
        // Written aside and renamed, so a concurrent plan never reads half a bundle.
        const tmp = `${file}.${process.pid}.tmp`;
        try {
            fs.mkdirSync(path.dirname(file), { recursive: true });
            fs.writeFileSync(tmp, code);
            fs.renameSync(tmp, file);
        } catch {
            // A read-only checkout still bundles, just every time.
            fs.rmSync(tmp, { force: true });
        }
    }
    return code;
}

/** Every `cognito_groups: [...]` argument of the schema: the admin guard. */
const ADMIN_GROUPS_ARGUMENT = /cognito_groups:\s*\[[^\]]*\]/g;

/** The schema with the stack's admin groups in every `cognito_groups` argument. */
export function renderSchema(adminGroups: readonly string[]): string {
    const text = fs.readFileSync(path.join(GRAPHQL_DIR, "schema.graphql"), "utf8");
    return text.replace(ADMIN_GROUPS_ARGUMENT, `cognito_groups: ${JSON.stringify([...adminGroups])}`);
}

/** The schema and resolvers as the GraphqlApi component takes them. */
export const graphqlSource = { schema: renderSchema, resolver: bundleResolver };
