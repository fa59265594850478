import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { SECRET_LOOKING_NAME } from "../components/contract/secretNames";
import { isPlaceholder } from "../components/contract/policyView";
import { containersOf, exposureOf, minimumInstancesOf } from "./inspect";

const DIGEST = /@sha256:[a-f0-9]{64}$/;
const OPEN = ["0.0.0.0/0", "::/0"];

export const minimumInstances: ResourceValidationPolicy = {
  name: "minimum-instances",
  description: "Runs at least the configured number of instances (2 in production).",
  configSchema: { properties: { minimum: { type: "integer", default: 1, minimum: 0 } } },
  validateResource: (args, reportViolation) => {
    const { minimum } = args.getConfig<{ minimum: number }>();
    const instances = minimumInstancesOf(args.type, args.props);
    if (instances !== undefined && !isPlaceholder(instances) && instances < minimum) {
      reportViolation(
        `${args.name} may run ${instances} instance(s), fewer than the ${minimum} this stack requires. Fix: set skyport:app.minInstances to ${minimum} or more.`,
      );
    }
  },
};

export const imageByDigest: ResourceValidationPolicy = {
  name: "image-by-digest",
  description: "Every container image is referenced by digest, never by tag.",
  validateResource: (args, reportViolation) => {
    for (const { image } of containersOf(args.type, args.props) ?? []) {
      if (typeof image === "string" && !isPlaceholder(image) && !DIGEST.test(image)) {
        reportViolation(
          `${args.name} runs ${image}, a mutable tag. Fix: set skyport:image to <repository>@sha256:<digest>.`,
        );
      }
    }
  },
};

export const containerLimits: ResourceValidationPolicy = {
  name: "container-limits",
  description: "Every container has cpu and memory limits.",
  validateResource: (args, reportViolation) => {
    for (const container of containersOf(args.type, args.props) ?? []) {
      const missing = (["cpu", "memory"] as const).filter(
        (key) => container[key] === undefined || container[key] === "",
      );
      if (missing.length > 0) {
        reportViolation(
          `${args.name} has no ${missing.join(" or ")} limit. Fix: set skyport:app.cpu and skyport:app.memory (and, on Render, a plan).`,
        );
      }
    }
  },
};

export const httpsWithDomain: StackValidationPolicy = {
  name: "https-with-domain",
  description: "Whenever a domain is set, it is served over HTTPS.",
  validateStack: (args, reportViolation) => {
    for (const ingress of args.resources.filter((r) => r.type === "kubernetes:networking.k8s.io/v1:Ingress")) {
      const hosts = ((ingress.props.spec?.rules ?? []) as Array<{ host?: string }>).map((r) => r.host).filter(Boolean);
      const tls = ((ingress.props.spec?.tls ?? []) as Array<{ hosts?: string[] }>).flatMap((t) => t.hosts ?? []);
      for (const host of hosts.filter((h) => !tls.includes(h!))) {
        reportViolation(
          `Ingress ${ingress.name} serves ${host} without TLS. Fix: give the Ingress a tls entry for ${host}.`,
          ingress.urn,
        );
      }
    }
    const hasDomain = args.resources.some(
      (r) => r.type === "aws:acm/certificate:Certificate" || r.type === "aws:route53/record:Record",
    );
    const listeners = args.resources.filter((r) => r.type === "aws:lb/listener:Listener");
    if (hasDomain && listeners.length > 0) {
      if (!listeners.some((l) => l.props.protocol === "HTTPS")) {
        reportViolation(
          "The load balancer has a domain but no HTTPS listener. Fix: keep skyport:app.domain's HTTPS listener.",
        );
      }
      for (const listener of listeners.filter((l) => l.props.protocol === "HTTP")) {
        const actions = (listener.props.defaultActions ?? []) as Array<{ type?: string }>;
        if (!actions.every((a) => a.type === "redirect")) {
          reportViolation(
            `Listener ${listener.name} serves plain HTTP for a domain. Fix: redirect HTTP to HTTPS.`,
            listener.urn,
          );
        }
      }
    }
  },
};

