/**
 * <cf-notes>: the /notes/ page's live part.
 *
 * State: the stored notes (read through src/islands/cf-note/notes-store.ts on connect and on a
 * `storage` event from another tab, with notes of renamed concepts moved), or why they cannot be
 * read. Render groups them by object (src/lib/notes.ts groupNotes): objects on the site link back to
 * their anchor; objects no longer on the site are listed apart, text intact, with why and when they
 * left when the atlas retired their id (content/object-ids.yaml). Export downloads JSON
 * or Markdown; import merges a JSON file (nothing current is lost, duplicates are skipped, a
 * malformed or hostile file changes nothing; a note edited more recently elsewhere is updated, and an
 * older copy never replaces the text here); clear asks for confirmation inline; each note can be
 * edited in place, with the same form as beside the object (src/islands/cf-note/note-editors.ts),
 * or deleted. Stored data that cannot be read is never written over: it can be downloaded or cleared.
 * Reader text is rendered as element trees (src/lib/note-view.ts), never as HTML.
 */
import {
  NOTES_KEY,
  goneText,
  groupNotes,
  mergeNotes,
  migrateNotes,
  parseNotes,
  removeNote,
  toJson,
  toMarkdown,
  type KnownObjects,
  type Note,
  type NoteGroup,
  type Renames,
  type RetiredObjects,
} from '../../lib/notes';
import { h } from '../../lib/el';
import { noteAction, noteView } from '../../lib/note-view';
import { pickedFileText, saveBlob } from '../dom';
import { toDom } from '../el-dom';
import { closedMessage, editButton, NoteEditors } from '../cf-note/note-editors';
import { loadNotes, saveNotes } from '../cf-note/notes-store';

/** An import larger than this is not a notes export (1,000 long notes are about 10 MB; most are far smaller). */
const MAX_IMPORT_BYTES = 12_000_000;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function readJson<T>(root: Element, selector: string, fallback: T): T {
  try {
    return JSON.parse(root.querySelector(selector)?.textContent ?? '') as T;
  } catch {
    return fallback;
  }
}

/** "Imported 2 new notes. Updated 1 with a newer edit. 3 were already here. …" */
function importMessage({ added, updated, duplicates, kept }: { added: number; updated: number; duplicates: number; kept: number }) {
  const parts = [`Imported ${plural(added, 'new note')}.`];
  if (updated > 0) parts.push(`Updated ${plural(updated, 'note')} with a newer edit.`);
  if (duplicates > 0) parts.push(`${duplicates} ${duplicates === 1 ? 'was' : 'were'} already here.`);
  if (kept > 0)
    parts.push(`${kept} ${kept === 1 ? 'was' : 'were'} not newer than the note here, so the text here was kept.`);
  parts.push('Nothing was removed.');
  return parts.join(' ');
}

class CfNotes extends HTMLElement {
  #notes: Note[] = [];
  #unreadable: string | null = null;
  #blocked = false;
  #known: KnownObjects = {};
  #renames: Renames = {};
  #retired: RetiredObjects = {};
  #editors = new NoteEditors({
    legend: (note) => `Edit your note on ${this.#known[note.object]?.label ?? note.objectLabel}`,
    load: () => loadNotes(this.#renames),
    closed: (id, how) => {
      this.#load();
      this.#render();
      const button = editButton(this, id);
      if (button) button.focus();
      else this.#part('[data-tools] button').focus();
      if (!this.#unreadable && !this.#blocked) this.#status(closedMessage(how));
    },
  });

