import type * as pulumi from "@pulumi/pulumi";
import type { ImageRef } from "./imageRef";
import type { RolloutSpec } from "./rollout";

/** Replica bounds and the CPU utilisation that autoscaling aims for. */
export interface ScalingSpec {
  /** Fewest instances. */
  min: number;
  /** Most instances. */
  max: number;
  /** Average CPU utilisation, in percent, that autoscaling holds. */
  targetCpuPercent: number;
}

/** Credentials for the image's private registry, the same on every platform. */
export interface RegistryAuth {
  /** User name at the image's registry. */
  username: string;
  /** Password or access token; a Pulumi secret. */
  password: pulumi.Output<string>;
}

/**
 * What every platform receives: cloud-neutral and fully validated. Platform-specific knobs
 * live in each platform's own settings block, never here.
 */
export interface AppSpec {
  /** Lowercase DNS label naming the app and its resources. */
  name: string;
  /** The image, pinned by digest, parsed once into its registry, repository and digest. */
  image: ImageRef;
  /** Port the container listens on; PORT is set to it. */
  port: number;
  /** Plain environment variables. */
  env: Record<string, string>;
  /** Secret environment variables; each value is a Pulumi secret. */
  secretEnv: Record<string, pulumi.Output<string>>;
  /** vCPU per instance. */
  cpu: number;
  /** Memory per instance, in MiB. */
  memoryMiB: number;
  /** Instance count and autoscaling. */
  scaling: ScalingSpec;
  /** Liveness path. */
  healthCheckPath: string;
  /** Readiness path; an instance takes traffic only while it answers 200. */
  readinessPath: string;
  /** Public hostname, when the app has one. */
  domain?: string;
  /**
   * Whether anyone on the internet may reach the app: every platform exposes it publicly only
   * when true, and the policy pack checks that what is deployed matches.
   */
  public: boolean;
  /** Credentials for the image's registry, when it is private. */
  registryAuth?: RegistryAuth;
  /** How a new release takes traffic. */
  rollout: RolloutSpec;
  /** Environment name (staging, production, ...), passed to the app as ENVIRONMENT. */
  environment: string;
}
