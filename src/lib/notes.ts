/**
 * Isomorphic: the reader's notes on atlas objects (src/lib/object-ids.ts) — the stored format (kept
 * by the browser in localStorage; this module owns it), moving notes from renamed concepts, adding,
 * merging an import, grouping for /notes/, and JSON and Markdown export.
 *
 * Rules a reader (and a test) can rely on:
 * - Nothing is ever dropped by a migration: a note whose concept was renamed moves to the new slug;
 *   a note whose object no longer exists keeps its id and text and is listed as "no longer on the
 *   site".
 * - Editing keeps a note's id, object and `at`, and stamps `edited`. An edit always stamps a time
 *   later than the version it replaces, so it wins a merge with a copy of that version.
 * - Import merges: every current note is kept; an incoming note with a new id is added; one with an
 *   id already here replaces ours only when it was edited more recently (`edited ?? at`), so the
 *   reader's text is never swapped for an older one; an identical one is a duplicate. A file that
 *   is not a notes file, or would take the total past NOTES_LIMIT, changes nothing.
 * - Format versions: 1 had no `edited`. 2 adds it, and is a new version rather than an optional
 *   field in 1 because a version-1 build parses with unknown keys stripped: reading a file with
 *   edits and saving it again (adding or deleting a note) would drop every `edited` stamp, and the
 *   next merge could then prefer an older copy of a note over the edit. A version-1 build refuses
 *   a version-2 file and leaves it untouched instead. Version-1 files are read and upgraded as they
 *   are (they have no edits to lose).
 * - Notes are text. Markdown in them is rendered by src/lib/note-markdown.ts into an element tree,
 *   never parsed as HTML.
 */
import { currentSlug, OBJECT_ID_PATTERN, splitObjectId, objectId } from './object-ids';
import { parseStoredJson, z } from './stored-json';

/** localStorage key; the stored value is a NotesFile. */
export const NOTES_KEY = 'cf:notes';
export const NOTES_FORMAT = 'continuous-function/notes';
export const NOTES_VERSION = 2;
/** A browser keeps at most this many notes; adding or importing past it is refused, never trimmed. */
export const NOTES_LIMIT = 1000;
export const MAX_NOTE_TEXT = 5000;
export const MAX_RUN_TEXT = 2000;

export const NOTE_KINDS = ['reproduction', 'repair', 'question'] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];
export const NOTE_KIND_LABELS: Record<NoteKind, string> = {
  reproduction: 'Reproduction',
  repair: 'Repair',
  question: 'Question',
};

const Text = (max: number) => z.string().check(z.minLength(1), z.maxLength(max));
const hasText = (s: string | undefined) => s !== undefined && s.trim() !== '';

const noteShape = {
  /** Random, made when the note is written; kept through edits, so it matches copies of the note on import. */
  id: z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{7,63}$/, 'must be 8–64 lower-case letters, digits or hyphens')),
  /** The object's stable id, e.g. "kv-cache#eq-mem-kv". */
  object: z.string().check(z.maxLength(200), z.regex(OBJECT_ID_PATTERN, 'must be a slug with an optional #anchor')),
  /** What the object was called when the note was written (shown if it leaves the site). */
  objectLabel: Text(200),
  kind: z.enum(NOTE_KINDS),
  /** The note, Markdown. */
  text: Text(MAX_NOTE_TEXT),
  /** Reproductions: what was run (a command, a setting, a cell). */
  ran: z.optional(Text(MAX_RUN_TEXT)),
  /** Reproductions: what came out. */
  saw: z.optional(Text(MAX_RUN_TEXT)),
  /** When it was written, ISO 8601 in UTC. */
  at: z.iso.datetime(),
};
const reproductionRule = z.refine<{ kind: NoteKind; ran?: string | undefined; saw?: string | undefined }>(
  (n) => n.kind !== 'reproduction' || (hasText(n.ran) && hasText(n.saw)),
  { message: 'a reproduction says what was run (ran) and what came out (saw)' },
);

