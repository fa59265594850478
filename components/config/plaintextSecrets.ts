import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import type { ConfigProblem } from "../contract/configProblem";
import type { SecretPathTest } from "./issueProblems";
import { readProjectFileIn, stackFilePath } from "./projectFile";
import { isSecureValue } from "./secureValue";

const NAMESPACE = "skyport";

/** Where a stack's config file is under the project, when it has one. */
function stackFileOf(stack: string, projectDir: string): string | undefined {
  if (!existsSync(join(projectDir, "Pulumi.yaml"))) return undefined;
  const path = stackFilePath(readProjectFileIn(projectDir), stack);
  return existsSync(path) ? path : undefined;
}

/** Every leaf under a value, with its path; a `{secure: …}` value is one leaf. */
function leaves(value: unknown, path: string[] = []): Array<{ path: string[]; value: unknown }> {
  if (isSecureValue(value) || value === null || typeof value !== "object") return [{ path, value }];
  return Object.entries(value).flatMap(([key, inner]) => leaves(inner, [...path, key]));
}

/**
 * The values of a stack file that must be Pulumi secrets but are written in plain text, and so
 * are committed to git: every `skyport:*` value that `isSecret` says is secret, such as each
 * value under `skyport:secrets` and the active platform's secret settings. Each problem names the key and gives the command
 * that sets it as a secret, never the value. A stack with no file under the project (config
 * given some other way) has nothing here to judge.
 */
export function plaintextSecretsInStackFile(
  stack: string,
  isSecret: SecretPathTest,
  projectDir = process.cwd(),
): ConfigProblem[] {
  const file = stackFileOf(stack, projectDir);
  if (!file) return [];
  const document = parse(readFileSync(file, "utf8")) as { config?: Record<string, unknown> } | null;
  const config = document?.config ?? {};
  const prefix = `${NAMESPACE}:`;
  const plain = Object.entries(config)
    .filter(([key]) => key.startsWith(prefix))
    .flatMap(([key, value]) => leaves(value, [key.slice(prefix.length)]))
    .filter((leaf) => isSecret(leaf.path) && leaf.value !== undefined && !isSecureValue(leaf.value));
  return plain.map(({ path }) => {
    const key = `${NAMESPACE}:${path.join(".")}`;
    return {
      key,
      secret: true,
      value: "",
      expected: `a Pulumi secret, but it is in plain text in ${file.split("/").slice(-2).join("/")} (and so in git: treat it as leaked). Set it encrypted with \`pulumi config set --stack ${stack} --secret --path '${key}' <value>\``,
    };
  });
}
