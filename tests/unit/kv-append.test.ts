import { describe, expect, it } from 'vitest';
import { toHtml } from '../../src/lib/el';
import {
  type AppendModel,
  appendState,
  largestDivisorAtMost,
  parseAppend,
  ratioText,
  splitTokens,
  stepWork,
  totalWork,
  toyPicture,
  toParams,
} from '../../src/lib/kv-append';
import { rowsTable, statusText, workTable } from '../../src/lib/kv-append-view';

/** The witness's toy decoder: 3 layers, 4 query heads, 4 KV heads of 6, d_model 16, float32. */
const TOY: AppendModel = { layers: 3, heads: 4, kvHeads: 4, headDim: 6, dModel: 16, dtype: 'fp32' };
/** Llama 2 7B's shape (config.json: 32 layers, 32 heads, 32 KV heads, hidden 4096, float16). */
const LLAMA2_7B: AppendModel = {
  layers: 32,
  heads: 32,
  kvHeads: 32,
  headDim: 128,
  dModel: 4096,
  dtype: 'fp16',
};

// Hand arithmetic for TOY, per sequence:
//   one position's K/V projections in one layer: 2 · d_model · H_kv · d_head = 2 · 16 · 4 · 6 = 768,
//   so 3 · 768 = 2,304 over the 3 layers;
//   one key attended in one layer: 2 · H · d_head = 2 · 4 · 6 = 48 (QKᵀ and weights · V), 3 · 48 = 144.
describe('stepWork: one step', () => {
  it.each([
    // t, cached, positions (3·positions per layer), projection, attention, total
    [1, true, 3n, 2304n, 144n, 2448n], // 1 position, 1 key
    [1, false, 3n, 2304n, 144n, 2448n], // without a cache step 1 is the same work
    [7, true, 3n, 2304n, 1008n, 3312n], // 1 position, 7 keys: 144 · 7 = 1,008
    [7, false, 21n, 16128n, 4032n, 20160n], // 7 positions: 2,304 · 7; 1+…+7 = 28 keys: 144 · 28
    [20, true, 3n, 2304n, 2880n, 5184n], // 20 keys: 144 · 20
    [20, false, 60n, 46080n, 30240n, 76320n], // 20 positions; 210 keys: 144 · 210
    [0, true, 0n, 0n, 0n, 0n], // step 0 does nothing
  ])('step %i, cached %s', (t, cached, positions, projection, attention, total) => {
    const w = stepWork(TOY, t, cached);
    expect(w).toEqual({ kvPositions: positions, projection, attention, total, flops: 2n * total });
  });

  it('counts a published shape exactly: Llama 2 7B at step 1 with a cache', () => {
    const w = stepWork(LLAMA2_7B, 1, true);
    // 32 layers · 2 · 4096 · 32 · 128 = 2^5 · 2 · 2^12 · 2^5 · 2^7 = 2^30.
    expect(w.projection).toBe(2n ** 30n);
    // 32 layers · 2 · 32 heads · 128 · 1 key = 2^18.
    expect(w.attention).toBe(2n ** 18n);
  });
});

describe('totalWork: steps 1 … T', () => {
  it.each([
    // T, cached, positions, projection, attention, total
    [7, true, 21n, 16128n, 4032n, 20160n], // 7 positions; 28 keys
    [7, false, 84n, 64512n, 12096n, 76608n], // 28 positions: 2,304 · 28; 7·8·9/6 = 84 keys: 144 · 84
    [20, true, 60n, 46080n, 30240n, 76320n], // 20 positions; 210 keys
    [20, false, 630n, 483840n, 221760n, 705600n], // 210 positions; 20·21·22/6 = 1,540 keys
    [0, false, 0n, 0n, 0n, 0n],
  ])('T = %i, cached %s', (T, cached, positions, projection, attention, total) => {
    expect(totalWork(TOY, T, cached)).toEqual({
      kvPositions: positions,
      projection,
      attention,
      total,
      flops: 2n * total,
    });
  });

  it('equals the sum of the steps (closed forms checked against the loop)', () => {
    const odd: AppendModel = { layers: 5, heads: 12, kvHeads: 3, headDim: 7, dModel: 33, dtype: 'int4' };
    for (const m of [TOY, odd, LLAMA2_7B])
      for (const cached of [true, false]) {
        let sum = 0n;
        for (let T = 0; T <= 32; T++) {
          if (T > 0) sum += stepWork(m, T, cached).total;
          expect(totalWork(m, T, cached).total).toBe(sum);
        }
      }
  });

  it('matches the witness: 1,890 and 180 projected rows for 3 sequences of 20 tokens', () => {
    // The notebook's witness counts N_layers · B · T(T+1)/2 and N_layers · B · T with B = 3.
    expect(3n * totalWork(TOY, 20, false).kvPositions).toBe(1890n);
    expect(3n * totalWork(TOY, 20, true).kvPositions).toBe(180n);
  });
});

