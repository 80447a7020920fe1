// Ready code to call the assistant from a program, in tabs: curl, fetch, Python and JavaScript with the
// OpenAI clients; filled with this instance's address, the assistant and a fresh secret key. (The website
// widget's tag has its own builder, WidgetSnippetCard.)
import { Card, Stack, Tabs, Text, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CodeBlock } from './CodeBlock';
import { buildSnippets, SNIPPET_IDS, type SnippetId } from './snippets';

const LANGUAGE_OF: Record<SnippetId, string> = {
  curl: 'shell',
  fetch: 'JavaScript',
  python: 'Python',
  node: 'JavaScript (Node.js)',
};

export function Snippets({ assistantId, slug, secretKey }: { assistantId: string; slug: string; secretKey: string | null }) {
  const { t } = useTranslation('integration');
  const [tab, setTab] = useState<SnippetId>('curl');
  const question = t('snippets.sampleQuestion');
  const snippets = useMemo(
    () => buildSnippets({ origin: window.location.origin, assistantId, slug, secretKey, question }),
    [assistantId, slug, secretKey, question],
  );

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
              </Stack>
            </Tabs.Panel>
          ))}
        </Tabs>
        <Text size="sm" c="dimmed" aria-live="polite">
          {secretKey ? t('snippets.withKey') : t('snippets.placeholderSecret')}
        </Text>
      </Stack>
    </Card>
  );
}
