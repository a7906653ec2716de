/**
 * <cf-vector-playground>: makes the server-drawn vector playground live.
 *
 * State: one PlaygroundState (a, b, M, matrix mode), starting from the data-* attributes and then
 * from the URL hash if it names this island ("#vector-playground?a=…"). Every change goes through
 * #set, which redraws the scene layer of the SVG (src/lib/vector-playground.ts draws it), moves the
 * two handles, fills the fields and the table, and writes the hash with replaceState. The live
 * description is announced once the reader pauses, not at every pointer move.
 * Lifecycle: listeners live on the element and its children, except the pointer capture of a drag,
 * which ends with the drag; disconnecting clears the pending announcement.
 */
import { hashFor, readHashState } from '../../lib/hash-state';
import {
  BIG_STEP,
  COORD_LIMIT,
  DEFAULT_STATE,
  FIELD_LABELS,
  type Field,
  MATRIX_FIELDS,
  PRESETS,
  type PlaygroundState,
  STEP,
  VECTOR_FIELDS,
  fieldValue,
  fromPx,
  handleAt,
  handleLabel,
  inputValue,
  moveTip,
  parseField,
  planeScene,
  readouts,
  scaleA,
  stateFromParams,
  stateToParams,
  withField,
} from '../../lib/vector-playground';
import type { SceneNode } from '../../lib/svg-scene';
import type { Vec2 } from '../../lib/vectors2d';

const SVG_NS = 'http://www.w3.org/2000/svg';
const FIELDS: readonly Field[] = [...VECTOR_FIELDS, ...MATRIX_FIELDS];

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

class CfVectorPlayground extends HTMLElement {
  #state: PlaygroundState = DEFAULT_STATE;
  #id = 'vector-playground';
  #announce = 0;
  #drag: { which: 'a' | 'b'; pointer: number } | null = null;

