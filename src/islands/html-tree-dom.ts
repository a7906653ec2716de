/**
 * Browser only: turns an element tree from src/lib/html-tree.ts into DOM nodes. Text becomes text
 * nodes and attributes go through setAttribute, so nothing is ever parsed as markup; an <svg> and
 * everything inside it are created in the SVG namespace.
 */
import { attrValue, type Node as TreeNode } from '../lib/html-tree';

const SVG_NS = 'http://www.w3.org/2000/svg';

export function toDom(node: TreeNode | string, svg = false): globalThis.Node {
  if (typeof node === 'string') return document.createTextNode(node);
  const inSvg = svg || node.tag === 'svg';
  const el = inSvg ? document.createElementNS(SVG_NS, node.tag) : document.createElement(node.tag);
  for (const [name, value] of Object.entries(node.attrs)) {
    const v = attrValue(value);
    if (v !== null) el.setAttribute(name, v);
  }
  for (const child of node.children) el.append(toDom(child, inSvg));
  return el;
}

/** Replace an element's children with the given trees. */
export function renderInto(target: Element, nodes: (TreeNode | string)[]): void {
  target.replaceChildren(...nodes.map((n) => toDom(n)));
}
