/**
 * <cf-note data-object="kv-cache#eq-mem-kv" data-label="Equation mem-kv" [data-former="old-slug …"]>:
 * the notes control beside one object.
 *
 * Server content: the "Report a problem" link (works without JavaScript). On connect the island adds
 * a toggle button ("Add a note", or "Notes (n)") and a panel, closed, with this object's notes and
 * a form: kind (reproduction, repair, question), the note in Markdown, and for a reproduction what
 * was run and what came out. Saving appends to localStorage (src/islands/cf-note/notes-store.ts);
 * a refusal (storage full or blocked, or the limit) is shown in the panel and the text stays in the
 * form. Escape closes the panel and returns focus to the toggle. Another tab's changes arrive by the
 * `storage` event. Reader text is rendered as element trees, never as HTML.
 */
import { addNote, NOTE_KINDS, NOTE_KIND_LABELS, NOTES_KEY, type Note, type NoteKind, type Renames } from '../../lib/notes';
import { noteView } from '../../lib/note-view';
import { paths } from '../../lib/url';
import { el } from '../dom';
import { toDom } from '../el-dom';
import { loadNotes, newNoteId, saveNotes } from './notes-store';

let instances = 0;

class CfNote extends HTMLElement {
  #toggle!: HTMLButtonElement;
  #panel!: HTMLElement;
  #list!: HTMLElement;
  #form!: HTMLFormElement;
  #status!: HTMLElement;
  #repro!: HTMLElement;
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
    this.#form = this.#buildForm(n, label);
    this.#status = el('p', undefined, { className: 'note-status' });
    this.#status.setAttribute('role', 'status');
    this.#panel.append(this.#list, this.#form, this.#status);
    this.replaceChildren(bar, this.#panel);

    this.#toggle.addEventListener('click', () => this.#open(Boolean(this.#panel.hidden)));
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

  #buildForm(n: number, label: string): HTMLFormElement {
    const form = el('form', undefined, { className: 'note-form' });
    form.noValidate = true;
    const kinds = el('fieldset', undefined, { className: 'note-kinds' });
    kinds.append(el('legend', `Add a note on ${label}`));
    for (const kind of NOTE_KINDS) {
      const radio = el('input', undefined, { type: 'radio' });
      radio.name = `kind-${n}`;
      radio.value = kind;
      radio.checked = kind === 'question';
      radio.addEventListener('change', () => this.#showRepro());
      const wrap = el('label');
      wrap.append(radio, ` ${NOTE_KIND_LABELS[kind]}`);
      kinds.append(wrap);
    }
    const field = (name: string, text: string, hint?: string) => {
      const id = `note-${name}-${n}`;
      const wrap = el('div', undefined, { className: 'note-field' });
      const lab = el('label', text);
      lab.htmlFor = id;
      const area = el('textarea', undefined, { id });
      area.name = name;
      area.rows = name === 'text' ? 4 : 2;
      wrap.append(lab);
      if (hint) {
        const small = el('span', hint, { className: 'note-hint', id: `${id}-hint` });
        area.setAttribute('aria-describedby', small.id);
        wrap.append(small);
      }
      wrap.append(area);
      return wrap;
    };
    this.#repro = el('div', undefined, { className: 'note-repro' });
    this.#repro.append(
      field('ran', 'What you ran', 'A command, a setting, a cell.'),
      field('saw', 'What came out'),
    );
    const actions = el('div', undefined, { className: 'note-actions' });
    actions.append(
      el('button', 'Save note', { type: 'submit', className: 'button-small note-save' }),
      el('a', 'All your notes', { href: paths.notes() }),
    );
    form.append(
      kinds,
      field('text', 'Note', 'Markdown: **bold**, *emphasis*, `code`, [links](https://…), - lists.'),
      this.#repro,
      actions,
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.#save();
    });
    this.#showRepro(form);
    return form;
  }

  #kind(form = this.#form): NoteKind {
    return (form.querySelector<HTMLInputElement>('input[type="radio"]:checked')?.value as NoteKind) ?? 'question';
  }

  #showRepro(form = this.#form) {
    this.#repro.hidden = this.#kind(form) !== 'reproduction';
  }

  #open(open: boolean) {
    this.#panel.hidden = !open;
    this.#toggle.setAttribute('aria-expanded', String(open));
    if (open) this.#form.querySelector('textarea')?.focus();
  }

  #refresh() {
    const renames: Renames = {};
    for (const old of (this.dataset.former ?? '').split(/\s+/).filter(Boolean))
      renames[old] = this.dataset.object!.split('#')[0]!;
    const loaded = loadNotes(renames);
    this.#blocked = loaded.ok ? null : loaded.message;
    this.#notes = loaded.ok ? loaded.notes : [];
    const mine = this.#notes.filter((note) => note.object === this.dataset.object);
    this.#toggle.textContent = mine.length === 0 ? 'Add a note' : `Notes (${mine.length})`;
    this.#list.replaceChildren(...mine.map((note) => toDom(noteView(note))!));
    if (this.#blocked) this.#status.textContent = this.#blocked;
  }

  #save() {
    const value = (name: string) =>
      (this.#form.elements.namedItem(name) as HTMLTextAreaElement | null)?.value.trim() ?? '';
    const kind = this.#kind();
    const text = value('text');
    const missing =
      text === ''
        ? 'Write the note first.'
        : kind === 'reproduction' && (value('ran') === '' || value('saw') === '')
          ? 'A reproduction says what you ran and what came out.'
          : null;
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
      kind,
      text,
      ...(kind === 'reproduction' ? { ran: value('ran'), saw: value('saw') } : {}),
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
    this.#form.reset();
    this.#form.querySelector<HTMLInputElement>('input[value="question"]')!.checked = true;
    this.#showRepro();
    this.#refresh();
    this.#status.textContent = `Saved your ${NOTE_KIND_LABELS[kind].toLowerCase()} in this browser.`;
  }
}

customElements.define('cf-note', CfNote);
