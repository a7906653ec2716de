import { describe, expect, it } from 'vitest';
import { atomPairs, looksLikeMath, mathAtoms } from '../../../src/lib/mapper/math-tokens';

describe('mathAtoms: TeX and plain text read alike', () => {
  const ATTENTION = ['softmax', 'q', 'k^t', 'sqrt', 'd_k', 'v'];
  it.each([
    ['TeX as the notebook writes it', String.raw`\mathrm{softmax}\left(\frac{QK^\top}{\sqrt{d_k}}\right)V`],
    [
      'braced transpose and subscript',
      String.raw`\operatorname{softmax}\left(\frac{Q K^{\top}}{\sqrt{d_{k}}}\right) V`,
    ],
    ['plain text', 'softmax(QK^T / sqrt(d_k)) V'],
    ['pasted from a PDF', 'softmax(QKᵀ/√d_k)V'],
    ['T in braces', 'softmax(Q K^{T}/\\sqrt{d_k}) V'],
    ['a prime for the transpose', "softmax(QK'/sqrt(d_k))V"],
  ])('%s', (_, input) => {
    expect(mathAtoms(input)).toEqual(ATTENTION);
  });

  it('joins a subscript to its base, with font commands inside it', () => {
    expect(mathAtoms(String.raw`D_{\mathrm{KL}}(P \,\|\, Q)`)).toEqual(['d_kl', 'p', 'q']);
    expect(mathAtoms('D_KL(P||Q)')).toEqual(['d_kl', 'p', 'q']);
    expect(mathAtoms(String.raw`\mathrm{Mem}_{KV} = 2 \cdot L \cdot H_{kv} \cdot d_{\text{head}}`)).toEqual([
      'mem_kv',
      'l',
      'h_kv',
      'd_head',
    ]);
  });

  it('names Greek letters, typed or pasted, and keeps non-transpose superscripts as atoms', () => {
    expect(mathAtoms(String.raw`\theta_{t+1} = \theta_t - \eta \nabla L(\theta_t)`)).toEqual([
      'theta_t1',
      'theta_t',
      'eta',
      'l',
      'theta_t',
    ]);
    expect(mathAtoms('θ_t − η·g_t')).toEqual(['theta_t', 'eta', 'g_t']);
    expect(mathAtoms('e^{x_i}')).toEqual(['e', 'x_i']);
    expect(mathAtoms('W^{-1} x')).toEqual(['w^-1', 'x']);
  });

  it('keeps words whole in prose and drops small English words', () => {
    expect(mathAtoms('the keys and values of a layer')).toEqual(['keys', 'values', 'layer']);
  });

  it('never throws on broken TeX', () => {
    for (const input of ['\\frac{', '^', '_{', '\\', '{{{', '}}', '\\sqrt[3]{x'])
      expect(() => mathAtoms(input)).not.toThrow();
  });
});

describe('atomPairs and looksLikeMath', () => {
  it('pairs neighbours', () => {
    expect(atomPairs(['softmax', 'q', 'k^t'])).toEqual(['softmax q', 'q k^t']);
  });
  it.each([
    ['softmax(QK^T)', true],
    ['\\sqrt{d_k}', true],
    ['D_KL', true],
    ['grouped query attention', false],
    ['Llama 3 8B', false],
  ])('%s looks like math: %s', (text, expected) => {
    expect(looksLikeMath(text)).toBe(expected);
  });
});
