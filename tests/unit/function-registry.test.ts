import { describe, expect, it } from 'vitest';
import {
  CHINCHILLA_FIT,
  GOPHER_FLOPS,
  KAPLAN_ALPHA_N,
  KAPLAN_NC,
  REGISTRY,
  accuracyCiHalfwidth,
  pairedDiffCiHalfwidth,
  blockAttentionShare,
  bernoulliLogLik,
  biasVarianceError,
  kfoldOverstatement,
  ridgeError,
  centralDifference,
  chinchillaIsoLoss,
  chinchillaOptimalN,
  chainCostRatio,
  chainFlops,
  defaultParams,
  dotProductStd,
  fdStep,
  attentionHbmRatio,
  firstWeight,
  flashAttentionHbm,
  getFunction,
  gaoBestOfNGold,
  gaoRlGold,
  logisticFivePointLoss,
  logisticFivePointLossRate,
  infonceMargin,
  preferenceLoss,
  vaeElbo,
  ddpmLogAlphaBar,
  vaeLogEvidence,
  sigmoid,
  softplus,
  standardAttentionHbm,
  speculativeSpeedup,
  speculativeTokens,
  stepDecay,
  warmupCosine,
  windowedScoreEntries,
  seedNormalCdf,
  wrongPickProbability,
  hashCollisionProbability,
  sgdNoiseFloor,
  lpUnitCircle,
  gaussianMutualInformation,
  flowTanhDensity,
  quantizationRmsError,
  quantizationRmsErrorRate,
} from '../../src/lib/function-registry';
import { texError } from '../../src/lib/tex';
import { exactMatch, perTokenLoss, tokenEditDistance, trainingDays } from '../../src/lib/function-registry';
import { gaussianDensity, testPosterior } from '../../src/lib/function-registry';

const fn = (id: string) => {
  const spec = getFunction(id);
  if (!spec) throw new Error(`missing ${id}`);
  return spec;
};
const at = (id: string, x: number, params: Record<string, number> = {}) => {
  const spec = fn(id);
  const p = { ...defaultParams(spec), ...params };
  return { f: spec.f(x, p), df: spec.df!(x, p), fd: centralDifference((t) => spec.f(t, p), x) };
};

describe('the registry', () => {
  it('has unique ids, defaults inside their ranges and x0 inside the domain', () => {
    const ids = REGISTRY.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const s of REGISTRY) {
      for (const p of s.params) {
        expect(p.default, `${s.id}.${p.name}`).toBeGreaterThanOrEqual(p.min);
        expect(p.default, `${s.id}.${p.name}`).toBeLessThanOrEqual(p.max);
        expect(p.step).toBeGreaterThan(0);
      }
      expect(s.x0).toBeGreaterThanOrEqual(s.domain[0]);
      expect(s.x0).toBeLessThanOrEqual(s.domain[1]);
      if (s.xScale === 'log') expect(s.domain[0]).toBeGreaterThan(0);
    }
  });

  it('offers the functions the issue names', () => {
    for (const id of [
      'sin-x-squared',
      'tanh-affine',
      'sigmoid-affine',
      'relu-leaky',
      'softmax-temperature',
      'lr-warmup-cosine',
      'lr-step-decay',
      'scaling-law-params',
      'attention-hbm-ratio',
      'attention-scores-per-query',
      'chinchilla-isoflop',
      'block-attention-share',
      'speculative-tokens-per-pass',
      'speculative-speedup',
      'infonce-margin',
      'bradley-terry-loss',
      'dpo-loss',
      'vae-elbo-mean',
      'ddpm-signal-fraction',
      'gao-bon-gold',
      'gao-rl-gold',
      'gaussian-mi',
      'flow-tanh-density',
    ])
      expect(getFunction(id), id).toBeDefined();
    expect(getFunction('Math.sin(x)')).toBeUndefined();
  });

  it.each(REGISTRY.map((s) => [s.id, s] as const))(
    '%s: every formula renders with strict KaTeX',
    (_id, s) => {
      const texts = [
        s.tex,
        s.derivativeTex,
        s.chain?.innerTex,
        s.chain?.outerTex,
        s.chain?.innerRateTex,
        s.chain?.outerRateTex,
      ];
      for (const tex of texts.filter((t): t is string => !!t)) expect(texError(tex, true), tex).toBeNull();
    },
  );

  it.each(REGISTRY.filter((s) => s.df).map((s) => [s.id, s] as const))(
    '%s: the derivative formula matches a central difference away from breaks',
    (_id, s) => {
      const p = defaultParams(s);
      const breaks = s.breaks?.(p).map((b) => b.x) ?? [];
      const [a, b] = s.domain;
      for (let i = 1; i < 20; i++) {
        const x = s.xScale === 'log' ? a * (b / a) ** (i / 20) : a + ((b - a) * i) / 20;
        if (breaks.some((bx) => Math.abs(bx - x) < 10 * fdStep(x))) continue;
        const exact = s.df!(x, p);
        const fd = centralDifference((t) => s.f(t, p), x);
        expect(Math.abs(exact - fd), `${s.id} at ${x}`).toBeLessThan(1e-6 * Math.max(1, Math.abs(exact)));
      }
    },
  );
});

describe('compositions for the chain rule', () => {
  it.each([
    // sin(1²) = sin 1; slope cos(1)·2·1 = 2 cos 1 (the hand-computed check the brief names).
    ['sin-x-squared', 1, {}, Math.sin(1), 2 * Math.cos(1)],
    // The notebook's worked example: cos(1.69)·2.6 = −0.30920 (cos 1.69 = −0.11892).
    ['sin-x-squared', 1.3, {}, Math.sin(1.69), -0.309196],
    // At 0 the inner rate 2x is 0, so the slope is 0 whatever cos(0) is.
    ['sin-x-squared', 0, {}, 0, 0],
    // k = 2: sin(2·1) and cos(2)·2·2·1 = 4 cos 2.
    ['sin-x-squared', 1, { k: 2 }, Math.sin(2), 4 * Math.cos(2)],
    // tanh(1.5·0) = 0; slope (1 − 0)·1.5 = 1.5.
    ['tanh-affine', 0, {}, 0, 1.5],
    // Saturated: u = 4·2 = 8, 1 − tanh²(8) = 4.5014e-7, times w = 4: 1.8006e-6.
    ['tanh-affine', 2, { w: 4 }, Math.tanh(8), 4 * 4.5014059768533343e-7],
    // σ(0) = 1/2; slope σ(1 − σ)·w = 1/4 · 2 = 1/2.
    ['sigmoid-affine', 0, {}, 0.5, 0.5],
  ] as const)('%s at x = %d with %j: f = %d, slope %d', (id, x, params, f, df) => {
    const r = at(id, x, params);
    expect(r.f).toBeCloseTo(f, 10);
    expect(r.df).toBeCloseTo(df, 5);
    expect(r.fd).toBeCloseTo(df, 5);
  });

  it('reads the outer rate at u = g(x): its stages multiply to the derivative', () => {
    for (const s of REGISTRY.filter((s) => s.chain)) {
      const p = defaultParams(s);
      for (const x of [-2.5, -0.7, 0, 0.4, 1.3, 2.9]) {
        const c = s.chain!;
        const product = c.outerRate(c.inner(x, p), p) * c.innerRate(x, p);
        expect(product).toBeCloseTo(s.df!(x, p), 12);
        expect(c.outer(c.inner(x, p), p)).toBeCloseTo(s.f(x, p), 12);
      }
    }
  });

  it('computes the sigmoid without overflow at either end', () => {
    expect(sigmoid(800)).toBe(1);
    expect(sigmoid(-800)).toBe(0);
    expect(Number.isNaN(sigmoid(-800))).toBe(false);
  });
});

