import { describe, expect, it } from 'vitest';
import {
  adamStep,
  divergenceText,
  fmt,
  fmtPoint,
  gdStep,
  largestEigenvalue,
  momentumStep,
  parseField,
  parseSettings,
  PARAMS,
  run,
  runAll,
  runSummary,
  type Settings,
  settingsToParams,
  stabilityNote,
  stableLimits,
  SURFACES,
  toleranceText,
  type Vec,
} from '../../src/lib/descent';
import { levelCurves, markerIndices, sampleGrid, scaleFor } from '../../src/lib/descent-plot';

const bowl = (over: Partial<Settings> = {}): Settings => ({
  surface: 'bowl',
  ...SURFACES.bowl.defaults,
  ...over,
});

describe('one step of each optimizer (hand-computed)', () => {
  it('gradient descent on f = (x² + 10y²)/2 from (1, 1) with η = 0.1', () => {
    // ∇f(1, 1) = (1, 10); (1, 1) − 0.1·(1, 10) = (0.9, 0).
    const g = SURFACES.bowl.grad(1, 1);
    expect(g).toEqual([1, 10]);
    const x = gdStep([1, 1], g, 0.1);
    expect(x[0]).toBeCloseTo(0.9, 12);
    expect(x[1]).toBeCloseTo(0, 12);
  });

  it('heavy-ball momentum: the first step is a GD step, the second adds β times the first', () => {
    // Step 1: v = 0.9·0 + (1, 10) = (1, 10); x = (1, 1) − 0.1·(1, 10) = (0.9, 0).
    const one = momentumStep([1, 1], [0, 0], [1, 10], 0.1, 0.9);
    expect(one.v).toEqual([1, 10]);
    expect(one.x[0]).toBeCloseTo(0.9, 12);
    expect(one.x[1]).toBeCloseTo(0, 12);
    // Step 2: ∇f(0.9, 0) = (0.9, 0); v = 0.9·(1, 10) + (0.9, 0) = (1.8, 9);
    // x = (0.9, 0) − 0.1·(1.8, 9) = (0.72, −0.9).
    const two = momentumStep(one.x, one.v, SURFACES.bowl.grad(...one.x), 0.1, 0.9);
    expect(two.v[0]).toBeCloseTo(1.8, 12);
    expect(two.v[1]).toBeCloseTo(9, 12);
    expect(two.x[0]).toBeCloseTo(0.72, 12);
    expect(two.x[1]).toBeCloseTo(-0.9, 12);
  });

  it('Adam (Algorithm 1 with bias correction): two steps from (1, 1) with α = 0.1', () => {
    // t = 1, g = (1, 10): m = 0.1·g = (0.1, 1), v = 0.001·g² = (0.001, 0.1);
    // m̂ = m/0.1 = (1, 10), v̂ = v/0.001 = (1, 100); step = 0.1·m̂/(√v̂ + 1e-8) ≈ (0.1, 0.1).
    // The bias correction makes the first step α·sign(g) whatever the gradient's size.
    const one = adamStep([1, 1], [0, 0], [0, 0], [1, 10], 1, 0.1, 0.9, 0.999);
    expect(one.m[0]).toBeCloseTo(0.1, 12);
    expect(one.m[1]).toBeCloseTo(1, 12);
    expect(one.v[0]).toBeCloseTo(0.001, 12);
    expect(one.v[1]).toBeCloseTo(0.1, 12);
    expect(one.x[0]).toBeCloseTo(0.9, 8);
    expect(one.x[1]).toBeCloseTo(0.9, 8);
    // t = 2, g = ∇f(0.9, 0.9) = (0.9, 9): m = 0.9·(0.1, 1) + 0.1·(0.9, 9) = (0.18, 1.8);
    // v = 0.999·(0.001, 0.1) + 0.001·(0.81, 81) = (0.001809, 0.1809);
    // m̂ = m/(1 − 0.81) = m/0.19, v̂ = v/(1 − 0.998001) = v/0.001999;
    // x step = 0.1·0.947368/√0.904952 = 0.0995877, the same in y (y's gradients are 10× x's),
    // so x = 0.9 − 0.0995877 = 0.8004123 in both coordinates.
    const two = adamStep(one.x, one.m, one.v, SURFACES.bowl.grad(...one.x), 2, 0.1, 0.9, 0.999);
    expect(two.m[0]).toBeCloseTo(0.18, 8);
    expect(two.v[1]).toBeCloseTo(0.1809, 8);
    expect(two.x[0]).toBeCloseTo(0.8004123, 6);
    expect(two.x[1]).toBeCloseTo(0.8004123, 6);
  });

  it('Adam takes no step along a coordinate whose gradient has always been zero', () => {
    // m = v = 0 there, so the step is α·0/(0 + ε) = 0: the ε keeps it from being 0/0.
    const s = adamStep([1, 0], [0, 0], [0, 0], [1, 0], 1, 0.1, 0.9, 0.999);
    expect(s.x[1]).toBe(0);
  });
});

