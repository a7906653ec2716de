/**
 * <cf-mapper>: the paper mapper on /map/. State: the text in the box (mirrored in ?q=), the index
 * once fetched and prepared, and the reader's known concepts read from local progress. Each
 * "Map it" runs src/lib/mapper/rank once and redraws the result; every string goes in through
 * textContent, so pasted text is never parsed as HTML.
 */
import type { MapperIndex } from '../../lib/mapper/index-build';
import {
  CONFIDENCE_LABEL,
  KIND_LABEL,
  MAX_QUERY,
  type MapResult,
  mapQuery,
  type Mapper,
  prepareMapper,
} from '../../lib/mapper/rank';
import { parseProgress, PROGRESS_KEY } from '../../lib/progress';
import { mapperObjects } from '../../lib/mapper/companion-objects';
import { publishCompanionObjects } from '../companion-bus';

type Child = Node | string;
function el(tag: string, attrs: Record<string, string> = {}, ...children: Child[]): HTMLElement {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

function knownConcepts(): Set<string> {
  try {
    const text = localStorage.getItem(PROGRESS_KEY);
    if (!text) return new Set();
    const parsed = parseProgress(text);
    return parsed.ok ? parsed.known : new Set();
  } catch {
    return new Set();
  }
}

class CfMapper extends HTMLElement {
  #mapper: Promise<Mapper> | undefined;

  connectedCallback() {
    const form = this.querySelector('form')!;
    const box = this.querySelector('textarea')!;
    box.value = new URLSearchParams(location.search).get('q') ?? '';
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const query = box.value.trim();
      history.pushState(null, '', `${location.pathname}${query ? `?q=${encodeURIComponent(query)}` : ''}`);
      void this.#run(box.value);
    });
    this.querySelector('[data-clear]')!.addEventListener('click', () => {
      box.value = '';
      history.replaceState(null, '', location.pathname);
      void this.#run('');
      box.focus();
    });
    addEventListener('popstate', this.#onPop);
    if (box.value.trim()) void this.#run(box.value);
    else this.#show(null);
  }

  disconnectedCallback() {
    removeEventListener('popstate', this.#onPop);
  }

  #onPop = () => {
    const box = this.querySelector('textarea')!;
    box.value = new URLSearchParams(location.search).get('q') ?? '';
    void this.#run(box.value);
  };

  #load(): Promise<Mapper> {
    this.#mapper ??= fetch(this.dataset.index!)
      .then((response) => {
        if (!response.ok) throw new Error(`index: HTTP ${response.status}`);
        return response.json() as Promise<MapperIndex>;
      })
      .then(prepareMapper);
    this.#mapper.catch(() => (this.#mapper = undefined));
    return this.#mapper;
  }

  async #run(text: string) {
    const status = this.querySelector('[data-status]')!;
    if (!text.trim()) return this.#show(null);
    status.textContent = 'Mapping…';
    try {
      const mapper = await this.#load();
      const started = performance.now();
      const result = mapQuery(mapper, text, knownConcepts());
      const ms = performance.now() - started;
      this.#show(result, ms);
    } catch (error) {
      status.textContent = 'The mapper’s index could not be loaded. Reload the page to try again.';
      console.error(error);
    }
  }

  #show(result: MapResult | null, ms = 0) {
    const status = this.querySelector('[data-status]')!;
    const notice = this.querySelector<HTMLElement>('[data-notice]')!;
    const examples = this.querySelector<HTMLElement>('[data-examples]')!;
    const out = this.querySelector('[data-result]')!;
    notice.hidden = !result?.truncated;
    notice.textContent = result?.truncated
      ? `Your text is longer than ${MAX_QUERY.toLocaleString('en')} characters; only the first ${MAX_QUERY.toLocaleString('en')} were read.`
      : '';
    examples.hidden = result !== null;
    // The result (or its absence) is also offered to the page's companion.
    const conceptUrl = (slug: string) => new URL(`${this.dataset.conceptBase}${slug}/`, location.origin).href;
    publishCompanionObjects('mapper', result ? mapperObjects(result, conceptUrl) : []);
    if (!result) {
      out.replaceChildren();
      status.textContent = 'Paste something above, or try one of these examples.';
      return;
    }
    const timing = `${ms < 1 ? '<1' : Math.round(ms)} ms`;
    status.textContent =
      result.ranked.length === 0
        ? `Nothing in the atlas matches this text (${timing}).`
        : `${result.ranked.length} concept${result.ranked.length === 1 ? '' : 's'} found (${timing}).`;
    out.replaceChildren(...this.#ranked(result), ...this.#unplaced(result), ...this.#path(result));
  }

  #ranked(result: MapResult): HTMLElement[] {
    if (result.ranked.length === 0) return [];
    const base = this.dataset.conceptBase!;
    const list = el('ol', { class: 'mapper-results' });
    for (const r of result.ranked) {
      const reasons = el('ul', { class: 'mapper-reasons' });
      for (const reason of r.reasons) {
        const matched = reason.matched.join(', ');
        const label = reason.label.length > 140 ? `${reason.label.slice(0, 139)}…` : reason.label;
        const item =
          reason.kind === 'summary'
            ? el('li', {}, `${KIND_LABEL.summary}: ${matched}`)
            : el(
                'li',
                {},
                `${KIND_LABEL[reason.kind]}: `,
                el('span', { class: 'mapper-label' }, label),
                matched ? ` — matched ${matched}` : '',
              );
        if (reason.note) item.append(el('p', { class: 'mapper-note' }, `Route note: ${reason.note}`));
        reasons.append(item);
      }
      list.append(
        el(
          'li',
          { 'data-concept': r.slug, class: `mapper-result confidence-${r.confidence}` },
          el(
            'p',
            { class: 'mapper-result-head' },
            el('a', { href: `${base}${r.slug}/` }, r.title),
            ' ',
            el('span', { class: 'mapper-confidence' }, CONFIDENCE_LABEL[r.confidence]),
          ),
          el(
            'p',
            { class: 'search-hit-meta' },
            [r.domain, r.status === 'planned' ? 'planned notebook' : ''].filter(Boolean).join(' · '),
          ),
          el('p', { class: 'search-hit-summary' }, r.summary),
          el('p', { class: 'mapper-why' }, 'Why:'),
          reasons,
        ),
      );
    }
    return [el('h2', { id: 'mapper-results-title' }, 'Concepts it rests on'), list];
  }

  #unplaced(result: MapResult): HTMLElement[] {
    if (result.unplaced.length === 0 && result.unknownArxiv.length === 0) return [];
    const section: HTMLElement[] = [el('h2', {}, 'Not placed')];
    if (result.unknownArxiv.length > 0)
      section.push(
        el(
          'p',
          { 'data-unknown-arxiv': '' },
          `Not in the papers registry: ${result.unknownArxiv.map((id) => `arXiv ${id}`).join(', ')}.`,
        ),
      );
    if (result.unplaced.length > 0) {
      const shown = result.unplaced.slice(0, 24);
      const list = el(
        'ul',
        { class: 'inline-list mapper-unplaced' },
        ...shown.map((t) => el('li', {}, el('code', {}, t))),
      );
      section.push(
        el(
          'p',
          {},
          'These terms matched nothing in the atlas; they may be outside it, or named differently here:',
        ),
        list,
      );
      if (result.unplaced.length > shown.length)
        section.push(el('p', { class: 'muted' }, `and ${result.unplaced.length - shown.length} more.`));
    }
    return section;
  }

  #path(result: MapResult): HTMLElement[] {
    if (result.path.length === 0) return [];
    const base = this.dataset.conceptBase!;
    const top = result.ranked[0];
    const list = el('ol', { class: 'mapper-path' });
    for (const step of result.path) {
      const tags: string[] = [];
      if (step.known) tags.push('you know this');
      if (step.repairFirst) tags.push('repair this first');
      if (step.status === 'planned') tags.push('planned notebook');
      list.append(
        el(
          'li',
          {
            class: [step.known ? 'is-known' : '', step.repairFirst ? 'is-repair' : ''].join(' ').trim(),
            'data-step': step.slug,
          },
          el('a', { href: `${base}${step.slug}/` }, step.title),
          tags.length ? el('span', { class: 'mapper-step-tags' }, ` (${tags.join('; ')})`) : '',
        ),
      );
    }
    const knownCount = result.path.filter((s) => s.known).length;
    return [
      el('h2', {}, `Path to ${top.title}`),
      el(
        'p',
        {},
        `In learning order, every concept after the ones it needs. ${knownCount > 0 ? `You marked ${knownCount} of ${result.path.length} as known.` : 'Mark concepts as known on a track page, and the path will show where to start.'}`,
      ),
      list,
      el(
        'p',
        {},
        el(
          'a',
          { href: `${this.dataset.graph}?focus=${encodeURIComponent(top.slug)}` },
          `Open ${top.title} in the route graph`,
        ),
      ),
    ];
  }
}

customElements.define('cf-mapper', CfMapper);
