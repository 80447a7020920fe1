// Guesses a document's language from its text, cheaply and without models: which script its letters
// are written in, then, inside a script, the letters or short words that tell its languages apart.
// Used to pick sentence/word segmentation, full-text stemming and the answer language when the owner
// did not say; a wrong guess there degrades gracefully, so this favours speed and predictability.
//   - Hebrew letters → he.
//   - Arabic script → fa when the Persian letters (پ چ ژ گ ک ی) outweigh the Arabic ones (ة ي ك ى),
//     or when پ چ ژ گ (which Arabic does not use) are frequent; ur for Urdu's ٹ ڈ ڑ ں ے; else ar.
//   - Cyrillic → uk when і ї є ґ outweigh ы э ъ ё, else ru.
//   - Latin → the language whose commonest short words (and telling letters such as ã, ñ, ß) score best.
//   - Han, kana, Hangul, Devanagari → zh, ja, ko, hi.
// Only the first SAMPLE_CHARS characters are read; too few letters give undefined.
import type { AssistantLanguage } from '@parley/contracts';

export type DetectedLanguage = Extract<
  AssistantLanguage,
  'he' | 'fa' | 'ar' | 'ur' | 'ru' | 'uk' | 'en' | 'pt' | 'es' | 'fr' | 'de' | 'it' | 'nl' | 'pl' | 'tr' | 'zh' | 'ja' | 'ko' | 'hi'
>;

const SAMPLE_CHARS = 20_000;
/** Fewer letters than this and the text says too little to tell. */
const MIN_LETTERS = 12;

type Script = 'latin' | 'hebrew' | 'arabic' | 'cyrillic' | 'han' | 'kana' | 'hangul' | 'devanagari';

const LATIN_STOPWORDS: Record<'en' | 'pt' | 'es' | 'fr' | 'de' | 'it' | 'nl' | 'pl' | 'tr', string> = {
  en: 'the of and to in is that for it with as was on be by this are from at or an which have has not but they were his her their been would will can there we you he she its what when who',
  pt: 'de que o e do da em um para é com não uma os no se na por mais as dos como mas foi ao ele das tem à seu sua ou ser quando muito há nos já está também só pelo pela até isso ela entre era depois sem mesmo aos ter seus quem nas esse eles você essa num nem suas meu às minha são então este',
  es: 'de la que el en y los del se las por un para con no una su al lo como más pero sus le ya o este sí porque esta entre cuando muy sin sobre también me hasta hay donde quien desde todo nos durante todos uno les ni contra otros ese eso ante ellos esto antes algunos qué unos yo otro otras otra él tanto esa estos mucho nada muchos cual es fue son era está ha',
  fr: 'de la le et les des en un du une que est pour qui dans par plus pas au sur ne se ce il sont avec ou mais nous vous elle ils été aux cette son sa ses leur était être à où comme tout très aussi fait peut je',
  de: 'der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch es an werden aus er hat dass sie nach wird bei einer um am sind noch wie einem über einen so zum war haben nur oder aber vor zur bis mehr durch man sein wurde ich wir',
  it: 'di che il la e in un per non una del della sono le si con da al lo gli ha dei nel alla anche come più ma delle questo se ci io era essere loro degli tra quando molto',
  nl: 'de het een van en in is dat op te zijn voor met die niet aan er ook als bij maar om dan door naar heeft nog wordt uit was worden dit deze kan over wel hij zij ze geen werd',
  pl: 'i w nie na się z do to że jest jak o co ale po tak od jego za przez dla są go czy już może być tylko był jej ich które który także oraz tym przy będzie',
  tr: 've bir bu da de için ile çok daha olarak gibi en ne değil kadar sonra ama olan ya her şey mi ben sen o biz onlar ise veya ancak',
};

const STOPWORD_LANGUAGES = new Map<string, readonly DetectedLanguage[]>();
for (const [language, words] of Object.entries(LATIN_STOPWORDS) as [DetectedLanguage, string][]) {
  for (const word of words.split(' ')) STOPWORD_LANGUAGES.set(word, [...(STOPWORD_LANGUAGES.get(word) ?? []), language]);
}

/** Letters that one Latin-script language uses and the others here do not, worth a few stopwords each. */
const TELLING_LETTERS: readonly [RegExp, DetectedLanguage][] = [
  [/[ãõ]/g, 'pt'],
  [/[ñ¿¡]/g, 'es'],
  [/[ß]/g, 'de'],
  [/[ąęłńśźż]/g, 'pl'],
  [/[ğış]/g, 'tr'],
  [/[œ]/g, 'fr'],
];
const TELLING_LETTER_WEIGHT = 2;

const WORD = /\p{L}+/gu;

