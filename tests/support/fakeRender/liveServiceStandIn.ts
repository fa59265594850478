import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { FakeRenderApi } from "./fakeRenderApi";

/** How the app built into an image behaves, as the stand-in plays it. */
export interface StandInBuild {
  /** The commit /api/version reports. */
  commit: string;
  /** False for a broken build: /health answers 500. Default true. */
  healthy?: boolean;
}

/**
 * A local stand-in for the app that the fake Render API's services run: point the fake's
 * serviceUrl here, and it answers /health and /api/version as the build of the image that is
 * live at the fake right now (its one service's last live deploy). Before anything is live, or
 * for an image it was not told about, it answers 503.
 */
export class LiveServiceStandIn {
  private server?: Server;
  /** `http://127.0.0.1:<port>`, once started. */
  url = "";

  constructor(
    private readonly fake: FakeRenderApi,
    /** Image reference → how its build behaves. */
    readonly builds: Map<string, StandInBuild>,
  ) {}

  /** The image the fake's one service runs now. */
  liveImage(): string | undefined {
    const [serviceId] = [...this.fake.deploys.keys()];
    const deploys = serviceId ? (this.fake.deploys.get(serviceId) ?? []) : [];
    return deploys.filter((deploy) => deploy.status === "live").at(-1)?.image?.ref;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const image = this.liveImage();
      const build = image ? this.builds.get(image) : undefined;
      const answer = (status: number, body: unknown) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
      };
      if (!build) return answer(503, { error: `nothing live (${String(image)})` });
      if (req.url === "/health") return answer(build.healthy === false ? 500 : 200, { status: "ok" });
      if (req.url === "/api/version") return answer(200, { commit: build.commit });
      return answer(404, { error: "not found" });
    });
    this.server.listen(0, "127.0.0.1");
    await once(this.server, "listening");
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server!.close(resolve));
  }
}
