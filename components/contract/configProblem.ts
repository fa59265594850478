import * as pulumi from "@pulumi/pulumi";

/** Shown instead of a value that is, or sits inside, a secret. */
export const SECRET_PLACEHOLDER = "[secret]";

/** One thing wrong with the stack config. */
export interface ConfigProblem {
  /** Full config key, e.g. `skyport:app.port`. */
  key: string;
  /** What was there, unless it is missing or secret. */
  value?: unknown;
  /** True when there is no value at the key. */
  missing?: boolean;
  /** True when the value must not be shown. */
  secret?: boolean;
  /** What is allowed. */
  expected: string;
}

/**
 * Bad stack config. A RunError, so Pulumi prints the message alone, without a stack trace;
 * thrown before any resource is registered.
 */
export class ConfigError extends pulumi.RunError {
  constructor(
    readonly stackName: string,
    readonly problems: ConfigProblem[],
  ) {
    super(
      `Invalid skyport config for stack '${stackName}':\n${problems.map((p) => `  - ${describeProblem(p)}`).join("\n")}`,
    );
  }
}

/** `skyport:app.port: 70000 is not allowed; expected a whole number from 1 to 65535`. */
export function describeProblem(problem: ConfigProblem): string {
  if (problem.missing) return `${problem.key} is required; expected ${problem.expected}`;
  if (problem.expected.startsWith("unknown key")) return `${problem.key}: ${problem.expected}`;
  const shown = problem.secret ? SECRET_PLACEHOLDER : showValue(problem.value);
  return `${problem.key}: ${shown} is not allowed; expected ${problem.expected}`;
}

function showValue(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 200 ? `${text.slice(0, 197)}...` : text;
}
