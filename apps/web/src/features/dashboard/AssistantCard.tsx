// One assistant on the dashboard: its name and description, language, whether it has a model, how much
// it knows and how much it was used this week, and the three places people go from here.
import { Anchor, Badge, Box, Button, Card, Group, Skeleton, Text, ThemeIcon, Title, Tooltip } from '@mantine/core';
import type { Assistant } from '@parley/contracts';
import { IconBooks, IconLanguage, IconMessages, IconQuote, IconRobot, IconSettings } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../lib/format';
import { useLanguageName } from '../assistants/languages';
import type { AssistantFigures } from './api';
import classes from './dashboard.module.css';

export function AssistantCard({
  assistant: a,
  figures,
  figuresPending,
}: {
  assistant: Assistant;
  /** undefined while loading or when the figures could not be loaded */
  figures: AssistantFigures | undefined;
  figuresPending: boolean;
}) {
  const { t } = useTranslation('dashboard');
  const format = useFormat();
  const languageName = useLanguageName();
  const base = `/assistants/${a.id}`;
  const noDocuments = figures?.documents === 0;

  const documents = !figures
    ? null
    : figures.indexedDocuments === figures.documents
      ? format.number(figures.documents)
      : t('card.indexedOf', { indexed: format.number(figures.indexedDocuments), total: format.number(figures.documents) });

  return (
    <Card withBorder padding="lg" radius="md" className={classes.card} data-testid="assistant-card" data-assistant-id={a.id}>
      <Box className={classes.body}>
        <Group wrap="nowrap" gap="sm" align="flex-start">
          <ThemeIcon size={40} radius="md" variant="light" aria-hidden>
            <IconRobot size={22} />
          </ThemeIcon>
          <Box style={{ minWidth: 0, flex: 1 }}>
            <Title order={2} size="h4" lineClamp={1}>
              <Anchor component={Link} to={`${base}/chat`} c="inherit" inherit dir="auto" className={classes.nameLink}>
                {a.name}
              </Anchor>
            </Title>
            <Group gap={6} mt={4}>
              <Badge variant="light" color="gray" leftSection={<IconLanguage size={12} aria-hidden />}>
                {languageName(a.language)}
              </Badge>
              {a.answerMode === 'extractive' && (
                <Tooltip label={t('card.extractiveHint')} multiline w={260} withArrow>
                  <Badge
                    variant="light"
                    color="orange"
                    leftSection={<IconQuote size={12} aria-hidden />}
                    tabIndex={0}
                    data-testid="badge-extractive"
                  >
                    {t('card.extractive')}
                  </Badge>
                </Tooltip>
              )}
            </Group>
          </Box>
        </Group>

        <Text size="sm" mt="sm" lineClamp={2} dir="auto" className={classes.description} c={a.description ? undefined : 'dimmed'}>
          {a.description || t('card.noDescription')}
        </Text>

        <Box component="dl" className={classes.stats} mt="md">
          <Stat label={t('card.documents')} pending={figuresPending} value={documents} />
          <Stat label={t('card.conversations7d')} pending={figuresPending} value={figures && format.number(figures.conversations7d)} />
          <Stat label={t('card.messages7d')} pending={figuresPending} value={figures && format.number(figures.messages7d)} />
        </Box>
        {noDocuments && (
          <Text size="sm" mt="xs">
            {t('card.noDocuments')}{' '}
            <Anchor component={Link} to={`${base}/knowledge`} size="sm">
              {t('card.addDocuments')}
            </Anchor>
          </Text>
        )}
      </Box>

      <Card.Section withBorder inheritPadding py="xs" mt="md">
        <Group gap="xs" wrap="wrap">
          <Button component={Link} to={`${base}/chat`} size="xs" variant="light" leftSection={<IconMessages size={14} aria-hidden />}>
            {t('card.chat')}
          </Button>
          <Button component={Link} to={`${base}/knowledge`} size="xs" variant="subtle" leftSection={<IconBooks size={14} aria-hidden />}>
            {t('card.knowledge')}
          </Button>
          <Button component={Link} to={`${base}/settings`} size="xs" variant="subtle" leftSection={<IconSettings size={14} aria-hidden />}>
            {t('card.settings')}
          </Button>
        </Group>
      </Card.Section>
    </Card>
  );
}

function Stat({ label, value, pending }: { label: string; value: ReactNode; pending: boolean }) {
  return (
    <div>
      <Text component="dt" size="xs" c="dimmed">
        {label}
      </Text>
      <Text component="dd" fw={650} size="lg" m={0}>
        {pending ? <Skeleton height={18} width={40} mt={4} /> : (value ?? '—')}
      </Text>
    </div>
  );
}
