import { cloudRunPlanPlaceholders, trafficStatusesOf } from "../../../components/cloudrun/planPlaceholders";
import type { PlatformMocks } from "../../support/platformMocks";

/** The mocked Google Cloud project. */
export const MOCK_GCP = { project: "acme-prod", number: "123456789012" } as const;

/** Google Cloud as the tests mock it: the Cloud Run plan's placeholders, in one project. */
export const cloudRunMocks: PlatformMocks = {
  placeholders: cloudRunPlanPlaceholders,
  lookups: {
    "gcp:organizations/getProject:getProject": () => ({ number: MOCK_GCP.number, projectId: MOCK_GCP.project }),
  },
  realize: (attribute, _type, _name, inputs) => {
    switch (attribute) {
      case "project":
        return inputs.project ?? MOCK_GCP.project;
      case "email":
        return `${inputs.accountId}@${MOCK_GCP.project}.iam.gserviceaccount.com`;
      case "version":
        return "1";
      case "name":
        return `${String(inputs.secret)}/versions/1`;
      case "uri":
        return `https://${inputs.name}-abc123-ew.a.run.app`;
      case "latestReadyRevision":
        return `${inputs.name}-00002-new`;
      case "trafficStatuses":
        return trafficStatusesOf(inputs.traffics, (tag) => `https://${tag}---${inputs.name}-abc123-ew.a.run.app`);
      default:
        return undefined;
    }
  },
};
