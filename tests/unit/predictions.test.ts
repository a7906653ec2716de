import { describe, expect, it } from 'vitest';
import {
  CSV_COLUMNS,
  PREDICTIONS_LIMIT,
  acceptedText,
  type PredictionRecord,
  type Question,
  addRecord,
  calibration,
  checkQuestion,
  csvCell,
  dayToIso,
  expectedText,
  formatNumber,
  formatRate,
  latestFor,
  localDay,
  mergeRecords,
  newestFirst,
  parseEstimate,
  parsePredictions,
  predictionTagIds,
  reviewQueue,
  scoreAnswer,
  toCsv,
  toJson,
  toPredictionsFile,
  toleranceHint,
  withinTolerance,
} from '../../src/lib/predictions';

/** A record with defaults; override what a case is about. */
const rec = (over: Partial<PredictionRecord> = {}): PredictionRecord => ({
  concept: 'kv-cache',
  question: 'llama-2-7b-gib',
  prompt: 'How many GiB?',
  kind: 'number',
  answer: '16 GiB',
  expected: '16 GiB',
  confidence: 70,
  correct: true,
  at: '2025-03-10T09:00:00.000Z',
  ...over,
});

const gib: Question = { kind: 'number', answer: 16, tolerance: 1, unit: 'GiB' };
const abc: Question = { kind: 'choice', choices: ['8 GiB', '16 GiB', '32 GiB'], answer: 1 };

describe('scoring', () => {
  it.each([
    // choice: right only for the declared index
    [abc, { kind: 'choice', index: 1 }, true, 'B. 16 GiB', 'B. 16 GiB'],
    [abc, { kind: 'choice', index: 0 }, false, 'A. 8 GiB', 'B. 16 GiB'],
    [abc, { kind: 'choice', index: 2 }, false, 'C. 32 GiB', 'B. 16 GiB'],
    // number 16 ± 1 (absolute): accepted range [15, 17], both ends included
    [gib, { kind: 'number', value: 16 }, true, '16 GiB', '16 GiB'],
    [gib, { kind: 'number', value: 15 }, true, '15 GiB', '16 GiB'],
    [gib, { kind: 'number', value: 17 }, true, '17 GiB', '16 GiB'],
    [gib, { kind: 'number', value: 17.01 }, false, '17.01 GiB', '16 GiB'],
    [gib, { kind: 'number', value: 14.99 }, false, '14.99 GiB', '16 GiB'],
    [gib, { kind: 'number', value: 2 }, false, '2 GiB', '16 GiB'],
  ] as const)('%# scores %o', (q, given, correct, answer, expected) => {
    expect(scoreAnswer(q, given)).toEqual({ correct, answer, expected });
  });

  it.each([
    // 0.4 − 0.3 = 0.10000000000000003 in floating point: the slack keeps the edge inside.
    [0.4, 0.3, 0.1, true],
    [0.2, 0.3, 0.1, true],
    [0.41, 0.3, 0.1, false],
    [0.4000001, 0.3, 0.1, false],
    // tolerance 0 means the exact value only
    [4096, 4096, 0, true],
    [4096.5, 4096, 0, false],
    // negative answers: −2 ± 0.5 accepts −2.5 to −1.5
    [-2.5, -2, 0.5, true],
    [-1.4, -2, 0.5, false],
  ])('value %d against %d ± %d is right: %s', (value, answer, tolerance, right) => {
    expect(withinTolerance(value, answer, tolerance)).toBe(right);
  });

  it('refuses an answer of the wrong kind or a choice that does not exist', () => {
    expect(() => scoreAnswer(abc, { kind: 'number', value: 1 })).toThrow('cannot score');
    expect(() => scoreAnswer(abc, { kind: 'choice', index: 3 })).toThrow('no choice 3');
    expect(() => scoreAnswer(gib, { kind: 'number', value: Number.NaN })).toThrow('finite');
  });

  it('describes the answer and the accepted range', () => {
    expect(expectedText(gib)).toBe('16 GiB');
    expect(expectedText(abc)).toBe('B. 16 GiB');
    // Before committing: how close counts, never the range (its midpoint is the answer).
    expect(toleranceHint(gib)).toBe('Within ± 1 GiB of the true value counts as right.');
    expect(toleranceHint(gib)).not.toContain('16');
    expect(toleranceHint({ kind: 'number', answer: 4, tolerance: 0.5, unit: '' })).toBe(
      'Within ± 0.5 of the true value counts as right.',
    );
    expect(toleranceHint({ kind: 'number', answer: 4, tolerance: 0, unit: 'x' })).toBe(
      'Only the exact value counts as right.',
    );
    // After: the accepted range, 16 − 1 to 16 + 1.
    expect(acceptedText(gib)).toBe('Anything from 15 to 17 GiB counts as right.');
    expect(acceptedText({ kind: 'number', answer: 4, tolerance: 0.5, unit: '' })).toBe(
      'Anything from 3.5 to 4.5 counts as right.',
    );
    expect(acceptedText({ kind: 'number', answer: 4, tolerance: 0, unit: 'x' })).toBe(
      'Only the exact value counts as right.',
    );
  });

  it.each([
    [16, '16'],
    [17_179_869_184, '17,179,869,184'],
    [0.1 + 0.2, '0.3'], // 0.30000000000000004 to 6 significant digits
    [1 / 3, '0.333333'],
    [2.5, '2.5'],
    [-0, '0'],
    [-1234.5, '-1,234.5'],
  ])('formats %d as %s', (n, text) => expect(formatNumber(n)).toBe(text));
});

