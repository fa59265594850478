import { Counter, Histogram, Registry, collectDefaultMetrics } from "prom-client";

type Label = "method" | "route" | "status";

/** The Prometheus registry and how the app records its requests into it. */
export interface AppMetrics {
  registry: Registry;
  /** Times a request (seconds) by method, route and status; every request but a probe. */
  observeRequest: (method: string, route: string, status: number, seconds: number) => void;
  /** Counts a probe, which is not timed (see probeResponder). */
  countProbe: (method: string, route: string, status: number) => void;
}

/**
 * A fresh registry with process metrics and request count and latency by route and status.
 * Each (method, route, status) is bound once and kept: prom-client hashes its labels on every
 * call otherwise, and routes are patterns, so the series stay few. `http_requests_total` is
 * worked out when scraped, from the histogram's own counts plus the probes, so a request is
 * recorded once, not twice.
 */
export function createMetrics(): AppMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const labelNames = ["method", "route", "status"] as const;
  const duration = new Histogram({
    name: "http_request_duration_seconds",
    help: "HTTP request latency in seconds, by method, route and status (probes are not timed).",
    labelNames,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const timed = new Map<string, Histogram.Internal<Label>>();
  const probes = new Map<string, { labels: Record<Label, string>; count: number }>();
  const keyOf = (method: string, route: string, status: number) => `${method} ${status} ${route}`;
  const labelsOf = (method: string, route: string, status: number) => ({ method, route, status: String(status) });
  new Counter({
    name: "http_requests_total",
    help: "HTTP requests served, by method, route and status.",
    labelNames,
    registers: [registry],
    async collect() {
      this.reset();
      for (const { labels, value, metricName } of (await duration.get()).values) {
        if (metricName === "http_request_duration_seconds_count") this.inc(labels as Record<Label, string>, value);
      }
      for (const { labels, count } of probes.values()) this.inc(labels, count);
    },
  });
  return {
    registry,
    observeRequest: (method, route, status, seconds) => {
      const key = keyOf(method, route, status);
      let series = timed.get(key);
      if (!series) {
        series = duration.labels(labelsOf(method, route, status));
        timed.set(key, series);
      }
      series.observe(seconds);
    },
    countProbe: (method, route, status) => {
      const key = keyOf(method, route, status);
      const probe = probes.get(key);
      if (probe) probe.count += 1;
      else probes.set(key, { labels: labelsOf(method, route, status), count: 1 });
    },
  };
}
