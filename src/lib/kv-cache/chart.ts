/**
 * Isomorphic: the geometry of the memory-against-context chart — scales, ticks, line paths and the
 * budget line — computed with scale.ts. The page draws it at build time and the island
 * redraws it from the same model, so the chart is there before any script runs.
 */
import { linearScale, linePath, logScale, niceDomain } from '../scale';
import { binary } from '../bytes';
import type { Curve } from './curves';

export interface ChartOptions {
  width: number;
  height: number;
  logX: boolean;
  /** Logarithmic memory axis: every lever that scales the cache becomes a constant gap. */
  logY?: boolean;
}

export interface ChartModel {
  width: number;
  height: number;
  /** Plot area. */
  left: number;
  right: number;
  top: number;
  bottom: number;
  xTicks: { x: number; label: string }[];
  yTicks: { y: number; label: string }[];
  lines: { id: string; label: string; d: string }[];
  /** The cache budget as a horizontal line, when there is room for a cache at all. */
  budget: { y: number; label: string } | null;
  /** x of each context length, for reading values under the pointer. */
  xs: number[];
}

const GIB = 2 ** 30;

export function tokensLabel(t: number): string {
  if (t >= 1 << 20 && t % (1 << 20) === 0) return `${t / (1 << 20)}M`;
  if (t >= 1024 && t % 1024 === 0) return `${t / 1024}k`;
  return t.toLocaleString('en-US');
}

export function chartModel(
  curves: Curve[],
  grid: number[],
  budgetBytes: bigint | null,
  o: ChartOptions,
): ChartModel {
  const margin = { left: 64, right: 16, top: 16, bottom: 40 };
  const left = margin.left;
  const right = o.width - margin.right;
  const top = margin.top;
  const bottom = o.height - margin.bottom;
  const first = grid[0]!;
  const last = grid.at(-1)!;

  const x = o.logX ? logScale([first, last], [left, right]) : linearScale([0, last], [left, right]);
  const budgetGiB = budgetBytes !== null && budgetBytes > 0n ? Number(budgetBytes) / GIB : null;
  const all = curves.flatMap((c) => c.bytes.map((b) => Number(b) / GIB)).filter((g) => g > 0);
  const maxGiB = Math.max(...all, budgetGiB ?? 0, 1e-9);
  const minGiB = Math.min(...all, budgetGiB ?? Infinity, maxGiB);
  const y = o.logY
    ? logScale([minGiB / 1.5, maxGiB * 1.5], [bottom, top])
    : linearScale(niceDomain([0, maxGiB * 1.05]), [bottom, top]);

  const xTickValues = o.logX ? grid.filter((_, i) => i % 2 === 0 || i === grid.length - 1) : x.ticks(5);
  const draw = (gibs: number[]) => linePath(gibs.map((gib, i) => [x(grid[i]!), y(gib)] as const));

  return {
    width: o.width,
    height: o.height,
    left,
    right,
    top,
    bottom,
    xTicks: xTickValues.map((t) => ({ x: x(t), label: tokensLabel(t) })),
    yTicks: (o.logY ? powersOfTwo(y.domain(), 6) : y.ticks(5)).map((g) => ({
      y: y(g),
      label: g === 0 ? '0' : binary(BigInt(Math.round(g * GIB))),
    })),
    lines: curves.map((c) => ({
      id: c.id,
      label: c.label,
      d: draw(c.bytes.map((b) => Number(b) / GIB)),
    })),
    budget:
      budgetGiB === null ? null : { y: y(budgetGiB), label: `room for the cache: ${binary(budgetBytes!)}` },
    xs: grid.map((t) => x(t)),
  };
}

/** Powers of two inside [lo, hi], thinned to at most `most` evenly spaced ones (for a log axis). */
function powersOfTwo([lo, hi]: [number, number], most: number): number[] {
  const all: number[] = [];
  for (let e = Math.ceil(Math.log2(lo)); e <= Math.floor(Math.log2(hi)); e++) all.push(2 ** e);
  const step = Math.ceil(all.length / most);
  return all.filter((_, i) => (all.length - 1 - i) % step === 0);
}

/** Index of the context length nearest to a pointer's x. */
export function nearestIndex(xs: number[], px: number): number {
  let best = 0;
  for (let i = 1; i < xs.length; i++) if (Math.abs(xs[i]! - px) < Math.abs(xs[best]! - px)) best = i;
  return best;
}
