/**
 * <cf-roofline>: DOM wiring for the prefill-and-decode roofline. All arithmetic and all text come from
 * src/lib (roofline*.ts); this file reads the controls, keeps the state, re-renders and writes the hash.
 *
 * State: a RooflineState (model, gpu, gpus, batch, context, prompt), plus one message per field when a
 * typed or shared value could not be used as given. Lifecycle: on connect, read the presets the page
 * embedded, start from data-initial, apply "#<id>?…" from the URL if it names this island, wire the
 * controls; every change re-renders the verdicts, chart, results and table from the view tree and
 * replaces the hash (history.replaceState, so the back button is not flooded). A pasted hash is
 * picked up on hashchange. Nothing animates, so reduced motion needs no special case.
 */
import { hashFor, readHashState } from '../../lib/hash-state';
import type { GpuPreset } from '../../schemas/gpu';
import type { ModelPreset } from '../../schemas/model';
import {
  BATCH_STOPS,
  type Catalogue,
  type NumberField,
  NUMBER_FIELDS,
  type RooflineState,
  capContext,
  checkNumber,
  groupNumber,
  nearestStop,
  resolveState,
  stateParams,
  tokenStops,
} from '../../lib/roofline-state';
import { compute, presetFigures, verdictNodes, viewNodes } from '../../lib/roofline-view';
import type { ViewNode } from '../../lib/view-tree';

type Link = { title: string; url: string };
interface Embedded {
  models: Record<string, ModelPreset & { sourceLinks: Link[] }>;
  gpus: Record<string, GpuPreset & { sourceLinks: Link[] }>;
}
type Field = keyof RooflineState;

const SVG = 'http://www.w3.org/2000/svg';
const UNIT: Record<NumberField, string> = {
  gpus: 'GPUs',
  batch: 'sequences',
  context: 'tokens',
  prompt: 'tokens',
};

/** Real nodes from a view tree: elements by name, text by textContent, never parsed markup. */
function toDom(node: ViewNode, svg = false): Node {
  if (typeof node === 'string') return document.createTextNode(node);
  const inSvg = svg || node.tag === 'svg';
  const el = inSvg ? document.createElementNS(SVG, node.tag) : document.createElement(node.tag);
  for (const [key, value] of Object.entries(node.attrs)) el.setAttribute(key, value);
  for (const child of node.children) el.append(toDom(child, inSvg && node.tag !== 'foreignObject'));
  return el;
}

class CfRoofline extends HTMLElement {
  #id = 'roofline';
  #data: Embedded | null = null;
  #initial!: RooflineState;
  #state!: RooflineState;
  #catalogue!: Catalogue;
  #messages: Partial<Record<Field, string>> = {};
  #onHash = () => this.#fromHash();

  connectedCallback() {
    this.#id = this.dataset.id || 'roofline';
    try {
      this.#data = JSON.parse(this.querySelector('script[data-presets]')?.textContent ?? '') as Embedded;
    } catch {
      this.#data = null;
    }
    const data = this.#data;
    if (!data || Object.keys(data.models).length === 0 || Object.keys(data.gpus).length === 0) {
      this.setAttribute('data-load-failed', '');
      return;
    }
    this.#catalogue = {
      models: Object.keys(data.models),
      gpus: Object.keys(data.gpus),
      maxContext: (m) => data.models[m]?.maxContext ?? 1,
      modelName: (m) => data.models[m]?.name ?? m,
    };
    // data-initial is the whole state the page rendered (every field), so these fallbacks never show.
    const fromPage = resolveState(
      new URLSearchParams(this.dataset.initial ?? ''),
      {
        model: this.#catalogue.models[0]!,
        gpu: this.#catalogue.gpus[0]!,
        gpus: 1,
        batch: 16,
        context: 4096,
        prompt: 2048,
      },
      this.#catalogue,
    );
    this.#initial = { ...fromPage.state };
    this.#state = { ...fromPage.state };
    this.#wire();
    window.addEventListener('hashchange', this.#onHash);
    this.#fromHash();
  }

