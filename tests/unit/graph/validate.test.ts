import { describe, expect, it } from 'vitest';
import { formatIssues, validateAtlas } from '../../../src/lib/graph';
import { COMPLETE_BODY, concept, needs, validAtlas, withConcept } from '../../fixtures/atlas';

const messages = (atlas = validAtlas()) => validateAtlas(atlas);

describe('validateAtlas', () => {
  it('accepts a valid atlas', () => {
    expect(messages()).toEqual([]);
  });

  it('names an unknown prerequisite, its field and a likely fix', () => {
    const atlas = withConcept(validAtlas(), concept('matmul', { prerequisites: needs('dott') }));
    expect(messages(atlas)).toEqual([
      expect.objectContaining({
        file: 'content/concepts/matmul/index.mdx',
        field: 'prerequisites[0].slug',
        message: 'prerequisite "dott" is not a concept in the atlas.',
        fix: expect.stringContaining('did you mean "dot"?'),
      }),
    ]);
  });

  it('names the whole cycle in learning order', () => {
    const atlas = withConcept(
      validAtlas(),
      concept('dot', { status: 'complete', prerequisites: needs('attention') }),
    );
    const issues = messages(atlas).filter((i) => i.message.startsWith('prerequisite cycle'));
    expect(issues).toHaveLength(1);
    // dot needs attention, attention needs matmul (or dot), ... — every hop is a real edge.
    const cycle = issues[0].message.replace('prerequisite cycle: ', '').replace('.', '').split(' -> ');
    expect(cycle[0]).toBe(cycle.at(-1));
    expect(new Set(cycle)).toContain('attention');
    expect(new Set(cycle)).toContain('dot');
  });

  it('reports a self-prerequisite', () => {
    const atlas = withConcept(validAtlas(), concept('softmax', { prerequisites: needs('softmax') }));
    expect(messages(atlas).map((i) => i.message)).toContain('a concept cannot be its own prerequisite.');
  });

  it('reports a track that puts a concept before its prerequisite', () => {
    const atlas = validAtlas();
    atlas.tracks[0].data.steps = ['dot', 'attention', 'matmul', 'softmax'];
    const issues = messages(atlas);
    expect(issues.map((i) => i.message)).toEqual([
      '"attention" (step 2) comes before its prerequisite "matmul" (step 3).',
      '"attention" (step 2) comes before its prerequisite "softmax" (step 4).',
    ]);
    expect(issues[0]).toMatchObject({ file: 'content/tracks/route.yaml', field: 'steps[1]' });
  });

  it('reports unknown track steps, duplicates, domains and papers', () => {
    const atlas = validAtlas();
    atlas.tracks[0].data.steps = ['dot', 'dot', 'nope'];
    atlas.concepts[2] = concept('softmax', { domain: 'nowhere', sources: ['missing-paper'] });
    const fields = messages(atlas).map((i) => `${i.file}|${i.field}`);
    expect(fields).toEqual(
      expect.arrayContaining([
        'content/tracks/route.yaml|steps[1]',
        'content/tracks/route.yaml|steps[2]',
        'content/concepts/softmax/index.mdx|domain',
        'content/concepts/softmax/index.mdx|sources[0]',
      ]),
    );
  });

  it.each([
    ['a missing section', COMPLETE_BODY.replace('## Math', '### Math'), 'is missing the section "## Math"'],
    [
      'sections out of order',
      ['## Math', '## Intuition', '## Code', '<Witness />', '## Demo'].join('\n'),
      'has its sections as "## Math", "## Intuition", "## Code", "## Demo"',
    ],
    [
      'a Code section without the witness',
      COMPLETE_BODY.replace('<Witness />', ''),
      'does not show the witness',
    ],
  ])('reports %s in a complete notebook', (_, body, expected) => {
    const atlas = withConcept(validAtlas(), concept('dot', { status: 'complete' }, { body }));
    const issues = messages(atlas);
    expect(issues).toHaveLength(1);
    expect(issues[0].message).toContain(expected);
    expect(issues[0].field).toBe('body');
  });

  it('ignores ## lines inside fenced code when finding sections', () => {
    const body = COMPLETE_BODY.replace('Arrows.', '```md\n## Not a section\n```');
    expect(messages(withConcept(validAtlas(), concept('dot', { status: 'complete' }, { body })))).toEqual([]);
  });

  it('reports a complete notebook without a witness, sources or claim boundary', () => {
    const atlas = withConcept(
      validAtlas(),
      concept('dot', { status: 'complete', sources: [], claimBoundary: undefined }, { hasWitness: false }),
    );
    expect(
      messages(atlas)
        .map((i) => i.field)
        .sort(),
    ).toEqual(['claimBoundary', 'sources', 'witness.py']);
  });

  it('reports a complete notebook without a discussion prompt, and says how to add one', () => {
    const atlas = withConcept(validAtlas(), concept('dot', { status: 'complete', discussion: [] }));
    expect(messages(atlas)).toEqual([
      expect.objectContaining({
        field: 'discussion',
        message: expect.stringContaining('no discussion prompt'),
        fix: expect.stringContaining('section one of intuition, math, code, demo'),
      }),
    ]);
  });

  it('reports a link from the site root in a notebook body, which a base path would break', () => {
    const body = `${COMPLETE_BODY}\nSee [the cache](/concepts/kv-cache/) and [softmax](../softmax/).`;
    const atlas = withConcept(validAtlas(), concept('dot', { status: 'complete' }, { body }));
    expect(messages(atlas)).toEqual([
      expect.objectContaining({ field: 'body', message: expect.stringContaining('/concepts/kv-cache/') }),
    ]);
  });

  it('reports a planned concept with a written body', () => {
    const atlas = withConcept(validAtlas(), concept('softmax', {}, { body: '## Intuition\nSoon.' }));
    expect(messages(atlas)).toEqual([
      expect.objectContaining({ field: 'body', file: 'content/concepts/softmax/index.mdx' }),
    ]);
  });

  it('reports TeX that KaTeX cannot render, in the body and in symbols', () => {
    const body = COMPLETE_BODY.replace('\\sum_i a_i b_i', '\\frac{a}{');
    const atlas = withConcept(
      validAtlas(),
      concept('dot', { status: 'complete', symbols: [{ tex: '\\notacommand x', meaning: 'm' }] }, { body }),
    );
    const issues = messages(atlas);
    expect(issues.map((i) => i.field)).toEqual(['symbols[0].tex', 'body (line 4 of the body)']);
    expect(issues[0].message).toContain('Undefined control sequence');
  });

  it('formats every issue with file, field and fix', () => {
    const atlas = withConcept(validAtlas(), concept('matmul', { prerequisites: needs('nope') }));
    const text = formatIssues(validateAtlas(atlas));
    expect(text).toContain('The atlas has 1 problem:');
    expect(text).toContain('content/concepts/matmul/index.mdx › prerequisites[0].slug');
    expect(text).toContain('Fix:');
  });

  it('reports a second paper with an arXiv id already registered, naming both files', () => {
    const atlas = validAtlas();
    const [first] = atlas.papers;
    atlas.papers.push(
      { id: 'paper-b', file: 'content/papers/paper-b.yaml', data: { ...first.data, title: 'B' } },
      // A different id is no clash.
      { id: 'paper-c', file: 'content/papers/paper-c.yaml', data: { ...first.data, arxiv: '2205.14135' } },
    );
    const issues = messages(atlas);
    expect(issues).toEqual([
      expect.objectContaining({ file: 'content/papers/paper-b.yaml', field: 'arxiv' }),
    ]);
    expect(issues[0].message).toContain('arXiv 1706.03762');
    expect(issues[0].message).toContain('content/papers/paper-a.yaml');
    expect(issues[0].message).toContain('content/papers/paper-b.yaml');
    expect(formatIssues(issues)).toContain('content/papers/paper-b.yaml › arxiv');
  });

  it('reports an alias that two papers claim, ignoring case', () => {
    const atlas = validAtlas();
    const [first] = atlas.papers;
    first.data.aliases = ['FlashAttention'];
    atlas.papers.push({
      id: 'paper-b',
      file: 'content/papers/paper-b.yaml',
      data: { ...first.data, arxiv: '2307.08691', aliases: ['FlashAttention-2', 'flashattention'] },
    });
    expect(messages(atlas)).toEqual([
      expect.objectContaining({
        file: 'content/papers/paper-b.yaml',
        field: 'aliases[1]',
        message: expect.stringContaining('content/papers/paper-a.yaml'),
      }),
    ]);
  });

  it('checks model presets cite known sources and lab scenarios name known presets', () => {
    const model = {
      name: 'M',
      attention: 'gqa' as const,
      layers: 2,
      heads: 4,
      kvHeads: 2,
      headDim: 8,
      paramsB: 1,
      dtype: 'bf16' as const,
      maxContext: 1024,
      sources: ['paper-b'],
    };
    const scenario = {
      order: 1,
      title: 'S',
      model: 'mdel',
      batch: 1,
      tokens: 1,
      tp: 4,
      gpus: 2,
      gpuMemGiB: 80,
      setup: 's',
      explanation: 'e',
    };
    const atlas = {
      ...validAtlas(),
      models: [{ id: 'model', file: 'content/models/model.yaml', data: model }],
      leverScenarios: [{ id: 's', file: 'content/labs/kv-cache-lever/s.yaml', data: scenario }],
    };
    expect(messages(atlas)).toEqual([
      expect.objectContaining({
        file: 'content/models/model.yaml',
        field: 'sources[0]',
        fix: expect.stringContaining('"paper-a"'),
      }),
      expect.objectContaining({
        file: 'content/labs/kv-cache-lever/s.yaml',
        field: 'model',
        fix: expect.stringContaining('did you mean "model"?'),
      }),
      expect.objectContaining({ file: 'content/labs/kv-cache-lever/s.yaml', field: 'tp' }),
    ]);
  });

  it('checks that every GPU preset cites a registered datasheet', () => {
    const gpu = {
      name: 'G',
      bf16TflopsQuoted: 100,
      quotedWithSparsity: false,
      bandwidthGBs: 1000,
      memoryGB: 40,
      sources: ['paper-z'],
    };
    const atlas = { ...validAtlas(), gpus: [{ id: 'g', file: 'content/gpus/g.yaml', data: gpu }] };
    expect(messages(atlas)).toEqual([
      expect.objectContaining({
        file: 'content/gpus/g.yaml',
        field: 'sources[0]',
        message: 'source "paper-z" is not in the papers registry.',
      }),
    ]);
  });
});
