import { readFileSync } from "node:fs";
import autocannon from "autocannon";
import { load, type LoadResult } from "./load";
import { median } from "./machine";
import { processCpuMicros } from "./processCpu";
import { type BenchServerName, startBenchServer } from "./servers";

const ROUNDS = 3;
const SECONDS = 5;
/** The bench item: what every server answers at /api/v1/items/:id (created in the app, the same bytes in the others), and what the memory run creates. */
const BENCH_ITEM = { name: "bench item", description: "x".repeat(200) };
/** The probe, and two logged, metered API reads (the item read is issue #16's goal). */
const ENDPOINTS = ["/health", "/api/version", "/api/v1/items/:id"] as const;

/**
 * Per endpoint and server: median requests per second and its share of bare node:http's, p99,
 * and the server's own CPU time per request (user + system, all threads) and its multiple of
 * bare's. Requests per second depend on how the two cores are shared with the load generator;
 * CPU per request is the steadier measure of the server's own work.
 */
export interface ThroughputFigure {
  endpoint: string;
  server: "app" | "bare" | "koaMinimal";
  rps: number;
  ratioToBare: number;
  p99Ms: number;
  cpuMicrosPerRequest: number;
  cpuRatioToBare: number;
}

/** One load run against one server, with the CPU time the server used for it. */
type MeasuredRun = LoadResult & { cpuMicrosPerRequest: number };

/** Runs bare, Koa-alone and app in turn, ROUNDS times per endpoint; ratios are taken per round, then the median. */
export async function measureThroughput(): Promise<ThroughputFigure[]> {
  const servers = [await startBenchServer("bare"), await startBenchServer("koaMinimal"), await startBenchServer("app")];
  try {
    for (const server of servers) await load(`${server.url}/health`, { seconds: 2 });
    const itemPath = await createBenchItem(servers.find((server) => server.name === "app")!.url);
    const figures: ThroughputFigure[] = [];
    for (const endpoint of ENDPOINTS) {
      const path = endpoint === "/api/v1/items/:id" ? itemPath : endpoint;
      const runs = new Map<string, MeasuredRun[]>(servers.map((server) => [server.name, []]));
      for (let round = 0; round < ROUNDS; round++) {
        for (const server of servers) {
          const cpuBefore = processCpuMicros(server.child.pid!);
          const run = await load(`${server.url}${path}`, { seconds: SECONDS });
          const cpuMicrosPerRequest = (processCpuMicros(server.child.pid!) - cpuBefore) / run.requests;
          if (run.errors || run.non2xx)
            throw new Error(`${server.name} ${endpoint}: ${run.errors} errors, ${run.non2xx} non-2xx`);
          runs.get(server.name)!.push({ ...run, cpuMicrosPerRequest });
        }
      }
      const bareRuns = runs.get("bare")!;
      for (const server of servers) {
        const own = runs.get(server.name)!;
        figures.push({
          endpoint,
          server: server.name as ThroughputFigure["server"],
          rps: median(own.map((run) => run.requestsPerSecond)),
          ratioToBare: median(own.map((run, i) => run.requestsPerSecond / bareRuns[i].requestsPerSecond)),
          p99Ms: median(own.map((run) => run.p99Ms)),
          cpuMicrosPerRequest: median(own.map((run) => run.cpuMicrosPerRequest)),
          cpuRatioToBare: median(own.map((run, i) => run.cpuMicrosPerRequest / bareRuns[i].cpuMicrosPerRequest)),
        });
      }
    }
    return figures;
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
  }
}

/** Creates the bench's item in the app; its path. */
async function createBenchItem(appUrl: string): Promise<string> {
  const res = await fetch(`${appUrl}/api/v1/items`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(BENCH_ITEM),
  });
  if (res.status !== 201) throw new Error(`creating the bench item answered ${res.status}`);
  return `/api/v1/items/${((await res.json()) as { id: string }).id}`;
}

/** Median time from spawning a server (the app as `npm start` runs it, by default) to its first 200 on /health. */
export async function measureStartup(server: BenchServerName = "app", runs = 7): Promise<number> {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = await startBenchServer(server);
    times.push(started.startMs);
    await started.stop();
  }
  return median(times);
}

/**
 * Resident memory of a fresh server (the app, by default) after `requests` mixed requests:
 * health, version, item creates and lists (bare node:http answers the last two 404).
 */
export async function measureMemoryAfter(
  name: BenchServerName = "app",
  requests = 10_000,
): Promise<{ rssMiB: number; requests: number }> {
  const server = await startBenchServer(name);
  try {
    const body = JSON.stringify(BENCH_ITEM);
    const result = await autocannon({
      url: server.url,
      connections: 16,
      amount: requests,
      requests: [
        { method: "GET", path: "/health" },
        { method: "GET", path: "/api/version" },
        { method: "POST", path: "/api/v1/items", headers: { "content-type": "application/json" }, body },
        { method: "GET", path: "/api/v1/items?limit=20" },
      ],
    });
    const status = readFileSync(`/proc/${server.child.pid}/status`, "utf8");
    const rssKiB = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1]);
    return { rssMiB: rssKiB / 1024, requests: result.requests.total };
  } finally {
    await server.stop();
  }
}
