/**
 * Browser only, on every page: opens the search dialog from the header link, "/" and Ctrl/Cmd-K.
 * The dialog's code is imported on first use. On /search/ itself the shortcut focuses the page's
 * own box instead.
 */
import { isSearchShortcut } from '../../lib/search';

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));

/** Keys typed between the shortcut and the dialog's arrival, so a fast "/softmax" loses no letter. */
let typedAhead: string | null = null;

function open(opener: Element | null) {
  const own = document.querySelector<HTMLInputElement>('#search-page-q');
  if (own) return own.focus();
  typedAhead ??= '';
  import('./search-dialog')
    .then((m) => {
      m.openSearchDialog(opener instanceof HTMLElement ? opener : null, typedAhead ?? '');
      typedAhead = null;
    })
    .catch(() => {
      // The dialog could not load (offline, or a stale deploy): the search page still works.
      typedAhead = null;
      const link = document.querySelector<HTMLAnchorElement>('[data-search-trigger]');
      if (link) location.href = link.href;
    });
}

for (const link of document.querySelectorAll<HTMLAnchorElement>('[data-search-trigger]'))
  link.addEventListener('click', (event) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    open(link);
  });

document.addEventListener('keydown', (event) => {
  if (typedAhead !== null && event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) {
    event.preventDefault();
    typedAhead += event.key;
    return;
  }
  if (event.defaultPrevented || !isSearchShortcut(event, isTyping(event.target))) return;
  event.preventDefault();
  open(document.activeElement);
});
