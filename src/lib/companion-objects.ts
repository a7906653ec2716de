/**
 * Isomorphic: the things a reader can ask the companion about (src/lib/companion.ts builds the
 * prompt). One id scheme serves notes and the companion: a notebook's objects are its note-able
 * objects (src/lib/object-ids.ts: the concept, labelled equations, the witness, the demo, the claim
 * boundary, sourced claims) plus the two sections that are not note objects (intuition, math).
 * The browser adds the reader's notes on the page (and, beside the mapper, its result: see
 * src/lib/mapper/companion-objects.ts).
 */
import type { CompanionObject } from './companion';
import { NOTE_KIND_LABELS, type Note } from './notes';
import { objectId, type AtlasObject } from './object-ids';

export interface SymbolRow {
  tex: string;
  meaning: string;
}

/** Accents and fonts whose one-letter argument is part of the symbol: `\bar{v}` and `\bar v` both read `\barv`. */
const ONE_LETTER_ARGUMENT =
  /(\\(?:bar|hat|tilde|vec|dot|ddot|mathbf|boldsymbol|mathcal|mathbb))\{([A-Za-z0-9])\}/g;

/** TeX with whitespace dropped, and one-character scripts and accent arguments unbraced: `W_{Q}` reads `W_Q`. */
const normalizeTex = (tex: string) =>
  tex
    .replace(/\s+/g, '')
    .replace(/([_^])\{([A-Za-z0-9])\}/g, '$1$2')
    .replace(ONE_LETTER_ARGUMENT, '$1$2');

/** Where the letters of text-like groups (\mathrm{Tokens}, \text{if}) sit: a letter there is a word, not a symbol. */
const textGroups = (tex: string) =>
  [...tex.matchAll(/\\(?:mathrm|text|textrm|operatorname|mathit)\{([^{}]*)\}/g)].map((m) => {
    const start = m.index! + m[0].length - 1 - m[1]!.length;
    return { start, end: start + m[1]!.length };
  });

/** Splits at the given separators where they stand outside braces and brackets. */
function splitTopLevel(tex: string, separator: RegExp): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < tex.length; i++) {
    const c = tex[i]!;
    if ('{(['.includes(c)) depth++;
    else if ('})]'.includes(c)) depth--;
    else if (depth === 0) {
      const hit = separator.exec(tex.slice(i));
      if (hit?.index === 0) {
        parts.push(tex.slice(start, i));
        i += hit[0].length - 1;
        start = i + 1;
      }
    }
  }
  parts.push(tex.slice(start));
  return parts;
}

/**
 * The symbols a row of the symbols table names. A row often names several (`h, \ d`, `v_1, \ldots,
 * v_K`) or defines one (`\pi = P(D)`, `W \in \mathbb{R}^{m \times n}`): its names are the pieces
 * between commas, each up to its "=" or "\in".
 */
function symbolNames(tex: string): string[] {
  return splitTopLevel(normalizeTex(tex), /^[,;]/)
    .map((piece) =>
      splitTopLevel(piece, /^(=|\\in(?![A-Za-z])|\\colon)/)[0]!.replace(
        /^(\\[ ,;!]|\\quad)+|(\\[ ,;!]|\\quad)+$/g,
        '',
      ),
    )
    .filter((name) => name !== '' && !/^\\[lc]?dots$/.test(name));
}

/**
 * The page's symbols that occur in an equation, in the symbols table's order. TeX writes products
 * without spaces (QK^T), so a letter may touch other letters; it is not an occurrence when it is
 * part of a command's name (the T of \Tau) or of a word set in \mathrm or \text. When none is
 * found, the whole table is returned: too much context beats none.
 */
export function symbolsIn(tex: string, symbols: readonly SymbolRow[]): SymbolRow[] {
  const body = normalizeTex(tex);
  const words = textGroups(body);
  const occursAt = (needle: string, at: number) => {
    const end = at + needle.length;
    if (needle.startsWith('\\')) return !/[A-Za-z]/.test(body[end] ?? '');
    const lettersBefore = /[A-Za-z]*$/.exec(body.slice(0, at))![0].length;
    if (body[at - lettersBefore - 1] === '\\' && (lettersBefore > 0 || /^[A-Za-z]/.test(needle)))
      return false;
    return !words.some((w) => at >= w.start && end <= w.end);
  };
  const occurs = (needle: string) => {
    for (let at = body.indexOf(needle); at >= 0; at = body.indexOf(needle, at + 1))
      if (occursAt(needle, at)) return true;
    return false;
  };
  const found = symbols.filter((s) => symbolNames(s.tex).some(occurs));
  return found.length > 0 ? found : [...symbols];
}

