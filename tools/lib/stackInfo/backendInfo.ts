/** How a job gets credentials for the state backend: chosen from its URL, whatever the stack's platform. */
export interface BackendInfo {
  /** Pulumi Cloud's token, OIDC for a bucket (into credentials of its own), or an Azure storage key. */
  credentials: "pulumi-access-token" | "aws-oidc" | "gcp-oidc" | "azure-storage-key";
  /** The URL to log in to: for S3, the state's own AWS profile is added, so a platform's AWS role never replaces it. */
  loginUrl: string;
}

/** The AWS profile that holds the state backend's credentials, apart from the platform's. */
export const STATE_AWS_PROFILE = "skyport-state";

/**
 * Reads a state backend URL, as PULUMI_BACKEND_URL takes it (empty: Pulumi Cloud). A local `file://` backend is refused: on a
 * runner its state would vanish with the machine.
 */
export function backendInfo(url: string | undefined): BackendInfo {
  const value = (url ?? "").trim();
  if (value === "" || value.startsWith("https://")) {
    return { credentials: "pulumi-access-token", loginUrl: value };
  }
  const scheme = value.split("://")[0];
  switch (scheme) {
    case "s3": {
      const login = new URL(value);
      login.searchParams.set("profile", STATE_AWS_PROFILE);
      return { credentials: "aws-oidc", loginUrl: login.toString() };
    }
    case "gs":
      return { credentials: "gcp-oidc", loginUrl: value };
    case "azblob":
      return { credentials: "azure-storage-key", loginUrl: value };
    default:
      throw new Error(
        `the state backend URL (secret PULUMI_BACKEND_URL): ${JSON.stringify(`${scheme}://…`)} is not allowed; expected Pulumi Cloud (empty, or https://…), s3://, gs:// or azblob:// (a file:// backend would vanish with the runner)`,
      );
  }
}
