/**
 * A new instance of the module at `id` (a resolved path): its per-process caches start empty, so
 * a call really does the work instead of returning what an earlier spec left there. The shared
 * instance stays in place for the other specs.
 */
export function freshModule<T>(id: string): T {
    const shared = require.cache[id];
    delete require.cache[id];
    try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        return require(id) as T;
    } finally {
        if (shared) {
            require.cache[id] = shared;
        } else {
            delete require.cache[id];
        }
    }
}
