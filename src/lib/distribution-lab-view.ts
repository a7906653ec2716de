/**
 * Isomorphic: what the distribution lab draws, as element trees (src/lib/el.ts): a bar chart per
 * distribution (with the other one's outline for comparison), the two cross-entropies split into
 * entropy + KL on one scale so the asymmetry is a visible difference in length, the measures, and a
 * table of the per-outcome terms. The build renders the trees to HTML; the island to DOM nodes.
 */
import { type El, h } from './el';
import { type Amount, type LabResult, type Unit, probabilityText } from './distributions';

/** "1.234 bits", or "infinite"; never Infinity or NaN. */
export function amountText(a: Amount, unit: Unit): string {
  return a.finite ? `${a.value.toFixed(3)} ${unit}` : 'infinite';
}
const valueText = (x: number, unit: Unit) => `${x.toFixed(3)} ${unit}`;
/** Probabilities in the table: three decimals, and "< 0.001" rather than a misleading 0.000. */
export const probText = (x: number) => (x === 0 ? '0' : x < 0.0005 ? '< 0.001' : x.toFixed(3));

/* Bar charts ----------------------------------------------------------------------------------- */

const CW = 260;
const BASE = 128;
const TALL = 100;
const LEFT = 26;

/** One distribution's bars on a 0 … 1 scale, with the other distribution's bars as dashed outlines. */
export function barChart(
  mine: number[],
  other: number[],
  labels: string[],
  name: string,
  otherName: string,
  titleId: string,
): El {
  const n = mine.length;
  const slot = (CW - LEFT - 4) / n;
  const bw = Math.min(34, slot * 0.62);
  const parts: El[] = [];
  for (const [v, label] of [
    [0, '0'],
    [0.5, '0.5'],
    [1, '1'],
  ] as const) {
    const y = BASE - v * TALL;
    parts.push(
      h('line', { class: 'dl-grid', x1: LEFT, x2: CW, y1: y, y2: y }),
      h('text', { class: 'dl-tick', x: LEFT - 4, y: y + 3, 'text-anchor': 'end' }, label),
    );
  }
  mine.forEach((p, i) => {
    const x = LEFT + 2 + i * slot + (slot - bw) / 2;
    const cx = x + bw / 2;
    const q = other[i] ?? 0;
    parts.push(
      h('rect', {
        class: `dl-bar dl-bar-${name.toLowerCase()}`,
        x,
        y: BASE - p * TALL,
        width: bw,
        height: p * TALL,
      }),
      h('rect', {
        class: 'dl-ghost',
        x: x + 0.75,
        y: BASE - q * TALL,
        width: bw - 1.5,
        height: Math.max(0, q * TALL - 0.75),
      }),
      h(
        'text',
        {
          class: p === 0 ? 'dl-value dl-zero' : 'dl-value',
          x: cx,
          y: BASE - Math.max(p, q) * TALL - 4,
          'text-anchor': 'middle',
        },
        p === 0 ? '0' : p < 0.005 ? '<.01' : p.toFixed(2),
      ),
      h('text', { class: 'dl-label', x: cx, y: BASE + 14, 'text-anchor': 'middle' }, labels[i]!.slice(0, 6)),
    );
  });
  return h(
    'svg',
    { viewBox: `0 0 ${CW} ${BASE + 20}`, role: 'img', 'aria-labelledby': titleId, class: 'dl-svg' },
    h(
      'title',
      { id: titleId },
      `${name}: ${labels.map((l, i) => `${l} ${probabilityText(mine[i]!)}`).join(', ')}; dashed outlines show ${otherName}.`,
    ),
    parts,
  );
}

/* Cross-entropy = entropy + KL, both ways --------------------------------------------------------- */

const DW = 300;

/**
 * H(P, Q) = H(P) + KL(P‖Q) above H(Q, P) = H(Q) + KL(Q‖P), on one scale: the KL parts are the
 * asymmetry. An infinite part runs off the right edge and is labelled "infinite".
 */
