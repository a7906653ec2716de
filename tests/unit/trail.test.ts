import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../src/lib/lever-lab';
import {
  emptyTrail,
  hrefOf,
  markDone,
  markNotDone,
  markStepInStorage,
  parseTrail,
  progress,
  progressText,
  STEPS,
  TRAIL_KEY,
  withEvidence,
  withLabHistory,
  type Step,
  type TrailFile,
} from '../../src/lib/trail';

/** An in-memory Storage; `fail` makes getItem or setItem throw like a blocked or full store. */
function memoryStorage(initial: Record<string, string> = {}, fail: { get?: boolean; set?: boolean } = {}) {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem(key: string) {
      if (fail.get) throw new DOMException('blocked', 'SecurityError');
      return data.get(key) ?? null;
    },
    setItem(key: string, value: string) {
      if (fail.set) throw new DOMException('full', 'QuotaExceededError');
      data.set(key, value);
    },
  };
}

const entry = (date: string): HistoryEntry => ({
  scenario: 'llama-3-1-8b-chat',
  lever: 'fp8',
  guessPercent: null,
  correct: 'fp8',
  points: 2,
  date,
});

describe('the step list', () => {
  it('is the homepage first route: six steps, all built', () => {
    expect(STEPS.map((s) => s.id)).toEqual([
      'map',
      'graph',
      'efficient-attention',
      'lever',
      'boundary',
      'note',
    ]);
    expect(STEPS.filter((s) => !s.built).map((s) => s.id)).toEqual([]);
  });

  it('links each built step through paths, the boundary step to its section', () => {
    const hrefs = Object.fromEntries(STEPS.flatMap((s) => (s.built ? [[s.id, hrefOf(s.where)]] : [])));
    expect(hrefs).toEqual({
      map: '/map/?q=softmax(QK%5ET%20%2F%20sqrt(d_k))%20V',
      graph: '/graph/?track=attention-to-serving',
      'efficient-attention': '/concepts/efficient-attention/',
      lever: '/labs/kv-cache-lever/',
      boundary: '/concepts/kv-cache/#claim-boundary',
      note: '/concepts/kv-cache/#eq-mem-kv',
    });
  });
});

describe('marking and counting', () => {
  it('counts only built steps', () => {
    let state = emptyTrail();
    expect(progress(state)).toEqual({ done: 0, total: 6, unbuilt: 0 });
    state = markDone(state, 'graph');
    expect(progress(state)).toEqual({ done: 1, total: 6, unbuilt: 0 });
    expect(progressText(progress(state))).toBe('1 of 6 steps available done');
    state = markDone(state, 'note');
    expect(progress(state)).toEqual({ done: 2, total: 6, unbuilt: 0 });
  });

  it('counts against the list it is given', () => {
    const note = STEPS[5]!;
    const one: Step[] = [STEPS[1]!, { id: note.id, title: note.title, task: note.task, built: false, waitsFor: 'a rework' }];
    expect(progress(markDone(emptyTrail(), 'graph'), one)).toEqual({ done: 1, total: 1, unbuilt: 1 });
    expect(progressText({ done: 0, total: 1 })).toBe('0 of 1 step available done');
  });

  it('keeps done in step order without duplicates and does not mutate', () => {
    const start = emptyTrail();
    const state = markDone(markDone(markDone(start, 'boundary'), 'graph'), 'boundary');
    expect(state.done).toEqual(['graph', 'boundary']);
    expect(start.done).toEqual([]);
  });

  it('marks not done, remembering when, and marking done again forgets that', () => {
    const done = markDone(emptyTrail(), 'lever');
    const undone = markNotDone(done, 'lever', '2026-01-02T00:00:00.000Z');
    expect(undone.done).toEqual([]);
    expect(undone.undone).toEqual({ lever: '2026-01-02T00:00:00.000Z' });
    expect(markDone(undone, 'lever')).toEqual({ ...emptyTrail(), done: ['lever'] });
  });
});

