/**
 * Isomorphic: a tiny element tree, so an island and its server-rendered fallback share one renderer.
 * The build turns a tree into escaped HTML (`toHtml`); the browser builds real nodes from the same
 * tree with createElement and textContent, so no string is ever parsed as markup there.
 */

export interface ViewElement {
  tag: string;
  attrs: Record<string, string>;
  children: ViewNode[];
}
export type ViewNode = ViewElement | string;

/** h('p', { class: 'x' }, 'text', h('strong', {}, 'bold')); null, undefined and false attributes and children are dropped. */
export function h(
  tag: string,
  attrs: Record<string, string | number | boolean | null | undefined> = {},
  ...children: (ViewNode | null | undefined | false)[]
): ViewElement {
  const clean: Record<string, string> = {};
  for (const [key, value] of Object.entries(attrs))
    if (value !== null && value !== undefined && value !== false)
      clean[key] = value === true ? '' : String(value);
  return {
    tag,
    attrs: clean,
    children: children.filter((c): c is ViewNode => c !== null && c !== undefined && c !== false),
  };
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const NAME = /^[a-z][a-z0-9-]*$/i;

/** Escaped HTML for a tree. Tag and attribute names must be plain identifiers (they come from code, not data). */
export function toHtml(node: ViewNode): string {
  if (typeof node === 'string') return escape(node);
  if (!NAME.test(node.tag)) throw new Error(`view-tree: bad tag name "${node.tag}"`);
  const attrs = Object.entries(node.attrs)
    .map(([key, value]) => {
      if (!NAME.test(key)) throw new Error(`view-tree: bad attribute name "${key}"`);
      return ` ${key}="${escape(value)}"`;
    })
    .join('');
  return `<${node.tag}${attrs}>${node.children.map(toHtml).join('')}</${node.tag}>`;
}