export function decompositionSvg(r: LabResult, unit: Unit, titleId: string): El {
  const rows = [
    { a: 'P', b: 'Q', h: r.hP, kl: r.klPQ, key: 'pq' },
    { a: 'Q', b: 'P', h: r.hQ, kl: r.klQP, key: 'qp' },
  ];
  const finiteTotals = rows.map((row) => row.h + (row.kl.finite ? row.kl.value : 0));
  const max = Math.max(...finiteTotals, 0.001) * 1.12;
  const edge = DW - 6;
  const scale = (v: number) => (v / max) * (edge - 40);
  const parts: El[] = [];
  rows.forEach((row, k) => {
    const y = 14 + k * 62;
    const hW = scale(row.h);
    const klText = row.kl.finite ? row.kl.value.toFixed(3) : 'infinite';
    const total = row.kl.finite ? (row.h + row.kl.value).toFixed(3) : 'infinite';
    const bar = y + 20;
    parts.push(
      h(
        'text',
        { class: 'dl-row-label', x: 0, y },
        `H(${row.a}, ${row.b}) = H(${row.a}) + KL(${row.a}‖${row.b})`,
      ),
      h('text', { class: 'dl-row-label', x: 0, y: y + 14 }, `= ${row.h.toFixed(3)} + ${klText} = ${total}`),
      h('rect', { class: 'dl-seg-h', x: 0, y: bar, width: Math.max(0, hW), height: 18 }),
    );
    if (row.kl.finite) {
      parts.push(h('rect', { class: 'dl-seg-kl', x: hW, y: bar, width: scale(row.kl.value), height: 18 }));
    } else {
      // Off the scale: a paler segment to the edge and an arrow.
      parts.push(
        h('rect', {
          class: 'dl-seg-kl dl-seg-inf',
          x: hW,
          y: bar,
          width: Math.max(8, edge - hW - 8),
          height: 18,
        }),
        h('path', {
          class: 'dl-arrow',
          d: `M ${edge - 8} ${bar - 4} L ${edge} ${bar + 9} L ${edge - 8} ${bar + 22} Z`,
        }),
      );
    }
  });
  parts.push(
    h('line', { class: 'dl-axis', x1: 0, x2: edge, y1: 132, y2: 132 }),
    h('text', { class: 'dl-tick', x: 0, y: 145 }, `0 ${unit}`),
    h(
      'text',
      { class: 'dl-tick', x: scale(max / 1.12), y: 145, 'text-anchor': 'middle' },
      (max / 1.12).toFixed(2),
    ),
    h('rect', { class: 'dl-seg-h', x: 0, y: 154, width: 12, height: 10 }),
    h('text', { class: 'dl-tick', x: 16, y: 163 }, 'entropy'),
    h('rect', { class: 'dl-seg-kl', x: 70, y: 154, width: 12, height: 10 }),
    h('text', { class: 'dl-tick', x: 86, y: 163 }, 'KL divergence (extra cost)'),
  );
  return h(
    'svg',
    { viewBox: `0 0 ${DW} 170`, role: 'img', 'aria-labelledby': titleId, class: 'dl-svg dl-decomp' },
    h(
      'title',
      { id: titleId },
      `Cross-entropy split into entropy and KL divergence. H(P, Q) = ${valueText(r.hP, unit)} + ${amountText(r.klPQ, unit)}; H(Q, P) = ${valueText(r.hQ, unit)} + ${amountText(r.klQP, unit)}.`,
    ),
    parts,
  );
}

/* Text ---------------------------------------------------------------------------------------- */

