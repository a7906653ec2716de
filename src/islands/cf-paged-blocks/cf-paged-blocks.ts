/**
 * <cf-paged-blocks>: makes the server-rendered paged blocks simulator live. DOM wiring only; the
 * simulation and every string it shows come from src/lib/paged-blocks(-view).ts.
 *
 * State: the configuration (always valid: clampConfig turns whatever is typed into one, with a
 * message beside each corrected field), a Simulation at some step, and a timer while running.
 * Lifecycle: on connect, read the configuration from the URL hash ("#<id>?…") or data-initial, run
 * to data-start (what the server rendered) and enable the buttons. A changed setting rebuilds the
 * simulation at the same step and writes the hash (history.replaceState). Run advances one step per
 * tick, or jumps straight to the end when the reader prefers reduced motion. Disconnecting stops
 * the timer.
 */
import { hashFor, readHashState } from '../../lib/hash-state';
import {
  CELL,
  clampConfig,
  configToParams,
  type PagedConfig,
  PARAM_KEYS,
  rawFromParams,
  type RawConfig,
  Simulation,
  type SvgNode,
} from '../../lib/paged-blocks';
import { clockText, LANES, laneView, readout, statusText } from '../../lib/paged-blocks-view';

const SVG = 'http://www.w3.org/2000/svg';
const TICK_MS = 80;
const FIELDS = Object.keys(PARAM_KEYS) as (keyof PagedConfig)[];

class CfPagedBlocks extends HTMLElement {
  #config!: PagedConfig;
  #sim!: Simulation;
  #timer = 0;
  #hashId = 'paged-blocks';

  connectedCallback() {
    this.#hashId = this.dataset.hashId || 'paged-blocks';
    const fromHash = readHashState(location.hash, this.#hashId);
    const raw = rawFromParams(fromHash ?? new URLSearchParams(this.dataset.initial ?? ''));
    const start = Number(this.dataset.start) || 0;
    this.#apply(raw, start, false);
    this.#writeFields(FIELDS);

    const form = this.querySelector<HTMLFormElement>('[data-form]')!;
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.#fromForm(true);
    });
    // Sliders and the select apply while they move; number fields when committed (Enter, Tab, blur,
    // or their arrow keys), so that typing 1024 does not pass through a clamped 1.
    form.addEventListener('input', (event) => {
      const target = event.target as HTMLInputElement;
      if (target.type === 'range') this.#echo(target);
      if (target.type === 'range' || target.tagName === 'SELECT') this.#fromForm(false);
    });
    // Enter commits a number field (a form with several fields has no implicit submission).
    form.addEventListener('keydown', (event) => {
      const target = event.target as HTMLInputElement;
      if (event.key === 'Enter' && target.type === 'number') {
        event.preventDefault();
        this.#fromForm(true);
      }
    });
    form.addEventListener('change', (event) => {
      const target = event.target as HTMLInputElement;
      if (target.type === 'number') this.#fromForm(true);
    });

    for (const button of this.querySelectorAll<HTMLButtonElement>('[data-act]')) {
      button.addEventListener('click', () => this.#act(button.dataset.act ?? ''));
    }
    for (const lane of LANES) {
      const svg = this.#lane(lane).querySelector<SVGSVGElement>('[data-grid]')!;
      const show = (event: PointerEvent) => this.#point(lane, svg, event);
      svg.addEventListener('pointermove', show);
      svg.addEventListener('pointerdown', show);
      svg.addEventListener('pointerleave', () => this.#readout(lane, ''));
    }
    window.addEventListener('hashchange', this.#onHash);
    this.#render(true);
  }

  disconnectedCallback() {
    this.#pause();
    window.removeEventListener('hashchange', this.#onHash);
  }

  /** A link to this island's state followed on the same page (replaceState fires no hashchange). */
  #onHash = () => {
    const params = readHashState(location.hash, this.#hashId);
    if (!params) return;
    this.#apply(rawFromParams(params), this.#sim.step, false);
    this.#writeFields(FIELDS);
    this.#render(true);
  };

  #lane(lane: string): HTMLElement {
    return this.querySelector<HTMLElement>(`[data-lane="${lane}"]`)!;
  }

  #field(name: string) {
    return this.querySelector<HTMLInputElement | HTMLSelectElement>(`[name="${name}"]`);
  }

  /** Read every field, apply, and (on commit) show the values actually used. */
  #fromForm(commit: boolean) {
    const raw: RawConfig = {};
    for (const f of FIELDS) {
      const el = this.#field(f);
      if (el) raw[f] = el.value;
    }
    const changed = this.#apply(raw, this.#sim.step, true);
    if (commit) this.#writeFields(changed);
  }

  /**
   * Make `raw` the configuration: messages beside corrected fields, and a new simulation at `step`
   * if anything changed. Returns the fields whose typed value differs from the value used.
   */
  #apply(raw: RawConfig, step: number, writeHash: boolean): (keyof PagedConfig)[] {
    const { config, messages } = clampConfig(raw);
    const same = this.#config && FIELDS.every((f) => this.#config[f] === config[f]);
    // Messages describe the last correction: an apply that changes nothing (say, the change event
    // that follows our own write-back of a clamped value) leaves them in place.
    if (!same || Object.keys(messages).length > 0) this.#showMessages(messages);
    if (!same) {
      this.#config = config;
      const running = this.#timer !== 0;
      this.#pause();
      this.#sim = new Simulation(config);
      this.#sim.runTo(step);
      if (writeHash) {
        history.replaceState(history.state, '', hashFor(this.#hashId, configToParams(config)));
        this.#render(true);
      }
      if (running && !this.#sim.done) this.#run();
    }
    return FIELDS.filter((f) => raw[f] !== undefined && String(raw[f]).trim() !== String(config[f]));
  }

  #showMessages(messages: Partial<Record<keyof PagedConfig, string>>) {
    for (const f of FIELDS) {
      const box = this.querySelector(`[data-msg="${f}"]`);
      const message = messages[f] ?? '';
      if (box) box.textContent = message;
      const el = this.#field(f);
      if (message) el?.setAttribute('aria-invalid', 'true');
      else el?.removeAttribute('aria-invalid');
    }
  }

  /** Put the configuration's values back into the given fields. */
  #writeFields(fields: (keyof PagedConfig)[]) {
    for (const f of fields) {
      const el = this.#field(f);
      if (!el) continue;
      el.value = String(this.#config[f]);
      if (el instanceof HTMLInputElement && el.type === 'range') this.#echo(el);
    }
  }

  #echo(input: HTMLInputElement) {
    const out = this.querySelector(`[data-echo="${input.name}"]`);
    if (out) out.textContent = input.value;
  }

