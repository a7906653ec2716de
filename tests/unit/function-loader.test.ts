import { describe, expect, it } from 'vitest';
import { REGISTRY, getFunction } from '../../src/lib/function-registry';
import { FAMILIES, FAMILY_OF, type Family, familyOf, loadFunction } from '../../src/lib/functions/load';

const families = Object.keys(FAMILIES) as Family[];

describe('the loader’s id → family table', () => {
  it('maps every entry of every family to that family', async () => {
    for (const family of families)
      for (const spec of await FAMILIES[family]()) expect(familyOf(spec.id), spec.id).toBe(family);
  });

  it('names only ids that its family holds', async () => {
    for (const [id, family] of Object.entries(FAMILY_OF)) {
      const ids = (await FAMILIES[family]()).map((s) => s.id);
      expect(ids, `${id} → ${family}`).toContain(id);
    }
  });

  it('covers exactly the registry that build time uses', async () => {
    const loaded = (await Promise.all(families.map((f) => FAMILIES[f]()))).flat();
    expect(loaded.map((s) => s.id).sort()).toEqual(REGISTRY.map((s) => s.id).sort());
    expect(Object.keys(FAMILY_OF).sort()).toEqual(REGISTRY.map((s) => s.id).sort());
  });
});

describe('loadFunction', () => {
  it('returns the same entry as the registry for every id', async () => {
    for (const spec of REGISTRY) expect(await loadFunction(spec.id), spec.id).toBe(getFunction(spec.id));
  });

  it('returns undefined for ids the registry does not know, including inherited keys', async () => {
    for (const id of ['', 'Math.sin(x)', 'constructor', '__proto__', 'toString'])
      expect(await loadFunction(id), id).toBeUndefined();
  });
});