describe('reading an estimate', () => {
  it.each([
    ['16', 'GiB', 16],
    [' 16 GiB ', 'GiB', 16],
    ['16gib', 'GiB', 16],
    ['17,179,869,184', '', 17_179_869_184],
    ['1 000', '', 1000],
    ['1e3', '', 1000],
    ['.5', '', 0.5],
    ['-2', '', -2],
    ['+2.25', '', 2.25],
    ['-0', '', 0],
  ])('reads %j (unit %j) as %d', (raw, unit, value) => {
    expect(parseEstimate(raw, unit)).toEqual({ ok: true, value });
  });

  it.each([
    ['', 'Enter your estimate'],
    ['   ', 'Enter your estimate'],
    ['abc', '"abc" is not a number'],
    ['0x10', 'is not a number'],
    ['Infinity', 'is not a number'],
    ['NaN', 'is not a number'],
    ['1,5', 'with a point'],
    ['12,34', 'with a point'],
    ['1e16', 'no larger than 1,000,000,000,000,000'],
    ['16 GB', 'is not a number'], // the unit is GiB: "GB" is not silently taken for it
  ])('refuses %j with a message', (raw, message) => {
    const parsed = parseEstimate(raw, 'GiB');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toContain(message);
  });

  it('refuses what the browser itself could not read', () => {
    expect(parseEstimate('', '', true)).toEqual({
      ok: false,
      error: 'Enter your estimate as a number first.',
    });
  });
});

