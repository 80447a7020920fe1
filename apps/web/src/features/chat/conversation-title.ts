// A conversation's title as shown: until one is given or generated from the first exchange, the server
// keeps a placeholder ("New conversation", `titled: false`), which is shown in the UI language instead.
import type { Conversation } from '@parley/contracts';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

export function useTitleText(): (conversation: Pick<Conversation, 'title' | 'titled'> | undefined) => string {
  const { t } = useTranslation('chat');
  return useCallback((conversation) => (conversation?.titled ? conversation.title : t('pane.newConversation')), [t]);
}
