/**
 * Isomorphic: prose into comparable words for the paper mapper. Lowercase, split on anything
 * that is not a letter or digit (so "grouped-query" is two words), small English words dropped,
 * and a light singular so "keys" meets "key" and "entropies" meets "entropy".
 */

const STOPWORDS = new Set(
  (
    'a an and are as at be been being but by can do does for from had has have how i if in into is it its ' +
    'more most no not of on one or our over so such than that the their them then there these they this ' +
    'those to two under up us use used uses using was we were what when where which while who why will ' +
    'with without you your each per via both all any between also only other same than then very show ' +
    'shows shown propose proposed paper work approach method methods results result new based see eg ie ' +
    'etc fig figure table section like'
  ).split(' '),
);

/** One word to its comparable form: lowercase, crude singular. */
export function stem(word: string): string {
  const w = word.toLowerCase();
  if (w.length > 4 && w.endsWith('ies')) return `${w.slice(0, -3)}y`;
  if (w.length > 3 && w.endsWith('s') && !/(ss|us|is|ias)$/.test(w)) return w.slice(0, -1);
  return w;
}

/** The words of a text in order, stop words dropped. Digits stay: "Llama 3 8B" is llama · 3 · 8b. */
export function words(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    if (!raw || STOPWORDS.has(raw)) continue;
    out.push(stem(raw));
  }
  return out;
}

/** Whether `phrase` occurs in `text` as consecutive words. */
export function containsPhrase(text: readonly string[], phrase: readonly string[]): boolean {
  if (phrase.length === 0 || phrase.length > text.length) return false;
  outer: for (let i = 0; i + phrase.length <= text.length; i++) {
    for (let j = 0; j < phrase.length; j++) if (text[i + j] !== phrase[j]) continue outer;
    return true;
  }
  return false;
}
