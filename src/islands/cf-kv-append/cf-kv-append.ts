/**
 * <cf-kv-append>: makes the server-rendered stepper live. DOM wiring only; the numbers and drawings
 * come from src/lib/kv-append(-view).
 *
 * State: the model shape (last usable values; bad fields get a message and are replaced by the
 * nearest valid value) and the step t, 0 … number of tokens. Every change re-renders the picture,
 * the byte list and the tables from that state and writes it to the URL hash
 * (#<id>?step=…&layers=…), which is read again on load and on hashchange.
 * Lifecycle: connect enables the controls and reads the hash; disconnect stops autoplay and
 * removes the window listeners.
 */
import type { Child } from '../../lib/el';
import { hashFor, readHashState } from '../../lib/hash-state';
import {
  type AppendModel,
  appendState,
  FIELDS,
  type Field,
  parseAppend,
  toParams,
  toyPicture,
} from '../../lib/kv-append';
import { bytesList, pictureSvg, rowsTable, statusText, workTable } from '../../lib/kv-append-view';
import { renderInto } from '../el-dom';

const PLAY_MS = 900;

class CfKvAppend extends HTMLElement {
  #id = 'kv-cache-append';
  #tokens: string[] = [];
  #initial!: { model: AppendModel; step: number };
  #model!: AppendModel;
  #step = 0;
  #timer = 0;
  #reducedMotion = matchMedia('(prefers-reduced-motion: reduce)');

  #onHash = () => this.#readHash();
  #onMotion = () => this.#syncPlay();