  connectedCallback() {
    this.#id = this.dataset.id || this.#id;
    const base = stateFromParams(
      new URLSearchParams({
        a: this.dataset.a ?? '3,1',
        b: this.dataset.b ?? '2,2',
        m: this.dataset.m ?? '1,0,0,1',
        mode: this.dataset.matrix === 'true' ? 'matrix' : 'plain',
      }),
      DEFAULT_STATE,
    ).state;
    this.#state = base;
    const fromHash = readHashState(location.hash, this.#id);
    if (fromHash) {
      const { state, messages } = stateFromParams(fromHash, base);
      this.#state = state;
      for (const [field, message] of Object.entries(messages)) this.#message(field as Field, message);
    }

    for (const el of this.querySelectorAll<HTMLInputElement | HTMLButtonElement>('input, button'))
      el.disabled = false;
    for (const field of FIELDS) {
      const input = this.#input(field);
      input?.addEventListener('input', () => this.#onField(field, false));
      input?.addEventListener('change', () => this.#onField(field, true));
    }
    for (const button of this.querySelectorAll<HTMLButtonElement>('[data-scale]'))
      button.addEventListener('click', () => {
        const { state, message } = scaleA(this.#state, Number(button.dataset.scale));
        this.#say('scale', message);
        this.#set(state);
      });
    for (const button of this.querySelectorAll<HTMLButtonElement>('[data-preset]'))
      button.addEventListener('click', () => {
        const preset = PRESETS.find((p) => p.id === button.dataset.preset);
        if (!preset) return;
        for (const f of MATRIX_FIELDS) this.#message(f, '');
        this.#set({ ...this.#state, m: preset.m, matrix: true });
      });
    const toggle = this.querySelector<HTMLInputElement>('[data-mode-toggle]');
    toggle?.addEventListener('change', () => this.#set({ ...this.#state, matrix: toggle.checked }));

    const plane = this.#plane();
    for (const handle of this.querySelectorAll<SVGGElement>('[data-handle]')) {
      handle.setAttribute('tabindex', '0');
      handle.removeAttribute('aria-disabled');
      handle.addEventListener('keydown', this.#onKey);
      handle.addEventListener('pointerdown', this.#onHandleDown);
    }
    // A press on the plane away from the handles moves the nearer tip there.
    plane.addEventListener('pointerdown', this.#onPlaneDown);
    plane.addEventListener('pointermove', this.#onMove);
    plane.addEventListener('pointerup', this.#onUp);
    plane.addEventListener('pointercancel', this.#onUp);

    this.setAttribute('data-ready', '');
    this.#render(false);
  }

  disconnectedCallback() {
    clearTimeout(this.#announce);
  }

  #plane() {
    return this.querySelector<SVGSVGElement>('svg[data-plane]')!;
  }

  #input(field: Field) {
    return this.querySelector<HTMLInputElement>(`input[name="${field}"]`);
  }

  #message(field: Field, message: string) {
    this.#say(field, message);
    const input = this.#input(field);
    if (!input) return;
    if (message) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
  }

  #say(key: string, message: string) {
    const el = this.querySelector(`[data-msg="${key}"]`);
    if (el) el.textContent = message;
  }

  /** Typing: apply a valid in-range value at once; on commit (change) also clamp and explain. */
  #onField(field: Field, commit: boolean) {
    const input = this.#input(field);
    if (!input) return;
    const result = parseField(field, input.value, input.validity.badInput);
    if (!commit) {
      if (result.value !== null && !result.message) {
        this.#message(field, '');
        this.#set(withField(this.#state, field, result.value), field);
      }
      return;
    }
    this.#message(field, result.message);
    if (result.value !== null) {
      this.#set(withField(this.#state, field, result.value), field);
      // Show the clamped value in the field itself.
      if (result.message) input.value = inputValue(result.value);
    }
  }

  #onKey = (event: KeyboardEvent) => {
    const which = (event.currentTarget as SVGGElement).dataset.handle as 'a' | 'b';
    const step = event.shiftKey ? BIG_STEP : STEP;
    const moves: Record<string, Vec2> = {
      ArrowLeft: [-step, 0],
      ArrowRight: [step, 0],
      ArrowUp: [0, step],
      ArrowDown: [0, -step],
    };
    const d = moves[event.key];
    if (!d) return;
    event.preventDefault();
    const tip = this.#state[which];
    this.#moveTo(which, [tip[0] + d[0], tip[1] + d[1]]);
  };

  #moveTo(which: 'a' | 'b', to: Vec2) {
    const { state, clamped } = moveTip(this.#state, which, to);
    for (const f of [`${which}x`, `${which}y`] as const)
      this.#message(
        f,
        clamped.includes(f) ? `${FIELD_LABELS[f]} stops at the edge of the plane (±${COORD_LIMIT}).` : '',
      );
    this.#set(state);
  }

  #pointAt(event: PointerEvent): Vec2 | null {
    const ctm = this.#plane().getScreenCTM();
    if (!ctm) return null;
    const p = new DOMPoint(event.clientX, event.clientY).matrixTransform(ctm.inverse());
    return fromPx(p.x, p.y);
  }

  #startDrag(which: 'a' | 'b', event: PointerEvent) {
    this.#drag = { which, pointer: event.pointerId };
    this.#plane().setPointerCapture(event.pointerId);
    this.querySelector(`[data-handle="${which}"]`)?.classList.add('is-dragging');
  }

  #onHandleDown = (event: PointerEvent) => {
    if (event.button !== 0) return;
    const handle = event.currentTarget as SVGGElement;
    event.preventDefault();
    event.stopPropagation();
    // No scroll on focus: the page must not move under the pointer that grabbed the tip.
    handle.focus({ preventScroll: true });
    this.#startDrag(handle.dataset.handle as 'a' | 'b', event);
  };

  #onPlaneDown = (event: PointerEvent) => {
    if (event.button !== 0 || this.#drag) return;
    const p = this.#pointAt(event);
    if (!p) return;
    const d = (v: Vec2) => Math.hypot(v[0] - p[0], v[1] - p[1]);
    const which = d(this.#state.a) <= d(this.#state.b) ? 'a' : 'b';
    event.preventDefault();
    this.querySelector<SVGGElement>(`[data-handle="${which}"]`)?.focus({ preventScroll: true });
    this.#moveTo(which, p);
    this.#startDrag(which, event);
  };

  #onMove = (event: PointerEvent) => {
    if (!this.#drag || event.pointerId !== this.#drag.pointer) return;
    const p = this.#pointAt(event);
    if (p) this.#moveTo(this.#drag.which, p);
  };

  #onUp = (event: PointerEvent) => {
    if (!this.#drag || event.pointerId !== this.#drag.pointer) return;
    this.querySelector(`[data-handle="${this.#drag.which}"]`)?.classList.remove('is-dragging');
    this.#drag = null;
    if (this.#plane().hasPointerCapture(event.pointerId))
      this.#plane().releasePointerCapture(event.pointerId);
  };

  /** The one way state changes: redraw, and record the state in the hash. */
  #set(state: PlaygroundState, editing?: Field) {
    this.#state = state;
    this.#render(true, editing);
    history.replaceState(history.state, '', hashFor(this.#id, stateToParams(state)));
  }

  #render(announce: boolean, editing?: Field) {
    const s = this.#state;
    const out = readouts(s);
    this.dataset.mode = s.matrix ? 'matrix' : 'plain';
    drawScene(this.querySelector<SVGGElement>('[data-scene]')!, planeScene(s));
    for (const which of ['a', 'b'] as const) {
      const handle = this.querySelector(`[data-handle="${which}"]`);
      if (!handle) continue;
      const [x, y] = handleAt(s, which);
      handle.setAttribute('transform', `translate(${x} ${y})`);
      handle.setAttribute('aria-label', handleLabel(s, which));
    }
    for (const field of FIELDS) {
      const input = this.#input(field);
      // Leave the field being typed in alone: rewriting it would fight the reader's cursor.
      if (input && field !== editing) input.value = inputValue(fieldValue(s, field));
    }
    const toggle = this.querySelector<HTMLInputElement>('[data-mode-toggle]');
    if (toggle) toggle.checked = s.matrix;
    for (const el of this.querySelectorAll<HTMLElement>(
      '[data-matrix-controls], [data-matrix-caption], [data-mapped]',
    ))
      el.hidden = !s.matrix;
    for (const button of this.querySelectorAll<HTMLButtonElement>('[data-preset]')) {
      const preset = PRESETS.find((p) => p.id === button.dataset.preset);
      button.setAttribute('aria-pressed', String(!!preset && preset.m.every((v, i) => v === s.m[i])));
    }
    const verdict = this.querySelector('[data-verdict]');
    if (verdict) verdict.textContent = out.matrix?.verdict ?? '';
    for (const row of out.rows) {
      const tr = this.querySelector(`tr[data-row="${row.key}"]`);
      if (!tr) continue;
      tr.querySelector('[data-cell="plain"]')!.textContent = row.plain;
      tr.querySelector('[data-cell="mapped"]')!.textContent = row.mapped ?? '';
    }
    const notes = this.querySelector('[data-notes]');
    notes?.replaceChildren(
      ...out.notes.map((note) => {
        const li = document.createElement('li');
        li.textContent = note;
        return li;
      }),
    );
    const description = this.querySelector('[data-description]');
    if (!description) return;
    clearTimeout(this.#announce);
    if (!announce) description.textContent = out.description;
    // Announce when the reader pauses, so a drag is not read out point by point.
    else this.#announce = window.setTimeout(() => (description.textContent = out.description), 350);
  }
}

customElements.define('cf-vector-playground', CfVectorPlayground);
