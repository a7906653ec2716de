/**
 * Isomorphic: the attention lab's changing parts as element trees (html-tree.ts) — the Q, K, V
 * editor, the step-by-step tables with the weights heat map, the explanation of one weight, and the
 * random-vector experiment. The page serialises them at build time and the island rebuilds them as
 * DOM after each change, so both show the same thing. Every table is a real <table> with headers:
 * the heat map's shading is decoration on top of numbers a screen reader can read.
 */
import {
  type AttentionResult,
  attentionWeights,
  type Matrix,
  multiHeadAttention,
  type MultiHeadResult,
  normalMatrix,
  saturation,
  type SaturationResult,
  type SaturationSummary,
  seededNormal,
} from './attention';
import {
  D_MODEL,
  formatFixed,
  formatNumber,
  formatWeight,
  inUse,
  type LabState,
  SATURATION_KEYS,
  SATURATION_QUERIES,
  SEED_MAX,
} from './attention-lab';
import { h, type Node } from './html-tree';

/** The weight being explained: head, query row i, key column j. */
export interface Selection {
  head: number;
  i: number;
  j: number;
}

const MATRIX_NAMES = { q: 'Q', k: 'K', v: 'V' } as const;
const MATRIX_TITLES = { q: 'Q, queries', k: 'K, keys', v: 'V, values' } as const;
export type MatrixName = keyof typeof MATRIX_NAMES;

export function computeLab(state: LabState): MultiHeadResult {
  const { q, k, v } = inUse(state);
  return multiHeadAttention(q, k, v, state.heads, {
    scale: state.scale,
    causal: state.causal,
    temperature: state.temperature,
  });
}

function argmax(row: readonly number[]): number {
  let best = 0;
  for (let j = 1; j < row.length; j++) if (row[j] > row[best]) best = j;
  return best;
}

/** A selection that exists in this state: the given one if it fits, else the last row's strongest key. */
export function fitSelection(state: LabState, results: MultiHeadResult, sel?: Selection): Selection {
  const t = state.tokens.length;
  const head = Math.min(Math.max(0, sel?.head ?? state.head), state.heads - 1);
  if (sel && sel.i >= 0 && sel.i < t && sel.j >= 0 && sel.j < t) return { head, i: sel.i, j: sel.j };
  const i = t - 1;
  return { head, i, j: argmax(results.heads[head].weights[i]) };
}

/** The columns of Q, K, V that head r reads, as 1-based text ("1–2"). */
export function headColumns(heads: number, r: number): string {
  const d = D_MODEL / heads;
  return d === 1 ? `${r * d + 1}` : `${r * d + 1}–${(r + 1) * d}`;
}

const headOf = (heads: number, c: number) => Math.floor(c / (D_MODEL / heads));
const headClass = (heads: number, c: number) => (heads > 1 ? `attn-h${headOf(heads, c) % 2}` : undefined);

function columnHeaders(heads: number, withHeadRow: boolean, corner = ''): Node[] {
  const rows: Node[] = [];
  if (heads > 1 && withHeadRow)
    rows.push(
      h(
        'tr',
        null,
        h('td', null),
        Array.from({ length: heads }, (_, r) =>
          h('th', { scope: 'colgroup', colspan: D_MODEL / heads, class: `attn-h${r % 2}` }, `head ${r + 1}`),
        ),
      ),
    );
  rows.push(
    h(
      'tr',
      null,
      corner ? h('th', { scope: 'col' }, corner) : h('td', null),
      Array.from({ length: D_MODEL }, (_, c) =>
        h(
          'th',
          { scope: 'col', class: headClass(heads, c) },
          h('span', { class: 'visually-hidden' }, 'column '),
          c + 1,
        ),
      ),
    ),
  );
  return rows;
}

// ---------------------------------------------------------------------------------------------
// The editor

