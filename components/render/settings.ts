import { z } from "zod";
import { secretString } from "../config/secretSetting";
import type { CrossCheck } from "../contract/platform";
import { numberBetween, strictObject, wholeNumber } from "../config/schemaParts";
import { specProblem } from "../contract/specProblem";
import { RENDER_PLANS, RENDER_REGIONS, type RenderRegistry } from "./api/types";
import { plansThatFit, RENDER_PLAN_SIZES } from "./plans";

/** `skyport:render`: the Render workspace, instance type and region, and how to reach the API. */
export const renderSettingsSchema = strictObject({
  ownerId: z
    .string({ error: "a Render owner id like tea-c0ffee123 or usr-c0ffee123" })
    .regex(/^(tea|usr)-[a-z0-9]+$/, { error: "a Render owner id like tea-c0ffee123 or usr-c0ffee123" })
    .describe("The workspace id (Render dashboard, Workspace settings)."),
  plan: z
    .enum(RENDER_PLANS, { error: `one of ${RENDER_PLANS.join(", ")}` })
    .describe("The instance type; it must fit skyport:app.cpu and memory, and the error names the plans that do."),
  region: z.enum(RENDER_REGIONS, { error: `one of ${RENDER_REGIONS.join(", ")}` }).describe("The region."),
  apiKey: secretString.optional().meta({
    description: "The API key: `pulumi config set --secret --path 'skyport:render.apiKey' <key>`.",
    default: "RENDER_API_KEY where Pulumi runs (the pipeline sets it)",
  }),
  deployTimeoutSeconds: wholeNumber(30, 3600)
    .default(900)
    .describe("The longest wait for a deploy to go live, in seconds."),
  deployPollSeconds: numberBetween(0.1, 60)
    .default(5)
    .describe("Seconds between reads of a deploy's status while waiting for it."),
  rateLimitWaitSeconds: wholeNumber(0, 3600)
    .default(300)
    .describe(
      "The longest wait, in seconds, for Render's rate limits to reset during one API call; a limit that resets later fails the call, naming the limit and when it resets.",
    ),
  apiUrl: z
    .string()
    .regex(/^https?:\/\/[^\s]+$/, { error: "an http(s) URL" })
    .optional()
    .meta({ description: "The Render API's base URL, for a proxy.", default: "https://api.render.com/v1" }),
});

export type RenderSettings = z.output<typeof renderSettingsSchema>;

/** The registries Render holds credentials for, as their hosts. */
const RENDER_CREDENTIAL_HOSTS =
  "ghcr.io, registry.gitlab.com, docker.io, <region>-docker.pkg.dev, <account>.dkr.ecr.<region>.amazonaws.com";

/** The Render registry type for an image host, when it is one Render knows. */
export function registryForHost(host: string): RenderRegistry | undefined {
  if (host === "ghcr.io") return "GITHUB";
  if (host === "registry.gitlab.com") return "GITLAB";
  if (host === "docker.io") return "DOCKER";
  if (/-docker\.pkg\.dev$/.test(host)) return "GOOGLE_ARTIFACT";
  if (/\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com$/.test(host)) return "AWS_ECR";
  return undefined;
}

/** The plan must fit the app's cpu and memory; Render runs at least one instance; a credential's registry must be one Render knows. */
export const renderCrossChecks: ReadonlyArray<CrossCheck<RenderSettings>> = [
  (spec, settings) => {
    const size = RENDER_PLAN_SIZES[settings.plan];
    if (size.cpu >= spec.cpu && size.memoryMiB >= spec.memoryMiB) return [];
    const fit = plansThatFit(spec.cpu, spec.memoryMiB);
    const needs = `a plan with at least ${spec.cpu} vCPU and ${spec.memoryMiB} MiB`;
    return [
      {
        key: "skyport:render.plan",
        value: settings.plan,
        expected: fit.length
          ? `${needs} (skyport:app.cpu and memory): ${fit.join(", ")}`
          : `${needs}, which no Render plan has; lower skyport:app.cpu or memory`,
      },
    ];
  },
  (spec) => (spec.scaling.min < 1 ? [specProblem(spec, "scaling.min", "at least 1 on render")] : []),
  (spec) =>
    spec.public
      ? []
      : [specProblem(spec, "public", "true on render: a Render web service is always reachable from the internet")],
  (spec) =>
    spec.registryAuth && !registryForHost(spec.image.registry)
      ? [
          specProblem(
            spec,
            "image",
            `with skyport:registryAuth, an image from a registry Render pulls private images from: ${RENDER_CREDENTIAL_HOSTS}`,
          ),
        ]
      : [],
];