describe('activations with a kink (the derivatives notebook)', () => {
  it('has slope a on the left and 1 on the right, and a corner at 0', () => {
    const s = fn('relu-leaky');
    for (const a of [0, 0.1]) {
      const p = { ...defaultParams(s), a };
      expect(s.f(-1.5, p)).toBeCloseTo(-1.5 * a, 12);
      expect(s.f(1.5, p)).toBe(1.5);
      expect(s.df!(-0.5, p)).toBe(a);
      expect(s.df!(0.5, p)).toBe(1);
      expect(s.breaks!(p)).toEqual([{ x: 0, kind: 'corner' }]);
    }
  });

  it('gives a central difference of ½ at the ReLU’s kink: the average of the two sides, not a derivative', () => {
    const s = fn('relu-leaky');
    const p = defaultParams(s);
    expect(p.a).toBe(0);
    expect(centralDifference((t) => s.f(t, p), 0)).toBeCloseTo(0.5, 12);
  });
});

describe('softmax temperature', () => {
  // e² / (e² + e + e^0.5 + e^−1) = 7.38906 / 12.12353 = 0.60946 (the notebook's 0.61).
  const P1 = 0.6094600375988771;
  it('gives the notebook’s weight at T = 1 and 0.84 at T = 0.5', () => {
    expect(at('softmax-temperature', 1).f).toBeCloseTo(P1, 12);
    // e⁴ / (e⁴ + e² + e¹ + e⁻²) = 0.84203.
    expect(at('softmax-temperature', 0.5).f).toBeCloseTo(0.8420335723974579, 12);
  });

  it('has dp₁/dT = p₁(E[z] − z₁)/T²: at T = 1, 0.60946 × (1.48078 − 2) = −0.31644', () => {
    expect(at('softmax-temperature', 1).df).toBeCloseTo(-0.3164443754725088, 12);
  });

  it('ignores a shift added to every score', () => {
    for (const T of [0.05, 0.3, 1, 4.9])
      expect(at('softmax-temperature', T, { shift: 4.5 }).f).toBeCloseTo(at('softmax-temperature', T).f, 12);
  });

  it('stays finite at the smallest temperature and tends to one-hot, or to ½ for a tie', () => {
    // T = 0.05: the gaps are multiplied by 20, e^(−20) ≈ 2e−9 of weight leaks to the second score.
    expect(at('softmax-temperature', 0.05).f).toBeCloseTo(1, 8);
    // z₁ = 1 ties the second score: they share the weight as T → 0.
    expect(firstWeight(0.01, [1, 1, 0.5, -1]).p).toBeCloseTo(0.5, 12);
    // Scores near ±1000 would overflow exp without subtracting the largest.
    expect(firstWeight(1, [1000, 999, 0, -1000]).p).toBeCloseTo(1 / (1 + Math.exp(-1)), 12);
  });
});

describe('learning-rate schedules', () => {
  it.each([
    // Warmup W = 3000: halfway through warmup, half the peak.
    [1500, 3000, 0, 0.5],
    [3000, 3000, 0, 1],
    // Halfway through the decay, t = (3000 + 250000)/2: cos(π/2) = 0, so ½(1 + 0) = ½.
    [126_500, 3000, 0, 0.5],
    [250_000, 3000, 0, 0],
    // With a floor r = 0.1: the end is 0.1 and the middle 0.1 + ½ · 0.9 = 0.55.
    [250_000, 3000, 0.1, 0.1],
    [126_500, 3000, 0.1, 0.55],
    // No warmup: starts at the peak.
    [0, 0, 0, 1],
  ])('warmup + cosine at t = %d (W = %d, r = %d) is %d', (t, W, r, want) => {
    expect(warmupCosine(t, W, r)).toBeCloseTo(want, 12);
  });

  it('has slope 1/W in warmup and −½π/(S − W) in the middle of the decay', () => {
    expect(at('lr-warmup-cosine', 1000).df).toBeCloseTo(1 / 3000, 15);
    // −½ · π / 247000 = −6.3595e−6.
    expect(at('lr-warmup-cosine', 126_500).df).toBeCloseTo(-6.359499298764764e-6, 15);
    expect(fn('lr-warmup-cosine').breaks!(defaultParams(fn('lr-warmup-cosine')))).toEqual([
      { x: 3000, kind: 'corner' },
    ]);
  });

  it.each([
    // η₀ = 0.1, γ = 0.2 at epochs 60, 120, 160 (SGDR §4.1, the Wide ResNet baseline).
    [0, 0.1],
    [59, 0.1],
    [60, 0.02],
    [119.5, 0.02],
    [120, 0.004],
    [160, 0.0008],
    [200, 0.0008],
  ])('step decay at epoch %d is %d', (e, want) => {
    expect(stepDecay(e, 0.1, 0.2)).toBeCloseTo(want, 15);
  });
});

describe('scaling law (Kaplan et al. 2020, eq. 1.1)', () => {
  it('uses the paper’s constants', () => {
    expect(KAPLAN_ALPHA_N).toBe(0.076);
    expect(KAPLAN_NC).toBe(8.8e13);
  });

  it.each([
    // N = N_c: (1)^α = 1.
    [8.8e13, 1],
    // N = N_c/10: 10^0.076 = 1.19124.
    [8.8e12, 1.191242008027375],
    // N = 10⁹: 88000^0.076 = e^(0.076 · 11.385) = 2.37564.
    [1e9, 2.3756402951345246],
  ])('L(%d) = %d', (N, want) => {
    const r = at('scaling-law-params', N);
    expect(r.f).toBeCloseTo(want, 10);
    // d ln L / d ln N = −α_N everywhere: N L′(N) / L(N) = −0.076.
    expect((N * r.df) / r.f).toBeCloseTo(-0.076, 12);
  });
});

describe('attention HBM traffic (Dao et al. 2022, Algorithms 0 and 1)', () => {
  // The flash-attention witness counts these inside its NumPy code and asserts the same totals.
  it.each([
    [300, 16, 1024, 379_200, 311_400],
    [2048, 64, 65_536, 17_301_504, 3_608_576],
    [4096, 64, 65_536, 68_157_440, 13_639_680],
  ])('N = %d, d = %d, M = %d: standard %d, tiled %d', (N, d, M, std, flash) => {
    expect(standardAttentionHbm(N, d)).toBe(std);
    expect(flashAttentionHbm(N, d, M)).toBe(flash);
  });

  it('gives the notebook’s ratio 5.00 at N = 4096, d = 64, M = 64 × 1024, and stays below M / 3d²', () => {
    const spec = fn('attention-hbm-ratio');
    const p = defaultParams(spec);
    // Where B_c = 256 divides N the smooth curve is the exact ratio of the counts.
    expect(spec.f(4096, p)).toBeCloseTo(68_157_440 / 13_639_680, 12);
    expect(attentionHbmRatio(2048, 64, 65_536)).toBeCloseTo(17_301_504 / 3_608_576, 12);
    expect(attentionHbmRatio(1e9, 64, 65_536)).toBeCloseTo((4 * 256) / (3 * 64 + 4), 5);
    for (const N of [64, 1000, 4096, 65_536, 131_072]) expect(spec.f(N, p)).toBeLessThan(65_536 / (3 * 64 * 64));
  });

  it('falls below 1 when the SRAM holds too few keys per block', () => {
    const spec = fn('attention-hbm-ratio');
    expect(spec.f(4096, { ...defaultParams(spec), m: 4 })).toBeLessThan(1);
  });
});

