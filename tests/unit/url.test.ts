import { describe, expect, it } from 'vitest';
import { joinBase } from '../../src/lib/url';

describe('joinBase', () => {
  it.each([
    ['/', '/concepts/kv-cache/', '/concepts/kv-cache/'],
    ['/', 'concepts/kv-cache/', '/concepts/kv-cache/'],
    ['/atlas/', '/concepts/kv-cache/', '/atlas/concepts/kv-cache/'],
    ['/atlas', 'concepts/kv-cache/', '/atlas/concepts/kv-cache/'],
    ['atlas/', '/', '/atlas/'],
    ['/deep/prefix/', '/pagefind/pagefind.js', '/deep/prefix/pagefind/pagefind.js'],
  ])('joins base %s and path %s', (base, path, expected) => {
    expect(joinBase(base, path)).toBe(expected);
  });
});
