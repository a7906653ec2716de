/**
 * <cf-companion>: makes the companion's choices live. Reads the page context the build wrote as
 * JSON, the reader's remembered choices, their progress (known prerequisites) and their latest
 * prediction on this concept, and rebuilds the prompt on every change. The prompt is plain text in
 * a textarea, so nothing the page or the reader wrote is ever parsed as markup.
 *
 * The picker holds the page's objects (rendered by the build) and, in groups after them, what only
 * the browser knows: the reader's notes on this page's objects and what other islands publish (a
 * mapper result). Those groups are rebuilt when the notes or the published objects change.
 */
import { NOTES_KEY } from '../../lib/notes';
import {
  COMPANION_KEY,
  promptFor,
  readCompanion,
  storeCompanion,
  type PageContext,
  type ReaderState,
  type StoredCompanion,
} from '../../lib/companion';
import { noteObjects } from '../../lib/companion-objects';
import { parseProgress, PROGRESS_KEY } from '../../lib/progress';
import { newestFirst, parsePredictions, PREDICTIONS_KEY } from '../../lib/predictions';
import { LAB_PREFIX } from '../../lib/object-ids';
import { NOTES_CHANGED_EVENT, loadNotes } from '../cf-note/notes-store';
import { DEMO_SOURCE, PUBLISHED_EVENT, publishedDemoState, publishedObjects } from '../companion-bus';

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null; // storage blocked: the defaults and an empty record serve
  }
}