/** A note as format version 1 stored it. */
const NoteV1Schema = z.object(noteShape).check(reproductionRule);

export const NoteSchema = z
  .object({
    ...noteShape,
    /**
     * When it was last edited, ISO 8601 in UTC; absent if never. Not checked against `at`: a note
     * edited on a device whose clock is behind must still be readable.
     */
    edited: z.optional(z.iso.datetime()),
  })
  .check(reproductionRule);
export type Note = z.infer<typeof NoteSchema>;

const notesArray = <S extends z.ZodMiniType>(note: S) => z.array(note).check(z.maxLength(NOTES_LIMIT));

/** The stored and exported shape. */
export const NotesFileSchema = z.object({
  format: z.literal(NOTES_FORMAT),
  version: z.literal(NOTES_VERSION),
  notes: notesArray(NoteSchema),
});
export type NotesFile = z.infer<typeof NotesFileSchema>;

/** Every version this build reads; parseNotes upgrades the older ones. */
const AnyNotesFileSchema = z.discriminatedUnion('version', [
  z.object({ format: z.literal(NOTES_FORMAT), version: z.literal(1), notes: notesArray(NoteV1Schema) }),
  NotesFileSchema,
]);

/** Old slug → new slug, from the concepts' `formerSlugs`. */
export type Renames = Record<string, string>;

/** Newest first; notes written at the same instant keep their order. */
export function newestFirst(notes: readonly Note[]): Note[] {
  return notes
    .map((n, i) => ({ n, i, t: Date.parse(n.at) }))
    .sort((a, b) => b.t - a.t || a.i - b.i)
    .map(({ n }) => n);
}

/**
 * Moves notes whose concept was renamed to the new slug (following chains a → b → c), keeping the
 * anchor. Notes on unknown objects are kept as they are. `changed` counts the notes moved.
 */
export function migrateNotes(notes: readonly Note[], renames: Renames): { notes: Note[]; changed: number } {
  let changed = 0;
  const moved = notes.map((note) => {
    const { concept, anchor } = splitObjectId(note.object);
    const slug = currentSlug(concept, renames);
    if (slug === concept) return note;
    changed++;
    return { ...note, object: objectId(slug, anchor) };
  });
  return { notes: moved, changed };
}

export type ParsedNotes = { ok: true; notes: Note[] } | { ok: false; error: string };

/**
 * Parses stored or imported text, and upgrades older versions of the format: a version-1 note is a
 * version-2 note that was never edited, so it is kept field for field. Never throws; says in a
 * sentence what is wrong.
 */
export function parseNotes(text: string): ParsedNotes {
  const parsed = parseStoredJson(
    text,
    AnyNotesFileSchema,
    'This is not JSON, so it cannot be a notes file.',
    'This is not a Continuous Function notes file',
  );
  return parsed.ok ? { ok: true, notes: newestFirst(parsed.data.notes) } : parsed;
}

export function toNotesFile(notes: readonly Note[]): NotesFile {
  return { format: NOTES_FORMAT, version: NOTES_VERSION, notes: newestFirst(notes) };
}

/** The notes as the JSON file that import reads back. */
export const toJson = (notes: readonly Note[]): string => `${JSON.stringify(toNotesFile(notes), null, 2)}\n`;

export type Added = { ok: true; notes: Note[] } | { ok: false; error: string };

/** The notes with a new one added, or a sentence saying why not (the note is invalid or the limit is reached). */
export function addNote(notes: readonly Note[], note: Note): Added {
  const checked = z.safeParse(NoteSchema, note);
  if (!checked.success) return { ok: false, error: `This note cannot be kept: ${checked.error.issues[0]!.message}.` };
  if (notes.length >= NOTES_LIMIT)
    return { ok: false, error: `This browser keeps at most ${NOTES_LIMIT} notes; export and clear some first.` };
  return { ok: true, notes: newestFirst([checked.data, ...notes]) };
}

