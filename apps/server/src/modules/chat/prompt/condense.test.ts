import { describe, expect, it } from 'vitest';
import { cleanStandaloneQuestion, cleanTitle, condensePrompt, needsCondensing, titlePrompt } from './condense.js';
import { type HistoryTurn } from './prompt-builder.js';

const history: HistoryTurn[] = [
  { role: 'user', content: 'כמה עולה הסיור בירושלים?' },
  { role: 'assistant', content: 'הסיור עולה 120 ש"ח לאדם [1].' },
];

describe('needsCondensing', () => {
  it('is false without history and true for a follow-up', () => {
    expect(needsCondensing([], 'ומה לגבי ילדים?')).toBe(false);
    expect(needsCondensing(history, 'ומה לגבי ילדים?')).toBe(true);
    expect(needsCondensing([{ role: 'assistant', content: 'Hello! How can I help?' }], 'Prices?')).toBe(false);
  });
});

describe('condensePrompt', () => {
  it('asks for a standalone question in the language of the follow-up, and only the question', () => {
    const messages = condensePrompt(history, 'ומה לגבי ילדים מתחת לגיל 12?');
    expect(messages.map((m) => m.role)).toEqual(['system', 'user']);
    expect(messages[0]!.content).toContain('in Hebrew');
    expect(messages[0]!.content).toContain('Reply with the question only');
    expect(messages[0]!.content).not.toContain('ילדים');
    expect(messages[1]!.content).toContain('<follow_up>\nומה לגבי ילדים מתחת לגיל 12?\n</follow_up>');
    expect(messages[1]!.content).toContain('<turn role="assistant">\nהסיור עולה 120 ש"ח לאדם [1].\n</turn>');
  });

  it('shows only the latest turns, with long answers cut', () => {
    const long: HistoryTurn[] = Array.from({ length: 10 }, (_, i) => ({
      role: i % 2 === 0 ? 'user' : 'assistant',
      content: `message ${i} ` + 'lorem ipsum dolor sit amet '.repeat(200),
    }));
    const user = condensePrompt(long, 'and the second one?')[1]!.content;
    expect(user).not.toContain('message 3 ');
    expect(user).toContain('message 4 ');
    expect(user.length).toBeLessThan(12_000);
  });

  it('says "same language" when the follow-up is too short to tell', () => {
    expect(condensePrompt(history, 'ok?')[0]!.content).toContain('in the same language as the follow-up question');
  });
});

describe('titlePrompt', () => {
  it('asks for at most six words in the language of the question', () => {
    const messages = titlePrompt('Como faço para cancelar minha reserva?', 'Você pode cancelar pelo site [1].');
    expect(messages[0]!.content).toContain('at most 6 words');
    expect(messages[0]!.content).toContain('in Portuguese');
    expect(messages[1]!.content).toContain('<question>\nComo faço para cancelar minha reserva?\n</question>');
  });
});

describe('cleanTitle', () => {
  it.each([
    ['"Refund policy for flights."', 'Refund policy for flights'],
    ['Title: Refund policy', 'Refund policy'],
    ['**Title:** Refund policy!', 'Refund policy'],
    ['## Título: Cancelamento de reservas', 'Cancelamento de reservas'],
    ['«Политика возврата»', 'Политика возврата'],
    ['כותרת: מחיר הסיור בירושלים.', 'מחיר הסיור בירושלים'],
    ['سیاست بازپرداخت؟', 'سیاست بازپرداخت'],
    ['<think>The user asks about refunds.</think>\nRefunds', 'Refunds'],
    ['\n\nLine one\nLine two', 'Line one'],
  ])('cleans %j', (raw, title) => {
    expect(cleanTitle(raw)).toBe(title);
  });

  it('limits words and length, and falls back when nothing is left', () => {
    expect(cleanTitle('one two three four five six seven eight')).toBe('one two three four five six');
    expect(cleanTitle('Supercalifragilisticexpialidocious '.repeat(3)).length).toBeLessThanOrEqual(60);
    expect(cleanTitle('""')).toBe('New conversation');
    expect(cleanTitle('  ', 'שיחה חדשה')).toBe('שיחה חדשה');
  });
});

describe('cleanStandaloneQuestion', () => {
  it('strips labels, quotes and reasoning, and falls back to the original', () => {
    expect(cleanStandaloneQuestion('Standalone question: "How much is the tour for children?"', 'x')).toBe(
      'How much is the tour for children?',
    );
    expect(cleanStandaloneQuestion('<think>hmm</think>Quanto custa?', 'x')).toBe('Quanto custa?');
    expect(cleanStandaloneQuestion('', 'original?')).toBe('original?');
  });
});
