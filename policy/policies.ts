import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { isPlaceholder } from "../components/contract/policyView";
import { SECRET_LOOKING_NAME } from "../components/contract/secretNames";
import { type PolicyReaders, policyReaders } from "./inspect";

const DIGEST = /@sha256:[a-f0-9]{64}$/;
const OPEN = ["0.0.0.0/0", "::/0"];
/** The ports a public app's entry may open to the internet: its listeners'. */
const LISTENER_PORTS = [80, 443];

type Policy = ResourceValidationPolicy | StackValidationPolicy;

/**
 * skyport's policies, reading every platform's resources only through the readers given (the
 * platforms' policy views), so a platform that gives its readers gets every policy.
 */
export function createPolicies(readers: PolicyReaders): Policy[] {
  const minimumInstances: ResourceValidationPolicy = {
    name: "minimum-instances",
    description: "Runs at least the configured number of instances (2 in production).",
    configSchema: { properties: { minimum: { type: "integer", default: 1, minimum: 0 } } },
    validateResource: (args, reportViolation) => {
      const { minimum } = args.getConfig<{ minimum: number }>();
      const instances = readers.minimumInstancesOf(args.type, args.props);
      if (instances !== undefined && !isPlaceholder(instances) && instances < minimum) {
        reportViolation(
          `${args.name} may run ${instances} instance(s), fewer than the ${minimum} this stack requires. Fix: set skyport:app.minInstances to ${minimum} or more.`,
        );
      }
    },
  };

  const imageByDigest: ResourceValidationPolicy = {
    name: "image-by-digest",
    description: "Every container image is referenced by digest, never by tag.",
    validateResource: (args, reportViolation) => {
      for (const { image } of readers.containersOf(args.type, args.props) ?? []) {
        if (typeof image === "string" && !isPlaceholder(image) && !DIGEST.test(image)) {
          reportViolation(
            `${args.name} runs ${image}, a mutable tag. Fix: set skyport:image to <repository>@sha256:<digest>.`,
          );
        }
      }
    },
  };

  const containerLimits: ResourceValidationPolicy = {
    name: "container-limits",
    description: "Every container has cpu and memory limits.",
    validateResource: (args, reportViolation) => {
      for (const container of readers.containersOf(args.type, args.props) ?? []) {
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

  const httpsWithDomain: StackValidationPolicy = {
    name: "https-with-domain",
    description: "Whenever a domain is set, it is served over HTTPS.",
    validateStack: (args, reportViolation) => {
      const endpoints = args.resources.flatMap((resource) =>
        (readers.endpointsOf(resource.type, resource.props) ?? []).map((endpoint) => ({ resource, endpoint })),
      );
      const domains = new Set([
        ...args.resources.flatMap((resource) => readers.domainsOf(resource.type, resource.props) ?? []),
        ...endpoints.flatMap(({ endpoint }) => (endpoint.host ? [endpoint.host] : [])),
      ]);
      if (domains.size === 0) return;
      for (const { resource, endpoint } of endpoints) {
        if (endpoint.protocol === "https" || endpoint.redirectsToHttps) continue;
        const what = endpoint.host ? `${endpoint.host} without TLS` : "plain HTTP for a domain";
        reportViolation(`${resource.name} serves ${what}. Fix: ${endpoint.fix}.`, resource.urn);
      }
      if (endpoints.length > 0 && !endpoints.some(({ endpoint }) => endpoint.protocol === "https")) {
        reportViolation(
          `The app has a domain (${[...domains].join(", ")}) but nothing serves it over HTTPS. Fix: ${endpoints[0].endpoint.fix}.`,
        );
      }
    },
  };

  const boundedLogRetention: ResourceValidationPolicy = {
    name: "bounded-log-retention",
    description: "Logs are kept for a bounded time.",
    configSchema: { properties: { maximumDays: { type: "integer", default: 3653 } } },
    validateResource: (args, reportViolation) => {
      const retention = readers.logRetentionOf(args.type, args.props);
      if (!retention) return;
      const { maximumDays } = args.getConfig<{ maximumDays: number }>();
      const { days, setting } = retention;
      if (!days || days > maximumDays) {
        reportViolation(
          `${args.name} keeps logs ${days ? `${days} days` : "forever"}. Fix: set ${setting} to ${maximumDays} or fewer.`,
        );
      }
    },
  };

  const noPlaintextSecrets: ResourceValidationPolicy = {
    name: "no-plaintext-secrets",
    description: "No secret reaches a resource input as plain text.",
    validateResource: (args, reportViolation) => {
      for (const container of readers.containersOf(args.type, args.props) ?? []) {
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

  const noPublicExposure: StackValidationPolicy = {
    name: "no-public-exposure",
    description:
      "What is deployed is exactly as public as skyport:app.public declares, and nothing opens more to the internet than the entry's listeners.",
    validateStack: (args, reportViolation) => {
      const exposures = args.resources
        .map((resource) => ({ resource, view: readers.exposureOf(resource.type, resource.props) }))
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
      for (const resource of args.resources) {
        for (const rule of readers.ingressRulesOf(resource.type, resource.props) ?? []) {
          const open = rule.sources.some((cidr) => OPEN.includes(cidr));
          const listenerPort = rule.fromPort === rule.toPort && LISTENER_PORTS.includes(rule.fromPort);
          if (open && !listenerPort) {
            reportViolation(
              `${resource.name} opens ports ${rule.fromPort}-${rule.toPort} to the internet. Fix: open only ${LISTENER_PORTS.join(" and ")}, on the load balancer.`,
              resource.urn,
            );
          }
        }
      }
    },
  };

  return [
    minimumInstances,
    imageByDigest,
    containerLimits,
    httpsWithDomain,
    boundedLogRetention,
    noPlaintextSecrets,
    noPublicExposure,
  ];
}

/** The pack's policies over the built platforms, advisory unless the stack's policy config makes them mandatory. */
export const POLICIES: Policy[] = createPolicies(policyReaders());
