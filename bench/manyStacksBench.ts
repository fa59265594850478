import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PROJECT_DIR } from "../tools/lib/plan/stackFile";
import { readPreviewFolder } from "../tools/lib/report/previewFiles";
import { renderComment } from "../tools/lib/report/renderComment";
import { printVerdict } from "../tools/lib/report/verdict";
import { pullRequestMatrices, readStackCatalog } from "../tools/lib/stacks/stackCatalog";
import { hugePreview } from "../tests/support/recordedPreviews";
import { cliNodeArgs } from "../tests/support/runCli";
import { medianTime } from "./machine";

/** One many-stacks measurement: the step and its median time. */
export interface ManyStacksFigure {
  what: string;
  ms: number;
}

/**
 * A project of `stacks` stack files (each a copy of staging's, half of them in the promotion
 * chain), and a preview document of `resources` resources for each, as the comment job gets
 * them; then the stack catalog, the comment and the verdict over all of them, in process, and
 * the start of `npm run stacks` alone (the process each step also pays), all median of `runs`.
 */
export function measureManyStacks(stacks = 50, resources = 200, runs = 5): ManyStacksFigure[] {
  const root = mkdtempSync(join(tmpdir(), "skyport-many-stacks-"));
  try {
    const names = Array.from({ length: stacks }, (_, i) => `stack-${String(i).padStart(2, "0")}`);
    cpSync(join(PROJECT_DIR, "Pulumi.yaml"), join(root, "Pulumi.yaml"));
    mkdirSync(join(root, "stacks"));
    const staging = readFileSync(join(PROJECT_DIR, "stacks", "Pulumi.staging.yaml"), "utf8");
    for (const name of names) writeFileSync(join(root, "stacks", `Pulumi.${name}.yaml`), staging);
    writeFileSync(join(root, "stacks", "promotion.yaml"), `chain: [${names.slice(0, stacks / 2).join(", ")}]\n`);
    const previews = join(root, "previews");
    mkdirSync(previews);
    const document = hugePreview(resources);
    for (const name of names) writeFileSync(join(previews, `${name}.json`), document);

    const catalog = () => readStackCatalog(root);
    const read = () => readPreviewFolder(previews, catalog());
    const start = medianTime(runs, () => {
      const result = spawnSync(process.execPath, cliNodeArgs("stacks"), { cwd: PROJECT_DIR });
      if (result.status !== 0) throw new Error(`npm run stacks failed: ${String(result.stderr)}`);
    });
    const of = `${stacks} stacks of ${resources} resources`;
    return [
      {
        what: `the stack catalog and the pull request's matrices, ${stacks} stack files`,
        ms: medianTime(runs, () => pullRequestMatrices(catalog(), false)),
      },
      { what: `the comment: reading ${of} and rendering it`, ms: medianTime(runs, () => renderComment(read())) },
      {
        what: `the verdict: reading ${of} and judging it`,
        ms: medianTime(runs, () => printVerdict(read(), () => true)),
      },
      { what: "a CLI's start, for reference (`npm run stacks` on this repository, without npm)", ms: start },
    ];
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
