// Why a document failed, in the reader's language: the server's stable `errorCode` picks the
// translation; numbers and addresses in the reason are taken from the server's sentence. A code this
// version does not know is shown as the server wrote it.
import { useTranslation } from 'react-i18next';

interface KnownReason {
  key: string;
  /** Pulls the translation's parameters out of the server's sentence. */
  params?: { pattern: RegExp; names: string[] };
  /** The reason has a variable tail worth showing under the translation. */
  keepDetail?: boolean;
}

const KNOWN_REASONS: Record<string, KnownReason> = {
  pdf_password: { key: 'pdfPassword' },
  pdf_damaged: { key: 'pdfDamaged' },
  pdf_no_text: { key: 'pdfNoText' },
  docx_damaged: { key: 'docxDamaged' },
  zip_not_docx: { key: 'zipNotDocx' },
  old_office_format: { key: 'oldOffice' },
  image_file: { key: 'image' },
  rtf_unsupported: { key: 'rtf' },
  unsupported_type: { key: 'binary' },
  empty_file: { key: 'empty' },
  no_text: { key: 'noText' },
  csv_empty: { key: 'csvEmpty' },
  csv_malformed: { key: 'csvMalformed', keepDetail: true },
  zip_bomb: { key: 'zipBomb' },
  too_large: { key: 'tooLarge', params: { pattern: /([\d.,]+) MB/, names: ['limit'] } },
  content_missing: { key: 'missing' },
  retries_exhausted: { key: 'retries', params: { pattern: /after (\d+) attempts/, names: ['attempts'] }, keepDetail: true },
  crawl_nothing_read: { key: 'crawlNothing', params: { pattern: /from (\S+)/, names: ['url'] }, keepDetail: true },
};

export interface ReasonText {
  /** The reason in the UI language. */
  text: string;
  /** The server's own sentence when it carries more detail than the translation. */
  detail: string | null;
}

export function describeFailure(
  reason: string,
  code: string | null,
  t: (key: string, params?: Record<string, string>) => string,
): ReasonText {
  const known = code ? KNOWN_REASONS[code] : undefined;
  if (!known) return { text: reason, detail: null };
  const match = known.params?.pattern.exec(reason);
  const params = Object.fromEntries((known.params?.names ?? []).map((name, i) => [name, match?.[i + 1] ?? '']));
  return { text: t(`failure.${known.key}`, params), detail: known.keepDetail ? reason : null };
}

export function useFailureReason(): (reason: string | null, code: string | null) => ReasonText {
  const { t } = useTranslation('knowledge');
  return (reason, code) =>
    reason ? describeFailure(reason, code, (key, params) => t(key, params)) : { text: t('failure.unknown'), detail: null };
}
