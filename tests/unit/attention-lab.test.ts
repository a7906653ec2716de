// The attention lab's state, input checks, hash format and views. Expected weights are worked out by
// hand from the presets: in "lookup" each query scores 4 against the key it wants and 0 against the
// others, so after ÷ √4 = 2 the wanted key gets e² / (e² + n − 1) among n visible keys.
import { describe, expect, it } from 'vitest';
import { attention } from '../../src/lib/attention';
import {
  D_MODEL,
  DK_RULE,
  DK_STOPS,
  ENTRY_RULE,
  formatFixed,
  formatNumber,
  formatWeight,
  fromParams,
  inUse,
  type LabState,
  MAX_TOKENS,
  nearestStop,
  PRESET_IDS,
  PRESETS,
  readNumber,
  readTokens,
  stateFor,
  TEMPERATURE_RULE,
  TEMPERATURE_STOPS,
  toParams,
} from '../../src/lib/attention-lab';
import {
  computeLab,
  editorView,
  explainView,
  fitSelection,
  heatLevel,
  pipelineView,
  randomView,
  summary,
} from '../../src/lib/attention-lab-view';
import { hashFor, readHashState } from '../../src/lib/hash-state';
import { h, toHtml } from '../../src/lib/html-tree';

const E2 = Math.exp(2);
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const roundTrip = (s: LabState) => fromParams(new URLSearchParams(toParams(s)), stateFor('lookup'));

describe('presets', () => {
  it.each(PRESET_IDS)('%s has %d rows of %d numbers in Q, K and V, all within ±9', (id) => {
    const p = PRESETS[id];
    for (const m of [p.q, p.k, p.v]) {
      expect(m).toHaveLength(MAX_TOKENS);
      for (const row of m) {
        expect(row).toHaveLength(D_MODEL);
        for (const x of row) expect(Math.abs(x)).toBeLessThanOrEqual(ENTRY_RULE.max);
      }
    }
    expect(p.tokens.length).toBeGreaterThanOrEqual(2);
  });

  it('lookup, mask on, scaled: red 1/(1 + e^−2) on the, fox e²/(e² + 2) on red, ran e²/(e² + 3) on fox', () => {
    const r = computeLab(stateFor('lookup')).heads[0];
    expect(r.divisor).toBe(2);
    expect(r.weights[0]).toEqual([1, 0, 0, 0]);
    expect(r.weights[1][0]).toBeCloseTo(E2 / (E2 + 1), 14); // 0.8808
    expect(r.weights[2][1]).toBeCloseTo(E2 / (E2 + 2), 14); // 0.7870
    expect(r.weights[3][2]).toBeCloseTo(E2 / (E2 + 3), 14); // 0.7112
    expect(r.weights[3][0]).toBeCloseTo(1 / (E2 + 3), 14); // 0.0963
  });

  it('lookup without scaling: fox puts e⁴/(e⁴ + 2) ≈ 0.965 on red', () => {
    const r = computeLab({ ...stateFor('lookup'), scale: false }).heads[0];
    expect(r.weights[2][1]).toBeCloseTo(Math.exp(4) / (Math.exp(4) + 2), 14);
  });

  it('lookup without the mask: every row sees 4 keys, so each wanted key gets e²/(e² + 3)', () => {
    const r = computeLab({ ...stateFor('lookup'), causal: false }).heads[0];
    const wanted = [2, 0, 1, 2]; // the → fox (a noun), red → the, fox → red, ran → fox
    wanted.forEach((j, i) => expect(r.weights[i][j]).toBeCloseTo(E2 / (E2 + 3), 14));
  });

  it('average, mask on: row i is uniform over i + 1 keys and the last output is the mean of V', () => {
    const r = computeLab(stateFor('average')).heads[0];
    r.weights.forEach((row, i) => row.forEach((w, j) => expect(w).toBeCloseTo(j <= i ? 1 / (i + 1) : 0, 15)));
    // V's first four rows are (1,0,0,0) … (0,0,0,1): their mean is ¼ in every column.
    r.output[3].forEach((x) => expect(x).toBeCloseTo(0.25, 15));
  });

  it('large: scores 36 ÷ 2 = 18 leave fox almost exactly one-hot on red, shown as 1.00 (not 1)', () => {
    const r = computeLab(stateFor('large')).heads[0];
    expect(r.raw[2][1]).toBe(36);
    expect(r.weights[2][1]).toBeCloseTo(1 - 2 / (Math.exp(18) + 2), 15);
    expect(formatWeight(r.weights[2][1])).toBe('1.00');
  });

  it('two heads: head 1 reads the previous token most, head 2 the nouns', () => {
    const s = stateFor('two-heads');
    expect(s.heads).toBe(2);
    const [prev, nouns] = computeLab(s).heads;
    expect(prev.divisor).toBeCloseTo(Math.SQRT2, 15);
    for (let i = 1; i < 6; i++) expect(prev.weights[i].indexOf(Math.max(...prev.weights[i]))).toBe(i - 1);
    // saw (row 2) sees the, fox, saw: only fox is a noun (2 · 2 = 4 ÷ √2 ≈ 2.83 against 0 and 0).
    expect(nouns.weights[2][1]).toBeCloseTo(Math.exp(4 / Math.SQRT2) / (Math.exp(4 / Math.SQRT2) + 2), 12);
  });

  it('the lab agrees with attention() on the rows in use', () => {
    const s = { ...stateFor('self'), tokens: ['a', 'b', 'c'], causal: false, temperature: 0.5 };
    const { q, k, v } = inUse(s);
    const direct = attention(q, k, v, { scale: true, causal: false, temperature: 0.5 });
    expect(computeLab(s).output).toEqual(direct.output);
    expect(q).toHaveLength(3);
  });
});