describe('attention score entries (the efficient-attention notebook)', () => {
  // The efficient-attention witness counts these entries in NumPy masks.
  it.each([
    [4096, 4096, 8_390_656],
    [4096, 512, 1_966_336],
    [32_768, 4096, 125_831_168],
    [10, 4, 34],
  ])('n = %d, w = %d: %d entries', (n, w, want) => {
    expect(windowedScoreEntries(n, w)).toBe(want);
  });

  it('is causal attention while n ≤ w and levels off just below w after', () => {
    const spec = fn('attention-scores-per-query');
    const p = defaultParams(spec);
    expect(spec.f(2048, p)).toBeCloseTo(2049 / 2, 12);
    // n = 2^20, w = 4096: 4096 − 4096·4095 / 2^21 = 4088.002.
    expect(spec.f(1_048_576, p)).toBeCloseTo(4096 - (4096 * 4095) / 2_097_152, 9);
    expect(spec.f(1_048_576, { w: 1024 })).toBeCloseTo(1_048_577 / 2, 9);
  });
});

describe('Chinchilla loss along a fixed compute budget (Hoffmann et al. 2022, eqs. 2, 4 and 10)', () => {
  it('uses the paper’s constants and Gopher’s budget', () => {
    expect(CHINCHILLA_FIT).toEqual({ E: 1.69, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28 });
    expect(GOPHER_FLOPS).toBe(5.76e23);
  });

  it.each([
    // Chinchilla, 70B parameters, at the default budget 10^23.76: D = C / (6 · 7e10).
    [7e10, 1.9376348777848205],
    // Gopher's size, 280B, on the same budget.
    [2.8e11, 1.9841076027781572],
  ])('L(%d) at the default budget is %d', (N, want) => {
    expect(at('chinchilla-isoflop', N).f).toBeCloseTo(want, 12);
  });

  it('has its minimum at the closed-form N_opt, where the slope is zero', () => {
    const C = 10 ** 23.76;
    const Nopt = chinchillaOptimalN(C);
    // G (C/6)^(β/(α+β)) with G = (αA/βB)^(1/(α+β)) = 1.3447: about 32.2 billion parameters.
    expect(Nopt).toBeCloseTo(32175720259.132587, 0);
    expect(chinchillaIsoLoss(Nopt, C)).toBeCloseTo(1.9307840655610327, 12);
    expect(Math.abs(at('chinchilla-isoflop', Nopt).df * Nopt)).toBeLessThan(1e-12);
    // On either side of the optimum the same budget gives a higher loss.
    for (const f of [0.5, 0.9, 1.1, 2]) expect(chinchillaIsoLoss(Nopt * f, C)).toBeGreaterThan(chinchillaIsoLoss(Nopt, C));
  });

  it('grows the optimal model as C^(β/(α+β)) = C^0.4516', () => {
    const ratio = chinchillaOptimalN(1e25) / chinchillaOptimalN(1e24);
    expect(Math.log10(ratio)).toBeCloseTo(0.28 / 0.62, 12);
  });
});

describe('transformer block: share of FLOPs attending over the context', () => {
  it.each([
    // Base Transformer, d = 512, r = 4: weights 24 d² = 6,291,456 FLOPs per token; context 4 n d.
    // n = 512: 1,048,576 / 7,340,032 = 1/7.
    [512, 1 / 7],
    // n = 6 d = 3072: the two terms are equal.
    [3072, 0.5],
    // n = 32,768: 67,108,864 / 73,400,320 = 0.91429.
    [32_768, 32_768 / 35_840],
  ])('at n = %d the share is %d', (n, want) => {
    expect(at('block-attention-share', n).f).toBeCloseTo(want, 14);
  });

  it('halves at n = (2 + r) d for other widths and ratios', () => {
    expect(blockAttentionShare(4096 * 6, 4096, 4)).toBeCloseTo(0.5, 15);
    expect(blockAttentionShare(1024 * 4.5, 1024, 2.5)).toBeCloseTo(0.5, 15);
    // The slope there is 1 / (4 (2 + r) d): at d = 512, r = 4, 1 / 12,288.
    expect(at('block-attention-share', 3072).df).toBeCloseTo(1 / 12_288, 15);
  });
});

describe('speculative decoding (Leviathan et al. 2022, eq. 1 and Theorem 3.8)', () => {
  it.each([
    // Table 1 of the paper, c = 0: α = 0.6, γ = 2 → 1.96×; α = 0.8, γ = 5 → 3.69×; α = 0.9, γ = 10 → 6.86×.
    [0.6, 2, 1.96],
    [0.8, 5, 3.69],
    [0.9, 10, 6.86],
    // Section 3.6: a bigram draft, α = 0.2, γ = 3 → 1.25×.
    [0.2, 3, 1.25],
  ])('α = %d, γ = %d gives %d tokens per pass', (alpha, gamma, want) => {
    expect(Number(speculativeTokens(alpha, gamma).toFixed(2))).toBe(want);
    expect(speculativeTokens(alpha, gamma)).toBeCloseTo((1 - alpha ** (gamma + 1)) / (1 - alpha), 12);
  });

  it('gives the notebook’s numbers: 3.3616 tokens and 2.8013× at α = 0.8, γ = 4, c = 0.05', () => {
    expect(at('speculative-tokens-per-pass', 0.8).f).toBeCloseTo(3.3616, 12);
    expect(at('speculative-speedup', 0.8).f).toBeCloseTo(3.3616 / 1.2, 12);
    // γ = 5 and γ = 10 at c = 0.05: 2.95× and 3.05×, barely apart.
    expect(speculativeSpeedup(0.8, 5, 0.05)).toBeCloseTo(2.951424, 5);
    expect(speculativeSpeedup(0.8, 10, 0.05)).toBeCloseTo(3.04702, 4);
  });

  it('is γ + 1 at α = 1, 1 at α = 0, and (1 + α)/(1 + c) at γ = 1 (Corollary 3.9)', () => {
    expect(speculativeTokens(1, 7)).toBe(8);
    expect(speculativeTokens(0, 7)).toBe(1);
    expect(speculativeSpeedup(0.3, 1, 0.3)).toBeCloseTo(1, 12);
    expect(speculativeSpeedup(0.8, 1, 0.05)).toBeCloseTo(1.8 / 1.05, 12);
    // A draft that is never accepted only adds cost: 1 / (4 · 0.05 + 1).
    expect(at('speculative-speedup', 0).f).toBeCloseTo(1 / 1.2, 12);
  });
});

