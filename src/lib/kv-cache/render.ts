/**
 * Isomorphic: HTML for the calculator's outputs — results, worked steps, the chart and its table.
 * The page inserts it at build time and the island replaces it after every change, so there is one
 * renderer. All text passes through `escapeHtml`; none of it is reader input, but nothing here
 * relies on that.
 */
import { binary, groupDigits } from '../bytes';
import { fitBudget } from './budget';
import { type ChartModel, chartModel, tokensLabel } from './chart';
import { type Curve, contextGrid, memoryCurves } from './curves';
import { type Step, explain } from './explain';
import type { Parsed } from './params';
import { type ResultItem, resultItems } from './view';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
const e = escapeHtml;

export function resultsHtml(items: ResultItem[]): string {
  return items
    .map(
      (r) =>
        `<div class="kv-result kv-result-${e(r.key)}"><dt>${e(r.label)}</dt>` +
        `<dd data-kv="${e(r.key)}" data-value="${e(r.value)}">${e(r.text)}</dd></div>`,
    )
    .join('');
}

export function stepsHtml(steps: Step[]): string {
  return steps
    .map(
      (s) =>
        `<li><span class="kv-step-what">${e(s.what)}</span>` +
        `<code class="kv-step-formula">${e(s.formula)}</code>` +
        `<span class="kv-step-result">= ${e(s.result)}</span></li>`,
    )
    .join('');
}

/** The chart's inner SVG (axes, gridlines, lines, budget, pointer rule); the <svg> element is the page's. */
export function chartSvg(m: ChartModel): string {
  const parts: string[] = [];
  for (const t of m.yTicks)
    parts.push(
      `<line class="kv-grid" x1="${m.left}" x2="${m.right}" y1="${t.y}" y2="${t.y}"></line>` +
        `<text class="kv-tick" x="${m.left - 6}" y="${t.y}" text-anchor="end" dominant-baseline="middle">${e(t.label)}</text>`,
    );
  for (const t of m.xTicks)
    parts.push(
      `<line class="kv-axis" x1="${t.x}" x2="${t.x}" y1="${m.bottom}" y2="${m.bottom + 5}"></line>` +
        `<text class="kv-tick" x="${t.x}" y="${m.bottom + 18}" text-anchor="middle">${e(t.label)}</text>`,
    );
  parts.push(
    `<line class="kv-axis" x1="${m.left}" x2="${m.right}" y1="${m.bottom}" y2="${m.bottom}"></line>`,
  );
  parts.push(
    `<text class="kv-tick" x="${(m.left + m.right) / 2}" y="${m.height - 4}" text-anchor="middle">context length T (tokens)</text>`,
  );
  if (m.budget)
    parts.push(
      `<line class="kv-budget" x1="${m.left}" x2="${m.right}" y1="${m.budget.y}" y2="${m.budget.y}"></line>` +
        `<text class="kv-budget-label" x="${m.left + 6}" y="${m.budget.y - 6}">${e(m.budget.label)}</text>`,
    );
  m.lines.forEach((l, i) =>
    parts.push(`<path class="kv-line kv-line-${i}" data-curve="${e(l.id)}" d="${e(l.d)}"></path>`),
  );
  parts.push(
    `<line class="kv-rule" data-rule x1="0" x2="0" y1="${m.top}" y2="${m.bottom}" visibility="hidden"></line>`,
  );
  return parts.join('');
}

export function legendHtml(curves: Curve[]): string {
  return curves
    .map(
      (c, i) =>
        `<li><svg aria-hidden="true" width="24" height="10"><line class="kv-line kv-line-${i}" x1="0" x2="24" y1="5" y2="5"></line></svg>${e(c.label)}</li>`,
    )
    .join('');
}

/** The chart's numbers as a table, for screen readers and for anyone who wants the figures. */
export function chartTableHtml(curves: Curve[], grid: number[]): string {
  const head = `<thead><tr><th scope="col">T (tokens)</th>${curves.map((c) => `<th scope="col">${e(c.label)}</th>`).join('')}</tr></thead>`;
  const rows = grid
    .map(
      (t, i) =>
        `<tr><th scope="row">${e(groupDigits(t))}</th>${curves.map((c) => `<td>${e(binary(c.bytes[i]!))}</td>`).join('')}</tr>`,
    )
    .join('');
  return `${head}<tbody>${rows}</tbody>`;
}

/** The pointer readout: every curve's value at one context length. */
export function readoutText(curves: Curve[], grid: number[], i: number): string {
  return `At T = ${tokensLabel(grid[i]!)} (${groupDigits(grid[i]!)} tokens): ${curves.map((c) => `${c.label} ${binary(c.bytes[i]!)}`).join('; ')}.`;
}

export interface Outputs {
  results: string;
  steps: string;
  chart: string;
  legend: string;
  table: string;
  curves: Curve[];
  grid: number[];
  xs: number[];
}

export const CHART_SIZE = { width: 720, height: 320 };

/** Chart size for a drawn width in CSS pixels: one viewBox unit per pixel, so text stays legible on phones. */
export function chartSizeFor(pixels: number): { width: number; height: number } {
  const width = Math.round(Math.min(1200, Math.max(300, pixels || CHART_SIZE.width)));
  return { width, height: width < 600 ? Math.round(width * 0.8) : CHART_SIZE.height };
}

/** Everything the calculator shows for valid inputs, as HTML, plus what the pointer readout needs. */
export function renderOutputs(
  p: Parsed,
  logX: boolean,
  logY = logX,
  size: { width: number; height: number } = CHART_SIZE,
): Outputs {
  const grid = contextGrid();
  const curves = memoryCurves(p, grid);
  const budget = fitBudget(p.arch, p.workload, p.hardware).kvBudgetBytes;
  const model = chartModel(curves, grid, budget, { ...size, logX, logY });
  return {
    results: resultsHtml(resultItems(p)),
    steps: stepsHtml(explain(p.arch, p.workload)),
    chart: chartSvg(model),
    legend: legendHtml(curves),
    table: chartTableHtml(curves, grid),
    curves,
    grid,
    xs: model.xs,
  };
}
