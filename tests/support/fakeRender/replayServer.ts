import { once } from "node:events";
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";

/** One recorded HTTP exchange with Render's API (tests/fixtures/render/recorded-sessions.json). */
export interface RecordedInteraction {
  cassette: string;
  seq: number;
  method: string;
  path: string;
  query: Record<string, string[]>;
  requestBody: unknown;
  status: number;
  headers: Record<string, string>;
  responseBody: unknown;
}

/** A request the replay received. */
export interface ReplayedRequest {
  method: string;
  endpoint: string;
  query: Record<string, string[]>;
  body: unknown;
}

/** The recorded sessions, vendored from render-oss/terraform-provider-render (see the file's `source`). */
export function readRecordedSessions(): { source: Record<string, unknown>; interactions: RecordedInteraction[] } {
  return JSON.parse(
    readFileSync(join(__dirname, "..", "..", "fixtures", "render", "recorded-sessions.json"), "utf8"),
  ) as { source: Record<string, unknown>; interactions: RecordedInteraction[] };
}

/** `METHOD /path/{id}`: a request's endpoint, Render's ids taken out. */
export function endpointOf(method: string, path: string): string {
  return `${method} ${path.replace(/\/(srv|dep|evm|cdm|rgc|dsk)-[a-z0-9]+/g, "/{id}")}`;
}

/**
 * Answers Render API requests from one recorded session: each request gets the next recorded
 * answer for its endpoint, in the session's order (the last one again once they run out), with
 * its status, Content-Type and Ratelimit headers. Two endpoints the recording never called are
 * answered from what it did record, and only these: a deploy read returns the deploy the
 * session's trigger answered, marked live (the Terraform provider never waits for a deploy),
 * and the deploy list is the deploys handed out so far, newest first. `GET /services` lists the
 * recorded services that exist at that point of the replay (created and not deleted). Anything
 * else unrecorded answers 501, so a test fails loudly.
 */
export class RenderReplay {
  readonly requests: ReplayedRequest[] = [];
  private readonly used = new Map<string, number>();
  private readonly alive = new Set<string>();
  private readonly deploysHandedOut: Array<Record<string, unknown>> = [];
  private server?: Server;
  /** `http://127.0.0.1:<port>/v1` once started. */
  baseUrl = "";

  constructor(readonly interactions: RecordedInteraction[]) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void readBody(req).then((body) => {
        const url = new URL(req.url ?? "/", "http://replay");
        const path = url.pathname.replace(/^\/v1/, "");
        const query: Record<string, string[]> = {};
        for (const [key, value] of url.searchParams) (query[key] ??= []).push(value);
        const endpoint = endpointOf(req.method ?? "GET", path);
        this.requests.push({ method: req.method ?? "GET", endpoint, query, body });
        const answer = this.answer(endpoint);
        res.writeHead(answer.status, answer.headers);
        res.end(answer.body === undefined ? undefined : JSON.stringify(answer.body));
      });
    });
    this.server.listen(0, "127.0.0.1");
    await once(this.server, "listening");
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** What skyport sent to an endpoint, in order. */
  sent(endpoint: string): ReplayedRequest[] {
    return this.requests.filter((r) => r.endpoint === endpoint);
  }

  private answer(endpoint: string): { status: number; headers: Record<string, string>; body?: unknown } {
    if (endpoint === "GET /services/{id}/deploys/{id}") {
      const deploy = this.deploysHandedOut.at(-1);
      return deploy
        ? { status: 200, headers: JSON_HEADERS, body: { ...deploy, status: "live" } }
        : { status: 404, headers: JSON_HEADERS, body: { message: "not found" } };
    }
    if (endpoint === "GET /services/{id}/deploys") {
      const newestFirst = [...this.deploysHandedOut].reverse();
      return { status: 200, headers: JSON_HEADERS, body: newestFirst.map((deploy) => ({ deploy, cursor: deploy.id })) };
    }
    const recorded = this.interactions.filter((i) => endpointOf(i.method, i.path) === endpoint);
    if (recorded.length === 0) {
      return { status: 501, headers: JSON_HEADERS, body: { message: `not in the recording: ${endpoint}` } };
    }
    const index = Math.min(this.used.get(endpoint) ?? 0, recorded.length - 1);
    this.used.set(endpoint, index + 1);
    const interaction = recorded[index];
    let body = interaction.responseBody;
    if (endpoint === "POST /services") {
      const created = body as { service: { id: string }; deployId: string };
      this.alive.add(created.service.id);
      this.deploysHandedOut.push({ ...firstDeployOf(this.interactions), id: created.deployId });
    }
    if (endpoint === "DELETE /services/{id}") this.alive.clear();
    if (endpoint === "GET /services") {
      body = (body as Array<{ service: { id: string } }>).filter((item) => this.alive.has(item.service.id));
    }
    if (endpoint === "POST /services/{id}/deploys" && interaction.status === 201) {
      this.deploysHandedOut.push(body as Record<string, unknown>);
    }
    return { status: interaction.status, headers: interaction.headers, body: body ?? undefined };
  }
}

const JSON_HEADERS = { "content-type": "application/json; charset=utf-8" };

/** The shape of a deploy as the recording's triggers answered one, for the deploy a create started. */
function firstDeployOf(interactions: RecordedInteraction[]): Record<string, unknown> {
  const trigger = interactions.find((i) => endpointOf(i.method, i.path) === "POST /services/{id}/deploys");
  return { ...(trigger?.responseBody as Record<string, unknown>), status: "update_in_progress" };
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  let text = "";
  for await (const chunk of req) text += String(chunk);
  return text ? (JSON.parse(text) as unknown) : undefined;
}
