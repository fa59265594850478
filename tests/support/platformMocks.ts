import type { PlanPlaceholders } from "../../components/contract/platform";

type Inputs = Record<string, any>;

/**
 * What one platform's mocked cloud answers, built from the platform's own plan placeholders:
 * every attribute a placeholder stands for gets the concrete value a test expects, or keeps the
 * placeholder when the test has none to give; every look-up the plan answers is answered here.
 */
export interface PlatformMocks {
  /** The platform's plan placeholders (its definition's planPlaceholders). */
  placeholders: PlanPlaceholders;
  /** Concrete look-up answers, one for each of the placeholders' look-ups, by invoke token. */
  lookups: Readonly<Record<string, (inputs: Inputs) => Record<string, unknown>>>;
  /** The concrete value of one assigned attribute; undefined keeps the placeholder. */
  realize: (attribute: string, type: string, name: string, inputs: Inputs) => unknown;
}

/** The attributes the mocked cloud assigns a resource: its placeholders, realized; undefined for another platform's. */
export function assignedBy(
  platform: PlatformMocks,
  type: string,
  name: string,
  inputs: Inputs,
): Record<string, unknown> | undefined {
  const placeholders = platform.placeholders.assigned?.(type, name, inputs);
  if (!placeholders) return undefined;
  return Object.fromEntries(
    Object.entries(placeholders).map(([attribute, placeholder]) => [
      attribute,
      platform.realize(attribute, type, name, inputs) ?? placeholder,
    ]),
  );
}
