import { describe, expect, it } from 'vitest';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkMath from 'remark-math';
import remarkObjectNotes from '../../src/integrations/remark-object-notes';

interface N {
  type: string;
  value?: string;
  children?: N[];
  data?: { hName?: string; hProperties?: Record<string, unknown>; hChildren?: unknown[] };
}

function transform(body: string, frontmatter: Record<string, unknown> = {}, path = '/x/content/concepts/kv-cache/index.mdx') {
  const tree = unified().use(remarkParse).use(remarkMath).parse(body) as unknown as N;
  remarkObjectNotes({ base: '/atlas/', site: 'https://atlas.example', buildId: 'abc123', tracker: 'https://t.example/issues' })(
    tree,
    { path, data: { astro: { frontmatter } } },
  );
  return tree;
}

const BODY = '## Math\n\n$$\n\\label{mem-kv}\nM = 2\n$$\n\n## Demo\n\nText.\n';

describe('the equation-label remark plugin', () => {
  it('removes the label from the TeX, gives the equation its anchor and puts the aside after it', () => {
    const tree = transform(BODY, { discussion: [{ prompt: 'Why 2?', section: 'math' }] });
    const wrapper = tree.children![1]!;
    expect(wrapper.data?.hProperties).toEqual({ id: 'eq-mem-kv', className: ['equation-object'] });
    const [math, aside] = wrapper.children!;
    expect(math!.value).toBe('M = 2');
    expect(JSON.stringify(math!.data?.hChildren)).not.toContain('label');
    const html = JSON.stringify(aside!.data);
    expect(html).toContain('"data-object":"kv-cache#eq-mem-kv"');
    expect(html).toContain('Why 2?');
    expect(html).toContain(encodeURIComponent('https://atlas.example/atlas/concepts/kv-cache/#eq-mem-kv'));
    expect(html).toContain(encodeURIComponent('Build: abc123'));
  });

  it('puts the demo aside right after the Demo heading', () => {
    const tree = transform(BODY);
    const demoAt = tree.children!.findIndex((n) => n.type === 'heading' && JSON.stringify(n).includes('Demo'));
    expect(JSON.stringify(tree.children![demoAt + 1]!.data)).toContain('"data-object":"kv-cache#demo"');
  });

  it('strips labels but adds nothing outside concept notebooks', () => {
    const tree = transform(BODY, {}, '/x/src/pages/other.md');
    expect(JSON.stringify(tree)).not.toContain('cf-note');
    expect(JSON.stringify(tree)).not.toContain('\\\\label');
  });
});
