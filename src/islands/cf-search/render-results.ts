/**
 * Browser only: draws search hits as a plain list of links. Every piece of text goes in through
 * textContent (excerpts via excerptParts), so nothing indexed or typed is parsed as HTML.
 */
import { excerptParts } from '../../lib/search';
import type { SearchHit } from './pagefind-client';

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

export function renderHits(list: HTMLElement, hits: readonly SearchHit[]): void {
  list.replaceChildren(
    ...hits.map((hit) => {
      const item = el('li', 'search-hit');
      const link = el('a', 'search-hit-title', hit.title);
      link.href = hit.url;
      const meta = el(
        'p',
        'search-hit-meta',
        [hit.domain, hit.status === 'planned' ? 'planned' : ''].filter(Boolean).join(' · '),
      );
      const summary = el('p', 'search-hit-summary', hit.summary);
      const excerpt = el('p', 'search-hit-excerpt');
      for (const part of excerptParts(hit.excerpt))
        excerpt.append(part.mark ? el('mark', undefined, part.text) : part.text);
      item.append(link, meta, summary, excerpt);
      return item;
    }),
  );
}
