/**
 * Isomorphic: what the KV-cache append stepper draws, as element trees (src/lib/el.ts): the picture
 * of one layer's K and V rows with the new query's attention, every layer's growth, the work with and
 * without a cache, and the tables that say the same in text. The build renders the trees to HTML for
 * the page; the island renders the same trees to DOM nodes after every step.
 */
import { describeBytes, groupDigits } from './bytes';
import { type Child, type El, h } from './el';
import { type AppendModel, type AppendState, type ToyPicture, ratioText } from './kv-append';
import { bytesPerElement } from './kv-cache/model';

const plural = (n: number | bigint, one: string, many = `${one}s`) =>
  `${groupDigits(n)} ${BigInt(n) === 1n ? one : many}`;
const percent = (w: number) => `${Math.round(w * 100)} %`;
/** Tokens as the page quotes them. */
export const quote = (token: string) => `“${token}”`;

/** One sentence for the live region and the picture's title. */
export function statusText(s: AppendState, tokens: string[], toy: ToyPicture): string {
  if (s.step === 0)
    return `Step 0 of ${tokens.length}: nothing decoded yet, the cache is empty. Step decodes ${quote(tokens[0]!)}.`;
  let top = 0;
  toy.weights.forEach((w, i) => {
    if (w > toy.weights[top]!) top = i;
  });
  return (
    `Step ${s.step} of ${tokens.length}: ${quote(tokens[s.step - 1]!)} appended one K row and one V row in each of ` +
    `${plural(s.rowsAppended, 'layer')}; the cache holds ${plural(s.cachedTokens, 'token')}, ${describeBytes(s.bytes)}. ` +
    `Its query gives the largest weight, ${percent(toy.weights[top]!)}, to ${quote(tokens[top]!)}.`
  );
}

/* The picture ---------------------------------------------------------------------------------- */

const W = 386;
const ROW = 16;
const CELL = 10;
const PITCH = 11;
const TOKEN_X = 66;
const K_X = 72;
const ATT_X = 168;
const BAR_MAX = 50;
const V_X = 254;
const TOP = 48;
const LAYERS_DRAWN = 16;

const cellOpacity = (v: number) => (0.1 + (0.85 * (Math.max(-1.8, Math.min(1.8, v)) + 1.8)) / 3.6).toFixed(2);
const short = (token: string) => (token.length > 9 ? `${token.slice(0, 8)}…` : token);

function cells(values: number[], x: number, y: number): El[] {
  return values.map((v, i) =>
    h('rect', {
      class: 'kva-cell',
      x: x + i * PITCH,
      y,
      width: CELL,
      height: CELL + 1,
      'fill-opacity': cellOpacity(v),
    }),
  );
}

function text(x: number, y: number, content: string, attrs: Record<string, string | number> = {}): El {
  return h('text', { x, y, ...attrs }, content);
}

/**
 * The picture after step s: the new query over the K block, the stored K and V rows of layer 1 and
 * key/value head 1 (toy numbers, the newest row outlined), the query's attention to each row, then
 * every layer's K and V stacks and the multiply-adds so far with and without a cache. It grows by one
 * row per step, as the cache does.
 */
