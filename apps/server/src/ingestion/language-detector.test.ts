import { describe, expect, it } from 'vitest';
import { detectLanguage } from './language-detector.js';

describe('detectLanguage', () => {
  it.each([
    ['he', 'ירושלים היא עיר הבירה של מדינת ישראל. העיר העתיקה מוקפת חומה שנבנתה במאה השש עשרה.'],
    ['fa', 'تهران پایتخت ایران است. هر روز هزاران نفر به دانشگاه‌ها می‌روند و در کتاب‌خانه‌ها درس می‌خوانند.'],
    ['ar', 'القاهرة هي عاصمة مصر. يعيش فيها أكثر من عشرين مليون نسمة، وتشتهر بأسواقها القديمة ومساجدها الجميلة.'],
    ['ru', 'Москва — столица России. В городе много музеев и театров, а летом парки полны людей.'],
    ['uk', 'Київ — столиця України. У місті є багато музеїв і театрів, а влітку парки повні людей.'],
    ['pt', 'Lisboa é a capital de Portugal. A cidade fica às margens do rio Tejo e não tem pressa nenhuma.'],
    ['en', 'London is the capital of the United Kingdom. The city has many museums and theatres, and it is busy.'],
    ['es', 'Madrid es la capital de España. La ciudad tiene muchos museos y el parque del Retiro es muy famoso.'],
    ['fr', 'Paris est la capitale de la France. La ville est connue pour ses musées et les cafés sur les boulevards.'],
    ['de', 'Berlin ist die Hauptstadt von Deutschland. Die Stadt hat viele Museen und ist für ihre Geschichte bekannt.'],
  ])('recognises %s', (language, text) => {
    expect(detectLanguage(text)).toBe(language);
  });

  it('reads Persian typed with Arabic yeh and kaf as Persian, from پ چ ژ گ', () => {
    const text = 'اين كتاب را پدرم به من داد. گل‌هاي باغ چقدر زيبا هستند و پرندگان آواز مي‌خوانند.';
    expect(detectLanguage(text)).toBe('fa');
  });

  it('keeps the language of the bulk of a document with a few foreign words', () => {
    const english =
      'Our support team answers within a day. The word שלום means peace, and the Persian word سلام is a greeting. ' +
      'Customers in Tel Aviv and Tehran can write to us in their own language, and we will reply as soon as we can.';
    expect(detectLanguage(english)).toBe('en');
    const hebrew = 'צוות התמיכה שלנו עונה תוך יום עבודה אחד. ניתן לפנות אלינו גם דרך WhatsApp או Telegram בכל שעה.';
    expect(detectLanguage(hebrew)).toBe('he');
    const russian = 'Наш сервис работает с PDF, DOCX и HTML. Загрузите документ, и ассистент ответит на вопросы по нему.';
    expect(detectLanguage(russian)).toBe('ru');
  });

  it('gives undefined when there is too little text to tell', () => {
    expect(detectLanguage('')).toBeUndefined();
    expect(detectLanguage('12 34 56 -- !!')).toBeUndefined();
    expect(detectLanguage('OK')).toBeUndefined();
    expect(detectLanguage('Xyzzy Plugh Qwerty Zork')).toBeUndefined(); // Latin letters, no word of any language
  });

  it('reads only the start of a long text', () => {
    const text = 'The quick brown fox jumps over the lazy dog and the cat. '.repeat(400) + 'שלום עולם '.repeat(10_000);
    expect(detectLanguage(text)).toBe('en');
  });

  it('tells the East Asian scripts apart', () => {
    expect(detectLanguage('北京是中华人民共和国的首都，也是全国的政治和文化中心。')).toBe('zh');
    expect(detectLanguage('東京は日本の首都です。たくさんの人が住んでいます。')).toBe('ja');
    expect(detectLanguage('서울은 대한민국의 수도입니다. 많은 사람들이 살고 있습니다.')).toBe('ko');
  });
});
