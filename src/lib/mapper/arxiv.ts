/**
 * Isomorphic: finds arXiv identifiers in pasted text, in every form a reader copies them:
 * bare (2305.13245), versioned (2305.13245v2), prefixed (arXiv:2305.13245), as an abs or pdf
 * URL (https://arxiv.org/pdf/2305.13245v1.pdf), and old-style (hep-th/9901001, math.GT/0309136).
 * The version is reported but dropped from the id, because the registry keys papers by id.
 */

export interface ArxivMention {
  /** The identifier without version, as the papers registry stores it. */
  id: string;
  /** "v2" when the text named a version. */
  version?: string;
  /** The text as it appeared, to remove it before reading the rest as words. */
  raw: string;
}

// New style: YYMM.NNNN (2007 to 2014) or YYMM.NNNNN (from 2015); the month must be 01 to 12.
const NEW =
  /(?:arxiv\.org\/(?:abs|pdf)\/|arxiv:\s*)?(?<![\d.])(\d{2}(?:0[1-9]|1[0-2])\.\d{4,5})(v\d+)?(?:\.pdf)?(?![\d])/gi;
// Old style: archive(.subject class)/YYMMNNN.
const OLD =
  /(?:arxiv\.org\/(?:abs|pdf)\/|arxiv:\s*)?\b([a-z-]+(?:\.[A-Z]{2})?\/\d{2}(?:0[1-9]|1[0-2])\d{3})(v\d+)?(?:\.pdf)?/gi;

/** Every arXiv id in the text, first occurrence first, each id once. */
export function findArxivIds(text: string): ArxivMention[] {
  const found: (ArxivMention & { at: number })[] = [];
  for (const pattern of [NEW, OLD]) {
    for (const m of text.matchAll(pattern)) {
      const id = pattern === OLD ? m[1].replace(/^[a-z-]+/i, (archive) => archive.toLowerCase()) : m[1];
      found.push({ id, ...(m[2] ? { version: m[2].toLowerCase() } : {}), raw: m[0], at: m.index ?? 0 });
    }
  }
  const seen = new Set<string>();
  return found
    .sort((a, b) => a.at - b.at)
    .filter((m) => !seen.has(m.id) && seen.add(m.id))
    .map(({ at: _at, ...mention }) => mention);
}
