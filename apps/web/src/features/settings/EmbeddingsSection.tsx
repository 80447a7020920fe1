// The instance's embedding model and answer mode, read-only: the server administrator sets them through
// environment variables, so this page explains rather than edits.
import { Badge, Card, Code, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconMessageChatbot, IconQuote } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState, LoadingState } from '../../components/states';
import { useFormat } from '../../lib/format';
import { useInstanceInfo } from './api';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="sm" fw={600} component="dt">
        {label}
      </Text>
      <Text size="sm" component="dd" m={0}>
        {children}
      </Text>
    </Stack>
  );
}

export function EmbeddingsSection() {
  const { t } = useTranslation('settings');
  const format = useFormat();
  const instance = useInstanceInfo();

  if (instance.isPending) return <LoadingState />;
  if (instance.error) return <ErrorState error={instance.error} onRetry={() => void instance.refetch()} />;
  const { embeddings, llm, version } = instance.data;
  const answerMode = llm.extractiveOnly ? 'extractive' : llm.instanceProvider ? 'model' : 'none';

  return (
    <Stack>
      <Card withBorder padding="lg" data-testid="embeddings-card">
        <Stack gap="sm">
          <Title order={2} size="h4">
            {t('embeddings.title')}
          </Title>
          <Text size="sm">{t('embeddings.description')}</Text>
          <SimpleGrid cols={{ base: 1, sm: 3 }} component="dl" m={0}>
            <Fact label={t('embeddings.provider')}>
              <Code dir="ltr">{embeddings.provider}</Code>
            </Fact>
            <Fact label={t('embeddings.model')}>
              <Code dir="ltr">{embeddings.model}</Code>
            </Fact>
            <Fact label={t('embeddings.dimensions')}>
              {embeddings.dimensions === null ? t('embeddings.dimensionsUnknown') : format.number(embeddings.dimensions)}
            </Fact>
          </SimpleGrid>
          <Text size="sm">
            {t('embeddings.howToChange')} <Code dir="ltr">PARLEY_EMBEDDINGS_*</Code> · <Code dir="ltr">docs/configuration.md</Code>
          </Text>
          <Text size="sm">{t('embeddings.reindex')}</Text>
        </Stack>
      </Card>

      <Card withBorder padding="lg" data-testid="answer-mode-card">
        <Stack gap="sm">
          <Group gap="xs">
            <Title order={2} size="h4">
              {t('answers.title')}
            </Title>
            <Badge
              variant="light"
              color={answerMode === 'model' ? 'indigo' : 'orange'}
              leftSection={answerMode === 'model' ? <IconMessageChatbot size={14} aria-hidden /> : <IconQuote size={14} aria-hidden />}
            >
              {t(`answers.badge.${answerMode}`)}
            </Badge>
          </Group>
          <Text size="sm">
            {answerMode === 'model' ? (
              <>
                {t('answers.model')} <Code dir="ltr">{llm.instanceProvider?.model}</Code>
              </>
            ) : (
              t(`answers.${answerMode}`)
            )}
          </Text>
          <Text size="sm">
            {t('answers.howToChange')} <Code dir="ltr">PARLEY_LLM_*</Code>
          </Text>
          <Text size="xs" c="dimmed">
            {t('answers.version')} <span dir="ltr">{version}</span>
          </Text>
        </Stack>
      </Card>
    </Stack>
  );
}