describe('runs on the bowl: the stable limit 2/λ_max = 0.2 is exact', () => {
  const start: Vec = [0, 1];

  it('η = 0.25: y is multiplied by 1 − 2.5 = −1.5 a step and passes 1000 at step 18', () => {
    // |y_t| = 1.5^t: 1.5^17 = 985.3 ≤ 1000 < 1.5^18 = 1477.9. It leaves the plot (|y| ≤ 1.5) at
    // step 2, where |y| = 2.25.
    const r = run('gd', bowl({ lr: 0.25, start, steps: 100 }));
    expect(r.divergedAt).toBe(18);
    expect(r.divergedReason).toBe('bound');
    expect(r.points).toHaveLength(18); // x₀ … x₁₇: the diverged iterate is not kept
    expect(r.leftViewAt).toBe(2);
    expect(r.toleranceAt).toBeNull();
    expect(Math.abs(r.points[17]![1])).toBeCloseTo(1.5 ** 17, 6);
    expect(divergenceText(r)).toBe('step 18: |x| or |y| passed 1000');
  });

  it('η = 0.2 exactly: y flips between 1 and −1 and the loss stays 5', () => {
    // 1 − 10·0.2 = −1; f(0, ±1) = 10/2 = 5.
    const r = run('gd', bowl({ lr: 0.2, start, steps: 40 }));
    expect(r.divergedAt).toBeNull();
    expect(r.points.map((p) => p[1]).slice(0, 4)).toEqual([1, -1, 1, -1]);
    expect(r.finalLoss).toBeCloseTo(5, 10);
    expect(toleranceText(r)).toBe('not reached');
  });

  it('η = 0.19: loss 5·0.81ᵗ first reaches 10⁻⁴ at step 52', () => {
    // (1 − 1.9)² = 0.81 per step; 5·0.81⁵¹ = 1.07 × 10⁻⁴ > 10⁻⁴ ≥ 5·0.81⁵² = 8.7 × 10⁻⁵.
    const r = run('gd', bowl({ lr: 0.19, start, steps: 100 }));
    expect(r.toleranceAt).toBe(52);
    expect(r.losses[51]).toBeGreaterThan(1e-4);
    expect(r.losses[52]).toBeLessThanOrEqual(1e-4);
    expect(toleranceText(r)).toBe('step 52');
    expect(divergenceText(r)).toBe('no');
  });

  it('momentum with β = 0.6 survives η = 0.25, below its own limit 2(1 + β)/10 = 0.32', () => {
    const r = run('momentum', bowl({ lr: 0.25, beta: 0.6, start, steps: 200 }));
    expect(r.divergedAt).toBeNull();
    expect(r.finalLoss).toBeLessThan(1e-10);
    const over = run('momentum', bowl({ lr: 0.33, beta: 0.6, start, steps: 400 }));
    expect(over.divergedAt).not.toBeNull();
  });

  it('stable limits: 2/10 for GD and 2(1 + β)/10 for momentum; none off the quadratic', () => {
    const l = stableLimits('bowl', 0.6)!;
    expect(l.gd).toBe(0.2);
    expect(l.momentum).toBeCloseTo(0.32, 12);
    expect(stableLimits('rosenbrock', 0.6)).toBeNull();
  });

  it.each([
    [
      0.25,
      'unstable',
      /above gradient descent’s stable limit 2\/λ_max = 2\/10 = 0\.2\. .*y by 1 − 10η = −1\.5/,
    ],
    [0.2, 'edge', /exactly gradient descent’s limit/],
    [0.15, 'stable', /x by 1 − η = 0\.85 and y by 1 − 10η = −0\.5\./],
  ] as const)('stability note for η = %s is %s', (lr, kind, text) => {
    const note = stabilityNote(bowl({ lr, beta: 0.6 }));
    expect(note.kind).toBe(kind);
    expect(note.text).toMatch(text);
    expect(note.text).toContain('2(1 + β)/λ_max = 0.32');
  });

  it('off the quadratic the note gives the curvature at the minimum', () => {
    // Rosenbrock's Hessian at (1, 1) is [[802, −400], [−400, 200]]:
    // λ_max = 501 + √(301² + 400²) = 501 + 500.6006 = 1001.6006, and 2/λ_max = 0.0019968.
    expect(largestEigenvalue([802, -400, 200])).toBeCloseTo(1001.6006, 4);
    const note = stabilityNote({ surface: 'rosenbrock', ...SURFACES.rosenbrock.defaults });
    expect(note.kind).toBe('local');
    expect(note.text).toContain('λ_max ≈ 1000');
    expect(note.text).toContain('η < 2/λ_max ≈ 0.002; η = 0.001 is below that');
  });
});

