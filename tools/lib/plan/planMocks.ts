import type * as pulumi from "@pulumi/pulumi";
import type { PlanPlaceholders } from "../../../components/contract/platform";
import { PLATFORM_REGISTRY } from "../../../components/registry";

/** Every built platform's placeholders for what only its cloud can give (see PlanPlaceholders). */
const PLACEHOLDERS = Object.values(PLATFORM_REGISTRY).map((definition) => definition.planPlaceholders);
const LOOKUPS = Object.assign({}, ...PLACEHOLDERS.map((placeholders) => placeholders.lookups)) as NonNullable<
  PlanPlaceholders["lookups"]
>;

/** What a cloud assigns a resource, as placeholders, from the platform the type belongs to. */
function assigned(type: string, name: string, inputs: Record<string, unknown>): Record<string, unknown> {
  for (const placeholders of PLACEHOLDERS) {
    const found = placeholders.assigned?.(type, name, inputs);
    if (found) return found;
  }
  return {};
}

/**
 * A stack reference's outputs. A stack that names no image runs the one it was last deployed
 * with, which only the backend knows; the plan shows DEPLOYED_IMAGE_STAND_IN in its place, and
 * a placeholder for the stable revision a rollout step pins (Cloud Run).
 */
function deployedStack(inputs: Record<string, unknown>): Record<string, unknown> {
  const stack = String(inputs.name).split("/").pop() ?? "";
  const outputs = {
    image: deployedImageStandIn(stack),
    stableRevision: "[the stable revision of the last whole deploy]",
  };
  return { ...inputs, outputs, secretOutputNames: [] };
}

/**
 * What an offline plan shows for the image a stack runs now: a well-formed reference, so every
 * rule that reads the registry still applies, under the reserved `.invalid` domain, which no
 * registry can ever answer.
 */
export function deployedImageStandIn(stack: string): string {
  return `deployed.invalid/${stack}@sha256:${"0".repeat(64)}`;
}

/**
 * Mocks for an offline plan: every resource echoes its inputs as its state, plus placeholders
 * for what a cloud assigns; anything else stays unknown, as in a real preview. Look-ups answer
 * with placeholders too.
 */
export const planMocks: pulumi.runtime.Mocks = {
  newResource: (args) => {
    const inputs = args.inputs as Record<string, unknown>;
    if (args.type === "pulumi:pulumi:StackReference") return { id: args.name, state: deployedStack(inputs) };
    return { id: `${args.name}-id`, state: { ...inputs, ...assigned(args.type, args.name, inputs) } };
  },
  call: (args) => LOOKUPS[args.token]?.(args.inputs as Record<string, unknown>) ?? {},
};