describe('question props (checked at build time)', () => {
  const choice = {
    id: 'which',
    question: 'Which?',
    kind: 'choice',
    choices: ['a', 'b'],
    answer: 1,
    explain: 'Because.',
  };
  const number = {
    id: 'how-many',
    question: 'How many?',
    kind: 'number',
    answer: 16,
    tolerance: 1,
    unit: 'GiB',
    explain: 'So.',
  };

  it('accept a complete choice or number question', () => {
    expect(checkQuestion(choice)).toEqual({
      ok: true,
      question: { kind: 'choice', choices: ['a', 'b'], answer: 1 },
    });
    expect(checkQuestion(number)).toEqual({
      ok: true,
      question: { kind: 'number', answer: 16, tolerance: 1, unit: 'GiB' },
    });
    expect(checkQuestion({ ...number, unit: undefined })).toEqual({
      ok: true,
      question: { kind: 'number', answer: 16, tolerance: 1, unit: '' },
    });
  });

  it.each([
    [{ ...choice, id: 'Not A Slug' }, 'id must be a kebab-case'],
    [{ ...choice, id: undefined }, 'id must be'],
    [{ ...choice, question: '' }, 'question must be'],
    [{ ...choice, explain: undefined }, 'explain must be'],
    [{ ...choice, kind: 'range' }, 'kind must be "choice" or "number", not "range"'],
    [{ ...choice, choices: ['only one'] }, 'choices must be 2 to 8'],
    [{ ...choice, choices: ['a', ''] }, 'choices must be 2 to 8'],
    [{ ...choice, choices: ['a', 'a '] }, 'choices must all differ'],
    [
      { ...choice, answer: 2 },
      'answer must be the index of the right choice, counting from 0 (0 to 1), not 2',
    ],
    [{ ...choice, answer: 0.5 }, 'not 0.5'],
    [{ ...choice, tolerance: 1 }, 'tolerance and unit belong to number questions'],
    [{ ...number, answer: '16' }, 'answer must be a finite number'],
    [{ ...number, answer: Number.POSITIVE_INFINITY }, 'answer must be a finite number'],
    [{ ...number, tolerance: -1 }, 'tolerance must be a number ≥ 0'],
    [{ ...number, tolerance: undefined }, 'tolerance must be'],
    [{ ...number, choices: ['a', 'b'] }, 'choices belong to choice questions'],
  ])('%# refuses %o', (props, message) => {
    const checked = checkQuestion(props);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.errors.join(' ')).toContain(message);
  });

  it('finds every <Prediction> id in an MDX body, skipping quoted text and expressions', () => {
    const body = [
      `<Prediction id="first" question='Is x id="b" > c?' kind="choice" />`,
      '<Prediction',
      "  id='second'",
      '  choices={["x > y", "}", `id="z"`]}',
      '  data-id="not-an-id"',
      '/>',
      '<Prediction id={"third"} />',
      '<Prediction id={someVariable} />',
      '<Prediction question="no id at all" />',
      '<Predictions id="another-component" />',
    ].join('\n');
    expect(predictionTagIds(body)).toEqual(['first', 'second', 'third', null, null]);
  });
});

