import { describe, expect, it } from 'vitest';
import { detectQuestionLanguage, languageName } from './question-language.js';

describe('detectQuestionLanguage', () => {
  it.each([
    ['he', 'מה המחיר?'],
    ['he', 'באיזו שעה נפתח הסניף בתל אביב ביום שישי?'],
    ['fa', 'قیمت چنده؟'],
    ['fa', 'ساعت کاری شعبه تهران چیست؟'],
    ['ar', 'ما هي سياسة الاسترداد؟'],
    ['ru', 'Сколько стоит?'],
    ['uk', 'Скільки коштує квиток?'],
    ['pt', 'Qual é a política de reembolso para voos cancelados?'],
    ['pt', 'Quanto custa o passeio?'],
    ['en', 'How much is it?'],
    ['es', '¿Cuánto cuesta?'],
    ['de', 'Wie viel kostet das?'],
    ['fr', 'Quelle est la politique de remboursement ?'],
  ])('reads %s from %s', (language, question) => {
    expect(detectQuestionLanguage(question)).toBe(language);
  });

  it('leaves text that says too little undetected', () => {
    expect(detectQuestionLanguage('ok?')).toBeUndefined();
    expect(detectQuestionLanguage('42')).toBeUndefined();
    expect(detectQuestionLanguage('ما السعر؟')).toBeUndefined();
  });
});

describe('languageName', () => {
  it('names known codes and passes others through', () => {
    expect(languageName('fa')).toBe('Persian');
    expect(languageName('xx')).toBe('xx');
  });
});
