import { describe, expect, it } from 'vitest';
import {
  NOTES_LIMIT,
  addNote,
  goneText,
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
});
