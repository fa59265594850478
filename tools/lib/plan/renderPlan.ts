import { stringify } from "yaml";
import { deployedImageStandIn } from "./planMocks";
import type { PlanRun } from "./planStack";

const yaml = (value: unknown, indent: string) =>
  stringify(value, { lineWidth: 0 })
    .trimEnd()
    .split("\n")
    .map((line) => `${indent}${line}`);

/** The plan as text: each resource under its parent, with its inputs as YAML, then the outputs. */
export function renderPlan(plan: PlanRun): string {
  const lines = [
    `Plan for stack '${plan.stack}' on ${plan.platform ?? "an unknown platform"}: ${plan.registrations.length} resources.`,
    "",
  ];
  if (plan.outputs.image === deployedImageStandIn(plan.stack)) {
    lines.push(
      `The stack names no skyport:image, so it runs the image it was last deployed with, which only its`,
      `state backend knows; this plan shows ${deployedImageStandIn(plan.stack).split("@")[0]}@sha256:000… in its`,
      `place (.invalid is a domain no registry answers). A deploy names its image:`,
      `--config skyport:image=<registry>/<repository>@sha256:<digest>.`,
      "",
    );
  }
  const children = new Map<string | null, PlanRun["registrations"]>();
  for (const resource of plan.registrations) {
    children.set(resource.parent, [...(children.get(resource.parent) ?? []), resource]);
  }
  const walk = (parent: string | null, depth: number) => {
    for (const resource of children.get(parent) ?? []) {
      const indent = "  ".repeat(depth);
      lines.push(`${indent}+ ${resource.type}  ${resource.name}`);
      if (Object.keys(resource.inputs).length > 0) lines.push(...yaml(resource.inputs, `${indent}    `));
      walk(resource.urn, depth + 1);
    }
  };
  walk(null, 0);
  lines.push("", "Outputs:", ...yaml(plan.outputs, "  "));
  return `${lines.join("\n")}\n`;
}
