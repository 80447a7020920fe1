// Why a document failed, in the reader's language. The server sends an English sentence for its owner
// (no code), so the sentences the ingestion pipeline is known to write are matched here and
// translated; anything else is shown as the server wrote it.
import { useTranslation } from 'react-i18next';

interface KnownReason {
  pattern: RegExp;
  key: string;
  /** Names for the pattern's capture groups, passed to the translation. */
  params?: string[];
}

const KNOWN_REASONS: KnownReason[] = [
  { pattern: /^The PDF is password-protected$/, key: 'pdfPassword' },
  { pattern: /^The PDF is damaged or incomplete$/, key: 'pdfDamaged' },
  { pattern: /^The PDF has no text layer/, key: 'pdfNoText' },
  { pattern: /^The Word document is damaged or is not a \.docx file$/, key: 'docxDamaged' },
  { pattern: /^This ZIP file is not a Word document$/, key: 'zipNotDocx' },
  { pattern: /^This is an old-format Office file/, key: 'oldOffice' },
  { pattern: /^The file is an image/, key: 'image' },
  { pattern: /^RTF files are not supported/, key: 'rtf' },
  { pattern: /^The file is not a supported document type/, key: 'binary' },
  { pattern: /^The file is empty$/, key: 'empty' },
  { pattern: /^No text could be extracted from the file$/, key: 'noText' },
  { pattern: /^The CSV file has no rows$/, key: 'csvEmpty' },
  { pattern: /^The CSV file is malformed/, key: 'csvMalformed' },
  { pattern: /it looks like a zip bomb$/, key: 'zipBomb' },
  { pattern: /^The file is larger than the ([\d.,]+) MB upload limit$/, key: 'tooLarge', params: ['limit'] },
  { pattern: /^(The uploaded file is missing from storage|The document has no stored content)/, key: 'missing' },
  { pattern: /^Indexing failed after (\d+) attempts/, key: 'retries', params: ['attempts'] },
  { pattern: /^Nothing could be read from (\S+) /, key: 'crawlNothing', params: ['url'] },
];

export interface ReasonText {
  /** The reason in the UI language. */
  text: string;
  /** The server's own sentence when it carries more detail than the translation. */
  detail: string | null;
}

export function describeFailure(reason: string, t: (key: string, params?: Record<string, string>) => string): ReasonText {
  for (const known of KNOWN_REASONS) {
    const match = known.pattern.exec(reason);
    if (!match) continue;
    const params = Object.fromEntries((known.params ?? []).map((name, i) => [name, match[i + 1] ?? '']));
    const text = t(`failure.${known.key}`, params);
    // Reasons with a variable tail (the crawl's, the retries') keep the server's sentence as a detail.
    return { text, detail: ['crawlNothing', 'retries', 'csvMalformed'].includes(known.key) ? reason : null };
  }
  return { text: reason, detail: null };
}

export function useFailureReason(): (reason: string | null) => ReasonText {
  const { t } = useTranslation('knowledge');
  return (reason) => (reason ? describeFailure(reason, (key, params) => t(key, params)) : { text: t('failure.unknown'), detail: null });
}
