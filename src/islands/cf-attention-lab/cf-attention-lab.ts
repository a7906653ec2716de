/**
 * <cf-attention-lab>: makes the server-rendered attention lab live. DOM wiring only: the state and
 * its checks are in src/lib/attention-lab.ts, the numbers in src/lib/attention.ts and the markup in
 * src/lib/attention-lab-view.ts (the same trees the page was built from).
 *
 * State: a LabState (tokens, Q, K, V, switches, τ, heads, d_k, seed) plus the selected weight
 * (head, row, column) that the explanation follows.
 * Lifecycle: on connect, read the configured start from data-config, apply the URL hash if it names
 * this lab (with a note for anything that had to be fixed), enable the controls and render. Every
 * change updates the state, re-renders what depends on it and writes the hash with replaceState.
 * A hash edited by hand (hashchange) is read again. Window listeners go in disconnectedCallback.
 */
import {
  DK_RULE,
  DK_STOPS,
  ENTRY_RULE,
  fromParams,
  type Heads,
  isPresetId,
  LAB_ID,
  type LabState,
  nearestStop,
  PRESETS,
  type Preset,
  type PresetId,
  readNumber,
  readTokens,
  SEED_MAX,
  stateFor,
  TEMPERATURE_RULE,
  TEMPERATURE_STOPS,
  toParams,
  formatNumber,
} from '../../lib/attention-lab';
import {
  computeLab,
  editorView,
  fitSelection,
  type MatrixName,
  pipelineView,
  randomView,
  type Selection,
  summary,
} from '../../lib/attention-lab-view';
import { hashFor, readHashState } from '../../lib/hash-state';
import type { MultiHeadResult } from '../../lib/attention';
import { renderInto } from '../html-tree-dom';

class CfAttentionLab extends HTMLElement {
  #id = LAB_ID;
  #uid = '';
  #base!: LabState;
  #state!: LabState;
  #sel: Selection | undefined;
  #results: MultiHeadResult | undefined;
  #lastHash = '';
  #randomFrame = 0;

