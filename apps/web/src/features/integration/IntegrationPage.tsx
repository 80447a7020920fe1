// /assistants/:assistantId/integration: the assistant's API keys (owners and admins) and ready code to
// call it. A key created here fills the snippets for as long as the page is open.
import { Alert, Stack, Text } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../components/PageHeader';
import { useCurrentAssistant } from '../assistants/AssistantLayout';
import { useActiveOrganization } from '../auth/session';
import type { CreatedApiKey } from './api';
import { ApiKeysCard } from './ApiKeysCard';
import { Snippets } from './Snippets';

export function IntegrationPage() {
  const { t } = useTranslation('integration');
  const assistant = useCurrentAssistant();
  const { canManage } = useActiveOrganization();
  // Fresh keys belong to the assistant they were made for; moving to another assistant drops them.
  const [fresh, setFresh] = useState<{ assistantId: string; secret: string | null; publishable: string | null } | null>(null);
  const own = fresh?.assistantId === assistant.id ? fresh : null;
  useDocumentTitle(`${t('title')} · ${assistant.name}`);

  const remember = (key: CreatedApiKey) =>
    setFresh({
      assistantId: assistant.id,
      secret: key.kind === 'secret' ? key.key : (own?.secret ?? null),
      publishable: key.kind === 'publishable' ? key.key : (own?.publishable ?? null),
    });

  return (
    <Stack gap="lg">
      {canManage ? (
        <ApiKeysCard assistantId={assistant.id} onCreated={remember} />
      ) : (
        <Alert color="gray" variant="light" icon={<IconLock aria-hidden />} data-testid="keys-read-only">
          <Text size="sm" fw={700}>
            {t('keys.title')}
          </Text>
          <Text size="sm">{t('keys.membersNote')}</Text>
        </Alert>
      )}
      <Snippets
        assistantId={assistant.id}
        slug={assistant.slug}
        secretKey={own?.secret ?? null}
        publishableKey={own?.publishable ?? null}
      />
    </Stack>
  );
}
