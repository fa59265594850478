import assert from "node:assert/strict";
import type { PlatformRegistry } from "../../components/contract/platform";
import { ConfigError, describeProblem } from "../../components/contract/configProblem";
import type { Recording } from "../../tools/lib/plan/recorder";
import { runStack } from "./runStack";

/** What a rejected config produced: each problem as its one-line message, and what got registered. */
export interface Rejection {
  lines: string[];
  message: string;
  registeredTypes: string[];
}

/**
 * Runs the program with a config that must be rejected (with the built platforms, or the
 * registry given), and returns the ConfigError's lines.
 */
export async function rejectionOf(
  config: Record<string, unknown>,
  secretKeys: string[] = [],
  registry?: PlatformRegistry,
): Promise<Rejection> {
  let recording: Recording | undefined;
  try {
    await runStack(config, { secretKeys, onRecording: (r) => (recording = r), ...(registry ? { registry } : {}) });
  } catch (err) {
    assert.ok(err instanceof ConfigError, `expected a ConfigError, got ${String(err)}`);
    return {
      lines: err.problems.map(describeProblem),
      message: err.message,
      registeredTypes: recording?.resources.map((r) => r.type) ?? [],
    };
  }
  assert.fail("the config was accepted");
}

/** Asserts the config is rejected with a line that starts with `expected` (key, value and what is allowed). */
export async function assertRejected(
  config: Record<string, unknown>,
  expected: string,
  secretKeys: string[] = [],
): Promise<void> {
  const { lines } = await rejectionOf(config, secretKeys);
  assert.ok(
    lines.some((line) => line.startsWith(expected)),
    `expected a line starting with:\n  ${expected}\ngot:\n  ${lines.join("\n  ")}`,
  );
}
