import { describe, expect, it } from 'vitest';
import { type FunctionSpec, defaultParams, getFunction } from '../../src/lib/function-registry';
import {
  type ExplorerState,
  SAMPLES,
  TABLE_ROWS,
  fmtNum,
  plotModel,
  plotScene,
  pointReport,
  readNumber,
  sampleTable,
  snapTo,
  stateFromParams,
  stateToParams,
} from '../../src/lib/function-plot';

const CHAIN = ['sin-x-squared', 'tanh-affine', 'sigmoid-affine'].map((id) => getFunction(id)!);
const state = (id: string, x?: number, params: Record<string, number> = {}): ExplorerState => {
  const spec = getFunction(id)!;
  return { spec, params: { ...defaultParams(spec), ...params }, x: x ?? spec.x0 };
};
/** A made-up function that is undefined for x < 0 and overflows near 3. */
const WILD: FunctionSpec = {
  id: 'wild',
  label: 'wild',
  tex: 'y',
  xSymbol: 'x',
  xLabel: 'x',
  yLabel: 'y',
  params: [],
  domain: [-3, 3],
  xScale: 'linear',
  xStep: 0.01,
  x0: 1,
  f: (x) => (x < 0 ? NaN : x > 2.99 ? Infinity : Math.sqrt(x)),
};

describe('fmtNum', () => {
  it.each([
    [0.6094600375988771, '0.6095'],
    [-0.309196, '−0.3092'],
    [1, '1'],
    [2.6, '2.6'],
    [0, '0'],
    [-0, '0'],
    [8.8e13, '8.8 × 10¹³'],
    [1 / 3000, '3.333 × 10⁻⁴'],
    [1234567, '1.235 × 10⁶'],
    [-6.359499298764764e-6, '−6.359 × 10⁻⁶'],
    [NaN, 'not a number'],
    [Infinity, 'infinite'],
    [-Infinity, '−infinite'],
  ])('%d → %s', (n, want) => expect(fmtNum(n)).toBe(want));
});

describe('inputs', () => {
  it('snaps to the slider grid without binary noise', () => {
    expect(snapTo(0.30000000000000004, 0.2, 0.1)).toBe(0.3);
    expect(snapTo(1.26, -3, 0.01)).toBe(1.26);
    expect(snapTo(3140, 0, 500)).toBe(3000);
  });

  it.each([
    ['1.5', [0, 3], 1.5, ''],
    ['9', [0, 3], 3, '9 is outside 0 to 3: set to 3.'],
    ['-1e9', [-3, 3], -3, '−1 × 10⁹ is outside −3 to 3: set to −3.'],
    ['', [0, 3], null, 'Enter a number from 0 to 3 for x; the last valid value is kept.'],
    ['2+2', [0, 3], null, 'Enter a number from 0 to 3 for x; the last valid value is kept.'],
    ['Infinity', [0, 3], null, 'Enter a number from 0 to 3 for x; the last valid value is kept.'],
  ] as const)('reads %j in %j as %j', (text, range, value, message) => {
    expect(readNumber(text, range, 'x')).toEqual({ value, message });
  });

  it('takes only functions the page configured, and clamps the link’s numbers with a message', () => {
    const { state: s, messages } = stateFromParams(
      CHAIN,
      new URLSearchParams('fn=tanh-affine&w=99&b=abc&x=1.25'),
    );
    expect(s.spec.id).toBe('tanh-affine');
    expect(s.params).toEqual({ w: 4, b: 0 });
    expect(s.x).toBe(1.25);
    expect(messages.w).toBe('From the link: 99 is outside −4 to 4: set to 4.');
    expect(messages.b).toContain('Enter a number');
    // In the registry, but not offered on this page: refused, like any unknown id.
    const other = stateFromParams(CHAIN, new URLSearchParams('fn=scaling-law-params'));
    expect(other.state.spec.id).toBe('sin-x-squared');
    expect(other.messages.fn).toContain('does not offer');
    const code = stateFromParams(CHAIN, new URLSearchParams('fn=alert(1)&x=1e999'));
    expect(code.state.spec.id).toBe('sin-x-squared');
    expect(code.state.x).toBe(1.3);
    expect(code.messages.x).toContain('Enter a number');
  });

  it('round-trips through the hash parameters', () => {
    const s = state('sigmoid-affine', -0.75, { w: -2.5, b: 1.1 });
    const back = stateFromParams(CHAIN, new URLSearchParams(stateToParams(s)));
    expect(back.messages).toEqual({});
    expect(back.state.spec.id).toBe('sigmoid-affine');
    expect(back.state.params).toEqual({ w: -2.5, b: 1.1 });
    expect(back.state.x).toBe(-0.75);
  });

  it('needs at least one function', () => {
    expect(() => stateFromParams([], new URLSearchParams())).toThrow('at least one function');
  });

  it('starts at the prop x, clamped into the domain', () => {
    expect(stateFromParams(CHAIN, new URLSearchParams(), 2).state.x).toBe(2);
    expect(stateFromParams(CHAIN, new URLSearchParams(), 50).state.x).toBe(3);
  });
});

