import * as pulumi from "@pulumi/pulumi";
import { toPlanValue } from "./planValues";

/** One resource as the program asked for it. */
export interface PlannedResource {
  type: string;
  name: string;
  /** URN the engine gave it (the mock monitor's, in a plan). */
  urn: string;
  /** URN of the parent resource; null for the stack itself. */
  parent: string | null;
  /** True for a provider-managed resource, false for a component. */
  custom: boolean;
  inputs: Record<string, unknown>;
  /** Input paths whose changes the engine ignores (`ignoreChanges`). */
  ignoreChanges: string[];
  /** URNs of the resources it waits for: its inputs' and its explicit `dependsOn`. */
  dependencies: string[];
  /** Reference to an explicit provider (`urn::id`), when one is used. */
  provider?: string;
  /** What a component passed to registerOutputs. */
  outputs?: Record<string, unknown>;
}

interface StructLike {
  toJavaScript(): Record<string, unknown>;
}

interface RegisterResourceRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getCustom(): boolean;
  getObject(): StructLike | undefined;
  getIgnorechangesList(): string[];
  getDependenciesList(): string[];
  getProvider(): string;
}

interface RegisterOutputsRequest {
  getUrn(): string;
  getOutputs(): StructLike | undefined;
}

type Callback = (err: unknown, response?: { getUrn(): string }) => void;

interface Monitor {
  registerResource(req: RegisterResourceRequest, callback: Callback): void;
  registerResourceOutputs(req: RegisterOutputsRequest, callback: Callback): void;
}

/** What a program run registered, in order, and the stack's outputs. */
export interface Recording {
  resources: PlannedResource[];
  stackOutputs: () => Record<string, unknown> | undefined;
}

/**
 * Listens at the resource monitor (the mock one) and records each registration as the engine
 * would receive it: type, name, parent and serialized inputs, secrets still marked as secrets.
 */
export function recordRegistrations(): Recording {
  const monitor = pulumi.runtime.getMonitor() as unknown as Monitor | undefined;
  if (!monitor) throw new Error("no resource monitor: call pulumi.runtime.setMocks first");
  const resources: PlannedResource[] = [];
  const byUrn = new Map<string, PlannedResource>();
  let outputs: Record<string, unknown> | undefined;

  const registerResource = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, callback) => {
    const resource: PlannedResource = {
      type: req.getType(),
      name: req.getName(),
      urn: "",
      parent: req.getParent() || null,
      custom: req.getCustom(),
      inputs: toPlanValue(req.getObject()?.toJavaScript() ?? {}) as Record<string, unknown>,
      ignoreChanges: req.getIgnorechangesList(),
      dependencies: req.getDependenciesList(),
      ...(req.getProvider() ? { provider: req.getProvider() } : {}),
    };
    resources.push(resource);
    registerResource(req, (err, response) => {
      if (response) {
        resource.urn = response.getUrn();
        byUrn.set(resource.urn, resource);
      }
      callback(err, response);
    });
  };

  const registerResourceOutputs = monitor.registerResourceOutputs.bind(monitor);
  monitor.registerResourceOutputs = (req, callback) => {
    const registered = toPlanValue(req.getOutputs()?.toJavaScript() ?? {}) as Record<string, unknown>;
    if (req.getUrn().includes("::pulumi:pulumi:Stack::")) outputs = registered;
    const resource = byUrn.get(req.getUrn());
    if (resource) resource.outputs = registered;
    registerResourceOutputs(req, callback);
  };

  return { resources, stackOutputs: () => outputs };
}
