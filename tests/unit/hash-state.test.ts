import { describe, expect, it } from 'vitest';
import { hashFor, readHashState } from '../../src/lib/hash-state';

describe('hash state', () => {
  it('round-trips an island state', () => {
    const hash = hashFor('attention-lab', { dk: 64, scale: false, tokens: 'the cat sat' });
    expect(hash).toBe('#attention-lab?dk=64&scale=false&tokens=the+cat+sat');
    const back = readHashState(hash, 'attention-lab');
    expect(back?.get('dk')).toBe('64');
    expect(back?.get('tokens')).toBe('the cat sat');
  });

  it.each([
    ['#math', 'attention-lab'],
    ['', 'attention-lab'],
    ['#other-lab?dk=8', 'attention-lab'],
    ['#%E0%A4%A?x=1', 'attention-lab'],
  ])('ignores %j for %s', (hash, id) => {
    expect(readHashState(hash, id)).toBeNull();
  });

  it('accepts a hash without the leading #', () => {
    expect(readHashState('lab?x=1', 'lab')?.get('x')).toBe('1');
  });
});
