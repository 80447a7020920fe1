import { describe, expect, it } from 'vitest';
import { createHashEmbedder, HASH_MODEL, hashEmbed } from './hash-embedder.js';

const cosine = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += a[i]! * b[i]!;
  return dot; // both are unit length
};
const embed = (text: string) => hashEmbed(text, 768);

describe('createHashEmbedder', () => {
  it('declares itself and returns one unit vector per text, in order', async () => {
    const embedder = createHashEmbedder();
    expect(embedder).toMatchObject({ specificationVersion: 'v1', provider: 'hash', model: HASH_MODEL, dimensions: 768 });
    expect(await embedder.probeDimensions()).toBe(768);
    const vectors = await embedder.embed(['first text', 'second text', 'first text'], { kind: 'document' });
    expect(vectors).toHaveLength(3);
    for (const vector of vectors) {
      expect(vector).toHaveLength(768);
      expect(Math.hypot(...vector)).toBeCloseTo(1, 5);
    }
    expect(vectors[2]).toEqual(vectors[0]);
    expect(vectors[1]).not.toEqual(vectors[0]);
  });

  it.each([384, 1024])('honours dimensions %i', async (dimensions) => {
    const [vector] = await createHashEmbedder({ dimensions }).embed(['hello world'], { kind: 'query' });
    expect(vector).toHaveLength(dimensions);
  });

  it('refuses unusable dimensions', () => {
    expect(() => createHashEmbedder({ dimensions: 0 })).toThrow(RangeError);
    expect(() => createHashEmbedder({ dimensions: 12.5 })).toThrow(RangeError);
  });

  it('is stable across releases: the same text gives the same hash-v1 vector', () => {
    // If this fails, the feature set changed: stored vectors no longer match new ones. Bump the model name.
    const vector = embed('Parley answers from your own documents — שלום, привет, سلام.');
    const nonZero = [...vector.entries()].filter(([, x]) => x !== 0);
    expect(nonZero).toHaveLength(78);
    expect(nonZero.slice(0, 6).map(([i, x]) => [i, Number(x.toFixed(6))])).toEqual([
      [2, 0.107664],
      [7, 0.107664],
      [11, 0.107664],
      [16, -0.107664],
      [51, -0.215328],
      [59, -0.215328],
    ]);
  });

  it('gives texts without words a unit vector too', () => {
    for (const text of ['', '?!', '   ']) expect(Math.hypot(...embed(text))).toBeCloseTo(1, 5);
  });

  it('rejects an aborted call', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(createHashEmbedder().embed(['x'], { kind: 'query', signal: controller.signal })).rejects.toThrow('stop');
  });

  it('matches spelling variants through normalizeForSearch', () => {
    expect(embed('کتاب یک')).toEqual(embed('كتاب يك')); // Persian vs Arabic kaf and yeh
    expect(embed('שָׁלוֹם עֲלֵיכֶם')).toEqual(embed('שלום עליכם')); // niqqud
    expect(embed('ЁЛКА Hello')).toEqual(embed('елка hello')); // ё and case
  });

  it('lets inflected forms and prefixed words meet, more than unrelated words', () => {
    expect(cosine(embed('книга'), embed('книги'))).toBeGreaterThan(cosine(embed('книга'), embed('стол')) + 0.3);
    expect(cosine(embed('הבית'), embed('בית'))).toBeGreaterThan(cosine(embed('הבית'), embed('ספר')) + 0.3);
    expect(cosine(embed('الكتاب'), embed('كتاب'))).toBeGreaterThan(cosine(embed('الكتاب'), embed('قلم')) + 0.3);
    expect(cosine(embed('universidades'), embed('universidade'))).toBeGreaterThan(cosine(embed('universidades'), embed('igreja')) + 0.3);
  });

  it('down-weights function words', () => {
    const base = embed('capital France');
    // Adding function words barely moves the vector; adding a content word moves it more.
    expect(cosine(base, embed('what is the capital of France'))).toBeGreaterThan(0.9);
    expect(cosine(base, embed('capital France Paris'))).toBeLessThan(cosine(base, embed('what is the capital of France')));
  });

  it('retrieves the passage that answers a question', () => {
    const passages = [
      'The Denver Broncos defeated the Carolina Panthers to win Super Bowl 50 at Levi’s Stadium.',
      'Оксфордский университет — старейший университет в англоязычном мире.',
      'רבי שמעון בר יוחאי ובנו הסתתרו במערה שתים עשרה שנים.',
      'A Basílica do Sagrado Coração fica ao lado do edifício principal da universidade.',
    ].map(embed);
    const best = (question: string) => {
      const q = embed(question);
      return passages.map((p) => cosine(p, q)).reduce((bestIndex, score, i, all) => (score > all[bestIndex]! ? i : bestIndex), 0);
    };
    expect(best('Which team won Super Bowl 50?')).toBe(0);
    expect(best('Какой университет старейший?')).toBe(1);
    expect(best('כמה שנים הסתתר רבי שמעון במערה?')).toBe(2);
    expect(best('O que fica ao lado do edifício principal?')).toBe(3);
  });
});
