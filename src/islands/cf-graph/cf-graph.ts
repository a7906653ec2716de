/**
 * <cf-graph>: makes the build-time graph explorable.
 * State: the selected concept, the one under the pointer or focus, the filters, the zoom, and the
 * reader's known concepts (read from the tracks' progress store). Highlighting is classes on the
 * existing SVG nodes and edges; nothing is laid out in the browser.
 * URL: ?focus=<slug> selects a concept on load, ?track=<slug> (and ?domain, ?status) set filters;
 * both are written back with replaceState.
 */
import {
  type AtlasGraph,
  type GraphFilters,
  learnNext,
  neighbourhoodOf,
  passes,
  unlocks,
} from '../../lib/graph/explore';
import { PROGRESS_KEY, parseProgress } from '../../lib/progress';
import { markStepInStorage } from '../../lib/trail';

const ZOOMS = [0.4, 0.5, 0.67, 0.8, 1, 1.25, 1.5];

class CfGraph extends HTMLElement {
  #graph!: AtlasGraph;
  #byId = new Map<string, AtlasGraph['nodes'][number]>();
  #nodes = new Map<string, SVGAElement>();
  #edges: SVGPathElement[] = [];
  #selected: string | null = null;
  #known = new Set<string>();
  #filters: GraphFilters = { domain: '', track: '', status: '' };
  #zoom = 1;

