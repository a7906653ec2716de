/**
 * Isomorphic: a small, safe subset of Markdown for readers' notes, rendered to an element tree
 * (src/lib/el.ts) that the browser builds with createElement and text nodes (src/islands/el-dom.ts).
 * Nothing is ever parsed as HTML, so `<img onerror=…>` or `<script>` in a note is shown as text.
 *
 * Supported: paragraphs (blank lines), line breaks, "- " / "* " and "1. " lists, ``` fenced code,
 * `code`, **strong**, *emphasis* / _emphasis_, and [links](url) whose URL is http(s), mailto, or a
 * path or #anchor on this site. Any other URL (javascript:, data:, vbscript:, "//host") is not made
 * a link: the text is shown as written. Why not a library: a full Markdown parser plus an HTML
 * sanitiser (marked + DOMPurify, about 30 kB gzipped) would be most of this page's JS budget, and
 * sanitising HTML is the risk this design avoids by never producing HTML from reader text.
 */
import { h, type Child, type El } from './el';

/** The href a link may have, or null when the URL is not one a note may link to. */
export function safeHref(raw: string): string | null {
  const url = raw.trim();
  // Control characters and spaces can hide a scheme from a naive check ("java\tscript:").
  if (url === '' || /[\u0000-\u0020\u007f-\u009f]/.test(url)) return null;
  if (/^(https?:\/\/|mailto:)/i.test(url)) return url;
  if (url.startsWith('#')) return url;
  if (url.startsWith('/') && !url.startsWith('//') && !url.startsWith('/\\')) return url;
  return null;
}

const INLINE =
  /`([^`\n]+)`|\[([^\]\n]+)\]\(([^)\s]+)\)|\*\*([^*\n]+?)\*\*|\*([^*\s][^*\n]*?)\*|(?<![\p{L}\p{N}_])_([^_\s][^_\n]*?)_(?![\p{L}\p{N}_])/gu;

/** Inline Markdown of one line of text. */
export function renderInline(text: string, links = true): Child[] {
  const out: Child[] = [];
  let last = 0;
  INLINE.lastIndex = 0;
  for (const m of text.matchAll(INLINE)) {
    if (m.index > last) out.push(text.slice(last, m.index));
    const [whole, code, linkText, href, strong, em1, em2] = m;
    if (code !== undefined) out.push(h('code', {}, code));
    else if (linkText !== undefined) {
      const safe = links ? safeHref(href!) : null;
      out.push(
        safe === null
          ? whole
          : h('a', { href: safe, rel: 'noopener noreferrer nofollow' }, ...renderInline(linkText, false)),
      );
    } else if (strong !== undefined) out.push(h('strong', {}, ...renderInline(strong, links)));
    else out.push(h('em', {}, ...renderInline((em1 ?? em2)!, links)));
    last = m.index + whole.length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

/** Lines joined with <br>, each rendered inline. */
const withBreaks = (lines: string[]): Child[] =>
  lines.flatMap((line, i) => [...(i > 0 ? [h('br')] : []), ...renderInline(line)]);

const BULLET = /^\s*[-*]\s+(.*)$/;
const ORDERED = /^\s*\d{1,9}[.)]\s+(.*)$/;

/** A note's Markdown as block elements (p, ul, ol, pre). */
export function renderNoteMarkdown(source: string): El[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const blocks: El[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (line.trim() === '') {
      i++;
      continue;
    }
    if (/^\s*```/.test(line)) {
      const code: string[] = [];
      i++;
      while (i < lines.length && !/^\s*```\s*$/.test(lines[i]!)) code.push(lines[i++]!);
      i++; // the closing fence, or the end
      blocks.push(h('pre', {}, h('code', {}, code.join('\n'))));
      continue;
    }
    const list = BULLET.test(line) ? BULLET : ORDERED.test(line) ? ORDERED : null;
    if (list) {
      const items: Child[] = [];
      while (i < lines.length && list.test(lines[i]!)) items.push(h('li', {}, ...renderInline(list.exec(lines[i++]!)![1]!)));
      blocks.push(h(list === BULLET ? 'ul' : 'ol', {}, ...items));
      continue;
    }
    const paragraph: string[] = [];
    while (
      i < lines.length &&
      lines[i]!.trim() !== '' &&
      !/^\s*```/.test(lines[i]!) &&
      !BULLET.test(lines[i]!) &&
      !ORDERED.test(lines[i]!)
    )
      paragraph.push(lines[i++]!);
    blocks.push(h('p', {}, ...withBreaks(paragraph)));
  }
  return blocks;
}
