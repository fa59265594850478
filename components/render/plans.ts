import type { RenderPlan } from "./api/types";

/** What each Render instance type gives one instance. */
export const RENDER_PLAN_SIZES: Record<RenderPlan, { cpu: number; memoryMiB: number }> = {
  starter: { cpu: 0.5, memoryMiB: 512 },
  standard: { cpu: 1, memoryMiB: 2048 },
  pro: { cpu: 2, memoryMiB: 4096 },
  pro_plus: { cpu: 4, memoryMiB: 8192 },
  pro_max: { cpu: 4, memoryMiB: 16384 },
  pro_ultra: { cpu: 8, memoryMiB: 32768 },
};

/** Plans with at least this much cpu and memory, smallest first. */
export function plansThatFit(cpu: number, memoryMiB: number): RenderPlan[] {
  return (Object.keys(RENDER_PLAN_SIZES) as RenderPlan[]).filter(
    (plan) => RENDER_PLAN_SIZES[plan].cpu >= cpu && RENDER_PLAN_SIZES[plan].memoryMiB >= memoryMiB,
  );
}
