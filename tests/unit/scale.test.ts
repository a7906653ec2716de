import { describe, expect, it } from 'vitest';
import { linearScale, linePath, logScale, niceDomain } from '../../src/lib/scale';

describe('linearScale', () => {
  const x = linearScale([0, 10], [100, 300]);

  it('maps the domain onto the range and back', () => {
    expect(x(0)).toBe(100);
    expect(x(10)).toBe(300);
    expect(x(2.5)).toBe(150);
    expect(x(-5)).toBe(0); // no clamping: values outside the domain fall outside the range
    expect(x.invert(150)).toBe(2.5);
  });

  it('runs downwards as well (y axes map larger values higher up)', () => {
    const y = linearScale([0, 1], [200, 20]);
    expect(y(0)).toBe(200);
    expect(y(1)).toBe(20);
    expect(y.invert(110)).toBeCloseTo(0.5, 12);
  });

  it('gives round ticks across the domain', () => {
    expect(x.ticks(5)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(linearScale([-1, 1], [0, 1]).ticks(4)).toEqual([-1, -0.5, 0, 0.5, 1]);
  });

  it('sends a collapsed domain to the middle of the range, never NaN', () => {
    const flat = linearScale([3, 3], [0, 100]);
    expect(flat(3)).toBe(50);
    expect(flat(7)).toBe(50);
    expect(flat.invert(80)).toBe(3);
  });
});

describe('logScale', () => {
  const x = logScale([1, 1000], [0, 300]);

  it('gives equal ratios equal space', () => {
    expect(x(1)).toBeCloseTo(0, 12);
    expect(x(10)).toBeCloseTo(100, 9);
    expect(x(100)).toBeCloseTo(200, 9);
    expect(x(1000)).toBeCloseTo(300, 9);
  });

  it('inverts to the value at a position', () => {
    expect(x.invert(150)).toBeCloseTo(Math.sqrt(1000), 9);
  });
});

describe('niceDomain', () => {
  it('widens the ends to round values', () => {
    expect(niceDomain([0, 0.97], 10)).toEqual([0, 1]);
    expect(niceDomain([0, 13.2], 5)).toEqual([0, 14]);
    expect(niceDomain([0.3, 9.6])).toEqual([0, 10]);
  });
});

describe('linePath', () => {
  it('draws through the points with rounded coordinates', () => {
    expect(linePath([[0, 0], [1.23456, 2], [3, 4.5]])).toBe('M0,0L1.235,2L3,4.5');
    expect(linePath([[0.04, 1.06]], 1)).toBe('M0,1.1Z');
  });

  it('breaks the line at undefined or non-finite points', () => {
    const points = [[0, 0], [1, 1], [2, NaN], [3, 3], [4, 4], [5, Infinity], [6, 6]] as const;
    expect(linePath(points)).toBe('M0,0L1,1M3,3L4,4M6,6Z');
    expect(linePath(points.slice(0, 2), 3, (i) => i !== 0)).toBe('M1,1Z');
  });

  it('draws nothing for no points', () => {
    expect(linePath([])).toBe('');
  });
});
