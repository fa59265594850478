import { createHash } from "node:crypto";
import type { AppSpec } from "./appSpec";
import type { ConfigProblem } from "./configProblem";
import { specProblem } from "./specProblem";

/** What Pulumi's auto-naming adds to a resource's name: `-` and 7 random characters. */
export const PULUMI_SUFFIX_LENGTH = 8;

/** A name a platform derives from `skyport:app.name` (and the environment), and the limit its cloud sets. */
export interface DerivedName {
  /** What carries the name, as an error says it: `the load balancer`. */
  resource: string;
  /** The name as derived, before any suffix Pulumi adds. */
  name: string;
  /** Pulumi auto-names the resource, adding PULUMI_SUFFIX_LENGTH characters. Default false. */
  autoNamed?: boolean;
  /** The longest name the cloud allows. */
  limit: number;
  /** The limit counts UTF-8 bytes rather than characters. Default false. */
  bytes?: boolean;
  /** Who sets the limit, as an error says it: `AWS`, `Cloud Run`. */
  setBy: string;
}

function sizeOf(name: DerivedName): number {
  const own = name.bytes ? Buffer.byteLength(name.name, "utf8") : name.name.length;
  return own + (name.autoNamed ? PULUMI_SUFFIX_LENGTH : 0);
}

/**
 * One problem per derived name over its limit, on `skyport:app.name` (the value a user shortens),
 * naming the resource, the name it would get, the limit, and the longest app name that fits.
 */
export function derivedNameProblems(platform: string, spec: AppSpec, names: readonly DerivedName[]): ConfigProblem[] {
  return names
    .filter((name) => sizeOf(name) > name.limit)
    .map((name) => {
      const size = sizeOf(name);
      const shown = name.autoNamed ? `${name.name}-<7 random>` : name.name;
      const unit = name.bytes ? "bytes" : "characters";
      const longest = spec.name.length - (size - name.limit);
      const fits = longest >= 1 ? `; an app name of at most ${longest} characters fits` : "";
      const environment = name.name.includes(spec.environment) ? ` with environment '${spec.environment}'` : "";
      return specProblem(
        spec,
        "name",
        `a shorter name on ${platform}${environment}: ${name.resource}'s name "${shown}" would be ${size} ${unit}, over ${name.setBy}'s limit of ${name.limit}${fits}`,
      );
    });
}

/**
 * A name cut to fit a limit, deterministically: the name itself when it fits, otherwise its start
 * and a 6-character hash of the whole, so two long names that share a start never collide.
 */
export function fitName(name: string, limit: number): string {
  if (name.length <= limit) return name;
  const hash = createHash("sha256").update(name).digest("hex").slice(0, 6);
  return `${name.slice(0, limit - hash.length - 1).replace(/-+$/, "")}-${hash}`;
}