describe('reading what a reader types', () => {
  it.each([
    // [text, rule, fallback, value, message contains]
    ['1.5', ENTRY_RULE, 0, 1.5, ''],
    ['−2', ENTRY_RULE, 0, -2, ''], // a Unicode minus
    ['0,5', ENTRY_RULE, 0, 0.5, ''], // a decimal comma
    ['-0', ENTRY_RULE, 1, 0, ''],
    ['', ENTRY_RULE, 3, 3, 'Enter a number'],
    ['abc', ENTRY_RULE, 3, 3, 'is not a number'],
    ['99', ENTRY_RULE, 0, 9, 'goes from −9 to 9: using 9'],
    ['-1e9', ENTRY_RULE, 0, -9, 'using −9'],
    ['1e400', ENTRY_RULE, 0, 9, 'using 9'], // 1e400 is Infinity in JavaScript
    ['Infinity', ENTRY_RULE, 0, 9, 'using 9'],
    ['0', TEMPERATURE_RULE, 1, 0.1, 'τ goes from 0.1 to 10: using 0.1'],
    ['0.05', TEMPERATURE_RULE, 1, 0.1, 'using 0.1'],
    ['2.5', DK_RULE, 64, 3, 'd_k is a whole number: using 3'], // Math.round(2.5) = 3
    ['100000', DK_RULE, 64, 512, 'using 512'],
    ['NaN', DK_RULE, 64, 64, 'is not a number'],
  ])('%j (%o) gives %d', (input, rule, fallback, value, message) => {
    const r = readNumber(input, rule, fallback);
    expect(r.value).toBe(value);
    expect(Number.isFinite(r.value)).toBe(true);
    if (message) expect(r.message).toContain(message);
    else expect(r.message).toBe('');
  });

  it('keeps a long unreadable input short in its message', () => {
    expect(readNumber('x'.repeat(500), ENTRY_RULE, 0).message.length).toBeLessThan(80);
  });

  it.each([
    ['the cat sat', ['the', 'cat', 'sat'], ''],
    ['  a \t  b  ', ['a', 'b'], ''],
    ['one', ['x', 'y'], 'Enter 2 to 6 tokens'],
    ['', ['x', 'y'], 'Enter 2 to 6 tokens'],
    ['1 2 3 4 5 6 7 8', ['1', '2', '3', '4', '5', '6'], 'using the first 6'],
    ['supercalifragilistic a', ['supercalifra', 'a'], 'cut to 12 characters'],
  ])('tokens from %j', (input, tokens, message) => {
    const r = readTokens(input, ['x', 'y']);
    expect(r.tokens).toEqual(tokens);
    if (message) expect(r.message).toContain(message);
    else expect(r.message).toBe('');
  });

  it.each([
    [TEMPERATURE_STOPS, 0.8, 0.7], // |ln(0.7/0.8)| = 0.13 < |ln(1/0.8)| = 0.22
    [TEMPERATURE_STOPS, 1, 1],
    [DK_STOPS, 100, 128], // ln(128/100) = 0.25 < ln(100/64) = 0.45
    [DK_STOPS, 3, 4], // ln(4/3) = 0.29 < ln(3/2) = 0.41
    [DK_STOPS, 512, 512],
  ])('the slider stop nearest to %d is %d', (stops, x, stop) => {
    expect(stops[nearestStop(stops, x)]).toBe(stop);
  });
});

