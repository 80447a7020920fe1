import { createRequire } from 'node:module';
import { Tiktoken, type TiktokenBPE } from 'js-tiktoken/lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { countTokens, getTokenizer } from './tokenizer.js';

// js-tiktoken's own encoder is the reference: same ranks, its straightforward (slow) merge loop.
let reference: Tiktoken;
const referenceCount = (text: string) => reference.encode(text, [], []).length;

beforeAll(() => {
  reference = new Tiktoken(createRequire(import.meta.url)('js-tiktoken/ranks/o200k_base') as TiktokenBPE);
  getTokenizer();
});

/** Deterministic PRNG (mulberry32), so failures reproduce. */
function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const samples = [
  '',
  'Hello, world!',
  "I'm sure they'll say it's fine; we've DONE it, HAVEN'T we?",
  'ירושלים היא עיר הבירה של ישראל. צה"ל, בית־ספר, שָׁלוֹם עֲלֵיכֶם.',
  'تهران پایتخت ایران است و دانشگاه‌ها و کتاب‌خانه‌ها می‌روند؟',
  'القاهرة هي عاصمة مصر، ويعيش فيها أكثر من عشرين مليون نسمة.',
  'Москва — столица России. Ёлка, объём, съёмка!',
  'Lisboa é a capital de Portugal: pastéis de nata, São João, ação.',
  '12345678901 3.14159 1,000,000 ۱۴۰۳ ٢٠٢٤',
  '  leading\tand\n\n\ntrailing   whitespace  \r\n  ',
  'emoji 😀👍🏽👨‍👩‍👧 and flags 🇮🇱🇧🇷 and ZWJ sequences',
  '漢字とひらがなとカタカナ。中文句子没有空格但是很长很长很长。한국어 문장도 있습니다.',
  'function add(a, b) {\n  return a + b; // sum\n}\n',
  'https://example.com/path/to/page?query=value&other=1#anchor',
  '<|endoftext|> is read as text here, <|endofprompt|> too',
];

describe('countTokens', () => {
  it('matches js-tiktoken o200k_base on text in every script we ingest', () => {
    for (const text of samples) expect(countTokens(text), JSON.stringify(text)).toBe(referenceCount(text));
  });

  it('matches js-tiktoken on long pieces that take the heap merge', () => {
    const long = [
      'a'.repeat(700),
      'ab'.repeat(200),
      '中文汉字测试'.repeat(40),
      'aGVsbG8gd29ybGQhIGhvdyBhcmUgeW91'.repeat(12),
      'ש'.repeat(300),
      '-'.repeat(400),
      ' '.repeat(300) + 'x',
    ];
    for (const text of long) expect(countTokens(text), text.slice(0, 20)).toBe(referenceCount(text));
  });

  it('matches js-tiktoken on random strings from a tricky alphabet', () => {
    const alphabet = [...'aZé ש٣پ‌\n\t.,\'’"-_/\\😀🏽ё1９中ـًA'];
    const random = prng(7);
    for (let n = 0; n < 400; n++) {
      const length = 1 + Math.floor(random() * 60);
      let text = '';
      for (let i = 0; i < length; i++) text += alphabet[Math.floor(random() * alphabet.length)];
      expect(countTokens(text), JSON.stringify(text)).toBe(referenceCount(text));
    }
  });

  it('gives the same count when called again (cache) and on a whole document', () => {
    const text = samples.join('\n\n').repeat(20);
    const first = countTokens(text);
    expect(countTokens(text)).toBe(first);
    expect(first).toBe(referenceCount(text));
  });
});

describe('Tokenizer.truncate', () => {
  const tokenizer = () => getTokenizer();

  it('returns a prefix of at most maxTokens tokens, as long as the budget allows', () => {
    const text = 'The quick brown fox jumps over the lazy dog. '.repeat(10);
    for (const max of [1, 2, 5, 13, 40]) {
      const prefix = tokenizer().truncate(text, max);
      expect(text.startsWith(prefix)).toBe(true);
      expect(countTokens(prefix)).toBeLessThanOrEqual(max);
      // English words are one token each: the prefix uses the whole budget.
      expect(countTokens(prefix)).toBe(max);
    }
  });

  it('returns the whole text when it fits, and nothing for a zero budget', () => {
    expect(tokenizer().truncate('short text', 100)).toBe('short text');
    expect(tokenizer().truncate('short text', 0)).toBe('');
    expect(tokenizer().truncate('', 5)).toBe('');
  });

  it('never cuts a surrogate pair or a multi-byte character in half', () => {
    const text = '😀🎉🚀'.repeat(30) + 'שלום'.repeat(30);
    for (let max = 1; max < 60; max++) {
      const prefix = tokenizer().truncate(text, max);
      expect(text.startsWith(prefix)).toBe(true);
      expect(countTokens(prefix)).toBeLessThanOrEqual(max);
      const last = prefix.charCodeAt(prefix.length - 1);
      if (prefix.length > 0) expect(last >= 0xd800 && last <= 0xdbff).toBe(false);
      expect(Buffer.from(prefix, 'utf8').toString('utf8')).toBe(prefix);
    }
  });
});
