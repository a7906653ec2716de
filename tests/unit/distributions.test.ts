import { describe, expect, it } from 'vitest';
import { toHtml } from '../../src/lib/el';
import {
  type Amount,
  analyse,
  applyPreset,
  crossEntropy,
  entropy,
  kl,
  klTerms,
  type LabState,
  labParams,
  normalise,
  parseLab,
  parseLabels,
  parseNumber,
  softmax,
  swap,
} from '../../src/lib/distributions';
import { amountText, asymmetryText, measuresList, termsTable } from '../../src/lib/distribution-lab-view';

const value = (a: Amount) => {
  if (!a.finite) throw new Error(`expected a finite amount, got: ${a.reason}`);
  return a.value;
};

describe('normalise', () => {
  it.each([
    [
      [4, 3, 2, 1],
      [0.4, 0.3, 0.2, 0.1],
    ], // divide by the sum 10
    [
      [1, 1],
      [0.5, 0.5],
    ],
    [
      [0, 5],
      [0, 1],
    ],
  ])('%j → %j', (w, p) => {
    const out = normalise(w);
    out.p.forEach((x, i) => expect(x).toBeCloseTo(p[i]!, 15));
    expect(out.message).toBeUndefined();
  });

  it('stands in the uniform distribution when no weight is positive, and says so', () => {
    expect(normalise([0, 0, 0, 0], 'Q')).toEqual({
      p: [0.25, 0.25, 0.25, 0.25],
      message: 'Q needs at least one positive weight; showing the uniform distribution until it has one.',
    });
  });

  it('counts a negative or non-number weight as 0, with a message', () => {
    const out = normalise([1, -1, NaN, Infinity]);
    expect(out.p).toEqual([1, 0, 0, 0]);
    expect(out.message).toMatch(/non-negative/);
  });

  it('reports no outcomes', () => expect(normalise([]).message).toBe('P has no outcomes.'));
});

describe('softmax', () => {
  it('matches the notebook: (2, 1, 0.5, −1) → about (0.61, 0.22, 0.14, 0.03)', () => {
    // e² = 7.389056, e¹ = 2.718282, e^0.5 = 1.648721, e^−1 = 0.367879; sum 12.123938.
    const p = softmax([2, 1, 0.5, -1]);
    [0.60946, 0.224208, 0.135989, 0.030343].forEach((x, i) => expect(p[i]).toBeCloseTo(x, 5));
  });

  it('does not overflow: (1000, 999, 998) equals softmax(0, −1, −2) = (0.665241, 0.244728, 0.090031)', () => {
    const p = softmax([1000, 999, 998]);
    [0.665241, 0.244728, 0.090031].forEach((x, i) => expect(p[i]).toBeCloseTo(x, 6));
  });

  it('divides by the temperature: softmax((2, 0) / 2) = (σ(1), 1 − σ(1)) = (0.731059, 0.268941)', () => {
    const p = softmax([2, 0], 2);
    expect(p[0]).toBeCloseTo(0.731059, 6);
    expect(p[1]).toBeCloseTo(0.268941, 6);
  });

  it('gives nothing for no scores', () => expect(softmax([])).toEqual([]));
});

describe('entropy', () => {
  it.each([
    [[0.25, 0.25, 0.25, 0.25], 'bits', 2], // log₂ 4
    [[0.25, 0.25, 0.25, 0.25], 'nats', 1.3862944], // ln 4
    [[0.5, 0.5], 'bits', 1],
    [[0.5, 0.25, 0.25], 'bits', 1.5], // ½·1 + ¼·2 + ¼·2
    [[1, 0, 0], 'bits', 0], // 0 · log 0 counts as 0
    [[0.4, 0.3, 0.2, 0.1], 'bits', 1.8464393], // .4·1.321928 + .3·1.736966 + .2·2.321928 + .1·3.321928
  ] as const)('H(%j) in %s = %f', (p, unit, h) => expect(entropy(p, unit)).toBeCloseTo(h, 6));
});

