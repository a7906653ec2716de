import { describe, expect, it } from 'vitest';
import { binary, decimal, describeBytes, groupDigits } from '../../../src/lib/bytes';

describe('byte formatting', () => {
  it('groups digits of exact integers', () => {
    expect(groupDigits(17_179_869_184n)).toBe('17,179,869,184');
    expect(groupDigits(999)).toBe('999');
  });
  it('labels binary and decimal units and never confuses them', () => {
    expect(binary(524_288n)).toBe('512 KiB');
    expect(decimal(524_288n)).toBe('524.3 kB');
    expect(binary(16n * 2n ** 30n)).toBe('16 GiB');
    expect(decimal(16n * 2n ** 30n)).toBe('17.18 GB');
  });
  it('says = when a unit is exact and ≈ when it is rounded', () => {
    expect(describeBytes(17_179_869_184n)).toBe('17,179,869,184 bytes = 16 GiB ≈ 17.18 GB');
    expect(describeBytes(16_000_000_000n)).toBe('16,000,000,000 bytes ≈ 14.9 GiB = 16 GB');
    expect(describeBytes(1n)).toBe('1 byte');
  });
});
