/**
 * Build time: a remark plugin for concept notebooks. It turns `\label{name}` inside a display
 * equation into the equation's stable anchor (id "eq-name", see src/lib/object-ids.ts) and puts the
 * object aside (src/lib/object-aside.ts: discussion prompts, the notes control, "Report a problem")
 * after each labelled equation and after the "## Demo" heading. Labels are removed from the TeX
 * before KaTeX sees it. The build's validator (src/lib/graph/validate.ts) reports bad or duplicate
 * labels with the file and line; this plugin only renders.
 */
import type { El } from '../lib/el';
import { objectAside } from '../lib/object-aside';
import {
  DEMO_ANCHOR,
  discussionObject,
  equationAnchor,
  conceptObject,
  splitEquationLabels,
  type AtlasObject,
} from '../lib/object-ids';
import { reportProblemUrl } from '../lib/site-config';
import { joinBase } from '../lib/url';

export interface ObjectNotesOptions {
  /** The site's base path, e.g. "/" or "/atlas/". */
  base: string;
  /** The absolute origin, for the page URL in problem reports. */
  site: string;
  buildId: string;
  tracker: string;
}

interface Node {
  type: string;
  value?: string;
  depth?: number;
  children?: Node[];
  data?: Record<string, unknown>;
}
interface HastNode {
  type: 'element' | 'text';
  tagName?: string;
  value?: string;
  properties?: Record<string, unknown>;
  children?: HastNode[];
}

/** An element tree as hast, for a node's data.hChildren. */
function toHast(node: El | string | number): HastNode {
  if (typeof node !== 'object') return { type: 'text', value: String(node) };
  const properties: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(node.attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') properties.className = String(value).split(/\s+/);
    else properties[name] = value === true ? '' : String(value);
  }
  const children = node.children.filter((c): c is El | string | number => c !== null && c !== undefined && c !== false);
  return { type: 'element', tagName: node.tag, properties, children: children.map(toHast) };
}

/** An mdast node that renders as the given element tree. */
function treeNode(tree: El): Node {
  const hast = toHast(tree);
  return {
    type: 'objectAside',
    data: { hName: hast.tagName, hProperties: hast.properties, hChildren: hast.children },
  };
}

const textOf = (node: Node): string =>
  node.value ?? (node.children ?? []).map(textOf).join('');

export default function remarkObjectNotes(options: ObjectNotesOptions) {
  // unist's Node and VFile types are wider than what this plugin reads; it narrows them itself.
  return (root: unknown, vfile: unknown) => {
    const tree = root as Node;
    const file = vfile as { path?: string; data?: { astro?: { frontmatter?: Record<string, unknown> } } };
    const slug = /[\\/]concepts[\\/]([^\\/]+)[\\/]index\.mdx?$/.exec(file.path ?? '')?.[1];
    const frontmatter = file.data?.astro?.frontmatter ?? {};
    const prompts = (Array.isArray(frontmatter.discussion) ? frontmatter.discussion : []) as {
      prompt: string;
      section: string;
      object?: string;
    }[];
    const former = (Array.isArray(frontmatter.formerSlugs) ? frontmatter.formerSlugs : []) as string[];

    const equations: { node: Node; parent: Node; label: string | undefined }[] = [];
    let demoHeading: { node: Node; parent: Node } | undefined;
    const walk = (node: Node, parent: Node | null) => {
      if ((node.type === 'math' || node.type === 'inlineMath') && node.value !== undefined) {
        const { tex, labels } = splitEquationLabels(node.value);
        if (labels.length > 0) {
          node.value = tex;
          const hChildren = node.data?.hChildren as HastNode[] | undefined;
          // Display math renders from <pre><code>text</code></pre>, inline math from <code>text</code>.
          const code = node.type === 'math' ? hChildren?.[0] : undefined;
          if (code) code.children = [{ type: 'text', value: tex }];
          else if (hChildren) node.data!.hChildren = [{ type: 'text', value: tex }];
          if (node.type === 'math' && parent) equations.push({ node, parent, label: labels[0] });
        }
      }
      if (node.type === 'heading' && node.depth === 2 && textOf(node).trim() === 'Demo' && parent)
        demoHeading ??= { node, parent };
      for (const child of node.children ?? []) walk(child, node);
    };
    walk(tree, null);
    if (!slug) return;

    const objectOf = (kind: AtlasObject['kind'], anchor: string | null, label: string) =>
      conceptObject(slug, kind, anchor, label);
    const concept = objectOf('concept', null, slug);
    const eqObjects = equations.map((e) => objectOf('equation', equationAnchor(e.label ?? ''), `Equation ${e.label}`));
    const demo = demoHeading ? objectOf('demo', DEMO_ANCHOR, 'Demo') : undefined;
    // The witness is rendered by <Witness />; a stand-in keeps "code" prompts off the equations.
    const all = [concept, ...eqObjects, ...(demo ? [demo] : []), objectOf('witness', 'witness', 'Code witness')];
    const promptsFor = (object: AtlasObject) =>
      prompts.filter((p) => discussionObject(all, p)?.id === object.id).map((p) => p.prompt);
    const aside = (object: AtlasObject) => {
      const pageUrl = new URL(`${joinBase(options.base, `concepts/${slug}/`)}#${object.anchor}`, options.site).href;
      return treeNode(
        objectAside({
          object,
          prompts: promptsFor(object),
          formerSlugs: former,
          reportHref: reportProblemUrl({
            tracker: options.tracker,
            objectId: object.id,
            objectLabel: object.label,
            pageUrl,
            buildId: options.buildId,
          }),
        }),
      );
    };

    equations.forEach(({ node, parent }, i) => {
      const object = eqObjects[i]!;
      const wrapper: Node = {
        type: 'objectBlock',
        data: { hName: 'div', hProperties: { id: object.anchor, className: ['equation-object'] } },
        children: [node, aside(object)],
      };
      parent.children!.splice(parent.children!.indexOf(node), 1, wrapper);
    });
    if (demoHeading && demo) {
      const siblings = demoHeading.parent.children!;
      siblings.splice(siblings.indexOf(demoHeading.node) + 1, 0, aside(demo));
    }
  };
}
