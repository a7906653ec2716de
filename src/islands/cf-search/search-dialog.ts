/**
 * Browser only: the site-wide search dialog, built on first open. A native <dialog> (modal, so
 * focus stays inside, Escape closes, and focus returns to what opened it). State: the query, the
 * sequence number of the latest search. Arrow keys move between the box and the results.
 */
import '../../styles/search.css';
import { paths } from '../../lib/url';
import { runSearch } from './pagefind-client';
import { renderHits } from './render-results';

let dialog: HTMLDialogElement | undefined;
let returnTo: HTMLElement | null = null;

function build(): HTMLDialogElement {
  const d = document.createElement('dialog');
  d.className = 'search-dialog';
  d.setAttribute('aria-labelledby', 'search-dialog-label');
  const form = document.createElement('form');
  form.setAttribute('role', 'search');
  const label = document.createElement('label');
  label.id = 'search-dialog-label';
  label.htmlFor = 'search-dialog-q';
  label.textContent = 'Search the notebooks';
  const row = document.createElement('div');
  row.className = 'search-row';
  const input = document.createElement('input');
  Object.assign(input, {
    id: 'search-dialog-q',
    type: 'search',
    autocomplete: 'off',
    spellcheck: false,
    maxLength: 500,
  });
  input.placeholder = 'softmax QK^T, D_KL, GQA…';
  const close = document.createElement('button');
  close.type = 'button';
  close.textContent = 'Close';
  close.addEventListener('click', () => d.close());
  row.append(input, close);
  form.append(label, row);
  const status = document.createElement('p');
  status.className = 'search-status';
  status.setAttribute('role', 'status');
  status.textContent = 'Type to search. Enter opens the first result; Escape closes.';
  const list = document.createElement('ol');
  list.className = 'search-hits';
  const more = document.createElement('p');
  more.className = 'search-more';
  const all = document.createElement('a');
  all.textContent = 'All results, with filters';
  const map = document.createElement('a');
  map.textContent = 'Map this text to a learning path';
  more.append(all, ' · ', map);
  d.append(form, status, list, more);

  let sequence = 0;
  let timer = 0;
  // The query whose results the list shows: Enter must never follow a result of an earlier query.
  let shownFor = '';
  const update = async () => {
    const query = input.value.trim();
    all.href = paths.search(query);
    map.href = paths.map(query);
    const mine = ++sequence;
    if (!query) {
      list.replaceChildren();
      shownFor = '';
      status.textContent = 'Type to search. Enter opens the first result; Escape closes.';
      return;
    }
    try {
      const outcome = await runSearch({ query, filters: {} }, 8);
      if (mine !== sequence) return;
      renderHits(list, outcome.hits);
      shownFor = query;
      status.textContent =
        outcome.total === 0
          ? `No notebook matches “${query}”.`
          : `${outcome.total} notebook${outcome.total === 1 ? '' : 's'} match “${query}”${outcome.total > outcome.hits.length ? `; the first ${outcome.hits.length} are shown` : ''}.`;
    } catch {
      if (mine !== sequence) return;
      status.textContent = 'The search index could not be loaded. Try the search page.';
    }
  };
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = window.setTimeout(() => void update(), 120);
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const query = input.value.trim();
    if (query && shownFor !== query) {
      // Enter pressed before the typed query's results arrived: search now, then follow its first hit.
      clearTimeout(timer);
      await update();
      if (input.value.trim() !== query) return;
    }
    const first = list.querySelector<HTMLAnchorElement>('a');
    if (first) location.href = first.href;
    else location.href = paths.search(input.value.trim());
  });
  d.addEventListener('keydown', (event) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const stops = [input, ...list.querySelectorAll<HTMLAnchorElement>('a')];
    const at = stops.indexOf(document.activeElement as HTMLInputElement);
    if (at < 0 || stops.length < 2) return;
    event.preventDefault();
    const next = (at + (event.key === 'ArrowDown' ? 1 : stops.length - 1)) % stops.length;
    stops[next].focus();
  });
  d.addEventListener('close', () => returnTo?.focus());
  // A click on the backdrop (the dialog box itself, outside its content) closes it.
  d.addEventListener('click', (event) => {
    if (event.target === d) d.close();
  });
  all.href = paths.search();
  map.href = paths.map();
  document.body.append(d);
  return d;
}

/** Opens the dialog; `typed` is what the reader typed while its code was loading. */
export function openSearchDialog(opener: HTMLElement | null, typed = ''): void {
  dialog ??= build();
  returnTo = opener;
  if (!dialog.open) dialog.showModal();
  const input = dialog.querySelector<HTMLInputElement>('input')!;
  input.focus();
  if (typed) {
    input.value = typed;
    input.dispatchEvent(new Event('input'));
  } else input.select();
}