describe('spread of a random dot product', () => {
  it('has standard deviation √d without scaling: 8 at d = 64, 16 with entry variance 2', () => {
    expect(at('dot-product-std', 64).f).toBeCloseTo(8, 12);
    expect(at('dot-product-std', 64, { v: 2 }).f).toBeCloseTo(16, 12);
    expect(dotProductStd(512, 1, 0)).toBeCloseTo(Math.sqrt(512), 12);
  });

  it('stays at v for every d once divided by √d, with slope 0', () => {
    for (const d of [1, 16, 64, 512]) {
      expect(at('dot-product-std', d, { scaled: 1 }).f).toBeCloseTo(1, 12);
      expect(at('dot-product-std', d, { scaled: 1 }).df).toBe(0);
    }
  });

  it('has slope 1/(2√d) without scaling: 1/16 at d = 64', () => {
    expect(at('dot-product-std', 64).df).toBeCloseTo(1 / 16, 12);
    expect(at('dot-product-std', 64).fd).toBeCloseTo(1 / 16, 8);
  });
});

describe('Bernoulli log-likelihood', () => {
  it('peaks at k/n: slope 0 at p = 0.3 for 3 ones and 7 zeros, positive below, negative above', () => {
    expect(at('bernoulli-log-likelihood', 0.3).df).toBeCloseTo(0, 12);
    expect(at('bernoulli-log-likelihood', 0.2).df).toBeGreaterThan(0);
    expect(at('bernoulli-log-likelihood', 0.5).df).toBeLessThan(0);
    // ℓ(0.3) = 3 ln 0.3 + 7 ln 0.7 = −6.1086.
    expect(at('bernoulli-log-likelihood', 0.3).f).toBeCloseTo(3 * Math.log(0.3) + 7 * Math.log(0.7), 12);
  });

  it('keeps the peak at 0.3 with four times the data and is four times as curved', () => {
    expect(at('bernoulli-log-likelihood', 0.3, { k: 12, zeros: 28 }).df).toBeCloseTo(0, 12);
    const curv = (k: number, zeros: number) =>
      (bernoulliLogLik(0.3 + 1e-4, k, zeros) - 2 * bernoulliLogLik(0.3, k, zeros) + bernoulliLogLik(0.3 - 1e-4, k, zeros)) / 1e-8;
    // −n / (p(1 − p)): −10 / 0.21 = −47.6 and −40 / 0.21 = −190.5.
    expect(curv(3, 7)).toBeCloseTo(-10 / 0.21, 2);
    expect(curv(12, 28)).toBeCloseTo(-40 / 0.21, 1);
  });

  it('treats a count of zero as contributing nothing, so all-zeros peaks at the left edge', () => {
    expect(bernoulliLogLik(0.5, 0, 0)).toBe(0);
    expect(at('bernoulli-log-likelihood', 0.01, { k: 0, zeros: 10 }).df).toBeLessThan(0);
  });
});

describe('matrix chain: FLOPs of (XY)Z ÷ FLOPs of X(YZ)', () => {
  it.each([
    // The notebook's chain 200, 4, 200, 4: (XY)Z = 320,000 + 320,000, X(YZ) = 6,400 + 6,400; 50×.
    [200, 4, 200, 4, 640_000, 12_800, 50],
    // Reversed, 4, 200, 4, 200: (XY)Z = 6,400 + 6,400, X(YZ) = 320,000 + 320,000; (XY)Z wins 50×.
    [4, 200, 4, 200, 12_800, 640_000, 0.02],
    // 4, 200, 200, 4: both 320,000 + 6,400 = 326,400, a tie.
    [4, 200, 200, 4, 326_400, 326_400, 1],
    // The worked 2 × 3 by 3 × 2 example times a 2 × 2: (XY)Z = 24 + 16 = 40, X(YZ) = 24 + 24 = 48.
    [2, 3, 2, 2, 40, 48, 40 / 48],
  ])('n = %d, %d, %d, %d: (XY)Z %d FLOPs, X(YZ) %d, ratio %d', (n0, n1, n2, n3, left, right, ratio) => {
    expect(chainFlops(n0, n1, n2, n3)).toEqual({ left, right });
    expect(chainCostRatio(n0, n1, n2, n3)).toBeCloseTo(ratio, 12);
  });

  it('plots the ratio against n₁: 50 at the defaults, 1/50 and 1 when the other sizes change', () => {
    expect(at('matmul-chain-ratio', 4).f).toBeCloseTo(50, 12);
    expect(at('matmul-chain-ratio', 200, { n0: 4, n2: 4, n3: 200 }).f).toBeCloseTo(0.02, 12);
    expect(at('matmul-chain-ratio', 200, { n0: 4, n2: 200, n3: 4 }).f).toBeCloseTo(1, 12);
  });

  it('equals n₀n₂(n₁ + n₃) / (n₁n₃(n₀ + n₂)) and falls towards n₀n₂ / (n₃(n₀ + n₂)) as n₁ grows', () => {
    // At the defaults the slope is −n₀n₂ / (n₁²(n₀ + n₂)) = −40,000 / (16 · 400) = −6.25 at n₁ = 4.
    expect(at('matmul-chain-ratio', 4).df).toBeCloseTo(-6.25, 12);
    expect(at('matmul-chain-ratio', 4).fd).toBeCloseTo(-6.25, 6);
    // The limit for n₀ = n₂ = 200, n₃ = 4 is 40,000 / 1,600 = 25; at n₁ = 1000, 25 · 1.004 = 25.1.
    expect(at('matmul-chain-ratio', 1000).f).toBeCloseTo(25.1, 12);
    // Swapping the ends (n₀ ↔ n₃ and n₁ ↔ n₂) swaps the groupings, so the ratio turns upside down.
    for (const [a, b, c, d] of [[200, 4, 200, 4], [8, 40, 12, 400], [3, 5, 7, 11]])
      expect(chainCostRatio(a!, b!, c!, d!) * chainCostRatio(d!, c!, b!, a!)).toBeCloseTo(1, 12);
  });
});

describe('InfoNCE against the positive’s margin (van den Oord et al. 2018, Eq. 4)', () => {
  it('is log N at margin 0 for any temperature', () => {
    for (const n of [2, 64, 4096]) for (const tau of [0.02, 0.1, 1]) expect(infonceMargin(0, tau, n)).toBeCloseTo(Math.log(n), 12);
  });

  it('gives the notebook’s numbers: 0.3538 at m = 0.5, τ = 0.1, N = 64, and 3.1854 at τ = 0.5', () => {
    expect(at('infonce-margin', 0.5).f).toBeCloseTo(Math.log1p(63 * Math.exp(-5)), 12);
    expect(Number(at('infonce-margin', 0.5).f.toFixed(4))).toBe(0.3538);
    expect(Number(at('infonce-margin', 0.5, { tau: 0.5 }).f.toFixed(4))).toBe(3.1854);
    expect(Number(at('infonce-margin', 0.2).f.toFixed(4))).toBe(2.254);
    expect(Number(at('infonce-margin', 0.5, { n: 32768 }).f.toFixed(4))).toBe(5.4017);
  });

  it('stays finite at the smallest temperature and the widest margins', () => {
    expect(infonceMargin(-1, 0.02, 4096)).toBeCloseTo(Math.log(4095) + 50, 9);
    expect(infonceMargin(2, 0.02, 4096)).toBeGreaterThan(0);
    expect(infonceMargin(2, 0.02, 4096)).toBeLessThan(1e-30);
    const { df, fd } = at('infonce-margin', 0.3, { tau: 0.05, n: 1000 });
    expect(Math.abs(df - fd)).toBeLessThan(1e-5);
  });
});

