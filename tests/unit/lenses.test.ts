import { describe, expect, it } from 'vitest';
import { currentSection, ENGINEER_ORDER, lectureMove, moveTo, readLens, reorder } from '../../src/lib/lenses';

describe('readLens', () => {
  it('reads the three lenses and falls back to the learner on anything else', () => {
    expect(readLens('engineer')).toBe('engineer');
    expect(readLens('teacher')).toBe('teacher');
    expect(readLens(null)).toBe('learner');
    expect(readLens('toString')).toBe('learner'); // not an inherited property
    expect(readLens('<img src=x>')).toBe('learner');
  });
});

describe('reorder', () => {
  it('puts the engineer’s sections first and keeps every section exactly once', () => {
    const body = ['intuition', 'math', 'code', 'demo'];
    expect(reorder(body, ENGINEER_ORDER.body)).toEqual(['code', 'demo', 'math', 'intuition']);
    const after = ['symbols', 'claim-boundary', 'sources', 'discussion', 'next-question', 'companion', 'extra'];
    const ordered = reorder(after, ENGINEER_ORDER.after);
    expect(ordered).toEqual(['claim-boundary', 'sources', 'symbols', 'discussion', 'next-question', 'companion', 'extra']);
    expect([...ordered].sort()).toEqual([...after].sort());
  });

  it('skips preferred keys the page does not have', () => {
    expect(reorder(['math', 'intuition'], ENGINEER_ORDER.body)).toEqual(['math', 'intuition']);
    expect(reorder([], ENGINEER_ORDER.body)).toEqual([]);
  });
});

describe('lecture paging', () => {
  it('maps paging keys and leaves the others alone', () => {
    expect(lectureMove('ArrowRight')).toBe(1);
    expect(lectureMove('PageDown')).toBe(1);
    expect(lectureMove('ArrowLeft')).toBe(-1);
    expect(lectureMove('Home')).toBe('first');
    expect(lectureMove('End')).toBe('last');
    expect(lectureMove(' ')).toBeNull();
    expect(lectureMove('a')).toBeNull();
  });

  it('stays within the lecture', () => {
    expect(moveTo(0, -1, 5)).toBe(0);
    expect(moveTo(4, 1, 5)).toBe(4);
    expect(moveTo(2, 1, 5)).toBe(3);
    expect(moveTo(2, 'last', 5)).toBe(4);
    expect(moveTo(3, 'first', 5)).toBe(0);
    expect(moveTo(0, 1, 0)).toBe(0);
  });

  it('knows which section is being read', () => {
    expect(currentSection([0, 900, 1800], 900)).toBe(0);
    expect(currentSection([-900, 0, 900], 900)).toBe(1);
    expect(currentSection([-1800, -900, 250], 900)).toBe(2); // 250 is above the one-third line (300)
    expect(currentSection([50, 900], 900)).toBe(0);
    expect(currentSection([], 900)).toBe(0);
  });
});
