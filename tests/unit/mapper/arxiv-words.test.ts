import { describe, expect, it } from 'vitest';
import { findArxivIds } from '../../../src/lib/mapper/arxiv';
import { containsPhrase, stem, words } from '../../../src/lib/mapper/words';

describe('findArxivIds', () => {
  it.each([
    ['2305.13245', '2305.13245', undefined],
    ['2305.13245v2', '2305.13245', 'v2'],
    ['arXiv:2305.13245', '2305.13245', undefined],
    ['arxiv: 1706.03762v7', '1706.03762', 'v7'],
    ['https://arxiv.org/abs/2309.06180', '2309.06180', undefined],
    ['https://arxiv.org/abs/2309.06180v1', '2309.06180', 'v1'],
    ['http://arxiv.org/pdf/2205.14135v2.pdf', '2205.14135', 'v2'],
    ['arxiv.org/pdf/2205.14135', '2205.14135', undefined],
    ['see 1412.6980 (Adam)', '1412.6980', undefined],
    ['hep-th/9901001', 'hep-th/9901001', undefined],
    ['https://arxiv.org/abs/math.GT/0309136v2', 'math.GT/0309136', 'v2'],
  ])('reads %s as %s', (text, id, version) => {
    const [found] = findArxivIds(text);
    expect(found.id).toBe(id);
    expect(found.version).toBe(version);
  });

  it.each([
    ['12345.6789'],
    ['2313.12345 (month 13)'],
    ['3.14159'],
    ['version 1.2.3'],
    ['10.1145/1498765.1498785'],
  ])('finds no id in %s', (text) => {
    expect(findArxivIds(text)).toEqual([]);
  });

  it('lists each id once, in the order written', () => {
    expect(findArxivIds('2305.13245 and 1911.02150, then 2305.13245v2').map((m) => m.id)).toEqual([
      '2305.13245',
      '1911.02150',
    ]);
  });
});

describe('words', () => {
  it('lowercases, splits hyphens, drops stop words and singularises', () => {
    expect(words('Grouped-Query Attention shares the keys and values')).toEqual([
      'grouped',
      'query',
      'attention',
      'share',
      'key',
      'value',
    ]);
    expect(words('Llama 3 8B')).toEqual(['llama', '3', '8b']);
  });
  it.each([
    ['entropies', 'entropy'],
    ['keys', 'key'],
    ['loss', 'loss'],
    ['bias', 'bias'],
    ['gas', 'gas'],
  ])('stem(%s) = %s', (word, expected) => {
    expect(stem(word)).toBe(expected);
  });
  it('finds a phrase only as consecutive words', () => {
    expect(containsPhrase(['use', 'kv', 'cache', 'now'], ['kv', 'cache'])).toBe(true);
    expect(containsPhrase(['kv', 'now', 'cache'], ['kv', 'cache'])).toBe(false);
    expect(containsPhrase(['kv'], [])).toBe(false);
  });
});
