/**
 * Isomorphic: the descent lab's picture as plain data — level curves of a surface by marching
 * squares, the map from the plane to SVG pixels, and the SVG path strings of contours,
 * trajectories and marker shapes. The build renders them into the server HTML and the island sets
 * the same strings on the live SVG, so both draw exactly the same thing.
 */
import {
  OPTIMIZER_IDS,
  type OptimizerId,
  type Run,
  type Settings,
  type Surface,
  SURFACES,
  type Vec,
  type View,
} from './descent';

/** Width of the plot in SVG user units; the height follows the view's aspect ratio. */
export const PLOT_WIDTH = 480;

export interface Scale {
  width: number;
  height: number;
  /** Plane → SVG user units (y grows upwards in the plane, downwards in SVG). */
  px: (p: Vec) => Vec;
  /** SVG user units → plane. */
  invert: (q: Vec) => Vec;
}

export function scaleFor(view: View, width = PLOT_WIDTH): Scale {
  const k = width / (view.xMax - view.xMin);
  const height = Math.round((view.yMax - view.yMin) * k);
  return {
    width,
    height,
    px: (p) => [(p[0] - view.xMin) * k, (view.yMax - p[1]) * k],
    invert: (q) => [view.xMin + q[0] / k, view.yMax - q[1] / k],
  };
}

// ---------------------------------------------------------------------------------------------
// Marching squares

/** f sampled at the (n + 1) × (n + 1) nodes of a grid over the view: values[j][i] at (x_i, y_j). */
export interface Grid {
  view: View;
  n: number;
  values: number[][];
}

export function sampleGrid(f: (x: number, y: number) => number, view: View, n: number): Grid {
  const dx = (view.xMax - view.xMin) / n;
  const dy = (view.yMax - view.yMin) / n;
  const values: number[][] = [];
  for (let j = 0; j <= n; j++) {
    const row: number[] = [];
    for (let i = 0; i <= n; i++) row.push(f(view.xMin + i * dx, view.yMin + j * dy));
    values.push(row);
  }
  return { view, n, values };
}

/**
 * Level curves f = level through a sampled grid. Each curve is a polyline in plane coordinates
 * (closed curves repeat their first point at the end). Crossings are placed by linear
 * interpolation along cell edges; the two ambiguous cell cases are resolved by the value at the
 * cell's centre.
 */
export function levelCurves(grid: Grid, level: number): Vec[][] {
  const { view, n } = grid;
  const dx = (view.xMax - view.xMin) / n;
  const dy = (view.yMax - view.yMin) / n;
  const X = (i: number) => view.xMin + i * dx;
  const Y = (j: number) => view.yMin + j * dy;
  const values = grid.values;
  const at = (i: number, j: number) => values[j]![i]!;

  // An edge crossing is named by its edge, so neighbouring cells share the exact same point.
  const points = new Map<string, Vec>();
  const crossing = (key: string, a: Vec, va: number, b: Vec, vb: number): string => {
    if (!points.has(key)) {
      const t = va === vb ? 0.5 : (level - va) / (vb - va);
      points.set(key, [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])]);
    }
    return key;
  };
  const segments: [string, string][] = [];
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      const v0 = at(i, j); // bottom left
      const v1 = at(i + 1, j); // bottom right
      const v2 = at(i + 1, j + 1); // top right
      const v3 = at(i, j + 1); // top left
      const c = (v0 > level ? 1 : 0) | (v1 > level ? 2 : 0) | (v2 > level ? 4 : 0) | (v3 > level ? 8 : 0);
      if (c === 0 || c === 15) continue;
      const p0: Vec = [X(i), Y(j)];
      const p1: Vec = [X(i + 1), Y(j)];
      const p2: Vec = [X(i + 1), Y(j + 1)];
      const p3: Vec = [X(i), Y(j + 1)];
      const bottom = () => crossing(`h${i},${j}`, p0, v0, p1, v1);
      const right = () => crossing(`v${i + 1},${j}`, p1, v1, p2, v2);
      const top = () => crossing(`h${i},${j + 1}`, p3, v3, p2, v2);
      const left = () => crossing(`v${i},${j}`, p0, v0, p3, v3);
      const centreAbove = (v0 + v1 + v2 + v3) / 4 > level;
      switch (c) {
        case 1:
        case 14:
          segments.push([left(), bottom()]);
          break;
        case 2:
        case 13:
          segments.push([bottom(), right()]);
          break;
        case 3:
        case 12:
          segments.push([left(), right()]);
          break;
        case 4:
        case 11:
          segments.push([right(), top()]);
          break;
        case 6:
        case 9:
          segments.push([bottom(), top()]);
          break;
        case 7:
        case 8:
          segments.push([left(), top()]);
          break;
        case 5: // bottom-left and top-right above
          if (centreAbove) segments.push([left(), top()], [bottom(), right()]);
          else segments.push([left(), bottom()], [right(), top()]);
          break;
        case 10: // bottom-right and top-left above
          if (centreAbove) segments.push([left(), bottom()], [right(), top()]);
          else segments.push([left(), top()], [bottom(), right()]);
          break;
      }
    }
  }
  return chain(segments).map((keys) => keys.map((k) => points.get(k)!));
}

