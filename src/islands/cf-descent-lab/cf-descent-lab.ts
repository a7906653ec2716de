/**
 * <cf-descent-lab>: makes the server-rendered descent lab live. DOM wiring only; the optimizers,
 * limits, texts and geometry come from src/lib/descent.ts and src/lib/descent-plot.ts.
 *
 * State: `#settings` (what is drawn), `#initial` (the page's configuration from data-initial, for
 * Reset) and `#drawnSurface` (whose contours are on screen, so they are redrawn only when the
 * surface changes). Lifecycle: on connect, read data-initial, then the URL hash if it names this
 * instance (bad values clamp, with a message beside their field); enable the controls; render.
 * Every change re-runs the three optimizers, re-renders and records the state in the hash with
 * history.replaceState. Nothing animates: each change redraws once.
 */
import { hashFor, readHashState } from '../../lib/hash-state';
import {
  divergenceText,
  type FieldName,
  fmt,
  fmtPoint,
  isSurfaceId,
  OPTIMIZER_IDS,
  PARAMS,
  parseField,
  parseSettings,
  roundTo,
  runAll,
  runSummary,
  type Settings,
  settingsToParams,
  stabilityNote,
  startSpec,
  SURFACES,
  type SurfaceId,
  toleranceText,
  type Vec,
} from '../../lib/descent';
import {
  contourPaths,
  crossD,
  polylineD,
  scaleFor,
  type Scale,
  trajectoryGeometry,
} from '../../lib/descent-plot';

const SVG_NS = 'http://www.w3.org/2000/svg';
const TEXT_FIELDS = ['lr', 'alpha', 'x', 'y'] as const;
type TextField = (typeof TEXT_FIELDS)[number];

class CfDescentLab extends HTMLElement {
  #initial!: Settings;
  #settings!: Settings;
  #drawnSurface: SurfaceId | null = null;
  #scale!: Scale;
  #hashId = 'descent-lab';
  #dragging = false;
  #justDragged = false;
  #frame = 0;
  #summaryTimer = 0;

