// The honest no-model mode: with no language model connected, an answer is the most relevant passages
// quoted verbatim (markdown blockquotes, each followed by its [n], document title and page) under a
// one-line notice that says so, in the user's language. Nothing here is generated text: the only words
// that are not the documents' own are the fixed notice and the page label.
import { type PromptPassage } from './prompt-builder.js';
import { detectQuestionLanguage } from './question-language.js';
import { stripUnsafeCharacters } from './sanitize.js';
import { cutToChars } from './sentences.js';

export const extractiveLanguages = ['en', 'he', 'fa', 'ar', 'ru', 'pt'] as const;
export type ExtractiveLanguage = (typeof extractiveLanguages)[number];

interface ExtractiveStrings {
  readonly notice: string;
  readonly nothingFound: string;
  readonly page: (page: number) => string;
}

const STRINGS: Readonly<Record<ExtractiveLanguage, ExtractiveStrings>> = {
  en: {
    notice: 'No language model is connected, so here are the most relevant passages from the documents:',
    nothingFound: 'I found nothing about this in the documents.',
    page: (page) => `p. ${page}`,
  },
  he: {
    notice: 'לא מחובר מודל שפה, ולכן אלה הקטעים הרלוונטיים ביותר מתוך המסמכים:',
    nothingFound: 'לא מצאתי במסמכים דבר בנושא הזה.',
    page: (page) => `עמ' ${page}`,
  },
  fa: {
    notice: 'هیچ مدل زبانی متصل نیست؛ به همین دلیل مرتبط‌ترین بخش‌های اسناد را در ادامه می‌بینید:',
    nothingFound: 'در اسناد چیزی درباره این موضوع پیدا نکردم.',
    page: (page) => `صفحه ${page}`,
  },
  ar: {
    notice: 'لا يوجد نموذج لغوي متصل، لذا إليك أكثر المقاطع صلة من المستندات:',
    nothingFound: 'لم أجد شيئًا عن هذا في المستندات.',
    page: (page) => `صفحة ${page}`,
  },
  ru: {
    notice: 'Языковая модель не подключена, поэтому вот самые подходящие фрагменты из документов:',
    nothingFound: 'В документах ничего об этом не найдено.',
    page: (page) => `с. ${page}`,
  },
  pt: {
    notice: 'Nenhum modelo de linguagem está conectado; por isso, estes são os trechos mais relevantes dos documentos:',
    nothingFound: 'Não encontrei nada sobre isso nos documentos.',
    page: (page) => `p. ${page}`,
  },
};

export const EXTRACTIVE_MAX_PASSAGES = 3;
/** A passage longer than this is quoted up to a sentence boundary, with "…". */
export const EXTRACTIVE_PASSAGE_CHARS = 1_200;

function isExtractiveLanguage(value: string | undefined): value is ExtractiveLanguage {
  return value !== undefined && (extractiveLanguages as readonly string[]).includes(value);
}

/** The notice language: the question's, else the assistant's, else English. */
export function extractiveLanguage(question: string, assistantLanguage: string): ExtractiveLanguage {
  const detected = detectQuestionLanguage(question);
  if (isExtractiveLanguage(detected)) return detected;
  if (isExtractiveLanguage(assistantLanguage)) return assistantLanguage;
  return 'en';
}

export interface ExtractiveInput {
  readonly question: string;
  /** Retrieved passages, best first. */
  readonly passages: readonly PromptPassage[];
  /** The assistant's language (the fallback when the question's cannot be told). */
  readonly language: string;
  readonly maxPassages?: number;
}

export interface ExtractiveAnswer {
  /** Markdown. */
  readonly text: string;
  /** The `n` of each quoted passage, in order. */
  readonly cited: number[];
}

function blockquote(text: string): string {
  return text
    .split('\n')
    .map((line) => (line.trim() ? `> ${line.trimEnd()}` : '>'))
    .join('\n');
}

export function extractiveAnswer(input: ExtractiveInput): ExtractiveAnswer {
  const strings = STRINGS[extractiveLanguage(input.question, input.language)];
  const parts: string[] = [];
  const cited: number[] = [];
  for (const passage of input.passages) {
    if (cited.length >= (input.maxPassages ?? EXTRACTIVE_MAX_PASSAGES)) break;
    const text = stripUnsafeCharacters(passage.text)
      .replace(/\n{3,}/g, '\n\n')
      .trim();
    if (!text) continue;
    const quote = cutToChars(text, EXTRACTIVE_PASSAGE_CHARS);
    const title = stripUnsafeCharacters(passage.documentTitle).replace(/\s+/g, ' ').trim();
    const source = [title, passage.page === null ? '' : strings.page(passage.page)].filter(Boolean).join(', ');
    // The blank line keeps the attribution out of the quote (markdown would continue the blockquote).
    parts.push(`${blockquote(quote)}\n\n— [${passage.n}]${source ? ` ${source}` : ''}`);
    cited.push(passage.n);
  }
  if (cited.length === 0) return { text: strings.nothingFound, cited: [] };
  return { text: [strings.notice, ...parts].join('\n\n'), cited };
}

/** Pieces longer than this (a CJK run, a URL) are split further, between graphemes. */
const MAX_PIECE_CHARS = 24;
const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });

/**
 * `text` in small pieces to stream like model tokens: each word with the whitespace after it (leading
 * whitespace is a piece of its own). Joined, the pieces are exactly `text`.
 */
export function chunkForStreaming(text: string): string[] {
  const pieces: string[] = [];
  for (const match of text.matchAll(/\s+|\S+\s*/g)) {
    const piece = match[0];
    if (piece.length <= MAX_PIECE_CHARS) {
      pieces.push(piece);
      continue;
    }
    let current = '';
    for (const { segment } of graphemes.segment(piece)) {
      if (current.length + segment.length > MAX_PIECE_CHARS && current) {
        pieces.push(current);
        current = '';
      }
      current += segment;
    }
    if (current) pieces.push(current);
  }
  return pieces;
}
