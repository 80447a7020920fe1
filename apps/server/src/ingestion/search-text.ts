// The text a chunk is indexed under for full-text search, and the matching query text: the search
// normalisation (search-normalizer.ts) plus, for languages PostgreSQL has no stemmer for, light
// affix handling so that a Hebrew word with a prefix (וְהַבַּיִת → והבית) or an Arabic one with the
// article (الكتاب) also meets its bare form.
import { normalizeForSearch } from './search-normalizer.js';

const HEBREW_PREFIXES = /^(?:ו|ה|ב|ל|מ|ש|כ|וה|וב|ול|ומ|וש|שה|שב|של|מה|בה|לה|כש|וכש|מש)(?=[\u05D0-\u05EA]{3,})/;
const ARABIC_PREFIXES = /^(?:وال|بال|كال|فال|لل|ال|و|ف|ب)(?=[\u0621-\u064A]{3,})/;
const PERSIAN_SUFFIXES = /(?:هاي|ها|اي|ي|تر|ترين)$/;

function variants(word: string, language: string): string[] {
  if (language === 'he') {
    const stripped = word.replace(HEBREW_PREFIXES, '');
    return stripped !== word ? [word, stripped] : [word];
  }
  if (language === 'ar') {
    const stripped = word.replace(ARABIC_PREFIXES, '');
    return stripped !== word ? [word, stripped] : [word];
  }
  if (language === 'fa') {
    const out = [word];
    if (word.length > 4) {
      const stripped = word.replace(PERSIAN_SUFFIXES, '');
      if (stripped !== word && stripped.length >= 3) out.push(stripped);
    }
    const noArticle = word.replace(ARABIC_PREFIXES, '');
    if (noArticle !== word && word.startsWith('ال')) out.push(noArticle);
    return out;
  }
  return [word];
}

/** Normalised text with affix variants for he/fa/ar; other languages rely on PostgreSQL's stemmers. */
export function searchTextOf(text: string, language: string): string {
  const normalized = normalizeForSearch(text);
  if (language !== 'he' && language !== 'ar' && language !== 'fa') return normalized;
  return normalized
    .split(' ')
    .flatMap((w) => variants(w, language))
    .join(' ');
}

/** Number of words: BM25's length of a chunk. */
export function termCountOf(searchText: string): number {
  let count = 0;
  let inWord = false;
  for (let i = 0; i < searchText.length; i++) {
    const space = searchText.charCodeAt(i) === 32;
    if (!space && !inWord) count++;
    inWord = !space;
  }
  return count;
}
