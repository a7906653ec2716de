import { describe, expect, it } from 'vitest';
import {
  claimAnchor,
  currentSlug,
  conceptObjects,
  discussionObject,
  fingerprint,
  labObject,
  objectIssues,
  splitEquationLabels,
  splitObjectId,
  OBJECT_ID_PATTERN,
} from '../../src/lib/object-ids';
import { objectsOfConcept } from '../../src/lib/graph';
import { validateAtlas } from '../../src/lib/graph';
import { concept, validAtlas, withConcept } from '../fixtures/atlas';

const source = {
  slug: 'kv-cache',
  title: 'KV cache',
  complete: true,
  equationLabels: ['mem-kv', 'rows'],
  hasWitness: true,
  claimBoundary: {
    sourced: [
      { claim: 'Llama 2 70B uses GQA with 8 KV heads.', source: 'llama-2' },
      { claim: 'Pinned wording.', source: 'gqa', id: 'gqa-groups' },
    ],
  },
};

describe('object ids', () => {
  it('derives every object of a page from its slug and content, in page order', () => {
    const ids = conceptObjects(source).map((o) => o.id);
    expect(ids).toEqual([
      'kv-cache',
      'kv-cache#eq-mem-kv',
      'kv-cache#eq-rows',
      'kv-cache#witness',
      'kv-cache#demo',
      'kv-cache#claim-boundary',
      `kv-cache#claim-llama-2-${fingerprint('Llama 2 70B uses GQA with 8 KV heads.')}`,
      'kv-cache#claim-gqa-groups',
    ]);
    for (const id of ids) expect(id).toMatch(OBJECT_ID_PATTERN);
  });

  it('a lab page is an object of its own', () => {
    expect(labObject({ slug: 'kv-cache-lever', title: 'Lab' })).toEqual({
      id: 'lab-kv-cache-lever',
      concept: 'lab-kv-cache-lever',
      path: 'labs/kv-cache-lever/',
      anchor: null,
      kind: 'lab',
      label: 'Lab',
    });
    const reserved = withConcept(validAtlas(), concept('dot', { status: 'complete' }));
    reserved.concepts.push(concept('lab-kv-cache-lever'));
    expect(validateAtlas(reserved).find((i) => i.field === 'slug')?.message).toContain('reserved for the ids of lab pages');
  });

  it('a planned concept has only itself', () => {
    expect(conceptObjects({ ...source, complete: false }).map((o) => o.id)).toEqual(['kv-cache']);
  });

  it('ids do not depend on order, and a reworded claim gets a new id', () => {
    const reordered = conceptObjects({ ...source, equationLabels: ['rows', 'mem-kv'] }).map((o) => o.id).sort();
    expect(reordered).toEqual(conceptObjects(source).map((o) => o.id).sort());
    const a = claimAnchor({ claim: 'X is 8.', source: 'p' });
    expect(claimAnchor({ claim: '  X   is 8. ', source: 'p' })).toBe(a); // whitespace does not count
    expect(claimAnchor({ claim: 'X is 16.', source: 'p' })).not.toBe(a);
    expect(fingerprint('abc')).toMatch(/^[0-9a-z]{7}$/);
  });

  it.each([
    ['\\label{mem-kv} M = 2', 'M = 2', ['mem-kv']],
    ['M = 2 \\label { x }', 'M = 2', ['x']],
    ['M = 2', 'M = 2', []],
  ])('splits labels off %s', (tex, clean, labels) => {
    expect(splitEquationLabels(tex)).toEqual({ tex: clean, labels });
  });

  it('splits an id into concept and anchor', () => {
    expect(splitObjectId('kv-cache#eq-mem-kv')).toEqual({ concept: 'kv-cache', anchor: 'eq-mem-kv' });
    expect(splitObjectId('kv-cache')).toEqual({ concept: 'kv-cache', anchor: null });
  });

  it('names bad and duplicate labels in sentences an author can act on', () => {
    const objects = conceptObjects({ ...source, equationLabels: ['mem-kv', 'mem-kv'] });
    const issues = objectIssues(
      [
        { labels: ['mem-kv'], display: true, line: 3 },
        { labels: ['mem-kv'], display: true, line: 9 },
        { labels: ['Bad_Label'], display: true, line: 12 },
        { labels: ['a', 'b'], display: true, line: 14 },
        { labels: ['x'], display: false, line: 20 },
      ],
      objects,
    );
    expect(issues).toEqual([
      'line 12: the equation label "Bad_Label" is not kebab-case (lowercase letters, digits and single hyphens, e.g. \\label{mem-kv}).',
      'line 14: one equation has 2 labels (a, b); give it exactly one.',
      'line 20: \\label{x} is on inline math; only display equations ($$ … $$) get a label and an anchor. Move the label or remove it.',
      'the id "kv-cache#eq-mem-kv" is derived twice (Equation mem-kv and Equation mem-kv); every labelled equation needs its own \\label.',
    ]);
  });

  it('attaches discussion prompts by section, or to a named object', () => {
    const objects = conceptObjects(source);
    expect(discussionObject(objects, { section: 'math' })?.id).toBe('kv-cache#eq-mem-kv');
    expect(discussionObject(objects, { section: 'code' })?.id).toBe('kv-cache#witness');
    expect(discussionObject(objects, { section: 'demo' })?.id).toBe('kv-cache#demo');
    expect(discussionObject(objects, { section: 'intuition' })?.id).toBe('kv-cache');
    expect(discussionObject(objects, { section: 'math', object: 'eq-rows' })?.id).toBe('kv-cache#eq-rows');
    expect(discussionObject(objects, { section: 'math', object: 'eq-nope' })).toBeUndefined();
  });
});