  disconnectedCallback() {
    window.removeEventListener('hashchange', this.#onHash);
  }

  #select(name: 'model' | 'gpu') {
    return this.querySelector<HTMLSelectElement>(`select[data-select="${name}"]`);
  }
  #number(field: NumberField) {
    return this.querySelector<HTMLInputElement>(`input[data-number="${field}"]`);
  }
  #range(field: NumberField) {
    return this.querySelector<HTMLInputElement>(`input[data-range="${field}"]`);
  }

  /** A hash naming this island replaces the state (unknown or bad values come back with messages). */
  #fromHash() {
    const params = readHashState(location.hash, this.#id);
    if (!params) return;
    const { state, messages } = resolveState(params, this.#initial, this.#catalogue);
    this.#state = state;
    this.#messages = messages;
    this.#syncControls();
    this.#render(false);
  }

  #wire() {
    for (const name of ['model', 'gpu'] as const)
      this.#select(name)?.addEventListener('change', (event) => {
        const value = (event.target as HTMLSelectElement).value;
        if (!(name === 'model' ? this.#catalogue.models : this.#catalogue.gpus).includes(value)) return;
        this.#state[name] = value;
        this.#messages = {};
        if (name === 'model') Object.assign(this.#messages, capContext(this.#state, this.#catalogue));
        this.#syncControls();
        this.#render();
      });
    for (const field of NUMBER_FIELDS) {
      const input = this.#number(field);
      // While typing: use the checked value and say why it differs; on commit (change), show it.
      input?.addEventListener('input', () => this.#typed(field, false));
      input?.addEventListener('change', () => this.#typed(field, true));
      this.#range(field)?.addEventListener('input', (event) => {
        const stops = this.#stops(field);
        const index = Number((event.target as HTMLInputElement).value);
        const value = stops[Math.min(Math.max(0, index), stops.length - 1)];
        if (value === undefined) return;
        this.#state[field] = value;
        delete this.#messages[field];
        this.#syncControls();
        this.#render();
      });
    }
    // Pointer: selecting a decode dot on the chart chooses that batch.
    this.querySelector('[data-view]')?.addEventListener('click', (event) => {
      const step = (event.target as Element).closest?.('[data-batch]');
      const batch = Number(step?.getAttribute('data-batch'));
      if (!step || !(event.currentTarget as Element).contains(step) || !Number.isInteger(batch)) return;
      if (step.closest('table')) return; // table rows carry data-batch too; only the chart's dots choose
      this.#state.batch = batch;
      delete this.#messages.batch;
      this.#syncControls();
      this.#render();
    });
  }

  #stops(field: NumberField): readonly number[] {
    if (field === 'batch') return BATCH_STOPS;
    return tokenStops(this.#catalogue.maxContext(this.#state.model));
  }

  #typed(field: NumberField, commit: boolean) {
    const input = this.#number(field);
    if (!input) return;
    const max =
      field === 'context' || field === 'prompt' ? this.#catalogue.maxContext(this.#state.model) : undefined;
    const why =
      max === undefined ? '' : ` for ${this.#catalogue.modelName(this.#state.model)}, its longest context`;
    const checked = checkNumber(field, input.value, this.#state[field], max, why);
    this.#state[field] = checked.value;
    if (checked.message) this.#messages[field] = checked.message;
    else delete this.#messages[field];
    const unreadable =
      !Number.isFinite(Number(input.value.trim().replace(/[,_\s]/g, ''))) || input.value.trim() === '';
    input.setAttribute('aria-invalid', String(unreadable));
    if (commit) {
      input.value = String(checked.value);
      input.setAttribute('aria-invalid', 'false');
    }
    this.#syncControls(field);
    this.#render();
  }

  /** Controls show the state; `typing` is a field whose text the reader is still editing. */
  #syncControls(typing?: NumberField) {
    const model = this.#select('model');
    if (model) model.value = this.#state.model;
    const gpu = this.#select('gpu');
    if (gpu) gpu.value = this.#state.gpu;
    for (const field of NUMBER_FIELDS) {
      const value = this.#state[field];
      const input = this.#number(field);
      if (input && field !== typing) {
        input.value = String(value);
        input.setAttribute('aria-invalid', 'false');
      }
      const range = this.#range(field);
      if (range) {
        const stops = this.#stops(field);
        range.max = String(stops.length - 1);
        range.value = String(nearestStop(stops, value));
        range.setAttribute('aria-valuetext', `${groupNumber(value)} ${UNIT[field]}`);
      }
    }
    for (const el of this.querySelectorAll<HTMLElement>('[data-msg]')) {
      const field = el.dataset.msg as Field;
      el.textContent = this.#messages[field] ?? '';
    }
  }

  #presets(): { model: Embedded['models'][string]; gpu: Embedded['gpus'][string] } | null {
    const model = this.#data?.models[this.#state.model];
    const gpu = this.#data?.gpus[this.#state.gpu];
    return model && gpu ? { model, gpu } : null;
  }

  #render(writeHash = true) {
    const presets = this.#presets();
    if (!presets) return;
    const computed = compute(this.#state, presets);
    this.querySelector('[data-verdict]')?.replaceChildren(
      ...verdictNodes(this.#state, presets, computed).map((n) => toDom(n)),
    );
    this.querySelector('[data-view]')?.replaceChildren(
      ...viewNodes(this.#state, computed, this.#id).map((n) => toDom(n)),
    );
    const figures = this.querySelector('[data-figures]');
    if (figures) figures.textContent = presetFigures(presets);
    const links = this.querySelector('[data-links]');
    if (links) {
      const all = [...presets.model.sourceLinks, ...presets.gpu.sourceLinks];
      links.replaceChildren(
        ...all.flatMap((l, i) => {
          const a = document.createElement('a');
          a.href = l.url;
          a.textContent = l.title;
          return i > 0 ? [document.createTextNode('; '), a] : [a];
        }),
      );
    }
    if (writeHash) history.replaceState(history.state, '', hashFor(this.#id, stateParams(this.#state)));
  }
}

if (!customElements.get('cf-roofline')) customElements.define('cf-roofline', CfRoofline);
