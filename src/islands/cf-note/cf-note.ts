/**
 * <cf-note data-object="kv-cache#eq-mem-kv" data-label="Equation mem-kv" [data-former="old-slug …"]>:
 * the notes control beside one object.
 *
 * Server content: the "Report a problem" link (works without JavaScript). On connect the island adds
 * a toggle button ("Add a note", or "Notes (n)") and a panel, closed, with this object's notes and
 * a form: kind (reproduction, repair, question), the note in Markdown, and for a reproduction what
 * was run and what came out. Saving appends to localStorage (src/islands/cf-note/notes-store.ts);
 * a refusal (storage full or blocked, or the limit) is shown in the panel and the text stays in the
 * form. Each note has an Edit button that puts the same form, prefilled, in its place
 * (src/islands/cf-note/note-editors.ts). Escape closes the panel and returns focus to the toggle.
 * Another tab's changes arrive by the `storage` event; an open edit form survives them. Reader text
 * is rendered as element trees, never as HTML.
 */
import { EMPTY_DRAFT, draftChanges, draftProblem } from '../../lib/note-draft';
import { addNote, NOTE_KIND_LABELS, NOTES_KEY, type Note, type Renames } from '../../lib/notes';
import { noteAction, noteView } from '../../lib/note-view';
import { paths } from '../../lib/url';
import { el } from '../dom';
import { toDom } from '../el-dom';
import { closedMessage, editButton, NoteEditors } from './note-editors';
import { noteForm, type NoteForm } from './note-form';
import { loadNotes, newNoteId, saveNotes } from './notes-store';

let instances = 0;

class CfNote extends HTMLElement {
  #toggle!: HTMLButtonElement;
  #panel!: HTMLElement;
  #list!: HTMLElement;
  #add!: NoteForm;
  #status!: HTMLElement;
  #editors!: NoteEditors;
  #notes: Note[] = [];
  #blocked: string | null = null;

  #onStorage = (event: StorageEvent) => {
    if (event.key === NOTES_KEY || event.key === null) this.#refresh();
  };

  connectedCallback() {
    if (this.#toggle) return;
    const n = ++instances;
    // The server-rendered links (ask the companion, report a problem) move into the bar beside the toggle.
    const links = [...this.querySelectorAll('.object-ask, .object-report')];
    const label = this.dataset.label ?? 'this object';

    this.#toggle = el('button', undefined, { type: 'button', className: 'button-small note-toggle' });
    this.#toggle.setAttribute('aria-expanded', 'false');
    this.#toggle.setAttribute('aria-controls', `note-panel-${n}`);
    const bar = el('div', undefined, { className: 'note-bar' });
    bar.append(this.#toggle, ...links);

    this.#panel = el('div', undefined, { className: 'note-panel', id: `note-panel-${n}` });
    this.#panel.hidden = true;
    this.#panel.setAttribute('role', 'region');
    this.#panel.setAttribute('aria-label', `Your notes on ${label}`);
    this.#list = el('div', undefined, { className: 'note-list' });
    this.#add = noteForm({
      legend: `Add a note on ${label}`,
      submit: 'Save note',
      onSubmit: () => this.#save(),
      actions: [el('a', 'All your notes', { href: paths.notes() })],
    });
    this.#status = this.#add.status;
    this.#editors = new NoteEditors({
      legend: () => `Edit your note on ${label}`,
      load: () => loadNotes(this.#renames()),
      closed: (id, how) => {
        this.#refresh();
        (editButton(this.#list, id) ?? this.#toggle).focus();
        this.#status.textContent = this.#blocked ?? closedMessage(how);
      },
    });
    this.#panel.append(this.#list, this.#add.form);
    this.replaceChildren(bar, this.#panel);

    this.#toggle.addEventListener('click', () => this.#open(Boolean(this.#panel.hidden)));
    this.#list.addEventListener('click', (event) => {
      const id = (event.target as Element).closest<HTMLButtonElement>('button[data-edit]')?.dataset.edit;
      const note = this.#notes.find((n) => n.id === id);
      if (note) this.#editors.start(note, () => this.#render());
    });
    this.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && !this.#panel.hidden) {
        this.#open(false);
        this.#toggle.focus();
      }
    });
    window.addEventListener('storage', this.#onStorage);
    this.#refresh();
  }

  disconnectedCallback() {
    window.removeEventListener('storage', this.#onStorage);
  }

  #open(open: boolean) {
    this.#panel.hidden = !open;
    this.#toggle.setAttribute('aria-expanded', String(open));
    if (open) this.#add.focusText();
  }

  #renames(): Renames {
    const renames: Renames = {};
    for (const old of (this.dataset.former ?? '').split(/\s+/).filter(Boolean))
      renames[old] = this.dataset.object!.split('#')[0]!;
    return renames;
  }

  #refresh() {
    const loaded = loadNotes(this.#renames());
    this.#blocked = loaded.ok ? null : loaded.message;
    this.#notes = loaded.ok ? loaded.notes : [];
    this.#render();
    if (this.#blocked) this.#status.textContent = this.#blocked;
  }

  #render() {
    const object = this.dataset.object;
    const mine = this.#notes.filter((note) => note.object === object);
    this.#toggle.textContent = mine.length === 0 ? 'Add a note' : `Notes (${mine.length})`;
    const listed = this.#editors.withOpen(mine, (note) => note.object === object);
    this.#editors.redraw(this.#list, () =>
      this.#list.replaceChildren(...listed.map((note) => toDom(noteView(note, [noteAction('Edit', 'data-edit', note)]))!)),
    );
  }

  #save() {
    const draft = this.#add.draft();
    const missing = draftProblem(draft);
    if (missing) {
      this.#status.textContent = missing;
      return;
    }
    this.#refresh();
    if (this.#blocked) return;
    const note: Note = {
      id: newNoteId(),
      object: this.dataset.object!,
      objectLabel: this.dataset.label ?? this.dataset.object!,
      ...draftChanges(draft),
      at: new Date().toISOString(),
    };
    const added = addNote(this.#notes, note);
    if (!added.ok) {
      this.#status.textContent = added.error;
      return;
    }
    const failed = saveNotes(added.notes);
    if (failed) {
      this.#status.textContent = `${failed} Your text is still in the form.`;
      return;
    }
    this.#add.fill(EMPTY_DRAFT);
    this.#refresh();
    this.#status.textContent = `Saved your ${NOTE_KIND_LABELS[note.kind].toLowerCase()} in this browser.`;
  }
}

customElements.define('cf-note', CfNote);