/** Three small tables of number fields, Q, K and V, one row per token. */
export function editorView(state: LabState, uid: string): Node {
  const t = state.tokens.length;
  return h(
    'div',
    { class: 'attn-editor' },
    (Object.keys(MATRIX_NAMES) as MatrixName[]).map((name) =>
      h(
        'div',
        { class: 'attn-editor-matrix' },
        h(
          'table',
          { class: 'attn-matrix', 'data-matrix': name },
          h('caption', null, MATRIX_TITLES[name]),
          h('thead', null, columnHeaders(state.heads, true)),
          h(
            'tbody',
            null,
            state[name].slice(0, t).map((row, i) =>
              h(
                'tr',
                { 'data-row': i },
                h('th', { scope: 'row' }, state.tokens[i]),
                row.map((x, c) =>
                  h(
                    'td',
                    { class: headClass(state.heads, c) },
                    h('input', {
                      type: 'number',
                      step: 'any',
                      min: -9,
                      max: 9,
                      inputmode: 'decimal',
                      value: String(x),
                      'data-m': name,
                      'data-r': i,
                      'data-c': c,
                      'aria-label': `${MATRIX_NAMES[name]}, row ${i + 1} (${state.tokens[i]}), column ${c + 1}`,
                      'aria-describedby': `${uid}-err-${name}`,
                    }),
                  ),
                ),
              ),
            ),
          ),
        ),
        h('p', { class: 'attn-error', id: `${uid}-err-${name}`, 'data-error': name }),
      ),
    ),
  );
}

// ---------------------------------------------------------------------------------------------
// Tables

/** Shade level 0..10 for a weight; the stylesheet maps it to a colour with readable text on it. */
export const heatLevel = (w: number) => Math.min(10, Math.max(0, Math.round(w * 10)));

interface HeatmapOptions {
  caption: string | Node;
  tokens: string[];
  w: Pick<AttentionResult, 'weights' | 'visible' | 'entropy'>;
  /** Cells become buttons that pick the weight to explain. */
  pick?: { head: number; selected: Selection | null };
  compact?: boolean;
}

/** The weights as a table: shaded cells, exact numbers, a dashed cell where the mask hides a key. */
/** A box that scrolls sideways if its table is wider than the column. */
const scroll = (table: Node) => h('div', { class: 'attn-scroll' }, table);

export function heatmap(options: HeatmapOptions): Node {
  return scroll(heatmapTable(options));
}

function heatmapTable({ caption, tokens, w, pick, compact }: HeatmapOptions): Node {
  const sel = pick?.selected;
  const here = (i: number, j: number) =>
    !!pick && !!sel && sel.head === pick.head && sel.i === i && sel.j === j;
  // One tab stop per table: the selected cell, else the first.
  const tabStop = (i: number, j: number) =>
    sel && sel.head === pick?.head ? here(i, j) : i === 0 && j === 0;
  return h(
    'table',
    { class: `attn-heat${compact ? ' attn-compact' : ''}`, 'data-heat': pick ? pick.head : 'random' },
    h('caption', null, caption),
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        h('td', null),
        tokens.map((t) => h('th', { scope: 'col' }, t)),
        compact
          ? null
          : h(
              'th',
              { scope: 'col', class: 'attn-entropy' },
              h('span', { 'aria-hidden': 'true' }, 'H'),
              h('span', { class: 'visually-hidden' }, 'entropy in nats'),
            ),
      ),
    ),
    h(
      'tbody',
      null,
      w.weights.map((row, i) =>
        h(
          'tr',
          null,
          h('th', { scope: 'row' }, tokens[i]),
          row.map((x, j) => {
            const masked = !w.visible[i][j];
            const cls = `attn-w attn-w${heatLevel(x)}${masked ? ' attn-masked' : ''}${here(i, j) ? ' attn-sel' : ''}`;
            const text = formatWeight(x);
            if (!pick) return h('td', { class: cls }, text);
            return h(
              'td',
              { class: cls },
              h(
                'button',
                {
                  type: 'button',
                  class: 'attn-cell',
                  'data-head': pick.head,
                  'data-i': i,
                  'data-j': j,
                  tabindex: tabStop(i, j) ? 0 : -1,
                  'aria-pressed': here(i, j) ? 'true' : 'false',
                  'aria-label': `${text}${masked ? ', masked' : ''}: weight of ${tokens[i]} on ${tokens[j]}`,
                },
                text,
              ),
            );
          }),
          compact
            ? null
            : h('td', { class: 'attn-entropy' }, w.entropy[i] === 0 ? '0' : formatFixed(w.entropy[i])),
        ),
      ),
    ),
  );
}

