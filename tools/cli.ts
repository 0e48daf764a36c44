/** A command-line mistake: the command prints it with its usage and exits 2. */
export class UsageError extends Error {}

export interface ParsedFlags {
    /** `--name value` or `--name=value`, by name without the dashes. */
    readonly values: Readonly<Record<string, string>>;
    /** Flags without a value that were given. */
    readonly switches: ReadonlySet<string>;
}

/** Parses `--flag value`, `--flag=value` and bare switches; anything else is a UsageError. */
export function parseFlags(argv: readonly string[], spec: { values: readonly string[]; switches?: readonly string[] }): ParsedFlags {
    const values: Record<string, string> = {};
    const switches = new Set<string>();
    for (let i = 0; i < argv.length; i++) {
        const m = /^--([a-z][a-z-]*)(?:=(.*))?$/.exec(argv[i]);
        const name = m?.[1] ?? "";
        if (m && spec.switches?.includes(name) && m[2] === undefined) {
            switches.add(name);
            continue;
        }
        if (!m || !spec.values.includes(name)) {
            throw new UsageError(`unknown argument ${argv[i]}`);
        }
        const value = m[2] ?? argv[++i];
        if (value === undefined || value === "" || value.startsWith("--")) {
            throw new UsageError(`--${name} needs a value`);
        }
        values[name] = value;
    }
    return { values, switches };
}

/** Parses with `parse`, or prints the usage error and returns exit code 2. */
export function argsOrUsage<T>(parse: () => T, usage: string): T | 2 {
    try {
        return parse();
    } catch (e) {
        if (!(e instanceof UsageError)) throw e;
        process.stderr.write(`error: ${e.message}\n${usage}\n`);
        return 2;
    }
}

/** Runs a command's `main` and sets the exit code; an unexpected error exits with `failureCode`. */
export function runMain(main: () => Promise<number>, failureCode = 1): void {
    main().then(
        (code) => (process.exitCode = code),
        (err: unknown) => {
            process.stderr.write(`error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
            process.exitCode = failureCode;
        },
    );
}
