import { describe, expect, it } from 'vitest';
import { parseMarkdown } from './markdown-parser.js';

describe('parseMarkdown', () => {
  it('turns headings, paragraphs, lists, tables, quotes and code into plain-text blocks', () => {
    const doc = parseMarkdown(
      [
        '# Install guide',
        '',
        'Run the **installer**, then follow [the steps](https://example.com/steps) on `screen`.',
        'The second line of the paragraph &amp; more.',
        '',
        '## Requirements',
        '',
        '- Node 20',
        '- 2 GB of *memory*',
        '  1. or more',
        '',
        '| Option | Default |',
        '|--------|--------:|',
        '| `port` | 3000 |',
        '',
        '> Back up your data first.',
        '',
        '```sh',
        'npm install',
        'npm start',
        '```',
        '',
        'Setext heading',
        '--------------',
      ].join('\n'),
    );
    expect(doc).toEqual({
      kind: 'markdown',
      title: 'Install guide',
      blocks: [
        { kind: 'heading', level: 1, text: 'Install guide' },
        { kind: 'paragraph', text: 'Run the installer, then follow the steps on screen. The second line of the paragraph & more.' },
        { kind: 'heading', level: 2, text: 'Requirements' },
        { kind: 'list', text: '- Node 20\n- 2 GB of memory\n  1. or more' },
        { kind: 'table', text: 'Option | Default\nport | 3000' },
        { kind: 'paragraph', text: 'Back up your data first.' },
        { kind: 'code', text: 'npm install\nnpm start' },
        { kind: 'heading', level: 2, text: 'Setext heading' },
      ],
    });
  });

  it('keeps image alt text and hard line breaks, and drops inline HTML tags', () => {
    const doc = parseMarkdown(
      'See ![the floor plan](plan.png) <span class="x">here</span>.  \nNext line\\*.\n\n<div align="center">Centered <b>note</b></div>\n',
    );
    expect(doc.blocks.map((b) => b.text)).toEqual(['See the floor plan here.\nNext line*.', 'Centered note']);
  });

  it('reads task lists, numbered lists from their start number, and right-to-left text', () => {
    const doc = parseMarkdown('- [x] Done\n- [ ] To do\n\n3. third\n4. fourth\n\n## שעות פתיחה\n\nהחנות פתוחה בשנת 2024 מ-9 עד 19.\n');
    expect(doc.blocks).toEqual([
      { kind: 'list', text: '- Done\n- To do' },
      { kind: 'list', text: '3. third\n4. fourth' },
      { kind: 'heading', level: 2, text: 'שעות פתיחה' },
      { kind: 'paragraph', text: 'החנות פתוחה בשנת 2024 מ-9 עד 19.' },
    ]);
    expect(doc.title).toBeUndefined();
  });

  it('drops YAML front matter but keeps its title', () => {
    const doc = parseMarkdown('---\ntitle: "Shipping FAQ"\ntags: [help]\n---\nWe ship **worldwide**.\n');
    expect(doc).toEqual({ kind: 'markdown', title: 'Shipping FAQ', blocks: [{ kind: 'paragraph', text: 'We ship worldwide.' }] });
  });
});
