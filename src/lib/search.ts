/**
 * Isomorphic: the pieces of site search that are not DOM: which filters exist and how they sit in
 * the address (/search/?q=softmax&domain=Probability&level=Foundation), and reading Pagefind's
 * excerpts, whose only markup is <mark> around hits, into plain text segments an island can
 * insert with textContent, so no indexed text is ever parsed as HTML.
 */

/** Pagefind filter names, as the notebook pages declare them (src/components/SearchTerms.astro). */
export const SEARCH_FILTERS = ['domain', 'track', 'level', 'status'] as const;
export type SearchFilter = (typeof SEARCH_FILTERS)[number];
export type FilterSelection = Partial<Record<SearchFilter, string[]>>;

export interface SearchState {
  query: string;
  filters: FilterSelection;
}

/** Reads ?q= and the filter parameters (each may repeat). */
export function readSearchState(params: URLSearchParams): SearchState {
  const filters: FilterSelection = {};
  for (const key of SEARCH_FILTERS) {
    const values = params.getAll(key).filter((v) => v.trim() !== '');
    if (values.length > 0) filters[key] = [...new Set(values)];
  }
  return { query: (params.get('q') ?? '').slice(0, 500), filters };
}

/** The query string for a state, in a stable order. */
export function searchStateQuery(state: SearchState): string {
  const params = new URLSearchParams();
  if (state.query.trim()) params.set('q', state.query.trim());
  for (const key of SEARCH_FILTERS) for (const value of state.filters[key] ?? []) params.append(key, value);
  return params.toString();
}

/** Pagefind's filter argument: values within one filter are alternatives (any), filters combine (all). */
export function pagefindFilters(filters: FilterSelection): Record<string, { any: string[] }> {
  const out: Record<string, { any: string[] }> = {};
  for (const key of SEARCH_FILTERS) if (filters[key]?.length) out[key] = { any: filters[key]! };
  return out;
}

export interface ExcerptPart {
  text: string;
  mark: boolean;
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  '#39': "'",
  '#x27': "'",
  apos: "'",
};
const decode = (text: string) =>
  text.replace(/&(amp|lt|gt|quot|#39|#x27|apos);/g, (_, name: string) => ENTITIES[name]);

/** Splits an excerpt on <mark>…</mark>; any other tag-like text stays literal text. */
export function excerptParts(excerpt: string): ExcerptPart[] {
  const parts: ExcerptPart[] = [];
  const pattern = /<mark>([\s\S]*?)<\/mark>/g;
  let last = 0;
  for (const m of excerpt.matchAll(pattern)) {
    if (m.index! > last) parts.push({ text: decode(excerpt.slice(last, m.index)), mark: false });
    parts.push({ text: decode(m[1]), mark: true });
    last = m.index! + m[0].length;
  }
  if (last < excerpt.length) parts.push({ text: decode(excerpt.slice(last)), mark: false });
  return parts.filter((p) => p.text !== '');
}

/** The key that opens the search dialog from anywhere: "/" outside a text field, or Ctrl/Cmd-K. */
export function isSearchShortcut(
  event: { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean },
  typing: boolean,
): boolean {
  if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'k') return true;
  return event.key === '/' && !typing && !event.ctrlKey && !event.metaKey && !event.altKey;
}
