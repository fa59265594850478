import { z } from "zod";
import type { CrossCheck } from "../contract/platform";
import { strictObject, wholeNumber } from "../config/schemaParts";
import { ecsCanaryStepsProblems } from "./deploymentStrategy";
import { missingProviderSetting } from "../config/providerSetting";
import { specProblem } from "../contract/specProblem";
import { fargateSizeProblem } from "./fargate";

/** CloudWatch Logs' allowed retention periods, in days. */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

const awsId = (prefix: string) =>
  z.string({ error: `an id like ${prefix}-0123456789abcdef0` }).regex(new RegExp(`^${prefix}-[0-9a-f]{8,17}$`), {
    error: `an id like ${prefix}-0123456789abcdef0`,
  });
const subnetList = z.array(awsId("subnet"), { error: "a list of subnet ids" });
const arnOf = (service: string) =>
  z
    .string({ error: `an ARN like arn:aws:${service}:<region>:<account>:...` })
    .regex(new RegExp(`^arn:aws[a-z-]*:${service}:`), {
      error: `an ARN like arn:aws:${service}:<region>:<account>:...`,
    });

/** `skyport:ecs`: the network, TLS, logs, secrets and registry access of the Fargate service. */
export const ecsSettingsSchema = strictObject({
  vpcId: awsId("vpc")
    .optional()
    .meta({ description: "The VPC to run in; needs publicSubnetIds.", default: "the account's default VPC" }),
  publicSubnetIds: subnetList.min(2, { error: "at least two subnets in different zones" }).optional().meta({
    description: "Public subnets for the load balancer (and for the tasks, without private ones).",
    default: "the default VPC's subnets",
  }),
  privateSubnetIds: subnetList.min(1, { error: "at least one subnet" }).optional().meta({
    description:
      "Subnets for the tasks, which then get no public IP (they need a NAT gateway or VPC endpoints to pull images).",
    default: "none: the tasks run in the public subnets with a public IP",
  }),
  certificateArn: arnOf("acm").optional().meta({
    description: "An existing ACM certificate for app.domain; without hostedZoneId, skyport then leaves DNS to you.",
    default: "one issued by ACM and validated through Route 53",
  }),
  hostedZoneId: z
    .string()
    .regex(/^Z[A-Z0-9]{4,32}$/, { error: "a Route 53 hosted zone id like Z0123456789ABC" })
    .optional()
    .meta({
      description: "The Route 53 zone of app.domain's alias record and its certificate's validation.",
      default: "the zone named after the domain's parent",
    }),
  logRetentionDays: z
    .number({ error: `one of ${LOG_RETENTION_DAYS.join(", ")}` })
    .refine((days) => (LOG_RETENTION_DAYS as readonly number[]).includes(days), {
      error: `one of ${LOG_RETENTION_DAYS.join(", ")}`,
    })
    .default(30)
    .describe("Days the app's CloudWatch logs are kept."),
  secretStore: z
    .enum(["secretsmanager", "ssm"], { error: "secretsmanager or ssm" })
    .default("secretsmanager")
    .describe("Where secret env values are stored: Secrets Manager, or SSM as SecureStrings."),
  deregistrationDelaySeconds: wholeNumber(0, 60)
    .default(30)
    .describe("Seconds the load balancer waits before a stopping task loses its connections."),
  healthCheckGracePeriodSeconds: wholeNumber(0, 600)
    .default(60)
    .describe("Seconds after a task starts before failed health checks count."),
  pullThroughCache: strictObject({
    ecrRepositoryPrefix: z
      .string()
      .regex(/^[a-z0-9]([a-z0-9._-]{0,28}[a-z0-9])?$/, { error: "2 to 30 lowercase letters, digits, '.', '_' or '-'" })
      .default("skyport")
      .describe("The ECR repository prefix of the pull-through cache rule."),
    credentialArn: arnOf("secretsmanager").describe(
      "The Secrets Manager secret (named ecr-pullthroughcache/...) with the upstream registry's credentials.",
    ),
  })
    .optional()
    .meta({
      description:
        "Pull the image through an ECR pull-through cache rule for its registry, still by digest; not with skyport:registryAuth.",
      default: "none: the tasks pull the image from its registry",
    }),
})
  .superRefine((settings, ctx) => {
    if (settings.vpcId && !settings.publicSubnetIds) {
      ctx.addIssue({
        code: "custom",
        path: ["publicSubnetIds"],
        input: undefined,
        message: "the VPC's public subnets, required with vpcId",
      });
    }
    if (!settings.vpcId && (settings.publicSubnetIds || settings.privateSubnetIds)) {
      ctx.addIssue({
        code: "custom",
        path: ["vpcId"],
        input: undefined,
        message: "the subnets' VPC id, required with subnet ids",
      });
    }
  })
  .default({
    logRetentionDays: 30,
    secretStore: "secretsmanager",
    deregistrationDelaySeconds: 30,
    healthCheckGracePeriodSeconds: 60,
  });

export type EcsSettings = z.output<typeof ecsSettingsSchema>;

/** Upstream registries an ECR pull-through cache rule can front, by image registry host. */
export const PULL_THROUGH_UPSTREAMS: Readonly<Record<string, string>> = {
  "ghcr.io": "ghcr.io",
  "docker.io": "registry-1.docker.io",
  "quay.io": "quay.io",
  "public.ecr.aws": "public.ecr.aws",
  "registry.k8s.io": "registry.k8s.io",
  "registry.gitlab.com": "registry.gitlab.com",
};

/**
 * The provider's region, Fargate's cpu/memory pairs, settings that only make sense with a
 * domain, and one way to pull a private image.
 */
export const ecsCrossChecks: ReadonlyArray<CrossCheck<EcsSettings>> = [
  ecsCanaryStepsProblems,
  () => missingProviderSetting("aws:region", ["AWS_REGION", "AWS_DEFAULT_REGION"], "eu-west-1"),
  (spec) => {
    const size = fargateSizeProblem(spec.cpu, spec.memoryMiB);
    return size ? [specProblem(spec, size.path, size.expected)] : [];
  },
  (spec, settings) =>
    (["certificateArn", "hostedZoneId"] as const)
      .filter((key) => settings[key] && !spec.domain)
      .map((key) => ({
        key: `skyport:ecs.${key}`,
        value: settings[key],
        expected: "no value unless skyport:app.domain is set",
      })),
  (spec, settings) =>
    spec.registryAuth && settings.pullThroughCache
      ? [
          {
            key: "skyport:ecs.pullThroughCache",
            value: settings.pullThroughCache,
            expected: "no pull-through cache with skyport:registryAuth: the tasks pull with one or the other",
          },
        ]
      : [],
  (spec, settings) =>
    settings.pullThroughCache && !(spec.image.registry in PULL_THROUGH_UPSTREAMS)
      ? [
          specProblem(
            spec,
            "image",
            `an image from a registry an ECR pull-through cache can front (${Object.keys(PULL_THROUGH_UPSTREAMS).join(", ")}), or skyport:registryAuth instead of pullThroughCache`,
          ),
        ]
      : [],
];
