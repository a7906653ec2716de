/**
 * Isomorphic: the paper mapper's matcher. Reads a pasted text as an arXiv id, a name, a formula
 * or an excerpt (often several at once), scores every index entry it touches, and ranks concepts
 * by the sum, each with the entries that placed it. Words and atoms that occur in many concepts
 * count for little (inverse document frequency), so "attention" alone is weak and "k^t" is not.
 */
import { findArxivIds } from './arxiv';
import type { EntryKind, MapperConcept, MapperEntry, MapperIndex } from './index-build';
import { atomPairs, looksLikeMath, mathAtoms } from './math-tokens';
import { containsPhrase, words } from './words';

/** Longest query read, in characters: a paragraph or a formula, not a whole paper. */
export const MAX_QUERY = 2000;

/** How much a full match of each kind is worth before IDF weighting. */
const WEIGHT: Record<EntryKind, number> = {
  arxiv: 14,
  title: 12,
  alias: 11,
  model: 9,
  paper: 8,
  equation: 1,
  symbol: 0.8,
  summary: 0.35,
};

/** The label a reader sees for why a concept matched. */
export const KIND_LABEL: Record<EntryKind, string> = {
  arxiv: 'arXiv id of',
  title: 'title',
  alias: 'also called',
  model: 'model',
  paper: 'paper',
  equation: 'equation',
  symbol: 'symbol',
  summary: 'summary mentions',
};

export type Confidence = 'strong' | 'likely' | 'weak';

/** How a result's confidence reads, on the mapper's page and in the companion's prompt. */
export const CONFIDENCE_LABEL: Record<Confidence, string> = {
  strong: 'Strong match',
  likely: 'Likely match',
  weak: 'Weak match',
};

export interface Reason {
  kind: EntryKind;
  label: string;
  /** The query's words or atoms that hit this entry. */
  matched: string[];
  score: number;
  /** A paper's route note, when the reason is a paper. */
  note?: string;
}

export interface RankedConcept {
  slug: string;
  title: string;
  domain: string;
  status: 'complete' | 'planned';
  summary: string;
  score: number;
  confidence: Confidence;
  /** Strongest first. */
  reasons: Reason[];
}

export interface PathStep {
  slug: string;
  title: string;
  status: 'complete' | 'planned';
  known: boolean;
  /** The first step the reader does not know yet: "repair this first". */
  repairFirst: boolean;
}

export interface MapResult {
  /** The text read (after trimming and truncation). */
  query: string;
  /** True when the input was longer than MAX_QUERY and was cut. */
  truncated: boolean;
  /** Best first, at most `limit`. */
  ranked: RankedConcept[];
  /** Query terms no entry could place, in the order they were typed. */
  unplaced: string[];
  /** arXiv ids in the query that the papers registry does not hold. */
  unknownArxiv: string[];
  /** Prerequisites of the top match in learning order, ending with it. */
  path: PathStep[];
}

export interface Mapper {
  index: MapperIndex;
  /** Inverse document frequency per word and per math atom or atom pair, over concepts. */
  idf: Map<string, number>;
  /** Entries by each word / atom / pair / arXiv id they contain. */
  postings: Map<string, number[]>;
  /** Concepts in learning order (every one after its prerequisites). */
  order: number[];
  /** Per entry, computed once: its distinct words, atoms and atom pairs, and its words' total IDF. */
  shapes: EntryShape[];
}

interface EntryShape {
  words: string[];
  atoms: string[];
  pairs: string[];
  wordWeight: number;
}

const wordKey = (w: string) => `w:${w}`;
const atomKey = (a: string) => `m:${a}`;

function entryKeys(entry: MapperEntry): string[] {
  if (entry.arxiv) return [`x:${entry.arxiv}`];
  if (entry.atoms) return [...entry.atoms.map(atomKey), ...atomPairs(entry.atoms).map(atomKey)];
  return (entry.words ?? []).map(wordKey);
}

/** Learning order by depth-first post-order: prerequisites always come first. */
function learningOrder(concepts: readonly MapperConcept[]): number[] {
  const order: number[] = [];
  const state = new Uint8Array(concepts.length);
  const visit = (i: number) => {
    if (state[i]) return;
    state[i] = 1;
    for (const p of concepts[i].prerequisites) visit(p);
    order.push(i);
  };
  concepts.forEach((_, i) => visit(i));
  return order;
}