  connectedCallback() {
    this.#id = this.dataset.hashId || LAB_ID;
    this.#uid = this.dataset.uid || `attn-${this.#id}`;
    this.#base = fromParams(new URLSearchParams(this.dataset.config ?? ''), stateFor('lookup')).state;
    this.#state = this.#base;
    this.#readHash();
    this.querySelector('[data-nojs]')?.remove();
    for (const el of this.querySelectorAll<HTMLInputElement>('[data-control]')) el.disabled = false;
    for (const form of this.querySelectorAll('form'))
      form.addEventListener('submit', (event) => event.preventDefault());
    this.addEventListener('input', this.#onInput);
    this.addEventListener('change', this.#onChange);
    this.addEventListener('click', this.#onClick);
    this.addEventListener('keydown', this.#onKey);
    window.addEventListener('hashchange', this.#onHashChange);
    this.#syncControls();
    this.#renderAll();
  }

  disconnectedCallback() {
    window.removeEventListener('hashchange', this.#onHashChange);
    cancelAnimationFrame(this.#randomFrame);
  }

  // ------------------------------------------------------------------ state in and out

  /** Apply the hash if it names this lab; returns whether it did. */
  #readHash(): boolean {
    const params = readHashState(location.hash, this.#id);
    if (!params) return false;
    this.#lastHash = location.hash;
    const { state, notes } = fromParams(params, this.#base);
    this.#state = state;
    this.#sel = undefined;
    this.#say(notes.join(' '));
    return true;
  }

  #onHashChange = () => {
    if (location.hash === this.#lastHash) return;
    if (this.#readHash()) {
      this.#clearErrors();
      this.#syncControls();
      this.#renderAll();
    }
  };

  #writeHash() {
    const hash = hashFor(this.#id, toParams(this.#state));
    this.#lastHash = hash;
    history.replaceState(history.state, '', `${location.pathname}${location.search}${hash}`);
  }

  #say(text: string) {
    const notes = this.querySelector('[data-notes]');
    if (notes) notes.textContent = text;
  }

  // ------------------------------------------------------------------ controls

  #control<T extends HTMLElement = HTMLInputElement>(name: string): T | null {
    return this.querySelector<T>(`[data-control="${name}"]`);
  }

  /** Put the state into every control, except a field the reader is typing in. */
  #syncControls() {
    const s = this.#state;
    const active = document.activeElement;
    const set = (name: string, value: string) => {
      const el = this.#control(name);
      if (el && el !== active) el.value = value;
    };
    const preset = this.#control<HTMLSelectElement>('preset');
    if (preset) preset.value = s.preset;
    const note = this.querySelector('[data-preset-note]');
    if (note)
      note.textContent =
        s.preset === 'custom'
          ? 'Your own numbers: pick an example to start again from it.'
          : PRESETS[s.preset].note;
    set('tokens', s.tokens.join(' '));
    const scale = this.#control('scale');
    if (scale) scale.checked = s.scale;
    const causal = this.#control('causal');
    if (causal) causal.checked = s.causal;
    set('temp', String(s.temperature));
    const tempRange = this.#control('temp-range');
    if (tempRange) {
      tempRange.value = String(nearestStop(TEMPERATURE_STOPS, s.temperature));
      tempRange.setAttribute('aria-valuetext', `τ = ${formatNumber(s.temperature)}`);
    }
    for (const radio of this.querySelectorAll<HTMLInputElement>('[data-control="heads"]'))
      radio.checked = Number(radio.value) === s.heads;
    set('dk', String(s.dk));
    const dkRange = this.#control('dk-range');
    if (dkRange) {
      dkRange.value = String(nearestStop(DK_STOPS, s.dk));
      dkRange.setAttribute('aria-valuetext', `d_k = ${s.dk}`);
    }
    const seed = this.querySelector('[data-seed]');
    if (seed) seed.textContent = `Seed ${s.seed}`;
  }

  /** A message beside a field (empty to clear it), with aria-invalid on the field. */
  #error(key: string, message: string, field?: HTMLInputElement | null) {
    const p = this.querySelector(`[data-error="${key}"]`);
    if (p) p.textContent = message;
    if (field) {
      if (message) field.setAttribute('aria-invalid', 'true');
      else field.removeAttribute('aria-invalid');
    }
  }

  #clearErrors() {
    for (const p of this.querySelectorAll('[data-error]')) p.textContent = '';
    for (const el of this.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
  }

  #update(patch: Partial<LabState>, parts: { editor?: boolean; pipeline?: boolean; random?: boolean }) {
    this.#state = { ...this.#state, ...patch };
    this.#syncControls();
    if (parts.editor) this.#renderEditor();
    if (parts.pipeline) this.#renderPipeline();
    if (parts.random) this.#scheduleRandom();
    this.#writeHash();
  }

  #onInput = (event: Event) => {
    this.#typed(event.target as HTMLInputElement, false);
  };

  #onChange = (event: Event) => {
    const el = event.target as HTMLInputElement;
    if (this.#typed(el, true)) return;
    const s = this.#state;
    switch (el.dataset.control) {
      case 'preset':
        if (isPresetId(el.value)) this.#loadPreset(el.value);
        return;
      case 'scale':
        this.#update({ scale: el.checked }, { pipeline: true, random: true });
        return;
      case 'causal':
        this.#update({ causal: el.checked }, { pipeline: true, random: true });
        return;
      case 'heads': {
        const heads = Number(el.value) as Heads;
        this.#sel = this.#sel && { ...this.#sel, head: Math.min(this.#sel.head, heads - 1) };
        this.#update({ heads, head: Math.min(s.head, heads - 1) }, { editor: true, pipeline: true });
        return;
      }
    }
  };

  /**
   * Text, number and range fields. While the reader types, a value the lab cannot read yet (an empty
   * field, a lone minus sign, fewer than two tokens, a τ of "0" on its way to "0.5") changes nothing
   * and says nothing; a value that typing more cannot bring back into range is clamped at once, with
   * its message. On leaving the field (committed) every problem gets its message and the field shows
   * the value in use. Returns false for other controls.
   */
  #typed(el: HTMLInputElement, committed: boolean): boolean {
    const s = this.#state;
    const control = el.dataset.control;
    if (el.dataset.m) {
      this.#onEntry(el, committed);
      return true;
    }
    if (control === 'temp-range' || control === 'dk-range') {
      if (committed) return true;
      const number = control === 'temp-range' ? 'temp' : 'dk';
      this.#error(number, '', this.#control(number));
      if (control === 'temp-range')
        this.#update(
          { temperature: TEMPERATURE_STOPS[Number(el.value)] ?? 1 },
          { pipeline: true, random: true },
        );
      else this.#update({ dk: DK_STOPS[Number(el.value)] ?? 64 }, { random: true });
      return true;
    }
    if (control === 'tokens') {
      const r = readTokens(el.value, s.tokens);
      const unread = r.tokens === s.tokens; // readTokens hands back the fallback when it cannot use the text
      if (unread && !committed) return true;
      this.#error('tokens', r.message, el);
      if (committed) el.value = r.tokens.join(' ');
      if (r.tokens.join(' ') !== s.tokens.join(' '))
        this.#update({ tokens: r.tokens }, { editor: true, pipeline: true, random: true });
      return true;
    }
    if (control !== 'temp' && control !== 'dk') return false;
    const current = control === 'temp' ? s.temperature : s.dk;
    const rule = control === 'temp' ? TEMPERATURE_RULE : DK_RULE;
    // "0" on the way to "0.5" is below the minimum but not finished: wait for more, or for the commit.
    const unread = el.validity.badInput || el.value.trim() === '' || Number(el.value) < rule.min;
    if (unread && !committed) return true;
    const r = readNumber(el.value, rule, current);
    this.#error(control, r.message, el);
    if (committed && r.message) el.value = String(r.value);
    if (r.value !== current)
      this.#update(control === 'temp' ? { temperature: r.value } : { dk: r.value }, {
        pipeline: control === 'temp',
        random: true,
      });
    return true;
  }

  #loadPreset(id: PresetId) {
    const s = this.#state;
    const preset: Preset = PRESETS[id];
    const fresh = stateFor(id, {
      scale: s.scale,
      causal: s.causal,
      temperature: s.temperature,
      dk: s.dk,
      seed: s.seed,
      heads: preset.heads ?? s.heads,
    });
    this.#state = fresh;
    this.#sel = undefined;
    this.#clearErrors();
    this.#update({}, { editor: true, pipeline: true, random: true });
  }

  /** An entry of Q, K or V (same rules as #typed). */
  #onEntry(el: HTMLInputElement, committed: boolean) {
    const name = el.dataset.m as MatrixName;
    const r = Number(el.dataset.r);
    const c = Number(el.dataset.c);
    const current = this.#state[name][r]?.[c];
    if (current === undefined) return;
    const unread = el.validity.badInput || el.value.trim() === '';
    if (unread && !committed) return;
    const reading = readNumber(el.value, ENTRY_RULE, current);
    const where = `${name.toUpperCase()}, row ${r + 1} (${this.#state.tokens[r]}), column ${c + 1}`;
    this.#error(name, reading.message && `${where}: ${reading.message}`, el);
    if (committed && reading.message) el.value = String(reading.value);
    if (reading.value === current) return;
    const matrix = this.#state[name].map((row) => [...row]);
    matrix[r][c] = reading.value;
    const patch: Partial<LabState> = { preset: 'custom' };
    patch[name] = matrix;
    this.#update(patch, { pipeline: true });
  }

  #onClick = (event: Event) => {
    const target = event.target as HTMLElement;
    const cell = target.closest<HTMLButtonElement>('button.attn-cell');
    if (cell && this.contains(cell)) {
      this.#select({ head: Number(cell.dataset.head), i: Number(cell.dataset.i), j: Number(cell.dataset.j) });
      return;
    }
    const control = target.closest<HTMLElement>('[data-control]')?.dataset.control;
    if (control === 'reset') {
      const s = this.#state;
      this.#loadPreset(
        s.preset === 'custom' ? (this.#base.preset === 'custom' ? 'lookup' : this.#base.preset) : s.preset,
      );
    } else if (control === 'draw') {
      this.#update({ seed: (this.#state.seed % SEED_MAX) + 1 }, { random: true });
    }
  };

  /** Arrow keys move the selection inside one heat map; Home and End go to the row's ends. */
  #onKey = (event: KeyboardEvent) => {
    const cell = (event.target as HTMLElement).closest<HTMLButtonElement>('button.attn-cell');
    if (!cell) return;
    const t = this.#state.tokens.length;
    let i = Number(cell.dataset.i);
    let j = Number(cell.dataset.j);
    switch (event.key) {
      case 'ArrowUp':
        i = Math.max(0, i - 1);
        break;
      case 'ArrowDown':
        i = Math.min(t - 1, i + 1);
        break;
      case 'ArrowLeft':
        j = Math.max(0, j - 1);
        break;
      case 'ArrowRight':
        j = Math.min(t - 1, j + 1);
        break;
      case 'Home':
        j = 0;
        break;
      case 'End':
        j = t - 1;
        break;
      default:
        return;
    }
    event.preventDefault();
    this.#select({ head: Number(cell.dataset.head), i, j });
  };

  /** Explain another weight; #renderPipeline keeps the focus on the heat map it was in. */
  #select(sel: Selection) {
    this.#sel = sel;
    this.#update({ head: sel.head }, { pipeline: true });
  }

  // ------------------------------------------------------------------ rendering

  #renderAll() {
    this.#renderEditor();
    this.#renderPipeline();
    this.#renderRandom();
  }

  #renderEditor() {
    const editor = this.querySelector('[data-editor]');
    if (editor) renderInto(editor, [editorView(this.#state, this.#uid)]);
    this.#markEditor();
  }

  #renderPipeline() {
    const pipeline = this.querySelector('[data-pipeline]');
    if (!pipeline) return;
    // Which heat map held the focus: after a re-render, focus goes back to the same map.
    const focused = document.activeElement?.closest('[data-pipeline] .attn-heat');
    const overview = !!focused?.closest('.attn-heads');
    this.#results = computeLab(this.#state);
    this.#sel = fitSelection(this.#state, this.#results, this.#sel);
    renderInto(pipeline, pipelineView(this.#state, this.#results, this.#sel));
    const status = this.querySelector('[data-summary]');
    if (status) status.textContent = summary(this.#state, this.#results, this.#sel);
    this.#markEditor();
    if (focused) {
      const { head, i, j } = this.#sel;
      const scope = overview ? '.attn-heads' : '.attn-step-weights';
      pipeline
        .querySelector<HTMLButtonElement>(
          `${scope} button.attn-cell[data-head="${head}"][data-i="${i}"][data-j="${j}"]`,
        )
        ?.focus();
    }
  }

  /** Outline the rows of Q, K and V that the explained weight reads. */
  #markEditor() {
    const sel = this.#sel;
    for (const row of this.querySelectorAll('.attn-matrix tr.attn-pick')) row.classList.remove('attn-pick');
    if (!sel) return;
    this.querySelector(`.attn-matrix[data-matrix="q"] tr[data-row="${sel.i}"]`)?.classList.add('attn-pick');
    this.querySelector(`.attn-matrix[data-matrix="k"] tr[data-row="${sel.j}"]`)?.classList.add('attn-pick');
    this.querySelector(`.attn-matrix[data-matrix="v"] tr[data-row="${sel.j}"]`)?.classList.add('attn-pick');
  }

  /** The random experiment costs a few milliseconds at d_k = 512: at most once per frame while a slider moves. */
  #scheduleRandom() {
    cancelAnimationFrame(this.#randomFrame);
    this.#randomFrame = requestAnimationFrame(() => this.#renderRandom());
  }

  #renderRandom() {
    const random = this.querySelector('[data-random]');
    if (random) renderInto(random, randomView(this.#state));
  }
}

customElements.define('cf-attention-lab', CfAttentionLab);