export function pictureSvg(
  s: AppendState,
  m: AppendModel,
  tokens: string[],
  toy: ToyPicture,
  labelledBy: string,
): El {
  const n = tokens.length;
  const width = toy.dims * PITCH - 1;
  const parts: Child[] = [];
  parts.push(
    text(K_X + width / 2, 12, 'keys K', { 'text-anchor': 'middle', class: 'kva-head' }),
    text(ATT_X, 12, 'weights', { class: 'kva-head' }),
    text(V_X + width / 2, 12, 'values V', { 'text-anchor': 'middle', class: 'kva-head' }),
  );
  if (s.step === 0) {
    parts.push(text(K_X, 31, 'Empty cache: Step decodes the first token.', { class: 'kva-muted' }));
  } else {
    // The new token's query: compared with every stored key, used once, never stored.
    parts.push(
      text(TOKEN_X, 31, 'query', { 'text-anchor': 'end', class: 'kva-new-text' }),
      ...cells(toy.query, K_X, 22),
      h('rect', { class: 'kva-query', x: K_X - 2, y: 20, width: width + 4, height: CELL + 5, rx: 2 }),
      text(ATT_X, 31, 'not stored', { class: 'kva-muted' }),
    );
    for (let j = 0; j < s.step; j++) {
      const y = TOP + j * ROW;
      const newest = j === s.step - 1;
      const w = toy.weights[j]!;
      parts.push(
        text(TOKEN_X, y + 10, short(tokens[j]!), {
          'text-anchor': 'end',
          class: newest ? 'kva-new-text' : 'kva-token',
        }),
        ...cells(toy.keys[j]!, K_X, y),
        h('rect', {
          class: 'kva-bar',
          x: ATT_X,
          y: y + 1,
          width: Math.max(0.5, w * BAR_MAX),
          height: CELL - 1,
        }),
        text(ATT_X + w * BAR_MAX + 4, y + 10, percent(w), { class: 'kva-small' }),
        ...cells(toy.values[j]!, V_X, y),
      );
      if (newest)
        parts.push(
          h('rect', { class: 'kva-newest', x: K_X - 2, y: y - 2, width: width + 4, height: CELL + 5, rx: 2 }),
          h('rect', { class: 'kva-newest', x: V_X - 2, y: y - 2, width: width + 4, height: CELL + 5, rx: 2 }),
          text(V_X + width + 6, y + 10, '← new', { class: 'kva-new-text' }),
        );
    }
  }
  let y = TOP + Math.max(1, s.step) * ROW + 4;
  parts.push(h('line', { class: 'kva-rule', x1: 0, x2: W, y1: y, y2: y }));

  // Every layer: its K and V stacks filled to t of n rows, the newest row in the highlight colour.
  y += 18;
  parts.push(
    text(0, y, `All ${plural(m.layers, 'layer')} cache alike: each appends one K row`, {
      class: 'kva-small',
    }),
    text(0, y + 15, `and one V row of ${groupDigits(s.rowWidth)} numbers (H_kv · d_head) per step.`, {
      class: 'kva-small',
    }),
  );
  y += 26;
  const stack = 36;
  const slice = stack / n;
  const drawn = Math.min(m.layers, LAYERS_DRAWN);
  for (let l = 0; l < drawn; l++) {
    const x = l * 22;
    for (const [dx, cls] of [
      [0, 'kva-stack-k'],
      [9, 'kva-stack-v'],
    ] as const) {
      parts.push(h('rect', { class: 'kva-slot', x: x + dx + 0.5, y: y + 0.5, width: 7, height: stack }));
      if (s.step > 0)
        parts.push(
          h('rect', {
            class: cls,
            x: x + dx + 0.5,
            y: y + 0.5 + stack - s.step * slice,
            width: 7,
            height: (s.step - 1) * slice,
          }),
          h('rect', {
            class: 'kva-stack-new',
            x: x + dx + 0.5,
            y: y + 0.5 + stack - s.step * slice,
            width: 7,
            height: slice,
          }),
        );
    }
  }
  parts.push(
    text(0, y + stack + 14, `K and V of each layer, filled to ${s.step} of ${n} tokens`, {
      class: 'kva-small kva-muted',
    }),
  );
  if (m.layers > drawn)
    parts.push(
      text(drawn * 22 + 2, y + stack / 2 + 4, `+ ${m.layers - drawn}`, { class: 'kva-small kva-muted' }),
    );

  // The work so far, with and without a cache, on one scale.
  y += stack + 40;
  const withT = s.withCache.total.total;
  const withoutT = s.withoutCache.total.total;
  const scale = withoutT > 0n ? Number(withoutT) : 1;
  const barW = (v: bigint) => Math.max(v > 0n ? 1 : 0, (Number(v) / scale) * (W - 2));
  parts.push(
    text(0, y, 'Multiply-adds so far (K/V projections and attention)', { class: 'kva-small kva-head' }),
    text(0, y + 17, `with a cache: ${groupDigits(withT)}`, { class: 'kva-small' }),
    h('rect', { class: 'kva-work-with', x: 0, y: y + 22, width: barW(withT), height: 9 }),
    text(0, y + 48, `recomputing without one: ${groupDigits(withoutT)}`, { class: 'kva-small' }),
    h('rect', { class: 'kva-work-without', x: 0, y: y + 53, width: barW(withoutT), height: 9 }),
  );
  y += 64;

  return h(
    'svg',
    { viewBox: `0 0 ${W} ${y}`, role: 'img', 'aria-labelledby': labelledBy, class: 'kva-svg' },
    parts,
  );
}

/* Text equivalents ------------------------------------------------------------------------------- */

