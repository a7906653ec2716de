/**
 * <cf-distribution-lab>: makes the server-rendered lab live. DOM wiring only; the measures and the
 * drawings come from src/lib/distributions and src/lib/distribution-lab-view.
 *
 * State: a LabState (P's weights or logits and temperature, Q's weights, the unit). Each slider has
 * a number input twin; typing a bad number shows a message beside it and the nearest valid value is
 * used. Every change re-renders the charts, the decomposition, the measures and the table, and writes
 * the state to the URL hash (#<id>?mode=…&p=…&q=…&unit=…), read again on load and on hashchange.
 * Lifecycle: connect enables the controls and reads the hash; disconnect removes the hash listener.
 */
import type { Child } from '../../lib/el';
import { hashFor, readHashState } from '../../lib/hash-state';
import {
  analyse,
  applyPreset,
  BOUNDS,
  isPresetId,
  labParams,
  type LabState,
  type Messages,
  parseLab,
  parseNumber,
  swap,
} from '../../lib/distributions';
import {
  asymmetryText,
  barChart,
  decompositionSvg,
  measuresList,
  termsTable,
} from '../../lib/distribution-lab-view';
import { renderInto } from '../el-dom';

class CfDistributionLab extends HTMLElement {
  #id = 'distribution-lab';
  #uid = '';
  #initial!: LabState;
  #state!: LabState;
  #messages: Messages = {};
  #onHash = () => this.#readHash();

  connectedCallback() {
    this.#id = this.dataset.id ?? this.#id;
    this.#uid = this.#id.replace(/[^a-z0-9-]/gi, '');
    this.#initial = JSON.parse(this.dataset.state ?? '{}') as LabState;
    this.#state = structuredClone(this.#initial);

    this.querySelector('[data-nojs]')?.remove();
    for (const control of this.querySelectorAll<HTMLInputElement | HTMLButtonElement>('input, button'))
      control.disabled = false;
    this.addEventListener('input', this.#onInput);
    this.addEventListener('change', this.#onChange);
    for (const button of this.querySelectorAll<HTMLButtonElement>('[data-preset]'))
      button.addEventListener('click', () => {
        const id = button.dataset.preset ?? '';
        if (isPresetId(id)) this.#set(applyPreset(this.#state, id), {});
      });
    this.querySelector('[data-swap]')?.addEventListener('click', () => this.#set(swap(this.#state), {}));
    window.addEventListener('hashchange', this.#onHash);
    this.#readHash();
  }

  disconnectedCallback() {
    window.removeEventListener('hashchange', this.#onHash);
  }

  #readHash() {
    const params = readHashState(location.hash, this.#id);
    if (!params) return this.#set(this.#state, this.#messages, false);
    const { state, messages } = parseLab(params, this.#initial);
    this.#set(state, messages, false);
  }

  /** A slider moved, a number was typed, or a radio was chosen. */
  #onInput = (event: Event) => {
    const input = event.target as HTMLInputElement;
    if (input.type === 'radio') {
      if (input.name.endsWith('-unit') && (input.value === 'bits' || input.value === 'nats'))
        this.#set({ ...this.#state, unit: input.value }, this.#messages);
      if (input.name.endsWith('-mode') && (input.value === 'weights' || input.value === 'logits'))
        this.#set({ ...this.#state, pMode: input.value }, this.#messages);
      return;
    }
    const field = input.dataset.field;
    if (!field) return;
    const state = structuredClone(this.#state);
    const messages = { ...this.#messages };
    delete messages[field];
    const [list, index] = field.split('-') as [string, string | undefined];
    const i = Number(index);
    const bounds = list === 'z' ? BOUNDS.logit : list === 't' ? BOUNDS.temperature : BOUNDS.weight;
    const current =
      list === 'p'
        ? state.pWeights[i]!
        : list === 'q'
          ? state.qWeights[i]!
          : list === 'z'
            ? state.logits[i]!
            : state.temperature;
    const parsed = parseNumber(input.value, bounds, current);
    if (parsed.message) messages[field] = parsed.message;
    if (list === 'p') state.pWeights[i] = parsed.value;
    else if (list === 'q') state.qWeights[i] = parsed.value;
    else if (list === 'z') state.logits[i] = parsed.value;
    else state.temperature = parsed.value;
    // The typed text stays while typing; the twin control follows the value in use.
    this.#set(state, messages, true, input);
  };

  /** On commit (blur or Enter), a number field shows the value actually used. */
  #onChange = (event: Event) => {
    const input = event.target as HTMLInputElement;
    if (input.dataset.kind === 'number') this.#fill();
  };

  #set(state: LabState, messages: Messages, write = true, typing?: HTMLInputElement) {
    this.#state = state;
    this.#messages = messages;
    this.#fill(typing);
    this.#render();
    if (write) history.replaceState(history.state, '', hashFor(this.#id, labParams(state)));
  }

  /** Put the state into every control (except the one being typed in). */
  #fill(except?: HTMLInputElement) {
    const s = this.#state;
    const value = (field: string) => {
      const [list, index] = field.split('-') as [string, string | undefined];
      const i = Number(index);
      if (list === 'p') return s.pWeights[i]!;
      if (list === 'q') return s.qWeights[i]!;
      if (list === 'z') return s.logits[i]!;
      return s.temperature;
    };
    for (const input of this.querySelectorAll<HTMLInputElement>('input[data-field]')) {
      if (input === except) continue;
      input.value = String(value(input.dataset.field!));
    }
    for (const radio of this.querySelectorAll<HTMLInputElement>('input[type="radio"]')) {
      if (radio.name.endsWith('-unit')) radio.checked = radio.value === s.unit;
      if (radio.name.endsWith('-mode')) radio.checked = radio.value === s.pMode;
    }
    for (const input of this.querySelectorAll<HTMLInputElement>('input[data-field]')) {
      const message = this.#messages[input.dataset.field!];
      if (message) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
    }
  }

  #render() {
    const s = this.#state;
    const r = analyse(s);
    const logits = s.pMode === 'logits';
    const editor = (name: string) => this.querySelector<HTMLElement>(`[data-editor="${name}"]`);
    const weightsEditor = editor('p-weights');
    const logitsEditor = editor('p-logits');
    if (weightsEditor && logitsEditor) {
      weightsEditor.hidden = logits;
      logitsEditor.hidden = !logits;
    }
    const swapButton = this.querySelector<HTMLButtonElement>('[data-swap]');
    if (swapButton) swapButton.hidden = logits;

    const put = (selector: string, nodes: Child[]) => {
      const target = this.querySelector(selector);
      if (target) renderInto(target, nodes);
    };
    put('[data-chart="p"]', [barChart(r.p, r.q, s.labels, 'P', 'Q', `${this.#uid}-p-chart`)]);
    put('[data-chart="q"]', [barChart(r.q, r.p, s.labels, 'Q', 'P', `${this.#uid}-q-chart`)]);
    put('[data-decomp]', [decompositionSvg(r, s.unit, `${this.#uid}-decomp`)]);
    put('[data-measures]', [measuresList(r, s.unit)]);
    put('[data-terms]', [termsTable(r, s.labels, s.unit)]);
    const asym = this.querySelector('[data-asym]');
    if (asym) asym.textContent = asymmetryText(r, s.unit);

    const all = { ...this.#messages, ...r.messages };
    for (const slot of this.querySelectorAll<HTMLElement>('[data-error]'))
      slot.textContent = all[slot.dataset.error!] ?? '';
  }
}

customElements.define('cf-distribution-lab', CfDistributionLab);
