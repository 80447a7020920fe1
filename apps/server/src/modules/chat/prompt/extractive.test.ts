import { describe, expect, it } from 'vitest';
import { chunkForStreaming, extractiveAnswer, extractiveLanguage } from './extractive.js';
import { type PromptPassage } from './prompt-builder.js';

const passages: PromptPassage[] = [
  { n: 1, documentTitle: 'Price list', page: 3, text: 'The Jerusalem tour costs 120 shekels.\nChildren under 12 pay half.' },
  { n: 2, documentTitle: 'FAQ', page: null, text: 'Tours leave at 9:00 from the main gate.' },
  { n: 3, documentTitle: 'Terms', page: 7, text: 'Cancellations are free up to 24 hours before.' },
  { n: 4, documentTitle: 'Extra', page: 1, text: 'Not quoted: only three passages are.' },
];

describe('extractiveAnswer', () => {
  it.each([
    ['en', 'How much does the tour in Jerusalem cost?', 'No language model is connected', 'p. 3'],
    ['he', 'כמה עולה הסיור בירושלים?', 'לא מחובר מודל שפה', "עמ' 3"],
    ['fa', 'قیمت تور اورشلیم چقدر است؟', 'هیچ مدل زبانی متصل نیست', 'صفحه 3'],
    ['ar', 'كم تكلفة الجولة في القدس؟', 'لا يوجد نموذج لغوي متصل', 'صفحة 3'],
    ['ru', 'Сколько стоит экскурсия по Иерусалиму?', 'Языковая модель не подключена', 'с. 3'],
    ['pt', 'Quanto custa o passeio em Jerusalém?', 'Nenhum modelo de linguagem está conectado', 'p. 3'],
  ])('answers a %s question with the %s notice and verbatim quotes', (_language, question, notice, page) => {
    const answer = extractiveAnswer({ question, passages, language: 'en' });
    expect(answer.text.startsWith(notice)).toBe(true);
    expect(answer.cited).toEqual([1, 2, 3]);
    expect(answer.text).toContain('> The Jerusalem tour costs 120 shekels.\n> Children under 12 pay half.\n\n— [1] Price list, ' + page);
    expect(answer.text).toContain('> Tours leave at 9:00 from the main gate.\n\n— [2] FAQ');
    expect(answer.text).toContain('> Cancellations are free up to 24 hours before.');
    expect(answer.text).not.toContain('Not quoted');
  });

  it('falls back to the assistant language, then English', () => {
    expect(extractiveLanguage('ok?', 'he')).toBe('he');
    expect(extractiveLanguage('ok?', 'de')).toBe('en');
    expect(extractiveLanguage('Wie viel kostet die Tour in Jerusalem?', 'fa')).toBe('fa');
    expect(extractiveLanguage('Wie viel kostet die Tour?', 'ja')).toBe('en');
  });

  it('says it found nothing, in the question language, when there are no passages', () => {
    expect(extractiveAnswer({ question: 'כמה עולה הסיור?', passages: [], language: 'en' })).toEqual({
      text: 'לא מצאתי במסמכים דבר בנושא הזה.',
      cited: [],
    });
    expect(extractiveAnswer({ question: 'Сколько стоит экскурсия?', passages: [], language: 'en' }).text).toBe(
      'В документах ничего об этом не найдено.',
    );
    expect(extractiveAnswer({ question: 'ok', passages: [{ ...passages[0]!, text: ' \n ' }], language: 'pt' }).text).toBe(
      'Não encontrei nada sobre isso nos documentos.',
    );
  });

  it('quotes Persian text verbatim, ZWNJ included, and strips bidi overrides', () => {
    const text = 'بلیت تور برای کودکان نصف قیمت حساب می\u200Cشود.';
    const answer = extractiveAnswer({
      question: 'قیمت تور برای کودکان چقدر است؟',
      passages: [{ n: 5, documentTitle: 'قیمت\u202E‌ها', page: 2, text }],
      language: 'fa',
    });
    expect(answer.text).toContain(`> ${text}\n\n— [5] قیمت‌ها, صفحه 2`);
    expect(answer.text).not.toContain('\u202E');
    expect(answer.cited).toEqual([5]);
  });

  it('cuts a very long passage at a sentence boundary', () => {
    const long = 'This sentence is part of a very long passage. '.repeat(60).trim();
    const answer = extractiveAnswer({
      question: 'What is in the passage?',
      passages: [{ n: 1, documentTitle: 'Long', page: null, text: long }],
      language: 'en',
    });
    const quote = answer.text.split('\n')[2]!.slice(2);
    expect(long.startsWith(quote)).toBe(true);
    expect(quote.endsWith('passage.')).toBe(true);
    expect(quote.length).toBeLessThanOrEqual(1_200);
  });
});

describe('chunkForStreaming', () => {
  it('splits into words with their trailing whitespace, losslessly', () => {
    expect(chunkForStreaming('Hello  world,\nhow are you?')).toEqual(['Hello  ', 'world,\n', 'how ', 'are ', 'you?']);
    expect(chunkForStreaming('  leading')).toEqual(['  ', 'leading']);
    expect(chunkForStreaming('')).toEqual([]);
  });

  it('keeps RTL words and ZWNJ intact and splits long runs between graphemes', () => {
    const persian = 'این کار انجام می\u200Cشود.';
    expect(chunkForStreaming(persian)).toEqual(['این ', 'کار ', 'انجام ', 'می\u200Cشود.']);
    const cjk = '東京は日本の首都です。'.repeat(5);
    const pieces = chunkForStreaming(cjk);
    expect(pieces.join('')).toBe(cjk);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThanOrEqual(24);
    const emoji = '👨\u200D👩\u200D👧'.repeat(10);
    expect(chunkForStreaming(emoji).every((p) => p.length % 8 === 0)).toBe(true);
  });

  it('streams an extractive answer back to the same text', () => {
    const answer = extractiveAnswer({ question: 'How much does the tour cost?', passages, language: 'en' });
    expect(chunkForStreaming(answer.text).join('')).toBe(answer.text);
  });
});
