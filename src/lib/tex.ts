/** Isomorphic: TeX checking, rendering and extraction, shared by the validator, pages and tests. */
import katex from 'katex';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkMath from 'remark-math';
import { splitEquationLabels } from './object-ids';

/** The KaTeX options every formula on the site is rendered with (the same as rehype-katex's). */
const KATEX_OPTIONS = { output: 'htmlAndMathml', strict: 'error', throwOnError: true } as const;

/** Returns KaTeX's error message for `tex`, or null when it renders cleanly. */
export function texError(tex: string, displayMode = false): string | null {
  try {
    katex.renderToString(tex, { ...KATEX_OPTIONS, displayMode });
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Renders TeX to HTML+MathML at build time; throws on invalid TeX so nothing broken ships. */
export function renderTex(tex: string, displayMode = false): string {
  return katex.renderToString(tex, { ...KATEX_OPTIONS, displayMode });
}

/** A formula found in a Markdown/MDX body. */
export interface MathSpan {
  /** The TeX without its `\label{…}` commands (KaTeX does not know them). */
  tex: string;
  display: boolean;
  /** The equation's `\label{…}` names, as written (the build wants exactly one, on display math only). */
  labels: string[];
  /** 1-based line in the body where it starts. */
  line: number;
}

interface MdNode {
  type: string;
  value?: string;
  position?: { start: { line: number } };
  children?: MdNode[];
}

/** Every `$...$` and `$$...$$` formula in a body (labels split off), found by the same parser (remark-math) the site renders with. */
export function extractMath(body: string): MathSpan[] {
  const tree = unified().use(remarkParse).use(remarkMath).parse(body) as MdNode;
  const spans: MathSpan[] = [];
  const walk = (node: MdNode) => {
    if ((node.type === 'math' || node.type === 'inlineMath') && node.value !== undefined) {
      const { tex, labels } = splitEquationLabels(node.value);
      spans.push({ tex, labels, display: node.type === 'math', line: node.position?.start.line ?? 0 });
    }
    node.children?.forEach(walk);
  };
  walk(tree);
  return spans;
}