describe('stored predictions', () => {
  const a = rec({ at: '2025-03-10T09:00:00.000Z' });
  const b = rec({ at: '2025-03-11T09:00:00Z', correct: false, answer: '12 GiB' });
  const c = rec({
    question: 'other',
    at: '2025-03-09T09:00:00.000Z',
    kind: 'choice',
    answer: 'A. x',
    expected: 'B. y',
  });

  it('round-trip through export and parse, newest first', () => {
    const text = toJson([c, a, b]);
    expect(JSON.parse(text)).toEqual({
      format: 'continuous-function/predictions',
      version: 1,
      records: [b, a, c],
    });
    expect(parsePredictions(text)).toEqual({ ok: true, records: [b, a, c] });
  });

  it('keep markup in text fields as plain text (it is shown with textContent)', () => {
    const hostile = rec({ prompt: '<img src=x onerror="alert(1)">', answer: '<script>alert(1)</script>' });
    const parsed = parsePredictions(toJson([hostile]));
    expect(parsed).toEqual({ ok: true, records: [hostile] });
  });

  const file = (records: unknown[], over: object = {}) =>
    JSON.stringify({ format: 'continuous-function/predictions', version: 1, records, ...over });
  it.each([
    ['not JSON', '{oops', 'This is not JSON'],
    ['another format', file([], { format: 'continuous-function/progress' }), 'at format'],
    ['a future version', file([], { version: 2 }), 'at version'],
    [
      'markup as a concept slug',
      file([{ ...a, concept: '<img src=x onerror=alert(1)>' }]),
      'at records.0.concept',
    ],
    ['a confidence that is not a level', file([{ ...a, confidence: 60 }]), 'at records.0.confidence'],
    ['a date that is not ISO', file([{ ...a, at: 'yesterday' }]), 'at records.0.at'],
    ['an empty answer', file([{ ...a, answer: '' }]), 'at records.0.answer'],
    ['a giant answer', file([{ ...a, answer: 'x'.repeat(251) }]), 'at records.0.answer'],
    ['a giant prompt', file([{ ...a, prompt: 'x'.repeat(501) }]), 'at records.0.prompt'],
    ['correct as a string', file([{ ...a, correct: 'true' }]), 'at records.0.correct'],
    ['a missing field', file([{ ...a, kind: undefined }]), 'at records.0.kind'],
    ['a question id too long', file([{ ...a, question: 'q'.repeat(81) }]), 'at records.0.question'],
    ['too many records', file(Array.from({ length: PREDICTIONS_LIMIT + 1 }, () => a)), 'at records'],
  ])('reject %s with a sentence', (_, text, where) => {
    const parsed = parsePredictions(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toContain(where);
  });

  it('accept a long concept slug (the question limit does not leak into the shared slug rule)', () => {
    const long = rec({ concept: 'c'.repeat(120) });
    expect(parsePredictions(toJson([long])).ok).toBe(true);
  });

  it('sort by instant, not by text, and keep the order of ties', () => {
    const early = rec({ at: '2025-03-10T08:59:59.999Z', answer: 'early' });
    const late = rec({ at: '2025-03-10T09:00:00Z', answer: 'late' });
    const tie = rec({ at: '2025-03-10T09:00:00.000Z', answer: 'tie' });
    expect(newestFirst([early, late, tie]).map((r) => r.answer)).toEqual(['late', 'tie', 'early']);
  });

  it('add a record in front and drop the oldest beyond the limit', () => {
    expect(addRecord([a, c], b)).toEqual([b, a, c]);
    const full = Array.from({ length: PREDICTIONS_LIMIT }, (_, i) =>
      rec({ at: new Date(Date.UTC(2025, 0, 1) + i * 1000).toISOString() }),
    );
    const next = addRecord(full, b);
    expect(next).toHaveLength(PREDICTIONS_LIMIT);
    expect(next[0]).toBe(b);
    expect(next.at(-1)).toBe(full[1]); // full[0], the oldest, is gone
    expect(toPredictionsFile([...full, b]).records).toHaveLength(PREDICTIONS_LIMIT);
  });

  it('find the latest answer to a question', () => {
    expect(latestFor([a, b, c], 'kv-cache', 'llama-2-7b-gib')).toBe(b);
    expect(latestFor([a, b, c], 'kv-cache', 'other')).toBe(c);
    expect(latestFor([a, b, c], 'softmax', 'other')).toBeUndefined();
  });

  it('merge an import: nothing current is lost, duplicates are counted and skipped', () => {
    // b is already there; c arrives twice in the same file. Same instant written differently is the same record.
    const bAgain = { ...b, at: '2025-03-11T09:00:00.000Z', answer: 'changed' };
    expect(mergeRecords([a, b], [bAgain, c, c])).toEqual({
      ok: true,
      records: [b, a, c],
      added: 1,
      duplicates: 2,
    });
    expect(mergeRecords([], [])).toEqual({ ok: true, records: [], added: 0, duplicates: 0 });
    // Another question at the same instant is a different record.
    const d = { ...a, question: 'third' };
    expect(mergeRecords([a], [d])).toMatchObject({ ok: true, added: 1, duplicates: 0 });
  });

  it('refuse an import that would pass the limit, instead of dropping anything', () => {
    const many = Array.from({ length: PREDICTIONS_LIMIT - 1 }, (_, i) =>
      rec({ at: new Date(Date.UTC(2025, 0, 1) + i * 1000).toISOString() }),
    );
    expect(mergeRecords(many, [b])).toMatchObject({ ok: true, added: 1 });
    const refused = mergeRecords(many, [b, c]);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error).toContain('2,001 predictions, more than the 2,000');
  });
});

describe('calibration', () => {
  it('counts how often the reader was right at each stated confidence', () => {
    // At 50 %: 2 right of 4. At 70 %: 1 right of 3. At 90 %: none stated.
    const records = [
      rec({ confidence: 50, correct: true }),
      rec({ confidence: 50, correct: true }),
      rec({ confidence: 50, correct: false }),
      rec({ confidence: 50, correct: false }),
      rec({ confidence: 70, correct: true }),
      rec({ confidence: 70, correct: false }),
      rec({ confidence: 70, correct: false }),
    ];
    expect(calibration(records)).toEqual({
      rows: [
        { confidence: 50, count: 4, right: 2, rate: 0.5 },
        { confidence: 70, count: 3, right: 1, rate: 1 / 3 },
        { confidence: 90, count: 0, right: 0, rate: null },
      ],
      count: 7,
      right: 3,
      // 4 × 0.5 + 3 × 0.7 = 2 + 2.1 = 4.1 (summed as 200 + 210 = 410 percent, then / 100)
      expectedRight: 4.1,
    });
    expect(formatRate(1 / 3)).toBe('33 %');
    expect(formatRate(2 / 3)).toBe('67 %');
  });

  it('is all zeros with no predictions', () => {
    const empty = calibration([]);
    expect(empty.rows.map((r) => [r.count, r.rate])).toEqual([
      [0, null],
      [0, null],
      [0, null],
    ]);
    expect([empty.count, empty.right, empty.expectedRight]).toEqual([0, 0, 0]);
  });
});

