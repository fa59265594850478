import { parseArgs, type ParseArgsOptionsConfig } from "node:util";

/** Exit statuses every CLI shares. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** A problem with how a CLI was called: it prints the usage line and exits 2. */
export class UsageError extends Error {}

/** What a command was given, as node:util's parseArgs reads it. */
export interface CommandArgs<Options extends ParseArgsOptionsConfig> {
  values: ReturnType<typeof parseArgs<{ options: Options; allowPositionals: true; strict: true }>>["values"];
  positionals: string[];
}

/** One npm script's command line. */
export interface Command<Options extends ParseArgsOptionsConfig> {
  /** The npm script, e.g. `plan`. */
  name: string;
  /** The arguments after `--`, e.g. `--stack <name> [--json]`. */
  usage: string;
  /** What the command does and what its exit statuses mean, for `--help`. */
  description: string;
  /** Its options, as node:util's parseArgs takes them (`--help` is added). Default none. */
  options?: Options;
  /** Options that must be given. Default none. */
  required?: ReadonlyArray<keyof Options & string>;
  /** Whether positional arguments are allowed. Default false. */
  positionals?: boolean;
  /** Runs the command; resolves with the exit status. A UsageError exits 2, any other error 1. */
  run: (args: CommandArgs<Options>) => Promise<number> | number;
  /** How a failure is worded on stderr. Default: the error's message. */
  describeFailure?: (err: unknown) => string;
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** The usage line: `usage: npm run <name> -- <usage>` (no `--` for a command that takes nothing). */
export function usageLine(command: Pick<Command<ParseArgsOptionsConfig>, "name" | "usage">): string {
  return command.usage ? `usage: npm run ${command.name} -- ${command.usage}` : `usage: npm run ${command.name}`;
}

const stderr = (text: string) => void process.stderr.write(text);

/**
 * Runs a command with the given arguments and resolves with its exit status, writing to this
 * process's stdout and stderr, as the command itself does: `--help` prints the usage and
 * description (0); a usage problem prints what is wrong and the usage line (2); a failure
 * prints its message (1).
 */
export async function execute<Options extends ParseArgsOptionsConfig>(
  command: Command<Options>,
  argv: readonly string[],
): Promise<number> {
  const usage = usageLine(command);
  const usageProblem = (problem: string) => {
    stderr(`${problem}\n${usage}\n(npm run ${command.name} -- --help says more)\n`);
    return EXIT.usage;
  };
  let args: CommandArgs<Options>;
  try {
    const parsed = parseArgs({
      args: [...argv],
      options: { ...command.options, help: { type: "boolean", short: "h" } },
      allowPositionals: true,
      strict: true,
    });
    args = parsed as unknown as CommandArgs<Options>;
  } catch (err) {
    return usageProblem(messageOf(err));
  }
  if ((args.values as { help?: boolean }).help === true) {
    process.stdout.write(`${usage}\n\n${command.description.trim()}\n`);
    return EXIT.ok;
  }
  if (!command.positionals && args.positionals.length > 0) {
    return usageProblem(`unexpected argument: ${args.positionals[0]}`);
  }
  const given = args.values as Record<string, unknown>;
  const missing = (command.required ?? []).filter((name) => given[name] === undefined);
  if (missing.length > 0) {
    const names = missing.map((name) => `--${name}`);
    const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
    return usageProblem(`${list} ${names.length === 1 ? "is" : "are"} required`);
  }
  try {
    return await command.run(args);
  } catch (err) {
    if (err instanceof UsageError) return usageProblem(err.message);
    stderr(`${(command.describeFailure ?? messageOf)(err)}\n`);
    return EXIT.failed;
  }
}

/** A command, its option types inferred; each cli.ts exports its own. */
export function defineCommand<Options extends ParseArgsOptionsConfig>(command: Command<Options>): Command<Options> {
  return command;
}

/**
 * Runs a command on this process's arguments and exits with its status, when `entry` is the
 * script node was started with (`npm run <name>`); a test that imports the module runs nothing.
 */
export function runWhenMain<Options extends ParseArgsOptionsConfig>(
  entry: NodeJS.Module,
  command: Command<Options>,
): void {
  if (require.main !== entry) return;
  void execute(command, process.argv.slice(2)).then((code) => process.exit(code));
}
