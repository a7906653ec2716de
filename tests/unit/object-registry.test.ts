import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readAtlasObjects } from '../../scripts/atlas-objects';
import { atlasObjects, validateAtlas } from '../../src/lib/graph';
import { conceptObjects, labObject, type AtlasObject } from '../../src/lib/object-ids';
import {
  REGISTRY_FILE,
  formatRegistry,
  parseRegistry,
  registryProblems,
  retiredNotices,
  updateRegistry,
  type Registry,
} from '../../src/lib/object-registry';
import { COMPLETE_BODY, concept, validAtlas, withConcept } from '../fixtures/atlas';

const page = (slug: string, labels: string[], complete = true): AtlasObject[] =>
  conceptObjects({ slug, title: slug.toUpperCase(), complete, equationLabels: labels, hasWitness: complete });
const lab = labObject({ slug: 'lever', title: 'Lever lab' });
const today = '2026-05-01';

/** The registry an up-to-date `npm run ids` writes for these objects. */
const recorded = (objects: AtlasObject[]): Registry =>
  updateRegistry({}, objects, { today, renames: {} }).registry;

describe('object registry: update (npm run ids)', () => {
  it('records every new id with its kind and label, sorted', () => {
    const { registry, added, retired } = updateRegistry({}, [...page('kv', ['mem']), lab], {
      today,
      renames: {},
    });
    expect(Object.keys(registry)).toEqual(['kv', 'kv#demo', 'kv#eq-mem', 'kv#witness', 'lab-lever']);
    expect(registry['kv#eq-mem']).toEqual({ kind: 'equation', label: 'Equation mem' });
    expect(added).toEqual(Object.keys(registry));
    expect(retired).toEqual([]);
  });

  it('changes nothing when run again on the same content', () => {
    const objects = [...page('kv', ['mem']), lab];
    const first = recorded(objects);
    const again = updateRegistry(first, objects, { today: '2027-01-01', renames: {} });
    expect(again).toEqual({ registry: first, added: [], retired: [], restored: [] });
    expect(formatRegistry(again.registry)).toBe(formatRegistry(first));
  });

  it('retires a removed label with the date and reason, and keeps that date on later runs', () => {
    const before = recorded(page('kv', ['mem', 'rows']));
    const { registry, retired } = updateRegistry(before, page('kv', ['mem']), { today, renames: {} });
    expect(registry['kv#eq-rows']).toEqual({
      kind: 'equation',
      label: 'Equation rows',
      retired: today,
      reason: 'label removed',
    });
    expect(retired).toEqual([{ id: 'kv#eq-rows', reason: 'label removed' }]);
    const later = updateRegistry(registry, page('kv', ['mem']), { today: '2027-01-01', renames: {} });
    expect(later.registry['kv#eq-rows']!.retired).toBe(today);
    expect(later.retired).toEqual([]);
  });

  it('infers why: a rename moves every id of the concept, a removed concept or lab, a notebook set back to planned', () => {
    const before = recorded([...page('old', ['a']), ...page('gone', []), ...page('draft', ['b']), lab]);
    const now = [...page('new', ['a']), ...page('draft', [], false)];
    const { retired } = updateRegistry(before, now, { today, renames: { old: 'mid', mid: 'new' } });
    expect(Object.fromEntries(retired.map((r) => [r.id, r.reason]))).toEqual({
      old: 'moved to new',
      'old#eq-a': 'moved to new',
      'old#demo': 'moved to new',
      'old#witness': 'moved to new',
      gone: 'concept removed',
      'gone#demo': 'concept removed',
      'gone#witness': 'concept removed',
      'draft#eq-b': 'notebook set back to planned',
      'draft#demo': 'notebook set back to planned',
      'draft#witness': 'notebook set back to planned',
      'lab-lever': 'lab removed',
    });
  });

  it('keeps a retired id retired when an object takes it again, and brings current labels up to date', () => {
    const before = updateRegistry(recorded(page('kv', ['mem'])), page('kv', []), {
      today,
      renames: {},
    }).registry;
    const renamed = page('kv', ['mem']).map((o) => (o.kind === 'concept' ? { ...o, label: 'KV cache' } : o));
    const { registry, added } = updateRegistry(before, renamed, { today: '2027-01-01', renames: {} });
    expect(registry['kv#eq-mem']).toMatchObject({ retired: today, reason: 'label removed' });
    expect(registry.kv!.label).toBe('KV cache');
    expect(added).toEqual([]);
  });
});

