// What the full journey does differently per UI language: how the language is chosen, the documents,
// the question and the scripted answer (with its [1] citation marker), where the citation must point,
// and for right-to-left languages the mixed-direction message whose visual order is checked.
import type { TextBox } from '../harness/in-page.js';
import { expectHebrewOrder, expectPersianOrder } from './bidi-order.js';

export interface MixedDirectionMessage {
  readonly text: string;
  /** Parts of `text`, in logical order, whose boxes `check` compares. */
  readonly parts: readonly string[];
  /** Visual-order assertions on the parts' boxes; throws (vitest expect) when the order is wrong. */
  readonly check: (boxes: Record<string, TextBox>) => void;
}

export interface LanguageJourney {
  readonly lang: 'en' | 'he' | 'fa';
  readonly dir: 'ltr' | 'rtl';
  /** The browser's language (navigator.language, Accept-Language). */
  readonly locale: string;
  /**
   * How the UI gets its language: `query` opens /sign-in?lang=…, `browser` relies on the browser's
   * language, and `picker` also switches to English and back with the language picker on the dashboard.
   */
  readonly choose: 'query' | 'browser' | 'picker';
  readonly userName: string;
  readonly assistantName: string;
  /** A PDF and a DOCX from apps/server/test/fixtures/documents, uploaded together. */
  readonly files: readonly [string, string];
  readonly question: string;
  /** The fake model's answer, one token per element. */
  readonly answer: readonly string[];
  /** The title the fake model gives the conversation. */
  readonly generatedTitle: string;
  /** Documents the answer's [1] may cite (the Hebrew and Persian PDF and DOCX hold the same text). */
  readonly citedFiles: readonly string[];
  /** Text of the passage the question is about: the citation's quote must contain it. */
  readonly quoteIncludes: string;
  readonly renamedTitle: string;
  readonly keyName: string;
  readonly mixed?: MixedDirectionMessage;
}

/** Word tokens with their following space, as a model streams them. */
function tokens(sentence: string): string[] {
  return sentence.match(/\S+\s*/g) ?? [];
}

export function englishJourney(): LanguageJourney {
  return {
    lang: 'en',
    dir: 'ltr',
    locale: 'en-US',
    choose: 'browser',
    userName: 'Ada Lovelace',
    assistantName: 'Sample desk',
    files: ['pages.pdf', 'rtl.docx'],
    question: 'What is on page 2 of the multi-page sample?',
    answer: tokens(
      'Page 2 of the multi-page sample is its second chapter: every sentence on it says "This is page 2 of the multi-page sample" [1].',
    ),
    generatedTitle: 'Page two of the sample',
    citedFiles: ['pages.pdf'],
    quoteIncludes: 'This is page 2 of the multi-page sample',
    renamedTitle: 'Sample pages, renamed',
    keyName: 'Backend',
  };
}

export function hebrewJourney(): LanguageJourney {
  return {
    lang: 'he',
    dir: 'rtl',
    locale: 'he-IL',
    choose: 'query',
    userName: 'נועה כהן',
    assistantName: 'עוזר הדוח השנתי',
    files: ['rtl-hebrew.pdf', 'rtl-hebrew.docx'],
    question: 'כמה עובדים העסיקה החברה בתל אביב?',
    answer: tokens('החברה העסיקה 320 עובדים בתל אביב ובירושלים, לפי הדוח השנתי [1].'),
    generatedTitle: 'עובדי החברה בתל אביב',
    citedFiles: ['rtl-hebrew.pdf', 'rtl-hebrew.docx'],
    quoteIncludes: 'החברה העסיקה 320 עובדים בתל אביב',
    renamedTitle: 'דוח שנתי – עובדים',
    keyName: 'שרת הזמנות',
    mixed: {
      text: 'מחיר iPhone 15 הוא 3,999 ₪ לפי sales@acme.com',
      parts: ['מחיר', 'iPhone', '15', 'הוא', '3,999', '3', '999', 'לפי', 'sales@acme.com'],
      check: expectHebrewOrder,
    },
  };
}

export function persianJourney(): LanguageJourney {
  return {
    lang: 'fa',
    dir: 'rtl',
    locale: 'fa-IR',
    choose: 'picker',
    userName: 'سارا احمدی',
    assistantName: 'دستیار گزارش سالانه',
    files: ['rtl-persian.pdf', 'rtl-persian.docx'],
    question: 'این شرکت چند کارمند در تهران دارد؟',
    answer: tokens('این شرکت با ۳۵ کارمند در تهران فعال است [1].'),
    generatedTitle: 'کارمندان شرکت در تهران',
    citedFiles: ['rtl-persian.pdf', 'rtl-persian.docx'],
    quoteIncludes: 'این شرکت (با ۳۵ کارمند) در تهران فعال است',
    renamedTitle: 'گزارش سالانه – کارمندان',
    keyName: 'سرور فروشگاه',
    mixed: {
      text: 'قیمت iPhone 15 برابر ۳٬۹۹۹ تومان است',
      parts: ['قیمت', 'iPhone', '15', 'برابر', '۳٬۹۹۹', '۳', '۹۹۹', 'تومان'],
      check: expectPersianOrder,
    },
  };
}
