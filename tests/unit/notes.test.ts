import { describe, expect, it } from 'vitest';
import {
  NOTES_LIMIT,
  NOTES_VERSION,
  addNote,
  goneText,
  editNote,
  groupNotes,
  mergeNotes,
  migrateNotes,
  parseNotes,
  removeNote,
  toJson,
  toMarkdown,
  type Note,
} from '../../src/lib/notes';

let counter = 0;
function note(over: Partial<Note> = {}): Note {
  counter++;
  return {
    id: `note-${String(counter).padStart(8, '0')}`,
    object: 'kv-cache#eq-mem-kv',
    objectLabel: 'Equation mem-kv',
    kind: 'question',
    text: 'Why a factor of 2?',
    at: new Date(Date.UTC(2026, 0, 1, 0, counter)).toISOString(),
    ...over,
  };
}

const known = {
  'kv-cache': { label: 'KV cache', url: '/concepts/kv-cache/', concept: 'KV cache' },
  'kv-cache#eq-mem-kv': { label: 'Equation mem-kv', url: '/concepts/kv-cache/#eq-mem-kv', concept: 'KV cache' },
};

describe('stored notes', () => {
  it('round-trip through JSON, newest first', () => {
    const a = note();
    const b = note({ kind: 'reproduction', ran: 'python3 witness.py', saw: '17179869184' });
    const parsed = parseNotes(toJson([a, b]));
    expect(parsed).toEqual({ ok: true, notes: [b, a] });
  });

  it.each([
    ['not JSON', '{', 'This is not JSON, so it cannot be a notes file.'],
    ['another format', '{"format":"x","version":1,"notes":[]}', 'This is not a Continuous Function notes file (at format)'],
    ['a future version', '{"format":"continuous-function/notes","version":9,"notes":[]}', '(at version)'],
    ['a bad object id', JSON.stringify({ format: 'continuous-function/notes', version: 1, notes: [note({ object: '../x' })] }), '(at notes.0.object)'],
    ['a reproduction with no result', JSON.stringify({ format: 'continuous-function/notes', version: 1, notes: [note({ kind: 'reproduction', ran: 'x' })] }), 'what came out'],
    ['a prototype-polluting key', '{"__proto__":{"polluted":1},"format":"continuous-function/notes","version":1,"notes":"x"}', '(at notes)'],
  ])('rejects %s with a sentence', (_, text, message) => {
    const parsed = parseNotes(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toContain(message);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses a note that breaks the format, and a note past the limit', () => {
    expect(addNote([], note({ text: '' })).ok).toBe(false);
    const full = Array.from({ length: NOTES_LIMIT }, () => note());
    const added = addNote(full, note());
    expect(added).toEqual({ ok: false, error: expect.stringContaining(`at most ${NOTES_LIMIT} notes`) });
    const ok = addNote([], note());
    expect(ok.ok && ok.notes).toHaveLength(1);
    const one = note();
    expect(removeNote([one, note()], one.id)).toHaveLength(1);
  });
});

describe('format versions', () => {
  it('a version-1 file (written before edits existed) is read with every note and field, and saved as the current version', () => {
    const a = note();
    const b = note({ kind: 'reproduction', ran: 'python3 witness.py', saw: '17179869184', object: 'gone#eq-x' });
    const v1 = JSON.stringify({ format: 'continuous-function/notes', version: 1, notes: [a, b] });
    const parsed = parseNotes(v1);
    expect(parsed).toEqual({ ok: true, notes: [b, a] });
    const saved = JSON.parse(toJson(parsed.ok ? parsed.notes : []));
    expect(saved).toEqual({ format: 'continuous-function/notes', version: NOTES_VERSION, notes: [b, a] });
    expect(NOTES_VERSION).toBe(2);
  });

  it('keeps the edited stamp through the current version, and checks it is a date', () => {
    const edited = note({ edited: '2026-02-01T00:00:00.000Z' });
    expect(parseNotes(toJson([edited]))).toEqual({ ok: true, notes: [edited] });
    const bad = JSON.stringify({ format: 'continuous-function/notes', version: 2, notes: [{ ...edited, edited: 'yesterday' }] });
    const parsed = parseNotes(bad);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toContain('(at notes.0.edited)');
  });
});

describe('editing', () => {
  const now = new Date('2026-03-01T12:00:00.000Z');

  it('keeps id, object, label and written time, changes the text and stamps when', () => {
    const a = note();
    const b = note();
    const edited = editNote([a, b], a.id, { kind: 'question', text: 'Why 2: keys and values.' }, now);
    expect(edited).toEqual({
      ok: true,
      changed: true,
      notes: expect.arrayContaining([b, { ...a, text: 'Why 2: keys and values.', edited: now.toISOString() }]),
    });
    expect(edited.ok && edited.notes).toHaveLength(2);
  });

  it('validates with the stored format: a reproduction still needs ran and saw, and the text has limits', () => {
    const a = note();
    const repro = editNote([a], a.id, { kind: 'reproduction', text: 'Ran it.', ran: 'python3 x.py' }, now);
    expect(repro).toEqual({ ok: false, error: expect.stringContaining('what came out') });
    const long = editNote([a], a.id, { kind: 'question', text: 'x'.repeat(5001) }, now);
    expect(long.ok).toBe(false);
    const empty = editNote([a], a.id, { kind: 'question', text: '' }, now);
    expect(empty.ok).toBe(false);
  });

  it('drops ran and saw when a reproduction becomes a question, and keeps them for a reproduction', () => {
    const r = note({ kind: 'reproduction', ran: 'a', saw: 'b' });
    const q = editNote([r], r.id, { kind: 'question', text: r.text, ran: 'a', saw: 'b' }, now);
    expect(q.ok && q.notes[0]).toEqual({ ...r, kind: 'question', ran: undefined, saw: undefined, edited: now.toISOString() });
    expect(q.ok && Object.keys(q.notes[0]!)).not.toContain('ran');
    const r2 = editNote([r], r.id, { kind: 'reproduction', text: r.text, ran: 'a', saw: 'c' }, now);
    expect(r2.ok && r2.notes[0]).toMatchObject({ ran: 'a', saw: 'c' });
  });

  it('changes nothing, and stamps nothing, when the text is the same', () => {
    const a = note({ edited: '2026-02-01T00:00:00.000Z' });
    expect(editNote([a], a.id, { kind: a.kind, text: a.text }, now)).toEqual({ ok: true, changed: false, notes: [a] });
  });

  it('stamps an edit after the version it replaces even when the clock is behind', () => {
    const a = note({ at: '2026-05-01T00:00:00.000Z' });
    const edited = editNote([a], a.id, { kind: 'question', text: 'later' }, now);
    expect(edited.ok && edited.notes[0]!.edited).toBe('2026-05-01T00:00:00.001Z');
    // …so merging it with a copy of the version it replaced keeps the edit.
    const merged = edited.ok && mergeNotes(edited.notes, [a]);
    expect(merged).toMatchObject({ ok: true, kept: 1, updated: 0 });
    expect(merged && merged.ok && merged.notes[0]!.text).toBe('later');
  });

  it('says so when the note is no longer there', () => {
    expect(editNote([note()], 'n-missing-000000', { kind: 'question', text: 'x' }, now)).toEqual({
      ok: false,
      error: expect.stringContaining('no longer stored'),
    });
  });
});

describe('migration', () => {
  it('moves notes of renamed concepts (following chains), keeps the anchor, and drops nothing', () => {
    const old = note({ object: 'kv-caching#eq-mem-kv' });
    const older = note({ object: 'caching' });
    const gone = note({ object: 'retired-concept#eq-x', text: 'keep me' });
    const { notes, changed } = migrateNotes([old, older, gone], { 'kv-caching': 'kv-cache', caching: 'kv-caching' });
    expect(changed).toBe(2);
    expect(notes.map((n) => n.object)).toEqual(['kv-cache#eq-mem-kv', 'kv-cache', 'retired-concept#eq-x']);
    expect(notes[2]).toEqual(gone);
  });

  it('survives a rename cycle in bad data', () => {
    const n = note({ object: 'a' });
    expect(migrateNotes([n], { a: 'b', b: 'a' }).notes).toHaveLength(1);
  });

  it('lists notes whose object is gone, text intact', () => {
    const here = note();
    const gone = note({ object: 'retired#eq-x', objectLabel: 'Equation x', text: 'still here' });
    const { present, gone: lost } = groupNotes([here, gone], known);
    expect(present.map((g) => g.object)).toEqual(['kv-cache#eq-mem-kv']);
    expect(lost).toEqual([
      { object: 'retired#eq-x', label: 'Equation x', url: null, concept: null, left: null, notes: [gone] },
    ]);
  });

  it('says why and when an object left when the atlas retired its id', () => {
    const gone = note({ object: 'retired#eq-x', objectLabel: 'Equation x' });
    const unknown = note({ object: 'other#eq-y', objectLabel: 'Equation y' });
    const { gone: lost } = groupNotes([gone, unknown], known, { 'retired#eq-x': 'label removed on 2026-05-01' });
    expect(lost.map((g) => [g.object, goneText(g)])).toEqual([
      ['other#eq-y', 'no longer on the site'],
      ['retired#eq-x', 'no longer on the site: label removed on 2026-05-01'],
    ]);
  });
});

describe('import', () => {
  it('merges: keeps every current note, skips duplicates by id', () => {
    const a = note();
    const b = note();
    const c = note();
    const merged = mergeNotes([a, b], [b, c, c]);
    expect(merged).toMatchObject({ ok: true, added: 1, duplicates: 2 });
    expect(merged.ok && merged.notes.map((n) => n.id).sort()).toEqual([a.id, b.id, c.id].sort());
  });

  it('refuses an import past the limit and changes nothing', () => {
    const current = Array.from({ length: NOTES_LIMIT - 1 }, () => note());
    const merged = mergeNotes(current, [note(), note()]);
    expect(merged.ok).toBe(false);
    expect(current).toHaveLength(NOTES_LIMIT - 1);
  });

  it('same id, same content: a duplicate, nothing changes', () => {
    const a = note({ edited: '2026-02-01T00:00:00.000Z' });
    const copy = JSON.parse(JSON.stringify(a)) as Note;
    expect(mergeNotes([a], [copy])).toEqual({ ok: true, notes: [a], added: 0, updated: 0, duplicates: 1, kept: 0 });
  });

  it('same id, a newer edit incoming: updated, and counted apart from added', () => {
    const a = note();
    const b = note();
    const newer = { ...a, text: 'Edited elsewhere.', edited: '2026-02-01T00:00:00.000Z' };
    const merged = mergeNotes([a, b], [newer, note()]);
    expect(merged).toMatchObject({ ok: true, added: 1, updated: 1, duplicates: 0, kept: 0 });
    expect(merged.ok && merged.notes.find((n) => n.id === a.id)).toEqual(newer);
    expect(merged.ok && merged.notes).toHaveLength(3);
    // An edit replaces a note in place: it does not count towards the limit.
    const full = [...Array.from({ length: NOTES_LIMIT - 1 }, () => note()), a];
    expect(mergeNotes(full, [newer])).toMatchObject({ ok: true, updated: 1 });
  });

  it('same id, an older version incoming: ours is kept, text and stamp', () => {
    const ours = note({ text: 'My newest words.', edited: '2026-03-01T00:00:00.000Z' });
    const older = { ...ours, text: 'Older words.', edited: '2026-02-01T00:00:00.000Z' };
    const never = { ...ours, text: 'The first words.', edited: undefined };
    const merged = mergeNotes([ours], [older, never]);
    expect(merged).toEqual({ ok: true, notes: [ours], added: 0, updated: 0, duplicates: 0, kept: 2 });
  });

  it('same id, same stamp, different text: ours is kept', () => {
    const ours = note({ edited: '2026-03-01T00:00:00.000Z' });
    const merged = mergeNotes([ours], [{ ...ours, text: 'Theirs.' }]);
    expect(merged).toMatchObject({ ok: true, notes: [ours], kept: 1 });
  });

  it('a file with two versions of a new note keeps the newer, counted once as added', () => {
    const first = note();
    const later = { ...first, text: 'later', edited: '2026-04-01T00:00:00.000Z' };
    const merged = mergeNotes([], [first, later]);
    expect(merged).toMatchObject({ ok: true, notes: [later], added: 1, updated: 0 });
    expect(mergeNotes([], [later, first])).toMatchObject({ ok: true, notes: [later], added: 1, kept: 1 });
  });

  it('a hostile or malformed file is refused before merging, and the current notes are unchanged', () => {
    const ours = note();
    const current = [ours];
    const snapshot = JSON.stringify(current);
    for (const text of [
      '{',
      JSON.stringify({ format: 'continuous-function/notes', version: 2, notes: [{ ...ours, text: 'newer', edited: 'soon' }] }),
      JSON.stringify({ format: 'continuous-function/notes', version: 2, notes: [{ ...ours, object: '<img src=x>' }] }),
      JSON.stringify({ format: 'continuous-function/notes', version: 3, notes: [] }),
    ]) {
      const parsed = parseNotes(text);
      expect(parsed.ok).toBe(false);
    }
    expect(JSON.stringify(current)).toBe(snapshot);
    // mergeNotes never writes into the arrays it is given.
    mergeNotes(current, [{ ...ours, text: 'newer', edited: '2026-09-01T00:00:00.000Z' }]);
    expect(JSON.stringify(current)).toBe(snapshot);
  });
});

describe('Markdown export', () => {
  it('groups by object with absolute links and quotes the reader’s text', () => {
    const n = note({ text: '# not a heading\n<script>x</script>' });
    const gone = note({ object: 'retired#eq-x', objectLabel: 'Equation *x*' });
    const md = toMarkdown([n, gone], known, 'https://atlas.example');
    expect(md).toContain('## KV cache · Equation mem-kv');
    expect(md).toContain('<https://atlas.example/concepts/kv-cache/#eq-mem-kv>');
    expect(md).toContain('> # not a heading\n> <script>x</script>');
    expect(md).toContain('## Objects no longer on the site');
    expect(md).toContain('## Equation \\*x\\*');
    expect(md).toContain('no longer on the site.');
  });

  it('says why a retired object left', () => {
    const gone = note({ object: 'retired#eq-x', objectLabel: 'Equation x' });
    const md = toMarkdown([gone], known, 'https://atlas.example', { 'retired#eq-x': 'label removed on 2026-05-01' });
    expect(md).toContain('Object `retired#eq-x`: no longer on the site: label removed on 2026-05-01.');
  });

  it('carries an edit in the heading, and the edited text', () => {
    const n = note({ text: 'Edited words.', at: '2026-01-01T00:00:00.000Z', edited: '2026-02-03T04:05:06.000Z' });
    const md = toMarkdown([n], known, 'https://atlas.example');
    expect(md).toContain('### Question, 2026-01-01T00:00:00.000Z, edited 2026-02-03T04:05:06.000Z');
    expect(md).toContain('> Edited words.');
    expect(toMarkdown([note()], known, 'https://atlas.example')).not.toContain('edited');
  });
});
