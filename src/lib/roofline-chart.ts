/**
 * Isomorphic: the geometry of the log-log roofline chart — scales, ticks, the roof, the ridge and the
 * operating points — computed with scale.ts. Positions only; roofline-view.ts turns them
 * into SVG elements for the page and the island alike.
 */
import { linePath, logScale } from './scale';

export const CHART = { width: 640, height: 400, left: 62, right: 18, top: 36, bottom: 52 } as const;

export interface ChartPoint {
  /** Arithmetic intensity, FLOPs per byte. */
  intensity: number;
  /** Attainable FLOP/s at that intensity (on the roof). */
  flops: number;
}

export interface ChartInput {
  peakFlops: number;
  bandwidth: number;
  ridge: number;
  /** Decode's intensity as the batch grows without bound, or Infinity when it has no cap. */
  decodeLimit: number;
  decode: ChartPoint;
  prefill: ChartPoint;
  /** Decode at the batches drawn along the roof. */
  path: (ChartPoint & { batch: number })[];
}

export interface Placed extends ChartPoint {
  x: number;
  y: number;
}

export interface ChartGeometry {
  /** Plot area in SVG units. */
  left: number;
  right: number;
  top: number;
  bottom: number;
  xTicks: { x: number; label: string }[];
  yTicks: { y: number; label: string }[];
  /** SVG path of min(peak, bandwidth · I) across the plot. */
  roof: string;
  ridge: { x: number; y: number };
  /** x of the decode cap, when it falls inside the plot. */
  limitX: number | null;
  decode: Placed;
  prefill: Placed;
  path: (Placed & { batch: number })[];
}

/** "0.1", "1", "10", "1,000", "100,000": tick labels for powers of ten. */
export function powerLabel(value: number): string {
  return value >= 1 ? Math.round(value).toLocaleString('en-US') : String(Number(value.toPrecision(1)));
}

/** Powers of ten inside [lo, hi]. */
export function powersOfTen(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let e = Math.ceil(Math.log10(lo) - 1e-9); e <= Math.floor(Math.log10(hi) + 1e-9); e++)
    out.push(10 ** e);
  return out;
}

export function chartGeometry(input: ChartInput): ChartGeometry {
  const { left, top } = CHART;
  const right = CHART.width - CHART.right;
  const bottom = CHART.height - CHART.bottom;
  const intensities = [
    input.decode.intensity,
    input.prefill.intensity,
    ...input.path.map((p) => p.intensity),
  ];
  // The x range shows everything drawn with some air: the smallest point, the ridge, the largest
  // point and the decode cap (unless the cap is far out, when decode is simply never memory-capped here).
  const xLo = Math.min(1, ...intensities.map((i) => i / 1.6));
  const cap = Number.isFinite(input.decodeLimit) ? input.decodeLimit * 1.6 : 0;
  const xHi = Math.max(input.ridge * 4, ...intensities.map((i) => i * 2), Math.min(cap, 1e6));
  const x = logScale([xLo, xHi], [left, right]);
  const y = logScale([(input.bandwidth * xLo) / 2, input.peakFlops * 4], [bottom, top]);
  const roofAt = (i: number) => Math.min(input.peakFlops, input.bandwidth * i);
  const draw = (intensities: number[]) => linePath(intensities.map((i) => [x(i), y(roofAt(i))] as const));
  const place = (p: ChartPoint): Placed => ({ ...p, x: x(p.intensity), y: y(p.flops) });
  const [yLo, yHi] = y.domain();
  return {
    left,
    right,
    top,
    bottom,
    xTicks: powersOfTen(xLo, xHi).map((v) => ({ x: x(v), label: powerLabel(v) })),
    // Labelled in TFLOP/s.
    yTicks: powersOfTen(yLo, yHi).map((v) => ({ y: y(v), label: powerLabel(v / 1e12) })),
    roof: draw([xLo, input.ridge, xHi]),
    ridge: { x: x(input.ridge), y: y(input.peakFlops) },
    limitX: input.decodeLimit >= xLo && input.decodeLimit <= xHi ? x(input.decodeLimit) : null,
    decode: place(input.decode),
    prefill: place(input.prefill),
    path: input.path.map((p) => ({ ...place(p), batch: p.batch })),
  };
}