/** Prepares an index for queries: postings and IDF, computed once when the page loads it. */
export function prepareMapper(index: MapperIndex): Mapper {
  const postings = new Map<string, number[]>();
  const conceptsWith = new Map<string, Set<number>>();
  index.entries.forEach((entry, e) => {
    for (const key of new Set(entryKeys(entry))) {
      let list = postings.get(key);
      if (!list) postings.set(key, (list = []));
      list.push(e);
      let seen = conceptsWith.get(key);
      if (!seen) conceptsWith.set(key, (seen = new Set()));
      for (const c of entry.concepts) seen.add(c);
    }
  });
  const n = index.concepts.length;
  const idf = new Map<string, number>();
  for (const [key, seen] of conceptsWith) idf.set(key, Math.log(1 + n / seen.size));
  const shapes = index.entries.map((entry): EntryShape => {
    const distinct = [...new Set(entry.words ?? [])];
    return {
      words: distinct,
      atoms: [...new Set(entry.atoms ?? [])],
      pairs: [...new Set(atomPairs(entry.atoms ?? []))],
      wordWeight: distinct.reduce((s, w) => s + (idf.get(wordKey(w)) ?? 0), 0),
    };
  });
  return { index, idf, postings, order: learningOrder(index.concepts), shapes };
}

interface Query {
  words: string[];
  wordSet: Set<string>;
  atoms: Set<string>;
  pairs: Set<string>;
}

/** Scores one entry against the query; 0 when it does not place anything. */
function scoreEntry(mapper: Mapper, e: number, q: Query): { score: number; matched: string[] } {
  const entry = mapper.index.entries[e];
  const shape = mapper.shapes[e];
  const none = { score: 0, matched: [] };
  const idf = (key: string) => mapper.idf.get(key) ?? 0;
  if (entry.kind === 'arxiv') return { score: WEIGHT.arxiv, matched: [entry.arxiv!] };

  if (entry.atoms) {
    const atoms = shape.atoms.filter((a) => q.atoms.has(a));
    // A pair of two one-letter atoms ("s r" from a typed "src") is noise; "q k^t" is a formula's shape.
    const pairs = shape.pairs.filter((p) => q.pairs.has(p) && p.split(' ').some((a) => a.length > 1));
    // One-letter atoms (x, q, L) alone say little: a formula match needs a named atom or a pair.
    if (pairs.length === 0 && !atoms.some((a) => a.length > 1)) return none;
    const score =
      atoms.reduce((sum, a) => sum + idf(atomKey(a)) * (a.length > 1 ? 1 : 0.3), 0) +
      pairs.reduce((sum, p) => sum + 1.5 * idf(atomKey(p)), 0);
    return { score: score * WEIGHT[entry.kind], matched: [...atoms, ...pairs] };
  }

  const entryWords = entry.words ?? [];
  if (entryWords.length === 0) return none;
  // One-letter words ("d" of a typed d_k) place nothing by themselves in prose matching.
  const hit = shape.words.filter((w) => q.wordSet.has(w) && w.length > 1);
  if (hit.length === 0) return none;
  if (entry.kind === 'summary') {
    // Only distinctive words count towards a summary match.
    const distinctive = hit.filter((w) => idf(wordKey(w)) > 1.2);
    if (distinctive.length < 2) return none;
    return {
      score: distinctive.reduce((s, w) => s + idf(wordKey(w)), 0) * WEIGHT.summary,
      matched: distinctive,
    };
  }
  if (containsPhrase(q.words, entryWords))
    return { score: WEIGHT[entry.kind] * (1 + 0.1 * entryWords.length), matched: hit };
  // Part of a name: count the share of its weight that the query holds, and only past half, and
  // never on numbers alone (the "3" and "1" of an unrelated "alert(3)" are not Llama 3.1).
  if (!hit.some((w) => !/^\d+$/.test(w))) return none;
  const total = shape.wordWeight;
  const held = hit.reduce((s, w) => s + idf(wordKey(w)), 0);
  const share = total > 0 ? held / total : 0;
  if (share < 0.5) return none;
  return { score: WEIGHT[entry.kind] * share * 0.45, matched: hit };
}

function confidenceOf(score: number, reasons: readonly Reason[]): Confidence {
  const exact = reasons.some(
    (r) =>
      (r.kind === 'arxiv' || r.kind === 'title' || r.kind === 'alias' || r.kind === 'model') &&
      r.score >= WEIGHT.model,
  );
  if (exact || score >= 12) return 'strong';
  return score >= 5 ? 'likely' : 'weak';
}

