/**
 * Isomorphic: prediction-first questions — what a question declares, how an answer is scored, the
 * reader's stored predictions (kept by the browser in localStorage; this module owns the format),
 * calibration by stated confidence, the spaced review queue of missed questions, CSV and JSON
 * export, and import by merging. Build-time checks on <Prediction> props live here too.
 *
 * Rules a reader (and a test) can rely on:
 * - Choice questions are right only for the declared choice.
 * - Number questions are right when the answer lies in the closed range
 *   [answer − tolerance, answer + tolerance]: the tolerance is ABSOLUTE, in the question's own
 *   unit ("16 GiB, tolerance 1" accepts 15 to 17 GiB), because that is the range the reader is
 *   told before committing. A rounding slack of 1e-9 of the larger of |answer| and tolerance keeps
 *   decimal edges such as 0.4 against 0.3 ± 0.1 inside.
 * - Review: a miss puts the question in the queue, due on the next calendar day. Each correct
 *   answer given on or after the due day moves it further out: due 3, then 7, then 14 days after
 *   that answer, and a correct answer at the 14-day review takes it out of the queue. A correct
 *   answer before the due day changes nothing (the reader has just seen the answer); a miss at any
 *   time starts again at 1 day.
 */
import { parseStoredJson, StoredSlug, z } from './stored-json';
import { SLUG_PATTERN } from '../schemas/slug-rule';

// ---------------------------------------------------------------------------------------------
// Questions

export const MIN_CHOICES = 2;
export const MAX_CHOICES = 8;
export const MAX_PROMPT = 500;
/** Longest choice text; a stored answer ("B. " + the choice) may be a little longer. */
export const MAX_CHOICE = 200;
export const MAX_ANSWER = 250;
export const MAX_ID = 80;
/** Larger numbers are refused as input: they are typos, and they would print as exponents. */
export const MAX_MAGNITUDE = 1e15;

export type Question =
  | { kind: 'choice'; choices: string[]; answer: number }
  | { kind: 'number'; answer: number; tolerance: number; unit: string };

/** What an author writes on <Prediction>, unchecked. */
export interface QuestionProps {
  id?: unknown;
  question?: unknown;
  kind?: unknown;
  choices?: unknown;
  answer?: unknown;
  tolerance?: unknown;
  unit?: unknown;
  explain?: unknown;
}

const isText = (v: unknown, max: number): v is string =>
  typeof v === 'string' && v.trim() !== '' && v.length <= max;

/**
 * Checks a question's props. Every problem is one sentence naming the prop and the fix, so the
 * component can fail the build with all of them at once.
 */
