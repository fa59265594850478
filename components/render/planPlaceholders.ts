import type { PlanPlaceholders } from "../contract/platform";
import { RENDER_SERVICE_TYPE } from "./serviceState";

/** What Render assigns a service, as the offline plan shows it. */
export const renderPlanPlaceholders: PlanPlaceholders = {
  assigned: (type, name) =>
    type === RENDER_SERVICE_TYPE
      ? {
          serviceId: `[service id of ${name}]`,
          url: `[onrender.com URL of ${name}]`,
          deployId: `[deploy of ${name}]`,
          deployStatus: `[status of ${name}'s deploy]`,
        }
      : undefined,
};