/** The notes without the one with this id. */
export const removeNote = (notes: readonly Note[], id: string): Note[] => notes.filter((n) => n.id !== id);

/** What an edit may change; the rest of the note stays as written. */
export type NoteChanges = Pick<Note, 'kind' | 'text' | 'ran' | 'saw'>;

export type Edited =
  | { ok: true; notes: Note[]; changed: boolean }
  | { ok: false; error: string };

/** When this version of the note was made: its last edit, or its writing. */
export const lastChanged = (note: Note): number => Date.parse(note.edited ?? note.at);

/**
 * The notes with one edited: same id, object, label and `at`; `edited` set to `now`, or to just
 * after the version it replaces if the clock says otherwise (so the edit wins a later merge). Only
 * a reproduction keeps ran and saw. `changed` is false, and nothing is stamped, when the text is
 * the same as before.
 */
export function editNote(notes: readonly Note[], id: string, changes: NoteChanges, now: Date): Edited {
  const old = notes.find((n) => n.id === id);
  if (!old) return { ok: false, error: 'This note is no longer stored here (it was deleted, perhaps in another tab).' };
  const { object, objectLabel, at } = old;
  const run = changes.kind === 'reproduction' ? { ran: changes.ran, saw: changes.saw } : {};
  const unstamped = { id, object, objectLabel, kind: changes.kind, text: changes.text, ...run, at };
  if (sameNote(unstamped, { ...old, edited: undefined })) return { ok: true, notes: [...notes], changed: false };
  const edited = new Date(Math.max(now.getTime(), lastChanged(old) + 1)).toISOString();
  const checked = z.safeParse(NoteSchema, { ...unstamped, edited });
  if (!checked.success) return { ok: false, error: `This note cannot be kept: ${checked.error.issues[0]!.message}.` };
  return { ok: true, notes: newestFirst(notes.map((n) => (n.id === id ? checked.data : n))), changed: true };
}

const FIELDS = ['id', 'object', 'objectLabel', 'kind', 'text', 'ran', 'saw', 'at', 'edited'] as const;
/** Field by field, so key order and absent-versus-undefined do not matter. */
const sameNote = (a: Note, b: Note) => FIELDS.every((key) => a[key] === b[key]);

export type Merged =
  | {
      ok: true;
      notes: Note[];
      /** New ids. */
      added: number;
      /** Ids here whose text the file replaced with a more recent edit. */
      updated: number;
      /** Incoming notes identical to the one here. */
      duplicates: number;
      /** Incoming notes not taken because the one here is as recent or more recent. */
      kept: number;
    }
  | { ok: false; error: string };

/** Import merges; see the rules at the top of this file. */
export function mergeNotes(current: readonly Note[], incoming: readonly Note[]): Merged {
  const byId = new Map(current.map((n) => [n.id, n]));
  const ours = new Set(byId.keys());
  const replaced = new Set<string>();
  let added = 0;
  let duplicates = 0;
  let kept = 0;
  for (const note of incoming) {
    const here = byId.get(note.id);
    if (!here) {
      added++;
      byId.set(note.id, note);
    } else if (sameNote(here, note)) duplicates++;
    // A tie keeps ours: without a later stamp there is no reason to think theirs is the newer text.
    else if (lastChanged(note) > lastChanged(here)) {
      byId.set(note.id, note);
      if (ours.has(note.id)) replaced.add(note.id);
    } else kept++;
  }
  if (byId.size > NOTES_LIMIT)
    return {
      ok: false,
      error: `Importing would keep ${byId.size} notes, more than the ${NOTES_LIMIT} this browser keeps; export and clear some first.`,
    };
  return { ok: true, notes: newestFirst([...byId.values()]), added, updated: replaced.size, duplicates, kept };
}

/** What the site says about an object: its label and its URL (with the anchor). */
export type KnownObjects = Record<string, { label: string; url: string; concept: string }>;

