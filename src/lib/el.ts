/**
 * Isomorphic: a tiny element tree, so a demo draws its picture and tables once. The build turns a
 * tree into escaped HTML (`toHtml`, for set:html in the server fallback); the browser turns the same
 * tree into DOM nodes with createElement and textContent (src/islands/el-dom.ts), never innerHTML.
 */

export type Attr = string | number | boolean | undefined | null;
export interface El {
  tag: string;
  attrs: Record<string, Attr>;
  children: Child[];
}
export type Child = El | string | number | null | undefined | false;

/** An element: h('rect', { x: 1 }, 'text', h('title', {}, 'tooltip')). Falsy children are dropped. */
export function h(tag: string, attrs: Record<string, Attr> = {}, ...children: (Child | Child[])[]): El {
  return { tag, attrs, children: children.flat() };
}

/** Attribute values as the tree writes them: true → "", false/null/undefined → absent. */
export function attrValue(value: Attr): string | null {
  if (value === false || value === null || value === undefined) return null;
  if (value === true) return '';
  return String(value);
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

const VOID = new Set(['br', 'hr', 'img', 'input', 'meta', 'link', 'col', 'wbr']);

/** HTML for a tree; every text and attribute value escaped. */
export function toHtml(node: Child | Child[]): string {
  if (Array.isArray(node)) return node.map(toHtml).join('');
  if (node === null || node === undefined || node === false) return '';
  if (typeof node !== 'object') return escapeHtml(String(node));
  let attrs = '';
  for (const [name, raw] of Object.entries(node.attrs)) {
    const value = attrValue(raw);
    if (value !== null) attrs += value === '' ? ` ${name}` : ` ${name}="${escapeHtml(value)}"`;
  }
  if (VOID.has(node.tag)) return `<${node.tag}${attrs}>`;
  return `<${node.tag}${attrs}>${toHtml(node.children)}</${node.tag}>`;
}
