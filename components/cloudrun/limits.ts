/** Whole vCPU counts Cloud Run allows; below 1, any fraction from MIN_FRACTIONAL_CPU. */
export const WHOLE_CPUS = [1, 2, 4, 6, 8] as const;
export const MIN_FRACTIONAL_CPU = 0.08;
/** Memory bounds, MiB. */
export const MIN_MEMORY = 128;
export const MAX_MEMORY = 32768;
/** Most memory with less than one vCPU, MiB. */
export const FRACTIONAL_CPU_MAX_MEMORY = 512;
/** Most memory (MiB) each whole vCPU count allows: more memory needs more cpu. */
export const MAX_MEMORY_FOR_CPU = [
  { cpu: 8, maxMemory: 32768 },
  { cpu: 6, maxMemory: 24576 },
  { cpu: 4, maxMemory: 16384 },
  { cpu: 2, maxMemory: 8192 },
  { cpu: 1, maxMemory: 4096 },
] as const;

const MEMORY_RULE = [...MAX_MEMORY_FOR_CPU]
  .reverse()
  .map((step) => `${step.cpu} vCPU allows up to ${step.maxMemory} MiB`)
  .join(", ");

/** One broken Cloud Run rule: which AppSpec value (or concurrency) breaks it and the rule, worded as what is allowed. */
export interface CloudRunRuleProblem {
  path: "cpu" | "memoryMiB" | "concurrency";
  expected: string;
}

/** Cloud Run's cpu, memory and concurrency rules; empty when the combination is allowed. */
export function cloudRunLimitProblems(cpu: number, memory: number, concurrency: number): CloudRunRuleProblem[] {
  const problems: CloudRunRuleProblem[] = [];
  const whole = (WHOLE_CPUS as readonly number[]).includes(cpu);
  if (!whole && !(cpu >= MIN_FRACTIONAL_CPU && cpu < 1)) {
    problems.push({
      path: "cpu",
      expected: `a Cloud Run cpu: ${WHOLE_CPUS.join(", ")}, or a fraction from ${MIN_FRACTIONAL_CPU} to below 1`,
    });
    return problems;
  }
  if (memory < MIN_MEMORY || memory > MAX_MEMORY) {
    problems.push({ path: "memoryMiB", expected: `${MIN_MEMORY} to ${MAX_MEMORY} MiB on Cloud Run` });
  } else if (cpu < 1 && memory > FRACTIONAL_CPU_MAX_MEMORY) {
    problems.push({
      path: "memoryMiB",
      expected: `at most ${FRACTIONAL_CPU_MAX_MEMORY} MiB with less than 1 vCPU on Cloud Run (rule: memory above ${FRACTIONAL_CPU_MAX_MEMORY} MiB needs a whole vCPU)`,
    });
  } else if (cpu >= 1) {
    const allowed = MAX_MEMORY_FOR_CPU.find((step) => cpu >= step.cpu)?.maxMemory ?? MAX_MEMORY;
    if (memory > allowed) {
      problems.push({
        path: "memoryMiB",
        expected: `at most ${allowed} MiB with ${cpu} vCPU on Cloud Run (rule: ${MEMORY_RULE})`,
      });
    }
  }
  if (cpu < 1 && concurrency !== 1) {
    problems.push({
      path: "concurrency",
      expected:
        "1 with less than 1 vCPU on Cloud Run (rule: fractional cpu serves one request at a time, billed per request)",
    });
  }
  return problems;
}

/** cpu as a Cloud Run limit: whole numbers as is, fractions in millicores. */
export function cloudRunCpu(cpu: number): string {
  return Number.isInteger(cpu) ? String(cpu) : `${Math.round(cpu * 1000)}m`;
}
