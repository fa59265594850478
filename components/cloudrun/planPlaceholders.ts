import type { PlanPlaceholders } from "../contract/platform";
import type { TrafficTarget } from "./traffic";

/**
 * A service's traffic statuses as Cloud Run reports them back for its traffic targets: each
 * target with its tag's own URL (`https://<tag>---<service>-<hash>.<region>.run.app`), given here.
 */
export function trafficStatusesOf(
  traffics: unknown,
  tagUri: (tag: string) => string,
): Array<{ type: string; revision: string; percent: number; tag: string; uri: string }> {
  const targets = Array.isArray(traffics) ? (traffics as Array<Partial<TrafficTarget>>) : [];
  return targets.map((target) => ({
    type: target.type ?? "",
    revision: target.revision ?? "",
    percent: target.percent ?? 0,
    tag: target.tag ?? "",
    uri: target.tag ? tagUri(target.tag) : "",
  }));
}

/** What Google Cloud assigns or looks up, as the offline plan shows it. */
export const cloudRunPlanPlaceholders: PlanPlaceholders = {
  lookups: {
    "gcp:organizations/getProject:getProject": () => ({
      number: "[the project number]",
      projectId: "[gcp:project]",
    }),
  },
  assigned: (type, name, inputs) => {
    if (!type.startsWith("gcp:")) return undefined;
    const base = { project: inputs.project ?? "[gcp:project]" };
    switch (type) {
      case "gcp:serviceaccount/account:Account":
        return { ...base, email: `[email of ${name}]` };
      case "gcp:secretmanager/secretVersion:SecretVersion":
        return { ...base, version: `[version of ${name}]`, name: `[name of ${name}]` };
      case "gcp:cloudrunv2/service:Service":
        return {
          ...base,
          uri: `[run.app URL of ${name}]`,
          latestReadyRevision: `[latest ready revision of ${name}]`,
          trafficStatuses: trafficStatusesOf(inputs.traffics, (tag) => `[${tag} tag URL of ${name}]`),
        };
      default:
        return base;
    }
  },
};