export interface NoteGroup {
  object: string;
  /** The site's label for it, or the one stored with the newest note when it is gone. */
  label: string;
  /** Its URL, or null when the object is no longer on the site. */
  url: string | null;
  /** The concept's title when known. */
  concept: string | null;
  /** For an object no longer on the site whose id the atlas retired: why and when, e.g. "label removed on 2026-05-01". */
  left: string | null;
  notes: Note[];
}

/** Retired object ids → why and when they left the site (src/lib/object-registry.ts `retiredNotices`). */
export type RetiredObjects = Record<string, string>;

/** "no longer on the site", with the reason when the atlas recorded one. */
export const goneText = (group: Pick<NoteGroup, 'left'>): string =>
  group.left ? `no longer on the site: ${group.left}` : 'no longer on the site';

/**
 * Notes grouped by object: objects on the site first (in the order of `known`), then those no
 * longer on the site (by id); notes newest first inside each group.
 */
export function groupNotes(
  notes: readonly Note[],
  known: KnownObjects,
  retired: RetiredObjects = {},
): { present: NoteGroup[]; gone: NoteGroup[] } {
  const byObject = new Map<string, Note[]>();
  for (const note of newestFirst(notes)) byObject.set(note.object, [...(byObject.get(note.object) ?? []), note]);
  const order = Object.keys(known);
  const present: NoteGroup[] = [];
  const gone: NoteGroup[] = [];
  for (const [object, list] of byObject) {
    const site = Object.hasOwn(known, object) ? known[object] : undefined;
    if (site)
      present.push({ object, label: site.label, url: site.url, concept: site.concept, left: null, notes: list });
    else {
      const left = Object.hasOwn(retired, object) ? retired[object]! : null;
      gone.push({ object, label: list[0]!.objectLabel, url: null, concept: null, left, notes: list });
    }
  }
  present.sort((a, b) => order.indexOf(a.object) - order.indexOf(b.object));
  gone.sort((a, b) => a.object.localeCompare(b.object));
  return { present, gone };
}

/** A line of reader text inside a Markdown blockquote, so it cannot end the quote or start a heading. */
const quote = (text: string) =>
  text
    .split(/\r?\n/)
    .map((line) => `> ${line}`)
    .join('\n');

/**
 * The notes as a Markdown document, grouped like /notes/. The reader's own text is quoted (each
 * line behind "> "), and the parts this function writes never come from the reader unescaped.
 * `origin` makes the links absolute (the file is read away from the site).
 */
export function toMarkdown(
  notes: readonly Note[],
  known: KnownObjects,
  origin: string,
  retired: RetiredObjects = {},
): string {
  const { present, gone } = groupNotes(notes, known, retired);
  const inline = (text: string) => text.replace(/([\\`*_[\]<>#|])/g, '\\$1').replace(/\s+/g, ' ');
  const lines = ['# Continuous Function: my notes', ''];
  const group = (g: NoteGroup) => {
    const title = g.concept && g.concept !== g.label ? `${g.concept} · ${g.label}` : g.label;
    lines.push(`## ${inline(title)}`, '');
    lines.push(
      g.url ? `Object \`${g.object}\`: <${new URL(g.url, origin).href}>` : `Object \`${g.object}\`: ${inline(goneText(g))}.`,
      '',
    );
    for (const n of g.notes) {
      const edited = n.edited ? `, edited ${n.edited}` : '';
      lines.push(`### ${NOTE_KIND_LABELS[n.kind]}, ${n.at}${edited}`, '', quote(n.text), '');
      if (n.ran) lines.push('What was run:', '', quote(n.ran), '');
      if (n.saw) lines.push('What came out:', '', quote(n.saw), '');
    }
  };
  present.forEach(group);
  if (gone.length > 0) {
    lines.push('## Objects no longer on the site', '');
    gone.forEach(group);
  }
  if (notes.length === 0) lines.push('No notes yet.', '');
  return `${lines.join('\n').trimEnd()}\n`;
}