interface NumbersOptions {
  caption: string | Node;
  rowLabels: string[];
  colLabels: string[];
  values: Matrix;
  cellClass?: (i: number, j: number) => string | undefined;
  colClass?: (j: number) => string | undefined;
  headRow?: Node | null;
}

function numbersTable({
  caption,
  rowLabels,
  colLabels,
  values,
  cellClass,
  colClass,
  headRow,
}: NumbersOptions): Node {
  // Whole numbers stay whole; if any entry is a fraction, every finite entry gets two decimals.
  const whole = values.every((row) => row.every((x) => Number.isInteger(x) || !Number.isFinite(x)));
  const format = whole ? formatNumber : formatFixed;
  return scroll(
    h(
      'table',
      { class: 'attn-numbers' },
      h('caption', null, caption),
      h(
        'thead',
        null,
        headRow,
        h(
          'tr',
          null,
          h('td', null),
          colLabels.map((c, j) => h('th', { scope: 'col', class: colClass?.(j) }, c)),
        ),
      ),
      h(
        'tbody',
        null,
        values.map((row, i) =>
          h(
            'tr',
            null,
            h('th', { scope: 'row' }, rowLabels[i]),
            row.map((x, j) => h('td', { class: cellClass?.(i, j) }, format(x))),
          ),
        ),
      ),
    ),
  );
}

// ---------------------------------------------------------------------------------------------
// The computation, step by step

function describeDivision(state: LabState, dk: number): string {
  const root = Math.sqrt(dk);
  const parts: string[] = [
    state.scale
      ? `divided by √d_k = √${dk}${Number.isInteger(root) ? ` = ${root}` : ` ≈ ${formatNumber(root)}`}`
      : 'not divided by √d_k (scaling is off)',
  ];
  if (state.temperature !== 1) parts.push(`divided by τ = ${formatNumber(state.temperature)}`);
  if (state.causal) parts.push('−∞ where the mask hides a later key');
  return parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : parts[0];
}

const signed = (x: number) => (x < 0 ? `(${formatNumber(x)})` : formatNumber(x));

function significant(x: number): string {
  if (x === 0) return '0';
  if (x >= 0.01) return formatNumber(x, 3);
  return x.toExponential(1).replace('-', '−').replace('e', ' × 10^');
}

