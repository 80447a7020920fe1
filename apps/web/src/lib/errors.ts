// Errors in plain words: the server's code translated when we know it, otherwise its own message.
import { useTranslation } from 'react-i18next';
import { ApiError, NetworkError } from '../api/client';

export function useErrorMessage(): (error: unknown) => string {
  const { t, i18n } = useTranslation();
  return (error: unknown) => {
    if (error instanceof NetworkError) return t('errors.network');
    if (error instanceof ApiError) {
      const key = `errors.codes.${error.code}`;
      if (i18n.exists(key, { ns: 'common' })) return t(key);
      if (error.status >= 500) return t('errors.server', { requestId: error.requestId ?? '—' });
      return error.message;
    }
    return t('errors.unknown');
  };
}

/** Field errors of a failed form submission, keyed by field path (e.g. `generation.temperature`). */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  return error instanceof ApiError ? error.fieldErrors() : {};
}
