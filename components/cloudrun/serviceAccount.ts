/** A service account id (6 to 30 characters) for the app in one environment. */
export function serviceAccountId(app: string, environment: string): string {
  const id = `${app}-${environment}`.slice(0, 30).replace(/-+$/, "");
  return id.length >= 6 ? id : `${id}-skyport`;
}
