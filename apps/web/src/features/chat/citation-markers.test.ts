// The [n] source markers: which ones become source buttons, and that code and links keep theirs as text.
import { describe, expect, it } from 'vitest';
import { citedNumbers, splitCitationMarkers, transformCitations, type MdNode } from './citation-markers';

describe('splitCitationMarkers', () => {
  it('finds single, adjacent and comma-separated markers', () => {
    expect(splitCitationMarkers('Refunds take 5 days [1][2], exchanges longer [3, 4].')).toEqual([
      'Refunds take 5 days ',
      { n: 1 },
      { n: 2 },
      ', exchanges longer ',
      { n: 3 },
      { n: 4 },
      '.',
    ]);
  });

  it('leaves markers without a known citation as written', () => {
    const known = (n: number) => n === 2;
    expect(splitCitationMarkers('See [1] and [2].', known)).toEqual(['See [1] and ', { n: 2 }, '.']);
    expect(splitCitationMarkers('Both [1, 2]', known)).toEqual(['Both [1, 2]']);
  });

  it('ignores things that only look like markers', () => {
    expect(splitCitationMarkers('array[i] and [1234] and [a1] and []')).toEqual(['array[i] and [1234] and [a1] and []']);
  });

  it('works in right-to-left text', () => {
    expect(splitCitationMarkers('ההחזר לוקח חמישה ימים [2].')).toEqual(['ההחזר לוקח חמישה ימים ', { n: 2 }, '.']);
  });

  it('lists the cited numbers once, in order', () => {
    expect(citedNumbers('[2] then [1][2] then [3, 1]')).toEqual([2, 1, 3]);
  });
});

describe('transformCitations', () => {
  const known = () => true;

  it('turns markers in text into cite elements and keeps code and links untouched', () => {
    const tree: MdNode = {
      type: 'root',
      children: [
        {
          type: 'paragraph',
          children: [
            { type: 'text', value: 'Five days [1]. See ' },
            { type: 'inlineCode', value: 'x[1]' },
            { type: 'link', children: [{ type: 'text', value: 'page [2]' }] },
          ],
        },
        { type: 'code', value: 'a[1] = b[2]' },
        {
          type: 'list',
          children: [{ type: 'listItem', children: [{ type: 'paragraph', children: [{ type: 'text', value: 'Item [3]' }] }] }],
        },
      ],
    };
    transformCitations(tree, known);
    const paragraph = tree.children![0]!.children!;
    expect(paragraph[0]).toEqual({ type: 'text', value: 'Five days ' });
    expect(paragraph[1]).toEqual({ type: 'text', value: '1', data: { hName: 'cite', hProperties: { dataN: 1 } } });
    expect(paragraph[2]).toEqual({ type: 'text', value: '. See ' });
    expect(paragraph[3]).toEqual({ type: 'inlineCode', value: 'x[1]' });
    expect(paragraph[4]).toEqual({ type: 'link', children: [{ type: 'text', value: 'page [2]' }] });
    expect(tree.children![1]).toEqual({ type: 'code', value: 'a[1] = b[2]' });
    const item = tree.children![2]!.children![0]!.children![0]!.children!;
    expect(item.map((n) => n.value)).toEqual(['Item ', '3']);
  });
});