export function checkQuestion(
  props: QuestionProps,
): { ok: true; question: Question } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  const { id, kind } = props;
  if (typeof id !== 'string' || !SLUG_PATTERN.test(id) || id.length > MAX_ID)
    errors.push(
      `id must be a kebab-case string of at most ${MAX_ID} characters (it is stored with the reader's answer), not ${JSON.stringify(id)}.`,
    );
  if (!isText(props.question, MAX_PROMPT))
    errors.push(`question must be non-empty text of at most ${MAX_PROMPT} characters.`);
  if (!isText(props.explain, 2000))
    errors.push('explain must be the text the reveal shows (1–2 sentences on why the answer holds).');
  if (kind === 'choice') {
    const { choices, answer } = props;
    const good =
      Array.isArray(choices) &&
      choices.length >= MIN_CHOICES &&
      choices.length <= MAX_CHOICES &&
      choices.every((c) => isText(c, MAX_CHOICE));
    if (!good)
      errors.push(
        `choices must be ${MIN_CHOICES} to ${MAX_CHOICES} non-empty strings of at most ${MAX_CHOICE} characters.`,
      );
    else if (new Set(choices.map((c: string) => c.trim())).size !== choices.length)
      errors.push('choices must all differ.');
    if (
      !Number.isInteger(answer) ||
      (good && ((answer as number) < 0 || (answer as number) >= choices.length))
    )
      errors.push(
        `answer must be the index of the right choice, counting from 0 (0 to ${good ? choices.length - 1 : 'n − 1'}), not ${JSON.stringify(answer)}.`,
      );
    if (props.tolerance !== undefined || props.unit !== undefined)
      errors.push('tolerance and unit belong to number questions; remove them from a choice question.');
    if (errors.length === 0)
      return { ok: true, question: { kind, choices: choices as string[], answer: answer as number } };
  } else if (kind === 'number') {
    const { answer, tolerance, unit = '' } = props;
    if (typeof answer !== 'number' || !Number.isFinite(answer) || Math.abs(answer) > MAX_MAGNITUDE)
      errors.push(`answer must be a finite number no larger than ${MAX_MAGNITUDE} in size.`);
    if (typeof tolerance !== 'number' || !Number.isFinite(tolerance) || tolerance < 0)
      errors.push(
        'tolerance must be a number ≥ 0: how far from answer, in the same unit, an estimate still counts as right.',
      );
    if (typeof unit !== 'string' || unit.length > 20)
      errors.push('unit must be a short string such as "GiB" (or left out).');
    if (props.choices !== undefined) errors.push('choices belong to choice questions; remove them.');
    if (errors.length === 0)
      return {
        ok: true,
        question: { kind, answer: answer as number, tolerance: tolerance as number, unit: unit as string },
      };
  } else {
    errors.push(`kind must be "choice" or "number", not ${JSON.stringify(kind)}.`);
  }
  return { ok: false, errors };
}

/**
 * Where each <Prediction> in an MDX body declares its id: the literal string, or null when the id
 * is not a plain string (an expression the build cannot read). Quoted text and {expressions} are
 * skipped, so a question that mentions `id="x"` or contains ">" does not confuse it.
 */
