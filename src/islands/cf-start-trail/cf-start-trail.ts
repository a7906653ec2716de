/**
 * <cf-start-trail>: the cards of /start/. State: the stored trail (TRAIL_KEY), plus the lever
 * lab's history (HISTORY_KEY), which completes the prediction step. A card whose link carries
 * data-complete-on-follow is marked done when the reader activates the link, before the browser
 * leaves the page. Lifecycle: connect -> load -> render; `storage` (another tab) and `pageshow`
 * (coming back, also from the back/forward cache) load again, since the lab may have been used.
 *
 * A stored trail that cannot be read is reported and left as it is until the reader does or
 * undoes a step here; nothing read from storage is ever inserted as markup.
 */
import { HISTORY_KEY, parseHistory } from '../../lib/lever-lab';
import { NOTES_KEY, parseNotes } from '../../lib/notes';
import {
  emptyTrail,
  isDone,
  isStepId,
  markDone,
  markNotDone,
  parseTrail,
  progress,
  progressText,
  STEPS,
  TRAIL_KEY,
  withEvidence,
  withLabHistory,
  type StepId,
  type TrailFile,
} from '../../lib/trail';

class CfStartTrail extends HTMLElement {
  #state: TrailFile = emptyTrail();
  /** The stored record could not be read; it is kept until the reader acts. */
  #unreadable = false;

  #onStorage = (event: StorageEvent) => {
    if (event.key === TRAIL_KEY || event.key === HISTORY_KEY || event.key === null) this.#load();
  };
  #onPageShow = () => this.#load();

  connectedCallback() {
    for (const link of this.querySelectorAll<HTMLAnchorElement>('a[data-complete-on-follow]')) {
      // Enter on a focused link fires `click` too; a middle click opens it in a new tab.
      link.addEventListener('click', this.#onFollow);
      link.addEventListener('auxclick', this.#onFollow);
    }
    for (const button of this.querySelectorAll<HTMLButtonElement>('[data-undo]'))
      button.addEventListener('click', this.#onUndo);
    window.addEventListener('storage', this.#onStorage);
    window.addEventListener('pageshow', this.#onPageShow);
    this.#load();
  }

  disconnectedCallback() {
    window.removeEventListener('storage', this.#onStorage);
    window.removeEventListener('pageshow', this.#onPageShow);
  }

  #stepOf(element: Element): StepId | null {
    const id = element.closest<HTMLElement>('[data-step]')?.dataset.step ?? '';
    return isStepId(id) ? id : null;
  }

  #load() {
    const problems: string[] = [];
    let stored: string | null = null;
    let readable = true;
    try {
      stored = localStorage.getItem(TRAIL_KEY);
    } catch {
      readable = false;
      problems.push(
        'This browser does not let the site store data, so steps stay ticked only while this page is open.',
      );
    }
    if (readable) {
      this.#unreadable = false;
      if (stored === null) this.#state = emptyTrail();
      else {
        const parsed = parseTrail(stored);
        if (parsed.ok) this.#state = parsed.state;
        else {
          this.#unreadable = true;
          this.#state = emptyTrail();
          problems.push(`${parsed.error} Doing a step here will start a fresh record.`);
        }
      }
    }

    const withLab = withEvidence(
      withLabHistory(this.#state, this.#labEntries()),
      'note',
      this.#noteDates(),
    );
    if (withLab !== this.#state) {
      this.#state = withLab;
      // The reader made the prediction or wrote the note; keep it, unless that would overwrite a
      // record they have not yet chosen to replace.
      if (readable && !this.#unreadable) this.#save(problems);
    }
    this.#say(problems.join(' '));
    this.#render();
  }

  /** The lab's predictions; an unreadable lab history counts as none (the lab page reports it). */
  #labEntries() {
    try {
      const stored = localStorage.getItem(HISTORY_KEY);
      if (stored === null) return [];
      const parsed = parseHistory(stored);
      return parsed.ok ? parsed.entries : [];
    } catch {
      return [];
    }
  }

  /** When the reader's notes were written; unreadable notes count as none (/notes/ reports them). */
  #noteDates(): string[] {
    try {
      const parsed = parseNotes(localStorage.getItem(NOTES_KEY) ?? '');
      return parsed.ok ? parsed.notes.map((n) => n.at) : [];
    } catch {
      return [];
    }
  }

  /** Writes the state; on failure adds a sentence to `problems`. */
  #save(problems: string[]): boolean {
    try {
      localStorage.setItem(TRAIL_KEY, JSON.stringify(this.#state));
      this.#unreadable = false;
      return true;
    } catch {
      problems.push(
        'This step could not be saved (storage is full or blocked); it is ticked only until you leave.',
      );
      return false;
    }
  }

  #act(next: TrailFile) {
    this.#state = next;
    const problems: string[] = [];
    this.#save(problems);
    this.#say(problems.join(' '));
    this.#render();
  }

  #onFollow = (event: MouseEvent) => {
    if (event.type === 'auxclick' && event.button !== 1) return;
    const id = this.#stepOf(event.currentTarget as Element);
    // An unreadable record is replaced now: following the link is the reader acting.
    if (id && (!isDone(this.#state, id) || this.#unreadable)) this.#act(markDone(this.#state, id));
  };

  #onUndo = (event: Event) => {
    const button = event.currentTarget as HTMLButtonElement;
    const id = this.#stepOf(button);
    if (!id) return;
    this.#act(markNotDone(this.#state, id, new Date().toISOString()));
    // The button disappears with the tick; put focus somewhere sensible in the same card.
    button.closest('[data-step]')?.querySelector<HTMLElement>('[data-step-link]')?.focus();
  };

  #render() {
    for (const card of this.querySelectorAll<HTMLElement>('[data-step][data-built="true"]')) {
      const id = this.#stepOf(card);
      const done = id !== null && isDone(this.#state, id);
      card.dataset.done = String(done);
      card.querySelector<HTMLElement>('[data-done-badge]')?.toggleAttribute('hidden', !done);
      card.querySelector<HTMLElement>('[data-undo]')?.toggleAttribute('hidden', !done);
    }
    const p = progress(this.#state, STEPS);
    const bar = this.querySelector<HTMLProgressElement>('progress[data-bar]');
    if (bar) {
      bar.max = p.total;
      bar.value = p.done;
    }
    const count = this.querySelector('[data-count]');
    const text = progressText(p) + (p.done === p.total ? ': the first route, as far as it is built.' : '.');
    if (count && count.textContent !== text) count.textContent = text;
  }

  #say(message: string) {
    const status = this.querySelector('[data-status]');
    if (status && status.textContent !== message) status.textContent = message;
  }
}

customElements.define('cf-start-trail', CfStartTrail);
