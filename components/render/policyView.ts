import { envOfRecord, type PolicyView } from "../contract/policyView";
import { RENDER_SERVICE_TYPE as SERVICE } from "./serviceState";

/**
 * The policy pack's reading of a Render service: its one container (sized by plan), its floor,
 * its exposure and its custom domain, which Render always serves over TLS.
 */
export const renderPolicyView: PolicyView = {
  containers: {
    [SERVICE]: (props) => [
      {
        image: props.image,
        cpu: props.plan,
        memory: props.plan,
        env: envOfRecord(props.envVars),
      },
    ],
  },
  minimumInstances: {
    [SERVICE]: (props) => (props.autoscaling?.min as number | undefined) ?? (props.numInstances as number | undefined),
  },
  // A Render web service is always public, and skyport:app.public cannot be false on Render.
  exposure: { [SERVICE]: () => ({ public: true, declaredPublic: true }) },
  endpoints: {
    [SERVICE]: (props) =>
      typeof props.customDomain === "string"
        ? [{ host: props.customDomain, protocol: "https", fix: "keep skyport:app.domain" }]
        : [],
  },
};
