// Which language a user wrote in, for "answer in the user's language" and for localized fixed text.
// The ingestion detector needs a dozen letters, and questions are often shorter ("מה המחיר?"), so a
// short text falls back to its script when the script settles it (Hebrew, Cyrillic, CJK, and Arabic
// script with letters that only Persian, Arabic or Urdu use), and short Latin text to the question words
// and telling letters of the Latin-script languages ("Quanto custa?", "How much is it?"). What is still
// undecided stays undefined: the caller falls back to the assistant's language.
import { assistantLanguages, type AssistantLanguage } from '@parley/contracts';
import { detectLanguage } from '../../../ingestion/language-detector.js';

const LANGUAGE_NAMES: Record<AssistantLanguage, string> = {
  en: 'English',
  he: 'Hebrew',
  fa: 'Persian',
  ar: 'Arabic',
  ru: 'Russian',
  pt: 'Portuguese',
  es: 'Spanish',
  fr: 'French',
  de: 'German',
  it: 'Italian',
  nl: 'Dutch',
  uk: 'Ukrainian',
  tr: 'Turkish',
  ur: 'Urdu',
  pl: 'Polish',
  zh: 'Chinese',
  ja: 'Japanese',
  ko: 'Korean',
  hi: 'Hindi',
};

export function isAssistantLanguage(value: string): value is AssistantLanguage {
  return (assistantLanguages as readonly string[]).includes(value);
}

/** The English name of a language code ("fa" → "Persian"); an unknown code is returned as given. */
export function languageName(code: string): string {
  return isAssistantLanguage(code) ? LANGUAGE_NAMES[code] : code;
}

/** The language `text` is written in, or undefined when it says too little to tell. */
export function detectQuestionLanguage(text: string): AssistantLanguage | undefined {
  return detectLanguage(text) ?? languageFromScript(text) ?? latinQuestionLanguage(text);
}

type LatinLanguage = 'en' | 'pt' | 'es' | 'fr' | 'de' | 'it';

/** Words that open or fill short questions; a word listed for several languages counts for each in part. */
const QUESTION_WORDS: Record<LatinLanguage, string> = {
  en: 'what how where when why who which whose is are was does do did can could should much many the a an i my you your it there price cost costs',
  pt: 'qual quais quanto quanta quantos quantas onde quando porque por que você vocês custa custam posso pode preço não é são tem há o os as a um uma meu minha está faço como para de',
  es: 'cuál cuáles cuánto cuánta cuántos cuántas dónde cuándo qué cómo por porque puedo puede precio es son hay el los las la un una mi está cuesta cuestan para de que',
  fr: 'quel quelle quels quelles combien où quand pourquoi comment est sont le la les un une je mon ma prix coûte puis peut que qui de',
  de: 'was wie wo wann warum wer welche welcher welches viel viele kostet kosten ist sind das der die ein eine ich mein kann gibt es',
  it: 'quale quali quanto quanta dove quando perché come cosa costa costano posso può prezzo è sono il lo gli la un una mio che di',
};
const QUESTION_WORD_LANGUAGES = new Map<string, LatinLanguage[]>();
for (const [language, words] of Object.entries(QUESTION_WORDS) as [LatinLanguage, string][]) {
  for (const word of words.split(' ')) QUESTION_WORD_LANGUAGES.set(word, [...(QUESTION_WORD_LANGUAGES.get(word) ?? []), language]);
}
const LATIN_TELLING_LETTERS: readonly [RegExp, LatinLanguage][] = [
  [/[ãõ]/g, 'pt'],
  [/[ñ¿¡]/g, 'es'],
  [/[äöüß]/g, 'de'],
  [/[ùûœ]/g, 'fr'],
];

function latinQuestionLanguage(text: string): AssistantLanguage | undefined {
  const lower = text.toLowerCase();
  const scores = new Map<LatinLanguage, number>();
  const add = (language: LatinLanguage, score: number) => scores.set(language, (scores.get(language) ?? 0) + score);
  for (const match of lower.matchAll(/\p{L}+/gu)) {
    const languages = QUESTION_WORD_LANGUAGES.get(match[0]);
    if (languages) for (const language of languages) add(language, 1 / languages.length);
  }
  for (const [letters, language] of LATIN_TELLING_LETTERS) add(language, (lower.match(letters)?.length ?? 0) * 2);
  const ranked = [...scores].sort((a, b) => b[1] - a[1]);
  const [best, second] = ranked;
  // A clear winner only: one shared word is not evidence.
  if (!best || best[1] < 1 || (second && best[1] - second[1] < 0.5)) return undefined;
  return best[0];
}

function languageFromScript(text: string): AssistantLanguage | undefined {
  const count = (pattern: RegExp) => text.match(pattern)?.length ?? 0;
  if (count(/[\u05D0-\u05EA]/g) >= 2) return 'he';
  const cyrillic = count(/[\u0400-\u04FF]/g);
  if (cyrillic >= 2) return count(/[іїєґІЇЄҐ]/g) > count(/[ыэъёЫЭЪЁ]/g) ? 'uk' : 'ru';
  if (count(/[\u0620-\u06FF]/g) >= 2) {
    if (count(/[ٹڈڑںے]/g) > 0) return 'ur';
    const persian = count(/[پچژگکی]/g);
    const arabic = count(/[ةيكى]/g);
    if (persian > arabic) return 'fa';
    if (arabic > persian) return 'ar';
    return undefined;
  }
  if (count(/[\u3040-\u30FF]/g) >= 1) return 'ja';
  if (count(/[\uAC00-\uD7AF]/g) >= 1) return 'ko';
  if (count(/[\u4E00-\u9FFF]/g) >= 2) return 'zh';
  return undefined;
}
