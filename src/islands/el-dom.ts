/**
 * Browser only: builds DOM nodes from an element tree (src/lib/el.ts) with createElement(NS),
 * setAttribute and text nodes, so nothing an island draws is ever parsed as markup.
 */
import { attrValue, type Child } from '../lib/el';

const SVG = 'http://www.w3.org/2000/svg';

export function toDom(node: Child, svg = false): Node | null {
  if (node === null || node === undefined || node === false) return null;
  if (typeof node !== 'object') return document.createTextNode(String(node));
  const inSvg = svg || node.tag === 'svg';
  const element = inSvg ? document.createElementNS(SVG, node.tag) : document.createElement(node.tag);
  for (const [name, raw] of Object.entries(node.attrs)) {
    const value = attrValue(raw);
    if (value !== null) element.setAttribute(name, value);
  }
  // <foreignObject> is not used here, so everything under <svg> stays in the SVG namespace.
  for (const child of node.children) {
    const built = toDom(child, inSvg);
    if (built) element.append(built);
  }
  return element;
}

/** Replace an element's content with the tree's nodes (in the SVG namespace inside an <svg>). */
export function renderInto(target: Element, nodes: Child[]): void {
  const svg = target.namespaceURI === SVG;
  target.replaceChildren(...nodes.map((n) => toDom(n, svg)).filter((n): n is Node => n !== null));
}
