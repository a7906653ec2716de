/**
 * Isomorphic: reads a formula, typed as TeX or as plain text, into the same normalised atoms, so
 * `\mathrm{softmax}\left(\frac{QK^\top}{\sqrt{d_k}}\right)V` and `softmax(QK^T / sqrt(d_k)) V`
 * both become softmax · q · k^t · sqrt · d_k · v. The search index and the paper mapper use it
 * on the atlas's equations at build time and on the reader's query in the browser.
 *
 * Atoms are lowercase. A subscript joins its base (d_k, d_kl, mem_kv); a transpose (^T, ^\top,
 * ᵀ, ') becomes ^t and an inverse ^{-1} becomes ^-1; other superscripts give their own atoms.
 * Font commands (\mathrm, \mathbf, \operatorname, \text …) keep their letters together as one
 * atom; any other run of letters is a product of one-letter symbols (QK is Q times K) unless it
 * is a known word such as softmax, exp or log, or four letters or longer (plain-text words).
 * Without TeX, an unbraced subscript takes the whole run after it: D_KL is D sub KL.
 */

/** Function and operator names read as one atom even without a font command. */
const WORDS = new Set([
  'softmax',
  'exp',
  'log',
  'ln',
  'max',
  'min',
  'sqrt',
  'sum',
  'prod',
  'argmax',
  'argmin',
  'mem',
  'kv',
  'kl',
  'var',
  'cov',
  'tanh',
  'sigmoid',
  'relu',
  'gelu',
  'concat',
  'diag',
  'det',
  'rank',
  'norm',
  'lse',
  'sin',
  'cos',
  'elbo',
  'mse',
  'nll',
  'grad',
  'proj',
  'mla',
  'gqa',
  'mqa',
  'mha',
  'rope',
  'swiglu',
  'layernorm',
  'rmsnorm',
  'ffn',
  'mlp',
  'sgd',
  'adam',
  'lr',
]);

/** Commands that only shape the layout: dropped. */
const LAYOUT = new Set([
  'left',
  'right',
  'big',
  'bigl',
  'bigr',
  'Big',
  'Bigl',
  'Bigr',
  'bigg',
  'biggl',
  'biggr',
  'quad',
  'qquad',
  'displaystyle',
  'textstyle',
  'frac',
  'dfrac',
  'tfrac',
  'cdot',
  'cdots',
  'ldots',
  'dots',
  'times',
  'in',
  'leq',
  'geq',
  'le',
  'ge',
  'neq',
  'approx',
  'to',
  'mid',
  'colon',
  'lVert',
  'rVert',
  'lvert',
  'rvert',
  'vert',
  'Vert',
  'langle',
  'rangle',
  'lceil',
  'rceil',
  'lfloor',
  'rfloor',
  'underbrace',
  'overbrace',
  'begin',
  'end',
  'qquad',
  'hat',
  'tilde',
  'bar',
  'vec',
  'widehat',
  'mathbb',
  'phantom',
  'tag',
  'label',
  'nonumber',
  'notag',
  'quad',
  'circ',
  'odot',
  'otimes',
  'oplus',
  'pm',
  'mp',
  'cdotp',
  'ast',
  'star',
  'prime',
  'limits',
  'nolimits',
  'mathop',
  'boxed',
  'color',
  'equiv',
  'propto',
  'sim',
  'forall',
  'exists',
  'infty',
  'partial',
  'nabla',
  'cup',
  'cap',
  'subset',
  'subseteq',
  'land',
  'lor',
  'neg',
  'leftarrow',
  'rightarrow',
  'Rightarrow',
  'Leftarrow',
  'mapsto',
  'iff',
  'implies',
  'gets',
  'top',
  'intercal',
  'aligned',
  'gathered',
  'cases',
  'matrix',
  'pmatrix',
  'bmatrix',
  'vmatrix',
  'operatorname',
]);

/** Commands whose braced argument is one name: \mathrm{softmax} is the atom softmax. */
const FONT =
  /^(mathrm|mathbf|mathit|mathsf|mathtt|mathcal|mathscr|mathfrak|boldsymbol|bm|operatorname|text|textrm|textbf|textit|texttt|mathbb)$/;

/** Symbols typed directly (a reader pasting from a PDF) mapped to TeX. */
const UNICODE: Record<string, string> = {
  '√': '\\sqrt ',
  '∑': '\\sum ',
  '∏': '\\prod ',
  ᵀ: '^T',
  '⊤': '^T',
  '·': ' ',
  '×': ' ',
  '−': '-',
  '∈': ' ',
  '≤': ' ',
  '≥': ' ',
  '≈': ' ',
  '∇': ' ',
  '∂': ' ',
  '∞': ' ',
  '‖': ' ',
  '⁻¹': '^{-1}',
  α: '\\alpha ',
  β: '\\beta ',
  γ: '\\gamma ',
  δ: '\\delta ',
  ε: '\\epsilon ',
  ζ: '\\zeta ',
  η: '\\eta ',
  θ: '\\theta ',
  ι: '\\iota ',
  κ: '\\kappa ',
  λ: '\\lambda ',
  μ: '\\mu ',
  ν: '\\nu ',
  ξ: '\\xi ',
  π: '\\pi ',
  ρ: '\\rho ',
  σ: '\\sigma ',
  τ: '\\tau ',
  φ: '\\phi ',
  χ: '\\chi ',
  ψ: '\\psi ',
  ω: '\\omega ',
  Σ: '\\Sigma ',
  Δ: '\\Delta ',
  Θ: '\\Theta ',
  Λ: '\\Lambda ',
  Φ: '\\Phi ',
  Ψ: '\\Psi ',
  Ω: '\\Omega ',
  ℓ: '\\ell ',
  '𝔼': 'E',
};
const UNICODE_PATTERN = new RegExp(Object.keys(UNICODE).join('|'), 'g');