/** The demo's settings live in the page address (#model=…&batch=…); say them in words. */
function demoState(hash: string): string | undefined {
  const raw = hash.replace(/^#/, '');
  if (!raw.includes('=')) return undefined;
  const settings = new URLSearchParams(raw);
  const words = [...settings].map(([k, v]) => `${k} = ${v}`).join(', ');
  return words ? `the settings in the page address are ${words}` : undefined;
}

class CfCompanion extends HTMLElement {
  #context: PageContext | null = null;
  /** The objects the build wrote; the picker's first, fixed options. */
  #pageObjects: PageContext['objects'] = [];
  /** True once the reader has typed in the prompt: background changes then leave it alone. */
  #edited = false;
  #visible: IntersectionObserver | null = null;
  /** On a lab page, the lab's history reader, loaded only there. */
  #lab: (typeof import('./lab-prediction'))['lastLabPrediction'] | null = null;
  #form: HTMLFormElement | null = null;
  #prompt: HTMLTextAreaElement | null = null;
  #status: HTMLElement | null = null;

  connectedCallback() {
    const json = this.querySelector('script[data-context]')?.textContent ?? '';
    try {
      this.#context = JSON.parse(json) as PageContext;
    } catch {
      return; // the server-rendered prompt stays, and still copies by hand
    }
    this.#context.url = `${location.origin}${location.pathname}`;
    this.#pageObjects = this.#context.objects;
    this.#form = this.querySelector('form[data-form]');
    this.#prompt = this.querySelector('textarea[data-prompt]');
    this.#status = this.querySelector('[data-status]');
    const stored = readCompanion(read(COMPANION_KEY));
    for (const select of this.#selects()) {
      const remembered = stored[select.name as keyof StoredCompanion];
      if (remembered && [...select.options].some((o) => o.value === remembered)) select.value = remembered;
      select.disabled = false;
    }
    this.querySelector('[data-hint]')?.setAttribute('hidden', '');
    const copy = this.querySelector<HTMLButtonElement>('[data-copy]');
    if (copy) {
      copy.hidden = false;
      copy.addEventListener('click', this.#copy);
    }
    this.#form?.addEventListener('change', this.#onChange);
    this.#prompt?.addEventListener('input', () => (this.#edited = true));
    // What the reader did elsewhere on the page (a prediction, a reveal in the lab) shows up when they come back here.
    this.#visible = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && this.#refresh());
    this.#visible.observe(this);
    window.addEventListener('hashchange', this.#refresh);
    window.addEventListener('storage', this.#onStorage);
    document.addEventListener(NOTES_CHANGED_EVENT, this.#refreshObjects);
    document.addEventListener(PUBLISHED_EVENT, this.#onPublished);
    this.#refreshObjects();
    this.#pickAsked();
    if (this.dataset.lab)
      void import('./lab-prediction').then(({ lastLabPrediction }) => {
        this.#lab = lastLabPrediction;
        this.#refresh();
      });
  }

  disconnectedCallback() {
    this.#visible?.disconnect();
    window.removeEventListener('hashchange', this.#refresh);
    window.removeEventListener('storage', this.#onStorage);
    document.removeEventListener(NOTES_CHANGED_EVENT, this.#refreshObjects);
    document.removeEventListener(PUBLISHED_EVENT, this.#onPublished);
  }

  #onStorage = (event: StorageEvent) => {
    if (event.key === null || event.key === NOTES_KEY) this.#refreshObjects();
  };

  // A new mapper result: if the reader was on the page as a whole, or on a result now replaced, point the picker at it.
  #onPublished = (event: Event) => {
    if ((event as CustomEvent<string>).detail === DEMO_SOURCE) return this.#refresh();
    const picker = this.#picker();
    const before = picker?.value;
    this.#refreshObjects();
    const first = publishedObjects()[0];
    const moved = before === this.#pageObjects[0]?.id || picker?.value !== before;
    if (picker && moved && first) {
      picker.value = first.id;
      this.#rebuild(); // a new mapping is the reader's own act: it replaces the prompt
    }
  };

  /** Rebuilds the picker's groups after the page's objects, keeping the reader's choice when it is still there. */
  #refreshObjects = () => {
    if (!this.#context) return;
    const picker = this.#picker();
    const loaded = loadNotes();
    const extra = [...(loaded.ok ? noteObjects(loaded.notes, this.#pageObjects) : []), ...publishedObjects()];
    this.#context.objects = [...this.#pageObjects, ...extra];
    if (picker) {
      const chosen = picker.value;
      for (const group of picker.querySelectorAll('optgroup')) group.remove();
      const groups = new Map<string, HTMLOptGroupElement>();
      for (const object of extra) {
        const name = object.group ?? 'More';
        let group = groups.get(name);
        if (!group) {
          group = document.createElement('optgroup');
          group.label = name;
          groups.set(name, group);
          picker.append(group);
        }
        group.append(new Option(object.label, object.id));
      }
      picker.value = [...picker.options].some((o) => o.value === chosen) ? chosen : (this.#pageObjects[0]?.id ?? '');
    }
    this.#refresh();
  };

  #picker(): HTMLSelectElement | null {
    const picker = this.#form?.elements.namedItem('object');
    return picker instanceof HTMLSelectElement ? picker : null;
  }

  // "Ask the companion" links beside objects set data-ask="<object id>" (see Companion.astro's
  // script, which runs before this island loads); the picker follows it.
  static observedAttributes = ['data-ask'];

  attributeChangedCallback() {
    this.#pickAsked();
  }

  #pickAsked() {
    const picker = this.#picker();
    const id = this.dataset.ask;
    if (!id || !picker || ![...picker.options].some((o) => o.value === id)) return;
    picker.value = id;
    this.#rebuild();
  }

  #selects(): HTMLSelectElement[] {
    return [...(this.#form?.querySelectorAll('select') ?? [])];
  }

  #value(name: string): string {
    const field = this.#form?.elements.namedItem(name);
    return field instanceof HTMLSelectElement ? field.value : '';
  }

  #choices(): StoredCompanion {
    // The home page has no task picker: keep the remembered task for the notebooks.
    const task = this.#value('task') || readCompanion(read(COMPANION_KEY)).task;
    return { goal: this.#value('goal'), comfort: this.#value('comfort'), style: this.#value('style'), task } as StoredCompanion;
  }

  #reader(): ReaderState {
    const progress = parseProgress(read(PROGRESS_KEY) ?? '');
    const reader: ReaderState = { known: progress.ok ? progress.known : new Set() };
    const state = [demoState(location.hash), publishedDemoState()].filter(Boolean).join('; ');
    if (state) reader.demoState = state;
    const concept = this.dataset.concept;
    const predictions = parsePredictions(read(PREDICTIONS_KEY) ?? '');
    const last = concept && predictions.ok ? newestFirst(predictions.records.filter((r) => r.concept === concept))[0] : undefined;
    if (last)
      reader.lastPrediction = { question: last.prompt, answer: last.answer, correct: last.correct, confidence: last.confidence };
    const lab = this.dataset.lab;
    const labPrediction = lab && this.#lab?.(`${LAB_PREFIX}${lab}`, this.#pageObjects);
    if (labPrediction) reader.lastPrediction = labPrediction;
    return reader;
  }

  #onChange = () => {
    try {
      localStorage.setItem(COMPANION_KEY, storeCompanion(this.#choices()));
    } catch {
      this.#say('Your choices could not be remembered (storage is blocked); the prompt still updates.');
    }
    this.#rebuild();
  };

  /** Writes the prompt afresh: after a choice the reader made, which replaces any edit of theirs. */
  #rebuild = () => {
    if (!this.#context || !this.#prompt) return;
    this.#built = promptFor(this.#context, this.#value('object'), this.#choices(), this.#reader());
    this.#prompt.value = this.#built;
    this.#edited = false;
  };

  /** After a change elsewhere on the page: rebuilds, unless the reader has edited the prompt, which is never overwritten unasked. */
  #refresh = () => {
    if (!this.#edited) return this.#rebuild();
    if (!this.#context || !this.#prompt) return;
    const fresh = promptFor(this.#context, this.#value('object'), this.#choices(), this.#reader());
    if (fresh !== this.#built) {
      this.#built = fresh;
      this.#say('The page changed since you edited the prompt. Your edit is kept; change a choice above to rebuild it.');
    }
  };
  /** The prompt as last built from the page, to tell whether the page has changed since. */
  #built = '';

  #copy = async () => {
    if (!this.#prompt) return;
    try {
      await navigator.clipboard.writeText(this.#prompt.value);
      this.#say('Copied. Paste it into your assistant.');
    } catch {
      this.#prompt.select();
      this.#say('Copying was blocked by the browser: the prompt is selected, so press Ctrl+C (⌘C) to copy it.');
    }
  };

  #say(message: string) {
    if (this.#status) this.#status.textContent = message;
  }
}

customElements.define('cf-companion', CfCompanion);
