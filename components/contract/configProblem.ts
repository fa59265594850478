import * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";

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

/** Decides whether the value at a path (below the namespace) is secret. */
export type SecretPathTest = (path: readonly PropertyKey[]) => boolean;

/** Turns zod issues on an object keyed by config names (without `skyport:`) into problems. */
export function problemsFromIssues(
  issues: readonly z.core.$ZodIssue[],
  input: Record<string, unknown>,
  isSecret: SecretPathTest,
  namespace = "skyport",
): ConfigProblem[] {
  return issues.flatMap((issue) => {
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({ key: configKey(namespace, [...issue.path, key]), expected: issue.message }));
    }
    if (issue.code === "invalid_key") {
      const name = issue.path[issue.path.length - 1];
      return [
        { key: configKey(namespace, issue.path), value: name, expected: issue.issues[0]?.message ?? issue.message },
      ];
    }
    const value = valueAt(input, issue.path);
    return [
      {
        key: configKey(namespace, issue.path),
        value,
        missing: value === undefined,
        secret: isSecret(issue.path),
        expected: issue.message,
      },
    ];
  });
}

function configKey(namespace: string, path: readonly PropertyKey[]): string {
  const [top, ...rest] = path.map(String);
  return [`${namespace}:${top}`, ...rest].join(".");
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current = input;
  for (const part of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[part];
  }
  return current;
}
