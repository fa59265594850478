import { z } from "zod";
import type { CrossCheck } from "../contract/platform";
import { strictObject, wholeNumber } from "../config/schemaParts";
import { missingProviderSetting } from "../config/providerSetting";
import { specProblem } from "../contract/specProblem";
import { CLOUD_RUN_RESERVED_ENV, cloudRunLimitProblems } from "./limits";

/** Cloud Run's ingress settings, by the names the stack file uses. */
export const INGRESS = {
  all: "INGRESS_TRAFFIC_ALL",
  internal: "INGRESS_TRAFFIC_INTERNAL_ONLY",
  "internal-and-load-balancer": "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER",
} as const;

const labelKey = z.string().regex(/^[a-z][a-z0-9_-]{0,62}$/, {
  error: "a label key: lowercase letters, digits, '_' or '-', starting with a letter, at most 63",
});
const labelValue = z
  .string({ error: "a label value: a string of lowercase letters, digits, '_' or '-', at most 63" })
  .regex(/^[a-z0-9_-]{0,63}$/, { error: "a label value: lowercase letters, digits, '_' or '-', at most 63" });

/** `skyport:cloudrun`: where the service runs and how it is reached. */
export const cloudRunSettingsSchema = strictObject({
  region: z
    .string({ error: "a Cloud Run region such as europe-west1" })
    .regex(/^[a-z]+-[a-z]+[0-9]+$/, { error: "a Cloud Run region such as europe-west1" })
    .describe("The region of the service and of its Artifact Registry remote repository."),
  ingress: z
    .enum(Object.keys(INGRESS) as [keyof typeof INGRESS], { error: `one of ${Object.keys(INGRESS).join(", ")}` })
    .default("all")
    .describe("Who may reach the service."),
  concurrency: wholeNumber(1, 1000)
    .optional()
    .meta({ description: "Requests one instance serves at once.", default: "80 (1 below one vCPU)" }),
  requestTimeoutSeconds: wholeNumber(1, 3600).default(300).describe("Seconds a request may take."),
  labels: z
    .record(labelKey, labelValue)
    .default({})
    .describe("Labels on the service, besides skyport's own (managed-by, app, environment)."),
  enableApis: z
    .boolean({ error: "true or false" })
    .default(true)
    .describe("Enable the Google APIs the service needs; turn it off when the deploying identity may not."),
});

export type CloudRunSettings = z.output<typeof cloudRunSettingsSchema>;

/** The concurrency a service gets: the one set, or 1 below a whole vCPU and 80 otherwise. */
export function effectiveConcurrency(cpu: number, settings: CloudRunSettings): number {
  return settings.concurrency ?? (cpu < 1 ? 1 : 80);
}

/** The provider's project, Cloud Run's cpu/memory/concurrency rules, each named in its message, and its reserved env names. */
export const cloudRunCrossChecks: ReadonlyArray<CrossCheck<CloudRunSettings>> = [
  () =>
    missingProviderSetting(
      "gcp:project",
      ["GOOGLE_PROJECT", "GOOGLE_CLOUD_PROJECT", "GCLOUD_PROJECT", "CLOUDSDK_CORE_PROJECT"],
      "acme-shop",
    ),
  (spec, settings) => {
    const concurrency = effectiveConcurrency(spec.cpu, settings);
    return cloudRunLimitProblems(spec.cpu, spec.memoryMiB, concurrency).map((problem) =>
      problem.path === "concurrency"
        ? { key: "skyport:cloudrun.concurrency", value: concurrency, expected: problem.expected }
        : specProblem(spec, problem.path, problem.expected),
    );
  },
  (spec) =>
    [
      ...Object.keys(spec.env).map((name) => ({ name, key: `skyport:app.env.${name}` })),
      ...Object.keys(spec.secretEnv).map((name) => ({ name, key: `skyport:secrets.${name}` })),
    ]
      .filter(({ name }) => CLOUD_RUN_RESERVED_ENV.includes(name))
      .map(({ name, key }) => ({
        key,
        value: name,
        expected: `a name Cloud Run does not set itself (it sets ${CLOUD_RUN_RESERVED_ENV.join(", ")} in every container)`,
      })),
];
