import { describe, expect, it } from 'vitest';
import { buildMapperIndex, modelConcepts, type MapperInput } from '../../../src/lib/mapper/index-build';
import { MAX_QUERY, mapQuery, pathTo, prepareMapper } from '../../../src/lib/mapper/rank';

const concept = (
  slug: string,
  title: string,
  prerequisites: string[],
  extra: Partial<MapperInput['concepts'][number]> = {},
): MapperInput['concepts'][number] => ({
  slug,
  title,
  aliases: [],
  domain: 'Test',
  status: 'complete',
  summary: `${title} in one sentence.`,
  prerequisites,
  symbols: [],
  equations: [],
  ...extra,
});

// A five-concept route with the fields each input kind needs.
const INPUT: MapperInput = {
  concepts: [
    concept('dot-product', 'Dot product', [], {
      equations: [String.raw`\mathbf{a} \cdot \mathbf{b} = \sum_i a_i b_i`],
    }),
    concept('softmax', 'Softmax', [], {
      equations: [String.raw`\mathrm{softmax}(z)_i = \frac{e^{z_i}}{\sum_j e^{z_j}}`],
      summary: 'Softmax turns a vector of scores into probabilities that are positive and sum to one.',
    }),
    concept('scaled-dot-product-attention', 'Scaled dot-product attention', ['dot-product', 'softmax'], {
      symbols: ['d_k', 'Q, K, V'],
      equations: [
        String.raw`\mathrm{Attention}(Q, K, V) = \mathrm{softmax}\left(\frac{QK^\top}{\sqrt{d_k}}\right) V`,
      ],
    }),
    concept('kv-cache', 'KV cache', ['scaled-dot-product-attention'], {
      aliases: ['key-value cache'],
      equations: [
        String.raw`\mathrm{Mem}_{KV} = 2 \cdot L \cdot H_{kv} \cdot d_{\text{head}} \cdot T \cdot B \cdot b`,
      ],
      summary:
        'During decoding each layer keeps the keys and values of every past token so they are not recomputed.',
    }),
    concept('grouped-query-attention', 'Grouped-query attention', ['kv-cache'], {
      aliases: ['GQA', 'MQA', 'multi-query attention'],
    }),
  ],
  papers: [
    {
      title: 'GQA: Training Generalized Multi-Query Transformer Models from Multi-Head Checkpoints',
      arxiv: '2305.13245',
      aliases: [],
      concepts: ['grouped-query-attention', 'kv-cache'],
      routeNote: 'Shares key-value heads across query heads.',
    },
    {
      title: 'Attention Is All You Need',
      arxiv: '1706.03762',
      aliases: ['Transformer'],
      concepts: ['scaled-dot-product-attention'],
    },
  ],
  models: [{ name: 'Llama 3 8B', attention: 'gqa' }],
};
const mapper = prepareMapper(buildMapperIndex(INPUT));
const slugs = (text: string) => mapQuery(mapper, text).ranked.map((r) => r.slug);

