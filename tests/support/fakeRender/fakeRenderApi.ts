import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Router from "@koa/router";
import Koa, { type Context } from "koa";
import type {
  RenderAutoscaling,
  RenderCustomDomain,
  RenderDeploy,
  RenderDeployStatus,
  RenderEnvVar,
  RenderRegistryCredential,
  RenderService,
} from "../../../components/render/api/types";
import { OpenApiValidator } from "./openApiValidator";
import { RateLimits } from "./rateLimits";
import { renderImagePath } from "./renderImagePath";

/** A fault to inject into matching requests. */
export interface Fault {
  /** HTTP method to match; any when absent. */
  method?: string;
  /** Path to match (regular expression on the path without /v1). */
  path?: RegExp;
  /** Status to answer with. */
  status: number;
  /** How many matching requests get it. Default 1. */
  times?: number;
  /** Extra response headers (e.g. Ratelimit-Reset). */
  headers?: Record<string, string>;
  /** Wait this long before answering. */
  delayMs?: number;
  /** Carry out the request first, then answer with the fault: the change happened, the client never heard. */
  afterHandling?: boolean;
}

/** One request the fake received. */
export interface RecordedRequest {
  method: string;
  path: string;
  authorized: boolean;
  status: number;
}

/** How the fake behaves where Render varies. */
export interface FakeRenderOptions {
  /** The API key it accepts. Default: a random one. */
  apiKey?: string;
  /**
   * How a deploy trigger is answered: 201 with the deploy, 202 with no body (queued), or in
   * turn, 201 first. Render did both in the recorded sessions. Default "alternate".
   */
  deployAnswers?: "created" | "queued" | "alternate";
  /** Answer 429 once a rate limit bucket is used up (headers are always sent). Default false. */
  enforceRateLimits?: boolean;
  /**
   * The URL a new service is given, so a test can point it at a local stand-in for the app.
   * Default: Render's own form, `https://<name>-<4 characters>.onrender.com`.
   */
  serviceUrl?: (service: { id: string; name: string }) => string;
}

/**
 * A deploy's way through Render's statuses, one step per status read. An image deploy starts
 * updating at once (the recordings show `update_in_progress` in the trigger's answer); a queued
 * one waits first.
 */
const DEPLOY_STEPS: RenderDeployStatus[] = ["queued", "update_in_progress", "live"];

const now = () => new Date().toISOString();

/**
 * A local stand-in for Render's API that behaves as the recorded sessions show: the endpoints
 * skyport's client uses, request bodies checked against the OpenAPI document, answers in
 * Render's shapes (errors are `{"message"}`), image paths rewritten as Render rewrites them,
 * `POST /services` starting the first deploy and answering its id, deploy triggers answered
 * 201 or 202 with no body, rate limit headers on every answer, deploys moved through Render's
 * statuses, state kept in memory, and faults on demand.
 */
export class FakeRenderApi {
  readonly services = new Map<string, RenderService>();
  readonly envVars = new Map<string, RenderEnvVar[]>();
  readonly deploys = new Map<string, RenderDeploy[]>();
  readonly domains = new Map<string, RenderCustomDomain[]>();
  readonly credentials = new Map<string, RenderRegistryCredential & { ownerId: string }>();
  readonly requests: RecordedRequest[] = [];
  private readonly faults: Array<Required<Pick<Fault, "times">> & Fault> = [];
  private failingDeploys: RenderDeployStatus[] = [];
  private readonly validator = new OpenApiValidator();
  private readonly rateLimits = new RateLimits();
  private deployTriggers = 0;
  /** Status reads a deploy spends in update_in_progress before it is live. Default 1. */
  updateReads = 1;
  private server?: Server;
  /** Base URL, `http://127.0.0.1:<port>/v1`, once started. */
  baseUrl = "";
  /** The one API key the fake accepts; changing it revokes the old one, as Render's dashboard can. */
  apiKey: string;

  /** The image the fake's one service runs now: its last live deploy's. */
  liveImage(): string | undefined {
    const [serviceId] = [...this.deploys.keys()];
    const deploys = serviceId ? (this.deploys.get(serviceId) ?? []) : [];
    return deploys.filter((deploy) => deploy.status === "live").at(-1)?.image?.ref;
  }