describe('review queue', () => {
  const at = (iso: string, correct: boolean, question = 'q') =>
    rec({ question, correct, at: `${iso}Z`, prompt: `Prompt of ${question}` });
  const now = (iso: string) => Date.parse(`${iso}Z`);

  it('turns day numbers into dates', () => {
    expect(localDay('1970-01-02T00:00:00Z')).toBe(1);
    expect(dayToIso(1)).toBe('1970-01-02');
    // UTC+2 has getTimezoneOffset() = −120: 23:30 UTC on the 10th is 01:30 on the 11th there.
    expect(dayToIso(localDay('2025-03-10T23:30:00Z', -120))).toBe('2025-03-11');
    // UTC−5 has offset 300: 02:00 UTC on the 11th is 21:00 on the 10th there.
    expect(dayToIso(localDay('2025-03-11T02:00:00Z', 300))).toBe('2025-03-10');
  });

  it('never lists a question that was never missed', () => {
    expect(reviewQueue([at('2025-03-10T09:00:00', true)], now('2025-04-01T00:00:00'))).toEqual({
      due: [],
      later: [],
    });
  });

  it('brings a miss back the next day', () => {
    const records = [at('2025-03-10T09:00:00', false)];
    const evening = reviewQueue(records, now('2025-03-10T20:00:00'));
    expect(evening.due).toEqual([]);
    expect(evening.later).toEqual([
      {
        concept: 'kv-cache',
        question: 'q',
        prompt: 'Prompt of q',
        stage: 0,
        reviewsLeft: 4,
        dueOn: '2025-03-11',
        dueDay: localDay('2025-03-11T00:00:00Z'),
        isDue: false,
        lastMiss: '2025-03-10T09:00:00Z',
      },
    ]);
    // From the first minute of the 11th it is due, and stays due while overdue.
    expect(reviewQueue(records, now('2025-03-11T00:00:00')).due).toHaveLength(1);
    expect(reviewQueue(records, now('2025-05-01T00:00:00')).due).toHaveLength(1);
  });

  // Each row: the history so far (day of March or April, right?) and where the question stands after it.
  it.each([
    [
      'a correct answer the same day changes nothing',
      [
        ['03-10', false],
        ['03-10T10', true],
      ],
      '2025-03-11',
      0,
    ],
    [
      'a correct review on the due day: 3 days on',
      [
        ['03-10', false],
        ['03-11', true],
      ],
      '2025-03-14',
      1,
    ],
    [
      'an early correct answer is ignored',
      [
        ['03-10', false],
        ['03-11', true],
        ['03-13', true],
      ],
      '2025-03-14',
      1,
    ],
    [
      'second review: 7 days on',
      [
        ['03-10', false],
        ['03-11', true],
        ['03-14', true],
      ],
      '2025-03-21',
      2,
    ],
    // a late review counts from the day it happened: 25 + 14 = March 39 = April 8
    [
      'a late third review: 14 days on from it',
      [
        ['03-10', false],
        ['03-11', true],
        ['03-14', true],
        ['03-25', true],
      ],
      '2025-04-08',
      3,
    ],
    [
      'a miss during review starts over',
      [
        ['03-10', false],
        ['03-11', true],
        ['03-12', false],
      ],
      '2025-03-13',
      0,
    ],
  ] as const)('%s', (_, steps, dueOn, stage) => {
    const records = steps.map(([day, right]) =>
      at(`2025-${day}${day.includes('T') ? ':00:00' : 'T09:00:00'}`, right),
    );
    const { due, later } = reviewQueue(records, now('2025-03-01T00:00:00'));
    expect(due).toEqual([]);
    expect(later.map((i) => [i.dueOn, i.stage, i.reviewsLeft])).toEqual([[dueOn, stage, 4 - stage]]);
  });

  it('drops a question after the fourth correct review, and takes it back on a new miss', () => {
    const passed = [
      at('2025-03-10T09:00:00', false),
      at('2025-03-11T09:00:00', true),
      at('2025-03-14T09:00:00', true),
      at('2025-03-21T09:00:00', true),
      at('2025-04-04T09:00:00', true), // 21 + 14 = March 35 = April 4
    ];
    expect(reviewQueue(passed, now('2025-06-01T00:00:00'))).toEqual({ due: [], later: [] });
    const again = reviewQueue([...passed, at('2025-04-09T09:00:00', false)], now('2025-04-09T12:00:00'));
    expect(again.later.map((i) => [i.dueOn, i.stage, i.lastMiss])).toEqual([
      ['2025-04-10', 0, '2025-04-09T09:00:00Z'],
    ]);
  });

  it('splits due and later, sorted by due day, in the reader’s time zone', () => {
    const records = [
      at('2025-03-01T09:00:00', false, 'old'), // due 03-02
      at('2025-03-10T23:30:00', false, 'late-night'), // UTC+2: missed on the 11th, due the 12th
      at('2025-03-10T09:00:00', false, 'morning'), // due 03-11
    ];
    // 23:00 UTC on the 11th is 01:00 on the 12th in UTC+2.
    const plus2 = reviewQueue(records, now('2025-03-11T23:00:00'), -120);
    expect(plus2.due.map((i) => [i.question, i.dueOn])).toEqual([
      ['old', '2025-03-02'],
      ['morning', '2025-03-11'],
      ['late-night', '2025-03-12'],
    ]);
    expect(plus2.later).toEqual([]);
    // In UTC the same instant is still the 11th, and the late-night miss (the 10th there) is due the 11th.
    const utc = reviewQueue(records, now('2025-03-11T10:00:00'));
    expect(utc.due.map((i) => i.question)).toEqual(['old', 'late-night', 'morning']);
  });

  it('uses the latest prompt text of a question', () => {
    const records = [
      rec({ question: 'q', correct: false, prompt: 'Old wording', at: '2025-03-10T09:00:00Z' }),
      rec({ question: 'q', correct: true, prompt: 'New wording', at: '2025-03-10T10:00:00Z' }),
    ];
    expect(reviewQueue(records, now('2025-03-10T11:00:00')).later[0]?.prompt).toBe('New wording');
  });
});

