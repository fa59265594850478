/** Where the process is in its life; only "ready" takes traffic. */
export type Phase = "starting" | "ready" | "draining";

/** The readiness state shared by /ready, the drain middleware and shutdown. */
export class Lifecycle {
  private current: Phase = "starting";
  private readonly startedAt = Date.now();

  get phase(): Phase {
    return this.current;
  }

  get isReady(): boolean {
    return this.current === "ready";
  }

  get isDraining(): boolean {
    return this.current === "draining";
  }

  /** Seconds since this lifecycle was created. */
  get uptimeSeconds(): number {
    return (Date.now() - this.startedAt) / 1000;
  }

  markReady(): void {
    if (this.current === "starting") this.current = "ready";
  }

  markDraining(): void {
    this.current = "draining";
  }
}
