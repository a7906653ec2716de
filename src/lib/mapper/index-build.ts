/**
 * Isomorphic: builds the paper mapper's index from the atlas at build time. Every way a pasted
 * text can point at a concept becomes one entry: the concept's title and aliases, each symbol
 * and each display equation (as normalised math atoms), its summary, every paper that bears on
 * it (title, aliases, arXiv id) and every model preset whose architecture uses it. The index is
 * plain JSON, fetched by the /map/ page and measured by the benchmark.
 */
import { atomPairs, mathAtoms } from './math-tokens';
import { words } from './words';

export const ENTRY_KINDS = [
  'title',
  'alias',
  'arxiv',
  'paper',
  'model',
  'equation',
  'symbol',
  'summary',
] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

export interface MapperConcept {
  slug: string;
  title: string;
  /** Domain title, shown beside each result. */
  domain: string;
  status: 'complete' | 'planned';
  summary: string;
  /** Indexes (into `concepts`) of the direct prerequisites. */
  prerequisites: number[];
}

export interface MapperEntry {
  kind: EntryKind;
  /** What the reason shows: the alias, the TeX, the paper's title, the model's name. */
  label: string;
  /** Indexes of the concepts the entry points to, most specific first. */
  concepts: number[];
  /** Words in order (phrase kinds) or as a bag (summary). */
  words?: string[];
  /** Math atoms of a symbol or equation, in order. */
  atoms?: string[];
  /** arXiv id, for kind "arxiv". */
  arxiv?: string;
  /** Index into `notes` of the paper's route note, for kind "arxiv" and "paper". */
  note?: number;
}

export interface MapperIndex {
  version: 1;
  concepts: MapperConcept[];
  entries: MapperEntry[];
  /** Papers' route notes, each once (a paper's id, title and aliases all point to its note). */
  notes: string[];
}

/** What the build knows about a concept, from its frontmatter and body. */
export interface MapperConceptInput {
  slug: string;
  title: string;
  aliases: readonly string[];
  domain: string;
  status: 'complete' | 'planned';
  summary: string;
  prerequisites: readonly string[];
  symbols: readonly string[];
  /** TeX of the notebook's display equations. */
  equations: readonly string[];
}

export interface MapperPaperInput {
  title: string;
  arxiv?: string;
  aliases: readonly string[];
  concepts: readonly string[];
  routeNote?: string;
}

export interface MapperModelInput {
  name: string;
  attention: 'mha' | 'mqa' | 'gqa' | 'mla';
  window?: number;
}

export interface MapperInput {
  concepts: readonly MapperConceptInput[];
  papers: readonly MapperPaperInput[];
  models: readonly MapperModelInput[];
}

const ATTENTION_CONCEPT: Record<MapperModelInput['attention'], { slug: string; name: string }> = {
  mha: { slug: 'multi-head-attention', name: 'multi-head attention' },
  mqa: { slug: 'grouped-query-attention', name: 'multi-query attention' },
  gqa: { slug: 'grouped-query-attention', name: 'grouped-query attention' },
  mla: { slug: 'multi-head-latent-attention', name: 'multi-head latent attention' },
};

/** The concepts a model preset's architecture uses, and the words that say so in a reason. */
export function modelConcepts(model: MapperModelInput): { slugs: string[]; uses: string } {
  const attention = ATTENTION_CONCEPT[model.attention];
  // Most specific first: the mapper ranks a shared entry's concepts in list order.
  const slugs = [attention.slug];
  const uses = [attention.name];
  if (model.window) {
    slugs.push('sliding-window-attention');
    uses.push(`a ${model.window.toLocaleString('en')}-token sliding window`);
  }
  return { slugs: [...slugs, 'kv-cache'], uses: uses.join(' and ') };
}

/** Drops a formula's alignment and labels so each line of a multi-line display reads on its own. */
function equationLines(tex: string): string[] {
  return tex
    .split(/\\\\/)
    .map((line) => line.replace(/&/g, ' ').trim())
    .filter(
      (line) => mathAtoms(line).some((atom) => atom.length > 1) || atomPairs(mathAtoms(line)).length > 0,
    );
}