  connectedCallback() {
    this.#hashId = this.dataset.hashId || 'descent-lab';
    this.#initial = parseSettings(new URLSearchParams(this.dataset.initial ?? '')).settings;
    this.#settings = this.#initial;
    this.#readHash();

    for (const control of this.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLButtonElement>(
      '[data-form] input, [data-form] select, [data-form] button',
    ))
      control.disabled = false;
    this.setAttribute('data-live', '');
    this.#handle().setAttribute('tabindex', '0');

    const form = this.querySelector<HTMLFormElement>('[data-form]')!;
    form.addEventListener('submit', (event) => event.preventDefault());
    form.addEventListener('input', this.#onInput);
    form.addEventListener('change', this.#onChange);
    form.addEventListener('keydown', this.#onFieldKey);
    this.querySelector('[data-reset]')?.addEventListener('click', this.#reset);
    const handle = this.#handle();
    handle.addEventListener('keydown', this.#onHandleKey);
    handle.addEventListener('pointerdown', this.#onPointerDown);
    handle.addEventListener('pointermove', this.#onPointerMove);
    handle.addEventListener('pointerup', this.#onPointerUp);
    handle.addEventListener('pointercancel', this.#onPointerUp);
    this.#svg().addEventListener('click', this.#onPlotClick);
    window.addEventListener('hashchange', this.#onHashChange);
    this.#render();
  }

  disconnectedCallback() {
    window.removeEventListener('hashchange', this.#onHashChange);
    cancelAnimationFrame(this.#frame);
    clearTimeout(this.#summaryTimer);
  }

  // -------------------------------------------------------------------------------------------
  // Reading and writing the state

  /** Applies the hash if it names this instance; returns whether it did. */
  #readHash(): boolean {
    const params = readHashState(location.hash, this.#hashId);
    if (!params) return false;
    const { settings, problems } = parseSettings(params, this.#initial);
    this.#settings = settings;
    this.#clearProblems();
    for (const [field, message] of Object.entries(problems)) this.#problem(field as FieldName, message);
    return true;
  }

  #onHashChange = () => {
    if (this.#readHash()) this.#render();
  };

  #writeHash() {
    const hash = hashFor(this.#hashId, settingsToParams(this.#settings));
    history.replaceState(history.state, '', `${location.pathname}${location.search}${hash}`);
  }

  /** Sets new settings, redraws and records them. */
  #set(next: Settings) {
    this.#settings = next;
    this.#render();
    this.#writeHash();
  }

  #reset = () => {
    this.#clearProblems();
    this.#set(this.#initial);
  };

  // -------------------------------------------------------------------------------------------
  // Controls

  #field<T extends HTMLElement = HTMLInputElement>(name: string): T | null {
    return this.querySelector<T>(`[data-form] [name="${name}"]`);
  }

  /** Sliders and the surface menu apply at once; text fields wait for Enter or leaving the field. */
  #onInput = (event: Event) => {
    const target = event.target as HTMLInputElement | HTMLSelectElement;
    const s = this.#settings;
    const value = Number(target.value);
    switch (target.name) {
      case 'lr-range':
        this.#problem('lr', '');
        return this.#set({ ...s, lr: Number((10 ** value).toPrecision(3)) });
      case 'alpha-range':
        this.#problem('alpha', '');
        return this.#set({ ...s, alpha: Number((10 ** value).toPrecision(3)) });
      case 'beta':
      case 'beta1':
      case 'steps':
        this.#problem(target.name, '');
        return this.#set({ ...s, [target.name]: value });
      case 'beta2':
        this.#problem('beta2', '');
        return this.#set({ ...s, beta2: roundTo(1 - 10 ** -value, 6) });
    }
  };

  #onChange = (event: Event) => {
    const target = event.target as HTMLInputElement | HTMLSelectElement;
    if (target.name === 'surface' && isSurfaceId(target.value)) {
      this.#clearProblems();
      this.#set({ surface: target.value, ...SURFACES[target.value].defaults });
    } else if ((TEXT_FIELDS as readonly string[]).includes(target.name))
      this.#commit(target.name as TextField);
  };

  #onFieldKey = (event: KeyboardEvent) => {
    const target = event.target as HTMLInputElement;
    if (event.key === 'Enter' && (TEXT_FIELDS as readonly string[]).includes(target.name)) {
      event.preventDefault();
      this.#commit(target.name as TextField);
    }
  };

  /**
   * Reads a typed number. Text that is no number changes nothing and marks the field invalid; an
   * out-of-range number is clamped, the field shows the value used, and the message says so.
   */
  #commit(name: TextField) {
    const input = this.#field(name);
    if (!input) return;
    const s = this.#settings;
    const isStart = name === 'x' || name === 'y';
    const spec = isStart ? startSpec(s.surface, name) : PARAMS[name];
    const current = name === 'x' ? s.start[0] : name === 'y' ? s.start[1] : s[name];
    const parsed = parseField(input.value, spec, current);
    const notANumber = !Number.isFinite(Number(input.value.trim() || 'x'));
    this.#problem(name, parsed.ok ? '' : parsed.message, notANumber);
    if (notANumber) return;
    input.value = String(parsed.value);
    if (name === 'x') this.#set({ ...s, start: [parsed.value, s.start[1]] });
    else if (name === 'y') this.#set({ ...s, start: [s.start[0], parsed.value] });
    else this.#set({ ...s, [name]: parsed.value });
  }

  /** Shows (or with '' clears) the message beside a field; `invalid` marks text that was not used. */
  #problem(field: FieldName, message: string, invalid = false) {
    const slot = this.querySelector(`[data-error-for="${field}"]`);
    if (slot) slot.textContent = message;
    const input = this.#field(field);
    if (input && (TEXT_FIELDS as readonly string[]).includes(field)) {
      if (message && invalid) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
    }
  }

  #clearProblems() {
    for (const slot of this.querySelectorAll('[data-error-for]')) slot.textContent = '';
    for (const name of TEXT_FIELDS) this.#field(name)?.removeAttribute('aria-invalid');
  }

  // -------------------------------------------------------------------------------------------
  // The start point: pointer and keyboard

  #svg() {
    return this.querySelector<SVGSVGElement>('svg[data-plot]')!;
  }

  #handle() {
    return this.querySelector<SVGGElement>('[data-handle]')!;
  }

  /** The plane point under a pointer, clamped to the view and rounded to 3 decimals. */
  #planeAt(clientX: number, clientY: number): Vec | null {
    const svg = this.#svg();
    const ctm = svg.getScreenCTM();
    if (!ctm) return null;
    const p = new DOMPoint(clientX, clientY).matrixTransform(ctm.inverse());
    return this.#clampStart(this.#scale.invert([p.x, p.y]));
  }

  #clampStart(p: Vec): Vec {
    const v = SURFACES[this.#settings.surface].view;
    const clamp = (n: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, n));
    return [roundTo(clamp(p[0], v.xMin, v.xMax), 3), roundTo(clamp(p[1], v.yMin, v.yMax), 3)];
  }

  #moveStart(p: Vec, record: boolean) {
    this.#problem('x', '');
    this.#problem('y', '');
    this.#settings = { ...this.#settings, start: p };
    if (record) {
      this.#render();
      this.#writeHash();
    } else {
      // While dragging, redraw at most once a frame.
      cancelAnimationFrame(this.#frame);
      this.#frame = requestAnimationFrame(() => this.#render());
    }
  }

  #onHandleKey = (event: KeyboardEvent) => {
    const v = SURFACES[this.#settings.surface].view;
    const big = event.shiftKey ? 5 : 1;
    const dx = ((v.xMax - v.xMin) / 50) * big;
    const dy = ((v.yMax - v.yMin) / 50) * big;
    const [x, y] = this.#settings.start;
    const moves: Record<string, Vec> = {
      ArrowLeft: [x - dx, y],
      ArrowRight: [x + dx, y],
      ArrowUp: [x, y + dy],
      ArrowDown: [x, y - dy],
      Home:
        this.#initial.surface === this.#settings.surface
          ? this.#initial.start
          : SURFACES[this.#settings.surface].defaults.start,
    };
    const next = moves[event.key];
    if (!next) return;
    event.preventDefault();
    this.#moveStart(this.#clampStart(next), true);
  };

  #onPointerDown = (event: PointerEvent) => {
    if (event.button !== 0) return;
    event.preventDefault();
    this.#handle().setPointerCapture(event.pointerId);
    this.#handle().focus({ preventScroll: true });
    this.#dragging = true;
    this.setAttribute('data-dragging', '');
  };

  #onPointerMove = (event: PointerEvent) => {
    if (!this.#dragging) return;
    const p = this.#planeAt(event.clientX, event.clientY);
    if (p) this.#moveStart(p, false);
  };

  #onPointerUp = (event: PointerEvent) => {
    if (!this.#dragging) return;
    this.#dragging = false;
    this.#justDragged = true;
    this.removeAttribute('data-dragging');
    if (this.#handle().hasPointerCapture(event.pointerId))
      this.#handle().releasePointerCapture(event.pointerId);
    cancelAnimationFrame(this.#frame);
    this.#render();
    this.#writeHash();
    // The click that ends a drag is not a request to move the start again.
    setTimeout(() => (this.#justDragged = false), 0);
  };

  #onPlotClick = (event: MouseEvent) => {
    if (this.#justDragged || this.#handle().contains(event.target as Node)) return;
    const p = this.#planeAt(event.clientX, event.clientY);
    if (p) this.#moveStart(p, true);
  };

  // -------------------------------------------------------------------------------------------
  // Rendering

  #render() {
    const s = this.#settings;
    const surface = SURFACES[s.surface];
    if (this.#drawnSurface !== s.surface) this.#drawSurface(s.surface);
    const runs = runAll(s);

    for (const id of OPTIMIZER_IDS) {
      const geometry = trajectoryGeometry(runs[id], surface, this.#scale);
      const group = this.querySelector(`[data-run="${id}"]`);
      group?.querySelector('[data-line]')?.setAttribute('d', geometry.line);
      group?.querySelector('[data-markers]')?.setAttribute('d', geometry.markers);
      const row = this.querySelector(`[data-row="${id}"]`);
      if (!row) continue;
      const r = runs[id];
      const last = r.points[r.points.length - 1]!;
      this.#text(row.querySelector('[data-cell="loss"]'), fmt(r.finalLoss));
      this.#text(row.querySelector('[data-cell="tolerance"]'), toleranceText(r));
      this.#text(row.querySelector('[data-cell="diverged"]'), divergenceText(r));
      this.#text(row.querySelector('[data-cell="point"]'), fmtPoint(last));
    }

    const [hx, hy] = this.#scale.px(s.start);
    const handle = this.#handle();
    handle.setAttribute('transform', `translate(${roundTo(hx, 1)} ${roundTo(hy, 1)})`);
    handle.setAttribute('aria-valuenow', String(s.start[0]));
    handle.setAttribute('aria-valuetext', `x ${fmt(s.start[0])}, y ${fmt(s.start[1])}`);

    const note = stabilityNote(s);
    const noteEl = this.querySelector<HTMLElement>('[data-stability]');
    if (noteEl) {
      noteEl.textContent = note.text;
      noteEl.dataset.kind = note.kind;
    }
    this.#text(
      this.querySelector('[data-table-caption]'),
      `After ${s.steps} step${s.steps === 1 ? '' : 's'} from (${fmt(s.start[0])}, ${fmt(s.start[1])}) on the ${surface.label.toLowerCase()}. Tolerance: loss ≤ 10⁻⁴ (every minimum here has loss 0).`,
    );
    this.#syncControls();

    // Screen readers hear a summary once the reader pauses, not one per slider step.
    clearTimeout(this.#summaryTimer);
    const summary = [note.text, ...OPTIMIZER_IDS.map((id) => runSummary(runs[id]))].join(' ');
    this.#summaryTimer = window.setTimeout(
      () => this.#text(this.querySelector('[data-summary]'), summary),
      700,
    );
  }

  /** Contours, minima, axes, size and captions for a surface: only when the surface changes. */
  #drawSurface(id: SurfaceId) {
    const surface = SURFACES[id];
    const scale = scaleFor(surface.view);
    this.#scale = scale;
    this.#drawnSurface = id;
    const svg = this.#svg();
    svg.setAttribute('viewBox', `0 0 ${scale.width} ${scale.height}`);
    svg.setAttribute('height', String(scale.height));
    for (const rect of svg.querySelectorAll('[data-clip-rect], [data-frame]'))
      rect.setAttribute('height', String(scale.height));
    const contours = svg.querySelector('[data-contours]')!;
    contours.replaceChildren(
      ...contourPaths(surface, scale).map((c) => {
        const path = document.createElementNS(SVG_NS, 'path');
        path.setAttribute('d', c.d);
        path.setAttribute('data-level', String(c.level));
        return path;
      }),
    );
    svg
      .querySelector('[data-minima]')
      ?.setAttribute('d', surface.minima.map((m) => crossD(scale.px(m))).join(''));
    const v = surface.view;
    const axes: Vec[][] = [];
    if (v.yMin < 0 && v.yMax > 0) axes.push([scale.px([v.xMin, 0]), scale.px([v.xMax, 0])]);
    if (v.xMin < 0 && v.xMax > 0) axes.push([scale.px([0, v.yMin]), scale.px([0, v.yMax])]);
    svg.querySelector('[data-axes]')?.setAttribute('d', polylineD(axes));
    const handle = this.#handle();
    handle.setAttribute('aria-valuemin', String(v.xMin));
    handle.setAttribute('aria-valuemax', String(v.xMax));
    this.#text(
      this.querySelector('[data-caption]'),
      `${surface.label}, ${surface.formula}, plotted for x from ${fmt(v.xMin)} to ${fmt(v.xMax)} and y from ${fmt(v.yMin)} to ${fmt(v.yMax)}. Thin curves are contours of equal loss; × marks the minimum${surface.minima.length > 1 ? 'a' : ''}. The table below lists what each path reached.`,
    );
    this.#text(
      this.querySelector('[data-surface-note]'),
      `${surface.note} Choosing a surface loads its own starting values.`,
    );
  }

  /** Puts every control at the current settings (text fields being edited keep their text if invalid). */
  #syncControls() {
    const s = this.#settings;
    const set = (name: string, value: string) => {
      const el = this.#field<HTMLInputElement | HTMLSelectElement>(name);
      if (!el || el.value === value) return;
      if (el.getAttribute('aria-invalid') === 'true' && document.activeElement === el) return;
      el.value = value;
    };
    set('surface', s.surface);
    set('lr-range', String(roundTo(Math.log10(s.lr), 2)));
    set('alpha-range', String(roundTo(Math.log10(s.alpha), 2)));
    set('beta', String(s.beta));
    set('beta1', String(s.beta1));
    set('beta2', String(roundTo(-Math.log10(1 - s.beta2), 1)));
    set('steps', String(s.steps));
    for (const name of TEXT_FIELDS) {
      const el = this.#field(name);
      if (el?.getAttribute('aria-invalid') === 'true') continue;
      set(name, String(name === 'x' ? s.start[0] : name === 'y' ? s.start[1] : s[name]));
    }
    this.#field('lr-range')?.setAttribute('aria-valuetext', `η = ${fmt(s.lr)}`);
    this.#field('alpha-range')?.setAttribute('aria-valuetext', `α = ${fmt(s.alpha)}`);
    this.#field('beta2')?.setAttribute('aria-valuetext', `β₂ = ${fmt(s.beta2)}`);
    for (const name of ['beta', 'beta1', 'beta2'] as const)
      this.#text(this.querySelector(`[data-output="${name}"]`), fmt(s[name]));
    this.#text(this.querySelector('[data-output="steps"]'), String(s.steps));
  }

  #text(el: Element | null, text: string) {
    if (el && el.textContent !== text) el.textContent = text;
  }
}

customElements.define('cf-descent-lab', CfDescentLab);
