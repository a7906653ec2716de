/**
 * Browser only: the reader's notes in localStorage (format: src/lib/notes.ts), shared by <cf-note>
 * and <cf-notes>. A failure is returned as a sentence for the page to show, never swallowed; stored
 * data that cannot be read is handed back as it is, so it can be downloaded and is never written over.
 */
import { NOTES_KEY, migrateNotes, parseNotes, toNotesFile, type Note, type Renames } from '../../lib/notes';

export type Loaded =
  | { ok: true; notes: Note[] }
  | { ok: false; blocked: boolean; raw: string | null; message: string };

export const BLOCKED_MESSAGE =
  'This browser does not let the site use its storage (private mode or a blocked setting), so notes cannot be read or kept here.';

/** Reads the stored notes, moving those of renamed concepts (and saving the move when it can). */
export function loadNotes(renames: Renames = {}): Loaded {
  let raw: string | null;
  try {
    raw = localStorage.getItem(NOTES_KEY);
  } catch {
    return { ok: false, blocked: true, raw: null, message: BLOCKED_MESSAGE };
  }
  if (raw === null) return { ok: true, notes: [] };
  const parsed = parseNotes(raw);
  if (!parsed.ok)
    return {
      ok: false,
      blocked: false,
      raw,
      message: `The stored notes cannot be read: ${parsed.error} They are left untouched; the notes page can download them.`,
    };
  const { notes, changed } = migrateNotes(parsed.notes, renames);
  // A failed write here is harmless: the move is made again on the next load.
  if (changed > 0) saveNotes(notes);
  return { ok: true, notes };
}

/** Writes the notes; null, or the sentence saying why it could not. */
export function saveNotes(notes: readonly Note[]): string | null {
  try {
    localStorage.setItem(NOTES_KEY, JSON.stringify(toNotesFile(notes)));
    document.dispatchEvent(new Event(NOTES_CHANGED_EVENT));
    return null;
  } catch (error) {
    const full = error instanceof DOMException && /quota/i.test(error.name);
    return full
      ? 'The note could not be saved: this browser’s storage for the site is full. Export and clear some notes on the notes page.'
      : 'The note could not be saved: this browser does not let the site keep data (private mode or a blocked setting).';
  }
}

/** A random note id, e.g. "n-3f9a…". */
export function newNoteId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return `n-${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** Fired on document after this page saves the notes, so other islands (the companion) can re-read them. */
export const NOTES_CHANGED_EVENT = 'cf:notes-changed';
