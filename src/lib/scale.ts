/**
 * Isomorphic: the chart geometry our plots need — linear and logarithmic position scales and SVG
 * line paths. The tick and "nice" algorithms come from d3-array; the mapping and the path are a few
 * lines of arithmetic written here, because d3-scale and d3-shape bring their colour, format and
 * time machinery with them (about 14 kB gzip in every chart island for features no chart uses).
 */
import { nice, ticks } from 'd3-array';

export type Pair = readonly [number, number];

export interface PositionScale {
  (value: number): number;
  /** The value at a position: the inverse of the scale. */
  invert(position: number): number;
  domain(): [number, number];
  /** Up to about `count` round values across the domain (linear scales only). */
  ticks(count?: number): number[];
}

function scaleThrough(domain: Pair, range: Pair, into: (v: number) => number, back: (v: number) => number): PositionScale {
  const [d0, d1] = [into(domain[0]), into(domain[1])];
  const [r0, r1] = range;
  // A collapsed domain maps everything to the middle of the range rather than dividing by zero.
  const t = (v: number) => (d1 === d0 ? 0.5 : (into(v) - d0) / (d1 - d0));
  const scale = ((v: number) => r0 * (1 - t(v)) + r1 * t(v)) as PositionScale;
  scale.invert = (p: number) => back(r1 === r0 ? d0 : d0 + ((p - r0) / (r1 - r0)) * (d1 - d0));
  scale.domain = () => [domain[0], domain[1]];
  scale.ticks = (count = 10) => ticks(domain[0], domain[1], count);
  return scale;
}

export function linearScale(domain: Pair, range: Pair): PositionScale {
  const same = (v: number) => v;
  return scaleThrough(domain, range, same, same);
}

/** Positions proportional to the logarithm: equal ratios take equal space. The domain must be positive. */
export function logScale(domain: Pair, range: Pair): PositionScale {
  return scaleThrough(domain, range, Math.log, Math.exp);
}

/** The domain widened to round tick values at each end (d3's "nice"). */
export function niceDomain(domain: Pair, count = 10): [number, number] {
  const [lo, hi] = nice(domain[0], domain[1], count);
  return [lo, hi];
}

const round = (v: number, digits: number) => {
  const k = 10 ** digits;
  return Math.round(v * k) / k;
};

/**
 * An SVG path through points, `M x,y L x,y …`, coordinates rounded to `digits` decimals. A point
 * with a non-finite coordinate, or for which `defined` is false, breaks the line into pieces; a
 * piece of one point is closed on itself (`Z`) so a round line cap can still show it.
 */
export function linePath(points: readonly { 0: number; 1: number }[], digits = 3, defined: (i: number) => boolean = () => true): string {
  let d = '';
  let run = 0;
  const end = () => {
    if (run === 1) d += 'Z';
    run = 0;
  };
  points.forEach(({ 0: x, 1: y }, i) => {
    if (!defined(i) || !Number.isFinite(x) || !Number.isFinite(y)) return end();
    d += `${run === 0 ? 'M' : 'L'}${round(x, digits)},${round(y, digits)}`;
    run++;
  });
  end();
  return d;
}
