/**
 * <cf-search-page>: the /search/ page. State: the query and ticked filters, mirrored in the
 * address (replaceState) so a search can be shared. Each change runs one search; a later one
 * overtakes an earlier one still in flight (a sequence number drops stale answers).
 */
import { readSearchState, searchStateQuery, SEARCH_FILTERS, type SearchState } from '../../lib/search';
import { runSearch } from './pagefind-client';
import { renderHits } from './render-results';

class CfSearchPage extends HTMLElement {
  #sequence = 0;
  #timer = 0;

  connectedCallback() {
    const form = this.querySelector('form')!;
    const input = form.querySelector<HTMLInputElement>('input[name="q"]')!;
    const state = readSearchState(new URLSearchParams(location.search));
    input.value = state.query;
    for (const box of form.querySelectorAll<HTMLInputElement>('input[type="checkbox"]'))
      box.checked = state.filters[box.name as keyof SearchState['filters']]?.includes(box.value) ?? false;
    if (Object.keys(state.filters).length > 0) form.querySelector('details')!.open = true;

    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.#search();
    });
    form.addEventListener('input', () => {
      clearTimeout(this.#timer);
      this.#timer = window.setTimeout(() => void this.#search(), 150);
    });
    void this.#search();
  }

  disconnectedCallback() {
    clearTimeout(this.#timer);
  }

  #state(): SearchState {
    const form = this.querySelector('form')!;
    const data = new FormData(form);
    const params = new URLSearchParams();
    params.set('q', String(data.get('q') ?? ''));
    for (const key of SEARCH_FILTERS) for (const value of data.getAll(key)) params.append(key, String(value));
    return readSearchState(params);
  }

  async #search() {
    const state = this.#state();
    const query = searchStateQuery(state);
    history.replaceState(null, '', `${location.pathname}${query ? `?${query}` : ''}`);
    const filterCount = Object.values(state.filters).reduce((n, values) => n + values.length, 0);
    this.querySelector('[data-filter-count]')!.textContent = filterCount > 0 ? `(${filterCount} on)` : '';

    const status = this.querySelector('[data-status]')!;
    const list = this.querySelector<HTMLElement>('[data-hits]')!;
    const sequence = ++this.#sequence;
    if (!state.query.trim() && filterCount === 0) {
      list.replaceChildren();
      status.textContent = 'Type a word, a name or a formula to search the notebooks.';
      return;
    }
    status.textContent = 'Searching…';
    try {
      const outcome = await runSearch(state);
      if (sequence !== this.#sequence) return;
      renderHits(list, outcome.hits);
      const what = state.query.trim() ? `for “${state.query.trim()}”` : 'with these filters';
      const hidden = outcome.unfiltered - outcome.total;
      const shown = outcome.total > outcome.hits.length ? `, the first ${outcome.hits.length} shown` : '';
      status.textContent =
        outcome.total === 0
          ? `No notebook matches ${what}.${filterCount > 0 && outcome.unfiltered > 0 ? ` ${outcome.unfiltered} would without the filters.` : ' Try fewer words, or the paper mapper for a formula or an excerpt.'}`
          : `${outcome.total} notebook${outcome.total === 1 ? '' : 's'} ${what}${shown}${filterCount > 0 && hidden > 0 ? ` (${hidden} more without the filters)` : ''}.`;
    } catch (error) {
      if (sequence !== this.#sequence) return;
      list.replaceChildren();
      status.textContent = 'The search index could not be loaded. Reload the page to try again.';
      console.error(error);
    }
  }
}

customElements.define('cf-search-page', CfSearchPage);