describe('formatting', () => {
  it.each([
    [0.5, '0.5'],
    [-1.25, '−1.25'],
    [2, '2'],
    [-0.001, '0'],
    [1 / 3, '0.33'],
    [-Infinity, '−∞'],
  ])('formatNumber(%d) = %s', (x, s) => expect(formatNumber(x)).toBe(s));

  it.each([
    [0.1, '0.10'],
    [2, '2.00'],
    [-1.994, '−1.99'],
    [-0.001, '0.00'],
    [-Infinity, '−∞'],
  ])('formatFixed(%d) = %s', (x, s) => expect(formatFixed(x)).toBe(s));

  it.each([
    [0, '0'],
    [1, '1'],
    [0.999999, '1.00'],
    [0.001, '0.00'],
    [E2 / (E2 + 3), '0.71'],
  ])('formatWeight(%d) = %s: exact 0 and 1 differ from nearly 0 and nearly 1', (w, s) =>
    expect(formatWeight(w)).toBe(s),
  );

  it.each([
    [0, 0],
    [0.04, 0],
    [0.45, 5], // Math.round(4.5) = 5: from here the shade is dark under light text
    [0.71, 7],
    [1, 10],
  ])('weight %d gets shade %d', (w, level) => expect(heatLevel(w)).toBe(level));
});

describe('the URL hash', () => {
  it('round-trips a preset state without writing the matrices', () => {
    const s: LabState = {
      ...stateFor('lookup'),
      scale: false,
      causal: false,
      temperature: 0.5,
      dk: 256,
      seed: 9,
    };
    const params = toParams(s);
    expect(params.q).toBeUndefined();
    expect(params).toMatchObject({
      preset: 'lookup',
      scale: 'off',
      mask: 'off',
      temp: '0.5',
      dk: '256',
      seed: '9',
    });
    const back = roundTrip(s);
    expect(back.notes).toEqual([]);
    expect(back.state).toEqual(s);
  });

  it('round-trips edited matrices and tokens through hashFor and readHashState', () => {
    const base = stateFor('lookup');
    const s: LabState = {
      ...base,
      preset: 'custom',
      tokens: ['a', 'b', 'c'],
      q: base.q.map((row, i) => (i === 1 ? [-1.5, 0.25, 9, -9] : row)),
      heads: 2,
      head: 1,
    };
    const hash = hashFor('attention-lab', toParams(s));
    expect(hash).toContain('q=0_0_2_0*-1.5_0.25_9_-9*0_2_0_0&');
    const back = fromParams(readHashState(hash, 'attention-lab')!, stateFor('lookup'));
    expect(back.notes).toEqual([]);
    expect(inUse(back.state)).toEqual(inUse(s));
    expect(back.state.heads).toBe(2);
    expect(back.state.head).toBe(1);
  });

  it('fixes every bad value with a note, and never yields NaN', () => {
    const params = new URLSearchParams({
      preset: 'custom',
      tokens: 'solo',
      q: '1_2_x*99',
      scale: 'maybe',
      temp: '0',
      dk: '2.5',
      heads: '3',
      head: '7',
      seed: '-4',
    });
    const { state, notes } = fromParams(params, stateFor('lookup'));
    expect(notes.join(' ')).toMatch(/Enter 2 to 6 tokens/);
    expect(notes.join(' ')).toMatch(/The link’s Q should have 4 rows/);
    expect(notes.join(' ')).toMatch(/scale=“maybe” is neither on nor off/);
    expect(notes.join(' ')).toMatch(/τ goes from 0.1 to 10: using 0.1/);
    expect(notes.join(' ')).toMatch(/d_k is a whole number: using 3/);
    expect(notes.join(' ')).toMatch(/asks for 3 heads/);
    expect(notes.join(' ')).toMatch(/The seed goes from 1/);
    expect(state.tokens).toEqual(['the', 'red', 'fox', 'ran']);
    expect(state.q[0]).toEqual([1, 2, 2, 0]); // "x" keeps the preset's entry, a missing one too
    expect(state.q[1]).toEqual([9, 0, 0, 0]); // 99 clamps to 9; the rest of red's row (2, 0, 0, 0) stays
    expect(state.scale).toBe(true);
    expect(state.temperature).toBe(0.1);
    expect(state.dk).toBe(3);
    expect(state.heads).toBe(1);
    expect(state.head).toBe(0);
    expect(state.seed).toBe(1);
    expect(JSON.stringify(state)).not.toMatch(/NaN|null/);
  });

  it('names an unknown preset and keeps the start', () => {
    const { state, notes } = fromParams(new URLSearchParams('preset=gpt'), stateFor('average'));
    expect(notes[0]).toContain('“gpt”');
    expect(state.preset).toBe('average');
  });
});