/** One or two sentences on how the two directions compare. */
export function asymmetryText(r: LabResult, unit: Unit): string {
  const a = r.klPQ;
  const b = r.klQP;
  if (!a.finite && !b.finite)
    return 'Both directions are infinite: each distribution gives probability 0 to an outcome the other can produce.';
  if (!a.finite)
    return `KL(P‖Q) is infinite but KL(Q‖P) is ${amountText(b, unit)}: Q rules out an outcome P can produce, while everything Q can produce, P can too.`;
  if (!b.finite)
    return `KL(Q‖P) is infinite but KL(P‖Q) is ${amountText(a, unit)}: P rules out an outcome Q can produce, while everything P can produce, Q can too.`;
  if (Math.abs(a.value - b.value) < 0.0005)
    return a.value < 0.0005
      ? 'P and Q are the same distribution, so both divergences are 0.'
      : `The two directions agree to three decimals here (${amountText(a, unit)}), which is a coincidence of these numbers, not a rule.`;
  return `KL(P‖Q) = ${amountText(a, unit)} and KL(Q‖P) = ${amountText(b, unit)}: they differ by ${valueText(Math.abs(a.value - b.value), unit)}, because each averages the log-ratio under a different distribution.`;
}

/** The six measures, each with its exact value in data-value (empty when infinite). */
export function measuresList(r: LabResult, unit: Unit): El {
  const item = (key: string, label: string, a: Amount) =>
    h(
      'div',
      {},
      h('dt', {}, label),
      h(
        'dd',
        {},
        h('span', { 'data-dl': key, 'data-value': a.finite ? String(a.value) : '' }, amountText(a, unit)),
        !a.finite && h('span', { class: 'dl-reason' }, a.reason),
      ),
    );
  const fin = (value: number): Amount => ({ finite: true, value });
  return h(
    'dl',
    { class: 'dl-measures' },
    item('h-p', 'Entropy H(P)', fin(r.hP)),
    item('h-q', 'Entropy H(Q)', fin(r.hQ)),
    item('cross-pq', 'Cross-entropy H(P, Q)', r.crossPQ),
    item('cross-qp', 'Cross-entropy H(Q, P)', r.crossQP),
    item('kl-pq', 'KL(P‖Q)', r.klPQ),
    item('kl-qp', 'KL(Q‖P)', r.klQP),
  );
}

/** Per outcome: P, Q and the two KL terms, whose column sums are the two divergences. */
export function termsTable(r: LabResult, labels: string[], unit: Unit): El {
  const term = (t: number | null, names: [string, string], first: number) =>
    t === null
      ? h('td', { class: 'dl-num dl-inf' }, `infinite (${names[1]} = 0)`)
      : first === 0
        ? h('td', { class: 'dl-num' }, `0 (${names[0]} = 0)`)
        : h('td', { class: 'dl-num' }, t.toFixed(3).replace('-', '−'));
  return h(
    'table',
    { class: 'dl-terms' },
    h(
      'caption',
      {},
      `Term by term, in ${unit}: the same log-ratio, weighted by P in one direction and by Q in the other.`,
    ),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, 'Outcome'),
        h('th', { scope: 'col' }, 'P'),
        h('th', { scope: 'col' }, 'Q'),
        h('th', { scope: 'col' }, 'p · log(p / q)'),
        h('th', { scope: 'col' }, 'q · log(q / p)'),
      ),
    ),
    h(
      'tbody',
      {},
      labels.map((label, i) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, label),
          h('td', { class: 'dl-num' }, probText(r.p[i]!)),
          h('td', { class: 'dl-num' }, probText(r.q[i]!)),
          term(r.termsPQ[i]!, ['P', 'Q'], r.p[i]!),
          term(r.termsQP[i]!, ['Q', 'P'], r.q[i]!),
        ),
      ),
    ),
    h(
      'tfoot',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'row', colspan: 3 }, 'Sum'),
        h('td', { class: 'dl-num' }, `KL(P‖Q) = ${amountText(r.klPQ, unit)}`),
        h('td', { class: 'dl-num' }, `KL(Q‖P) = ${amountText(r.klQP, unit)}`),
      ),
    ),
  );
}
