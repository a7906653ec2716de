/**
 * Isomorphic: a tiny element tree, so one view function can feed both the build and the browser.
 * At build time `toHtml` serialises it (every text and attribute value escaped); in the browser an
 * island turns the same tree into DOM nodes with createElement and textContent (see
 * src/islands/html-tree-dom.ts), never through innerHTML. Text is always text: a reader's input
 * can never become markup on either side.
 */

export type Attr = string | number | boolean | null | undefined;
export type Child = Node | string | number | null | undefined | false;

export interface Node {
  tag: string;
  attrs: Record<string, Attr>;
  children: (Node | string)[];
}

const NAME = /^[a-zA-Z][a-zA-Z0-9-]*$/;
const ATTR = /^[a-zA-Z_:][a-zA-Z0-9_:.-]*$/;
const VOID = new Set(['br', 'col', 'hr', 'img', 'input', 'meta', 'link', 'wbr']);

/** An element: h('td', { class: 'x' }, 'text', h('b', null, '!')). False, null and undefined children are dropped. */
export function h(tag: string, attrs?: Record<string, Attr> | null, ...children: (Child | Child[])[]): Node {
  if (!NAME.test(tag)) throw new RangeError(`html-tree: bad tag name ${JSON.stringify(tag)}`);
  const kids: (Node | string)[] = [];
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    kids.push(typeof c === 'number' ? String(c) : c);
  }
  const clean: Record<string, Attr> = {};
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (!ATTR.test(name) || /^on/i.test(name))
      throw new RangeError(`html-tree: attribute ${JSON.stringify(name)} is not allowed`);
    clean[name] = value;
  }
  return { tag, attrs: clean, children: kids };
}

export function escapeText(text: string): string {
  return text.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

export function escapeAttr(text: string): string {
  return text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The attribute's string value, or null to leave it out (false, null, undefined). */
export function attrValue(value: Attr): string | null {
  if (value === false || value === null || value === undefined) return null;
  return value === true ? '' : String(value);
}

/** HTML for a tree (or a list of trees). */
export function toHtml(node: Node | string | (Node | string)[]): string {
  if (Array.isArray(node)) return node.map(toHtml).join('');
  if (typeof node === 'string') return escapeText(node);
  let out = `<${node.tag}`;
  for (const [name, value] of Object.entries(node.attrs)) {
    const v = attrValue(value);
    if (v === null) continue;
    out += v === '' && value === true ? ` ${name}` : ` ${name}="${escapeAttr(v)}"`;
  }
  out += '>';
  if (VOID.has(node.tag)) return out;
  for (const child of node.children) out += toHtml(child);
  return `${out}</${node.tag}>`;
}