/** What a notebook page knows, in plain data (src/data/companion-context.ts reads it from the atlas). */
export interface NotebookSource {
  complete: boolean;
  /** The page's note-able objects in page order (conceptObjects). */
  objects: readonly AtlasObject[];
  /** TeX of each labelled equation, by anchor ("eq-mem-kv"). */
  equationTex: Readonly<Record<string, string>>;
  symbols: readonly SymbolRow[];
  demoPlan?: string | undefined;
  /** What the witness prints and asserts (the claim boundary's "shown"). */
  shown: readonly string[];
  /** Sourced claims by anchor: the claim and where it comes from. */
  claims: Readonly<Record<string, { claim: string; source: string }>>;
}

/** A notebook's picker, in page order: the page, its intuition and math, then its objects. */
export function notebookObjects(source: NotebookSource): CompanionObject[] {
  const [concept, ...rest] = source.objects;
  if (!concept) return [];
  const slug = concept.concept;
  const page: CompanionObject = {
    id: concept.id,
    label: source.complete ? 'The whole notebook' : 'The whole page',
  };
  if (!source.complete) return [page];
  const out: CompanionObject[] = [
    page,
    {
      id: objectId(slug, 'intuition'),
      label: 'The intuition',
      text: 'The mental model and figure that open the notebook.',
    },
    {
      id: objectId(slug, 'math'),
      label: 'The math',
      text: 'The step-by-step derivation, with every symbol named.',
      symbols: [...source.symbols],
    },
  ];
  for (const object of rest) {
    const anchor = object.anchor ?? '';
    switch (object.kind) {
      case 'equation': {
        const tex = source.equationTex[anchor];
        out.push({
          id: object.id,
          label: object.label,
          text: 'A labelled display equation of the math section.',
          ...(tex === undefined ? {} : { tex, symbols: symbolsIn(tex, source.symbols) }),
        });
        break;
      }
      case 'witness':
        out.push({
          id: object.id,
          label: 'The code witness (witness.py)',
          text: `A short NumPy program on the page that prints and asserts what the math says${
            source.shown.length > 0 ? `: ${source.shown.join(' ')}` : '.'
          }`,
        });
        break;
      case 'demo':
        out.push({
          id: object.id,
          label: 'The demo',
          text: source.demoPlan ? `An interactive demo: ${source.demoPlan}` : 'The interactive demo.',
        });
        break;
      case 'claim-boundary':
        out.push({
          id: object.id,
          label: 'The claim boundary',
          text: 'What the toy shows, what rests on sources, and what the page does not show.',
        });
        break;
      case 'claim': {
        const claim = source.claims[anchor];
        out.push({
          id: object.id,
          label: object.label,
          text: claim
            ? `A claim the page takes from a source, not from its own toy: "${claim.claim}" (${claim.source}).`
            : object.label,
        });
        break;
      }
      default:
        out.push({ id: object.id, label: object.label });
    }
  }
  return out;
}

const NOTE_PREFIX = 'note:';

/** When a note was written, as a date a prompt can carry: "2026-12-05". */
const day = (iso: string) => iso.slice(0, 10);

/**
 * The reader's notes on this page's objects, as picker entries: each carries the note and, when its
 * object is on the page, that object's TeX and symbols, so a question about an equation quotes it.
 */
export function noteObjects(
  notes: readonly Note[],
  pageObjects: readonly CompanionObject[],
): CompanionObject[] {
  const byId = new Map(pageObjects.map((o) => [o.id, o]));
  return notes.flatMap((note) => {
    const target = byId.get(note.object);
    if (!target) return [];
    const kind = NOTE_KIND_LABELS[note.kind].toLowerCase();
    const words = note.text.replace(/\s+/g, ' ').trim();
    const when = `written ${day(note.at)}${note.edited ? `, last edited ${day(note.edited)}` : ''}`;
    const lines = [`My ${kind} note on ${target.label}, ${when}:\n"""\n${note.text}\n"""`];
    if (note.ran) lines.push(`What I ran:\n"""\n${note.ran}\n"""`);
    if (note.saw) lines.push(`What came out:\n"""\n${note.saw}\n"""`);
    return {
      id: `${NOTE_PREFIX}${note.id}`,
      label: `Your ${kind}: ${words.length > 48 ? `${words.slice(0, 47).trimEnd()}…` : words}`,
      group: 'Your notes',
      text: lines.join('\n\n'),
      ...(target.tex ? { tex: target.tex } : {}),
      ...(target.symbols ? { symbols: target.symbols } : {}),
    };
  });
}