describe('divergence elsewhere, and what is reported', () => {
  it('Rosenbrock with η = 1 from (−1.2, 1) passes the bound at step 2', () => {
    // ∇f(−1.2, 1) = (−2·2.2 − 400·(−1.2)·(1 − 1.44), 200·(1 − 1.44)) = (−215.6, −88),
    // so x₁ = (214.4, 89); there the x-gradient is about −400·214.4·(89 − 214.4²) ≈ 3.9 × 10⁹.
    const r = run('gd', { surface: 'rosenbrock', ...SURFACES.rosenbrock.defaults, lr: 1, steps: 10 });
    expect(r.points[1]![0]).toBeCloseTo(214.4, 9);
    expect(r.points[1]![1]).toBeCloseTo(89, 9);
    expect(r.divergedAt).toBe(2);
    expect(r.divergedReason).toBe('bound');
    expect(r.leftViewAt).toBe(1);
    expect(runSummary(r)).toBe('Gradient descent diverged at step 2.');
  });

  it('an infinite learning rate stops at step 1 as non-finite instead of plotting garbage', () => {
    const r = run('gd', bowl({ lr: Infinity, start: [1, 1] }));
    expect(r.divergedAt).toBe(1);
    expect(r.divergedReason).toBe('non-finite');
    expect(r.points).toEqual([[1, 1]]);
    expect(Number.isFinite(r.finalLoss)).toBe(true);
    expect(divergenceText(r)).toBe('step 1: the numbers overflowed');
  });

  it('on the saddle, GD started exactly on y = 0 stalls at the saddle point (loss → 1/4)', () => {
    // ∂f/∂y = y(y² − 1) is 0 on y = 0, so y stays 0; x shrinks by 0.9 a step, and
    // f(0, 0) = (0 − 1)²/4 = 0.25, far above the minima's 0. On y = 0, f = x²/2 + 1/4 ≥ 1/4.
    const all = runAll({ surface: 'saddle', ...SURFACES.saddle.defaults, start: [1, 0], steps: 100 });
    for (const r of Object.values(all)) {
      expect(r.points.every((p) => p[1] === 0)).toBe(true);
      expect(r.finalLoss).toBeGreaterThanOrEqual(0.25);
      expect(r.finalLoss).toBeLessThan(0.251);
      expect(r.toleranceAt).toBeNull();
    }
    // GD exactly: x₁₀₀ = 0.9¹⁰⁰, so the loss is 0.25 + 0.9²⁰⁰/2 = 0.25 + 3.5 × 10⁻¹⁰.
    expect(all.gd.finalLoss - 0.25).toBeCloseTo(0.9 ** 200 / 2, 15);
  });

  it('a start already at the minimum is within tolerance at step 0', () => {
    const r = run('adam', bowl({ start: [0, 0] }));
    expect(r.toleranceAt).toBe(0);
    expect(r.finalLoss).toBe(0);
    expect(runSummary(r)).toMatch(/^Adam: loss 0 after 60 steps, within tolerance from step 0\.$/);
  });
});