  #onStorage = (event: StorageEvent) => {
    if (event.key === NOTES_KEY || event.key === null) {
      this.#load();
      this.#render();
    }
  };

  connectedCallback() {
    this.#known = readJson(this, '[data-objects]', {});
    this.#renames = readJson(this, '[data-renames]', {});
    this.#retired = readJson(this, '[data-retired]', {});
    this.#part('[data-tools]').hidden = false;
    this.#part('[data-export-json]').addEventListener('click', () => this.#download('json'));
    this.#part('[data-export-md]').addEventListener('click', () => this.#download('md'));
    this.#part('[data-raw]').addEventListener('click', this.#downloadRaw);
    this.#part('[data-import]').addEventListener('change', this.#import);
    this.#part('[data-clear]').addEventListener('click', this.#askClear);
    this.#part('[data-confirm-yes]').addEventListener('click', this.#clear);
    this.#part('[data-confirm-no]').addEventListener('click', this.#cancelClear);
    this.addEventListener('click', this.#onDelete);
    this.addEventListener('click', this.#onEdit);
    window.addEventListener('storage', this.#onStorage);
    this.#load();
    this.#render();
  }

  disconnectedCallback() {
    window.removeEventListener('storage', this.#onStorage);
  }

  #part<T extends HTMLElement = HTMLElement>(selector: string): T {
    return this.querySelector<T>(selector)!;
  }

  #load() {
    const loaded = loadNotes(this.#renames);
    this.#unreadable = loaded.ok ? null : loaded.raw;
    this.#blocked = !loaded.ok && loaded.blocked;
    this.#notes = loaded.ok ? loaded.notes : [];
    this.#status(loaded.ok ? '' : loaded.message.replace('the notes page can download them', 'download them below'));
  }

  #render() {
    const { present, gone } = groupNotes(this.#editors.withOpen(this.#notes), this.#known, this.#retired);
    this.#editors.redraw(this, () => {
      this.#part('[data-groups]').replaceChildren(...present.map((g) => this.#group(g)));
      this.#part('[data-gone]').replaceChildren(...gone.map((g) => this.#group(g)));
    });
    this.#part('[data-gone-section]').hidden = gone.length === 0;
    this.#part('[data-empty]').hidden = this.#notes.length > 0;
    this.#part('[data-raw]').hidden = this.#unreadable === null;
    for (const selector of ['[data-export-json]', '[data-export-md]'])
      this.#part(selector).hidden = this.#unreadable !== null || this.#blocked;
  }

  #group(group: NoteGroup): Node {
    const title = group.concept && group.concept !== group.label ? `${group.concept} · ${group.label}` : group.label;
    const tree = h(
      'section',
      { class: 'notes-group', 'data-group': group.object },
      h('h3', {}, group.url ? h('a', { href: group.url }, title) : title),
      h('p', { class: 'notes-id' }, group.url ? group.object : `${group.object} · ${goneText(group)}`),
      ...group.notes.map((note) =>
        noteView(note, [noteAction('Edit', 'data-edit', note), noteAction('Delete', 'data-delete', note)]),
      ),
    );
    return toDom(tree)!;
  }

  #onDelete = (event: Event) => {
    const button = (event.target as Element).closest<HTMLButtonElement>('button[data-delete]');
    if (!button) return;
    this.#load();
    if (this.#unreadable !== null || this.#blocked) return this.#render();
    const id = button.dataset.delete!;
    const failed = saveNotes(removeNote(this.#notes, id));
    if (failed) return this.#toolStatus(failed.replace('The note could not be saved', 'The note could not be deleted'));
    this.#load();
    this.#render();
    this.#toolStatus('Deleted the note.');
    this.#part('[data-tools] button').focus();
  };

  #onEdit = (event: Event) => {
    const id = (event.target as Element).closest<HTMLButtonElement>('button[data-edit]')?.dataset.edit;
    const note = this.#notes.find((n) => n.id === id);
    if (note) this.#editors.start(note, () => this.#render());
  };

  #download(kind: 'json' | 'md') {
    this.#load();
    if (this.#unreadable !== null || this.#blocked) return this.#render();
    if (kind === 'json') saveBlob(toJson(this.#notes), 'application/json', 'continuous-function-notes.json');
    else
      saveBlob(
        toMarkdown(this.#notes, this.#known, location.origin, this.#retired),
        'text/markdown;charset=utf-8',
        'continuous-function-notes.md',
      );
    this.#toolStatus(`Downloaded ${plural(this.#notes.length, 'note')} as ${kind === 'json' ? 'JSON' : 'Markdown'}.`);
  }

  #downloadRaw = () => {
    if (this.#unreadable === null) return;
    saveBlob(this.#unreadable, 'text/plain;charset=utf-8', 'continuous-function-notes-unreadable.txt');
    this.#toolStatus('Downloaded the stored data as it is.');
  };

  #import = async (event: Event) => {
    const picked = await pickedFileText(event, MAX_IMPORT_BYTES, 'a notes');
    if (!picked) return;
    if ('error' in picked) return this.#toolStatus(picked.error);
    const parsed = parseNotes(picked.text);
    if (!parsed.ok) {
      this.#toolStatus(`${parsed.error} Nothing was changed.`);
      return;
    }
    this.#load();
    if (this.#unreadable !== null || this.#blocked) {
      this.#render();
      this.#toolStatus(
        'The notes already stored cannot be read, so nothing was imported over them; download or clear them first.',
      );
      return;
    }
    // Incoming notes of renamed concepts are moved first, so a copy of a note here matches it.
    const merged = mergeNotes(this.#notes, migrateNotes(parsed.notes, this.#renames).notes);
    if (!merged.ok) {
      this.#toolStatus(`${merged.error} Nothing was changed.`);
      return;
    }
    const failed = saveNotes(merged.notes);
    if (failed) {
      this.#toolStatus(`${failed.replace('The note could not be saved', 'The import could not be saved')} Nothing was changed.`);
      return;
    }
    this.#load();
    this.#render();
    this.#toolStatus(importMessage(merged));
  };

  #askClear = () => {
    this.#load();
    if (this.#notes.length === 0 && this.#unreadable === null) {
      this.#toolStatus('There are no notes to clear.');
      return;
    }
    this.#part('[data-confirm-text]').textContent =
      this.#unreadable !== null
        ? 'Delete the unreadable stored notes from this browser? This cannot be undone.'
        : `Delete all ${plural(this.#notes.length, 'note')} from this browser? This cannot be undone; download a JSON copy first if you may want them back.`;
    this.#part('[data-confirm]').hidden = false;
    this.#toolStatus('');
    this.#part('[data-confirm-no]').focus();
  };

  #cancelClear = () => {
    this.#part('[data-confirm]').hidden = true;
    this.#toolStatus('Nothing was deleted.');
    this.#part('[data-clear]').focus();
  };

  #clear = () => {
    const count = this.#notes.length;
    this.#part('[data-confirm]').hidden = true;
    try {
      localStorage.removeItem(NOTES_KEY);
    } catch {
      this.#toolStatus('The stored notes could not be deleted (storage is blocked).');
      this.#part('[data-clear]').focus();
      return;
    }
    this.#notes = [];
    this.#unreadable = null;
    this.#status('');
    this.#render();
    this.#toolStatus(count > 0 ? `Deleted ${plural(count, 'note')}.` : 'Deleted the unreadable data.');
    this.#part('[data-clear]').focus();
  };

  #status(message: string) {
    this.#part('[data-status]').textContent = message;
  }

  #toolStatus(message: string) {
    this.#part('[data-tool-status]').textContent = message;
  }
}

customElements.define('cf-notes', CfNotes);

