/**
 * <cf-function-explorer>: makes the server-drawn function explorer live.
 *
 * State: one ExplorerState (a registry function, its parameter values, the point x), starting from
 * data-functions / data-x and then from the URL hash if it names this island. The functions named in
 * data-functions are loaded by id (functions/load.ts imports only their family's module; until it
 * arrives the server-rendered controls stay disabled, and if it cannot be fetched they stay so with
 * a message); the hash can pick only among them, and nothing read from the page or the hash is
 * evaluated.
 * Every change goes through #set: it redraws the plot's scene layer at the plot's drawn width,
 * refills the readouts and the table of sampled values, and writes the hash with replaceState.
 * Lifecycle: a ResizeObserver redraws when the width changes; disconnecting stops it.
 */
import { hashFor, readHashState } from '../../lib/hash-state';
import { type FunctionSpec, defaultParams } from '../../lib/functions/spec';
import { loadFunctions } from '../../lib/functions/load';
import {
  EXPLORER_ID,
  type ExplorerState,
  clampX,
  fmtNum,
  fromSlider,
  plotModel,
  plotScene,
  plotSizeFor,
  pointReport,
  readNumber,
  sampleTable,
  sliderRange,
  sliderValue,
  snapTo,
  stateFromParams,
  stateToParams,
} from '../../lib/function-plot';
import type { SceneNode } from '../../lib/svg-scene';

const SVG_NS = 'http://www.w3.org/2000/svg';

function drawScene(layer: SVGGElement, nodes: SceneNode[]) {
  layer.replaceChildren(
    ...nodes.map((node) => {
      const el = document.createElementNS(SVG_NS, node.tag);
      for (const [name, value] of Object.entries(node.attrs)) el.setAttribute(name, String(value));
      if (node.text !== undefined) el.textContent = node.text;
      return el;
    }),
  );
}

function cells(values: string[], header = false): HTMLTableRowElement {
  const tr = document.createElement('tr');
  values.forEach((v, i) => {
    const cell = document.createElement(header && i === 0 ? 'th' : 'td');
    if (header && i === 0) cell.setAttribute('scope', 'row');
    cell.textContent = v;
    tr.append(cell);
  });
  return tr;
}

function columnHeaders(values: string[]): HTMLTableRowElement {
  const tr = document.createElement('tr');
  for (const v of values) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = v;
    tr.append(th);
  }
  return tr;
}

class CfFunctionExplorer extends HTMLElement {
  #id = EXPLORER_ID;
  #allowed: FunctionSpec[] = [];
  #state!: ExplorerState;
  #resize: ResizeObserver | null = null;
  #announce = 0;
  #dragging: number | null = null;
  #invert: ((px: number) => number) | null = null;