describe('preference losses (Bradley–Terry, InstructGPT Eq. 1; DPO, Rafailov et al. 2023 Eq. 7)', () => {
  it('is log 2 at margin 0 and log(1 + e^{−βm}) elsewhere', () => {
    for (const beta of [0.01, 0.1, 1, 4]) expect(preferenceLoss(0, beta)).toBeCloseTo(Math.log(2), 12);
    expect(Number(at('bradley-terry-loss', 2).f.toFixed(4))).toBe(0.1269);
    expect(Number(at('bradley-terry-loss', -2).f.toFixed(4))).toBe(2.1269);
    expect(Number(at('dpo-loss', 10).f.toFixed(4))).toBe(0.3133);
    expect(Number(at('dpo-loss', 10, { beta: 0.5 }).f.toFixed(4))).toBe(0.0067);
  });

  it('stays finite at wide margins and its rate matches a central difference', () => {
    expect(preferenceLoss(-40, 1)).toBeCloseTo(40, 9);
    expect(preferenceLoss(40, 1)).toBeGreaterThan(0);
    const { df, fd } = at('dpo-loss', 3, { beta: 0.3 });
    expect(Math.abs(df - fd)).toBeLessThan(1e-8);
    expect(at('bradley-terry-loss', 0).df).toBeCloseTo(-0.5, 12);
  });
});

describe('VAE: ELBO against the encoder’s mean (Kingma & Welling 2013, Appendix B)', () => {
  it('never exceeds log p(x) and reaches it only at the posterior m = x/2, s² = 1/2', () => {
    for (const x of [-3, 0, 2, 3.7])
      for (const m of [-4, -1, 0, x / 2, 1.5, 4])
        for (const s of [0.1, 0.5, Math.SQRT1_2, 1, 2]) expect(vaeElbo(m, x, s)).toBeLessThanOrEqual(vaeLogEvidence(x) + 1e-12);
    expect(vaeElbo(1, 2, Math.SQRT1_2)).toBeCloseTo(vaeLogEvidence(2), 12);
    // log p(2) = −½ ln 4π − 1 = −2.2655, the witness’s number.
    expect(Number(vaeLogEvidence(2).toFixed(3))).toBe(-2.266);
  });

  it('gives the witness’s gaps at x = 2: 0.153 (s = 1), 0.447 (s = 0.3), 1.153 (the prior as encoder)', () => {
    const gap = (m: number, s: number) => vaeLogEvidence(2) - at('vae-elbo-mean', m, { x: 2, s }).f;
    expect(Number(gap(1, 1).toFixed(3))).toBe(0.153);
    expect(Number(gap(1, 0.3).toFixed(3))).toBe(0.447);
    expect(Number(gap(0, 1).toFixed(3))).toBe(1.153);
  });

  it('peaks at m = x/2 whatever the width: slope x − 2m', () => {
    for (const s of [0.2, 1, 1.8]) expect(at('vae-elbo-mean', 1, { x: 2, s }).df).toBeCloseTo(0, 12);
    expect(at('vae-elbo-mean', -1, { x: 0.5, s: 1 }).df).toBeCloseTo(2.5, 12);
  });
});

describe('DDPM: signal fraction against the step (Ho et al. 2020, section 4)', () => {
  const exact = (t: number, b1 = 1e-4, bT = 0.02) => {
    let lab = 0;
    for (let s = 1; s <= t; s++) lab += Math.log(1 - (b1 + ((bT - b1) * (s - 1)) / 999));
    return lab;
  };

  it('matches the product of (1 − β_s) at whole steps, within 10⁻⁷ in ln ᾱ', () => {
    for (const t of [0, 1, 100, 250, 369, 500, 750, 1000]) expect(Math.abs(ddpmLogAlphaBar(t, 1e-4, 0.02) - exact(t))).toBeLessThan(1e-7);
    for (const t of [10, 600]) expect(Math.abs(ddpmLogAlphaBar(t, 5e-4, 0.04) - exact(t, 5e-4, 0.04))).toBeLessThan(1e-7);
    expect(ddpmLogAlphaBar(300, 0.01, 0.01)).toBeCloseTo(300 * Math.log(0.99), 12);
  });

  it('gives the witness’s numbers: ᾱ_T = 4.04 × 10⁻⁵, √ᾱ = 0.724, 0.280, 0.058 at t = 250, 500, 750', () => {
    expect(Number((Math.exp(ddpmLogAlphaBar(1000, 1e-4, 0.02)) * 1e5).toFixed(2))).toBe(4.04);
    expect(Number(at('ddpm-signal-fraction', 250).f.toFixed(3))).toBe(0.724);
    expect(Number(at('ddpm-signal-fraction', 500).f.toFixed(3))).toBe(0.28);
    expect(Number(at('ddpm-signal-fraction', 750).f.toFixed(3))).toBe(0.058);
    expect(at('ddpm-signal-fraction', 368).f).toBeGreaterThan(0.5);
    expect(Number(at('ddpm-signal-fraction', 1000, { betaT: 0.005 }).f.toFixed(3))).toBe(0.279);
    expect(at('ddpm-signal-fraction', 369).f).toBeLessThan(0.5);
  });
});

describe('reward model over-optimisation (Gao, Schulman and Hilton 2022)', () => {
  it('starts at 0 and peaks for best-of-n at d = α / (2β) with height α² / (4β)', () => {
    expect(at('gao-bon-gold', 0).f).toBe(0);
    // The reward-hacking toy: α = 2, β = 0.75 peaks at d = 4/3 with gain 4/3.
    expect(at('gao-bon-gold', 4 / 3).f).toBeCloseTo(4 / 3, 12);
    expect(at('gao-bon-gold', 4 / 3).df).toBeCloseTo(0, 12);
    expect(gaoBestOfNGold(2, 2, 0.75)).toBeCloseTo(1, 12);
    // Past d = α / β the gain is negative: worse than the initial policy.
    expect(gaoBestOfNGold(3, 2, 0.75)).toBeLessThan(0);
  });

  it('peaks for RL at d = exp(α/β − 1) and is 0 at d = 0 and d = exp(α/β)', () => {
    const peak = Math.exp(2 / 0.75 - 1);
    expect(at('gao-rl-gold', peak).df).toBeCloseTo(0, 10);
    expect(gaoRlGold(0, 2, 0.75)).toBe(0);
    expect(gaoRlGold(Math.exp(2 / 0.75), 2, 0.75)).toBeCloseTo(0, 10);
    expect(gaoRlGold(1, 2, 0.75)).toBe(2);
  });
});

