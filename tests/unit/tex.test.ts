import { describe, expect, it } from 'vitest';
import { extractMath, renderTex, texError } from '../../src/lib/tex';

describe('tex', () => {
  it('finds inline and display math with their lines, and nothing in code', () => {
    const body = 'Text $a_i$ and `$not math$`.\n\n$$\n\\frac{1}{\\sqrt{d_k}}\n$$\n';
    expect(extractMath(body)).toEqual([
      { tex: 'a_i', display: false, labels: [], line: 1 },
      { tex: '\\frac{1}{\\sqrt{d_k}}', display: true, labels: [], line: 3 },
    ]);
  });

  it('splits an equation label off the TeX KaTeX renders', () => {
    const body = '$$\n\\label{mem-kv}\nM = 2 \\cdot T\n$$\n';
    expect(extractMath(body)).toEqual([{ tex: 'M = 2 \\cdot T', display: true, labels: ['mem-kv'], line: 1 }]);
  });

  it('reports KaTeX errors and accepts valid TeX', () => {
    expect(texError('\\sqrt{d_k}')).toBeNull();
    expect(texError('\\frac{1}{')).toMatch(/KaTeX parse error/);
    // strict mode: unicode text in math mode is an error, not a warning
    expect(texError('é')).not.toBeNull();
  });

  it('renders HTML and MathML, and throws on invalid TeX', () => {
    expect(renderTex('x^2')).toContain('<math');
    expect(renderTex('x^2')).toContain('katex-html');
    expect(() => renderTex('\\frac{')).toThrow();
  });
});
