import { describe, expect, it } from 'vitest';
import { toHtml } from '../../src/lib/el';
import { renderNoteMarkdown, safeHref } from '../../src/lib/note-markdown';

const html = (md: string) => toHtml(renderNoteMarkdown(md));

describe('note Markdown', () => {
  it('renders the supported subset', () => {
    expect(html('Hello **bold** and *em* and `x<y`\nnext line')).toBe(
      '<p>Hello <strong>bold</strong> and <em>em</em> and <code>x&lt;y</code><br>next line</p>',
    );
    expect(html('- a\n- b\n\n1. one\n2. two')).toBe('<ul><li>a</li><li>b</li></ul><ol><li>one</li><li>two</li></ol>');
    expect(html('```\nprint("<b>")\n```')).toBe('<pre><code>print(&quot;&lt;b&gt;&quot;)</code></pre>');
    expect(html('[paper](https://arxiv.org/abs/2305.13245)')).toBe(
      '<p><a href="https://arxiv.org/abs/2305.13245" rel="noopener noreferrer nofollow">paper</a></p>',
    );
    expect(html('snake_case_name stays')).toBe('<p>snake_case_name stays</p>');
  });

  it.each([
    ['<img src=x onerror=alert(1)>', '<p>&lt;img src=x onerror=alert(1)&gt;</p>'],
    ['<script>alert(1)</script>', '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>'],
    ['[x](javascript:alert(1))', '<p>[x](javascript:alert(1))</p>'],
    ['[x](JaVaScRiPt:alert(1))', '<p>[x](JaVaScRiPt:alert(1))</p>'],
    ['[x](data:text/html,<b>)', '<p>[x](data:text/html,&lt;b&gt;)</p>'],
    ['[x](//evil.example/)', '<p>[x](//evil.example/)</p>'],
    ['[a [b](https://x.example)](https://y.example)', '<p><a href="https://x.example" rel="noopener noreferrer nofollow">a [b</a>](https://y.example)</p>'],
    ['[x](https://e.example/"onmouseover="alert(1))', '<p><a href="https://e.example/&quot;onmouseover=&quot;alert(1" rel="noopener noreferrer nofollow">x</a>)</p>'],
  ])('keeps hostile input inert: %s', (md, expected) => {
    expect(html(md)).toBe(expected);
  });

  it('makes no element or attribute a note did not ask for', () => {
    const tree = JSON.stringify(renderNoteMarkdown('<img onerror=x> [a](javascript:x) **<b>**'));
    expect(tree).not.toMatch(/"tag":"(img|script|b|iframe)"/);
    expect(tree).not.toContain('onerror":');
    expect(tree).not.toContain('"href":"javascript');
  });

  it.each([
    ['https://x.example', 'https://x.example'],
    ['mailto:a@b.example', 'mailto:a@b.example'],
    ['/concepts/kv-cache/', '/concepts/kv-cache/'],
    ['#eq-mem-kv', '#eq-mem-kv'],
    ['javascript:alert(1)', null],
    ['java\tscript:alert(1)', null],
    [' vbscript:x', null],
    ['//evil.example', null],
    ['/\\evil.example', null],
    ['data:text/html,x', null],
  ])('safeHref(%j) is %j', (raw, want) => {
    expect(safeHref(raw)).toBe(want);
  });
});