describe('bias and variance against the number of features (ESL §7.3, the bias-variance notebook)', () => {
  it('gives the witness’s numbers: 5 at p = 0, 2 at p = 50, 1.43 at the best p = 17.0', () => {
    expect(at('bias-variance-in-sample', 0).f).toBeCloseTo(5, 12);
    expect(at('bias-variance-in-sample', 50).f).toBeCloseTo(2 + 4 * 0.8 ** 50, 12);
    const pStar = Math.log(1 / (50 * 4 * -Math.log(0.8))) / Math.log(0.8);
    expect(pStar).toBeCloseTo(17.0, 1);
    expect(at('bias-variance-in-sample', pStar).df).toBeCloseTo(0, 12);
    expect(at('bias-variance-in-sample', pStar).f).toBeCloseTo(1.43, 2);
  });

  it('moves the best p by ln 4 / (−ln r) = 6.21 features when N is quadrupled', () => {
    const best = (N: number) => Math.log(1 / (N * 4 * -Math.log(0.8))) / Math.log(0.8);
    expect(best(200) - best(50)).toBeCloseTo(Math.log(4) / -Math.log(0.8), 12);
    expect(best(200)).toBeCloseTo(23.2, 1);
    expect(at('bias-variance-in-sample', best(200), { N: 200 }).df).toBeCloseTo(0, 12);
    expect(biasVarianceError(10, 50, 4, 0.8, 1)).toBeCloseTo(1 + 4 * 0.8 ** 10 + 0.2, 12);
  });
});

describe('K-fold cross-validation overstatement (the cross-validation notebook)', () => {
  it('gives the witness’s numbers at N = 100, p = 10: 12.95, 2.93, 1.28 and 0.11 % for K = 2, 5, 10, N', () => {
    expect(at('kfold-overstatement', 2).f).toBeCloseTo(12.95, 2);
    expect(at('kfold-overstatement', 5).f).toBeCloseTo(2.93, 2);
    expect(at('kfold-overstatement', 10).f).toBeCloseTo(1.28, 2);
    expect(at('kfold-overstatement', 100).f).toBeCloseTo(0.11, 2);
  });

  it('falls with K towards 0 and shrinks as N grows', () => {
    expect(at('kfold-overstatement', 20).df).toBeLessThan(0);
    expect(kfoldOverstatement(5, 1000, 10)).toBeLessThan(kfoldOverstatement(5, 100, 10));
    expect(kfoldOverstatement(1e9, 100, 10)).toBeCloseTo(0, 6);
  });
});

describe('ridge regression against the penalty (ESL §3.4.1, the regularization notebook)', () => {
  it('gives the witness’s numbers: least squares 1.8, the best λ* = pσ²/S = 40 with error 13/9', () => {
    expect(ridgeError(0, 50, 40, 1, 1)).toBeCloseTo(1.8, 12);
    expect(at('ridge-error', 40).f).toBeCloseTo(13 / 9, 12);
    expect(at('ridge-error', 40).df).toBeCloseTo(0, 12);
    expect(at('ridge-error', 10).df).toBeLessThan(0);
    expect(at('ridge-error', 100).df).toBeGreaterThan(0);
  });

  it('moves λ* to 20 when the signal doubles, and tends to σ² + S as λ grows', () => {
    expect(at('ridge-error', 20, { S: 2 }).df).toBeCloseTo(0, 12);
    expect(ridgeError(20, 50, 40, 2, 1)).toBeCloseTo(1 + (2 * 0.8) / 2.8, 12);
    expect(ridgeError(1e12, 50, 40, 1, 1)).toBeCloseTo(2, 6);
  });
});

describe('softplus, shared by the InfoNCE and preference losses', () => {
  it.each([
    [0, Math.LN2],
    [1, Math.log(1 + Math.E)],
    [-1, Math.log(1 + 1 / Math.E)],
  ])('softplus(%d) = log(1 + e^u)', (u, expected) => expect(softplus(u)).toBeCloseTo(expected, 15));

  it('neither overflows for large u nor rounds small values to 0 for very negative u', () => {
    expect(softplus(1000)).toBe(1000);
    expect(softplus(-700)).toBeGreaterThan(0); // e^-700 ≈ 1e-304, still a normal double
    expect(softplus(-40)).toBeCloseTo(Math.exp(-40), 30);
  });
});

describe('logistic regression on five points: the loss against the weight', () => {
  it('costs ln 2 at w = 0 wherever the fifth point sits (every probability is 1/2)', () => {
    for (const a of [-2, -1, 0, 1, 2]) expect(logisticFivePointLoss(0, a)).toBeCloseTo(Math.LN2, 14);
  });

  it('matches its derivative and the witness’s numbers', () => {
    for (const w of [-1, 0, 1.224, 4]) expect(at('logistic-separable-loss', w).df).toBeCloseTo(at('logistic-separable-loss', w).fd, 8);
    // Witness: at a = 1 the loss is 0.0834, 0.0110 and 0.00020 at w = 2, 4 and 8.
    expect(logisticFivePointLoss(2, 1)).toBeCloseTo(0.0834, 4);
    expect(logisticFivePointLoss(4, 1)).toBeCloseTo(0.011, 4);
    expect(logisticFivePointLoss(8, 1)).toBeCloseTo(2.0e-4, 5);
  });

  it('has no minimum when the data are separable (a > 0): downhill across the whole plotted range', () => {
    for (let i = 0; i <= 90; i++) expect(logisticFivePointLossRate(-1 + i / 10, 1)).toBeLessThan(0);
  });

  it('has a finite minimum when the fifth point sits among the zeros (a = −1): w* = 1.2240, loss 0.4326', () => {
    expect(logisticFivePointLossRate(1.224, -1)).toBeCloseTo(0, 4);
    expect(logisticFivePointLossRate(1.1, -1)).toBeLessThan(0);
    expect(logisticFivePointLossRate(1.4, -1)).toBeGreaterThan(0);
    expect(logisticFivePointLoss(1.224, -1)).toBeCloseTo(0.4326, 4);
  });
});

describe('every registry entry, at its parameters’ defaults and extremes, never yields NaN', () => {
  const corners = (spec: (typeof REGISTRY)[number]) => [
    defaultParams(spec),
    Object.fromEntries(spec.params.map((p) => [p.name, p.min])),
    Object.fromEntries(spec.params.map((p) => [p.name, p.max])),
  ];
  const xs = (spec: (typeof REGISTRY)[number]) => {
    const [lo, hi] = spec.domain;
    return Array.from({ length: 41 }, (_, i) =>
      spec.xScale === 'log' ? lo * (hi / lo) ** (i / 40) : lo + ((hi - lo) * i) / 40,
    );
  };
  // ±Infinity is allowed (the explorer names it "infinite"); NaN would reach the page as a blank.
  it.each(REGISTRY.map((spec) => [spec.id, spec] as const))('%s', (_, spec) => {
    for (const p of corners(spec))
      for (const x of xs(spec)) {
        expect(Number.isNaN(spec.f(x, p)), `f(${x}) with ${JSON.stringify(p)}`).toBe(false);
        if (spec.df) expect(Number.isNaN(spec.df(x, p)), `f′(${x}) with ${JSON.stringify(p)}`).toBe(false);
      }
  });
});