describe('plot geometry', () => {
  it('draws the tangent through the point with the derivative as its slope', () => {
    const m = plotModel(state('sin-x-squared', 1.3));
    expect(m.point).not.toBeNull();
    const t = m.tangent!;
    // Pixel scales: x from [−3, 3] to [left, right], y from [−1.25, 1.25] to [bottom, top].
    const sx = (m.right - m.left) / 6;
    const sy = (m.bottom - m.top) / 2.5;
    const slopePx = (t.y2 - t.y1) / (t.x2 - t.x1);
    expect(-slopePx * (sx / sy)).toBeCloseTo(-0.309196, 2);
    // The point lies on the tangent line.
    const yAtPoint = t.y1 + slopePx * (m.point!.x - t.x1);
    expect(yAtPoint).toBeCloseTo(m.point!.y, 0);
    expect(m.omitted).toBe(0);
  });

  it('leaves non-finite samples out, counts them and says so', () => {
    const s: ExplorerState = { spec: WILD, params: {}, x: 1 };
    const m = plotModel(s);
    // Samples x = −3 + 6i/240: negative for i < 120, and above 2.99 only at i = 240.
    expect(m.omitted).toBe(121);
    expect(m.curve).not.toMatch(/NaN|Infinity/);
    const r = pointReport(s, m.omitted);
    expect(r.notes[0]).toBe(
      `121 of ${SAMPLES} sampled points are not finite (the function overflows or is undefined there) and are left out of the curve.`,
    );
    // At a point where f is undefined: no point, no tangent, a message, no throw.
    const bad = plotModel({ ...s, x: -1 });
    expect(bad.point).toBeNull();
    expect(bad.tangent).toBeNull();
    expect(pointReport({ ...s, x: -1 }).notes.join(' ')).toContain('f is not finite at x = −1');
  });

  it('survives a function that throws or is never finite', () => {
    const never: FunctionSpec = {
      ...WILD,
      f: () => {
        throw new Error('boom');
      },
    };
    const m = plotModel({ spec: never, params: {}, x: 0 });
    expect(m.omitted).toBe(SAMPLES);
    expect(m.curve).toBe('');
    expect(m.yTicks.length).toBeGreaterThan(0);
    expect(JSON.stringify(plotScene(m, never, 'c'))).not.toMatch(/NaN|Infinity/);
  });

  it('breaks a step schedule at each drop instead of drawing risers', () => {
    const m = plotModel(state('lr-step-decay', 30));
    // Four flat pieces: [0, 60), [60, 120), [120, 160), [160, 200].
    expect(m.curve.match(/M/g)).toHaveLength(4);
    expect(m.breaks).toHaveLength(3);
  });

  it('puts powers of ten on a log axis and marks the fitted range', () => {
    const m = plotModel(state('scaling-law-params'));
    expect(m.xTicks.map((t) => t.label)).toContain('10⁹');
    expect(m.band).not.toBeNull();
    expect(m.band!.x1).toBe(m.left); // the fit starts at 768, left of the plotted 10³
    expect(m.tangent).toBeNull(); // a straight tangent would curve on a log axis
  });
});

