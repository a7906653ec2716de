import { describe, expect, it } from 'vitest';
import { h, toHtml } from '../../src/lib/view-tree';

describe('view tree', () => {
  it('escapes text and attribute values', () => {
    const tree = h('p', { class: 'a"b', title: '<x>' }, 'Tom & <Jerry>', h('strong', {}, "it's"));
    expect(toHtml(tree)).toBe(
      '<p class="a&#34;b" title="&#60;x&#62;">Tom &#38; &#60;Jerry&#62;<strong>it&#39;s</strong></p>',
    );
  });
  it('drops null, undefined and false; writes true as an empty attribute and numbers as text', () => {
    const tree = h('circle', { cx: 1.5, r: 0, hidden: true, class: null, id: undefined, open: false });
    expect(tree.attrs).toEqual({ cx: '1.5', r: '0', hidden: '' });
    expect(h('ul', {}, null, false, 'x', undefined).children).toEqual(['x']);
  });
  it('refuses tag and attribute names that are not plain identifiers', () => {
    expect(() => toHtml(h('p onclick=x', {}))).toThrow('bad tag name');
    expect(() => toHtml(h('p', { 'on click': 'x' }))).toThrow('bad attribute name');
  });
});
