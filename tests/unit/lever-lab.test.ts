import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type Scenario, rankLevers } from '../../src/lib/kv-cache/levers';
import type { Preset } from '../../src/lib/kv-cache/params';
import { scenarioOf, scenarioQuery } from '../../src/lib/kv-cache/scenario';
import {
  HISTORY_LIMIT,
  type HistoryEntry,
  type RankedLever,
  addEntry,
  formatPercent,
  parseHistory,
  parsePercent,
  scorePrediction,
  toHistoryFile,
  totals,
} from '../../src/lib/lever-lab';
import { LeverScenarioSchema } from '../../src/schemas/lever-scenario';
import { ModelSchema } from '../../src/schemas/model';

const llama70b: Preset = {
  name: 'Llama 3.1 70B',
  attention: 'gqa',
  layers: 80,
  heads: 64,
  kvHeads: 8,
  headDim: 128,
  paramsB: 70.6,
  dtype: 'bf16',
  maxContext: 131_072,
};
const presets = { 'llama-3-1-70b': llama70b };
const setup = { model: 'llama-3-1-70b', batch: 32, tokens: 131_072, tp: 8, gpus: 8, gpuMemGiB: 80 };

const GIB = 2n ** 30n;
/** A hand-made ranking, best first: window 60 GiB, int4 30 GiB, fp8 20 GiB, nothing for the rest. */
const ranking: RankedLever[] = [
  { id: 'window', savedBytes: 60n * GIB, savedFraction: 0.6 },
  { id: 'int4', savedBytes: 30n * GIB, savedFraction: 0.3 },
  { id: 'fp8', savedBytes: 20n * GIB, savedFraction: 0.2 },
  { id: 'half-batch', savedBytes: 20n * GIB, savedFraction: 0.2 },
  { id: 'weights-fp8', savedBytes: 10n * GIB, savedFraction: 0.1 },
  { id: 'mqa', savedBytes: 0n, savedFraction: 0 },
];

describe('scenarios', () => {
  it('become the calculator query string', () => {
    expect(scenarioQuery(setup).toString()).toBe(
      'model=llama-3-1-70b&batch=32&tokens=131072&tp=8&gpus=8&gpu_mem_gib=80',
    );
    expect(scenarioQuery({ ...setup, dtype: 'fp8' }).get('dtype')).toBe('fp8');
  });

  it('read back through the calculator parser with the preset filled in', () => {
    const result = scenarioOf(setup, presets);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const expected: Scenario = {
      arch: { attention: 'gqa', layers: 80, heads: 64, kvHeads: 8, headDim: 128 },
      workload: { batch: 32, tokens: 131_072, dtype: 'bf16', tp: 8 },
      hardware: { gpuMemGiB: 80, gpus: 8, weightsParamsB: 70.6, weightsDtype: 'bf16', utilization: 0.9 },
    };
    expect(result.scenario).toEqual(expected);
  });

  it('that the calculator would reject come back as a sentence, not a throw', () => {
    const bad = scenarioOf({ ...setup, tp: 3, gpus: 4 }, presets);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toMatch(/tp: .*divides 8/);
    const unknown = scenarioOf({ ...setup, model: 'no-such-model' }, presets);
    expect(unknown.ok).toBe(false);
  });
});

