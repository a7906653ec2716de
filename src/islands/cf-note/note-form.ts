/**
 * Browser only: the note form, one builder for adding a note (<cf-note>) and editing one (<cf-note>
 * and <cf-notes>): kind (reproduction, repair, question), the note in Markdown, and for a
 * reproduction what was run and what came out, a submit button, optional extra actions, and a
 * status line beside the form for what went wrong. The form never clears itself: the island
 * clears it only after the note is saved, so the reader's text survives any refusal.
 */
import { EMPTY_DRAFT, type NoteDraft } from '../../lib/note-draft';
import { NOTE_KINDS, NOTE_KIND_LABELS, type NoteKind } from '../../lib/notes';
import { el } from '../dom';

export interface NoteForm {
  form: HTMLFormElement;
  /** role="status", inside the form. */
  status: HTMLElement;
  draft(): NoteDraft;
  fill(draft: NoteDraft): void;
  focusText(): void;
}

export interface NoteFormOptions {
  /** Names the form (the kinds' legend), e.g. "Add a note on Equation mem-kv". */
  legend: string;
  submit: string;
  onSubmit: (form: NoteForm) => void;
  /** After the submit button: a link, a Cancel button. */
  actions?: HTMLElement[];
  className?: string;
}

// Ids and radio-group names must be unique on the page, and a page has many forms.
let forms = 0;

export function noteForm({ legend, submit, onSubmit, actions = [], className = '' }: NoteFormOptions): NoteForm {
  const n = ++forms;
  const form = el('form', undefined, { className: `note-form ${className}`.trim() });
  form.noValidate = true;
  const kinds = el('fieldset', undefined, { className: 'note-kinds' });
  kinds.append(el('legend', legend));
  const radios = NOTE_KINDS.map((kind) => {
    const radio = el('input', undefined, { type: 'radio' });
    radio.name = `kind-${n}`;
    radio.value = kind;
    radio.addEventListener('change', showRepro);
    const wrap = el('label');
    wrap.append(radio, ` ${NOTE_KIND_LABELS[kind]}`);
    kinds.append(wrap);
    return radio;
  });
  const field = (name: keyof NoteDraft, text: string, hint?: string) => {
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
    return { wrap, area };
  };
  const text = field('text', 'Note', 'Markdown: **bold**, *emphasis*, `code`, [links](https://…), - lists.');
  const ran = field('ran', 'What you ran', 'A command, a setting, a cell.');
  const saw = field('saw', 'What came out');
  const repro = el('div', undefined, { className: 'note-repro' });
  repro.append(ran.wrap, saw.wrap);
  const buttons = el('div', undefined, { className: 'note-actions' });
  buttons.append(el('button', submit, { type: 'submit', className: 'button-small note-save' }), ...actions);
  const status = el('p', undefined, { className: 'note-status' });
  status.setAttribute('role', 'status');
  form.append(kinds, text.wrap, repro, buttons, status);

  const kind = (): NoteKind => (radios.find((r) => r.checked)?.value as NoteKind | undefined) ?? 'question';
  function showRepro() {
    repro.hidden = kind() !== 'reproduction';
  }
  const api: NoteForm = {
    form,
    status,
    draft: () => ({ kind: kind(), text: text.area.value, ran: ran.area.value, saw: saw.area.value }),
    fill(draft) {
      for (const radio of radios) radio.checked = radio.value === draft.kind;
      text.area.value = draft.text;
      ran.area.value = draft.ran;
      saw.area.value = draft.saw;
      showRepro();
    },
    focusText: () => text.area.focus(),
  };
  api.fill(EMPTY_DRAFT);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    onSubmit(api);
  });
  return api;
}

