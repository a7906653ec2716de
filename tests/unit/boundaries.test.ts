// src/lib and src/schemas are isomorphic: the build, the browser islands and these tests all import
// them, so they may not reach for Astro's virtual modules, Node built-ins or the DOM at import time.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const FORBIDDEN = [
  { pattern: /from\s+['"]astro:/, what: 'an astro: virtual module' },
  { pattern: /from\s+['"](node:|fs['"]|path['"])/, what: 'a Node built-in' },
  // A global, not a property (`arch.window.x`) or the word at the end of a sentence ("its window.").
  { pattern: /^(?!\s*(\/\/|\*)).*(?<![.\w$])(document|window|localStorage)\.[A-Za-z_$]/m, what: 'the DOM' },
];

describe('isomorphic modules', () => {
  const files = [...sources('src/lib'), ...sources('src/schemas')];
  it('exist', () => expect(files.length).toBeGreaterThan(5));
  it.each(files)('%s imports neither Astro, Node nor the DOM', (file) => {
    const text = readFileSync(file, 'utf8');
    const found = FORBIDDEN.filter(({ pattern }) => pattern.test(text)).map(({ what }) => what);
    expect(found).toEqual([]);
  });
});