/** The explanation of one weight, every step with its numbers. */
export function explainView(state: LabState, results: MultiHeadResult, sel: Selection): Node {
  const res = results.heads[sel.head];
  const d = results.headDim;
  const { q, k, v } = inUse(state);
  const from = sel.head * d;
  const qi = q[sel.i].slice(from, from + d);
  const kj = k[sel.j].slice(from, from + d);
  const vj = v[sel.j].slice(from, from + d);
  const a = state.tokens[sel.i];
  const b = state.tokens[sel.j];
  const raw = res.raw[sel.i][sel.j];
  const scaled = res.scaled[sel.i][sel.j];
  const logit = res.logits[sel.i][sel.j];
  const weight = res.weights[sel.i][sel.j];
  const visible = res.visible[sel.i][sel.j];
  const heads = state.heads;
  const sub = heads > 1 ? ` in head ${sel.head + 1}` : '';
  const steps: Node[] = [];
  const terms = qi.map((x, t) => `${signed(x)} × ${signed(kj[t])}`).join(' + ');
  steps.push(
    h(
      'li',
      null,
      `Score: q(${a}) · k(${b})${heads > 1 ? `, columns ${headColumns(heads, sel.head)}` : ''} = ${terms} = ${formatNumber(raw)}.`,
    ),
  );
  steps.push(
    h(
      'li',
      null,
      state.scale
        ? `Scale: ${formatNumber(raw)} ÷ √${d} = ${formatNumber(raw)} ÷ ${formatNumber(res.divisor, 3)} = ${formatNumber(scaled, 3)}.`
        : `Scaling is off, so the score stays ${formatNumber(raw)}.`,
    ),
  );
  if (state.temperature !== 1)
    steps.push(
      h(
        'li',
        null,
        `Temperature: ${formatNumber(scaled, 3)} ÷ τ = ${formatNumber(scaled, 3)} ÷ ${formatNumber(state.temperature)} = ${formatNumber(scaled / state.temperature, 3)}.`,
      ),
    );
  if (state.causal)
    steps.push(
      h(
        'li',
        null,
        visible
          ? `Mask: ${b} is not after ${a}, so the mask adds 0 and the logit stays ${formatNumber(logit, 3)}.`
          : `Mask: ${b} comes after ${a}, so the mask adds −∞. Its exponential is exactly 0, and so is the weight.`,
      ),
    );
  if (visible) {
    const row = res.logits[sel.i];
    const top = Math.max(...row);
    const exps = row.map((s) => Math.exp(s - top));
    const total = exps.reduce((x, y) => x + y, 0);
    // A total within 0.001 of 1 is written 1 + ε, so a near-one-hot row does not read as "1 ÷ 1".
    const near = total > 1 && total < 1.001;
    const sumText = near ? `1 + ${significant(total - 1)}` : significant(total);
    const sum = near ? `(${sumText})` : sumText;
    steps.push(
      h(
        'li',
        null,
        `Softmax over the row of ${a}: its largest logit is ${formatNumber(top, 3)}; e^(${formatNumber(logit, 3)} − ${formatNumber(top, 3)}) = ${significant(exps[sel.j])}, and the row’s terms e^(s − ${formatNumber(top, 3)}) add up to ${sumText}, so the weight is ${significant(exps[sel.j])} ÷ ${sum} = ${formatWeight(weight)}.`,
      ),
    );
    steps.push(
      h(
        'li',
        null,
        `Output: the row of ${a} in the output${sub} adds ${formatWeight(weight)} × v(${b}) = ${formatWeight(weight)} × (${vj.map((x) => formatNumber(x)).join(', ')}).`,
      ),
    );
  }
  return h(
    'div',
    { class: 'attn-explain', 'data-explain': '' },
    h('h4', null, `Why ${a} puts ${formatWeight(weight)} on ${b}${sub}`),
    h('ol', null, steps),
  );
}

