// Ready code to call the assistant, in tabs: curl, fetch, Python and JavaScript with the OpenAI clients,
// and the website widget tag; filled with this instance's address, the assistant and a fresh key.
import { Alert, Card, Stack, Tabs, Text, Title } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useWidgetAvailable } from './api';
import { CodeBlock } from './CodeBlock';
import { buildSnippets, SNIPPET_IDS, type SnippetId } from './snippets';

const LANGUAGE_OF: Record<SnippetId, string> = {
  curl: 'shell',
  fetch: 'JavaScript',
  python: 'Python',
  node: 'JavaScript (Node.js)',
  widget: 'HTML',
};

export function Snippets({
  assistantId,
  slug,
  secretKey,
  publishableKey,
}: {
  assistantId: string;
  slug: string;
  secretKey: string | null;
  publishableKey: string | null;
}) {
  const { t } = useTranslation('integration');
  const [tab, setTab] = useState<SnippetId>('curl');
  const widget = useWidgetAvailable();
  const question = t('snippets.sampleQuestion');
  const snippets = useMemo(
    () => buildSnippets({ origin: window.location.origin, assistantId, slug, secretKey, publishableKey, question }),
    [assistantId, slug, secretKey, publishableKey, question],
  );
  const usesFreshKey = tab === 'widget' ? Boolean(publishableKey) : Boolean(secretKey);

  return (
    <Card withBorder padding="lg">
      <Stack gap="sm">
        <Stack gap={2}>
          <Title order={2} size="h4">
            {t('snippets.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('snippets.description')}
          </Text>
        </Stack>
        <Tabs value={tab} onChange={(v) => v && setTab(v as SnippetId)} keepMounted={false}>
          <Tabs.List>
            {SNIPPET_IDS.map((id) => (
              <Tabs.Tab key={id} value={id} data-testid={`snippet-tab-${id}`}>
                {t(`snippets.tabs.${id}`)}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          {SNIPPET_IDS.map((id) => (
            <Tabs.Panel key={id} value={id} pt="md">
              <Stack gap="sm">
                <Text size="sm">{t(`snippets.about.${id}`)}</Text>
                <CodeBlock
                  code={snippets[id]}
                  label={LANGUAGE_OF[id]}
                  copyLabel={t('snippets.copy', { name: t(`snippets.tabs.${id}`) })}
                  testId={`snippet-${id}`}
                  copyTestId={`copy-snippet-${id}`}
                />
                {id === 'widget' && widget.data === false && (
                  <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden />}>
                    {t('snippets.widgetLater')}
                  </Alert>
                )}
              </Stack>
            </Tabs.Panel>
          ))}
        </Tabs>
        <Text size="sm" c="dimmed" aria-live="polite">
          {usesFreshKey ? t('snippets.withKey') : tab === 'widget' ? t('snippets.placeholderPublishable') : t('snippets.placeholderSecret')}
        </Text>
      </Stack>
    </Card>
  );
}
