/**
 * Browser only: the notes being edited in one island (<cf-note> or <cf-notes>). Edit replaces a
 * note's <article> with the note form (src/islands/cf-note/note-form.ts) prefilled; Save edits it
 * through src/lib/notes.ts editNote and the same storage path as adding; Cancel drops the form.
 *
 * An open form is the reader's unsaved text, so it outlives re-renders: the island lists the
 * notes through `withOpen` (a note deleted in another tab keeps its form until the reader saves or
 * cancels) and redraws through `redraw`, which puts each form back in place of its note, with
 * focus where it was. A refusal (storage full or blocked, the note gone, the text invalid) is shown
 * in the form's status line and the text stays in the form.
 */
import { draftChanges, draftOf, draftProblem } from '../../lib/note-draft';
import { editNote, newestFirst, type Note } from '../../lib/notes';
import { el } from '../dom';
import { noteForm, type NoteForm } from './note-form';
import { saveNotes, type Loaded } from './notes-store';

export type Closed = 'saved' | 'unchanged' | 'cancelled';

export interface EditorHooks {
  /** Names the form, e.g. "Edit your note on Equation mem-kv". */
  legend: (note: Note) => string;
  /** Reads the stored notes now (another tab may have changed them). */
  load: () => Loaded;
  /** After a form closes: redraw, then put focus on `editButton(id)` or a sensible place. */
  closed: (id: string, how: Closed) => void;
}

const KEPT = ' Your text is still in the form.';

export class NoteEditors {
  #open = new Map<string, { form: NoteForm; note: Note }>();

  constructor(private readonly hooks: EditorHooks) {}

  /** Opens the form for this note (or returns to the one already open) and focuses its text. */
  start(note: Note, redraw: () => void): void {
    if (!this.#open.has(note.id)) {
      const cancel = el('button', 'Cancel', { type: 'button', className: 'button-small note-cancel' });
      const form = noteForm({
        legend: this.hooks.legend(note),
        submit: 'Save changes',
        onSubmit: () => this.#save(note.id),
        actions: [cancel],
        className: 'note-edit',
      });
      form.fill(draftOf(note));
      // Only the button cancels: Escape is too easy to press by accident to throw away an edit.
      cancel.addEventListener('click', () => this.#close(note.id, 'cancelled'));
      this.#open.set(note.id, { form, note });
    }
    redraw();
    this.#open.get(note.id)!.form.focusText();
  }

  /** The notes to list: the stored ones, and any being edited that are no longer stored. */
  withOpen(notes: readonly Note[], keep: (note: Note) => boolean = () => true): Note[] {
    const ids = new Set(notes.map((n) => n.id));
    const gone = [...this.#open.values()].map((e) => e.note).filter((n) => !ids.has(n.id) && keep(n));
    return gone.length === 0 ? [...notes] : newestFirst([...notes, ...gone]);
  }

  /** Runs `render`, then puts each open form in place of its note's article, keeping focus. */
  redraw(root: Element, render: () => void): void {
    const active = document.activeElement;
    render();
    for (const [id, { form }] of this.#open) {
      const article = [...root.querySelectorAll<HTMLElement>('[data-note]')].find((a) => a.dataset.note === id);
      article?.replaceWith(form.form);
    }
    if (active instanceof HTMLElement && active !== document.activeElement && root.contains(active)) active.focus();
  }

  #save(id: string) {
    const open = this.#open.get(id);
    if (!open) return;
    const { form } = open;
    const draft = form.draft();
    const problem = draftProblem(draft);
    if (problem) return void (form.status.textContent = problem);
    const loaded = this.hooks.load();
    if (!loaded.ok) return void (form.status.textContent = `${loaded.message}${KEPT}`);
    const edited = editNote(loaded.notes, id, draftChanges(draft), new Date());
    if (!edited.ok) return void (form.status.textContent = `${edited.error}${KEPT}`);
    if (edited.changed) {
      const failed = saveNotes(edited.notes);
      if (failed) return void (form.status.textContent = `${failed}${KEPT}`);
    }
    this.#close(id, edited.changed ? 'saved' : 'unchanged');
  }

  #close(id: string, how: Closed) {
    if (this.#open.delete(id)) this.hooks.closed(id, how);
  }
}

/** The sentence for the island's status line after a form closes. */
export const closedMessage = (how: Closed): string =>
  how === 'saved' ? 'Saved your edit in this browser.' : how === 'unchanged' ? 'Nothing was changed.' : '';

/** The Edit button of the note with this id inside root, if it is shown. */
export const editButton = (root: Element, id: string): HTMLButtonElement | undefined =>
  [...root.querySelectorAll<HTMLButtonElement>('button[data-edit]')].find((b) => b.dataset.edit === id);