describe('reproducibility: wrong picks from n seeds per model', () => {
  it('has the standard normal CDF to 1.2e-7 at a few known points', () => {
    expect(seedNormalCdf(0)).toBeCloseTo(0.5, 7);
    expect(seedNormalCdf(-1.6448536269514722)).toBeCloseTo(0.05, 7);
    expect(seedNormalCdf(1.959963984540054)).toBeCloseTo(0.975, 7);
    expect(seedNormalCdf(-40)).toBeGreaterThanOrEqual(0);
    expect(seedNormalCdf(40)).toBeLessThanOrEqual(1);
  });

  it('gives the witness’s numbers at Δ = σ: 0.2398 for one seed, 0.0569 for five, 0.0127 for ten', () => {
    expect(wrongPickProbability(1, 1, 1)).toBeCloseTo(0.2398, 4);
    expect(wrongPickProbability(5, 1, 1)).toBeCloseTo(0.0569, 4);
    expect(wrongPickProbability(10, 1, 1)).toBeCloseTo(0.0127, 4);
    expect(wrongPickProbability(6, 1, 1)).toBeLessThanOrEqual(0.05);
    expect(wrongPickProbability(5, 1, 1)).toBeGreaterThan(0.05);
  });

  it('is a coin toss when there is no true gap, whatever n', () => {
    for (const n of [1, 7, 30]) expect(wrongPickProbability(n, 0, 1)).toBeCloseTo(0.5, 7);
    expect(wrongPickProbability(30, 0.3, 1.5)).toBeCloseTo(0.219, 3);
  });
});

describe('versioning: the birthday bound for content ids', () => {
  it('gives the witness’s numbers: 0.4956 for 300 ids of 16 bits, even odds near 77,163 ids of 32 bits', () => {
    expect(hashCollisionProbability(300, 16)).toBeCloseTo(0.4956, 4);
    expect(hashCollisionProbability(77_163, 32)).toBeCloseTo(0.5, 4);
    expect(hashCollisionProbability(1, 32)).toBe(0);
    expect(hashCollisionProbability(65_536, 32)).toBeCloseTo(1 - Math.exp(-0.5), 5);
    expect(hashCollisionProbability(10_000, 28)).toBeCloseTo(0.17, 3);
  });

  it('keeps small probabilities instead of rounding them to 0', () => {
    expect(hashCollisionProbability(1e12, 256)).toBeGreaterThan(0);
    expect(hashCollisionProbability(1e12, 256)).toBeLessThan(1e-50);
  });
});

describe('training compute: days against MFU', () => {
  it('turns GPT-3’s 3.14 × 10²³ FLOPs into 28.5 days on 1,024 A100s at 40 % MFU (the witness’s figure)', () => {
    const C = 6 * 174.6e9 * 300e9;
    expect(C).toBeCloseTo(3.1428e23, -19);
    expect(trainingDays(C, 0.4, 312e12, 1024)).toBeCloseTo(28.46, 2);
    // 1,024 × 28.46 = 29,147 GPU-days.
    expect(1024 * trainingDays(C, 0.4, 312e12, 1024)).toBeCloseTo(29146.6, 0);
    // Half the utilisation, twice the time.
    expect(trainingDays(C, 0.2, 312e12, 1024) / trainingDays(C, 0.4, 312e12, 1024)).toBeCloseTo(2, 12);
  });

  it('reads its defaults as GPT-3’s budget on 1,024 A100s', () => {
    const spec = fn('training-days-mfu');
    expect(10 ** defaultParams(spec).logc).toBeCloseTo(3.1405e23, -19);
    expect(at('training-days-mfu', 0.4).f).toBeCloseTo(trainingDays(10 ** 23.497, 0.4, 312e12, 1024), 12);
  });
});

describe('emergent abilities: exact match against a smooth per-token loss', () => {
  it.each([
    // The witness's toy family: α = 0.5, N_c = 10⁹, K = 10.
    [1e9, 1, Math.exp(-1)],
    [1e9, 10, Math.exp(-10)],
    [1e11, 10, Math.exp(-1)],
    [1e12, 10, 0.7288934141100246],
  ])('EM(%d) with K = %d is %d', (N, K, want) => {
    expect(exactMatch(N, 0.5, K)).toBeCloseTo(want, 12);
  });

  it('is the per-token accuracy at K = 1 and its K-th power otherwise', () => {
    for (const N of [1e8, 1e10, 1e12]) {
      const p = Math.exp(-perTokenLoss(N, 0.5));
      expect(exactMatch(N, 0.5, 1)).toBeCloseTo(p, 15);
      expect(exactMatch(N, 0.5, 7)).toBeCloseTo(p ** 7, 15);
      expect(tokenEditDistance(N, 0.5, 10)).toBeCloseTo(10 * (1 - p), 12);
    }
  });

  it('scores the witness’s edit distances, 9.58 wrong tokens at 10⁸ and 0.31 at 10¹²', () => {
    expect(at('emergence-edit-distance', 1e8).f).toBeCloseTo(9.577, 3);
    expect(at('emergence-edit-distance', 1e12).f).toBeCloseTo(0.311, 3);
  });
});

describe('SGD noise floor (the stochastic gradient descent notebook)', () => {
  it('gives the witness’s floors in units of σ²: 0.0263 at η = 0.1, B = 1 and 0.125 at η = 1.6, B = 16', () => {
    expect(at('sgd-noise-floor', 0.1).f).toBeCloseTo(0.1 / 3.8, 12);
    expect(at('sgd-noise-floor', 1.6, { B: 16 }).f).toBeCloseTo(0.125, 12);
    expect(sgdNoiseFloor(0.1, 4)).toBeCloseTo(0.1 / 15.2, 12);
  });

  it('keeps the floor under linear scaling only while η is small, and is infinite from η = 2/λ', () => {
    expect(sgdNoiseFloor(0.2, 2) / sgdNoiseFloor(0.1, 1)).toBeCloseTo(1.9 / 1.8, 12);
    expect(sgdNoiseFloor(1.6, 16) / sgdNoiseFloor(0.1, 1)).toBeCloseTo(4.75, 12);
    expect(sgdNoiseFloor(2, 1)).toBe(Infinity);
    expect(sgdNoiseFloor(1.2, 1, 2)).toBe(Infinity);
  });

  it('has slope 1/(B(2 − η)²), matching a central difference', () => {
    const { df, fd } = at('sgd-noise-floor', 0.7, { B: 3 });
    expect(df).toBeCloseTo(1 / (3 * 1.3 ** 2), 12);
    expect(df).toBeCloseTo(fd, 6);
  });
});

describe('Lp unit circle (the vector norms notebook)', () => {
  it('crosses the diagonal at 2^(−1/p): 0.5 for L1, 0.7071 for L2, near 1 for large p', () => {
    expect(lpUnitCircle(0.5, 1)).toBeCloseTo(0.5, 12);
    expect(lpUnitCircle(Math.SQRT1_2, 2)).toBeCloseTo(Math.SQRT1_2, 12);
    expect(lpUnitCircle(2 ** (-1 / 16), 16)).toBeCloseTo(2 ** (-1 / 16), 12);
  });

  it('is a straight line for p = 1 and a quarter circle for p = 2', () => {
    for (const x of [0, 0.25, 0.6, 1]) {
      expect(lpUnitCircle(x, 1)).toBeCloseTo(1 - x, 12);
      expect(lpUnitCircle(x, 2)).toBeCloseTo(Math.sqrt(1 - x * x), 12);
    }
  });

  it('bends inwards below p = 1: (¼, ¼) is on the p = ½ curve although ‖(¼, ¼)‖₁ = ½', () => {
    expect(lpUnitCircle(0.25, 0.5)).toBeCloseTo(0.25, 12);
  });

  it('has slope −x^(p−1)(1 − x^p)^(1/p − 1), matching a central difference', () => {
    const { df, fd } = at('lp-unit-circle', 0.4, { p: 3 });
    expect(df).toBeCloseTo(-(0.4 ** 2) * (1 - 0.4 ** 3) ** (1 / 3 - 1), 12);
    expect(df).toBeCloseTo(fd, 6);
  });
});

