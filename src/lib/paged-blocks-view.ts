/**
 * Isomorphic: what the paged blocks simulator shows at a step, as plain strings and SVG node
 * descriptions. The build renders it into the server fallback and the <cf-paged-blocks> island
 * writes the same strings into the DOM, so the page reads the same with or without JavaScript.
 */
import {
  describeSlot,
  drawMemory,
  type Holder,
  type LaneKind,
  type Metrics,
  type PagedConfig,
  percent,
  POLICY_LABELS,
  type Simulation,
  type SvgNode,
  type Summary,
} from './paged-blocks';

export const LANES: readonly LaneKind[] = ['contiguous', 'paged'];

const n = (x: number) => x.toLocaleString('en-US');
const plural = (k: number, one: string, many = `${one}s`) => `${n(k)} ${k === 1 ? one : many}`;

/** Rows of the live table: the five slot counts (they sum to the capacity), then the queue. */
export const METRIC_ROWS = [
  { key: 'stored', label: 'Token states (keys and values stored)' },
  { key: 'future', label: 'Reserved for tokens not generated yet' },
  { key: 'never', label: 'Reserved but never used (internal fragmentation)' },
  {
    key: 'stranded',
    label: 'Free, in holes too small for the next waiting request (external fragmentation)',
  },
  { key: 'free', label: 'Free and usable' },
  { key: 'running', label: 'Requests running (the batch)' },
  { key: 'waiting', label: 'Requests waiting' },
  { key: 'finished', label: 'Requests finished' },
  { key: 'preemptions', label: 'Preemptions (a running request sent back to wait)' },
] as const;
export type MetricKey = (typeof METRIC_ROWS)[number]['key'];

/** Rows of the run summary. */
export const SUMMARY_ROWS = [
  { key: 'meanUtilisation', label: 'Mean utilisation (token states ÷ capacity, averaged over steps)' },
  { key: 'storedShareOfAllocated', label: 'Token states ÷ allocated slots' },
  { key: 'meanRunning', label: 'Mean batch size' },
  { key: 'finished', label: 'Requests finished' },
  { key: 'generated', label: 'Output tokens generated' },
  { key: 'meanWait', label: 'Mean wait before first admission (steps)' },
  { key: 'preemptions', label: 'Preemptions' },
  { key: 'waitingAtEnd', label: 'Still waiting' },
] as const;
export type SummaryKey = (typeof SUMMARY_ROWS)[number]['key'];

export function metricCell(m: Metrics, key: MetricKey, capacity: number): string {
  const v = m[key];
  if (key === 'stored' || key === 'future' || key === 'never' || key === 'stranded' || key === 'free')
    return `${n(v)} (${percent(v / capacity)})`;
  return n(v);
}

export function summaryCell(s: Summary, key: SummaryKey): string {
  switch (key) {
    case 'meanUtilisation':
    case 'storedShareOfAllocated':
      return percent(s[key]);
    case 'meanRunning':
    case 'meanWait':
      return s[key].toFixed(1);
    default:
      return n(s[key]);
  }
}

export function laneTitle(kind: LaneKind, config: PagedConfig): string {
  if (kind === 'paged') return `Paged: blocks of ${plural(config.blockSize, 'token')}, taken on demand`;
  const what =
    config.policy === 'max'
      ? `the maximum length (${n(config.maxLen)} slots)`
      : config.policy === 'pow2'
        ? 'the prompt plus the output rounded up to a power of 2'
        : 'exactly prompt plus output, as if known in advance';
  return `Contiguous: one chunk per request, sized to ${what}`;
}

export function policyLabel(config: PagedConfig): string {
  return POLICY_LABELS[config.policy];
}

/** The picture's accessible name: what the grid shows, in one sentence. */
export function laneAria(kind: LaneKind, m: Metrics, config: PagedConfig): string {
  const name = kind === 'paged' ? 'Paged memory' : 'Contiguous memory';
  return (
    `${name} at step ${m.step}, ${n(config.capacity)} token slots: ${plural(m.running, 'request')} running, ` +
    `${n(m.stored)} slots hold tokens, ${n(m.future)} are reserved for later tokens, ${n(m.never)} are ` +
    `reserved but will never be used, ${n(m.stranded)} are free but too scattered for the next request, ` +
    `${n(m.free)} are free. The table below lists every request's slots.`
  );
}

export function utilisationText(m: Metrics, capacity: number): string {
  return percent(m.stored / capacity);
}

export function clockText(sim: Simulation): string {
  return `Step ${n(sim.step)} of ${n(sim.config.steps)}`;
}

