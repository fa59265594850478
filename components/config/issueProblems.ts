import type { z } from "zod";
import type { ConfigProblem } from "../contract/configProblem";

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