describe('appendState: bytes from the calculator model', () => {
  it.each([
    // model, step, bytes: N_layers · T · H_kv · d_head · 2 · bytes
    [TOY, 0, 0n],
    [TOY, 1, 576n], // 3 · 1 · 4 · 6 · 2 · 4
    [TOY, 10, 5760n],
    [TOY, 20, 11520n], // the witness's 34,560 for B = 3, divided by 3
    [{ ...TOY, kvHeads: 1 }, 20, 2880n], // a quarter: 3 · 20 · 1 · 6 · 2 · 4
    [{ ...TOY, dtype: 'fp16' as const }, 20, 5760n], // half
    [{ ...TOY, dtype: 'int4' as const, headDim: 5, kvHeads: 1, heads: 1, layers: 1 }, 1, 5n], // 10 half-bytes
    [LLAMA2_7B, 1, 524288n], // the notebook's 512 KiB per token
  ])('%o at step %i holds %i bytes', (m, step, bytes) => {
    expect(appendState(m, step).bytes).toBe(bytes);
  });

  it('appends the same bytes every step and reads the whole cache', () => {
    for (let t = 1; t <= 20; t++) {
      const s = appendState(TOY, t);
      expect(s.addedBytes).toBe(576n);
      expect(s.bytesRead).toBe(s.bytes);
      expect(s.rowsAppended).toBe(3);
      expect(s.rowWidth).toBe(24); // H_kv · d_head = 4 · 6
    }
    expect(appendState(TOY, 0).addedBytes).toBe(0n);
    expect(appendState(TOY, 0).rowsAppended).toBe(0);
  });
});

describe('ratioText', () => {
  it.each([
    [705600n, 76320n, '9.245'], // 705,600 / 76,320 = 9.2453
    [2448n, 2448n, '1'],
    [1n, 0n, '–'],
    [0n, 0n, '–'],
  ])('%i / %i → %s', (a, b, text) => expect(ratioText(a, b)).toBe(text));
});

describe('toyPicture', () => {
  it('is empty at step 0', () => {
    expect(toyPicture(0, 6)).toMatchObject({ query: [], keys: [], values: [], weights: [] });
  });

  it('keeps every stored row unchanged as later steps append (a cached row never changes)', () => {
    const early = toyPicture(5, 6);
    const late = toyPicture(12, 6);
    expect(late.keys.slice(0, 5)).toEqual(early.keys);
    expect(late.values.slice(0, 5)).toEqual(early.values);
    expect(late.query).not.toEqual(early.query);
  });

  it.each([1, 2, 7, 20, 32])('gives weights that sum to 1 at step %i', (t) => {
    const { weights } = toyPicture(t, 128);
    expect(weights).toHaveLength(t);
    expect(weights.reduce((s, w) => s + w, 0)).toBeCloseTo(1, 12);
    expect(weights.every((w) => w > 0 && w < 1 + 1e-12)).toBe(true);
  });

  it('draws at most 8 numbers per row, and at least 1', () => {
    expect(toyPicture(3, 128).dims).toBe(8);
    expect(toyPicture(3, 6).dims).toBe(6);
    expect(toyPicture(3, 1).dims).toBe(1);
  });
});

