import { describe, expect, it } from 'vitest';
import {
  companionPrompt,
  DEFAULT_PROFILE,
  pathPrompt,
  readCompanion,
  storeCompanion,
  TASKS,
  type PageContext,
  type Task,
} from '../../src/lib/companion';

const page: PageContext = {
  kind: 'notebook',
  title: 'KV cache',
  url: 'https://atlas.example/concepts/kv-cache/',
  summary: 'Decoding stores every past token’s keys and values so each new token attends without recomputing them.',
  objects: [
    { id: 'kv-cache', label: 'The whole notebook' },
    {
      id: 'kv-cache#eq-mem-kv',
      label: 'Equation mem-kv',
      tex: String.raw`\mathrm{Mem}_{KV} = 2\,B\,L\,T\,H_{kv}\,d_{head}\,b`,
      symbols: [
        { tex: 'B', meaning: 'batch size (sequences)' },
        { tex: 'T', meaning: 'tokens in context' },
      ],
    },
    { id: 'kv-cache#demo', label: 'The demo', text: 'A calculator of cache memory for real model configs.' },
  ],
  prerequisites: [
    { slug: 'autoregressive-decoding', title: 'Autoregressive decoding', why: 'one token per step, each attending to all before it' },
    { slug: 'multi-head-attention', title: 'Multi-head attention', why: 'H_kv heads each keep their own keys and values' },
  ],
  claimBoundary: {
    shown: ['The witness reproduces 0.5 MiB per token for Llama 2 7B in fp16.'],
    sourced: [{ claim: 'GQA cuts the cache by H/H_kv.', source: 'ainslie-2023-gqa' }],
    notShown: ['Throughput on a real serving stack.'],
  },
  discussion: ['When is recomputing cheaper than caching?'],
  next: 'Why do grouped-query models cache fewer heads?',
};

const reader = {
  known: new Set(['autoregressive-decoding']),
  demoState: 'model Llama 2 7B, batch 8, 4,096 tokens: 16 GiB',
  lastPrediction: { question: 'How many GiB for batch 8 at 4k?', answer: '12 GiB', correct: false, confidence: 70 },
};

describe('companionPrompt', () => {
  // One snapshot per task: a change to any wording shows up in review as a diff.
  for (const task of Object.keys(TASKS) as Task[])
    it(`builds the "${task}" prompt`, () => {
      expect(companionPrompt(page, 'kv-cache#eq-mem-kv', DEFAULT_PROFILE, task, reader)).toMatchSnapshot();
    });

  it('carries the selected equation, its symbols and the reader’s state', () => {
    const prompt = companionPrompt(page, 'kv-cache#eq-mem-kv', { goal: 'implement', comfort: 'expert', style: 'code' }, 'explain', reader);
    expect(prompt).toContain('The object I selected: Equation mem-kv.');
    expect(prompt).toContain(String.raw`$$\mathrm{Mem}_{KV} = 2\,B\,L\,T\,H_{kv}\,d_{head}\,b$$`);
    expect(prompt).toContain('- $T$: tokens in context');
    expect(prompt).toContain('My goal: implement it in code.');
    expect(prompt).toContain('My comfort with this: expert.');
    expect(prompt).toContain('code first');
    expect(prompt).toContain("The demo's current state: model Llama 2 7B, batch 8, 4,096 tokens: 16 GiB");
    expect(prompt).toContain('I answered 12 GiB with 70% confidence, and it was wrong.');
  });

  it('splits the prerequisites into known and not yet known, with what the page uses from each', () => {
    const prompt = companionPrompt(page, 'kv-cache', DEFAULT_PROFILE, 'plan-path', reader);
    expect(prompt).toContain('Prerequisites I have marked as known: Autoregressive decoding.');
    expect(prompt).toContain('  - Multi-head attention: H_kv heads each keep their own keys and values');
    const none = companionPrompt(page, 'kv-cache', DEFAULT_PROFILE, 'plan-path', { known: new Set() });
    expect(none).not.toContain('marked as known:');
  });

  it('asks the assistant to flag claims beyond the boundary, and to end with something to try', () => {
    const prompt = companionPrompt(page, 'kv-cache', DEFAULT_PROFILE, 'explain', reader);
    expect(prompt).toContain('Not shown here (needs scale, sources or expert review):\n- Throughput on a real serving stack.');
    expect(prompt).toContain('GQA cuts the cache by H/H_kv. (ainslie-2023-gqa)');
    expect(prompt).toContain('flag it as outside what this page shows');
    expect(prompt).toContain('Build intuition before notation');
    expect(prompt).toMatch(/End with one thing I should try on the page \(or the next step it suggests: Why do grouped/);
  });

  it('without a claim boundary (a planned notebook), asks to separate results from judgement instead', () => {
    const planned = { ...page, kind: 'planned notebook' as const, claimBoundary: undefined, discussion: [] };
    const prompt = companionPrompt(planned, 'kv-cache', DEFAULT_PROFILE, 'explain', { known: new Set() });
    expect(prompt).not.toContain('claim boundary');
    expect(prompt).toContain('which of your statements are established results');
  });

  it('falls back to the page itself for an unknown object id, and clips very long text', () => {
    const prompt = companionPrompt(page, 'kv-cache#gone', DEFAULT_PROFILE, 'explain', {
      known: new Set(),
      demoState: 'x'.repeat(5000),
    });
    expect(prompt).toContain('The object I selected: The whole notebook.');
    expect(prompt).toContain(`${'x'.repeat(2000)} […]`);
    expect(prompt).not.toContain('x'.repeat(2001));
  });
});

describe('pathPrompt', () => {
  it('asks five quick questions, then recommends a path among the real tracks', () => {
    const prompt = pathPrompt(
      {
        url: 'https://atlas.example/',
        tracks: [{ title: 'Foundations', url: 'https://atlas.example/tracks/foundations/', steps: 17, about: 'the language of training' }],
        domains: ['Linear Algebra', 'Calculus'],
      },
      DEFAULT_PROFILE,
    );
    expect(prompt).toContain('Ask me 5 quick questions');
    expect(prompt).toContain('- Foundations (17 steps, https://atlas.example/tracks/foundations/): the language of training');
    expect(prompt).toContain('Linear Algebra, Calculus.');
    expect(prompt).toContain('My comfort with machine learning: new to this.');
  });
});

describe('remembered choices', () => {
  it('round-trips', () => {
    const choices = { goal: 'teach', comfort: 'some', style: 'math', task: 'quiz' } as const;
    expect(readCompanion(storeCompanion(choices))).toEqual(choices);
  });

  it('falls back to the defaults on nothing, damaged or foreign data', () => {
    const defaults = { ...DEFAULT_PROFILE, task: 'explain' };
    expect(readCompanion(null)).toEqual(defaults);
    expect(readCompanion('{not json')).toEqual(defaults);
    expect(readCompanion(JSON.stringify({ format: 'continuous-function/companion', version: 1, goal: 'x' }))).toEqual(defaults);
    expect(readCompanion('{"format":"something-else","version":1}')).toEqual(defaults);
  });
});

describe('a prediction without a confidence (the lever lab asks for none)', () => {
  it('says what was answered and whether it was right, and no confidence', () => {
    const prompt = companionPrompt(page, 'kv-cache', DEFAULT_PROFILE, 'explain', {
      known: new Set(),
      lastPrediction: { question: 'Scenario 1: which change saves the most?', answer: 'int4 cache', correct: true },
    });
    expect(prompt).toContain('- My last prediction on this page: "Scenario 1: which change saves the most?" I answered int4 cache, and it was right.');
    expect(prompt).not.toContain('confidence');
  });
});