/** The numbers beside the picture: the cache's bytes now, appended and read this step. */
export function bytesList(s: AppendState, m: AppendModel): El {
  const b = bytesPerElement(m.dtype);
  const item = (key: string, label: string, value: bigint, note: string) =>
    h(
      'div',
      {},
      h('dt', {}, label),
      h(
        'dd',
        {},
        h('span', { 'data-kva': key, 'data-value': value.toString() }, describeBytes(value)),
        h('br'),
        h('span', { class: 'muted small' }, note),
      ),
    );
  return h(
    'dl',
    { class: 'kva-bytes' },
    item(
      'bytes',
      'Cache now',
      s.bytes,
      `${plural(s.cachedTokens, 'token')} × ${groupDigits(s.perTokenBytes)} bytes per token (N_layers · H_kv · d_head · 2 · ${b})`,
    ),
    item(
      'added',
      'Appended this step',
      s.addedBytes,
      s.step === 0
        ? 'nothing yet'
        : `${plural(s.rowsAppended, 'K row')} and as many V rows, ${groupDigits(s.rowWidth)} numbers each`,
    ),
    item(
      'read',
      'Read this step',
      s.step === 0 ? 0n : s.bytesRead,
      s.step === 0
        ? 'nothing yet'
        : 'the new query reads every stored key and value: the cache saves computing, not reading',
    ),
  );
}

/** Work with and without a cache: this step and so far, in multiply-adds, and the ratio. */
export function workTable(s: AppendState): El {
  const rows: [string, string, keyof AppendState['withCache']['step']][] = [
    ['positions', 'Token positions projected to K and V (all layers)', 'kvPositions'],
    ['projection', 'K/V projection multiply-adds', 'projection'],
    ['attention', 'Attention multiply-adds (QKᵀ and weights · V)', 'attention'],
    ['total', 'Total multiply-adds', 'total'],
    ['flops', 'FLOPs (2 × total)', 'flops'],
  ];
  const heads: Record<string, string> = {
    'step-with': 'This step, with a cache',
    'step-without': 'This step, without',
    'total-with': 'So far, with a cache',
    'total-without': 'So far, without',
  };
  const cell = (key: string, column: string, v: bigint) =>
    h(
      'td',
      {
        class: 'kva-num',
        'data-kva': `${key}-${column}`,
        'data-value': v.toString(),
        'data-label': heads[column],
      },
      groupDigits(v),
    );
  return h(
    'table',
    { class: 'kva-work' },
    h(
      'caption',
      {},
      s.step === 0
        ? 'Work per sequence: nothing computed yet.'
        : `Work per sequence at step ${s.step}. Recomputing has done ${ratioText(s.withoutCache.total.total, s.withCache.total.total)} × the multiply-adds so far.`,
    ),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, 'Counted'),
        Object.values(heads).map((label) => h('th', { scope: 'col' }, label)),
      ),
    ),
    h(
      'tbody',
      {},
      rows.map(([key, label, field]) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, label),
          cell(key, 'step-with', s.withCache.step[field]),
          cell(key, 'step-without', s.withoutCache.step[field]),
          cell(key, 'total-with', s.withCache.total[field]),
          cell(key, 'total-without', s.withoutCache.total[field]),
        ),
      ),
    ),
  );
}

const vector = (v: number[]) => v.map((x) => x.toFixed(2).replace('-', '−')).join(', ');

/** The picture's rows as a table: every cached token and the new query's weight on it. */
export function rowsTable(s: AppendState, tokens: string[], toy: ToyPicture): El {
  return h(
    'table',
    { class: 'kva-rows' },
    h(
      'caption',
      {},
      s.step === 0
        ? 'The cache is empty: no rows yet.'
        : `Layer 1, key/value head 1 after step ${s.step}: one K row and one V row per token, each drawn as its first ${toy.dims} numbers (toy values, not a trained model's). A row never changes once stored.`,
    ),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, 'Position'),
        h('th', { scope: 'col' }, 'Token'),
        h('th', { scope: 'col' }, 'Key row (toy)'),
        h('th', { scope: 'col' }, 'Value row (toy)'),
        h(
          'th',
          { scope: 'col' },
          `Weight from the query of ${s.step === 0 ? '—' : quote(tokens[s.step - 1]!)}`,
        ),
      ),
    ),
    h(
      'tbody',
      {},
      toy.weights.map((w, j) =>
        h(
          'tr',
          { class: j === s.step - 1 ? 'kva-row-new' : undefined },
          h('td', {}, j === s.step - 1 ? `${j + 1} (new)` : String(j + 1)),
          h('th', { scope: 'row' }, tokens[j]!),
          h('td', { class: 'kva-vec' }, vector(toy.keys[j]!)),
          h('td', { class: 'kva-vec' }, vector(toy.values[j]!)),
          h('td', { class: 'kva-num' }, percent(w)),
        ),
      ),
    ),
  );
}