export function buildMapperIndex(input: MapperInput): MapperIndex {
  const position = new Map(input.concepts.map((c, i) => [c.slug, i]));
  const indexes = (slugs: readonly string[]) =>
    [...new Set(slugs)].flatMap((slug) => (position.has(slug) ? [position.get(slug)!] : []));

  const concepts: MapperConcept[] = input.concepts.map((c) => ({
    slug: c.slug,
    title: c.title,
    domain: c.domain,
    status: c.status,
    summary: c.summary,
    prerequisites: indexes(c.prerequisites),
  }));

  const entries: MapperEntry[] = [];
  const notes: string[] = [];
  input.concepts.forEach((c, i) => {
    // "Grouped-query attention (GQA)": the name and the abbreviation are each a full match.
    const [, name, short] = /^(.*?)\s*\(([^()]+)\)$/.exec(c.title) ?? [c.title, c.title, ''];
    entries.push({ kind: 'title', label: name, concepts: [i], words: words(name) });
    if (short) entries.push({ kind: 'alias', label: short, concepts: [i], words: words(short) });
    const slugWords = words(c.slug);
    if (slugWords.join(' ') !== words(c.title).join(' '))
      entries.push({ kind: 'alias', label: c.slug, concepts: [i], words: slugWords });
    for (const alias of c.aliases)
      entries.push({ kind: 'alias', label: alias, concepts: [i], words: words(alias) });
    for (const tex of c.symbols) {
      const atoms = mathAtoms(tex);
      if (atoms.length > 0) entries.push({ kind: 'symbol', label: tex, concepts: [i], atoms });
    }
    const seen = new Set<string>();
    for (const tex of c.equations)
      for (const line of equationLines(tex)) {
        const atoms = mathAtoms(line);
        const key = atoms.join(' ');
        if (seen.has(key)) continue;
        seen.add(key);
        entries.push({ kind: 'equation', label: line, concepts: [i], atoms });
      }
    // The summary is shown with the concept already; its entry needs no label of its own.
    entries.push({ kind: 'summary', label: '', concepts: [i], words: [...new Set(words(c.summary))] });
  });

  // A paper's concepts, most specific first: the one whose own names the paper's title or aliases
  // use ("PagedAttention", "GQA"), then the one with most prerequisites behind it.
  const depth = new Map<number, number>();
  const depthOf = (i: number): number => {
    if (!depth.has(i)) {
      depth.set(i, 0);
      depth.set(i, 1 + Math.max(0, ...concepts[i].prerequisites.map(depthOf)));
    }
    return depth.get(i)!;
  };
  const nameWords = input.concepts.map(
    (c) => new Set([c.title, c.slug, ...c.aliases].flatMap((n) => words(n))),
  );
  for (const paper of input.papers) {
    const paperWords = new Set([paper.title, ...paper.aliases].flatMap((n) => words(n)));
    const overlap = (i: number) => [...nameWords[i]].filter((w) => paperWords.has(w)).length;
    const targets = indexes(paper.concepts).sort(
      (a, b) => overlap(b) - overlap(a) || depthOf(b) - depthOf(a) || a - b,
    );
    const note = paper.routeNote ? { note: notes.push(paper.routeNote) - 1 } : {};
    if (paper.arxiv)
      entries.push({ kind: 'arxiv', label: paper.title, concepts: targets, arxiv: paper.arxiv, ...note });
    entries.push({
      kind: 'paper',
      label: paper.title,
      concepts: targets,
      words: words(paper.title),
      ...note,
    });
    for (const alias of paper.aliases)
      entries.push({
        kind: 'paper',
        label: `${alias} (${paper.title})`,
        concepts: targets,
        words: words(alias),
        ...note,
      });
  }

  for (const model of input.models) {
    const { slugs, uses } = modelConcepts(model);
    const targets = indexes(slugs);
    if (targets.length > 0)
      entries.push({
        kind: 'model',
        label: `${model.name}: uses ${uses}`,
        concepts: targets,
        words: words(model.name),
      });
  }

  return { version: 1, concepts, entries, notes };
}
