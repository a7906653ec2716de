/**
 * Isomorphic: what the note form holds (the same form adds and edits a note), the sentence to show
 * when it cannot be saved yet, and the changes it makes to a note. The form is the reader's, so
 * its text is kept as typed; trimming happens only here, on the way to storage.
 */
import type { Note, NoteChanges, NoteKind } from './notes';

export interface NoteDraft {
  kind: NoteKind;
  text: string;
  /** Shown, and kept, only for a reproduction. */
  ran: string;
  saw: string;
}

/** The empty form: a question, no text. */
export const EMPTY_DRAFT: NoteDraft = { kind: 'question', text: '', ran: '', saw: '' };

/** The form prefilled with a stored note, for editing it. */
export const draftOf = (note: Note): NoteDraft => ({
  kind: note.kind,
  text: note.text,
  ran: note.ran ?? '',
  saw: note.saw ?? '',
});

/** Why the draft cannot be saved yet, as a sentence for beside the form; null when it can. */
export function draftProblem(draft: NoteDraft): string | null {
  if (draft.text.trim() === '') return 'Write the note first.';
  if (draft.kind === 'reproduction' && (draft.ran.trim() === '' || draft.saw.trim() === ''))
    return 'A reproduction says what you ran and what came out.';
  return null;
}

/** The draft as the fields of a note, trimmed; ran and saw only for a reproduction. */
export function draftChanges(draft: NoteDraft): NoteChanges {
  const base = { kind: draft.kind, text: draft.text.trim() };
  return draft.kind === 'reproduction' ? { ...base, ran: draft.ran.trim(), saw: draft.saw.trim() } : base;
}
