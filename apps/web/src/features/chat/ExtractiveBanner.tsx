// Shown when no language model answers for this assistant: answers are passages quoted word for word from
// the documents. Managers get the way to connect a model; others learn whom to ask. It can be put away
// for the rest of the session (each answer still says it was quoted), which matters on small screens.
import { Alert, Anchor, Group, Text } from '@mantine/core';
import type { Assistant } from '@parley/contracts';
import { IconQuote } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useActiveOrganization } from '../auth/session';

const dismissedKey = (assistantId: string) => `parley.chat.extractiveBannerDismissed.${assistantId}`;

function readDismissed(assistantId: string): boolean {
  try {
    return sessionStorage.getItem(dismissedKey(assistantId)) === '1';
  } catch {
    return false;
  }
}

export function ExtractiveBanner({ assistant }: { assistant: Assistant }) {
  const { t } = useTranslation('chat');
  const { canManage } = useActiveOrganization();
  const [dismissed, setDismissed] = useState(() => readDismissed(assistant.id));
  if (dismissed) return null;
  const dismiss = () => {
    setDismissed(true);
    try {
      sessionStorage.setItem(dismissedKey(assistant.id), '1');
    } catch {
      // Storage blocked: hidden until the page reloads.
    }
  };
  return (
    <Alert
      color="blue"
      variant="light"
      icon={<IconQuote aria-hidden />}
      title={t('extractive.title')}
      withCloseButton
      closeButtonLabel={t('extractive.dismiss')}
      onClose={dismiss}
      data-testid="extractive-banner"
    >
      <Text size="sm">{t('extractive.body')}</Text>
      {canManage ? (
        <Group gap="md" mt={6}>
          <Anchor component={Link} to="/settings/providers" size="sm" fw={600} c="indigo.9" data-testid="extractive-providers-link">
            {t('extractive.connect')}
          </Anchor>
          <Anchor
            component={Link}
            to={`/assistants/${assistant.id}/settings`}
            size="sm"
            fw={600}
            c="indigo.9"
            data-testid="extractive-settings-link"
          >
            {t('extractive.assistantSettings')}
          </Anchor>
        </Group>
      ) : (
        <Text size="sm" mt={6}>
          {t('extractive.askAdmin')}
        </Text>
      )}
    </Alert>
  );
}
