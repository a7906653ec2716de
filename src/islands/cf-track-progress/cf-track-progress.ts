/**
 * <cf-track-progress>: the "known" checkboxes of a track page, with export and import.
 * State: the set of known concept slugs, read from and written to localStorage (PROGRESS_KEY)
 * on every change; the server-rendered checkboxes (disabled until this runs) mirror it.
 * Lifecycle: connect -> load -> enable inputs; a `storage` event from another tab reloads.
 */
import { mergeProgress, parseProgress, PROGRESS_KEY, toProgressFile } from '../../lib/progress';

class CfTrackProgress extends HTMLElement {
  #known = new Set<string>();
  #onStorage = (event: StorageEvent) => {
    if (event.key === PROGRESS_KEY) this.#load();
  };

  connectedCallback() {
    this.#load();
    for (const box of this.#boxes()) {
      box.disabled = false;
      box.addEventListener('change', this.#onToggle);
    }
    this.querySelector<HTMLElement>('[data-tools]')?.removeAttribute('hidden');
    this.querySelector('[data-export]')?.addEventListener('click', this.#export);
    this.querySelector('[data-import]')?.addEventListener('change', this.#import);
    window.addEventListener('storage', this.#onStorage);
  }

  disconnectedCallback() {
    window.removeEventListener('storage', this.#onStorage);
  }

  #boxes(): HTMLInputElement[] {
    return [...this.querySelectorAll<HTMLInputElement>('input[type="checkbox"][data-slug]')];
  }

  #load() {
    let stored: string | null = null;
    try {
      stored = localStorage.getItem(PROGRESS_KEY);
    } catch {
      this.#say(
        'Your browser does not allow this site to store data, so marks last only while this page is open.',
      );
    }
    if (stored !== null) {
      const parsed = parseProgress(stored);
      if (parsed.ok) this.#known = parsed.known;
      // A damaged store is kept untouched (not overwritten) until the reader changes something.
      else this.#say('Saved progress could not be read; marking a step will start a fresh record.');
    }
    this.#render();
  }

  #save(): boolean {
    try {
      localStorage.setItem(PROGRESS_KEY, JSON.stringify(toProgressFile(this.#known)));
      return true;
    } catch {
      this.#say('Progress could not be saved (storage is full or blocked): export it to keep it.');
      return false;
    }
  }

  #render() {
    const boxes = this.#boxes();
    for (const box of boxes) box.checked = this.#known.has(box.dataset.slug!);
    const done = boxes.filter((b) => b.checked).length;
    const count = this.querySelector('[data-count]');
    if (count) count.textContent = `${done} of ${boxes.length} steps marked known`;
  }

  #onToggle = (event: Event) => {
    const box = event.target as HTMLInputElement;
    if (box.checked) this.#known.add(box.dataset.slug!);
    else this.#known.delete(box.dataset.slug!);
    if (this.#save()) this.#say('');
    this.#render();
  };

  #export = () => {
    const blob = new Blob([JSON.stringify(toProgressFile(this.#known), null, 2)], {
      type: 'application/json',
    });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = 'continuous-function-progress.json';
    link.click();
    URL.revokeObjectURL(link.href);
    this.#say(`Exported ${this.#known.size} known concept${this.#known.size === 1 ? '' : 's'}.`);
  };

  #import = async (event: Event) => {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    if (file.size > 1_000_000) {
      this.#say('That file is too large to be a progress export; nothing was changed.');
      return;
    }
    const parsed = parseProgress(await file.text());
    if (!parsed.ok) {
      this.#say(`${parsed.error} Nothing was changed.`);
      return;
    }
    const { known, added } = mergeProgress(this.#known, parsed.known);
    this.#known = known;
    if (this.#save())
      this.#say(`Imported: ${added} newly known concept${added === 1 ? '' : 's'}, nothing removed.`);
    this.#render();
  };

  #say(message: string) {
    const status = this.querySelector('[data-status]');
    if (status) status.textContent = message;
  }
}

customElements.define('cf-track-progress', CfTrackProgress);
