// The languages of the UI, each with its own name and writing direction.
export const LANGUAGES = [
  { code: 'en', name: 'English', dir: 'ltr' },
  { code: 'he', name: 'עברית', dir: 'rtl' },
  { code: 'fa', name: 'فارسی', dir: 'rtl' },
  { code: 'ar', name: 'العربية', dir: 'rtl' },
  { code: 'ru', name: 'Русский', dir: 'ltr' },
  { code: 'pt', name: 'Português', dir: 'ltr' },
] as const;

export type LanguageCode = (typeof LANGUAGES)[number]['code'];
export const LANGUAGE_CODES: readonly LanguageCode[] = LANGUAGES.map((l) => l.code);

/** Translation files, one per feature: `src/i18n/locales/<language>/<namespace>.json`. */
export const NAMESPACES = [
  'common',
  'auth',
  'dashboard',
  'assistant',
  'knowledge',
  'chat',
  'integration',
  'inbox',
  'usage',
  'settings',
] as const;
export type Namespace = (typeof NAMESPACES)[number];

export function directionOf(code: string): 'ltr' | 'rtl' {
  return LANGUAGES.find((l) => l.code === code)?.dir ?? 'ltr';
}

/** The closest UI language for a BCP 47 tag ("pt-BR" → "pt", "iw" → "he"), or null. */
export function matchLanguage(tag: string | null | undefined): LanguageCode | null {
  if (!tag) return null;
  const base = tag.toLowerCase().split(/[-_]/)[0] ?? '';
  const aliased = base === 'iw' ? 'he' : base;
  return (LANGUAGE_CODES as readonly string[]).includes(aliased) ? (aliased as LanguageCode) : null;
}
