import { describe, expect, it } from 'vitest';
import { parseTxt } from './txt-parser.js';

const shape = (text: string) => parseTxt(text).blocks.map((b) => [b.kind, b.level ?? null, b.text]);

describe('parseTxt', () => {
  it('splits paragraphs at blank lines and tidies spaces, keeping line breaks inside a paragraph', () => {
    expect(shape('First   paragraph,\r\nstill the first.\r\n\r\n\r\n  Second\tparagraph.  \n \n')).toEqual([
      ['paragraph', null, 'First paragraph,\nstill the first.'],
      ['paragraph', null, 'Second paragraph.'],
    ]);
  });

  it('recognises numbered, chapter and capital-letter headings above text', () => {
    const text = [
      'CHAPTER TWO',
      'The story goes on, as stories do, for several more pages.',
      '1. Introduction',
      'This section introduces the product and its main parts.',
      '2.3 Scope of the warranty',
      'The warranty covers parts and labour for two years.',
      'Глава 3',
      'Продолжение следует, как и положено в длинных историях.',
      'OPENING HOURS',
      'We open at nine and close at seven, every day but Sunday.',
    ].join('\n\n');
    expect(shape(text)).toEqual([
      ['heading', 1, 'CHAPTER TWO'],
      ['paragraph', null, 'The story goes on, as stories do, for several more pages.'],
      ['heading', 1, '1. Introduction'],
      ['paragraph', null, 'This section introduces the product and its main parts.'],
      ['heading', 2, '2.3 Scope of the warranty'],
      ['paragraph', null, 'The warranty covers parts and labour for two years.'],
      ['heading', 1, 'Глава 3'],
      ['paragraph', null, 'Продолжение следует, как и положено в длинных историях.'],
      ['heading', 1, 'OPENING HOURS'],
      ['paragraph', null, 'We open at nine and close at seven, every day but Sunday.'],
    ]);
  });

  it('takes a short unpunctuated line as a heading only above a real paragraph', () => {
    expect(shape('Delivery times\n\nParcels leave the warehouse every morning before ten.')).toEqual([
      ['heading', 2, 'Delivery times'],
      ['paragraph', null, 'Parcels leave the warehouse every morning before ten.'],
    ]);
    // A greeting, a signature and a closing line are not headings.
    expect(shape('Hi Anna\n\nThanks.\n\nBest regards\n\nJohn').map(([kind]) => kind)).toEqual([
      'paragraph',
      'paragraph',
      'paragraph',
      'paragraph',
    ]);
    expect(shape('Note: the shop is closed today.\n\nSee you tomorrow, when we open again at nine.')[0]![0]).toBe('paragraph');
  });

  it('reads a paragraph of bullet or numbered lines as a list', () => {
    expect(shape('Bring:\n- the receipt\n- the box\n\n1) call us\n2) ship it')).toEqual([
      ['paragraph', null, 'Bring:\n- the receipt\n- the box'],
      ['list', null, '1) call us\n2) ship it'],
    ]);
  });

  it('keeps right-to-left text as written', () => {
    expect(shape('שעות פתיחה\n\nהחנות פתוחה בשנת 2024 מ-9 עד 19, כל יום חוץ משבת.')).toEqual([
      ['heading', 2, 'שעות פתיחה'],
      ['paragraph', null, 'החנות פתוחה בשנת 2024 מ-9 עד 19, כל יום חוץ משבת.'],
    ]);
  });
});
