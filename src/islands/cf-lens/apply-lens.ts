/**
 * Browser only: applies the reader's lens to a notebook page. It runs as the page is first set up
 * (an eager module script, before any island is defined), so reordering moves plain markup and no
 * island sees itself disconnected; switching lens stores the choice and reloads the page in it.
 * Without JavaScript, or in the learner lens, the page stays exactly as built.
 */
import {
  currentSection,
  DEFAULT_LENS,
  ENGINEER_ORDER,
  LENS_KEY,
  lectureMove,
  moveTo,
  readLens,
  reorder,
  type Lens,
} from '../../lib/lenses';

function storedLens(): Lens {
  try {
    return readLens(localStorage.getItem(LENS_KEY));
  } catch {
    return DEFAULT_LENS;
  }
}

/** Wraps each h2 of the notebook body and what follows it in a <section data-section="<h2 id>">. */
function groupBody(body: Element): HTMLElement[] {
  const groups: HTMLElement[] = [];
  for (const child of [...body.children]) {
    if (child.tagName === 'H2') {
      const group = document.createElement('section');
      group.className = 'lens-section';
      group.dataset.section = child.id;
      group.setAttribute('aria-labelledby', child.id);
      body.insertBefore(group, child);
      groups.push(group);
    }
    groups.at(-1)?.append(child);
  }
  return groups;
}

/** Moves children of `parent` keyed by `key` into `order`, starting where the first of them was. */
function arrange(parent: Element, items: Element[], order: string[], key: (e: Element) => string) {
  if (items.length === 0) return;
  const anchor = document.createComment('lens');
  parent.insertBefore(anchor, items[0]!);
  const byKey = new Map(items.map((e) => [key(e), e]));
  for (const k of order) parent.insertBefore(byKey.get(k)!, anchor);
  anchor.remove();
}

function applyEngineer(article: Element, body: Element, groups: HTMLElement[]) {
  const keys = groups.map((g) => g.dataset.section!);
  arrange(body, groups, reorder(keys, ENGINEER_ORDER.body), (e) => (e as HTMLElement).dataset.section!);
  // The blocks after the body are sections whose heading id names them.
  const after = [...article.children].filter((e) => e.tagName === 'SECTION' && e.compareDocumentPosition(body) & Node.DOCUMENT_POSITION_PRECEDING);
  const keyOf = (e: Element) => e.id || (e.querySelector('h2')?.id ?? '');
  arrange(article, after, reorder(after.map(keyOf), ENGINEER_ORDER.after), keyOf);
  // The table of contents follows the new order: each h2 entry with the h3 entries under it.
  const toc = document.querySelector('.toc ol');
  if (!toc) return;
  const entries: { key: string; items: Element[] }[] = [];
  for (const li of [...toc.children]) {
    const id = li.querySelector('a')?.getAttribute('href')?.slice(1) ?? '';
    if (li.classList.contains('toc-depth-2') || entries.length === 0) entries.push({ key: id, items: [li] });
    else entries.at(-1)!.items.push(li);
  }
  // A contents entry names a heading or the section around it (#companion for its h2 #companion-title).
  for (const h2 of document.querySelectorAll('.notebook h2[id]')) {
    const keys = [h2.id, h2.closest('section[id]')?.id];
    const entry = entries.find((e) => keys.includes(e.key));
    if (entry) toc.append(...entry.items);
  }
}

/** Lecture mode: every block a screen tall, paged by the bar's buttons or the keyboard. */
function startLecture(article: Element, bar: HTMLElement) {
  const slides = [...article.querySelectorAll<HTMLElement>(':scope > section, .lens-section')].filter((s) => s.querySelector('h2'));
  if (slides.length === 0) return;
  const where = bar.querySelector<HTMLElement>('[data-where]')!;
  const reduced = matchMedia('(prefers-reduced-motion: reduce)').matches;
  let current = 0;
  const show = () => {
    const heading = slides[current]!.querySelector('h2')!;
    where.textContent = `Section ${current + 1} of ${slides.length}: ${heading.textContent?.trim() ?? ''}`;
  };
  const go = (move: 1 | -1 | 'first' | 'last') => {
    current = moveTo(current, move, slides.length);
    const heading = slides[current]!.querySelector('h2')!;
    heading.setAttribute('tabindex', '-1');
    heading.focus({ preventScroll: true });
    slides[current]!.scrollIntoView({ block: 'start', behavior: reduced ? 'auto' : 'smooth' });
    show();
  };
  bar.querySelector('[data-prev]')!.addEventListener('click', () => go(-1));
  bar.querySelector('[data-next]')!.addEventListener('click', () => go(1));
  document.addEventListener('keydown', (event) => {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.target as Element;
    // Keys typed into a field, a slider, a radio group or a menu belong to it, not to the lecture.
    if (target.closest('input, select, textarea, [contenteditable], [role="radiogroup"], [role="tablist"], [role="listbox"], [role="slider"]')) return;
    const move = lectureMove(event.key);
    if (move === null) return;
    event.preventDefault();
    go(move);
  });
  let pending = false;
  window.addEventListener('scroll', () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      current = currentSection(slides.map((s) => s.getBoundingClientRect().top), innerHeight);
      show();
    });
  });
  bar.hidden = false;
  show();
}

export function applyLens(): void {
  const switcher = document.querySelector('cf-lens');
  const article = document.querySelector('article.notebook');
  const body = article?.querySelector('.notebook-body');
  if (!switcher || !article || !body) return;
  const lens = storedLens();
  document.documentElement.dataset.lens = lens;
  if (lens !== DEFAULT_LENS) {
    const groups = groupBody(body);
    if (lens === 'engineer') applyEngineer(article, body, groups);
    if (lens === 'teacher') startLecture(article, switcher.querySelector<HTMLElement>('[data-lecture-bar]')!);
  }
  const status = switcher.querySelector<HTMLElement>('[data-status]');
  // Toggle buttons rather than radios: arrowing through radios would switch (and reload) at each key.
  for (const button of switcher.querySelectorAll<HTMLButtonElement>('button[data-lens]')) {
    button.setAttribute('aria-pressed', String(button.dataset.lens === lens));
    button.disabled = false;
    button.addEventListener('click', () => {
      if (button.dataset.lens === lens) return;
      try {
        localStorage.setItem(LENS_KEY, button.dataset.lens!);
        sessionStorage.setItem(SWITCHED, '1');
      } catch {
        if (status) status.textContent = 'Your browser does not let this site remember a lens, so it cannot switch.';
        return;
      }
      location.reload();
    });
    // After a switch the reader's focus comes back to the lens they chose.
    if (button.dataset.lens === lens && takeSwitched()) button.focus();
  }
}

const SWITCHED = 'cf:lens-switched';
function takeSwitched(): boolean {
  try {
    const was = sessionStorage.getItem(SWITCHED) !== null;
    sessionStorage.removeItem(SWITCHED);
    return was;
  } catch {
    return false;
  }
}
