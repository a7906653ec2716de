import { describe, expect, it } from 'vitest';
import { EMPTY_DRAFT, draftChanges, draftOf, draftProblem } from '../../src/lib/note-draft';
import type { Note } from '../../src/lib/notes';

const repro: Note = {
  id: 'n-0123456789abcdef',
  object: 'kv-cache#eq-mem-kv',
  objectLabel: 'Equation mem-kv',
  kind: 'reproduction',
  text: 'It matches.',
  ran: 'python3 witness.py',
  saw: '17179869184',
  at: '2026-01-02T03:04:05.000Z',
};

describe('note drafts', () => {
  it('prefill a form from a note, and from nothing', () => {
    expect(draftOf(repro)).toEqual({ kind: 'reproduction', text: 'It matches.', ran: 'python3 witness.py', saw: '17179869184' });
    expect(draftOf({ ...repro, kind: 'question', ran: undefined, saw: undefined })).toEqual({
      kind: 'question',
      text: 'It matches.',
      ran: '',
      saw: '',
    });
    expect(EMPTY_DRAFT).toEqual({ kind: 'question', text: '', ran: '', saw: '' });
  });

  it('say what is missing', () => {
    expect(draftProblem({ ...EMPTY_DRAFT, text: '  \n' })).toBe('Write the note first.');
    expect(draftProblem({ kind: 'reproduction', text: 'x', ran: 'a', saw: ' ' })).toBe(
      'A reproduction says what you ran and what came out.',
    );
    expect(draftProblem({ kind: 'question', text: 'x', ran: '', saw: '' })).toBeNull();
    expect(draftProblem(draftOf(repro))).toBeNull();
  });

  it('become trimmed changes, with ran and saw only for a reproduction', () => {
    expect(draftChanges({ kind: 'repair', text: ' fix \n', ran: 'left over', saw: 'from before' })).toEqual({
      kind: 'repair',
      text: 'fix',
    });
    expect(draftChanges({ kind: 'reproduction', text: 'x', ran: ' a ', saw: 'b\n' })).toEqual({
      kind: 'reproduction',
      text: 'x',
      ran: 'a',
      saw: 'b',
    });
  });
});
