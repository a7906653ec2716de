import { describe, expect, it } from 'vitest';
import { attrValue, escapeHtml, h, toHtml } from '../../src/lib/el';

describe('element trees', () => {
  it.each([
    [h('p', {}, 'a < b & "c"'), '<p>a &lt; b &amp; &quot;c&quot;</p>'],
    [h('td', { class: 'x', 'data-value': 0 }, 5), '<td class="x" data-value="0">5</td>'],
    [
      h('button', { disabled: true, hidden: false, title: undefined, id: null }, 'Go'),
      '<button disabled>Go</button>',
    ],
    [h('dd', {}, 'a', h('br'), false, null, undefined, 'b'), '<dd>a<br>b</dd>'],
    [h('ul', {}, [h('li', {}, '1'), h('li', {}, '2')]), '<ul><li>1</li><li>2</li></ul>'],
    [
      h('svg', { viewBox: '0 0 1 1' }, h('rect', { x: 0 })),
      '<svg viewBox="0 0 1 1"><rect x="0"></rect></svg>',
    ],
    [h('a', { title: `it's "x"` }, '<script>'), '<a title="it&#39;s &quot;x&quot;">&lt;script&gt;</a>'],
  ])('%j → %s', (tree, html) => expect(toHtml(tree)).toBe(html));

  it('renders a list of children and drops empty ones', () => {
    expect(toHtml(['a', null, h('b', {}), 0])).toBe('a<b></b>0');
  });

  it.each([
    [true, ''],
    [false, null],
    [undefined, null],
    [null, null],
    [0, '0'],
    ['x', 'x'],
  ] as const)('attrValue(%j) = %j', (raw, out) => expect(attrValue(raw)).toBe(out));

  it('escapes all five HTML-special characters', () =>
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;'));
});
