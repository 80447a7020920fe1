import { describe, expect, it } from 'vitest';
import { joinLine, pagesToBlocks, runsToLines, type PdfTextRun } from './pdf-layout.js';

/** A run drawn by text operation `chunk`. */
const drawn = (chunk: number, r: PdfTextRun): PdfTextRun => ({ ...r, chunk });

/** A run at x (its left edge) and width w, on baseline y, in 12-point type. */
function run(str: string, x: number, w: number, y = 100, size = 12): PdfTextRun {
  return { str, x, y, width: w, size, dir: /[\u0590-\u06FF]/.test(str) ? 'rtl' : 'ltr' };
}

const lineText = (runs: PdfTextRun[]) => joinLine(runs)!.text;

describe('joinLine: right-to-left lines', () => {
  // "בשנת 2024 נפתחו": each run drawn separately, with a space-wide gap between them.
  const hebrew = [run('בשנת', 538.9, 28.1), run('2024', 504.4, 30.5), run('נפתחו', 469.4, 31.3), run('15', 450.2, 15.2)];

  it('restores the spaces pdf.js drops between runs', () => {
    expect(lineText(hebrew)).toBe('בשנת 2024 נפתחו 15');
  });

  it('reads by position, whatever order the runs were drawn in', () => {
    expect(lineText([...hebrew].reverse())).toBe('בשנת 2024 נפתחו 15');
    expect(lineText([hebrew[2]!, hebrew[0]!, hebrew[3]!, hebrew[1]!])).toBe('בשנת 2024 נפתחו 15');
  });

  it('reads left-to-right words inside the line left to right, with neutral punctuation outside them', () => {
    // Visually, right to left: Hebrew, then "London Office" (drawn as two runs), then the final ".".
    const runs = [run('ובמשרד הראשי ב-', 400, 80), run('Office', 365, 35), run('London', 320, 41), run('.', 316, 4)];
    expect(lineText(runs)).toBe('ובמשרד הראשי ב-London Office.');
    expect(lineText([...runs].reverse())).toBe('ובמשרד הראשי ב-London Office.');
  });

  it('keeps numbers that stand apart in their right-to-left order', () => {
    // "בין 10 ל 20": two numbers separated by a Hebrew word.
    const runs = [run('בין', 500, 18), run('10', 485, 11), run('ל', 475, 6), run('20', 460, 11)];
    expect(lineText(runs)).toBe('בין 10 ל 20');
  });

  it('marks a word broken between two touching Arabic-script runs with a zero-width non-joiner', () => {
    expect(lineText([run('شود.', 282.6, 25.3), run('برگزار می', 308, 51.7)])).toBe('برگزار می\u200Cشود.');
    // After a letter that never joins forward (alef), touching runs are simply one word.
    expect(lineText([run('دار', 300, 20), run('ایی', 280, 20)])).toBe('دارایی');
  });
});

describe('joinLine: the direction of lines that mix both', () => {
  it('keeps a Hebrew line full of English names right to left on a Hebrew page', () => {
    // "הכרייה והאנרגיה: Rio Tinto ו-BHP Billiton" — more Latin letters than Hebrew ones.
    const runs = [
      run('הכרייה והאנרגיה', 480, 80),
      run(':', 476, 4),
      run('Rio Tinto', 420, 52),
      run('-', 408, 4),
      run('ו', 412, 4),
      run('BHP Billiton', 336, 68),
    ];
    expect(joinLine(runs, { pageRtl: true })!.text).toBe('הכרייה והאנרגיה: Rio Tinto ו-BHP Billiton');
    expect(joinLine(runs, { pageRtl: false })!.text).not.toBe('הכרייה והאנרגיה: Rio Tinto ו-BHP Billiton');
  });

  it('reads a line by the end it was drawn from, when the page draws lines from their logical start', () => {
    // The last line of a Hebrew paragraph: "SUPERVOOC)." drawn from the right, the closing ")." as one piece.
    const runs = [drawn(0, run('SUPERVOOC', 68.9, 81.6)), drawn(1, run('.)', 60.5, 8.5))];
    expect(joinLine(runs, { logicalDrawing: true, pageRtl: true })!.text).toBe('SUPERVOOC).');
    expect(joinLine(runs, { logicalDrawing: false, pageRtl: true })!.text).toBe('.)SUPERVOOC');
    // runsToLines learns how the page draws from its lines in right-to-left letters only.
    const hebrewLine = [drawn(0, run('שלום', 500, 25, 80)), drawn(0, run('עולם', 470, 25, 80)), drawn(1, run('טוב', 440, 20, 80))];
    expect(runsToLines([...hebrewLine, ...runs]).map((l) => l.text)).toEqual(['שלום עולם טוב', 'SUPERVOOC).']);
  });

  it('adds no space after an opening bracket or a Hebrew prefix, where LibreOffice leaves a gap between directions', () => {
    const cpu = [run('ההפעלה', 500, 40), run('(', 490, 4), run('CPU Scheduling', 400, 86)];
    expect(joinLine(cpu, { pageRtl: true })!.text).toBe('ההפעלה (CPU Scheduling');
    const p20 = [run('עם', 500, 15), run('ה', 490, 5), run('-', 486, 4), run('P20', 459, 23)];
    expect(joinLine(p20, { pageRtl: true })!.text).toBe('עם ה-P20');
  });
});

