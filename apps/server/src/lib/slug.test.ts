import { describe, expect, it } from 'vitest';
import { slugify, withRandomSuffix } from './slug.js';

describe('slugify', () => {
  it('keeps ASCII words and drops accents and punctuation', () => {
    expect(slugify('  Atendimento ao Cliente! ', 'x')).toBe('atendimento-ao-cliente');
    expect(slugify('Café Olé', 'x')).toBe('cafe-ole');
  });
  it('falls back when nothing ASCII is left (Hebrew, Persian, Russian names)', () => {
    expect(slugify('עוזר שירות', 'assistant')).toBe('assistant');
    expect(slugify('دستیار', 'assistant')).toBe('assistant');
    expect(slugify('Помощник', 'assistant')).toBe('assistant');
  });
  it('keeps mixed names readable', () => {
    expect(slugify('Shop בע"מ 24/7', 'x')).toBe('shop-24-7');
  });
  it('adds a six-hex suffix within the 64-character limit', () => {
    const s = withRandomSuffix('a'.repeat(64));
    expect(s).toMatch(/^a{55}-[0-9a-f]{6}$/);
    expect(s.length).toBeLessThanOrEqual(64);
  });
});
