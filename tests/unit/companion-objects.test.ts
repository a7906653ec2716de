import { describe, expect, it } from 'vitest';
import { companionPrompt, DEFAULT_PROFILE } from '../../src/lib/companion';
import { noteObjects, notebookObjects, symbolsIn } from '../../src/lib/companion-objects';
import { mapperObjects } from '../../src/lib/mapper/companion-objects';
import type { MapResult } from '../../src/lib/mapper/rank';
import type { Note } from '../../src/lib/notes';
import { conceptObjects } from '../../src/lib/object-ids';

const symbols = [
  { tex: 'B', meaning: 'batch size' },
  { tex: 'T', meaning: 'tokens in context' },
  { tex: 'H_{kv}', meaning: 'KV heads' },
  { tex: 'd_{head}', meaning: 'head dimension' },
  { tex: 'Q', meaning: 'queries' },
];

describe('symbolsIn', () => {
  it('finds the symbols an equation uses, in the table’s order', () => {
    const tex = String.raw`\mathrm{Mem}_{KV} = 2\,B\,L\,T\,H_{kv}\,d_{head}\,b`;
    expect(symbolsIn(tex, symbols).map((s) => s.tex)).toEqual(['B', 'T', 'H_{kv}', 'd_{head}']);
  });

  it('finds letters written as a product, but not inside a command’s name or a word', () => {
    // \mathrm{Tokens} holds a T and \Big a B, but neither symbol is used; QK^T is Q times K transposed.
    const tex = String.raw`\Big( Q K^\top \Big) + \mathrm{Tokens}`;
    expect(symbolsIn(tex, [...symbols, { tex: 'K', meaning: 'keys' }, { tex: 'o', meaning: 'not here' }]).map((s) => s.tex)).toEqual(['Q', 'K']);
    expect(symbolsIn(String.raw`\frac{x}{y}`, [{ tex: 'x', meaning: 'x' }, { tex: 'r', meaning: 'not here' }]).map((s) => s.tex)).toEqual(['x']);
  });

  it('reads W_{Q} and W_Q as the same symbol', () => {
    expect(symbolsIn('x W_{Q}', [{ tex: 'W_Q', meaning: 'query weights' }, { tex: 'x', meaning: 'input' }]).map((s) => s.tex)).toEqual([
      'W_Q',
      'x',
    ]);
  });

  it('falls back to the whole table when it finds none, so the prompt never loses its symbols', () => {
    expect(symbolsIn(String.raw`\sigma(z)`, symbols)).toEqual(symbols);
  });
});

const source = {
  slug: 'kv-cache',
  title: 'KV cache',
  complete: true,
  equationLabels: ['mem-kv'],
  hasWitness: true,
  claimBoundary: { sourced: [{ claim: 'GQA cuts the cache by H/H_kv.', source: 'ainslie-2023-gqa' }] },
};
const atlasObjects = conceptObjects(source);
const claimAnchor = atlasObjects.find((o) => o.kind === 'claim')!.anchor!;
const notebook = {
  complete: true,
  objects: atlasObjects,
  equationTex: { 'eq-mem-kv': String.raw`\mathrm{Mem}_{KV} = 2\,B\,T\,H_{kv}` },
  symbols,
  demoPlan: 'A calculator of cache memory.',
  shown: ['0.5 MiB per token for Llama 2 7B in fp16.'],
  claims: { [claimAnchor]: { claim: 'GQA cuts the cache by H/H_kv.', source: 'GQA (Ainslie et al., 2023)' } },
};

