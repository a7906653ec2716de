import { describe, expect, it } from 'vitest';
import {
  excerptParts,
  isSearchShortcut,
  pagefindFilters,
  readSearchState,
  searchStateQuery,
} from '../../src/lib/search';

describe('search state in the address', () => {
  it('reads the query and repeated filters, and writes them back in a stable order', () => {
    const state = readSearchState(
      new URLSearchParams('level=Foundation&q=softmax&domain=Probability&domain=Transformers&track='),
    );
    expect(state).toEqual({
      query: 'softmax',
      filters: { domain: ['Probability', 'Transformers'], level: ['Foundation'] },
    });
    expect(searchStateQuery(state)).toBe('q=softmax&domain=Probability&domain=Transformers&level=Foundation');
    expect(pagefindFilters(state.filters)).toEqual({
      domain: { any: ['Probability', 'Transformers'] },
      level: { any: ['Foundation'] },
    });
  });
  it('ignores unknown parameters and caps a huge query', () => {
    const state = readSearchState(new URLSearchParams(`q=${'x'.repeat(5000)}&evil=1`));
    expect(state.query.length).toBe(500);
    expect(state.filters).toEqual({});
  });
});

describe('excerptParts', () => {
  it('splits on mark and decodes entities', () => {
    expect(excerptParts('the <mark>softmax</mark> of QK^T &amp; V')).toEqual([
      { text: 'the ', mark: false },
      { text: 'softmax', mark: true },
      { text: ' of QK^T & V', mark: false },
    ]);
  });
  it('keeps any other markup as literal text for textContent', () => {
    const parts = excerptParts('&lt;img src=x onerror=alert(1)&gt; <b>bold</b> <mark>hit</mark>');
    expect(parts[0]).toEqual({ text: '<img src=x onerror=alert(1)> <b>bold</b> ', mark: false });
    expect(parts[1]).toEqual({ text: 'hit', mark: true });
  });
});

describe('isSearchShortcut', () => {
  const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) => ({
    key: k,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    ...mods,
  });
  it.each([
    [key('/'), false, true],
    [key('/'), true, false],
    [key('k', { ctrlKey: true }), true, true],
    [key('K', { metaKey: true }), false, true],
    [key('k'), false, false],
    [key('k', { ctrlKey: true, altKey: true }), false, false],
  ])('%j while typing=%s opens: %s', (event, typing, expected) => {
    expect(isSearchShortcut(event, typing)).toBe(expected);
  });
});