describe('scoring', () => {
  it('gives 2 points for the winner, 1 for the runner-up, 0 otherwise', () => {
    expect(scorePrediction(ranking, 'window', null)).toMatchObject({
      placement: 'best',
      points: 2,
      correct: 'window',
    });
    expect(scorePrediction(ranking, 'int4', null)).toMatchObject({ placement: 'runner-up', points: 1 });
    expect(scorePrediction(ranking, 'fp8', null)).toMatchObject({ placement: 'other', points: 0 });
    expect(scorePrediction(ranking, 'mqa', null)).toMatchObject({ placement: 'other', points: 0 });
  });

  it('lets an exact tie at the top share first place; the winner stays the first listed', () => {
    const tied: RankedLever[] = [
      { id: 'fp8', savedBytes: 8n * GIB, savedFraction: 0.4 },
      { id: 'half-batch', savedBytes: 8n * GIB, savedFraction: 0.4 },
      { id: 'weights-fp8', savedBytes: 4n * GIB, savedFraction: 0.2 },
      { id: 'mqa', savedBytes: 0n, savedFraction: 0 },
    ];
    const score = scorePrediction(tied, 'half-batch', null);
    expect(score).toMatchObject({ placement: 'best', points: 2, correct: 'fp8' });
    expect(score.best).toEqual(['fp8', 'half-batch']);
    // Second place is the next distinct saving, not the second row.
    expect(scorePrediction(tied, 'weights-fp8', null)).toMatchObject({ placement: 'runner-up', points: 1 });
  });

  it('never rewards a lever that saves nothing, even when it is the second-largest saving', () => {
    const lonely: RankedLever[] = [
      { id: 'weights-fp8', savedBytes: GIB, savedFraction: 0.5 },
      { id: 'mqa', savedBytes: 0n, savedFraction: 0 },
      { id: 'fp8', savedBytes: 0n, savedFraction: 0 },
    ];
    expect(scorePrediction(lonely, 'mqa', null).points).toBe(0);
  });

  it('adds a point for a percentage within 5 points of the picked lever’s own saving', () => {
    const close = scorePrediction(ranking, 'int4', 34);
    expect(close.actualPercent).toBeCloseTo(30);
    expect(close.guess).toEqual({ percent: 34, offBy: expect.closeTo(4) as number, points: 1 });
    expect(close.points).toBe(2);
    expect(scorePrediction(ranking, 'window', 55).points).toBe(3);
    expect(scorePrediction(ranking, 'window', 54.9).points).toBe(2);
    expect(scorePrediction(ranking, 'mqa', 0).points).toBe(1);
    expect(scorePrediction(ranking, 'window', null).guess).toBeNull();
  });

  it('scores against the real ranking: at 128k tokens the window beats int4', () => {
    const result = scenarioOf(setup, presets);
    if (!result.ok) throw new Error(result.error);
    const { outcomes } = rankLevers(result.scenario);
    expect(scorePrediction(outcomes, 'window', null).placement).toBe('best');
    expect(scorePrediction(outcomes, 'mqa', null).points).toBe(0);
  });

  it('refuses a lever that is not in the ranking', () => {
    expect(() => scorePrediction(ranking.slice(0, 2), 'mqa', null)).toThrow(/not in the ranking/);
  });
});

describe('the percentage field', () => {
  it.each([
    ['', null],
    ['  ', null],
    ['40', 40],
    ['12.5', 12.5],
    ['0', 0],
    ['100', 100],
    ['35%', 35],
  ])('accepts %j', (raw, value) => {
    expect(parsePercent(raw)).toEqual({ ok: true, value });
  });

  it.each([
    ['101', /between 0 and 100/],
    ['-3', /between 0 and 100/],
    ['abc', /not a number/],
    ['NaN', /not a number/],
    ['Infinity', /not a number/],
  ])('rejects %j with a message', (raw, message) => {
    const parsed = parsePercent(raw);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(message);
  });

  it('rejects text a number field could not read, though it reports it as empty', () => {
    expect(parsePercent('', true)).toMatchObject({ ok: false });
  });

  it('formats percentages without noise', () => {
    expect(formatPercent(37.5)).toBe('37.5');
    expect(formatPercent(12.3456)).toBe('12.35');
    expect(formatPercent(0)).toBe('0');
    expect(formatPercent(0.004)).toBe('< 0.01');
  });
});

