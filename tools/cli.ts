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