  #act(action: string) {
    if (action === 'step') {
      this.#pause();
      this.#sim.advance();
      this.#render(true);
    } else if (action === 'run') {
      if (this.#sim.done) return;
      if (matchMedia('(prefers-reduced-motion: reduce)').matches) {
        // No animation: show the end of the run at once.
        this.#sim.runTo(this.#config.steps);
        this.#render(true);
        this.#button('reset').focus(); // Run and Step are now disabled
      } else this.#run();
    } else if (action === 'pause') {
      this.#pause();
      this.#render(true);
      this.#button('run').focus();
    } else if (action === 'reset') {
      this.#pause();
      this.#sim = new Simulation(this.#config);
      this.#render(true);
    }
  }

  #run() {
    if (this.#timer !== 0) return;
    this.#timer = window.setInterval(() => {
      this.#sim.advance();
      if (this.#sim.done) {
        const hadFocus = document.activeElement === this.#button('pause');
        this.#pause();
        this.#render(true);
        if (hadFocus) this.#button('reset').focus();
      } else this.#render(false);
    }, TICK_MS);
    this.#render(false);
    // Focus would be lost on the now disabled Run button: keep it on Pause.
    if (document.activeElement === this.#button('run')) this.#button('pause').focus();
  }

  #pause() {
    if (this.#timer !== 0) {
      clearInterval(this.#timer);
      this.#timer = 0;
    }
  }

  /** Redraw everything from the simulation; `announce` also updates the status line. */
  #render(announce: boolean) {
    const sim = this.#sim;
    const clock = clockText(sim);
    this.#text('[data-clock]', clock);
    this.#text('[data-caption]', `What each memory holds at ${clock.toLowerCase()} (token slots)`);
    this.#text('[data-summary-caption]', `The run so far (steps 1 to ${sim.step})`);
    if (announce) this.#text('[data-status]', statusText(sim));

    for (const kind of LANES) {
      const view = laneView(sim, kind);
      const lane = this.#lane(kind);
      const title = lane.querySelector('[data-title]');
      if (title) title.textContent = view.title;
      const util = lane.querySelector('[data-util]');
      if (util) util.textContent = view.utilisation;
      const svg = lane.querySelector<SVGSVGElement>('[data-grid]')!;
      svg.setAttribute('viewBox', `0 0 ${view.width} ${view.height}`);
      svg.setAttribute('aria-label', view.aria);
      svg.replaceChildren(...view.nodes.map(svgNode));
      for (const [key, value] of Object.entries(view.metrics)) this.#text(`[data-m="${kind}-${key}"]`, value);
      for (const [key, value] of Object.entries(view.summary)) this.#text(`[data-s="${kind}-${key}"]`, value);
      const body = this.querySelector(`[data-holders="${kind}"]`);
      body?.replaceChildren(
        ...view.holders.map((row) => {
          const tr = document.createElement('tr');
          row.forEach((cell, i) => {
            const td = document.createElement(i === 0 ? 'th' : 'td');
            if (i === 0) td.setAttribute('scope', 'row');
            td.textContent = cell;
            tr.append(td);
          });
          return tr;
        }),
      );
    }

    const running = this.#timer !== 0;
    this.#button('step').disabled = sim.done;
    this.#button('run').disabled = running || sim.done;
    this.#button('pause').disabled = !running;
    this.#button('reset').disabled = false;
  }

  #button(act: string): HTMLButtonElement {
    return this.querySelector<HTMLButtonElement>(`[data-act="${act}"]`)!;
  }

  #text(selector: string, text: string) {
    const el = this.querySelector(selector);
    if (el && el.textContent !== text) el.textContent = text;
  }

  #point(lane: (typeof LANES)[number], svg: SVGSVGElement, event: PointerEvent) {
    const box = svg.getBoundingClientRect();
    const view = svg.viewBox.baseVal;
    if (box.width === 0 || box.height === 0) return;
    const col = Math.floor((((event.clientX - box.left) / box.width) * view.width) / CELL);
    const row = Math.floor((((event.clientY - box.top) / box.height) * view.height) / CELL);
    const cols = Math.round(view.width / CELL);
    if (col < 0 || col >= cols || row < 0) return;
    this.#readout(lane, readout(this.#sim, lane, row * cols + col));
  }

  #readout(lane: string, text: string) {
    const el = this.#lane(lane).querySelector('[data-readout]');
    if (el)
      el.textContent =
        text || 'Point at or tap a slot to read it; every request is listed in the tables below.';
  }
}

function svgNode(node: SvgNode): SVGElement {
  const el = document.createElementNS(SVG, node.tag);
  for (const [name, value] of Object.entries(node.attrs)) el.setAttribute(name, String(value));
  if (node.text !== undefined) el.textContent = node.text;
  return el;
}

customElements.define('cf-paged-blocks', CfPagedBlocks);