describe('mutual information of correlated Gaussians (the mutual-information witness)', () => {
  it('is 0 at ρ = 0, even in ρ, and gives the witness’s 0.144, 0.830 and 1.959 nats', () => {
    expect(Object.is(gaussianMutualInformation(0, 1), 0)).toBe(true);
    expect(gaussianMutualInformation(-0.9, 1)).toBe(gaussianMutualInformation(0.9, 1));
    expect(Number(at('gaussian-mi', 0.5).f.toFixed(3))).toBe(0.144);
    expect(Number(at('gaussian-mi', 0.9).f.toFixed(3))).toBe(0.83);
    expect(Number((at('gaussian-mi', 0.9).f / Math.LN2).toFixed(3))).toBe(1.198);
    expect(Number(at('gaussian-mi', 0.99).f.toFixed(3))).toBe(1.959);
  });

  it('adds over independent pairs and is infinite at ρ = 1', () => {
    expect(at('gaussian-mi', 0.99, { k: 4 }).f).toBeCloseTo(4 * gaussianMutualInformation(0.99, 1), 12);
    expect(gaussianMutualInformation(1, 1)).toBe(Infinity);
  });
});

describe('density of a one-layer tanh flow (the normalizing-flows witness)', () => {
  const integral = (a: number) => {
    let s = 0;
    const h = 0.001;
    for (let x = -12; x <= 12; x += h) s += flowTanhDensity(x, a) * h;
    return s;
  };

  it('is the standard Gaussian at a = 0 and integrates to 1 while the map is invertible', () => {
    expect(flowTanhDensity(0, 0)).toBeCloseTo(1 / Math.sqrt(2 * Math.PI), 15);
    for (const a of [-0.9, -0.5, 0, 1, 3]) expect(integral(a)).toBeCloseTo(1, 6);
  });

  it('gives the witness’s p(0) = 0.0399 at a = −0.9, and overcounts once the map folds', () => {
    expect(Number(at('flow-tanh-density', 0, { a: -0.9 }).f.toFixed(4))).toBe(0.0399);
    expect(integral(-1.5)).toBeGreaterThan(1);
  });
});

describe('error bars of a benchmark score (the evaluation-pipelines notebook)', () => {
  it('gives the witness’s half-widths at p = 0.7: 8.98, 2.84 and 0.90 points for n = 100, 1,000, 10,000', () => {
    expect(accuracyCiHalfwidth(100, 0.7)).toBeCloseTo(8.98, 2);
    expect(accuracyCiHalfwidth(1000, 0.7)).toBeCloseTo(2.84, 2);
    expect(accuracyCiHalfwidth(10000, 0.7)).toBeCloseTo(0.9, 2);
    expect(at('accuracy-ci-halfwidth', 1000).f).toBeCloseTo(2.84, 2);
  });

  it('halves the interval with four times the items', () => {
    expect(accuracyCiHalfwidth(400, 0.7) / accuracyCiHalfwidth(100, 0.7)).toBeCloseTo(0.5, 12);
  });

  it('gives ±4.02, ±2.84 and ±1.80 points for the gap at ρ = 0, 0.5 and 0.8 (n = 1,000, p = 0.7)', () => {
    expect(pairedDiffCiHalfwidth(1000, 0.7, 0)).toBeCloseTo(4.02, 2);
    expect(pairedDiffCiHalfwidth(1000, 0.7, 0.5)).toBeCloseTo(2.84, 2);
    expect(pairedDiffCiHalfwidth(1000, 0.7, 0.8)).toBeCloseTo(1.8, 2);
    expect(at('paired-diff-ci-halfwidth', 1000).f).toBeCloseTo(2.84, 2);
  });

  it('is √2 times one model’s interval when unpaired, and equal to it at ρ = 0.5', () => {
    expect(pairedDiffCiHalfwidth(500, 0.6, 0) / accuracyCiHalfwidth(500, 0.6)).toBeCloseTo(Math.SQRT2, 12);
    expect(pairedDiffCiHalfwidth(500, 0.6, 0.5)).toBeCloseTo(accuracyCiHalfwidth(500, 0.6), 12);
  });
});

describe('quantization: rms rounding error against the bits (the quantization notebook)', () => {
  it('matches the witness: range 10 at 8 bits, range 401 (an outlier column) at 8 bits', () => {
    expect(quantizationRmsError(8, 10)).toBeCloseTo(10 / (255 * Math.sqrt(12)), 12);
    expect(quantizationRmsError(8, 401)).toBeCloseTo(0.4536, 3);
    expect(at('quantization-rms-error', 8).f).toBeCloseTo(0.0113, 4);
  });

  it('halves the error with each extra bit, nearly, and needs 13.32 bits for a range 40 times wider', () => {
    expect(quantizationRmsError(9, 10) / quantizationRmsError(8, 10)).toBeCloseTo(255 / 511, 12);
    expect(quantizationRmsError(Math.log2(255 * 40 + 1), 400)).toBeCloseTo(quantizationRmsError(8, 10), 12);
  });

  it('has the analytic slope', () => {
    for (const b of [1.5, 4, 8, 12]) {
      const r = at('quantization-rms-error', b, { r: 50 });
      expect(r.df).toBeCloseTo(r.fd, 6);
      expect(quantizationRmsErrorRate(b, 50)).toBe(r.df);
    }
  });
});

describe('gaussian-density', () => {
  it('has the peak and the one-sigma value the gaussian-distribution witness prints', () => {
    expect(Number(at('gaussian-density', 0).f.toFixed(4))).toBe(0.3989);
    expect(Number(at('gaussian-density', 1).f.toFixed(4))).toBe(0.242);
    expect(at('gaussian-density', 0.5, { sigma: 0.5 }).f).toBeCloseTo(2 * gaussianDensity(1, 0, 1), 12);
  });

  it('integrates to 1 and is symmetric about the mean', () => {
    let area = 0;
    for (let x = -20; x < 20; x += 0.001) area += gaussianDensity(x + 0.0005, 1, 2) * 0.001;
    expect(area).toBeCloseTo(1, 6);
    expect(gaussianDensity(1 + 0.7, 1, 2)).toBeCloseTo(gaussianDensity(1 - 0.7, 1, 2), 14);
  });
});

describe('bayes-test-posterior', () => {
  it('gives the base-rate numbers of the bayes-rule witness', () => {
    expect(Number(at('bayes-test-posterior', 0.001).f.toFixed(4))).toBe(0.0902);
    expect(at('bayes-test-posterior', 0.01).f).toBeCloseTo(0.5, 12);
    expect(testPosterior(1, 0.99, 0.99)).toBe(1);
  });

  it('rises with the prior and with the specificity', () => {
    expect(testPosterior(0.001, 0.99, 0.999)).toBeGreaterThan(testPosterior(0.001, 0.99, 0.99));
    expect(testPosterior(0.1, 0.99, 0.99)).toBeGreaterThan(testPosterior(0.01, 0.99, 0.99));
  });
});
