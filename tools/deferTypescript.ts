/**
 * Imported first by the offline tools' processes. When @pulumi/pulumi loads, its function
 * serialization (runtime/closure) loads the TypeScript compiler through `typescript-shim`: about
 * 0.4 s, a third of loading the SDK. Nothing this project plans serializes a function (handlers
 * are bundled by esbuild), so the shim is replaced by a stand-in that loads the real compiler
 * on first use: the same module to anything that does use it, never paid by a plan that does not.
 */
import Module from "node:module";

const shim = require.resolve("@pulumi/pulumi/typescript-shim");
const cache = (Module as unknown as { _cache: Record<string, unknown> })._cache;

if (cache[shim] === undefined) {
    let real: object | undefined;
    const load = (): object => {
        if (real === undefined) {
            delete cache[shim]; // from now on the real shim, for this and every later require
            // eslint-disable-next-line @typescript-eslint/no-require-imports
            real = require(shim) as object;
        }
        return real;
    };
    const stand = new Proxy({}, {
        get: (_, key): unknown => Reflect.get(load(), key),
        has: (_, key) => Reflect.has(load(), key),
        ownKeys: () => Reflect.ownKeys(load()),
        getOwnPropertyDescriptor: (_, key) => {
            const d = Reflect.getOwnPropertyDescriptor(load(), key);
            return d && { ...d, configurable: true };
        },
    });
    const placeholder = new Module(shim);
    placeholder.filename = shim;
    placeholder.loaded = true;
    placeholder.exports = stand;
    cache[shim] = placeholder;
}
