// /assistants/:assistantId/integration: the assistant's API keys (owners and admins), ready code to call
// it, and the website widget: its settings and the script tag to paste into a site. A key created here
// fills the code and the tag for as long as the page is open.
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
import { WidgetSettingsCard } from './WidgetSettingsCard';
import { type FreshKey, WidgetSnippetCard } from './WidgetSnippetCard';

export function IntegrationPage() {
  const { t } = useTranslation('integration');
  const assistant = useCurrentAssistant();
  const { canManage } = useActiveOrganization();
  // Fresh keys belong to the assistant they were made for; moving to another assistant drops them.
  const [fresh, setFresh] = useState<{ assistantId: string; secret: string | null; publishable: FreshKey | null } | null>(null);
  const own = fresh?.assistantId === assistant.id ? fresh : null;
  useDocumentTitle(`${t('title')} · ${assistant.name}`);

  const remember = (key: CreatedApiKey) =>
    setFresh({
      assistantId: assistant.id,
      secret: key.kind === 'secret' ? key.key : (own?.secret ?? null),
      publishable: key.kind === 'publishable' ? { id: key.id, key: key.key } : (own?.publishable ?? null),
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
      <Snippets assistantId={assistant.id} slug={assistant.slug} secretKey={own?.secret ?? null} />
      {/* A fresh form per assistant: the draft starts from that assistant's saved settings. */}
      <WidgetSettingsCard key={assistant.id} assistant={assistant} canManage={canManage} />
      <WidgetSnippetCard assistantId={assistant.id} slug={assistant.slug} canManage={canManage} freshKey={own?.publishable ?? null} />
    </Stack>
  );
}