/** One line for the status region after a step, a run or a reset. */
export function statusText(sim: Simulation): string {
  const c = sim.current('contiguous');
  const p = sim.current('paged');
  const cap = sim.config.capacity;
  const lane = (label: string, m: Metrics) =>
    `${label}: ${n(m.running)} running, ${n(m.waiting)} waiting, ${percent(m.stored / cap)} of memory holds tokens`;
  const head =
    sim.step === 0 ? 'Step 0, empty memory' : `${clockText(sim)}${sim.done ? ' (end of run)' : ''}`;
  return `${head}. ${lane('Contiguous', c)}. ${lane('Paged', p)}.`;
}

/** The text equivalent of the picture: one row per running request. */
export function holderRows(kind: LaneKind, holders: Holder[]): [string, string, string][] {
  return holders.map((h) => [
    String(h.id),
    `${n(h.stored)} of ${n(h.final)}`,
    kind === 'contiguous'
      ? `slots ${n(h.start)}–${n(h.start + h.size - 1)} (${n(h.size)})`
      : `block${h.blocks.length === 1 ? '' : 's'} ${h.blocks.join(', ')} (${n(h.size)} slots)`,
  ]);
}

export interface LaneView {
  title: string;
  utilisation: string;
  aria: string;
  width: number;
  height: number;
  nodes: SvgNode[];
  metrics: Record<MetricKey, string>;
  holders: [string, string, string][];
  summary: Record<SummaryKey, string>;
}

export function laneView(sim: Simulation, kind: LaneKind): LaneView {
  const lane = kind === 'paged' ? sim.paged : sim.contiguous;
  const m = sim.current(kind);
  const { capacity, blockSize } = sim.config;
  const drawing = drawMemory(lane.slots(), capacity, blockSize, kind === 'paged');
  const s = sim.summary(kind);
  return {
    title: laneTitle(kind, sim.config),
    utilisation: utilisationText(m, capacity),
    aria: laneAria(kind, m, sim.config),
    ...drawing,
    metrics: Object.fromEntries(METRIC_ROWS.map((r) => [r.key, metricCell(m, r.key, capacity)])) as Record<
      MetricKey,
      string
    >,
    holders: holderRows(kind, lane.holders()),
    summary: Object.fromEntries(SUMMARY_ROWS.map((r) => [r.key, summaryCell(s, r.key)])) as Record<
      SummaryKey,
      string
    >,
  };
}

/** The pointer readout for a slot of one memory. */
export function readout(sim: Simulation, kind: LaneKind, slot: number): string {
  const lane = kind === 'paged' ? sim.paged : sim.contiguous;
  if (slot < 0 || slot >= sim.config.capacity) return '';
  return describeSlot(kind, slot, lane.slots(), sim.config.blockSize);
}

/** The controls, in order, with their labels and hints. */
export interface Control {
  field: Exclude<keyof PagedConfig, 'policy'>;
  label: string;
  hint: string;
  kind: 'number' | 'range';
  step: number;
}

export const REQUEST_CONTROLS: Control[] = [
  {
    field: 'rate',
    label: 'Arrival rate (requests per step)',
    hint: 'Mean of a Poisson draw each step.',
    kind: 'range',
    step: 0.01,
  },
  { field: 'promptMin', label: 'Shortest prompt', hint: 'Tokens.', kind: 'number', step: 1 },
  { field: 'promptMax', label: 'Longest prompt', hint: 'Tokens.', kind: 'number', step: 1 },
  { field: 'outputMin', label: 'Shortest output', hint: 'Tokens.', kind: 'number', step: 1 },
  {
    field: 'outputMax',
    label: 'Longest output',
    hint: 'Tokens; a request also stops at the maximum length.',
    kind: 'number',
    step: 1,
  },
  { field: 'seed', label: 'Seed', hint: 'The same seed replays the same requests.', kind: 'number', step: 1 },
];

export const MEMORY_CONTROLS: Control[] = [
  {
    field: 'capacity',
    label: 'KV memory (token slots)',
    hint: 'The same for both allocators.',
    kind: 'number',
    step: 1,
  },
  {
    field: 'maxLen',
    label: 'Maximum sequence length',
    hint: 'Prompt plus output never exceeds it.',
    kind: 'number',
    step: 1,
  },
  {
    field: 'blockSize',
    label: 'Block size (tokens)',
    hint: 'Paged memory only; vLLM’s default is 16.',
    kind: 'number',
    step: 1,
  },
  { field: 'steps', label: 'Steps to simulate', hint: 'Decoding iterations.', kind: 'number', step: 1 },
];
