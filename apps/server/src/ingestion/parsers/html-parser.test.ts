import { describe, expect, it } from 'vitest';
import { extractLinks, parseHtml, parseHtmlString } from './html-parser.js';

const paragraph = (n: number) =>
  `<p>Paragraph ${n} of the returns policy explains, in plenty of words, how customers send back what they bought, ` +
  `which documents they need, how long the refund takes and who pays for the shipping label in each country.</p>`;

const articlePage = `<!doctype html>
<html lang="en">
<head>
  <title>Returns policy | Example Shop</title>
  <meta property="og:title" content="Returns policy">
  <style>.nav { color: red }</style>
  <script>window.tracking = "should not appear";</script>
</head>
<body>
  <header><a href="/">Example Shop</a> <a href="/login">Log in</a></header>
  <nav><ul><li><a href="/">Home</a></li><li><a href="/shop">Shop</a></li><li><a href="/help">Help</a></li></ul></nav>
  <main>
    <article>
      <h1>Returns policy</h1>
      ${paragraph(1)}
      ${paragraph(2)}
      <h2>What you need</h2>
      <ul>
        <li>The receipt,
            printed or on screen</li>
        <li>The original box
          <ol><li>with its inserts</li><li>and the manual</li></ol>
        </li>
      </ul>
      ${paragraph(3)}
      <h3>Refund times</h3>
      <table>
        <tr><th>Country</th><th>Days</th></tr>
        <tr><td>Portugal</td><td>5</td></tr>
        <tr><td>Israel</td><td>7</td></tr>
      </table>
      <pre><code>RETURN-CODE: 1234
  line two</code></pre>
      ${paragraph(4)}
      <p>Questions?<br>Call us.</p>
    </article>
  </main>
  <aside><h2>Related</h2><p>Our summer sale starts on Monday.</p></aside>
  <footer><p>© 2025 Example Shop. All rights reserved.</p></footer>
</body>
</html>`;

describe('parseHtmlString', () => {
  const parsed = parseHtmlString(articlePage);
  const text = parsed.blocks.map((b) => b.text).join('\n');

  it('keeps the main content as headings, paragraphs, lists, tables and code', () => {
    const kinds = parsed.blocks.map((b) => b.kind);
    expect(kinds).toContain('list');
    expect(kinds).toContain('table');
    expect(kinds).toContain('code');
    expect(parsed.blocks.find((b) => b.kind === 'list')!.text).toBe(
      '- The receipt, printed or on screen\n- The original box\n  1. with its inserts\n  2. and the manual',
    );
    expect(parsed.blocks.find((b) => b.kind === 'table')!.text).toBe('Country | Days\nPortugal | 5\nIsrael | 7');
    expect(parsed.blocks.find((b) => b.kind === 'code')!.text).toBe('RETURN-CODE: 1234\n  line two');
    expect(parsed.blocks.filter((b) => b.kind === 'heading').map((b) => [b.level, b.text])).toEqual(
      expect.arrayContaining([
        [2, 'What you need'],
        [3, 'Refund times'],
      ]),
    );
    for (let n = 1; n <= 4; n++) expect(text).toContain(`Paragraph ${n} of the returns policy explains`);
    expect(text).toContain('Questions?\nCall us.');
  });

  it('drops navigation, header, footer, aside, scripts and styles', () => {
    for (const noise of ['Log in', 'Home', 'summer sale', 'All rights reserved', 'tracking', 'color: red'])
      expect(text).not.toContain(noise);
  });

  it('takes the title from <title>', () => {
    expect(parsed.title).toBe('Returns policy | Example Shop');
    expect(parseHtmlString('<html><head><meta property="og:title" content="From OG"></head><body><h1>H</h1></body></html>').title).toBe(
      'From OG',
    );
    expect(parseHtmlString('<html><body><h1>The  first\n heading</h1><p>Text.</p></body></html>').title).toBe('The first heading');
  });

  it('falls back to the body without its boilerplate when the page is too short for Readability', () => {
    const short = parseHtmlString(
      '<html><body><nav><a href="/">Home</a> <a href="/faq">FAQ</a></nav><h1>Opening hours</h1><p>Monday to Friday, 9 to 18.</p><footer>© Shop</footer></body></html>',
    );
    expect(short.blocks).toEqual([
      { kind: 'heading', level: 1, text: 'Opening hours' },
      { kind: 'paragraph', text: 'Monday to Friday, 9 to 18.' },
    ]);
  });

  it('keeps right-to-left text as written', () => {
    const page = parseHtml(
      '<html dir="rtl" lang="he"><head><title>שעות פתיחה</title></head><body><p dir="rtl">החנות פתוחה בשנת 2024 מ-9 עד 19, כולל London.</p></body></html>',
    );
    expect(page).toEqual({
      kind: 'html',
      title: 'שעות פתיחה',
      blocks: [{ kind: 'paragraph', text: 'החנות פתוחה בשנת 2024 מ-9 עד 19, כולל London.' }],
    });
  });

  it('reads text outside any paragraph element, with whitespace collapsed', () => {
    const page = parseHtmlString('<body>Loose   text\n\n  at the top<div>then a   div</div>and a tail</body>');
    expect(page.blocks.map((b) => b.text)).toEqual(['Loose text at the top', 'then a div', 'and a tail']);
  });

  it('reads pages that leave out the <html>, <head> or <body> tags', () => {
    expect(parseHtml('<html><head><title>T</title></head><p>No body tag.</p></html>')).toEqual({
      kind: 'html',
      title: 'T',
      blocks: [{ kind: 'paragraph', text: 'No body tag.' }],
    });
    expect(parseHtml('<!doctype html><title>Bare</title><h2>Only</h2><p>a fragment.</p>').blocks).toEqual([
      { kind: 'heading', level: 2, text: 'Only' },
      { kind: 'paragraph', text: 'a fragment.' },
    ]);
  });
});

describe('extractLinks', () => {
  it('resolves links against the page (or its <base>), drops fragments, non-web schemes and repeats', () => {
    const html = `<html><body>
      <a href="/a">A</a> <a href="b?x=1#part">B</a> <a href="#top">Top</a>
      <a href="https://other.example/c">C</a> <a href="mailto:x@example.com">Mail</a> <a href="javascript:void(0)">JS</a>
      <a href="/a#again">A again</a> <a>no href</a> <area href="/map">
    </body></html>`;
    expect(extractLinks(html, 'https://shop.example/help/page.html')).toEqual([
      'https://shop.example/a',
      'https://shop.example/help/b?x=1',
      'https://shop.example/help/page.html',
      'https://other.example/c',
      'https://shop.example/map',
    ]);
    expect(extractLinks('<head><base href="https://cdn.example/docs/"></head><a href="guide">G</a>', 'https://shop.example/')).toEqual([
      'https://cdn.example/docs/guide',
    ]);
  });
});