  async connectedCallback() {
    this.#id = this.dataset.id || this.#id;
    const ids = (this.dataset.functions ?? '').split(',').filter(Boolean);
    try {
      const families = (this.dataset.families ?? '').split(',');
      this.#allowed = await loadFunctions(families, ids);
    } catch (error) {
      // The family's chunk could not be fetched (offline, or a deploy replaced it): keep the
      // server-rendered state and say so, as the lazy loader does when the island's own code fails.
      this.setAttribute('data-load-failed', '');
      this.#say('fn', 'The functions for this explorer could not be loaded; reload the page to try again.');
      console.error('cf-function-explorer: could not load its functions', error);
      return;
    }
    // Removed from the page while its family loaded: nothing to wire.
    if (!this.isConnected) return;
    if (this.#allowed.length === 0) {
      this.#say('fn', 'This explorer names no function the registry knows.');
      return;
    }
    const startX = this.dataset.x ? Number(this.dataset.x) : undefined;
    const fromHash = readHashState(location.hash, this.#id);
    const { state, messages } = stateFromParams(this.#allowed, fromHash ?? new URLSearchParams(), startX);
    this.#state = state;

    for (const el of this.querySelectorAll<HTMLInputElement | HTMLSelectElement>('input, select'))
      el.disabled = false;
    this.#buildParams();
    for (const [key, message] of Object.entries(messages)) this.#say(key, message);

    const select = this.querySelector<HTMLSelectElement>('[data-fn]');
    select?.addEventListener('change', () => {
      const spec = this.#allowed.find((s) => s.id === select.value);
      if (!spec) return;
      this.#say('fn', '');
      this.#state = { spec, params: defaultParams(spec), x: spec.x0 };
      this.#buildParams();
      this.#set(this.#state);
    });
    const slider = this.#slider();
    slider.addEventListener('input', () => {
      const { spec } = this.#state;
      this.#say('x', '');
      this.#set({ ...this.#state, x: clampX(spec, fromSlider(spec, Number(slider.value))) });
    });
    const exact = this.#exact();
    exact.addEventListener('change', () => {
      const { spec } = this.#state;
      const r = readNumber(exact.validity.badInput ? '' : exact.value, spec.domain, spec.xSymbol);
      this.#say('x', r.message);
      if (r.message) exact.setAttribute('aria-invalid', 'true');
      else exact.removeAttribute('aria-invalid');
      if (r.value !== null) this.#set({ ...this.#state, x: r.value }, true);
    });

    const plot = this.#plot();
    plot.addEventListener('pointerdown', (event) => {
      if (event.button !== 0) return;
      this.#dragging = event.pointerId;
      plot.setPointerCapture(event.pointerId);
      this.#pointTo(event);
    });
    plot.addEventListener('pointermove', (event) => {
      if (this.#dragging === event.pointerId) this.#pointTo(event);
    });
    const end = (event: PointerEvent) => {
      if (this.#dragging !== event.pointerId) return;
      this.#dragging = null;
      if (plot.hasPointerCapture(event.pointerId)) plot.releasePointerCapture(event.pointerId);
    };
    plot.addEventListener('pointerup', end);
    plot.addEventListener('pointercancel', end);

    let width = 0;
    this.#resize = new ResizeObserver(() => {
      const w = Math.round(plot.getBoundingClientRect().width);
      if (w > 0 && w !== width) {
        width = w;
        this.#render(false);
      }
    });
    this.#resize.observe(plot);
    this.setAttribute('data-ready', '');
    this.#render(false);
  }

  disconnectedCallback() {
    this.#resize?.disconnect();
    clearTimeout(this.#announce);
  }

  #plot() {
    return this.querySelector<SVGSVGElement>('svg[data-plot]')!;
  }
  #slider() {
    return this.querySelector<HTMLInputElement>('[data-x-slider]')!;
  }
  #exact() {
    return this.querySelector<HTMLInputElement>('[data-x-number]')!;
  }

