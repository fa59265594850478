import { z } from "zod";
import type { CrossCheck } from "../contract/platform";
import { strictObject, wholeNumber } from "../config/schemaParts";
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
  /** VPC to run in. Default: the account's default VPC. */
  vpcId: awsId("vpc").optional(),
  /** Public subnets for the load balancer (and the tasks, without private ones). Default: the default VPC's subnets. */
  publicSubnetIds: subnetList.min(2, { error: "at least two subnets in different zones" }).optional(),
  /** Private subnets for the tasks; without them tasks run in public subnets with a public IP. */
  privateSubnetIds: subnetList.min(1, { error: "at least one subnet" }).optional(),
  /** Existing ACM certificate for app.domain. Default: one is issued and validated through Route 53. */
  certificateArn: arnOf("acm").optional(),
  /** Route 53 hosted zone for app.domain's record and certificate validation. Default: the zone of the domain's parent. */
  hostedZoneId: z
    .string()
    .regex(/^Z[A-Z0-9]{4,32}$/, { error: "a Route 53 hosted zone id like Z0123456789ABC" })
    .optional(),
  /** Days the app's logs are kept. Default 30. */
  logRetentionDays: z
    .number({ error: `one of ${LOG_RETENTION_DAYS.join(", ")}` })
    .refine((days) => (LOG_RETENTION_DAYS as readonly number[]).includes(days), {
      error: `one of ${LOG_RETENTION_DAYS.join(", ")}`,
    })
    .default(30),
  /** Where secret env values are stored. Default secretsmanager. */
  secretStore: z.enum(["secretsmanager", "ssm"], { error: "secretsmanager or ssm" }).default("secretsmanager"),
  /** Seconds the load balancer waits before a stopping task loses its connections. Default 30. */
  deregistrationDelaySeconds: wholeNumber(0, 60).default(30),
  /** Seconds after a task starts before failed health checks count. Default 60. */
  healthCheckGracePeriodSeconds: wholeNumber(0, 600).default(60),
  /** Pull through an ECR pull-through cache rule for the image's registry instead. */
  pullThroughCache: strictObject({
    /** ECR repository prefix of the rule. Default "skyport". */
    ecrRepositoryPrefix: z
      .string()
      .regex(/^[a-z0-9]([a-z0-9._-]{0,28}[a-z0-9])?$/, { error: "2 to 30 lowercase letters, digits, '.', '_' or '-'" })
      .default("skyport"),
    /** Secrets Manager secret (name starting ecr-pullthroughcache/) with the upstream registry's credentials. */
    credentialArn: arnOf("secretsmanager"),
  }).optional(),
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
