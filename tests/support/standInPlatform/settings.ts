import { z } from "zod";
import type { CrossCheck } from "../../../components/contract/platform";
import { strictObject } from "../../../components/config/schemaParts";
import { secretString } from "../../../components/config/secretSetting";
import { specProblem } from "../../../components/contract/specProblem";

/** `skyport:standin`: where the stand-in platform runs the app, and its API token. */
export const standInSettingsSchema = strictObject({
  /** Region. Required. */
  region: z.enum(["north", "south"], { error: "one of north, south" }),
  /** API token (set with --secret). Default: STANDIN_TOKEN where Pulumi runs. */
  apiToken: secretString.optional(),
});

export type StandInSettings = z.output<typeof standInSettingsSchema>;

/** The stand-in's one limit: at most 4 GiB an instance. */
export const standInCrossChecks: ReadonlyArray<CrossCheck<StandInSettings>> = [
  (spec) => (spec.memoryMiB > 4096 ? [specProblem(spec, "memoryMiB", "at most 4096 MiB on standin")] : []),
];
