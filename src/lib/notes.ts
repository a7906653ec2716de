/**
 * Isomorphic: the reader's notes on atlas objects (src/lib/object-ids.ts) — the stored format (kept
 * by the browser in localStorage; this module owns it), moving notes from renamed concepts, adding,
 * merging an import, grouping for /notes/, and JSON and Markdown export.
 *
 * Rules a reader (and a test) can rely on:
 * - Nothing is ever dropped by a migration: a note whose concept was renamed moves to the new slug;
 *   a note whose object no longer exists keeps its id and text and is listed as "no longer on the
 *   site".
 * - Import merges: every current note is kept; an incoming note with an id already here is a
 *   duplicate and skipped; a file that is not a notes file, or would take the total past
 *   NOTES_LIMIT, changes nothing.
 * - Notes are text. Markdown in them is rendered by src/lib/note-markdown.ts into an element tree,
 *   never parsed as HTML.
 */
import { OBJECT_ID_PATTERN, splitObjectId, objectId } from './object-ids';
import { parseStoredJson, z } from './stored-json';

/** localStorage key; the stored value is a NotesFile. */
export const NOTES_KEY = 'cf:notes';
export const NOTES_FORMAT = 'continuous-function/notes';
export const NOTES_VERSION = 1;
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

export const NoteSchema = z
  .object({
    /** Random, made when the note is written; the key for duplicates on import. */
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
  })
  .check(
    z.refine((n) => n.kind !== 'reproduction' || (hasText(n.ran) && hasText(n.saw)), {
      message: 'a reproduction says what was run (ran) and what came out (saw)',
    }),
  );
export type Note = z.infer<typeof NoteSchema>;

/** The stored and exported shape. */
export const NotesFileSchema = z.object({
  format: z.literal(NOTES_FORMAT),
  version: z.literal(NOTES_VERSION),
  notes: z.array(NoteSchema).check(z.maxLength(NOTES_LIMIT)),
});
export type NotesFile = z.infer<typeof NotesFileSchema>;

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
    let slug = concept;
    const seen = new Set<string>();
    while (Object.hasOwn(renames, slug) && !seen.has(slug)) {
      seen.add(slug);
      slug = renames[slug]!;
    }
    if (slug === concept) return note;
    changed++;
    return { ...note, object: objectId(slug, anchor) };
  });
  return { notes: moved, changed };
}

export type ParsedNotes = { ok: true; notes: Note[] } | { ok: false; error: string };

/**
 * Parses stored or imported text, and upgrades older versions of the format (there is one version
 * so far; a later one adds its step here). Never throws; says in a sentence what is wrong.
 */
export function parseNotes(text: string): ParsedNotes {
  const parsed = parseStoredJson(
    text,
    NotesFileSchema,
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

export type Merged =
  | { ok: true; notes: Note[]; added: number; duplicates: number }
  | { ok: false; error: string };

/** Import merges; see the rules at the top of this file. */
export function mergeNotes(current: readonly Note[], incoming: readonly Note[]): Merged {
  const seen = new Set(current.map((n) => n.id));
  const fresh: Note[] = [];
  let duplicates = 0;
  for (const note of incoming) {
    if (seen.has(note.id)) duplicates++;
    else {
      seen.add(note.id);
      fresh.push(note);
    }
  }
  const total = current.length + fresh.length;
  if (total > NOTES_LIMIT)
    return {
      ok: false,
      error: `Importing would keep ${total} notes, more than the ${NOTES_LIMIT} this browser keeps; export and clear some first.`,
    };
  return { ok: true, notes: newestFirst([...current, ...fresh]), added: fresh.length, duplicates };
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
      lines.push(`### ${NOTE_KIND_LABELS[n.kind]}, ${n.at}`, '', quote(n.text), '');
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
