/**
 * A resource's type and name from its URN, `urn:pulumi:<stack>::<project>::<parent$…$type>::<name>`:
 * the type is the last of the `$`-joined chain, and a name may itself hold `::`.
 */
export function resourceOfUrn(urn: string): { type: string; name: string } {
  const parts = urn.split("::");
  return { type: (parts[2] ?? "").split("$").pop() ?? "", name: parts.slice(3).join("::") };
}
