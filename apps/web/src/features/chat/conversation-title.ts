// A conversation's title as shown: the server calls every conversation "New conversation" (in English)
// until its first exchange names it, so that placeholder is shown in the UI language instead.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

const SERVER_PLACEHOLDER_TITLE = 'New conversation';

export function useTitleText(): (title: string | undefined) => string {
  const { t } = useTranslation('chat');
  return useCallback((title) => (!title || title === SERVER_PLACEHOLDER_TITLE ? t('pane.newConversation') : title), [t]);
}
