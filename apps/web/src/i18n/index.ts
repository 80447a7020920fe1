// i18next for the web app: six languages, one translation file per feature loaded when first used,
// the language taken from ?lang=, the saved choice or the browser, and <html lang dir> kept in step.
import i18n, { type BackendModule } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { directionOf, LANGUAGE_CODES, matchLanguage, type LanguageCode } from './languages';

const STORAGE_KEY = 'parley.language';

// The common namespace (a few kB per language) is in the main bundle, so the first paint waits for no
// extra request; the features' namespaces load with their pages.
const bundled = import.meta.glob<{ default: Record<string, unknown> }>('./locales/*/common.json', { eager: true });
const loaders = import.meta.glob<{ default: Record<string, unknown> }>(['./locales/*/*.json', '!./locales/*/common.json']);

const lazyBackend: BackendModule = {
  type: 'backend',
  init() {},
  read(language, namespace, callback) {
    const path = `./locales/${language}/${namespace}.json`;
    const inBundle = bundled[path];
    if (inBundle) return callback(null, inBundle.default);
    const load = loaders[path];
    if (!load) return callback(null, {});
    load().then(
      (module) => callback(null, module.default),
      (err: unknown) => callback(err as Error, null),
    );
  },
};

export function detectLanguage(): LanguageCode {
  const fromQuery = matchLanguage(new URLSearchParams(window.location.search).get('lang'));
  if (fromQuery) return fromQuery;
  try {
    const saved = matchLanguage(localStorage.getItem(STORAGE_KEY));
    if (saved) return saved;
  } catch {
    // storage blocked: fall through to the browser's languages
  }
  for (const tag of navigator.languages ?? [navigator.language]) {
    const match = matchLanguage(tag);
    if (match) return match;
  }
  return 'en';
}

function applyToDocument(language: string): void {
  document.documentElement.lang = language;
  document.documentElement.dir = directionOf(language);
}

export async function setLanguage(language: LanguageCode): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // the choice lasts for this tab only
  }
  await i18n.changeLanguage(language);
}

export async function initI18n(): Promise<typeof i18n> {
  const language = detectLanguage();
  applyToDocument(language);
  i18n.on('languageChanged', applyToDocument);
  await i18n
    .use(lazyBackend)
    .use(initReactI18next)
    .init({
      lng: language,
      supportedLngs: LANGUAGE_CODES,
      fallbackLng: 'en',
      ns: ['common'],
      defaultNS: 'common',
      interpolation: { escapeValue: false },
      returnNull: false,
      react: { useSuspense: true },
    });
  return i18n;
}

export { i18n };
