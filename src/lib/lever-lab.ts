/**
 * Isomorphic: the "Predict the KV-cache lever" lab — turning a scenario into calculator inputs,
 * scoring a prediction against the ranking from levers.ts, and the reader's history of predictions
 * (kept by the browser island in localStorage; this module owns its format).
 *
 * No arithmetic about memory lives here: scenarios become calculator inputs in
 * kv-cache/scenario.ts and the ranking comes from rankLevers; scoring only compares the numbers it
 * is given. This module is what the lab's island ships, so it imports only the lever names.
 */
import { LEVER_IDS, type LeverId } from './kv-cache/lever-ids';
import { parseStoredJson, StoredSlug, z } from './stored-json';

// ---------------------------------------------------------------------------------------------
// Scoring

/** What scoring needs from one ranked lever (a LeverOutcome has all of it). */
export interface RankedLever {
  id: LeverId;
  savedBytes: bigint;
  /** Saved share of the baseline's total memory, 0..1. */
  savedFraction: number;
}

/** Points for naming the lever with the largest saving (exact ties share first place). */
export const POINTS_BEST = 2;
/** Points for naming the lever with the second-largest saving. */
export const POINTS_RUNNER_UP = 1;
/** A percentage guess this close (in percentage points) to the picked lever's saving earns a point. */
export const GUESS_TOLERANCE = 5;
export const POINTS_GUESS = 1;
export const MAX_POINTS = POINTS_BEST + POINTS_GUESS;

export type Placement = 'best' | 'runner-up' | 'other';

export interface Score {
  placement: Placement;
  /** Points for the lever: POINTS_BEST, POINTS_RUNNER_UP or 0. */
  leverPoints: number;
  /** The winner: the first lever in the ranking. */
  correct: LeverId;
  /** Every lever sharing the largest saving (more than one only on an exact tie). */
  best: LeverId[];
  /** Percentage of the total the picked lever actually saves. */
  actualPercent: number;
  /** Null when the reader gave no guess. */
  guess: { percent: number; offBy: number; points: number } | null;
  points: number;
}

/**
 * Scores a pick against a ranking (best first, as rankLevers returns it). Savings are compared in
 * exact bytes: a pick that saves exactly as much as the winner is also best. A lever that saves
 * nothing never earns lever points. The optional guess is about the picked lever's own saving.
 */
export function scorePrediction(
  ranking: readonly RankedLever[],
  pick: LeverId,
  guessPercent: number | null,
): Score {
  const first = ranking[0];
  const picked = ranking.find((r) => r.id === pick);
  if (!first || !picked) throw new Error(`Cannot score "${pick}": it is not in the ranking.`);
  const distinct = [...new Set(ranking.map((r) => r.savedBytes))].sort((a, b) =>
    b > a ? 1 : b < a ? -1 : 0,
  );
  const top = distinct[0]!;
  const second = distinct[1];
  const placement: Placement =
    picked.savedBytes === top
      ? 'best'
      : second !== undefined && picked.savedBytes === second && picked.savedBytes > 0n
        ? 'runner-up'
        : 'other';
  const leverPoints = placement === 'best' ? POINTS_BEST : placement === 'runner-up' ? POINTS_RUNNER_UP : 0;
  const actualPercent = picked.savedFraction * 100;
  let guess: Score['guess'] = null;
  if (guessPercent !== null) {
    const offBy = Math.abs(guessPercent - actualPercent);
    guess = { percent: guessPercent, offBy, points: offBy <= GUESS_TOLERANCE ? POINTS_GUESS : 0 };
  }
  return {
    placement,
    leverPoints,
    correct: first.id,
    best: ranking.filter((r) => r.savedBytes === top).map((r) => r.id),
    actualPercent,
    guess,
    points: leverPoints + (guess?.points ?? 0),
  };
}

/** A percentage to at most two decimals, without trailing zeros: 37.5, 0.03, 100. */
export function formatPercent(p: number): string {
  if (p > 0 && p < 0.01) return '< 0.01';
  return String(Number(p.toFixed(2)));
}

/**
 * The optional "how much will it save" field. Empty means no guess. `badInput` is the browser's
 * validity.badInput (a number field reports "" for text it cannot read, which is not "empty").
 */
export function parsePercent(
  raw: string,
  badInput = false,
): { ok: true; value: number | null } | { ok: false; error: string } {
  const text = raw.trim();
  if (badInput)
    return { ok: false, error: 'Enter the percentage as a number from 0 to 100, or leave it empty.' };
  if (text === '') return { ok: true, value: null };
  const n = Number(text.replace(/%$/, ''));
  if (!Number.isFinite(n))
    return {
      ok: false,
      error: `"${text}" is not a number: enter a percentage from 0 to 100, or leave it empty.`,
    };
  if (n < 0 || n > 100)
    return { ok: false, error: `A saving is between 0 and 100 % of the total, not ${text}.` };
  return { ok: true, value: n };
}

// ---------------------------------------------------------------------------------------------
// History

/** localStorage key; the stored value is a HistoryFile. */
export const HISTORY_KEY = 'cf:lever-lab';
export const HISTORY_FORMAT = 'continuous-function/lever-lab';
/** Oldest entries beyond this are dropped, so the store stays small. */
export const HISTORY_LIMIT = 200;

const LeverIdSchema = z.enum(LEVER_IDS);

export const HistoryEntrySchema = z.object({
  /** Scenario id (its file name in content/labs/kv-cache-lever/). */
  scenario: StoredSlug,
  /** The lever the reader picked. */
  lever: LeverIdSchema,
  /** Their guess of its saving in percent of the total, or null for none. */
  guessPercent: z.nullable(z.number().check(z.gte(0), z.lte(100))),
  /** The winner of the ranking at the time. */
  correct: LeverIdSchema,
  points: z.int().check(z.gte(0), z.lte(MAX_POINTS)),
  /** When, as an ISO 8601 timestamp. */
  date: z.iso.datetime(),
});
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;

/** The stored shape. `version` lets a later format migrate old records instead of dropping them. */
export const HistoryFileSchema = z.object({
  format: z.literal(HISTORY_FORMAT),
  version: z.literal(1),
  /** Newest first. */
  entries: z.array(HistoryEntrySchema).check(z.maxLength(HISTORY_LIMIT)),
});
export type HistoryFile = z.infer<typeof HistoryFileSchema>;

export function toHistoryFile(entries: readonly HistoryEntry[]): HistoryFile {
  return { format: HISTORY_FORMAT, version: 1, entries: entries.slice(0, HISTORY_LIMIT) };
}

/** The history with a new entry in front, trimmed to HISTORY_LIMIT. */
export function addEntry(entries: readonly HistoryEntry[], entry: HistoryEntry): HistoryEntry[] {
  return [entry, ...entries].slice(0, HISTORY_LIMIT);
}

export type ParsedHistory = { ok: true; entries: HistoryEntry[] } | { ok: false; error: string };

/** Parses the stored text; never throws, and says in a sentence what is wrong. */
export function parseHistory(text: string): ParsedHistory {
  const parsed = parseStoredJson(
    text,
    HistoryFileSchema,
    'The saved predictions are not valid JSON.',
    'The saved predictions are not in a format this page reads',
  );
  return parsed.ok ? { ok: true, entries: parsed.data.entries } : parsed;
}

/** Points earned and available over a history. */
export function totals(entries: readonly HistoryEntry[]): {
  points: number;
  possible: number;
  count: number;
} {
  return {
    points: entries.reduce((sum, e) => sum + e.points, 0),
    possible: entries.length * MAX_POINTS,
    count: entries.length,
  };
}