describe('notebookObjects', () => {
  it('uses the note ids of object-ids.ts, with the intuition and math sections after the page', () => {
    const ids = notebookObjects(notebook).map((o) => o.id);
    expect(ids).toEqual([
      'kv-cache',
      'kv-cache#intuition',
      'kv-cache#math',
      'kv-cache#eq-mem-kv',
      'kv-cache#witness',
      'kv-cache#demo',
      'kv-cache#claim-boundary',
      `kv-cache#${claimAnchor}`,
    ]);
    // Every note object is offered: one id scheme for notes and the companion.
    for (const object of atlasObjects) expect(ids).toContain(object.id);
  });

  it('gives a labelled equation its TeX and only the symbols it uses', () => {
    const eq = notebookObjects(notebook).find((o) => o.id === 'kv-cache#eq-mem-kv')!;
    expect(eq.tex).toBe(String.raw`\mathrm{Mem}_{KV} = 2\,B\,T\,H_{kv}`);
    expect(eq.symbols!.map((s) => s.tex)).toEqual(['B', 'T', 'H_{kv}']);
    const prompt = companionPrompt({ kind: 'notebook', title: 'KV cache', url: 'u', summary: 's', objects: notebookObjects(notebook), prerequisites: [] }, eq.id, DEFAULT_PROFILE, 'explain', { known: new Set() });
    expect(prompt).toContain(String.raw`$$\mathrm{Mem}_{KV} = 2\,B\,T\,H_{kv}$$`);
    expect(prompt).toContain('- $H_{kv}$: KV heads');
    expect(prompt).not.toContain('d_{head}');
  });

  it('says what the witness shows and quotes a sourced claim with its source', () => {
    const objects = notebookObjects(notebook);
    expect(objects.find((o) => o.id === 'kv-cache#witness')!.text).toContain('0.5 MiB per token');
    expect(objects.find((o) => o.id === `kv-cache#${claimAnchor}`)!.text).toBe(
      'A claim the page takes from a source, not from its own toy: "GQA cuts the cache by H/H_kv." (GQA (Ainslie et al., 2023)).',
    );
  });

  it('offers only the page itself on a planned notebook', () => {
    const planned = conceptObjects({ ...source, complete: false });
    expect(notebookObjects({ ...notebook, complete: false, objects: planned })).toEqual([
      { id: 'kv-cache', label: 'The whole page' },
    ]);
  });
});

const note = (over: Partial<Note>): Note => ({
  id: 'n-0123456789',
  object: 'kv-cache#eq-mem-kv',
  objectLabel: 'Equation mem-kv',
  kind: 'question',
  text: 'Why is there a factor of 2 in front?',
  at: '2026-12-05T09:00:00.000Z',
  ...over,
});

describe('noteObjects', () => {
  const page = notebookObjects(notebook);

  it('offers the reader’s notes on this page, carrying the note and its equation', () => {
    const [object] = noteObjects([note({})], page);
    expect(object).toMatchObject({
      id: 'note:n-0123456789',
      label: 'Your question: Why is there a factor of 2 in front?',
      group: 'Your notes',
      tex: String.raw`\mathrm{Mem}_{KV} = 2\,B\,T\,H_{kv}`,
    });
    expect(object!.text).toBe('My question note on Equation mem-kv, written 2026-12-05:\n"""\nWhy is there a factor of 2 in front?\n"""');
  });

  it('includes what a reproduction ran and saw, and shortens a long label', () => {
    const [object] = noteObjects(
      [note({ kind: 'reproduction', object: 'kv-cache#witness', text: 'x '.repeat(40), ran: 'python3 witness.py', saw: '0.5 MiB' })],
      page,
    );
    expect(object!.label.length).toBeLessThanOrEqual('Your reproduction: '.length + 48);
    expect(object!.label.endsWith('…')).toBe(true);
    expect(object!.text).toContain('What I ran:\n"""\npython3 witness.py\n"""');
    expect(object!.text).toContain('What came out:\n"""\n0.5 MiB\n"""');
    expect(object!.tex).toBeUndefined();
  });

  it('says when an edited note was last edited', () => {
    const [object] = noteObjects([note({ edited: '2026-12-06T10:00:00.000Z' })], page);
    expect(object!.text).toMatch(/^My question note on Equation mem-kv, written 2026-12-05, last edited 2026-12-06:/);
  });

  it('leaves out notes on other pages and on objects no longer on this one', () => {
    expect(noteObjects([note({ object: 'softmax' }), note({ object: 'kv-cache#eq-gone' })], page)).toEqual([]);
  });
});