describe('object registry: problems an author can act on', () => {
  const objects = page('kv', ['mem']);

  it('finds none when the registry is up to date', () => {
    expect(registryProblems(objects, recorded(objects))).toEqual([]);
  });

  it('refuses a current object that takes a retired id (the "never reused" rule)', () => {
    const registry = updateRegistry(recorded(objects), page('kv', []), { today, renames: {} }).registry;
    const problems = registryProblems(objects, registry);
    expect(problems).toEqual([
      {
        id: 'kv#eq-mem',
        problem: 'reused',
        message: 'the id kv#eq-mem was retired on 2026-05-01 (label removed); it cannot name a new object.',
        fix: expect.stringMatching(/^Choose another label\. Only if this is the very object/),
      },
    ]);
  });

  it('tells the author how to give each kind of object an id of its own', () => {
    const concepts = [...page('kv', []), lab];
    const retiredAll = Object.fromEntries(
      Object.entries(recorded(concepts)).map(([id, e]) => [id, { ...e, retired: today, reason: 'gone' }]),
    );
    const fixes = Object.fromEntries(
      registryProblems([...page('kv', []), lab], retiredAll)
        .filter((p) => p.problem === 'reused')
        .map((p) => [p.id, p.fix.split('. Only')[0]]),
    );
    expect(fixes).toEqual({
      kv: 'Choose another slug (the folder name)',
      'lab-lever': 'Choose another lab slug (LABS in src/lib/object-ids.ts)',
    });
    const claim = conceptObjects({
      slug: 'kv',
      title: 'KV',
      complete: true,
      equationLabels: [],
      hasWitness: false,
      claimBoundary: { sourced: [{ claim: 'c', source: 'p', id: 'pinned' }] },
    }).find((o) => o.kind === 'claim')!;
    const registry: Registry = {
      [claim.id]: { kind: 'claim', label: claim.label, retired: today, reason: 'gone' },
    };
    expect(registryProblems([claim], registry)[0]!.fix).toMatch(
      /^Choose another claim id \(set `id:` on the claim\)\./,
    );
  });

  it('lets a page part come back with its concept (planned, then written again) and npm run ids restore it', () => {
    const written = page('kv', ['mem']);
    const planned = updateRegistry(recorded(written), page('kv', [], false), { today, renames: {} }).registry;
    expect(planned['kv#demo']).toMatchObject({ retired: today, reason: 'notebook set back to planned' });
    expect(registryProblems(written, planned).map((p) => [p.problem, p.id])).toEqual([
      ['returned', 'kv#demo'],
      ['reused', 'kv#eq-mem'],
      ['returned', 'kv#witness'],
    ]);
    const again = updateRegistry(planned, written, { today: '2027-01-01', renames: {} });
    expect(again.restored).toEqual(['kv#demo', 'kv#witness']);
    expect(again.registry['kv#demo']).toEqual({ kind: 'demo', label: 'Demo' });
    expect(again.registry['kv#eq-mem']!.retired).toBe(today);
    expect(registryProblems(written, again.registry).map((p) => p.problem)).toEqual(['reused']);
  });

  it('asks for npm run ids when an id is new or vanished unrecorded', () => {
    const registry = recorded(page('kv', ['old']));
    const problems = registryProblems(objects, registry);
    expect(problems.map((p) => [p.problem, p.id])).toEqual([
      ['unrecorded', 'kv#eq-mem'],
      ['vanished', 'kv#eq-old'],
    ]);
    expect(problems[0]!.message).toBe('new object id kv#eq-mem is not recorded.');
    expect(problems[0]!.fix).toBe('Run `npm run ids` to record it.');
    expect(problems[1]!.message).toBe('the object kv#eq-old disappeared.');
    expect(problems[1]!.fix).toContain(
      'run `npm run ids` to retire it (notes on it stay, listed as no longer on the site)',
    );
  });

  it('gives /notes/ a sentence for each retired id', () => {
    const registry = updateRegistry(recorded(objects), page('kv', []), { today, renames: {} }).registry;
    expect(retiredNotices(registry)).toEqual({ 'kv#eq-mem': 'label removed on 2026-05-01' });
  });
});

