import { renderPlanPlaceholders } from "../../../components/render/planPlaceholders";
import type { PlatformMocks } from "../../support/platformMocks";

/** Render as the tests mock it: a service id, an onrender.com URL and a live deploy. */
export const renderMocks: PlatformMocks = {
  placeholders: renderPlanPlaceholders,
  lookups: {},
  realize: (attribute, _type, _name, inputs) => {
    switch (attribute) {
      case "serviceId":
        return "srv-mock0001";
      case "url":
        return `https://${inputs.name}.onrender.com`;
      case "deployId":
        return "dep-mock0001";
      case "deployStatus":
        return "live";
      default:
        return undefined;
    }
  },
};
