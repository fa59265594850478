import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** How the app built into an image behaves, as the stand-in plays it. */
export interface StandInBuild {
  /** The commit /api/version reports. */
  commit: string;
  /** False for a broken build: /health answers 500. Default true. */
  healthy?: boolean;
}

/** Where the stand-in listens. */
export interface StandInAddress {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: any free port. */
  port?: number;
}

/**
 * A local stand-in for the deployed app: it answers /health and /api/version as the build of
 * the image the platform runs right now, which `liveImage` reads (the fake Render API's last
 * live deploy, or a Deployment's rolled-out image). Before anything is live, or for an image it
 * was not told about, it answers 503.
 */
export class LiveAppStandIn {
  private server?: Server;
  /** `http://<host>:<port>`, once started. */
  url = "";

  constructor(
    /** The image the platform runs now, or undefined. */
    readonly liveImage: () => Promise<string | undefined>,
    /** Image reference → how its build behaves. */
    readonly builds: Map<string, StandInBuild>,
    private readonly address: StandInAddress = {},
  ) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const answer = (status: number, body: unknown) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
      };
      void this.liveImage().then(
        (image) => {
          const build = image ? this.builds.get(image) : undefined;
          if (!build) return answer(503, { error: `nothing live (${String(image)})` });
          if (req.url === "/health") return answer(build.healthy === false ? 500 : 200, { status: "ok" });
          if (req.url === "/api/version") return answer(200, { commit: build.commit });
          return answer(404, { error: "not found" });
        },
        (err: unknown) => answer(503, { error: String(err) }),
      );
    });
    const host = this.address.host ?? "127.0.0.1";
    this.server.listen(this.address.port ?? 0, host);
    await Promise.race([
      once(this.server, "listening"),
      once(this.server, "error").then(([err]) => {
        throw new Error(`the app's stand-in cannot listen on ${host}:${this.address.port ?? 0}: ${String(err)}`);
      }),
    ]);
    const { port } = this.server.address() as AddressInfo;
    this.url = port === 80 ? `http://${host}` : `http://${host}:${port}`;
    return this;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server!.close(resolve));
  }
}
