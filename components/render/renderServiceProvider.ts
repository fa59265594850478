import type * as provider from "@pulumi/pulumi/provider";
// pulumi.runtime's secret helpers, from their own module: the plugin loads only the provider
// server, never all of @pulumi/pulumi, which would double its start.
import { isRpcSecret, unwrapRpcSecret } from "@pulumi/pulumi/runtime/rpc";
import { RenderApiError } from "./api/renderApiError";
import { RenderClient, type RenderLog } from "./api/renderClient";
import type { CreateWebServiceBody, RenderAutoscaling, RenderEnvVar, RenderService } from "./api/types";
import { version } from "../../package.json";
import { sameImage } from "../contract/imageRef";
import { deployAndWait, type DeployTiming, waitUntilLive } from "./deployWait";
import {
  CONNECTION_ONLY,
  RENDER_SERVICE_TYPE,
  REPLACE_ON_CHANGE,
  type RenderServiceInputs,
  type RenderServiceOutputs,
} from "./serviceState";

/** Attempts at creating a service, each after checking whether an earlier one got through. */
const CREATE_ATTEMPTS = 3;

/** Outputs that Render assigns; a difference in them is no change. */
const ASSIGNED = ["serviceId", "url", "registryCredentialId", "deployId", "deployStatus"];

/**
 * The serialized code that the dynamic provider, which managed RenderServices before this plugin,
 * left in their state: no setting of the service, so no change; the next update or refresh drops it.
 */
const DYNAMIC_PROVIDER_CODE = "__provider";

/**
 * The values the engine sends, with its secrets unwrapped: the provider tells Render the
 * values, and the resource's additionalSecretOutputs keep them secret in the state.
 */
function plain<T>(value: unknown): T {
  if (isRpcSecret(value)) return plain(unwrapRpcSecret(value));
  if (Array.isArray(value)) return value.map((item) => plain(item)) as T;
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, plain(item)])) as T;
  return value as T;
}

/** Refuses a call for any resource type but the RenderService, the only one this provider serves. */
function serviceOnly(urn: string): void {
  const type = urn.split("::")[2]?.split("$").pop();
  if (type !== RENDER_SERVICE_TYPE)
    throw new Error(`the skyport-render provider serves ${RENDER_SERVICE_TYPE} only, not ${type}`);
}

function clientFor(inputs: RenderServiceInputs, log: RenderLog): RenderClient {
  const apiKey = inputs.apiKey ?? process.env.RENDER_API_KEY;
  if (!apiKey) throw new Error("no Render API key: set skyport:render.apiKey with --secret, or RENDER_API_KEY");
  const { deployTimeoutSeconds: _timeout, deployPollSeconds: _poll, ...reach } = inputs.connection;
  return new RenderClient({ apiKey, ...reach }, log);
}

function envVarList(inputs: RenderServiceInputs): RenderEnvVar[] {
  return [...Object.entries(inputs.envVars), ...Object.entries(inputs.secretEnvVars)].map(([key, value]) => ({
    key,
    value,
  }));
}

function autoscalingOf(inputs: RenderServiceInputs): RenderAutoscaling | undefined {
  if (!inputs.autoscaling) return undefined;
  return {
    enabled: true,
    min: inputs.autoscaling.min,
    max: inputs.autoscaling.max,
    criteria: {
      cpu: { enabled: true, percentage: inputs.autoscaling.cpuPercent },
      memory: { enabled: false, percentage: 80 },
    },
  };
}

function imageOf(inputs: RenderServiceInputs, registryCredentialId?: string) {
  return {
    ownerId: inputs.ownerId,
    imagePath: inputs.image,
    ...(registryCredentialId ? { registryCredentialId } : {}),
  };
}

function isNotFound(err: unknown): boolean {
  return err instanceof RenderApiError && err.status === 404;
}