/** Everything below the editor: per-head overview, steps 1–4 for the chosen head, the explanation. */
export function pipelineView(state: LabState, results: MultiHeadResult, sel: Selection): Node[] {
  const tokens = state.tokens;
  const heads = state.heads;
  const r = sel.head;
  const res = results.heads[r];
  const d = results.headDim;
  const out: Node[] = [];
  const headName = heads > 1 ? `head ${r + 1} (columns ${headColumns(heads, r)})` : '';
  const mark = (i: number, j: number) =>
    [i === sel.i ? 'attn-sel-row' : '', j === sel.j ? 'attn-sel-col' : ''].join(' ').trim() || undefined;

  if (heads > 1)
    out.push(
      h(
        'div',
        { class: 'attn-step' },
        h('h4', null, `The weights of all ${heads} heads`),
        h(
          'p',
          { class: 'attn-step-note' },
          `d_model = ${D_MODEL} is split into ${heads} heads of d_k = ${d}: head i reads only its own columns of Q, K and V and divides by √${d}. Pick a cell to follow that head.`,
        ),
        h(
          'div',
          { class: 'attn-heads' },
          results.heads.map((hr, i) =>
            heatmap({
              caption: `Head ${i + 1}: columns ${headColumns(heads, i)}`,
              tokens,
              w: hr,
              pick: { head: i, selected: sel },
              compact: true,
            }),
          ),
        ),
      ),
    );

  const qk = heads > 1 ? `Q${sub(r)}K${sub(r)}ᵀ` : 'QKᵀ';
  out.push(
    h(
      'div',
      { class: 'attn-steps' },
      h(
        'div',
        { class: 'attn-step' },
        numbersTable({
          caption: `1. Scores ${qk}`,
          rowLabels: tokens,
          colLabels: tokens,
          values: res.raw,
          cellClass: mark,
        }),
        note(
          `Entry (i, j) is q(i) · k(j)${headName ? ` over ${headName}` : ''}: rows are queries, columns are keys.`,
        ),
      ),
      h(
        'div',
        { class: 'attn-step' },
        numbersTable({
          caption: '2. Logits',
          rowLabels: tokens,
          colLabels: tokens,
          values: res.logits,
          cellClass: (i, j) =>
            [mark(i, j), res.visible[i][j] ? '' : 'attn-masked'].join(' ').trim() || undefined,
        }),
        note(`The scores ${describeDivision(state, d)}.`),
      ),
    ),
  );
  const weightsStep = h(
    'div',
    { class: 'attn-step attn-step-weights' },
    heatmap({
      caption: `3. Weights: softmax of each row${heads > 1 ? `, ${headName}` : ''}`,
      tokens,
      w: res,
      pick: { head: r, selected: sel },
    }),
    note(
      `Each row sums to 1. Darker means more weight; a dashed cell is masked and exactly 0. H is the row’s entropy in nats: 0 for one-hot, log ${tokens.length} = ${formatNumber(Math.log(tokens.length))} for an even spread over all ${tokens.length}. Pick a cell (click, or arrow keys) to see how it was computed.`,
    ),
  );
  const outCols = Array.from({ length: D_MODEL }, (_, c) => String(c + 1));
  const headOfCol = (c: number) => Math.floor(c / d);
  const outputStep = h(
    'div',
    { class: 'attn-step' },
    numbersTable({
      caption: heads > 1 ? '4. Output: the heads side by side' : '4. Output: weights × V',
      rowLabels: tokens,
      colLabels: outCols,
      values: results.output,
      colClass: (c) => headClass(heads, c),
      cellClass: (i, c) =>
        [headClass(heads, c) ?? '', i === sel.i && headOfCol(c) === r ? 'attn-sel-row' : '']
          .join(' ')
          .trim() || undefined,
      headRow:
        heads > 1
          ? h(
              'tr',
              null,
              h('td', null),
              Array.from({ length: heads }, (_, g) =>
                h('th', { scope: 'colgroup', colspan: d, class: `attn-h${g % 2}` }, `head ${g + 1}`),
              ),
            )
          : null,
    }),
    note(
      heads > 1
        ? `Row i is token i’s output. Each head multiplies its weights by its own columns of V; head ${r + 1} wrote columns ${headColumns(heads, r)}. A full layer then mixes the heads with one more matrix, W_O.`
        : 'Row i is token i’s output: the average of the rows of V, weighted by row i of the weights.',
    ),
  );
  out.push(h('div', { class: 'attn-steps' }, weightsStep, outputStep), explainView(state, results, sel));
  return out;
}

function note(text: string): Node {
  return h('p', { class: 'attn-step-note' }, text);
}

function sub(r: number): string {
  return String(r + 1).replace(/\d/g, (c) => '₀₁₂₃₄₅₆₇₈₉'[Number(c)]);
}

/** One sentence for the live region after a change. */
export function summary(state: LabState, results: MultiHeadResult, sel: Selection): string {
  const res = results.heads[sel.head];
  const i = sel.i;
  const j = argmax(res.weights[i]);
  const settings = [
    state.scale ? 'Scaled' : 'Not scaled',
    `mask ${state.causal ? 'on' : 'off'}`,
    `τ = ${formatNumber(state.temperature)}`,
    state.heads > 1 ? `${state.heads} heads (showing head ${sel.head + 1})` : 'one head',
  ].join(', ');
  return `${settings}: ${state.tokens[i]} puts most weight on ${state.tokens[j]} (${formatWeight(res.weights[i][j])}), and its row’s entropy is ${formatNumber(res.entropy[i])} nats.`;
}

// ---------------------------------------------------------------------------------------------
// Random vectors: why √d_k

