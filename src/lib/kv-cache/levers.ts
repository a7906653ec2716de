/**
 * Isomorphic: the levers a serving engineer pulls on KV-cache memory, each a pure change to the
 * inputs, and their ranking by memory saved. Shared by the calculator's chart and the prediction lab.
 */
import { type Hardware, weightsBytes } from './budget';
import { LEVER_LABELS, LEVER_WINDOW, type LeverId } from './lever-ids';
import { type Architecture, DTYPE_BITS, type Workload, kvCache } from './model';

export type { LeverId };

export interface Scenario {
  arch: Architecture;
  workload: Workload;
  hardware: Hardware;
}

export interface Lever {
  id: LeverId;
  label: string;
  /** The changed scenario, or a reason the lever does not apply (so it changes nothing). */
  apply(s: Scenario): Scenario | string;
}

export const LEVERS: Lever[] = [
  {
    id: 'mqa',
    label: LEVER_LABELS.mqa,
    apply: (s) =>
      s.arch.attention === 'mla'
        ? 'MLA caches one latent, not heads: there is no head to share.'
        : s.arch.attention === 'mqa'
          ? 'Already multi-query: one KV head.'
          : { ...s, arch: { ...s.arch, attention: 'mqa', kvHeads: 1 } },
  },
  {
    id: 'fp8',
    label: LEVER_LABELS.fp8,
    apply: (s) =>
      DTYPE_BITS[s.workload.dtype] <= 8
        ? 'The cache is already 8 bits or less per element.'
        : { ...s, workload: { ...s.workload, dtype: 'fp8' } },
  },
  {
    id: 'int4',
    label: LEVER_LABELS.int4,
    apply: (s) =>
      DTYPE_BITS[s.workload.dtype] <= 4
        ? 'The cache is already 4 bits per element.'
        : { ...s, workload: { ...s.workload, dtype: 'int4' } },
  },
  {
    id: 'window',
    label: LEVER_LABELS.window,
    apply: (s) => {
      if (s.arch.window !== undefined && s.arch.window <= LEVER_WINDOW)
        return `The windowed layers already keep at most ${s.arch.window.toLocaleString('en-US')} tokens.`;
      if (s.arch.window !== undefined && (s.arch.globalLayers ?? 0) === s.arch.layers)
        return 'Every layer is global; a window on none of them changes nothing.';
      return { ...s, arch: { ...s.arch, window: LEVER_WINDOW, globalLayers: s.arch.globalLayers ?? 0 } };
    },
  },
  {
    id: 'half-batch',
    label: LEVER_LABELS['half-batch'],
    apply: (s) =>
      s.workload.batch < 2
        ? 'A batch of one cannot be halved.'
        : { ...s, workload: { ...s.workload, batch: Math.ceil(s.workload.batch / 2) } },
  },
  {
    id: 'weights-fp8',
    label: LEVER_LABELS['weights-fp8'],
    apply: (s) =>
      DTYPE_BITS[s.hardware.weightsDtype] <= 8
        ? 'The weights are already 8 bits or less.'
        : { ...s, hardware: { ...s.hardware, weightsDtype: 'fp8' } },
  },
];

export interface Memory {
  /** The cache on all GPUs together, replicated heads counted on every GPU that holds them. */
  kvBytes: bigint;
  weightsBytes: bigint;
  totalBytes: bigint;
}

export function memoryOf(s: Scenario): Memory {
  const tp = Math.max(1, s.workload.tp ?? 1);
  const kvBytes = kvCache(s.arch, s.workload).perGpuBytes * BigInt(tp);
  const weights = weightsBytes(s.hardware.weightsParamsB, s.hardware.weightsDtype);
  return { kvBytes, weightsBytes: weights, totalBytes: kvBytes + weights };
}

export interface LeverOutcome {
  id: LeverId;
  label: string;
  /** Why it changes nothing here, when it does not apply. */
  notApplicable?: string;
  memory: Memory;
  savedBytes: bigint;
  /** Saved share of the baseline's total memory (weights + cache), 0..1. */
  savedFraction: number;
}

/** Every lever applied alone to the scenario, best saving first (ties keep the list order). */
export function rankLevers(
  s: Scenario,
  levers: Lever[] = LEVERS,
): { baseline: Memory; outcomes: LeverOutcome[] } {
  const baseline = memoryOf(s);
  const outcomes = levers.map((lever): LeverOutcome => {
    const changed = lever.apply(s);
    const memory = typeof changed === 'string' ? baseline : memoryOf(changed);
    const savedBytes = baseline.totalBytes - memory.totalBytes;
    return {
      id: lever.id,
      label: lever.label,
      ...(typeof changed === 'string' ? { notApplicable: changed } : {}),
      memory,
      savedBytes,
      savedFraction: Number(savedBytes) / Number(baseline.totalBytes),
    };
  });
  const order = [...outcomes].sort((a, b) =>
    b.savedBytes > a.savedBytes ? 1 : b.savedBytes < a.savedBytes ? -1 : 0,
  );
  return { baseline, outcomes: order };
}