async function ignoreNotFound(call: Promise<unknown>): Promise<void> {
  try {
    await call;
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
}

function timingOf(inputs: RenderServiceInputs): DeployTiming {
  return { timeoutSeconds: inputs.connection.deployTimeoutSeconds, pollSeconds: inputs.connection.deployPollSeconds };
}

/**
 * Creates the service, or adopts the web service an earlier, timed-out attempt already made.
 * A service made here comes with the deploy Render started for it; an adopted one has none.
 */
async function createOrAdopt(
  client: RenderClient,
  inputs: RenderServiceInputs,
  registryCredentialId?: string,
): Promise<{ service: RenderService; deployId?: string }> {
  const autoscaling = autoscalingOf(inputs);
  const body: CreateWebServiceBody = {
    type: "web_service",
    name: inputs.name,
    ownerId: inputs.ownerId,
    autoDeploy: "no",
    image: imageOf(inputs, registryCredentialId),
    envVars: envVarList(inputs),
    serviceDetails: {
      runtime: "image",
      plan: inputs.plan,
      region: inputs.region,
      healthCheckPath: inputs.healthCheckPath,
      numInstances: inputs.numInstances,
      maxShutdownDelaySeconds: inputs.maxShutdownDelaySeconds,
      ...(autoscaling ? { autoscaling } : {}),
    },
  };
  let lastError: unknown;
  for (let attempt = 0; attempt < CREATE_ATTEMPTS; attempt++) {
    const [existing] = await client.findServices(inputs.name, inputs.ownerId);
    if (existing) return { service: existing };
    try {
      return await client.createService(body);
    } catch (err) {
      if (!(err instanceof RenderApiError) || !err.retryable) throw err;
      lastError = err;
    }
  }
  throw lastError;
}

/** Makes an existing service match the inputs, then deploys the image by digest and waits until it is live. */
async function converge(
  client: RenderClient,
  service: RenderService,
  inputs: RenderServiceInputs,
  registryCredentialId: string | undefined,
  previousDomain?: string,
): Promise<RenderServiceOutputs> {
  const updated = await client.updateService(service.id, {
    name: inputs.name,
    image: imageOf(inputs, registryCredentialId),
    serviceDetails: {
      plan: inputs.plan,
      healthCheckPath: inputs.healthCheckPath,
      maxShutdownDelaySeconds: inputs.maxShutdownDelaySeconds,
    },
  });
  await client.replaceEnvVars(service.id, envVarList(inputs));
  const autoscaling = autoscalingOf(inputs);
  if (autoscaling) {
    await client.setAutoscaling(service.id, autoscaling);
  } else {
    if (updated.serviceDetails.autoscaling?.enabled) await client.removeAutoscaling(service.id);
    if (updated.serviceDetails.numInstances !== inputs.numInstances)
      await client.scale(service.id, inputs.numInstances);
  }
  const domains = (await client.listCustomDomains(service.id)).map((domain) => domain.name);
  if (previousDomain && previousDomain !== inputs.customDomain && domains.includes(previousDomain)) {
    await ignoreNotFound(client.removeCustomDomain(service.id, previousDomain));
  }
  if (inputs.customDomain && !domains.includes(inputs.customDomain))
    await client.addCustomDomain(service.id, inputs.customDomain);

  const deploy = await deployAndWait(client, service.id, inputs.image, timingOf(inputs));
  return outputsOf(inputs, updated, deploy, registryCredentialId);
}

function outputsOf(
  inputs: RenderServiceInputs,
  service: RenderService,
  deploy: { deployId: string; status: string },
  registryCredentialId: string | undefined,
): RenderServiceOutputs {
  return {
    ...inputs,
    serviceId: service.id,
    url: service.serviceDetails.url ?? "",
    ...(registryCredentialId ? { registryCredentialId } : {}),
    deployId: deploy.deployId,
    deployStatus: deploy.status,
  };
}

/**
 * A service just created already runs the create body's image, env and scaling, and Render
 * started its first deploy: add the custom domain and wait for that deploy, starting no other.
 */
async function finishCreate(
  client: RenderClient,
  service: RenderService,
  deployId: string,
  inputs: RenderServiceInputs,
  registryCredentialId: string | undefined,
): Promise<RenderServiceOutputs> {
  if (inputs.customDomain) await client.addCustomDomain(service.id, inputs.customDomain);
  const deploy = await waitUntilLive(client, service.id, deployId, inputs.image, timingOf(inputs));
  return outputsOf(inputs, service, deploy, registryCredentialId);
}

/** Creates, updates or deletes the registry credential so it matches the inputs; returns its id. */
async function syncCredential(
  client: RenderClient,
  inputs: RenderServiceInputs,
  existingId?: string,
): Promise<string | undefined> {
  if (!inputs.registry) return undefined;
  const body = { name: `${inputs.name}-registry`, ...inputs.registry };
  if (existingId) return (await client.updateRegistryCredential(existingId, body)).id;
  return (await client.createRegistryCredential({ ...body, ownerId: inputs.ownerId })).id;
}

/** Key-order-independent JSON, for comparing inputs. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value && typeof value === "object") {
    const record = value as Record<string, unknown>;
    return `{${Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${stableJson(record[key])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}

/**
 * The skyport-render provider plugin's RenderService. Every call builds its client from the
 * resource's own inputs; without an API key in them it reads RENDER_API_KEY. What the client
 * has to say about a resource (a rate limit it waits out) goes to `logFor` its URN.
 */
export const renderServiceProvider = (logFor: (urn: string) => RenderLog) =>
  ({
    version,

    async create(urn: string, engineInputs: unknown): Promise<provider.CreateResult> {
      serviceOnly(urn);
      const inputs = plain<RenderServiceInputs>(engineInputs);
      const client = clientFor(inputs, logFor(urn));
      const registryCredentialId = await syncCredential(client, inputs);
      const { service, deployId } = await createOrAdopt(client, inputs, registryCredentialId);
      const outs = deployId
        ? await finishCreate(client, service, deployId, inputs, registryCredentialId)
        : await converge(client, service, inputs, registryCredentialId);
      return { id: service.id, outs };
    },

    async read(id: string, urn: string, engineProps: unknown): Promise<provider.ReadResult> {
      serviceOnly(urn);
      const props = plain<RenderServiceOutputs>(engineProps);
      const client = clientFor(props, logFor(urn));
      let service: RenderService;
      try {
        service = await client.getService(id);
      } catch (err) {
        if (isNotFound(err)) return {};
        throw err;
      }
      const envVars: Record<string, string> = {};
      const secretEnvVars: Record<string, string> = {};
      for (const { key, value } of await client.listEnvVars(id)) {
        (key in (props.secretEnvVars ?? {}) ? secretEnvVars : envVars)[key] = value;
      }
      const domains = (await client.listCustomDomains(id)).map((domain) => domain.name);
      const details = service.serviceDetails;
      const {
        autoscaling: _previous,
        customDomain: _domain,
        [DYNAMIC_PROVIDER_CODE]: _code,
        ...rest
      } = props as RenderServiceOutputs & {
        [DYNAMIC_PROVIDER_CODE]?: string;
      };
      return {
        id,
        props: {
          ...rest,
          name: service.name,
          ownerId: service.ownerId,
          image: service.imagePath && !sameImage(service.imagePath, props.image) ? service.imagePath : props.image,
          plan: details.plan ?? props.plan,
          region: details.region ?? props.region,
          healthCheckPath: details.healthCheckPath ?? props.healthCheckPath,
          numInstances: details.autoscaling?.enabled
            ? props.numInstances
            : (details.numInstances ?? props.numInstances),
          ...(details.autoscaling?.enabled
            ? {
                autoscaling: {
                  min: details.autoscaling.min,
                  max: details.autoscaling.max,
                  cpuPercent: details.autoscaling.criteria.cpu.percentage,
                },
              }
            : {}),
          ...(domains.includes(props.customDomain ?? "")
            ? { customDomain: props.customDomain }
            : domains[0]
              ? { customDomain: domains[0] }
              : {}),
          envVars,
          secretEnvVars,
          url: details.url ?? props.url,
        },
      };
    },

    diff(_id: string, urn: string, engineOlds: unknown, engineNews: unknown): Promise<provider.DiffResult> {
      serviceOnly(urn);
      const olds = plain<RenderServiceOutputs>(engineOlds);
      const news = plain<RenderServiceInputs>(engineNews);
      const ignored = new Set<string>([...CONNECTION_ONLY, ...ASSIGNED, DYNAMIC_PROVIDER_CODE]);
      const keys = new Set([...Object.keys(olds), ...Object.keys(news)].filter((key) => !ignored.has(key)));
      const changes = [...keys].filter(
        (key) =>
          stableJson(olds[key as keyof RenderServiceInputs]) !== stableJson(news[key as keyof RenderServiceInputs]),
      );
      const replaces = changes.filter((key) => (REPLACE_ON_CHANGE as readonly string[]).includes(key));
      return Promise.resolve({ changes: changes.length > 0, replaces, deleteBeforeReplace: true });
    },

    async update(id: string, urn: string, engineOlds: unknown, engineNews: unknown): Promise<provider.UpdateResult> {
      serviceOnly(urn);
      const olds = plain<RenderServiceOutputs>(engineOlds);
      const news = plain<RenderServiceInputs>(engineNews);
      const client = clientFor(news, logFor(urn));
      const registryCredentialId = await syncCredential(client, news, olds.registryCredentialId);
      const service = await client.getService(id);
      const outs = await converge(client, service, news, registryCredentialId, olds.customDomain);
      if (olds.registryCredentialId && !registryCredentialId) {
        await ignoreNotFound(client.deleteRegistryCredential(olds.registryCredentialId));
      }
      return { outs };
    },

    async delete(id: string, urn: string, engineProps: unknown): Promise<void> {
      serviceOnly(urn);
      const props = plain<RenderServiceOutputs>(engineProps);
      const client = clientFor(props, logFor(urn));
      await ignoreNotFound(client.deleteService(id));
      if (props.registryCredentialId) await ignoreNotFound(client.deleteRegistryCredential(props.registryCredentialId));
    },
  }) satisfies provider.Provider;