describe('readouts at the point', () => {
  it('sets the chain-rule product beside a finite difference and the slip (sin x², x = 1.3)', () => {
    const r = pointReport(state('sin-x-squared', 1.3));
    const row = (key: string) => r.rows.find((x) => x.key === key)?.value;
    // u = 1.69; g′ = 2.6; f′(u) = cos 1.69 = −0.11892; product −0.30920.
    expect(row('u')).toBe('1.69');
    expect(row('inner-rate')).toBe('2.6');
    expect(row('outer-rate')).toBe('−0.1189');
    expect(row('product')).toBe('−0.3092');
    expect(row('fd')).toBe('−0.3092');
    expect(r.rows.find((x) => x.key === 'fd')?.label).toBe('Finite difference (h = 1 × 10⁻⁵)');
    // The slip cos(1.3)·2.6 = +0.69550: the wrong sign.
    expect(row('slip')).toBe('0.6955');
    expect(r.stages).toEqual([
      { stage: 'inner g: u = k x²', flow: 'x = 1.3 → u = 1.69', rate: 'g′(x) = 2.6' },
      { stage: 'outer f: y = sin u', flow: 'u = 1.69 → y = 0.9929', rate: 'f′(u) = −0.1189' },
    ]);
  });

  it('names the jammed gear at x = 0 and the saturated tanh', () => {
    expect(pointReport(state('sin-x-squared', 0)).sentence).toContain('The inner rate is 0 here');
    const sat = pointReport(state('tanh-affine', 2, { w: 4 }));
    expect(sat.sentence).toContain('it is saturated');
    expect(pointReport(state('tanh-affine', 0)).sentence).not.toContain('saturated');
  });

  it('refuses a single slope at the warmup corner and at a step drop', () => {
    const corner = pointReport(state('lr-warmup-cosine', 3000));
    // Left: 1/3000; right: the cosine starts flat, −½π/S·sin(0) = 0.
    expect(corner.sentence).toContain('slope is 3.333 × 10⁻⁴ just before and 0 just after');
    const jump = pointReport(state('lr-step-decay', 60));
    expect(jump.sentence).toContain('jumps from 0.1 to 0.02');
    expect(plotModel(state('lr-step-decay', 60)).tangent).toBeNull();
  });

  it('flags extrapolation beyond the fitted range and gives the log-log slope', () => {
    const inside = pointReport(state('scaling-law-params', 1e8));
    expect(inside.notes).toEqual([]);
    expect(inside.rows.find((r) => r.key === 'loglog')?.value).toBe('−0.076');
    // 10^−0.076 = 0.8395: ten times the parameters, 16 % less loss.
    expect(inside.sentence).toContain('multiplies f by 0.8395');
    const outside = pointReport(state('scaling-law-params', 1e11));
    expect(outside.notes[0]).toContain('outside the fitted range (768 to 1.5 × 10⁹)');
  });
});

describe('table of sampled values', () => {
  it('spans the domain, geometrically on a log axis', () => {
    const rows = sampleTable(
      getFunction('scaling-law-params')!,
      defaultParams(getFunction('scaling-law-params')!),
    );
    expect(rows).toHaveLength(TABLE_ROWS);
    expect(rows[0]!.x).toBeCloseTo(1e3, 6);
    // 9 decades in 12 steps: 10^0.75 per row.
    expect(rows[1]!.x / rows[0]!.x).toBeCloseTo(10 ** 0.75, 9);
    const sin = sampleTable(getFunction('sin-x-squared')!, { k: 1 });
    expect(sin.map((r) => r.x)).toEqual([-3, -2.5, -2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2, 2.5, 3]);
    expect(sin[8]!.y).toBeCloseTo(Math.sin(1), 12);
    expect(sin[8]!.slope).toBeCloseTo(2 * Math.cos(1), 12);
  });
});
