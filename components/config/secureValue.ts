/** True for a value a stack file holds encrypted: `{secure: "v1:…"}`, as `pulumi config set --secret` writes it. */
export function isSecureValue(value: unknown): boolean {
  return (
    typeof value === "object" &&
    value !== null &&
    Object.keys(value).length === 1 &&
    typeof (value as { secure?: unknown }).secure === "string"
  );
}