describe('the lever lab completes the prediction step', () => {
  it('with at least one prediction, and not without', () => {
    const state = emptyTrail();
    expect(withLabHistory(state, [])).toBe(state);
    expect(withLabHistory(state, [entry('2026-01-01T10:00:00.000Z')]).done).toEqual(['lever']);
  });

  it('after "not done", only with a prediction made later', () => {
    const undone = markNotDone(markDone(emptyTrail(), 'lever'), 'lever', '2026-01-02T00:00:00.000Z');
    expect(withLabHistory(undone, [entry('2026-01-01T10:00:00.000Z')])).toBe(undone);
    const again = withLabHistory(undone, [
      entry('2026-01-03T10:00:00.000Z'),
      entry('2026-01-01T10:00:00.000Z'),
    ]);
    expect(again.done).toEqual(['lever']);
    expect(again.undone).toBeUndefined();
  });
});

describe('a saved note completes the note step', () => {
  it('with at least one note, and after "not done" only with a note written later', () => {
    const state = emptyTrail();
    expect(withEvidence(state, 'note', [])).toBe(state);
    expect(withEvidence(state, 'note', ['2026-01-01T10:00:00.000Z']).done).toEqual(['note']);
    const undone = markNotDone(markDone(state, 'note'), 'note', '2026-01-02T00:00:00.000Z');
    expect(withEvidence(undone, 'note', ['2026-01-01T10:00:00.000Z'])).toBe(undone);
    expect(withEvidence(undone, 'note', ['2026-01-03T00:00:00.000Z']).done).toEqual(['note']);
  });
});

describe('the stored record', () => {
  it('round-trips', () => {
    const state = markNotDone(markDone(emptyTrail(), 'graph'), 'lever', '2026-01-02T00:00:00.000Z');
    expect(parseTrail(JSON.stringify(state))).toEqual({ ok: true, state });
    expect(parseTrail(JSON.stringify(emptyTrail()))).toEqual({
      ok: true,
      state: { format: 'continuous-function/trail', version: 1, done: [] },
    });
  });

  it.each([
    ['not JSON', '{oops', 'not valid JSON'],
    ['another format', JSON.stringify({ format: 'x', version: 1, done: [] }), 'at format'],
    [
      'a future version',
      JSON.stringify({ format: 'continuous-function/trail', version: 2, done: [] }),
      'at version',
    ],
    [
      'markup instead of step ids',
      JSON.stringify({
        format: 'continuous-function/trail',
        version: 1,
        done: ['<img src=x onerror=alert(1)>'],
      }),
      'at done.0',
    ],
    ['null', 'null', 'not in a format'],
  ])('rejects %s with a sentence and never throws', (_, text, where) => {
    const parsed = parseTrail(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toContain(where);
  });
});

describe('markStepInStorage (for pages that complete a step themselves)', () => {
  const read = (s: { data: Map<string, string> }) => JSON.parse(s.data.get(TRAIL_KEY)!) as TrailFile;

  it('starts a record, adds to one, and leaves a done step alone', () => {
    const storage = memoryStorage();
    expect(markStepInStorage(storage, 'graph')).toBeNull();
    expect(read(storage).done).toEqual(['graph']);
    storage.data.set(TRAIL_KEY, JSON.stringify(markDone(emptyTrail(), 'boundary')));
    expect(markStepInStorage(storage, 'graph')).toBeNull();
    expect(read(storage).done).toEqual(['graph', 'boundary']);
    expect(markStepInStorage(storage, 'graph')).toBeNull();
    expect(read(storage).done).toEqual(['graph', 'boundary']);
  });

  it('replaces an unreadable record and says so', () => {
    const storage = memoryStorage({ [TRAIL_KEY]: '{broken' });
    expect(markStepInStorage(storage, 'graph')).toMatch(/could not be read.*fresh record/);
    expect(read(storage).done).toEqual(['graph']);
  });

  it('returns a sentence instead of throwing when storage is blocked or full, or the id is unknown', () => {
    expect(markStepInStorage(memoryStorage({}, { get: true }), 'graph')).toMatch(/does not let/);
    expect(markStepInStorage(memoryStorage({}, { set: true }), 'graph')).toMatch(/full or blocked/);
    expect(markStepInStorage(memoryStorage(), 'nope' as never)).toMatch(/not a step/);
  });
});