describe('object registry: the file', () => {
  it('is one sorted line per id, and reads back to the same registry', () => {
    const registry = updateRegistry(recorded([...page('b', ['x']), lab]), page('b', []), {
      today,
      renames: {},
    }).registry;
    registry['b']!.label = 'Quotes " and \\ and “curly”: kept';
    const text = formatRegistry(registry);
    const lines = text.split('\n').filter((l) => l !== '' && !l.startsWith('#'));
    expect(lines).toEqual([
      'b: {kind: concept, label: "Quotes \\" and \\\\ and “curly”: kept"}',
      'b#demo: {kind: demo, label: "Demo"}',
      'b#eq-x: {kind: equation, label: "Equation x", retired: "2026-05-01", reason: "label removed"}',
      'b#witness: {kind: witness, label: "Code witness"}',
      'lab-lever: {kind: lab, label: "Lever lab", retired: "2026-05-01", reason: "lab removed"}',
    ]);
    expect(parseRegistry(text)).toEqual({ ok: true, registry });
  });

  it('says what is wrong with a broken file instead of throwing', () => {
    expect(parseRegistry('a: {kind: [')).toMatchObject({
      ok: false,
      error: expect.stringContaining('not valid YAML'),
    });
    expect(parseRegistry('- a')).toEqual({
      ok: false,
      error: 'it must map each object id to { kind, label }.',
    });
    expect(parseRegistry('Not_An_Id: {kind: concept, label: "x"}')).toMatchObject({
      error: expect.stringContaining('"Not_An_Id" is not an object id'),
    });
    expect(parseRegistry('a: {kind: poem, label: "x"}')).toMatchObject({
      error: expect.stringContaining('the entry "a": kind'),
    });
    expect(parseRegistry('a: {kind: concept, label: "x", retired: "2026-05-01"}')).toMatchObject({
      error: 'the entry "a": a retired entry needs both `retired` (the date) and `reason`.',
    });
    expect(parseRegistry('')).toEqual({ ok: true, registry: {} });
    expect(parseRegistry('# only a comment\n')).toEqual({ ok: true, registry: {} });
  });

  it('reads an id listed twice (a merge that kept both sides) once, retired if either side retired it', () => {
    const text = [
      'a: {kind: concept, label: "A"}',
      'b: {kind: concept, label: "B", retired: "2026-05-02", reason: "concept removed"}',
      'a: {kind: concept, label: "A", retired: "2026-05-03", reason: "concept removed"}',
      'b: {kind: concept, label: "B", retired: "2026-05-01", reason: "moved to c"}',
      'b: {kind: concept, label: "B"}',
    ].join('\n');
    expect(parseRegistry(text)).toEqual({
      ok: true,
      registry: {
        a: { kind: 'concept', label: 'A', retired: '2026-05-03', reason: 'concept removed' },
        b: { kind: 'concept', label: 'B', retired: '2026-05-01', reason: 'moved to c' },
      },
    });
  });
});

describe('object registry in the build’s validation', () => {
  const atlas = () =>
    withConcept(
      validAtlas(),
      concept(
        'dot',
        { status: 'complete' },
        { body: COMPLETE_BODY.replace('\\sqrt{a \\cdot a}', '\\sqrt{a \\cdot a} \\label{norm}') },
      ),
    );
  const withRegistry = (registry: Registry | null) => ({
    ...atlas(),
    objectRegistry: { file: REGISTRY_FILE, text: registry === null ? null : formatRegistry(registry) },
  });
  const current = () => atlasObjects(atlas().concepts);

  it('accepts an up-to-date registry', () => {
    expect(validateAtlas(withRegistry(recorded(current())))).toEqual([]);
  });

  it('names the concept file and the label when a retired id is taken again', () => {
    const registry = recorded(current());
    registry['dot#eq-norm'] = { ...registry['dot#eq-norm']!, retired: '2026-01-02', reason: 'label removed' };
    expect(validateAtlas(withRegistry(registry))).toEqual([
      {
        file: 'content/concepts/dot/index.mdx',
        field: 'body (\\label{norm})',
        message: 'the id dot#eq-norm was retired on 2026-01-02 (label removed); it cannot name a new object.',
        fix: expect.stringContaining('Choose another label'),
      },
    ]);
  });

  it('names the registry file for new and vanished ids, and a missing or broken file', () => {
    const registry = recorded(current());
    delete registry['dot#eq-norm'];
    registry['dot#eq-gone'] = { kind: 'equation', label: 'Equation gone' };
    expect(validateAtlas(withRegistry(registry)).map((i) => `${i.file}|${i.field}|${i.message}`)).toEqual([
      `${REGISTRY_FILE}|dot#eq-norm|new object id dot#eq-norm is not recorded.`,
      `${REGISTRY_FILE}|dot#eq-gone|the object dot#eq-gone disappeared.`,
    ]);
    expect(validateAtlas(withRegistry(null))[0]).toMatchObject({
      file: REGISTRY_FILE,
      message: expect.stringContaining('missing'),
    });
    expect(
      validateAtlas({ ...atlas(), objectRegistry: { file: REGISTRY_FILE, text: 'x: [' } })[0]!.message,
    ).toContain('cannot be read');
  });
});

describe('the real atlas', () => {
  it(`agrees with ${REGISTRY_FILE} (if not: run npm run ids, and never reuse a retired id)`, () => {
    const parsed = parseRegistry(readFileSync(REGISTRY_FILE, 'utf8'));
    expect(parsed.ok).toBe(true);
    const { objects } = readAtlasObjects();
    expect(objects.length).toBeGreaterThan(100);
    expect(
      registryProblems(objects, parsed.ok ? parsed.registry : {}).map((p) => `${p.message} ${p.fix}`),
    ).toEqual([]);
  });

  it(`${REGISTRY_FILE} is exactly what npm run ids writes`, () => {
    const text = readFileSync(REGISTRY_FILE, 'utf8');
    const parsed = parseRegistry(text);
    expect(parsed.ok && formatRegistry(parsed.registry)).toBe(text);
  });
});
