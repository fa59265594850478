/** Whole vCPU counts Cloud Run allows; below 1, any fraction from MIN_FRACTIONAL_CPU. */
export const WHOLE_CPUS = [1, 2, 4, 6, 8] as const;
export const MIN_FRACTIONAL_CPU = 0.08;
/** Memory bounds, MiB. */
export const MIN_MEMORY = 128;
export const MAX_MEMORY = 32768;
/**
 * The memory (MiB) each cpu allows, as Cloud Run's v2 API and its docs state them: below 0.5
 * vCPU at most 512, below 1 at most 1024, and each whole count its own range ("Setting 4 CPU
 * requires at least 2Gi of memory").
 */
export const MEMORY_FOR_CPU = [
  { cpu: 8, minMemory: 4096, maxMemory: 32768 },
  { cpu: 6, minMemory: 4096, maxMemory: 24576 },
  { cpu: 4, minMemory: 2048, maxMemory: 16384 },
  { cpu: 2, minMemory: MIN_MEMORY, maxMemory: 8192 },
  { cpu: 1, minMemory: MIN_MEMORY, maxMemory: 4096 },
  { cpu: 0.5, minMemory: MIN_MEMORY, maxMemory: 1024 },
  { cpu: MIN_FRACTIONAL_CPU, minMemory: MIN_MEMORY, maxMemory: 512 },
] as const;

/** The variables Cloud Run sets in every container itself (besides PORT), and refuses in a service's env. */
export const CLOUD_RUN_RESERVED_ENV: readonly string[] = ["K_SERVICE", "K_REVISION", "K_CONFIGURATION"];

const MEMORY_RULE = [...MEMORY_FOR_CPU]
  .reverse()
  .map(
    (step) => `${step.cpu < 1 ? `from ${step.cpu}` : step.cpu} vCPU allows ${step.minMemory} to ${step.maxMemory} MiB`,
  )
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
  const step = MEMORY_FOR_CPU.find((candidate) => cpu >= candidate.cpu) ?? MEMORY_FOR_CPU[MEMORY_FOR_CPU.length - 1];
  if (memory < MIN_MEMORY || memory > MAX_MEMORY) {
    problems.push({ path: "memoryMiB", expected: `${MIN_MEMORY} to ${MAX_MEMORY} MiB on Cloud Run` });
  } else if (memory < step.minMemory || memory > step.maxMemory) {
    problems.push({
      path: "memoryMiB",
      expected: `${step.minMemory} to ${step.maxMemory} MiB with ${cpu} vCPU on Cloud Run (rule: ${MEMORY_RULE})`,
    });
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