describe('history', () => {
  const entry = (n: number): HistoryEntry => ({
    scenario: 'llama-70b-long',
    lever: 'mqa',
    guessPercent: n % 2 === 0 ? null : 12.5,
    correct: 'window',
    points: n % 4,
    date: new Date(Date.UTC(2025, 0, 1, 0, n)).toISOString(),
  });

  it('round-trips, newest first', () => {
    const entries = addEntry(addEntry([], entry(1)), entry(2));
    expect(entries.map((e) => e.date)).toEqual([entry(2).date, entry(1).date]);
    expect(parseHistory(JSON.stringify(toHistoryFile(entries)))).toEqual({ ok: true, entries });
  });

  it(`keeps at most ${HISTORY_LIMIT} entries`, () => {
    let entries: HistoryEntry[] = [];
    for (let i = 0; i < HISTORY_LIMIT + 5; i++) entries = addEntry(entries, entry(i % 50));
    expect(entries).toHaveLength(HISTORY_LIMIT);
  });

  it('totals the points', () => {
    expect(totals([entry(1), entry(2), entry(3)])).toEqual({ points: 6, possible: 9, count: 3 });
  });

  const file = (entries: unknown[]) =>
    JSON.stringify({ format: 'continuous-function/lever-lab', version: 1, entries });

  it.each([
    ['not JSON', '{oops', /not valid JSON/],
    ['null', 'null', /format/],
    ['an array', '[]', /format/],
    ['another format', JSON.stringify({ format: 'x', version: 1, entries: [] }), /at format/],
    [
      'a future version',
      JSON.stringify({ format: 'continuous-function/lever-lab', version: 2, entries: [] }),
      /at version/,
    ],
    ['an unknown lever', file([{ ...entry(1), lever: 'prune-heads' }]), /at entries\.0\.lever/],
    ['a guess above 100', file([{ ...entry(1), guessPercent: 140 }]), /at entries\.0\.guessPercent/],
    ['too many points', file([{ ...entry(1), points: 9 }]), /at entries\.0\.points/],
    ['a date that is not ISO', file([{ ...entry(1), date: 'yesterday' }]), /at entries\.0\.date/],
    ['markup for a scenario id', file([{ ...entry(1), scenario: '<img src=x>' }]), /at entries\.0\.scenario/],
    ['a missing field', file([{ ...entry(1), correct: undefined }]), /at entries\.0\.correct/],
  ])('rejects %s with a sentence and never throws', (_, text, message) => {
    const parsed = parseHistory(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(message);
  });
});

describe('the lab’s scenarios', () => {
  // Each explanation is written for this winner; if a preset changes and the ranking moves, the
  // explanation is wrong and this fails.
  const winners: Record<string, string> = {
    'llama-3-1-70b-long-context': 'window',
    'llama-3-1-8b-chat': 'weights-fp8',
    'gemma-3-27b-hybrid-window': 'mqa',
    'deepseek-v3-tensor-parallel': 'int4',
    'qwen2-5-72b-int4-cache': 'half-batch',
    'mistral-7b-32k': 'weights-fp8',
  };
  const yamlIn = (dir: string) =>
    readdirSync(dir)
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => [f.replace(/\.yaml$/, ''), parse(readFileSync(`${dir}/${f}`, 'utf8')) as unknown] as const);
  const models = Object.fromEntries(
    yamlIn('content/models').map(([id, data]) => [id, ModelSchema.parse(data)]),
  );
  const scenarios = yamlIn('content/labs/kv-cache-lever');

  it('are the six the explanations were written for', () => {
    expect(scenarios.map(([id]) => id).sort()).toEqual(Object.keys(winners).sort());
  });

  it.each(scenarios)('%s has a single winner, the one its explanation names', (id, data) => {
    const read = scenarioOf(LeverScenarioSchema.parse(data), models);
    if (!read.ok) throw new Error(read.error);
    const [first, second] = rankLevers(read.scenario).outcomes;
    expect(first!.id).toBe(winners[id]);
    expect(second!.savedBytes).toBeLessThan(first!.savedBytes);
  });
});