export function detectLanguage(text: string): DetectedLanguage | undefined {
  const sample = text.length > SAMPLE_CHARS ? text.slice(0, SAMPLE_CHARS) : text;
  const scripts = countScripts(sample);
  let script: Script | undefined;
  let letters = 0;
  let total = 0;
  for (const [name, count] of scripts.counts) {
    total += count;
    if (count > letters) {
      letters = count;
      script = name;
    }
  }
  if (!script || total < MIN_LETTERS) return undefined;
  switch (script) {
    case 'hebrew':
      return 'he';
    case 'arabic':
      return arabicScriptLanguage(scripts);
    case 'cyrillic':
      return scripts.ukrainian > scripts.russian && scripts.ukrainian * 200 >= letters ? 'uk' : 'ru';
    case 'han':
      // Japanese mixes kanji with kana; any real share of kana means Japanese.
      return (scripts.counts.get('kana') ?? 0) * 10 >= letters ? 'ja' : 'zh';
    case 'kana':
      return 'ja';
    case 'hangul':
      return 'ko';
    case 'devanagari':
      return 'hi';
    case 'latin':
      return latinLanguage(sample);
  }
}

interface ScriptCounts {
  counts: Map<Script, number>;
  persian: number;
  persianOnly: number;
  arabic: number;
  urdu: number;
  ukrainian: number;
  russian: number;
}

function countScripts(sample: string): ScriptCounts {
  const result: ScriptCounts = { counts: new Map(), persian: 0, persianOnly: 0, arabic: 0, urdu: 0, ukrainian: 0, russian: 0 };
  let latin = 0;
  let hebrew = 0;
  let arabic = 0;
  let cyrillic = 0;
  let han = 0;
  let kana = 0;
  let hangul = 0;
  let devanagari = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c < 0x80) {
      if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) latin++;
    } else if ((c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7) || (c >= 0x1e00 && c <= 0x1eff)) latin++;
    else if ((c >= 0x5d0 && c <= 0x5ea) || (c >= 0xfb1d && c <= 0xfb4f)) hebrew++;
    else if ((c >= 0x620 && c <= 0x64a) || (c >= 0x66e && c <= 0x6d3) || (c >= 0xfb50 && c <= 0xfeff)) {
      arabic++;
      switch (c) {
        case 0x67e: // پ
        case 0x686: // چ
        case 0x698: // ژ
        case 0x6af: // گ
          result.persianOnly++;
          result.persian++;
          break;
        case 0x6a9: // ک
        case 0x6cc: // ی
          result.persian++;
          break;
        case 0x629: // ة
        case 0x64a: // ي
        case 0x643: // ك
        case 0x649: // ى
          result.arabic++;
          break;
        case 0x679: // ٹ
        case 0x688: // ڈ
        case 0x691: // ڑ
        case 0x6ba: // ں
        case 0x6d2: // ے
          result.urdu++;
          break;
      }
    } else if (c >= 0x400 && c <= 0x4ff) {
      cyrillic++;
      if (c === 0x456 || c === 0x457 || c === 0x454 || c === 0x491 || c === 0x406 || c === 0x407 || c === 0x404 || c === 0x490) {
        result.ukrainian++;
      } else if (c === 0x44b || c === 0x44d || c === 0x44a || c === 0x451 || c === 0x42b || c === 0x42d || c === 0x42a || c === 0x401) {
        result.russian++;
      }
    } else if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf)) han++;
    else if (c >= 0x3040 && c <= 0x30ff) kana++;
    else if ((c >= 0xac00 && c <= 0xd7af) || (c >= 0x1100 && c <= 0x11ff)) hangul++;
    else if (c >= 0x900 && c <= 0x97f) devanagari++;
  }
  const counts: [Script, number][] = [
    ['latin', latin],
    ['hebrew', hebrew],
    ['arabic', arabic],
    ['cyrillic', cyrillic],
    ['han', han],
    ['kana', kana],
    ['hangul', hangul],
    ['devanagari', devanagari],
  ];
  for (const [name, count] of counts) if (count > 0) result.counts.set(name, count);
  return result;
}

function arabicScriptLanguage(scripts: ScriptCounts): DetectedLanguage {
  const letters = scripts.counts.get('arabic') ?? 0;
  // Urdu's retroflex letters and bari yeh do not occur in Persian or Arabic prose.
  if (scripts.urdu * 100 >= letters && scripts.urdu >= 3) return 'ur';
  if (scripts.persian > scripts.arabic) return 'fa';
  // Persian typed on an Arabic keyboard has ي and ك, but still پ چ ژ گ, which Arabic lacks (~2% of Persian letters).
  if (scripts.persianOnly * 200 >= letters && scripts.persianOnly >= 2) return 'fa';
  return 'ar';
}

function latinLanguage(sample: string): DetectedLanguage | undefined {
  const scores = new Map<DetectedLanguage, number>();
  const lower = sample.toLowerCase();
  for (const match of lower.matchAll(WORD)) {
    const languages = STOPWORD_LANGUAGES.get(match[0]);
    if (!languages) continue;
    // A word shared by several languages says less about each of them.
    const weight = 1 / languages.length;
    for (const language of languages) scores.set(language, (scores.get(language) ?? 0) + weight);
  }
  for (const [letters, language] of TELLING_LETTERS) {
    const found = lower.match(letters)?.length ?? 0;
    if (found > 0) scores.set(language, (scores.get(language) ?? 0) + found * TELLING_LETTER_WEIGHT);
  }
  let best: DetectedLanguage | undefined;
  let bestScore = 0;
  for (const [language, score] of scores) {
    if (score > bestScore) {
      best = language;
      bestScore = score;
    }
  }
  // One stray "de" or "a" is not evidence: ask for at least two stopwords' worth.
  return bestScore >= 2 ? best : undefined;
}