/** Joins segments that share endpoints into the longest polylines. */
function chain(segments: [string, string][]): string[][] {
  const byPoint = new Map<string, number[]>();
  segments.forEach(([a, b], index) => {
    for (const key of [a, b]) {
      const list = byPoint.get(key);
      if (list) list.push(index);
      else byPoint.set(key, [index]);
    }
  });
  const used = new Array<boolean>(segments.length).fill(false);
  const next = (key: string): [number, string] | null => {
    for (const index of byPoint.get(key) ?? []) {
      if (used[index]) continue;
      const [a, b] = segments[index]!;
      return [index, a === key ? b : a];
    }
    return null;
  };
  const lines: string[][] = [];
  // Open curves first, from an end (a point with one segment), so they are not split in two.
  const order = [...byPoint.entries()].sort((p, q) => p[1].length - q[1].length).map(([key]) => key);
  for (const startKey of order) {
    let step = next(startKey);
    if (!step) continue;
    const line = [startKey];
    while (step) {
      used[step[0]] = true;
      line.push(step[1]);
      step = next(step[1]);
    }
    lines.push(line);
  }
  return lines;
}

// ---------------------------------------------------------------------------------------------
// SVG geometry

const r1 = (v: number) => String(Math.round(v * 10) / 10 + 0);

/** "M x y L x y …" for polylines already in SVG units. */
export function polylineD(lines: readonly (readonly Vec[])[]): string {
  return lines
    .filter((line) => line.length > 1)
    .map((line) => line.map((p, i) => `${i === 0 ? 'M' : 'L'}${r1(p[0])} ${r1(p[1])}`).join(''))
    .join('');
}

export interface ContourPath {
  level: number;
  d: string;
}

/** Every contour of a surface as one SVG path per level. */
export function contourPaths(surface: Surface, scale: Scale): ContourPath[] {
  const grid = sampleGrid(surface.f, surface.view, surface.grid);
  return surface.levels.map((level) => ({
    level,
    d: polylineD(levelCurves(grid, level).map((l) => l.map(scale.px))),
  }));
}

/** Each optimizer's marker shape, so the three are told apart without colour. */
export const MARKER_SHAPES: Record<OptimizerId, 'circle' | 'square' | 'triangle'> = {
  gd: 'circle',
  momentum: 'square',
  adam: 'triangle',
};