describe('cross-entropy and KL', () => {
  const P = [0.5, 0.5];
  const Q = [0.25, 0.75];

  it('H(P, Q) = −(½ log₂ ¼ + ½ log₂ ¾) = 1 + 0.207519 = 1.207519 bits', () => {
    expect(value(crossEntropy(P, Q))).toBeCloseTo(1.2075187, 6);
  });

  it('is asymmetric: KL(P‖Q) = 0.207519 bits but KL(Q‖P) = ¼ log₂ ½ + ¾ log₂ 1.5 = 0.188722 bits', () => {
    expect(value(kl(P, Q))).toBeCloseTo(0.2075187, 6);
    expect(value(kl(Q, P))).toBeCloseTo(0.1887219, 6);
  });

  it('splits cross-entropy into entropy + KL', () => {
    expect(value(crossEntropy(P, Q))).toBeCloseTo(entropy(P) + value(kl(P, Q)), 12);
    expect(value(crossEntropy(Q, P, 'nats'))).toBeCloseTo(entropy(Q, 'nats') + value(kl(Q, P, 'nats')), 12);
  });

  it('converts units: nats = bits · ln 2', () => {
    expect(value(kl(P, Q, 'nats'))).toBeCloseTo(0.2075187 * Math.LN2, 6);
  });

  it('is exactly 0 between equal distributions (never −0.000…)', () => {
    const p = softmax([0.3, 1.7, -2.2]);
    expect(value(kl(p, [...p]))).toBe(0);
    expect(Object.is(value(kl(p, [...p])), -0)).toBe(false);
  });

  it('is infinite, with the reason, when Q has a zero where P does not; the other direction is finite', () => {
    const names = { a: 'P', b: 'Q', labels: ['heads', 'tails'] };
    const forward = kl([0.5, 0.5], [1, 0], 'bits', names);
    expect(forward).toEqual({
      finite: false,
      reason:
        'Q gives “tails” probability 0 while P gives it 0.5, so the term 0.5 · log(0.5 / 0) is infinite.',
    });
    // KL(Q‖P) = 1 · log₂(1 / 0.5) + 0 = 1 bit.
    expect(value(kl([1, 0], [0.5, 0.5]))).toBeCloseTo(1, 12);
    expect(crossEntropy([0.5, 0.5], [1, 0], 'bits', names)).toEqual({
      finite: false,
      reason: 'Q gives “tails” probability 0 while P gives it 0.5, so the term −0.5 · log 0 is infinite.',
    });
    // H(Q, P) = −1 · log₂ 0.5 = 1 bit.
    expect(value(crossEntropy([1, 0], [0.5, 0.5]))).toBeCloseTo(1, 12);
  });

  it('gives per-outcome terms, null where infinite and 0 where p = 0', () => {
    // ½ log₂(½ / ¼) = ½; ½ log₂(½ / ¾) = −0.292481; they sum to 0.207519.
    const t = klTerms(P, Q);
    expect(t[0]).toBeCloseTo(0.5, 12);
    expect(t[1]).toBeCloseTo(-0.2924813, 6);
    expect(klTerms([0.5, 0.5, 0], [0.5, 0, 0.5])).toEqual([0, null, 0]);
  });

  it('with Q uniform over 4 outcomes, H(P, Q) is 2 bits whatever P is (the prediction question)', () => {
    for (const T of [0.1, 0.5, 1, 3, 10]) {
      const p = softmax([2, 1, 0.5, -1], T);
      expect(value(crossEntropy(p, [0.25, 0.25, 0.25, 0.25]))).toBeCloseTo(2, 12);
      // So KL(P‖U) = 2 − H(P) stays below 2 bits …
      expect(value(kl(p, [0.25, 0.25, 0.25, 0.25]))).toBeLessThan(2);
    }
    // … while KL(U‖P) grows without bound as T falls.
    const reverse = (T: number) => value(kl([0.25, 0.25, 0.25, 0.25], softmax([2, 1, 0.5, -1], T)));
    expect(reverse(0.1)).toBeGreaterThan(10);
    expect(reverse(0.1)).toBeGreaterThan(reverse(1));
  });
});

