/**
 * <cf-kv-calculator>: makes the server-rendered calculator live.
 * State: the form values (strings, exactly as typed) and the last valid parsed inputs. Every change
 * re-validates; valid inputs re-render results, steps and chart (one renderer, src/lib/kv-cache/render);
 * invalid ones mark their fields and leave the last valid result in place, marked stale.
 * With data-sync-url the state is read from and written to the query string (replaceState).
 */
import { nearestIndex } from '../../lib/kv-cache/chart';
import {
  ARCH_FIELDS,
  FIELDS,
  type Field,
  harmonise,
  type Parsed,
  type Preset,
  parseValues,
  resolveValues,
  toQuery,
  type Values,
} from '../../lib/kv-cache/params';
import { chartSizeFor, type Outputs, readoutText, renderOutputs } from '../../lib/kv-cache/render';
import { resultItems, stateText } from '../../lib/kv-cache/view';
import { publishDemoState } from '../companion-bus';

type PresetData = Preset & { note?: string; sourceLinks: { title: string; url: string }[] };

class CfKvCalculator extends HTMLElement {
  #presets: Record<string, PresetData> = {};
  #values: Values = {};
  #last: Parsed | null = null;
  #out: Outputs | null = null;
  #pointer = -1;

  connectedCallback() {
    const json = this.querySelector('script[data-presets]')?.textContent ?? '{}';
    this.#presets = JSON.parse(json) as Record<string, PresetData>;
    const query = this.hasAttribute('data-sync-url') ? location.search : (this.dataset.initial ?? '');
    this.#values = resolveValues(new URLSearchParams(query), this.#presets).values;
    this.#fill(new Set(FIELDS));
    this.#update();

    const form = this.querySelector('form')!;
    form.addEventListener('submit', (event) => event.preventDefault());
    form.addEventListener('input', this.#onInput);
    form.addEventListener('change', this.#onInput);
    for (const button of this.querySelectorAll<HTMLButtonElement>('button[data-symbol]'))
      button.addEventListener('click', () => this.#explain(button));
    for (const link of this.querySelectorAll<HTMLAnchorElement>('a[data-focus]'))
      link.addEventListener('click', (event) => {
        event.preventDefault();
        this.#focusField(link.dataset.focus as Field);
      });
    for (const box of this.querySelectorAll<HTMLInputElement>('[data-logx], [data-logy]'))
      box.addEventListener('change', () => this.#last && this.#render(this.#last));
    const svg = this.#chart();
    svg.addEventListener('pointermove', this.#onPointer);
    svg.addEventListener('pointerleave', () => this.#readout(-1));
    svg.addEventListener('keydown', this.#onChartKey);
    // Redraw at the new width (debounced to one frame) so labels keep their size.
    let frame = 0;
    let drawnWidth = Math.round(svg.getBoundingClientRect().width);
    new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        const width = Math.round(svg.getBoundingClientRect().width);
        if (width !== drawnWidth && this.#last) {
          drawnWidth = width;
          this.#render(this.#last);
        }
      });
    }).observe(svg);
    // The page renders the controls disabled, so nothing typed before this point is silently overwritten
    // and a symbol is never pressed before it can answer.
    for (const control of this.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLButtonElement>(
      'input:disabled, select:disabled, button:disabled',
    ))
      control.disabled = false;
    // The chart answers the pointer and the keyboard from here on (the build drew it without JS).
    this.setAttribute('data-ready', '');
  }

  #input(field: Field) {
    return this.querySelector<HTMLInputElement | HTMLSelectElement>(`[name="${field}"]`);
  }

  #chart() {
    return this.querySelector<SVGSVGElement>('svg[data-chart]')!;
  }

  #onInput = (event: Event) => {
    const target = event.target as HTMLInputElement | HTMLSelectElement;
    if (!target.name || !(FIELDS as readonly string[]).includes(target.name)) return;
    // Selects commit on change; text fields on every keystroke.
    if (event.type === 'change' && target instanceof HTMLInputElement) return;
    const field = target.name as Field;
    const before = this.#values;
    this.#values = harmonise({ ...before, [field]: target.value.trim() }, field, this.#presets);
    // Editing the architecture by hand makes it a custom model.
    if (ARCH_FIELDS.has(field) && this.#values.model && this.#differsFromPreset()) this.#values.model = '';
    const changed = new Set(FIELDS.filter((f) => f !== field && this.#values[f] !== before[f]));
    this.#fill(changed);
    this.#update();
  };

  #differsFromPreset(): boolean {
    const preset = this.#presets[this.#values.model ?? ''];
    if (!preset) return true;
    const fresh = harmonise({ ...this.#values }, 'model', this.#presets);
    return [...ARCH_FIELDS].some((f) => (fresh[f] ?? '') !== (this.#values[f] ?? ''));
  }

  /** Copy values into the given fields, and show the fields that apply to the attention kind. */
  #fill(fields: Set<Field>) {
    for (const f of fields) {
      const el = this.#input(f);
      if (el) el.value = this.#values[f] ?? '';
    }
    const mla = this.#values.attention === 'mla';
    for (const box of this.querySelectorAll<HTMLElement>('[data-only]'))
      box.hidden = box.dataset.only === 'mla' ? !mla : mla;
    for (const eq of this.querySelectorAll<HTMLElement>('[data-eq]'))
      eq.hidden = (eq.dataset.eq === 'mla') !== mla;
    if (fields.has('model')) this.#showSource();
  }

  #showSource() {
    const line = this.querySelector<HTMLElement>('[data-model-source]');
    if (!line) return;
    const preset = this.#presets[this.#values.model ?? ''];
    line.replaceChildren();
    if (!preset) {
      line.textContent = 'Custom architecture.';
      return;
    }
    line.append('Numbers from ');
    preset.sourceLinks.forEach((s, i) => {
      if (i > 0) line.append('; ');
      const a = document.createElement('a');
      a.href = s.url;
      a.textContent = s.title;
      line.append(a);
    });
    line.append(`.${preset.note ? ` ${preset.note}` : ''}`);
  }

  #update() {
    const { parsed, errors } = parseValues(this.#values, this.#presets);
    for (const f of FIELDS) this.#mark(f, errors[f]);
    const stale = this.querySelector<HTMLElement>('[data-stale]')!;
    const output = this.querySelector<HTMLElement>('[data-output]')!;
    if (parsed) {
      this.#last = parsed;
      this.#render(parsed);
      publishDemoState(stateText(toQuery(this.#values, this.#presets), resultItems(parsed)));
      stale.textContent = '';
      output.classList.remove('is-stale');
    } else {
      const count = Object.keys(errors).length;
      stale.textContent = this.#last
        ? `Not updated: ${count === 1 ? 'one field needs' : `${count} fields need`} fixing (marked above). These are the last valid results.`
        : `No result yet: ${count === 1 ? 'one field needs' : `${count} fields need`} fixing (marked above). The figures shown are for the default inputs.`;
      output.classList.add('is-stale');
      this.querySelector('[data-chart]')?.classList.add('is-stale');
    }
    if (this.hasAttribute('data-sync-url')) {
      const query = toQuery(this.#values, this.#presets).toString();
      history.replaceState(
        history.state,
        '',
        `${location.pathname}${query ? `?${query}` : ''}${location.hash}`,
      );
    }
  }

  #mark(field: Field, message: string | undefined) {
    const el = this.#input(field);
    const error = this.querySelector<HTMLElement>(`[data-error="${field}"]`);
    if (!el || !error) return;
    const ids = (el.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .filter((id) => id && id !== error.id);
    if (message) {
      error.textContent = message;
      error.hidden = false;
      el.setAttribute('aria-invalid', 'true');
      ids.push(error.id);
    } else {
      error.textContent = '';
      error.hidden = true;
      el.removeAttribute('aria-invalid');
    }
    if (ids.length) el.setAttribute('aria-describedby', ids.join(' '));
    else el.removeAttribute('aria-describedby');
  }

  #render(parsed: Parsed) {
    const logX = this.querySelector<HTMLInputElement>('[data-logx]')?.checked ?? true;
    const logY = this.querySelector<HTMLInputElement>('[data-logy]')?.checked ?? true;
    const svg = this.#chart();
    const size = chartSizeFor(svg.getBoundingClientRect().width);
    const out = renderOutputs(parsed, logX, logY, size);
    this.#out = out;
    const set = (selector: string, html: string) => {
      const el = this.querySelector(selector);
      if (el) el.innerHTML = html; // built by render.ts, every text escaped
    };
    set('[data-results]', out.results);
    set('[data-steps]', out.steps);
    set('[data-legend]', out.legend);
    set('[data-table]', out.table);
    svg.setAttribute('viewBox', `0 0 ${size.width} ${size.height}`);
    svg.innerHTML = out.chart;
    svg.classList.remove('is-stale');
    this.#readout(this.#pointer);
  }

  #readout(i: number) {
    this.#pointer = i;
    const out = this.#out;
    const rule = this.#chart().querySelector<SVGLineElement>('[data-rule]');
    const text = this.querySelector<HTMLElement>('[data-readout]')!;
    if (!out || i < 0 || !rule) {
      rule?.setAttribute('visibility', 'hidden');
      return;
    }
    const x = String(out.xs[i]);
    rule.setAttribute('x1', x);
    rule.setAttribute('x2', x);
    rule.setAttribute('visibility', 'visible');
    text.textContent = readoutText(out.curves, out.grid, i);
  }

  #onPointer = (event: PointerEvent) => {
    if (!this.#out) return;
    const svg = this.#chart();
    const box = svg.getBoundingClientRect();
    const px = ((event.clientX - box.left) / box.width) * svg.viewBox.baseVal.width;
    this.#readout(nearestIndex(this.#out.xs, px));
  };

  #onChartKey = (event: KeyboardEvent) => {
    if (!this.#out) return;
    const last = this.#out.grid.length - 1;
    const i = this.#pointer < 0 ? 0 : this.#pointer;
    const next =
      event.key === 'ArrowRight'
        ? Math.min(last, this.#pointer < 0 ? 0 : i + 1)
        : event.key === 'ArrowLeft'
          ? Math.max(0, i - 1)
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : null;
    if (next === null) return;
    event.preventDefault();
    this.#readout(next);
  };

  #explain(button: HTMLButtonElement) {
    const id = button.dataset.symbol!;
    const panel = this.querySelector<HTMLElement>('.kv-sym-panel')!;
    panel.hidden = false;
    for (const b of this.querySelectorAll<HTMLButtonElement>('button[data-symbol]'))
      b.setAttribute('aria-expanded', String(b === button));
    for (const p of panel.querySelectorAll<HTMLElement>('[data-symbol-panel]'))
      p.hidden = p.dataset.symbolPanel !== id;
    const field = panel.querySelector<HTMLAnchorElement>(`[data-symbol-panel="${id}"] a[data-focus]`)?.dataset
      .focus;
    // Select the input the symbol stands for; the panel (aria-live) still reads out the explanation.
    if (field) this.#focusField(field as Field);
  }

  /** Mark the field a symbol sets. */
  #highlight(field: Field) {
    for (const box of this.querySelectorAll<HTMLElement>('.kv-field.is-selected'))
      box.classList.remove('is-selected');
    this.#input(field)?.closest('.kv-field')?.classList.add('is-selected');
  }

  #focusField(field: Field) {
    const el = this.#input(field);
    if (!el) return;
    this.#highlight(field);
    el.focus();
    if (el instanceof HTMLInputElement) el.select();
  }
}

customElements.define('cf-kv-calculator', CfKvCalculator);
