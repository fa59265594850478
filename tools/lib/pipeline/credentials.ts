/**
 * The names the workflows give every credential, and whose it is: the read-only principal that
 * previews, plans and drift checks use (in preview-<stack>, where pull-request code runs for a
 * stack that pullRequests: preview lets it), or the deploy principal that only a stack's own
 * environment holds (restricted to main). The workflow test keeps the workflows to it, the
 * pipeline doctor checks each environment against it, and docs/security.md lists it.
 */

/** Who a credential belongs to. */
export type Principal = "read" | "write";

/** One credential a job may be given: a secret or a variable of an environment. */
export interface CredentialName {
  name: string;
  kind: "secret" | "variable";
  principal: Principal;
  /** What it is for, as the docs say it. */
  what: string;
  /** The state backends (by URL scheme) or platforms it serves. */
  serves: { backends?: Backend[]; platforms?: string[] };
}

/** The state backends the pipeline logs in to, by the scheme of PULUMI_BACKEND_URL. */
export type Backend = "pulumi-cloud" | "s3" | "gs" | "azblob";

const state = (backends: Backend[]) => ({ backends });
const platform = (...platforms: string[]) => ({ platforms });

/** Every credential name, read and write side by side. */
export const CREDENTIALS: readonly CredentialName[] = [
  {
    name: "PULUMI_PREVIEW_ACCESS_TOKEN",
    kind: "secret",
    principal: "read",
    what: "a Pulumi Cloud token with Stack Read",
    serves: state(["pulumi-cloud"]),
  },
  {
    name: "PULUMI_ACCESS_TOKEN",
    kind: "secret",
    principal: "write",
    what: "a Pulumi Cloud token with Stack Write",
    serves: state(["pulumi-cloud"]),
  },
  {
    name: "STATE_AWS_PREVIEW_ROLE_ARN",
    kind: "variable",
    principal: "read",
    what: "an IAM role that may read the state bucket",
    serves: state(["s3"]),
  },
  {
    name: "STATE_AWS_ROLE_ARN",
    kind: "variable",
    principal: "write",
    what: "an IAM role that may read and write the state bucket",
    serves: state(["s3"]),
  },
  {
    name: "STATE_GCP_PREVIEW_SERVICE_ACCOUNT",
    kind: "variable",
    principal: "read",
    what: "a service account with Storage Object Viewer on the state bucket",
    serves: state(["gs"]),
  },
  {
    name: "STATE_GCP_SERVICE_ACCOUNT",
    kind: "variable",
    principal: "write",
    what: "a service account with Storage Object User on the state bucket",
    serves: state(["gs"]),
  },
  {
    name: "AZURE_STORAGE_PREVIEW_SAS_TOKEN",
    kind: "secret",
    principal: "read",
    what: "a read and list SAS token for the state container",
    serves: state(["azblob"]),
  },
  {
    name: "AZURE_STORAGE_KEY",
    kind: "secret",
    principal: "write",
    what: "the state storage account's key",
    serves: state(["azblob"]),
  },
  {
    name: "AWS_PREVIEW_ROLE_ARN",
    kind: "variable",
    principal: "read",
    what: "an IAM role that may describe the stack's resources",
    serves: platform("ecs"),
  },
  {
    name: "AWS_DEPLOY_ROLE_ARN",
    kind: "variable",
    principal: "write",
    what: "an IAM role that may manage the stack's resources",
    serves: platform("ecs"),
  },
  {
    name: "GCP_PREVIEW_SERVICE_ACCOUNT",
    kind: "variable",
    principal: "read",
    what: "a service account with the viewer roles",
    serves: platform("cloudrun"),
  },
  {
    name: "GCP_DEPLOY_SERVICE_ACCOUNT",
    kind: "variable",
    principal: "write",
    what: "a service account with the deploy roles",
    serves: platform("cloudrun"),
  },
  {
    name: "KUBECONFIG_PREVIEW",
    kind: "secret",
    principal: "read",
    what: "a kubeconfig whose user has a read-only Role",
    serves: platform("kubernetes"),
  },
  {
    name: "KUBECONFIG",
    kind: "secret",
    principal: "write",
    what: "a kubeconfig whose user may manage the namespace",
    serves: platform("kubernetes"),
  },
  {
    name: "RENDER_PREVIEW_API_KEY",
    kind: "secret",
    principal: "read",
    what: "a Render API key (Render has no read-only keys)",
    serves: platform("render"),
  },
  { name: "RENDER_API_KEY", kind: "secret", principal: "write", what: "a Render API key", serves: platform("render") },
];

/**
 * Settings both principals use: where the state is, and the passphrase that decrypts a stack's
 * config secrets, which a real preview needs as much as a deploy (docs/security.md says so).
 */
export const SHARED_SETTINGS = [
  "PULUMI_BACKEND_URL",
  "PULUMI_CONFIG_PASSPHRASE",
  "AZURE_STORAGE_ACCOUNT",
  "STATE_AWS_REGION",
  "STATE_GCP_WORKLOAD_IDENTITY_PROVIDER",
  "GCP_WORKLOAD_IDENTITY_PROVIDER",
] as const;

/** The names of one principal's credentials. */
export function credentialNames(principal: Principal): string[] {
  return CREDENTIALS.filter((credential) => credential.principal === principal).map((credential) => credential.name);
}
