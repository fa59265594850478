import type { Histogram } from "prom-client";
import type { AppMetrics } from "./metrics";

/** The latency series of one method, route and status. */
export type RequestSeries = Histogram.Internal<"method" | "route" | "status">;

/**
 * The series of each (method, route, status), bound once and kept. Routes are patterns and
 * methods and statuses few, so the map stays small.
 */
export function requestSeries(metrics: AppMetrics): (method: string, route: string, status: number) => RequestSeries {
  const bound = new Map<string, RequestSeries>();
  return (method, route, status) => {
    const key = `${method} ${status} ${route}`;
    let series = bound.get(key);
    if (!series) {
      series = metrics.duration.labels({ method, route, status: String(status) });
      bound.set(key, series);
    }
    return series;
  };
}