describe('parseNumber', () => {
  it.each([
    ['2.5', [0, 1000], 1, 2.5, undefined],
    ['−3', [-20, 20], 0, -3, undefined], // a typographic minus is read as a minus
    ['', [0, 1000], 1, 1, 'Type a number from 0 to 1000; using 1.'],
    ['abc', [0, 1000], 4, 4, 'Type a number from 0 to 1000; using 4.'],
    ['-1', [0, 1000], 1, 0, 'Cannot be negative; using 0.'],
    ['2000', [0, 1000], 1, 1000, 'Must be at most 1000; using 1000.'],
    ['0', [0.1, 10], 1, 0.1, 'Must be at least 0.1; using 0.1.'],
    ['Infinity', [0, 1000], 1, 1, 'Type a number from 0 to 1000; using 1.'],
  ] as const)('%j in %j', (text, bounds, fallback, v, message) => {
    expect(parseNumber(text, bounds, fallback)).toEqual(message ? { value: v, message } : { value: v });
  });
});

const BASE: LabState = {
  labels: ['a', 'b', 'c', 'd'],
  pMode: 'weights',
  pWeights: [4, 3, 2, 1],
  logits: [2, 1, 0.5, -1],
  temperature: 1,
  qWeights: [1, 1, 1, 1],
  unit: 'bits',
};

describe('parseLab and labParams', () => {
  it('round-trips a weights state and a logits state', () => {
    const weights: LabState = { ...BASE, pWeights: [0.5, 0, 7, 1], qWeights: [1, 2, 3, 0], unit: 'nats' };
    expect(parseLab(new URLSearchParams(labParams(weights)), BASE)).toEqual({ state: weights, messages: {} });
    const logits: LabState = { ...BASE, pMode: 'logits', logits: [-3, 0, 1.25, 20], temperature: 0.3 };
    expect(parseLab(new URLSearchParams(labParams(logits)), BASE)).toEqual({ state: logits, messages: {} });
  });

  it('names every bad entry and keeps the rest', () => {
    const { state, messages } = parseLab(
      new URLSearchParams('p=1,-2,x&q=1,1,1,5000&t=0&unit=furlongs&mode=magic'),
      BASE,
    );
    expect(state.pWeights).toEqual([1, 0, 2, 1]); // −2 → 0; x keeps 2; the missing fourth keeps 1
    expect(state.qWeights).toEqual([1, 1, 1, 1000]);
    expect(state.temperature).toBe(0.1);
    expect(state.unit).toBe('bits');
    expect(state.pMode).toBe('weights');
    expect(messages).toEqual({
      p: 'The link gives 3 numbers for 4 outcomes; the missing ones keep their values.',
      'p-1': 'Cannot be negative; using 0.',
      'p-2': 'Type a number from 0 to 1000; using 2.',
      'q-3': 'Must be at most 1000; using 1000.',
      t: 'Must be at least 0.1; using 0.1.',
    });
  });

  it('puts logit messages under z-…', () => {
    const { messages } = parseLab(new URLSearchParams('mode=logits&z=1,2,3,99'), BASE);
    expect(messages).toEqual({ 'z-3': 'Must be at most 20; using 20.' });
  });
});