  connectedCallback() {
    this.#id = this.dataset.id ?? this.#id;
    this.#tokens = (this.dataset.tokens ?? '').split(' ').filter(Boolean);
    this.#model = JSON.parse(this.dataset.model ?? '{}') as AppendModel;
    this.#step = Number(this.dataset.step ?? 0);
    this.#initial = { model: { ...this.#model }, step: this.#step };

    this.querySelector('[data-nojs]')?.remove();
    for (const button of this.querySelectorAll<HTMLButtonElement>('button')) button.disabled = false;
    this.#button('back').addEventListener('click', () => this.#go(this.#step - 1));
    this.#button('next').addEventListener('click', () => this.#go(this.#step + 1));
    this.#button('reset').addEventListener('click', () => this.#go(0));
    this.#button('play').addEventListener('click', this.#togglePlay);
    const strip = this.querySelector<HTMLElement>('[data-strip]')!;
    strip.addEventListener('click', (event) => {
      const token = (event.target as Element).closest<HTMLButtonElement>('button[data-to]');
      if (token) this.#go(Number(token.dataset.to));
    });
    strip.addEventListener('keydown', this.#onStripKey);
    const form = this.querySelector<HTMLFormElement>('[data-form]')!;
    form.addEventListener('submit', (event) => event.preventDefault());
    form.addEventListener('input', () => this.#readForm(false));
    form.addEventListener('change', () => this.#readForm(true));
    window.addEventListener('hashchange', this.#onHash);
    this.#reducedMotion.addEventListener('change', this.#onMotion);
    this.#syncPlay();
    this.#readHash();
  }

  disconnectedCallback() {
    this.#stop();
    window.removeEventListener('hashchange', this.#onHash);
    this.#reducedMotion.removeEventListener('change', this.#onMotion);
  }

  #button(name: string): HTMLButtonElement {
    return this.querySelector<HTMLButtonElement>(`[data-${name}]`)!;
  }

  #field(name: Field) {
    return this.querySelector<HTMLInputElement | HTMLSelectElement>(`[name="${name}"]`)!;
  }

  /** Load the state the hash names, if it names this stepper; messages go beside the fields. */
  #readHash() {
    const params = readHashState(location.hash, this.#id);
    if (!params) return this.#render();
    const parsed = parseAppend(params, this.#initial.model, this.#initial.step, this.#tokens.length);
    this.#model = parsed.model;
    this.#step = parsed.step;
    this.#fill();
    this.#messages(parsed.messages);
    this.#render();
  }

  /** Read the form. While typing, fields keep what was typed; on change they show the value used. */
  #readForm(settle: boolean) {
    const params = new URLSearchParams();
    for (const name of FIELDS) params.set(name, this.#field(name).value);
    const parsed = parseAppend(params, this.#model, this.#step, this.#tokens.length);
    this.#model = parsed.model;
    this.#messages(parsed.messages);
    if (settle) this.#fill();
    this.#render();
    this.#writeHash();
  }

  #fill() {
    const p = toParams(this.#model, this.#step);
    for (const name of FIELDS) this.#field(name).value = String(p[name]);
  }

  #messages(messages: Partial<Record<Field, string>>) {
    for (const name of FIELDS) {
      const message = messages[name] ?? '';
      const slot = this.querySelector(`[data-error="${name}"]`);
      if (slot) slot.textContent = message;
      if (message) this.#field(name).setAttribute('aria-invalid', 'true');
      else this.#field(name).removeAttribute('aria-invalid');
    }
  }

  #go(step: number, fromPlay = false) {
    if (!fromPlay) this.#stop();
    const next = Math.min(this.#tokens.length, Math.max(0, step));
    if (next === this.#step) return;
    this.#step = next;
    this.#render();
    this.#writeHash();
  }

  #writeHash() {
    history.replaceState(history.state, '', hashFor(this.#id, toParams(this.#model, this.#step)));
  }

  #onStripKey = (event: KeyboardEvent) => {
    const moves: Record<string, number> = {
      ArrowRight: this.#step + 1,
      ArrowDown: this.#step + 1,
      ArrowLeft: this.#step - 1,
      ArrowUp: this.#step - 1,
      Home: 0,
      End: this.#tokens.length,
    };
    if (!(event.key in moves)) return;
    event.preventDefault();
    this.#go(moves[event.key]!);
    this.#focusCurrentToken();
  };

  #focusCurrentToken() {
    this.querySelector<HTMLButtonElement>(`button[data-to="${Math.max(1, this.#step)}"]`)?.focus();
  }

  /* Autoplay: offered only when the reader has not asked for reduced motion. */
  #syncPlay() {
    const play = this.#button('play');
    play.hidden = this.#reducedMotion.matches;
    if (this.#reducedMotion.matches) this.#stop();
  }

  #togglePlay = () => {
    if (this.#timer) return this.#stop();
    if (this.#reducedMotion.matches) return;
    if (this.#step >= this.#tokens.length) this.#go(0);
    this.#timer = window.setInterval(() => {
      if (this.#step >= this.#tokens.length) return this.#stop();
      this.#go(this.#step + 1, true);
      if (this.#step >= this.#tokens.length) this.#stop();
    }, PLAY_MS);
    this.#button('play').setAttribute('aria-pressed', 'true');
    this.#button('play').textContent = 'Pause';
  };

  #stop() {
    if (!this.#timer) return;
    clearInterval(this.#timer);
    this.#timer = 0;
    this.#button('play').setAttribute('aria-pressed', 'false');
    this.#button('play').textContent = 'Play';
  }

  #render() {
    const state = appendState(this.#model, this.#step);
    const toy = toyPicture(this.#step, this.#model.headDim);
    const put = (selector: string, nodes: Child[]) => {
      const target = this.querySelector(selector);
      if (target) renderInto(target, nodes);
    };
    const picture = this.querySelector<HTMLElement>('[data-picture]');
    put('[data-picture]', [
      pictureSvg(state, this.#model, this.#tokens, toy, picture?.dataset.labelled ?? ''),
    ]);
    put('[data-bytes]', [bytesList(state, this.#model)]);
    put('[data-work]', [workTable(state)]);
    put('[data-rows]', [rowsTable(state, this.#tokens, toy)]);
    const status = this.querySelector('[data-status]');
    if (status) status.textContent = statusText(state, this.#tokens, toy);

    for (const token of this.querySelectorAll<HTMLButtonElement>('button[data-to]')) {
      const i = Number(token.dataset.to);
      token.dataset.state = i < this.#step ? 'cached' : i === this.#step ? 'new' : 'future';
      if (i === this.#step) token.setAttribute('aria-current', 'step');
      else token.removeAttribute('aria-current');
      token.tabIndex = i === Math.max(1, this.#step) ? 0 : -1;
    }
    // aria-disabled, not disabled: the button keeps focus when it stops applying (Back at step 0).
    const off = (name: string, when: boolean) =>
      this.#button(name).setAttribute('aria-disabled', String(when));
    off('back', this.#step === 0);
    off('reset', this.#step === 0);
    off('next', this.#step >= this.#tokens.length);
  }
}

customElements.define('cf-kv-append', CfKvAppend);