export function predictionTagIds(body: string): (string | null)[] {
  const ids: (string | null)[] = [];
  const start = /<Prediction\b/g;
  for (let m = start.exec(body); m; m = start.exec(body)) {
    const from = m.index + m[0].length;
    let i = from;
    let depth = 0;
    let quote: string | null = null;
    // `masked` keeps the attribute text outside quotes and braces, blanks the rest.
    let masked = '';
    for (; i < body.length; i++) {
      const c = body[i]!;
      if (quote) {
        if (c === quote) quote = null;
        masked += depth === 0 && quote === null ? c : ' ';
        continue;
      }
      if (c === '"' || c === "'" || (c === '`' && depth > 0)) {
        quote = c;
        masked += depth === 0 ? c : ' ';
      } else if (c === '{') {
        depth++;
        masked += depth === 1 ? c : ' ';
      } else if (c === '}') {
        depth--;
        masked += depth === 0 ? c : ' ';
      } else if (c === '>' && depth === 0) break;
      else masked += depth === 0 ? c : ' ';
    }
    const attr = /(?:^|\s)id\s*=\s*(["'{])/.exec(masked);
    if (!attr) {
      ids.push(null);
      continue;
    }
    const open = attr.index + attr[0].length - 1;
    const close = masked.indexOf(attr[1] === '{' ? '}' : attr[1]!, open + 1);
    const raw = body.slice(from + open, from + close + 1);
    ids.push(attr[1] === '{' ? (/^\{\s*(["'])([^"'`]*)\1\s*\}$/.exec(raw)?.[2] ?? null) : raw.slice(1, -1));
  }
  return ids;
}

/** "A", "B", … for choice 0, 1, … */
export const choiceLetter = (index: number): string => String.fromCharCode(65 + index);

const INTEGER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const DECIMAL = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 6 });

/** A number as a reader reads it: integers exactly with thousands separators, others to 6 significant digits. */
export function formatNumber(n: number): string {
  if (Object.is(n, -0)) return '0';
  return Number.isSafeInteger(n) ? INTEGER.format(n) : DECIMAL.format(n);
}

export const withUnit = (text: string, unit: string): string => (unit ? `${text} ${unit}` : text);

/** The closed range of accepted answers of a number question, before the rounding slack. */
export function acceptedRange(q: Extract<Question, { kind: 'number' }>): [number, number] {
  return [q.answer - q.tolerance, q.answer + q.tolerance];
}

/** Whether `value` counts as right for a number question (absolute tolerance, inclusive). */
export function withinTolerance(value: number, answer: number, tolerance: number): boolean {
  const slack = 1e-9 * Math.max(Math.abs(answer), tolerance);
  return Math.abs(value - answer) <= tolerance + slack;
}

/**
 * The sentence a number question shows before the reader commits: how close counts, without the
 * range itself (its midpoint would give the answer away).
 */
export function toleranceHint(q: Extract<Question, { kind: 'number' }>): string {
  return q.tolerance === 0
    ? 'Only the exact value counts as right.'
    : `Within ± ${withUnit(formatNumber(q.tolerance), q.unit)} of the true value counts as right.`;
}

/** The sentence the reveal shows: the accepted range. */
export function acceptedText(q: Extract<Question, { kind: 'number' }>): string {
  if (q.tolerance === 0) return 'Only the exact value counts as right.';
  const [low, high] = acceptedRange(q);
  return `Anything from ${formatNumber(low)} to ${withUnit(formatNumber(high), q.unit)} counts as right.`;
}

/** The right answer as the reveal and the stored record show it. */
export function expectedText(q: Question): string {
  return q.kind === 'choice'
    ? `${choiceLetter(q.answer)}. ${q.choices[q.answer]}`
    : withUnit(formatNumber(q.answer), q.unit);
}

export type Given = { kind: 'choice'; index: number } | { kind: 'number'; value: number };

export interface Scored {
  correct: boolean;
  /** The reader's answer as shown: "B. 16 GiB" or "12 GiB". */
  answer: string;
  /** The right answer as shown. */
  expected: string;
}

/** Scores an answer. A given of the wrong kind or an index out of range is a programming error: it throws. */
export function scoreAnswer(q: Question, given: Given): Scored {
  if (q.kind === 'choice' && given.kind === 'choice') {
    if (!Number.isInteger(given.index) || given.index < 0 || given.index >= q.choices.length)
      throw new Error(`There is no choice ${given.index}.`);
    return {
      correct: given.index === q.answer,
      answer: `${choiceLetter(given.index)}. ${q.choices[given.index]}`,
      expected: expectedText(q),
    };
  }
  if (q.kind === 'number' && given.kind === 'number') {
    if (!Number.isFinite(given.value)) throw new Error('An estimate must be a finite number.');
    return {
      correct: withinTolerance(given.value, q.answer, q.tolerance),
      answer: withUnit(formatNumber(given.value), q.unit),
      expected: expectedText(q),
    };
  }
  throw new Error(`A ${given.kind} answer cannot score a ${q.kind} question.`);
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const THOUSANDS = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;

/**
 * The reader's estimate for a number question. Accepts "16", "16.5", "1e3", "17,179,869,184" and a
 * trailing copy of the unit ("16 GiB"). `badInput` is the field's validity.badInput.
 */
export function parseEstimate(
  raw: string,
  unit = '',
  badInput = false,
): { ok: true; value: number } | { ok: false; error: string } {
  let text = raw.trim();
  if (badInput || text === '') return { ok: false, error: 'Enter your estimate as a number first.' };
  if (unit && text.toLowerCase().endsWith(unit.toLowerCase())) text = text.slice(0, -unit.length).trim();
  text = text.replace(/\s+/g, '');
  if (THOUSANDS.test(text)) text = text.replace(/,/g, '');
  else if (text.includes(','))
    return { ok: false, error: `Write decimals with a point (1.5, not 1,5); "${raw.trim()}" is ambiguous.` };
  if (!NUMBER.test(text))
    return { ok: false, error: `"${raw.trim()}" is not a number: enter digits such as 16 or 2.5.` };
  const value = Number(text);
  if (!Number.isFinite(value) || Math.abs(value) > MAX_MAGNITUDE)
    return { ok: false, error: `Enter a number no larger than ${formatNumber(MAX_MAGNITUDE)} in size.` };
  return { ok: true, value: Object.is(value, -0) ? 0 : value };
}

// ---------------------------------------------------------------------------------------------
// Stored predictions

/** localStorage key; the stored value is a PredictionsFile. */
export const PREDICTIONS_KEY = 'cf:predictions';
export const PREDICTIONS_FORMAT = 'continuous-function/predictions';
/** A new prediction beyond this many drops the oldest; an import that would exceed it is refused. */
export const PREDICTIONS_LIMIT = 2000;
/** The confidences a reader can state, in percent: the calibration buckets. */
export const CONFIDENCE_LEVELS = [50, 70, 90] as const;
export type Confidence = (typeof CONFIDENCE_LEVELS)[number];
export const CONFIDENCE_LABELS: Record<Confidence, string> = {
  50: 'a guess',
  70: 'fairly sure',
  90: 'very sure',
};

const Text = (max: number) => z.string().check(z.minLength(1), z.maxLength(max));

export const PredictionRecordSchema = z.object({
  /** Slug of the concept whose notebook asked. */
  concept: StoredSlug,
  /** The question's id, unique within its concept. */
  question: StoredSlug.check(z.maxLength(MAX_ID)),
  /** The question's text when it was answered (the review page has no other copy). */
  prompt: Text(MAX_PROMPT),
  kind: z.enum(['choice', 'number']),
  /** The answer given, as shown: "B. 16 GiB" or "12 GiB". */
  answer: Text(MAX_ANSWER),
  /** The right answer, as shown. */
  expected: Text(MAX_ANSWER),
  /** Stated confidence in percent. */
  confidence: z.literal(CONFIDENCE_LEVELS),
  correct: z.boolean(),
  /** When it was committed, ISO 8601 in UTC. */
  at: z.iso.datetime(),
});
export type PredictionRecord = z.infer<typeof PredictionRecordSchema>;

/** The stored and exported shape. `version` lets a later format migrate old files instead of dropping them. */
export const PredictionsFileSchema = z.object({
  format: z.literal(PREDICTIONS_FORMAT),
  version: z.literal(1),
  /** Newest first. */
  records: z.array(PredictionRecordSchema).check(z.maxLength(PREDICTIONS_LIMIT)),
});
export type PredictionsFile = z.infer<typeof PredictionsFileSchema>;

/** Newest first; records committed at the same instant keep their order. */
export function newestFirst(records: readonly PredictionRecord[]): PredictionRecord[] {
  return records
    .map((r, i) => ({ r, i, t: Date.parse(r.at) }))
    .sort((a, b) => b.t - a.t || a.i - b.i)
    .map(({ r }) => r);
}

export function toPredictionsFile(records: readonly PredictionRecord[]): PredictionsFile {
  return {
    format: PREDICTIONS_FORMAT,
    version: 1,
    records: newestFirst(records).slice(0, PREDICTIONS_LIMIT),
  };
}

export type ParsedPredictions = { ok: true; records: PredictionRecord[] } | { ok: false; error: string };

/** Parses stored or imported text; never throws, and says in a sentence what is wrong. */
export function parsePredictions(text: string): ParsedPredictions {
  const parsed = parseStoredJson(
    text,
    PredictionsFileSchema,
    'This is not JSON, so it cannot be a predictions file.',
    'This is not a Continuous Function predictions file',
  );
  return parsed.ok ? { ok: true, records: newestFirst(parsed.data.records) } : parsed;
}

/** The records with a new one added, newest first, the oldest dropped beyond PREDICTIONS_LIMIT. */
export function addRecord(
  records: readonly PredictionRecord[],
  record: PredictionRecord,
): PredictionRecord[] {
  return newestFirst([record, ...records]).slice(0, PREDICTIONS_LIMIT);
}

/** The reader's latest answer to one question, if any. */
export function latestFor(
  records: readonly PredictionRecord[],
  concept: string,
  question: string,
): PredictionRecord | undefined {
  return newestFirst(records.filter((r) => r.concept === concept && r.question === question))[0];
}

/** Two records are the same prediction when concept, question and instant agree. */
const keyOf = (r: PredictionRecord) => `${r.concept}\u0000${r.question}\u0000${Date.parse(r.at)}`;

export type Merged =
  { ok: true; records: PredictionRecord[]; added: number; duplicates: number } | { ok: false; error: string };

/**
 * Import merges: every current record is kept; an incoming record that matches one already there
 * (or an earlier one in the same file) is counted as a duplicate and skipped. An import that would
 * take the total past PREDICTIONS_LIMIT is refused, so nothing is ever dropped by importing.
 */
export function mergeRecords(
  current: readonly PredictionRecord[],
  incoming: readonly PredictionRecord[],
): Merged {
  const seen = new Set(current.map(keyOf));
  const fresh: PredictionRecord[] = [];
  let duplicates = 0;
  for (const record of incoming) {
    const key = keyOf(record);
    if (seen.has(key)) duplicates++;
    else {
      seen.add(key);
      fresh.push(record);
    }
  }
  const total = current.length + fresh.length;
  if (total > PREDICTIONS_LIMIT)
    return {
      ok: false,
      error: `Importing would keep ${formatNumber(total)} predictions, more than the ${formatNumber(PREDICTIONS_LIMIT)} this browser keeps; export and clear some first.`,
    };
  return { ok: true, records: newestFirst([...current, ...fresh]), added: fresh.length, duplicates };
}

// ---------------------------------------------------------------------------------------------
// Calibration

export interface CalibrationRow {
  confidence: Confidence;
  count: number;
  right: number;
  /** right / count, or null with no predictions at this confidence. */
  rate: number | null;
}

export interface Calibration {
  rows: CalibrationRow[];
  count: number;
  right: number;
  /** How many a perfectly calibrated reader would have got right: the sum of stated confidences. */
  expectedRight: number;
}

/** How often the reader was right at each stated confidence. */
export function calibration(records: readonly PredictionRecord[]): Calibration {
  const rows = CONFIDENCE_LEVELS.map((confidence) => {
    const at = records.filter((r) => r.confidence === confidence);
    const right = at.filter((r) => r.correct).length;
    return { confidence, count: at.length, right, rate: at.length === 0 ? null : right / at.length };
  });
  return {
    rows,
    count: records.length,
    right: records.filter((r) => r.correct).length,
    // Summed in integer percent, then divided once, so 0.7 + 0.7 + 0.9 does not drift.
    expectedRight: records.reduce((sum, r) => sum + r.confidence, 0) / 100,
  };
}

/** A share as a whole percentage: 0.666… → "67 %". */
export const formatRate = (rate: number): string => `${Math.round(rate * 100)} %`;

// ---------------------------------------------------------------------------------------------
// Review queue

/** Days until the next review: after a miss, then after each correct review. */
export const REVIEW_INTERVALS_DAYS = [1, 3, 7, 14] as const;
const DAY_MS = 86_400_000;

/**
 * The reader's calendar day of an instant, as a day number (days since 1970-01-01 in local time).
 * `tzOffsetMinutes` is Date#getTimezoneOffset(): minutes to add to local time to get UTC.
 */
export function localDay(at: string | number, tzOffsetMinutes = 0): number {
  const t = typeof at === 'number' ? at : Date.parse(at);
  return Math.floor((t - tzOffsetMinutes * 60_000) / DAY_MS);
}

/** A day number as YYYY-MM-DD. */
export const dayToIso = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

export interface ReviewItem {
  concept: string;
  question: string;
  /** The question's text from its latest record. */
  prompt: string;
  /** Which review is next: 0 is the one a day after the miss, REVIEW_INTERVALS_DAYS.length − 1 the last. */
  stage: number;
  /** Correct reviews still needed to leave the queue. */
  reviewsLeft: number;
  /** The day it is due, as YYYY-MM-DD in the reader's time zone. */
  dueOn: string;
  dueDay: number;
  /** True when due today or earlier. */
  isDue: boolean;
  /** The latest miss, ISO time. */
  lastMiss: string;
}

/**
 * Missed questions still to revisit (the rule is at the top of this file), split into what is due
 * by today and what comes later, each sorted by due day, then concept and question.
 */
export function reviewQueue(
  records: readonly PredictionRecord[],
  now: number,
  tzOffsetMinutes = 0,
): { due: ReviewItem[]; later: ReviewItem[] } {
  const today = localDay(now, tzOffsetMinutes);
  const byQuestion = new Map<string, PredictionRecord[]>();
  for (const r of newestFirst(records).reverse()) {
    const key = `${r.concept}\u0000${r.question}`;
    byQuestion.set(key, [...(byQuestion.get(key) ?? []), r]);
  }
  const items: ReviewItem[] = [];
  for (const history of byQuestion.values()) {
    let queued = false;
    let stage = 0;
    let dueDay = 0;
    let lastMiss = '';
    for (const r of history) {
      const day = localDay(r.at, tzOffsetMinutes);
      if (!r.correct) {
        queued = true;
        stage = 0;
        dueDay = day + REVIEW_INTERVALS_DAYS[0];
        lastMiss = r.at;
      } else if (queued && day >= dueDay) {
        stage++;
        if (stage >= REVIEW_INTERVALS_DAYS.length) queued = false;
        else dueDay = day + REVIEW_INTERVALS_DAYS[stage]!;
      }
    }
    if (!queued) continue;
    const latest = history[history.length - 1]!;
    items.push({
      concept: latest.concept,
      question: latest.question,
      prompt: latest.prompt,
      stage,
      reviewsLeft: REVIEW_INTERVALS_DAYS.length - stage,
      dueOn: dayToIso(dueDay),
      dueDay,
      isDue: dueDay <= today,
      lastMiss,
    });
  }
  items.sort(
    (a, b) =>
      a.dueDay - b.dueDay || a.concept.localeCompare(b.concept) || a.question.localeCompare(b.question),
  );
  return { due: items.filter((i) => i.isDue), later: items.filter((i) => !i.isDue) };
}

// ---------------------------------------------------------------------------------------------
// Export

export const CSV_COLUMNS = [
  'at',
  'concept',
  'question',
  'prompt',
  'kind',
  'answer',
  'expected',
  'confidence',
  'correct',
] as const;

/**
 * One CSV cell. A cell a spreadsheet would read as a formula (starting with =, +, -, @, tab or
 * carriage return) gets a leading apostrophe; then a cell with a comma, quote or line break is
 * quoted, with quotes doubled (RFC 4180).
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The records as CSV, newest first: a UTF-8 byte-order mark (so spreadsheets read "×" right), a header row, CRLF line ends. */
export function toCsv(records: readonly PredictionRecord[]): string {
  const lines = [
    CSV_COLUMNS.join(','),
    ...newestFirst(records).map((r) => CSV_COLUMNS.map((c) => csvCell(String(r[c]))).join(',')),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** The records as the JSON file that import reads back. */
export const toJson = (records: readonly PredictionRecord[]): string =>
  `${JSON.stringify(toPredictionsFile(records), null, 2)}\n`;