  connectedCallback() {
    this.#graph = JSON.parse(this.querySelector('script[data-graph]')!.textContent!) as AtlasGraph;
    this.#byId = new Map(this.#graph.nodes.map((n) => [n.id, n]));
    for (const a of this.querySelectorAll<SVGAElement>('a.graph-node')) this.#nodes.set(a.dataset.id!, a);
    this.#edges = [...this.querySelectorAll<SVGPathElement>('path.graph-edge')];
    this.querySelector<HTMLElement>('[data-controls]')!.hidden = false;

    for (const [id, node] of this.#nodes) {
      node.addEventListener('mouseenter', () => this.#light(id));
      node.addEventListener('mouseleave', () => this.#light(this.#selected));
      node.addEventListener('focus', () => this.#light(id));
      node.addEventListener('blur', () => this.#light(this.#selected));
      node.addEventListener('click', (event) => {
        // Ctrl/Cmd-click still opens the notebook in a new tab; a plain click selects.
        if (event.metaKey || event.ctrlKey || event.shiftKey) return;
        event.preventDefault();
        this.select(id);
      });
    }
    for (const select of this.querySelectorAll<HTMLSelectElement>('select[data-filter]'))
      select.addEventListener('change', () => {
        this.#filters = { ...this.#filters, [select.dataset.filter!]: select.value };
        this.#applyFilters();
        this.#writeUrl();
      });
    const find = this.querySelector<HTMLInputElement>('[data-find]')!;
    find.addEventListener('change', () => this.#find(find.value));
    find.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {
        event.preventDefault();
        this.#find(find.value);
      }
    });
    for (const button of this.querySelectorAll<HTMLButtonElement>('[data-zoom]'))
      button.addEventListener('click', () => this.#zoomBy(button.dataset.zoom!));
    window.addEventListener('storage', (event) => {
      if (event.key === PROGRESS_KEY) this.#loadProgress();
    });

    this.#loadProgress();
    this.#readUrl();
    // Opening the graph is a step of the first-route trail (/start/).
    const storage = localStorageOrNull();
    const problem = storage ? markStepInStorage(storage, 'graph') : null;
    if (problem) this.querySelector<HTMLElement>('[data-find-status]')!.textContent = problem;
  }

  /** Select a concept: light its neighbourhood, fill the panel, remember it in the URL. */
  select(id: string | null, options: { scroll?: boolean; focus?: boolean } = {}) {
    this.#selected = id && this.#byId.has(id) ? id : null;
    for (const [nid, node] of this.#nodes) node.classList.toggle('is-selected', nid === this.#selected);
    this.#light(this.#selected);
    this.#renderPanel();
    this.#writeUrl();
    const node = this.#selected ? this.#nodes.get(this.#selected) : undefined;
    if (node && options.scroll) this.#centre(this.#selected!);
    if (node && options.focus) node.focus({ preventScroll: true });
  }

  /** Scroll the graph (not the page) so a concept sits in the middle of the view. */
  #centre(id: string) {
    const n = this.#byId.get(id)!;
    const box = this.querySelector<HTMLElement>('[data-scroll]')!;
    const { nodeWidth, nodeHeight } = this.#graph.layout;
    box.scrollTo({
      left: (n.x + nodeWidth / 2) * this.#zoom - box.clientWidth / 2,
      top: (n.y + nodeHeight / 2) * this.#zoom - box.clientHeight / 2,
    });
  }

  #light(id: string | null) {
    const svg = this.querySelector('svg')!;
    svg.classList.toggle('has-highlight', id !== null);
    if (id === null) {
      for (const node of this.#nodes.values()) node.classList.remove('is-up', 'is-down', 'is-focus');
      for (const edge of this.#edges) edge.classList.remove('is-lit');
      return;
    }
    const { up, down } = neighbourhoodOf(this.#graph.nodes, id);
    for (const [nid, node] of this.#nodes) {
      node.classList.toggle('is-focus', nid === id);
      node.classList.toggle('is-up', up.has(nid));
      node.classList.toggle('is-down', down.has(nid));
    }
    // An edge is lit when both ends lie on the concept's side of the graph: among what it needs,
    // or among what needs it.
    const before = new Set([...up, id]);
    const after = new Set([...down, id]);
    for (const edge of this.#edges) {
      const { from, to } = edge.dataset as { from: string; to: string };
      edge.classList.toggle(
        'is-lit',
        (before.has(from) && before.has(to)) || (after.has(from) && after.has(to)),
      );
    }
  }

  #renderPanel() {
    const title = this.querySelector<HTMLElement>('[data-panel-title]')!;
    const body = this.querySelector<HTMLElement>('[data-panel-body]')!;
    const node = this.#selected ? this.#byId.get(this.#selected) : undefined;
    body.replaceChildren();
    if (!node) {
      title.textContent = 'Read the graph';
      body.append(
        paragraph(
          'Point at or focus a concept to light what it needs and what needs it; select it to see it here.',
        ),
      );
      return;
    }
    title.textContent = node.title;
    const domain = this.#graph.domains.find((d) => d.id === node.domain)?.title ?? node.domain;
    const meta = paragraph(
      `${domain} · ${node.level} · ${node.status === 'complete' ? 'written' : 'planned'}${this.#known.has(node.id) ? ' · marked known' : ''}`,
    );
    meta.className = 'muted';
    body.append(meta, paragraph(node.summary));
    const open = document.createElement('a');
    open.href = node.url;
    open.textContent =
      node.status === 'complete' ? `Open the ${node.title} notebook` : `Open ${node.title} (planned)`;
    body.append(paragraph(open));

    body.append(heading('What it needs'));
    if (node.prerequisites.length === 0) body.append(paragraph('Nothing else in the atlas.'));
    else
      body.append(
        list(
          node.prerequisites.map((p) => {
            const li = document.createElement('li');
            li.append(this.#conceptButton(p.slug), `: ${p.why}`);
            if (this.#known.has(p.slug)) li.append(' (known)');
            return li;
          }),
        ),
      );

    const { direct, further } = unlocks(this.#graph.nodes, node.id);
    body.append(heading('What it unlocks'));
    if (direct.length === 0) body.append(paragraph('Nothing yet: it is an end point of the atlas.'));
    else {
      body.append(list(direct.map((id) => item(this.#conceptButton(id)))));
      if (further > 0) body.append(paragraph(`and ${further} more further on.`));
    }
  }

  #conceptButton(id: string): HTMLButtonElement {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'graph-link-button';
    button.textContent = this.#byId.get(id)?.title ?? id;
    button.addEventListener('click', () => this.select(id, { scroll: true, focus: true }));
    return button;
  }

  #applyFilters() {
    const active = this.#filters.domain || this.#filters.track || this.#filters.status;
    const shown = new Set<string>();
    for (const n of this.#graph.nodes) if (passes(n, this.#filters, this.#graph.tracks)) shown.add(n.id);
    for (const [id, node] of this.#nodes)
      node.classList.toggle('is-filtered-out', Boolean(active) && !shown.has(id));
    for (const edge of this.#edges)
      edge.classList.toggle(
        'is-filtered-out',
        Boolean(active) && !(shown.has(edge.dataset.from!) && shown.has(edge.dataset.to!)),
      );
    // A track also numbers its steps, so its route can be read in order.
    const track = this.#graph.tracks.find((t) => t.id === this.#filters.track);
    for (const [id, node] of this.#nodes) {
      node.querySelector('.graph-step')?.remove();
      const step = track ? track.steps.indexOf(id) : -1;
      if (step >= 0) {
        const badge = document.createElementNS('http://www.w3.org/2000/svg', 'text');
        badge.setAttribute('class', 'graph-step');
        badge.setAttribute('x', String(this.#graph.layout.nodeWidth - 8));
        badge.setAttribute('y', '12');
        badge.setAttribute('text-anchor', 'end');
        badge.textContent = String(step + 1);
        node.append(badge);
      }
    }
    const status = this.querySelector<HTMLElement>('[data-find-status]')!;
    status.textContent = active
      ? `${shown.size} of ${this.#graph.nodes.length} concepts match the filters.`
      : '';
  }

  #find(text: string) {
    const query = text.trim().toLowerCase();
    const status = this.querySelector<HTMLElement>('[data-find-status]')!;
    if (!query) return;
    const node =
      this.#graph.nodes.find((n) => n.title.toLowerCase() === query) ??
      this.#graph.nodes.find((n) => n.title.toLowerCase().startsWith(query)) ??
      this.#graph.nodes.find((n) => n.title.toLowerCase().includes(query) || n.id.includes(query));
    if (!node) {
      status.textContent = `No concept matches "${text.trim()}".`;
      return;
    }
    status.textContent = `Found ${node.title}.`;
    this.select(node.id, { scroll: true, focus: true });
  }

  #zoomBy(how: string) {
    const scroll = this.querySelector<HTMLElement>('[data-scroll]')!;
    const i = ZOOMS.indexOf(this.#zoom);
    if (how === 'in') this.#zoom = ZOOMS[Math.min(ZOOMS.length - 1, (i < 0 ? 4 : i) + 1)]!;
    else if (how === 'out') this.#zoom = ZOOMS[Math.max(0, (i < 0 ? 4 : i) - 1)]!;
    else if (how === 'fit') this.#zoom = Math.min(1, (scroll.clientWidth - 4) / this.#graph.layout.width);
    else this.#zoom = 1;
    const svg = this.querySelector('svg')!;
    svg.setAttribute('width', String(Math.round(this.#graph.layout.width * this.#zoom)));
    svg.setAttribute('height', String(Math.round(this.#graph.layout.height * this.#zoom)));
  }

  #loadProgress() {
    let parsed = { ok: false as boolean, known: new Set<string>() };
    try {
      const stored = localStorage.getItem(PROGRESS_KEY);
      if (stored) {
        const result = parseProgress(stored);
        if (result.ok) parsed = { ok: true, known: result.known };
      }
    } catch {
      // Storage blocked (private mode): the graph works, just without the reader's progress.
    }
    this.#known = parsed.known;
    for (const [id, node] of this.#nodes) {
      node.classList.toggle('is-known', this.#known.has(id));
      node.querySelector('.graph-known')?.remove();
      if (this.#known.has(id)) {
        const tick = document.createElementNS('http://www.w3.org/2000/svg', 'text');
        tick.setAttribute('class', 'graph-known');
        tick.setAttribute('x', String(this.#graph.layout.nodeWidth - 8));
        tick.setAttribute('y', String(this.#graph.layout.nodeHeight - 6));
        tick.setAttribute('text-anchor', 'end');
        tick.textContent = '✓';
        node.append(tick);
      }
    }
    this.#renderNext();
    this.#renderPanel();
  }

  #renderNext() {
    const box = this.querySelector<HTMLElement>('[data-next]')!;
    const note = this.querySelector<HTMLElement>('[data-next-note]')!;
    const listEl = this.querySelector<HTMLElement>('[data-next-list]')!;
    box.hidden = false;
    listEl.replaceChildren();
    const next = learnNext(this.#graph.nodes, this.#known);
    note.textContent =
      this.#known.size === 0
        ? 'Nothing is marked known yet (tick concepts on a track page), so these are the starting points: concepts that need nothing else.'
        : `You have marked ${this.#known.size} known; these have all their prerequisites known.`;
    for (const id of next.slice(0, 12)) listEl.append(item(this.#conceptButton(id)));
    if (next.length > 12) listEl.append(item(`and ${next.length - 12} more`));
  }

  #readUrl() {
    const q = new URLSearchParams(location.search);
    for (const key of ['domain', 'track', 'status'] as const) {
      const value = q.get(key) ?? '';
      const select = this.querySelector<HTMLSelectElement>(`select[data-filter="${key}"]`)!;
      if ([...select.options].some((o) => o.value === value)) {
        select.value = value;
        this.#filters = { ...this.#filters, [key]: value };
      }
    }
    this.#applyFilters();
    const focus = q.get('focus');
    if (focus && this.#byId.has(focus)) this.select(focus, { scroll: true });
    else if (focus) {
      this.querySelector<HTMLElement>('[data-find-status]')!.textContent =
        `There is no concept "${focus}" in the atlas.`;
    }
  }

  #writeUrl() {
    const q = new URLSearchParams();
    if (this.#selected) q.set('focus', this.#selected);
    for (const [key, value] of Object.entries(this.#filters)) if (value) q.set(key, value);
    const query = q.toString();
    history.replaceState(
      history.state,
      '',
      `${location.pathname}${query ? `?${query}` : ''}${location.hash}`,
    );
  }
}

function localStorageOrNull(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

function paragraph(content: string | Node): HTMLParagraphElement {
  const p = document.createElement('p');
  p.append(content);
  return p;
}

function heading(text: string): HTMLHeadingElement {
  const h = document.createElement('h3');
  h.textContent = text;
  return h;
}

function item(content: string | Node): HTMLLIElement {
  const li = document.createElement('li');
  li.append(content);
  return li;
}

function list(items: HTMLLIElement[]): HTMLUListElement {
  const ul = document.createElement('ul');
  ul.append(...items);
  return ul;
}

customElements.define('cf-graph', CfGraph);
