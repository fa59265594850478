import { RENDER_PLAN_SIZES } from "../../../components/render/plans";
import { RENDER_SERVICE_TYPE } from "../../../components/render/serviceState";
import { only } from "../../support/runStack";
import type { ConformanceAdapter } from "../facts";

/** Reads the conformance facts out of the RenderService resource. */
export const renderAdapter: ConformanceAdapter = {
  platform: "render",
  settings: { ownerId: "tea-c0ffee123", plan: "standard", region: "frankfurt" },
  rollsBack: false,
  facts: (run) => {
    const service = only(run, RENDER_SERVICE_TYPE);
    const inputs = service.inputs as any;
    const size = RENDER_PLAN_SIZES[inputs.plan as keyof typeof RENDER_PLAN_SIZES];
    const secretEnvVars = (run.providerInputsOf(service) as any).secretEnvVars as Record<string, string>;
    return {
      image: inputs.image,
      // Render routes to the port named by PORT.
      containerPort: Number(inputs.envVars.PORT),
      env: inputs.envVars,
      secretStore: secretEnvVars,
      secretStoreMarkedSecret: inputs.secretEnvVars === "[secret]",
      secretRefs: Object.keys(secretEnvVars),
      cpu: size.cpu,
      memoryMiB: size.memoryMiB,
      scaling: {
        min: inputs.autoscaling.min,
        max: inputs.autoscaling.max,
        targetCpuPercent: inputs.autoscaling.cpuPercent,
      },
      healthGate: {
        livenessPath: inputs.healthCheckPath,
        trafficPath: inputs.healthCheckPath,
        rolloutWaitsForHealth: typeof inputs.healthCheckPath === "string" && inputs.healthCheckPath.startsWith("/"),
        rollsBack: false,
      },
      runsAsNonRoot: "unsupported",
    };
  },
};