/** Spelled-out English that should not become one-letter symbols in a mixed query. */
const STOP = new Set([
  'a',
  'an',
  'and',
  'the',
  'of',
  'is',
  'to',
  'in',
  'on',
  'by',
  'for',
  'as',
  'at',
  'or',
  'it',
  'be',
  'we',
  'with',
  'are',
  'its',
]);

interface Cursor {
  text: string;
  at: number;
}

/** The text of a {…} group starting at cursor.at (which must be "{"), cursor moved past it. */
function readGroup(c: Cursor): string {
  let depth = 0;
  const start = c.at;
  for (; c.at < c.text.length; c.at++) {
    const ch = c.text[c.at];
    if (ch === '\\') c.at++;
    else if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) {
      c.at++;
      return c.text.slice(start + 1, c.at - 1);
    }
  }
  return c.text.slice(start + 1);
}

/** A script's argument: a {group}, a \command, or one character. */
function readArgument(c: Cursor): string {
  while (c.text[c.at] === ' ') c.at++;
  const ch = c.text[c.at];
  if (ch === '{') return readGroup(c);
  if (ch === '\\') {
    const m = /^\\([A-Za-z]+|.)/.exec(c.text.slice(c.at));
    c.at += m ? m[0].length : 1;
    return m ? m[0] : '';
  }
  c.at++;
  return ch ?? '';
}

const isTranspose = (script: string) =>
  /^\s*(\\top|\\intercal|T|\\mathsf\{T\}|\\mathrm\{T\}|\\textsf\{T\}|')\s*$/.test(script);

/** The letters and digits of a script as one lowercase label: {\mathrm{KL}} → kl, {k} → k. */
function scriptLabel(script: string): string {
  return script
    .replace(/\\(?:mathrm|mathbf|mathit|mathsf|text|textrm|operatorname|boldsymbol)\b/g, '')
    .replace(/\\([A-Za-z]+)/g, '$1')
    .replace(/[^A-Za-z0-9]+/g, '')
    .toLowerCase();
}

/** Reads one formula into atoms (see the module comment). */
export function mathAtoms(input: string): string[] {
  // Plain text means D_KL is D sub KL; in TeX it would be D sub K times L.
  const tex = /\\[A-Za-z]|[{}]/.test(input);
  const prose = !looksLikeMath(input);
  const text = input.replace(UNICODE_PATTERN, (m) => UNICODE[m]).replace(/\\[,;:! ]/g, ' ');
  const atoms: string[] = [];
  const c: Cursor = { text, at: 0 };
  const push = (atom: string) => {
    if (atom) atoms.push(atom.toLowerCase());
  };
  const attach = (suffix: string) => {
    if (atoms.length === 0) return;
    atoms[atoms.length - 1] += suffix;
  };

  while (c.at < text.length) {
    const ch = text[c.at];
    if (ch === '\\') {
      const m = /^\\([A-Za-z]+)/.exec(text.slice(c.at));
      if (!m) {
        c.at += 2;
        continue;
      }
      c.at += m[0].length;
      const name = m[1];
      if (FONT.test(name)) {
        while (text[c.at] === ' ') c.at++;
        const inner = text[c.at] === '{' ? readGroup(c) : readArgument(c);
        const label = inner
          .replace(/\\([A-Za-z]+)/g, '$1')
          .replace(/[^A-Za-z0-9]+/g, ' ')
          .trim();
        for (const word of label.split(/\s+/)) if (word && !/^\d+$/.test(word)) push(word);
      } else if (!LAYOUT.has(name)) push(name);
      continue;
    }
    if (ch === '_' || ch === '^') {
      c.at++;
      const plainRun = !tex && ch === '_' ? /^[A-Za-z0-9]+/.exec(text.slice(c.at)) : null;
      if (plainRun) c.at += plainRun[0].length;
      const script = plainRun ? plainRun[0] : readArgument(c);
      if (ch === '^' && isTranspose(script)) attach('^t');
      else if (ch === '^' && /^\s*-\s*1\s*$/.test(script)) attach('^-1');
      else if (ch === '_') {
        const label = scriptLabel(script);
        if (label) attach(`_${label}`);
      } else atoms.push(...mathAtoms(script));
      continue;
    }
    if (ch === "'" && atoms.length > 0 && /[A-Za-z)]/.test(text[c.at - 1] ?? '')) {
      attach('^t');
      c.at++;
      continue;
    }
    const run = /^[A-Za-z]+/.exec(text.slice(c.at));
    if (run) {
      c.at += run[0].length;
      const word = run[0];
      const lower = word.toLowerCase();
      if (STOP.has(lower) && (word.length > 1 || prose)) continue;
      if (WORDS.has(lower) || word.length >= 4) push(lower);
      else for (const letter of word) push(letter);
      continue;
    }
    c.at++;
  }
  return atoms;
}

/** Pairs of neighbouring atoms, "q k^t": they carry the shape of a formula, not just its symbols. */
export function atomPairs(atoms: readonly string[]): string[] {
  const pairs: string[] = [];
  for (let i = 1; i < atoms.length; i++) pairs.push(`${atoms[i - 1]} ${atoms[i]}`);
  return pairs;
}

/** A one-line plain reading of a formula's atoms, for the search index and for reasons shown to readers. */
export function plainFormula(tex: string): string {
  return mathAtoms(tex).join(' ');
}

/** Whether typed text looks like a formula rather than prose: TeX commands, scripts, brackets or operators. */
export function looksLikeMath(text: string): boolean {
  return /\\[A-Za-z]|[_^=√∑ᵀ⊤]|\b[A-Za-z]\s*[(/*+]|\)\s*[A-Za-z]/.test(text);
}
