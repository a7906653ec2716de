/**
 * Isomorphic: the reader's progress — the set of concept slugs they marked as known. Keyed by
 * concept, not by track, so a concept marked in one track counts in every track. The browser
 * island keeps it in localStorage; this module owns its format, import and export.
 */
import { parseStoredJson, StoredSlug, z } from './stored-json';

/** localStorage key; the stored value is a ProgressFile. */
export const PROGRESS_KEY = 'cf:progress';
export const PROGRESS_FORMAT = 'continuous-function/progress';

/** The stored and exported shape. `version` lets a later format migrate old files instead of dropping them. */
export const ProgressFileSchema = z.object({
  format: z.literal(PROGRESS_FORMAT),
  version: z.literal(1),
  /** Concept slugs the reader knows, sorted. */
  known: z.array(StoredSlug).check(z.maxLength(10_000)),
});
export type ProgressFile = z.infer<typeof ProgressFileSchema>;

export function toProgressFile(known: Iterable<string>): ProgressFile {
  return { format: PROGRESS_FORMAT, version: 1, known: [...new Set(known)].sort() };
}

export type ParsedProgress = { ok: true; known: Set<string> } | { ok: false; error: string };

/** Parses stored or imported text; never throws, and says in a sentence what is wrong. */
export function parseProgress(text: string): ParsedProgress {
  const parsed = parseStoredJson(
    text,
    ProgressFileSchema,
    'This file is not JSON, so it cannot be a progress export.',
    'This is not a Continuous Function progress file',
  );
  return parsed.ok ? { ok: true, known: new Set(parsed.data.known) } : parsed;
}

/** Import merges: nothing already marked is lost. Returns the union and how many slugs were new. */
export function mergeProgress(
  current: ReadonlySet<string>,
  incoming: ReadonlySet<string>,
): { known: Set<string>; added: number } {
  const known = new Set(current);
  let added = 0;
  for (const slug of incoming) {
    if (!known.has(slug)) added++;
    known.add(slug);
  }
  return { known, added };
}
