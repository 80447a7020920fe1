// The answer Markdown parser and its DOM renderer: the subset models write, Parley's [n] markers, and
// safety (model text never becomes markup, links keep to http(s)/mailto). The DOM comes from linkedom.
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { parseInline, parseMarkdown, safeHref } from './markdown.js';
import { renderMarkdown } from './render.js';

const { document } = parseHTML('<!doctype html><html><body></body></html>');

/** HTML of the rendered nodes, attributes sorted by name (linkedom keeps them in its own order). */
function html(source: string, known: (n: number) => boolean = () => true): string {
  const fragment = renderMarkdown(document as unknown as Document, source, { known, citeLabel: (n) => `Source ${n}` });
  return [...fragment.childNodes].map(serialize).join('');
}

function serialize(node: Node): string {
  if (node.nodeType === 3) return (node.textContent ?? '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const element = node as Element;
  const tag = element.tagName.toLowerCase();
  const attributes = [...element.attributes]
    .map((a) => ` ${a.name}="${a.value.replace(/"/g, '&quot;')}"`)
    .sort()
    .join('');
  if (tag === 'br' || tag === 'hr') return `<${tag}${attributes}>`;
  return `<${tag}${attributes}>${[...element.childNodes].map(serialize).join('')}</${tag}>`;
}

describe('parseMarkdown', () => {
  it('splits paragraphs on blank lines and keeps single newlines as line breaks', () => {
    expect(parseMarkdown('one\ntwo\n\nthree')).toEqual([
      { t: 'p', c: [{ t: 'text', v: 'one' }, { t: 'br' }, { t: 'text', v: 'two' }] },
      { t: 'p', c: [{ t: 'text', v: 'three' }] },
    ]);
  });

  it('reads ATX and setext headings, rules and quotes', () => {
    expect(parseMarkdown('# Title\n\nText\n---\n\n***\n\n> quoted\n> more').map((b) => b.t)).toEqual(['h', 'h', 'hr', 'quote']);
    const [quote] = parseMarkdown('> a\n>\n> b');
    expect(quote).toEqual({
      t: 'quote',
      c: [
        { t: 'p', c: [{ t: 'text', v: 'a' }] },
        { t: 'p', c: [{ t: 'text', v: 'b' }] },
      ],
    });
  });

  it('reads bullet and numbered lists, including a list right under a paragraph', () => {
    expect(parseMarkdown('Steps:\n1. one\n2. two\n\n- a\n- b')).toEqual([
      { t: 'p', c: [{ t: 'text', v: 'Steps:' }] },
      { t: 'list', ordered: true, start: 1, items: [[{ t: 'text', v: 'one' }], [{ t: 'text', v: 'two' }]] },
      { t: 'list', ordered: false, start: 1, items: [[{ t: 'text', v: 'a' }], [{ t: 'text', v: 'b' }]] },
    ]);
    expect(parseMarkdown('3. three\n4. four')[0]).toMatchObject({ t: 'list', start: 3 });
    // Only a list from 1 interrupts a paragraph: a year at the start of a line is text.
    expect(parseMarkdown('It grew in\n2023. Then it shrank.').map((b) => b.t)).toEqual(['p']);
  });

  it('keeps loose items and continuation lines in their list, and flattens a nested list into it', () => {
    expect(html('- first\n  still first\n\n- second\n  - nested\n\nafter')).toBe(
      '<ul><li dir="auto">first<br>still first</li><li dir="auto">second</li><li dir="auto">nested</li></ul><p dir="auto">after</p>',
    );
  });

  it('reads fenced code verbatim, and an unclosed fence (still streaming) to the end', () => {
    expect(parseMarkdown('```js\nconst a = **1**;\n```\nafter')).toEqual([
      { t: 'pre', lang: 'js', v: 'const a = **1**;' },
      { t: 'p', c: [{ t: 'text', v: 'after' }] },
    ]);
    expect(parseMarkdown('```\nline 1\nline 2')).toEqual([{ t: 'pre', lang: '', v: 'line 1\nline 2' }]);
  });
});

describe('parseInline', () => {
  it('reads bold, italic and code, and leaves snake_case and lone stars alone', () => {
    expect(parseInline('**bold** and *it* and _it_ and `a*b*c`')).toEqual([
      { t: 'strong', c: [{ t: 'text', v: 'bold' }] },
      { t: 'text', v: ' and ' },
      { t: 'em', c: [{ t: 'text', v: 'it' }] },
      { t: 'text', v: ' and ' },
      { t: 'em', c: [{ t: 'text', v: 'it' }] },
      { t: 'text', v: ' and ' },
      { t: 'code', v: 'a*b*c' },
    ]);
    expect(parseInline('snake_case_name and 2 * 3 * 4')).toEqual([{ t: 'text', v: 'snake_case_name and 2 * 3 * 4' }]);
  });

  it('shows an unclosed ** as written while the answer is still streaming', () => {
    expect(parseInline('a **half')).toEqual([{ t: 'text', v: 'a **half' }]);
  });

  it('turns [n] and [1, 2] into citation markers, but not inside code or link text', () => {
    expect(parseInline('See [1] and [2, 3].')).toEqual([
      { t: 'text', v: 'See ' },
      { t: 'cite', n: 1 },
      { t: 'text', v: ' and ' },
      { t: 'cite', n: 2 },
      { t: 'cite', n: 3 },
      { t: 'text', v: '.' },
    ]);
    expect(parseInline('`arr[1]`')).toEqual([{ t: 'code', v: 'arr[1]' }]);
    expect(parseInline('[1](https://x.example)')).toEqual([{ t: 'link', href: 'https://x.example', c: [{ t: 'text', v: '1' }] }]);
  });

  it('makes links of http(s) and mailto only; other schemes keep their text', () => {
    expect(parseInline('[docs](https://docs.example/a_(b)) <x>')).toEqual([
      { t: 'link', href: 'https://docs.example/a_(b)', c: [{ t: 'text', v: 'docs' }] },
      { t: 'text', v: ' <x>' },
    ]);
    expect(parseInline('[click](javascript:alert(1))')).toEqual([{ t: 'text', v: 'click' }]);
    expect(parseInline('[mail](mailto:a@b.example)')).toEqual([{ t: 'link', href: 'mailto:a@b.example', c: [{ t: 'text', v: 'mail' }] }]);
    expect(parseInline('visit https://shop.example/help.')).toEqual([
      { t: 'text', v: 'visit ' },
      { t: 'link', href: 'https://shop.example/help', c: [{ t: 'text', v: 'https://shop.example/help' }] },
      { t: 'text', v: '.' },
    ]);
    expect(safeHref('data:text/html,<b>')).toBeNull();
    expect(safeHref('/relative')).toBeNull();
  });

  it('honours backslash escapes', () => {
    expect(parseInline('\\*not em\\* \\[1\\]')).toEqual([{ t: 'text', v: '*not em* [1]' }]);
  });
});

describe('renderMarkdown', () => {
  it('builds elements, with dir="auto" on every paragraph, heading and list item', () => {
    expect(html('## Hours\n\nOpen **daily**.\n\n1. Mon\n2. Tue')).toBe(
      '<h4 dir="auto">Hours</h4><p dir="auto">Open <strong>daily</strong>.</p><ol><li dir="auto">Mon</li><li dir="auto">Tue</li></ol>',
    );
  });

  it('never turns model text into markup', () => {
    const out = html('<img src=x onerror="alert(1)"> <script>alert(1)</script> [x](javascript:alert(1))');
    expect(out).not.toContain('<img');
    expect(out).not.toContain('<script');
    expect(out).not.toContain('href="javascript');
    expect(out).toContain('&lt;img src=x onerror="alert(1)"&gt;');
    expect(out).toContain('&lt;script&gt;');
  });

  it('opens links in a new tab without the opener or referrer', () => {
    expect(html('[Help](https://shop.example/help)')).toBe(
      '<p dir="auto"><a href="https://shop.example/help" rel="noopener noreferrer nofollow" target="_blank">Help</a></p>',
    );
  });

  it('draws markers of known sources as buttons and leaves unknown ones as text', () => {
    expect(html('Price [1][7].', (n) => n === 1)).toBe(
      '<p dir="auto">Price <button aria-label="Source 1" class="cite" data-n="1" type="button">1</button>[7].</p>',
    );
  });

  it('renders code blocks left to right whatever the answer language', () => {
    expect(html('```\n<b>x</b>\n```')).toBe('<pre dir="ltr" tabindex="0"><code>&lt;b&gt;x&lt;/b&gt;</code></pre>');
  });

  it('renders the extractive answer shape: quoted passages followed by their marker', () => {
    expect(html('Notice:\n\n> This is page 2.\n\n[1] pages.pdf, p. 2')).toBe(
      '<p dir="auto">Notice:</p><blockquote><p dir="auto">This is page 2.</p></blockquote>' +
        '<p dir="auto"><button aria-label="Source 1" class="cite" data-n="1" type="button">1</button> pages.pdf, p. 2</p>',
    );
  });
});
