import type { PlanPlaceholders } from "../contract/platform";

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
        return { ...base, uri: `[run.app URL of ${name}]` };
      default:
        return base;
    }
  },
};