/** The path of one marker of the given shape centred at c, about 2r across. */
export function markerD(shape: 'circle' | 'square' | 'triangle', c: Vec, r: number): string {
  const [x, y] = c;
  if (shape === 'circle')
    return `M${r1(x - r)} ${r1(y)}a${r1(r)} ${r1(r)} 0 1 0 ${r1(2 * r)} 0a${r1(r)} ${r1(r)} 0 1 0 ${r1(-2 * r)} 0Z`;
  if (shape === 'square') {
    const s = r * 0.9;
    return `M${r1(x - s)} ${r1(y - s)}H${r1(x + s)}V${r1(y + s)}H${r1(x - s)}Z`;
  }
  const h = r * 1.15;
  return `M${r1(x)} ${r1(y - h)}L${r1(x + h)} ${r1(y + h * 0.8)}L${r1(x - h)} ${r1(y + h * 0.8)}Z`;
}

/** How many markers at most along a trajectory (plus one at its end). */
export const MAX_MARKERS = 12;

/**
 * Indices of the points that get a marker: evenly spaced steps, at most MAX_MARKERS of them, and
 * always the start and the last point kept.
 */
export function markerIndices(count: number): number[] {
  if (count <= 0) return [];
  const last = count - 1;
  const every = Math.max(1, Math.ceil(last / MAX_MARKERS));
  const out: number[] = [];
  for (let i = 0; i < last; i += every) out.push(i);
  out.push(last);
  return out;
}

export interface TrajectoryGeometry {
  optimizer: OptimizerId;
  /** The path through every kept iterate (the plot clips what lies outside the view). */
  line: string;
  /** All markers as one path. */
  markers: string;
  /** The last kept iterate in SVG units, and whether it is inside the plot. */
  end: Vec;
  endInView: boolean;
}

export function trajectoryGeometry(run: Run, surface: Surface, scale: Scale): TrajectoryGeometry {
  const pts = run.points.map(scale.px);
  const shape = MARKER_SHAPES[run.optimizer];
  const markers = markerIndices(pts.length)
    .map((i) => markerD(shape, pts[i]!, i === pts.length - 1 ? 6 : 3.5))
    .join('');
  const last = run.points[run.points.length - 1]!;
  const v = surface.view;
  return {
    optimizer: run.optimizer,
    line: polylineD([pts]),
    markers,
    end: pts[pts.length - 1]!,
    endInView: last[0] >= v.xMin && last[0] <= v.xMax && last[1] >= v.yMin && last[1] <= v.yMax,
  };
}

export interface PlotModel {
  scale: Scale;
  contours: ContourPath[];
  trajectories: TrajectoryGeometry[];
  /** The minima in SVG units. */
  minima: Vec[];
  /** The start handle in SVG units. */
  handle: Vec;
  /** The axes x = 0 and y = 0 as SVG paths, when they cross the view. */
  axes: string;
}

/** Everything the plot draws for one configuration and its runs. */
export function plotModel(settings: Settings, runs: Record<OptimizerId, Run>): PlotModel {
  const surface = SURFACES[settings.surface];
  const scale = scaleFor(surface.view);
  const v = surface.view;
  const axes: Vec[][] = [];
  if (v.yMin < 0 && v.yMax > 0) axes.push([scale.px([v.xMin, 0]), scale.px([v.xMax, 0])]);
  if (v.xMin < 0 && v.xMax > 0) axes.push([scale.px([0, v.yMin]), scale.px([0, v.yMax])]);
  return {
    scale,
    contours: contourPaths(surface, scale),
    trajectories: OPTIMIZER_IDS.map((id) => trajectoryGeometry(runs[id], surface, scale)),
    minima: surface.minima.map(scale.px),
    handle: scale.px(settings.start),
    axes: polylineD(axes),
  };
}

/** A small "×" centred at c, for the minima. */
export function crossD(c: Vec, r = 5): string {
  const [x, y] = c;
  return `M${r1(x - r)} ${r1(y - r)}L${r1(x + r)} ${r1(y + r)}M${r1(x - r)} ${r1(y + r)}L${r1(x + r)} ${r1(y - r)}`;
}
