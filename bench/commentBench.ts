import { readdirSync } from "node:fs";
import { readStackPreview } from "../tools/lib/report/previewDocument";
import { renderComment } from "../tools/lib/report/renderComment";
import { hugePreview, RECORDED_PREVIEWS, recordedPreview } from "../tests/support/recordedPreviews";
import { medianTime } from "./machine";

/** One comment measurement: what was rendered, its median time, and the comment's size. */
export interface CommentFigure {
  what: string;
  ms: number;
  characters: number;
}

function timed(runs: number, render: () => string): Omit<CommentFigure, "what"> {
  let characters = 0;
  const ms = medianTime(runs, () => (characters = render().length));
  return { ms, characters };
}

/**
 * Reading the engine's documents and rendering the PR comment, in process: a 4,000-resource
 * stack (the recorded steps repeated), and every recorded scenario of both providers as one
 * stack each.
 */
export function measureComment(runs = 5): CommentFigure[] {
  const huge = hugePreview(4000);
  const recordings = readdirSync(RECORDED_PREVIEWS)
    .filter((file) => file.endsWith(".events.jsonl"))
    .map((file) => file.replace(/\.events\.jsonl$/, ""));
  return [
    { ...timed(runs, () => renderComment([readStackPreview("big", huge)])), what: "one stack of 4,000 resources" },
    {
      ...timed(runs, () => renderComment(recordings.map((recording, i) => recordedPreview(recording, `stack-${i}`)))),
      what: `${recordings.length} stacks, every recorded scenario (Render and Kubernetes)`,
    },
  ];
}
