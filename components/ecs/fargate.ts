/** One Fargate vCPU size and the memory sizes allowed with it. */
interface FargateSize {
  cpu: number;
  minMemory: number;
  maxMemory: number;
  step: number;
  /** Explicit list when the sizes are not an even range. */
  memories?: number[];
}

/** Fargate's task sizes (Linux), in vCPU and MiB. */
export const FARGATE_SIZES: readonly FargateSize[] = [
  { cpu: 0.25, minMemory: 512, maxMemory: 2048, step: 512, memories: [512, 1024, 2048] },
  { cpu: 0.5, minMemory: 1024, maxMemory: 4096, step: 1024 },
  { cpu: 1, minMemory: 2048, maxMemory: 8192, step: 1024 },
  { cpu: 2, minMemory: 4096, maxMemory: 16384, step: 1024 },
  { cpu: 4, minMemory: 8192, maxMemory: 30720, step: 1024 },
  { cpu: 8, minMemory: 16384, maxMemory: 61440, step: 4096 },
  { cpu: 16, minMemory: 32768, maxMemory: 122880, step: 8192 },
];

function memoriesOf(size: FargateSize): string {
  return size.memories
    ? `${size.memories.slice(0, -1).join(", ")} or ${size.memories[size.memories.length - 1]} MiB`
    : `${size.minMemory} to ${size.maxMemory} MiB in steps of ${size.step}`;
}

/** Every allowed pair, for an error message. */
export const FARGATE_PAIRS = FARGATE_SIZES.map((size) => `${size.cpu} vCPU with ${memoriesOf(size)}`).join("; ");

/** Which of cpu or memory breaks Fargate's sizes, and what would be allowed; undefined when the pair is valid. */
export function fargateSizeProblem(
  cpu: number,
  memory: number,
): { path: "cpu" | "memoryMiB"; expected: string } | undefined {
  const size = FARGATE_SIZES.find((s) => s.cpu === cpu);
  if (!size) return { path: "cpu", expected: `a Fargate size: ${FARGATE_PAIRS}` };
  const fits = size.memories
    ? size.memories.includes(memory)
    : memory >= size.minMemory && memory <= size.maxMemory && (memory - size.minMemory) % size.step === 0;
  return fits ? undefined : { path: "memoryMiB", expected: `with cpu ${cpu} on Fargate, ${memoriesOf(size)}` };
}

/** Fargate counts cpu in units of 1/1024 vCPU. */
export function fargateCpuUnits(cpu: number): number {
  return Math.round(cpu * 1024);
}
