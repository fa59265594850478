import assert from "node:assert/strict";
import { type DefaultTreeAdapterMap, parseFragment } from "parse5";
import { readStackPreview, type StackPreview } from "../../tools/lib/report/previewDocument";
import { GITHUB_COMMENT_LIMIT, renderComment } from "../../tools/lib/report/renderComment";
import { cmarkGfmMissing, renderGfm } from "../support/cmarkGfm";
import { hugePreview, recordedDocument, recordedPreview } from "../support/recordedPreviews";
import { tierNeedingTool } from "../support/tierNotices";

type Node = DefaultTreeAdapterMap["node"];
type Element = DefaultTreeAdapterMap["element"];

const isElement = (node: Node): node is Element => "tagName" in node;
const childrenOf = (node: Node): Node[] => ("childNodes" in node ? node.childNodes : []);

/** Every element of a tree, depth first, with its ancestors' tag names. */
function* elements(node: Node, ancestors: string[] = []): Generator<{ element: Element; ancestors: string[] }> {
  for (const child of childrenOf(node)) {
    if (!isElement(child)) continue;
    yield { element: child, ancestors };
    yield* elements(child, [...ancestors, child.tagName]);
  }
}

const textOf = (node: Node): string =>
  "value" in node && typeof node.value === "string" && node.nodeName === "#text"
    ? node.value
    : childrenOf(node).map(textOf).join("");

/** A value no property, resource name or message should be able to turn into markup. */
const HOSTILE = "| </details> <img src=x onerror=alert(1)> <script>alert(2)</script> `tick` \n| --- |";

/** The recorded image update, with a hostile value in its env and in a resource name. */
function hostilePreview(): StackPreview {
  const document = recordedDocument("staging-image-update.json");
  document.steps = document.steps.map((step) =>
    step.op === "update"
      ? {
          ...step,
          urn: `${step.urn}-${HOSTILE.replace(/\n/g, " ")}`,
          newState: { ...step.newState, inputs: { ...step.newState!.inputs, envVars: { EVIL: HOSTILE } } },
        }
      : step,
  );
  return readStackPreview("hostile", JSON.stringify(document), "render");
}

/** Every recorded scenario of both stacks, one stack each. */
const RECORDINGS = [
  "staging-image-update",
  "staging-env-change",
  "staging-replace",
  "staging-policy-failed-colour",
  "staging-bad-config",
  "kubernetes-env-change",
  "kubernetes-json-env",
  "kubernetes-long-value",
  "kubernetes-secret-change",
  "kubernetes-replace",
];

/** Checks what GitHub's renderer would make of a comment; returns the parsed fragment. */
function checkRendered(markdown: string, stacks: number): Node {
  const html = parseFragment(renderGfm(markdown));
  const all = [...elements(html)];
  const tags = (name: string) => all.filter(({ element }) => element.tagName === name);

  assert.deepEqual(tags("script"), [], "no script element");
  assert.deepEqual(tags("img"), [], "no image element");
  const details = tags("details");
  assert.equal(details.length, stacks, "one collapsed section a stack");
  for (const { element, ancestors } of details) {
    assert.ok(!ancestors.includes("details"), "sections are not nested");
    const first = childrenOf(element).find(isElement);
    assert.equal(first?.tagName, "summary", "each section opens with its summary");
  }
  for (const { element: table } of tags("table")) {
    const rows = [...elements(table)].filter(({ element }) => element.tagName === "tr").map(({ element }) => element);
    const widths = rows.map((row) => childrenOf(row).filter((cell) => isElement(cell)).length);
    assert.ok(
      widths.every((width) => width === widths[0]),
      `every row of a table has its header's ${widths[0]} cells: ${widths.join(",")}`,
    );
  }
  return html;
}

tierNeedingTool("PR comment through GitHub's Markdown engine (cmark-gfm)", cmarkGfmMissing(), () => {
  describe("PR comment through GitHub's Markdown engine (cmark-gfm)", () => {
    it("renders every recorded stack as one table row and one collapsed section each, rows whole", () => {
      const previews = RECORDINGS.map((recording, i) => recordedPreview(recording, `stack-${i}`));
      const html = checkRendered(renderComment(previews), previews.length);
      const summary = [...elements(html)].find(({ element }) => element.tagName === "table")!.element;
      const rows = [...elements(summary)].filter(({ element }) => element.tagName === "tr");
      assert.equal(rows.length, previews.length + 1, "a header and a row a stack");
    });

    it("keeps hostile values as text inside their cells", () => {
      const html = checkRendered(renderComment([hostilePreview()]), 1);
      const text = textOf(html);
      assert.match(text, /<script>alert\(2\)<\/script>/, "the script tag shows as text");
      assert.match(text, /<img src=x onerror=alert\(1\)>/, "the image tag shows as text");
    });

    it("keeps a 4,000-resource stack under GitHub's limit and well formed", () => {
      const markdown = renderComment([readStackPreview("big", hugePreview(4000)), hostilePreview()]);
      assert.ok(markdown.length < GITHUB_COMMENT_LIMIT, `${markdown.length} characters`);
      checkRendered(markdown, 2);
    });
  });
});
