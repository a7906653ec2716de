/**
 * Isomorphic: one note as an element tree (src/lib/el.ts), the same in the control beside an
 * object and on /notes/. The reader's Markdown goes through src/lib/note-markdown.ts; what was run
 * and what came out are shown as plain preformatted text.
 */
import { h, type Child, type El } from './el';
import { renderNoteMarkdown } from './note-markdown';
import { NOTE_KIND_LABELS, type Note } from './notes';

/** "5 Dec 2026, 08:01" in the reader's locale. */
const when = (iso: string) =>
  new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/**
 * A button for a note's header line, e.g. Edit or Delete: `hook` (a data- attribute) holds the
 * note's id, and the accessible name says which note ("Edit this question note").
 */
export const noteAction = (verb: string, hook: 'data-edit' | 'data-delete', note: Note): El =>
  h(
    'button',
    { type: 'button', class: 'button-small', [hook]: note.id },
    verb,
    h('span', { class: 'visually-hidden' }, ` this ${note.kind} note`),
  );

/** A note as an <article>; `actions` (e.g. noteAction buttons) go in its header line. */
export function noteView(note: Note, actions: Child[] = []): El {
  return h(
    'article',
    { class: `note note-${note.kind}`, 'data-note': note.id },
    h(
      'p',
      { class: 'note-meta' },
      h('span', { class: 'note-kind' }, NOTE_KIND_LABELS[note.kind]),
      ' · ',
      h('time', { datetime: note.at }, when(note.at)),
      note.edited && [' · edited ', h('time', { class: 'note-edited', datetime: note.edited }, when(note.edited))],
      ...actions,
    ),
    h('div', { class: 'note-text' }, ...renderNoteMarkdown(note.text)),
    note.kind === 'reproduction' &&
      h(
        'dl',
        { class: 'note-run' },
        h('dt', {}, 'What was run'),
        h('dd', {}, h('pre', {}, note.ran ?? '')),
        h('dt', {}, 'What came out'),
        h('dd', {}, h('pre', {}, note.saw ?? '')),
      ),
  );
}