describe('analyse, presets and swap', () => {
  it('computes every measure for P = (0.4, 0.3, 0.2, 0.1) against uniform Q', () => {
    const r = analyse(BASE);
    expect(r.hP).toBeCloseTo(1.8464393, 6);
    expect(r.hQ).toBeCloseTo(2, 12);
    expect(value(r.crossPQ)).toBeCloseTo(2, 12); // every log₂ q is −2
    expect(value(r.klPQ)).toBeCloseTo(0.1535607, 6); // 2 − H(P)
    expect(r.messages).toEqual({});
  });

  it('"A zero in Q": KL(P‖Q) infinite, KL(Q‖P) = 0.155689 bits', () => {
    const s = applyPreset(BASE, 'zero-in-q');
    expect(s.pWeights).toEqual([4, 3, 2, 1]);
    expect(s.qWeights).toEqual([5, 4, 3, 0]);
    const r = analyse(s);
    expect(r.klPQ.finite).toBe(false);
    expect(r.crossPQ.finite).toBe(false);
    // Σ q log₂(q/p) with q = (5, 4, 3, 0)/12, p = (.4, .3, .2, .1):
    // .416667·log₂ 1.041667 + .333333·log₂ 1.111111 + .25·log₂ 1.25 = .024539 + .050668 + .080482.
    expect(value(r.klQP)).toBeCloseTo(0.1556888, 6);
    expect(asymmetryText(r, 'bits')).toBe(
      'KL(P‖Q) is infinite but KL(Q‖P) is 0.156 bits: Q rules out an outcome P can produce, while everything Q can produce, P can too.',
    );
  });

  it('"Both uniform" gives zero divergence both ways', () => {
    const r = analyse(applyPreset(BASE, 'uniform'));
    expect(asymmetryText(r, 'bits')).toBe('P and Q are the same distribution, so both divergences are 0.');
  });

  it('"Peaked P, uniform Q": P = (8, 1, 1, 1)/11', () => {
    const r = analyse(applyPreset(BASE, 'peaked'));
    expect(r.p[0]).toBeCloseTo(8 / 11, 12);
    expect(asymmetryText(r, 'bits')).toMatch(
      /^KL\(P‖Q\) = 0\.\d{3} bits and KL\(Q‖P\) = 0\.\d{3} bits: they differ by/,
    );
  });

  it('in logits mode a preset sets logits log w and T = 1, so P is the normalised weights', () => {
    const s = applyPreset({ ...BASE, pMode: 'logits', temperature: 4 }, 'peaked');
    expect(s.temperature).toBe(1);
    const p = analyse(s).p;
    [8 / 11, 1 / 11, 1 / 11, 1 / 11].forEach((x, i) => expect(p[i]).toBeCloseTo(x, 4));
  });

  it('swap exchanges P and Q, and with it the two KL directions', () => {
    const s = applyPreset(BASE, 'zero-in-q');
    const r = analyse(s);
    const back = analyse(swap(s));
    expect(back.klPQ).toEqual(r.klQP);
    expect(back.klQP.finite).toBe(false);
  });

  it('reports all-zero weights and still draws a distribution', () => {
    const r = analyse({ ...BASE, qWeights: [0, 0, 0, 0] });
    expect(r.q).toEqual([0.25, 0.25, 0.25, 0.25]);
    expect(r.messages.q).toMatch(/at least one positive weight/);
  });
});

describe('the view never prints Infinity or NaN', () => {
  it('writes "infinite" with the reason', () => {
    const r = analyse(applyPreset(BASE, 'zero-in-q'));
    expect(amountText(r.klPQ, 'bits')).toBe('infinite');
    const html = toHtml([measuresList(r, 'bits'), termsTable(r, BASE.labels, 'bits')]);
    expect(html).toContain('infinite (Q = 0)');
    expect(html).toContain('Q gives “d” probability 0 while P gives it 0.1');
    expect(html).not.toMatch(/Infinity|NaN|undefined|null/);
  });
});

describe('parseLabels', () => {
  it.each([
    ['cat, dog ,car', ['cat', 'dog', 'car']],
    ['only', ['a', 'b', 'c', 'd']],
    [undefined, ['a', 'b', 'c', 'd']],
    ['1,2,3,4,5,6,7,8,9,10', ['1', '2', '3', '4', '5', '6', '7', '8']],
  ])('%j → %j', (text, labels) => expect(parseLabels(text)).toEqual(labels));
});