describe('views', () => {
  const s = stateFor('lookup');
  const results = computeLab(s);
  const sel = fitSelection(s, results);

  it('selects the last row’s strongest key by default, and keeps a selection that still fits', () => {
    expect(sel).toEqual({ head: 0, i: 3, j: 2 });
    expect(fitSelection(s, results, { head: 0, i: 1, j: 3 })).toEqual({ head: 0, i: 1, j: 3 });
    expect(fitSelection(s, results, { head: 3, i: 9, j: 0 })).toEqual({ head: 0, i: 3, j: 2 });
  });

  it('the editor has one labelled number field per entry of Q, K and V', () => {
    const html = toHtml(editorView(s, 'lab'));
    expect(html.match(/<input /g)).toHaveLength(3 * 4 * D_MODEL);
    expect(html).toContain('aria-label="K, row 3 (fox), column 2"');
    expect(html).toContain('aria-describedby="lab-err-k"');
  });

  it('escapes tokens: a token is text, never markup', () => {
    const evil = { ...s, tokens: ['<img src=x onerror=alert(1)>', '"&"'] };
    const html =
      toHtml(editorView(evil, 'lab')) + toHtml(pipelineView(evil, computeLab(evil), { head: 0, i: 1, j: 0 }));
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('aria-label="Q, row 2 (&#34;&#38;&#34;), column 1"');
  });

  it('shows the weights, the masked cells and the worked explanation', () => {
    const html = toHtml(pipelineView(s, results, sel));
    const t = text(html);
    expect(t).toContain('3. Weights: softmax of each row');
    expect(html).toContain('aria-label="0.71: weight of ran on fox"');
    expect(html).toContain('aria-label="0, masked: weight of the on red"');
    expect(html.match(/attn-masked/g)!.length).toBe(2 * 6); // 6 cells above the diagonal, in steps 2 and 3
    expect(t).toContain('Score: q(ran) · k(fox) = 0 × 0 + 0 × 0 + 2 × 2 + 0 × 0 = 4.');
    expect(t).toContain('Scale: 4 ÷ √4 = 4 ÷ 2 = 2.');
    expect(t).toContain('so the weight is 1 ÷ 1.406 = 0.71.'); // 1 + 3e^−2 = 1.406
    expect(t).not.toMatch(/NaN|undefined|Infinity/);
  });

  it('writes a total just above 1 as 1 + ε: ran with q = (0, 0, 9, 0) scores 18 ÷ 2 = 9 on fox', () => {
    const q = s.q.map((row, i) => (i === 3 ? [0, 0, 9, 0] : row));
    const edited = { ...s, preset: 'custom' as const, q };
    const t = text(toHtml(explainView(edited, computeLab(edited), { head: 0, i: 3, j: 2 })));
    // The other three logits are 0: 3 e^−9 = 3.7 × 10^−4; e⁹/(e⁹ + 3) = 0.9996, shown as 1.00.
    expect(t).toContain('add up to 1 + 3.7 × 10^−4, so the weight is 1 ÷ (1 + 3.7 × 10^−4) = 1.00.');
  });

  it('explains a masked weight as exactly 0', () => {
    const t = text(toHtml(explainView(s, results, { head: 0, i: 0, j: 3 })));
    expect(t).toContain('Mask: ran comes after the, so the mask adds −∞');
    expect(t).not.toContain('Softmax over');
  });

  it('with two heads shows every head and the chosen head’s columns', () => {
    const two = { ...s, heads: 2 as const, head: 1 };
    const r = computeLab(two);
    const t = text(toHtml(pipelineView(two, r, fitSelection(two, r))));
    expect(t).toContain('The weights of all 2 heads');
    expect(t).toContain('Head 2: columns 3–4');
    expect(t).toContain('divided by √d_k = √2 ≈ 1.41');
    expect(summary(two, r, fitSelection(two, r))).toContain('2 heads (showing head 2)');
  });

  it('the random experiment reports both columns without NaN', () => {
    const t = text(toHtml(randomView({ ...s, dk: 512 })));
    expect(t).toContain('Random queries and keys, d_k = 512');
    expect(t).toContain('√512 = 22.63');
    expect(t).not.toMatch(/NaN|undefined|Infinity/);
  });
});

describe('html-tree', () => {
  it('serialises attributes, booleans and void elements, and escapes text', () => {
    expect(toHtml(h('input', { type: 'checkbox', checked: true, disabled: false, value: 'a"b' }))).toBe(
      '<input type="checkbox" checked value="a&#34;b">',
    );
    expect(toHtml(h('p', null, 'a < b & c', null, false, 3))).toBe('<p>a &lt; b &amp; c3</p>');
  });

  it.each([
    ['an event handler', () => h('button', { onclick: 'x()' })],
    ['a bad tag', () => h('scr ipt')],
    ['a bad attribute name', () => h('p', { 'a"b': 1 })],
  ])('refuses %s', (_, f) => expect(f).toThrow(RangeError));
});