export const boundedLogRetention: ResourceValidationPolicy = {
  name: "bounded-log-retention",
  description: "Logs are kept for a bounded time.",
  configSchema: { properties: { maximumDays: { type: "integer", default: 3653 } } },
  validateResource: (args, reportViolation) => {
    if (args.type !== "aws:cloudwatch/logGroup:LogGroup") return;
    const { maximumDays } = args.getConfig<{ maximumDays: number }>();
    const days = args.props.retentionInDays as number | undefined;
    if (!days || days > maximumDays) {
      reportViolation(
        `Log group ${args.name} keeps logs ${days ? `${days} days` : "forever"}. Fix: set skyport:ecs.logRetentionDays to ${maximumDays} or fewer.`,
      );
    }
  },
};

export const noPlaintextSecrets: ResourceValidationPolicy = {
  name: "no-plaintext-secrets",
  description: "No secret reaches a resource input as plain text.",
  validateResource: (args, reportViolation) => {
    for (const container of containersOf(args.type, args.props) ?? []) {
      for (const env of container.env) {
        if (SECRET_LOOKING_NAME.test(env.name) && typeof env.value === "string" && !isPlaceholder(env.value)) {
          reportViolation(
            `${args.name} sets ${env.name} as plain text. Fix: move it to skyport:secrets (pulumi config set --secret --path 'skyport:secrets.${env.name}').`,
          );
        }
      }
    }
  },
};

/** A security group rule's sources and ports, as the policy reads them. */
interface IngressRule {
  fromPort: number;
  toPort: number;
  cidrBlocks?: string[];
  ipv6CidrBlocks?: string[];
}

export const noPublicExposure: StackValidationPolicy = {
  name: "no-public-exposure",
  description:
    "What is deployed is exactly as public as skyport:app.public declares, and no security group opens more than the load balancer's listeners.",
  validateStack: (args, reportViolation) => {
    const exposures = args.resources
      .map((resource) => ({ resource, view: exposureOf(resource.type, resource.props) }))
      .filter((entry) => entry.view !== undefined);
    const declared = exposures.map(({ view }) => view?.declaredPublic).filter((value) => value !== undefined);
    const appIsPublic = declared.length === 0 ? undefined : declared.every(Boolean);
    for (const { resource, view } of exposures) {
      const intended = view?.declaredPublic ?? appIsPublic;
      if (view?.public === true && intended === false) {
        reportViolation(
          `${resource.name} makes the app reachable from the internet, but skyport:app.public is false. Fix: keep the resource private, or declare the app public.`,
          resource.urn,
        );
      }
      if (view?.public === false && intended === true) {
        reportViolation(
          `${resource.name} keeps the app private, but skyport:app.public is true. Fix: expose it, or set skyport:app.public to false.`,
          resource.urn,
        );
      }
    }
    for (const group of args.resources.filter((r) => r.type === "aws:ec2/securityGroup:SecurityGroup")) {
      for (const rule of (group.props.ingress ?? []) as IngressRule[]) {
        const open = [...(rule.cidrBlocks ?? []), ...(rule.ipv6CidrBlocks ?? [])].some((cidr) => OPEN.includes(cidr));
        const listenerPorts = rule.fromPort === rule.toPort && [80, 443].includes(rule.fromPort);
        if (open && !listenerPorts) {
          reportViolation(
            `${group.name} opens ports ${rule.fromPort}-${rule.toPort} to the internet. Fix: open only 80 and 443, on the load balancer.`,
            group.urn,
          );
        }
      }
    }
  },
};

/** The pack's policies, advisory unless the stack's policy config makes them mandatory. */
export const POLICIES: Array<ResourceValidationPolicy | StackValidationPolicy> = [
  minimumInstances,
  imageByDigest,
  containerLimits,
  httpsWithDomain,
  boundedLogRetention,
  noPlaintextSecrets,
  noPublicExposure,
];
