import { describe, expect, it } from 'vitest';
import { mergeProgress, parseProgress, toProgressFile } from '../../src/lib/progress';

describe('progress files', () => {
  it('round-trips through export and parse, sorted and de-duplicated', () => {
    const file = toProgressFile(['softmax', 'dot-product', 'softmax']);
    expect(file).toEqual({
      format: 'continuous-function/progress',
      version: 1,
      known: ['dot-product', 'softmax'],
    });
    expect(parseProgress(JSON.stringify(file))).toEqual({
      ok: true,
      known: new Set(['dot-product', 'softmax']),
    });
  });

  it.each([
    ['not JSON', '{oops', 'not JSON'],
    ['another format', JSON.stringify({ format: 'x', version: 1, known: [] }), 'at format'],
    [
      'a future version',
      JSON.stringify({ format: 'continuous-function/progress', version: 2, known: [] }),
      'at version',
    ],
    [
      'markup instead of slugs',
      JSON.stringify({
        format: 'continuous-function/progress',
        version: 1,
        known: ['<img src=x onerror=alert(1)>'],
      }),
      'at known.0',
    ],
  ])('rejects %s with a sentence', (_, text, where) => {
    const parsed = parseProgress(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toContain(where);
  });

  it('merges without losing what was already known', () => {
    const { known, added } = mergeProgress(new Set(['a', 'b']), new Set(['b', 'c']));
    expect([...known].sort()).toEqual(['a', 'b', 'c']);
    expect(added).toBe(1);
  });
});
