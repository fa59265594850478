/**
 * Runs a command-line tool's main and exits with the status it returns. When it throws, the
 * message (as `describe` words it; default the error's own message) goes to stderr and the
 * exit status is 1.
 */
export function runMain(
  main: () => Promise<number> | number,
  describe: (err: unknown) => string = (err) => (err instanceof Error ? err.message : String(err)),
): void {
  Promise.resolve()
    .then(main)
    .then(
      (code) => process.exit(code),
      (err: unknown) => {
        process.stderr.write(`${describe(err)}\n`);
        process.exit(1);
      },
    );
}

/** Prints a usage error with the usage line, and gives the status for it: 2. */
export function usageError(problem: unknown, usage: string): number {
  process.stderr.write(`${problem instanceof Error ? problem.message : String(problem)}\n${usage}\n`);
  return 2;
}
