/**
 * Isomorphic: the calculation written out with the live numbers, one step per line, so a reader can
 * check every multiplication. Plain text (no TeX) so the browser needs no maths renderer.
 */
import { describeBytes, groupDigits } from '../bytes';
import {
  type Architecture,
  DTYPE_BITS,
  type Workload,
  bytesPerElement,
  effectiveKvHeads,
  elementsPerGpuTokenLayer,
  kvCache,
  layerGroups,
  tokenLayers,
} from './model';

export interface Step {
  /** What this line computes. */
  what: string;
  /** The arithmetic with the numbers substituted. */
  formula: string;
  /** Its value, with units. */
  result: string;
}

const g = groupDigits;

export function explain(a: Architecture, w: Workload): Step[] {
  const r = kvCache(a, w);
  const bits = DTYPE_BITS[w.dtype];
  const steps: Step[] = [];
  const perLayer = r.elementsPerTokenLayer;

  steps.push(
    a.attention === 'mla'
      ? {
          what: 'Elements per token per layer (MLA: latent + RoPE key)',
          formula: `d_c + d_R = ${g(a.kvLoraRank!)} + ${g(a.ropeDim!)}`,
          result: `${g(perLayer)} elements`,
        }
      : {
          what: 'Elements per token per layer (keys and values)',
          formula: `H_kv × d_head × 2 = ${g(effectiveKvHeads(a))} × ${g(a.headDim)} × 2`,
          result: `${g(perLayer)} elements`,
        },
  );
  steps.push({
    what: `Bytes per token, all layers (${w.dtype}: ${bytesPerElement(w.dtype)} bytes per element)`,
    formula: `N_layers × ${g(perLayer)} × bytes = ${g(a.layers)} × ${g(perLayer)} × ${bytesPerElement(w.dtype)}`,
    result: describeBytes(r.perTokenBytes),
  });

  const groups = layerGroups(a, w.tokens);
  const { exact, paged } = tokenLayers(a, w.tokens, w.block);
  const perSequence = (exact * BigInt(perLayer) * BigInt(bits) + 7n) / 8n;
  if (a.window === undefined) {
    steps.push({
      what: 'One sequence of T tokens',
      formula: `T × per-token bytes = ${g(w.tokens)} × ${g(r.perTokenBytes)}`,
      result: describeBytes(perSequence),
    });
  } else {
    const terms = groups.map((x) => `${g(x.layers)} layers × ${g(x.tokens)} tokens`).join(' + ');
    steps.push({
      what: `One sequence: global layers keep T, windowed layers keep min(T, ${g(a.window)})`,
      formula: `(${terms}) × ${g(perLayer)} elements × ${bytesPerElement(w.dtype)}`,
      result: describeBytes(perSequence),
    });
  }
  steps.push({
    what: 'The batch',
    formula: `B × one sequence = ${g(w.batch)} × ${g(perSequence)}`,
    result: describeBytes(r.exactBytes),
  });
  if (w.block) {
    steps.push({
      what: `Paged in blocks of ${g(w.block)} tokens: each layer's tokens round up to whole blocks`,
      formula: `${g(w.batch)} × ${g(paged)} token-layers (not ${g(exact)}) × ${g(perLayer)} × ${bytesPerElement(w.dtype)}`,
      result: `${describeBytes(r.totalBytes)}; ${g(r.blockWasteBytes)} bytes of it in unfilled slots`,
    });
  }
  const tp = w.tp ?? 1;
  if (tp > 1) {
    const perGpu = elementsPerGpuTokenLayer(a, tp);
    steps.push({
      what:
        r.replication > 1
          ? `Per GPU with tp = ${tp}: each GPU keeps ${a.attention === 'mla' ? 'the whole latent' : 'one whole KV head'}, so the cache is copied ${r.replication} times`
          : `Per GPU with tp = ${tp}: the KV heads split evenly`,
      formula: `${g(perGpu)} of ${g(perLayer)} elements per token per layer on each GPU`,
      result: describeBytes(r.perGpuBytes),
    });
  }
  return steps;
}
