/**
 * Isomorphic: the calculator's results as labelled display items. The page renders them at build time
 * for its initial inputs and the island re-renders them from the same function, so both agree.
 * `value` is the exact integer behind each figure (the data-value contract the browser tests read).
 */
import { binary, decimal, describeBytes, groupDigits } from '../bytes';
import { fitBudget } from './budget';
import { kvCache } from './model';
import type { Parsed } from './params';

export type ResultKey =
  | 'total-bytes'
  | 'per-token-bytes'
  | 'per-gpu-bytes'
  | 'block-waste-bytes'
  | 'kv-budget-bytes'
  | 'max-batch'
  | 'max-tokens'
  | 'max-context';

export interface ResultItem {
  key: ResultKey;
  label: string;
  /** Exact integer as decimal digits; empty when the figure is unbounded. */
  value: string;
  text: string;
}

export function resultItems({ arch, workload, hardware }: Parsed): ResultItem[] {
  const r = kvCache(arch, workload);
  const fit = fitBudget(arch, workload, hardware);
  const tp = workload.tp ?? 1;
  const T = groupDigits(workload.tokens);
  const B = groupDigits(workload.batch);
  const items: ResultItem[] = [
    {
      key: 'total-bytes',
      label: `KV cache for ${B} sequence${workload.batch === 1 ? '' : 's'} of ${T} tokens`,
      value: String(r.totalBytes),
      text: describeBytes(r.totalBytes),
    },
    {
      key: 'per-token-bytes',
      label: 'Per token (one sequence, all layers)',
      value: String(r.perTokenBytes),
      text: describeBytes(r.perTokenBytes),
    },
    {
      key: 'per-gpu-bytes',
      label:
        tp > 1
          ? `Per GPU with tensor parallelism over ${tp}${r.replication > 1 ? ` (cache copied ${r.replication}×)` : ''}`
          : 'Per GPU (no tensor parallelism)',
      value: String(r.perGpuBytes),
      text: describeBytes(r.perGpuBytes),
    },
  ];
  if (workload.block)
    items.push({
      key: 'block-waste-bytes',
      label: `Unfilled slots in blocks of ${groupDigits(workload.block)} tokens (included above)`,
      value: String(r.blockWasteBytes),
      text: describeBytes(r.blockWasteBytes),
    });
  const gpus = `${hardware.gpus} × ${hardware.gpuMemGiB} GiB at ${Math.round(hardware.utilization * 100)}%`;
  items.push({
    key: 'kv-budget-bytes',
    label: `Room for the cache: ${gpus}, minus ${decimal(fit.weightsBytes)} (${binary(fit.weightsBytes)}) of weights`,
    value: String(fit.kvBudgetBytes > 0n ? fit.kvBudgetBytes : 0n),
    text:
      fit.kvBudgetBytes > 0n
        ? describeBytes(fit.kvBudgetBytes)
        : `None: the weights (${describeBytes(fit.weightsBytes)}) exceed the usable ${describeBytes(fit.poolBytes)}.`,
  });
  items.push(
    {
      key: 'max-batch',
      label: `Sequences of ${T} tokens that fit`,
      value: String(fit.maxBatch),
      text: groupDigits(fit.maxBatch),
    },
    {
      key: 'max-tokens',
      label: 'Cached tokens that fit, over all sequences',
      value: String(fit.maxTokens),
      text: groupDigits(fit.maxTokens),
    },
    {
      key: 'max-context',
      label: `Longest context for ${B} sequence${workload.batch === 1 ? '' : 's'}`,
      value: fit.maxTokensAtBatch === null ? '' : String(fit.maxTokensAtBatch),
      text:
        fit.maxTokensAtBatch === null
          ? 'No limit from the cache: every layer keeps only its window.'
          : `${groupDigits(fit.maxTokensAtBatch)} tokens`,
    },
  );
  return items;
}

/**
 * The calculator's state in words, for the companion's prompt: the inputs that differ from the
 * preset (or every input of a custom model) and the figures the reader sees.
 */
export function stateText(query: URLSearchParams, items: readonly ResultItem[]): string {
  const inputs = [...query].map(([name, value]) => `${name} = ${value}`).join(', ');
  const figures = items.map((item) => `${item.label}: ${item.text}`).join('; ');
  return `the KV-cache calculator is set to ${inputs || 'its defaults'}, and shows ${figures}`;
}