describe('parseAppend: bad inputs become the nearest valid value, with a message', () => {
  const parse = (query: string, step = 4) => parseAppend(new URLSearchParams(query), TOY, step, 20);

  it('keeps the fallback when nothing is given', () => {
    expect(parse('')).toEqual({ model: TOY, step: 4, messages: {} });
  });

  it.each([
    ['layers=0', 'layers', 1, 'Must be from 1 to 128; using 1.'],
    ['layers=1e9', 'layers', 128, 'Must be from 1 to 128; using 128.'],
    ['layers=2.5', 'layers', 3, 'Must be a whole number from 1 to 128; using 3.'],
    ['layers=abc', 'layers', 3, 'Type a whole number from 1 to 128; using 3.'],
    ['layers=', 'layers', 3, 'Type a whole number from 1 to 128; using 3.'],
    ['layers=Infinity', 'layers', 3, 'Type a whole number from 1 to 128; using 3.'],
    ['head_dim=-4', 'head_dim', 1, 'Must be from 1 to 512; using 1.'],
    ['d_model=99999', 'd_model', 32768, 'Must be from 1 to 32,768; using 32,768.'],
  ])('%s', (query, field, value, message) => {
    const parsed = parse(query);
    expect(toParams(parsed.model, 0)[field]).toBe(value);
    expect(parsed.messages).toEqual({ [field]: message });
  });

  it('makes H_kv divide H', () => {
    const three = parse('heads=4&kv_heads=3');
    expect(three.model.kvHeads).toBe(2);
    expect(three.messages.kv_heads).toBe(
      'H_kv must divide H = 4, so every key/value head serves as many query heads; using 2.',
    );
    const eight = parse('heads=4&kv_heads=8');
    expect(eight.model.kvHeads).toBe(4);
    expect(eight.messages.kv_heads).toMatch(/more key\/value heads than query heads \(4\); using 4/);
    expect(parse('heads=32&kv_heads=8').messages).toEqual({});
  });

  it('rejects an unknown dtype', () => {
    const parsed = parse('dtype=fp12');
    expect(parsed.model.dtype).toBe('fp32');
    expect(parsed.messages.dtype).toBe('Unknown dtype; using fp32.');
    expect(parse('dtype=int4').model.dtype).toBe('int4');
  });

  it.each([
    ['step=99', 20],
    ['step=-3', 0],
    ['step=7.6', 8],
    ['step=x', 4],
    ['step=12', 12],
  ])('clamps %s to %i', (query, step) => expect(parse(query).step).toBe(step));

  it('round-trips through toParams', () => {
    const m: AppendModel = { layers: 5, heads: 12, kvHeads: 3, headDim: 7, dModel: 33, dtype: 'int4' };
    const params = new URLSearchParams(
      Object.entries(toParams(m, 9)).map(([k, v]) => [k, String(v)] as [string, string]),
    );
    expect(parseAppend(params, TOY, 0, 20)).toEqual({ model: m, step: 9, messages: {} });
  });
});

describe('helpers', () => {
  it.each([
    [12, 5, 4],
    [7, 3, 1],
    [8, 8, 8],
    [8, 0, 1],
    [32, 9, 8],
  ])('largestDivisorAtMost(%i, %i) = %i', (n, k, d) => expect(largestDivisorAtMost(n, k)).toBe(d));

  it('splits tokens on spaces, keeps at most 32 and at least one', () => {
    expect(splitTokens('  The  cat\tsat ')).toEqual(['The', 'cat', 'sat']);
    expect(splitTokens('')).toEqual(['token']);
    expect(splitTokens(Array(40).fill('w').join(' '))).toHaveLength(32);
  });
});

describe('the view', () => {
  const tokens = splitTokens('The <b>cache</b> keeps');

  it('says what happened, with exact bytes', () => {
    const s = appendState(TOY, 2);
    expect(statusText(s, tokens, toyPicture(2, 6))).toMatch(
      /^Step 2 of 3: “<b>cache<\/b>” appended one K row and one V row in each of 3 layers; the cache holds 2 tokens, 1,152 bytes ≈ 1.125 KiB ≈ 1.152 kB\./,
    );
    expect(statusText(appendState(TOY, 0), tokens, toyPicture(0, 6))).toBe(
      'Step 0 of 3: nothing decoded yet, the cache is empty. Step decodes “The”.',
    );
  });

  it('escapes token text in HTML', () => {
    const html = toHtml(rowsTable(appendState(TOY, 2), tokens, toyPicture(2, 6)));
    expect(html).toContain('&lt;b&gt;cache&lt;/b&gt;');
    expect(html).not.toContain('<b>');
  });

  it('puts exact values in the work table', () => {
    const html = toHtml(workTable(appendState(TOY, 20)));
    expect(html).toContain('data-kva="total-total-without" data-value="705600"');
    expect(html).toContain('data-kva="total-total-with" data-value="76320"');
    expect(html).toContain('9.245 ×');
    expect(html).not.toMatch(/NaN|Infinity|undefined/);
  });
});
