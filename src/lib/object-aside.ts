/**
 * Isomorphic: the small block shown beside every note-able object (src/lib/object-ids.ts): the
 * discussion prompts attached to it, the <cf-note> control (its server content is the "Report a
 * problem" link, which works without JavaScript; the island adds the notes) and a link that points
 * the page's companion (src/islands/cf-companion) at the object — as one element tree,
 * so the .astro component (toHtml) and the equation remark plugin (hast) render the same markup.
 */
import { h, type El } from './el';
import type { AtlasObject } from './object-ids';

export interface AsideInput {
  object: AtlasObject;
  /** Discussion prompts attached to this object. */
  prompts: string[];
  /** The prefilled "new issue" URL (src/lib/site-config.ts). */
  reportHref: string;
  /** Former slugs of the object's concept, so the island can move notes stored under them. */
  formerSlugs?: string[];
}

export function objectAside({ object, prompts, reportHref, formerSlugs = [] }: AsideInput): El {
  return h(
    'div',
    // Kept out of the search index: the prompts are indexed once, in the page's discussion list.
    { class: 'object-aside', 'data-object-aside': object.id, 'data-pagefind-ignore': true },
    prompts.length > 0 &&
      h(
        'div',
        { class: 'object-prompts' },
        h('p', { class: 'object-prompts-title' }, 'Discussion'),
        h('ul', {}, ...prompts.map((p) => h('li', {}, p))),
      ),
    h(
      'cf-note',
      {
        'data-object': object.id,
        'data-label': object.label,
        'data-former': formerSlugs.length > 0 ? formerSlugs.join(' ') : undefined,
      },
      h(
        'a',
        { class: 'object-ask', href: '#companion', 'data-ask': object.id },
        'Ask the companion',
        h('span', { class: 'visually-hidden' }, ` about ${object.label}`),
      ),
      ' ',
      h(
        'a',
        { class: 'object-report', href: reportHref, rel: 'noopener' },
        'Report a problem',
        h('span', { class: 'visually-hidden' }, ` with ${object.label}`),
      ),
    ),
  );
}