describe('CSV export', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['line1\nline2', '"line1\nline2"'],
    ['line1\r\nline2', '"line1\r\nline2"'],
    ['=1+2', "'=1+2"],
    ['+1', "'+1"],
    ['-3 GiB', "'-3 GiB"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['\r=1', '"\'\r=1"'],
    // guard first, then quoting: the apostrophe ends up inside the quotes
    ['=HYPERLINK("http://x","y")', '"\'=HYPERLINK(""http://x"",""y"")"'],
    ['a=b', 'a=b'],
    ['', ''],
  ])('cell %j is written as %j', (value, cell) => expect(csvCell(value)).toBe(cell));

  it('writes a BOM, a header and one CRLF line per record, newest first', () => {
    const older = rec({
      at: '2025-03-09T09:00:00.000Z',
      prompt: 'Which, exactly?',
      kind: 'choice',
      answer: 'A. x',
      expected: 'B. "y"',
      confidence: 90,
      correct: false,
    });
    const newer = rec({ answer: '=cmd|calc', confidence: 50 });
    expect(CSV_COLUMNS.join(',')).toBe('at,concept,question,prompt,kind,answer,expected,confidence,correct');
    expect(toCsv([older, newer])).toBe(
      '\uFEFFat,concept,question,prompt,kind,answer,expected,confidence,correct\r\n' +
        "2025-03-10T09:00:00.000Z,kv-cache,llama-2-7b-gib,How many GiB?,number,'=cmd|calc,16 GiB,50,true\r\n" +
        '2025-03-09T09:00:00.000Z,kv-cache,llama-2-7b-gib,"Which, exactly?",choice,A. x,"B. ""y""",90,false\r\n',
    );
    expect(toCsv([])).toBe('\uFEFFat,concept,question,prompt,kind,answer,expected,confidence,correct\r\n');
  });
});