describe('joinLine: left-to-right lines', () => {
  it('reads a right-to-left phrase inside English right to left', () => {
    const runs = [run('The words', 50, 52), run('עולם', 106, 25), run('שלום', 135, 24), run('mean hello world', 163, 90)];
    expect(lineText(runs)).toBe('The words שלום עולם mean hello world');
  });

  it('does not add spaces inside a word split into runs (kerning, a font change)', () => {
    expect(lineText([run('Infor', 50, 26), run('mation', 76.2, 36)])).toBe('Information');
  });

  it('separates columns that are far apart with " | "', () => {
    const line = joinLine([run('Москва', 60, 45), run('9', 300, 7)])!;
    expect(line.text).toBe('Москва | 9');
    expect(line.cells).toBe(true);
  });
});

describe('runsToLines and pagesToBlocks', () => {
  const page = (lines: PdfTextRun[], n = 1) => ({ page: n, height: 842, lines: runsToLines(lines) });

  it('joins wrapped lines into paragraphs, splits at wider gaps and finds headings by type size', () => {
    const blocks = pagesToBlocks([
      page([
        run('Annual report', 56, 150, 60, 24),
        run('The company opened fifteen new branches in 2024 and hired', 56, 480, 100),
        run('320 people across the region.', 56, 170, 114),
        run('Results', 56, 70, 150, 18),
        run('Revenue grew by twelve percent.', 56, 180, 180),
        run('3', 290, 6, 810),
      ]),
      page([run('Page two starts here with a paragraph.', 56, 220, 100)], 2),
    ]);
    expect(blocks).toEqual([
      { kind: 'heading', level: 1, text: 'Annual report', page: 1 },
      { kind: 'paragraph', text: 'The company opened fifteen new branches in 2024 and hired 320 people across the region.', page: 1 },
      { kind: 'heading', level: 2, text: 'Results', page: 1 },
      { kind: 'paragraph', text: 'Revenue grew by twelve percent.', page: 1 },
      { kind: 'paragraph', text: 'Page two starts here with a paragraph.', page: 2 },
    ]);
  });

  it('runs lines on after a dash or an opening bracket', () => {
    const blocks = pagesToBlocks([
      page([
        run('Trains run on the line Melbourne—', 56, 480, 100),
        run('Sydney every hour (at', 56, 400, 114),
        run('9:00).', 56, 40, 128),
      ]),
    ]);
    expect(blocks.map((b) => b.text)).toEqual(['Trains run on the line Melbourne—Sydney every hour (at 9:00).']);
  });

  it('reads a bullet set right against its text', () => {
    const blocks = pagesToBlocks([page([run('•الصناعة', 400, 60, 100), run('•الجامعة', 400, 60, 116)])]);
    expect(blocks).toEqual([{ kind: 'list', text: '- الصناعة\n- الجامعة', page: 1 }]);
  });

  it('joins hyphenated line ends and drops soft hyphens', () => {
    const blocks = pagesToBlocks([
      page([
        run('Филиалы открыты в Москве и Санкт-', 56, 480, 100),
        run('Петербурге, где работает отдел infor\u00AD', 56, 480, 114),
        run('mation.', 56, 40, 128),
      ]),
    ]);
    expect(blocks.map((b) => b.text)).toEqual(['Филиалы открыты в Москве и Санкт-Петербурге, где работает отдел information.']);
  });

  it('reads bullet lines as one list and column lines as a table', () => {
    const blocks = pagesToBlocks([
      page([
        run('Key figures for the year are listed below in this paragraph.', 56, 400, 80),
        run('•', 78, 4, 100),
        run('Revenue grew.', 92, 80, 100),
        run('•', 78, 4, 116),
        run('Staff doubled.', 92, 80, 116),
        run('City', 60, 30, 150),
        run('Branches', 300, 50, 150),
        run('Lisbon', 60, 40, 166),
        run('9', 300, 7, 166),
      ]),
    ]);
    expect(blocks.map((b) => [b.kind, b.text])).toEqual([
      ['paragraph', 'Key figures for the year are listed below in this paragraph.'],
      ['list', '- Revenue grew.\n- Staff doubled.'],
      ['table', 'City | Branches\nLisbon | 9'],
    ]);
  });
});