const result: MapResult = {
  query: 'softmax(QK^T / sqrt(d_k)) V',
  truncated: false,
  ranked: [
    {
      slug: 'scaled-dot-product-attention',
      title: 'Scaled dot-product attention',
      domain: 'Transformers',
      status: 'complete',
      summary: 'Each query mixes the values.',
      score: 9,
      confidence: 'strong',
      reasons: [
        { kind: 'equation', label: String.raw`\mathrm{softmax}(QK^\top/\sqrt{d_k})V`, matched: ['qk', 'sqrt'], score: 5 },
        { kind: 'summary', label: '', matched: ['values'], score: 1 },
      ],
    },
  ],
  unplaced: ['zeta'],
  unknownArxiv: [],
  path: [
    { slug: 'softmax', title: 'Softmax', status: 'complete', known: true, repairFirst: false },
    { slug: 'scaled-dot-product-attention', title: 'Scaled dot-product attention', status: 'complete', known: false, repairFirst: true },
  ],
};
const url = (slug: string) => `https://atlas.example/concepts/${slug}/`;

describe('mapperObjects', () => {
  it('offers the whole result, then each concept found, with what was pasted', () => {
    const objects = mapperObjects(result, url);
    expect(objects.map((o) => o.id)).toEqual(['mapper:result', 'mapper:scaled-dot-product-attention']);
    expect(objects.every((o) => o.group === 'Your mapper result')).toBe(true);
    const whole = objects[0]!.text!;
    expect(whole).toContain('"""\nsoftmax(QK^T / sqrt(d_k)) V\n"""');
    expect(whole).toContain('1. Scaled dot-product attention (https://atlas.example/concepts/scaled-dot-product-attention/), a strong match');
    expect(whole).toContain('Terms it could not place: zeta.');
    expect(whole).toContain('Softmax (I know this) → Scaled dot-product attention.');
  });

  it('says why each concept matched, in the mapper’s words', () => {
    const one = mapperObjects(result, url)[1]!.text!;
    expect(one).toContain(String.raw`- equation: \mathrm{softmax}(QK^\top/\sqrt{d_k})V (matched qk, sqrt)`);
    expect(one).toContain('- summary mentions: values');
  });

  it('offers nothing for an empty result', () => {
    expect(mapperObjects({ ...result, ranked: [], unplaced: [], path: [] }, url)).toEqual([]);
  });
});

describe('symbolsIn, on rows that name several symbols or define one', () => {
  const rows = [
    { tex: String.raw`h, \ d`, meaning: 'hypothesis and data' },
    { tex: String.raw`\pi = P(D)`, meaning: 'prior' },
    { tex: String.raw`v_1, \ldots, v_K`, meaning: 'intermediate values' },
    { tex: String.raw`\bar{v} = \partial L / \partial v`, meaning: 'adjoint' },
    { tex: String.raw`W_1 \in \mathbb{R}^{4 \times 3}, \ \mathbf{b}_1 \in \mathbb{R}^4`, meaning: 'first layer' },
    { tex: String.raw`s = P(+ \mid D), \ c = P(- \mid \text{not } D)`, meaning: 'sensitivity and specificity' },
  ];
  const names = (tex: string) => symbolsIn(tex, rows).map((s) => s.meaning);

  it('matches a row when any name in it occurs', () => {
    expect(names(String.raw`P(D \mid +) = \frac{s\,\pi}{s\,\pi + (1 - c)(1 - \pi)}`)).toEqual(['prior', 'sensitivity and specificity']);
    expect(names(String.raw`\bar v_{k-1} = \bar v_k \, J_k`)).toEqual(['adjoint']);
    expect(names(String.raw`\mathbf{z}_1 = W_1 \mathbf{x} + \mathbf{b}_1`)).toEqual(['first layer']);
    expect(names(String.raw`P(h \mid d) \propto P(d \mid h)\,P(h)`)).toEqual(['hypothesis and data']);
  });

  it('does not read a definition’s right-hand side or "\\ldots" as names', () => {
    // L and D appear only on the right of "=" in the rows above, and \ldots in one of them.
    expect(names(String.raw`L + D + \ldots`)).toEqual(rows.map((r) => r.meaning));
  });
});
