/**
 * Isomorphic: cache memory against context length for a scenario and for each lever applied to it,
 * the data behind the calculator's chart and its table. Only levers that change the cache appear.
 */
import { type LeverId, LEVERS, type Scenario, memoryOf } from './levers';

export interface Curve {
  id: 'baseline' | LeverId;
  label: string;
  /** KV bytes (all GPUs) at each context length of the grid. */
  bytes: bigint[];
}

/** Context lengths from 1k to `max`, powers of two, with `max` itself last. */
export function contextGrid(max = 1 << 20, min = 1024): number[] {
  const grid: number[] = [];
  for (let t = min; t < max; t *= 2) grid.push(t);
  grid.push(max);
  return grid;
}

/** Levers drawn on the chart: the ones that act on the cache (weights quantisation does not). */
const CACHE_LEVERS: LeverId[] = ['mqa', 'fp8', 'int4', 'window', 'half-batch'];

export function memoryCurves(s: Scenario, grid: number[]): Curve[] {
  const at = (scenario: Scenario) =>
    grid.map((tokens) => memoryOf({ ...scenario, workload: { ...scenario.workload, tokens } }).kvBytes);
  const curves: Curve[] = [{ id: 'baseline', label: 'As configured', bytes: at(s) }];
  for (const lever of LEVERS.filter((l) => CACHE_LEVERS.includes(l.id))) {
    const changed = lever.apply(s);
    if (typeof changed === 'string') continue;
    const bytes = at(changed);
    const same = curves.find((c) => c.bytes.every((b, i) => b === bytes[i]));
    if (same?.id === 'baseline') continue; // changes nothing here
    // Two levers with the same effect (fp8 and halving the batch both halve it) share one line.
    if (same) same.label = `${same.label}; ${lever.label.toLowerCase()} (same line)`;
    else curves.push({ id: lever.id, label: lever.label, bytes });
  }
  return curves;
}