describe('the build checks object ids', () => {
  const withBody = (body: string) => withConcept(validAtlas(), concept('dot', { status: 'complete' }, { body }));

  it('reads labels from the body', () => {
    const body = '## Intuition\n\n## Math\n\n$$\n\\label{mem-kv}\nM\n$$\n\n## Code\n\n<Witness />\n\n## Demo\n';
    const c = concept('kv-cache', { status: 'complete' }, { body });
    expect(objectsOfConcept(c).objects.map((o) => o.id)).toContain('kv-cache#eq-mem-kv');
  });

  it('fails on a duplicate label with the file and a fix', () => {
    const eq = '$$\n\\label{mem-kv}\nM\n$$\n';
    const body = `## Intuition\n\n## Math\n\n${eq}\n${eq}\n## Code\n\n<Witness />\n\n## Demo\n`;
    const issues = validateAtlas(withBody(body)).filter((i) => i.message.startsWith('object ids'));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ file: 'content/concepts/dot/index.mdx', field: 'body' });
    expect(issues[0]!.message).toContain('"dot#eq-mem-kv" is derived twice');
  });

  it('fails on a discussion prompt aimed at an object the page does not have', () => {
    const c = concept('dot', { status: 'complete' });
    c.data.discussion = [{ prompt: 'Why?', section: 'math', object: 'eq-missing' }];
    const issues = validateAtlas(withConcept(validAtlas(), c));
    expect(issues.map((i) => i.field)).toContain('discussion[0].object');
  });

  it('refuses a former slug that is live or claimed twice', () => {
    const base = validAtlas();
    const live = withConcept(base, concept('softmax', { formerSlugs: ['dot'] }));
    expect(validateAtlas(live).find((i) => i.field === 'formerSlugs[0]')?.message).toContain(
      'the slug of a concept in the atlas',
    );
    const twice = withConcept(
      withConcept(base, concept('softmax', { formerSlugs: ['old-name'] })),
      concept('matmul', { prerequisites: [{ slug: 'dot', why: 'x' }], formerSlugs: ['old-name'] }),
    );
    expect(validateAtlas(twice).find((i) => i.field === 'formerSlugs[0]')?.message).toContain('also a former slug');
  });
});

describe('currentSlug', () => {
  it('follows renames through chains and stops at a cycle', () => {
    expect(currentSlug('a', { a: 'b', b: 'c' })).toBe('c');
    expect(currentSlug('kv-cache', { a: 'b' })).toBe('kv-cache');
    expect(currentSlug('x', { x: 'y', y: 'x' })).toBe('x');
    expect(currentSlug('constructor', {})).toBe('constructor');
  });
});
