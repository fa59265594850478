/**
 * Env var names that hold secrets by convention (`*_TOKEN`, `*_PASSWORD`, `*_API_KEY`,
 * `*SECRET*`, …). The one list: the config refuses such a name in plain `skyport:app.env`, and
 * the policy pack flags a plain value under such a name wherever it reaches a container.
 */
export const SECRET_LOOKING_NAME = /SECRET|(TOKEN|PASSWORD|PASSWD|API_?KEY|PRIVATE_?KEY|CREDENTIALS?)$/i;

/** Where a secret-looking env var belongs instead, as the error says it. */
export function secretHome(name: string): string {
  return `a Pulumi secret, not a plain env value (${name} looks like a secret): remove it from skyport:app.env and set it with \`pulumi config set --secret --path 'skyport:secrets.${name}' <value>\``;
}
