// Every key of every translation file is present, non-empty and with the same {{placeholders}} in all
// six languages; plural keys carry every plural form the language's own rules (Intl.PluralRules) use.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LANGUAGE_CODES, NAMESPACES } from './languages';

const localesDir = fileURLToPath(new URL('./locales', import.meta.url));
const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

function flatten(value: unknown, prefix = '', out: Record<string, string> = {}): Record<string, string> {
  if (typeof value === 'string') out[prefix] = value;
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  else out[prefix] = String(value);
  return out;
}

function load(language: string, namespace: string): Record<string, string> {
  return flatten(JSON.parse(readFileSync(join(localesDir, language, `${namespace}.json`), 'utf8')));
}

const placeholders = (s: string) => [...s.matchAll(/\{\{\s*([\w.]+)\s*(?:,[^}]*)?\}\}/g)].map((m) => m[1]).sort();

/** Keys without plural suffixes, and for plural keys the base name. */
function logicalKeys(keys: string[]): { plain: Set<string>; plural: Set<string> } {
  const plain = new Set<string>();
  const plural = new Set<string>();
  for (const key of keys) {
    if (PLURAL_SUFFIX.test(key)) plural.add(key.replace(PLURAL_SUFFIX, ''));
    else plain.add(key);
  }
  return { plain, plural };
}

describe('translations', () => {
  it('has a folder per language and a file per namespace, and nothing else', () => {
    expect(readdirSync(localesDir).sort()).toEqual([...LANGUAGE_CODES].sort());
    for (const language of LANGUAGE_CODES)
      expect(readdirSync(join(localesDir, language)).sort()).toEqual(NAMESPACES.map((n) => `${n}.json`).sort());
  });

  for (const namespace of NAMESPACES) {
    const english = load('en', namespace);
    const reference = logicalKeys(Object.keys(english));

    it(`${namespace}: English is not empty`, () => {
      expect(Object.keys(english).length).toBeGreaterThan(0);
    });

    for (const language of LANGUAGE_CODES.filter((l) => l !== 'en')) {
      it(`${namespace}: ${language} has every key, filled, with the same placeholders and its plural forms`, () => {
        const translated = load(language, namespace);
        const keys = logicalKeys(Object.keys(translated));
        expect([...keys.plain].sort()).toEqual([...reference.plain].sort());
        expect([...keys.plural].sort()).toEqual([...reference.plural].sort());
        const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
        for (const base of reference.plural) {
          for (const category of categories) expect(translated, `${language} ${base}_${category}`).toHaveProperty([`${base}_${category}`]);
        }
        for (const [key, value] of Object.entries(translated)) {
          expect(value.trim(), `${language}/${namespace}:${key} is empty`).not.toBe('');
          const englishKey = PLURAL_SUFFIX.test(key) ? `${key.replace(PLURAL_SUFFIX, '')}_other` : key;
          const englishValue = english[englishKey] ?? english[key];
          if (englishValue !== undefined && !PLURAL_SUFFIX.test(key))
            expect(placeholders(value), `${language}/${namespace}:${key}`).toEqual(placeholders(englishValue));
        }
      });
    }
  }
});
