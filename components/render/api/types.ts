/** The parts of Render's API objects skyport reads and writes (see shared/render/openapi.json). */

/** Render regions. */
export const RENDER_REGIONS = ["frankfurt", "oregon", "ohio", "singapore", "virginia"] as const;
export type RenderRegion = (typeof RENDER_REGIONS)[number];

/** Paid instance types. */
export const RENDER_PLANS = ["starter", "standard", "pro", "pro_plus", "pro_max", "pro_ultra"] as const;
export type RenderPlan = (typeof RENDER_PLANS)[number];

/** Registries a Render registry credential can be for. */
export const RENDER_REGISTRIES = ["GITHUB", "GITLAB", "DOCKER", "GOOGLE_ARTIFACT", "AWS_ECR"] as const;
export type RenderRegistry = (typeof RENDER_REGISTRIES)[number];

export interface RenderAutoscaling {
  enabled: boolean;
  min: number;
  max: number;
  criteria: { cpu: { enabled: boolean; percentage: number }; memory: { enabled: boolean; percentage: number } };
}

export interface RenderWebServiceDetails {
  env?: string;
  runtime?: string;
  envSpecificDetails?: Record<string, unknown>;
  buildPlan?: string;
  openPorts?: Array<{ port: number; protocol: string }>;
  plan?: RenderPlan;
  region?: RenderRegion;
  healthCheckPath?: string;
  numInstances?: number;
  autoscaling?: RenderAutoscaling;
  url?: string;
  maxShutdownDelaySeconds?: number;
}

export interface RenderService {
  id: string;
  name: string;
  ownerId: string;
  type: string;
  imagePath?: string;
  registryCredential?: { id: string; name: string };
  serviceDetails: RenderWebServiceDetails;
  createdAt?: string;
  updatedAt?: string;
}

export type RenderDeployStatus =
  | "created"
  | "queued"
  | "build_in_progress"
  | "update_in_progress"
  | "live"
  | "deactivated"
  | "build_failed"
  | "update_failed"
  | "canceled"
  | "pre_deploy_in_progress"
  | "pre_deploy_failed";

export interface RenderDeploy {
  id: string;
  status?: RenderDeployStatus;
  image?: { ref?: string; sha?: string };
}

export interface RenderEnvVar {
  key: string;
  value: string;
}

export interface RenderRegistryCredential {
  id: string;
  name: string;
  registry: RenderRegistry;
  username: string;
}

export interface RenderCustomDomain {
  id: string;
  name: string;
  verificationStatus: "verified" | "unverified";
}

/** Body of POST /services for an image-backed web service. */
export interface CreateWebServiceBody {
  type: "web_service";
  name: string;
  ownerId: string;
  autoDeploy: "no";
  image: { ownerId: string; imagePath: string; registryCredentialId?: string };
  envVars: RenderEnvVar[];
  serviceDetails: {
    runtime: "image";
    plan: RenderPlan;
    region: RenderRegion;
    healthCheckPath: string;
    numInstances: number;
    maxShutdownDelaySeconds: number;
    autoscaling?: RenderAutoscaling;
  };
}

/** Body of PATCH /services/{id}. */
export interface UpdateWebServiceBody {
  name?: string;
  image?: { ownerId: string; imagePath: string; registryCredentialId?: string };
  serviceDetails?: { plan?: RenderPlan; healthCheckPath?: string; maxShutdownDelaySeconds?: number };
}
