import { describe, expect, it } from 'vitest';
import { REGISTRY, REGISTRY_BY_FAMILY, familyOf, getFunction } from '../../src/lib/function-registry';
import { FAMILIES, type Family, isFamily, loadFunctions } from '../../src/lib/functions/load';

const families = Object.keys(FAMILIES) as Family[];

describe('the island’s family loaders', () => {
  it('each yield the very entries build time files under that family', async () => {
    expect(families.sort()).toEqual(Object.keys(REGISTRY_BY_FAMILY).sort());
    for (const family of families) expect(await FAMILIES[family](), family).toBe(REGISTRY_BY_FAMILY[family]);
  });
});

describe('familyOf (build time)', () => {
  it('names the family that holds each entry, and nothing for unknown ids', () => {
    for (const spec of REGISTRY) expect(REGISTRY_BY_FAMILY[familyOf(spec.id)!], spec.id).toContain(spec);
    for (const id of ['', 'Math.sin(x)', 'constructor', '__proto__'])
      expect(familyOf(id), id).toBeUndefined();
  });
});

describe('loadFunctions', () => {
  it('returns the registry’s entries for the ids, in their order, from the named families', async () => {
    const ids = ['tanh-affine', 'dpo-loss', 'sin-x-squared'];
    const got = await loadFunctions([...new Set(ids.map((id) => familyOf(id)!))], ids);
    expect(got).toEqual(ids.map((id) => getFunction(id)));
  });

  it('leaves out ids its families do not hold, and ignores names that are not families', async () => {
    expect(
      await loadFunctions(
        ['activations', 'constructor', '__proto__', ''],
        ['dpo-loss', 'toString', 'tanh-affine'],
      ),
    ).toEqual([getFunction('tanh-affine')]);
    expect(isFamily('toString')).toBe(false);
  });
});
