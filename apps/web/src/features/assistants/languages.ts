// Assistant languages named for the person reading: "Hebrew — עברית" in English, "עברית" in Hebrew.
import { assistantLanguages } from '@parley/contracts/limits';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';

function displayNames(locale: string): Intl.DisplayNames | null {
  try {
    return new Intl.DisplayNames([locale], { type: 'language' });
  } catch {
    return null;
  }
}

/** (code) → the language's name in the UI language. */
export function useLanguageName(): (code: string) => string {
  const { i18n } = useTranslation();
  const names = useMemo(() => displayNames(i18n.language), [i18n.language]);
  return useCallback((code: string) => names?.of(code) ?? code, [names]);
}

/** Options for a language picker, sorted by their name in the UI language, with the native name beside. */
export function useLanguageOptions(): { value: string; label: string }[] {
  const { i18n } = useTranslation();
  return useMemo(() => {
    const local = displayNames(i18n.language);
    const collator = new Intl.Collator(i18n.language);
    return assistantLanguages
      .map((code) => {
        const name = local?.of(code) ?? code;
        const native = displayNames(code)?.of(code);
        const label = native && native.toLocaleLowerCase(code) !== name.toLocaleLowerCase(i18n.language) ? `${name} — ${native}` : name;
        return { value: code, label };
      })
      .sort((a, b) => collator.compare(a.label, b.label));
  }, [i18n.language]);
}