function percent(x: number): string {
  return `${formatNumber(x * 100, 0)} %`;
}

function statRows(
  dk: number,
  keys: number,
  raw: SaturationSummary,
  scaled: SaturationSummary,
): [string, string, string][] {
  return [
    [
      `Spread of the scores (standard deviation; √${dk} = ${formatNumber(Math.sqrt(dk))})`,
      formatFixed(raw.scoreStd),
      formatFixed(scaled.scoreStd),
    ],
    [
      `Mean largest weight (even spread: 1/${keys} = ${formatNumber(1 / keys, 3)}; one-hot: 1)`,
      formatFixed(raw.meanMaxWeight),
      formatFixed(scaled.meanMaxWeight),
    ],
    [
      `Mean entropy in nats (even spread: log ${keys} = ${formatNumber(Math.log(keys))})`,
      formatFixed(raw.meanEntropy),
      formatFixed(scaled.meanEntropy),
    ],
    [
      'Rows one-hot to within 1 % (largest weight above 0.99)',
      percent(raw.oneHotShare),
      percent(scaled.oneHotShare),
    ],
    [
      'Median size of the softmax’s gradient, ‖diag(a) − aaᵀ‖',
      significant(raw.medianGradient),
      significant(scaled.medianGradient),
    ],
  ];
}

// The statistics depend on d_k and the seed only; the switches change just the heat map, so the last
// result is kept rather than recomputed (a few milliseconds at d_k = 512).
let lastStats: SaturationResult | null = null;
let lastSeed = 0;
function saturationFor(dk: number, seed: number): SaturationResult {
  if (!lastStats || lastStats.dk !== dk || lastSeed !== seed) {
    lastStats = saturation(dk, { queries: SATURATION_QUERIES, keys: SATURATION_KEYS, seed });
    lastSeed = seed;
  }
  return lastStats;
}

/** The random-vector experiment: a heat map for the reader's tokens and statistics over many draws. */
export function randomView(state: LabState): Node[] {
  const t = state.tokens.length;
  const dk = state.dk;
  const next = seededNormal(state.seed + SEED_MAX);
  const q = normalMatrix(t, dk, next);
  const k = normalMatrix(t, dk, next);
  const w = attentionWeights(q, k, {
    scale: state.scale,
    causal: state.causal,
    temperature: state.temperature,
  });
  const stats = saturationFor(dk, state.seed);
  const rows = statRows(dk, SATURATION_KEYS, stats.unscaled, stats.scaled);
  const sd = stats.unscaled.scoreStd;
  return [
    heatmap({
      caption: `Random queries and keys, d_k = ${dk}`,
      tokens: state.tokens,
      w,
    }),
    note(
      `Each of your ${t} tokens gets a query and a key of ${dk} independent standard normal entries (seed ${state.seed}); the scores are ${describeDivision(state, dk)}.`,
    ),
    h(
      'p',
      { class: 'attn-random-summary', 'data-random-summary': '' },
      `Raw scores spread by about ${formatNumber(sd, 1)} at d_k = ${dk}; `,
      stats.unscaled.oneHotShare > 0
        ? `without the division ${percent(stats.unscaled.oneHotShare)} of rows are one-hot, `
        : 'without the division no row is one-hot yet, ',
      `with it ${percent(stats.scaled.oneHotShare)}.`,
    ),
    h(
      'table',
      { class: 'attn-stats' },
      h(
        'caption',
        null,
        `${SATURATION_QUERIES} random queries against ${SATURATION_KEYS} random keys, all entries independent standard normals of dimension ${dk} (seed ${state.seed}), no mask, τ = 1.`,
      ),
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          h('td', null),
          h('th', { scope: 'col' }, 'raw q · k'),
          h('th', { scope: 'col' }, 'q · k ÷ √d_k'),
        ),
      ),
      h(
        'tbody',
        null,
        rows.map(([label, a, b]) =>
          h('tr', null, h('th', { scope: 'row' }, label), h('td', null, a), h('td', null, b)),
        ),
      ),
    ),
  ];
}