  #say(key: string, message: string) {
    const el = this.querySelector(`[data-msg="${key}"]`);
    if (el) el.textContent = message;
  }

  /** Pointer x on the plot → the point's x, snapped to the slider's step. */
  #pointTo(event: PointerEvent) {
    const plot = this.#plot();
    const ctm = plot.getScreenCTM();
    if (!ctm || !this.#invert) return;
    event.preventDefault();
    const p = new DOMPoint(event.clientX, event.clientY).matrixTransform(ctm.inverse());
    const { spec } = this.#state;
    const raw = clampX(spec, this.#invert(p.x));
    const [lo] = sliderRange(spec);
    const snapped = fromSlider(spec, snapTo(sliderValue(spec, raw), lo, spec.xStep));
    this.#say('x', '');
    this.#set({ ...this.#state, x: clampX(spec, snapped) });
  }

  /** One slider per parameter of the current function, built with DOM APIs. */
  #buildParams() {
    const { spec, params } = this.#state;
    const box = this.querySelector('[data-params]');
    if (!box) return;
    const uid = `fx-${this.#id}`;
    box.replaceChildren(
      ...spec.params.map((p) => {
        const wrap = document.createElement('div');
        wrap.className = 'fx-control';
        const id = `${uid}-p-${p.name}`;
        const label = document.createElement('label');
        label.htmlFor = id;
        label.textContent = p.label;
        const input = document.createElement('input');
        Object.assign(input, {
          id,
          type: 'range',
          name: p.name,
          min: String(p.min),
          max: String(p.max),
          step: String(p.step),
        });
        input.value = String(params[p.name]);
        input.setAttribute('aria-describedby', `${id}-msg`);
        const output = document.createElement('output');
        output.htmlFor.add(id);
        output.textContent = fmtNum(params[p.name]!);
        const msg = document.createElement('p');
        msg.className = 'fx-msg';
        msg.id = `${id}-msg`;
        msg.dataset.msg = p.name;
        input.addEventListener('input', () => {
          const value = snapTo(Number(input.value), p.min, p.step);
          msg.textContent = '';
          output.textContent = fmtNum(value);
          this.#set({ ...this.#state, params: { ...this.#state.params, [p.name]: value } });
        });
        wrap.append(label, input, output, msg);
        return wrap;
      }),
    );
  }

  #set(state: ExplorerState, typed = false) {
    this.#state = state;
    this.#render(true, typed);
    history.replaceState(history.state, '', hashFor(this.#id, stateToParams(state)));
  }

  #render(announce: boolean, typed = false) {
    const s = this.#state;
    const { spec } = s;
    const plot = this.#plot();
    const size = plotSizeFor(plot.getBoundingClientRect().width);
    const model = plotModel(s, size);
    this.#invert = model.invert;
    const clipId = `fx-${this.#id}-clip`;
    plot.setAttribute('viewBox', `0 0 ${model.width} ${model.height}`);
    const clip = plot.querySelector('[data-clip]');
    if (clip)
      for (const [k, v] of Object.entries({
        x: model.left,
        y: model.top,
        width: model.right - model.left,
        height: model.bottom - model.top,
      }))
        clip.setAttribute(k, String(v));
    drawScene(plot.querySelector<SVGGElement>('[data-scene]')!, plotScene(model, spec, clipId));

    for (const el of this.querySelectorAll<HTMLElement>('[data-formula]'))
      el.hidden = el.dataset.formula !== spec.id;
    const select = this.querySelector<HTMLSelectElement>('[data-fn]');
    if (select) select.value = spec.id;
    const caption = this.querySelector('[data-caption]');
    if (caption)
      caption.textContent = `Plot of ${spec.label} with the point${model.tangent ? ' and its tangent line' : ''}; the tables below list the same values.`;

    const slider = this.#slider();
    const [lo, hi] = sliderRange(spec);
    Object.assign(slider, { min: String(lo), max: String(hi), step: String(spec.xStep) });
    slider.value = String(sliderValue(spec, s.x));
    slider.setAttribute('aria-valuetext', `${spec.xSymbol} = ${fmtNum(s.x)}`);
    const xLabel = this.querySelector('[data-x-label]');
    if (xLabel) xLabel.textContent = `Point: ${spec.xSymbol}`;
    const exactLabel = this.querySelector('[data-x-number-label]');
    if (exactLabel) exactLabel.textContent = `Type ${spec.xSymbol}`;
    const exact = this.#exact();
    if (!typed || exact.getAttribute('aria-invalid') !== 'true')
      exact.value = String(Number(s.x.toPrecision(8)));
    if (!typed) exact.removeAttribute('aria-invalid');

    const report = pointReport(s, model.omitted);
    this.querySelector('[data-readout] tbody')?.replaceChildren(
      ...report.rows.map((r) => {
        const tr = cells([r.label, r.value], true);
        tr.dataset.key = r.key;
        return tr;
      }),
    );
    const stages = this.querySelector<HTMLTableElement>('[data-stages]');
    if (stages) {
      stages.hidden = report.stages.length === 0;
      stages.tBodies[0]?.replaceChildren(...report.stages.map((r) => cells([r.stage, r.flow, r.rate], true)));
    }
    this.querySelector('[data-notes]')?.replaceChildren(
      ...report.notes.map((n) => {
        const li = document.createElement('li');
        li.textContent = n;
        return li;
      }),
    );
    const table = sampleTable(spec, s.params);
    this.querySelector('[data-samples] tbody')?.replaceChildren(
      ...table.map((r) => cells([fmtNum(r.x), fmtNum(r.y), fmtNum(r.slope)])),
    );
    this.querySelector('[data-samples] thead')?.replaceChildren(
      columnHeaders([spec.xSymbol, `f(${spec.xSymbol})`, 'slope']),
    );
    const samplesCaption = this.querySelector('[data-samples-caption]');
    if (samplesCaption)
      samplesCaption.textContent = `${spec.label}, ${table.length} points across the plotted range`;

    const sentence = this.querySelector('[data-sentence]');
    if (!sentence) return;
    clearTimeout(this.#announce);
    if (!announce) sentence.textContent = report.sentence;
    else this.#announce = window.setTimeout(() => (sentence.textContent = report.sentence), 350);
  }
}

customElements.define('cf-function-explorer', CfFunctionExplorer);