  constructor(private readonly options: FakeRenderOptions = {}) {
    this.apiKey = options.apiKey ?? `rnd_${randomUUID().replace(/-/g, "")}`;
  }

  /** A service of another type (a cron job, a private service) that skyport must never adopt. */
  addOtherService(name: string, ownerId: string, type: string): RenderService {
    const id = `srv-${randomUUID().slice(0, 20)}`;
    const service: RenderService = { id, name, ownerId, type, serviceDetails: {} };
    this.services.set(id, service);
    return service;
  }

  /** Queues a fault for the next matching requests. */
  inject(fault: Fault): void {
    this.faults.push({ ...fault, times: fault.times ?? 1 });
  }

  /** The next deploy ends in this status instead of live. */
  failNextDeploy(status: RenderDeployStatus = "update_failed"): void {
    this.failingDeploys.push(status);
  }

  async start(): Promise<this> {
    const app = new Koa();
    app.use(async (ctx, next) => {
      const path = ctx.path.replace(/^\/v1/, "");
      const authorized = ctx.get("Authorization") === `Bearer ${this.apiKey}`;
      try {
        const fault = this.takeFault(ctx.method, path);
        if (fault?.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
        const rate = this.rateLimits.take(ctx.method, path);
        ctx.set(rate.headers);
        if (!authorized) {
          this.answer(ctx, 401, { message: "unauthorized" });
        } else if (rate.exhausted && this.options.enforceRateLimits) {
          this.answer(ctx, 429, { message: "rate limit exceeded" });
        } else if (fault && !fault.afterHandling) {
          this.answerFault(ctx, fault);
        } else {
          await next();
          if (fault) this.answerFault(ctx, fault);
        }
      } finally {
        this.requests.push({ method: ctx.method, path, authorized, status: ctx.status });
      }
    });
    app.use(async (ctx, next) => {
      if (["POST", "PUT", "PATCH"].includes(ctx.method)) ctx.request.body = await readJson(ctx);
      await next();
    });
    const router = this.routes();
    app.use(router.routes()).use(router.allowedMethods());
    const handle = app.callback();
    this.server = createServer((req, res) => void handle(req, res));
    this.server.listen(0, "127.0.0.1");
    await once(this.server, "listening");
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
    return this;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  /** Requests that reached the fake with this method and path pattern. */
  count(method: string, path: RegExp): number {
    return this.requests.filter((r) => r.method === method && path.test(r.path)).length;
  }

  private takeFault(method: string, path: string) {
    const fault = this.faults.find(
      (f) => (!f.method || f.method === method) && (!f.path || f.path.test(path)) && f.times > 0,
    );
    if (fault) fault.times -= 1;
    return fault;
  }

  private answerFault(ctx: Context, fault: Fault): void {
    for (const [name, value] of Object.entries(fault.headers ?? {})) ctx.set(name, value);
    const message =
      fault.status === 429 ? "rate limit exceeded" : fault.status === 404 ? "not found" : "internal server error";
    this.answer(ctx, fault.status, { message });
  }

  private answer(ctx: Context, status: number, body?: unknown): void {
    ctx.status = status;
    ctx.body = body;
  }

  private invalid(ctx: Context, pointer: string, body: unknown): boolean {
    const errors = this.validator.errors(pointer, body);
    if (errors) this.answer(ctx, 400, { message: errors });
    return errors !== undefined;
  }

  private service(ctx: Context): RenderService | undefined {
    const service = this.services.get(String(ctx.params.serviceId));
    if (!service) this.answer(ctx, 404, { message: `not found: ${String(ctx.params.serviceId)}` });
    return service;
  }

  private routes(): Router {
    const router = new Router();
    router.get("/v1/services", (ctx) => {
      const names = ([] as string[]).concat(ctx.query.name ?? []);
      const owners = ([] as string[]).concat(ctx.query.ownerId ?? []);
      const types = ([] as string[]).concat(ctx.query.type ?? []);
      const matching = [...this.services.values()].filter(
        (s) =>
          (names.length === 0 || names.includes(s.name)) &&
          (owners.length === 0 || owners.includes(s.ownerId)) &&
          (types.length === 0 || types.includes(s.type)),
      );
      ctx.body = page(matching, ctx, (service) => ({ service }));
    });
    router.post("/v1/services", (ctx) => {
      const body = ctx.request.body as any;
      if (this.invalid(ctx, "/components/schemas/servicePOST", { ...body, serviceDetails: undefined })) return;
      if (this.invalid(ctx, "/components/schemas/webServiceDetailsPOST", body.serviceDetails ?? {})) return;
      const id = `srv-${randomUUID().slice(0, 20)}`;
      const service: RenderService & Record<string, unknown> = {
        id,
        name: body.name,
        ownerId: body.ownerId,
        type: body.type,
        dashboardUrl: `https://dashboard.render.com/web/${id}`,
        suspended: "not_suspended",
        suspenders: [],
        autoDeploy: body.autoDeploy ?? "yes",
        notifyOnFail: "default",
        slug: body.name,
        rootDir: "",
        imagePath: body.image?.imagePath && renderImagePath(body.image.imagePath),
        ...(body.image?.registryCredentialId
          ? { registryCredential: { id: body.image.registryCredentialId, name: "credential" } }
          : {}),
        serviceDetails: {
          env: "image",
          runtime: "image",
          envSpecificDetails: { dockerCommand: "", dockerContext: "", dockerfilePath: "" },
          buildPlan: "starter",
          openPorts: [{ port: 10000, protocol: "TCP" }],
          plan: body.serviceDetails.plan ?? "starter",
          region: body.serviceDetails.region ?? "oregon",
          healthCheckPath: body.serviceDetails.healthCheckPath ?? "",
          numInstances: body.serviceDetails.numInstances ?? 1,
          maxShutdownDelaySeconds: body.serviceDetails.maxShutdownDelaySeconds ?? 30,
          ...(body.serviceDetails.autoscaling ? { autoscaling: body.serviceDetails.autoscaling } : {}),
          url:
            this.options.serviceUrl?.({ id, name: body.name }) ?? `https://${body.name}-${id.slice(4, 8)}.onrender.com`,
        },
        createdAt: now(),
        updatedAt: now(),
      };
      this.services.set(id, service);
      this.envVars.set(id, body.envVars ?? []);
      const deploy = this.newDeploy(id, service.imagePath);
      this.answer(ctx, 201, { service, deployId: deploy.id });
    });
    router.get("/v1/services/:serviceId", (ctx) => {
      const service = this.service(ctx);
      if (service) ctx.body = service;
    });
    router.patch("/v1/services/:serviceId", (ctx) => {
      const service = this.service(ctx);
      if (!service) return;
      const body = ctx.request.body as any;
      if (this.invalid(ctx, "/components/schemas/servicePATCH", { ...body, serviceDetails: undefined })) return;
      if (this.invalid(ctx, "/components/schemas/webServiceDetailsPATCH", body.serviceDetails ?? {})) return;
      if (body.name) service.name = body.name;
      if (body.image) service.imagePath = renderImagePath(body.image.imagePath);
      Object.assign(service.serviceDetails, body.serviceDetails ?? {});
      service.updatedAt = now();
      ctx.body = service;
    });
    router.delete("/v1/services/:serviceId", (ctx) => {
      if (!this.service(ctx)) return;
      this.services.delete(String(ctx.params.serviceId));
      ctx.status = 204;
    });
    router.get("/v1/services/:serviceId/env-vars", (ctx) => {
      if (!this.service(ctx)) return;
      ctx.body = page(this.envVars.get(String(ctx.params.serviceId)) ?? [], ctx, (envVar) => ({ envVar }));
    });
    router.put("/v1/services/:serviceId/env-vars", (ctx) => {
      if (!this.service(ctx)) return;
      if (this.invalid(ctx, "/components/schemas/envVarInputArray", ctx.request.body)) return;
      const vars = ctx.request.body as RenderEnvVar[];
      this.envVars.set(String(ctx.params.serviceId), vars);
      ctx.body = vars.map((envVar) => ({ envVar, cursor: envVar.key }));
    });
    router.put("/v1/services/:serviceId/autoscaling", (ctx) => {
      const service = this.service(ctx);
      if (!service) return;
      if (this.invalid(ctx, "/components/schemas/webServiceDetails/properties/autoscaling", ctx.request.body)) return;
      service.serviceDetails.autoscaling = ctx.request.body as RenderAutoscaling;
      ctx.body = ctx.request.body;
    });
    router.delete("/v1/services/:serviceId/autoscaling", (ctx) => {
      const service = this.service(ctx);
      if (!service) return;
      delete service.serviceDetails.autoscaling;
      ctx.status = 204;
    });
    router.post("/v1/services/:serviceId/scale", (ctx) => {
      const service = this.service(ctx);
      if (!service) return;
      if (this.invalid(ctx, OpenApiValidator.requestBody("/services/{serviceId}/scale", "post"), ctx.request.body))
        return;
      service.serviceDetails.numInstances = (ctx.request.body as { numInstances: number }).numInstances;
      ctx.status = 202;
    });
    router.post("/v1/services/:serviceId/deploys", (ctx) => {
      const service = this.service(ctx);
      if (!service) return;
      const body = ctx.request.body as { imageUrl?: string };
      if (this.invalid(ctx, OpenApiValidator.requestBody("/services/{serviceId}/deploys", "post"), body)) return;
      const imageUrl = body.imageUrl && renderImagePath(body.imageUrl);
      if (imageUrl && imageUrl.split("@")[0] !== service.imagePath?.split("@")[0]) {
        this.answer(ctx, 400, { message: "imageUrl must match the service's image host, repository and name" });
        return;
      }
      if (imageUrl) service.imagePath = imageUrl;
      const answers = this.options.deployAnswers ?? "alternate";
      const queued = answers === "queued" || (answers === "alternate" && this.deployTriggers++ % 2 === 1);
      const deploy = this.newDeploy(
        service.id,
        imageUrl ?? service.imagePath,
        queued ? "queued" : "update_in_progress",
      );
      if (queued) {
        ctx.status = 202;
        ctx.body = null;
        return;
      }
      this.answer(ctx, 201, deploy);
    });
    router.get("/v1/services/:serviceId/deploys", (ctx) => {
      if (!this.service(ctx)) return;
      const newestFirst = [...(this.deploys.get(String(ctx.params.serviceId)) ?? [])].reverse();
      ctx.body = page(newestFirst, ctx, (deploy) => ({ deploy }));
    });
    router.get("/v1/services/:serviceId/deploys/:deployId", (ctx) => {
      if (!this.service(ctx)) return;
      const deploy = this.deploys.get(String(ctx.params.serviceId))?.find((d) => d.id === ctx.params.deployId);
      if (!deploy) return this.answer(ctx, 404, { message: `not found: ${String(ctx.params.deployId)}` });
      this.advance(String(ctx.params.serviceId), deploy);
      ctx.body = deploy;
    });
    router.get("/v1/services/:serviceId/custom-domains", (ctx) => {
      if (!this.service(ctx)) return;
      ctx.body = page(this.domains.get(String(ctx.params.serviceId)) ?? [], ctx, (customDomain) => ({ customDomain }));
    });
    router.post("/v1/services/:serviceId/custom-domains", (ctx) => {
      if (!this.service(ctx)) return;
      const body = ctx.request.body as { name: string };
      if (this.invalid(ctx, OpenApiValidator.requestBody("/services/{serviceId}/custom-domains", "post"), body)) return;
      const domain = {
        id: `cdm-${randomUUID().slice(0, 8)}`,
        name: body.name,
        domainType: body.name.split(".").length > 2 ? "subdomain" : "apex",
        publicSuffix: body.name.split(".").slice(-1)[0],
        redirectForName: "",
        verificationStatus: "unverified" as const,
        createdAt: now(),
      };
      this.domains.set(String(ctx.params.serviceId), [
        ...(this.domains.get(String(ctx.params.serviceId)) ?? []),
        domain,
      ]);
      this.answer(ctx, 201, [domain]);
    });
    router.delete("/v1/services/:serviceId/custom-domains/:name", (ctx) => {
      if (!this.service(ctx)) return;
      const id = String(ctx.params.serviceId);
      const before = this.domains.get(id) ?? [];
      const after = before.filter((d) => d.name !== ctx.params.name && d.id !== ctx.params.name);
      if (after.length === before.length)
        return this.answer(ctx, 404, { message: `not found: ${String(ctx.params.name)}` });
      this.domains.set(id, after);
      ctx.status = 204;
    });
    router.post("/v1/registrycredentials", (ctx) => {
      const body = ctx.request.body as any;
      if (this.invalid(ctx, OpenApiValidator.requestBody("/registrycredentials", "post"), body)) return;
      const credential = {
        id: `rgc-${randomUUID().slice(0, 8)}`,
        name: body.name,
        registry: body.registry,
        username: body.username,
        ownerId: body.ownerId,
      };
      this.credentials.set(credential.id, credential);
      this.answer(ctx, 200, { ...withoutOwner(credential), updatedAt: now() });
    });
    router.patch("/v1/registrycredentials/:id", (ctx) => {
      const credential = this.credentials.get(String(ctx.params.id));
      if (!credential) return this.answer(ctx, 404, { message: `not found: ${String(ctx.params.id)}` });
      const body = ctx.request.body as any;
      if (this.invalid(ctx, OpenApiValidator.requestBody("/registrycredentials/{registryCredentialId}", "patch"), body))
        return;
      Object.assign(credential, { name: body.name, registry: body.registry, username: body.username });
      ctx.body = { ...withoutOwner(credential), updatedAt: now() };
    });
    router.delete("/v1/registrycredentials/:id", (ctx) => {
      if (!this.credentials.delete(String(ctx.params.id))) {
        return this.answer(ctx, 404, { message: `not found: ${String(ctx.params.id)}` });
      }
      ctx.status = 204;
    });
    return router;
  }

  private newDeploy(
    serviceId: string,
    imageRef?: string,
    status: RenderDeployStatus = "update_in_progress",
  ): RenderDeploy {
    const deploy: RenderDeploy & { createdAt: string; trigger: string } = {
      id: `dep-${randomUUID().slice(0, 20)}`,
      status,
      trigger: "api",
      createdAt: now(),
      ...(imageRef ? { image: { ref: imageRef, sha: imageRef.split("@")[1] } } : {}),
    };
    const failure = this.failingDeploys.shift();
    if (failure) (deploy as { failWith?: RenderDeployStatus }).failWith = failure;
    this.deploys.set(serviceId, [...(this.deploys.get(serviceId) ?? []), deploy]);
    return deploy;
  }

  /** One step along Render's statuses per read (update_in_progress lasts `updateReads` reads); a failing deploy ends in its failure status. */
  private advance(serviceId: string, deploy: RenderDeploy & { failWith?: RenderDeployStatus; reads?: number }): void {
    const step = DEPLOY_STEPS.indexOf(deploy.status ?? "queued");
    if (step < 0 || step === DEPLOY_STEPS.length - 1) return;
    if (deploy.status === "update_in_progress") {
      deploy.reads = (deploy.reads ?? 0) + 1;
      if (deploy.reads < this.updateReads) return;
    }
    const next = DEPLOY_STEPS[step + 1];
    if (next === "live" && deploy.failWith) {
      deploy.status = deploy.failWith;
      delete deploy.failWith;
      return;
    }
    deploy.status = next;
    if (next === "live") {
      for (const other of this.deploys.get(serviceId) ?? [])
        if (other !== deploy && other.status === "live") other.status = "deactivated";
    }
  }
}

/** A cursor-paginated list, as Render answers it. */
function page<T, W>(items: T[], ctx: Context, wrap: (item: T) => W): Array<W & { cursor: string }> {
  const limit = Math.min(Number(ctx.query.limit ?? 20), 100);
  const start = ctx.query.cursor ? Number(Buffer.from(String(ctx.query.cursor), "base64url").toString()) + 1 : 0;
  return items.slice(start, start + limit).map((item, i) => ({
    ...wrap(item),
    cursor: Buffer.from(String(start + i)).toString("base64url"),
  }));
}

function withoutOwner<T extends { ownerId: string }>({ ownerId, ...rest }: T): Omit<T, "ownerId"> {
  return rest;
}

async function readJson(ctx: Context): Promise<unknown> {
  let text = "";
  for await (const chunk of ctx.req) text += String(chunk);
  try {
    return text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    return text;
  }
}
