/**
 * Browser only: loads the site's Pagefind bundle on first use (never at page load) and runs a
 * search with filters. The bundle lives at <base>/pagefind/ and works offline with the site.
 */
import { paths } from '../../lib/url';
import { pagefindFilters, type SearchState } from '../../lib/search';

export interface SearchHit {
  url: string;
  title: string;
  summary: string;
  domain: string;
  status: string;
  excerpt: string;
}

export interface SearchOutcome {
  hits: SearchHit[];
  /** Matches after filtering (hits holds at most the first `limit`). */
  total: number;
  /** Matches before filtering, so the page can say how many the filters hid. */
  unfiltered: number;
}

interface PagefindResultData {
  url: string;
  excerpt: string;
  meta: Record<string, string | undefined>;
}
interface Pagefind {
  init(): Promise<void>;
  search(
    query: string | null,
    options: { filters: Record<string, unknown> },
  ): Promise<{ results: { data(): Promise<PagefindResultData> }[]; unfilteredResultCount: number } | null>;
}

let loading: Promise<Pagefind> | undefined;

export function loadPagefind(): Promise<Pagefind> {
  loading ??= import(/* @vite-ignore */ paths.pagefind()).then(async (module: Pagefind) => {
    await module.init();
    return module;
  });
  return loading;
}

/** The first `limit` hits for a state; a query of only filters lists every notebook that passes them. */
export async function runSearch(state: SearchState, limit = 20): Promise<SearchOutcome> {
  const pagefind = await loadPagefind();
  const filters = pagefindFilters(state.filters);
  const query = state.query.trim();
  if (!query && Object.keys(filters).length === 0) return { hits: [], total: 0, unfiltered: 0 };
  const response = await pagefind.search(query || null, { filters });
  if (!response) return { hits: [], total: 0, unfiltered: 0 };
  const data = await Promise.all(response.results.slice(0, limit).map((r) => r.data()));
  return {
    total: response.results.length,
    unfiltered: response.unfilteredResultCount,
    hits: data.map((d) => ({
      url: d.url,
      title: d.meta.title ?? d.url,
      summary: d.meta.summary ?? '',
      domain: d.meta.domain ?? '',
      status: d.meta.status ?? '',
      excerpt: d.excerpt,
    })),
  };
}