/** Maps a pasted text to ranked concepts, unplaced terms and the path to the top match. */
export function mapQuery(
  mapper: Mapper,
  input: string,
  known: ReadonlySet<string> = new Set(),
  limit = 8,
): MapResult {
  const trimmed = input.trim();
  const truncated = trimmed.length > MAX_QUERY;
  const query = truncated ? trimmed.slice(0, MAX_QUERY) : trimmed;
  const empty: MapResult = { query, truncated, ranked: [], unplaced: [], unknownArxiv: [], path: [] };
  if (!query) return empty;

  const { index, postings } = mapper;
  const mentions = findArxivIds(query);
  let prose = query;
  for (const m of mentions) prose = prose.replace(m.raw, ' ');
  prose = prose.replace(/\bhttps?:\/\/(www\.)?/gi, ' ');
  const queryWords = words(prose);
  const math = looksLikeMath(prose);
  const atoms = math ? mathAtoms(prose) : [];
  const q: Query = {
    words: queryWords,
    wordSet: new Set(queryWords),
    atoms: new Set(atoms),
    pairs: new Set(atomPairs(atoms)),
  };

  const candidates = new Set<number>();
  const unknownArxiv: string[] = [];
  for (const m of mentions) {
    const hits = postings.get(`x:${m.id}`);
    if (hits) hits.forEach((e) => candidates.add(e));
    else unknownArxiv.push(m.id);
  }
  for (const w of q.wordSet) postings.get(wordKey(w))?.forEach((e) => candidates.add(e));
  for (const a of [...q.atoms, ...q.pairs]) postings.get(atomKey(a))?.forEach((e) => candidates.add(e));

  const byConcept = new Map<number, Reason[]>();
  const used = new Set<string>();
  for (const e of candidates) {
    const entry = index.entries[e];
    if (entry.arxiv && !mentions.some((m) => m.id === entry.arxiv)) continue;
    const { score, matched } = scoreEntry(mapper, e, q);
    if (score <= 0) continue;
    for (const term of matched) used.add(term);
    const note = entry.note === undefined ? undefined : index.notes[entry.note];
    const reason: Reason = {
      kind: entry.kind,
      label: entry.label,
      matched,
      score,
      ...(note ? { note } : {}),
    };
    entry.concepts.forEach((c, position) => {
      let list = byConcept.get(c);
      if (!list) byConcept.set(c, (list = []));
      // An entry's first concept is its most specific: later ones score a hair less, so ties break by intent.
      list.push(position === 0 ? reason : { ...reason, score: reason.score * (1 - 0.01 * position) });
    });
  }

  const ranked: RankedConcept[] = [];
  for (const [c, reasons] of byConcept) {
    reasons.sort((a, b) => b.score - a.score);
    // Diminishing returns within a kind, so thirty equations do not outvote one exact name.
    const seenKinds = new Map<EntryKind, number>();
    let score = 0;
    for (const r of reasons) {
      const n = seenKinds.get(r.kind) ?? 0;
      seenKinds.set(r.kind, n + 1);
      score += r.score / 2 ** n;
    }
    if (score < 1) continue;
    const concept = index.concepts[c];
    ranked.push({
      slug: concept.slug,
      title: concept.title,
      domain: concept.domain,
      status: concept.status,
      summary: concept.summary,
      score: Math.round(score * 100) / 100,
      confidence: confidenceOf(score, reasons),
      reasons: reasons.slice(0, 3),
    });
  }
  ranked.sort((a, b) => b.score - a.score || a.title.localeCompare(b.title));
  const top = ranked.slice(0, limit);

  const placedWords = new Set<string>();
  for (const r of top) for (const reason of r.reasons) for (const t of reason.matched) placedWords.add(t);
  const unplaced: string[] = [];
  const seenTerm = new Set<string>();
  // In a formula, the words analyser's pieces (qk, t of QK^T) are not terms; its atoms are.
  const proseTerms = math ? queryWords.filter((w) => w.length >= 4) : queryWords;
  const terms = [...proseTerms, ...atoms.filter((a) => a.length > 1 && !q.wordSet.has(a))];
  for (const term of terms) {
    if (seenTerm.has(term) || placedWords.has(term) || /^\d+$/.test(term)) continue;
    seenTerm.add(term);
    unplaced.push(term);
  }

  return {
    query,
    truncated,
    ranked: top,
    unplaced,
    unknownArxiv,
    path: top[0] ? pathTo(mapper, top[0].slug, known) : [],
  };
}

/** The prerequisites of `slug` and then `slug`, in learning order, with what the reader knows marked. */
export function pathTo(mapper: Mapper, slug: string, known: ReadonlySet<string>): PathStep[] {
  const { concepts } = mapper.index;
  const target = concepts.findIndex((c) => c.slug === slug);
  if (target < 0) return [];
  const needed = new Set<number>();
  const stack = [target];
  while (stack.length > 0) {
    const i = stack.pop()!;
    if (needed.has(i)) continue;
    needed.add(i);
    stack.push(...concepts[i].prerequisites);
  }
  let repaired = false;
  return mapper.order
    .filter((i) => needed.has(i))
    .map((i) => {
      const c = concepts[i];
      const isKnown = known.has(c.slug);
      const repairFirst = !isKnown && !repaired;
      if (repairFirst) repaired = true;
      return { slug: c.slug, title: c.title, status: c.status, known: isKnown, repairFirst };
    });
}