describe('state in a query string', () => {
  it.each([
    ['0.3', PARAMS.lr, 0.1, { ok: true, value: 0.3 }],
    ['5', PARAMS.lr, 0.1, { ok: false, value: 1 }],
    ['0', PARAMS.lr, 0.1, { ok: false, value: 1e-4 }],
    ['abc', PARAMS.lr, 0.1, { ok: false, value: 0.1 }],
    ['', PARAMS.steps, 60, { ok: false, value: 60 }],
    ['12.6', PARAMS.steps, 60, { ok: true, value: 13 }],
    ['Infinity', PARAMS.beta, 0.6, { ok: false, value: 0.6 }],
    ['1', PARAMS.beta2, 0.999, { ok: false, value: 0.9999 }],
  ])('parseField(%j) → %o', (text, spec, fallback, expected) => {
    const parsed = parseField(text, spec, fallback);
    expect(parsed).toMatchObject(expected);
    expect(Number.isFinite(parsed.value)).toBe(true);
  });

  it('says why it clamped', () => {
    const p = parseField('5', PARAMS.lr, 0.1);
    expect(!p.ok && p.message).toBe('η must be from 10⁻⁴ to 1; 5 was clamped to 1.');
    const q = parseField('abc', PARAMS.lr, 0.1);
    expect(!q.ok && q.message).toBe('“abc” is not a number; η stays 0.1.');
  });

  it('takes a surface’s own defaults, then the given values, clamping each bad one', () => {
    const { settings, problems } = parseSettings(new URLSearchParams('s=rosenbrock&lr=0.002&x=9&n=x'));
    expect(settings).toEqual({
      ...SURFACES.rosenbrock.defaults,
      surface: 'rosenbrock',
      lr: 0.002,
      start: [2, 1],
    });
    expect(Object.keys(problems).sort()).toEqual(['steps', 'x']);
    expect(problems.x).toBe('start x must be from −2 to 2; 9 was clamped to 2.');
  });

  it('an unknown surface falls back to the bowl with a message', () => {
    const { settings, problems } = parseSettings(new URLSearchParams('s=volcano'));
    expect(settings.surface).toBe('bowl');
    expect(problems.surface).toMatch(/no surface “volcano”/);
  });

  it('round-trips through settingsToParams, keeping a base configuration for keys not given', () => {
    const s = bowl({ lr: 0.21, beta2: 0.99, start: [-1.23456, 0.5] });
    const p = settingsToParams(s);
    expect(p.toString()).toBe('s=bowl&lr=0.21&a=0.1&b=0.6&b1=0.9&b2=0.99&n=60&x=-1.2346&y=0.5');
    expect(parseSettings(p).settings).toEqual({ ...s, start: [-1.2346, 0.5] });
    const base = bowl({ lr: 0.05 });
    expect(parseSettings(new URLSearchParams('n=7'), base).settings).toEqual({ ...base, steps: 7 });
  });
});

describe('numbers for people', () => {
  it.each([
    [[-1.16e-4, 6.94e-19], '(0, 0)'],
    [[-0.04291, 0.01449], '(−0.043, 0.014)'],
    [[-0.015, -788.209], '(−0.015, −788)'],
  ] as const)('fmtPoint(%j) = %s', (p, text) => expect(fmtPoint(p)).toBe(text));

  it.each([
    [0, '0'],
    [0.2, '0.2'],
    [-0.5, '−0.5'],
    [1000, '1000'],
    [3.2e-5, '3.2\u00a0×\u00a010⁻⁵'],
    [1e-4, '10⁻⁴'],
    [12345, '1.23\u00a0×\u00a010⁴'],
    [-788.209, '−788'],
    [1001.6006, '1000'],
    [Infinity, '∞'],
    [NaN, 'not a number'],
  ])('fmt(%s) = %s', (value, text) => expect(fmt(value)).toBe(text));
});

describe('the picture', () => {
  it('maps the bowl’s view onto 480 × 288 units', () => {
    // view 5 wide, 3 high: 96 units per unit of the plane.
    const s = scaleFor(SURFACES.bowl.view);
    expect([s.width, s.height]).toEqual([480, 288]);
    expect(s.px([0, 0])).toEqual([240, 144]);
    expect(s.px([-2.5, 1.5])).toEqual([0, 0]);
    expect(s.invert([480, 288])).toEqual([2.5, -1.5]);
  });

  it('traces the unit circle of x² + y² as one closed curve', () => {
    const curves = levelCurves(
      sampleGrid((x, y) => x * x + y * y, { xMin: -2, xMax: 2, yMin: -2, yMax: 2 }, 40),
      1,
    );
    expect(curves).toHaveLength(1);
    const c = curves[0]!;
    expect(c[0]).toEqual(c[c.length - 1]);
    // Crossings are interpolated linearly between grid nodes 0.1 apart: radius within 1 %.
    for (const [x, y] of c) expect(Math.abs(Math.hypot(x, y) - 1)).toBeLessThan(0.01);
  });

  it('traces f = x at level 0.5 as one straight open line across the view', () => {
    const curves = levelCurves(
      sampleGrid((x) => x, { xMin: -2, xMax: 2, yMin: -2, yMax: 2 }, 40),
      0.5,
    );
    expect(curves).toHaveLength(1);
    expect(curves[0]).toHaveLength(41); // one crossing per row of grid nodes
    for (const [x] of curves[0]!) expect(x).toBeCloseTo(0.5, 12);
  });

  it('finds no curve for a level outside the surface’s range', () => {
    expect(
      levelCurves(
        sampleGrid(() => 1, { xMin: 0, xMax: 1, yMin: 0, yMax: 1 }, 10),
        2,
      ),
    ).toEqual([]);
  });

  it.each([
    [0, []],
    [1, [0]],
    [5, [0, 1, 2, 3, 4]],
    // 100 steps: every ⌈100/12⌉ = 9th point, 0 … 99, then the last.
    [101, [0, 9, 18, 27, 36, 45, 54, 63, 72, 81, 90, 99, 100]],
  ])('markerIndices(%i)', (count, expected) => expect(markerIndices(count)).toEqual(expected));
});