describe('mapQuery: each input kind finds its concept first', () => {
  it.each([
    ['an arXiv id', '2305.13245', 'grouped-query-attention'],
    ['a versioned abs URL', 'https://arxiv.org/abs/2305.13245v2', 'grouped-query-attention'],
    ['an alias', 'GQA', 'grouped-query-attention'],
    ['a model name', 'Llama 3 8B', 'grouped-query-attention'],
    ['a title in a sentence', 'how does the KV cache grow with context', 'kv-cache'],
    [
      'the attention equation in TeX',
      String.raw`\mathrm{softmax}\left(\frac{QK^\top}{\sqrt{d_k}}\right)V`,
      'scaled-dot-product-attention',
    ],
    ['the attention equation in plain text', 'softmax(QK^T/sqrt(d_k))V', 'scaled-dot-product-attention'],
    ['the memory equation in plain text', 'Mem_KV = 2 L H_kv d_head T B b', 'kv-cache'],
    ['a paper alias', 'the Transformer paper', 'scaled-dot-product-attention'],
  ])('%s', (_, text, slug) => {
    expect(slugs(text)[0]).toBe(slug);
  });

  it('says why, with a confidence', () => {
    const [top] = mapQuery(mapper, '2305.13245').ranked;
    expect(top.confidence).toBe('strong');
    expect(top.reasons[0]).toMatchObject({
      kind: 'arxiv',
      matched: ['2305.13245'],
      note: 'Shares key-value heads across query heads.',
    });
    const [attention] = mapQuery(mapper, 'softmax(QK^T/sqrt(d_k))V').ranked;
    expect(attention.reasons[0].kind).toBe('equation');
    expect(attention.reasons[0].matched).toEqual(expect.arrayContaining(['k^t', 'd_k', 'q k^t']));
  });

  it('ranks a model preset to the attention its config uses', () => {
    expect(modelConcepts({ name: 'x', attention: 'mla' }).slugs).toEqual([
      'multi-head-latent-attention',
      'kv-cache',
    ]);
    expect(modelConcepts({ name: 'x', attention: 'gqa', window: 4096 })).toEqual({
      slugs: ['grouped-query-attention', 'sliding-window-attention', 'kv-cache'],
      uses: 'grouped-query attention and a 4,096-token sliding window',
    });
    expect(slugs('Llama 3 8B')).toEqual(['grouped-query-attention', 'kv-cache']);
  });

  it('lists what it could not place, and unknown arXiv ids', () => {
    const result = mapQuery(mapper, 'GQA with zebra stripes, see 2501.00001');
    expect(result.ranked[0].slug).toBe('grouped-query-attention');
    expect(result.unplaced).toEqual(['zebra', 'stripe']);
    expect(result.unknownArxiv).toEqual(['2501.00001']);
  });

  it('does not let one letter of a formula match a name: d of d_k is not D_KL', () => {
    const kl = prepareMapper(
      buildMapperIndex({
        ...INPUT,
        concepts: [...INPUT.concepts, concept('kl-divergence', 'KL divergence', [], { aliases: ['D_KL'] })],
      }),
    );
    expect(mapQuery(kl, 'softmax(QK^T / sqrt(d_k)) V').ranked.map((r) => r.slug)).not.toContain(
      'kl-divergence',
    );
    expect(mapQuery(kl, 'D_KL').ranked[0].slug).toBe('kl-divergence');
    // And the pieces the word reader makes of a formula (qk, t) are not reported as unplaced.
    expect(mapQuery(kl, 'softmax(QK^T / sqrt(d_k)) V').unplaced).toEqual([]);
  });

  it('does not place numbers alone or pairs of one-letter atoms', () => {
    expect(slugs('alert(3) src=x 8')).toEqual([]);
  });

  it('returns nothing for empty or unplaceable input, without throwing', () => {
    for (const text of ['', '   ', 'zebra', '<script>alert(1)</script>', '\\frac{', '^^^___']) {
      expect(() => mapQuery(mapper, text)).not.toThrow();
    }
    expect(mapQuery(mapper, '  ').ranked).toEqual([]);
    expect(mapQuery(mapper, 'zebra').ranked).toEqual([]);
  });

  it('truncates very long input and says so', () => {
    const result = mapQuery(mapper, `GQA ${'x'.repeat(MAX_QUERY * 2)}`);
    expect(result.truncated).toBe(true);
    expect(result.query.length).toBe(MAX_QUERY);
    expect(result.ranked[0].slug).toBe('grouped-query-attention');
  });
});

describe('pathTo', () => {
  it('lists prerequisites in learning order and marks the first unknown one', () => {
    const path = pathTo(mapper, 'kv-cache', new Set(['dot-product']));
    expect(path.map((s) => s.slug)).toEqual([
      'dot-product',
      'softmax',
      'scaled-dot-product-attention',
      'kv-cache',
    ]);
    expect(path.map((s) => s.known)).toEqual([true, false, false, false]);
    expect(path.filter((s) => s.repairFirst).map((s) => s.slug)).toEqual(['softmax']);
  });
  it('marks nothing to repair when everything is known', () => {
    const all = new Set(INPUT.concepts.map((c) => c.slug));
    expect(pathTo(mapper, 'softmax', all).some((s) => s.repairFirst)).toBe(false);
  });
  it('is the path to the top match in a result', () => {
    expect(mapQuery(mapper, 'GQA').path.at(-1)?.slug).toBe('grouped-query-attention');
  });
});
